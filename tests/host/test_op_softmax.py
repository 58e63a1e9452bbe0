"""SOFTMAX is bit-exact with TFLM: int8 to int8 and int16, int16 to int16 (TFLM's exp and
1/(1 + x) tables), float32, any rank, the last dimension from 1 to thousands, betas and input
scales over many decades."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import variants

import oracle
import ztflm
from modelbuilder import ModelBuilder


def softmax_model(shape: list[int], dtype: type, beta: float, in_scale: float = 0.1,
                  in_zp: int = 0, out_dtype: type | None = None) -> bytes:
    b = ModelBuilder()
    out_dtype = out_dtype or dtype
    if dtype == np.float32:
        x = b.input(shape, np.float32)
        y = b.tensor(shape, np.float32)
    elif dtype == np.int16:
        x = b.input(shape, np.int16, scale=in_scale, zero_point=in_zp)
        y = b.tensor(shape, np.int16, scale=1.0 / 32768, zero_point=0)
    else:
        x = b.input(shape, np.int8, scale=in_scale, zero_point=in_zp)
        if out_dtype == np.int8:
            y = b.tensor(shape, np.int8, scale=1.0 / 256, zero_point=-128)
        else:
            y = b.tensor(shape, np.int16, scale=1.0 / 65536, zero_point=-32768)
    b.op("SOFTMAX", [x], [y], "SoftmaxOptions", beta=beta)
    b.output(y)
    return b.build()


def int8_rows(shape: list[int], rng: np.random.Generator) -> list[np.ndarray]:
    """Full-range rows, constant rows, rows of near-equal values and rows of the extremes."""
    n = int(np.prod(shape))
    base = int(rng.integers(-128, 128))
    samples = [rng.integers(-128, 128, n), np.full(n, base),
               np.clip(base + rng.integers(-3, 4, n), -128, 127), rng.choice([-128, 127], n)]
    return [s.astype(np.int8).reshape(shape) for s in samples]


def int16_rows(shape: list[int], rng: np.random.Generator) -> list[np.ndarray]:
    """Full-range rows, constant rows, near-equal values and the extremes, in int16."""
    n = int(np.prod(shape))
    base = int(rng.integers(-32768, 32768))
    samples = [rng.integers(-32768, 32768, n), np.full(n, base),
               np.clip(base + rng.integers(-300, 301, n), -32768, 32767),
               rng.choice([-32768, 32767], n)]
    return [s.astype(np.int16).reshape(shape) for s in samples]


def wild_floats(shape: list[int], rng: np.random.Generator) -> list[np.ndarray]:
    """Normal spreads, magnitudes from 1e-40 to 1e38, and rows with inf, NaN and signed zeros."""
    n = int(np.prod(shape))
    spread = rng.standard_normal(n) * 10.0 ** rng.uniform(-3, 3)
    decades = rng.choice([-1.0, 1.0], n) * 10.0 ** rng.uniform(-40, 38, n)
    special = rng.standard_normal(n) * 30
    idx = rng.integers(0, n, max(1, n // 8))
    special[idx] = rng.choice(
        [np.inf, -np.inf, np.nan, 0.0, -0.0, 3.4e38, -3.4e38, 1e-45], idx.size)
    return [s.astype(np.float32).reshape(shape) for s in (spread, decades, special)]


SHAPES = [[1, 10], [1, 2], [3, 7], [2, 3, 5], [1, 1, 1, 12], [1, 64], [4, 1], [7], [2, 1, 2, 1, 9]]


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "x".join(map(str, s)))
@pytest.mark.parametrize("beta", [1.0, 0.5, 2.0])
@pytest.mark.parametrize("in_scale", [0.003, 0.05, 0.25, 1.7])
def test_int8_softmax_is_bit_exact(shape: list[int], beta: float, in_scale: float) -> None:
    oracle.assert_bit_exact(softmax_model(shape, np.int8, beta, in_scale, in_zp=5), n_random=8)


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "x".join(map(str, s)))
def test_int8_to_int16_softmax_is_bit_exact(shape: list[int]) -> None:
    oracle.assert_bit_exact(softmax_model(shape, np.int8, 1.0, 0.1, out_dtype=np.int16),
                            n_random=8)


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "x".join(map(str, s)))
@pytest.mark.parametrize("beta,in_scale", [(1.0, 10 / 32768), (1.0, 1 / 4096), (0.5, 0.003),
                                           (2.0, 1e-5), (1.0, 0.25)])
def test_int16_softmax_is_bit_exact(shape: list[int], beta: float, in_scale: float) -> None:
    model = softmax_model(shape, np.int16, beta, in_scale)
    rng = np.random.default_rng(len(shape))
    for x in int16_rows(shape, rng):
        oracle.assert_bit_exact(model, inputs=[x])


@pytest.mark.parametrize("seed", range(12))
def test_int16_softmax_random_scales_betas_and_depths_are_bit_exact(seed: int) -> None:
    rng = np.random.default_rng(seed)
    shape = [int(rng.integers(1, 4)), int(rng.choice([1, 3, 16, 100, 1000, 4099]))]
    model = softmax_model(shape, np.int16, float(10 ** rng.uniform(-1, 1)),
                          float(10 ** rng.uniform(-6, 0)))
    for x in int16_rows(shape, rng):
        oracle.assert_bit_exact(model, inputs=[x])


def test_int16_softmax_runs_the_reference_variant() -> None:
    assert variants.kernel_of(softmax_model([2, 12], np.int16, 1.0)) == "softmax_s16_ref"


@pytest.mark.parametrize("in_zp,out_scale,out_zp,match", [
    (3, 1 / 32768, 0, "zero point 0"), (0, 1 / 32768, 5, "zero point 0"),
    (0, 1 / 65536, 0, "scale 1/32768")])
def test_int16_softmax_quantization_tflm_refuses_is_refused(
        in_zp: int, out_scale: float, out_zp: int, match: str) -> None:
    b = ModelBuilder()
    x = b.input([1, 4], np.int16, scale=0.001, zero_point=in_zp)
    y = b.tensor([1, 4], np.int16, scale=out_scale, zero_point=out_zp)
    b.op("SOFTMAX", [x], [y], "SoftmaxOptions", beta=1.0)
    b.output(y)
    with pytest.raises(ztflm.Error, match=f"SOFTMAX .*{match}"):
        ztflm.Interpreter.from_bytes(b.build())
    with pytest.raises(RuntimeError):
        oracle.run_tflm(b.build(), [np.zeros([1, 4], np.int16)])


def test_int16_softmax_row_whose_int32_exp_sum_could_overflow_is_refused() -> None:
    # 65537 exps of up to 32767 pass 2^31 in TFLM's int32 sum; 65536 cannot, and runs.
    with pytest.raises(ztflm.Error, match="SOFTMAX .*int16 rows of 65537 values may overflow"):
        ztflm.Interpreter.from_bytes(softmax_model([1, 65537], np.int16, 1.0, 0.001))
    oracle.assert_bit_exact(softmax_model([1, 65536], np.int16, 1.0, 0.001),
                            inputs=[np.zeros([1, 65536], np.int16)])


@pytest.mark.parametrize("seed", range(40))
def test_int8_softmax_random_scales_betas_and_depths_are_bit_exact(seed: int) -> None:
    rng = np.random.default_rng(seed)
    out_dtype = np.int8 if seed % 2 else np.int16
    # TFLM's int8 output aborts (gemmlowp assert) once a row's exp sum reaches 2^28, which
    # 512 equal values do; int16 output has room for any depth, even past the sum wrapping.
    depth = int(rng.choice([1, 2, 3, 10, 100, 255, 256, 257, 300, 511] if out_dtype == np.int8
                           else [1, 2, 100, 1000, 4095, 4096, 5000]))
    shape = [int(v) for v in rng.integers(1, 4, int(rng.integers(0, 3)))] + [depth]
    beta = float(10 ** rng.uniform(-2, 1))
    scale = float(10 ** rng.uniform(-4, 1.3))
    model = softmax_model(shape, np.int8, beta, scale, int(rng.integers(-128, 128)), out_dtype)
    for x in int8_rows(shape, rng):
        oracle.assert_bit_exact(model, inputs=[x])


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "x".join(map(str, s)))
@pytest.mark.parametrize("beta", [1.0, 0.3, 3.0])
def test_float_softmax_is_bit_exact(shape: list[int], beta: float) -> None:
    oracle.assert_bit_exact(softmax_model(shape, np.float32, beta), n_random=8)


@pytest.mark.parametrize("seed", range(20))
def test_float_softmax_on_huge_tiny_and_special_values_is_bit_exact(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    depth = int(rng.choice([1, 2, 10, 257, 1000]))
    shape = [int(v) for v in rng.integers(1, 4, int(rng.integers(0, 3)))] + [depth]
    model = softmax_model(shape, np.float32, float(10 ** rng.uniform(-2, 1)))
    for x in wild_floats(shape, rng):
        oracle.assert_bit_exact(model, inputs=[x])


def test_float_softmax_with_large_logits_is_bit_exact() -> None:
    model = softmax_model([2, 6], np.float32, 1.0)
    x = np.array([[1e4, -1e4, 80.0, 88.0, -3.0, 0.0], [1e-30, 0, -0.0, 5, 5, 5]], np.float32)
    oracle.assert_bit_exact(model, inputs=[x])


def test_float_softmax_nan_payload_follows_the_first_nan_of_the_row() -> None:
    # inf - inf makes the negative default NaN; an input NaN is positive: the row sum keeps
    # whichever comes first, as TFLM does.
    model = softmax_model([3, 4], np.float32, 1.0)
    x = np.array([[np.nan, np.inf, 0, 0], [np.inf, np.nan, 0, 0], [0, np.inf, np.nan, np.inf]],
                 np.float32)
    oracle.assert_bit_exact(model, inputs=[x])


def test_float_beta_zero_gives_uniform_rows_like_tflm() -> None:
    oracle.assert_bit_exact(softmax_model([3, 5], np.float32, 0.0), n_random=4)


def variant_models() -> list[bytes]:
    """int8 to int8, int8 to int16, float32, and int16 rows deeper than CMSIS-NN can sum."""
    return [softmax_model([2, 12], np.int8, 1.0), softmax_model([2, 12], np.int8, 1.0,
                                                                out_dtype=np.int16),
            softmax_model([2, 12], np.float32, 1.0),
            softmax_model([1, 5000], np.int8, 1.0, out_dtype=np.int16)]


def test_each_node_runs_the_first_variant_of_this_build_that_can_run_it() -> None:
    # In an overlay's tier (ZTFLM_LIB) the int8 nodes run its variant, but CMSIS-NN's sum
    # would wrap past 4095 values a row: the reference variant runs that node.
    deep = variants.first_variant("SOFTMAX", "INT8", "INT16")
    assert [variants.kernel_of(m) for m in variant_models()] == [
        variants.first_variant("SOFTMAX", "INT8", "INT8"),
        variants.first_variant("SOFTMAX", "INT8", "INT16"), "softmax_f32_ref",
        "softmax_s8_s16_ref" if deep.endswith("_cmsis_nn") else deep]
    oracle.assert_bit_exact(variant_models()[3], n_random=2)


@pytest.mark.nosan
@pytest.mark.parametrize("kernels", variants.HOST_OVERLAYS)
def test_an_overlay_runs_the_int8_softmax(kernels: str, tmp_path: Path) -> None:
    # CMSIS-NN's sum would wrap on the deep row: cmsis_nn leaves it to the reference variant.
    deep = "softmax_s8_s16_ref" if kernels == "cmsis_nn" else f"softmax_s8_s16_{kernels}"
    assert variants.node_kernels(variant_models(), kernels, tmp_path) == [
        [f"softmax_s8_{kernels}"], [f"softmax_s8_s16_{kernels}"], ["softmax_f32_ref"], [deep]]


@pytest.mark.parametrize("beta", [0.0, 1e-8])
def test_int8_beta_times_scale_below_2_pow_minus_26_is_rejected(beta: float) -> None:
    # TFLM aborts the process on these (QuantizeMultiplierGreaterThanOne).
    with pytest.raises(ztflm.Error, match="SOFTMAX .*too small"):
        ztflm.Interpreter.from_bytes(softmax_model([1, 4], np.int8, beta, 0.1))


def test_int8_output_with_the_wrong_scale_is_rejected() -> None:
    b = ModelBuilder()
    x = b.input([1, 4], np.int8, scale=0.1, zero_point=0)
    y = b.tensor([1, 4], np.int8, scale=1.0 / 128, zero_point=-128)
    b.op("SOFTMAX", [x], [y], "SoftmaxOptions", beta=1.0)
    b.output(y)
    with pytest.raises(ztflm.Error, match="SOFTMAX .*scale 1/256"):
        ztflm.Interpreter.from_bytes(b.build())


def test_output_with_a_different_last_dimension_is_rejected() -> None:
    b = ModelBuilder()
    x = b.input([2, 6], np.float32)
    y = b.tensor([3, 4], np.float32)
    b.op("SOFTMAX", [x], [y], "SoftmaxOptions", beta=1.0)
    b.output(y)
    with pytest.raises(ztflm.Error, match="SOFTMAX .*output shape"):
        ztflm.Interpreter.from_bytes(b.build())
