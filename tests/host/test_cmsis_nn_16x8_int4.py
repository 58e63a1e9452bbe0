"""The cmsis_nn overlay's 16x8 and INT4 variants (CMSIS-NN's s16 and s4 functions): which
nodes they take and which they leave to the reference variants, and the inputs where
CMSIS-NN's 16x8 arithmetic would part from TFLM's (int32 sums, arm_nn_requantize_s64's int32
step), which must still come out bit-exact because the overlay runs the reference computation
there (cmsis_nn/s16_exact.c).

These run on a cmsis_nn library (make test-cmsis-nn: ZTFLM_LIB=<libztflm_cmsis_nn.so>) and
are skipped, saying so, on any other. The rest of the host suite checks every other case
bit-exact on that library."""
from __future__ import annotations

import numpy as np
import pytest
import test_op_conv_2d as conv
import test_op_depthwise_conv_2d as dw
import test_op_fully_connected as fc

import oracle
import ztflm

S16 = conv.S16


def kernel(model: bytes) -> str:
    return ztflm.Interpreter.from_bytes(model).get_node_kernel(0)


ON_CMSIS_NN = kernel(conv.build([1, 4, 4, 2], 2, 1, 1, np.int8)) == "conv_2d_s8_cmsis_nn"
pytestmark = pytest.mark.skipif(
    not ON_CMSIS_NN, reason="cmsis_nn overlay not loaded (make test-cmsis-nn runs these)")

# name: (model, the variant that runs it); where TFLM refuses INT4 weights, TWINS gives it the
# same weights stored as int8.
CASES = {
    "conv_16x8": (lambda: conv.build([1, 6, 6, 3], 4, 3, 3, np.int16, **S16),
                  "conv_2d_s16_cmsis_nn"),
    "conv_16x8_int32_bias": (lambda: conv.build([1, 6, 6, 3], 4, 3, 3, np.int16,
                                                bias_dtype=np.int32, **S16),
                             "conv_2d_s16_cmsis_nn"),
    "conv_16x8_int4": (lambda w="int4": conv.build([1, 6, 6, 3], 4, 3, 3, np.int16,
                                                   weights=w, **S16), "conv_2d_s16_ref"),
    "conv_16x8_grouped": (lambda: conv.build([1, 6, 6, 4], 4, 3, 3, np.int16, groups=2,
                                             **S16), "conv_2d_s16_ref"),
    "conv_int4": (lambda: conv.build([1, 6, 6, 3], 4, 3, 3, np.int8, weights="int4"),
                  "conv_2d_s4_cmsis_nn"),
    "conv_int4_1x1": (lambda: conv.build([1, 5, 5, 8], 4, 1, 1, np.int8, padding="VALID",
                                         weights="int4"), "conv_2d_s4_cmsis_nn"),
    "conv_int4_grouped": (lambda: conv.build([1, 6, 6, 4], 4, 3, 3, np.int8, groups=2,
                                             weights="int4"), "conv_2d_s4_ref"),
    "depthwise_16x8": (lambda: dw.build([1, 6, 6, 8], 1, 3, 3, np.int16, **S16),
                       "depthwise_conv_2d_s16_cmsis_nn"),
    "depthwise_16x8_multiplier_2": (lambda: dw.build([1, 6, 6, 3], 2, 3, 3, np.int16,
                                                     dilation=(2, 1), **S16),
                                    "depthwise_conv_2d_s16_cmsis_nn"),
    "depthwise_16x8_int4": (lambda w="int4": dw.build([1, 6, 6, 8], 1, 3, 3, np.int16,
                                                      weights=w, **S16),
                            "depthwise_conv_2d_s16_ref"),
    "depthwise_int4": (lambda: dw.build([1, 6, 6, 5], 1, 3, 3, np.int8, weights="int4"),
                       "depthwise_conv_2d_s4_cmsis_nn"),
    "depthwise_int4_multiplier_2": (lambda: dw.build([2, 6, 6, 4], 2, 3, 3, np.int8,
                                                     weights="int4"),
                                    "depthwise_conv_2d_s4_cmsis_nn"),
    # arm_depthwise_conv_s4 (the general path) differs from TFLM on odd input depths; on
    # Helium (QEMU M55) so does arm_depthwise_conv_s4_opt: the kernel suite replays these.
    "depthwise_int4_odd_depth_multiplier_2": (lambda: dw.build([1, 5, 5, 3], 2, 3, 3, np.int8,
                                                               weights="int4"),
                                              "depthwise_conv_2d_s4_ref"),
    "depthwise_int4_odd_depth_dilated": (lambda: dw.build([1, 5, 5, 3], 1, 3, 3, np.int8,
                                                          dilation=(2, 2), weights="int4"),
                                         "depthwise_conv_2d_s4_ref"),
    "fc_16x8": (lambda: fc.build([2, 10], 5, np.int16, iq=(0.01, 0), oq=(0.01, 0)),
                "fully_connected_s16_cmsis_nn"),
    "fc_16x8_output_zero_point": (lambda: fc.build([2, 10], 5, np.int16, iq=(0.01, 0),
                                                   oq=(0.01, 3)), "fully_connected_s16_ref"),
    "fc_16x8_per_channel": (lambda: fc.build([2, 10], 5, np.int16, per_channel=True,
                                             iq=(0.01, 0), oq=(0.01, 0)),
                            "fully_connected_s16_ref"),
    "fc_16x8_int32_bias": (lambda: fc.build([2, 10], 5, np.int16, iq=(0.01, 0),
                                            oq=(0.01, 0), bias_dtype=np.int32),
                           "fully_connected_s16_ref"),
    "fc_int4": (lambda: fc.build([2, 10], 5, np.int8, weights="int4"),
                "fully_connected_s4_cmsis_nn"),
    "fc_int4_per_channel": (lambda w="int4": fc.build([2, 10], 5, np.int8, weights=w,
                                                      per_channel=True),
                            "fully_connected_s4_ref"),
}
TWINS = ("conv_16x8_int4", "depthwise_16x8_int4", "fc_int4_per_channel")


@pytest.mark.parametrize("name", sorted(CASES))
def test_cmsis_nn_takes_the_16x8_and_int4_nodes_it_computes_exactly(name: str) -> None:
    make, expected = CASES[name]
    model = make()
    assert kernel(model) == expected
    twin = make("int4_as_int8") if name in TWINS else None
    oracle.assert_bit_exact(model, n_random=2, tflm_model=twin)


def test_fc_16x8_sums_beyond_int32_stay_exact() -> None:
    """2048 products of int16 extremes with weights of their sign: TFLM's int64 sum passes
    2^31, where CMSIS-NN's int32 one would wrap; the overlay computes that node itself."""
    depth, units = 2048, 2
    model = fc.build([1, depth], units, np.int16, iq=(1e-3, 0), oq=(1.0, 0), bias=False)
    rng = np.random.default_rng(0)  # fc.build's draws: the weight scale, then the weights
    rng.uniform(-3, -1, 1)
    weights = rng.integers(-127, 128, (units, depth))
    x = np.where(weights[0] < 0, -32768, 32767).astype(np.int16)[None, :]
    assert kernel(model) == "fully_connected_s16_cmsis_nn"
    out = oracle.assert_bit_exact(model, [x])
    assert out[0][0, 0] == 32767  # the sum is positive and large, not wrapped


def test_conv_16x8_sums_beyond_int32_stay_exact() -> None:
    depth = 2048
    model = conv.build([1, 1, 1, depth], 1, 1, 1, np.int16, wscale=[0.01], iq=(1e-3, 0),
                       oq=(1.0, 0), bias=False)
    rng = np.random.default_rng(0)  # conv.build's draw with a scale given: the weights
    weights = rng.integers(-127, 128, (1, 1, 1, depth))
    x = np.where(weights[0, 0, 0] < 0, -32768, 32767).astype(np.int16).reshape(1, 1, 1, depth)
    assert kernel(model) == "conv_2d_s16_cmsis_nn"
    out = oracle.assert_bit_exact(model, [x])
    assert out[0].ravel()[0] == 32767


@pytest.mark.parametrize("op", ["conv", "depthwise", "fc"])
def test_16x8_requantization_past_int32_halfway_stays_exact(op: str) -> None:
    """Biases near 2^34 with a multiplier near 2^-3.1: (sum + bias) * multiplier reaches
    [2^30, 2^31), which TFLM holds in int64 and arm_nn_requantize_s64 would truncate to int32
    one bit too early."""
    kw = {"wscale": [1.0], "iq": (1.0, 0), "oq": (8.57, 0), "bias_range": 2 ** 34,
          "per_channel": False}
    if op == "conv":
        model = conv.build([1, 3, 3, 2], 8, 3, 3, np.int16, **kw)
    elif op == "depthwise":
        model = dw.build([1, 3, 3, 8], 1, 3, 3, np.int16, **kw)
    else:  # fc.build draws its weight scale first: the output scale that gives the same
        wscale = 10 ** np.random.default_rng(0).uniform(-3, -1, 1)[0]
        model = fc.build([3, 9], 8, np.int16, iq=(1.0, 0), oq=(8.57 * wscale, 0),
                         bias_range=2 ** 34)
    assert kernel(model).endswith("_s16_cmsis_nn")
    oracle.assert_bit_exact(model, n_random=2)
