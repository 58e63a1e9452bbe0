"""AVERAGE_POOL_2D and MAX_POOL_2D are bit-exact with TFLM: int8 and float32, windows,
strides, SAME and VALID padding, and every fused activation."""
from __future__ import annotations

import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder


def out_size(n: int, f: int, s: int, padding: str) -> int:
    return (n + s - 1) // s if padding == "SAME" else (n - f + s) // s


def pool_model(op: str, dtype: type, shape: list[int], filt: tuple[int, int],
               stride: tuple[int, int], padding: str, activation: str,
               scale: float = 0.07, zero_point: int = -5) -> bytes:
    n, h, w, c = shape
    oh, ow = out_size(h, filt[0], stride[0], padding), out_size(w, filt[1], stride[1], padding)
    b = ModelBuilder()
    q = {} if dtype == np.float32 else {"scale": scale, "zero_point": zero_point}
    x = b.input(shape, dtype, **q)
    y = b.tensor([n, oh, ow, c], dtype, **q)
    b.op(op, [x], [y], "Pool2DOptions", padding=padding, stride_h=stride[0],
         stride_w=stride[1], filter_height=filt[0], filter_width=filt[1],
         activation=activation)
    b.output(y)
    return b.build()


OPS = ["AVERAGE_POOL_2D", "MAX_POOL_2D"]
WINDOWS = [((2, 2), (2, 2)), ((3, 3), (1, 1)), ((3, 2), (2, 1)), ((5, 5), (3, 3)),
           ((1, 1), (2, 2)), ((7, 4), (1, 2))]
SHAPES = [[1, 8, 8, 3], [2, 7, 5, 4], [1, 13, 11, 1]]


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("dtype", [np.int8, np.float32], ids=["int8", "float"])
@pytest.mark.parametrize("window", WINDOWS, ids=lambda w: f"f{w[0]}s{w[1]}")
@pytest.mark.parametrize("padding", ["SAME", "VALID"])
@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "x".join(map(str, s)))
def test_pooling_is_bit_exact(op: str, dtype: type, window: tuple, padding: str,
                              shape: list[int]) -> None:
    filt, stride = window
    if padding == "VALID" and (filt[0] > shape[1] or filt[1] > shape[2]):
        pytest.skip("window larger than the input")
    oracle.assert_bit_exact(pool_model(op, dtype, shape, filt, stride, padding, "NONE"),
                            n_random=4)


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("dtype", [np.int8, np.float32], ids=["int8", "float"])
@pytest.mark.parametrize("activation", ["NONE", "RELU", "RELU6", "RELU_N1_TO_1"])
def test_pooling_fused_activation_is_bit_exact(op: str, dtype: type, activation: str) -> None:
    model = pool_model(op, dtype, [1, 9, 9, 2], (3, 3), (2, 2), "SAME", activation, scale=0.04)
    oracle.assert_bit_exact(model, n_random=6)


def test_pooling_output_shape_mismatch_is_rejected() -> None:
    b = ModelBuilder()
    x = b.input([1, 8, 8, 3], np.float32)
    y = b.tensor([1, 3, 4, 3], np.float32)
    b.op("MAX_POOL_2D", [x], [y], "Pool2DOptions", padding="VALID", stride_h=2, stride_w=2,
         filter_height=2, filter_width=2)
    b.output(y)
    with pytest.raises(ztflm.Error, match=r"MAX_POOL_2D .*output shape is not \[1, 4, 4, 3\]"):
        ztflm.Interpreter.from_bytes(b.build())


def test_pooling_with_different_input_and_output_scales_is_rejected() -> None:
    b = ModelBuilder()
    x = b.input([1, 4, 4, 1], np.int8, scale=0.1, zero_point=0)
    y = b.tensor([1, 2, 2, 1], np.int8, scale=0.2, zero_point=0)
    b.op("AVERAGE_POOL_2D", [x], [y], "Pool2DOptions", padding="VALID", stride_h=2,
         stride_w=2, filter_height=2, filter_width=2)
    b.output(y)
    with pytest.raises(ztflm.Error, match="scales differ"):
        ztflm.Interpreter.from_bytes(b.build())
