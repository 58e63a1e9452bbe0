"""RESHAPE is bit-exact with TFLM: shares its input's memory in a graph, copies at its edges."""
import numpy as np
import pytest
import variants

import oracle
from modelbuilder import ModelBuilder


def build(in_shape, out_shape, dtype, how="tensor", shape_values=None, q=(None, 0)):
    b = ModelBuilder()
    x = b.input(in_shape, dtype, scale=q[0], zero_point=q[1])
    y = b.tensor(out_shape, dtype, scale=q[0], zero_point=q[1])
    values = out_shape if shape_values is None else shape_values
    if how == "tensor":
        s = b.const(np.array(values, np.int32))
        b.op("RESHAPE", [x, s], [y])
    elif how == "option":
        b.op("RESHAPE", [x], [y], "ReshapeOptions", new_shape=list(values))
    else:
        b.op("RESHAPE", [x], [y])
    b.output(y)
    return b.build()


SHAPES = [
    ([1, 4, 4, 3], [1, 48]),
    ([2, 3, 4], [4, 3, 2]),
    ([6], [1, 2, 3, 1]),
    ([1, 1, 10], [10]),
    ([2, 5], [10]),
]


@pytest.mark.parametrize("how", ["tensor", "option", "none"])
@pytest.mark.parametrize("dtype", [np.int8, np.float32, np.int32, np.int16])
@pytest.mark.parametrize("in_shape,out_shape", SHAPES)
def test_reshape_copies_graph_edges_like_tflm(in_shape, out_shape, dtype, how):
    q = (0.1, 3) if dtype in (np.int8, np.int16) else (None, 0)
    oracle.assert_bit_exact(build(in_shape, out_shape, dtype, how, q=q))


def test_reshape_shape_tensor_may_hold_minus_one():
    oracle.assert_bit_exact(build([2, 3, 4], [6, 4], np.float32, shape_values=[-1, 4]))


def test_reshape_inside_a_graph_shares_memory_like_tflm():
    b = ModelBuilder()
    x = b.input([1, 4, 4, 3], np.int8, scale=0.05, zero_point=0)
    c = b.const(np.full([3], 7, np.int8), scale=0.05, zero_point=0)
    t = b.tensor([1, 4, 4, 3], np.int8, scale=0.06, zero_point=-2)
    b.op("ADD", [x, c], [t], "AddOptions")
    r = b.tensor([1, 48], np.int8, scale=0.06, zero_point=-2)
    b.op("RESHAPE", [t, b.const(np.array([1, 48], np.int32))], [r])
    y = b.tensor([1, 48], np.int8, scale=0.1, zero_point=1)
    b.op("ADD", [r, r], [y], "AddOptions")
    b.output(y)
    oracle.assert_bit_exact(b.build())


def test_reshape_rejects_a_different_element_count():
    import ztflm

    with pytest.raises(ztflm.Error, match="elements"):
        ztflm.Interpreter.from_bytes(build([2, 3], [7], np.float32, shape_values=[7]))


def test_reshape_rejects_a_shape_tensor_that_disagrees_with_the_output():
    import ztflm

    with pytest.raises(ztflm.Error, match="new shape"):
        ztflm.Interpreter.from_bytes(build([2, 3], [6], np.float32, shape_values=[3, 2]))


@pytest.mark.parametrize("dtype", [np.uint8, np.int64, np.bool_, np.float32])
def test_reshape_of_any_type_runs_the_one_reference_variant(dtype):
    model = build([2, 3, 4], [4, 6], dtype)
    oracle.assert_bit_exact(model)
    assert variants.kernel_of(model) == "reshape_ref"
