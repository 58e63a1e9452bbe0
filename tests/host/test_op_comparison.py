"""EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS and LESS_EQUAL are bit-exact with TFLM into
bool: float32 (NaN, signed zeros, infinities), int32 and int64 (extremes, int64 neighbours past
2^53), bool for EQUAL and NOT_EQUAL, and int8 on every pair of values at input quantizations
that differ, where TFLM compares after rescaling both to a common scale (values close in real
terms can tie). Broadcasts of every kind up to rank 7. What TFLM aborts on (int8 scales of 1
and up, unquantized int8) or gets wrong (int16 GREATER: its parameters are never set, every
answer is false) is refused, as are the types TFLM refuses."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder
from ztflm.compare import run_tflm as run_tflm_apart

OPS = ["EQUAL", "NOT_EQUAL", "GREATER", "GREATER_EQUAL", "LESS", "LESS_EQUAL"]
NUMPY = {"EQUAL": np.equal, "NOT_EQUAL": np.not_equal, "GREATER": np.greater,
         "GREATER_EQUAL": np.greater_equal, "LESS": np.less, "LESS_EQUAL": np.less_equal}


def build(op, shape1, shape2, dtype, q1=(None, 0), q2=(None, 0), out=np.bool_, out_shape=None):
    b = ModelBuilder()
    x = b.input(list(shape1), dtype, scale=q1[0], zero_point=q1[1])
    y = b.input(list(shape2), dtype, scale=q2[0], zero_point=q2[1])
    shape = out_shape or list(np.broadcast_shapes(tuple(shape1), tuple(shape2)))
    z = b.tensor(shape, out)
    b.op(op, [x, y], [z])
    b.output(z)
    return b.build()


def pairs(values):
    """Every ordered pair of values, as two flat arrays."""
    v = np.asarray(values)
    return np.repeat(v, v.size), np.tile(v, v.size)


FLOATS = np.concatenate([
    np.float32([0.0, -0.0, 1.0, -1.0, 1.0000001, 0.99999994, 3e38, -3e38, 1e-45, -1e-45,
                np.inf, -np.inf]),
    np.array([0x7FC00000, 0xFFC00000, 0x7FC00123, 0x7F800001], np.uint32).view(np.float32)])
INT32 = np.int32([-2 ** 31, -2 ** 31 + 1, -1, 0, 1, 2 ** 31 - 2, 2 ** 31 - 1, 1000])
INT64 = np.int64([-2 ** 63, -2 ** 63 + 1, -1, 0, 1, 2 ** 53, 2 ** 53 + 1, 2 ** 63 - 1])
EDGE_PAIRS = {np.float32: FLOATS, np.int32: INT32, np.int64: INT64,
              np.bool_: np.array([False, True])}


def types_of(op):
    return [np.float32, np.int32, np.int64] + ([np.bool_] if op in ("EQUAL", "NOT_EQUAL") else [])


@pytest.mark.parametrize("op", OPS)
def test_raw_types_on_every_pair_of_edges_like_tflm(op):
    for dtype in types_of(op):
        x, y = pairs(EDGE_PAIRS[dtype])
        out = oracle.assert_bit_exact(build(op, x.shape, y.shape, dtype), inputs=[x, y])
        if dtype != np.float32:
            np.testing.assert_array_equal(out[0], NUMPY[op](x, y))


ALL_INT8 = np.arange(-128, 128, dtype=np.int8)
# Same quantization; different zero points; scales a hair apart (rescaled values tie);
# very different scales; the smallest scale TFLM's multiplier still represents.
INT8_QUANT = [((0.1, 0), (0.1, 0)), ((0.05, -20), (0.05, 31)), ((0.1, 3), (0.0999, 3)),
              ((0.9, -128), (0.003, 127)), ((1e-9, 5), (0.5, -7))]


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("q1,q2", INT8_QUANT)
def test_int8_every_pair_of_values_rescaled_like_tflm(op, q1, q2):
    model = build(op, [256, 1], [1, 256], np.int8, q1, q2)
    oracle.assert_bit_exact(model, inputs=[ALL_INT8.reshape(256, 1), ALL_INT8.reshape(1, 256)])


SHAPES = [([2, 3, 5], [2, 3, 5]), ([2, 3, 5], [1]), ([1], [4, 3]), ([4, 1], [1, 5]),
          ([3], [2, 1, 3]), ([2, 1, 3, 1, 2, 1, 2], [1, 3, 1, 2, 1, 2, 1]), ([], [3]),
          ([], [])]


@pytest.mark.parametrize("shape1,shape2", SHAPES)
@pytest.mark.parametrize("dtype", [np.float32, np.int8, np.int64])
def test_broadcasts_like_tflm(shape1, shape2, dtype):
    q = (0.05, -3) if dtype == np.int8 else (None, 0)
    for op in ["EQUAL", "LESS"]:
        oracle.assert_bit_exact(build(op, shape1, shape2, dtype, q, q), n_random=1)


def test_an_empty_broadcast_gives_an_empty_output_where_tflm_cannot_allocate():
    """TFLM takes an output of 0 elements for a dynamic tensor and fails to allocate."""
    model = build("LESS", [0, 3], [1, 3], np.float32)
    x, y = np.zeros((0, 3), np.float32), np.ones((1, 3), np.float32)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [x, y])
    out = oracle.run_ztflm(model, [x, y])[0]
    assert out.dtype == np.bool_ and out.shape == (0, 3)


def test_equal_values_of_int32_and_bool_broadcast_like_tflm():
    """Random int32 rarely repeats: every element of one input against a row of the other."""
    x = np.int32([[5], [-7], [2 ** 31 - 1]])
    y = np.int32([[5, -7, 2 ** 31 - 1, 0]])
    for op in OPS:
        oracle.assert_bit_exact(build(op, x.shape, y.shape, np.int32), inputs=[x, y])
    for op in ["EQUAL", "NOT_EQUAL"]:
        oracle.assert_bit_exact(build(op, [2, 1, 3], [2, 1], np.bool_), n_random=2)


@pytest.mark.parametrize("op", OPS)
def test_each_type_runs_its_reference_variant(op):
    for dtype in types_of(op) + [np.int8]:
        q = (0.1, 0) if dtype == np.int8 else (None, 0)
        name = {np.float32: "f32", np.bool_: "bool"}.get(dtype, f"s{np.dtype(dtype).itemsize * 8}")
        ip = ztflm.Interpreter.from_bytes(build(op, [2], [2], dtype, q, q))
        assert ip.get_node_kernel(0) == f"{op.lower()}_{name}_ref"


def refused(model, message):
    with pytest.raises(ztflm.Error, match=message) as e:
        ztflm.Interpreter.from_bytes(model)
    assert e.value.code == ztflm.Status.UNSUPPORTED


def test_int16_greater_is_refused_where_tflm_answers_false_for_everything():
    """TFLM runs int16 GREATER through the int8 rescale, whose parameters its prepare sets only
    for int8: every multiplier is 0 and so every answer is false."""
    model = build("GREATER", [4], [4], np.int16, (0.1, 0), (0.1, 0))
    x, y = np.int16([5, 100, -3, 7]), np.int16([1, -100, -4, 9])
    assert not run_tflm_apart(model, [x, y], 1)[0].any()
    refused(model, "GREATER .*INT16 input and BOOL output are not supported")


@pytest.mark.parametrize("op,dtype", [(op, np.int16) for op in OPS if op != "GREATER"] +
                         [(op, np.bool_) for op in OPS if op not in ("EQUAL", "NOT_EQUAL")] +
                         [("EQUAL", np.uint8), ("LESS", np.uint8)])
def test_types_tflm_refuses_are_refused(op, dtype):
    q = (0.1, 0) if dtype in (np.int16, np.uint8) else (None, 0)
    model = build(op, [2], [2], dtype, q, q)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.ones(2, dtype), np.zeros(2, dtype)])
    refused(model, f"{op} .*input and BOOL output are not supported")


@pytest.mark.parametrize("q1,q2,message", [
    ((1.0, 0), (0.1, 0), "input 0's scale is not below 1"),
    ((0.1, 0), (2.5, 0), "input 1's scale is not below 1")])
def test_int8_scales_of_1_and_up_are_refused_where_tflm_aborts(q1, q2, message):
    model = build("LESS", [2], [2], np.int8, q1, q2)
    with pytest.raises(ztflm.Error, match="TFLM crashed"):
        run_tflm_apart(model, [np.int8([1, 2]), np.int8([2, 1])], 1)
    refused(model, message)


def test_unquantized_int8_is_refused_where_tflm_aborts():
    model = build("EQUAL", [2], [2], np.int8)
    with pytest.raises(ztflm.Error, match="TFLM crashed"):
        run_tflm_apart(model, [np.int8([1, 2]), np.int8([2, 1])], 1)
    with pytest.raises(ztflm.Error, match="EQUAL .*input tensor 0 is not quantized"):
        ztflm.Interpreter.from_bytes(model)


@pytest.mark.parametrize("out", [np.int8, np.float32])
def test_an_output_other_than_bool_is_refused(out):
    """TFLM writes bool bytes into whatever the output tensor is."""
    refused(build("EQUAL", [3], [3], np.float32, out=out),
            f"EQUAL .*FLOAT32 input and {np.dtype(out).name.upper()} output are not supported")


def test_inputs_of_two_types_are_refused():
    b = ModelBuilder()
    x = b.input([2], np.float32)
    y = b.input([2], np.int32)
    z = b.tensor([2], np.bool_)
    b.op("LESS", [x, y], [z])
    b.output(z)
    with pytest.raises(ztflm.Error, match="LESS .*input 1 has type INT32, not FLOAT32"):
        ztflm.Interpreter.from_bytes(b.build())


def test_an_output_of_another_shape_is_refused():
    with pytest.raises(ztflm.Error, match="GREATER_EQUAL .*"):
        ztflm.Interpreter.from_bytes(build("GREATER_EQUAL", [2, 3], [3], np.float32,
                                           out_shape=[3, 2]))
