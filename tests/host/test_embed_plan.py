"""--embed-plan: the runtime's plan written as OfflineMemoryAllocation runs in TFLM bit-exact
and gives ztflm the same arena and the same tensor offsets. The model is not re-serialized:
data stored after the FlatBuffer survives, shared tables stay shared, and a field the runtime
never reads, if malformed, is refused in one line."""
from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from malformed import const_add_builder
from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema

import oracle
import ztflm
from modelbuilder import ModelBuilder, pack
from ztflm import flatbuf
from ztflm.offline_plan import embed_plan, plan_bytes, plan_offsets

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
    # What was added: a root table and the vectors in front, the plan, nothing re-expanded.
    assert len(model) < len(planned) <= len(model) + added_bound(model, planned)


def added_bound(model: bytes, planned: bytes) -> int:
    """The most embed_plan may add: per buffer and metadata entry a vector slot, a fixed
    head, the plan itself."""
    r = flatbuf.Reader(model)
    root = flatbuf.root(r)
    n_buffers, n_meta = len(flatbuf.buffers(r, root)), len(flatbuf.metadata(r, root))
    plan = len(plan_bytes(plan_offsets(planned)))
    return 256 + 4 * (n_buffers + n_meta) + plan


def metadata_entries(model: bytes) -> list[tuple[str, bytes]]:
    """(name, buffer bytes) of every metadata entry, through tflite_micro's schema."""
    m = schema.Model.GetRootAs(model, 0)
    out = []
    for i in range(m.MetadataLength()):
        md = m.Metadata(i)
        out.append((md.Name().decode(), m.Buffers(md.Buffer()).DataAsNumpy().tobytes()))
    return out


def test_embedding_twice_replaces_the_plan() -> None:
    model = (MODELS / "tflm_hello_world_int8.tflite").read_bytes()
    once = embed_plan(model)
    twice = embed_plan(once)
    assert plan_offsets(twice) == plan_offsets(model)
    plans = [data for name, data in metadata_entries(twice) if name == "OfflineMemoryAllocation"]
    assert plans == [plan_bytes(plan_offsets(model))]
    # The other metadata entries are kept, in order.
    others = [e for e in metadata_entries(model) if e[0] != "OfflineMemoryAllocation"]
    assert [e for e in metadata_entries(twice) if e[0] != "OfflineMemoryAllocation"] == others
    assert twice.count(b"OfflineMemoryAllocation") == 1  # the name is the old one, reused


def extended_buffer_model() -> bytes:
    """ADD(x, c) whose constant's 32 bytes are stored after the FlatBuffer, 16-aligned, at
    Buffer.offset from the start of the file (schema.fbs: models over 2 GB)."""
    b, c = const_add_builder(np.linspace(-2, 2, 8, dtype=np.float32).reshape(1, 8))
    m = b.model()
    buf = m.buffers[m.subgraphs[0].tensors[c].buffer]
    data = bytes(buf.data)
    buf.data, buf.offset, buf.size = None, 1 << 40, len(data)  # a placeholder, same layout
    first = pack(m)
    buf.offset = (len(first) + 15) // 16 * 16
    packed = pack(m)
    assert len(packed) == len(first)
    return packed + bytes(buf.offset - len(packed)) + data


def outputs(model: bytes, inputs: list[np.ndarray]) -> list[bytes]:
    ip = ztflm.Interpreter.from_bytes(model)
    for i, x in enumerate(inputs):
        ip.set_input(x, i)
    ip.invoke()
    return [ip.get_output(k).tobytes() for k in range(ip.num_outputs())]


def test_data_stored_after_the_flatbuffer_is_rejected_not_dropped(tmp_path: Path) -> None:
    """TFLM does not read Buffer.offset, so the runtime refuses such a model (zephyr_module
    verify.c) and convert --embed-plan says so in one line and writes nothing, instead of
    dropping the data."""
    path = tmp_path / "extended.tflite"
    path.write_bytes(extended_buffer_model())
    r = subprocess.run([sys.executable, "-m", "ztflm", "convert", str(path), "-o",
                        str(tmp_path / "out"), "--name", "m", "--embed-plan"],
                       capture_output=True, text=True)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("ztflm: error: ")
    assert "after the FlatBuffer" in r.stderr or "Buffer.offset" in r.stderr, r.stderr
    assert not (tmp_path / "out").exists()


class _Shared:
    """An object-API table packed once, its offset reused wherever it is referenced."""

    def __init__(self, table: Any) -> None:
        self.table, self.offset = table, None

    def Pack(self, builder: Any) -> int:  # noqa: N802 (the object API's name)
        if self.offset is None:
            self.offset = self.table.Pack(builder)
        return self.offset


def shared_signature_model(n: int = 1000) -> bytes:
    """One SignatureDef referenced n times, whose inputs are one TensorMap referenced n times:
    about 8 KB that a re-serializer expands to n * n TensorMaps."""
    b = ModelBuilder()
    x = b.input([1, 8], np.float32)
    y = b.tensor([1, 8], np.float32)
    b.op("RELU", [x], [y])
    b.output(y)
    m = b.model()
    tm = schema.TensorMapT()
    tm.name, tm.tensorIndex = "x", 0
    sig = schema.SignatureDefT()
    sig.inputs, sig.outputs, sig.signatureKey = [_Shared(tm)] * n, [_Shared(tm)], "serving"
    m.signatureDefs = [_Shared(sig)] * n
    return pack(m)


def test_shared_tables_stay_shared() -> None:
    model = shared_signature_model()
    assert len(model) < 10_000
    planned = embed_plan(model)
    # Bounded by the input and the plan: the 1,000 x 1,000 TensorMaps were never expanded
    # (a re-serialized model was 121 MB).
    assert len(planned) <= len(model) + added_bound(model, planned)
    sig = schema.Model.GetRootAs(planned, 0)
    assert sig.SignatureDefsLength() == 1000
    assert sig.SignatureDefs(999).InputsLength() == 1000
    assert sig.SignatureDefs(999).Inputs(999).Name() == b"x"
    x = np.linspace(-3, 3, 8, dtype=np.float32).reshape(1, 8)
    assert outputs(planned, [x]) == outputs(model, [x])
    # Not run in TFLM: its Python interpreter takes about 30 s to load this model (the
    # original as much as the planned one), walking the shared signatures one by one.


def with_root_field(model: bytes, number: int, value: int) -> bytes:
    """model with the uoffset of root field number (present) set to value."""
    r = flatbuf.Reader(model)
    at = flatbuf.root(r).field(number)
    assert at is not None
    out = bytearray(model)
    struct.pack_into("<I", out, at, value)
    return bytes(out)


@pytest.mark.parametrize("value", [0xFFFFFFF0, 0x7FFFFFFF, 1 << 20])
def test_a_malformed_field_the_runtime_never_reads_is_refused(value: int) -> None:
    """signature_defs points past the end: the runtime runs the model (it never reads the
    field), embed_plan refuses it with one line instead of copying a wild offset."""
    model = with_root_field(shared_signature_model(4), flatbuf.MODEL_SIGNATURE_DEFS, value)
    ztflm.Interpreter.from_bytes(model)
    with pytest.raises(ztflm.Error, match=r"cannot embed the plan: model: field 7 of the "
                                          r"model table points to byte \d+, past the"):
        embed_plan(model)
