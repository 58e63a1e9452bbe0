"""Variable tensors (issue 14): kept in the persistent part of the arena, zeroed at allocate
and by reset, never shared with activations or with another tenant of the same arena."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from shared_models import MODELS
from stateful_models import svdf

import oracle
import ztflm

KWS = ["tflm_keyword_scrambled", "tflm_keyword_scrambled_8bit"]


def variables(ip: ztflm.Interpreter) -> list[int]:
    return [t for t in range(ip.num_tensors()) if ip.get_tensor_storage(t)["is_variable"]]


def test_variables_live_in_the_tail_outside_the_activations() -> None:
    ip = ztflm.Interpreter.from_file(MODELS / f"{KWS[0]}.tflite")
    found = variables(ip)
    assert len(found) == 7
    head = ip.arena_head_bytes()
    for t in found:
        offset = ip.tensor_arena_offset(t)
        assert offset is not None and offset >= head, (t, offset, head)


def test_two_stateful_tenants_of_one_arena_keep_their_own_state() -> None:
    """Alternated invokes of two stateful models sharing an arena, each against its own TFLM
    interpreter fed the same sequence; resetting one leaves the other's state alone."""
    models = [(MODELS / f"{m}.tflite").read_bytes() for m in KWS]
    alone = [ztflm.Interpreter.from_bytes(m) for m in models]
    shared = ztflm.Arena(max(ip.arena_head_bytes() for ip in alone)
                         + sum(ip.arena_tail_bytes() for ip in alone) + 64)
    ours = [ztflm.Interpreter.from_bytes(m, arena=shared) for m in models]
    theirs = [oracle.tflm_interpreter(m) for m in models]
    rng = np.random.default_rng(5)
    for step in range(12):
        if step == 6:
            ours[0].reset()
            theirs[0].reset()
        for ip, ref in zip(ours, theirs):
            x = oracle.random_inputs(ip, rng)[0]
            ip.set_input(x, 0)
            ref.set_input(x, 0)
            ip.invoke()
            ref.invoke()
            assert ip.get_output(0).tobytes() == np.array(ref.get_output(0)).tobytes(), step


def test_allocate_and_reset_zero_the_state() -> None:
    ip = ztflm.Interpreter.from_file(MODELS / f"{KWS[1]}.tflite")
    state = variables(ip)
    zero = {t: ip.get_tensor(t).tobytes() for t in state}
    rng = np.random.default_rng(1)
    for _ in range(3):
        ip.set_input(oracle.random_inputs(ip, rng)[0], 0)
        ip.invoke()
    assert any(ip.get_tensor(t).tobytes() != zero[t] for t in state)
    ip.reset()
    assert all(ip.get_tensor(t).tobytes() == zero[t] for t in state)


def test_run_stream_equals_invokes_without_reset_and_tflm() -> None:
    model = svdf(np.int8, state_dtype=np.int8)
    steps = np.random.default_rng(2).integers(-128, 128, (9, 2, 5), dtype=np.int8)
    ip = ztflm.Interpreter.from_bytes(model)
    stacked = ip.run_stream([steps])[0]
    tflm = oracle.tflm_interpreter(model)
    for n, x in enumerate(steps):
        tflm.set_input(x, 0)
        tflm.invoke()
        assert stacked[n].tobytes() == np.array(tflm.get_output(0)).tobytes(), n
    # Without reset the next stream goes on from the state the first one left.
    assert ip.run_stream([steps])[0].tobytes() != stacked.tobytes()
    ip.reset()
    assert ip.run_stream([steps])[0].tobytes() == stacked.tobytes()


def test_run_stream_refuses_sequences_of_different_lengths() -> None:
    ip = ztflm.Interpreter.from_bytes(svdf(np.float32))
    with pytest.raises(ztflm.Error, match="1 inputs, 2 sequences"):
        ip.run_stream([np.zeros((2, 2, 5), np.float32)] * 2)
    with pytest.raises(ztflm.Error, match="same number of steps"):
        ip.run_stream([np.float32(1.0)])


def test_committed_stateful_models_are_what_their_generator_writes() -> None:
    """tests/models/stateful/*.tflite (embedded by the Zephyr runtime suite)."""
    folder = Path(__file__).resolve().parents[1] / "models" / "stateful"
    assert (folder / "svdf_int8_int16_state.tflite").read_bytes() == \
        svdf(np.int8, state_dtype=np.int16)
