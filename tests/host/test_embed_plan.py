"""--embed-plan: the runtime's plan written as OfflineMemoryAllocation runs in TFLM bit-exact
and gives ztflm the same arena and the same tensor offsets."""
from __future__ import annotations

from pathlib import Path

import pytest

import oracle
import ztflm
from ztflm.offline_plan import embed_plan, plan_offsets

MODELS = Path(__file__).resolve().parents[2].parent / "shared" / "models"


@pytest.mark.parametrize("name", ["mlperf_kws_dscnn_int8", "tflm_hello_world_float",
                                  "mlperf_ic_resnet8_int8", "tflm_micro_speech_int8"])
def test_embedded_plan_is_bit_exact_in_tflm_and_keeps_the_arena(name: str) -> None:
    model = (MODELS / f"{name}.tflite").read_bytes()
    planned = embed_plan(model)
    before = ztflm.Interpreter.from_bytes(model)
    after = ztflm.Interpreter.from_bytes(planned)
    assert after.arena_used_bytes() == before.arena_used_bytes()
    assert plan_offsets(planned) == plan_offsets(model)
    oracle.assert_bit_exact(planned, n_random=5)


def test_embedding_twice_replaces_the_plan() -> None:
    model = (MODELS / "tflm_hello_world_int8.tflite").read_bytes()
    once = embed_plan(model)
    twice = embed_plan(once)
    assert plan_offsets(twice) == plan_offsets(model)
    assert twice.count(b"OfflineMemoryAllocation") == 1
