"""MUL is bit-exact with TFLM: int8/int16 rescaling, int32 wrapping, float, broadcasts, fusing."""
import numpy as np
import pytest

import oracle
from modelbuilder import ModelBuilder

ACTIVATIONS = ["NONE", "RELU", "RELU6", "RELU_N1_TO_1"]

SHAPES = [
    ([1, 4, 4, 3], [1, 4, 4, 3]),
    ([2, 3, 4, 5], [1]),
    ([1], [2, 3, 4, 5]),
    ([1, 4, 4, 3], [1, 1, 1, 3]),
    ([3], [1, 4, 4, 3]),
    ([2, 1, 3], [1, 4, 1]),
    ([4, 1], [1, 5]),
    ([2, 1, 3, 1, 2], [1, 3, 1, 4, 1]),
    ([2, 3, 1, 2, 1, 2], [1, 3, 2, 1, 3, 1]),
    ([], [2, 3]),
    ([], []),
]


def build(shape1, shape2, dtype, q1=None, q2=None, qo=None, activation="NONE"):
    b = ModelBuilder()
    q1, q2, qo = q1 or (None, 0), q2 or (None, 0), qo or (None, 0)
    x = b.input(shape1, dtype, scale=q1[0], zero_point=q1[1])
    y = b.input(shape2, dtype, scale=q2[0], zero_point=q2[1])
    shape = list(np.broadcast_shapes(tuple(shape1), tuple(shape2)))
    z = b.tensor(shape, dtype, scale=qo[0], zero_point=qo[1])
    b.op("MUL", [x, y], [z], "MulOptions", activation=activation)
    b.output(z)
    return b.build()


@pytest.mark.parametrize("shape1,shape2", SHAPES)
def test_mul_int8_broadcasts_like_tflm(shape1, shape2):
    oracle.assert_bit_exact(build(shape1, shape2, np.int8, (0.05, -3), (0.07, 5), (0.1, 2)))


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("shape1,shape2", [SHAPES[0], SHAPES[3]])
def test_mul_int8_fused_activation_clamps_like_tflm(activation, shape1, shape2):
    model = build(shape1, shape2, np.int8, (0.02, 10), (0.03, -20), (0.004, -5), activation)
    oracle.assert_bit_exact(model)


@pytest.mark.parametrize(
    "q1,q2,qo",
    [
        ((1.0, 0), (1.0, 0), (1.0, 0)),
        ((0.5, -128), (0.003, 127), (0.4, 0)),
        ((0.05, 0), (0.05, 0), (1e-5, 0)),
        ((1e-3, 4), (1e-3, -4), (10.0, 0)),
        ((12.5, -7), (0.8, 100), (3.0, 9)),
    ],
)
def test_mul_int8_rescales_like_tflm(q1, q2, qo):
    oracle.assert_bit_exact(build([2, 3, 8], [2, 3, 8], np.int8, q1, q2, qo))
    oracle.assert_bit_exact(build([2, 3, 8], [3, 1], np.int8, q1, q2, qo, "RELU"))


@pytest.mark.parametrize("seed", range(30))
def test_mul_int8_random_scales_and_zero_points_like_tflm(seed):
    rng = np.random.default_rng(seed)
    q = [(float(10 ** rng.uniform(-4, 1)), int(rng.integers(-128, 128))) for _ in range(3)]
    model = build([3, 1, 5], [4, 1], np.int8, *q, activation=["NONE", "RELU"][seed % 2])
    oracle.assert_bit_exact(model, n_random=3, seed=seed)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("shape1,shape2", SHAPES)
def test_mul_float32_broadcasts_and_clamps_like_tflm(activation, shape1, shape2):
    oracle.assert_bit_exact(build(shape1, shape2, np.float32, activation=activation))


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("shape1,shape2", SHAPES[:6])
def test_mul_int32_wraps_and_clamps_like_tflm(activation, shape1, shape2):
    model = build(shape1, shape2, np.int32, activation=activation)
    oracle.assert_bit_exact(model)
    rng = np.random.default_rng(2)
    ins = [rng.integers(-5, 5, size=s, dtype=np.int32) for s in (shape1, shape2)]
    oracle.assert_bit_exact(model, inputs=ins)


@pytest.mark.parametrize("activation", ["NONE", "RELU", "RELU6"])
@pytest.mark.parametrize("shape1,shape2", [SHAPES[0], SHAPES[1], SHAPES[5]])
def test_mul_int16_symmetric_like_tflm(activation, shape1, shape2):
    model = build(shape1, shape2, np.int16, (0.001, 0), (0.0007, 0), (0.0015, 0), activation)
    oracle.assert_bit_exact(model)
    model = build(shape1, shape2, np.int16, (0.01, 0), (0.02, 0), (1e-6, 0), activation)
    oracle.assert_bit_exact(model)


def test_mul_by_a_constant_like_tflm():
    b = ModelBuilder()
    x = b.input([1, 3, 3, 4], np.int8, scale=0.05, zero_point=1)
    c = b.const(np.array([-100, -3, 0, 90], dtype=np.int8), scale=0.01, zero_point=0)
    z = b.tensor([1, 3, 3, 4], np.int8, scale=0.02, zero_point=-4)
    b.op("MUL", [x, c], [z], "MulOptions", activation="NONE")
    b.output(z)
    oracle.assert_bit_exact(b.build())


def test_mul_rejects_mixed_input_types():
    import ztflm

    b = ModelBuilder()
    x = b.input([4], np.int8, scale=0.1, zero_point=0)
    y = b.input([4], np.float32)
    z = b.tensor([4], np.int8, scale=0.1, zero_point=0)
    b.op("MUL", [x, y], [z], "MulOptions")
    b.output(z)
    with pytest.raises(ztflm.Error, match="type"):
        ztflm.Interpreter.from_bytes(b.build())
