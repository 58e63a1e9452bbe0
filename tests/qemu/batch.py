"""Many models in one QEMU run: the loader firmware (loader.c, built once per core and kernel
overlay) reads a batch file of cases over semihosting and prints per case the runtime's error
or the arena, instructions and outputs. run_batch() writes the file, runs QEMU (several
processes at once for big batches), parses the console and checks that the firmware's exit
status agrees with what each case expected, so a hard fault or a lost case is never a pass."""
from __future__ import annotations

import os
import re
import struct
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from firmware import (
    BUILD,
    HERE,
    INSTRUCTIONS_PER_TICK,
    TICK_INSTRUCTIONS,
    build,
    qemu_command,
    stale,
)

# Bounds of the loader's two static buffers (loader.c): a bigger case is refused.
LOADER_MODEL_MAX = 1024 * 1024
LOADER_ARENA_SIZE = 1024 * 1024
EXPECT = {"ok": 0, "error": 1, "any": 2}
INPUTS_GIVEN = 0x1
TRAP = 0x100
INVOKES_SHIFT = 16  # flags bits 16 and up: invokes - 1
# Wall time of every QEMU run: (core, overlay, cases, seconds), for reports.
TIMINGS: list[tuple[str, str, int, float]] = []


@dataclass
class Case:
    """A model and its inputs (None: the pattern firmware.pattern_inputs describes).
    arena 0 gives the whole arena buffer; expect is "ok", "error" or "any"."""
    model: bytes
    inputs: Optional[Sequence[bytes]] = None
    arena: int = 0
    expect: str = "ok"
    name: str = ""
    trap: bool = False  # fault on purpose (tests that a fault is never taken for a result)
    invokes: int = 1    # consecutive invokes, inputs given for each in turn (stateful models)


@dataclass
class Result:
    """What the firmware printed for one case. status "ok" (ran), "failed" (error printed)."""
    name: str
    status: str
    code: Optional[int] = None       # the runtime's status code; None when refused
    error: Optional[str] = None      # the runtime's message, or the loader's refusal
    refused: bool = False            # the loader declined the case (size bounds)
    arena: Optional[int] = None
    instructions: Optional[int] = None
    outputs: list[bytes] = field(default_factory=list)


class BatchError(AssertionError):
    """QEMU did not finish the batch as the firmware should: a fault, a lost case, a status
    that disagrees with the cases' expectations."""


def loader(core: str, overlay: str = "reference") -> Path:
    """The loader firmware of a core and kernel overlay, built when missing or stale."""
    out = BUILD / core / overlay / "loader.elf"
    if not stale(out, [], overlay):
        return out
    # Any model, as on the host (CMakeLists.txt): up to 32 subgraphs.
    defines = [f"-DLOADER_MODEL_MAX={LOADER_MODEL_MAX}u",
               f"-DLOADER_ARENA_SIZE={LOADER_ARENA_SIZE}u", "-DZTFLM_SUBGRAPHS=32"]
    return build(out, core, overlay, [HERE / "loader.c"], defines)


def _pad4(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % 4)


def batch_file(cases: Sequence[Case]) -> bytes:
    """The batch file loader.c reads (format in its header comment)."""
    parts = [struct.pack("<4sI", b"ZTB1", len(cases))]
    for c in cases:
        inputs = b"".join(c.inputs) if c.inputs is not None else b""
        flags = ((INPUTS_GIVEN if c.inputs is not None else 0) | EXPECT[c.expect] << 4
                 | (TRAP if c.trap else 0) | (c.invokes - 1) << INVOKES_SHIFT)
        parts += [struct.pack("<4sIIII", b"CASE", flags, c.arena, len(c.model), len(inputs)),
                  _pad4(c.model), _pad4(inputs)]
    return b"".join(parts)


CASE_RE = re.compile(r"^case (\d+)\n(.*?)^case \1 (ok|failed)( unexpectedly)?\n", re.M | re.S)


def _parse(body: str, name: str, status: str, core: str) -> Result:
    r = Result(name, status)
    if m := re.search(r"^error (-?\d+) (.*)$", body, re.M):
        r.code, r.error = int(m.group(1)), m.group(2)
    if m := re.search(r"^refused (.*)$", body, re.M):
        r.error, r.refused = m.group(1), True
    if m := re.search(r"^arena (\d+)$", body, re.M):
        r.arena = int(m.group(1))
    if m := re.search(r"^ticks (\d+)$", body, re.M):
        r.instructions = int(m.group(1)) * TICK_INSTRUCTIONS.get(core, INSTRUCTIONS_PER_TICK)
    blocks = re.findall(r"^output (\d+)\n([0-9a-f\n]*?)end$", body, re.M)
    r.outputs = [bytes.fromhex(h.replace("\n", "")) for _, h in blocks]
    assert [int(i) for i, _ in blocks] == list(range(len(blocks)))
    return r


def _run_chunk(core: str, overlay: str, elf: Path, cases: Sequence[Case], tag: str
               ) -> list[Result]:
    path = BUILD / "batches" / f"{core}_{overlay}_{tag}_{os.getpid()}.bin"
    path.parent.mkdir(parents=True, exist_ok=True)
    if re.search(r"\s", str(path)):
        raise BatchError(f"the batch path must hold no white space: {path}")
    path.write_bytes(batch_file(cases))
    t0 = time.monotonic()
    p = subprocess.run(qemu_command(elf, core, (str(path),)), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, timeout=1800)
    TIMINGS.append((core, overlay, len(cases), time.monotonic() - t0))
    console = p.stdout
    done = {int(m.group(1)): m for m in CASE_RE.finditer(console)}
    tail = console[-1500:]
    if p.returncode not in (0, 1) or len(done) != len(cases):
        started = re.findall(r"^case (\d+)$", console, re.M)
        last = int(started[-1]) if started else None
        where = f"case {last} ({cases[last].name})" if last is not None else "before any case"
        raise BatchError(f"{core}/{overlay}: QEMU exited {p.returncode} after "
                         f"{len(done)} of {len(cases)} cases, in {where}:\n{tail}")
    results = []
    unexpected = 0
    for i, c in enumerate(cases):
        m = done[i]
        r = _parse(m.group(2), c.name, m.group(3), core)
        wanted = c.expect == "any" or (c.expect == "ok") == (r.status == "ok")
        if wanted == bool(m.group(4)):
            raise BatchError(f"case {i} ({c.name}): the firmware and the host disagree on "
                             f"whether {r.status} was expected")
        unexpected += not wanted
        results.append(r)
    if p.returncode != (1 if unexpected else 0):
        raise BatchError(f"{core}/{overlay}: exit status {p.returncode} with {unexpected} "
                         f"unexpected cases:\n{tail}")
    path.unlink()
    return results


def run_batch(core: str, overlay: str, cases: Sequence[Case], jobs: Optional[int] = None,
              chunk_bytes: int = 8 << 20) -> list[Result]:
    """Runs every case on a core with a kernel overlay and returns one Result per case, in
    order. The cases are dealt round-robin to at least `jobs` QEMU processes (default: the
    CPU count) running at once, more when the models pass chunk_bytes a process. Raises
    BatchError when a run faults, loses a case or exits with a status that disagrees with
    the cases' expectations."""
    elf = loader(core, overlay)
    jobs = jobs or os.cpu_count() or 1
    total = sum(len(c.model) for c in cases)
    n = max(1, min(len(cases), max(jobs, -(-total // chunk_bytes))))
    chunks = [list(range(k, len(cases), n)) for k in range(n)]
    with ThreadPoolExecutor(max_workers=min(jobs, n)) as pool:
        parts = list(pool.map(
            lambda k: _run_chunk(core, overlay, elf, [cases[i] for i in chunks[k]], str(k)),
            range(n)))
    results: list[Optional[Result]] = [None] * len(cases)
    for chunk, part in zip(chunks, parts):
        for i, r in zip(chunk, part):
            results[i] = r
    return [r for r in results if r is not None]
