"""SHAPE is bit-exact with TFLM for inputs of every rank and type (it reads the model, not the
data) into int32, the only output type TFLM writes. TILE: TFLM does not register it, and
neither does ztflm."""
from __future__ import annotations

from typing import Any, Optional

import numpy as np
import pytest
from tflite_micro.python.tflite_micro import runtime

import oracle
import ztflm
from modelbuilder import ModelBuilder


def build(shape: list[int], dtype: Any = np.float32, out: Any = np.int32,
          out_shape: Optional[list[int]] = None) -> bytes:
    b = ModelBuilder()
    x = b.input(shape, dtype)
    y = b.tensor([len(shape)] if out_shape is None else out_shape, out)
    b.op("SHAPE", [x], [y], "ShapeOptions", out_type=2)
    b.output(y)
    return b.build()


@pytest.mark.parametrize("shape", [[7], [2, 3], [1, 4, 1, 5], [2, 1, 2, 1, 2, 1, 2, 3]], ids=str)
def test_shape_like_tflm(shape: list[int]) -> None:
    ours = oracle.assert_bit_exact(build(shape), n_random=1)[0]
    assert ours.tolist() == shape


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int64, np.bool_, np.float16],
                         ids=lambda t: np.dtype(t).name)
def test_shape_of_every_type_like_tflm(dtype: Any) -> None:
    oracle.assert_bit_exact(build([3, 2], dtype), n_random=1)


def test_an_int64_output_is_refused_like_tflm() -> None:
    model = build([3, 2], out=np.int64)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.zeros([3, 2], np.float32)])
    with pytest.raises(ztflm.Error, match="FLOAT32 input and INT64 output are not supported"):
        ztflm.Interpreter.from_bytes(model)


@pytest.mark.parametrize("out_shape", [[3], [2, 1], [1]], ids=str)
def test_an_output_of_another_length_is_refused(out_shape: list[int]) -> None:
    """TFLM writes the rank's entries into whatever the output holds."""
    with pytest.raises(ztflm.Error, match="the output must have shape \\[2\\]") as err:
        ztflm.Interpreter.from_bytes(build([3, 2], out_shape=out_shape))
    assert err.value.code == ztflm.Status.MODEL


def test_tile_is_registered_by_neither() -> None:
    b = ModelBuilder()
    x = b.input([2, 3], np.float32)
    m = b.const(np.array([2, 1], np.int32))
    y = b.tensor([4, 3], np.float32)
    b.op("TILE", [x, m], [y], "TileOptions")
    b.output(y)
    model = b.build()
    with pytest.raises(RuntimeError):
        runtime.Interpreter.from_bytes(model, arena_size=1 << 20)
    with pytest.raises(ztflm.Error, match="TILE .* operator is not registered"):
        ztflm.Interpreter.from_bytes(model)
