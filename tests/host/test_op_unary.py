"""The element-wise unary family (kernels/ops/unary.h): every type pair an operator takes runs a
compute variant of its own, the descriptors list exactly those pairs, and a node the family
cannot run is refused with one line saying what is wrong."""
from __future__ import annotations

import numpy as np
import pytest

import ztflm
from modelbuilder import ModelBuilder
from ztflm import _lib

F32, S8, U8, S16, S32 = np.float32, np.int8, np.uint8, np.int16, np.int32
SHORT = {F32: "f32", S8: "s8", U8: "u8", S16: "s16", S32: "s32"}

# Operator -> the (input, output) types it runs, as TFLM's kernels take them.
PAIRS: dict[str, list[tuple[type, type]]] = {
    "QUANTIZE": [(F32, S8), (F32, S16), (S8, S8), (S8, U8), (S8, S16), (S8, S32), (U8, S8),
                 (S16, S8), (S16, S16), (S16, S32), (S32, S8), (S32, S16)],
    "DEQUANTIZE": [(S8, F32), (S16, F32), (U8, F32)],
    "LOGISTIC": [(S8, S8), (S16, S16), (F32, F32)],
    "TANH": [(S8, S8), (S16, S16), (F32, F32)],
    "RELU": [(S8, S8), (S16, S16), (F32, F32)],
    "RELU6": [(S8, S8), (S16, S16), (F32, F32)],
}
CASES = [(op, i, o) for op, pairs in PAIRS.items() for i, o in pairs]


def variant(op: str, i: type, o: type) -> str:
    """The variant name: the output type only where it differs from the input's."""
    types = SHORT[i] if op not in ("QUANTIZE", "DEQUANTIZE") else f"{SHORT[i]}_{SHORT[o]}"
    return f"{op.lower()}_{types}_ref"


def quant(op: str, dtype: type, output: bool) -> tuple[float | None, int]:
    if dtype == F32:
        return None, 0
    if op in ("LOGISTIC", "TANH") and dtype == S16:
        return (1.0 / 32768 if output else 1.0 / 4096), 0  # TFLM's int16 table arithmetic
    if op == "LOGISTIC" and output:
        return 1.0 / 256, -128
    return 0.05, 0 if dtype in (S16, S32) else 3


def model(op: str, i: type, o: type, out_shape: tuple[int, ...] = (2, 3),
          inputs: int = 1) -> bytes:
    b = ModelBuilder()
    q, qo = quant(op, i, False), quant(op, o, True)
    xs = [b.input([2, 3], i, scale=q[0], zero_point=q[1]) for _ in range(inputs)]
    y = b.tensor(list(out_shape), o, scale=qo[0], zero_point=qo[1])
    b.op(op, xs, [y])
    b.output(y)
    return b.build()


@pytest.mark.parametrize("op", PAIRS)
def test_descriptors_list_one_variant_per_type_pair(op: str) -> None:
    info = next(t for t in _lib.op_table() if t.name == op)
    assert (info.inputs, info.outputs) == ((1, 1), (1, 1))
    listed = [(v.name, v.input_type, v.output_type) for v in info.variants]
    assert listed == [(variant(op, i, o), np.dtype(i).name.upper(),
                       np.dtype(o).name.upper()) for i, o in PAIRS[op]]


@pytest.mark.parametrize("op,i,o", CASES, ids=lambda x: x if isinstance(x, str) else SHORT[x])
def test_each_type_pair_runs_its_reference_variant(op: str, i: type, o: type) -> None:
    # No overlay has a unary variant: every build runs the reference one.
    ip = ztflm.Interpreter.from_bytes(model(op, i, o))
    assert ip.get_node_kernel(0) == variant(op, i, o)
    ip.set_input(np.zeros([2, 3], i), 0)
    ip.invoke()


@pytest.mark.parametrize("op", PAIRS)
def test_output_of_another_element_count_is_refused(op: str) -> None:
    i, o = PAIRS[op][0]
    with pytest.raises(ztflm.Error, match=f"{op} .*input has 6 elements but output has 8") as e:
        ztflm.Interpreter.from_bytes(model(op, i, o, out_shape=(2, 4)))
    assert e.value.code == ztflm.Status.MODEL


@pytest.mark.parametrize("op", PAIRS)
def test_a_second_input_is_refused(op: str) -> None:
    i, o = PAIRS[op][0]
    with pytest.raises(ztflm.Error, match=f"{op} .*has 2 inputs and 1 outputs, needs 1 to 1"):
        ztflm.Interpreter.from_bytes(model(op, i, o, inputs=2))


@pytest.mark.parametrize("op", PAIRS)
def test_a_type_pair_without_a_variant_is_refused(op: str) -> None:
    with pytest.raises(ztflm.Error, match=f"{op} .*INT32 input and INT32 output are not supported"
                       ) as e:
        ztflm.Interpreter.from_bytes(model(op, S32, S32))
    assert e.value.code == ztflm.Status.UNSUPPORTED
