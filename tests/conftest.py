"""Puts tests/ on sys.path (modelbuilder, oracle, shared_models) for every test tier, and
gives tests the shared models (<repo>/../shared/models)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from shared_models import MODELS  # noqa: E402


def shared_model(name: str) -> Path:
    """Path of one shared model by file stem ("mlperf_kws_dscnn_int8"); skips the test when
    the shared models are not beside this checkout."""
    path = MODELS / f"{name}.tflite"
    if not path.is_file():
        pytest.skip(f"shared model {path} not found")
    return path


@pytest.fixture
def shared_models() -> Path:
    """The folder of shared .tflite models; the test is skipped when it is not there."""
    if not MODELS.is_dir():
        pytest.skip(f"shared models not found at {MODELS}")
    return MODELS
