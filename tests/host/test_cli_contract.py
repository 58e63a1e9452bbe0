"""The CLI's one-line contract beyond the model's bytes (issue 11, point 7): bad arguments,
files and folders that are not what they should be, TFLM failing under --compare-tflm, a
reader that goes away. Each is one line `ztflm: error: ...` on stderr, status 2, and leaves
no file or folder behind; convert replaces a symlink instead of writing through it."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema

from modelbuilder import ModelBuilder, pack
from ztflm import _lib, cli, files


def relu6(shape: list[int] | None = None) -> bytes:
    b = ModelBuilder()
    x = b.input(shape or [1, 4], np.float32)
    y = b.tensor(shape or [1, 4], np.float32)
    b.op("RELU6", [x], [y])
    b.output(y)
    return b.build()


@pytest.fixture
def model(tmp_path: Path) -> Path:
    path = tmp_path / "relu6.tflite"
    path.write_bytes(relu6())
    return path


def one_line(status: int, err: str, *needles: str) -> None:
    assert status == 2, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ztflm: error: "), err
    assert "Traceback" not in err and "internal error" not in err, err
    for needle in needles:
        assert needle in lines[0], err


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_run_output_into_a_missing_folder_prints_and_writes_nothing(
        model: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    before = listing(tmp_path)
    status = cli.main(["run", str(model), "--output", str(tmp_path / "missing" / "out.npz")])
    captured = capfd.readouterr()
    one_line(status, captured.err, "cannot write", "missing/out.npz", "No such file")
    assert captured.out == ""
    assert listing(tmp_path) == before


def test_run_output_is_written_whole_under_its_own_name(
        model: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "outputs"  # no .npz added behind the user's back
    assert cli.main(["run", str(model), "--output", str(out)]) == 0
    assert f"wrote {out}" in capfd.readouterr().out
    with np.load(out) as z:
        assert z["arr_0"].shape == (1, 4)
    assert listing(tmp_path) == ["outputs", "relu6.tflite"]  # no temporary left


@pytest.mark.parametrize("args,needles", [
    (["--seed", "-1"], ["--seed", "-1 is negative"]),
    (["--seed", "x"], ["--seed", "'x' is not an integer"]),
    (["--arena-size", "-5"], ["--arena-size", "-5 is negative"]),
    (["--arena-size", str(1 << 40)], [str(1 << 40), "more than the", "the runtime accepts"]),
    (["--arena-size", str(_lib.max_size() + 1)], ["more than the"]),
    (["--arena-size", "8"], ["arena too small"]),
])
def test_run_refuses_bad_numbers_in_one_line(
        model: Path, args: list[str], needles: list[str],
        capfd: pytest.CaptureFixture[str]) -> None:
    one_line(cli.main(["run", str(model), *args]), capfd.readouterr().err, *needles)


def test_test_command_refuses_a_negative_seed(
        model: Path, capfd: pytest.CaptureFixture[str]) -> None:
    one_line(cli.main(["test", str(model), "--generate-only", "--seed", "-3"]),
             capfd.readouterr().err, "--seed", "negative")


def npy_header_only(path: Path, shape: tuple[int, ...], descr: str = "<f4") -> None:
    with open(path, "wb") as f:
        np.lib.format.write_array_header_1_0(
            f, {"descr": descr, "fortran_order": False, "shape": shape})
        f.write(bytes(16))


@pytest.mark.parametrize("case", ["10^12-elements", "right-shape-short-data", "empty-file",
                                  "npz-archive", "pickled-object", "wrong-shape"])
def test_an_input_file_that_is_not_what_its_header_claims(
        case: str, model: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    x = tmp_path / "x.npy"
    if case == "10^12-elements":
        npy_header_only(x, (10 ** 12,))
    elif case == "right-shape-short-data":
        npy_header_only(x, (1, 400))
    elif case == "empty-file":
        x.write_bytes(b"")
    elif case == "npz-archive":
        with open(x, "wb") as f:
            np.savez(f, np.zeros([1, 4], np.float32))
    elif case == "pickled-object":
        np.save(x, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    else:
        np.save(x, np.zeros([4, 1], np.float32))
    status = cli.main(["run", str(model), "--input", str(x)])
    one_line(status, capfd.readouterr().err, "input 0")


def unused_string_tensor_model() -> bytes:
    """ztflm runs it; TFLM refuses it (it sizes every tensor, and has no size for STRING)."""
    b = ModelBuilder()
    x = b.input([1, 4], np.float32)
    y = b.tensor([1, 4], np.float32)
    unused = b.tensor([2], np.float32)
    b.op("RELU6", [x], [y])
    b.output(y)
    m = b.model()
    m.subgraphs[0].tensors[unused].type = schema.TensorType.STRING
    return pack(m)


@pytest.mark.nosan  # TFLM runs in a subprocess
def test_compare_tflm_when_tflm_itself_fails(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "string.tflite"
    path.write_bytes(unused_string_tensor_model())
    out = tmp_path / "out.npz"
    assert cli.main(["run", str(path)]) == 0  # ztflm alone runs it
    capfd.readouterr()
    status = cli.main(["run", str(path), "--compare-tflm", "--output", str(out)])
    captured = capfd.readouterr()
    one_line(status, captured.err, "TFLM could not run the model",
             "TFLM failed to allocate tensors")
    assert captured.out == "" and not out.exists()


@pytest.mark.nosan  # TFLM runs in a subprocess
def test_compare_tflm_gives_tflm_the_arena_the_model_needs(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """8.6 MB of activations in a 300-byte model: TFLM's arena follows ztflm's, not the file's
    size (it used to fail to allocate, a traceback)."""
    path = tmp_path / "big.tflite"
    path.write_bytes(relu6([1, 600, 600, 3]))
    assert cli.main(["run", str(path), "--compare-tflm"]) == 0, capfd.readouterr().err
    assert "output 0: bit-exact with TFLM" in capfd.readouterr().out


def test_a_model_tflm_reads_differently_is_refused_by_run(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """Data after the FlatBuffer: TFLM ignores it, so the runtime refuses the model and
    `run` (with or without --compare-tflm) prints one line."""
    from test_embed_plan import extended_buffer_model

    path = tmp_path / "extended.tflite"
    path.write_bytes(extended_buffer_model())
    for extra in ([], ["--compare-tflm"]):
        one_line(cli.main(["run", str(path), *extra]), capfd.readouterr().err,
                 "after the FlatBuffer")


def test_a_device_that_never_ends_is_read_to_a_bound(
        monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    """/dev/zero: read in chunks up to the runtime's limit, then refused (the limit shrunk
    here to 3 MB; `ztflm info /dev/zero` reads 1 GiB, the real limit, in about 3 s)."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    monkeypatch.setattr(_lib, "max_size", lambda: 3 << 20)
    for command in (["info"], ["arena", "--no-tflm"], ["run"]):
        one_line(cli.main([command[0], "/dev/zero", *command[1:]]), capfd.readouterr().err,
                 "/dev/zero", f"more than the {3 << 20} bytes")


def test_a_file_past_the_limit_is_refused_before_reading(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    huge = tmp_path / "huge.tflite"
    with open(huge, "wb") as f:  # sparse: no disk, no reading
        f.truncate(_lib.max_size() + 1)
    one_line(cli.main(["info", str(huge)]), capfd.readouterr().err,
             f"is {_lib.max_size() + 1} bytes, more than the {_lib.max_size()}")


def test_read_model_reads_in_bounded_chunks(tmp_path: Path) -> None:
    path = tmp_path / "m.tflite"
    data = bytes(range(256)) * (3 * files.CHUNK // 256 + 7)
    path.write_bytes(data)
    assert files.read_model(path) == data
    assert files.read_model(path, limit=len(data)) == data
    with pytest.raises(files.Error, match=f"is {len(data)} bytes, more than the"):
        files.read_model(path, limit=len(data) - 1)


@pytest.mark.nosan  # a process of its own, whose standard output has no reader
@pytest.mark.parametrize("args", [["info", "--tensors", "--nodes"], ["arena", "--no-tflm",
                                                                    "--plan"], ["run"]])
def test_output_into_a_closed_pipe(args: list[str], model: Path) -> None:
    read, write = os.pipe()
    os.close(read)  # like `| head` that already quit: every write fails with EPIPE
    try:
        p = subprocess.run([sys.executable, "-m", "ztflm", args[0], str(model), *args[1:]],
                           stdout=write, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write)
    one_line(p.returncode, p.stderr, "broken pipe")


def test_convert_replaces_a_symlink_and_leaves_its_target_alone(
        model: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "m.c").symlink_to(victim)
    (out / "m.h").symlink_to(tmp_path / "dangling")
    assert cli.main(["convert", str(model), "-o", str(out), "--name", "m"]) == 0
    capfd.readouterr()
    assert victim.read_text() == "precious\n"
    assert not (tmp_path / "dangling").exists()
    for name in ("m.c", "m.h"):
        assert not (out / name).is_symlink() and "Generated by" in (out / name).read_text()
    assert listing(out) == ["m.c", "m.h"]


def test_convert_that_fails_midway_removes_its_files_and_the_folders_it_made(
        model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capfd: pytest.CaptureFixture[str]) -> None:
    real = files._temporary
    calls = []

    def full_disk_on_the_header(final: Path) -> tuple[Path, int]:
        calls.append(final)
        if final.suffix == ".h":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(final)

    monkeypatch.setattr(files, "_temporary", full_disk_on_the_header)
    before = listing(tmp_path)
    out = tmp_path / "new" / "deeper" / "src"
    status = cli.main(["convert", str(model), "-o", str(out), "--name", "m"])
    one_line(status, capfd.readouterr().err, "cannot write", "m.h", "No space left")
    assert [p.name for p in calls] == ["m.c", "m.h"]
    assert listing(tmp_path) == before


@pytest.mark.parametrize("target", ["a-file", "inside-a-file"])
def test_convert_into_a_folder_that_cannot_be(
        target: str, model: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = blocker if target == "a-file" else blocker / "src"
    before = listing(tmp_path)
    one_line(cli.main(["convert", str(model), "-o", str(out)]), capfd.readouterr().err,
             "cannot create folder", str(out))
    assert listing(tmp_path) == before


def test_arena_svg_that_cannot_be_written_leaves_nothing(
        model: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    svg = tmp_path / "missing" / "plan.svg"
    before = listing(tmp_path)
    one_line(cli.main(["arena", str(model), "--no-tflm", "--svg", str(svg)]),
             capfd.readouterr().err, "cannot write", "plan.svg")
    assert listing(tmp_path) == before


def test_an_unexpected_exception_is_still_one_line(
        model: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    """The last resort: one line naming it an internal error (and -v for the traceback)."""
    def broken(*_: object) -> None:
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(cli.report, "info_lines", broken)
    assert cli.main(["info", str(model)]) == 2
    err = capfd.readouterr().err
    assert err == "ztflm: error: internal error: ZeroDivisionError: bug (run with -v for the " \
                  "traceback)\n"
    assert cli.main(["-v", "info", str(model)]) == 2
    assert "Traceback" in capfd.readouterr().err
