"""SUM, REDUCE_MAX, REDUCE_MIN and REDUCE_ALL are bit-exact with TFLM over every axis set of a
rank-3 tensor (negative, repeated, unordered, none), with and without keep_dims, ranks 0 to 6,
empty inputs, int8 and int16 rescaling at scales far apart, and float32 NaN and infinity; and
refuse what TFLM refuses or gets wrong (axes out of range, run-time axes, unequal scales)."""
import itertools

import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder

QUANTIZED = (np.int8, np.int16)


def reduced_shape(shape, axes, keep_dims):
    ax = {a % len(shape) for a in axes} if shape else set()
    return [1 if i in ax else d for i, d in enumerate(shape) if keep_dims or i not in ax]


def build(op, shape, axes, dtype, keep_dims=False, in_q=(0.1, 0), out_q=(0.1, 0),
          out_shape=None, const_axes=True, axes_dtype=np.int32):
    b = ModelBuilder()
    q = dtype in QUANTIZED
    x = b.input(list(shape), dtype, scale=in_q[0] if q else None, zero_point=in_q[1])
    a = (b.const(np.array(axes, axes_dtype)) if const_axes
         else b.input([len(axes)], axes_dtype))
    if out_shape is None:
        out_shape = reduced_shape(shape, axes, keep_dims)
    y = b.tensor(out_shape, dtype, scale=out_q[0] if q else None, zero_point=out_q[1])
    b.op(op, [x, a], [y], "ReducerOptions", keep_dims=keep_dims)
    b.output(y)
    return b.build()


TYPES = [("SUM", np.float32), ("SUM", np.int8), ("SUM", np.int16), ("REDUCE_MAX", np.float32),
         ("REDUCE_MAX", np.int8), ("REDUCE_MIN", np.float32), ("REDUCE_MIN", np.int8),
         ("REDUCE_ALL", np.bool_)]
AXES = [[0], [1], [2], [-1], [-3], [0, 2], [2, 0], [1, 2], [0, 1, 2], [1, -2]]


@pytest.mark.parametrize("op,dtype", TYPES, ids=lambda v: getattr(v, "__name__", v))
@pytest.mark.parametrize("keep_dims", [False, True])
def test_every_axis_set_of_a_rank_3_tensor_like_tflm(op, dtype, keep_dims):
    for axes in AXES:
        model = build(op, (3, 5, 4), axes, dtype, keep_dims)
        oracle.assert_bit_exact(model, n_random=1, seed=len(axes))


@pytest.mark.parametrize("op,dtype", TYPES, ids=lambda v: getattr(v, "__name__", v))
@pytest.mark.parametrize("shape,axes", [((), [0]), ((7,), [0]), ((2, 1, 3, 1), [1, 3]),
                                        ((2, 3, 1, 2, 3), [0, 3, 4]),
                                        ((1, 2, 2, 1, 2, 3), [-1, 1, 3])],
                         ids=["scalar", "rank1", "rank4", "rank5", "rank6"])
def test_ranks_0_to_6_like_tflm(op, dtype, shape, axes):
    oracle.assert_bit_exact(build(op, shape, axes, dtype), n_random=2)


@pytest.mark.parametrize("op,dtype", TYPES, ids=lambda v: getattr(v, "__name__", v))
def test_an_empty_input_gives_tflm_s_initial_values(op, dtype):
    """A reduced dimension of 0: SUM gives 0 (not the output zero point), REDUCE_MAX the type's
    lowest value, REDUCE_MIN its highest, REDUCE_ALL true, as TFLM fills the output."""
    model = build(op, (2, 0, 3), [1], dtype)
    out = oracle.assert_bit_exact(model, inputs=[np.zeros((2, 0, 3), dtype)])[0]
    assert out.shape == (2, 3)


@pytest.mark.parametrize("dtype", QUANTIZED)
@pytest.mark.parametrize("in_q,out_q", [((0.1, 0), (0.1, 0)), ((0.05, -20), (0.8, 17)),
                                        ((0.5, 100), (0.002, -128)), ((1e-4, 3), (3.0, 1)),
                                        ((2.0, -7), (1e-3, 5))])
def test_quantized_sum_rescales_like_tflm(dtype, in_q, out_q):
    model = build("SUM", (4, 33), [1], dtype, in_q=in_q, out_q=out_q)
    oracle.assert_bit_exact(model, n_random=2)
    extreme = np.full((4, 33), np.iinfo(dtype).max, dtype)
    extreme[1::2] = np.iinfo(dtype).min
    oracle.assert_bit_exact(model, inputs=[extreme])


def bits(*words):
    return np.array(words, np.uint32).view(np.float32)


@pytest.mark.parametrize("op", ["SUM", "REDUCE_MAX", "REDUCE_MIN"])
def test_float_nan_and_infinity_like_tflm(op):
    """SUM keeps the first NaN's payload (TFLM's x86 build adds to the running NaN); the
    extrema skip NaN; inf - inf is x86's default NaN."""
    x = np.stack([bits(0x7FC00001, 0x3F800000, 0xFFC00002, 0x40000000),
                  bits(0x3F800000, 0x7FC00003, 0xFFC00004, 0x7FC00005),
                  bits(0x7F800000, 0xFF800000, 0x3F800000, 0x3F800000),
                  bits(0x7F800000, 0x3F800000, 0x00000001, 0x80000000),
                  bits(0x80000000, 0x80000000, 0x80000000, 0x80000000)])
    oracle.assert_bit_exact(build(op, (5, 4), [1], np.float32), inputs=[x])


@pytest.mark.parametrize("op,dtype,name", [
    ("SUM", np.int8, "sum_s8_ref"), ("SUM", np.int16, "sum_s16_ref"),
    ("SUM", np.float32, "sum_f32_ref"), ("REDUCE_MAX", np.int8, "reduce_max_s8_ref"),
    ("REDUCE_MIN", np.float32, "reduce_min_f32_ref"), ("REDUCE_ALL", np.bool_,
                                                       "reduce_all_bool_ref")])
def test_each_type_runs_its_reference_variant(op, dtype, name):
    ip = ztflm.Interpreter.from_bytes(build(op, (2, 3), [1], dtype))
    assert ip.get_node_kernel(0) == name


def refused(model, match, code=ztflm.Status.MODEL):
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(model)
    assert err.value.code == code


@pytest.mark.parametrize("axes", [[3], [-4], [0, 7]])
def test_an_axis_out_of_range_is_refused(axes):
    """TFLM fails the node only when it runs (ResolveAxis at eval); ztflm at allocate."""
    refused(build("SUM", (2, 3, 4), axes, np.float32, out_shape=[2]),
            f"SUM .*axis {[a for a in axes if not -3 <= a < 3][0]} is out of range for rank 3")


@pytest.mark.parametrize("out_shape,match", [
    ([2, 4], "output dimension 1 should be 3"), ([2, 3, 4], "output dimension 2 should be 1"),
    ([2, 3, 1, 1], "output has rank 4 but the reduction has rank 3"),
    ([6], "output dimension 0 should be 2")])
def test_an_output_shape_other_than_the_reduction_s_is_refused(out_shape, match):
    """TFLM never looks at the output shape: it writes the reduction's elements in order, past
    the end of an output that is too small."""
    refused(build("REDUCE_MAX", (2, 3, 4), [2], np.float32, keep_dims=True, out_shape=out_shape),
            match)


def test_axes_computed_at_run_time_are_refused():
    model = build("SUM", (2, 3), [1], np.float32, const_axes=False)
    refused(model, "the axis tensor must be constant", ztflm.Status.UNSUPPORTED)


def test_int64_axes_are_refused_like_tflm():
    model = build("SUM", (2, 3), [1], np.float32, axes_dtype=np.int64)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.zeros((2, 3), np.float32)])
    refused(model, "SUM .*axis", ztflm.Status.UNSUPPORTED)


@pytest.mark.parametrize("op", ["REDUCE_MAX", "REDUCE_MIN"])
@pytest.mark.parametrize("out_q", [(0.2, 0), (0.1, 1)])
def test_int8_extrema_with_other_output_quantization_are_refused_like_tflm(op, out_q):
    model = build(op, (2, 3), [1], np.int8, out_q=out_q)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.zeros((2, 3), np.int8)])
    refused(model, "quantization differ", ztflm.Status.UNSUPPORTED)


@pytest.mark.parametrize("op,dtype", [("SUM", np.int32), ("REDUCE_MAX", np.int16),
                                      ("REDUCE_MIN", np.int32), ("REDUCE_ALL", np.int8)])
def test_types_tflm_does_not_reduce_are_refused(op, dtype):
    model = build(op, (2, 3), [1], dtype)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.zeros((2, 3), dtype)])
    refused(model, "not supported", ztflm.Status.UNSUPPORTED)


def test_a_sum_whose_rescale_shifts_out_every_bit_is_refused():
    refused(build("SUM", (2, 3), [1], np.int8, in_q=(1e6, 0), out_q=(1e-6, 0)),
            "input scale too large", ztflm.Status.UNSUPPORTED)


def test_repeated_and_unordered_axes_reduce_once():
    x = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    for axes in itertools.permutations([0, 2, -1]):
        ip = ztflm.Interpreter.from_bytes(build("SUM", (2, 3, 4), list(axes), np.float32))
        ip.set_input(x, 0)
        ip.invoke()
        assert ip.get_output(0).tolist() == x.sum(axis=(0, 2)).tolist()
