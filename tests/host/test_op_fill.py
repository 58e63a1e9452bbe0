"""FILL and ZEROS_LIKE are bit-exact with TFLM for every type TFLM fills (float32, int8, int32;
any integer type of dims) and zeroes (float32, int8, int32, int64); a dims tensor TFLM cannot
compare with the output (computed, empty for a scalar, not integers) or that differs from it
is refused."""
from __future__ import annotations

from typing import Any, Optional

import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder


def fill(shape: list[int], dtype: Any = np.float32, dims_dtype: Any = np.int32,
         dims: Optional[list[int]] = None, value_shape: Optional[list[int]] = None,
         computed_dims: bool = False) -> bytes:
    d = np.array(shape if dims is None else dims, dims_dtype)
    b = ModelBuilder()
    t = b.input(list(d.shape), d.dtype) if computed_dims else b.const(d)
    v = b.input([] if value_shape is None else value_shape, dtype)
    y = b.tensor(shape, dtype)
    b.op("FILL", [t, v], [y], "FillOptions")
    b.output(y)
    return b.build()


def zeros_like(shape: list[int], dtype: Any) -> bytes:
    b = ModelBuilder()
    x = b.input(shape, dtype)
    y = b.tensor(shape, dtype)
    b.op("ZEROS_LIKE", [x], [y], "ZerosLikeOptions")
    b.output(y)
    return b.build()


@pytest.mark.parametrize("dtype", [np.float32, np.int8, np.int32], ids=lambda t: np.dtype(t).name)
@pytest.mark.parametrize("dims_dtype", [np.int8, np.int16, np.int32, np.int64],
                         ids=lambda t: np.dtype(t).name)
def test_fill_like_tflm(dtype: Any, dims_dtype: Any) -> None:
    oracle.assert_bit_exact(fill([2, 3, 5], dtype, dims_dtype), n_random=2)


def test_fill_of_special_floats_like_tflm() -> None:
    for value in (np.nan, -0.0, np.inf):
        ours = oracle.assert_bit_exact(fill([7], np.float32),
                                       inputs=[np.array(value, np.float32)])[0]
        assert ours.tobytes() == np.full([7], value, np.float32).tobytes()


def test_fill_of_a_scalar_is_refused_like_tflm() -> None:
    """A scalar's dims are empty, so never a constant in the model (no data to hold)."""
    model = fill([], np.float32)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.array(1, np.float32)])
    with pytest.raises(ztflm.Error, match="reads tensor 0, which no earlier operator produces"):
        ztflm.Interpreter.from_bytes(model)


@pytest.mark.parametrize("dtype", [np.int16, np.int64, np.bool_], ids=lambda t: np.dtype(t).name)
def test_fill_of_types_tflm_refuses_is_refused(dtype: Any) -> None:
    with pytest.raises(ztflm.Error, match="are not supported") as err:
        ztflm.Interpreter.from_bytes(fill([2], dtype))
    assert err.value.code == ztflm.Status.UNSUPPORTED


@pytest.mark.parametrize("kwargs,match,code", [
    (dict(dims=[2, 4]), "dims entry 1 is not the output's dimension 3", "MODEL"),
    (dict(dims=[2]), "the dims tensor has 1 entries for an output of rank 2", "MODEL"),
    (dict(value_shape=[1]), "the value must be a scalar, not of rank 1", "MODEL"),
    (dict(computed_dims=True), "the dims must be a constant integer tensor", "UNSUPPORTED"),
    (dict(dims_dtype=np.float32), "the dims must be a constant integer tensor", "UNSUPPORTED"),
])
def test_a_malformed_fill_is_refused(kwargs: Any, match: str, code: str) -> None:
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(fill([2, 3], **kwargs))
    assert err.value.code == getattr(ztflm.Status, code)


@pytest.mark.parametrize("dtype", [np.float32, np.int8, np.int32, np.int64],
                         ids=lambda t: np.dtype(t).name)
def test_zeros_like_like_tflm(dtype: Any) -> None:
    ours = oracle.assert_bit_exact(zeros_like([3, 5], dtype), n_random=1)[0]
    assert ours.tobytes() == bytes(ours.nbytes)


@pytest.mark.parametrize("dtype", [np.int16, np.bool_], ids=lambda t: np.dtype(t).name)
def test_zeros_like_of_types_tflm_refuses_is_refused(dtype: Any) -> None:
    with pytest.raises(ztflm.Error, match="are not supported"):
        ztflm.Interpreter.from_bytes(zeros_like([2], dtype))


def test_zeros_like_with_another_element_count_is_refused() -> None:
    b = ModelBuilder()
    x = b.input([2, 3], np.float32)
    y = b.tensor([2, 4], np.float32)
    b.op("ZEROS_LIKE", [x], [y])
    b.output(y)
    with pytest.raises(ztflm.Error, match="input has 6 elements but output has 8"):
        ztflm.Interpreter.from_bytes(b.build())


def test_each_type_runs_its_reference_variant() -> None:
    assert ztflm.Interpreter.from_bytes(fill([2], np.int8)).get_node_kernel(0) == "fill_s8_ref"
    assert ztflm.Interpreter.from_bytes(zeros_like([2], np.int64)).get_node_kernel(0) == \
        "zeros_like_s64_ref"
