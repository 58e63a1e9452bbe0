"""RESIZE_NEAREST_NEIGHBOR (int8, int16, float32) and RESIZE_BILINEAR (int8, float32) are bit-exact
with TFLM for up- and downscaling, odd ratios, batches, and every align_corners and
half_pixel_centers setting TFLM takes; sizes TFLM's arithmetic cannot hold are refused."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder


def build(op, shape, size, dtype, align=False, half=False, out_shape=None, const=True):
    q = {np.int8: (0.1, -4), np.int16: (0.01, 0)}.get(dtype, (None, 0))
    b = ModelBuilder()
    x = b.input(shape, dtype, *q)
    s = b.const(np.array(size, np.int32)) if const else b.input([len(size)], np.int32)
    out = [shape[0], *size, shape[3]] if out_shape is None else out_shape
    y = b.tensor(out, dtype, *q)
    table = ("ResizeBilinearOptions" if op == "RESIZE_BILINEAR"
             else "ResizeNearestNeighborOptions")
    b.op(op, [x, s], [y], table, align_corners=align, half_pixel_centers=half)
    b.output(y)
    return b.build()


SIZES = [
    ([1, 2, 2, 1], [4, 4]),
    ([1, 3, 4, 2], [7, 9]),
    ([2, 4, 3, 3], [8, 6]),
    ([1, 7, 5, 1], [3, 2]),
    ([1, 5, 5, 2], [5, 5]),
    ([1, 1, 1, 3], [3, 4]),
    ([1, 6, 1, 1], [1, 5]),
    ([1, 3, 3, 1], [10, 1]),
]
FLAGS = [(False, False), (True, False), (False, True)]


@pytest.mark.parametrize("align,half", [*FLAGS, (True, True)], ids=str)
@pytest.mark.parametrize("shape,size,dtype", [(*c, np.int8) for c in SIZES]
                         + [(*c, t) for c in SIZES[1:4] for t in (np.int16, np.float32)],
                         ids=str)
def test_nearest_neighbor_like_tflm(shape, size, dtype, align, half):
    """Both flags at once too: TFLM's nearest neighbour takes them (its bilinear does not).
    The element type only sizes the copies: every size for int8, three for the others."""
    model = build("RESIZE_NEAREST_NEIGHBOR", shape, size, dtype, align, half)
    oracle.assert_bit_exact(model, n_random=1)


@pytest.mark.parametrize("align,half", FLAGS, ids=str)
@pytest.mark.parametrize("dtype", [np.int8, np.float32])
@pytest.mark.parametrize("shape,size", SIZES, ids=str)
def test_bilinear_like_tflm(shape, size, dtype, align, half):
    oracle.assert_bit_exact(build("RESIZE_BILINEAR", shape, size, dtype, align, half),
                            n_random=2)


def test_bilinear_int8_rounds_half_away_from_zero_like_tflm():
    """-0.5 becomes -1 (TFLM is built without single rounding), 2.5 becomes 3."""
    model = build("RESIZE_BILINEAR", [1, 1, 2, 1], [1, 4], np.int8)
    for pair, want in [([-1, 0], [-1, -1, 0, 0]), ([3, 0], [3, 2, 0, 0]),
                       ([-128, 127], [-128, -1, 127, 127])]:
        x = np.array(pair, np.int8).reshape(1, 1, 2, 1)
        assert oracle.assert_bit_exact(model, inputs=[x])[0].reshape(-1).tolist() == want


def test_bilinear_float_of_negative_zero_is_positive_zero_like_tflm():
    model = build("RESIZE_BILINEAR", [1, 1, 2, 1], [1, 3], np.float32)
    x = np.array([-0.0, -0.0], np.float32).reshape(1, 1, 2, 1)
    out = oracle.assert_bit_exact(model, inputs=[x])[0]
    assert not np.signbit(out).any()


def test_bilinear_refuses_both_flags_like_tflm():
    model = build("RESIZE_BILINEAR", [1, 2, 2, 1], [4, 4], np.float32, True, True)
    with pytest.raises(RuntimeError):
        oracle.tflm_interpreter(model)
    with pytest.raises(ztflm.Error, match="align_corners and half_pixel_centers are both set"):
        ztflm.Interpreter.from_bytes(model)


@pytest.mark.parametrize("half", [False, True])
def test_bilinear_int8_refuses_a_scale_whose_last_row_tflm_reads_past_the_input(half):
    """1 to 2000 columns: TFLM's Q10 scale rounds 1024 / 2000 up to 1, so column 1999 has
    lower neighbour (1999 - 512 with half-pixel centers) / 1024 = 1 of a 1-column input, which
    it reads. The float kernel stays inside, and runs."""
    model = build("RESIZE_BILINEAR", [1, 1, 1, 1], [1, 2000], np.int8, half=half)
    with pytest.raises(ztflm.Error, match="1 x 1 to 1 x 2000 is beyond TFLM's arithmetic") as e:
        ztflm.Interpreter.from_bytes(model)
    assert e.value.code == ztflm.Status.UNSUPPORTED
    oracle.assert_bit_exact(build("RESIZE_BILINEAR", [1, 1, 1, 1], [1, 2000], np.float32,
                                  half=half), n_random=1)


@pytest.mark.parametrize("op", ["RESIZE_BILINEAR", "RESIZE_NEAREST_NEIGHBOR"])
def test_a_size_computed_at_run_time_is_refused_like_tflm(op):
    model = build(op, [1, 2, 2, 1], [4, 4], np.float32, const=False)
    with pytest.raises(RuntimeError):
        oracle.tflm_interpreter(model)
    with pytest.raises(ztflm.Error, match="the size must be a constant") as e:
        ztflm.Interpreter.from_bytes(model)
    assert e.value.code == ztflm.Status.UNSUPPORTED


@pytest.mark.parametrize("op", ["RESIZE_BILINEAR", "RESIZE_NEAREST_NEIGHBOR"])
@pytest.mark.parametrize("shape,size,out_shape,match", [
    ([1, 2, 2, 1], [4, 4], [1, 4, 5, 1], "output dimension 2 is 5, not 4"),
    ([1, 2, 2, 1], [4, 4], [1, 4, 4, 2], "output dimension 3 is 2, not 1"),
    ([1, 2, 2, 1], [4], [1, 4, 1], "size must be an int32 tensor of 2 values"),
    ([2, 2, 1], [4, 4], [4, 4, 1], "input has rank 3, not 4"),
    ([1, 0, 2, 1], [4, 4], [1, 4, 4, 1], "an empty input cannot be resized to 4 x 4"),
])
def test_bad_shapes_are_refused(op, shape, size, out_shape, match):
    """TFLM checks none of the shapes: it resizes to the size tensor, and writes by the output
    tensor's shape (an empty input: it reads row -1)."""
    with pytest.raises(ztflm.Error, match=match) as e:
        ztflm.Interpreter.from_bytes(build(op, shape, size, np.float32, out_shape=out_shape))
    assert e.value.code == ztflm.Status.MODEL


@pytest.mark.parametrize("op,dtype", [("RESIZE_BILINEAR", np.int16),
                                      ("RESIZE_NEAREST_NEIGHBOR", np.int32)])
def test_the_types_tflm_refuses_are_refused(op, dtype):
    model = build(op, [1, 2, 2, 1], [4, 4], dtype)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.zeros([1, 2, 2, 1], dtype)])
    with pytest.raises(ztflm.Error, match=f"{op} .*not supported"):
        ztflm.Interpreter.from_bytes(model)


def test_resizes_run_their_reference_variants():
    for op, dtype, name in [("RESIZE_BILINEAR", np.int8, "resize_bilinear_s8_ref"),
                            ("RESIZE_NEAREST_NEIGHBOR", np.int16, "resize_nearest_s16_ref")]:
        ip = ztflm.Interpreter.from_bytes(build(op, [1, 2, 2, 1], [3, 3], dtype))
        assert ip.get_node_kernel(0) == name
