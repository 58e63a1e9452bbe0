"""TFLM's OfflineMemoryAllocation metadata: tensors go where the model says, bit-exact."""
from __future__ import annotations

import struct

import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder


def chain(offsets: list[int] | None) -> bytes:
    """x -> ADD(x, c) -> a -> RELU -> b -> MUL(b, c) -> y, float [1, 16] (64 bytes each)."""
    b = ModelBuilder()
    x = b.input([1, 16], np.float32)
    c = b.const(np.linspace(-2, 2, 16, dtype=np.float32).reshape(1, 16))
    a = b.tensor([1, 16], np.float32)
    r = b.tensor([1, 16], np.float32)
    y = b.tensor([1, 16], np.float32)
    b.op("ADD", [x, c], [a], "AddOptions")
    b.op("RELU", [a], [r])
    b.op("MUL", [r, c], [y], "MulOptions")
    b.output(y)
    if offsets is not None:
        b.add_metadata("OfflineMemoryAllocation",
                       struct.pack(f"<3i{len(offsets)}i", 1, 0, len(offsets), *offsets))
    return b.build()


def test_offline_offsets_are_honoured_and_results_match_tflm() -> None:
    # Tensors: 0 x, 1 c (constant), 2 a, 3 r, 4 y. A deliberately spread-out plan.
    offsets = [256, -1, 0, 128, 64]
    data = chain(offsets)
    ip = ztflm.Interpreter.from_bytes(data)
    for t, off in enumerate(offsets):
        expected = None if off < 0 else off
        assert ip.tensor_arena_offset(t) == expected, t
    assert ip.arena_head_bytes() >= 256 + 64
    oracle.assert_bit_exact(data, n_random=5)


def test_partial_offline_plan_plans_the_rest_around_it() -> None:
    offsets = [-1, -1, 512, -1, -1]
    data = chain(offsets)
    ip = ztflm.Interpreter.from_bytes(data)
    assert ip.tensor_arena_offset(2) == 512
    fixed = range(512, 512 + 64)
    for t in (0, 3):  # alive at the same time as tensor 2
        off = ip.tensor_arena_offset(t)
        assert off is not None and not set(range(off, off + 64)) & set(fixed)
    oracle.assert_bit_exact(data, n_random=5)


def test_offline_plan_for_the_wrong_tensor_count_is_rejected() -> None:
    with pytest.raises(ztflm.Error, match="OfflineMemoryAllocation"):
        ztflm.Interpreter.from_bytes(chain([0, -1, 0]))


def test_online_plan_reuses_memory_for_dead_tensors() -> None:
    ip = ztflm.Interpreter.from_bytes(chain(None))
    # Four 64-byte planned tensors, never more than two alive: 128 bytes of head.
    assert ip.arena_head_bytes() == 128
