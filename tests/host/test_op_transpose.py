"""TRANSPOSE is bit-exact with TFLM for every permutation of ranks 1 to 5 (int8, int16, float32),
runs int32 and rank 6 (which this TFLM refuses) as numpy does, and refuses permutations that
are not constant, repeat an axis or do not match the output's shape."""
import itertools

import numpy as np
import pytest
from tflite_micro.python.tflite_micro import runtime

import oracle
import ztflm
from modelbuilder import ModelBuilder


def build(shape, perm, dtype, out_shape=None, const_perm=True):
    b = ModelBuilder()
    x = b.input(shape, dtype)
    p = (b.const(np.array(perm, np.int32)) if const_perm
         else b.input([len(perm)], np.int32))
    y = b.tensor(out_shape if out_shape is not None else [shape[a] for a in perm], dtype)
    b.op("TRANSPOSE", [x, p], [y], "TransposeOptions")
    b.output(y)
    return b.build()


SHAPES = [[7], [3, 5], [2, 3, 4], [2, 1, 3, 5], [2, 3, 1, 2, 3]]


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.float32])
@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "x".join(map(str, s)))
def test_transpose_every_permutation_like_tflm(shape, dtype):
    for perm in itertools.permutations(range(len(shape))):
        oracle.assert_bit_exact(build(shape, perm, dtype), n_random=1)


@pytest.mark.parametrize("shape,perm", [([4, 5, 3], [2, 0, 1]), ([2, 3, 2, 2, 3, 2],
                                                                 [5, 3, 1, 0, 2, 4])])
def test_transpose_runs_int32_and_rank_6_which_tflm_refuses(shape, perm):
    """This TFLM transposes float32, int8 and int16 of rank 5 at most; the copy is the same for
    any 4-byte element and any rank, so ztflm runs int32 and rank 6 too, checked against
    numpy here since TFLM gives no answer to compare with."""
    dtype = np.int32 if len(shape) < 6 else np.float32
    model = build(shape, perm, dtype)
    x = np.random.default_rng(0).integers(-2**31, 2**31, shape).astype(dtype)
    with pytest.raises(RuntimeError):
        tflm = runtime.Interpreter.from_bytes(model, arena_size=1 << 20)
        tflm.set_input(x, 0)
        tflm.invoke()
    ip = ztflm.Interpreter.from_bytes(model)
    ip.set_input(x, 0)
    ip.invoke()
    assert ip.get_output(0).tobytes() == np.transpose(x, perm).tobytes()


def test_transpose_of_a_scalar_is_refused_like_tflm():
    """A scalar's permutation is empty, so never a constant in the model: TFLM and ztflm
    both refuse it at prepare."""
    model = build([], [], np.float32)
    with pytest.raises(RuntimeError):
        runtime.Interpreter.from_bytes(model, arena_size=1 << 20)
    with pytest.raises(ztflm.Error, match="TRANSPOSE"):
        ztflm.Interpreter.from_bytes(model)


def test_transpose_runs_its_reference_variant():
    ip = ztflm.Interpreter.from_bytes(build([2, 3], [1, 0], np.int16))
    assert ip.get_node_kernel(0) == "transpose_s16_ref"


@pytest.mark.parametrize("perm,out_shape,match", [
    ([0, 0, 1], [2, 2, 3], "not an unused axis"),
    ([0, 1, 3], [2, 3, 4], "not an unused axis"),
    ([0, 2, 1], [2, 3, 4], "output dimension 1 is 3, input dimension 2 is 4"),
    ([0, 1], [2, 3], "permutation has 2 entries"),
])
def test_transpose_refuses_a_bad_permutation(perm, out_shape, match):
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(build([2, 3, 4], perm, np.int8, out_shape=out_shape))
    assert err.value.code == ztflm.Status.MODEL


def test_transpose_refuses_a_permutation_computed_at_run_time():
    with pytest.raises(ztflm.Error, match="permutation must be a constant int32") as err:
        ztflm.Interpreter.from_bytes(build([2, 3], [1, 0], np.int8, const_perm=False))
    assert err.value.code == ztflm.Status.UNSUPPORTED
