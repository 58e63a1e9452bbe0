"""Runs a model through ztflm and through TFLM (tflite-micro) and checks they agree bit for bit."""
from __future__ import annotations

from typing import Optional, Sequence

import numpy as np
from tflite_micro.python.tflite_micro import runtime

import ztflm
from ztflm.compare import random_input


def random_inputs(ip: ztflm.Interpreter, rng: np.random.Generator) -> list[np.ndarray]:
    return [random_input(ip.get_input_details(i), rng) for i in range(ip.num_inputs())]


def run_tflm(model: bytes, inputs: Sequence[np.ndarray]) -> list[np.ndarray]:
    ip = runtime.Interpreter.from_bytes(model, arena_size=max(len(model) * 10, 1 << 20))
    for i, x in enumerate(inputs):
        ip.set_input(x, i)
    ip.invoke()
    outputs = []
    while True:
        try:
            outputs.append(np.array(ip.get_output(len(outputs))))
        except Exception:
            return outputs


def run_ztflm(model: bytes, inputs: Sequence[np.ndarray]) -> list[np.ndarray]:
    ip = ztflm.Interpreter.from_bytes(model)
    for i, x in enumerate(inputs):
        ip.set_input(x, i)
    ip.invoke()
    return [ip.get_output(i) for i in range(ip.num_outputs())]


def assert_bit_exact(model: bytes, inputs: Optional[Sequence[np.ndarray]] = None,
                     n_random: int = 5, seed: int = 0) -> list[np.ndarray]:
    """Same inputs through both; every output equal in dtype, shape and every byte."""
    ours = ztflm.Interpreter.from_bytes(model)
    theirs = runtime.Interpreter.from_bytes(model, arena_size=max(len(model) * 10, 1 << 20))
    rng = np.random.default_rng(seed)
    samples = [list(inputs)] if inputs is not None else [
        random_inputs(ours, rng) for _ in range(n_random)]
    last: list[np.ndarray] = []
    for sample in samples:
        # Both reuse input buffers for intermediates: set every input before every invoke.
        for i, x in enumerate(sample):
            ours.set_input(x, i)
            theirs.set_input(x, i)
        ours.invoke()
        theirs.invoke()
        last = []
        for k in range(ours.num_outputs()):
            a = ours.get_output(k)
            b = np.array(theirs.get_output(k))
            assert a.dtype == b.dtype, f"output {k}: dtype {a.dtype} vs TFLM {b.dtype}"
            assert a.shape == b.shape, f"output {k}: shape {a.shape} vs TFLM {b.shape}"
            if a.tobytes() != b.tobytes():
                diff = np.flatnonzero(a.reshape(-1) != b.reshape(-1))
                raise AssertionError(
                    f"output {k} differs from TFLM in {diff.size} of {a.size} elements; first at "
                    f"{diff[:5].tolist()}: ztflm {a.reshape(-1)[diff[:5]].tolist()} vs TFLM "
                    f"{b.reshape(-1)[diff[:5]].tolist()}")
            last.append(a)
    return last
