"""GATHER, GATHER_ND and EMBEDDING_LOOKUP (the lookup family) are bit-exact with TFLM for every
type it takes (int8, float32, and int8 tables dequantized to float32), at every axis, batch
dimension count and index depth; an index outside its dimension is refused, before anything
is copied, where TFLM refuses it too and where it reads a neighbouring row instead."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder

RNG = np.random.default_rng(13)
QUANT = {np.int8: (0.05, -3), np.float32: (None, 0)}


def data(shape, dtype):
    if dtype == np.int8:
        return RNG.integers(-128, 128, shape).astype(np.int8)
    return RNG.normal(0, 3, shape).astype(np.float32)


def gather_shape(shape, pos_shape, axis, batch_dims):
    axis %= len(shape)
    batch_dims += len(pos_shape) if batch_dims < 0 else 0
    return [*shape[:axis], *pos_shape[batch_dims:], *shape[axis + 1:]]


def gather(shape, pos_shape, axis, batch_dims, dtype, positions=None, out_shape=None,
           pos_dtype=np.int32):
    """GATHER of a graph input; the positions are an input too, or the constant positions."""
    s, z = QUANT.get(dtype, (None, 0))
    b = ModelBuilder()
    x = b.input(shape, dtype, s, z)
    p = (b.input(pos_shape, pos_dtype) if positions is None
         else b.const(np.asarray(positions, pos_dtype)))
    out = gather_shape(shape, pos_shape, axis, batch_dims) if out_shape is None else out_shape
    y = b.tensor(out, dtype, s, z)
    b.op("GATHER", [x, p], [y], "GatherOptions", axis=axis, batch_dims=batch_dims)
    b.output(y)
    return b.build()


GATHERS = [
    # input shape, positions shape, axis, batch_dims
    ([5], [3], 0, 0),
    ([5], [], 0, 0),
    ([4, 3], [6], 0, 0),
    ([4, 3], [2, 2], 1, 0),
    ([4, 3], [5], -1, 0),
    ([3, 4, 5], [2, 3], 1, 0),
    ([3, 4, 5], [2], -3, 0),
    ([2, 3, 4], [2, 3], 2, 1),
    ([2, 3, 4], [2, 5], 1, -1),
    ([2, 3, 4, 2], [2, 3, 2], 2, 2),
    ([2, 3, 1, 2, 3], [2, 4], 3, 1),
]


@pytest.mark.parametrize("dtype", [np.int8, np.float32])
@pytest.mark.parametrize("shape,pos_shape,axis,batch_dims", GATHERS,
                         ids=lambda v: "x".join(map(str, v)) if isinstance(v, list) else str(v))
def test_gather_like_tflm(shape, pos_shape, axis, batch_dims, dtype):
    limit = shape[axis]
    positions = RNG.integers(0, limit, pos_shape).astype(np.int32)
    oracle.assert_bit_exact(gather(shape, pos_shape, axis, batch_dims, dtype),
                            inputs=[data(shape, dtype), positions])
    oracle.assert_bit_exact(gather(shape, pos_shape, axis, batch_dims, dtype, positions),
                            inputs=[data(shape, dtype)])


def test_gather_of_no_positions_gives_an_empty_output_which_tflm_refuses():
    """TFLM takes a tensor of 0 elements for a dynamic one and refuses the model; ztflm
    gathers nothing."""
    model = gather([3, 4], [0], 0, 0, np.float32)
    with pytest.raises(RuntimeError):
        oracle.tflm_interpreter(model)
    out = oracle.run_ztflm(model, [data([3, 4], np.float32), np.zeros([0], np.int32)])
    assert out[0].shape == (0, 4)


@pytest.mark.parametrize("bad", [4, -1, 2**31 - 1, -2**31])
def test_gather_refuses_a_position_outside_the_axis_like_tflm(bad):
    """This TFLM checks the positions at invoke and fails; ztflm fails too, naming the index,
    before it writes anything."""
    model = gather([4, 2], [3], 0, 0, np.float32)
    x = data([4, 2], np.float32)
    pos = np.array([0, 3, bad], np.int32)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [x, pos])
    ip = ztflm.Interpreter.from_bytes(model)
    ip.set_input(x, 0)
    ip.set_input(pos, 1)
    before = ip.get_output(0).copy()
    with pytest.raises(ztflm.Error, match=rf"GATHER .*index 2 is {bad}, outside \[0, 4\)") as e:
        ip.invoke()
    assert e.value.code == ztflm.Status.KERNEL
    assert ip.get_output(0).tobytes() == before.tobytes(), "nothing copied before the check"


def test_gather_refuses_constant_positions_outside_the_axis_at_prepare():
    with pytest.raises(ztflm.Error, match=r"index 1 is 5, outside \[0, 4\)") as e:
        ztflm.Interpreter.from_bytes(gather([4, 2], [2], 0, 0, np.int8, positions=[1, 5]))
    assert e.value.code == ztflm.Status.MODEL


@pytest.mark.parametrize("axis,batch_dims,match", [
    (2, 0, "axis 2 is outside an input of rank 2"),
    (-3, 0, "axis -3 is outside"),
    (0, 1, "batch_dims 1 is outside"),
    (1, 3, "batch_dims 3 is outside"),
])
def test_gather_refuses_an_axis_or_batch_dims_out_of_range_like_tflm(axis, batch_dims, match):
    model = gather([2, 3], [2, 2], axis, batch_dims, np.float32, out_shape=[2, 2])
    with pytest.raises(RuntimeError):
        oracle.tflm_interpreter(model)
    with pytest.raises(ztflm.Error, match=match) as e:
        ztflm.Interpreter.from_bytes(model)
    assert e.value.code == ztflm.Status.MODEL


def test_gather_refuses_batch_dimensions_that_differ():
    model = gather([2, 3], [3, 1], 1, 1, np.float32, out_shape=[2, 1])
    with pytest.raises(ztflm.Error, match="batch dimension 0 is 2 in the input but 3"):
        ztflm.Interpreter.from_bytes(model)


def test_gather_refuses_an_output_of_another_shape():
    with pytest.raises(ztflm.Error, match="output dimension 1 is 4, not 3") as e:
        ztflm.Interpreter.from_bytes(gather([4, 3], [2], 0, 0, np.int8, out_shape=[2, 4]))
    assert e.value.code == ztflm.Status.MODEL


@pytest.mark.parametrize("dtype,pos_dtype,what", [
    (np.int16, np.int32, "INT16"), (np.int32, np.int32, "INT32"),
    (np.float32, np.int64, "indices .*INT64"), (np.float32, np.int16, "indices .*INT16"),
])
def test_gather_refuses_the_types_tflm_refuses(dtype, pos_dtype, what):
    model = gather([4, 3], [2], 0, 0, dtype, pos_dtype=pos_dtype)
    with pytest.raises(RuntimeError):
        oracle.tflm_interpreter(model)
    with pytest.raises(ztflm.Error, match=what) as e:
        ztflm.Interpreter.from_bytes(model)
    assert e.value.code == ztflm.Status.UNSUPPORTED


def test_lookups_run_their_reference_variants():
    ip = ztflm.Interpreter.from_bytes(gather([4, 3], [2], 0, 0, np.int8))
    assert ip.get_node_kernel(0) == "lookup_s8_ref"
    ip = ztflm.Interpreter.from_bytes(embedding([5, 2], 3, np.int8, np.float32))
    assert ip.get_node_kernel(0) == "lookup_s8_f32_ref"


# ---- GATHER_ND ----

def gather_nd(shape, idx_shape, dtype, indices=None, out_shape=None):
    s, z = QUANT.get(dtype, (None, 0))
    b = ModelBuilder()
    x = b.input(shape, dtype, s, z)
    i = b.input(idx_shape, np.int32) if indices is None else b.const(np.asarray(indices,
                                                                                np.int32))
    nd = idx_shape[-1]
    out = [*idx_shape[:-1], *shape[nd:]] if out_shape is None else out_shape
    y = b.tensor(out, dtype, s, z)
    b.op("GATHER_ND", [x, i], [y], "GatherNdOptions")
    b.output(y)
    return b.build()


def nd_indices(shape, idx_shape):
    nd = idx_shape[-1]
    if nd == 0:
        return np.zeros(idx_shape, np.int32)
    return np.stack([RNG.integers(0, shape[j], idx_shape[:-1]) for j in range(nd)],
                    axis=-1).astype(np.int32).reshape(idx_shape)


GATHER_NDS = [
    ([5], [3, 1]),
    ([4, 3], [2, 1]),
    ([4, 3], [2, 2]),
    ([4, 3], [0]),
    ([3, 4, 5], [2, 3, 2]),
    ([3, 4, 5], [4, 3]),
    ([2, 3, 2, 3, 2], [3, 5]),
    ([2, 3, 2, 3, 2, 2], [2, 4]),
    ([3, 2], [2, 2, 0]),
]


@pytest.mark.parametrize("dtype", [np.int8, np.float32])
@pytest.mark.parametrize("shape,idx_shape", GATHER_NDS, ids=str)
def test_gather_nd_like_tflm(shape, idx_shape, dtype):
    idx = nd_indices(shape, idx_shape)
    oracle.assert_bit_exact(gather_nd(shape, idx_shape, dtype), inputs=[data(shape, dtype), idx])
    if idx.size:  # a constant of no bytes has no buffer: it is no constant
        oracle.assert_bit_exact(gather_nd(shape, idx_shape, dtype, idx),
                                inputs=[data(shape, dtype)])


@pytest.mark.parametrize("index,tflm", [([4, 0], None), ([3, 3], None), ([0, 5], 5.0),
                                        ([1, -1], 2.0), ([-1, 4], 1.0)])
def test_gather_nd_refuses_a_component_outside_its_dimension(index, tflm):
    """TFLM checks only that the flat position lies inside the params: [0, 5] of a 4 x 3
    tensor reads element 5 (row 1), [1, -1] element 2. ztflm refuses any component outside
    its own dimension, as TensorFlow does."""
    model = gather_nd([4, 3], [1, 2], np.float32)
    x = np.arange(12, dtype=np.float32).reshape(4, 3)
    idx = np.array([index], np.int32)
    if tflm is None:
        with pytest.raises(RuntimeError):
            oracle.run_tflm(model, [x, idx])
    else:
        assert oracle.run_tflm(model, [x, idx])[0].tolist() == [tflm]
    bad = 0 if not 0 <= index[0] < 4 else 1
    ip = ztflm.Interpreter.from_bytes(model)
    ip.set_input(x, 0)
    ip.set_input(idx, 1)
    with pytest.raises(ztflm.Error, match=rf"GATHER_ND .*index {bad} is {index[bad]}, outside"):
        ip.invoke()


@pytest.mark.parametrize("shape,idx_shape,match,code", [
    ([4, 3], [2, 3], "indices have 3 components for params of rank 2", ztflm.Status.MODEL),
    ([2] * 6, [1, 6], "indices have 6 components, more than 5", ztflm.Status.UNSUPPORTED),
    ([], [1, 0], "params and indices must be at least vectors", ztflm.Status.MODEL),
])
def test_gather_nd_refuses_what_tflm_refuses(shape, idx_shape, match, code):
    model = gather_nd(shape, idx_shape, np.float32, out_shape=[1])
    with pytest.raises(RuntimeError):
        oracle.tflm_interpreter(model)
    with pytest.raises(ztflm.Error, match=match) as e:
        ztflm.Interpreter.from_bytes(model)
    assert e.value.code == code


# ---- EMBEDDING_LOOKUP ----

def embedding(table_shape, lookups, dtype, out_dtype=None, table_q=(0.05, 0), ids=None,
              out_shape=None):
    out_dtype = out_dtype or dtype
    b = ModelBuilder()
    i = b.input([lookups], np.int32) if ids is None else b.const(np.asarray(ids, np.int32))
    tq = table_q if dtype == np.int8 else (None, 0)
    t = b.input(table_shape, dtype, *tq)
    oq = tq if out_dtype == np.int8 else (None, 0)
    out = [lookups, *table_shape[1:]] if out_shape is None else out_shape
    y = b.tensor(out, out_dtype, *oq)
    b.op("EMBEDDING_LOOKUP", [i, t], [y])
    b.output(y)
    return b.build()


@pytest.mark.parametrize("dtype,out_dtype", [(np.int8, np.int8), (np.float32, np.float32),
                                             (np.int8, np.float32)])
@pytest.mark.parametrize("table_shape,lookups", [([5, 3], 4), ([7, 2, 3], 9), ([3, 1], 1),
                                                 ([4, 2, 1, 3], 6)])
def test_embedding_lookup_like_tflm(table_shape, lookups, dtype, out_dtype):
    ids = RNG.integers(0, table_shape[0], [lookups]).astype(np.int32)
    model = embedding(table_shape, lookups, dtype, out_dtype, table_q=(0.0371, 0))
    oracle.assert_bit_exact(model, inputs=[ids, data(table_shape, dtype)])


@pytest.mark.parametrize("bad", [5, -1])
def test_embedding_lookup_refuses_an_id_outside_the_table_like_tflm(bad):
    model = embedding([5, 3], 2, np.float32)
    table = data([5, 3], np.float32)
    ids = np.array([1, bad], np.int32)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [ids, table])
    ip = ztflm.Interpreter.from_bytes(model)
    ip.set_input(ids, 0)
    ip.set_input(table, 1)
    with pytest.raises(ztflm.Error, match=rf"EMBEDDING_LOOKUP .*index 1 is {bad}") as e:
        ip.invoke()
    assert e.value.code == ztflm.Status.KERNEL


def test_embedding_lookup_dequantizing_needs_zero_point_0_like_tflm():
    model = embedding([5, 3], 2, np.int8, np.float32, table_q=(0.1, 4))
    with pytest.raises(RuntimeError):
        oracle.tflm_interpreter(model)
    with pytest.raises(ztflm.Error, match="needs zero point 0, not 4"):
        ztflm.Interpreter.from_bytes(model)


@pytest.mark.parametrize("table_shape,out_shape,match", [
    ([5], [2], "the table has rank 1"),
    ([5, 3], [2, 3, 1], "output has rank 3, not 2"),
    ([5, 3], [3, 3], "output dimension 0 is 3, not 2"),
])
def test_embedding_lookup_refuses_bad_shapes(table_shape, out_shape, match):
    with pytest.raises(ztflm.Error, match=match) as e:
        ztflm.Interpreter.from_bytes(embedding(table_shape, 2, np.float32, out_shape=out_shape))
    assert e.value.code == ztflm.Status.MODEL
