"""SQUEEZE and EXPAND_DIMS are views: bit-exact with TFLM for every axis and every type TFLM
runs (SQUEEZE any, EXPAND_DIMS float32, int8 and int16; the other types, which TFLM refuses,
against numpy), and their output shares its input's bytes in the arena, as RESHAPE's does,
except at the graph's edges (a graph input or output keeps its own buffer, and the view
copies)."""
from __future__ import annotations

from typing import Any, Optional

import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder

ALL_TYPES = [np.float32, np.int8, np.uint8, np.int16, np.int32, np.uint32, np.int64, np.bool_,
             np.float16, np.float64]


def squeeze(shape: list[int], dims: Optional[list[int]], dtype: Any = np.float32,
            out_shape: Optional[list[int]] = None) -> bytes:
    if out_shape is None:
        out_shape = list(np.squeeze(np.zeros(shape), axis=None if not dims else tuple(dims)).shape)
    b = ModelBuilder()
    x = b.input(shape, dtype)
    y = b.tensor(out_shape, dtype)
    if dims is None:
        b.op("SQUEEZE", [x], [y])
    else:
        b.op("SQUEEZE", [x], [y], "SqueezeOptions", squeeze_dims=dims)
    b.output(y)
    return b.build()


def expand(shape: list[int], axis: Any, dtype: Any = np.float32,
           out_shape: Optional[list[int]] = None, axis_input: bool = False) -> bytes:
    a = np.asarray(axis, np.int32) if not isinstance(axis, np.ndarray) else axis
    if out_shape is None:
        out_shape = list(np.expand_dims(np.zeros(shape), int(a.reshape(-1)[0])).shape)
    b = ModelBuilder()
    x = b.input(shape, dtype)
    t = b.input(list(a.shape), a.dtype) if axis_input else b.const(a)
    y = b.tensor(out_shape, dtype)
    b.op("EXPAND_DIMS", [x, t], [y])
    b.output(y)
    return b.build()


@pytest.mark.parametrize("shape,dims", [
    ([1, 3, 1, 2], None), ([1, 3, 1, 2], []), ([1, 3, 1, 2], [0]), ([1, 3, 1, 2], [-2]),
    ([1, 3, 1, 2], [2, 0]), ([1, 1, 1], None), ([4], None), ([2, 1, 1, 3, 1, 2, 1, 1], [1, -1]),
])
def test_squeeze_like_tflm(shape: list[int], dims: Optional[list[int]]) -> None:
    oracle.assert_bit_exact(squeeze(shape, dims), n_random=1)


@pytest.mark.parametrize("dtype", ALL_TYPES, ids=lambda t: np.dtype(t).name)
def test_squeeze_every_type_like_tflm(dtype: Any) -> None:
    oracle.assert_bit_exact(squeeze([2, 1, 3], [1], dtype), n_random=1)


@pytest.mark.parametrize("shape", [[], [5], [2, 3], [2, 1, 3, 4]], ids=str)
def test_expand_dims_every_axis_like_tflm(shape: list[int]) -> None:
    for axis in range(-len(shape) - 1, len(shape) + 1):
        oracle.assert_bit_exact(expand(shape, axis), n_random=1)
        oracle.assert_bit_exact(expand(shape, [axis]), n_random=1)


@pytest.mark.parametrize("dtype", [np.int8, np.int16], ids=lambda t: np.dtype(t).name)
def test_expand_dims_int8_and_int16_like_tflm(dtype: Any) -> None:
    oracle.assert_bit_exact(expand([3, 2], -1, dtype), n_random=1)


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.bool_, np.uint8],
                         ids=lambda t: np.dtype(t).name)
def test_expand_dims_of_types_tflm_refuses_is_the_same_bytes(dtype: Any) -> None:
    """TFLM's EXPAND_DIMS copies float32, int8 and int16 only; a view moves no data, so
    ztflm runs any type (int32 shape computations need it)."""
    model = expand([3, 2], 1, dtype)
    x = np.arange(6).reshape(3, 2).astype(dtype)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [x])
    assert oracle.run_ztflm(model, [x])[0].tobytes() == x.tobytes()


def chain(view: str, dtype: Any = np.float32) -> tuple[bytes, dict[str, int]]:
    """x -> RELU -> h -> view -> v -> RELU -> y: v is neither a graph input nor output."""
    b = ModelBuilder()
    x = b.input([2, 1, 3], dtype)
    h = b.tensor([2, 1, 3], dtype)
    b.op("RELU", [x], [h])
    if view == "SQUEEZE":
        v = b.tensor([2, 3], dtype)
        b.op("SQUEEZE", [h], [v], "SqueezeOptions", squeeze_dims=[1])
    elif view == "EXPAND_DIMS":
        v = b.tensor([2, 1, 1, 3], dtype)
        b.op("EXPAND_DIMS", [h, b.const(np.array(2, np.int32))], [v])
    else:
        v = b.tensor([6], dtype)
        b.op("RESHAPE", [h, b.const(np.array([6], np.int32))], [v])
    y = b.tensor(b.tensors[v].shape, dtype)
    b.op("RELU", [v], [y])
    b.output(y)
    return b.build(), {"x": x, "h": h, "v": v, "y": y}


@pytest.mark.parametrize("view", ["SQUEEZE", "EXPAND_DIMS"])
def test_a_view_shares_its_input_bytes_as_reshape_does(view: str) -> None:
    model, t = chain(view)
    oracle.assert_bit_exact(model, n_random=2)
    ip = ztflm.Interpreter.from_bytes(model)
    assert ip.tensor_arena_offset(t["v"]) == ip.tensor_arena_offset(t["h"])
    assert ip.get_node_kernel(1) == "view_ref"
    reshape = ztflm.Interpreter.from_bytes(chain("RESHAPE")[0])
    assert ip.tensor_arena_offset(t["v"]) == reshape.tensor_arena_offset(t["v"])
    assert ip.arena_used_bytes() == reshape.arena_used_bytes()


@pytest.mark.parametrize("edge", ["graph input", "graph output", "both"])
def test_a_view_at_the_graph_edge_keeps_its_own_buffer(edge: str) -> None:
    """The caller writes a graph input and reads a graph output: neither may be another
    tensor's bytes, so the view copies."""
    b = ModelBuilder()
    x = b.input([2, 1, 3], np.float32)
    h = x
    if edge == "graph output":
        h = b.tensor([2, 1, 3], np.float32)
        b.op("RELU", [x], [h])
    v = b.tensor([2, 3], np.float32)
    b.op("SQUEEZE", [h], [v], "SqueezeOptions", squeeze_dims=[1])
    if edge == "graph input":
        y = b.tensor([2, 3], np.float32)
        b.op("RELU", [v], [y])
        b.output(y)
    else:
        b.output(v)
    model = b.build()
    oracle.assert_bit_exact(model, n_random=2)
    ip = ztflm.Interpreter.from_bytes(model)
    assert ip.tensor_arena_offset(v) != ip.tensor_arena_offset(h)


def test_a_view_of_a_constant_reads_the_model() -> None:
    b = ModelBuilder()
    x = b.input([2, 3], np.float32)
    c = b.const(np.arange(3, dtype=np.float32))
    v = b.tensor([1, 3], np.float32)
    b.op("EXPAND_DIMS", [c, b.const(np.array(0, np.int32))], [v])
    y = b.tensor([2, 3], np.float32)
    b.op("ADD", [x, v], [y], "AddOptions")
    b.output(y)
    model = b.build()
    oracle.assert_bit_exact(model, n_random=2)
    ip = ztflm.Interpreter.from_bytes(model)
    assert ip.tensor_arena_offset(v) is None  # the constant's bytes, in the model
    planned = {t for t in range(ip.num_tensors()) if ip.tensor_arena_offset(t) is not None}
    assert planned == {x, y}


@pytest.mark.parametrize("shape,dims,out_shape,match", [
    ([1, 3], [1], [1], "squeeze_dims entry 0 is 1: not an axis of size 1"),
    ([1, 3], [2], [3], "squeeze_dims entry 0 is 2: not an axis of size 1"),
    ([1, 3], [-3], [3], "squeeze_dims entry 0 is -3"),
    ([1, 3, 1], [0], [3], "output dimension 1 is not input dimension 2"),
    ([1, 3, 1], [0, 2], [3, 1], "output rank 2 is not the 1 axes left"),
    ([1, 3, 1], None, [1, 3], "output dimension 0 is not input dimension 1"),
    ([1] * 4, [0] * 9, [], "squeeze_dims has 9 entries, at most 8"),
])
def test_a_malformed_squeeze_is_refused(shape: list[int], dims: Optional[list[int]],
                                        out_shape: list[int], match: str) -> None:
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(squeeze(shape, dims, out_shape=out_shape))
    assert err.value.code == ztflm.Status.MODEL


@pytest.mark.parametrize("axis,out_shape,kwargs,match,code", [
    (3, [2, 3, 1], {}, "axis 3 is outside -3..2", "MODEL"),
    (-4, [1, 2, 3], {}, "axis -4 is outside -3..2", "MODEL"),
    (1, [2, 3, 1], {}, "output dimension 1 is 3, not 1", "MODEL"),
    (1, [2, 1, 3, 1], {}, "output rank 4 is not the input's 2 plus 1", "MODEL"),
    (np.array([1, 2], np.int32), [2, 1, 3], {}, "the axis tensor has 2 elements", "MODEL"),
    (np.array([1], np.int64), [2, 1, 3], {}, "axis must be a constant int32", "UNSUPPORTED"),
    (1, [2, 1, 3], {"axis_input": True}, "axis must be a constant int32", "UNSUPPORTED"),
])
def test_a_malformed_expand_dims_is_refused(axis: Any, out_shape: list[int], kwargs: Any,
                                            match: str, code: str) -> None:
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(expand([2, 3], axis, out_shape=out_shape, **kwargs))
    assert err.value.code == getattr(ztflm.Status, code)
