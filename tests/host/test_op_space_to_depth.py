"""SPACE_TO_DEPTH and DEPTH_TO_SPACE are bit-exact with TFLM (int8, float32) at every block size
that divides the input, odd sizes and batches included; both run TRANSPOSE's variants on a
6-D view of the input. Block sizes TFLM divides by (0) or that do not divide are refused."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder


def build(op, shape, block, dtype, out_shape=None):
    if out_shape is None:
        n, h, w, c = shape
        out_shape = ([n, h // block, w // block, c * block * block] if op == "SPACE_TO_DEPTH"
                     else [n, h * block, w * block, c // (block * block)])
    q = (0.1, -7) if dtype == np.int8 else (None, 0)
    b = ModelBuilder()
    x = b.input(shape, dtype, *q)
    y = b.tensor(out_shape, dtype, *q)
    table = "SpaceToDepthOptions" if op == "SPACE_TO_DEPTH" else "DepthToSpaceOptions"
    b.op(op, [x], [y], table, block_size=block)
    b.output(y)
    return b.build()


S2D = [([1, 4, 4, 1], 2), ([2, 6, 4, 3], 2), ([1, 9, 6, 2], 3), ([3, 5, 5, 1], 5),
       ([1, 4, 8, 3], 4), ([1, 3, 3, 2], 1)]
D2S = [([1, 2, 2, 4], 2), ([2, 3, 2, 12], 2), ([1, 2, 3, 18], 3), ([3, 1, 1, 25], 5),
       ([1, 2, 1, 32], 4), ([1, 3, 3, 2], 1)]


@pytest.mark.parametrize("dtype", [np.int8, np.float32])
@pytest.mark.parametrize("op,shape,block", [("SPACE_TO_DEPTH", *c) for c in S2D]
                         + [("DEPTH_TO_SPACE", *c) for c in D2S])
def test_block_rearrangement_like_tflm(op, shape, block, dtype):
    oracle.assert_bit_exact(build(op, shape, block, dtype), n_random=2)


def test_depth_to_space_undoes_space_to_depth_as_tensorflow_defines_them():
    """Against numpy's definition too: a check on the 6-D views, not only on TFLM."""
    x = np.arange(2 * 6 * 4 * 3, dtype=np.float32).reshape(2, 6, 4, 3)
    s2d = oracle.run_ztflm(build("SPACE_TO_DEPTH", [2, 6, 4, 3], 2, np.float32), [x])[0]
    want = x.reshape(2, 3, 2, 2, 2, 3).transpose(0, 1, 3, 2, 4, 5).reshape(2, 3, 2, 12)
    assert s2d.tobytes() == want.tobytes()
    back = oracle.run_ztflm(build("DEPTH_TO_SPACE", [2, 3, 2, 12], 2, np.float32), [s2d])[0]
    assert back.tobytes() == x.tobytes()


def test_the_rearrangements_run_transpose_variants():
    ip = ztflm.Interpreter.from_bytes(build("SPACE_TO_DEPTH", [1, 4, 4, 1], 2, np.int8))
    assert ip.get_node_kernel(0) == "transpose_s8_ref"
    ip = ztflm.Interpreter.from_bytes(build("DEPTH_TO_SPACE", [1, 2, 2, 4], 2, np.float32))
    assert ip.get_node_kernel(0) == "transpose_f32_ref"


@pytest.mark.parametrize("op", ["SPACE_TO_DEPTH", "DEPTH_TO_SPACE"])
def test_an_empty_input_gives_an_empty_output_which_tflm_refuses(op):
    """TFLM takes a tensor of no elements for a dynamic one and refuses the model; ztflm writes
    nothing (the transpose walk copied one row of an empty output before)."""
    shape = [0, 4, 4, 4]
    model = build(op, shape, 2, np.float32)
    with pytest.raises(RuntimeError):
        oracle.tflm_interpreter(model)
    x = np.zeros(shape, np.float32)
    assert oracle.run_ztflm(model, [x])[0].size == 0


def test_space_to_depth_refuses_a_block_size_of_0_on_which_tflm_divides_by_zero():
    with pytest.raises(ztflm.Error, match="block size 0 is not positive") as e:
        ztflm.Interpreter.from_bytes(build("SPACE_TO_DEPTH", [1, 4, 4, 1], 0, np.int8,
                                           out_shape=[1, 4, 4, 1]))
    assert e.value.code == ztflm.Status.MODEL


@pytest.mark.parametrize("op,shape,block,out_shape,match", [
    ("SPACE_TO_DEPTH", [1, 5, 4, 1], 2, [1, 2, 2, 4], "not a whole number of 2 x 2 blocks"),
    ("SPACE_TO_DEPTH", [1, 4, 4], 2, [1, 2, 8], "rank 3, not 4"),
    ("SPACE_TO_DEPTH", [1, 4, 4, 1], 2, [1, 2, 2, 2], "output dimension 3 is 2, not 4"),
    ("SPACE_TO_DEPTH", [1, 4, 4, 1], -2, [1, 2, 2, 4], "block size -2"),
    ("SPACE_TO_DEPTH", [1, 0, 0, 1], 65536, [1, 0, 0, 1], "block size 65536 .*too large"),
    ("DEPTH_TO_SPACE", [1, 2, 2, 6], 2, [1, 4, 4, 1], "depth 6 is not a multiple of 2 x 2"),
    ("DEPTH_TO_SPACE", [1, 2, 2, 4], 0, [1, 2, 2, 4], "block size 0"),
    ("DEPTH_TO_SPACE", [1, 2, 2, 4], 2, [1, 4, 2, 1], "output dimension 2 is 2, not 4"),
])
def test_block_rearrangements_refuse_what_tflm_refuses(op, shape, block, out_shape, match):
    model = build(op, shape, block, np.float32, out_shape=out_shape)
    with pytest.raises(ztflm.Error, match=match) as e:
        ztflm.Interpreter.from_bytes(model)
    assert e.value.code == ztflm.Status.MODEL


@pytest.mark.parametrize("op,shape,out_shape", [
    ("SPACE_TO_DEPTH", [1, 5, 4, 1], [1, 2, 2, 4]),
    ("DEPTH_TO_SPACE", [1, 2, 2, 6], [1, 4, 4, 1]),
])
def test_tflm_refuses_the_block_sizes_that_do_not_divide_too(op, shape, out_shape):
    with pytest.raises(RuntimeError):
        oracle.tflm_interpreter(build(op, shape, 2, np.float32, out_shape=out_shape))


@pytest.mark.parametrize("dtype", [np.int16, np.int32])
def test_the_types_tflm_refuses_are_refused(dtype):
    model = build("SPACE_TO_DEPTH", [1, 4, 4, 1], 2, dtype)
    with pytest.raises(RuntimeError):
        oracle.tflm_interpreter(model)
    with pytest.raises(ztflm.Error, match="SPACE_TO_DEPTH .*not supported") as e:
        ztflm.Interpreter.from_bytes(model)
    assert e.value.code == ztflm.Status.UNSUPPORTED
