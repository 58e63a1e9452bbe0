"""The INT4-weight keyword spotter of tests/models/int4 (the benchmarks' and the cmsis_nn
tier's INT4 model): the committed file is what its generator writes, and it runs bit-exact
with TFLM, which takes INT4 weights for these int8 nodes itself."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import oracle
import ztflm

FOLDER = Path(__file__).resolve().parents[1] / "models" / "int4"
MODEL = FOLDER / "kws_dscnn_int4.tflite"


def generator() -> object:
    spec = importlib.util.spec_from_file_location("int4_models", FOLDER / "make_models.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_int4_model_is_what_its_generator_writes() -> None:
    assert MODEL.read_bytes() == generator().kws_dscnn_int4()  # type: ignore[attr-defined]


def test_int4_model_is_bit_exact_with_tflm() -> None:
    model = MODEL.read_bytes()
    ip = ztflm.Interpreter.from_bytes(model)
    kernels = [ip.get_node_kernel(i) for i in range(9)]
    assert all("_s4_" in k for k in kernels), kernels  # every convolution reads INT4
    out = oracle.assert_bit_exact(model, n_random=3)
    assert len(set(out[0].ravel().tolist())) > 1  # the scores are not all one value
