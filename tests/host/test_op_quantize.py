"""QUANTIZE is bit-exact with TFLM: float to int8/int16 and every integer requantization it runs."""
import numpy as np
import pytest

import oracle
from modelbuilder import ModelBuilder


def build(shape, in_dtype, out_dtype, qin, qout):
    b = ModelBuilder()
    x = b.input(shape, in_dtype, scale=qin[0], zero_point=qin[1])
    y = b.tensor(shape, out_dtype, scale=qout[0], zero_point=qout[1])
    b.op("QUANTIZE", [x], [y])
    b.output(y)
    return b.build()


@pytest.mark.parametrize("out_dtype", [np.int8, np.int16])
@pytest.mark.parametrize(
    "qout", [(0.05, 0), (0.1, -128), (0.0123, 17), (1.0, 127), (1e-3, -5), (3.7, 0)]
)
def test_quantize_float32_rounds_and_saturates_like_tflm(out_dtype, qout):
    oracle.assert_bit_exact(build([2, 5, 7], np.float32, out_dtype, (None, 0), qout))


def test_quantize_float32_halfway_values_round_away_from_zero_like_tflm():
    model = build([12], np.float32, np.int8, (None, 0), (0.5, 3))
    x = np.array([0.25, -0.25, 0.75, -0.75, 1.25, -1.25, 63.25, -64.25, 0.0, -0.0, 1e-9, -1e-9],
                 np.float32)
    oracle.assert_bit_exact(model, inputs=[x])


def test_quantize_float32_extreme_values_like_tflm():
    for zp in (0, 5, -5):
        model = build([8], np.float32, np.int8, (None, 0), (0.01, zp))
        x = np.array([1e30, -1e30, 3e9, -3e9, 2.2e7, -2.2e7, np.inf, -np.inf], np.float32)
        oracle.assert_bit_exact(model, inputs=[x])


REQUANTIZE = [
    (np.int8, np.int8),
    (np.int8, np.int16),
    (np.int8, np.int32),
    (np.int16, np.int8),
    (np.int16, np.int16),
    (np.int16, np.int32),
    (np.int32, np.int8),
    (np.int32, np.int16),
]


@pytest.mark.parametrize("in_dtype,out_dtype", REQUANTIZE)
@pytest.mark.parametrize(
    "qin,qout",
    [
        ((0.05, 3), (0.05, 3)),
        ((0.05, 3), (0.1, -7)),
        ((0.1, -7), (0.05, 3)),
        ((0.003, 0), (0.7, 0)),
        ((2.0, 1), (0.01, -1)),
    ],
)
def test_quantize_requantizes_integers_like_tflm(in_dtype, out_dtype, qin, qout):
    oracle.assert_bit_exact(build([3, 4, 5], in_dtype, out_dtype, qin, qout))


@pytest.mark.parametrize("zp_in,zp_out", [(-128, 0), (5, 133), (0, 0)])
def test_quantize_int8_to_uint8_like_tflm(zp_in, zp_out):
    oracle.assert_bit_exact(build([4, 6], np.int8, np.uint8, (0.1, zp_in), (0.1, zp_out)))
    oracle.assert_bit_exact(build([4, 6], np.int8, np.uint8, (0.1, zp_in), (0.07, zp_out)))


@pytest.mark.parametrize("zp_in,zp_out", [(128, 0), (133, 5), (0, -128)])
def test_quantize_uint8_to_int8_like_tflm(zp_in, zp_out):
    oracle.assert_bit_exact(build([4, 6], np.uint8, np.int8, (0.1, zp_in), (0.1, zp_out)))
    oracle.assert_bit_exact(build([4, 6], np.uint8, np.int8, (0.1, zp_in), (0.3, zp_out)))


@pytest.mark.parametrize("seed", range(20))
def test_quantize_int8_random_scales_like_tflm(seed):
    rng = np.random.default_rng(seed)
    qin = (float(10 ** rng.uniform(-3, 1)), int(rng.integers(-128, 128)))
    qout = (float(10 ** rng.uniform(-3, 1)), int(rng.integers(-128, 128)))
    oracle.assert_bit_exact(build([64], np.int8, np.int8, qin, qout), n_random=2, seed=seed)


def test_quantize_rejects_float32_to_int32():
    import ztflm

    with pytest.raises(ztflm.Error, match="not supported"):
        ztflm.Interpreter.from_bytes(build([4], np.float32, np.int32, (None, 0), (0.1, 0)))
