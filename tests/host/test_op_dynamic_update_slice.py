"""DYNAMIC_UPDATE_SLICE is bit-exact with TFLM for updates of every size up to the operand's, at
start indices in range, negative and past the end (both clamp the block inside), int32 and
int64, for every type TFLM updates (float32, int8, int16, int32); shapes that do not fit are
refused."""
from __future__ import annotations

from typing import Any, Optional

import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder


def build(shape: list[int], update: list[int], dtype: Any = np.float32,
          index_dtype: Any = np.int32, index_count: Optional[int] = None,
          out_shape: Optional[list[int]] = None) -> bytes:
    b = ModelBuilder()
    x = b.input(shape, dtype)
    u = b.input(update, dtype)
    i = b.input([len(shape) if index_count is None else index_count], index_dtype)
    y = b.tensor(shape if out_shape is None else out_shape, dtype)
    b.op("DYNAMIC_UPDATE_SLICE", [x, u, i], [y], "DynamicUpdateSliceOptions")
    b.output(y)
    return b.build()


def expected(x: np.ndarray, u: np.ndarray, start: list[int]) -> np.ndarray:
    out = x.copy()
    at = [min(max(s, 0), d - n) for s, d, n in zip(start, x.shape, u.shape)]
    out[tuple(slice(a, a + n) for a, n in zip(at, u.shape))] = u
    return out


@pytest.mark.parametrize("shape,update", [
    ([6], [2]), ([6], [6]), ([4, 5], [2, 3]), ([4, 5], [4, 1]), ([4, 5], [1, 5]),
    ([2, 3, 4], [1, 2, 3]), ([2, 3, 4, 2], [2, 1, 2, 1]),
], ids=str)
def test_every_start_like_tflm(shape: list[int], update: list[int]) -> None:
    rng = np.random.default_rng(len(shape))
    model = build(shape, update)
    x = rng.standard_normal(shape).astype(np.float32)
    u = rng.standard_normal(update).astype(np.float32)
    for start in ([0] * len(shape), [1] * len(shape), [-5] * len(shape), [100] * len(shape),
                  list(rng.integers(-3, 7, len(shape)))):
        s = np.array(start, np.int32)
        ours = oracle.assert_bit_exact(model, inputs=[x, u, s])[0]
        assert np.array_equal(ours, expected(x, u, start))


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32], ids=lambda t: np.dtype(t).name)
def test_every_type_like_tflm(dtype: Any) -> None:
    info = np.iinfo(dtype)
    rng = np.random.default_rng(1)
    x = rng.integers(info.min, info.max, [3, 4]).astype(dtype)
    u = rng.integers(info.min, info.max, [2, 2]).astype(dtype)
    for index_dtype, far in ((np.int32, 2**31 - 1), (np.int64, 2**40)):
        model = build([3, 4], [2, 2], dtype, index_dtype)
        for start in ([1, 2], [-far, far]):
            oracle.assert_bit_exact(model, inputs=[x, u, np.array(start, index_dtype)])


def test_an_empty_update_copies_the_operand_like_tflm() -> None:
    model = build([3, 4], [0, 2])
    x = np.arange(12, dtype=np.float32).reshape(3, 4)
    ins = [x, np.zeros([0, 2], np.float32), np.array([1, 1], np.int32)]
    assert np.array_equal(oracle.assert_bit_exact(model, inputs=ins)[0], x)


@pytest.mark.parametrize("kwargs,match,code", [
    (dict(update=[4, 2]), "update dimension 0 \\(4\\) is larger than the operand's \\(3\\)",
     "MODEL"),
    (dict(update=[2]), "the update and the output must have the operand's rank 2", "MODEL"),
    (dict(update=[2, 2], out_shape=[3, 5]), "output dimension 1 is 5, the operand's is 4",
     "MODEL"),
    (dict(update=[2, 2], index_count=3), "the start indices must list 2 entries", "MODEL"),
    (dict(update=[2, 2], index_dtype=np.int16), "must be int32 or int64, not INT16",
     "UNSUPPORTED"),
])
def test_a_malformed_update_is_refused(kwargs: Any, match: str, code: str) -> None:
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(build([3, 4], **kwargs))
    assert err.value.code == getattr(ztflm.Status, code)


def test_types_tflm_refuses_are_refused() -> None:
    for dtype in (np.int64, np.bool_):
        with pytest.raises(ztflm.Error, match="are not supported"):
            ztflm.Interpreter.from_bytes(build([3], [1], dtype))


def test_each_type_runs_its_reference_variant() -> None:
    assert ztflm.Interpreter.from_bytes(build([3], [1], np.int16)).get_node_kernel(0) == \
        "dynamic_update_slice_s16_ref"
