"""LOGISTIC and TANH are bit-exact with TFLM on every int8 value and on floats of any size."""
from __future__ import annotations

import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder


def model(op: str, dtype: type, scale: float = 0.1, zero_point: int = 0,
          out_zero_point: int = -128) -> bytes:
    b = ModelBuilder()
    if dtype == np.float32:
        x = b.input([2, 64], np.float32)
        y = b.tensor([2, 64], np.float32)
    else:
        x = b.input([2, 128], np.int8, scale=scale, zero_point=zero_point)
        out_scale = 1.0 / 256 if op == "LOGISTIC" else 1.0 / 128
        y = b.tensor([2, 128], np.int8, scale=out_scale, zero_point=out_zero_point)
    b.op(op, [x], [y])
    b.output(y)
    return b.build()


ALL_INT8 = [np.arange(-128, 128, dtype=np.int8).reshape(2, 128)]


@pytest.mark.parametrize("op", ["LOGISTIC", "TANH"])
@pytest.mark.parametrize("scale", [0.001, 0.02, 0.0625, 0.1, 0.37, 1.0, 4.5])
@pytest.mark.parametrize("zero_point", [-128, -7, 0, 33])
def test_int8_every_value_is_bit_exact(op: str, scale: float, zero_point: int) -> None:
    out_zp = -128 if op == "LOGISTIC" else 0
    oracle.assert_bit_exact(model(op, np.int8, scale, zero_point, out_zp), inputs=ALL_INT8)


@pytest.mark.parametrize("op", ["LOGISTIC", "TANH"])
def test_float_is_bit_exact_on_small_and_large_values(op: str) -> None:
    x = np.concatenate([np.linspace(-20, 20, 64), np.geomspace(1e-8, 1e4, 32),
                        -np.geomspace(1e-8, 1e4, 32)]).astype(np.float32).reshape(2, 64)
    oracle.assert_bit_exact(model(op, np.float32), inputs=[x])
    oracle.assert_bit_exact(model(op, np.float32), n_random=5)


def test_int8_logistic_needs_output_zero_point_minus_128() -> None:
    with pytest.raises(ztflm.Error, match="LOGISTIC .*zero point must be -128"):
        ztflm.Interpreter.from_bytes(model("LOGISTIC", np.int8, out_zero_point=0))
