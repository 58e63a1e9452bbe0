"""The loader firmware: many cases in one QEMU run, each case's error printed and the batch
going on, sizes bounded, and an exit status that fails when a case does not end as expected
(a fault or a lost case raises BatchError)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from batch import LOADER_MODEL_MAX, BatchError, Case, batch_file, loader, run_batch
from firmware import MODELS, TARGETS, pattern_inputs, qemu_command, tools
from shared_models import SUPPORTED, UNSUPPORTED_MODEL, UNSUPPORTED_OP

import ztflm


def available(core: str) -> bool:
    return all(shutil.which(t) for t in tools(core))


CORES = [pytest.param(c, marks=pytest.mark.skipif(not available(c), reason=f"{tools(c)} "
                                                  "are installed by `make setup`"))
         for c in sorted(TARGETS)]
HELLO = MODELS / "tflm_hello_world_int8.tflite"


def host_outputs(model: bytes, inputs: list[bytes] | None) -> tuple[int, list[bytes]]:
    """Arena and outputs of the host runner, inputs as bytes or the loader's pattern."""
    ip = ztflm.Interpreter.from_bytes(model)
    details = [ip.get_input_details(i) for i in range(ip.num_inputs())]
    xs = pattern_inputs(details)
    if inputs is not None:
        xs = [np.frombuffer(b, x.dtype).reshape(x.shape) for x, b in zip(xs, inputs)]
    for i, x in enumerate(xs):
        ip.set_input(x, i)
    ip.invoke()
    return ip.arena_used_bytes(), [ip.get_output(k).tobytes() for k in range(ip.num_outputs())]


# Models the loader's buffer cannot hold run as firmware of their own (test_qemu.py).
BATCHED = [m for m in SUPPORTED if (MODELS / f"{m}.tflite").stat().st_size <= LOADER_MODEL_MAX]


@pytest.mark.parametrize("core", CORES)
def test_every_supported_model_in_one_batch_equals_the_host_runner(core: str) -> None:
    models = [(MODELS / f"{m}.tflite").read_bytes() for m in BATCHED]
    results = run_batch(core, "reference", [Case(m, name=n) for m, n in zip(models, BATCHED)])
    for model, name, r in zip(models, BATCHED, results):
        assert r.status == "ok", (name, r.error)
        arena, outputs = host_outputs(model, None)
        assert r.arena == arena, name
        assert r.outputs == outputs, name
        assert r.instructions and r.instructions > 0


@pytest.mark.parametrize("core", CORES)
def test_failing_cases_print_the_runtime_error_and_the_batch_goes_on(core: str) -> None:
    hello = HELLO.read_bytes()
    kws = (MODELS / "mlperf_kws_dscnn_int8.tflite").read_bytes()
    unsupported = UNSUPPORTED_MODEL.read_bytes()
    results = run_batch(core, "reference", [
        Case(b"this is not a tflite model", expect="error", name="garbage"),
        Case(kws, arena=8192, expect="error", name="small arena"),
        Case(unsupported, expect="error", name="unregistered"),
        Case(b"\0" * (LOADER_MODEL_MAX + 16), expect="error", name="oversize"),
        Case(hello, inputs=[b"\x01\x02"], expect="error", name="wrong input size"),
        Case(hello, inputs=[b"\x05"], name="after the errors"),
    ], jobs=1)
    assert results[0].code == ztflm.Status.MODEL and "not a .tflite file" in results[0].error
    needed = ztflm.Interpreter.from_bytes(kws).arena_used_bytes()
    assert results[1].error == f"arena too small: needs {needed} bytes, has 8192"
    assert f"{UNSUPPORTED_OP} (builtin 52) at node 0" in results[2].error
    assert results[3].refused and f"the loader holds {LOADER_MODEL_MAX}" in results[3].error
    assert results[4].refused
    assert results[4].error == "inputs are 2 bytes, the model's inputs take 1"
    assert results[5].status == "ok"
    assert results[5].outputs == host_outputs(hello, [b"\x05"])[1]


@pytest.mark.parametrize("core", CORES)
def test_an_unexpected_failure_sets_the_exit_status(core: str) -> None:
    """A case expected to run that fails makes QEMU exit 1; run_batch checks the firmware
    said so and returns the failure for the test to report."""
    results = run_batch(core, "reference", [Case(HELLO.read_bytes(), name="fine"),
                                            Case(b"broken", name="expected to run")], jobs=1)
    assert [r.status for r in results] == ["ok", "failed"]


@pytest.mark.parametrize("core", CORES)
def test_a_fault_is_never_taken_for_a_result(core: str) -> None:
    hello = HELLO.read_bytes()
    with pytest.raises(BatchError, match=r"exited 3 after 1 of 3 cases, in case 1 \(trap\)"):
        run_batch(core, "reference", [Case(hello), Case(hello, trap=True, name="trap"),
                                      Case(hello)], jobs=1)


@pytest.mark.parametrize("core", CORES)
def test_instruction_counts_repeat_exactly(core: str) -> None:
    kws = (MODELS / "mlperf_kws_dscnn_int8.tflite").read_bytes()
    a, b = run_batch(core, "reference", [Case(kws), Case(kws)], jobs=1)
    assert a.outputs == b.outputs
    # The AN547's FPGAIO counter runs free from reset (50 instructions a tick), so a second
    # case in the same run starts at another phase and may read one tick apart; the same
    # position in a fresh run repeats exactly on every core.
    if core != "m55":
        assert a.instructions == b.instructions
    c, d = run_batch(core, "reference", [Case(kws), Case(kws)], jobs=1)
    assert (c.instructions, d.instructions) == (a.instructions, b.instructions)


@pytest.mark.parametrize("core", CORES)
def test_a_truncated_batch_file_exits_2(core: str, tmp_path: Path) -> None:
    data = batch_file([Case(HELLO.read_bytes())])
    path = tmp_path / "short.bin"
    path.write_bytes(data[:-100])
    p = subprocess.run(qemu_command(loader(core), core, (str(path),)), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, timeout=120)
    assert p.returncode == 2, p.stdout
    assert "ztflm-loader: batch file is shorter than a case says" in p.stdout
