"""L2_NORMALIZATION is bit-exact with TFLM along the last axis of ranks 1 to 4: float32 (tiny
norms held at 1e-6, specials) and int8 (TFLM's fixed-point inverse square root over sums of
squares from 0 to past 2^31, outputs in steps of 1/128 whatever the output scale); scalars,
ranks above 4, fused activations and other types are refused like TFLM."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder


def build(shape, dtype, in_q=(0.1, 0), out_q=(1 / 128, 0), activation="NONE"):
    b = ModelBuilder()
    q = dtype != np.float32
    x = b.input(list(shape), dtype, scale=in_q[0] if q else None, zero_point=in_q[1])
    y = b.tensor(list(shape), dtype, scale=out_q[0] if q else None, zero_point=out_q[1])
    b.op("L2_NORMALIZATION", [x], [y], "L2NormOptions", activation=activation)
    b.output(y)
    return b.build()


@pytest.mark.parametrize("dtype", [np.float32, np.int8])
@pytest.mark.parametrize("shape", [(10,), (3, 7), (2, 3, 1), (2, 1, 3, 5)],
                         ids=lambda s: "x".join(map(str, s)))
def test_every_rank_like_tflm(dtype, shape):
    oracle.assert_bit_exact(build(shape, dtype), n_random=2)


@pytest.mark.parametrize("in_q,out_q", [((0.1, 0), (1 / 128, 0)), ((0.05, -7), (0.3, 12)),
                                        ((2.0, 127), (1e-3, -128))])
def test_int8_sums_of_squares_from_0_to_past_2_31_like_tflm(in_q, out_q):
    """One row per regime: zero and one (TFLM's special case), small sums whose inverse square
    root shifts left, mid sums, and 65536 values at the extremes (a sum past 2^31 that wraps
    negative, which TFLM then treats as 1)."""
    zp = in_q[1]
    rows = np.full((6, 65536), zp, np.int32)
    rows[1, 5] = zp + 1
    rows[2, :3] = zp + np.array([1, -2, 2])
    rows[3, :200] = np.random.default_rng(4).integers(-128, 128, 200)
    rows[4, :40000] = -128
    rows[5] = np.where(np.arange(65536) % 2, 127, -128)
    model = build((6, 65536), np.int8, in_q=in_q, out_q=out_q)
    oracle.assert_bit_exact(model, inputs=[np.clip(rows, -128, 127).astype(np.int8)])


def test_int8_every_value_like_tflm():
    x = np.arange(-128, 128, dtype=np.int8).reshape(16, 16)
    oracle.assert_bit_exact(build((16, 16), np.int8, in_q=(0.1, 3)), inputs=[x])


def test_float32_specials_like_tflm():
    x = np.array([[0.0, -0.0, 0.0, 0.0], [1e-7, -2e-7, 0.0, 1e-8], [3.0, 4.0, 0.0, 0.0],
                  [1e20, 1e20, -1e20, 1.0], [np.nan, 1.0, 2.0, 3.0], [np.inf, 1.0, 2.0, 3.0],
                  [1e-45, 0.0, 0.0, 0.0], [-5.0, 0.0, 0.0, 0.0]], np.float32)
    oracle.assert_bit_exact(build((8, 4), np.float32), inputs=[x])


@pytest.mark.parametrize("dtype,name", [(np.int8, "l2_normalization_s8_ref"),
                                        (np.float32, "l2_normalization_f32_ref")])
def test_each_type_runs_its_reference_variant(dtype, name):
    assert ztflm.Interpreter.from_bytes(build((2, 3), dtype)).get_node_kernel(0) == name


def refused(model, match, code=ztflm.Status.UNSUPPORTED):
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(model)
    assert err.value.code == code


def test_a_scalar_is_refused_as_tflm_reads_past_its_shape():
    refused(build((), np.float32), "input rank 0 is not 1 to 4")


@pytest.mark.parametrize("shape,dtype,activation,match", [
    ((2, 2, 2, 2, 3), np.float32, "NONE", "input rank 5 is not 1 to 4"),
    ((2, 3), np.float32, "RELU", "fused activation 1 is not supported"),
    ((2, 3), np.int16, "NONE", "INT16 input and INT16 output are not supported")])
def test_what_tflm_refuses_is_refused(shape, dtype, activation, match):
    model = build(shape, dtype, activation=activation)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.zeros(shape, dtype)])
    refused(model, match)
