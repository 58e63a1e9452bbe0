"""ADD_N is bit-exact with TFLM: float32 summed left to right from 0, int8 through TFLM's
rescaled sum (which starts from the rescaled -zero point) and its wrapping past 16 inputs,
for 2 to 40 inputs."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder


def build(n, shape, dtype, q=(None, 0), qo=(None, 0), out_shape=None, input_q=None):
    b = ModelBuilder()
    xs = [b.input(shape, dtype, scale=(input_q or {}).get(i, q)[0],
                  zero_point=(input_q or {}).get(i, q)[1]) for i in range(n)]
    y = b.tensor(out_shape or shape, dtype, scale=qo[0], zero_point=qo[1])
    b.op("ADD_N", xs, [y])
    b.output(y)
    return b.build()


@pytest.mark.parametrize("n", [2, 3, 7, 40])
@pytest.mark.parametrize("shape", [[5], [2, 3, 7], [1, 33, 2], []])
def test_float32_like_tflm(n, shape):
    oracle.assert_bit_exact(build(n, shape, np.float32), n_random=2)


def test_float32_signed_zeros_and_specials_like_tflm():
    v = np.array([-0.0, 0.0, np.inf, -np.inf, np.nan, 3e38, -3e38, 1e-45], np.float32)
    x, y = np.meshgrid(v, v, indexing="ij")
    oracle.assert_bit_exact(build(2, [8, 8], np.float32), inputs=[x.copy(), y.copy()])


@pytest.mark.parametrize("q,qo", [((0.1, 0), (0.1, 0)), ((0.05, -20), (0.2, 7)),
                                  ((0.5, 127), (0.01, -128)), ((0.003, -128), (1.0, 0))])
@pytest.mark.parametrize("n", [2, 3, 5])
def test_int8_like_tflm(n, q, qo):
    model = build(n, [2, 3, 43], np.int8, q, qo)
    oracle.assert_bit_exact(model, n_random=2, seed=n)


def test_int8_every_value_pair_like_tflm():
    v = np.arange(-128, 128, dtype=np.int8)
    x, y = np.meshgrid(v, v, indexing="ij")
    model = build(2, [256, 256], np.int8, (0.02, 9), (0.03, -4))
    oracle.assert_bit_exact(model, inputs=[x.copy(), y.copy()])


@pytest.mark.parametrize("n", [17, 40])
def test_int8_sum_wraps_past_16_inputs_like_tflm(n):
    """Each input adds up to 2^27 to an int32 sum: TFLM's wraps (x86) from 16 inputs on."""
    model = build(n, [4, 9], np.int8, (0.1, -128), (0.05, 0))
    x = np.full([4, 9], 127, np.int8)
    x[0, :3] = -128
    oracle.assert_bit_exact(model, inputs=[x] * n)
    oracle.assert_bit_exact(model, n_random=2)


@pytest.mark.parametrize("dtype", [np.int8, np.float32])
def test_each_type_runs_its_reference_variant(dtype):
    q = (0.1, 0) if dtype == np.int8 else (None, 0)
    ip = ztflm.Interpreter.from_bytes(build(2, [3], dtype, q, q))
    assert ip.get_node_kernel(0) == f"add_n_{'s8' if dtype == np.int8 else 'f32'}_ref"


def refused(model, match, code=ztflm.Status.MODEL):
    with pytest.raises(ztflm.Error, match=f"ADD_N .*{match}") as e:
        ztflm.Interpreter.from_bytes(model)
    assert e.value.code == code


def test_int8_inputs_of_another_scale_or_zero_point_are_refused_as_in_tflm():
    for other in [(0.2, 0), (0.1, 1)]:
        model = build(3, [4], np.int8, (0.1, 0), (0.1, 0), input_q={2: other})
        with pytest.raises(RuntimeError):
            oracle.run_tflm(model, [np.ones(4, np.int8)] * 3)
        refused(model, "input 2's scale or zero point is not input 0's",
                ztflm.Status.UNSUPPORTED)


def test_inputs_of_another_shape_are_refused_as_in_tflm():
    b = ModelBuilder()
    xs = [b.input([2, 3], np.float32), b.input([3, 2], np.float32)]
    y = b.tensor([2, 3], np.float32)
    b.op("ADD_N", xs, [y])
    b.output(y)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(b.build(), [np.ones([2, 3], np.float32), np.ones([3, 2], np.float32)])
    refused(b.build(), "input 1's shape is not input 0's")


def test_an_output_of_another_size_is_refused():
    """TFLM sums as many elements as the output has, reading past inputs that have fewer."""
    refused(build(2, [2, 3], np.float32, out_shape=[2, 4]),
            "output has 8 elements but the inputs 6")


@pytest.mark.parametrize("dtype", [np.int16, np.int32])
def test_types_tflm_does_not_sum_are_refused(dtype):
    q = (0.1, 0) if dtype == np.int16 else (None, 0)
    model = build(2, [3], dtype, q, q)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.ones(3, dtype)] * 2)
    refused(model, "input and .* output are not supported", ztflm.Status.UNSUPPORTED)


def test_one_input_is_refused():
    refused(build(1, [3], np.float32), "has 1 inputs and 1 outputs, needs 2 to 255")
