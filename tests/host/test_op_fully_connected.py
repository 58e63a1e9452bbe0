"""FULLY_CONNECTED is bit-exact with TFLM: int8 per-channel/per-tensor (float scale product),
16x8 (int16 activations, int64 or int32 bias), INT4 weights, float32, inputs of any rank flattened
to batches x depth, keep_num_dims, bias or none, every fused activation."""
import numpy as np
import pytest

import oracle
from modelbuilder import ModelBuilder

ACTIVATIONS = ["NONE", "RELU", "RELU6", "RELU_N1_TO_1"]


def build(in_shape, units, dtype, activation="NONE", keep_num_dims=False, per_channel=False,
          bias=True, seed=0, iq=(0.05, -3), oq=(0.2, 2), filter_zp=0, bias_range=2000,
          drop_bias_input=False, weights="int8", bias_dtype=None, bias_type_option=None):
    """int8 or int16 (16x8: bias int64 unless bias_dtype, quantized_bias_type
    bias_type_option), weights int8, "int4", or "int4_as_int8" (the same values stored as
    int8, for TFLM where it refuses INT4); or float32."""
    rng = np.random.default_rng(seed)
    depth = in_shape[-1]
    batches = int(np.prod(in_shape)) // depth
    out_shape = list(in_shape[:-1]) + [units] if keep_num_dims else [batches, units]
    b = ModelBuilder()
    if dtype in (np.int8, np.int16):
        x = b.input(in_shape, dtype, scale=iq[0], zero_point=iq[1])
        wscale = (10 ** rng.uniform(-3, -1, units if per_channel else 1)).astype(np.float32)
        if weights.startswith("int4"):
            wt = rng.integers(-8, 8, (units, depth)).astype(np.int8)
        else:
            wt = rng.integers(-127, 128, (units, depth)).astype(np.int8)
        const = b.const_int4 if weights == "int4" else b.const
        f = const(wt, scale=wscale, zero_point=[filter_zp] * len(wscale), quantized_dimension=0)
        ins = [x, f]
        if bias:
            bscale = (np.float32(iq[0]) * np.broadcast_to(wscale, (units,))).astype(np.float32)
            bt = bias_dtype or (np.int32 if dtype == np.int8 else np.int64)
            bv = rng.integers(-bias_range, bias_range + 1, units).astype(bt)
            ins.append(b.const(bv, scale=bscale, zero_point=[0] * units))
        y = b.tensor(out_shape, dtype, scale=oq[0], zero_point=oq[1])
    else:
        x = b.input(in_shape, np.float32)
        ins = [x, b.const(rng.normal(0, 0.5, (units, depth)).astype(np.float32))]
        if bias:
            ins.append(b.const(rng.normal(0, 1, units).astype(np.float32)))
        y = b.tensor(out_shape, np.float32)
    if not bias and not drop_bias_input:
        ins.append(-1)
    options = {} if bias_type_option is None else {"quantized_bias_type": bias_type_option}
    b.op("FULLY_CONNECTED", ins, [y], "FullyConnectedOptions", activation=activation,
         keep_num_dims=keep_num_dims, **options)
    b.output(y)
    return b.build()


SHAPES = [([16], 4), ([1, 16], 8), ([3, 10], 5), ([2, 3, 7], 6), ([2, 2, 3, 5], 3),
          ([1, 1, 1, 64], 10), ([4, 1], 1), ([5, 33], 17)]


@pytest.mark.parametrize("in_shape,units", SHAPES)
@pytest.mark.parametrize("per_channel", [True, False], ids=["per_channel", "per_tensor"])
@pytest.mark.parametrize("keep_num_dims", [False, True], ids=["flat", "keep_dims"])
def test_fc_int8_flattens_like_tflm(in_shape, units, per_channel, keep_num_dims):
    model = build(in_shape, units, np.int8, keep_num_dims=keep_num_dims, per_channel=per_channel)
    oracle.assert_bit_exact(model, n_random=3)


@pytest.mark.parametrize("in_shape,units", SHAPES)
@pytest.mark.parametrize("keep_num_dims", [False, True], ids=["flat", "keep_dims"])
def test_fc_float32_flattens_like_tflm(in_shape, units, keep_num_dims):
    oracle.assert_bit_exact(build(in_shape, units, np.float32, keep_num_dims=keep_num_dims),
                            n_random=3)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("per_channel", [True, False], ids=["per_channel", "per_tensor"])
def test_fc_int8_fused_activation_clamps_like_tflm(activation, per_channel):
    model = build([3, 20], 7, np.int8, activation, per_channel=per_channel, oq=(0.01, -10),
                  bias_range=20000)
    oracle.assert_bit_exact(model)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_fc_float32_fused_activation_clamps_like_tflm(activation):
    oracle.assert_bit_exact(build([3, 20], 7, np.float32, activation))


@pytest.mark.parametrize("dtype", [np.int8, np.float32], ids=["int8", "float32"])
@pytest.mark.parametrize("drop", [False, True], ids=["absent_index", "two_inputs"])
@pytest.mark.parametrize("per_channel", [True, False], ids=["per_channel", "per_tensor"])
def test_fc_without_bias_matches_tflm(dtype, drop, per_channel):
    oracle.assert_bit_exact(build([2, 12], 5, dtype, bias=False, drop_bias_input=drop,
                                  per_channel=per_channel))


@pytest.mark.parametrize("filter_zp", [-5, 3])
def test_fc_int8_per_tensor_uses_the_filter_zero_point_like_tflm(filter_zp):
    oracle.assert_bit_exact(build([2, 12], 5, np.int8, filter_zp=filter_zp))


@pytest.mark.parametrize("seed", range(30))
def test_fc_int8_random_scales_and_zero_points_match_tflm(seed):
    rng = np.random.default_rng(seed)
    iq = (float(10 ** rng.uniform(-3, 0)), int(rng.integers(-128, 128)))
    oq = (float(10 ** rng.uniform(-3, 0.5)), int(rng.integers(-128, 128)))
    model = build([2, 3, 9], 6, np.int8, ACTIVATIONS[seed % 4], keep_num_dims=seed % 2 == 0,
                  per_channel=seed % 3 == 0, seed=seed, iq=iq, oq=oq,
                  bias_range=int(rng.integers(1, 100000)))
    oracle.assert_bit_exact(model, n_random=3, seed=seed)


def test_fc_rejects_input_that_does_not_flatten_to_the_output_batches():
    import ztflm
    b = ModelBuilder()
    x = b.input([3, 10], np.float32)
    f = b.const(np.ones((4, 10), np.float32))
    y = b.tensor([2, 4], np.float32)
    b.op("FULLY_CONNECTED", [x, f, -1], [y], "FullyConnectedOptions")
    b.output(y)
    with pytest.raises(ztflm.Error):
        ztflm.Interpreter.from_bytes(b.build())


@pytest.mark.parametrize("oq", [(1e-6, 0), (3e-5, -100), (50.0, 3), (1e6, 0)])
@pytest.mark.parametrize("per_channel", [True, False], ids=["per_channel", "per_tensor"])
def test_fc_int8_extreme_output_scales_match_tflm(oq, per_channel):
    oracle.assert_bit_exact(build([2, 30], 4, np.int8, per_channel=per_channel, oq=oq,
                                  bias_range=100000))


def test_fc_int8_per_tensor_rejects_bias_scale_far_from_input_times_filter_like_tflm():
    import ztflm
    b = ModelBuilder()
    x = b.input([1, 8], np.int8, scale=0.5, zero_point=0)
    f = b.const(np.ones((2, 8), np.int8), scale=0.5, zero_point=0)
    bias = b.const(np.ones(2, np.int32), scale=1.0, zero_point=0)
    y = b.tensor([1, 2], np.int8, scale=0.5, zero_point=0)
    b.op("FULLY_CONNECTED", [x, f, bias], [y], "FullyConnectedOptions")
    b.output(y)
    model = b.build()
    with pytest.raises(ztflm.Error, match="bias scale"):
        ztflm.Interpreter.from_bytes(model)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.zeros((1, 8), np.int8)])


@pytest.mark.parametrize("depth", [1, 3, 5, 13, 67])
@pytest.mark.parametrize("filter_zp", [0, -7])
def test_fc_int8_depths_off_the_unrolled_step_match_tflm(depth, filter_zp):
    # The reference sums four products a step: depths that leave a remainder, with and
    # without a filter zero point (its input-sum term).
    oracle.assert_bit_exact(build([3, depth], 4, np.int8, filter_zp=filter_zp, seed=depth))


# 16x8: int16 activations (FULLY_CONNECTED honours their zero points), int8 weights.
S16 = {"iq": (0.002, -5), "oq": (0.004, 3)}
BIAS_KINDS = {  # (bias, bias dtype, quantized_bias_type): the accumulator TFLM picks
    "int64": (True, np.int64, None),
    "int32": (True, np.int32, None),
    "none": (False, None, None),
    "none_int32_option": (False, None, "INT32"),
}


@pytest.mark.parametrize("in_shape,units", SHAPES)
@pytest.mark.parametrize("per_channel", [True, False], ids=["per_channel", "per_tensor"])
def test_fc_16x8_flattens_like_tflm(in_shape, units, per_channel):
    model = build(in_shape, units, np.int16, keep_num_dims=len(in_shape) > 2,
                  per_channel=per_channel, bias_range=200000, **S16)
    oracle.assert_bit_exact(model, n_random=2)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("kind", BIAS_KINDS)
@pytest.mark.parametrize("per_channel", [True, False], ids=["per_channel", "per_tensor"])
def test_fc_16x8_bias_types_and_activations_match_tflm(activation, kind, per_channel):
    bias, bias_dtype, option = BIAS_KINDS[kind]
    model = build([3, 20], 7, np.int16, activation, per_channel=per_channel, bias=bias,
                  bias_dtype=bias_dtype, bias_type_option=option, drop_bias_input=True,
                  iq=(0.0007, 11), oq=(0.0003, -9), bias_range=3000000)
    oracle.assert_bit_exact(model, n_random=3)


@pytest.mark.parametrize("seed", range(8))
def test_fc_16x8_random_scales_and_zero_points_match_tflm(seed):
    rng = np.random.default_rng(seed)
    bias, bias_dtype, option = BIAS_KINDS[list(BIAS_KINDS)[seed % 4]]
    iq = (float(10 ** rng.uniform(-5, -1)), int(rng.integers(-32768, 32768)))
    oq = (float(10 ** rng.uniform(-5, 0)), int(rng.integers(-32768, 32768)))
    model = build([2, 3, 9], 6, np.int16, ACTIVATIONS[seed % 4], keep_num_dims=seed % 2 == 0,
                  per_channel=seed % 3 == 0, bias=bias, bias_dtype=bias_dtype,
                  bias_type_option=option, seed=seed, iq=iq, oq=oq,
                  filter_zp=0 if seed % 3 == 0 else int(rng.integers(-20, 20)),
                  bias_range=int(rng.integers(1, 10 ** 7)))
    oracle.assert_bit_exact(model, n_random=2, seed=seed)


@pytest.mark.parametrize("oq", [1e3, 2e-5, 1.1e-8, 3e-10])
@pytest.mark.parametrize("bias_dtype", [np.int64, np.int32], ids=["int64", "int32"])
def test_fc_16x8_extreme_output_scales_match_tflm(oq, bias_dtype):
    model = build([2, 30], 4, np.int16, per_channel=True, bias_dtype=bias_dtype,
                  iq=(0.0001, 0), oq=(oq, 0), bias_range=1000)
    oracle.assert_bit_exact(model)


@pytest.mark.parametrize("bias_dtype", [np.int64, np.int32], ids=["int64", "int32"])
def test_fc_16x8_accumulator_and_bias_wrap_like_tflm(bias_dtype):
    info = np.iinfo(bias_dtype)
    b = ModelBuilder()
    x = b.input([2, 6], np.int16, scale=0.01, zero_point=-32768)
    f = b.const(np.full((4, 6), 127, np.int8), scale=[0.5, 0.5, 0.001, 0.001], zero_point=0)
    bias = b.const(np.array([info.max, info.min, info.max - 5, info.min + 5], bias_dtype),
                   scale=[0.005, 0.005, 1e-5, 1e-5], zero_point=[0] * 4)
    y = b.tensor([2, 4], np.int16, scale=0.01, zero_point=32767)
    b.op("FULLY_CONNECTED", [x, f, bias], [y], "FullyConnectedOptions")
    b.output(y)
    extremes = np.array([[32767, -32768, 32767, 1, 0, -1], [32767] * 6], np.int16)
    oracle.assert_bit_exact(b.build(), [extremes])


def test_fc_16x8_refuses_a_multiplier_tflm_shifts_by_a_negative_count():
    import ztflm
    model = build([1, 4], 2, np.int16, per_channel=True, iq=(1.0, 0), oq=(1e-6, 0))
    with pytest.raises(ztflm.Error, match="output scale is too small"):
        ztflm.Interpreter.from_bytes(model)


@pytest.mark.parametrize("bias_dtype", [np.float32, np.int16])
def test_fc_16x8_refuses_a_bias_that_is_neither_int64_nor_int32(bias_dtype):
    import ztflm
    model = build([2, 8], 3, np.int16, bias_dtype=bias_dtype, **S16)
    with pytest.raises(ztflm.Error, match="bias type"):
        ztflm.Interpreter.from_bytes(model)


@pytest.mark.parametrize("in_shape,units", SHAPES[2:6])
@pytest.mark.parametrize("filter_zp", [0, -3])
def test_fc_int8_with_int4_weights_per_tensor_matches_tflm(in_shape, units, filter_zp):
    model = build(in_shape, units, np.int8, weights="int4", filter_zp=filter_zp)
    oracle.assert_bit_exact(model, n_random=2)


@pytest.mark.parametrize("dtype,per_channel", [(np.int8, True), (np.int16, True),
                                               (np.int16, False)],
                         ids=["int8_per_channel", "16x8_per_channel", "16x8_per_tensor"])
@pytest.mark.parametrize("in_shape,units", [([3, 10], 5), ([5, 33], 17)])
def test_fc_int4_weights_tflm_refuses_match_tflm_on_the_same_weights_as_int8(dtype, per_channel,
                                                                           in_shape, units):
    """TFLM refuses INT4 weights per channel and with int16 input; ztflm runs them, and gives
    what TFLM gives for the same weight values stored as int8."""
    q = S16 if dtype == np.int16 else {}

    def model(weights):
        return build(in_shape, units, dtype, per_channel=per_channel, weights=weights, **q)

    with pytest.raises(RuntimeError):
        oracle.tflm_interpreter(model("int4"))
    oracle.assert_bit_exact(model("int4"), n_random=2, tflm_model=model("int4_as_int8"))
