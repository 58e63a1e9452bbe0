"""LOGICAL_AND, LOGICAL_OR (with broadcasting up to rank 7) and LOGICAL_NOT are bit-exact with
TFLM on bool tensors, every truth table entry included; TFLM takes bool only, and so does
ztflm."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder

BINARY = {"LOGICAL_AND": np.logical_and, "LOGICAL_OR": np.logical_or}
SHAPES = [([2, 3, 5], [2, 3, 5]), ([2, 3, 5], [1]), ([4, 1], [1, 5]), ([3], [2, 1, 3]),
          ([2, 1, 3, 1, 2, 1, 2], [1, 3, 1, 2, 1, 2, 1]), ([], [3]), ([], [])]


def build(op, shapes, dtype=np.bool_, out=np.bool_):
    b = ModelBuilder()
    ins = [b.input(list(s), dtype) for s in shapes]
    z = b.tensor(list(np.broadcast_shapes(*map(tuple, shapes))), out)
    b.op(op, ins, [z])
    b.output(z)
    return b.build()


@pytest.mark.parametrize("op", BINARY)
def test_truth_table_like_tflm(op):
    x, y = np.array([False, False, True, True]), np.array([False, True, False, True])
    out = oracle.assert_bit_exact(build(op, [[4], [4]]), inputs=[x, y])
    np.testing.assert_array_equal(out[0], BINARY[op](x, y))


@pytest.mark.parametrize("op", BINARY)
@pytest.mark.parametrize("shape1,shape2", SHAPES)
def test_broadcasts_like_tflm(op, shape1, shape2):
    oracle.assert_bit_exact(build(op, [shape1, shape2]), n_random=2)


@pytest.mark.parametrize("shape", [[2, 3, 5], [7], []])
def test_logical_not_like_tflm(shape):
    out = oracle.assert_bit_exact(build("LOGICAL_NOT", [shape]), n_random=2)
    assert out[0].dtype == np.bool_


@pytest.mark.parametrize("op,arity", [("LOGICAL_AND", 2), ("LOGICAL_OR", 2), ("LOGICAL_NOT", 1)])
def test_runs_its_reference_variant(op, arity):
    ip = ztflm.Interpreter.from_bytes(build(op, [[3]] * arity))
    assert ip.get_node_kernel(0) == f"{op.lower()}_bool_ref"


def refused(model, op):
    with pytest.raises(ztflm.Error, match=f"{op} .*input and .* output are not supported") as e:
        ztflm.Interpreter.from_bytes(model)
    assert e.value.code == ztflm.Status.UNSUPPORTED


@pytest.mark.parametrize("dtype", [np.int8, np.float32])
def test_logical_not_of_other_types_is_refused_as_in_tflm(dtype):
    model = build("LOGICAL_NOT", [[3]], dtype, dtype)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.ones(3, dtype)])
    refused(model, "LOGICAL_NOT")


@pytest.mark.parametrize("op", BINARY)
@pytest.mark.parametrize("dtype", [np.int8, np.float32])
def test_other_types_are_refused_where_tflm_reads_their_bytes_as_bools(op, dtype):
    """TFLM's LOGICAL_AND and LOGICAL_OR check no type: they read the first bytes of any
    input as bools and write one byte per element (2 AND 2 gives 2; a float32 output gets
    its first bytes written and keeps the rest)."""
    model = build(op, [[3], [3]], dtype, dtype)
    x = np.array([1, 2, -1], dtype)
    theirs = oracle.run_tflm(model, [x, x])[0]
    assert not np.array_equal(theirs, BINARY[op](x, x).astype(dtype))
    refused(model, op)


def test_a_non_bool_output_is_refused():
    message = "LOGICAL_AND .*BOOL input and INT8 output are not supported"
    with pytest.raises(ztflm.Error, match=message):
        ztflm.Interpreter.from_bytes(build("LOGICAL_AND", [[3], [3]], out=np.int8))
