"""A model TensorFlow's converter made (tests/models/data_movement/make_models.py) runs bit-exact
with TFLM: the converter's own encodings of the shape and data movement operators, a bool and
an int32 input, int32 shape computations and seven outputs."""
from __future__ import annotations

from pathlib import Path

import numpy as np

import oracle
import ztflm
from ztflm import _lib

MODEL = Path(__file__).resolve().parents[1] / "models" / "data_movement" / "shape_ops.tflite"


def test_shape_ops_from_the_converter_is_bit_exact_with_tflm() -> None:
    data = MODEL.read_bytes()
    oracle.assert_bit_exact(data, n_random=6, seed=13)
    ip = ztflm.Interpreter.from_bytes(data)
    ops = {_lib.builtin_name(ip.get_node(n)[0]) for n in range(ip.num_nodes())}
    assert {"STRIDED_SLICE", "SLICE", "SPLIT", "SPLIT_V", "PACK", "UNPACK", "REVERSE_V2",
            "EXPAND_DIMS", "SELECT_V2", "CAST", "ZEROS_LIKE", "SHAPE", "CONCATENATION"} <= ops
    # the int32 shape computations read the model's static shapes (batch 1)
    x = np.zeros([1, 8, 6], np.float32)
    outs = oracle.run_ztflm(data, [x, np.zeros([1, 8], np.bool_), np.zeros([1, 8], np.int32)])
    assert [o.tolist() for o in outs if o.dtype == np.int32 and o.ndim == 1] == [[6, 8, 1, 1, 8]]
