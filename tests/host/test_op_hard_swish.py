"""HARD_SWISH is bit-exact with TFLM on every int8 value at scales that take each branch of its
16-bit fixed point (the relu-ish factor shifted left with saturation, not at all, or right by
up to 31 bits), and on float32 specials; int16 and the scales TFLM refuses are refused."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder


def build(dtype, in_q=(0.1, 0), out_q=(0.1, 0), shape=(2, 128)):
    b = ModelBuilder()
    q = dtype != np.float32
    x = b.input(list(shape), dtype, scale=in_q[0] if q else None, zero_point=in_q[1])
    y = b.tensor(list(shape), dtype, scale=out_q[0] if q else None, zero_point=out_q[1])
    b.op("HARD_SWISH", [x], [y])
    b.output(y)
    return b.build()


ALL_INT8 = [np.arange(-128, 128, dtype=np.int8).reshape(2, 128)]
# Input scale, zero point -> output scale, zero point. The relu-ish exponent is about
# log2(input scale * 85): left shifts from scales above 1/85, right shifts below, past 15 bits
# (where TFLM's int16 rounding turns odd) below 2^-22; the output exponent is 0 when the
# output scale is 1/128 of the input's.
SCALES = [((0.1, 0), (0.1, 0)), ((0.05, -20), (0.03, 17)), ((0.5, 100), (0.02, -128)),
          ((0.003, 3), (0.01, 0)), ((2.0, -128), (1.5, 127)), ((40.0, 10), (60.0, -3)),
          ((1e-5, 0), (1e-4, 5)), ((1e-7, -100), (2e-8, 0)), ((2e-9, 50), (1e-9, -50)),
          ((0.1, 7), (0.1 / 127, 0)), ((0.02, 0), (6.0, -128))]


@pytest.mark.parametrize("in_q,out_q", SCALES)
def test_int8_every_value_like_tflm(in_q, out_q):
    oracle.assert_bit_exact(build(np.int8, in_q, out_q), inputs=ALL_INT8)


def test_float32_like_tflm():
    x = np.array([0.0, -0.0, 1.5, -1.5, -3.0, 3.0, -2.9999998, 6.0, 1e30, -1e30, np.inf,
                  -np.inf, np.nan, -3.25, 1e-40, -1e-40], np.float32)
    oracle.assert_bit_exact(build(np.float32, shape=(16,)), inputs=[x])
    oracle.assert_bit_exact(build(np.float32, shape=(3, 7, 5)), n_random=3)


@pytest.mark.parametrize("dtype,name", [(np.int8, "hard_swish_s8_ref"),
                                        (np.float32, "hard_swish_f32_ref")])
def test_each_type_runs_its_reference_variant(dtype, name):
    assert ztflm.Interpreter.from_bytes(build(dtype)).get_node_kernel(0) == name


def test_an_input_scale_over_128_times_the_output_s_is_refused_like_tflm():
    model = build(np.int8, (1.0, 0), (1.0 / 256, 0))
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, ALL_INT8)
    with pytest.raises(ztflm.Error, match="HARD_SWISH .*over 128 times") as err:
        ztflm.Interpreter.from_bytes(model)
    assert err.value.code == ztflm.Status.UNSUPPORTED


def test_int16_is_refused_like_tflm():
    model = build(np.int16)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.zeros((2, 128), np.int16)])
    with pytest.raises(ztflm.Error, match="INT16 input and INT16 output are not supported"):
        ztflm.Interpreter.from_bytes(model)
