"""ELU is bit-exact with TFLM on every int8 value at scales far apart (its table of expf(x) - 1,
the output's rounding and saturation, x86's conversion of values past int32) and on float32
(glibc's expm1f, whose bits the runtime's own expm1f gives on every core) including specials;
int16 is refused like TFLM."""
import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder


def build(dtype, in_q=(0.1, 0), out_q=(0.1, 0), shape=(2, 128)):
    b = ModelBuilder()
    q = dtype != np.float32
    x = b.input(list(shape), dtype, scale=in_q[0] if q else None, zero_point=in_q[1])
    y = b.tensor(list(shape), dtype, scale=out_q[0] if q else None, zero_point=out_q[1])
    b.op("ELU", [x], [y])
    b.output(y)
    return b.build()


ALL_INT8 = [np.arange(-128, 128, dtype=np.int8).reshape(2, 128)]


@pytest.mark.parametrize("in_q,out_q", [
    ((0.1, 0), (0.1, 0)), ((0.05, -20), (0.03, 17)), ((0.5, 100), (0.02, -128)),
    ((0.003, 3), (0.01, 0)), ((2.0, -128), (1.5, 127)), ((0.02, 0), (1e-9, 5)),
    ((1e-6, 0), (1e-8, -3)), ((3e4, 7), (1e-5, 0)), ((0.1, 127), (0.008, 127))])
def test_int8_every_value_like_tflm(in_q, out_q):
    oracle.assert_bit_exact(build(np.int8, in_q, out_q), inputs=ALL_INT8)


def test_float32_like_tflm():
    x = np.array([0.0, -0.0, 1.5, -1.5, -1e-30, -1e-45, -0.3465736, -0.3465737, -1.0397208,
                  -17.32868, -18.0, -88.8, -1e30, 1e30, np.inf, -np.inf, np.nan, -3.25],
                 np.float32)
    oracle.assert_bit_exact(build(np.float32, shape=(18,)), inputs=[x])
    rng = np.random.default_rng(3)
    sweep = -np.abs(rng.standard_normal(4096) * rng.choice([1e-6, 0.01, 1, 10], 4096))
    oracle.assert_bit_exact(build(np.float32, shape=(4096,)), inputs=[sweep.astype(np.float32)])


@pytest.mark.parametrize("dtype,name", [(np.int8, "elu_s8_ref"), (np.float32, "elu_f32_ref")])
def test_each_type_runs_its_reference_variant(dtype, name):
    assert ztflm.Interpreter.from_bytes(build(dtype)).get_node_kernel(0) == name


def test_int16_is_refused_like_tflm():
    model = build(np.int16)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.zeros((2, 128), np.int16)])
    with pytest.raises(ztflm.Error, match="INT16 input and INT16 output are not supported"):
        ztflm.Interpreter.from_bytes(model)
