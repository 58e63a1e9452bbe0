"""FLOOR_DIV and FLOOR_MOD are bit-exact with TFLM on float32 (the only type it takes): the
quotient floored in double, the remainder by TFLM's fmodf and sign correction, with
broadcasts, signed zeros, infinities and NaN. A divisor of 0 fails FLOOR_DIV at invoke, as in
TFLM; FLOOR_MOD returns its NaN."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder

OPS = ["FLOOR_DIV", "FLOOR_MOD"]
SHAPES = [
    ([3, 4], [3, 4]),
    ([2, 3, 4], [1]),
    ([1], [5, 2]),
    ([4, 1], [1, 5]),
    ([2, 1, 3, 1, 2], [1, 3, 1, 4, 1]),
    ([2, 3, 1, 2, 1, 2, 1], [1, 3, 2, 1, 3, 1, 2]),
    ([], []),
]


def build(op, shape1, shape2, dtype=np.float32):
    b = ModelBuilder()
    x = b.input(shape1, dtype)
    y = b.input(shape2, dtype)
    z = b.tensor(list(np.broadcast_shapes(tuple(shape1), tuple(shape2))), dtype)
    b.op(op, [x, y], [z])
    b.output(z)
    return b.build()


def nonzero(a):
    return np.where(a == 0, np.float32(0.75), a).astype(np.float32)


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("shape1,shape2", SHAPES)
def test_broadcasts_like_tflm(op, shape1, shape2):
    model = build(op, shape1, shape2)
    rng = np.random.default_rng(len(shape1) + 10 * len(shape2))
    for _ in range(3):
        x = np.asarray(rng.standard_normal(shape1) * 10, np.float32)
        y = nonzero((rng.standard_normal(shape2) * 3).astype(np.float32))
        oracle.assert_bit_exact(model, inputs=[x, y])


@pytest.mark.parametrize("op", OPS)
def test_values_near_multiples_and_far_apart_like_tflm(op):
    """Quotients a hair from an integer, exact multiples, operands 2^-149 to 2^127 apart."""
    v = np.array([7.0, -7.0, 6.0, 0.3, -0.3, 1e-45, -1e-45, 3e38, -3e38, 1e-38, 2.5, 100.0,
                  np.nextafter(np.float32(6), np.float32(7)), 16777216.0, -0.1, 0.1], np.float32)
    x, y = np.meshgrid(v, v, indexing="ij")
    oracle.assert_bit_exact(build(op, [16, 16], [16, 16]), inputs=[x.copy(), y.copy()])


@pytest.mark.parametrize("op", OPS)
def test_float32_specials_like_tflm(op):
    """Signed zeros, infinities and NaN (FLOOR_MOD's divisor of 0 too: its NaN)."""
    v = np.array([0.0, -0.0, 1.5, -1.5, np.inf, -np.inf, np.nan, -np.nan], np.float32)
    x, y = np.meshgrid(v, v, indexing="ij")
    if op == "FLOOR_DIV":
        y[y == 0] = 2.0
    oracle.assert_bit_exact(build(op, [8, 8], [8, 8]), inputs=[x.copy(), y.copy()])


@pytest.mark.parametrize("op", OPS)
def test_each_runs_its_reference_variant(op):
    ip = ztflm.Interpreter.from_bytes(build(op, [2], [2]))
    assert ip.get_node_kernel(0) == f"{op.lower()}_f32_ref"


@pytest.mark.parametrize("divisor", [0.0, -0.0])
def test_floor_div_by_zero_fails_at_invoke_as_in_tflm(divisor):
    model = build("FLOOR_DIV", [2, 2], [2])
    x, y = np.ones([2, 2], np.float32), np.array([3.0, divisor], np.float32)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [x, y])
    ip = ztflm.Interpreter.from_bytes(model)
    ip.set_input(x, 0)
    ip.set_input(y, 1)
    with pytest.raises(ztflm.Error, match="FLOOR_DIV .*2 elements: division by zero") as e:
        ip.invoke()
    assert e.value.code == ztflm.Status.KERNEL


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32, np.int64])
def test_integer_types_tflm_refuses_are_refused(op, dtype):
    model = build(op, [2], [2], dtype)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.ones(2, dtype), np.ones(2, dtype)])
    with pytest.raises(ztflm.Error, match=f"{op} .*input and .* output are not supported"):
        ztflm.Interpreter.from_bytes(model)
