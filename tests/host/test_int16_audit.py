"""Issue 15's int16 audit, against the tflite-micro package: for every operator of its point 2,
an int16 model of each path TFLM has. Where TFLM prepares and runs it, ztflm is bit-exact with
it; where TFLM refuses it, so does ztflm, in one line at load. Each operator's own test file
sweeps its int16 path further; this matrix is the one place that lists them all, so that an
operator losing its int16 path, or TFLM gaining one, shows here.

ADD, SUB and MUL have one int16 path in TFLM (the general rescale, left shift 15): the
power-of-two scales and pot_scale_int16 in either state take it too, and are checked here."""
from __future__ import annotations

from typing import Callable

import numpy as np
import pytest
import test_op_add as add
import test_op_concatenation as concat
import test_op_dequantize as dequantize
import test_op_hard_swish as hard_swish
import test_op_leaky_relu as leaky_relu
import test_op_logistic_tanh_int16 as lt16
import test_op_mean as mean
import test_op_mul as mul
import test_op_pad as pad
import test_op_pooling as pooling
import test_op_prelu as prelu
import test_op_quantize as quantize
import test_op_reduce as reduce
import test_op_relu as relu
import test_op_reshape as reshape
import test_op_softmax as softmax
import test_op_strided_slice as strided_slice
import test_op_sub as sub
import test_op_transpose as transpose
import test_op_view as view

import oracle
import ztflm
from modelbuilder import ModelBuilder

I16 = np.int16
POT = ((2.0 ** -10, 0), (2.0 ** -12, 0), (2.0 ** -9, 0))


def binary_pot(op: str, options: str, pot: bool) -> bytes:
    """ADD or SUB of int16 tensors at power-of-two scales, pot_scale_int16 set to pot."""
    b = ModelBuilder()
    x = b.input([2, 33], I16, scale=POT[0][0])
    y = b.input([1, 33], I16, scale=POT[1][0])
    z = b.tensor([2, 33], I16, scale=POT[2][0])
    b.op(op, [x, y], [z], options, activation="NONE", pot_scale_int16=pot)
    b.output(z)
    return b.build()


SLICE = [("s", 2, -4, -1, 0, 0), ("i", 1), ("s", 1, 5, 2, 0, 0)]

# name: an int16 model TFLM runs
RUNS: dict[str, Callable[[], bytes]] = {
    "ADD": lambda: add.build([2, 5], [5], I16, (0.002, 12), (0.0001, -40), (0.003, 7)),
    "ADD_pot_scales": lambda: binary_pot("ADD", "AddOptions", True),
    "ADD_pot_scale_int16_false": lambda: binary_pot("ADD", "AddOptions", False),
    "SUB": lambda: sub.build([2, 5], [5], I16, (0.002, 12), (0.0001, -40), (0.003, 7)),
    "SUB_pot_scales": lambda: binary_pot("SUB", "SubOptions", True),
    "SUB_pot_scale_int16_false": lambda: binary_pot("SUB", "SubOptions", False),
    "MUL": lambda: mul.build([2, 5], [5], I16, (0.01, 0), (0.02, 0), (1e-4, 0)),
    "MUL_pot_scales": lambda: mul.build([2, 33], [2, 33], I16, *POT),
    "AVERAGE_POOL_2D": lambda: pooling.pool_model("AVERAGE_POOL_2D", I16, [1, 6, 6, 3],
                                                  (3, 3), (2, 2), "SAME", "NONE",
                                                  zero_point=0),
    "MAX_POOL_2D": lambda: pooling.pool_model("MAX_POOL_2D", I16, [1, 6, 6, 3], (3, 3),
                                              (2, 2), "SAME", "RELU", zero_point=0),
    "SOFTMAX_int16": lambda: softmax.softmax_model([2, 10], I16, 1.0, 0.001),
    "SOFTMAX_int8_to_int16": lambda: softmax.softmax_model([2, 10], np.int8, 1.0, 0.1,
                                                           out_dtype=I16),
    "LOGISTIC": lambda: lt16.model("LOGISTIC", 1e-3, shape=(4, 64)),
    "TANH": lambda: lt16.model("TANH", 1e-3, shape=(4, 64)),
    "LEAKY_RELU": lambda: leaky_relu.build(I16, 0.2, (0.01, 0), (0.02, 0)),
    "PRELU_int8_slope": lambda: prelu.build((4, 8), (8,), I16, in_q=(0.01, 0),
                                            a_q=(0.02, 0), out_q=(0.01, 0)),
    "RELU": lambda: relu.build("RELU", [3, 40], I16, (0.01, 0), (0.02, 0)),
    "RELU6": lambda: relu.build("RELU6", [3, 40], I16, (0.01, 0), (0.01, 0)),
    "MEAN": lambda: mean.build([2, 3, 4], [1], False, I16, (1e-3, 3), (2e-3, -9)),
    "SUM": lambda: reduce.build("SUM", (2, 3, 4), [1, 2], I16),
    "CONCATENATION": lambda: concat.build([[2, 3], [2, 4]], 1, I16, (0.01, 0)),
    "PAD": lambda: pad.build([2, 3], [[1, 0], [0, 2]], I16, (0.01, 0)),
    "PADV2": lambda: pad.build([2, 3], [[1, 0], [0, 2]], I16, (0.01, 0), op="PADV2",
                               value=1000),
    "STRIDED_SLICE": lambda: strided_slice.build([3, 4, 5], SLICE, I16),
    "TRANSPOSE": lambda: transpose.build([2, 3, 4], [2, 0, 1], I16),
    "RESHAPE": lambda: reshape.build([2, 6], [3, 4], I16, q=(0.1, 3)),
    "SQUEEZE": lambda: view.squeeze([2, 1, 3], [1], I16),
    "EXPAND_DIMS": lambda: view.expand([2, 3], 1, I16),
    "QUANTIZE_float_to_int16": lambda: quantize.build([3, 20], np.float32, I16, (None, 0),
                                                      (0.001, 5)),
    "QUANTIZE_int16_to_int8": lambda: quantize.build([3, 20], I16, np.int8, (0.001, 0),
                                                     (0.05, 3)),
    "QUANTIZE_int16_to_int16": lambda: quantize.build([3, 20], I16, I16, (0.001, 0),
                                                      (0.0007, 0)),
    "QUANTIZE_int16_to_int32": lambda: quantize.build([3, 20], I16, np.int32, (0.001, 0),
                                                      (0.0005, 0)),
    "QUANTIZE_int8_to_int16": lambda: quantize.build([3, 20], np.int8, I16, (0.05, 3),
                                                     (0.001, 0)),
    "QUANTIZE_int32_to_int16": lambda: quantize.build([3, 20], np.int32, I16, (0.0005, 0),
                                                      (0.001, 0)),
    "DEQUANTIZE": lambda: dequantize.build([3, 50], I16, (0.001, 7)),
}


# name: an int16 model TFLM refuses, and its input (TFLM refuses some at invoke)
REFUSED: dict[str, tuple[Callable[[], bytes], tuple[int, ...]]] = {
    "PRELU_int16_slope": (lambda: prelu.build((4, 8), (8,), I16, alpha_dtype=I16), (4, 8)),
    "HARD_SWISH": (lambda: hard_swish.build(I16), (2, 128)),
    "REDUCE_MAX": (lambda: reduce.build("REDUCE_MAX", (2, 3), [1], I16), (2, 3)),
    "REDUCE_MIN": (lambda: reduce.build("REDUCE_MIN", (2, 3), [1], I16), (2, 3)),
}


@pytest.mark.parametrize("name", sorted(RUNS))
def test_int16_paths_tflm_runs_are_bit_exact(name: str) -> None:
    oracle.assert_bit_exact(RUNS[name](), n_random=2)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_int16_paths_tflm_refuses_are_refused_in_one_line(name: str) -> None:
    make, shape = REFUSED[name]
    model = make()
    with pytest.raises(RuntimeError):
        oracle.run_tflm(model, [np.zeros(shape, I16)])
    with pytest.raises(ztflm.Error) as e:
        ztflm.Interpreter.from_bytes(model)
    assert "\n" not in str(e.value) and "at node 0" in str(e.value)
