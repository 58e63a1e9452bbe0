"""SQUARED_DIFFERENCE is bit-exact with TFLM: int8 on every pair of values at many scales (both
inputs rescaled with 7 bits of headroom, the square rescaled to the output), int16 (zero
points 0, no headroom: TFLM's coarse squares), int32 wrapping and float32, with broadcasts."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder

SHAPES = [
    ([2, 3, 4], [2, 3, 4]),
    ([2, 3, 4], [1]),
    ([1], [3, 5]),
    ([4, 1], [1, 5]),
    ([2, 1, 3, 1, 2], [1, 3, 1, 4, 1]),
    ([2, 3, 1, 2, 1, 2, 1], [1, 3, 2, 1, 3, 1, 2]),
    ([], [3]),
]


def build(shape1, shape2, dtype, q1=(None, 0), q2=(None, 0), qo=(None, 0)):
    b = ModelBuilder()
    x = b.input(shape1, dtype, scale=q1[0], zero_point=q1[1])
    y = b.input(shape2, dtype, scale=q2[0], zero_point=q2[1])
    z = b.tensor(list(np.broadcast_shapes(tuple(shape1), tuple(shape2))), dtype, scale=qo[0],
                 zero_point=qo[1])
    b.op("SQUARED_DIFFERENCE", [x, y], [z])
    b.output(z)
    return b.build()


INT8_SCALES = [
    ((0.1, 0), (0.1, 0), (0.1, 0)),
    ((0.05, 3), (0.2, -7), (0.02, 10)),
    ((0.5, -128), (0.003, 127), (4.0, -128)),
    ((0.003, 127), (0.5, -128), (0.01, -128)),
    ((1.0, 0), (1.0, 0), (1.0, 0)),
    ((0.02, -10), (0.02, -10), (1e-5, 0)),
    ((12.0, 5), (0.001, 0), (500.0, -100)),
]


@pytest.mark.parametrize("q1,q2,qo", INT8_SCALES)
def test_int8_every_pair_of_values_like_tflm(q1, q2, qo):
    v = np.arange(-128, 128, dtype=np.int8)
    model = build([256, 1], [1, 256], np.int8, q1, q2, qo)
    oracle.assert_bit_exact(model, inputs=[v.reshape(256, 1), v.reshape(1, 256)])


@pytest.mark.parametrize("seed", range(6))
def test_int8_random_scales_and_zero_points_like_tflm(seed):
    rng = np.random.default_rng(seed)
    q = [(float(10 ** rng.uniform(-3, 1)), int(rng.integers(-128, 128))) for _ in range(3)]
    oracle.assert_bit_exact(build([3, 1, 5], [4, 1], np.int8, *q), n_random=3, seed=seed)


@pytest.mark.parametrize("shape1,shape2", SHAPES)
def test_int8_broadcasts_like_tflm(shape1, shape2):
    oracle.assert_bit_exact(build(shape1, shape2, np.int8, (0.05, -3), (0.07, 5), (0.1, -100)))


@pytest.mark.parametrize("q1,q2,qo", [((0.001, 0), (0.001, 0), (0.001, 0)),
                                      ((0.0004, 0), (0.0011, 0), (0.02, 0)),
                                      ((1.0, 0), (0.5, 0), (3000.0, 0))])
def test_int16_like_tflm(q1, q2, qo):
    v = np.linspace(-32768, 32767, 64).astype(np.int16)
    model = build([64, 1], [1, 64], np.int16, q1, q2, qo)
    oracle.assert_bit_exact(model, inputs=[v.reshape(64, 1), v.reshape(1, 64)])
    oracle.assert_bit_exact(build([2, 3, 4], [4], np.int16, q1, q2, qo), n_random=2)


@pytest.mark.parametrize("shape1,shape2", SHAPES)
def test_int32_wraps_like_tflm(shape1, shape2):
    oracle.assert_bit_exact(build(shape1, shape2, np.int32), n_random=2)


def test_int32_small_values_like_tflm():
    v = np.array([0, 1, -1, 46340, -46341, 2 ** 31 - 1, -(2 ** 31), 7], np.int32)
    oracle.assert_bit_exact(build([8, 1], [8], np.int32), inputs=[v.reshape(8, 1), v])


@pytest.mark.parametrize("shape1,shape2", SHAPES)
def test_float32_broadcasts_like_tflm(shape1, shape2):
    oracle.assert_bit_exact(build(shape1, shape2, np.float32), n_random=3)


def test_float32_specials_like_tflm():
    v = np.array([0.0, -0.0, 1.5, -1.5, np.inf, -np.inf, np.nan, 2e19, -2e19, 1e-30],
                 np.float32)
    x, y = np.meshgrid(v, v, indexing="ij")
    oracle.assert_bit_exact(build([10, 10], [10, 10], np.float32), inputs=[x.copy(), y.copy()])


def test_each_type_runs_its_reference_variant():
    for dtype, q, name in [(np.int8, (0.1, 0), "s8"), (np.int16, (0.1, 0), "s16"),
                           (np.int32, (None, 0), "s32"), (np.float32, (None, 0), "f32")]:
        ip = ztflm.Interpreter.from_bytes(build([2], [2], dtype, q, q, q))
        assert ip.get_node_kernel(0) == f"squared_difference_{name}_ref"


def test_int16_zero_points_other_than_0_are_refused_as_in_tflm():
    model = build([2], [2], np.int16, (0.1, 3), (0.1, 0), (0.1, 0))
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.ones(2, np.int16), np.ones(2, np.int16)])
    with pytest.raises(ztflm.Error, match="SQUARED_DIFFERENCE .*needs a zero point of 0, not 3"):
        ztflm.Interpreter.from_bytes(model)


def test_an_output_scale_whose_multiplier_shifts_out_every_bit_is_refused():
    with pytest.raises(ztflm.Error, match="output scale is too small") as e:
        ztflm.Interpreter.from_bytes(build([2], [2], np.int8, (1e3, 0), (1e3, 0), (1e-9, 0)))
    assert e.value.code == ztflm.Status.UNSUPPORTED


@pytest.mark.parametrize("dtype", [np.int64, np.uint8])
def test_types_tflm_refuses_are_refused(dtype):
    q = (0.1, 0) if dtype == np.uint8 else (None, 0)
    model = build([2], [2], dtype, q, q, q)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.ones(2, dtype), np.ones(2, dtype)])
    with pytest.raises(ztflm.Error, match="input and .* output are not supported"):
        ztflm.Interpreter.from_bytes(model)
