"""The FlatBuffer tables the tools read and rewrite themselves (Model, Buffer, Metadata), with
every position checked against the bytes: fields the runtime's verifier never reads may be
malformed, and reading them must give an Error, not an exception or a wrong value."""
from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Optional

from .errors import Error, Status

# Field numbers (vtable slots) of schema.fbs, as zephyr_module/include/ztflm/schema.h writes
# them down (tests/host/test_schema_layout.py checks these against it).
MODEL_VERSION = 0
MODEL_OPERATOR_CODES = 1
MODEL_SUBGRAPHS = 2
MODEL_DESCRIPTION = 3
MODEL_BUFFERS = 4
MODEL_METADATA_BUFFER = 5
MODEL_METADATA = 6
MODEL_SIGNATURE_DEFS = 7
MODEL_FIELDS = 8
BUFFER_DATA = 0
METADATA_NAME = 0
METADATA_BUFFER = 1


class Malformed(Error):
    """A position or offset of the FlatBuffer outside its bytes."""

    def __init__(self, what: str) -> None:
        super().__init__(f"model: {what}", Status.MODEL)


class Reader:
    """Checked little-endian reads of a FlatBuffer."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def _get(self, fmt: str, at: int, what: str) -> int:
        size = struct.calcsize(fmt)
        if at < 0 or size > len(self.data) or at > len(self.data) - size:
            raise Malformed(f"{what} at byte {at} is outside the {len(self.data)} bytes")
        return int(struct.unpack_from(fmt, self.data, at)[0])

    def u16(self, at: int, what: str = "a field") -> int:
        return self._get("<H", at, what)

    def u32(self, at: int, what: str = "a field") -> int:
        return self._get("<I", at, what)

    def u64(self, at: int, what: str = "a field") -> int:
        return self._get("<Q", at, what)

    def target(self, at: int, what: str) -> int:
        """Where the uoffset at position at points; inside the bytes."""
        to = at + self.u32(at, what)
        if to >= len(self.data):
            raise Malformed(f"{what} points to byte {to}, past the {len(self.data)} bytes")
        return to

    def table(self, t: int, what: str) -> Table:
        """The table at t, its vtable read and bounded."""
        if t % 4:
            raise Malformed(f"{what} at byte {t} is not 4-byte aligned")
        soff = self._get("<i", t, what)
        vt = t - soff
        vsize = self.u16(vt, f"the vtable of {what}")
        tsize = self.u16(vt + 2, f"the vtable of {what}")
        if vsize < 4 or vsize % 2 or vt > len(self.data) - vsize or tsize < 4 \
                or t > len(self.data) - tsize:
            raise Malformed(f"{what} at byte {t} has a malformed vtable")
        slots = [self.u16(vt + 4 + 2 * k) for k in range((vsize - 4) // 2)]
        for k, off in enumerate(slots):
            if off and (off < 4 or off >= tsize):
                raise Malformed(f"field {k} of {what} lies outside the table")
        return Table(t, tuple(slots))

    def vector(self, at: int, what: str, item: int = 4) -> tuple[int, int]:
        """(first element, count) of the vector the uoffset at position at points to."""
        v = self.target(at, what)
        count = self.u32(v, what)
        if count > (len(self.data) - v - 4) // item:
            raise Malformed(f"{what} at byte {v} holds {count} elements, past the end")
        return v + 4, count

    def string(self, at: int, what: str) -> bytes:
        start, count = self.vector(at, what, 1)
        return self.data[start:start + count]


@dataclass(frozen=True)
class Table:
    pos: int
    slots: tuple[int, ...]

    def field(self, number: int) -> Optional[int]:
        """Position of field number, None when absent."""
        off = self.slots[number] if number < len(self.slots) else 0
        return self.pos + off if off else None


def root(r: Reader) -> Table:
    return r.table(r.u32(0, "the root offset"), "the model table")


def _tables(r: Reader, model: Table, number: int, what: str) -> list[Table]:
    """The tables of the model's vector field number (none when absent)."""
    at = model.field(number)
    if at is None:
        return []
    first, count = r.vector(at, f"the {what}s vector")
    return [r.table(r.target(first + 4 * i, f"{what} {i}"), f"{what} {i}") for i in range(count)]


def buffers(r: Reader, model: Table) -> list[int]:
    """Positions of the model's Buffer tables."""
    return [t.pos for t in _tables(r, model, MODEL_BUFFERS, "buffer")]


def metadata(r: Reader, model: Table) -> list[tuple[int, bytes, Optional[int]]]:
    """(table position, name, position of the name's uoffset) of every Metadata entry."""
    out = []
    for i, t in enumerate(_tables(r, model, MODEL_METADATA, "metadata entry")):
        name_at = t.field(METADATA_NAME)
        name = r.string(name_at, f"the name of metadata {i}") if name_at is not None else b""
        out.append((t.pos, name, name_at))
    return out
