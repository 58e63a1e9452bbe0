"""SPLIT and SPLIT_V are bit-exact with TFLM along every axis, negative ones included, into one
to many outputs of equal (SPLIT) or given (SPLIT_V, a -1 and empty parts among them) lengths,
for every type TFLM splits (float32, int8, int16, int32); an axis computed at run time (TFLM
needs it at prepare), of another type than int32, or outputs that do not cut the input are
refused."""
from __future__ import annotations

from typing import Any, Optional

import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder


def parts(shape: list[int], axis: int, sizes: list[int]) -> list[list[int]]:
    out = []
    for s in sizes:
        p = list(shape)
        p[axis] = s
        out.append(p)
    return out


def split(shape: list[int], axis: Any, n: int, dtype: Any = np.float32,
          out_shapes: Optional[list[list[int]]] = None, axis_input: bool = False) -> bytes:
    a = np.asarray(axis) if isinstance(axis, np.ndarray) else np.array(axis, np.int32)
    if out_shapes is None:
        out_shapes = parts(shape, int(a.reshape(-1)[0]), [shape[int(a.reshape(-1)[0])] // n] * n)
    b = ModelBuilder()
    t = b.input(list(a.shape), a.dtype) if axis_input else b.const(a)
    x = b.input(shape, dtype)
    ys = [b.tensor(s, dtype) for s in out_shapes]
    b.op("SPLIT", [t, x], ys, "SplitOptions", num_splits=n)
    for y in ys:
        b.output(y)
    return b.build()


def split_v(shape: list[int], axis: int, sizes: list[int], dtype: Any = np.float32,
            out_shapes: Optional[list[list[int]]] = None) -> bytes:
    if out_shapes is None:
        known = sum(s for s in sizes if s >= 0)
        out_shapes = parts(shape, axis, [s if s >= 0 else shape[axis] - known for s in sizes])
    b = ModelBuilder()
    x = b.input(shape, dtype)
    s = b.const(np.array(sizes, np.int32))
    a = b.const(np.array(axis, np.int32))
    ys = [b.tensor(o, dtype) for o in out_shapes]
    b.op("SPLIT_V", [x, s, a], ys, "SplitVOptions", num_splits=len(sizes))
    for y in ys:
        b.output(y)
    return b.build()


@pytest.mark.parametrize("shape", [[6], [4, 6], [2, 6, 3], [2, 2, 3, 6]], ids=str)
def test_split_every_axis_like_tflm(shape: list[int]) -> None:
    for axis in range(-len(shape), len(shape)):
        for n in sorted({1, shape[axis]}):
            oracle.assert_bit_exact(split(shape, axis, n), n_random=1)


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32], ids=lambda t: np.dtype(t).name)
def test_split_every_type_like_tflm(dtype: Any) -> None:
    oracle.assert_bit_exact(split([4, 6], 1, 3, dtype), n_random=1)
    oracle.assert_bit_exact(split_v([4, 6], 1, [1, -1, 2], dtype), n_random=1)


@pytest.mark.parametrize("shape,axis,sizes", [
    ([7], 0, [3, 4]), ([7], 0, [-1, 2]), ([4, 7], 1, [1, 6]), ([4, 7], -1, [2, 2, 2, 1]),
    ([5, 3, 2], 0, [1, 4]), ([5, 3, 2], 1, [3]), ([2, 3, 4, 5], 2, [1, 1, -1]),
])
def test_split_v_like_tflm(shape: list[int], axis: int, sizes: list[int]) -> None:
    oracle.assert_bit_exact(split_v(shape, axis, sizes), n_random=1)


def test_an_empty_part_is_cut_as_numpy_does() -> None:
    """TFLM refuses an output with a 0 beside other dimensions (a dynamic tensor to it)."""
    model = split_v([4, 7], 1, [1, 0, 6])
    x = np.arange(28, dtype=np.float32).reshape(4, 7)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [x])
    ours = oracle.run_ztflm(model, [x])
    assert [o.tobytes() for o in ours] == [p.tobytes() for p in np.split(x, [1, 1], axis=1)]


def test_split_with_a_rank_1_axis_like_tflm() -> None:
    oracle.assert_bit_exact(split([4, 6], np.array([1], np.int32), 2), n_random=1)


@pytest.mark.parametrize("model,match,code", [
    (lambda: split([4, 6], 1, 2, axis_input=True), "axis must be a constant int32", "UNSUPPORTED"),
    (lambda: split([4, 6], np.array(1, np.int64), 2, out_shapes=[[4, 3]] * 2),
     "axis must be a constant int32", "UNSUPPORTED"),
    (lambda: split([4, 6], np.array([1, 0], np.int32), 2, out_shapes=[[4, 3]] * 2),
     "the axis tensor has 2 entries", "MODEL"),
    (lambda: split([4, 6], 2, 2, out_shapes=[[4, 3]] * 2), "axis 2 is outside the rank 2",
     "MODEL"),
    (lambda: split([4, 6], 1, 2, out_shapes=[[4, 2], [4, 4]]), "output 1 has 4 along axis 1",
     "MODEL"),
    (lambda: split([4, 6], 1, 2, out_shapes=[[4, 3], [4, 2]]), "outputs add up to 5",
     "MODEL"),
    (lambda: split([4, 6], 1, 2, out_shapes=[[3, 3], [4, 3]]), "output 0 dimension 0 is 3",
     "MODEL"),
    (lambda: split_v([4, 6], 1, [2, 3], out_shapes=[[4, 2], [4, 4]]),
     "size_splits entry 1 is 3, output 1 has 4", "MODEL"),
    (lambda: split_v([4, 6], 1, [2, 4, 0], out_shapes=[[4, 2], [4, 4]]),
     "size_splits has 3 entries for 2 outputs", "MODEL"),
])
def test_a_malformed_split_is_refused(model: Any, match: str, code: str) -> None:
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(model())
    assert err.value.code == getattr(ztflm.Status, code)


def test_each_type_runs_its_reference_variant() -> None:
    assert ztflm.Interpreter.from_bytes(split([4], 0, 2, np.int8)).get_node_kernel(0) == \
        "split_s8_ref"
    assert ztflm.Interpreter.from_bytes(split_v([4], 0, [1, 3])).get_node_kernel(0) == \
        "split_v_f32_ref"
