"""LOGISTIC is bit-exact with TFLM on every int8 value at any input scale and zero point, and on
float32 values of any size, including inf and NaN."""
from __future__ import annotations

import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder

OP = "LOGISTIC"


def model(dtype: type, scale: float = 0.1, zero_point: int = 0, out_scale: float = 1.0 / 256,
          out_zero_point: int = -128) -> bytes:
    b = ModelBuilder()
    if dtype == np.float32:
        x = b.input([3, 67], np.float32)
        y = b.tensor([3, 67], np.float32)
    else:
        x = b.input([2, 128], np.int8, scale=scale, zero_point=zero_point)
        y = b.tensor([2, 128], np.int8, scale=out_scale, zero_point=out_zero_point)
    b.op(OP, [x], [y])
    b.output(y)
    return b.build()


ALL_INT8 = [np.arange(-128, 128, dtype=np.int8).reshape(2, 128)]


@pytest.mark.parametrize("scale", [0.001, 0.02, 0.0625, 0.1, 0.37, 1.0, 4.5])
@pytest.mark.parametrize("zero_point", [-128, -7, 0, 33, 127])
def test_int8_every_value_is_bit_exact(scale: float, zero_point: int) -> None:
    oracle.assert_bit_exact(model(np.int8, scale, zero_point), inputs=ALL_INT8)


@pytest.mark.parametrize("seed", range(60))
def test_int8_every_value_at_random_scales_is_bit_exact(seed: int) -> None:
    rng = np.random.default_rng(seed)
    scale = float(10 ** rng.uniform(-5, 1))
    oracle.assert_bit_exact(model(np.int8, scale, int(rng.integers(-128, 128))),
                            inputs=ALL_INT8)


@pytest.mark.parametrize("scale", [7.9, 8.0, 8.1, 100.0, 1e9, 3e10])
def test_int8_scales_too_large_for_q4_saturate_every_value_like_tflm(scale: float) -> None:
    oracle.assert_bit_exact(model(np.int8, scale, 3), inputs=ALL_INT8)


@pytest.mark.parametrize("scale", [1e-9, 1e11])
def test_int8_scales_tflm_cannot_handle_are_rejected(scale: float) -> None:
    with pytest.raises(ztflm.Error, match=f"{OP} .*input scale out of range"):
        ztflm.Interpreter.from_bytes(model(np.int8, scale))


def test_float_is_bit_exact_on_small_and_large_values() -> None:
    x = np.concatenate([np.linspace(-20, 20, 114), np.geomspace(1e-8, 1e4, 34),
                        -np.geomspace(1e-8, 1e4, 34), [0.0, -0.0, 16.619047, 16.619049,
                        -9.0, -9.000001, np.inf, -np.inf, np.nan, 1e-45, -1e-45, 3.4e38,
                        -3.4e38, 88.7, -88.7, -103.9, -104.0, 9.0, -16.7]]
                       ).astype(np.float32).reshape(3, 67)
    oracle.assert_bit_exact(model(np.float32), inputs=[x])
    oracle.assert_bit_exact(model(np.float32), n_random=5)


@pytest.mark.parametrize("seed", range(10))
def test_float_random_magnitudes_are_bit_exact(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.choice([-1.0, 1.0], 201) * 10.0 ** rng.uniform(-40, 38 if seed % 2 else 2.5, 201)
    oracle.assert_bit_exact(model(np.float32), inputs=[x.astype(np.float32).reshape(3, 67)])


def test_int8_output_zero_point_other_than_minus_128_is_rejected() -> None:
    with pytest.raises(ztflm.Error, match="LOGISTIC .*zero point must be -128"):
        ztflm.Interpreter.from_bytes(model(np.int8, out_zero_point=0))
