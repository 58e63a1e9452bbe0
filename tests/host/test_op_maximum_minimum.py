"""MAXIMUM and MINIMUM are bit-exact with TFLM on int8, int16, int32, int64 and float32 (NaN
and signed zeros decided by TFLM's comparison order), with every broadcast up to rank 7; a
broadcast at rank 8, where TFLM reads outside its shapes, is refused."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder
from ztflm.compare import run_tflm as run_tflm_apart

OPS = ["MAXIMUM", "MINIMUM"]
TYPES = [np.int8, np.int16, np.int32, np.int64, np.float32]
SHAPES = [
    ([2, 3, 5], [2, 3, 5]),
    ([2, 3, 5], [1]),
    ([1], [4, 3]),
    ([4, 1], [1, 5]),
    ([3], [2, 1, 3]),
    ([2, 1, 3, 1, 2], [1, 3, 1, 4, 1]),
    ([2, 1, 3, 1, 2, 1, 2], [1, 3, 1, 2, 1, 2, 1]),
    ([], [3]),
    ([], []),
]


def build(op, shape1, shape2, dtype, q=(None, 0), out_shape=None):
    b = ModelBuilder()
    x = b.input(shape1, dtype, scale=q[0], zero_point=q[1])
    y = b.input(shape2, dtype, scale=q[0], zero_point=q[1])
    shape = out_shape or list(np.broadcast_shapes(tuple(shape1), tuple(shape2)))
    z = b.tensor(shape, dtype, scale=q[0], zero_point=q[1])
    b.op(op, [x, y], [z])
    b.output(z)
    return b.build()


def short(dtype):
    return {np.float32: "f32"}.get(dtype, f"s{np.dtype(dtype).itemsize * 8}")


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("dtype", TYPES, ids=short)
@pytest.mark.parametrize("shape1,shape2", SHAPES)
def test_broadcasts_like_tflm(op, dtype, shape1, shape2):
    oracle.assert_bit_exact(build(op, shape1, shape2, dtype), n_random=2)


@pytest.mark.parametrize("op", OPS)
def test_int8_compares_raw_values_whatever_the_quantization_like_tflm(op):
    """TFLM reads no scale or zero point: inputs of different quantizations compare raw."""
    b = ModelBuilder()
    x = b.input([256, 1], np.int8, scale=0.1, zero_point=20)
    y = b.input([1, 256], np.int8, scale=0.7, zero_point=-3)
    z = b.tensor([256, 256], np.int8, scale=0.05, zero_point=0)
    b.op(op, [x, y], [z])
    b.output(z)
    v = np.arange(-128, 128, dtype=np.int8)
    oracle.assert_bit_exact(b.build(), inputs=[v.reshape(256, 1), v.reshape(1, 256)])


@pytest.mark.parametrize("op", OPS)
def test_float32_specials_like_tflm(op):
    v = np.array([0.0, -0.0, 1.0, -1.0, np.inf, -np.inf, np.nan, -np.nan, 1e-45, -3e38],
                 np.float32)
    x, y = np.meshgrid(v, v, indexing="ij")
    oracle.assert_bit_exact(build(op, [10, 10], [10, 10], np.float32), inputs=[x.copy(),
                                                                              y.copy()])


@pytest.mark.parametrize("op", OPS)
def test_int64_extremes_like_tflm(op):
    v = np.array([-(2 ** 63), -(2 ** 63) + 1, -(2 ** 32), -1, 0, 1, 2 ** 32, 2 ** 63 - 1],
                 np.int64)
    oracle.assert_bit_exact(build(op, [8, 1], [8], np.int64), inputs=[v.reshape(8, 1), v])


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("dtype", TYPES, ids=short)
def test_each_type_runs_its_reference_variant(op, dtype):
    ip = ztflm.Interpreter.from_bytes(build(op, [2], [2], dtype))
    assert ip.get_node_kernel(0) == f"{op.lower()}_{short(dtype)}_ref"


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("dtype", [np.uint8, np.bool_])
def test_types_tflm_does_not_compare_are_refused(op, dtype):
    model = build(op, [2], [2], dtype)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.ones(2, dtype), np.ones(2, dtype)])
    with pytest.raises(ztflm.Error, match=f"{op} .*input and .* output are not supported"):
        ztflm.Interpreter.from_bytes(model)


@pytest.mark.parametrize("op", OPS)
def test_inputs_of_two_types_are_refused(op):
    b = ModelBuilder()
    x = b.input([2], np.float32)
    y = b.input([2], np.int32)
    z = b.tensor([2], np.float32)
    b.op(op, [x, y], [z])
    b.output(z)
    with pytest.raises(ztflm.Error, match=f"{op} .*input 1 has type INT32, not FLOAT32"):
        ztflm.Interpreter.from_bytes(b.build())


def arith_model(op, shape1, shape2):
    b = ModelBuilder()
    x = b.input(shape1, np.float32)
    y = b.input(shape2, np.float32)
    z = b.tensor(list(np.broadcast_shapes(tuple(shape1), tuple(shape2))), np.float32)
    b.op(op, [x, y], [z], op.capitalize() + "Options")
    b.output(z)
    return b.build()


RANK8 = [2, 1, 3, 1, 2, 2, 1, 2]
RANK8_MESSAGE = "rank 8: TFLM runs element-wise binary operators up to rank 7"


def refused_at_rank_8(model):
    with pytest.raises(ztflm.Error, match=RANK8_MESSAGE) as e:
        ztflm.Interpreter.from_bytes(model)
    assert e.value.code == ztflm.Status.UNSUPPORTED


@pytest.mark.parametrize("op", ["MAXIMUM", "ADD", "MUL"])
def test_a_rank_8_broadcast_is_refused_where_tflm_reads_outside_its_shapes(op):
    """TFLM's rank-8 broadcast is wrong for every binary operator: elements come from outside
    the inputs (TFLM runs in a process of its own here: it may corrupt its memory)."""
    shape2 = [1, 3, 1, 2, 1, 2, 2, 1]
    rng = np.random.default_rng(0)
    x, y = rng.random(RANK8).astype(np.float32), rng.random(shape2).astype(np.float32)
    model = build(op, RANK8, shape2, np.float32) if op == "MAXIMUM" else arith_model(op, RANK8,
                                                                                      shape2)
    exact = {"MAXIMUM": np.maximum, "ADD": np.add, "MUL": np.multiply}[op](x, y)
    assert not np.array_equal(run_tflm_apart(model, [x, y], 1)[0], exact)
    refused_at_rank_8(model)


@pytest.mark.parametrize("op", ["ADD", "SUB", "MUL"])
def test_equal_shapes_of_rank_8_are_refused_where_tflm_aborts_or_miscomputes(op):
    """Without a broadcast TFLM's ADD and SUB abort at rank 8, its MUL multiplies other
    elements. (Its MAXIMUM and MINIMUM get equal shapes right; the family refuses rank 8
    for every operator all the same: no model needs it.)"""
    rng = np.random.default_rng(1)
    x, y = rng.random(RANK8).astype(np.float32), rng.random(RANK8).astype(np.float32)
    model = arith_model(op, RANK8, RANK8)
    if op == "MUL":
        assert not np.array_equal(run_tflm_apart(model, [x, y], 1)[0], x * y)
    else:
        with pytest.raises(ztflm.Error, match="TFLM crashed \\(SIGABRT\\)"):
            run_tflm_apart(model, [x, y], 1)
    refused_at_rank_8(model)
