"""Runtime bugs the fuzzers found (tests/fuzz), each as the smallest model that shows it.

The crashing inputs themselves are replayed by `make fuzz-smoke` from tests/fuzz/regressions/.
"""
from __future__ import annotations

import numpy as np
import pytest

import ztflm
from modelbuilder import ModelBuilder
from oracle import assert_bit_exact

RANGES = {np.int8: (-128, 127), np.uint8: (0, 255), np.int16: (-32768, 32767)}


def logistic(zero_point: int) -> bytes:
    b = ModelBuilder()
    x = b.input([1, 8], np.int8, scale=0.1, zero_point=zero_point)
    y = b.tensor([1, 8], np.int8, scale=1.0 / 256, zero_point=-128)
    b.op("LOGISTIC", [x], [y])
    b.output(y)
    return b.build()


def dequantize(dtype: type, zero_point: int) -> bytes:
    b = ModelBuilder()
    x = b.input([1, 8], dtype, scale=0.25, zero_point=zero_point)
    y = b.tensor([1, 8], np.float32)
    b.op("DEQUANTIZE", [x], [y])
    b.output(y)
    return b.build()


def test_int8_zero_point_of_int32_max_is_refused_not_overflowed() -> None:
    # fuzz_struct: LOGISTIC computed in[i] - zero_point in int32 (signed overflow).
    with pytest.raises(ztflm.Error, match="tensor 0: zero point 2147483647 outside the INT8"):
        ztflm.Interpreter.from_bytes(logistic(2**31 - 1))


@pytest.mark.parametrize("dtype", list(RANGES), ids=lambda d: np.dtype(d).name)
def test_zero_points_outside_the_tensor_type_are_refused(dtype: type) -> None:
    lo, hi = RANGES[dtype]
    for zp in (lo - 1, hi + 1, -2**31, 2**31 - 1):
        with pytest.raises(ztflm.Error, match="zero point .* outside the"):
            ztflm.Interpreter.from_bytes(dequantize(dtype, zp))


@pytest.mark.parametrize("dtype", list(RANGES), ids=lambda d: np.dtype(d).name)
def test_zero_points_at_the_ends_of_the_type_run_bit_exact(dtype: type) -> None:
    for zp in RANGES[dtype]:
        assert_bit_exact(dequantize(dtype, zp))


def add_relu6(output_scale: float) -> bytes:
    b = ModelBuilder()
    x = b.input([1, 8], np.int8, scale=output_scale, zero_point=0)
    c = b.const(np.arange(8, dtype=np.int8).reshape(1, 8), scale=output_scale, zero_point=0)
    y = b.tensor([1, 8], np.int8, scale=output_scale, zero_point=0)
    b.op("ADD", [x, c], [y], "AddOptions", activation="RELU6")
    b.output(y)
    return b.build()


def test_activation_bound_of_exactly_2_pow_31_steps_is_refused_not_overflowed() -> None:
    # fuzz_struct: round(6 / scale) == 2^31 passed a check against (float)INT32_MAX, which is
    # 2^31 itself, then overflowed the conversion to int32.
    with pytest.raises(ztflm.Error, match="activation range overflows the output scale"):
        ztflm.Interpreter.from_bytes(add_relu6(6.0 / 2**31))


@pytest.mark.parametrize("op", ["AVERAGE_POOL_2D", "MAX_POOL_2D"])
def test_a_node_with_empty_outputs_costs_nothing_whatever_its_other_dims(op: str) -> None:
    # fuzz_struct: AVERAGE_POOL_2D over float32[8388608, 28, 4, 0] ran 235 M empty loop
    # iterations (a minute under the sanitizers) for an output with no elements. A node whose
    # outputs are all empty now has nothing to do; this test would take minutes otherwise.
    import subprocess
    import sys

    code = f"""
import numpy as np, time, ztflm
from modelbuilder import ModelBuilder
b = ModelBuilder()
x = b.input([8388608, 28, 4, 0], np.float32)
y = b.tensor([8388608, 14, 2, 0], np.float32)
b.op({op!r}, [x], [y], "Pool2DOptions", padding="VALID", stride_h=2, stride_w=2,
     filter_height=2, filter_width=2)
b.output(y)
ip = ztflm.Interpreter.from_bytes(b.build())
t = time.monotonic()
ip.invoke()
assert ip.get_output(0).size == 0
print(time.monotonic() - t)
"""
    import os
    from pathlib import Path

    tests = str(Path(__file__).resolve().parents[1])
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       timeout=60, cwd=tests, env={**os.environ, "PYTHONPATH": tests})
    assert r.returncode == 0, r.stderr
    assert float(r.stdout) < 1.0


def fully_connected(input_scale: float, filter_scale: float, output_scale: float) -> bytes:
    b = ModelBuilder()
    x = b.input([1, 4], np.int8, scale=input_scale, zero_point=0)
    w = b.const(np.ones([2, 4], np.int8), scale=filter_scale, zero_point=0)
    y = b.tensor([1, 2], np.int8, scale=output_scale, zero_point=0)
    b.op("FULLY_CONNECTED", [x, w, -1], [y], "FullyConnectedOptions")
    b.output(y)
    return b.build()


@pytest.mark.parametrize("scales", [(3e38, 10.0, 1.0), (1.0, 1.0, 1e-45)],
                         ids=["product-overflows-float", "ratio-too-large"])
def test_fully_connected_scales_without_a_finite_multiplier_are_refused(scales) -> None:  # type: ignore[no-untyped-def]
    # fuzz_struct: the per-tensor multiplier of FULLY_CONNECTED was inf, and converting it
    # to an integer is undefined (UBSan: "inf is outside the range of representable values").
    # A finite ratio too large for any int32 multiplier is refused the same way.
    with pytest.raises(ztflm.Error, match="FULLY_CONNECTED .*scale") as err:
        ztflm.Interpreter.from_bytes(fully_connected(*scales))
    assert err.value.code == ztflm.Status.UNSUPPORTED, str(err.value)
