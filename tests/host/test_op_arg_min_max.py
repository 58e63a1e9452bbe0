"""ARG_MAX and ARG_MIN are bit-exact with TFLM along every axis of ranks 1 to 5 (float32 and int8
into int32), with ties, NaN and an empty axis; they also write int64 indices (TensorFlow's
default output type, which this TFLM refuses), checked against numpy; axes out of range, axes
computed at run time and other output shapes are refused."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder

OPS = ["ARG_MAX", "ARG_MIN"]


def build(op, shape, axis, dtype, out_dtype=np.int32, out_shape=None, const_axis=True):
    b = ModelBuilder()
    q = dtype == np.int8
    x = b.input(list(shape), dtype, scale=0.1 if q else None)
    axes = np.atleast_1d(np.array(axis, np.int32))
    a = b.const(axes) if const_axis else b.input([axes.size], np.int32)
    if out_shape is None:
        first = int(axes[0]) % len(shape)
        out_shape = [d for i, d in enumerate(shape) if i != first]
    y = b.tensor(out_shape, out_dtype)
    options = "ArgMaxOptions" if op == "ARG_MAX" else "ArgMinOptions"
    b.op(op, [x, a], [y], options, output_type=3 if out_dtype == np.int32 else 4)
    b.output(y)
    return b.build()


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("dtype", [np.float32, np.int8])
@pytest.mark.parametrize("shape", [(9,), (4, 7), (3, 1, 5), (2, 3, 4, 5), (2, 1, 3, 2, 3)],
                         ids=lambda s: "x".join(map(str, s)))
def test_every_axis_like_tflm(op, dtype, shape):
    for axis in range(-len(shape), len(shape)):
        oracle.assert_bit_exact(build(op, shape, axis, dtype), n_random=1, seed=axis + 9)


@pytest.mark.parametrize("op", OPS)
def test_ties_pick_the_first_like_tflm(op):
    x = np.array([[3, 3, 1, 1], [-5, 7, 7, -5], [0, 0, 0, 0]], np.int8)
    oracle.assert_bit_exact(build(op, (3, 4), 1, np.int8), inputs=[x])
    oracle.assert_bit_exact(build(op, (3, 4), 0, np.int8), inputs=[x])


@pytest.mark.parametrize("op", OPS)
def test_nan_and_infinity_like_tflm(op):
    """TFLM compares with > (<): a NaN is never picked, and a NaN first value is never beaten."""
    nan = np.nan
    x = np.array([[nan, 1.0, 5.0, -2.0], [1.0, nan, 3.0, 3.0], [-np.inf, np.inf, nan, 0.0],
                  [nan, nan, nan, nan], [0.0, -0.0, -0.0, 0.0]], np.float32)
    oracle.assert_bit_exact(build(op, (5, 4), 1, np.float32), inputs=[x])


@pytest.mark.parametrize("op", OPS)
def test_only_the_first_axis_entry_counts_like_tflm(op):
    oracle.assert_bit_exact(build(op, (3, 4, 5), [2, 0], np.float32), n_random=1)


@pytest.mark.parametrize("op", OPS)
def test_an_empty_axis_is_refused_as_tflm_crashes_on_it(op):
    """TFLM reads the first value of each empty row, through the empty input's null data."""
    model = build(op, (2, 0, 3), 1, np.float32)
    assert oracle.tflm_crashes(model, [np.zeros((2, 0, 3), np.float32)])
    refused(model, f"{op} .*axis 1 is empty", ztflm.Status.UNSUPPORTED)


@pytest.mark.parametrize("op", OPS)
def test_an_empty_input_with_an_empty_output_runs_like_tflm(op):
    oracle.assert_bit_exact(build(op, (0, 4), 1, np.int8), inputs=[np.zeros((0, 4), np.int8)])


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("dtype", [np.float32, np.int8])
def test_int64_indices_which_tflm_refuses_are_numpy_s(op, dtype):
    """TensorFlow's converter writes int64 indices by default; this TFLM refuses them at invoke
    ("Only int32_t are supported"), ztflm writes numpy's argmax/argmin."""
    model = build(op, (3, 4, 5), -1, dtype, out_dtype=np.int64)
    x = np.random.default_rng(5).integers(-100, 100, (3, 4, 5)).astype(dtype)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [x])
    ip = ztflm.Interpreter.from_bytes(model)
    ip.set_input(x, 0)
    ip.invoke()
    want = np.argmax(x, axis=-1) if op == "ARG_MAX" else np.argmin(x, axis=-1)
    assert ip.get_output(0).dtype == np.int64
    assert ip.get_output(0).tolist() == want.tolist()
    assert ip.get_node_kernel(0) == f"{op.lower()}_{'f32' if dtype == np.float32 else 's8'}_s64_ref"


def refused(model, match, code=ztflm.Status.MODEL):
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(model)
    assert err.value.code == code


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("axis", [3, -4])
def test_an_axis_out_of_range_is_refused(op, axis):
    """TFLM does not check the axis: it reads a dimension past the shape's end."""
    refused(build(op, (2, 3, 4), axis, np.float32, out_shape=[2, 3]),
            f"{op} .*axis {axis} is out of range for rank 3")


def test_an_axis_computed_at_run_time_is_refused():
    refused(build("ARG_MAX", (2, 3), 1, np.float32, const_axis=False),
            "axis tensor must be constant", ztflm.Status.UNSUPPORTED)


@pytest.mark.parametrize("out_shape,match", [([2, 4], "output dimension 1 should be 3"),
                                             ([2, 3, 1], "output has rank 3")])
def test_an_output_shape_other_than_the_input_s_without_the_axis_is_refused(out_shape, match):
    refused(build("ARG_MIN", (2, 3, 4), 2, np.int8, out_shape=out_shape), match)


@pytest.mark.parametrize("dtype,out_dtype", [(np.int16, np.int32), (np.uint8, np.int32),
                                             (np.int32, np.int32), (np.float32, np.int16)])
def test_types_tflm_does_not_compare_are_refused(dtype, out_dtype):
    model = build("ARG_MAX", (2, 3), 1, dtype, out_dtype=out_dtype)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.zeros((2, 3), dtype)])
    refused(model, "not supported", ztflm.Status.UNSUPPORTED)
