"""Hostile models: every malformed model is rejected with an error, never a crash.

These run under AddressSanitizer and UndefinedBehaviorSanitizer in `make test-py-san`,
which is what proves "no out-of-bounds access" rather than only "no exception".
"""
from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

import ztflm
from modelbuilder import ModelBuilder

MODELS = Path(__file__).resolve().parents[2].parent / "shared" / "models"
SMALL = ["tflm_hello_world_int8", "mlperf_kws_dscnn_int8", "tflm_micro_speech_int8"]
ARENA = 1 << 20


def load(name: str) -> bytes:
    return (MODELS / f"{name}.tflite").read_bytes()


def run_if_valid(data: bytes) -> None:
    """Init, allocate and invoke; a ztflm.Error at any stage is the accepted outcome."""
    try:
        ip = ztflm.Interpreter.from_bytes(data, arena_size=ARENA)
    except ztflm.Error as e:
        assert str(e), "errors carry a message"
        return
    rng = np.random.default_rng(0)
    for i in range(ip.num_inputs()):
        d = ip.get_input_details(i)
        dt = np.dtype(d["dtype"])
        x = np.zeros(d["shape"], dt) if dt.kind == "f" else rng.integers(
            np.iinfo(dt).min, np.iinfo(dt).max, size=d["shape"], dtype=dt)
        ip.set_input(x, i)
    try:
        ip.invoke()
    except ztflm.Error:
        pass


@pytest.mark.parametrize("name", SMALL)
def test_truncated_model_is_rejected_at_every_64th_of_its_length(name: str) -> None:
    data = load(name)
    for k in range(64):
        cut = len(data) * k // 64
        with pytest.raises(ztflm.Error):
            ztflm.Interpreter.from_bytes(data[:cut], arena_size=ARENA)


@pytest.mark.parametrize("name", SMALL)
def test_random_byte_flips_never_crash(name: str) -> None:
    data = load(name)
    rng = np.random.default_rng(2024)
    # Flips land in the FlatBuffer structure (the first and last KiB) and anywhere.
    for trial in range(150):
        buf = bytearray(data)
        for _ in range(int(rng.integers(1, 4))):
            region = trial % 3
            if region == 0:
                pos = int(rng.integers(0, min(1024, len(buf))))
            elif region == 1:
                pos = int(rng.integers(max(0, len(buf) - 1024), len(buf)))
            else:
                pos = int(rng.integers(0, len(buf)))
            buf[pos] = int(rng.integers(0, 256))
        run_if_valid(bytes(buf))


def conv_model() -> bytes:
    b = ModelBuilder()
    x = b.input([1, 5, 5, 2], np.int8, scale=0.1, zero_point=0)
    w = b.const(np.ones([3, 3, 3, 2], np.int8), scale=[0.02] * 3, zero_point=[0] * 3,
                quantized_dimension=0)
    bias = b.const(np.zeros([3], np.int32), scale=[0.002] * 3, zero_point=[0] * 3)
    y = b.tensor([1, 5, 5, 3], np.int8, scale=0.2, zero_point=0)
    b.op("CONV_2D", [x, w, bias], [y], "Conv2DOptions", padding="SAME", stride_w=1,
         stride_h=1)
    b.output(y)
    return b.build()


def test_not_a_flatbuffer_is_rejected() -> None:
    with pytest.raises(ztflm.Error, match="model"):
        ztflm.Interpreter.from_bytes(b"this is not a tflite model at all", arena_size=ARENA)


def test_empty_and_tiny_buffers_are_rejected() -> None:
    for data in (b"", b"\x00", b"\x00" * 7):
        with pytest.raises(ztflm.Error):
            ztflm.Interpreter.from_bytes(data, arena_size=ARENA)


def test_root_offset_outside_buffer_is_rejected() -> None:
    data = bytearray(conv_model())
    data[0:4] = struct.pack("<I", len(data) + 100)
    with pytest.raises(ztflm.Error, match="root table"):
        ztflm.Interpreter.from_bytes(bytes(data), arena_size=ARENA)


def test_every_uoffset_pointed_past_the_end_is_rejected_or_harmless() -> None:
    """Rewrite each aligned 32-bit word to point past the buffer: never a crash."""
    data = conv_model()
    for pos in range(0, len(data) - 4, 4):
        buf = bytearray(data)
        buf[pos:pos + 4] = struct.pack("<I", len(data) - pos + 8)
        run_if_valid(bytes(buf))


def test_vtable_words_set_to_extreme_values_never_crash() -> None:
    data = conv_model()
    for pos in range(0, len(data) - 2, 2):
        for value in (0xFFFF, 0x8000, 0x0004):
            buf = bytearray(data)
            buf[pos:pos + 2] = struct.pack("<H", value)
            run_if_valid(bytes(buf))
