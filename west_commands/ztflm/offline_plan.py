"""Writes the runtime's own memory plan into a model as TFLM's OfflineMemoryAllocation metadata.

The offsets come from the C planner of record (through the runtime), so ztflm and TFLM
place every planned tensor at the same arena offset.
"""
from __future__ import annotations

import struct

import numpy as np

from .errors import Error
from .interpreter import Interpreter

METADATA_NAME = "OfflineMemoryAllocation"


def plan_offsets(model: bytes) -> list[int]:
    """Arena offset of every tensor as the runtime plans it, -1 for tensors it does not plan."""
    ip = Interpreter.from_bytes(model)
    offsets = []
    for i in range(ip.num_tensors()):
        off = ip.tensor_arena_offset(i)
        offsets.append(-1 if off is None else off)
    return offsets


def embed_plan(model: bytes) -> bytes:
    """The model with its offline plan in the metadata (an existing one is replaced)."""
    try:
        import flatbuffers
        from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema
    except ImportError:
        raise Error("--embed-plan needs the tflite-micro package (pip install tflite-micro)") \
            from None
    offsets = plan_offsets(model)
    try:
        # The object API unpacks every field, also those the runtime's verifier (which just
        # accepted the model) never reads: those may still be malformed.
        m = schema.ModelT.InitFromPackedBuf(bytearray(model), 0)
    except Exception as e:  # struct.error, IndexError, UnicodeDecodeError, ...
        raise Error(f"cannot rewrite the model with its plan: a field ztflm does not use is "
                    f"malformed ({type(e).__name__})") from None
    buf = schema.BufferT()
    buf.data = np.frombuffer(struct.pack(f"<3i{len(offsets)}i", 1, 0, len(offsets), *offsets),
                             np.uint8)
    m.buffers = list(m.buffers or []) + [buf]
    md = schema.MetadataT()
    md.name = METADATA_NAME
    md.buffer = len(m.buffers) - 1
    m.metadata = [x for x in (m.metadata or []) if _name(x) != METADATA_NAME] + [md]
    b = flatbuffers.Builder(len(model) + 1024)
    b.Finish(m.Pack(b), file_identifier=b"TFL3")
    return bytes(b.Output())


def _name(md: object) -> str:
    name = getattr(md, "name", b"")
    # Any bytes: a name that is not UTF-8 is just not ours.
    return name.decode(errors="replace") if isinstance(name, bytes) else str(name)
