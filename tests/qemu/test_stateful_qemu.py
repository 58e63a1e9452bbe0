"""Stateful models and models with control flow bare metal (issue 14): 20 invokes back to
back, reset, the same 20 again, on each emulated core, every output of every invoke bit-exact
with TFLM fed the same inputs in the same order of invokes and resets. The shared keyword
models' outputs are the same on every invoke (their scrambled weights saturate the softmax),
so SVDF and LSTM models from the builder, whose outputs follow the state, run too."""
from __future__ import annotations

import os
import re
import shutil

import numpy as np
import pytest
from control_flow_models import accumulator_model, if_model, variable_model, while_model
from firmware import BUILD, MODELS, ROOT, TARGETS, firmware, pattern_inputs, run, tools
from shared_models import STATEFUL
from stateful_models import circular_buffer_stream as circular_buffer
from stateful_models import lstm, svdf

import oracle
import ztflm

INVOKES = 20

# Builder models, written under build/ for the firmware to embed.
BUILT = {
    "svdf_f32": lambda: svdf(np.float32, activation="RELU"),
    "svdf_s8_s16_state": lambda: svdf(np.int8, state_dtype=np.int16),
    "svdf_s8_s8_state": lambda: svdf(np.int8, state_dtype=np.int8),
    "lstm_f32_time_major": lambda: lstm("float32", time_major=True, cell_clip=0.5),
    "lstm_s8": lambda: lstm("int8", cell_clip=0.3),
    "lstm_16x8": lambda: lstm("16x8"),
    # Control flow (a firmware built with ZTFLM_SUBGRAPHS for the model: firmware.py).
    "cf_if": if_model,
    "cf_while_if": lambda: while_model(nested_if=True),
    "cf_accumulator": accumulator_model,
    "cf_variable_f32": lambda: variable_model(np.float32),
    "cf_variable_s8": lambda: variable_model(np.int8),
    # CIRCULAR_BUFFER: the buffer as the output (stopped invokes print it too), and with its
    # bool output (never stops) before a RELU.
    "cb_buffer": lambda: circular_buffer(3, slots=4, after=False),
    "cb_valid": lambda: circular_buffer(2, slots=3, valid=True),
}
# Converter-made control flow (tests/models/control_flow/generate.py).
CONVERTED = {"gru_while_float", "cond_if_float", "stream_variable_float"}


def model_path(name: str):
    if name in CONVERTED:
        return ROOT / "tests" / "models" / "control_flow" / f"{name}.tflite"
    if name not in BUILT:
        return MODELS / f"{name}.tflite"
    path = BUILD / "stateful" / f"{name}.tflite"
    data = BUILT[name]()
    if not path.exists() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole under this process's name, then renamed (parallel workers).
        tmp = path.with_name(f"{path.name}.{os.getpid()}")
        tmp.write_bytes(data)
        tmp.replace(path)
    return path


def core_param(core: str) -> object:
    missing = [t for t in tools(core) if not shutil.which(t)]
    return pytest.param(core, marks=pytest.mark.skipif(bool(missing), reason=f"no {missing}"))


def tflm_stream(path, stopped: list[int]) -> list[bytes]:
    """TFLM's outputs, in order, for the stream main.c runs with FW_INVOKES; stopped gets
    the invokes it aborted (kTfLiteAbort, 15)."""
    model = path.read_bytes()
    tflm = oracle.tflm_interpreter(model)
    host = ztflm.Interpreter.from_bytes(model)
    details = [host.get_input_details(i) for i in range(host.num_inputs())]
    out = []
    for n in range(2 * INVOKES):
        if n == INVOKES:
            tflm.reset()
        for i, x in enumerate(pattern_inputs(details, n % INVOKES)):
            tflm.set_input(x, i)
        if tflm.invoke() == 15:
            stopped.append(n)
        out += [np.array(tflm.get_output(k)).tobytes()
                for k in range(oracle.outputs_count(model))]
    return out


@pytest.mark.parametrize("core", [core_param(c) for c in sorted(TARGETS)])
@pytest.mark.parametrize("model", [*STATEFUL, *BUILT, *sorted(CONVERTED)])
def test_stream_then_reset_is_bit_exact_with_tflm(model: str, core: str) -> None:
    path = model_path(model)
    result = run(firmware(path, core, invokes=INVOKES), core)
    assert result.returncode == 0, result.console
    blocks = re.findall(r"^output \d+\n([0-9a-f]*)\nend$", result.console, re.M)
    stopped: list[int] = []
    expected = tflm_stream(path, stopped)
    assert [int(n) for n in re.findall(r"^stopped (\d+)$", result.console, re.M)] == stopped
    assert len(blocks) == len(expected)
    for n, (ours, theirs) in enumerate(zip(blocks, expected)):
        assert bytes.fromhex(ours) == theirs, f"invoke {n}"
    if model in BUILT:
        # The state changes the outputs along the stream, so a lost state would fail.
        assert len(set(expected[:INVOKES])) > 1
