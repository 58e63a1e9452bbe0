"""Running a model through TFLM's own interpreter (tflite-micro), to compare bit for bit."""
from __future__ import annotations

from typing import Any

import numpy as np

from .errors import Error


def tflm_available() -> bool:
    try:
        import tflite_micro  # noqa: F401
    except ImportError:
        return False
    return True


def run_tflm(model: bytes, inputs: list[np.ndarray], outputs: int) -> list[np.ndarray]:
    """Outputs of one invoke in the tflite-micro package."""
    try:
        from tflite_micro.python.tflite_micro import runtime
    except ImportError:
        raise Error(
            "--compare-tflm needs the tflite-micro package (pip install tflite-micro)"
        ) from None
    ip = runtime.Interpreter.from_bytes(model, arena_size=max(len(model) * 10, 1 << 20))
    for i, x in enumerate(inputs):
        ip.set_input(x, i)
    ip.invoke()
    return [np.array(ip.get_output(i)) for i in range(outputs)]


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
