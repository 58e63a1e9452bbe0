"""Models TensorFlow's converter made (tests/models/converter_d/generate.py): a Conv1D stack
(RESHAPE, CONV_2D with padding, a stride and a dilation, MEAN, FULLY_CONNECTED) and a GRU
unrolled into its cells (UNPACK, SPLIT, SPLIT_V, FULLY_CONNECTED, LOGISTIC, TANH, ADD, SUB,
MUL), float32 and int8, bit-exact with TFLM on random inputs. The GRU's UNPACK, SPLIT and
SPLIT_V come with part A of issue 13: until they are in the op table its models are skipped
naming them (anything else missing fails); on a trial merge of part A they run bit-exact."""
from __future__ import annotations

from pathlib import Path

import pytest

import oracle
from ztflm import model as ztflm_model

MODELS = Path(__file__).resolve().parents[1] / "models" / "converter_d"
# Issue 13, part A (data movement): what the GRU needs from it.
OTHER_PARTS = {"SPLIT", "SPLIT_V", "UNPACK"}


@pytest.mark.parametrize("name", ["conv1d_float", "conv1d_int8", "gru_unrolled_float",
                                  "gru_unrolled_int8"])
def test_converter_model_is_bit_exact(name: str) -> None:
    path = MODELS / f"{name}.tflite"
    info = ztflm_model.describe(path)
    missing = set(info.unsupported)
    assert missing <= OTHER_PARTS, f"{name} lacks {sorted(missing - OTHER_PARTS)}"
    if missing:
        pytest.skip(f"needs {', '.join(sorted(missing))} (issue 13, part A)")
    oracle.assert_bit_exact(path.read_bytes(), n_random=4)
