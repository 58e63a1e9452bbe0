"""MEAN is bit-exact with TFLM: float sums in memory order, int8/int16 folded rescale, any axes."""
import numpy as np
import pytest
import variants

import oracle
from modelbuilder import ModelBuilder


def build(shape, axes, keep_dims, dtype, qin=(None, 0), qout=(None, 0)):
    b = ModelBuilder()
    x = b.input(shape, dtype, scale=qin[0], zero_point=qin[1])
    a = b.const(np.array(axes, np.int32))
    red = {ax % len(shape) for ax in axes} if shape else set()
    if keep_dims:
        out = [1 if d in red else n for d, n in enumerate(shape)]
    else:
        out = [n for d, n in enumerate(shape) if d not in red]
    y = b.tensor(out, dtype, scale=qout[0], zero_point=qout[1])
    b.op("MEAN", [x, a], [y], "ReducerOptions", keep_dims=keep_dims)
    b.output(y)
    return b.build()


CASES = [
    ([1, 6, 5, 3], [1, 2]),
    ([2, 6, 5, 3], [2, 1]),
    ([2, 4, 5, 3], [-3, -2]),
    ([2, 4, 5, 3], [3]),
    ([2, 4, 5, 3], [-1]),
    ([2, 4, 5, 3], [0]),
    ([2, 4, 5, 3], [1]),
    ([2, 4, 5, 3], [1, 3]),
    ([2, 4, 5, 3], [0, 2]),
    ([2, 4, 5, 3], [0, 1, 2, 3]),
    ([2, 4, 5, 3], [2, 2]),
    ([7, 9], [0]),
    ([7, 9], [1]),
    ([7, 9], [0, 1]),
    ([3, 1, 4, 2, 5], [1, 3, 4]),
    ([40], [0]),
    ([1, 1, 300], [2]),
]


@pytest.mark.parametrize("keep_dims", [True, False])
@pytest.mark.parametrize("shape,axes", CASES)
def test_mean_float32_like_tflm(shape, axes, keep_dims):
    oracle.assert_bit_exact(build(shape, axes, keep_dims, np.float32))


@pytest.mark.parametrize("keep_dims", [True, False])
@pytest.mark.parametrize("shape,axes", CASES)
def test_mean_int8_like_tflm(shape, axes, keep_dims):
    oracle.assert_bit_exact(build(shape, axes, keep_dims, np.int8, (0.05, -3), (0.02, 10)))


@pytest.mark.parametrize(
    "qin,qout",
    [
        ((0.05, -3), (0.05, -3)),
        ((0.1, 127), (0.01, -128)),
        ((0.01, -128), (0.5, 0)),
        ((1.0, 0), (1e-3, 5)),
        ((2e-3, 50), (2.0, -50)),
    ],
)
@pytest.mark.parametrize("shape,axes", [([1, 6, 5, 3], [1, 2]), ([3, 7, 1, 11], [1, 3])])
def test_mean_int8_rescales_like_tflm(shape, axes, qin, qout):
    oracle.assert_bit_exact(build(shape, axes, True, np.int8, qin, qout))


@pytest.mark.parametrize("shape,axes", [([1, 6, 5, 3], [1, 2]), ([2, 4, 5, 3], [0, 3])])
def test_mean_int16_like_tflm(shape, axes):
    oracle.assert_bit_exact(build(shape, axes, True, np.int16, (1e-3, 0), (7e-4, 0)))
    oracle.assert_bit_exact(build(shape, axes, False, np.int16, (1e-3, 3), (2e-3, -9)))


def test_mean_int8_over_many_elements_like_tflm():
    oracle.assert_bit_exact(build([1, 48, 40, 1], [1, 2], True, np.int8, (0.02, 7), (0.01, -1)))


def test_mean_float32_over_many_elements_like_tflm():
    oracle.assert_bit_exact(build([1, 24, 20, 2], [1, 2], False, np.float32))


def test_mean_rejects_an_axis_out_of_range():
    import ztflm

    b = ModelBuilder()
    x = b.input([2, 3], np.float32)
    a = b.const(np.array([2], np.int32))
    y = b.tensor([2], np.float32)
    b.op("MEAN", [x, a], [y], "ReducerOptions", keep_dims=False)
    b.output(y)
    with pytest.raises(ztflm.Error, match="axis"):
        ztflm.Interpreter.from_bytes(b.build())


TYPES = {np.float32: ("f32", (None, 0)), np.int8: ("s8", (0.05, -3)),
         np.int16: ("s16", (0.05, 0))}


@pytest.mark.parametrize("dtype", list(TYPES), ids=lambda d: np.dtype(d).name)
def test_each_type_runs_the_reference_variant_of_its_type(dtype):
    name, q = TYPES[dtype]
    model = build([2, 4, 5, 3], [1, 2], True, dtype, q, q)
    assert variants.kernel_of(model) == f"mean_{name}_ref"


def test_int32_mean_is_refused_at_allocate():
    # TFLM fails it only when invoked.
    import ztflm

    with pytest.raises(ztflm.Error, match="MEAN .*INT32 input and INT32 output are not supported"):
        ztflm.Interpreter.from_bytes(build([2, 4, 5, 3], [1, 2], True, np.int32))


def test_float_nan_payload_is_the_first_nan_of_the_sum_like_tflm():
    # MEAN sums as SUM does (the reduction family): a NaN sum keeps its first NaN's payload.
    bits = np.array([[0x7FC00001, 0x3F800000, 0xFFC00002, 0x40000000],
                     [0x3F800000, 0xFFC00003, 0x7FC00004, 0x7F800000]], np.uint32)
    oracle.assert_bit_exact(build([2, 4], [1], False, np.float32),
                            inputs=[bits.view(np.float32)])
