"""PRELU is bit-exact with TFLM on every pair of int8 input and int8 slope at scales far apart,
int16 inputs with int8 slopes, float32 specials, and every broadcast of the slope (per channel,
shared axes, scalar, a slope larger than the input, ranks up to 6 quantized); refuses what TFLM
refuses, misreads (an int16 slope for an int8 input) or crashes on (float32 above rank 4)."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder


def build(x_shape, a_shape, dtype, alpha_dtype=None, in_q=(0.1, 0), a_q=(0.05, 0),
          out_q=(0.1, 0), const_alpha=None, out_shape=None):
    b = ModelBuilder()
    q = dtype != np.float32
    alpha_dtype = alpha_dtype or (np.int8 if q else np.float32)
    qa = alpha_dtype != np.float32
    x = b.input(list(x_shape), dtype, scale=in_q[0] if q else None, zero_point=in_q[1])
    if const_alpha is not None:
        a = b.const(const_alpha.astype(alpha_dtype), scale=a_q[0] if qa else None,
                    zero_point=a_q[1])
    else:
        a = b.input(list(a_shape), alpha_dtype, scale=a_q[0] if qa else None,
                    zero_point=a_q[1])
    if out_shape is None:
        out_shape = np.broadcast_shapes(tuple(x_shape), tuple(a_shape))
    y = b.tensor(list(out_shape), dtype, scale=out_q[0] if q else None, zero_point=out_q[1])
    b.op("PRELU", [x, a], [y])
    b.output(y)
    return b.build()


QUANT = [((0.1, 0), (0.05, 0), (0.1, 0)), ((0.05, -20), (0.01, 7), (0.08, 17)),
         ((0.5, 100), (0.2, -128), (0.02, -128)), ((0.003, 3), (1.0, 127), (1.5, 0)),
         ((0.02, -5), (0.004, -30), (0.0005, 9))]


@pytest.mark.parametrize("in_q,a_q,out_q", QUANT)
def test_int8_every_input_with_every_slope_like_tflm(in_q, a_q, out_q):
    """A (256, 1) input against a (256,) slope: all 65536 pairs in one output."""
    model = build((256, 1), (256,), np.int8, in_q=in_q, a_q=a_q, out_q=out_q)
    x = np.arange(-128, 128, dtype=np.int8).reshape(256, 1)
    oracle.assert_bit_exact(model, inputs=[x, np.arange(-128, 128, dtype=np.int8)])


@pytest.mark.parametrize("in_q,a_q,out_q", [((0.001, 0), (0.01, 0), (0.001, 0)),
                                            ((0.0004, 0), (0.05, -3), (0.0011, 0)),
                                            ((0.01, 5), (0.002, 100), (0.002, -3))])
def test_int16_inputs_with_int8_slopes_like_tflm(in_q, a_q, out_q):
    model = build((64, 1), (32,), np.int16, in_q=in_q, a_q=a_q, out_q=out_q)
    x = np.linspace(-32768, 32767, 64).astype(np.int16).reshape(64, 1)
    oracle.assert_bit_exact(model, inputs=[x, np.arange(-128, 128, 8, dtype=np.int8)])
    oracle.assert_bit_exact(model, n_random=2, seed=1)


BROADCASTS = [((2, 3, 4), (4,)), ((2, 3, 4), (3, 1)), ((2, 3, 4), (2, 3, 4)),
              ((1, 5, 5, 3), (1, 1, 3)), ((1, 5, 5, 3), (5, 5, 3)), ((4,), (2, 4)),
              ((2, 1, 4), (3, 1)), ((3, 4), ()), ((), (3,)), ((7,), (1,))]


@pytest.mark.parametrize("dtype", [np.float32, np.int8, np.int16])
@pytest.mark.parametrize("x_shape,a_shape", BROADCASTS, ids=lambda s: "x".join(map(str, s)))
def test_every_slope_broadcast_like_tflm(dtype, x_shape, a_shape):
    oracle.assert_bit_exact(build(x_shape, a_shape, dtype), n_random=1)


@pytest.mark.parametrize("dtype", [np.int8, np.int16])
@pytest.mark.parametrize("x_shape,a_shape", [((2, 1, 3, 1, 2), (3, 2, 2)),
                                             ((1, 2, 1, 2, 1, 3), (2, 1, 1, 1))])
def test_quantized_ranks_5_and_6_like_tflm(dtype, x_shape, a_shape):
    oracle.assert_bit_exact(build(x_shape, a_shape, dtype), n_random=1)


def test_a_constant_slope_like_tflm():
    alpha = np.array([-1.5, 0.0, 0.25], np.float32)
    oracle.assert_bit_exact(build((2, 4, 3), (3,), np.float32, const_alpha=alpha), n_random=2)


def test_float_specials_like_tflm():
    x = np.array([0.0, -0.0, 1.5, -1.5, 1e30, -1e30, np.inf, -np.inf, np.nan, -3.25],
                 np.float32)
    a = np.array([0.5, -2.0, 0.0, 3.0, 1e10, 1e10, 0.5, 0.0, 2.0, np.inf], np.float32)
    oracle.assert_bit_exact(build((10,), (10,), np.float32), inputs=[x, a])


@pytest.mark.parametrize("dtype,name", [(np.int8, "prelu_s8_ref"), (np.int16, "prelu_s16_ref"),
                                        (np.float32, "prelu_f32_ref")])
def test_each_type_runs_its_reference_variant(dtype, name):
    assert ztflm.Interpreter.from_bytes(build((2, 3), (3,), dtype)).get_node_kernel(0) == name


def refused(model, match, code=ztflm.Status.UNSUPPORTED):
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(model)
    assert err.value.code == code


def test_an_int16_slope_for_an_int8_input_is_refused_as_tflm_misreads_it():
    """TFLM runs it, reading the int16 slope's bytes as int8 values."""
    model = build((4,), (4,), np.int8, alpha_dtype=np.int16)
    x = np.array([-10, -10, -10, -10], np.int8)
    alpha = np.array([1, 2, 3, 4], np.int16)
    misread = oracle.run_tflm(model, [x, alpha])[0]
    first_bytes = alpha.view(np.int8)[:4]
    as_int8 = oracle.run_tflm(build((4,), (4,), np.int8), [x, first_bytes])[0]
    assert misread.tolist() == as_int8.tolist()
    refused(model, "alpha has type INT16, TFLM reads it as INT8")


@pytest.mark.parametrize("dtype,alpha_dtype", [(np.int16, np.int16), (np.float32, np.int8)])
def test_other_slope_types_are_refused(dtype, alpha_dtype):
    refused(build((4,), (4,), dtype, alpha_dtype=alpha_dtype), "alpha has type")


def test_float32_above_rank_4_is_refused_as_tflm_crashes_on_it():
    model = build((1, 2, 1, 1, 3), (3,), np.float32)
    x = np.ones((1, 2, 1, 1, 3), np.float32)
    assert oracle.tflm_crashes(model, [x, np.ones(3, np.float32)])
    refused(model, "float32 tensors of rank above 4")


@pytest.mark.parametrize("x_shape,a_shape,out_shape,match", [
    ((2, 3), (4,), (2, 4), "do not broadcast"), ((2, 3), (3,), (2, 4), "output dimension 1")])
def test_shapes_that_do_not_broadcast_to_the_output_are_refused(x_shape, a_shape, out_shape,
                                                                 match):
    """TFLM does not check them: it walks the output shape through both inputs."""
    refused(build(x_shape, a_shape, np.int8, out_shape=out_shape), match, ztflm.Status.MODEL)


def test_a_slope_scale_whose_multiplier_shifts_out_every_bit_is_refused():
    refused(build((4,), (4,), np.int8, in_q=(1.0, 0), a_q=(1e9, 0), out_q=(1e-3, 0)),
            "too large for the output scale")
