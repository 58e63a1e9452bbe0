"""LEAKY_RELU is bit-exact with TFLM on every int8 value and a sweep of int16 values at any
scales and alphas (positive, zero, negative, above one), and on float32 including inf and NaN."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder


def build(dtype, alpha, in_q=(None, 0), out_q=(None, 0), shape=(2, 128)):
    b = ModelBuilder()
    x = b.input(list(shape), dtype, scale=in_q[0], zero_point=in_q[1])
    y = b.tensor(list(shape), dtype, scale=out_q[0], zero_point=out_q[1])
    b.op("LEAKY_RELU", [x], [y], "LeakyReluOptions", alpha=alpha)
    b.output(y)
    return b.build()


ALPHAS = [0.2, 0.01, 0.0, -0.5, 1.7, 3.0]
ALL_INT8 = [np.arange(-128, 128, dtype=np.int8).reshape(2, 128)]


@pytest.mark.parametrize("alpha", ALPHAS)
@pytest.mark.parametrize("in_q,out_q", [((0.1, 0), (0.1, 0)), ((0.05, -20), (0.08, 17)),
                                        ((0.5, 100), (0.02, -128)), ((0.003, 3), (1.5, 0))])
def test_int8_every_value_like_tflm(alpha, in_q, out_q):
    oracle.assert_bit_exact(build(np.int8, alpha, in_q, out_q), inputs=ALL_INT8)


@pytest.mark.parametrize("alpha", ALPHAS)
@pytest.mark.parametrize("in_q,out_q", [((0.001, 0), (0.001, 0)), ((0.0004, 0), (0.0011, 0)),
                                        ((0.01, 5), (0.002, -3))])
def test_int16_like_tflm(alpha, in_q, out_q):
    x = np.linspace(-32768, 32767, 256).astype(np.int16).reshape(2, 128)
    oracle.assert_bit_exact(build(np.int16, alpha, in_q, out_q), inputs=[x])
    oracle.assert_bit_exact(build(np.int16, alpha, in_q, out_q), n_random=2, seed=1)


@pytest.mark.parametrize("alpha", ALPHAS)
def test_float32_like_tflm(alpha):
    x = np.array([0.0, -0.0, 1.5, -1.5, 1e30, -1e30, np.inf, -np.inf, np.nan, -3.25],
                 np.float32)
    model = build(np.float32, alpha, shape=(10,))
    oracle.assert_bit_exact(model, inputs=[x])
    oracle.assert_bit_exact(build(np.float32, alpha, shape=(3, 7, 5)), n_random=3)


def test_each_type_runs_its_reference_variant():
    for dtype, q, name in [(np.int8, (0.1, 0), "leaky_relu_s8_ref"),
                           (np.int16, (0.1, 0), "leaky_relu_s16_ref"),
                           (np.float32, (None, 0), "leaky_relu_f32_ref")]:
        ip = ztflm.Interpreter.from_bytes(build(dtype, 0.2, q, q))
        assert ip.get_node_kernel(0) == name


def test_an_alpha_whose_multiplier_shifts_out_every_bit_is_refused():
    with pytest.raises(ztflm.Error, match="LEAKY_RELU .*too large for the output scale") as err:
        ztflm.Interpreter.from_bytes(build(np.int8, 3e9, (1.0, 0), (0.001, 0)))
    assert err.value.code == ztflm.Status.UNSUPPORTED


def test_an_int8_input_with_a_float_output_is_refused():
    b = ModelBuilder()
    x = b.input([4], np.int8, scale=0.1, zero_point=0)
    y = b.tensor([4], np.float32)
    b.op("LEAKY_RELU", [x], [y], "LeakyReluOptions", alpha=0.1)
    b.output(y)
    with pytest.raises(ztflm.Error, match="LEAKY_RELU") as err:
        ztflm.Interpreter.from_bytes(b.build())
    assert err.value.code in (ztflm.Status.MODEL, ztflm.Status.UNSUPPORTED)
