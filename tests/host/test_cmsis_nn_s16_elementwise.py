"""The cmsis_nn overlay's int16 SOFTMAX, ADD and MUL (CMSIS-NN's arm_softmax_s16,
arm_elementwise_add_s16 and arm_elementwise_mul_s16): which nodes they take, each bit-exact
with TFLM, and the nodes where CMSIS-NN would part from TFLM's reference, which must still
come out bit-exact because the overlay leaves them to the reference variants.

These run on a cmsis_nn library (make test-cmsis-nn: ZTFLM_LIB=<libztflm_cmsis_nn.so>) and
are skipped, saying so, on any other."""
from __future__ import annotations

import numpy as np
import pytest
import test_op_add as add
import test_op_mul as mul
from test_op_softmax import int16_rows, softmax_model

import oracle
import ztflm


def kernel(model: bytes) -> str:
    return ztflm.Interpreter.from_bytes(model).get_node_kernel(0)


ON_CMSIS_NN = kernel(add.build([4], [4], np.int8, (0.1, 0), (0.1, 0), (0.1, 0))) \
    == "add_s8_cmsis_nn"
pytestmark = pytest.mark.skipif(
    not ON_CMSIS_NN, reason="cmsis_nn overlay not loaded (make test-cmsis-nn runs these)")

# Differences scaled 1:1 onto the exp table's input: beta 1, input scale 10/65535.
UNIT = 10 / 65535


def extremes(shape: list[int], rng: np.random.Generator) -> np.ndarray:
    return rng.choice([-32768, -32767, 0, 32767], shape).astype(np.int16)


@pytest.mark.parametrize("shape,beta,in_scale", [
    ([3, 8], 1.0, UNIT), ([4, 2], 1.0, UNIT), ([2, 3, 5], 0.5, 0.003), ([5, 7], 2.0, 1e-5),
    ([2, 4], 1.0, 0.25), ([1, 6], 1.0, 4.9)])
def test_softmax_s16_rows_of_2_to_8_run_cmsis_nn_bit_exact(
        shape: list[int], beta: float, in_scale: float) -> None:
    model = softmax_model(shape, np.int16, beta, in_scale)
    assert kernel(model) == "softmax_s16_cmsis_nn"
    rng = np.random.default_rng(len(shape))
    for x in int16_rows(shape, rng) + [extremes(shape, rng)]:
        oracle.assert_bit_exact(model, inputs=[x])


def test_softmax_s16_row_of_8_maxima_is_exact() -> None:
    """8 exps of 32762, the largest row sum the variant takes (262096)."""
    model = softmax_model([1, 8], np.int16, 1.0, UNIT)
    assert kernel(model) == "softmax_s16_cmsis_nn"
    out = oracle.assert_bit_exact(model, inputs=[np.full([1, 8], 1234, np.int16)])
    assert (out[0] == 4096).all()


def test_softmax_s16_row_of_one_value_runs_the_reference() -> None:
    """A one-value row sums to 32762, where TFLM clamps its output to 32767 and
    arm_softmax_s16 narrows 32768 to -32768."""
    model = softmax_model([3, 1], np.int16, 1.0, UNIT)
    assert kernel(model) == "softmax_s16_ref"
    out = oracle.assert_bit_exact(model, inputs=[np.array([[-5], [0], [300]], np.int16)])
    assert (out[0] == 32767).all()


def test_softmax_s16_row_summing_to_2_pow_18_minus_1_runs_the_reference() -> None:
    """Eight maxima (exp 32762 each) and one difference of -42943 (exp 47) sum to 262143:
    normalized, its top 18 bits are set, and arm_softmax_s16's int32 rounding would wrap
    where TFLM's int64 does not (a reciprocal of twice TFLM's)."""
    model = softmax_model([1, 9], np.int16, 1.0, UNIT)
    assert kernel(model) == "softmax_s16_ref"
    x = np.array([[22000] * 8 + [22000 - 42943]], np.int16)
    out = oracle.assert_bit_exact(model, inputs=[x])
    assert out[0][0, 0] == 4095  # 32762 / 262143 of 32768, not twice it


def test_softmax_s16_scales_whose_differences_could_pass_int32_run_the_reference() -> None:
    # beta times the input scale of 8 is 52428 times 10/65535: 16 bits of left shift.
    model = softmax_model([2, 4], np.int16, 1.0, 8.0)
    assert kernel(model) == "softmax_s16_ref"
    oracle.assert_bit_exact(model, inputs=[extremes([2, 4], np.random.default_rng(1))])


# (input 1, input 2, output) quantization of the int16 ADD and MUL cases: TFLM's int16 nodes
# have zero points of 0; the scales span input ratios of 1 to 20 and rescales of both signs.
ADD_QUANT = [((0.001, 0), (0.0007, 0), (0.0015, 0)), ((0.002, 0), (0.0001, 0), (0.003, 0)),
             ((1e-4, 0), (1e-4, 0), (1e-5, 0))]


@pytest.mark.parametrize("activation", ["NONE", "RELU", "RELU6", "RELU_N1_TO_1"])
@pytest.mark.parametrize("quant", range(len(ADD_QUANT)))
@pytest.mark.parametrize("shape1,shape2", [([1, 4, 4, 3], [1, 4, 4, 3]), ([5, 7], [7]),
                                           ([2, 3, 5], [2, 1, 5]), ([9], [9])])
def test_add_s16_rows_run_cmsis_nn_bit_exact(shape1: list[int], shape2: list[int], quant: int,
                                             activation: str) -> None:
    model = add.build(shape1, shape2, np.int16, *ADD_QUANT[quant], activation)
    assert kernel(model) == "add_s16_cmsis_nn"
    rng = np.random.default_rng(quant)
    oracle.assert_bit_exact(model, n_random=3, seed=quant)
    oracle.assert_bit_exact(model, inputs=[extremes(shape1, rng), extremes(shape2, rng)])


@pytest.mark.parametrize("shape1,shape2,q1,q2,qo", [
    ([2, 3, 4, 5], [1], (0.001, 0), (0.0007, 0), (0.0015, 0)),  # a scalar along the row
    ([1, 4, 4, 3], [1, 4, 4, 3], (0.002, 12), (0.0001, -40), (0.003, 7)),  # zero points
])
def test_add_s16_nodes_cmsis_nn_does_not_compute_run_the_reference(
        shape1: list[int], shape2: list[int], q1: tuple, q2: tuple, qo: tuple) -> None:
    model = add.build(shape1, shape2, np.int16, q1, q2, qo)
    assert kernel(model) == "add_s16_ref"
    oracle.assert_bit_exact(model, n_random=3)


# MUL: rescales s1 * s2 / s_out of about 4.7e-4, 0.9 (extremes' product 2^30 just stays in
# int32) and 1.4e-5.
MUL_QUANT = [((0.001, 0), (0.0007, 0), (0.0015, 0)), ((1 / 128, 0), (1 / 128, 0), (1 / 14746, 0)),
             ((0.0003, 0), (0.0002, 0), (0.0042, 0))]


@pytest.mark.parametrize("activation", ["NONE", "RELU", "RELU6", "RELU_N1_TO_1"])
@pytest.mark.parametrize("quant", range(len(MUL_QUANT)))
@pytest.mark.parametrize("shape1,shape2", [([1, 4, 4, 3], [1, 4, 4, 3]), ([5, 7], [7]),
                                           ([2, 3, 5], [2, 1, 5]), ([9], [9])])
def test_mul_s16_rows_run_cmsis_nn_bit_exact(shape1: list[int], shape2: list[int], quant: int,
                                             activation: str) -> None:
    model = mul.build(shape1, shape2, np.int16, *MUL_QUANT[quant], activation)
    assert kernel(model) == "mul_s16_cmsis_nn"
    rng = np.random.default_rng(quant)
    oracle.assert_bit_exact(model, n_random=3, seed=quant)
    oracle.assert_bit_exact(model, inputs=[extremes(shape1, rng), extremes(shape2, rng)])


@pytest.mark.parametrize("shape1,shape2,qo", [
    ([2, 3, 4, 5], [1], (0.0015, 0)),  # a scalar along the row
    ([1, 4, 4, 3], [1, 4, 4, 3], (1e-7, 0)),  # a rescale of 7: a left shift of the product
])
def test_mul_s16_nodes_cmsis_nn_does_not_compute_run_the_reference(
        shape1: list[int], shape2: list[int], qo: tuple) -> None:
    model = mul.build(shape1, shape2, np.int16, (0.001, 0), (0.0007, 0), qo)
    assert kernel(model) == "mul_s16_ref"
    rng = np.random.default_rng(0)
    oracle.assert_bit_exact(model, n_random=3)
    oracle.assert_bit_exact(model, inputs=[extremes(shape1, rng), extremes(shape2, rng)])
