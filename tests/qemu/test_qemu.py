"""The runtime bare metal on emulated Cortex-M3 (mps2-an385), Cortex-M4 (mps2-an386) and
RV32IMAC (virt): every supported shared model gives the host runner's outputs bit for bit,
and errors (an unregistered op, a too-small arena) print the runtime's message and exit
non-zero."""
from __future__ import annotations

import shutil

import pytest
from firmware import MODELS, TARGETS, firmware, pattern_inputs, run, tools
from shared_models import SUPPORTED, UNSUPPORTED_MODEL, UNSUPPORTED_OP

import ztflm


def core_param(core: str) -> object:
    """A core, skipped when its compiler or QEMU is missing (`make setup` installs them)."""
    missing = [t for t in tools(core) if not shutil.which(t)]
    return pytest.param(core, marks=pytest.mark.skipif(bool(missing), reason=f"no {missing}"))


@pytest.mark.parametrize("core", [core_param(c) for c in sorted(TARGETS)])
@pytest.mark.parametrize("model", SUPPORTED)
def test_firmware_outputs_equal_the_host_runner_bit_for_bit(model: str, core: str) -> None:
    result = run(firmware(MODELS / f"{model}.tflite", core), core)
    assert result.returncode == 0, result.console
    host = ztflm.Interpreter.from_file(MODELS / f"{model}.tflite")
    details = [host.get_input_details(i) for i in range(host.num_inputs())]
    for i, x in enumerate(pattern_inputs(details)):
        host.set_input(x, i)
    host.invoke()
    assert result.arena == host.arena_used_bytes()
    assert result.instructions and result.instructions > 0
    assert sorted(result.outputs) == list(range(host.num_outputs()))
    for index, data in result.outputs.items():
        assert data == host.get_output(index).tobytes(), index


@pytest.mark.parametrize("core", [core_param("m3"), core_param("rv32")])
def test_unregistered_op_prints_the_error_and_fails(core: str) -> None:
    result = run(firmware(UNSUPPORTED_MODEL, core, arena=64 * 1024), core)
    assert result.returncode == 1
    assert f"{UNSUPPORTED_OP} (builtin 52) at node 0" in result.console


@pytest.mark.parametrize("core", [core_param("m3"), core_param("rv32")])
def test_too_small_arena_prints_the_bytes_needed_and_fails(core: str) -> None:
    needed = ztflm.Interpreter.from_file(MODELS / "mlperf_kws_dscnn_int8.tflite").arena_used_bytes()
    result = run(firmware(MODELS / "mlperf_kws_dscnn_int8.tflite", core, arena=8192), core)
    assert result.returncode == 1
    assert f"needs {needed} bytes" in result.console
