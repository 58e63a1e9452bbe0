"""RELU and RELU6 are bit-exact with TFLM: RELU rescales int8/int16 to the output, RELU6 not."""
import numpy as np
import pytest

import oracle
from modelbuilder import ModelBuilder


def build(op, shape, dtype, qin=(None, 0), qout=(None, 0)):
    b = ModelBuilder()
    x = b.input(shape, dtype, scale=qin[0], zero_point=qin[1])
    y = b.tensor(shape, dtype, scale=qout[0], zero_point=qout[1])
    b.op(op, [x], [y])
    b.output(y)
    return b.build()


@pytest.mark.parametrize("op", ["RELU", "RELU6"])
def test_float32_clamps_like_tflm(op):
    oracle.assert_bit_exact(build(op, [2, 4, 4, 3], np.float32))
    x = np.array([0.0, -0.0, 6.0, 6.000001, -1e-30, np.nan, np.inf, -np.inf], np.float32)
    oracle.assert_bit_exact(build(op, [8], np.float32), inputs=[x])


@pytest.mark.parametrize(
    "qin,qout",
    [
        ((0.05, -3), (0.05, -3)),
        ((0.05, -3), (0.1, -128)),
        ((0.1, 20), (0.02, -100)),
        ((0.02, -128), (0.5, 4)),
        ((1.0, 127), (1.0, -128)),
    ],
)
def test_relu_int8_rescales_to_the_output_like_tflm(qin, qout):
    oracle.assert_bit_exact(build("RELU", [3, 5, 7], np.int8, qin, qout))


@pytest.mark.parametrize("qin,qout", [((1e-3, 0), (1e-3, 0)), ((1e-3, 0), (3e-4, 0))])
def test_relu_int16_rescales_like_tflm(qin, qout):
    oracle.assert_bit_exact(build("RELU", [3, 40], np.int16, qin, qout))


@pytest.mark.parametrize(
    "qin,qout",
    [
        ((0.05, -3), (0.05, -3)),
        ((0.05, -3), (0.2, 50)),
        ((0.1, 20), (0.02, -100)),
        ((0.01, -128), (0.01, -128)),
        ((0.03, 0), (0.03, 0)),
        ((1.0, -128), (0.5, 0)),
    ],
)
def test_relu6_int8_clamps_in_the_input_quantization_like_tflm(qin, qout):
    oracle.assert_bit_exact(build("RELU6", [3, 5, 7], np.int8, qin, qout))


@pytest.mark.parametrize("qin", [(1e-3, 0), (2e-4, 0), (1e-3, 100)])
def test_relu6_int16_like_tflm(qin):
    oracle.assert_bit_exact(build("RELU6", [3, 40], np.int16, qin, qin))


@pytest.mark.parametrize("op", ["RELU", "RELU6"])
def test_every_int8_value_like_tflm(op):
    x = np.arange(-128, 128, dtype=np.int8)
    oracle.assert_bit_exact(build(op, [256], np.int8, (0.031, 7), (0.047, -20)), inputs=[x])


@pytest.mark.parametrize("qin,qout", [((1e-3, 5), (1e-3, 0)), ((1e-3, 0), (1e-3, -2))])
def test_relu_int16_with_a_zero_point_is_refused_as_tflm_refuses_it(qin, qout):
    import ztflm

    model = build("RELU", [8], np.int16, qin, qout)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.zeros([8], np.int16)])
    with pytest.raises(ztflm.Error, match="RELU .*int16 tensor [01] needs a zero point of 0") as e:
        ztflm.Interpreter.from_bytes(model)
    assert e.value.code == ztflm.Status.UNSUPPORTED
