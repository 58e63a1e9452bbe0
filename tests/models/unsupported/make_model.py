#!/usr/bin/env python3
"""Writes the model the tiers use as "a model with an operator ztflm does not run": one
BIDIRECTIONAL_SEQUENCE_LSTM (builtin 52), which TFLM has no kernel for either, so it stays
refused. `PYTHONPATH=tests .venv/bin/python tests/models/unsupported/make_model.py`;
tests/host/test_shared_models.py checks the committed file is what this writes."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from modelbuilder import ModelBuilder

HERE = Path(__file__).resolve().parent
NAME = "bidirectional_sequence_lstm.tflite"
OP = "BIDIRECTIONAL_SEQUENCE_LSTM"


def build() -> bytes:
    """The operator's inputs stop at the sequence: the resolver refuses it before any check."""
    b = ModelBuilder()
    x = b.input([1, 2, 4], np.int8, 0.5, 0)
    y = b.tensor([1, 2, 4], np.int8, 0.5, 0)
    b.op(OP, [x], [y])
    b.output(y)
    return b.build()


def main() -> int:
    (HERE / NAME).write_bytes(build())
    print(f"wrote {HERE / NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
