"""PAD and PADV2 are bit-exact with TFLM: ranks 1 to 5, every element type, pad values."""
import numpy as np
import pytest
import variants

import oracle
from modelbuilder import ModelBuilder


def build(shape, pads, dtype, q=(None, 0), op="PAD", value=None, value_q=None):
    b = ModelBuilder()
    x = b.input(shape, dtype, scale=q[0], zero_point=q[1])
    p = b.const(np.array(pads, np.int32))
    ins = [x, p]
    if op == "PADV2":
        vq = value_q or q
        ins.append(b.const(np.array([value], dtype), scale=vq[0], zero_point=vq[1]))
    out = [d + lo + hi for d, (lo, hi) in zip(shape, pads)]
    y = b.tensor(out, dtype, scale=q[0], zero_point=q[1])
    if op == "PAD":
        b.op(op, ins, [y], "PadOptions")
    else:
        b.op(op, ins, [y], "PadV2Options")
    b.output(y)
    return b.build()


CASES = [
    ([5], [[2, 3]]),
    ([3, 4], [[1, 0], [0, 2]]),
    ([3, 4], [[0, 0], [0, 0]]),
    ([2, 3, 4], [[0, 1], [2, 2], [0, 0]]),
    ([1, 4, 4, 3], [[0, 0], [1, 1], [1, 1], [0, 0]]),
    ([1, 5, 6, 2], [[0, 0], [0, 1], [2, 0], [0, 0]]),
    ([2, 3, 3, 2], [[1, 1], [0, 0], [0, 0], [2, 1]]),
    ([2, 2, 3, 2], [[0, 0], [1, 0], [0, 0], [0, 3]]),
    ([2, 1, 3, 2, 2], [[1, 0], [2, 2], [0, 1], [0, 0], [1, 1]]),
    ([1, 1, 1, 1], [[0, 0], [3, 0], [0, 0], [0, 2]]),
]


@pytest.mark.parametrize("shape,pads", CASES)
@pytest.mark.parametrize("zero_point", [0, -128, 17, 127])
def test_pad_int8_fills_with_the_zero_point_like_tflm(shape, pads, zero_point):
    oracle.assert_bit_exact(build(shape, pads, np.int8, (0.1, zero_point)))


@pytest.mark.parametrize("shape,pads", CASES)
@pytest.mark.parametrize("dtype", [np.float32, np.int32, np.int16])
def test_pad_other_types_fill_with_zero_like_tflm(shape, pads, dtype):
    q = (0.01, 0) if dtype == np.int16 else (None, 0)
    oracle.assert_bit_exact(build(shape, pads, dtype, q))


@pytest.mark.parametrize("shape,pads", CASES[::2])
@pytest.mark.parametrize(
    "dtype,value,q",
    [
        (np.int8, -77, (0.1, 3)),
        (np.int8, 127, (0.1, -128)),
        (np.float32, -2.5, (None, 0)),
        (np.float32, np.inf, (None, 0)),
        (np.int32, -123456789, (None, 0)),
        (np.int16, 3000, (0.01, 0)),
    ],
)
def test_padv2_fills_with_the_constant_value_like_tflm(shape, pads, dtype, value, q):
    oracle.assert_bit_exact(build(shape, pads, dtype, q, op="PADV2", value=value))


def test_pad_rejects_an_output_shape_that_does_not_add_up():
    import ztflm

    b = ModelBuilder()
    x = b.input([3, 4], np.float32)
    p = b.const(np.array([[1, 1], [0, 0]], np.int32))
    y = b.tensor([5, 5], np.float32)
    b.op("PAD", [x, p], [y], "PadOptions")
    b.output(y)
    with pytest.raises(ztflm.Error, match="output dimension"):
        ztflm.Interpreter.from_bytes(b.build())


def test_pad_rejects_paddings_computed_at_run_time():
    import ztflm

    b = ModelBuilder()
    x = b.input([3, 4], np.float32)
    p = b.input([2, 2], np.int32)
    y = b.tensor([5, 4], np.float32)
    b.op("PAD", [x, p], [y], "PadOptions")
    b.output(y)
    with pytest.raises(ztflm.Error, match="constant"):
        ztflm.Interpreter.from_bytes(b.build())


TYPES = {np.float32: "f32", np.int8: "s8", np.int16: "s16", np.int32: "s32"}


@pytest.mark.parametrize("op", ["PAD", "PADV2"])
@pytest.mark.parametrize("dtype", list(TYPES), ids=lambda d: np.dtype(d).name)
def test_each_type_runs_the_reference_variant_of_its_type(op, dtype):
    q = (0.1, 0) if dtype in (np.int8, np.int16) else (None, 0)
    model = build([2, 3], [[1, 0], [0, 2]], dtype, q, op=op, value=1)
    assert variants.kernel_of(model) == f"pad_{TYPES[dtype]}_ref"


def test_pad_of_a_type_tflm_does_not_pad_is_refused():
    import ztflm

    with pytest.raises(ztflm.Error, match="PAD .*UINT8 input and UINT8 output are not supported"):
        ztflm.Interpreter.from_bytes(build([2, 3], [[1, 0], [0, 2]], np.uint8))
