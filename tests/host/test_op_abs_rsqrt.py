"""ABS and RSQRT are bit-exact with TFLM: ABS on float32, int8 (every value, rescaled or not)
and int16 (quantized with zero points 0, or raw, where -32768 stays -32768 as in TFLM); RSQRT
on float32 and on every int8 and a sweep of int16 values through TFLM's fixed-point inverse
square root. A value below RSQRT's zero point fails the invoke, as in TFLM."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder

ALL_INT8 = np.arange(-128, 128, dtype=np.int8)


def build(op, dtype, q=(None, 0), qo=(None, 0), shape=(256,)):
    b = ModelBuilder()
    x = b.input(list(shape), dtype, scale=q[0], zero_point=q[1])
    y = b.tensor(list(shape), dtype, scale=qo[0], zero_point=qo[1])
    b.op(op, [x], [y])
    b.output(y)
    return b.build()


FLOATS = np.array([0.0, -0.0, 1.0, -1.0, 0.25, -4.0, 1e-45, -1e-45, 3e38, -3e38, np.inf,
                   -np.inf, np.nan, 1e-38, 2.0, 12345.678], np.float32)
NANS = np.array([0x7FC00123, 0xFFC0BEEF, 0x7F800001, 0xFF812345], np.uint32).view(np.float32)


@pytest.mark.parametrize("op", ["ABS", "RSQRT"])
def test_float32_like_tflm(op):
    x = np.concatenate([FLOATS, NANS])
    oracle.assert_bit_exact(build(op, np.float32, shape=x.shape), inputs=[x])
    oracle.assert_bit_exact(build(op, np.float32, shape=(3, 7)), n_random=3)


@pytest.mark.parametrize("q,qo", [((0.1, 0), (0.1, 0)), ((0.05, -20), (0.05, 30)),
                                  ((0.05, -20), (0.08, 17)), ((0.5, 100), (0.02, -128)),
                                  ((0.003, 3), (1.5, 0)), ((1.0, -128), (1.0, 127))])
def test_abs_int8_every_value_like_tflm(q, qo):
    oracle.assert_bit_exact(build("ABS", np.int8, q, qo), inputs=[ALL_INT8])


INT16_SWEEP = np.concatenate([np.linspace(-32768, 32767, 250).astype(np.int16),
                              np.int16([-32768, -32767, -1, 0, 1, 32767])])


@pytest.mark.parametrize("q,qo", [((0.001, 0), (0.001, 0)), ((0.0004, 0), (0.0011, 0)),
                                  ((0.01, 0), (0.0001, 0))])
def test_abs_int16_quantized_like_tflm(q, qo):
    oracle.assert_bit_exact(build("ABS", np.int16, q, qo), inputs=[INT16_SWEEP])


def test_abs_int16_unquantized_is_the_raw_value_like_tflm():
    """TFLM's std::abs of -32768 is 32768, cut back to int16: -32768."""
    out = oracle.assert_bit_exact(build("ABS", np.int16), inputs=[INT16_SWEEP])
    assert out[0][0] == -32768


@pytest.mark.parametrize("q,qo", [((0.1, 0), (0.1, 0)), ((0.05, -128), (0.02, -128)),
                                  ((0.01, -20), (0.5, 10)), ((1.0, 3), (0.01, -100)),
                                  ((0.003, -128), (0.2, 0))])
def test_rsqrt_int8_every_value_above_the_zero_point_like_tflm(q, qo):
    x = np.array([v for v in range(q[1], 128)], np.int8)
    oracle.assert_bit_exact(build("RSQRT", np.int8, q, qo, shape=x.shape), inputs=[x])


@pytest.mark.parametrize("q,qo", [((0.001, 0), (0.001, 0)), ((0.0001, 0), (0.05, 0)),
                                  ((1.0, 0), (0.0001, 0))])
def test_rsqrt_int16_like_tflm(q, qo):
    x = np.concatenate([np.arange(0, 300), np.linspace(300, 32767, 200)]).astype(np.int16)
    oracle.assert_bit_exact(build("RSQRT", np.int16, q, qo, shape=x.shape), inputs=[x])


def test_rsqrt_of_a_value_below_the_zero_point_fails_at_invoke_as_in_tflm():
    model = build("RSQRT", np.int8, (0.1, 3), (0.05, -2), shape=(4,))
    x = np.array([7, 1, 9, 2], np.int8)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [x])
    ip = ztflm.Interpreter.from_bytes(model)
    ip.set_input(x, 0)
    with pytest.raises(ztflm.Error, match="RSQRT .*2 elements: below the input zero point") as e:
        ip.invoke()
    assert e.value.code == ztflm.Status.KERNEL


def test_rsqrt_of_an_unquantized_int16_is_refused_where_tflm_reads_unset_parameters():
    """TFLM's prepare sets RSQRT's zero points and multiplier only for a quantized input: an
    unquantized int16 runs on whatever its op data held (all zeros in a fresh arena, so
    every value but 0 comes out 0; other values fail the invoke). ztflm refuses the node."""
    model = build("RSQRT", np.int16, shape=(4,))
    with pytest.raises(ztflm.Error, match="RSQRT .*input tensor 0 is not quantized") as e:
        ztflm.Interpreter.from_bytes(model)
    assert e.value.code == ztflm.Status.UNSUPPORTED


@pytest.mark.parametrize("op", ["ABS", "RSQRT"])
def test_int16_zero_points_other_than_0_are_refused_as_in_tflm(op):
    model = build(op, np.int16, (0.1, 2), (0.1, 0), shape=(4,))
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.array([7, 3, 9, 4], np.int16)])
    with pytest.raises(ztflm.Error, match=f"{op} .*needs a zero point of 0, not 2"):
        ztflm.Interpreter.from_bytes(model)


@pytest.mark.parametrize("op,qo", [("ABS", (None, 0)), ("RSQRT", (None, 0))])
def test_int8_needs_both_quantizations_as_in_tflm(op, qo):
    model = build(op, np.int8, (0.1, 0), qo, shape=(4,))
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.array([7, 3, 9, 4], np.int8)])
    with pytest.raises(ztflm.Error, match=f"{op} .*output tensor 1 is not quantized"):
        ztflm.Interpreter.from_bytes(model)


@pytest.mark.parametrize("op,dtype,name", [
    ("ABS", np.int8, "abs_s8_ref"), ("ABS", np.int16, "abs_s16_ref"),
    ("ABS", np.float32, "abs_f32_ref"), ("RSQRT", np.int8, "rsqrt_s8_ref"),
    ("RSQRT", np.int16, "rsqrt_s16_ref"), ("RSQRT", np.float32, "rsqrt_f32_ref")])
def test_each_type_runs_its_reference_variant(op, dtype, name):
    q = (None, 0) if dtype == np.float32 else (0.1, 0)
    assert ztflm.Interpreter.from_bytes(build(op, dtype, q, q)).get_node_kernel(0) == name


@pytest.mark.parametrize("op", ["ABS", "RSQRT"])
def test_int32_is_refused_as_in_tflm(op):
    model = build(op, np.int32, shape=(2,))
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.ones(2, np.int32)])
    with pytest.raises(ztflm.Error, match=f"{op} .*input and .* output are not supported"):
        ztflm.Interpreter.from_bytes(model)
