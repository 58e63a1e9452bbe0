"""CONCATENATION is bit-exact with TFLM for every axis, input count and element type."""
import numpy as np
import pytest
import variants

import oracle
from modelbuilder import ModelBuilder


def build(shapes, axis, dtype, q=(None, 0), const_inputs=()):
    b = ModelBuilder()
    rng = np.random.default_rng(3)
    ins = []
    for i, shape in enumerate(shapes):
        if i in const_inputs:
            data = rng.integers(-100, 100, size=shape).astype(dtype)
            ins.append(b.const(data, scale=q[0], zero_point=q[1]))
        else:
            ins.append(b.input(shape, dtype, scale=q[0], zero_point=q[1]))
    out = list(shapes[0])
    out[axis] = sum(s[axis] for s in shapes)
    y = b.tensor(out, dtype, scale=q[0], zero_point=q[1])
    b.op("CONCATENATION", ins, [y], "ConcatenationOptions", axis=axis)
    b.output(y)
    return b.build()


def shapes_for(axis, sizes, base=(2, 3, 4, 5)):
    out = []
    for s in sizes:
        shape = list(base)
        shape[axis] = s
        out.append(shape)
    return out


@pytest.mark.parametrize("axis", [0, 1, 2, 3])
@pytest.mark.parametrize("sizes", [[1, 1], [2, 3], [1, 4, 2], [3, 1, 1, 2, 5]])
def test_concatenation_int8_along_any_axis_like_tflm(axis, sizes):
    oracle.assert_bit_exact(build(shapes_for(axis, sizes), axis, np.int8, (0.1, -4)))


@pytest.mark.parametrize("dtype", [np.float32, np.int32, np.int16])
@pytest.mark.parametrize("axis", [0, 2, 3])
def test_concatenation_other_types_like_tflm(dtype, axis):
    q = (0.01, 0) if dtype == np.int16 else (None, 0)
    oracle.assert_bit_exact(build(shapes_for(axis, [2, 1, 3]), axis, dtype, q))


@pytest.mark.parametrize("axis", [-1, -2, -4])
def test_concatenation_negative_axis_counts_from_the_end(axis):
    shapes = shapes_for(axis + 4, [2, 3])
    b = ModelBuilder()
    x = b.input(shapes[0], np.float32)
    z = b.input(shapes[1], np.float32)
    out = list(shapes[0])
    out[axis] = shapes[0][axis] + shapes[1][axis]
    y = b.tensor(out, np.float32)
    b.op("CONCATENATION", [x, z], [y], "ConcatenationOptions", axis=axis)
    b.output(y)
    oracle.assert_bit_exact(b.build())


@pytest.mark.parametrize("rank", [1, 2, 3, 5])
def test_concatenation_of_other_ranks_like_tflm(rank):
    base = (3, 2, 4, 1, 2)[:rank]
    for axis in range(rank):
        oracle.assert_bit_exact(build(shapes_for(axis, [1, 2], base), axis, np.int8, (0.5, 1)))


def test_concatenation_with_a_constant_input_like_tflm():
    shapes = shapes_for(3, [2, 3, 1])
    oracle.assert_bit_exact(build(shapes, 3, np.int8, (0.1, 0), const_inputs=(1,)))


def test_concatenation_rejects_rescaling_int8():
    import ztflm

    b = ModelBuilder()
    x = b.input([2, 3], np.int8, scale=0.1, zero_point=0)
    z = b.input([2, 3], np.int8, scale=0.2, zero_point=0)
    y = b.tensor([4, 3], np.int8, scale=0.1, zero_point=0)
    b.op("CONCATENATION", [x, z], [y], "ConcatenationOptions", axis=0)
    b.output(y)
    with pytest.raises(ztflm.Error, match="quantization"):
        ztflm.Interpreter.from_bytes(b.build())


def test_concatenation_rejects_mismatched_dimensions():
    import ztflm

    b = ModelBuilder()
    x = b.input([2, 3], np.float32)
    z = b.input([2, 4], np.float32)
    y = b.tensor([4, 3], np.float32)
    b.op("CONCATENATION", [x, z], [y], "ConcatenationOptions", axis=0)
    b.output(y)
    with pytest.raises(ztflm.Error, match="dimension"):
        ztflm.Interpreter.from_bytes(b.build())


@pytest.mark.parametrize("dtype", [np.int64, np.bool_])
def test_concatenation_of_int64_and_bool_like_tflm(dtype):
    oracle.assert_bit_exact(build(shapes_for(2, [2, 1, 3]), 2, dtype))


TYPES = {np.float32: "f32", np.int8: "s8", np.int16: "s16", np.int32: "s32", np.int64: "s64",
         np.bool_: "bool"}


@pytest.mark.parametrize("dtype", list(TYPES), ids=lambda d: np.dtype(d).name)
def test_each_type_runs_the_reference_variant_of_its_type(dtype):
    q = (0.1, 0) if dtype in (np.int8, np.int16) else (None, 0)
    model = build(shapes_for(1, [2, 3]), 1, dtype, q)
    assert variants.kernel_of(model) == f"concatenation_{TYPES[dtype]}_ref"


def test_concatenation_of_a_type_tflm_does_not_concatenate_is_refused():
    import ztflm

    with pytest.raises(ztflm.Error, match="CONCATENATION .*UINT8 input and UINT8 output are "
                                          "not supported"):
        ztflm.Interpreter.from_bytes(build(shapes_for(1, [2, 3]), 1, np.uint8))
