"""Runs a model through ztflm and through TFLM (tflite-micro) and checks they agree bit for bit."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

import numpy as np
from case_record import record
from tflite_micro.python.tflite_micro import runtime
from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema

import ztflm
from ztflm.compare import random_input

# TFLM sizes nothing itself: an arena that fits any model the tests build.
TFLM_MIN_ARENA = 1 << 20


def tflm_interpreter(model: bytes) -> Any:
    return runtime.Interpreter.from_bytes(model, arena_size=max(len(model) * 10, TFLM_MIN_ARENA))


def outputs_count(model: bytes) -> int:
    """Outputs of subgraph 0, read from the model (tflite_micro's API does not say)."""
    return int(schema.Model.GetRootAs(model, 0).Subgraphs(0).OutputsLength())


# Floats planted into random float inputs: signed zeros, ties, clamp edges, large and tiny.
# No inf or NaN: TFLM converts them to integers through undefined casts in places.
FLOAT_SPECIALS = np.array([0.0, -0.0, 0.5, -0.5, 1.5, -2.5, 6.0, -6.0, 1.0, -1.0, 60.0, -60.0,
                           1e-30, -1e-30, 1e6, -1e6], np.float32)


def random_inputs(ip: ztflm.Interpreter, rng: np.random.Generator) -> list[np.ndarray]:
    """One sample: every input over its dtype's whole range (ints), or a spread of floats
    normal * 3 with a few FLOAT_SPECIALS at random places."""
    sample = [random_input(ip.get_input_details(i), rng) for i in range(ip.num_inputs())]
    for x in sample:
        if x.dtype in (np.float32, np.float64) and x.size:
            n = min(x.size // 4, len(FLOAT_SPECIALS))
            flat = x.reshape(-1)
            flat[rng.choice(x.size, n, replace=False)] = rng.choice(FLOAT_SPECIALS, n,
                                                                    replace=False)
    return sample


def _set_inputs(ip: Any, sample: Sequence[np.ndarray]) -> None:
    # Both runtimes reuse input buffers for intermediates: set every input before every invoke.
    for i, x in enumerate(sample):
        ip.set_input(x, i)


def run_tflm(model: bytes, inputs: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Outputs of one invoke of a fresh TFLM interpreter."""
    ip = tflm_interpreter(model)
    _set_inputs(ip, inputs)
    ip.invoke()
    return [np.array(ip.get_output(k)) for k in range(outputs_count(model))]


def tflm_crashes(model: bytes, inputs: Sequence[np.ndarray]) -> bool:
    """Whether TFLM dies on a signal (a segmentation fault, an abort) running one invoke of
    model on inputs, in a process of its own so that the test's survives. That process runs
    without the sanitizers of make test-py-san, which would turn the signal into an exit."""
    env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "ZTFLM_LIB")}
    with tempfile.TemporaryDirectory() as folder:
        case = Path(folder) / "case.npz"
        np.savez(case, np.frombuffer(model, np.uint8), *inputs)
        code = ("import sys, numpy as np, oracle; z = np.load(sys.argv[1]); "
                "oracle.run_tflm(z['arr_0'].tobytes(), "
                "[z[f'arr_{i}'] for i in range(1, len(z.files))])")
        done = subprocess.run([sys.executable, "-c", code, str(case)], capture_output=True,
                              cwd=Path(__file__).resolve().parent, env=env, timeout=120)
    return done.returncode < 0


def run_ztflm(model: bytes, inputs: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Outputs of one invoke of a fresh ztflm interpreter (exact arena)."""
    ip = ztflm.Interpreter.from_bytes(model)
    _set_inputs(ip, inputs)
    ip.invoke()
    return [ip.get_output(k) for k in range(ip.num_outputs())]


def assert_same_outputs(ours: Sequence[np.ndarray], theirs: Sequence[np.ndarray]) -> None:
    """Equal count, dtype, shape and every byte; the message shows the first differences."""
    assert len(ours) == len(theirs), f"{len(ours)} outputs vs TFLM {len(theirs)}"
    for k, (a, b) in enumerate(zip(ours, theirs)):
        assert a.dtype == b.dtype, f"output {k}: dtype {a.dtype} vs TFLM {b.dtype}"
        assert a.shape == b.shape, f"output {k}: shape {a.shape} vs TFLM {b.shape}"
        if a.tobytes() != b.tobytes():
            fa, fb = a.reshape(-1), b.reshape(-1)
            # Byte by byte per element: -0.0 against 0.0 and NaN payloads count too.
            ua, ub = (np.ascontiguousarray(f).view(np.uint8).reshape(f.size, -1) for f in (fa, fb))
            diff = np.flatnonzero(np.any(ua != ub, axis=1))
            raise AssertionError(
                f"output {k} differs from TFLM in {diff.size} of {a.size} elements; first at "
                f"{diff[:5].tolist()}: ztflm {fa[diff[:5]].tolist()} vs TFLM "
                f"{fb[diff[:5]].tolist()}")


Mask = Callable[[int, Sequence[np.ndarray]], Sequence[Optional[np.ndarray]]]


def _defined(expected: Sequence[np.ndarray], mask: Optional[np.ndarray]) -> np.ndarray:
    """TFLM's output with the elements it leaves unwritten (mask False) as ztflm's zeros."""
    if mask is None:
        return expected
    out = np.array(expected)
    out[~mask] = 0
    return out


def _invoke_both(model: bytes, ours: ztflm.Interpreter, theirs: Any,
                 sample: Sequence[np.ndarray]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """One invoke of each on the same inputs: (ztflm's outputs, TFLM's)."""
    _set_inputs(ours, sample)
    _set_inputs(theirs, sample)
    ours.invoke()
    theirs.invoke()
    return ([ours.get_output(k) for k in range(ours.num_outputs())],
            [np.array(theirs.get_output(k)) for k in range(outputs_count(model))])


def assert_bit_exact(model: bytes, inputs: Optional[Sequence[np.ndarray]] = None,
                     n_random: int = 5, seed: int = 0, *,
                     samples: Optional[Sequence[Sequence[np.ndarray]]] = None,
                     sequence: bool = False, written: Optional[Mask] = None,
                     tflm_model: Optional[bytes] = None) -> list[np.ndarray]:
    """The same inputs through ztflm and TFLM: every output equal in dtype, shape and every
    byte. The samples: inputs (one), samples (several), or n_random random ones. Both
    interpreters are reset between samples, so stateful models see independent runs; with
    sequence=True they are not: the samples are consecutive invokes (recorded as one case).
    written(k, TFLM's outputs of sample k) gives per output a mask of the elements TFLM
    writes (None: all): the others are whatever its arena held, and ztflm's zeros.
    tflm_model: what TFLM runs instead, the same computation in a form it takes (INT4 weights
    it refuses, given to it as int8). Returns ztflm's last outputs."""
    ours = ztflm.Interpreter.from_bytes(model)
    theirs = tflm_interpreter(model if tflm_model is None else tflm_model)
    rng = np.random.default_rng(seed)
    if samples is None:
        samples = [list(inputs)] if inputs is not None else [
            random_inputs(ours, rng) for _ in range(n_random)]
    last: list[np.ndarray] = []
    history: list[list[np.ndarray]] = []
    for n, sample in enumerate(samples):
        if n and not sequence:
            ours.reset()
            theirs.reset()
        last, expected = _invoke_both(model, ours, theirs, sample)
        if written is not None:
            expected = [_defined(e, m) for e, m in zip(expected, written(n, expected))]
        history.append(expected)
        if not sequence:
            record(model, sample, expected)  # ZTFLM_RECORD: replayed on QEMU (tests/qemu)
        try:
            assert_same_outputs(last, expected)
        except AssertionError as e:
            raise AssertionError(f"sample {n}: {e}") from None
    if sequence:
        record(model, [x for s in samples for x in s], [y for h in history for y in h],
               invokes=len(samples))
    return last


def assert_stream_bit_exact(model: bytes, steps: int = 20, seed: int = 0,
                            rounds: int = 2) -> list[np.ndarray]:
    """A stateful model fed steps random inputs back to back, then reset and fed the same
    inputs again (rounds times), through ztflm and TFLM in the same order of invokes and
    resets: every output of every invoke equal in dtype, shape and every byte. Not recorded
    for QEMU: a recorded case replays one invoke from a fresh state. Returns ztflm's outputs."""
    ours = ztflm.Interpreter.from_bytes(model)
    theirs = tflm_interpreter(model)
    rng = np.random.default_rng(seed)
    samples = [random_inputs(ours, rng) for _ in range(steps)]
    outputs: list[np.ndarray] = []
    for r in range(rounds):
        if r:
            ours.reset()
            theirs.reset()
        for n, sample in enumerate(samples):
            last, expected = _invoke_both(model, ours, theirs, sample)
            try:
                assert_same_outputs(last, expected)
            except AssertionError as e:
                raise AssertionError(f"round {r}, invoke {n}: {e}") from None
            outputs.extend(last)
    return outputs


def assert_arena_exact_and_below_tflm(model: bytes) -> int:
    """ztflm's exact arena runs the model, one byte less is refused as short, and it is no
    larger than TFLM's (its own allocation report). Returns the exact arena."""
    from ztflm.arena_report import tflm_arena

    exact = ztflm.Interpreter.from_bytes(model).arena_used_bytes()
    theirs = tflm_arena(model)
    assert theirs is not None and exact <= theirs, (exact, theirs)
    try:
        ztflm.Interpreter.from_bytes(model, arena_size=exact - 1)
    except ztflm.Error as e:
        assert e.code == ztflm.Status.ARENA, str(e)
    else:
        raise AssertionError(f"ran in {exact - 1} bytes, one less than its exact arena")
    return exact
