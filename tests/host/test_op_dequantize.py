"""DEQUANTIZE is bit-exact with TFLM: int8, int16 and uint8 to float32 via a double product."""
import numpy as np
import pytest

import oracle
from modelbuilder import ModelBuilder


def build(shape, in_dtype, q):
    b = ModelBuilder()
    x = b.input(shape, in_dtype, scale=q[0], zero_point=q[1])
    y = b.tensor(shape, np.float32)
    b.op("DEQUANTIZE", [x], [y])
    b.output(y)
    return b.build()


QUANT = [(0.05, 0), (0.1, -128), (0.0123, 17), (1.0, 127), (1e-7, -5), (3.7e3, 1), (1 / 3, 2)]


@pytest.mark.parametrize("q", QUANT)
def test_dequantize_int8_like_tflm(q):
    oracle.assert_bit_exact(build([2, 5, 7], np.int8, q))


@pytest.mark.parametrize("q", [(0.05, 0), (1e-4, 0), (1 / 3, 0), (0.01, 12)])
def test_dequantize_int16_like_tflm(q):
    oracle.assert_bit_exact(build([3, 50], np.int16, q))


@pytest.mark.parametrize("q", [(0.05, 128), (1 / 3, 0), (0.02, 255)])
def test_dequantize_uint8_like_tflm(q):
    oracle.assert_bit_exact(build([3, 50], np.uint8, q))


def test_dequantize_every_int8_value_like_tflm():
    x = np.arange(-128, 128, dtype=np.int8)
    oracle.assert_bit_exact(build([256], np.int8, (0.0731, -9)), inputs=[x])


def test_dequantize_rejects_float_input():
    import ztflm

    b = ModelBuilder()
    x = b.input([4], np.float32)
    y = b.tensor([4], np.float32)
    b.op("DEQUANTIZE", [x], [y])
    b.output(y)
    with pytest.raises(ztflm.Error, match="not supported"):
        ztflm.Interpreter.from_bytes(b.build())
