"""The host side of the `ztflm` shell command of tests/zephyr/shell_io: load inputs, invoke,
read outputs over a device console, and check them bit for bit against the host runner."""
from __future__ import annotations

import io
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Optional, Protocol, Union

import numpy as np

from . import _lib, compare
from .errors import Error
from .interpreter import Interpreter

REPLY = re.compile(r"ztflm: (ok|error)\b ?(.*)$")
# VT100 colour and cursor sequences the shell may put around a line.
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
DATA = re.compile(r"data (\d+) ([0-9a-f]+)")
OP = re.compile(r"op (\d+) (\w+) (\d+)")
# Input bytes per `ztflm input` line: 2 hex digits each, well inside the shell's line buffer.
CHUNK = 96


class Console(Protocol):
    """What a twister_harness DeviceAdapter (the `dut` fixture) offers."""

    def write(self, data: bytes) -> None: ...

    def readlines_until(self, regex: Optional[str] = None, num_of_lines: Optional[int] = None,
                        timeout: Optional[float] = None,
                        print_output: bool = True) -> list[str]: ...


class DeviceError(Error):
    """The device answered `ztflm: error CODE MESSAGE`."""


@dataclass
class TensorInfo:
    type: int
    bytes: int


@dataclass
class DeviceInfo:
    model: str
    arena_used: int
    head: int
    tail: int
    host_arena: int
    clock_hz: int
    inputs: list[TensorInfo]
    outputs: list[TensorInfo]
    kernels: str = "reference"


@dataclass
class Vector:
    """One inference: raw input bytes and the host runner's raw output bytes; stopped: an
    operator ended the host's invoke early (ZTFLM_STOPPED), its outputs those it kept."""
    inputs: list[bytes]
    outputs: list[bytes]
    stopped: bool = False


@dataclass
class OpCycles:
    """One operator's cycles in one invoke (CONFIG_ZTFLM_PROFILER)."""
    node: int
    op: str
    cycles: int


@dataclass
class VectorResult:
    cycles: int
    match: list[bool]
    stopped: bool = False
    mismatch: list[str] = field(default_factory=list)
    profile: list[OpCycles] = field(default_factory=list)


def host_vectors(model: Union[Path, bytes], count: int, seed: int) -> list[Vector]:
    """count random inputs and the host runner's outputs, invoked one after the other on
    one interpreter, as the device will (model: a file, or its bytes)."""
    ip = Interpreter.from_bytes(model) if isinstance(model, bytes) else \
        Interpreter.from_file(model)
    rng = np.random.default_rng(seed)
    vectors = []
    for _ in range(count):
        xs = [compare.random_input(ip.get_input_details(i), rng)
              for i in range(ip.num_inputs())]
        for i, x in enumerate(xs):
            ip.set_input(x, i)
        ran = ip.invoke()
        vectors.append(Vector([x.tobytes() for x in xs],
                              [ip.get_output(i).tobytes() for i in range(ip.num_outputs())],
                              stopped=not ran))
    return vectors


def vectors_npz(vectors: list[Vector]) -> bytes:
    """The vectors as an .npz archive: v<k>_in<i> and v<k>_out<i>, raw bytes, and
    v<k>_stopped (one byte, 1) for an invoke an operator ended early."""
    arrays: dict[str, Any] = {}
    for k, v in enumerate(vectors):
        if v.stopped:
            arrays[f"v{k}_stopped"] = np.ones(1, dtype=np.uint8)
        for i, x in enumerate(v.inputs):
            arrays[f"v{k}_in{i}"] = np.frombuffer(x, dtype=np.uint8)
        for i, y in enumerate(v.outputs):
            arrays[f"v{k}_out{i}"] = np.frombuffer(y, dtype=np.uint8)
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()



def load_vectors(path: Path) -> list[Vector]:
    with np.load(path, allow_pickle=False) as z:
        keys = set(z.files)
        vectors = []
        k = 0
        while f"v{k}_in0" in keys or f"v{k}_out0" in keys:
            ins = [z[f"v{k}_in{i}"].tobytes() for i in range(_count(keys, f"v{k}_in"))]
            outs = [z[f"v{k}_out{i}"].tobytes() for i in range(_count(keys, f"v{k}_out"))]
            vectors.append(Vector(ins, outs, stopped=f"v{k}_stopped" in keys))
            k += 1
    return vectors


def _count(keys: set[str], prefix: str) -> int:
    n = 0
    while f"{prefix}{n}" in keys:
        n += 1
    return n


class ShellSession:
    """Drives the `ztflm` shell command; every reply ends with `ztflm: ok|error`."""

    def __init__(self, console: Console, timeout: float = 60.0, chunk: int = CHUNK) -> None:
        self.console = console
        self.timeout = timeout
        self.chunk = chunk

    def command(self, line: str) -> tuple[list[str], str]:
        """Lines the command printed before its reply, and the text after `ztflm: ok`."""
        self.console.write(f"{line}\n".encode())
        lines = [ANSI.sub("", line).strip() for line in self.console.readlines_until(
            regex=REPLY.pattern, timeout=self.timeout, print_output=False)]
        m = REPLY.search(lines[-1]) if lines else None
        if m is None:
            raise DeviceError(f"`{line[:40]}`: no reply from the device")
        if m.group(1) == "error":
            raise DeviceError(f"`{line[:40]}`: {m.group(2)}")
        return lines[:-1], m.group(2).strip()

    def info(self) -> DeviceInfo:
        lines, _ = self.command("ztflm info")
        text = "\n".join(lines)

        def number(pattern: str) -> int:
            m = re.search(pattern, text)
            if m is None:
                raise DeviceError(f"`ztflm info` printed no {pattern!r}")
            return int(m.group(1))

        def tensors(kind: str) -> list[TensorInfo]:
            found = re.findall(rf"{kind} (\d+) type (\d+) bytes (\d+)", text)
            found.sort(key=lambda f: int(f[0]))
            return [TensorInfo(int(t), int(b)) for _, t, b in found]

        model = re.search(r"model (\S+) bytes", text)
        kernels = re.search(r"kernels (\w+)", text)
        return DeviceInfo(model.group(1) if model else "?", number(r"arena used (\d+)"),
                          number(r" head (\d+)"), number(r" tail (\d+)"),
                          number(r" host (\d+)"), number(r"clock (\d+)"),
                          tensors("input"), tensors("output"),
                          kernels.group(1) if kernels else "reference")

    def load(self, index: int, data: bytes) -> None:
        for off in range(0, len(data), self.chunk):
            part = data[off:off + self.chunk]
            _, reply = self.command(f"ztflm input {index} {off} {part.hex()}")
            if reply != str(len(part)):
                raise DeviceError(f"input {index} at {off}: device took {reply} bytes")

    def reset(self) -> None:
        """Zeroes the model's variable tensors (its state)."""
        self.command("ztflm reset")

    def invoke(self) -> tuple[int, bool]:
        """(cycles, stopped): stopped when an operator ended the invoke early."""
        _, reply = self.command("ztflm invoke")
        m = re.fullmatch(r"cycles (\d+)( stopped)?", reply)
        if m is None:
            raise DeviceError(f"`ztflm invoke` replied {reply!r}")
        return int(m.group(1)), m.group(2) is not None

    def profile(self) -> list[OpCycles]:
        lines, reply = self.command("ztflm profile")
        ops = [OpCycles(int(m.group(1)), m.group(2), int(m.group(3)))
               for m in (OP.search(line) for line in lines) if m]
        if reply != str(len(ops)):
            raise DeviceError(f"`ztflm profile`: {len(ops)} operators read, device sent {reply}")
        return ops

    def output(self, index: int) -> bytes:
        lines, reply = self.command(f"ztflm output {index}")
        data = bytearray()
        for line in lines:
            m = DATA.search(line)
            if m is None:
                continue
            if int(m.group(1)) != len(data):
                raise DeviceError(f"output {index}: a line at {m.group(1)}, expected {len(data)}")
            data += bytes.fromhex(m.group(2))
        if reply != str(len(data)):
            raise DeviceError(f"output {index}: {len(data)} bytes read, device sent {reply}")
        return bytes(data)


def host_types(model: Path) -> tuple[list[str], list[str]]:
    """Type names of the model's inputs and outputs, as the host runner reads them."""
    ip = Interpreter.from_file(model)

    def names(kind: str, count: int) -> list[str]:
        details = getattr(ip, f"get_{kind}_details")
        return [ip.get_tensor_storage(details(i)["index"])["type"] for i in range(count)]

    return names("input", ip.num_inputs()), names("output", ip.num_outputs())


def check_device(info: DeviceInfo, model: Path, vector: Vector) -> None:
    """The device runs model: inputs and outputs of the same types and sizes."""
    ins, outs = host_types(model)
    device = ([_lib.type_name(t.type) for t in info.inputs],
              [_lib.type_name(t.type) for t in info.outputs])
    if device != (ins, outs) or [t.bytes for t in info.inputs] != [len(x) for x in vector.inputs] \
            or [t.bytes for t in info.outputs] != [len(y) for y in vector.outputs]:
        raise DeviceError(f"the device runs another model than {model.name}: inputs "
                          f"{device[0]} of {[t.bytes for t in info.inputs]} bytes, outputs "
                          f"{device[1]} of {[t.bytes for t in info.outputs]} bytes")


def run_vectors(session: ShellSession, vectors: list[Vector],
                profile: bool = False) -> list[VectorResult]:
    """The vectors one after the other from a reset, as the host ran them (host_vectors): a
    stateful model carries its state from one vector to the next on both sides, whatever the
    device ran before."""
    results = []
    session.reset()
    for v in vectors:
        for i, x in enumerate(v.inputs):
            session.load(i, x)
        cycles, stopped = session.invoke()
        ops = session.profile() if profile else []
        got = [session.output(i) for i in range(len(v.outputs))]
        match = [a == b for a, b in zip(got, v.outputs)]
        mismatch = [_first_difference(i, a, b) for i, (a, b, ok)
                    in enumerate(zip(got, v.outputs, match)) if not ok]
        if stopped != v.stopped:
            # Where the invoke ends is part of the result: a mismatch even if the outputs
            # the device kept happen to be the host's.
            match = [False] * len(match)
            mismatch.append(f"the invoke {'stopped' if stopped else 'ran to its end'} on the "
                            f"device, {'stopped' if v.stopped else 'ran to its end'} on the host")
        results.append(VectorResult(cycles, match, stopped, mismatch, ops))
    return results


def build_config(build_dir: Path) -> dict[str, str]:
    """The build's Kconfig values (zephyr/.config), empty when there is none."""
    try:
        text = (build_dir / "zephyr" / ".config").read_text()
    except OSError:
        return {}
    return dict(line.split("=", 1) for line in text.splitlines() if line.startswith("CONFIG_"))


def _first_difference(index: int, device: bytes, host: bytes) -> str:
    if len(device) != len(host):
        return f"output {index}: {len(device)} bytes on the device, {len(host)} on the host"
    k = next(i for i, (a, b) in enumerate(zip(device, host)) if a != b)
    return (f"output {index}: byte {k} is 0x{device[k]:02x} on the device, "
            f"0x{host[k]:02x} on the host")


def check_app(console: Console, config_path: Path, platform: str = "") -> dict[str, Any]:
    """The whole device test of one build: vectors over the shell, a report written to the
    config's `results` path; raises DeviceError when any output differs from the host."""
    try:
        config = json.loads(Path(config_path).read_text())
    except (OSError, ValueError) as e:
        raise Error(f"cannot read the device test config {config_path}: {e}") from None
    model = Path(config["model"])
    if config.get("vectors"):
        vectors = load_vectors(Path(config["vectors"]))
    else:
        vectors = host_vectors(model, int(config.get("count", 3)), int(config.get("seed", 0)))
    session = ShellSession(console)
    info = session.info()
    check_device(info, model, vectors[0])
    results = run_vectors(session, vectors, profile=bool(config.get("profile")))
    kconfig = build_config(Path(config_path).parent)
    report = {
        "model": str(model),
        "platform": platform,
        "device": asdict(info),
        "vectors": [asdict(r) for r in results],
        "bit_exact": all(all(r.match) for r in results),
        # An emulator whose clock follows the host's, not the instructions run (no -icount).
        "host_clock": kconfig.get("CONFIG_QEMU_TARGET") == "y"
        and kconfig.get("CONFIG_QEMU_ICOUNT") != "y",
    }
    if config.get("results"):
        Path(config["results"]).write_text(json.dumps(report, indent=1))
    if not report["bit_exact"]:
        raise DeviceError("; ".join(m for r in results for m in r.mismatch))
    return report
