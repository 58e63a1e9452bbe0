"""DIV is bit-exact with TFLM: int8 on every pair of values at many scales (TFLM's fixed-point
reciprocal, including its rounding where the last shift passes 31 bits), int32 truncating,
float32 with infinities and NaN, every fused activation and broadcast. Divisions TFLM fails
on, traps on or computes with the wrong sign are refused at invoke; scales whose rescale
TFLM cannot shift are refused at prepare."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder
from ztflm.compare import run_tflm as run_tflm_apart

ACTIVATIONS = ["NONE", "RELU", "RELU6", "RELU_N1_TO_1"]
SHAPES = [
    ([2, 3, 4], [2, 3, 4]),
    ([2, 3, 4], [1]),
    ([1], [3, 5]),
    ([4, 1], [1, 5]),
    ([2, 1, 3, 1, 2], [1, 3, 1, 4, 1]),
    ([2, 3, 1, 2, 1, 2, 1], [1, 3, 2, 1, 3, 1, 2]),
    ([], [3]),
    ([], []),
]


def build(shape1, shape2, dtype, q1=(None, 0), q2=(None, 0), qo=(None, 0), activation="NONE",
          out_shape=None):
    b = ModelBuilder()
    x = b.input(shape1, dtype, scale=q1[0], zero_point=q1[1])
    y = b.input(shape2, dtype, scale=q2[0], zero_point=q2[1])
    shape = out_shape or list(np.broadcast_shapes(tuple(shape1), tuple(shape2)))
    z = b.tensor(shape, dtype, scale=qo[0], zero_point=qo[1])
    b.op("DIV", [x, y], [z], "DivOptions", activation=activation)
    b.output(z)
    return b.build()


def every_int8_pair(q1, q2, qo, activation="NONE"):
    """Every dividend (a column) against every divisor but input 2's zero point (a row)."""
    x = np.arange(-128, 128, dtype=np.int8).reshape(256, 1)
    y = np.array([v for v in range(-128, 128) if v != q2[1]], np.int8).reshape(1, 255)
    model = build([256, 1], [1, 255], np.int8, q1, q2, qo, activation)
    return model, [x, y]


# (input 1, input 2, output) quantization: equal scales (where 0 and -1 over a large divisor
# reach exponents 32 to 38 and TFLM rounds them up), zero points at both ends, ratios of
# scales from 2^-25 to 2^22 (the limits).
INT8_SCALES = [
    ((0.1, 0), (0.1, 0), (0.1, 0)),
    ((0.05, 3), (0.2, -7), (0.02, 10)),
    ((0.5, -128), (0.003, 127), (0.4, 0)),
    ((0.003, 127), (0.5, -128), (0.01, -128)),
    ((1.0, 0), (1.0, 0), (1.0, 0)),
    ((9.56, -109), (0.02, -66), (0.00023, 101)),
    ((1e-6, 4), (30.0, -2), (2.0, 0)),
    ((1000.0, 0), (0.01, 0), (0.0238, 0)),
]


@pytest.mark.parametrize("q1,q2,qo", INT8_SCALES)
def test_int8_every_pair_of_values_like_tflm(q1, q2, qo):
    model, inputs = every_int8_pair(q1, q2, qo)
    oracle.assert_bit_exact(model, inputs=inputs)


@pytest.mark.parametrize("seed", range(8))
def test_int8_random_scales_and_zero_points_like_tflm(seed):
    rng = np.random.default_rng(seed)
    q = [(float(10 ** rng.uniform(-3, 1)), int(rng.integers(-128, 128))) for _ in range(3)]
    model, inputs = every_int8_pair(*q, activation=["NONE", "RELU"][seed % 2])
    oracle.assert_bit_exact(model, inputs=inputs)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_int8_fused_activation_like_tflm(activation):
    model, inputs = every_int8_pair((0.02, 5), (0.03, -4), (0.01, -10), activation)
    oracle.assert_bit_exact(model, inputs=inputs)


def test_int8_zero_over_a_large_divisor_is_tflm_s_one():
    """Where the last rescale's exponent passes 31, TFLM's x86 shift keeps its low 5 bits and
    its rounding mask all of them: 0 / 100 comes out one above the zero point. ztflm
    computes TFLM's value, not the quotient."""
    model = build([3], [3], np.int8, (0.1, 0), (0.1, 0), (0.1, 0))
    x, y = np.array([0, 0, 5], np.int8), np.array([100, -128, 2], np.int8)
    assert oracle.assert_bit_exact(model, inputs=[x, y])[0].tolist() == [1, 1, 25]


@pytest.mark.parametrize("shape1,shape2", SHAPES)
def test_int8_broadcasts_like_tflm(shape1, shape2):
    model = build(shape1, shape2, np.int8, (0.05, -3), (0.07, 5), (0.1, 2))
    for seed in range(3):
        sample = oracle.random_inputs(ztflm.Interpreter.from_bytes(model),
                                      np.random.default_rng(seed))
        sample[1][sample[1] == 5] = 6  # no division by the zero point
        oracle.assert_bit_exact(model, inputs=sample)


def nonzero_int32(shape, rng):
    v = rng.integers(-(2 ** 31), 2 ** 31, size=shape, dtype=np.int64)
    v[v == 0] = 7
    v = np.where(rng.random(shape) < 0.5, v // rng.integers(1, 2 ** 24, size=shape), v)
    v[v == 0] = -3
    v[v == -1] = 5
    return v.astype(np.int32)


@pytest.mark.parametrize("activation", ["NONE", "RELU", "RELU6", "RELU_N1_TO_1"])
@pytest.mark.parametrize("shape1,shape2", SHAPES[:6])
def test_int32_truncates_like_tflm(activation, shape1, shape2):
    rng = np.random.default_rng(len(shape1) * 10 + len(shape2))
    model = build(shape1, shape2, np.int32, activation=activation)
    x = rng.integers(-(2 ** 31), 2 ** 31, size=shape1, dtype=np.int64).astype(np.int32)
    small = np.array([7, -7, 1, -2, 3, -1000, 2 ** 31 - 1, -(2 ** 31) + 1], np.int32)
    x.reshape(-1)[:min(x.size, small.size)] = small[:x.size]
    oracle.assert_bit_exact(model, inputs=[x, nonzero_int32(shape2, rng)])


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("shape1,shape2", SHAPES[:6])
def test_float32_broadcasts_and_clamps_like_tflm(activation, shape1, shape2):
    oracle.assert_bit_exact(build(shape1, shape2, np.float32, activation=activation),
                            n_random=3)


def test_float32_specials_like_tflm():
    v = np.array([0.0, -0.0, 1.0, -1.0, np.inf, -np.inf, np.nan, 1e-45, 3e38, -7.5], np.float32)
    x, y = np.meshgrid(v, v, indexing="ij")
    for activation in ["NONE", "RELU"]:
        model = build([10, 10], [10, 10], np.float32, activation=activation)
        oracle.assert_bit_exact(model, inputs=[x.copy(), y.copy()])


def test_each_type_runs_its_reference_variant():
    for dtype, q, name in [(np.int8, (0.1, 0), "div_s8_ref"), (np.int32, (None, 0), "div_s32_ref"),
                           (np.float32, (None, 0), "div_f32_ref")]:
        ip = ztflm.Interpreter.from_bytes(build([2], [2], dtype, q, q, q))
        assert ip.get_node_kernel(0) == name


def invoke(model, x, y):
    ip = ztflm.Interpreter.from_bytes(model)
    ip.set_input(x, 0)
    ip.set_input(y, 1)
    ip.invoke()


def test_int32_division_by_zero_fails_at_invoke_as_in_tflm():
    model = build([2, 3], [3], np.int32)
    x, y = np.ones([2, 3], np.int32), np.array([4, 0, 2], np.int32)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [x, y])
    with pytest.raises(ztflm.Error, match="DIV .*2 elements: division by zero") as e:
        invoke(model, x, y)
    assert e.value.code == ztflm.Status.KERNEL


@pytest.mark.nosan  # TFLM runs in a subprocess, where the sanitizer's handler takes SIGFPE
def test_int32_min_over_minus_one_is_refused_where_tflm_traps():
    """INT32_MIN / -1 has no int32 quotient: TFLM's x86 build dies of SIGFPE (in a process of
    its own here); ztflm fails the invoke, and runs the same values once they are not divided
    by each other."""
    model = build([2], [2], np.int32)
    with pytest.raises(ztflm.Error, match="TFLM crashed \\(SIGFPE\\)"):
        run_tflm_apart(model, [np.array([-(2 ** 31), 5], np.int32), np.array([-1, 2], np.int32)], 1)
    with pytest.raises(ztflm.Error, match="1 elements: division by zero or INT32_MIN by -1"):
        invoke(model, np.array([-(2 ** 31), 5], np.int32), np.array([-1, 2], np.int32))
    oracle.assert_bit_exact(model, inputs=[np.array([-(2 ** 31), 5], np.int32),
                                           np.array([2, -1], np.int32)])


def test_int8_division_by_the_zero_point_is_refused_where_tflm_flips_the_sign():
    """A divisor at its zero point is 0: TFLM's reciprocal of 0 makes 10 / 0 the most negative
    value and -10 / 0 the most positive. ztflm refuses the invoke instead."""
    model = build([3], [3], np.int8, (0.1, 0), (0.1, 3), (0.1, 0))
    x, y = np.array([10, -10, 20], np.int8), np.array([3, 3, 4], np.int8)
    assert oracle.run_tflm(model, [x, y])[0].tolist()[:2] == [-128, 127]
    with pytest.raises(ztflm.Error, match="2 elements: division by the zero point") as e:
        invoke(model, x, y)
    assert e.value.code == ztflm.Status.KERNEL


@pytest.mark.parametrize("q1,q2,qo", [((100.0, 0), (0.0001, 0), (0.001, 0)),
                                      ((1e-6, 5), (10.0, 0), (10.0, 0))])
def test_int8_scale_ratios_tflm_cannot_shift_are_refused(q1, q2, qo):
    """Past 2^23 (and under 2^-26) some exponent of TFLM's last shift is negative (or 64 and
    up): its int8 results there are no quotient at all (100 / 1 comes out 24, not 127)."""
    model = build([2], [2], np.int8, q1, q2, qo)
    theirs = oracle.run_tflm(model, [np.array([100, 1], np.int8), np.array([1, 100], np.int8)])
    exact = np.clip(np.round((np.array([100, 1]) - q1[1]) * q1[0]
                             / ((np.array([1, 100]) - q2[1]) * q2[0]) / qo[0] + qo[1]), -128, 127)
    assert theirs[0].tolist() != exact.tolist()
    with pytest.raises(ztflm.Error, match="DIV .*scale .* is outside 2\\^-26 to 2\\^23") as e:
        ztflm.Interpreter.from_bytes(model)
    assert e.value.code == ztflm.Status.UNSUPPORTED


def test_quantized_int32_inputs_are_refused_as_in_tflm():
    model = build([2], [2], np.int32, (0.5, 0), (0.5, 0))
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.ones(2, np.int32), np.ones(2, np.int32)])
    with pytest.raises(ztflm.Error, match="DIV .*int32 inputs must not be quantized"):
        ztflm.Interpreter.from_bytes(model)


@pytest.mark.parametrize("dtype", [np.int16, np.int64, np.uint8])
def test_types_tflm_does_not_divide_are_refused(dtype):
    q = (0.1, 0) if dtype in (np.int16, np.uint8) else (None, 0)
    model = build([2], [2], dtype, q, q, q)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.ones(2, dtype), np.ones(2, dtype)])
    with pytest.raises(ztflm.Error, match="DIV .*input and .* output are not supported") as e:
        ztflm.Interpreter.from_bytes(model)
    assert e.value.code == ztflm.Status.UNSUPPORTED


def test_output_shape_other_than_the_broadcast_is_refused():
    with pytest.raises(ztflm.Error, match="DIV .*output dimension 1 is 4"):
        ztflm.Interpreter.from_bytes(build([2, 3], [3], np.float32, out_shape=[2, 4]))
