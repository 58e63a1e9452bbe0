"""Models TensorFlow's converter made (tests/models/converter_d/generate.py): a Conv1D stack
(EXPAND_DIMS, CONV_2D, dilation through SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND, MEAN,
FULLY_CONNECTED) and a GRU unrolled into its cells (UNPACK, SPLIT, SPLIT_V, FULLY_CONNECTED,
LOGISTIC, TANH, ADD, SUB, MUL), float32 and int8, bit-exact with TFLM on random inputs. The
operators other parts of issue 13 add are the only ones a model may still lack: until they
are in the op table the model is skipped naming them, anything else missing fails."""
from __future__ import annotations

from pathlib import Path

import pytest

import oracle
from ztflm import model as ztflm_model

MODELS = Path(__file__).resolve().parents[1] / "models" / "converter_d"
# Issue 13, parts A (data movement) and B (spatial): what these models need from them.
OTHER_PARTS = {"EXPAND_DIMS", "SPLIT", "SPLIT_V", "UNPACK", "SPACE_TO_BATCH_ND",
               "BATCH_TO_SPACE_ND"}


@pytest.mark.parametrize("name", ["conv1d_float", "conv1d_int8", "gru_unrolled_float",
                                  "gru_unrolled_int8"])
def test_converter_model_is_bit_exact(name: str) -> None:
    path = MODELS / f"{name}.tflite"
    info = ztflm_model.describe(path)
    missing = set(info.unsupported)
    assert missing <= OTHER_PARTS, f"{name} lacks {sorted(missing - OTHER_PARTS)}"
    if missing:
        pytest.skip(f"needs {', '.join(sorted(missing))} (issue 13, parts A and B)")
    oracle.assert_bit_exact(path.read_bytes(), n_random=4)
