"""REVERSE_V2 is bit-exact with TFLM for every run of contiguous axes (negative ones too) of
ranks 1 to 5, every type TFLM reverses (float32, int8, uint8, int16, int32, int64, bool), and
axes in the model or computed at run time; axes TFLM refuses at invoke (not contiguous) and
ranks above its 6 are reversed as numpy does; no axis (TFLM reads before its array) and
repeated axes are refused."""
from __future__ import annotations

from typing import Any, Optional

import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder

TYPES = [np.float32, np.int8, np.uint8, np.int16, np.int32, np.int64, np.bool_]


def build(shape: list[int], axes: list[int], dtype: Any = np.float32, computed: bool = False,
          axes_dtype: Any = np.int32, out_shape: Optional[list[int]] = None) -> bytes:
    b = ModelBuilder()
    x = b.input(shape, dtype)
    a = b.input([len(axes)], axes_dtype) if computed else b.const(np.array(axes, axes_dtype))
    y = b.tensor(shape if out_shape is None else out_shape, dtype)
    b.op("REVERSE_V2", [x, a], [y], "ReverseV2Options")
    b.output(y)
    return b.build()


def runs(rank: int) -> list[list[int]]:
    """Every run of contiguous axes, written both ways and with negative numbers."""
    out = []
    for lo in range(rank):
        for hi in range(lo, rank):
            axes = list(range(lo, hi + 1))
            out += [axes, axes[::-1], [a - rank for a in axes]]
    return out


@pytest.mark.parametrize("shape", [[5], [3, 4], [2, 3, 4], [2, 1, 3, 2], [2, 3, 1, 2, 2]],
                         ids=str)
def test_every_run_of_axes_like_tflm(shape: list[int]) -> None:
    x = np.random.default_rng(0).standard_normal(shape).astype(np.float32)
    for axes in runs(len(shape)):
        ours = oracle.assert_bit_exact(build(shape, axes), inputs=[x])[0]
        assert np.array_equal(ours, np.flip(x, axes))


@pytest.mark.parametrize("dtype", TYPES, ids=lambda t: np.dtype(t).name)
def test_every_type_like_tflm(dtype: Any) -> None:
    for axes in ([0], [1, 2], [2]):
        oracle.assert_bit_exact(build([3, 2, 5], axes, dtype), n_random=1)


def test_axes_computed_at_run_time_like_tflm() -> None:
    model = build([3, 4, 2], [0, 1], computed=True)
    x = np.arange(24, dtype=np.float32).reshape(3, 4, 2)
    for axes in ([0, 1], [2, 1], [-2, -1]):
        ours = oracle.assert_bit_exact(model, inputs=[x, np.array(axes, np.int32)])[0]
        assert np.array_equal(ours, np.flip(x, axes))


@pytest.mark.parametrize("shape,axes", [([2, 3, 4], [0, 2]), ([2, 1, 2, 2, 3, 2, 2], [1, 6])])
def test_axes_and_ranks_tflm_refuses_are_numpys(shape: list[int], axes: list[int]) -> None:
    """TFLM reverses contiguous axes of ranks up to 6; any others are the same strided walk."""
    model = build(shape, axes)
    x = np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [x])
    assert np.array_equal(oracle.run_ztflm(model, [x])[0], np.flip(x, axes))


def test_an_empty_input_whose_other_dims_wrap_32_bits_is_empty() -> None:
    """TFLM refuses an empty tensor beside other dimensions (a dynamic tensor); ztflm walks
    nothing, though the strides past the 0 would wrap (70000 * 70000 > 2^31)."""
    model = build([0, 70000, 70000], [1, 2])
    x = np.zeros([0, 70000, 70000], np.float32)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [x])
    assert oracle.run_ztflm(model, [x])[0].shape == (0, 70000, 70000)


@pytest.mark.parametrize("axes,match", [
    ([1, 1], "axis entry 1 is 1: not an unused axis of rank 3"),
    ([-1, 2], "axis entry 1 is 2: not an unused axis"),
    ([3], "axis entry 0 is 3"),
    ([-4], "axis entry 0 is -4"),
])
def test_axes_out_of_range_or_repeated_are_refused(axes: list[int], match: str) -> None:
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(build([2, 3, 4], axes))
    assert err.value.code == ztflm.Status.MODEL
    ip = ztflm.Interpreter.from_bytes(build([2, 3, 4], list(range(len(axes))), computed=True))
    ip.set_input(np.zeros([2, 3, 4], np.float32), 0)
    ip.set_input(np.array(axes, np.int32), 1)
    with pytest.raises(ztflm.Error, match=match):
        ip.invoke()


@pytest.mark.parametrize("kwargs,match,code", [
    (dict(axes=[], computed=True), "the axes tensor must list 1 to 3 axes, not 0", "MODEL"),
    (dict(axes=[0, 1, 2, 0]), "the axes tensor must list 1 to 3 axes, not 4", "MODEL"),
    (dict(axes=[0], out_shape=[2, 3, 5]), "output dimension 2 is 5, the input's is 4", "MODEL"),
    (dict(axes=[0], axes_dtype=np.int64), "the axes must be an int32 tensor, not INT64",
     "UNSUPPORTED"),
])
def test_a_malformed_reverse_is_refused(kwargs: Any, match: str, code: str) -> None:
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(build([2, 3, 4], **kwargs))
    assert err.value.code == getattr(ztflm.Status, code)


def test_each_type_runs_its_reference_variant() -> None:
    for dtype in TYPES:
        name = {np.float32: "f32", np.int8: "s8", np.uint8: "u8", np.int16: "s16",
                np.int32: "s32", np.int64: "s64", np.bool_: "bool"}[dtype]
        ip = ztflm.Interpreter.from_bytes(build([2], [0], dtype))
        assert ip.get_node_kernel(0) == f"reverse_v2_{name}_ref"

