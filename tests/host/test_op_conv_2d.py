"""CONV_2D is bit-exact with TFLM: int8 per-channel/per-tensor, float32, padding, strides, dilation,
groups, bias or none, every fused activation."""
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
          iq=(0.05, -3), oq=(0.1, 2), wscale=None, bias_range=2000):
    rng = np.random.default_rng(seed)
    n, h, w, c = in_shape
    fc = c // groups
    oh = out_size(h, kh, stride[0], dilation[0], padding)
    ow = out_size(w, kw, stride[1], dilation[1], padding)
    b = ModelBuilder()
    if dtype == np.int8:
        x = b.input(in_shape, np.int8, scale=iq[0], zero_point=iq[1])
        if wscale is None:
            wscale = (10 ** rng.uniform(-3, -1, out_c)).astype(np.float32)
        if not per_channel:
            wscale = np.float32(np.atleast_1d(wscale)[:1])
        wscale = np.atleast_1d(np.asarray(wscale, np.float32))
        wt = rng.integers(-127, 128, (out_c, kh, kw, fc)).astype(np.int8)
        f = b.const(wt, scale=wscale, zero_point=[0] * len(wscale), quantized_dimension=0)
        ins = [x, f]
        if bias:
            bscale = (np.float32(iq[0]) * np.broadcast_to(wscale, (out_c,))).astype(np.float32)
            bv = rng.integers(-bias_range, bias_range + 1, out_c).astype(np.int32)
            ins.append(b.const(bv, scale=bscale, zero_point=[0] * out_c))
        else:
            ins.append(-1)
        y = b.tensor([n, oh, ow, out_c], np.int8, scale=oq[0], zero_point=oq[1])
    else:
        x = b.input(in_shape, np.float32)
        wt = rng.normal(0, 0.5, (out_c, kh, kw, fc)).astype(np.float32)
        ins = [x, b.const(wt)]
        ins.append(b.const(rng.normal(0, 1, out_c).astype(np.float32)) if bias else -1)
        y = b.tensor([n, oh, ow, out_c], np.float32)
    b.op("CONV_2D", ins, [y], "Conv2DOptions", padding=padding, stride_h=stride[0],
         stride_w=stride[1], dilation_h_factor=dilation[0], dilation_w_factor=dilation[1],
         activation=activation)
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
