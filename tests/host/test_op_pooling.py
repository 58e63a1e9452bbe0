"""AVERAGE_POOL_2D and MAX_POOL_2D are bit-exact with TFLM: int8, int16 and float32, windows,
strides, SAME and VALID padding, windows larger than the input, and every fused activation; an
int16 window whose int32 sum could overflow in TFLM is refused. L2_POOL_2D likewise in
float32, the one type TFLM runs it in."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import variants

import oracle
import ztflm
from modelbuilder import ModelBuilder


def out_size(n: int, f: int, s: int, padding: str) -> int:
    return (n + s - 1) // s if padding == "SAME" else (n - f + s) // s


def pool_model(op: str, dtype: type, shape: list[int], filt: tuple[int, int],
               stride: tuple[int, int], padding: str, activation: str,
               scale: float = 0.07, zero_point: int = -5) -> bytes:
    n, h, w, c = shape
    oh, ow = out_size(h, filt[0], stride[0], padding), out_size(w, filt[1], stride[1], padding)
    b = ModelBuilder()
    # int16 is symmetric in TFLite's 16x8 mode: zero point 0.
    q = {} if dtype == np.float32 else {"scale": scale,
                                        "zero_point": zero_point if dtype == np.int8 else 0}
    x = b.input(shape, dtype, **q)
    y = b.tensor([n, oh, ow, c], dtype, **q)
    b.op(op, [x], [y], "Pool2DOptions", padding=padding, stride_h=stride[0],
         stride_w=stride[1], filter_height=filt[0], filter_width=filt[1],
         activation=activation)
    b.output(y)
    return b.build()


def int8_samples(shape: list[int], rng: np.random.Generator) -> list[np.ndarray]:
    n = int(np.prod(shape))
    return [s.astype(np.int8).reshape(shape) for s in (
        rng.integers(-128, 128, n), rng.choice([-128, 127], n),
        np.full(n, int(rng.integers(-128, 128))))]


def int16_samples(shape: list[int], rng: np.random.Generator) -> list[np.ndarray]:
    n = int(np.prod(shape))
    return [s.astype(np.int16).reshape(shape) for s in (
        rng.integers(-32768, 32768, n), rng.choice([-32768, 32767], n),
        np.full(n, int(rng.integers(-32768, 32768))))]


def float_samples(shape: list[int], rng: np.random.Generator) -> list[np.ndarray]:
    n = int(np.prod(shape))
    spread = rng.standard_normal(n) * 10.0 ** rng.uniform(-3, 3)
    decades = rng.choice([-1.0, 1.0], n) * 10.0 ** rng.uniform(-40, 38, n)
    special = rng.standard_normal(n) * 5
    idx = rng.integers(0, n, max(1, n // 8))
    special[idx] = rng.choice([np.inf, -np.inf, np.nan, -0.0, 3.4e38, -3.4e38], idx.size)
    return [s.astype(np.float32).reshape(shape) for s in (spread, decades, special)]


OPS = ["AVERAGE_POOL_2D", "MAX_POOL_2D"]
DTYPES = [np.int8, np.int16, np.float32]
DTYPE_IDS = ["int8", "int16", "float"]
SAMPLES = {np.int8: int8_samples, np.int16: int16_samples, np.float32: float_samples}
ACTIVATIONS = ["NONE", "RELU", "RELU6", "RELU_N1_TO_1"]
WINDOWS = [((2, 2), (2, 2)), ((3, 3), (1, 1)), ((3, 2), (2, 1)), ((5, 5), (3, 3)),
           ((1, 1), (2, 2)), ((7, 4), (1, 2)), ((2, 2), (4, 3))]
SHAPES = [[1, 8, 8, 3], [2, 7, 5, 4], [1, 13, 11, 1]]


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("window", WINDOWS, ids=lambda w: f"f{w[0]}s{w[1]}")
@pytest.mark.parametrize("padding", ["SAME", "VALID"])
@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "x".join(map(str, s)))
def test_pooling_is_bit_exact(op: str, dtype: type, window: tuple, padding: str,
                              shape: list[int]) -> None:
    filt, stride = window
    if padding == "VALID" and (filt[0] > shape[1] or filt[1] > shape[2]):
        pytest.skip("window larger than the input")
    oracle.assert_bit_exact(pool_model(op, dtype, shape, filt, stride, padding, "NONE"),
                            n_random=4)


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_pooling_fused_activation_is_bit_exact(op: str, dtype: type, activation: str) -> None:
    model = pool_model(op, dtype, [1, 9, 9, 2], (3, 3), (2, 2), "SAME", activation, scale=0.04)
    oracle.assert_bit_exact(model, n_random=6)


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
def test_global_pooling_over_a_large_window_is_bit_exact(op: str, dtype: type) -> None:
    model = pool_model(op, dtype, [1, 7, 7, 64], (7, 7), (1, 1), "VALID", "NONE", scale=0.5)
    rng = np.random.default_rng(3)
    for x in SAMPLES[dtype]([1, 7, 7, 64], rng):
        oracle.assert_bit_exact(model, inputs=[x])


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
def test_same_window_larger_than_the_input_is_bit_exact(op: str, dtype: type) -> None:
    model = pool_model(op, dtype, [2, 3, 2, 5], (8, 6), (1, 2), "SAME", "NONE")
    oracle.assert_bit_exact(model, n_random=6)


@pytest.mark.parametrize("seed", range(60))
def test_random_pooling_configurations_are_bit_exact(seed: int) -> None:
    rng = np.random.default_rng(seed)
    op = OPS[seed % 2]
    dtype = DTYPES[(seed // 2) % 3]
    padding = "SAME" if rng.random() < 0.5 else "VALID"
    shape = [int(rng.integers(1, 3)), int(rng.integers(1, 16)), int(rng.integers(1, 16)),
             int(rng.choice([1, 2, 3, 8, 33]))]
    filt = (int(rng.integers(1, 9)), int(rng.integers(1, 9)))
    stride = (int(rng.integers(1, 5)), int(rng.integers(1, 5)))
    if padding == "VALID":
        filt = (min(filt[0], shape[1]), min(filt[1], shape[2]))
    scale = float(10 ** rng.uniform(-3, 0))
    zero_point = int(rng.integers(-128, 128)) if dtype == np.int8 else 0
    model = pool_model(op, dtype, shape, filt, stride, padding,
                       ACTIVATIONS[int(rng.integers(0, 4))], scale, zero_point)
    for x in SAMPLES[dtype](shape, rng):
        oracle.assert_bit_exact(model, inputs=[x])


def test_average_pool_nan_payload_follows_the_first_nan_of_the_window() -> None:
    # Two NaNs of different payload in one window: the sum keeps the first, as TFLM does.
    model = pool_model("AVERAGE_POOL_2D", np.float32, [1, 2, 2, 2], (2, 2), (2, 2), "VALID",
                       "NONE")
    bits = np.array([0x7FC00001, 0xFFC00000, 0x3F800000, 0x7F800000,
                     0xFFC00000, 0xFF800000, 0x7FC00002, 0x40000000], np.uint32)
    oracle.assert_bit_exact(model, inputs=[bits.view(np.float32).reshape(1, 2, 2, 2)])


# A negative scale (no valid quantization has one, TFLM runs it anyway) makes RELU6 and
# RELU_N1_TO_1 ranges with min above max; TFLM applies max then min, the average in int32 and
# the maximum with both bounds cast to int8 first (-1/30 with zero point 100: 130 wraps).
UNORDERED = [(-0.05, 3), (-1 / 30, 100)]


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("activation", ["RELU6", "RELU_N1_TO_1"])
@pytest.mark.parametrize("scale,zero_point", UNORDERED)
def test_int8_pooling_with_an_unordered_activation_range_is_bit_exact(
        op: str, activation: str, scale: float, zero_point: int) -> None:
    model = pool_model(op, np.int8, [1, 4, 4, 8], (2, 2), (2, 2), "VALID", activation, scale,
                       zero_point)
    oracle.assert_bit_exact(model, n_random=4)
    # No overlay's lane-wise clamp can apply such a range: the reference variant runs it.
    assert variants.kernel_of(model) == f"{op.lower()}_s8_ref"


def variant_models() -> list[bytes]:
    """Per op: an int8 node, a float32 node, an int8 node with an unordered activation range."""
    return [m for op in OPS for m in (
        pool_model(op, np.int8, [1, 6, 6, 9], (3, 3), (1, 1), "SAME", "RELU"),
        pool_model(op, np.float32, [1, 6, 6, 9], (3, 3), (1, 1), "SAME", "RELU"),
        pool_model(op, np.int8, [1, 6, 6, 9], (3, 3), (1, 1), "SAME", "RELU6", -0.05, 3))]


def test_each_node_runs_the_first_variant_of_this_build_that_can_run_it() -> None:
    # In an overlay's tier (ZTFLM_LIB) the int8 nodes run its variant; everywhere else, and
    # for float32, the reference variant.
    got = [variants.kernel_of(m) for m in variant_models()]
    assert got == [k for op in OPS for k in (variants.first_variant(op, "INT8", "INT8"),
                                              f"{op.lower()}_f32_ref", f"{op.lower()}_s8_ref")]


@pytest.mark.nosan
@pytest.mark.parametrize("kernels", variants.HOST_OVERLAYS)
def test_an_overlay_runs_int8_pooling_and_leaves_what_it_cannot_to_reference(
        kernels: str, tmp_path: Path) -> None:
    got = variants.node_kernels(variant_models(), kernels, tmp_path)
    assert got == [[k] for op in OPS for k in (f"{op.lower()}_s8_{kernels}",
                                               f"{op.lower()}_f32_ref", f"{op.lower()}_s8_ref")]


def test_pooling_output_shape_mismatch_is_rejected() -> None:
    b = ModelBuilder()
    x = b.input([1, 8, 8, 3], np.float32)
    y = b.tensor([1, 3, 4, 3], np.float32)
    b.op("MAX_POOL_2D", [x], [y], "Pool2DOptions", padding="VALID", stride_h=2, stride_w=2,
         filter_height=2, filter_width=2)
    b.output(y)
    with pytest.raises(ztflm.Error, match=r"MAX_POOL_2D .*output shape is not \[1, 4, 4, 3\]"):
        ztflm.Interpreter.from_bytes(b.build())


def test_pooling_with_a_zero_stride_is_rejected() -> None:
    b = ModelBuilder()
    x = b.input([1, 4, 4, 1], np.float32)
    y = b.tensor([1, 2, 2, 1], np.float32)
    b.op("AVERAGE_POOL_2D", [x], [y], "Pool2DOptions", padding="VALID", stride_h=0,
         stride_w=2, filter_height=2, filter_width=2)
    b.output(y)
    with pytest.raises(ztflm.Error, match="AVERAGE_POOL_2D .*invalid window"):
        ztflm.Interpreter.from_bytes(b.build())


def test_pooling_with_different_input_and_output_scales_is_rejected() -> None:
    b = ModelBuilder()
    x = b.input([1, 4, 4, 1], np.int8, scale=0.1, zero_point=0)
    y = b.tensor([1, 2, 2, 1], np.int8, scale=0.2, zero_point=0)
    b.op("AVERAGE_POOL_2D", [x], [y], "Pool2DOptions", padding="VALID", stride_h=2,
         stride_w=2, filter_height=2, filter_width=2)
    b.output(y)
    with pytest.raises(ztflm.Error, match="scales differ"):
        ztflm.Interpreter.from_bytes(b.build())


def int16_models() -> list[bytes]:
    return [pool_model(op, np.int16, [1, 6, 6, 9], (3, 3), (1, 1), "SAME", "RELU") for op in OPS]


def int16_variant(op: str, kernels: str) -> str:
    """cmsis_nn's variant (CMSIS-NN's s16 pooling), else the reference one: arm_dsp and arm_mve
    have no int16 pooling variant."""
    return f"{op.lower()}_s16_{'cmsis_nn' if kernels == 'cmsis_nn' else 'ref'}"


def test_int16_pooling_runs_its_variant() -> None:
    int8 = pool_model("MAX_POOL_2D", np.int8, [1, 6, 6, 9], (3, 3), (1, 1), "SAME", "RELU")
    loaded = variants.kernel_of(int8).rsplit("_s8_", 1)[1]  # ref, or the library's overlay
    assert [variants.kernel_of(m) for m in int16_models()] == [int16_variant(op, loaded)
                                                                for op in OPS]


@pytest.mark.nosan
@pytest.mark.parametrize("kernels", variants.HOST_OVERLAYS)
def test_an_overlay_runs_int16_pooling_with_its_variant_or_reference(kernels: str,
                                                                     tmp_path: Path) -> None:
    got = variants.node_kernels(int16_models(), kernels, tmp_path)
    assert got == [[int16_variant(op, kernels)] for op in OPS]


@pytest.mark.parametrize("op", OPS)
def test_int16_window_whose_int32_sum_could_overflow_is_refused(op: str) -> None:
    # 256 x 256 = 65536 values of -32768 sum to INT32_MIN in TFLM's int32 accumulator, and
    # its rounding step (sum - 32768) wraps (TFLM answers +32767); 257 x 255 = 65535 is the
    # largest window whose sum and rounding always fit, and runs.
    for rows, cols, refused in ((256, 256, True), (257, 255, False)):
        model = pool_model(op, np.int16, [1, rows, cols, 1], (rows, cols), (1, 1), "VALID",
                           "NONE", scale=0.5)
        if refused:
            with pytest.raises(ztflm.Error, match=f"{op} .*int16 window of 256 x 256 values "
                                                  "may overflow"):
                ztflm.Interpreter.from_bytes(model)
        else:
            for value in (-32768, 32767):
                x = np.full([1, rows, cols, 1], value, np.int16)
                oracle.assert_bit_exact(model, inputs=[x])


@pytest.mark.parametrize("window", WINDOWS, ids=lambda w: f"f{w[0]}s{w[1]}")
@pytest.mark.parametrize("padding", ["SAME", "VALID"])
def test_l2_pooling_is_bit_exact(window: tuple, padding: str) -> None:
    filt, stride = window
    shape = [2, 7, 5, 4]
    if padding == "VALID" and (filt[0] > shape[1] or filt[1] > shape[2]):
        pytest.skip("window larger than the input")
    model = pool_model("L2_POOL_2D", np.float32, shape, filt, stride, padding, "NONE")
    for x in float_samples(shape, np.random.default_rng(filt[0] * 10 + stride[1])):
        oracle.assert_bit_exact(model, inputs=[x])


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_l2_pooling_fused_activation_is_bit_exact(activation: str) -> None:
    model = pool_model("L2_POOL_2D", np.float32, [1, 9, 9, 2], (3, 3), (2, 2), "SAME",
                       activation)
    oracle.assert_bit_exact(model, n_random=3)
    assert variants.kernel_of(model) == "l2_pool_2d_f32_ref"


def test_l2_pooling_nan_payload_and_overflow_follow_tflm() -> None:
    # Squares past FLT_MAX give inf; NaNs of two payloads in a window keep the first.
    model = pool_model("L2_POOL_2D", np.float32, [1, 2, 2, 2], (2, 2), (2, 2), "VALID", "NONE")
    bits = np.array([0x7FC00001, 0x7F000000, 0xFFC00000, 0x5F000000,
                     0xFFC00003, 0x80000000, 0x3F800000, 0x1F000000], np.uint32)
    oracle.assert_bit_exact(model, inputs=[bits.view(np.float32).reshape(1, 2, 2, 2)])


def test_l2_pooling_int8_is_refused_like_tflm() -> None:
    model = pool_model("L2_POOL_2D", np.int8, [1, 4, 4, 1], (2, 2), (2, 2), "VALID", "NONE")
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.zeros((1, 4, 4, 1), np.int8)])
    with pytest.raises(ztflm.Error, match="L2_POOL_2D .*INT8 input and INT8 output are not "
                                          "supported"):
        ztflm.Interpreter.from_bytes(model)
