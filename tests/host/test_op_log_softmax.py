"""LOG_SOFTMAX is bit-exact with TFLM along the last axis of ranks 1 to 5: float32 (the
runtime's expf and logf give glibc's bits) with specials, and int8 at input scales across the
range TFLM takes, on rows where one value dominates, ties, and every int8 value; TFLM's int8
output quantization, scalars and the scales TFLM aborts on are refused."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder

OUT_Q = (16 / 256, 127)


def build(shape, dtype, in_q=(0.1, 0), out_q=OUT_Q):
    b = ModelBuilder()
    q = dtype == np.int8
    x = b.input(list(shape), dtype, scale=in_q[0] if q else None, zero_point=in_q[1])
    y = b.tensor(list(shape), dtype, scale=out_q[0] if q else None, zero_point=out_q[1])
    b.op("LOG_SOFTMAX", [x], [y])
    b.output(y)
    return b.build()


@pytest.mark.parametrize("dtype", [np.float32, np.int8])
@pytest.mark.parametrize("shape", [(10,), (3, 7), (2, 3, 1), (2, 1, 3, 5), (1, 2, 2, 2, 9)],
                         ids=lambda s: "x".join(map(str, s)))
def test_every_rank_like_tflm(dtype, shape):
    oracle.assert_bit_exact(build(shape, dtype), n_random=2)


@pytest.mark.parametrize("in_q", [(0.1, 0), (0.02, -30), (0.5, 100), (3.0, -128), (16.0, 5),
                                  (300.0, 0), (1e-3, 0), (2e-6, 7), (1.6e-8, 0)])
def test_int8_input_scales_like_tflm(in_q):
    model = build((4, 256), np.int8, in_q=in_q)
    rows = np.stack([np.arange(-128, 128), np.full(256, 7), np.where(np.arange(256) == 9, 127,
                                                                     -128),
                     np.random.default_rng(2).integers(-128, 128, 256)]).astype(np.int8)
    oracle.assert_bit_exact(model, inputs=[rows])


def test_int8_rows_of_4095_like_tflm():
    """The longest row TFLM's Q12.19 sum of exps holds whatever its values: all at the
    maximum."""
    model = build((2, 4095), np.int8, in_q=(0.05, 0))
    x = np.full((2, 4095), 127, np.int8)
    x[1, ::3] = -128
    oracle.assert_bit_exact(model, inputs=[x])


def test_float32_specials_like_tflm():
    x = np.array([[0.0, -0.0, 1.5, -1.5, 80.0, -80.0], [1e30, -1e30, 0.0, 1.0, 2.0, 3.0],
                  [np.nan, 1.0, 2.0, 3.0, 4.0, 5.0], [np.inf, 1.0, 2.0, 3.0, 4.0, 5.0],
                  [-np.inf, 1.0, 2.0, 3.0, 4.0, 5.0], [1e-45, -1e-45, 0.0, 0.0, 0.0, 0.0]],
                 np.float32)
    oracle.assert_bit_exact(build((6, 6), np.float32), inputs=[x])


@pytest.mark.parametrize("dtype,name", [(np.int8, "log_softmax_s8_ref"),
                                        (np.float32, "log_softmax_f32_ref")])
def test_each_type_runs_its_reference_variant(dtype, name):
    assert ztflm.Interpreter.from_bytes(build((2, 3), dtype)).get_node_kernel(0) == name


def refused(model, match, code=ztflm.Status.UNSUPPORTED):
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(model)
    assert err.value.code == code


@pytest.mark.parametrize("out_q", [(0.1, 127), (16 / 256, 0)])
def test_other_int8_output_quantization_is_refused_like_tflm(out_q):
    model = build((2, 3), np.int8, out_q=out_q)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.zeros((2, 3), np.int8)])
    refused(model, "scale 1/16 and zero point 127")


def test_a_scalar_is_refused_as_tflm_reads_past_its_shape():
    """TFLM's depth is the dimension before the first: it gives garbage (1e24 for 3.0)."""
    refused(build((), np.float32), "input rank 0 is not 1 to 8")


def test_an_input_scale_tflm_aborts_on_is_refused():
    """2^-26 and below: TFLM's QuantizeMultiplierGreaterThanOne aborts the process."""
    model = build((2, 3), np.int8, in_q=(1e-9, 0))
    assert oracle.tflm_crashes(model, [np.zeros((2, 3), np.int8)])
    refused(model, "TFLM aborts")


def test_int8_rows_longer_than_4095_are_refused():
    """4096 equal values wrap TFLM's sum of exps to -2^31, whose log it takes through shifts
    by -1 (undefined in C++)."""
    refused(build((1, 4096), np.int8), "rows longer than 4095")


def test_int16_is_refused_like_tflm():
    model = build((2, 3), np.int16, out_q=(1.0, 0))
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.zeros((2, 3), np.int16)])
    refused(model, "INT16 input and INT16 output are not supported")
