"""SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND are bit-exact with TFLM (int8, float32) for rank 3 and
4 tensors, every block shape and crop; SPACE_TO_BATCH_ND's paddings are refused, since TFLM
pads with an uninitialized field, and so are shapes, blocks and crops that do not fit."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder


def build(op, shape, block, pads, dtype, out_shape=None, const=True):
    spatial = len(shape) - 2
    if out_shape is None:
        blocks = int(np.prod(block))
        if op == "SPACE_TO_BATCH_ND":
            out_shape = [shape[0] * blocks, *[(shape[1 + k] + sum(pads[k])) // block[k]
                                              for k in range(spatial)], shape[-1]]
        else:
            out_shape = [shape[0] // blocks, *[shape[1 + k] * block[k] - sum(pads[k])
                                               for k in range(spatial)], shape[-1]]
    q = (0.1, 9) if dtype == np.int8 else (None, 0)
    b = ModelBuilder()
    x = b.input(shape, dtype, *q)
    if const:
        bs, ps = b.const(np.array(block, np.int32)), b.const(np.array(pads, np.int32))
    else:
        bs, ps = b.input([len(block)], np.int32), b.input([len(pads), 2], np.int32)
    y = b.tensor(out_shape, dtype, *q)
    table = "SpaceToBatchNDOptions" if op == "SPACE_TO_BATCH_ND" else "BatchToSpaceNDOptions"
    b.op(op, [x, bs, ps], [y], table)
    b.output(y)
    return b.build()


SPACE_TO_BATCH = [
    ([1, 4, 4, 1], [2, 2]),
    ([2, 6, 4, 3], [3, 2]),
    ([1, 4, 6, 2], [1, 3]),
    ([3, 2, 2, 5], [2, 2]),
    ([1, 8, 3], [4]),
    ([2, 6, 1], [2]),
]
BATCH_TO_SPACE = [
    ([4, 2, 2, 1], [2, 2], [[0, 0], [0, 0]]),
    ([12, 2, 2, 3], [3, 2], [[0, 0], [0, 0]]),
    ([8, 3, 3, 2], [2, 2], [[1, 0], [0, 1]]),
    ([6, 3, 4, 1], [2, 3], [[2, 1], [1, 3]]),
    ([4, 2, 3, 2], [2, 2], [[1, 2], [5, 0]]),
    ([8, 3, 2], [4], [[3, 2]]),
    ([2, 4, 1], [2], [[0, 0]]),
]


@pytest.mark.parametrize("dtype", [np.int8, np.float32])
@pytest.mark.parametrize("shape,block", SPACE_TO_BATCH, ids=str)
def test_space_to_batch_like_tflm(shape, block, dtype):
    pads = [[0, 0]] * len(block)
    oracle.assert_bit_exact(build("SPACE_TO_BATCH_ND", shape, block, pads, dtype), n_random=2)


@pytest.mark.parametrize("dtype", [np.int8, np.float32])
@pytest.mark.parametrize("shape,block,crops", BATCH_TO_SPACE, ids=str)
def test_batch_to_space_like_tflm(shape, block, crops, dtype):
    oracle.assert_bit_exact(build("BATCH_TO_SPACE_ND", shape, block, crops, dtype), n_random=2)


def test_batch_to_space_undoes_space_to_batch():
    x = np.arange(2 * 6 * 4 * 3, dtype=np.float32).reshape(2, 6, 4, 3)
    s2b = build("SPACE_TO_BATCH_ND", [2, 6, 4, 3], [3, 2], [[0, 0], [0, 0]], np.float32)
    b2s = build("BATCH_TO_SPACE_ND", [12, 2, 2, 3], [3, 2], [[0, 0], [0, 0]], np.float32)
    batched = oracle.run_ztflm(s2b, [x])[0]
    assert oracle.run_ztflm(b2s, [batched])[0].tobytes() == x.tobytes()


def test_space_to_batch_paddings_are_refused_as_tflm_pads_with_uninitialized_memory():
    """TFLM's kernel pads with memset(output_offset), a field of its op data it never sets:
    the padded elements are whatever byte its arena held (0x01 in one run, 2.37e-38 as a
    float). TensorFlow pads with zeros (the zero point for int8); ztflm refuses the node."""
    model = build("SPACE_TO_BATCH_ND", [1, 3, 3, 1], [2, 2], [[0, 1], [0, 1]], np.float32)
    x = np.arange(1, 10, dtype=np.float32).reshape(1, 3, 3, 1)
    tflm = oracle.run_tflm(model, [x])[0].reshape(-1)
    padded = np.ones(16, bool)
    padded[[0, 1, 2, 3, 4, 6, 8, 9, 12]] = False  # where TensorFlow's result holds x
    assert len(set(tflm[padded].view(np.uint8).tolist())) == 1, "one memset byte"
    with pytest.raises(ztflm.Error, match="paddings other than 0 are not supported") as e:
        ztflm.Interpreter.from_bytes(model)
    assert e.value.code == ztflm.Status.UNSUPPORTED


def test_both_run_one_reference_variant_per_type():
    ip = ztflm.Interpreter.from_bytes(build("SPACE_TO_BATCH_ND", [1, 4, 4, 1], [2, 2],
                                            [[0, 0], [0, 0]], np.int8))
    assert ip.get_node_kernel(0) == "space_batch_s8_ref"
    ip = ztflm.Interpreter.from_bytes(build("BATCH_TO_SPACE_ND", [4, 2, 2, 1], [2, 2],
                                            [[0, 0], [0, 0]], np.float32))
    assert ip.get_node_kernel(0) == "space_batch_f32_ref"


@pytest.mark.parametrize("op,shape,block,pads,out_shape,match,code", [
    ("SPACE_TO_BATCH_ND", [1, 5, 4, 1], [2, 2], [[0, 0], [0, 0]], [4, 2, 2, 1],
     "not a whole number of 2 x 2 blocks", "MODEL"),
    ("SPACE_TO_BATCH_ND", [1, 4, 4, 1], [2], [[0, 0], [0, 0]], [4, 2, 2, 1],
     "block shape has 1 values, not 2", "MODEL"),
    ("SPACE_TO_BATCH_ND", [1, 4, 4, 1], [2, 0], [[0, 0], [0, 0]], [4, 2, 2, 1],
     "block shape 1 is 0, not positive", "MODEL"),
    ("SPACE_TO_BATCH_ND", [1, 4, 4, 1], [2, 2], [[0, 0], [0, 0]], [4, 2, 2],
     "rank 4 and 3", "MODEL"),
    ("SPACE_TO_BATCH_ND", [1, 4, 4, 1, 1], [2, 2, 1], [[0, 0]] * 3, [4, 2, 2, 1, 1],
     "rank 5 and 5", "MODEL"),
    ("SPACE_TO_BATCH_ND", [1, 4, 4, 1], [65536, 65536], [[0, 0], [0, 0]], [1, 1, 1, 1],
     "not a whole number", "MODEL"),
    ("SPACE_TO_BATCH_ND", [1, 4, 4, 1], [2, 2], [[0, 0], [0, 0]], [4, 2, 2, 2],
     "output dimension 3 is 2, not 1", "MODEL"),
    ("BATCH_TO_SPACE_ND", [6, 2, 2, 1], [2, 2], [[0, 0], [0, 0]], [1, 4, 4, 1],
     "batches 6 are not a multiple of 2 x 2 blocks", "MODEL"),
    ("BATCH_TO_SPACE_ND", [4, 2, 2, 1], [2, 2], [[0, -1], [0, 0]], [1, 5, 4, 1],
     "crop 1 is -1, negative", "MODEL"),
    ("BATCH_TO_SPACE_ND", [4, 2, 2, 1], [2, 2], [[3, 2], [0, 0]], [1, 0, 4, 1],
     "crops larger than the output", "MODEL"),
    ("BATCH_TO_SPACE_ND", [4, 2, 2, 1], [2, 2], [[1, 0], [0, 0]], [1, 4, 4, 1],
     "output dimension 1 is 4, not 3", "MODEL"),
    ("BATCH_TO_SPACE_ND", [4, 2, 2, 1], [2, 2], [[0, 0]], [1, 4, 4, 1],
     "crops has 2 values, not 4", "MODEL"),
])
def test_shapes_blocks_and_crops_that_do_not_fit_are_refused(op, shape, block, pads, out_shape,
                                                             match, code):
    """TFLM checks none of these: it reads the block shape and crops at every invoke, past
    their end when they are short, and writes where they say."""
    with pytest.raises(ztflm.Error, match=match) as e:
        ztflm.Interpreter.from_bytes(build(op, shape, block, pads, np.float32, out_shape))
    assert e.value.code == ztflm.Status[code]


def test_a_block_shape_computed_at_run_time_is_refused():
    model = build("BATCH_TO_SPACE_ND", [4, 2, 2, 1], [2, 2], [[0, 0], [0, 0]], np.float32,
                  const=False)
    with pytest.raises(ztflm.Error, match="block shape must be a constant int32") as e:
        ztflm.Interpreter.from_bytes(model)
    assert e.value.code == ztflm.Status.UNSUPPORTED


@pytest.mark.parametrize("op", ["SPACE_TO_BATCH_ND", "BATCH_TO_SPACE_ND"])
def test_the_types_tflm_refuses_are_refused(op):
    shape = [1, 4, 4, 1] if op == "SPACE_TO_BATCH_ND" else [4, 2, 2, 1]
    model = build(op, shape, [2, 2], [[0, 0], [0, 0]], np.int16)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.zeros(shape, np.int16)])
    with pytest.raises(ztflm.Error, match="INT16 input and INT16 output are not supported"):
        ztflm.Interpreter.from_bytes(model)
