"""CONV_2D is bit-exact with TFLM: int8 per-channel/per-tensor, 16x8 (int16 activations, int64 or
int32 bias), INT4 weights, float32, padding, strides, dilation, groups, bias or none, every fused
activation."""
import numpy as np
import pytest

import oracle
from modelbuilder import ModelBuilder

ACTIVATIONS = ["NONE", "RELU", "RELU6", "RELU_N1_TO_1"]


def out_size(n, k, stride, dilation, padding):
    eff = (k - 1) * dilation + 1
    return (n + stride - 1) // stride if padding == "SAME" else (n + stride - eff) // stride


def build(in_shape, out_c, kh, kw, dtype, stride=(1, 1), dilation=(1, 1), padding="SAME",
          activation="NONE", per_channel=True, bias=True, groups=1, seed=0,
          iq=(0.05, -3), oq=(0.1, 2), wscale=None, bias_range=2000, weights="int8",
          bias_dtype=None, bias_type_option=None):
    """int8 or int16 (16x8: bias int64 unless bias_dtype, quantized_bias_type bias_type_option),
    weights int8 or "int4"; or float32."""
    rng = np.random.default_rng(seed)
    n, h, w, c = in_shape
    fc = c // groups
    oh = out_size(h, kh, stride[0], dilation[0], padding)
    ow = out_size(w, kw, stride[1], dilation[1], padding)
    b = ModelBuilder()
    if dtype in (np.int8, np.int16):
        x = b.input(in_shape, dtype, scale=iq[0], zero_point=iq[1])
        if wscale is None:
            wscale = (10 ** rng.uniform(-3, -1, out_c)).astype(np.float32)
        if not per_channel:
            wscale = np.float32(np.atleast_1d(wscale)[:1])
        wscale = np.atleast_1d(np.asarray(wscale, np.float32))
        shape = (out_c, kh, kw, fc)
        if weights.startswith("int4"):
            # "int4_as_int8": the same values stored as int8, for TFLM where it refuses INT4.
            wt = rng.integers(-8, 8, shape)
            const = b.const_int4 if weights == "int4" else b.const
            f = const(wt.astype(np.int8), scale=wscale, zero_point=[0] * len(wscale),
                      quantized_dimension=0)
        else:
            f = b.const(rng.integers(-127, 128, shape).astype(np.int8), scale=wscale,
                        zero_point=[0] * len(wscale), quantized_dimension=0)
        ins = [x, f]
        if bias:
            bscale = (np.float32(iq[0]) * np.broadcast_to(wscale, (out_c,))).astype(np.float32)
            bt = bias_dtype or (np.int32 if dtype == np.int8 else np.int64)
            bv = rng.integers(-bias_range, bias_range + 1, out_c).astype(bt)
            ins.append(b.const(bv, scale=bscale, zero_point=[0] * out_c))
        else:
            ins.append(-1)
        y = b.tensor([n, oh, ow, out_c], dtype, scale=oq[0], zero_point=oq[1])
    else:
        x = b.input(in_shape, np.float32)
        wt = rng.normal(0, 0.5, (out_c, kh, kw, fc)).astype(np.float32)
        ins = [x, b.const(wt)]
        ins.append(b.const(rng.normal(0, 1, out_c).astype(np.float32)) if bias else -1)
        y = b.tensor([n, oh, ow, out_c], np.float32)
    options = {} if bias_type_option is None else {"quantized_bias_type": bias_type_option}
    b.op("CONV_2D", ins, [y], "Conv2DOptions", padding=padding, stride_h=stride[0],
         stride_w=stride[1], dilation_h_factor=dilation[0], dilation_w_factor=dilation[1],
         activation=activation, **options)
    b.output(y)
    return b.build()


GEOMETRIES = [
    # in_shape, out_c, kh, kw, stride, dilation, padding
    ([1, 8, 8, 3], 4, 3, 3, (1, 1), (1, 1), "SAME"),
    ([1, 8, 8, 3], 4, 3, 3, (1, 1), (1, 1), "VALID"),
    ([1, 9, 7, 2], 5, 3, 3, (2, 2), (1, 1), "SAME"),
    ([1, 9, 7, 2], 5, 3, 3, (2, 2), (1, 1), "VALID"),
    ([2, 10, 11, 3], 3, 3, 2, (1, 2), (1, 1), "SAME"),
    ([1, 10, 10, 4], 6, 3, 3, (1, 1), (2, 2), "SAME"),
    ([1, 12, 10, 4], 6, 3, 3, (1, 1), (2, 3), "VALID"),
    ([1, 12, 12, 2], 3, 5, 4, (3, 2), (2, 1), "SAME"),
    ([1, 6, 6, 8], 16, 1, 1, (1, 1), (1, 1), "VALID"),
    ([2, 5, 5, 1], 1, 5, 5, (1, 1), (1, 1), "VALID"),
    ([1, 4, 4, 3], 2, 6, 6, (1, 1), (1, 1), "SAME"),
    ([1, 1, 16, 5], 7, 1, 3, (1, 2), (1, 1), "SAME"),
]


@pytest.mark.parametrize("geom", GEOMETRIES)
@pytest.mark.parametrize("per_channel", [True, False], ids=["per_channel", "per_tensor"])
def test_conv_int8_windows_match_tflm(geom, per_channel):
    in_shape, out_c, kh, kw, stride, dil, pad = geom
    model = build(in_shape, out_c, kh, kw, np.int8, stride, dil, pad, per_channel=per_channel)
    oracle.assert_bit_exact(model, n_random=3)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("per_channel", [True, False], ids=["per_channel", "per_tensor"])
def test_conv_int8_fused_activation_clamps_like_tflm(activation, per_channel):
    model = build([1, 7, 7, 3], 4, 3, 3, np.int8, (1, 1), (1, 1), "SAME", activation,
                  per_channel, oq=(0.01, -10), bias_range=20000)
    oracle.assert_bit_exact(model)


@pytest.mark.parametrize("geom", GEOMETRIES[:6])
def test_conv_int8_without_bias_matches_tflm(geom):
    in_shape, out_c, kh, kw, stride, dil, pad = geom
    oracle.assert_bit_exact(build(in_shape, out_c, kh, kw, np.int8, stride, dil, pad,
                                  bias=False))


@pytest.mark.parametrize("groups,c,out_c", [(2, 4, 6), (3, 6, 3), (4, 8, 8)])
@pytest.mark.parametrize("dtype", [np.int8, np.float32], ids=["int8", "float32"])
def test_conv_grouped_matches_tflm(groups, c, out_c, dtype):
    oracle.assert_bit_exact(build([1, 6, 6, c], out_c, 3, 3, dtype, groups=groups))


@pytest.mark.parametrize("seed", range(20))
def test_conv_int8_random_scales_and_zero_points_match_tflm(seed):
    rng = np.random.default_rng(seed)
    iq = (float(10 ** rng.uniform(-3, 0)), int(rng.integers(-128, 128)))
    oq = (float(10 ** rng.uniform(-3, 0)), int(rng.integers(-128, 128)))
    act = ACTIVATIONS[seed % 4]
    model = build([1, 6, 5, 3], 4, 3, 3, np.int8, (1 + seed % 2, 1), (1, 1 + seed % 3 // 2),
                  ["SAME", "VALID"][seed % 2], act, per_channel=seed % 3 != 0, seed=seed,
                  iq=iq, oq=oq, bias_range=int(rng.integers(1, 100000)))
    oracle.assert_bit_exact(model, n_random=3, seed=seed)


@pytest.mark.parametrize("geom", GEOMETRIES)
@pytest.mark.parametrize("activation", ["NONE", "RELU6"])
def test_conv_float32_windows_match_tflm(geom, activation):
    in_shape, out_c, kh, kw, stride, dil, pad = geom
    model = build(in_shape, out_c, kh, kw, np.float32, stride, dil, pad, activation)
    oracle.assert_bit_exact(model, n_random=3)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("bias", [True, False], ids=["bias", "no_bias"])
def test_conv_float32_activation_and_bias_match_tflm(activation, bias):
    oracle.assert_bit_exact(build([1, 7, 6, 3], 5, 3, 3, np.float32, (2, 1), (1, 1), "SAME",
                                  activation, bias=bias))


def test_conv_rejects_output_shape_that_the_window_does_not_produce():
    import ztflm
    b = ModelBuilder()
    x = b.input([1, 8, 8, 3], np.float32)
    f = b.const(np.ones((4, 3, 3, 3), np.float32))
    y = b.tensor([1, 7, 8, 4], np.float32)
    b.op("CONV_2D", [x, f, -1], [y], "Conv2DOptions", padding="SAME", stride_h=1, stride_w=1)
    b.output(y)
    with pytest.raises(ztflm.Error):
        ztflm.Interpreter.from_bytes(b.build())


def test_conv_rejects_bias_of_the_wrong_length():
    import ztflm
    b = ModelBuilder()
    x = b.input([1, 8, 8, 3], np.float32)
    f = b.const(np.ones((4, 3, 3, 3), np.float32))
    bias = b.const(np.ones(3, np.float32))
    y = b.tensor([1, 8, 8, 4], np.float32)
    b.op("CONV_2D", [x, f, bias], [y], "Conv2DOptions", padding="SAME", stride_h=1, stride_w=1)
    b.output(y)
    with pytest.raises(ztflm.Error, match="bias"):
        ztflm.Interpreter.from_bytes(b.build())


def test_conv_int8_with_two_inputs_and_no_bias_slot_matches_tflm():
    b = ModelBuilder()
    x = b.input([1, 6, 6, 3], np.int8, scale=0.05, zero_point=4)
    rng = np.random.default_rng(3)
    f = b.const(rng.integers(-127, 128, (5, 3, 3, 3)).astype(np.int8),
                scale=[0.01, 0.02, 0.005, 0.03, 0.002], zero_point=[0] * 5)
    y = b.tensor([1, 3, 3, 5], np.int8, scale=0.07, zero_point=-1)
    b.op("CONV_2D", [x, f], [y], "Conv2DOptions", padding="SAME", stride_h=2, stride_w=2)
    b.output(y)
    oracle.assert_bit_exact(b.build())


@pytest.mark.parametrize("oq", [(1e-6, 0), (3e-5, -100), (50.0, 3), (1e6, 0)])
@pytest.mark.parametrize("per_channel", [True, False], ids=["per_channel", "per_tensor"])
def test_conv_int8_extreme_output_scales_match_tflm(oq, per_channel):
    model = build([1, 5, 5, 4], 3, 3, 3, np.int8, per_channel=per_channel, oq=oq,
                  bias_range=100000)
    oracle.assert_bit_exact(model)


# 16x8: int16 activations (zero points 0), int8 weights, int64 bias unless said otherwise.
S16 = {"iq": (0.002, 0), "oq": (0.004, 0)}
BIAS_KINDS = {  # (bias, bias dtype, quantized_bias_type): the accumulator TFLM picks
    "int64": (True, np.int64, None),
    "int32": (True, np.int32, None),
    "none": (False, None, None),
    "none_int32_option": (False, None, "INT32"),
}


@pytest.mark.parametrize("geom", GEOMETRIES)
@pytest.mark.parametrize("per_channel", [True, False], ids=["per_channel", "per_tensor"])
def test_conv_16x8_windows_match_tflm(geom, per_channel):
    in_shape, out_c, kh, kw, stride, dil, pad = geom
    model = build(in_shape, out_c, kh, kw, np.int16, stride, dil, pad, per_channel=per_channel,
                  bias_range=200000, **S16)
    oracle.assert_bit_exact(model, n_random=2)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("kind", BIAS_KINDS)
def test_conv_16x8_bias_types_and_activations_match_tflm(activation, kind):
    bias, bias_dtype, option = BIAS_KINDS[kind]
    # Scales that round differently in the int32 and int64 rescalings.
    model = build([1, 6, 5, 7], 5, 3, 3, np.int16, (1, 1), (1, 1), "SAME", activation,
                  bias=bias, bias_dtype=bias_dtype, bias_type_option=option, iq=(0.0007, 0),
                  oq=(0.0003, 0), bias_range=3000000)
    oracle.assert_bit_exact(model, n_random=3)


@pytest.mark.parametrize("groups,c,out_c", [(2, 4, 6), (3, 6, 3)])
def test_conv_16x8_grouped_matches_tflm(groups, c, out_c):
    oracle.assert_bit_exact(build([1, 6, 6, c], out_c, 3, 3, np.int16, groups=groups, **S16))


@pytest.mark.parametrize("seed", range(8))
def test_conv_16x8_random_scales_match_tflm(seed):
    rng = np.random.default_rng(seed)
    kind = list(BIAS_KINDS)[seed % 4]
    bias, bias_dtype, option = BIAS_KINDS[kind]
    model = build([1, 6, 5, 3], 4, 3, 3, np.int16, (1 + seed % 2, 1), (1, 1 + seed % 3 // 2),
                  ["SAME", "VALID"][seed % 2], ACTIVATIONS[seed % 4], per_channel=seed % 3 != 0,
                  bias=bias, bias_dtype=bias_dtype, bias_type_option=option, seed=seed,
                  iq=(float(10 ** rng.uniform(-5, -1)), 0), oq=(float(10 ** rng.uniform(-5, 0)), 0),
                  bias_range=int(rng.integers(1, 10 ** 7)))
    oracle.assert_bit_exact(model, n_random=2, seed=seed)


# Output scales from a 2^-20 multiplier to the largest int64 rescaling TFLM defines (shift 14).
@pytest.mark.parametrize("oq", [1e3, 1.0, 2e-5, 3e-7, 1.1e-8, 3e-10])
@pytest.mark.parametrize("bias_dtype", [np.int64, np.int32], ids=["int64", "int32"])
def test_conv_16x8_extreme_output_scales_match_tflm(oq, bias_dtype):
    model = build([1, 5, 5, 4], 3, 3, 3, np.int16, wscale=[0.01, 0.002, 0.03],
                  bias_dtype=bias_dtype, iq=(0.0001, 0), oq=(oq, 0), bias_range=1000)
    oracle.assert_bit_exact(model)


@pytest.mark.parametrize("bias_dtype", [np.int64, np.int32], ids=["int64", "int32"])
def test_conv_16x8_accumulator_and_bias_wrap_like_tflm(bias_dtype):
    """Biases at the ends of their type: the sums wrap (int32) or the int64 rescaling's product
    does, as in TFLM's compiled arithmetic."""
    info = np.iinfo(bias_dtype)
    b = ModelBuilder()
    x = b.input([1, 3, 3, 2], np.int16, scale=0.01, zero_point=0)
    f = b.const(np.full((4, 3, 3, 2), 127, np.int8), scale=[0.5, 0.5, 0.001, 0.001],
                zero_point=[0] * 4)
    bias = b.const(np.array([info.max, info.min, info.max - 5, info.min + 5], bias_dtype),
                   scale=[0.005, 0.005, 1e-5, 1e-5], zero_point=[0] * 4)
    y = b.tensor([1, 3, 3, 4], np.int16, scale=0.01, zero_point=0)
    b.op("CONV_2D", [x, f, bias], [y], "Conv2DOptions", padding="SAME", stride_h=1, stride_w=1)
    b.output(y)
    extremes = np.array([32767, -32768, 32767, 1, 0, -1, 32767, 32767, -32768] * 2, np.int16)
    oracle.assert_bit_exact(b.build(), [extremes.reshape(1, 3, 3, 2)])


def test_conv_16x8_refuses_a_multiplier_tflm_shifts_by_a_negative_count():
    """TFLM's int64 rescaling shifts right by 15 - shift: shift 15 and above is undefined."""
    import ztflm
    model = build([1, 4, 4, 2], 2, 3, 3, np.int16, wscale=[1.0, 1.0], iq=(1.0, 0), oq=(1e-5, 0))
    with pytest.raises(ztflm.Error, match="output scale is too small"):
        ztflm.Interpreter.from_bytes(model)


@pytest.mark.parametrize("zps", [(3, 0), (0, -2)], ids=["input", "output"])
def test_conv_16x8_refuses_zero_points_tflm_ignores(zps):
    import ztflm
    model = build([1, 4, 4, 2], 2, 3, 3, np.int16, iq=(0.01, zps[0]), oq=(0.01, zps[1]))
    with pytest.raises(ztflm.Error, match="int16 zero points must be 0"):
        ztflm.Interpreter.from_bytes(model)


@pytest.mark.parametrize("bias_dtype", [np.float32, np.int16, np.int8])
def test_conv_16x8_refuses_a_bias_that_is_neither_int64_nor_int32(bias_dtype):
    import ztflm
    model = build([1, 4, 4, 2], 2, 3, 3, np.int16, bias_dtype=bias_dtype, **S16)
    with pytest.raises(ztflm.Error, match="bias type"):
        ztflm.Interpreter.from_bytes(model)


# INT4 weights (two a byte): odd filter sizes make channels start in the middle of a byte.
INT4_GEOMETRIES = [GEOMETRIES[0], GEOMETRIES[2], GEOMETRIES[4], GEOMETRIES[6], GEOMETRIES[8],
                   GEOMETRIES[11]]


@pytest.mark.parametrize("geom", INT4_GEOMETRIES)
@pytest.mark.parametrize("per_channel", [True, False], ids=["per_channel", "per_tensor"])
def test_conv_int8_with_int4_weights_matches_tflm(geom, per_channel):
    in_shape, out_c, kh, kw, stride, dil, pad = geom
    model = build(in_shape, out_c, kh, kw, np.int8, stride, dil, pad, per_channel=per_channel,
                  weights="int4")
    oracle.assert_bit_exact(model, n_random=2)


@pytest.mark.parametrize("geom", INT4_GEOMETRIES[:3])
@pytest.mark.parametrize("kind", ["int64", "int32"])
def test_conv_16x8_with_int4_weights_matches_tflm_on_the_same_weights_as_int8(geom, kind):
    """TFLM refuses INT4 weights with int16 input; ztflm runs them, and gives what TFLM gives
    for the same weight values stored as int8."""
    in_shape, out_c, kh, kw, stride, dil, pad = geom
    bias, bias_dtype, option = BIAS_KINDS[kind]

    def model(weights):
        return build(in_shape, out_c, kh, kw, np.int16, stride, dil, pad, bias_dtype=bias_dtype,
                     weights=weights, **S16)

    with pytest.raises(RuntimeError):
        oracle.tflm_interpreter(model("int4"))
    oracle.assert_bit_exact(model("int4"), n_random=2, tflm_model=model("int4_as_int8"))
