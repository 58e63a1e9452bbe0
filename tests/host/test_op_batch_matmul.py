"""BATCH_MATMUL is bit-exact with TFLM in float32, int8 and int16: every adjoint flag, ranks 2
to 5 with batch dimensions broadcast from either side (including the RHS batch of 1 TFLM
folds into the LHS rows), constant and run-time operands, zero points and scales far apart,
int32 sums that wrap, float NaN payloads. What TFLM refuses or computes by shifting a negative
amount is refused with a message; empty outputs (TFLM refuses them as dynamic) run."""
from __future__ import annotations

from typing import Optional, Sequence

import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder

Quant = tuple[tuple[float, int], tuple[float, int], tuple[float, int]]
Q8: Quant = ((0.05, 3), (0.02, -7), (0.1, 1))
Q16: Quant = ((0.05, 0), (0.02, 0), (0.1, 0))


def stored(shape: Sequence[int], adjoint: bool) -> list[int]:
    """The shape an operand is stored in: its last two dimensions swapped when adjoint."""
    s = list(shape)
    if adjoint:
        s[-1], s[-2] = s[-2], s[-1]
    return s


def out_shape(lhs: Sequence[int], rhs: Sequence[int]) -> list[int]:
    """numpy's matmul shape of the (not adjoint) operands."""
    rank = max(len(lhs), len(rhs))
    lx = [1] * (rank - len(lhs)) + list(lhs)
    rx = [1] * (rank - len(rhs)) + list(rhs)
    return [r if a == 1 else a for a, r in zip(lx[:-2], rx[:-2])] + [lx[-2], rx[-1]]


def build(dtype: type, lhs: Sequence[int], rhs: Sequence[int], adj_x: bool = False,
          adj_y: bool = False, q: Optional[Quant] = None, const_lhs: Optional[np.ndarray] = None,
          const_rhs: Optional[np.ndarray] = None, out: Optional[Sequence[int]] = None,
          rhs_dtype: Optional[type] = None) -> bytes:
    """lhs and rhs are the operands' mathematical shapes ([..., rows, depth], [..., depth,
    cols]); each is stored transposed when its adjoint flag is set."""
    b = ModelBuilder()
    quant = q or (Q16 if dtype == np.int16 else Q8)

    def kw(i: int, t: type) -> dict:
        return {} if t == np.float32 else {"scale": quant[i][0], "zero_point": quant[i][1]}

    rt = rhs_dtype or dtype
    x = (b.const(const_lhs, **kw(0, dtype)) if const_lhs is not None
         else b.input(stored(lhs, adj_x), dtype, **kw(0, dtype)))
    y = (b.const(const_rhs, **kw(1, rt)) if const_rhs is not None
         else b.input(stored(rhs, adj_y), rt, **kw(1, rt)))
    z = b.tensor(out or out_shape(lhs, rhs), dtype, **kw(2, dtype))
    b.op("BATCH_MATMUL", [x, y], [z], "BatchMatMulOptions", adj_x=adj_x, adj_y=adj_y)
    b.output(z)
    return b.build()


# (lhs, rhs) as [..., rows, depth] and [..., depth, cols]: plain, batched, either side of
# rank 2, broadcast both ways, the RHS batch of 1 TFLM folds, rank 5, a 1x1, depth 1, odd.
SHAPES = [
    ([3, 5], [5, 4]),
    ([2, 3, 5], [2, 5, 4]),
    ([2, 3, 5], [5, 4]),
    ([3, 5], [2, 5, 4]),
    ([2, 1, 3, 5], [1, 4, 5, 4]),
    ([4, 3, 5], [1, 5, 2]),
    ([1, 3, 5], [4, 5, 2]),
    ([2, 1, 3, 3, 5], [1, 2, 1, 5, 1]),
    ([3, 1, 2, 7, 9], [2, 1, 9, 3]),
    ([1, 1], [1, 1]),
    ([7, 1], [1, 9]),
    ([1, 17], [17, 1]),
]
ADJOINTS = [(False, False), (False, True), (True, False), (True, True)]


def shape_id(s: tuple) -> str:
    return "x".join(map(str, s[0])) + "@" + "x".join(map(str, s[1]))


@pytest.mark.parametrize("shapes", SHAPES, ids=shape_id)
@pytest.mark.parametrize("adj", ADJOINTS, ids=lambda a: f"adj{int(a[0])}{int(a[1])}")
def test_float32_like_tflm(shapes: tuple, adj: tuple) -> None:
    oracle.assert_bit_exact(build(np.float32, *shapes, *adj), n_random=2)


@pytest.mark.parametrize("dtype", [np.int8, np.int16], ids=["int8", "int16"])
@pytest.mark.parametrize("shapes", SHAPES[1:9], ids=shape_id)
def test_quantized_every_adjoint_like_tflm(dtype: type, shapes: tuple) -> None:
    for adj in ADJOINTS:
        oracle.assert_bit_exact(build(dtype, *shapes, *adj), n_random=1, seed=len(shapes[0]))


# (lhs, rhs, out) scale and zero point: zero points at the ends of int8, scales far apart
# (multipliers from 2^-30 to 2^30), an output too coarse to show anything.
INT8_QUANTS = [
    ((0.05, -128), (0.02, 127), (0.1, 0)),
    ((1e-3, 127), (2.0, -128), (1e-4, -128)),
    ((3e3, 0), (1e3, 5), (2e4, 127)),
    ((1e-5, 0), (1e-5, 0), (50.0, 0)),
    ((0.5, -1), (0.5, 1), (1e-9, 0)),
]


@pytest.mark.parametrize("q", INT8_QUANTS, ids=range(len(INT8_QUANTS)))
def test_int8_scales_and_zero_points_like_tflm(q: Quant) -> None:
    oracle.assert_bit_exact(build(np.int8, [2, 3, 33], [33, 5], q=q), n_random=3)


# The output rescale's shift from -31 to 14 (total shifts 46 to 1): beyond 14 TFLM's rounding
# term shifts by a negative amount, and its assert of shift < 8 is compiled out.
INT16_QUANTS = [((0.05, 0), (0.02, 0), (0.1, 0)), ((1e-4, 0), (1e-4, 0), (1.0, 0)),
                ((0.5, 0), (0.5, 0), (2e-3, 0)), ((0.5, 0), (0.5, 0), (1e-3, 0)),
                ((1.0, 0), (1.0, 0), (1.0 / 16000, 0)), ((1e-6, 0), (1e-6, 0), (3.0, 0))]


@pytest.mark.parametrize("q", INT16_QUANTS, ids=range(len(INT16_QUANTS)))
def test_int16_scales_like_tflm(q: Quant) -> None:
    oracle.assert_bit_exact(build(np.int16, [2, 3, 40], [40, 3], q=q), n_random=3)


def test_int16_shift_past_14_is_refused() -> None:
    model = build(np.int16, [2, 4], [4, 2], q=((1.0, 0), (1.0, 0), (1.0 / 40000, 0)))
    with pytest.raises(ztflm.Error, match="int16 output rescale shift 16 is above 14"):
        ztflm.Interpreter.from_bytes(model)


def test_int8_sum_wrapping_int32_like_tflm() -> None:
    # 40000 products of 255 * 255 pass 2^31: TFLM's int32 sum wraps, so does the runtime's.
    n = 40000
    model = build(np.int8, [1, n], [n, 2], q=((1.0, -128), (1.0, -128), (1e6, 0)))
    x = np.full((1, n), 127, np.int8)
    y = np.full((n, 2), 127, np.int8)
    y[: n // 2, 1] = -128
    oracle.assert_bit_exact(model, inputs=[x, y])


def test_int16_extremes_like_tflm() -> None:
    model = build(np.int16, [2, 64], [64, 2], q=((1.0, 0), (1.0, 0), (2.0 ** 16, 0)))
    x = np.array([[-32768] * 64, [32767] * 64], np.int16)
    oracle.assert_bit_exact(model, inputs=[x, np.full((64, 2), -32768, np.int16)])


@pytest.mark.parametrize("dtype", [np.float32, np.int8, np.int16], ids=["f32", "int8", "int16"])
@pytest.mark.parametrize("adj_y", [False, True])
def test_constant_rhs_over_several_invokes_like_tflm(dtype: type, adj_y: bool) -> None:
    # TFLM transposes a constant RHS once, at the first invoke, and keeps it.
    rng = np.random.default_rng(5)
    shape = stored([2, 6, 4], adj_y)
    rhs = (rng.standard_normal(shape).astype(np.float32) if dtype == np.float32
           else rng.integers(np.iinfo(dtype).min, np.iinfo(dtype).max, shape).astype(dtype))
    oracle.assert_bit_exact(build(dtype, [3, 2, 5, 6], [2, 6, 4], adj_y=adj_y, const_rhs=rhs),
                            n_random=3)


def test_constant_lhs_like_tflm() -> None:
    lhs = np.arange(-12, 12, dtype=np.int8).reshape(2, 3, 4)
    oracle.assert_bit_exact(build(np.int8, [2, 3, 4], [4, 5], adj_x=False, const_lhs=lhs),
                            n_random=2)


def test_float32_nan_payloads_and_specials_like_tflm() -> None:
    bits = np.array([[0x7FC00001, 0xFFC00002, 0x3F800000, 0x7F800000],
                     [0xFF800000, 0x00000001, 0x7F7FFFFF, 0x80000000]], np.uint32)
    rhs = np.array([[0x7FC00003, 1.0], [2.0, 0xFFC00004], [np.inf, -0.0], [1e38, 3.0]],
                   dtype=object)
    y = np.array([[np.uint32(v).view(np.float32) if isinstance(v, int) else v for v in row]
                  for row in rhs], np.float32)
    oracle.assert_bit_exact(build(np.float32, [2, 4], [4, 2]),
                            inputs=[bits.view(np.float32), y])


def test_each_type_runs_its_reference_variant() -> None:
    for dtype, name in [(np.int8, "batch_matmul_s8_ref"), (np.int16, "batch_matmul_s16_ref"),
                        (np.float32, "batch_matmul_f32_ref")]:
        model = build(dtype, [3, 5], [5, 4])
        assert ztflm.Interpreter.from_bytes(model).get_node_kernel(0) == name


@pytest.mark.parametrize("lhs,rhs", [([0, 4], [4, 2]), ([2, 3], [3, 0]), ([0, 2, 3], [1, 3, 2])])
def test_empty_output_runs_where_tflm_refuses_it_as_dynamic(lhs: list, rhs: list) -> None:
    model = build(np.float32, lhs, rhs)
    inputs = [np.ones(lhs, np.float32), np.ones(rhs, np.float32)]
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, inputs)
    ip = ztflm.Interpreter.from_bytes(model)
    for i, x in enumerate(inputs):
        ip.set_input(x, i)
    ip.invoke()
    assert ip.get_output(0).shape == tuple(out_shape(lhs, rhs))


def test_depth_zero_gives_zeros_like_tflm() -> None:
    oracle.assert_bit_exact(build(np.float32, [3, 0], [0, 2]),
                            inputs=[np.ones((3, 0), np.float32), np.ones((0, 2), np.float32)])
    oracle.assert_bit_exact(build(np.int8, [3, 0], [0, 2]),
                            inputs=[np.ones((3, 0), np.int8), np.ones((0, 2), np.int8)])


def refused(model: bytes, match: str) -> None:
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [])
    with pytest.raises(ztflm.Error, match=match):
        ztflm.Interpreter.from_bytes(model)


def test_depths_that_differ_are_refused_like_tflm() -> None:
    refused(build(np.float32, [3, 5], [4, 2], out=[3, 2]), "LHS depth 5 is not RHS depth 4")


def test_batches_that_do_not_broadcast_are_refused_like_tflm() -> None:
    refused(build(np.float32, [2, 3, 5], [3, 5, 2], out=[2, 3, 2]),
            "batch dimension 0: LHS has 2, RHS 3, neither 1")


def test_int16_zero_points_are_refused_like_tflm() -> None:
    refused(build(np.int16, [3, 5], [5, 2], q=((0.1, 1), (0.1, 0), (0.1, 0))),
            "int16 zero points must be 0")


def test_mixed_types_are_refused_like_tflm() -> None:
    refused(build(np.float32, [3, 5], [5, 2], rhs_dtype=np.int8),
            "input 1 has type INT8, not FLOAT32 like input 0")


def test_ranks_outside_2_to_5_are_refused_like_tflm() -> None:
    refused(build(np.float32, [2, 1, 1, 1, 3, 5], [5, 2]), "LHS rank 6 and RHS rank 2")
    refused(build(np.float32, [5], [5, 2], out=[2]), "LHS rank 1 and RHS rank 2")


def test_output_shape_other_than_the_product_is_refused() -> None:
    # TFLM rewrites the output's dimensions when the element count agrees; the runtime keeps
    # the model's shapes, so it refuses.
    with pytest.raises(ztflm.Error, match="output dimension 0 is 4, not 3"):
        ztflm.Interpreter.from_bytes(build(np.float32, [3, 5], [5, 4], out=[4, 3]))
    with pytest.raises(ztflm.Error, match="output has rank 3, not 2"):
        ztflm.Interpreter.from_bytes(build(np.float32, [3, 5], [5, 4], out=[1, 3, 4]))


def test_per_channel_rhs_is_refused() -> None:
    # TFLM would scale every column by the RHS's first scale.
    b = ModelBuilder()
    x = b.input([3, 4], np.int8, scale=0.1, zero_point=0)
    y = b.const(np.ones((4, 2), np.int8), scale=[0.1, 0.2], zero_point=[0, 0],
                quantized_dimension=1)
    z = b.tensor([3, 2], np.int8, scale=0.1, zero_point=0)
    b.op("BATCH_MATMUL", [x, y], [z], "BatchMatMulOptions")
    b.output(z)
    with pytest.raises(ztflm.Error, match="per-channel quantization is not supported"):
        ztflm.Interpreter.from_bytes(b.build())
