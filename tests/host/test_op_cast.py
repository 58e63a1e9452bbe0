"""CAST is bit-exact with TFLM for all 36 pairs of the types it casts (float32, int8, int16,
int32, uint32, bool), over every value class: each integer type's whole range (wrapping to a
narrower one), floats that saturate, NaN, infinities, signed zeros, ties and the edges of
every integer range, and bool bytes other than 0 and 1 (which TFLM reads as stored)."""
from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder

TYPES = [np.float32, np.int8, np.int16, np.int32, np.uint32, np.bool_]


def build(n: int, src: Any, dst: Any) -> bytes:
    b = ModelBuilder()
    x = b.input([n], src)
    y = b.tensor([n], dst)
    b.op("CAST", [x], [y], "CastOptions")
    b.output(y)
    return b.build()


def edge_floats() -> np.ndarray:
    edges = []
    for t in (np.int8, np.int16, np.int32, np.uint32):
        info = np.iinfo(t)
        for v in (float(info.min), float(info.max)):
            f = np.float32(v)
            edges += [f, np.nextafter(f, np.float32(np.inf)), np.nextafter(f, np.float32(-np.inf)),
                      f - 1, f + 1, f - 0.5, f + 0.5]
    specials = [np.nan, -np.nan, np.inf, -np.inf, 0.0, -0.0, 0.5, -0.5, 0.99, -0.99, 1.5,
                -2.5, 1e-45, -1e-45, 3.4e38, -3.4e38, 1e10, -1e10, 2.0**31, 2.0**32]
    return np.array(edges + specials, np.float32)


def inputs_of(src: Any) -> np.ndarray:
    if src == np.float32:
        rng = np.random.default_rng(0)
        return np.concatenate([edge_floats(), (rng.standard_normal(200) * 1e5).astype(np.float32)])
    if src == np.bool_:
        return np.arange(256, dtype=np.uint8).view(np.bool_)
    info = np.iinfo(src)
    rng = np.random.default_rng(1)
    edges = np.array([info.min, info.min + 1, -1 if info.min < 0 else 0, 0, 1, 127, 128, 255,
                      256, 32767, 32768, 65535, info.max - 1, info.max], np.int64)
    edges = edges[(edges >= info.min) & (edges <= info.max)].astype(src)
    return np.concatenate([edges, rng.integers(info.min, info.max, 200, dtype=src,
                                               endpoint=True)])


@pytest.mark.parametrize("dst", TYPES, ids=lambda t: np.dtype(t).name)
@pytest.mark.parametrize("src", TYPES, ids=lambda t: np.dtype(t).name)
def test_cast_like_tflm(src: Any, dst: Any) -> None:
    x = inputs_of(src)
    oracle.assert_bit_exact(build(x.size, src, dst), inputs=[x])


@pytest.mark.parametrize("src,dst", [(np.int64, np.int32), (np.uint8, np.int32),
                                     (np.float32, np.int64), (np.int32, np.float16)])
def test_types_tflm_does_not_cast_are_refused(src: Any, dst: Any) -> None:
    with pytest.raises(ztflm.Error, match="not supported") as err:
        ztflm.Interpreter.from_bytes(build(3, src, dst))
    assert err.value.code == ztflm.Status.UNSUPPORTED


def test_another_element_count_is_refused() -> None:
    b = ModelBuilder()
    x = b.input([4], np.float32)
    y = b.tensor([5], np.int32)
    b.op("CAST", [x], [y])
    b.output(y)
    with pytest.raises(ztflm.Error, match="input has 4 elements but output has 5"):
        ztflm.Interpreter.from_bytes(b.build())


def test_the_input_type_picks_the_variant() -> None:
    for src, name in [(np.int8, "s8"), (np.int16, "s16"), (np.int32, "s32"), (np.uint32, "u32"),
                      (np.bool_, "bool"), (np.float32, "f32")]:
        ip = ztflm.Interpreter.from_bytes(build(2, src, np.int8))
        assert ip.get_node_kernel(0) == f"cast_{name}_ref"
