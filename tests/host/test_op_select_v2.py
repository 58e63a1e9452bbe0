"""SELECT_V2 is bit-exact with TFLM for every broadcast of the condition, x and y TFLM allows
(1s stretched, to 0 too; up to rank 5), same shapes and single elements of mixed ranks, every
type TFLM selects (float32, int8, int16), and condition bytes other than 0 and 1; broadcasts
TFLM does not allow are refused."""
from __future__ import annotations

import itertools
from typing import Any, Optional

import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder


def build(c: list[int], x: list[int], y: list[int], dtype: Any = np.float32,
          out: Optional[list[int]] = None, cond_dtype: Any = np.bool_) -> bytes:
    if out is None:
        out = list(np.broadcast_shapes(tuple(c), tuple(x), tuple(y)))
    b = ModelBuilder()
    ins = [b.input(c, cond_dtype), b.input(x, dtype), b.input(y, dtype)]
    o = b.tensor(out, dtype)
    b.op("SELECT_V2", ins, [o], "SelectV2Options")
    b.output(o)
    return b.build()


def ones_of(shape: list[int], mask: tuple[bool, ...]) -> list[int]:
    return [1 if one else d for one, d in zip(mask, shape)]


@pytest.mark.parametrize("shape", [[2, 3, 4], [2, 1, 3, 2, 2]], ids=str)
def test_every_broadcast_like_tflm(shape: list[int]) -> None:
    rank = len(shape)
    masks = list(itertools.product([False, True], repeat=rank))
    rng = np.random.default_rng(rank)
    ran = 0
    for k in range(40):
        c, x, y = (ones_of(shape, masks[int(i)]) for i in rng.integers(0, len(masks), 3))
        x = x[int(rng.integers(0, rank)):]  # fewer axes too
        if list(np.broadcast_shapes(tuple(c), tuple(x), tuple(y))) != shape:
            continue
        oracle.assert_bit_exact(build(c, x, y), n_random=1, seed=k)
        ran += 1
    assert ran >= 20


@pytest.mark.parametrize("c,x,y", [
    ([3, 4], [3, 4], [3, 4]), ([7], [7], [7]), ([1], [], [1, 1]), ([], [], []),
    ([1, 1], [1], [1]), ([4, 1], [1, 5], [5]),
    ([1], [2, 3], [3]),
])
def test_shapes_like_tflm(c: list[int], x: list[int], y: list[int]) -> None:
    oracle.assert_bit_exact(build(c, x, y), n_random=2)


@pytest.mark.parametrize("dtype", [np.int8, np.int16], ids=lambda t: np.dtype(t).name)
def test_every_type_like_tflm(dtype: Any) -> None:
    oracle.assert_bit_exact(build([3, 1], [1, 4], [3, 4], dtype), n_random=2)


def test_a_condition_byte_other_than_1_selects_x_like_tflm() -> None:
    c = np.array([0, 1, 2, 255, 128, 0], np.uint8).view(np.bool_)
    x = np.arange(6, dtype=np.float32)
    ours = oracle.assert_bit_exact(build([6], [6], [6]), inputs=[c, x, -x])[0]
    assert ours.tolist() == [-0.0, 1, 2, 3, 4, -5]


def test_a_zero_sized_broadcast_writes_nothing() -> None:
    """TFLM refuses the output (0 beside another dimension: a dynamic tensor to it)."""
    model = build([2, 1], [1, 0], [2, 0])
    ip = ztflm.Interpreter.from_bytes(model)
    ip.invoke()
    assert ip.get_output(0).shape == (2, 0)


@pytest.mark.parametrize("kwargs,match,code", [
    (dict(c=[2, 3], x=[3, 3], y=[3], out=[2, 3]), "the inputs do not broadcast along dimension 0",
     "MODEL"),
    (dict(c=[2, 3], x=[3], y=[3], out=[2, 4]), "output dimension 1 is 4, the inputs broadcast",
     "MODEL"),
    (dict(c=[2, 3], x=[3], y=[3], out=[1, 2, 3]), "output rank 3 is not the inputs' largest",
     "MODEL"),
    (dict(c=[3], x=[3], y=[3], out=[4]), "the output has 4 elements, the inputs 3", "MODEL"),
    (dict(c=[3], x=[3], y=[3], cond_dtype=np.int8), "the condition has type INT8", "MODEL"),
    (dict(c=[1] * 6, x=[2] * 6, y=[1]), "a broadcast of rank 6: TFLM broadcasts 5 dimensions",
     "UNSUPPORTED"),
])
def test_a_malformed_select_is_refused(kwargs: Any, match: str, code: str) -> None:
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(build(**kwargs))
    assert err.value.code == getattr(ztflm.Status, code)


def test_types_tflm_refuses_are_refused() -> None:
    for dtype in (np.int32, np.bool_):
        with pytest.raises(ztflm.Error, match="are not supported"):
            ztflm.Interpreter.from_bytes(build([2], [2], [2], dtype))


def test_each_type_runs_its_reference_variant() -> None:
    assert ztflm.Interpreter.from_bytes(build([2], [2], [2], np.int16)).get_node_kernel(0) == \
        "select_v2_s16_ref"
