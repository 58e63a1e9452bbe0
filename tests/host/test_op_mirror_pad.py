"""MIRROR_PAD is bit-exact with TFLM (int8, float32) in REFLECT and SYMMETRIC mode, for ranks 1
to 5, int32 and int64 paddings up to the largest each mode allows, and without an options
table (which TFLM runs as SYMMETRIC); paddings beyond those, where TFLM reads before its input
or repeats element 0, are refused."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder

REFLECT, SYMMETRIC = 0, 1


def build(shape, pads, dtype, mode=REFLECT, pad_dtype=np.int32, out_shape=None, options=True,
          const=True):
    q = (0.2, 5) if dtype == np.int8 else (None, 0)
    b = ModelBuilder()
    x = b.input(shape, dtype, *q)
    p = (b.const(np.array(pads, pad_dtype)) if const
         else b.input(np.shape(pads), pad_dtype))
    out = [d + lo + hi for d, (lo, hi) in zip(shape, pads)] if out_shape is None else out_shape
    y = b.tensor(out, dtype, *q)
    if options:
        b.op("MIRROR_PAD", [x, p], [y], "MirrorPadOptions", mode=mode)
    else:
        b.op("MIRROR_PAD", [x, p], [y])
    b.output(y)
    return b.build()


# The largest paddings: in - 1 (REFLECT), in (SYMMETRIC); "max" stands for it.
CASES = [
    ([5], [[2, 3]]),
    ([4], [["max", "max"]]),
    ([3, 4], [[1, 0], [0, 2]]),
    ([3, 4], [[0, 0], [0, 0]]),
    ([2, 3, 4], [[0, 1], ["max", 1], [3, 0]]),
    ([1, 4, 4, 3], [[0, 0], [1, 1], [2, 2], [0, 0]]),
    ([2, 5, 6, 2], [[1, 1], [0, "max"], ["max", 0], [1, 0]]),
    ([2, 3, 2, 3, 2], [[1, 0], [2, 2], [0, 1], [1, 1], [1, 0]]),
    ([1, 7, 1], [[0, 0], [3, 2], [0, 0]]),
]


def resolve(shape, pads, mode):
    most = [d - (1 if mode == REFLECT else 0) for d in shape]
    return [[most[k] if v == "max" else v for v in pair] for k, pair in enumerate(pads)]


@pytest.mark.parametrize("mode", [REFLECT, SYMMETRIC], ids=["reflect", "symmetric"])
@pytest.mark.parametrize("dtype", [np.int8, np.float32])
@pytest.mark.parametrize("shape,pads", CASES, ids=str)
def test_mirror_pad_like_tflm(shape, pads, dtype, mode):
    pads = resolve(shape, pads, mode)
    model = build(shape, pads, dtype, mode)
    out = oracle.assert_bit_exact(model, n_random=1)[0]
    x = np.arange(np.prod(shape), dtype=dtype).reshape(shape)
    want = np.pad(x, pads, "reflect" if mode == REFLECT else "symmetric")
    assert oracle.assert_bit_exact(model, inputs=[x])[0].tobytes() == want.tobytes()
    assert out.shape == want.shape


def test_int64_paddings_like_tflm():
    shape, pads = [2, 3, 4], [[1, 1], [2, 0], [0, 3]]
    oracle.assert_bit_exact(build(shape, pads, np.float32, SYMMETRIC, np.int64), n_random=2)


def test_without_an_options_table_tflm_pads_symmetric_and_so_does_ztflm():
    """TFLM's parser leaves the mode unknown when the node has no MirrorPadOptions, and its
    kernel runs every mode but REFLECT as SYMMETRIC: not the schema's default (REFLECT)."""
    x = np.array([1, 2, 3, 4], np.float32)
    out = oracle.assert_bit_exact(build([4], [[2, 2]], np.float32, options=False), inputs=[x])
    assert out[0].tolist() == [2, 1, 1, 2, 3, 4, 4, 3]


@pytest.mark.parametrize("mode,pads,match", [
    (REFLECT, [[3, 0]], "padding 3 and 0 of dimension 0: not within 0..2"),
    (REFLECT, [[0, 3]], "padding 0 and 3 of dimension 0: not within 0..2"),
    (SYMMETRIC, [[4, 0]], "padding 4 and 0 of dimension 0: not within 0..3"),
    (SYMMETRIC, [[0, -1]], "padding 0 and -1"),
])
def test_paddings_past_the_mirror_are_refused(mode, pads, match):
    """Past the input's edge, TFLM reads before its input (leading padding) or copies its
    element 0 again and again (trailing); TensorFlow refuses those paddings, and ztflm too."""
    model = build([3], pads, np.float32, mode, out_shape=[3 + max(0, sum(pads[0]))])
    with pytest.raises(ztflm.Error, match=match) as e:
        ztflm.Interpreter.from_bytes(model)
    assert e.value.code == ztflm.Status.MODEL


def test_tflm_repeats_element_0_past_the_trailing_mirror():
    x = np.array([1, 2, 3], np.float32)
    out = oracle.run_tflm(build([3], [[0, 5]], np.float32, REFLECT), [x])[0]
    assert out.tolist() == [1, 2, 3, 2, 1, 1, 1, 1]


@pytest.mark.parametrize("kw,match,code", [
    ({"mode": 2}, "mode 2 is neither REFLECT nor SYMMETRIC", "MODEL"),
    ({"out_shape": [7]}, "output dimension 0 is 7, not 5 padded by 1 and 0", "MODEL"),
    ({"out_shape": [6, 1]}, "output rank 2 differs from the input rank 1", "MODEL"),
    ({"pad_dtype": np.int16}, "paddings", "UNSUPPORTED"),
    ({"const": False}, "paddings must be a constant tensor", "UNSUPPORTED"),
])
def test_bad_nodes_are_refused(kw, match, code):
    with pytest.raises(ztflm.Error, match=match) as e:
        ztflm.Interpreter.from_bytes(build([5], [[1, 0]], np.float32, **kw))
    assert e.value.code == ztflm.Status[code]


def test_paddings_of_the_wrong_shape_are_refused_like_tflm():
    model = build([5, 2], [[1, 0], [0, 0], [0, 0]], np.float32, out_shape=[6, 2])
    with pytest.raises(RuntimeError):
        oracle.tflm_interpreter(model)
    with pytest.raises(ztflm.Error, match=r"paddings are not \[2, 2\]"):
        ztflm.Interpreter.from_bytes(model)


@pytest.mark.parametrize("dtype", [np.int16, np.int32])
def test_the_types_tflm_refuses_are_refused(dtype):
    model = build([4], [[1, 1]], dtype)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.zeros([4], dtype)])
    with pytest.raises(ztflm.Error, match="MIRROR_PAD .*not supported"):
        ztflm.Interpreter.from_bytes(model)


def test_mirror_pad_runs_its_reference_variants():
    assert ztflm.Interpreter.from_bytes(build([4], [[1, 1]], np.int8)).get_node_kernel(0) == \
        "mirror_pad_s8_ref"
