"""BROADCAST_TO is bit-exact with TFLM for every pattern of repeated axes, new leading axes,
int32 and int64 shapes and every type (it copies bytes); ranks above TFLM's 5 against numpy.
BROADCAST_ARGS is bit-exact with TFLM for int32 and int64 shapes of any lengths; shapes that do
not broadcast (where TFLM aborts) or do not fit its int arithmetic fail the invoke."""
from __future__ import annotations

import itertools
from typing import Any, Optional

import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder

TYPES = [np.float32, np.int8, np.uint8, np.int16, np.int32, np.uint32, np.int64, np.bool_,
         np.float16, np.float64]


def broadcast_to(shape: list[int], to: list[int], dtype: Any = np.float32,
                 shape_dtype: Any = np.int32, out_shape: Optional[list[int]] = None,
                 computed: bool = False) -> bytes:
    s = np.array(to, shape_dtype)
    b = ModelBuilder()
    x = b.input(shape, dtype)
    t = b.input([len(to)], shape_dtype) if computed else b.const(s)
    y = b.tensor(to if out_shape is None else out_shape, dtype)
    b.op("BROADCAST_TO", [x, t], [y], "BroadcastToOptions")
    b.output(y)
    return b.build()


def broadcast_args(n1: int, n2: int, dtype: Any = np.int32,
                   out: Optional[int] = None) -> bytes:
    b = ModelBuilder()
    a = b.input([n1], dtype)
    c = b.input([n2], dtype)
    y = b.tensor([max(n1, n2) if out is None else out], dtype)
    b.op("BROADCAST_ARGS", [a, c], [y])
    b.output(y)
    return b.build()


@pytest.mark.parametrize("to", [[3, 4, 5], [2, 1, 3, 4]], ids=str)
def test_every_pattern_of_repeated_axes_like_tflm(to: list[int]) -> None:
    for ones in itertools.product([False, True], repeat=len(to)):
        for lead in range(len(to)):
            shape = [1 if one else d for one, d in zip(ones, to)][lead:]
            oracle.assert_bit_exact(broadcast_to(shape, to), n_random=1)


@pytest.mark.parametrize("dtype", TYPES, ids=lambda t: np.dtype(t).name)
def test_every_type_like_tflm(dtype: Any) -> None:
    oracle.assert_bit_exact(broadcast_to([3, 1], [2, 3, 4], dtype, np.int64), n_random=1)


def test_a_scalar_and_empty_axes_like_tflm() -> None:
    oracle.assert_bit_exact(broadcast_to([], [2, 3]), n_random=1)
    oracle.assert_bit_exact(broadcast_to([1], [1]), n_random=1)
    oracle.assert_bit_exact(broadcast_to([1, 1], [1, 1]), n_random=1)


def test_rank_6_which_tflm_refuses_is_numpys_broadcast() -> None:
    model = broadcast_to([1, 3, 1, 2], [2, 2, 1, 3, 4, 2])
    x = np.arange(6, dtype=np.float32).reshape(1, 3, 1, 2)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [x])
    assert np.array_equal(oracle.run_ztflm(model, [x])[0], np.broadcast_to(x, [2, 2, 1, 3, 4, 2]))


@pytest.mark.parametrize("kwargs,match,code", [
    (dict(shape=[2, 3], to=[4, 3]), "input dimension 0 \\(2\\) does not broadcast to 4", "MODEL"),
    (dict(shape=[2, 3], to=[3]), "the input's rank 2 is above the output's 1", "MODEL"),
    (dict(shape=[3], to=[2, 3], out_shape=[2, 3, 1]), "the shape has 2 entries for an output "
     "of rank 3", "MODEL"),
    (dict(shape=[3], to=[2, 3], out_shape=[4, 3]), "shape entry 0 is not the output's", "MODEL"),
    (dict(shape=[3], to=[2, 3], computed=True), "the shape must be a constant", "UNSUPPORTED"),
    (dict(shape=[3], to=[2, 3], shape_dtype=np.int16), "the shape must be a constant int32 or",
     "UNSUPPORTED"),
])
def test_a_malformed_broadcast_to_is_refused(kwargs: Any, match: str, code: str) -> None:
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(broadcast_to(**kwargs))
    assert err.value.code == getattr(ztflm.Status, code)


@pytest.mark.parametrize("dtype", [np.int32, np.int64], ids=lambda t: np.dtype(t).name)
@pytest.mark.parametrize("a,b", [
    ([2, 1, 3], [4, 1]), ([1], [5, 6, 7]), ([3, 4], [3, 4]), ([0, 1], [1, 7]), ([], [2, 3]),
    ([1, 1, 1, 1, 1, 2], [3, 1]), ([], []),
])
def test_broadcast_args_like_tflm(a: list[int], b: list[int], dtype: Any) -> None:
    model = broadcast_args(len(a), len(b), dtype)
    ours = oracle.assert_bit_exact(model, inputs=[np.array(a, dtype), np.array(b, dtype)])[0]
    assert list(ours) == list(np.broadcast_shapes(tuple(a), tuple(b)))


def test_broadcast_args_of_negative_entries_like_tflm() -> None:
    """TFLM takes any value a 1 faces, and equal ones, negative or not."""
    oracle.assert_bit_exact(broadcast_args(2, 2), inputs=[np.array([-3, 1], np.int32),
                                                          np.array([-3, -2], np.int32)])


@pytest.mark.parametrize("a,b,match", [
    ([2, 3], [4, 3], "the shapes do not broadcast: 2 and 4, entry 1 from the end"),
    ([2**32 + 1], [3], "the shapes do not broadcast: 2147483647 and 3, entry 0"),
])
def test_shapes_that_do_not_broadcast_fail_the_invoke(a: list[int], b: list[int],
                                                      match: str) -> None:
    """TFLM aborts the process on the first (TFLITE_CHECK) and reads the second's int64 entry
    as an int (2^32 + 1 as 1)."""
    ip = ztflm.Interpreter.from_bytes(broadcast_args(len(a), len(b), np.int64))
    ip.set_input(np.array(a, np.int64), 0)
    ip.set_input(np.array(b, np.int64), 1)
    with pytest.raises(ztflm.Error, match=match) as err:
        ip.invoke()
    assert err.value.code == ztflm.Status.KERNEL


@pytest.mark.parametrize("kwargs,match", [
    (dict(n1=2, n2=3, out=2), "the output must have shape \\[3\\]"),
    (dict(n1=2, n2=3, out=4), "the output must have shape \\[3\\]"),
])
def test_a_broadcast_args_output_of_another_length_is_refused(kwargs: Any, match: str) -> None:
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(broadcast_args(**kwargs))
    assert err.value.code == ztflm.Status.MODEL


def test_each_type_runs_its_reference_variant() -> None:
    assert ztflm.Interpreter.from_bytes(broadcast_to([1], [2], np.int64)).get_node_kernel(0) \
        == "broadcast_to_ref"
    assert ztflm.Interpreter.from_bytes(broadcast_args(1, 2, np.int64)).get_node_kernel(0) == \
        "broadcast_args_s64_ref"
