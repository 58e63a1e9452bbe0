"""Hostile files through `ztflm info`, `arena`, `convert` and `run`: the one-line error of the
CLI contract (status 2, one line on stderr, no traceback, nothing written) or, for a corrupted
model that is still valid, a normal run. Never a crash, never a traceback.

The catalogue: truncations of real models, byte flips at many positions, and models corrupted
field by field through the schema (the cases of test_malformed_models.py). Most checks call
the CLI in-process (fast, and under the sanitizers in `make test-py-san`); a sample runs the
real `python -m ztflm` in subprocesses for the process-level status and stderr.
"""
from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pytest
from conftest import shared_model
from malformed import const_add_builder, two_op_builder
from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema

from modelbuilder import ModelBuilder, pack
from ztflm import cli

TRUNCATED = ["tflm_hello_world_int8", "tflm_simple_add", "mlperf_kws_dscnn_int8"]
FLIPPED = ["tflm_hello_world_int8", "tflm_simple_add", "tflm_micro_speech_int8"]
COMMANDS = ["info", "arena", "convert", "convert-embed", "run"]


def base_model() -> Any:
    """Two operators, quantized and float tensors, a constant: every table the cases edit."""
    b = ModelBuilder()
    x = b.input([1, 4], np.int8, scale=0.5, zero_point=-3)
    r = b.tensor([1, 4], np.int8, scale=0.5, zero_point=-3)
    c = b.const(np.array([[1, 2, 3, 4]], np.int8), scale=0.5, zero_point=-3)
    y = b.tensor([1, 4], np.int8, scale=1.0, zero_point=0)
    b.tensor([1, 4], np.int8, scale=1.0, zero_point=0)  # 4: never produced
    b.op("RELU", [x], [r])
    b.op("ADD", [r, c], [y], "AddOptions", activation="NONE")
    b.output(y)
    return b.model()


def _edit(fn: Callable[[Any], None]) -> bytes:
    m = copy.deepcopy(BASE)
    fn(m)
    return pack(m)


def _g(m: Any) -> Any:
    return m.subgraphs[0]


def _quant(scales: list[float], zps: list[int]) -> Any:
    q = schema.QuantizationParametersT()
    q.scale, q.zeroPoint = scales, zps
    return q


BASE = base_model()

# name -> edit of the object-API model (each must be refused)
EDITS: dict[str, Callable[[Any], None]] = {
    "op-input-out-of-range": lambda m: setattr(_g(m).operators[0], "inputs", [99]),
    "op-output-negative": lambda m: setattr(_g(m).operators[0], "outputs", [-1]),
    "graph-input-out-of-range": lambda m: setattr(_g(m), "inputs", [99]),
    "graph-output-never-produced": lambda m: setattr(_g(m), "outputs", [4]),
    "opcode-index-out-of-range": lambda m: setattr(_g(m).operators[1], "opcodeIndex", 7),
    "buffer-index-out-of-range": lambda m: setattr(_g(m).tensors[2], "buffer", 99),
    "negative-dimension": lambda m: setattr(_g(m).tensors[1], "shape", [1, -4]),
    "output-of-zero-elements": lambda m: setattr(_g(m).tensors[1], "shape", [0, 4]),
    "byte-size-overflows-32-bits": lambda m: setattr(_g(m).tensors[1], "shape",
                                                     [65536, 65536, 16]),
    "zero-point-count": lambda m: setattr(_g(m).tensors[0], "quantization",
                                          _quant([0.5], [0, 0])),
    "zero-point-outside-int8": lambda m: setattr(_g(m).tensors[0], "quantization",
                                                 _quant([0.5], [1 << 30])),
    "constant-buffer-short": lambda m: setattr(m.buffers[1], "data",
                                               np.zeros(2, np.uint8)),
    "operator-reads-later-tensor": lambda m: _g(m).operators.reverse(),
    "no-subgraph": lambda m: setattr(m, "subgraphs", []),
    # Two subgraphs run (issue 14: subgraph 0, the other uncalled); more than the 32 the
    # host builds for do not.
    "33-subgraphs": lambda m: setattr(m, "subgraphs",
                                      [_g(m), *(copy.deepcopy(_g(m)) for _ in range(32))]),
    "schema-version-2": lambda m: setattr(m, "version", 2),
    "unknown-builtin-code": lambda m: setattr(m.operatorCodes[0], "builtinCode", 9999),
    "unregistered-op": lambda m: setattr(m.operatorCodes[0], "builtinCode",
                                         schema.BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM),
    "sparse-tensor": lambda m: setattr(_g(m).tensors[2], "sparsity",
                                       schema.SparsityParametersT()),
    "no-operators": lambda m: setattr(_g(m), "operators", []),
}


def catalogue() -> list[tuple[str, bytes, bool]]:
    """(name, file bytes, must_fail): every hostile file of the test."""
    out: list[tuple[str, bytes, bool]] = [
        ("empty", b"", True),
        ("three-bytes", b"TFL", True),
        ("text", b"this is not a model\n" * 20, True),
        ("zeros", bytes(4096), True),
        ("root-offset-past-end", b"\xff\xff\xff\x7fTFL3" + bytes(56), True),
    ]
    out += [(name, _edit(fn), True) for name, fn in EDITS.items()]
    for model in TRUNCATED:
        data = shared_model(model).read_bytes()
        out += [(f"{model}-cut-{k}-of-16", data[:len(data) * k // 16], True) for k in range(16)]
    for model in FLIPPED:
        data = shared_model(model).read_bytes()
        # The FlatBuffer structure sits at both ends; weights in the middle.
        at = sorted({*range(0, 64, 4), *np.linspace(0, len(data) - 1, 24, dtype=int).tolist(),
                     *range(len(data) - 64, len(data), 8)})
        for pos in at:
            flipped = bytearray(data)
            flipped[pos] ^= 0xFF
            out.append((f"{model}-flip-{pos}", bytes(flipped), False))
    return out


def argv(command: str, model: Path, out: Path) -> list[str]:
    if command == "arena":
        return ["arena", str(model), "--no-tflm", "--plan", "--svg", str(out / "plan.svg")]
    if command == "convert":
        return ["convert", str(model), "-o", str(out / "src")]
    if command == "convert-embed":
        return ["convert", str(model), "-o", str(out / "src"), "--embed-plan"]
    if command == "run":
        return ["run", str(model), "--output", str(out / "out.npz")]
    return ["info", str(model), "--tensors", "--nodes"]


def check_outcome(status: int, stderr: str, out: Path, must_fail: bool, what: str) -> None:
    assert "Traceback" not in stderr, f"{what}: {stderr}"
    written = sorted(p.name for p in out.rglob("*"))
    if status == 0 and not must_fail:
        return
    assert status == 2, f"{what}: status {status}, stderr {stderr!r}"
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ztflm: error: "), f"{what}: {stderr!r}"
    assert not written, f"{what}: failed but wrote {written}"


CASES = catalogue()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_hostile_file_gives_the_one_line_error_or_a_clean_run(
        command: str, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    model = tmp_path / "model.tflite"
    failed = 0
    for name, data, must_fail in CASES:
        model.write_bytes(data)
        out = tmp_path / f"out-{name}"
        out.mkdir()
        status = cli.main(argv(command, model, out))
        err = capfd.readouterr().err
        check_outcome(status, err, out, must_fail, f"ztflm {command} on {name}")
        failed += status != 0
    assert failed >= sum(must_fail for _, _, must_fail in CASES)


def test_missing_file_and_directory_give_the_one_line_error(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    for path in (tmp_path / "absent.tflite", tmp_path):
        for command in COMMANDS:
            out = tmp_path / f"out-{command}-{path.name}"
            out.mkdir()
            status = cli.main(argv(command, path, out))
            check_outcome(status, capfd.readouterr().err, out, True, f"{command} {path}")


# The same through the real entry point: status and stderr of the process.
SAMPLE = {"info": "33-subgraphs", "arena": "unknown-builtin-code",
          "arena-with-tflm": "mlperf_kws_dscnn_int8-cut-9-of-16", "convert": "text",
          "convert-embed": "schema-version-2", "run": "empty"}


@pytest.mark.nosan  # subprocesses
@pytest.mark.parametrize("command", list(SAMPLE))
def test_hostile_files_through_python_m_ztflm(command: str, tmp_path: Path) -> None:
    by_name = {name: data for name, data, _ in CASES}
    for name in (SAMPLE[command], "op-input-out-of-range"):
        model = tmp_path / f"{name}.tflite"
        model.write_bytes(by_name[name])
        out = tmp_path / f"out-{name}"
        out.mkdir()
        args = ["arena", str(model)] if command == "arena-with-tflm" else argv(command, model,
                                                                                 out)
        r = subprocess.run([sys.executable, "-m", "ztflm", *args], capture_output=True,
                           text=True, timeout=300)
        check_outcome(r.returncode, r.stderr, out, True, f"ztflm {' '.join(args)}")


# ---- strings from the model (issue 11, point 3) ------------------------------------------------

# A terminal acts on each of these: escape sequences, carriage return, C1 CSI, line and
# paragraph separators, a right-to-left override; and a byte that is not UTF-8.
TERMINAL = "\x1b[2J\x1b]0;owned\x07\r\x9b31m\u2028\u202e\b"
FORGED = "\nztflm: error: forged by the model"


def named_model(tensor_name: bytes) -> bytes:
    """RELU then RELU, every tensor named tensor_name plus its index."""
    m = two_op_builder().model()
    for i, tensor in enumerate(_g(m).tensors):
        tensor.name = tensor_name + str(i).encode()
    return pack(m)


def custom_op_model(custom_name: str) -> bytes:
    b = ModelBuilder()
    x = b.input([1, 4], np.float32)
    y = b.tensor([1, 4], np.float32)
    b.op(schema.BuiltinOperator.CUSTOM, [x], [y], custom_name=custom_name)
    b.output(y)
    return b.build()


def no_controls(text: str, what: str) -> None:
    bad = sorted({c for c in text if not c.isprintable() and c != "\n"})
    assert not bad, f"{what}: {bad} in {text!r}"


@pytest.mark.parametrize("command", COMMANDS)
def test_a_custom_op_name_cannot_add_an_error_line(
        command: str, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    model = tmp_path / "model.tflite"
    model.write_bytes(custom_op_model("EVIL" + FORGED + TERMINAL))
    out = tmp_path / "out"
    out.mkdir()
    status = cli.main(argv(command, model, out))
    captured = capfd.readouterr()
    check_outcome(status, captured.err, out, True, f"ztflm {command}")
    # The name is shown (escaped: by the runtime's message or by the tools, whichever).
    assert "EVIL" in captured.err and "forged" in captured.err
    no_controls(captured.out + captured.err, command)
    if command == "info":  # the operator list the tools read names the op, escaped
        assert "CUSTOM:EVIL\\x0aztflm: error: forged by the model\\x1b[2J" in captured.out


def test_tensor_names_reach_info_plan_and_svg_escaped(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    model = tmp_path / "model.tflite"
    model.write_bytes(named_model(TERMINAL.encode() + b"\xff" + FORGED.encode()))
    assert cli.main(["info", str(model), "--tensors"]) == 0
    info = capfd.readouterr().out
    svg = tmp_path / "plan.svg"
    assert cli.main(["arena", str(model), "--no-tflm", "--plan", "--svg", str(svg)]) == 0
    plan = capfd.readouterr().out
    for what, text in (("info --tensors", info), ("arena --plan", plan)):
        no_controls(text, what)
        assert "forged" in text and "\\x1b[2J" in text and "\\r" not in text
        assert "\\x0d" in text and "\\x9b" in text and "\\u202e" in text
        # One line per tensor: the newline in each name did not start a line of its own.
        assert not re.search(r"^ztflm: error: forged", text, re.M)
    assert len(re.findall(r"^\s+\d+\s+(const|activation)\s", info, re.M)) == 3
    # The SVG is well-formed XML (which allows no control character) and says the same.
    root = ET.parse(svg).getroot()
    titles = [e.text or "" for e in root.iter() if e.tag.endswith("title")]
    assert titles and all("\\x1b[2J" in t and "\\x0aztflm: error: forged" in t
                          for t in titles)


def test_a_file_name_that_is_not_utf8_is_shown_escaped(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    raw = os.fsdecode(b"model\xff\x1b[1m.tflite")
    model = tmp_path / raw
    model.write_bytes(named_model(b"t"))
    out = tmp_path / "out"
    svg = out / "plan.svg"
    out.mkdir()
    for args in (["info", str(model)], ["convert", str(model), "-o", str(out)],
                 ["arena", str(model), "--no-tflm", "--svg", str(svg)]):
        assert cli.main(args) == 0, capfd.readouterr().err
        captured = capfd.readouterr()
        no_controls(captured.out, args[0])
        if args[0] != "convert":  # convert names the files it wrote: model___1m.c, .h
            assert "model\\xff\\x1b[1m.tflite" in captured.out
    for generated in (out / "model___1m.c", out / "model___1m.h"):
        assert "from model\\xff\\x1b[1m.tflite; do not edit" in generated.read_text()
    assert "model\\xff\\x1b[1m.tflite" in ET.parse(svg).getroot()[0].text  # type: ignore
    # The same name when the model is refused: still one line.
    model.write_bytes(b"not a model")
    for command in COMMANDS:
        target = tmp_path / f"out-{command}"
        target.mkdir()
        status = cli.main(argv(command, model, target))
        check_outcome(status, capfd.readouterr().err, target, True, command)


# ---- a Buffer offset that wraps 64 bits (issue 11, point 1: a C fix) ---------------------------

def wrapping_offset_model() -> bytes:
    """ADD(x, c) with c's 16 bytes at Buffer.offset 2^64 - 8: offset + size wraps to 8."""
    b, c = const_add_builder(np.ones([1, 4], np.float32))
    m = b.model()
    m.buffers[_g(m).tensors[c].buffer].data = None
    m.buffers[_g(m).tensors[c].buffer].offset = (1 << 64) - 8
    m.buffers[_g(m).tensors[c].buffer].size = 16
    return pack(m)


@pytest.mark.nosan  # before the fix the runtime crashed the process: a subprocess of its own
@pytest.mark.parametrize("command", [*COMMANDS, "from_bytes"])
def test_a_buffer_offset_that_wraps_64_bits_is_refused(command: str, tmp_path: Path) -> None:
    model = tmp_path / "wrap.tflite"
    model.write_bytes(wrapping_offset_model())
    out = tmp_path / "out"
    out.mkdir()
    if command == "from_bytes":
        code = ("import sys, ztflm\n"
                "try:\n"
                "    ztflm.Interpreter.from_file(sys.argv[1])\n"
                "except ztflm.Error as e:\n"
                "    print(f'ztflm: error: {e}', file=sys.stderr)\n"
                "    sys.exit(2)\n")
        args = [sys.executable, "-c", code, str(model)]
    else:
        args = [sys.executable, "-m", "ztflm", *argv(command, model, out)]
    r = subprocess.run(args, capture_output=True, text=True, timeout=120)
    check_outcome(r.returncode, r.stderr, out, True, f"{command} on a wrapping Buffer.offset")
