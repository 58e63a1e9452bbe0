"""PACK and UNPACK are bit-exact with TFLM along every axis, negative ones included, for every
type TFLM packs (float32, int8, int16, int32, int64) and unpacks (float32, int8, int16, int32),
with one to many inputs or outputs; a count option that does not match the node's tensors
(TFLM copies that many anyway) and shapes that do not fit are refused."""
from __future__ import annotations

from typing import Any, Optional

import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder


def pack(shape: list[int], n: int, axis: int, dtype: Any = np.float32,
         count: Optional[int] = None, out_shape: Optional[list[int]] = None) -> bytes:
    if out_shape is None:
        out_shape = list(np.stack([np.zeros(shape)] * n, axis=axis).shape)
    b = ModelBuilder()
    ins = [b.input(shape, dtype) for _ in range(n)]
    y = b.tensor(out_shape, dtype)
    b.op("PACK", ins, [y], "PackOptions", values_count=n if count is None else count,
         axis=axis)
    b.output(y)
    return b.build()


def unpack(shape: list[int], axis: int, dtype: Any = np.float32, num: Optional[int] = None,
           out_shapes: Optional[list[list[int]]] = None) -> bytes:
    if out_shapes is None:
        a = axis % len(shape)
        out_shapes = [shape[:a] + shape[a + 1:]] * shape[a]
    n = len(out_shapes)
    b = ModelBuilder()
    x = b.input(shape, dtype)
    ys = [b.tensor(s, dtype) for s in out_shapes]
    b.op("UNPACK", [x], ys, "UnpackOptions", num=n if num is None else num, axis=axis)
    for y in ys:
        b.output(y)
    return b.build()


@pytest.mark.parametrize("shape", [[], [5], [2, 3], [2, 1, 3, 2]], ids=str)
def test_pack_every_axis_like_tflm(shape: list[int]) -> None:
    for axis in range(-len(shape) - 1, len(shape) + 1):
        for n in (1, 3):
            oracle.assert_bit_exact(pack(shape, n, axis), n_random=1)


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32, np.int64],
                         ids=lambda t: np.dtype(t).name)
def test_pack_every_type_like_tflm(dtype: Any) -> None:
    oracle.assert_bit_exact(pack([3, 2], 4, 1, dtype), n_random=1)


def test_pack_of_many_inputs_like_tflm() -> None:
    """Past the inputs the descriptor checks itself (24): the rest are checked by the parse."""
    oracle.assert_bit_exact(pack([2, 3], 30, 1), n_random=1)
    b = ModelBuilder()
    ins = [b.input([2], np.float32) for _ in range(29)] + [b.input([2], np.int32)]
    y = b.tensor([30, 2], np.float32)
    b.op("PACK", ins, [y], "PackOptions", values_count=30, axis=0)
    b.output(y)
    with pytest.raises(ztflm.Error, match="input 29 is not a FLOAT32 tensor of rank 1"):
        ztflm.Interpreter.from_bytes(b.build())


@pytest.mark.parametrize("shape", [[3], [2, 3], [3, 1, 2, 2]], ids=str)
def test_unpack_every_axis_like_tflm(shape: list[int]) -> None:
    for axis in range(-len(shape), len(shape)):
        oracle.assert_bit_exact(unpack(shape, axis), n_random=1)


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32], ids=lambda t: np.dtype(t).name)
def test_unpack_every_type_like_tflm(dtype: Any) -> None:
    oracle.assert_bit_exact(unpack([3, 4], 1, dtype), n_random=1)


def test_unpack_into_many_outputs_like_tflm() -> None:
    oracle.assert_bit_exact(unpack([2, 12], -1), n_random=1)


@pytest.mark.parametrize("dtype", [np.bool_])
def test_types_tflm_refuses_are_refused(dtype: Any) -> None:
    with pytest.raises(ztflm.Error, match="BOOL input and BOOL output are not supported"):
        ztflm.Interpreter.from_bytes(pack([2], 2, 0, dtype))
    with pytest.raises(ztflm.Error, match="INT64 input and INT64 output are not supported"):
        ztflm.Interpreter.from_bytes(unpack([2, 2], 0, np.int64))


@pytest.mark.parametrize("model,match", [
    (lambda: pack([2, 3], 2, 0, count=3), "values_count is 3 for 2 inputs"),
    (lambda: pack([2, 3], 2, 0, count=0), "values_count is 0 for 2 inputs"),
    (lambda: pack([2, 3], 2, 3, out_shape=[2, 3, 2]), "axis 3 is not an axis of 2"),
    (lambda: pack([2, 3], 2, 1, out_shape=[2, 3, 2]), "axis 1 is not an axis of 2"),
    (lambda: pack([2, 3], 2, 0, out_shape=[2, 3, 3]), "input 0 dimension 0 is 2, not the"),
    (lambda: unpack([2, 3], 0, num=3), "num is 3 for 2 outputs"),
    (lambda: unpack([2, 3], 2, out_shapes=[[2], [2]]), "axis 2 is not an axis of 2"),
    (lambda: unpack([2, 3], 0, out_shapes=[[3], [2]]), "output 1 dimension 0 is 2, not the"),
    (lambda: unpack([2, 3], 0, out_shapes=[[3], [3, 1]]), "output 1 is not a FLOAT32 tensor"),
])
def test_a_malformed_pack_or_unpack_is_refused(model: Any, match: str) -> None:
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(model())
    assert err.value.code == ztflm.Status.MODEL


def test_each_type_runs_its_reference_variant() -> None:
    assert ztflm.Interpreter.from_bytes(pack([2], 2, 0, np.int64)).get_node_kernel(0) == \
        "pack_s64_ref"
    assert ztflm.Interpreter.from_bytes(unpack([2, 2], 0, np.int16)).get_node_kernel(0) == \
        "unpack_s16_ref"
