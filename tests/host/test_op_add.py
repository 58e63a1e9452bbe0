"""ADD is bit-exact with TFLM: int8/int16 rescaling, int32 wrapping, float, broadcasts, fusing."""
import numpy as np
import pytest

import oracle
from modelbuilder import ModelBuilder

ACTIVATIONS = ["NONE", "RELU", "RELU6", "RELU_N1_TO_1"]

# (input 1 shape, input 2 shape): equal, scalar, channel, both-sided and rank 5/6 broadcasts.
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
    ([5, 7], [7]),
    ([1, 1, 1], [1, 1, 1]),
]


def out_shape(a, b):
    return list(np.broadcast_shapes(tuple(a), tuple(b)))


def build(shape1, shape2, dtype, q1=None, q2=None, qo=None, activation="NONE"):
    b = ModelBuilder()
    q1, q2, qo = q1 or (None, 0), q2 or (None, 0), qo or (None, 0)
    x = b.input(shape1, dtype, scale=q1[0], zero_point=q1[1])
    y = b.input(shape2, dtype, scale=q2[0], zero_point=q2[1])
    z = b.tensor(out_shape(shape1, shape2), dtype, scale=qo[0], zero_point=qo[1])
    b.op("ADD", [x, y], [z], "AddOptions", activation=activation)
    b.output(z)
    return b.build()


@pytest.mark.parametrize("shape1,shape2", SHAPES)
def test_add_int8_broadcasts_like_tflm(shape1, shape2):
    model = build(shape1, shape2, np.int8, (0.05, -3), (0.07, 5), (0.1, 2))
    oracle.assert_bit_exact(model)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("shape1,shape2", [SHAPES[0], SHAPES[3]])
def test_add_int8_fused_activation_clamps_like_tflm(activation, shape1, shape2):
    model = build(shape1, shape2, np.int8, (0.02, 10), (0.03, -20), (0.025, -5), activation)
    oracle.assert_bit_exact(model)


@pytest.mark.parametrize(
    "q1,q2,qo",
    [
        ((1.0, 0), (1.0, 0), (1.0, 0)),
        ((0.5, -128), (0.003, 127), (0.4, 0)),
        ((0.003, 127), (0.5, -128), (0.01, -128)),
        ((1e-4, 0), (2e-4, 1), (5e-5, 3)),
        ((12.5, -7), (0.8, 100), (3.0, 9)),
        ((0.1, 0), (0.1, 0), (0.0005, 0)),
    ],
)
def test_add_int8_rescales_like_tflm(q1, q2, qo):
    model = build([2, 3, 8], [2, 3, 8], np.int8, q1, q2, qo)
    oracle.assert_bit_exact(model)
    model = build([2, 3, 8], [3, 1], np.int8, q1, q2, qo, "RELU")
    oracle.assert_bit_exact(model)


@pytest.mark.parametrize("seed", range(30))
def test_add_int8_random_scales_and_zero_points_like_tflm(seed):
    rng = np.random.default_rng(seed)
    q = [(float(10 ** rng.uniform(-4, 1)), int(rng.integers(-128, 128))) for _ in range(3)]
    model = build([3, 1, 5], [4, 1], np.int8, *q, activation=["NONE", "RELU"][seed % 2])
    oracle.assert_bit_exact(model, n_random=3, seed=seed)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("shape1,shape2", SHAPES[:8])
def test_add_float32_broadcasts_and_clamps_like_tflm(activation, shape1, shape2):
    oracle.assert_bit_exact(build(shape1, shape2, np.float32, activation=activation))


@pytest.mark.parametrize("activation", ["NONE", "RELU6"])
@pytest.mark.parametrize("shape1,shape2", SHAPES[:8])
def test_add_int32_wraps_and_ignores_activation_like_tflm(activation, shape1, shape2):
    oracle.assert_bit_exact(build(shape1, shape2, np.int32, activation=activation))


@pytest.mark.parametrize("activation", ["NONE", "RELU", "RELU6"])
@pytest.mark.parametrize("shape1,shape2", [SHAPES[0], SHAPES[1], SHAPES[5]])
def test_add_int16_general_scale_like_tflm(activation, shape1, shape2):
    model = build(shape1, shape2, np.int16, (0.001, 0), (0.0007, 0), (0.0015, 0), activation)
    oracle.assert_bit_exact(model)
    model = build(shape1, shape2, np.int16, (0.002, 12), (0.0001, -40), (0.003, 7), activation)
    oracle.assert_bit_exact(model)


def test_add_of_a_constant_input_like_tflm():
    b = ModelBuilder()
    x = b.input([1, 3, 3, 4], np.int8, scale=0.05, zero_point=1)
    c = b.const(np.arange(-8, 8, 4, dtype=np.int8), scale=0.2, zero_point=-1)
    z = b.tensor([1, 3, 3, 4], np.int8, scale=0.07, zero_point=0)
    b.op("ADD", [c, x], [z], "AddOptions", activation="NONE")
    b.output(z)
    oracle.assert_bit_exact(b.build())


def test_add_rejects_shapes_that_do_not_broadcast():
    import ztflm

    b = ModelBuilder()
    x = b.input([2, 3], np.float32)
    y = b.input([3, 2], np.float32)
    z = b.tensor([2, 3], np.float32)
    b.op("ADD", [x, y], [z], "AddOptions")
    b.output(z)
    with pytest.raises(ztflm.Error, match="broadcast"):
        ztflm.Interpreter.from_bytes(b.build())


def test_add_rejects_an_output_shape_that_is_not_the_broadcast_shape():
    import ztflm

    b = ModelBuilder()
    x = b.input([2, 3], np.float32)
    y = b.input([3], np.float32)
    z = b.tensor([2, 4], np.float32)
    b.op("ADD", [x, y], [z], "AddOptions")
    b.output(z)
    with pytest.raises(ztflm.Error, match="output dimension"):
        ztflm.Interpreter.from_bytes(b.build())
