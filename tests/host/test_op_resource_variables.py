"""Resource variables (issue 14): VAR_HANDLE, READ_VARIABLE and ASSIGN_VARIABLE with CALL_ONCE
initializing them, bit-exact with TFLM across a stream and a reset, in the persistent part of
the exact arena, each tenant of an arena with its own; the malformed ones refused."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from control_flow_models import variable_model
from malformed import RESOURCE_VARIABLES

import oracle
import ztflm
from ztflm.model import describe

STREAM = Path(__file__).resolve().parents[1] / "models" / "control_flow" / \
    "stream_variable_float.tflite"


@pytest.mark.parametrize("dtype", [np.float32, np.int8])
def test_variable_streams_and_resets_as_tflm(dtype: type) -> None:
    """CALL_ONCE sets the variable at the first invoke; a reset fills it with its zero point
    (TFLM's ResetAll) and CALL_ONCE does not run again: TFLM's behaviour, which loses the
    initial value at a reset; ztflm matches it bit for bit."""
    outs = oracle.assert_stream_bit_exact(variable_model(dtype), steps=8)
    assert len({o.tobytes() for o in outs[:8]}) == 8
    assert outs[0].tobytes() != outs[8].tobytes()  # the initial value is not set again


def test_converted_streaming_model_with_a_tf_variable() -> None:
    """tf.Variable in a tf.Module, converted with resource variables: CALL_ONCE, VAR_HANDLE,
    READ_VARIABLE, ASSIGN_VARIABLE. state = 0.75 state + 0.25 x, output 2 state."""
    model = STREAM.read_bytes()
    oracle.assert_stream_bit_exact(model)
    ip = ztflm.Interpreter.from_bytes(model)
    ones = np.ones((1, 4), np.float32)
    seen = []
    for _ in range(2):
        for _ in range(2):
            ip.set_input(ones, 0)
            ip.invoke()
            seen.append(float(ip.get_output(0)[0, 0]))
        ip.reset()
    # From 0.5 (CALL_ONCE), then after the reset from 0: what TFLM gives too.
    assert seen == [1.25, 1.4375, 0.5, 0.875]


@pytest.mark.parametrize("make", [lambda: variable_model(np.float32),
                                  lambda: variable_model(np.int8), STREAM.read_bytes],
                         ids=["float32", "int8", "converted"])
def test_variables_fit_the_exact_arena_below_tflms(make) -> None:
    oracle.assert_arena_exact_and_below_tflm(make())


def test_two_tenants_of_one_arena_keep_their_own_variables() -> None:
    """The same model twice in one arena: each interpreter's variable is its own (TFLM's
    are each interpreter's MicroResourceVariables)."""
    model = variable_model(np.float32)
    alone = ztflm.Interpreter.from_bytes(model)
    shared = ztflm.Arena(alone.arena_head_bytes() + 2 * alone.arena_tail_bytes() + 64)
    ours = [ztflm.Interpreter.from_bytes(model, arena=shared) for _ in range(2)]
    theirs = [oracle.tflm_interpreter(model) for _ in range(2)]
    rng = np.random.default_rng(9)
    for step in range(8):
        if step == 4:
            ours[0].reset()
            theirs[0].reset()
        for k, (ip, ref) in enumerate(zip(ours, theirs)):
            x = rng.normal(0, 1 + k, (1, 4)).astype(np.float32)
            ip.set_input(x, 0)
            ref.set_input(x, 0)
            ip.invoke()
            ref.invoke()
            assert ip.get_output(0).tobytes() == np.array(ref.get_output(0)).tobytes(), step


@pytest.mark.parametrize("name", list(RESOURCE_VARIABLES))
def test_malformed_resource_variables_are_refused_with_one_line(name: str) -> None:
    make, match = RESOURCE_VARIABLES[name]
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(make(), arena_size=1 << 20)
    assert err.value.code == ztflm.Status.MODEL
    assert "\n" not in str(err.value) and "model: model:" not in str(err.value)


def test_info_counts_the_variable_operators_of_both_subgraphs() -> None:
    """The initialization subgraph's VAR_HANDLE and ASSIGN_VARIABLE count too: a generated
    resolver registers what CALL_ONCE runs."""
    counts = describe(STREAM).op_counts
    assert counts["VAR_HANDLE"] == 2 and counts["ASSIGN_VARIABLE"] == 2
    assert counts["READ_VARIABLE"] == 1 and counts["CALL_ONCE"] == 1
