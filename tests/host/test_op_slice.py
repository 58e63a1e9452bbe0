"""SLICE is bit-exact with TFLM for ranks 1 to 5, every type TFLM slices (float32, int8, int16,
int32, bool), int32 and int64 begin and size, size -1 (to the end) and empty blocks, with begin
and size in the model or computed at run time; a block outside the input (which TFLM reads
anyway) is refused at prepare, or at invoke when it is only known then."""
from __future__ import annotations

from typing import Any, Optional

import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder


def build(shape: list[int], begin: list[int], size: list[int], dtype: Any = np.float32,
          index_dtype: Any = np.int32, computed: bool = False,
          out_shape: Optional[list[int]] = None) -> bytes:
    if out_shape is None:
        out_shape = [d - b if s == -1 else s for d, b, s in zip(shape, begin, size)]
    b = ModelBuilder()
    x = b.input(shape, dtype)
    if computed:
        ins = [b.input([len(begin)], index_dtype), b.input([len(size)], index_dtype)]
    else:
        ins = [b.const(np.array(begin, index_dtype)), b.const(np.array(size, index_dtype))]
    y = b.tensor(out_shape, dtype)
    b.op("SLICE", [x, *ins], [y], "SliceOptions")
    b.output(y)
    return b.build()


def block(x: np.ndarray, begin: list[int], size: list[int]) -> np.ndarray:
    return x[tuple(slice(b, None if s == -1 else b + s) for b, s in zip(begin, size))]


CASES = [
    ([7], [2], [4]), ([7], [0], [-1]), ([7], [6], [1]), ([7], [3], [0]),
    ([3, 5], [1, 2], [2, -1]), ([3, 5], [0, 0], [3, 5]), ([3, 5], [2, 4], [1, 1]),
    ([2, 3, 4], [1, 0, 1], [1, 3, 2]), ([2, 3, 4], [0, 2, 0], [-1, 1, -1]),
    ([2, 3, 1, 5], [1, 1, 0, 2], [1, 2, 1, 3]), ([3, 1, 4, 2, 3], [1, 0, 1, 0, 1], [2, 1, 3, 2, 1]),
]


@pytest.mark.parametrize("shape,begin,size", CASES, ids=lambda v: "_".join(map(str, v)))
def test_slice_like_tflm_and_numpy(shape: list[int], begin: list[int], size: list[int]) -> None:
    x = np.random.default_rng(1).standard_normal(shape).astype(np.float32)
    for index_dtype in (np.int32, np.int64):
        model = build(shape, begin, size, index_dtype=index_dtype)
        ours = oracle.assert_bit_exact(model, inputs=[x])[0]
        assert np.array_equal(ours, block(x, begin, size))


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32, np.bool_])
def test_every_type_tflm_slices_like_tflm(dtype: Any) -> None:
    oracle.assert_bit_exact(build([3, 4, 5], [1, 1, 2], [2, -1, 3], dtype), n_random=2)


@pytest.mark.parametrize("index_dtype", [np.int32, np.int64])
def test_begin_and_size_computed_at_run_time_like_tflm(index_dtype: Any) -> None:
    model = build([4, 6], [1, 2], [2, 3], index_dtype=index_dtype, computed=True)
    x = np.arange(24, dtype=np.float32).reshape(4, 6)
    for begin, size in [([1, 2], [2, 3]), ([2, 0], [2, 3]), ([2, 3], [-1, -1])]:
        ins = [x, np.array(begin, index_dtype), np.array(size, index_dtype)]
        ours = oracle.assert_bit_exact(model, inputs=ins)[0]
        assert np.array_equal(ours, block(x, begin, size))


@pytest.mark.parametrize("begin,size,match", [
    ([-1, 0], [2, 3], "begin -1 is outside 0..4 on axis 0"),
    ([3, 0], [2, 3], "size 2 from 3 on axis 0"),
    ([0, 0], [2, -2], "size -2 from 0 on axis 1"),
    ([0, 2**40], [2, 3], "begin 2147483647 is outside 0..6 on axis 1"),
    ([0, 0], [3, 3], "size 3 from 0 on axis 0: not the output's 2"),
])
def test_a_block_outside_the_input_is_refused(begin: list[int], size: list[int],
                                              match: str) -> None:
    """TFLM neither checks begin nor size: it reads outside the input. In the model, the
    block is refused at prepare; computed at run time, the invoke fails."""
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(build([4, 6], begin, size, index_dtype=np.int64,
                                           out_shape=[2, 3]))
    assert err.value.code == ztflm.Status.MODEL
    ip = ztflm.Interpreter.from_bytes(build([4, 6], [0, 0], [2, 3], index_dtype=np.int64,
                                            computed=True))
    ip.set_input(np.zeros([4, 6], np.float32), 0)
    ip.set_input(np.array(begin, np.int64), 1)
    ip.set_input(np.array(size, np.int64), 2)
    with pytest.raises(ztflm.Error, match=match) as err:
        ip.invoke()
    assert err.value.code == ztflm.Status.KERNEL


def test_an_empty_input_whose_other_dims_wrap_32_bits_is_empty() -> None:
    """TFLM refuses an empty tensor beside other dimensions (a dynamic tensor); ztflm reads
    nothing, though begin's offset past the 0 would wrap (69999 * 70000 > 2^31)."""
    shape = [0, 70000, 70000]
    x = np.zeros(shape, np.float32)
    model = build(shape, [0, 69999, 1], [0, 1, 2])
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [x])
    assert oracle.run_ztflm(model, [x])[0].shape == (0, 1, 2)
    model = build(shape, [0, 0, 0], [0, 1, 2], computed=True, out_shape=[0, 1, 2])
    ins = [x, np.array([0, 69999, 1], np.int32), np.array([0, 1, 2], np.int32)]
    assert oracle.run_ztflm(model, ins)[0].shape == (0, 1, 2)


def test_rank_6_is_refused_as_tflm_writes_before_its_arrays() -> None:
    with pytest.raises(ztflm.Error, match="input rank 6 is above 5") as err:
        ztflm.Interpreter.from_bytes(build([1] * 6, [0] * 6, [1] * 6))
    assert err.value.code == ztflm.Status.UNSUPPORTED


@pytest.mark.parametrize("kwargs,match", [
    (dict(begin=[0], size=[2]), "begin and size must list 2 entries each, not 1 and 1"),
    (dict(begin=[0, 0], size=[2, 3], out_shape=[2, 3, 1]), "output rank 3 is not the input's 2"),
    (dict(begin=[0, 0], size=[2, 7], out_shape=[2, 7], computed=True),
     r"output dimension 1 \(7\) is larger than the input's \(6\)"),
])
def test_a_malformed_slice_is_refused(kwargs: Any, match: str) -> None:
    kwargs.setdefault("out_shape", [2, 3])
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(build([4, 6], **kwargs))
    assert err.value.code == ztflm.Status.MODEL


def test_begin_and_size_of_two_types_are_refused() -> None:
    b = ModelBuilder()
    x = b.input([4], np.float32)
    ins = [b.const(np.array([1], np.int32)), b.const(np.array([2], np.int64))]
    y = b.tensor([2], np.float32)
    b.op("SLICE", [x, *ins], [y])
    b.output(y)
    with pytest.raises(ztflm.Error, match="begin and size must be both int32 or both int64"):
        ztflm.Interpreter.from_bytes(b.build())


def test_each_type_runs_its_reference_variant() -> None:
    for dtype, name in [(np.int8, "slice_s8_ref"), (np.bool_, "slice_bool_ref"),
                        (np.int16, "slice_s16_ref"), (np.int32, "slice_s32_ref"),
                        (np.float32, "slice_f32_ref")]:
        ip = ztflm.Interpreter.from_bytes(build([3, 2], [1, 0], [2, 2], dtype))
        assert ip.get_node_kernel(0) == name
