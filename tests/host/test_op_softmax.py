"""SOFTMAX is bit-exact with TFLM: int8 to int8 and int16, float32, several betas and ranks."""
from __future__ import annotations

import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder


def softmax_model(shape: list[int], dtype: type, beta: float, in_scale: float = 0.1,
                  in_zp: int = 0, out_dtype: type | None = None) -> bytes:
    b = ModelBuilder()
    out_dtype = out_dtype or dtype
    if dtype == np.float32:
        x = b.input(shape, np.float32)
        y = b.tensor(shape, np.float32)
    else:
        x = b.input(shape, np.int8, scale=in_scale, zero_point=in_zp)
        if out_dtype == np.int8:
            y = b.tensor(shape, np.int8, scale=1.0 / 256, zero_point=-128)
        else:
            y = b.tensor(shape, np.int16, scale=1.0 / 65536, zero_point=-32768)
    b.op("SOFTMAX", [x], [y], "SoftmaxOptions", beta=beta)
    b.output(y)
    return b.build()


SHAPES = [[1, 10], [1, 2], [3, 7], [2, 3, 5], [1, 1, 1, 12], [1, 64], [4, 1]]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("beta", [1.0, 0.5, 2.0])
@pytest.mark.parametrize("in_scale", [0.003, 0.05, 0.25, 1.7])
def test_int8_softmax_is_bit_exact(shape: list[int], beta: float, in_scale: float) -> None:
    oracle.assert_bit_exact(softmax_model(shape, np.int8, beta, in_scale, in_zp=5), n_random=8)


@pytest.mark.parametrize("shape", SHAPES)
def test_int8_to_int16_softmax_is_bit_exact(shape: list[int]) -> None:
    oracle.assert_bit_exact(softmax_model(shape, np.int8, 1.0, 0.1, out_dtype=np.int16),
                            n_random=8)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("beta", [1.0, 0.3, 3.0])
def test_float_softmax_is_bit_exact(shape: list[int], beta: float) -> None:
    oracle.assert_bit_exact(softmax_model(shape, np.float32, beta), n_random=8)


def test_float_softmax_with_large_logits_is_bit_exact() -> None:
    model = softmax_model([2, 6], np.float32, 1.0)
    x = np.array([[1e4, -1e4, 80.0, 88.0, -3.0, 0.0], [1e-30, 0, -0.0, 5, 5, 5]], np.float32)
    oracle.assert_bit_exact(model, inputs=[x])


def test_int8_output_with_the_wrong_scale_is_rejected() -> None:
    b = ModelBuilder()
    x = b.input([1, 4], np.int8, scale=0.1, zero_point=0)
    y = b.tensor([1, 4], np.int8, scale=1.0 / 128, zero_point=-128)
    b.op("SOFTMAX", [x], [y], "SoftmaxOptions", beta=1.0)
    b.output(y)
    with pytest.raises(ztflm.Error, match="SOFTMAX .*scale 1/256"):
        ztflm.Interpreter.from_bytes(b.build())
