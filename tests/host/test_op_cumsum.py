"""CUMSUM is bit-exact with TFLM along every axis, exclusive or not, forwards or reversed, for
float32 (NaN payloads too) and int8 (scales far apart, sums long enough to wrap TFLM's int32,
TFLM's start from the rescaled zero point), with a constant axis or one given at run time;
axes out of range, scalars, other types and the scales TFLM aborts on are refused."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder

FLAGS = [(False, False), (True, False), (False, True), (True, True)]


def build(shape, axis, dtype, exclusive=False, reverse=False, in_q=(0.1, 0), out_q=(0.1, 0),
          const_axis=True, out_shape=None, axis_shape=(1,)):
    b = ModelBuilder()
    q = dtype == np.int8
    x = b.input(list(shape), dtype, scale=in_q[0] if q else None, zero_point=in_q[1])
    a = (b.const(np.full(axis_shape, axis, np.int32)) if const_axis
         else b.input(list(axis_shape), np.int32))
    y = b.tensor(list(out_shape or shape), dtype, scale=out_q[0] if q else None,
                 zero_point=out_q[1])
    b.op("CUMSUM", [x, a], [y], "CumsumOptions", exclusive=exclusive, reverse=reverse)
    b.output(y)
    return b.build()


@pytest.mark.parametrize("dtype", [np.float32, np.int8])
@pytest.mark.parametrize("exclusive,reverse", FLAGS)
def test_every_axis_of_a_rank_3_tensor_like_tflm(dtype, exclusive, reverse):
    for axis in range(-3, 3):
        model = build((2, 3, 4), axis, dtype, exclusive, reverse, in_q=(0.05, -3),
                      out_q=(0.2, 4))
        oracle.assert_bit_exact(model, n_random=1, seed=axis + 3)


@pytest.mark.parametrize("dtype", [np.float32, np.int8])
@pytest.mark.parametrize("shape,axis", [((9,), 0), ((2, 3, 1, 4, 2), 3), ((1, 2, 1, 2, 1, 3), -1),
                                        ((4, 1), 1)])
def test_other_ranks_like_tflm(dtype, shape, axis):
    for exclusive, reverse in FLAGS:
        oracle.assert_bit_exact(build(shape, axis, dtype, exclusive, reverse), n_random=1)


@pytest.mark.parametrize("in_q,out_q", [((0.1, 0), (0.1, 0)), ((0.05, -20), (0.8, 17)),
                                        ((0.5, 100), (0.02, -128)), ((1e-3, 3), (5.0, 1)),
                                        ((0.9, -128), (2e-6, 127))])
@pytest.mark.parametrize("exclusive,reverse", [(False, False), (True, True)])
def test_int8_rescales_and_long_sums_like_tflm(in_q, out_q, exclusive, reverse):
    """An axis of 200 extreme values passes 2^31 in TFLM's int32 sum, which wraps."""
    model = build((3, 200), 1, np.int8, exclusive, reverse, in_q=in_q, out_q=out_q)
    oracle.assert_bit_exact(model, n_random=1)
    x = np.full((3, 200), 127, np.int8)
    x[1] = -128
    x[2, ::2] = -128
    oracle.assert_bit_exact(model, inputs=[x])


def test_float_nan_and_infinity_like_tflm():
    """A NaN sum keeps the first NaN's payload; inf - inf is x86's default NaN."""
    x = np.array([0x3F800000, 0x7FC00001, 0x3F800000, 0xFFC00002, 0x7F800000, 0xFF800000,
                  0x80000000, 0x3F800000], np.uint32).view(np.float32).reshape(2, 4)
    for exclusive, reverse in FLAGS:
        oracle.assert_bit_exact(build((2, 4), 1, np.float32, exclusive, reverse), inputs=[x])


@pytest.mark.parametrize("axis", [0, 1, -1, -2])
def test_an_axis_given_at_run_time_like_tflm(axis):
    model = build((3, 4), 0, np.float32, const_axis=False)
    x = np.random.default_rng(1).standard_normal((3, 4)).astype(np.float32)
    oracle.assert_bit_exact(model, inputs=[x, np.array([axis], np.int32)])


def test_a_scalar_axis_like_tflm():
    oracle.assert_bit_exact(build((3, 4), -1, np.int8, axis_shape=()), n_random=1)


@pytest.mark.parametrize("dtype,name", [(np.int8, "cumsum_s8_ref"),
                                        (np.float32, "cumsum_f32_ref")])
def test_each_type_runs_its_reference_variant(dtype, name):
    assert ztflm.Interpreter.from_bytes(build((2, 3), 1, dtype)).get_node_kernel(0) == name


def test_a_run_time_axis_out_of_range_fails_the_invoke_like_tflm():
    model = build((3, 4), 0, np.float32, const_axis=False)
    inputs = [np.zeros((3, 4), np.float32), np.array([2], np.int32)]
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, inputs)
    ip = ztflm.Interpreter.from_bytes(model)
    for i, x in enumerate(inputs):
        ip.set_input(x, i)
    with pytest.raises(ztflm.Error, match="CUMSUM .*axis 2 is out of range for rank 2") as err:
        ip.invoke()
    assert err.value.code == ztflm.Status.KERNEL


def refused(model, match, code=ztflm.Status.MODEL):
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(model)
    assert err.value.code == code


@pytest.mark.parametrize("axis", [2, -3])
def test_a_constant_axis_out_of_range_is_refused_at_allocate(axis):
    """TFLM fails such a node only when it runs."""
    refused(build((3, 4), axis, np.float32), f"axis {axis} is out of range for rank 2")


def test_a_scalar_input_is_refused_like_tflm():
    model = build((), 0, np.float32)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.zeros((), np.float32)])
    refused(model, "input rank 0 is not 1 to 8")


@pytest.mark.parametrize("axis_shape", [(2,), (1, 2)])
def test_more_than_one_axis_is_refused_like_tflm(axis_shape):
    model = build((3, 4), 0, np.float32, axis_shape=axis_shape)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.zeros((3, 4), np.float32)])
    refused(model, "the axis must be one int32 value")


def test_an_output_of_another_shape_is_refused():
    refused(build((3, 4), 0, np.float32, out_shape=(4, 3)), "output dimension 0 is 4")


@pytest.mark.parametrize("dtype", [np.int16, np.int32])
def test_types_tflm_does_not_sum_are_refused(dtype):
    model = build((3, 4), 0, dtype)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.zeros((3, 4), dtype)])
    refused(model, "not supported", ztflm.Status.UNSUPPORTED)


def test_an_input_scale_2_19_times_the_output_s_is_refused_as_tflm_aborts():
    """TFLM's QuantizeMultiplierSmallerThanOneExp aborts the process for a multiplier >= 1."""
    model = build((3, 4), 0, np.int8, in_q=(1.0, 0), out_q=(1.0 / (1 << 19), 0))
    assert oracle.tflm_crashes(model, [np.zeros((3, 4), np.int8)])
    refused(model, "TFLM aborts", ztflm.Status.UNSUPPORTED)
