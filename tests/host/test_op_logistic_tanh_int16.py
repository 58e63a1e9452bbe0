"""int16 LOGISTIC and TANH are bit-exact with TFLM on every int16 value: the power-of-two input
scales TFLM takes directly (2^-12; TANH also 2^-11), the rescaled ones around and between them,
and TFLM's refusals (zero points, an output scale other than 2^-15); scales whose rescaling
overflows TFLM's arithmetic are refused."""
from __future__ import annotations

import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder

OPS = ["LOGISTIC", "TANH"]
ALL_INT16 = [np.arange(-32768, 32768, dtype=np.int32).astype(np.int16).reshape(256, 256)]


def model(op: str, scale: float, zero_point: int = 0, out_scale: float = 1.0 / 32768,
          out_zero_point: int = 0, shape: tuple[int, ...] = (256, 256)) -> bytes:
    b = ModelBuilder()
    x = b.input(list(shape), np.int16, scale=scale, zero_point=zero_point)
    y = b.tensor(list(shape), np.int16, scale=out_scale, zero_point=out_zero_point)
    b.op(op, [x], [y])
    b.output(y)
    return b.build()


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("scale", [2.0 ** -12, 2.0 ** -11, 2.0 ** -10, 2.0 ** -13, 1.0 / 12288,
                                   3.0 / 32768, 0.000123, 0.0021])
def test_every_int16_value_is_bit_exact(op: str, scale: float) -> None:
    oracle.assert_bit_exact(model(op, scale), inputs=ALL_INT16)


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("seed", range(8))
def test_random_input_scales_are_bit_exact(op: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    scale = float(10 ** rng.uniform(-9, 0.4))
    oracle.assert_bit_exact(model(op, scale, shape=(4, 257)), n_random=2, seed=seed)


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("zps", [(1, 0), (0, -1)], ids=["input", "output"])
def test_zero_points_other_than_0_are_refused_like_tflm(op: str, zps: tuple[int, int]) -> None:
    m = model(op, 2.0 ** -12, zero_point=zps[0], out_zero_point=zps[1])
    with pytest.raises(ztflm.Error, match="int16 zero points must be 0"):
        ztflm.Interpreter.from_bytes(m)
    with pytest.raises(RuntimeError):
        oracle.tflm_interpreter(m)


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("out_scale", [2.0 ** -14, 1.0 / 30000])
def test_output_scale_other_than_2_to_the_minus_15_is_refused_like_tflm(op: str,
                                                                        out_scale: float) -> None:
    m = model(op, 2.0 ** -12, out_scale=out_scale)
    with pytest.raises(ztflm.Error, match="int16 output scale must be 2\\^-15"):
        ztflm.Interpreter.from_bytes(m)
    with pytest.raises(RuntimeError):
        oracle.tflm_interpreter(m)


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("scale", [3.0, 1e6, 1e-15])
def test_input_scales_that_overflow_tflm_arithmetic_are_refused(op: str, scale: float) -> None:
    """Above 32767 / 12288 TFLM's int32 product overflows (its multiplier check is a debug
    assertion); below 2^-45 its multiplier is 0, which it then takes for a power of two and
    shifts 3 by 31."""
    with pytest.raises(ztflm.Error, match="int16 input scale out of range"):
        ztflm.Interpreter.from_bytes(model(op, scale))
