"""DEPTHWISE_CONV_2D is bit-exact with TFLM: int8 per-channel/per-tensor, 16x8 (int16 activations,
int64 bias), INT4 weights, float32, padding, strides, dilation, depth multiplier, bias or none,
every fused activation."""
import numpy as np
import pytest

import oracle
from modelbuilder import ModelBuilder

ACTIVATIONS = ["NONE", "RELU", "RELU6", "RELU_N1_TO_1"]


def out_size(n, k, stride, dilation, padding):
    eff = (k - 1) * dilation + 1
    return (n + stride - 1) // stride if padding == "SAME" else (n + stride - eff) // stride


def build(in_shape, mult, kh, kw, dtype, stride=(1, 1), dilation=(1, 1), padding="SAME",
          activation="NONE", per_channel=True, bias=True, seed=0, iq=(0.05, -3),
          oq=(0.1, 2), bias_range=2000, absent_bias=False, weights="int8", bias_dtype=None,
          wscale=None):
    """int8 or int16 (16x8: bias int64 unless bias_dtype), weights int8, "int4", or
    "int4_as_int8" (the same values stored as int8, for TFLM where it refuses INT4); or
    float32."""
    rng = np.random.default_rng(seed)
    n, h, w, c = in_shape
    out_c = c * mult
    oh = out_size(h, kh, stride[0], dilation[0], padding)
    ow = out_size(w, kw, stride[1], dilation[1], padding)
    b = ModelBuilder()
    if dtype in (np.int8, np.int16):
        x = b.input(in_shape, dtype, scale=iq[0], zero_point=iq[1])
        if wscale is None:
            wscale = (10 ** rng.uniform(-3, -1, out_c if per_channel else 1)).astype(np.float32)
        wscale = np.atleast_1d(np.asarray(wscale, np.float32))
        if weights.startswith("int4"):
            wt = rng.integers(-8, 8, (1, kh, kw, out_c)).astype(np.int8)
        else:
            wt = rng.integers(-127, 128, (1, kh, kw, out_c)).astype(np.int8)
        const = b.const_int4 if weights == "int4" else b.const
        f = const(wt, scale=wscale, zero_point=[0] * len(wscale), quantized_dimension=3)
        ins = [x, f]
        if bias:
            bscale = (np.float32(iq[0]) * np.broadcast_to(wscale, (out_c,))).astype(np.float32)
            bt = bias_dtype or (np.int32 if dtype == np.int8 else np.int64)
            bv = rng.integers(-bias_range, bias_range + 1, out_c).astype(bt)
            ins.append(b.const(bv, scale=bscale, zero_point=[0] * out_c))
        y = b.tensor([n, oh, ow, out_c], dtype, scale=oq[0], zero_point=oq[1])
    else:
        x = b.input(in_shape, np.float32)
        ins = [x, b.const(rng.normal(0, 0.5, (1, kh, kw, out_c)).astype(np.float32))]
        if bias:
            ins.append(b.const(rng.normal(0, 1, out_c).astype(np.float32)))
        y = b.tensor([n, oh, ow, out_c], np.float32)
    if not bias and absent_bias:
        # TFLM crashes on this form (it frees the absent bias), so only ztflm runs it.
        ins.append(-1)
    b.op("DEPTHWISE_CONV_2D", ins, [y], "DepthwiseConv2DOptions", padding=padding,
         stride_h=stride[0], stride_w=stride[1], dilation_h_factor=dilation[0],
         dilation_w_factor=dilation[1], depth_multiplier=mult, activation=activation)
    b.output(y)
    return b.build()


GEOMETRIES = [
    # in_shape, depth multiplier, kh, kw, stride, dilation, padding
    ([1, 8, 8, 3], 1, 3, 3, (1, 1), (1, 1), "SAME"),
    ([1, 8, 8, 3], 1, 3, 3, (1, 1), (1, 1), "VALID"),
    ([1, 9, 7, 4], 2, 3, 3, (2, 2), (1, 1), "SAME"),
    ([1, 9, 7, 4], 1, 3, 3, (2, 2), (1, 1), "VALID"),
    ([2, 10, 11, 3], 3, 3, 2, (1, 2), (1, 1), "SAME"),
    ([1, 10, 10, 4], 1, 3, 3, (1, 1), (2, 2), "SAME"),
    ([1, 12, 10, 2], 2, 3, 3, (1, 1), (2, 3), "VALID"),
    ([1, 12, 12, 2], 1, 5, 4, (3, 2), (2, 1), "SAME"),
    ([1, 6, 6, 16], 1, 1, 1, (1, 1), (1, 1), "VALID"),
    ([2, 5, 5, 1], 4, 5, 5, (1, 1), (1, 1), "VALID"),
    ([1, 4, 4, 3], 1, 6, 6, (1, 1), (1, 1), "SAME"),
    ([1, 1, 16, 5], 2, 1, 3, (1, 2), (1, 1), "SAME"),
    # Depth multipliers with dilated windows hanging over the left and right edges.
    ([1, 9, 9, 2], 3, 3, 3, (1, 1), (2, 3), "SAME"),
    ([1, 4, 5, 2], 5, 3, 3, (2, 1), (1, 2), "SAME"),
]


@pytest.mark.parametrize("geom", GEOMETRIES)
@pytest.mark.parametrize("per_channel", [True, False], ids=["per_channel", "per_tensor"])
def test_depthwise_int8_windows_match_tflm(geom, per_channel):
    in_shape, mult, kh, kw, stride, dil, pad = geom
    model = build(in_shape, mult, kh, kw, np.int8, stride, dil, pad, per_channel=per_channel)
    oracle.assert_bit_exact(model, n_random=3)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("per_channel", [True, False], ids=["per_channel", "per_tensor"])
def test_depthwise_int8_fused_activation_clamps_like_tflm(activation, per_channel):
    model = build([1, 7, 7, 3], 2, 3, 3, np.int8, (1, 1), (1, 1), "SAME", activation,
                  per_channel, oq=(0.01, -10), bias_range=20000)
    oracle.assert_bit_exact(model)


@pytest.mark.parametrize("geom", GEOMETRIES[:6])
@pytest.mark.parametrize("dtype", [np.int8, np.float32], ids=["int8", "float32"])
def test_depthwise_without_bias_matches_tflm(geom, dtype):
    in_shape, mult, kh, kw, stride, dil, pad = geom
    oracle.assert_bit_exact(build(in_shape, mult, kh, kw, dtype, stride, dil, pad, bias=False))


@pytest.mark.parametrize("dtype", [np.int8, np.float32], ids=["int8", "float32"])
def test_depthwise_absent_bias_index_equals_no_bias_input(dtype):
    rng = np.random.default_rng(1)
    x = (rng.integers(-128, 128, (1, 8, 8, 3)).astype(np.int8) if dtype == np.int8
         else rng.normal(0, 1, (1, 8, 8, 3)).astype(np.float32))
    two = oracle.run_ztflm(build([1, 8, 8, 3], 2, 3, 3, dtype, bias=False), [x])
    three = oracle.run_ztflm(build([1, 8, 8, 3], 2, 3, 3, dtype, bias=False, absent_bias=True),
                             [x])
    assert two[0].tobytes() == three[0].tobytes()
    assert two[0].tobytes() == oracle.run_tflm(build([1, 8, 8, 3], 2, 3, 3, dtype, bias=False),
                                               [x])[0].tobytes()


@pytest.mark.parametrize("seed", range(20))
def test_depthwise_int8_random_scales_and_zero_points_match_tflm(seed):
    rng = np.random.default_rng(seed)
    iq = (float(10 ** rng.uniform(-3, 0)), int(rng.integers(-128, 128)))
    oq = (float(10 ** rng.uniform(-3, 0)), int(rng.integers(-128, 128)))
    model = build([1, 6, 5, 3], 1 + seed % 3, 3, 3, np.int8, (1 + seed % 2, 1),
                  (1, 1 + seed % 3 // 2), ["SAME", "VALID"][seed % 2], ACTIVATIONS[seed % 4],
                  per_channel=seed % 3 != 0, seed=seed, iq=iq, oq=oq,
                  bias_range=int(rng.integers(1, 100000)))
    oracle.assert_bit_exact(model, n_random=3, seed=seed)


@pytest.mark.parametrize("geom", GEOMETRIES)
@pytest.mark.parametrize("activation", ["NONE", "RELU6"])
def test_depthwise_float32_windows_match_tflm(geom, activation):
    in_shape, mult, kh, kw, stride, dil, pad = geom
    model = build(in_shape, mult, kh, kw, np.float32, stride, dil, pad, activation)
    oracle.assert_bit_exact(model, n_random=3)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_depthwise_float32_fused_activation_matches_tflm(activation):
    oracle.assert_bit_exact(build([1, 7, 6, 3], 2, 3, 3, np.float32, (2, 1), (1, 1), "SAME",
                                  activation))


def test_depthwise_rejects_depth_multiplier_inconsistent_with_channels():
    import ztflm
    b = ModelBuilder()
    x = b.input([1, 8, 8, 3], np.float32)
    f = b.const(np.ones((1, 3, 3, 6), np.float32))
    y = b.tensor([1, 8, 8, 6], np.float32)
    b.op("DEPTHWISE_CONV_2D", [x, f, -1], [y], "DepthwiseConv2DOptions", padding="SAME",
         stride_h=1, stride_w=1, depth_multiplier=3)
    b.output(y)
    with pytest.raises(ztflm.Error, match="depth multiplier"):
        ztflm.Interpreter.from_bytes(b.build())


@pytest.mark.parametrize("oq", [(1e-6, 0), (3e-5, -100), (50.0, 3), (1e6, 0)])
@pytest.mark.parametrize("per_channel", [True, False], ids=["per_channel", "per_tensor"])
def test_depthwise_int8_extreme_output_scales_match_tflm(oq, per_channel):
    model = build([1, 5, 5, 4], 2, 3, 3, np.int8, per_channel=per_channel, oq=oq,
                  bias_range=100000)
    oracle.assert_bit_exact(model)


# 16x8: int16 activations (zero points 0), int8 weights, int64 bias.
S16 = {"iq": (0.002, 0), "oq": (0.004, 0)}


@pytest.mark.parametrize("geom", GEOMETRIES)
@pytest.mark.parametrize("per_channel", [True, False], ids=["per_channel", "per_tensor"])
def test_depthwise_16x8_windows_match_tflm(geom, per_channel):
    in_shape, mult, kh, kw, stride, dil, pad = geom
    model = build(in_shape, mult, kh, kw, np.int16, stride, dil, pad, per_channel=per_channel,
                  bias_range=200000, **S16)
    oracle.assert_bit_exact(model, n_random=2)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("bias", [True, False], ids=["bias", "no_bias"])
def test_depthwise_16x8_activations_and_bias_match_tflm(activation, bias):
    # Without a bias only as two inputs: TFLM crashes on an absent third one (above).
    model = build([1, 7, 6, 3], 2, 3, 3, np.int16, (2, 1), (1, 1), "SAME", activation,
                  bias=bias, iq=(0.0007, 0), oq=(0.0003, 0), bias_range=3000000)
    oracle.assert_bit_exact(model, n_random=3)


@pytest.mark.parametrize("seed", range(6))
def test_depthwise_16x8_random_scales_match_tflm(seed):
    rng = np.random.default_rng(seed)
    model = build([1, 6, 5, 3], 1 + seed % 3, 3, 3, np.int16, (1 + seed % 2, 1),
                  (1, 1 + seed % 3 // 2), ["SAME", "VALID"][seed % 2], ACTIVATIONS[seed % 4],
                  per_channel=seed % 3 != 0, seed=seed,
                  iq=(float(10 ** rng.uniform(-5, -1)), 0), oq=(float(10 ** rng.uniform(-5, 0)), 0),
                  bias_range=int(rng.integers(1, 10 ** 7)))
    oracle.assert_bit_exact(model, n_random=2, seed=seed)


@pytest.mark.parametrize("oq", [1e3, 2e-5, 1.1e-8, 3e-10])
def test_depthwise_16x8_extreme_output_scales_match_tflm(oq):
    model = build([1, 5, 5, 3], 1, 3, 3, np.int16, wscale=[0.01, 0.002, 0.03], iq=(0.0001, 0),
                  oq=(oq, 0), bias_range=1000)
    oracle.assert_bit_exact(model)


def test_depthwise_16x8_bias_wraps_the_int64_rescaling_like_tflm():
    info = np.iinfo(np.int64)
    b = ModelBuilder()
    x = b.input([1, 3, 3, 2], np.int16, scale=0.01, zero_point=0)
    f = b.const(np.full((1, 3, 3, 4), -128, np.int8), scale=[0.5, 0.5, 0.001, 0.001],
                zero_point=[0] * 4, quantized_dimension=3)
    bias = b.const(np.array([info.max, info.min, info.max - 5, info.min + 5], np.int64),
                   scale=[0.005, 0.005, 1e-5, 1e-5], zero_point=[0] * 4)
    y = b.tensor([1, 3, 3, 4], np.int16, scale=0.01, zero_point=0)
    b.op("DEPTHWISE_CONV_2D", [x, f, bias], [y], "DepthwiseConv2DOptions", padding="SAME",
         stride_h=1, stride_w=1, depth_multiplier=2)
    b.output(y)
    extremes = np.array([32767, -32768, 32767, 1, 0, -1, 32767, 32767, -32768] * 2, np.int16)
    oracle.assert_bit_exact(b.build(), [extremes.reshape(1, 3, 3, 2)])


def test_depthwise_16x8_refuses_an_int32_bias_tflm_reads_as_int64():
    """TFLM's 16x8 depthwise kernel reads its bias as int64 whatever its type: an int32 bias
    gives it garbage read past the buffer, so ztflm refuses it."""
    import ztflm
    model = build([1, 4, 4, 2], 1, 3, 3, np.int16, bias_dtype=np.int32, **S16)
    with pytest.raises(ztflm.Error, match="bias type INT32 is not supported"):
        ztflm.Interpreter.from_bytes(model)


@pytest.mark.parametrize("zps", [(3, 0), (0, -2)], ids=["input", "output"])
def test_depthwise_16x8_refuses_zero_points_tflm_ignores(zps):
    import ztflm
    model = build([1, 4, 4, 2], 1, 3, 3, np.int16, iq=(0.01, zps[0]), oq=(0.01, zps[1]))
    with pytest.raises(ztflm.Error, match="int16 zero points must be 0"):
        ztflm.Interpreter.from_bytes(model)


def test_depthwise_16x8_refuses_a_multiplier_tflm_shifts_by_a_negative_count():
    import ztflm
    model = build([1, 4, 4, 2], 1, 3, 3, np.int16, wscale=[1.0], iq=(1.0, 0), oq=(1e-5, 0))
    with pytest.raises(ztflm.Error, match="output scale is too small"):
        ztflm.Interpreter.from_bytes(model)


INT4_GEOMETRIES = [GEOMETRIES[0], GEOMETRIES[2], GEOMETRIES[4], GEOMETRIES[7], GEOMETRIES[9],
                   GEOMETRIES[11]]


@pytest.mark.parametrize("geom", INT4_GEOMETRIES)
@pytest.mark.parametrize("per_channel", [True, False], ids=["per_channel", "per_tensor"])
def test_depthwise_int8_with_int4_weights_matches_tflm(geom, per_channel):
    in_shape, mult, kh, kw, stride, dil, pad = geom
    model = build(in_shape, mult, kh, kw, np.int8, stride, dil, pad, per_channel=per_channel,
                  weights="int4")
    oracle.assert_bit_exact(model, n_random=2)


@pytest.mark.parametrize("geom", INT4_GEOMETRIES[:3])
def test_depthwise_16x8_with_int4_weights_matches_tflm_on_the_same_weights_as_int8(geom):
    """TFLM refuses INT4 weights with int16 input; ztflm runs them, and gives what TFLM gives
    for the same weight values stored as int8."""
    in_shape, mult, kh, kw, stride, dil, pad = geom

    def model(weights):
        return build(in_shape, mult, kh, kw, np.int16, stride, dil, pad, weights=weights, **S16)

    with pytest.raises(RuntimeError):
        oracle.tflm_interpreter(model("int4"))
    oracle.assert_bit_exact(model("int4"), n_random=2, tflm_model=model("int4_as_int8"))
