"""Writes the runtime's own memory plan into a model as TFLM's OfflineMemoryAllocation metadata.

The offsets come from the C planner of record (through the runtime), so ztflm and TFLM
place every planned tensor at the same arena offset.

The model is not re-serialized: a FlatBuffer's offsets only point forward, so a new root
table, with a new buffers vector (the plan appended) and a new metadata vector, goes in front
of the untouched old bytes and refers to every old table by offset. Tables shared in the old
model stay shared, and the work and the size added are bounded by the model's buffer and
metadata counts. (The runtime refuses data stored after the FlatBuffer, Buffer.offset, which
TFLM does not read, so no offset into the file has to move.)
"""
from __future__ import annotations

import struct
from typing import Optional

import numpy as np

from . import flatbuf
from .compare import random_input
from .errors import Error
from .interpreter import Interpreter

METADATA_NAME = b"OfflineMemoryAllocation"
# The old bytes start at a multiple of this, so every alignment inside them holds.
OLD_ALIGN = 16


def plan_offsets(model: bytes) -> list[int]:
    """Arena offset of every tensor as the runtime plans it, -1 for tensors it does not plan."""
    ip = Interpreter.from_bytes(model)
    offsets = []
    for i in range(ip.num_tensors()):
        off = ip.tensor_arena_offset(i)
        offsets.append(-1 if off is None else off)
    return offsets


def plan_bytes(offsets: list[int]) -> bytes:
    """TFLM's OfflineMemoryAllocation layout: version 1, subgraph 0, count, offsets."""
    return struct.pack(f"<3i{len(offsets)}i", 1, 0, len(offsets), *offsets)


class _Prefix:
    """The block put in front of the old model, written front to back. Its uoffsets into the
    old bytes are filled in by finish(), once its length, and so where the old bytes start,
    is known."""

    def __init__(self) -> None:
        self.buf = bytearray()
        self._to_old: list[tuple[int, int]] = []  # (uoffset position, old position)

    def pad(self, align: int, phase: int = 0) -> None:
        self.buf += bytes((phase - len(self.buf)) % align)

    def put(self, fmt: str, *values: int) -> int:
        at = len(self.buf)
        self.buf += struct.pack(fmt, *values)
        return at

    def ref(self, at: int, target: int) -> None:
        """The uoffset at position at points to target, a later position of this block."""
        struct.pack_into("<I", self.buf, at, target - at)

    def ref_old(self, at: int, old: int) -> None:
        self._to_old.append((at, old))

    def table(self, slots: list[Optional[str]]) -> tuple[int, dict[int, int]]:
        """A table with field k of kind slots[k] ("u32", "u64", "ref" or None: absent), its
        vtable just before it. Returns its position and where each present field is."""
        n64 = slots.count("u64")
        n32 = len(slots) - n64 - slots.count(None)
        vt = self.put(f"<{2 + len(slots)}H", 0, 0, *([0] * len(slots)))
        # After the 4-byte soffset, u64 fields come first: the table starts at 4 mod 8.
        self.pad(8, 4) if n64 else self.pad(4)
        t = self.put("<i", 0)
        struct.pack_into("<i", self.buf, t, t - vt)
        where: dict[int, int] = {}
        for kind in ("u64", "u32", "ref"):
            for k, s in enumerate(slots):
                if s == kind:
                    where[k] = self.put("<Q" if kind == "u64" else "<I", 0)
        struct.pack_into(f"<{2 + len(slots)}H", self.buf, vt, 4 + 2 * len(slots),
                         4 + 8 * n64 + 4 * n32,
                         *[where[k] - t if k in where else 0 for k in range(len(slots))])
        return t, where

    def vector(self, count: int, align: int = 4, phase: int = 0) -> int:
        """A vector of count 4-byte slots (filled by the caller); its element 0's position."""
        self.pad(align, phase)
        self.put("<I", count)
        return self.put(f"<{count}I", *([0] * count)) if count else len(self.buf)

    def finish(self, old: bytes) -> bytes:
        self.pad(OLD_ALIGN)
        start = len(self.buf)
        for at, pos in self._to_old:
            struct.pack_into("<I", self.buf, at, start + pos - at)
        return bytes(self.buf) + old


def _root(p: _Prefix, r: flatbuf.Reader, root: flatbuf.Table) -> dict[int, int]:
    """The file head and the new root table: the old one's fields by reference, buffers and
    metadata left to fill. Returns where each field is."""
    for k in range(flatbuf.MODEL_FIELDS, len(root.slots)):
        if root.slots[k]:
            raise Error(f"cannot embed the plan: the model table has field {k}, which this "
                        "schema does not know")
    p.put("<I", 0)  # root offset, set below
    p.buf += r.data[4:8]  # the file identifier, as verified by the runtime
    slots: list[Optional[str]] = [None] * flatbuf.MODEL_FIELDS
    for k in range(flatbuf.MODEL_FIELDS):
        if root.field(k) is not None:
            slots[k] = "u32" if k == flatbuf.MODEL_VERSION else "ref"
    slots[flatbuf.MODEL_BUFFERS] = slots[flatbuf.MODEL_METADATA] = "ref"
    t, field_at = p.table(slots)
    struct.pack_into("<I", p.buf, 0, t)
    for k, at in field_at.items():
        old_at = root.field(k)
        if old_at is None or k in (flatbuf.MODEL_BUFFERS, flatbuf.MODEL_METADATA):
            continue
        if k == flatbuf.MODEL_VERSION:
            struct.pack_into("<I", p.buf, at, r.u32(old_at, "the model version"))
        else:
            p.ref_old(at, r.target(old_at, f"field {k} of the model table"))
    return field_at


def _buffers(p: _Prefix, at: int, bufs: list[int]) -> int:
    """The buffers vector (its uoffset at at): the old Buffers (the runtime accepted the
    model, so there is at least buffer 0, "no data", and none keeps data after the
    FlatBuffer), then an empty one for the plan, whose data field's position is returned."""
    first = p.vector(len(bufs) + 1)
    p.ref(at, first - 4)
    for i, pos in enumerate(bufs):
        p.ref_old(first + 4 * i, pos)
    plan_table, plan_at = p.table(["ref"])
    p.ref(first + 4 * len(bufs), plan_table)
    return plan_at[flatbuf.BUFFER_DATA]


def _metadata(p: _Prefix, r: flatbuf.Reader, at: int,
              metas: list[tuple[int, bytes, Optional[int]]], plan_index: int) -> None:
    """The metadata vector (its uoffset at at): the old entries but an older plan, then the
    plan's entry (named by the older plan's string when there is one)."""
    kept = [pos for pos, name, _ in metas if name != METADATA_NAME]
    old_name = next((name_at for _, name, name_at in metas if name == METADATA_NAME), None)
    first = p.vector(len(kept) + 1)
    p.ref(at, first - 4)
    for k, pos in enumerate(kept):
        p.ref_old(first + 4 * k, pos)
    mt, mat = p.table(["ref", "u32"])
    p.ref(first + 4 * len(kept), mt)
    struct.pack_into("<I", p.buf, mat[flatbuf.METADATA_BUFFER], plan_index)
    if old_name is not None:
        p.ref_old(mat[flatbuf.METADATA_NAME], r.target(old_name, "the name of the old plan"))
    else:
        p.pad(4)
        name = p.put(f"<I{len(METADATA_NAME) + 1}s", len(METADATA_NAME), METADATA_NAME)
        p.ref(mat[flatbuf.METADATA_NAME], name)


def _with_plan(model: bytes, plan: bytes) -> bytes:
    """model with plan as its OfflineMemoryAllocation metadata (an existing one is replaced:
    left in the old bytes, no longer listed)."""
    r = flatbuf.Reader(model)
    root = flatbuf.root(r)
    bufs = flatbuf.buffers(r, root)
    p = _Prefix()
    field_at = _root(p, r, root)
    plan_at = _buffers(p, field_at[flatbuf.MODEL_BUFFERS], bufs)
    _metadata(p, r, field_at[flatbuf.MODEL_METADATA], flatbuf.metadata(r, root), len(bufs))
    # The plan's data, 16-byte aligned like every buffer's data.
    data = p.vector(0, 16, 12)
    p.buf += plan
    p.ref(plan_at, data - 4)
    struct.pack_into("<I", p.buf, data - 4, len(plan))
    return p.finish(model)


def _check_same(model: bytes, planned: bytes, offsets: list[int]) -> None:
    """The rewritten model through the runtime: the same plan, and the same outputs as the
    original on one input."""
    ours, theirs = Interpreter.from_bytes(model), Interpreter.from_bytes(planned)
    if plan_offsets(planned) != offsets:
        raise Error("the model with its plan embedded plans differently; not written")
    rng = np.random.default_rng(0)
    for i in range(ours.num_inputs()):
        x = random_input(ours.get_input_details(i), rng)
        ours.set_input(x, i)
        theirs.set_input(x, i)
    ours.invoke()
    theirs.invoke()
    for k in range(ours.num_outputs()):
        if ours.get_output(k).tobytes() != theirs.get_output(k).tobytes():
            raise Error(f"the model with its plan embedded gives another output {k}; "
                        "not written")


def embed_plan(model: bytes) -> bytes:
    """The model with its offline plan in the metadata (an existing one is replaced), checked
    through the runtime against the original."""
    offsets = plan_offsets(model)
    try:
        planned = _with_plan(model, plan_bytes(offsets))
    except flatbuf.Malformed as e:
        raise Error(f"cannot embed the plan: {e}") from None
    _check_same(model, planned, offsets)
    return planned
