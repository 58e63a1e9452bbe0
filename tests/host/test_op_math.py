"""The float32 math operators (NEG, SQUARE, SQRT, EXP, LOG, SIN, COS, FLOOR, CEIL, ROUND) are
bit-exact with TFLM, whose x86-64 build takes them from glibc or computes them inline: on
float bit patterns of every exponent, the inputs each algorithm treats apart (near multiples
of pi/2, past the fast reduction's 120, subnormals, ties), and on signed zeros, infinities and
NaNs with payloads (signalling ones too). The runtime computes sinf, cosf, logf and expf
itself (kernels/common), so soft-float cores give these bits too (tests/c/test_mathf.c checks
the functions on every input)."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder

OPS = ["NEG", "SQUARE", "SQRT", "EXP", "LOG", "SIN", "COS", "FLOOR", "CEIL", "ROUND"]


def build(op, shape, dtype=np.float32):
    b = ModelBuilder()
    x = b.input(shape, dtype)
    y = b.tensor(shape, dtype)
    b.op(op, [x], [y])
    b.output(y)
    return b.build()


def finite_bit_patterns(n, seed):
    """n floats of random sign, exponent and significand (no inf or NaN)."""
    u = np.random.default_rng(seed).integers(0, 2 ** 32, size=n, dtype=np.uint64)
    f = u.astype(np.uint32).view(np.float32)
    return np.where(np.isfinite(f), f, np.float32(1.25)).astype(np.float32)


def near(values, ulps=3):
    """Each value and its neighbours up to ulps floats away on each side."""
    v = np.asarray(values, np.float32).view(np.int32).astype(np.int64)
    steps = np.arange(-ulps, ulps + 1)
    return (v[:, None] + steps[None, :]).reshape(-1).astype(np.int32).view(np.float32)


# Inputs each algorithm treats apart.
EDGES = np.concatenate([
    near(np.float32(np.pi / 2) * np.arange(-80, 81, dtype=np.float32)),  # quadrant limits
    near([np.pi / 4, -np.pi / 4, 120.0, -120.0, 2.0 ** -12, 2.0 ** -126, 1.0, 0.5, 2.0,
          float.fromhex("0x1.66p-1"), 1e-45, 3e38, 88.7, -103.9, 0.0]),
    np.float32([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 8388607.5, -8388607.5, 8388608.0,
                1e10, -1e10, 12345.678, -0.49999997, 0.49999997]),
]).astype(np.float32)

SPECIALS = np.array([0x00000000, 0x80000000, 0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00000,
                     0x7FC00123, 0xFFC0BEEF, 0x7F800001, 0xFF812345, 0x00000001, 0x80000001,
                     0x007FFFFF, 0x807FFFFF, 0x3F800000, 0xBF800000],
                    np.uint32).view(np.float32)


@pytest.mark.parametrize("op", OPS)
def test_every_exponent_like_tflm(op):
    x = finite_bit_patterns(4096, seed=OPS.index(op))
    oracle.assert_bit_exact(build(op, [4096]), inputs=[x])


@pytest.mark.parametrize("op", OPS)
def test_inputs_the_algorithms_treat_apart_like_tflm(op):
    oracle.assert_bit_exact(build(op, [EDGES.size]), inputs=[EDGES])


@pytest.mark.parametrize("op", OPS)
def test_signed_zeros_infinities_and_nan_payloads_like_tflm(op):
    oracle.assert_bit_exact(build(op, [SPECIALS.size]), inputs=[SPECIALS])


@pytest.mark.parametrize("op", OPS)
def test_random_shapes_like_tflm(op):
    oracle.assert_bit_exact(build(op, [2, 3, 5]), n_random=2)
    oracle.assert_bit_exact(build(op, []), n_random=1)


@pytest.mark.parametrize("op", OPS)
def test_each_runs_its_reference_variant(op):
    ip = ztflm.Interpreter.from_bytes(build(op, [3]))
    assert ip.get_node_kernel(0) == f"{op.lower()}_f32_ref"


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("dtype", [np.int8, np.int32])
def test_integer_types_tflm_refuses_are_refused(op, dtype):
    model = build(op, [3], dtype)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.ones(3, dtype)])
    with pytest.raises(ztflm.Error, match=f"{op} .*input and .* output are not supported") as e:
        ztflm.Interpreter.from_bytes(model)
    assert e.value.code == ztflm.Status.UNSUPPORTED


@pytest.mark.parametrize("op", ["SIN", "EXP"])
def test_an_output_of_another_size_is_refused(op):
    b = ModelBuilder()
    x = b.input([2, 3], np.float32)
    y = b.tensor([7], np.float32)
    b.op(op, [x], [y])
    b.output(y)
    with pytest.raises(ztflm.Error, match=f"{op} .*input has 6 elements but output has 7"):
        ztflm.Interpreter.from_bytes(b.build())
