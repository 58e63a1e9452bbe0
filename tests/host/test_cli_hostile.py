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
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pytest
from conftest import shared_model
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
    "two-subgraphs": lambda m: setattr(m, "subgraphs", [_g(m), copy.deepcopy(_g(m))]),
    "schema-version-2": lambda m: setattr(m, "version", 2),
    "unknown-builtin-code": lambda m: setattr(m.operatorCodes[0], "builtinCode", 9999),
    "unregistered-op": lambda m: setattr(m.operatorCodes[0], "builtinCode",
                                         schema.BuiltinOperator.SVDF),
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
SAMPLE = {"info": "two-subgraphs", "arena": "unknown-builtin-code",
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
