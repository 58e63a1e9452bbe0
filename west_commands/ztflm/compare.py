"""Running a model through TFLM's own interpreter (tflite-micro), to compare bit for bit.

TFLM runs in a process of its own: it prints its errors straight to stderr and may crash on
a model ztflm accepts, and neither may break the one-line error of the command."""
from __future__ import annotations

import io
import signal
import subprocess
import sys
from typing import Any, Optional

import numpy as np

from .errors import Error

# TFLM sizes nothing itself: room for its bookkeeping beside ztflm's exact arena.
TFLM_MIN_ARENA = 1 << 20
# kTfLiteAbort: an operator (CIRCULAR_BUFFER between strides) ended the invoke early.
TFLM_ABORT = 15

# Consecutive invokes of one interpreter (no reset between them: stateful models carry their
# state as they do on a device); step s sets inputs s_0... and gives outputs s_0... and the
# invoke's status (0, or kTfLiteAbort when an operator ended it early).
_SCRIPT = """\
import io, sys
import numpy as np
from tflite_micro.python.tflite_micro import runtime
z = np.load(io.BytesIO(sys.stdin.buffer.read()), allow_pickle=False)
ip = runtime.Interpreter.from_bytes(z["model"].tobytes(), arena_size=int(z["arena"]))
outs = {}
for s in range(int(z["steps"])):
    for i in range(int(z["inputs"])):
        ip.set_input(z[f"in{s}_{i}"], i)
    outs[f"status{s}"] = np.array(ip.invoke())
    for k in range(int(z["outputs"])):
        outs[f"out{s}_{k}"] = np.array(ip.get_output(k))
out = io.BytesIO()
np.savez(out, **outs)
sys.stdout.buffer.write(out.getvalue())
"""


def tflm_available() -> bool:
    try:
        import tflite_micro  # noqa: F401
    except ImportError:
        return False
    return True


def _why(r: subprocess.CompletedProcess[bytes]) -> str:
    if r.returncode < 0:
        try:
            name = signal.Signals(-r.returncode).name
        except ValueError:
            name = f"signal {-r.returncode}"
        return f"TFLM crashed ({name})"
    lines = [ln for ln in r.stderr.decode(errors="replace").splitlines() if ln.strip()]
    return f"TFLM could not run the model: {lines[-1].strip() if lines else 'no message'}"


def run_tflm(model: bytes, inputs: list[np.ndarray], outputs: int,
             ztflm_arena: int = 0, steps: int = 0,
             ran: Optional[list[bool]] = None) -> list[np.ndarray]:
    """Outputs of one invoke in the tflite-micro package; Error when TFLM fails or crashes.
    steps > 0: the inputs are sequences along their first axis, invoked one step after the
    other without reset, and each output comes stacked over the steps. ran: gets whether
    each invoke ran to its end (False: TFLM's kTfLiteAbort, an operator ended it early)."""
    if not steps:
        return run_tflm_steps(model, [inputs], outputs, ztflm_arena, ran)[0]
    per_step = run_tflm_steps(model, [[x[s] for x in inputs] for s in range(steps)], outputs,
                              ztflm_arena, ran)
    return [np.stack([step[k] for step in per_step]) for k in range(outputs)]


def run_tflm_steps(model: bytes, steps: list[list[np.ndarray]], outputs: int,
                   ztflm_arena: int = 0,
                   ran: Optional[list[bool]] = None) -> list[list[np.ndarray]]:
    """Outputs of consecutive invokes of one interpreter in the tflite-micro package, the
    inputs of each step in turn (stateful models carry their state from step to step);
    Error when TFLM fails or crashes. ran: as for run_tflm."""
    if not tflm_available():
        raise Error("--compare-tflm needs the tflite-micro package (pip install tflite-micro)")
    arena = max(len(model) * 10, TFLM_MIN_ARENA) + 2 * ztflm_arena
    inputs = len(steps[0]) if steps else 0
    payload = io.BytesIO()
    np.savez(payload, model=np.frombuffer(model, np.uint8), arena=arena, inputs=inputs,
             outputs=outputs, steps=len(steps),
             **{f"in{s}_{i}": np.ascontiguousarray(x)
                for s, step in enumerate(steps) for i, x in enumerate(step)})
    try:
        r = subprocess.run([sys.executable, "-c", _SCRIPT], input=payload.getvalue(),
                           capture_output=True)
    except OSError as e:
        raise Error(f"cannot run TFLM: {e.strerror or e}") from None
    if r.returncode != 0:
        raise Error(_why(r))
    try:
        with np.load(io.BytesIO(r.stdout), allow_pickle=False) as z:
            statuses = [int(z[f"status{s}"]) for s in range(len(steps))]
            results = [[z[f"out{s}_{k}"] for k in range(outputs)] for s in range(len(steps))]
    except (OSError, ValueError, KeyError, EOFError):
        raise Error("TFLM gave no outputs") from None
    failed = [st for st in statuses if st not in (0, TFLM_ABORT)]
    if failed:
        raise Error(f"TFLM's invoke failed with status {failed[0]}")
    if ran is not None:
        ran.extend(st == 0 for st in statuses)
    return results


def random_input(details: dict[str, Any], rng: np.random.Generator) -> np.ndarray:
    """A random tensor over the whole integer range, or a spread of floats."""
    dtype = np.dtype(details["dtype"])
    shape = tuple(int(d) for d in details["shape"])
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        return rng.integers(info.min, info.max, size=shape, endpoint=True, dtype=dtype)
    if dtype.kind == "b":
        return rng.integers(0, 2, size=shape).astype(dtype)
    return (rng.standard_normal(shape) * 3.0).astype(dtype)


def bit_exact(a: np.ndarray, b: np.ndarray) -> bool:
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()
