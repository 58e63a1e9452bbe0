#!/usr/bin/env python3
"""Writes the stateful builder models that tiers without the test helpers embed (the Zephyr
runtime suite): `PYTHONPATH=tests .venv/bin/python tests/models/stateful/make_models.py`;
tests/host/test_variable_tensors.py checks the committed files are what this writes."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from stateful_models import svdf

HERE = Path(__file__).resolve().parent

MODELS = {
    "svdf_int8_int16_state.tflite": lambda: svdf(np.int8, state_dtype=np.int16),
}


def main() -> int:
    for name, make in MODELS.items():
        (HERE / name).write_bytes(make())
        print(f"wrote {HERE / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
