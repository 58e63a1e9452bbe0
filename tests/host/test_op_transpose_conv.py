"""TRANSPOSE_CONV is bit-exact with TFLM: float32 and int8 (per-channel and per-tensor weights),
bias or none, SAME and VALID padding, equal and unequal strides (with gaps where the filter is
smaller than the stride), output padding, batches and every fused activation; a filter,
output shape or window that does not fit is refused."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder


def out_size(n, k, stride, padding, extra=0):
    return (n * stride if padding == "SAME" else (n - 1) * stride + k) + extra


def build(in_shape, out_c, kh, kw, dtype, stride=(1, 1), padding="SAME", activation="NONE",
          per_channel=True, bias=True, extra=(0, 0), seed=0, iq=(0.05, -3), oq=(0.2, 5),
          out_shape=None, shape_values=None, const_shape=True):
    rng = np.random.default_rng(seed)
    n, h, w, c = in_shape
    oh = out_size(h, kh, stride[0], padding, extra[0])
    ow = out_size(w, kw, stride[1], padding, extra[1])
    out_shape = [n, oh, ow, out_c] if out_shape is None else out_shape
    b = ModelBuilder()
    values = out_shape if shape_values is None else shape_values
    shape = (b.const(np.array(values, np.int32)) if const_shape
             else b.input([4], np.int32))
    if dtype == np.int8:
        wscale = (10 ** rng.uniform(-3, -1, out_c)).astype(np.float32)
        if not per_channel:
            wscale = wscale[:1]
        f = b.const(rng.integers(-127, 128, (out_c, kh, kw, c)).astype(np.int8), scale=wscale,
                    zero_point=[0] * len(wscale), quantized_dimension=0)
        x = b.input(in_shape, np.int8, *iq)
        bscale = (np.float32(iq[0]) * np.broadcast_to(wscale, (out_c,))).astype(np.float32)
        bv = (b.const(rng.integers(-3000, 3001, out_c).astype(np.int32), scale=bscale,
                      zero_point=[0] * out_c) if bias else -1)
        y = b.tensor(out_shape, np.int8, *oq)
    else:
        f = b.const(rng.normal(0, 0.5, (out_c, kh, kw, c)).astype(np.float32))
        x = b.input(in_shape, np.float32)
        bv = b.const(rng.normal(0, 1, out_c).astype(np.float32)) if bias else -1
        y = b.tensor(out_shape, np.float32)
    ins = [shape, f, x] + ([bv] if bias else [])
    b.op("TRANSPOSE_CONV", ins, [y], "TransposeConvOptions", padding=padding,
         stride_h=stride[0], stride_w=stride[1], fused_activation_function=activation)
    b.output(y)
    return b.build()


GEOMETRIES = [
    # in_shape, out_c, kh, kw, stride, padding, extra output rows and columns
    ([1, 4, 4, 3], 2, 3, 3, (2, 2), "SAME", (0, 0)),
    ([1, 4, 4, 3], 2, 3, 3, (2, 2), "VALID", (0, 0)),
    ([1, 5, 3, 2], 4, 3, 3, (1, 1), "SAME", (0, 0)),
    ([1, 5, 3, 2], 4, 2, 3, (1, 1), "VALID", (0, 0)),
    ([2, 3, 4, 4], 3, 4, 4, (2, 2), "SAME", (0, 0)),
    ([1, 3, 5, 1], 5, 5, 3, (3, 2), "VALID", (2, 1)),
    ([1, 4, 3, 2], 3, 1, 1, (2, 3), "VALID", (0, 0)),
    ([1, 3, 3, 3], 2, 2, 2, (3, 3), "SAME", (-2, -1)),
    ([1, 2, 6, 8], 6, 3, 2, (2, 1), "SAME", (-1, 0)),
    ([1, 1, 1, 5], 2, 3, 3, (2, 2), "VALID", (1, 0)),
]


@pytest.mark.parametrize("geom", GEOMETRIES, ids=str)
@pytest.mark.parametrize("per_channel", [True, False], ids=["per_channel", "per_tensor"])
def test_int8_windows_like_tflm(geom, per_channel):
    in_shape, out_c, kh, kw, stride, pad, extra = geom
    model = build(in_shape, out_c, kh, kw, np.int8, stride, pad, per_channel=per_channel,
                  extra=extra)
    oracle.assert_bit_exact(model, n_random=2)


@pytest.mark.parametrize("geom", GEOMETRIES, ids=str)
def test_float32_windows_like_tflm(geom):
    in_shape, out_c, kh, kw, stride, pad, extra = geom
    oracle.assert_bit_exact(build(in_shape, out_c, kh, kw, np.float32, stride, pad,
                                  extra=extra), n_random=2)


@pytest.mark.parametrize("dtype", [np.int8, np.float32])
@pytest.mark.parametrize("activation", ["NONE", "RELU", "RELU6", "RELU_N1_TO_1"])
@pytest.mark.parametrize("bias", [True, False], ids=["bias", "no_bias"])
def test_activations_and_bias_like_tflm(dtype, activation, bias):
    model = build([1, 3, 3, 4], 3, 3, 3, dtype, (2, 2), "SAME", activation, bias=bias, seed=3)
    oracle.assert_bit_exact(model, n_random=2)


@pytest.mark.parametrize("iq,oq", [((0.5, 127), (0.001, -128)), ((0.001, -128), (5.0, 127)),
                                   ((0.02, 0), (0.02, 0))])
def test_int8_scales_far_apart_like_tflm(iq, oq):
    oracle.assert_bit_exact(build([1, 3, 3, 6], 4, 3, 3, np.int8, (2, 2), "VALID", iq=iq,
                                  oq=oq, seed=5), n_random=3)


def test_each_type_runs_its_reference_variant():
    for dtype, name in [(np.int8, "transpose_conv_s8_ref"),
                        (np.float32, "transpose_conv_f32_ref")]:
        ip = ztflm.Interpreter.from_bytes(build([1, 2, 2, 1], 1, 2, 2, dtype))
        assert ip.get_node_kernel(0) == name


def test_the_output_shape_may_be_computed_at_run_time_as_tflm_never_reads_it():
    model = build([1, 2, 2, 2], 3, 3, 3, np.float32, (2, 2), const_shape=False)
    x = np.random.default_rng(1).normal(size=[1, 2, 2, 2]).astype(np.float32)
    oracle.assert_bit_exact(model, inputs=[np.array([7, 7, 7, 7], np.int32), x])


@pytest.mark.parametrize("kw,match", [
    ({"shape_values": [1, 8, 9, 2]}, "output shape value 2 is 9 but the output's dimension is 8"),
    ({"shape_values": [1, 8, 8]}, "output shape is not 4 int32 values"),
    ({"out_shape": [1, 9, 8, 2]}, "input is 4 x 4, but the convolution it transposes gives 5 x 4"),
    ({"out_shape": [1, 8, 8, 3]}, r"output is \[1, _, _, 3\], not \[1, _, _, 2\]"),
    ({"out_shape": [2, 8, 8, 2]}, r"output is \[2, _, _, 2\], not \[1, _, _, 2\]"),
    ({"out_shape": [1, 8, 8]}, "must have rank 4"),
    ({"stride": (0, 2)}, "strides must be positive"),
    ({"padding": 7}, "padding 7 is neither SAME nor VALID"),
])
def test_a_node_that_does_not_fit_is_refused(kw, match):
    """TFLM checks none of these: it sizes everything by the output tensor and the filter,
    and reads or writes where they say."""
    with pytest.raises(ztflm.Error, match=match) as e:
        ztflm.Interpreter.from_bytes(build([1, 4, 4, 3], 2, 3, 3, np.float32,
                                          **{"stride": (2, 2), **kw}))
    assert e.value.code == ztflm.Status.MODEL


def test_a_filter_of_other_depth_is_refused():
    b = ModelBuilder()
    s = b.const(np.array([1, 4, 4, 2], np.int32))
    f = b.const(np.zeros([2, 3, 3, 5], np.float32))
    x = b.input([1, 2, 2, 3], np.float32)
    y = b.tensor([1, 4, 4, 2], np.float32)
    b.op("TRANSPOSE_CONV", [s, f, x], [y], "TransposeConvOptions", padding="SAME", stride_h=2,
         stride_w=2)
    b.output(y)
    with pytest.raises(ztflm.Error, match="filter is 2 x _ x _ x 5 for an input of 3 channels"):
        ztflm.Interpreter.from_bytes(b.build())


@pytest.mark.parametrize("per_channel_scales,match", [
    (3, "tensor 1: 3 scales but dimension 0 has 2 channels"),
])
def test_bad_filter_quantization_is_refused_like_tflm(per_channel_scales, match):
    b = ModelBuilder()
    s = b.const(np.array([1, 4, 4, 2], np.int32))
    f = b.const(np.ones([2, 3, 3, 1], np.int8), scale=[0.1] * per_channel_scales,
                zero_point=0, quantized_dimension=0)
    x = b.input([1, 2, 2, 1], np.int8, 0.1, 0)
    y = b.tensor([1, 4, 4, 2], np.int8, 0.1, 0)
    b.op("TRANSPOSE_CONV", [s, f, x], [y], "TransposeConvOptions", padding="SAME", stride_h=2,
         stride_w=2)
    b.output(y)
    model = b.build()
    with pytest.raises(RuntimeError):
        oracle.tflm_interpreter(model)
    with pytest.raises(ztflm.Error, match=match):
        ztflm.Interpreter.from_bytes(model)


def typed(x_dtype, f_dtype, b_dtype):
    """A 2x2 input to 4x4, stride 2, with the filter and bias types given."""
    q = {"scale": [0.1, 0.1], "zero_point": [0, 0], "quantized_dimension": 0}
    b = ModelBuilder()
    s = b.const(np.array([1, 4, 4, 2], np.int32))
    f = b.const(np.ones([2, 3, 3, 1], f_dtype), **(q if f_dtype == np.int8 else {}))
    xq = (0.1, 0) if x_dtype == np.int8 else ()
    x = b.input([1, 2, 2, 1], x_dtype, *xq)
    bias = b.const(np.ones([2], b_dtype), **(q if b_dtype != np.float32 else {}))
    y = b.tensor([1, 4, 4, 2], x_dtype, *xq)
    b.op("TRANSPOSE_CONV", [s, f, x, bias], [y], "TransposeConvOptions", padding="SAME",
         stride_h=2, stride_w=2)
    b.output(y)
    return b.build()


def test_a_bias_of_another_type_is_refused_which_tflm_reads_as_its_own():
    """TFLM checks no bias type: a float32 node's int32 bias of 1 is added as the float with
    those bits (1.4e-45), an int8 node's int64 or float32 bias read as int32 words."""
    model = typed(np.float32, np.float32, np.int32)
    out = oracle.run_tflm(model, [np.zeros([1, 2, 2, 1], np.float32)])[0]
    assert out[0, 0, 0].tolist() == [np.float32(1.401298464324817e-45)] * 2
    for x_dtype, b_dtype, name in [(np.float32, np.int32, "INT32"), (np.int8, np.int64, "INT64"),
                                   (np.int8, np.float32, "FLOAT32")]:
        model = typed(x_dtype, x_dtype if x_dtype == np.float32 else np.int8, b_dtype)
        oracle.tflm_interpreter(model)
        with pytest.raises(ztflm.Error, match=f"bias type {name} is not supported") as e:
            ztflm.Interpreter.from_bytes(model)
        assert e.value.code == ztflm.Status.UNSUPPORTED


@pytest.mark.parametrize("x_dtype,f_dtype,name", [(np.float32, np.int8, "INT8"),
                                                  (np.int8, np.float32, "FLOAT32")])
def test_a_filter_of_another_type_is_refused_like_tflm(x_dtype, f_dtype, name):
    """TFLM: "Hybrid models are not supported on TFLite Micro"."""
    model = typed(x_dtype, f_dtype, np.float32 if x_dtype == np.float32 else np.int32)
    with pytest.raises(RuntimeError):
        oracle.tflm_interpreter(model)
    with pytest.raises(ztflm.Error, match=f"filter type {name} is not supported") as e:
        ztflm.Interpreter.from_bytes(model)
    assert e.value.code == ztflm.Status.UNSUPPORTED


def test_an_int16_input_is_refused_until_the_16x8_variant_exists():
    b = ModelBuilder()
    s = b.const(np.array([1, 4, 4, 1], np.int32))
    f = b.const(np.ones([1, 3, 3, 1], np.int8), scale=[0.1], zero_point=0)
    x = b.input([1, 2, 2, 1], np.int16, 0.1, 0)
    y = b.tensor([1, 4, 4, 1], np.int16, 0.1, 0)
    b.op("TRANSPOSE_CONV", [s, f, x], [y], "TransposeConvOptions", padding="SAME", stride_h=2,
         stride_w=2)
    b.output(y)
    with pytest.raises(ztflm.Error, match="INT16 input and INT16 output are not supported") as e:
        ztflm.Interpreter.from_bytes(b.build())
    assert e.value.code == ztflm.Status.UNSUPPORTED
