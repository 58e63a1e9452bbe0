"""CIRCULAR_BUFFER, TFLM's custom streaming operator, against tflite-micro.

Its state is the buffer TFLM keeps in its output tensor. With a variable output (as here)
TFLM fills it with the zero point at allocate and reset, and ztflm's state does the same:
streams are bit-exact across invokes and resets. A stopped invoke (TFLM's kTfLiteAbort,
ztflm's ZTFLM_STOPPED) leaves the outputs after the node stale in both, at places their
planners chose, so those outputs are compared on the invokes that ran to their end."""
from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from malformed import CIRCULAR_BUFFER, circular_buffer
from stateful_models import circular_buffer_stream as stream_model

import oracle
import ztflm

OP = "CIRCULAR_BUFFER"  # the custom code TFLM registers it under
ABORT = 15  # TFLM's kTfLiteAbort, the status tflite_micro's invoke returns


def numpy_stream(samples: list[np.ndarray], slots: int, cycles: int,
                 fill: int = 3) -> list[tuple[np.ndarray, bool]]:
    """TFLM's C++ semantics: shift, append, run every cycles-th invoke."""
    buf = np.full((slots, samples[0].size), fill, np.int8)
    until, out = cycles, []
    for x in samples:
        buf = np.concatenate([buf[1:], x.reshape(1, -1)])
        until -= 1
        run = until <= 0
        if run:
            until = cycles
        out.append((buf.copy(), run))
    return out


def stream(model: bytes, steps: int = 20, rounds: int = 2, seed: int = 0,
           compare_stopped: bool = False) -> list[bool]:
    """steps random inputs, reset, the same again: each invoke's status equal, and every
    output equal on invokes that ran to the end (on all when compare_stopped). Returns
    ztflm's completions."""
    ours = ztflm.Interpreter.from_bytes(model)
    theirs = oracle.tflm_interpreter(model)
    rng = np.random.default_rng(seed)
    samples = [oracle.random_inputs(ours, rng) for _ in range(steps)]
    done: list[bool] = []
    for r in range(rounds):
        if r:
            ours.reset()
            theirs.reset()
        for n, sample in enumerate(samples):
            for ip in (ours, theirs):
                for k, x in enumerate(sample):
                    ip.set_input(x, k)
            ran = ours.invoke()
            status = theirs.invoke()
            assert status in (0, ABORT), status
            assert ran == (status == 0), (r, n, ran, status)
            if ran or compare_stopped:
                try:
                    oracle.assert_same_outputs(
                        [ours.get_output(k) for k in range(ours.num_outputs())],
                        [np.array(theirs.get_output(k))
                         for k in range(oracle.outputs_count(model))])
                except AssertionError as e:
                    raise AssertionError(f"round {r}, invoke {n}: {e}") from None
            done.append(ran)
    return done


@pytest.mark.parametrize("cycles", [1, 2, 3, 7])
def test_buffer_as_graph_output_streams_bit_exact(cycles: int) -> None:
    done = stream(stream_model(cycles, after=False), compare_stopped=True)
    assert done == [(n + 1) % cycles == 0 for n in range(20)] * 2


@pytest.mark.parametrize("cycles,slots,depth", [(1, 1, (1, 1)), (2, 3, (1, 4)),
                                                (3, 5, (2, 3)), (4, 13, (1, 8))])
def test_stopping_stream_is_bit_exact_where_it_runs(cycles: int, slots: int,
                                                    depth: tuple[int, int]) -> None:
    done = stream(stream_model(cycles, slots, depth))
    assert sum(done) == 2 * (20 // cycles)


@pytest.mark.parametrize("cycles", [1, 2, 5])
def test_valid_output_runs_every_invoke_bit_exact(cycles: int) -> None:
    """With a second (bool) output, the pip package's kernel never stops: it says whether
    this invoke completed a stride."""
    done = stream(stream_model(cycles, valid=True))
    assert all(done)


def test_matches_the_numpy_model_of_tflm() -> None:
    model = stream_model(3, slots=4, after=False, valid=True)
    ip = ztflm.Interpreter.from_bytes(model)
    rng = np.random.default_rng(3)
    samples = [rng.integers(-128, 128, (1, 1, 1, 4), dtype=np.int8) for _ in range(20)]
    for (want, run), x in zip(numpy_stream(samples, 4, 3), samples):
        ip.set_input(x, 0)
        assert ip.invoke()
        assert ip.get_output(0).reshape(4, 4).tobytes() == want.tobytes()
        assert bool(ip.get_output(1)[0]) == run


def test_planned_output_differs_from_tflm_only_before_it_fills() -> None:
    """With a planned (non-variable) output TFLM's buffer starts as whatever its arena held
    and survives a reset; ztflm's starts and restarts at the zero point. Once slots inputs
    have passed, both hold the same; TFLM's pre-reset samples show after its reset."""
    model = stream_model(1, slots=3, after=False, variable=False)
    ours = ztflm.Interpreter.from_bytes(model)
    theirs = oracle.tflm_interpreter(model)
    samples = [np.full((1, 1, 1, 4), 10 + n, np.int8) for n in range(6)]
    for n, x in enumerate(samples):
        if n == 4:
            ours.reset()
            theirs.reset()
        ours.set_input(x, 0)
        theirs.set_input(x, 0)
        ours.invoke()
        theirs.invoke()
        a, b = ours.get_output(0).reshape(3, 4), np.array(theirs.get_output(0)).reshape(3, 4)
        if n in (2, 3):
            assert a.tobytes() == b.tobytes(), n
        if n == 4:
            assert (a[:2] == 3).all() and (b[:2] == [[12] * 4, [13] * 4]).all(), (a, b)


def test_reset_between_strides_restarts_the_count() -> None:
    model = stream_model(3, after=False)
    ip = ztflm.Interpreter.from_bytes(model)
    x = np.ones((1, 1, 1, 4), np.int8)
    ip.set_input(x, 0)
    assert [ip.invoke() for _ in range(2)] == [False, False]
    ip.reset()
    assert [ip.invoke() for _ in range(3)] == [False, False, True]


def test_two_tenants_of_one_arena_keep_their_own_buffers() -> None:
    model = stream_model(2, after=False)
    alone = ztflm.Interpreter.from_bytes(model)
    shared = ztflm.Arena(alone.arena_head_bytes() + 2 * alone.arena_tail_bytes() + 64)
    ours = [ztflm.Interpreter.from_bytes(model, arena=shared) for _ in range(2)]
    theirs = [oracle.tflm_interpreter(model) for _ in range(2)]
    rng = np.random.default_rng(5)
    for step in range(10):
        if step == 5:
            ours[1].reset()
            theirs[1].reset()
        for ip, ref in zip(ours, theirs):
            x = rng.integers(-128, 128, (1, 1, 1, 4), dtype=np.int8)
            ip.set_input(x, 0)
            ref.set_input(x, 0)
            assert ip.invoke() == (ref.invoke() == 0)
            assert ip.get_output(0).tobytes() == np.array(ref.get_output(0)).tobytes(), step


@pytest.mark.parametrize("valid", [False, True])
def test_arena_is_exact_and_below_tflm(valid: bool) -> None:
    oracle.assert_arena_exact_and_below_tflm(stream_model(2, slots=5, valid=valid))


def test_tflm_runs_without_cycles_max_from_a_process_wide_count() -> None:
    """TFLM runs a node without options, cycles_max from a static count of the nodes it
    prepared (so the same model strides differently in a later interpreter); ztflm refuses."""
    model = circular_buffer(None)
    assert oracle.tflm_interpreter(model).invoke() in (0, ABORT)
    with pytest.raises(ztflm.Error, match="'cycles_max' is missing") as err:
        ztflm.Interpreter.from_bytes(model)
    assert str(err.value).startswith(f"{OP} (custom) at node 0: "), err.value


@pytest.mark.parametrize("dtype", [np.int16, np.float32])
def test_only_int8_as_tflm(dtype: Any) -> None:
    model = circular_buffer(2, dtype=dtype)
    with pytest.raises(RuntimeError):
        oracle.tflm_interpreter(model)
    with pytest.raises(ztflm.Error) as err:
        ztflm.Interpreter.from_bytes(model)
    assert err.value.code == ztflm.Status.UNSUPPORTED, err.value


@pytest.mark.parametrize("name", list(CIRCULAR_BUFFER))
def test_malformed_circular_buffers_are_refused_with_one_line(name: str) -> None:
    make, match = CIRCULAR_BUFFER[name]
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(make(), arena_size=1 << 20)
    assert err.value.code == ztflm.Status.MODEL
    assert "\n" not in str(err.value)


def test_stop_is_not_an_error() -> None:
    ip = ztflm.Interpreter.from_bytes(stream_model(2))
    assert ip.invoke() is False
    assert ip.invoke() is True


