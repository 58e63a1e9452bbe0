"""The `ztflm` command line: output, --compare-tflm, and one-line errors with status 2."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from stateful_models import circular_buffer_stream, svdf

from modelbuilder import ModelBuilder

pytestmark = pytest.mark.nosan  # runs the CLI in subprocesses


def ztflm(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ztflm", *args], capture_output=True, text=True)


@pytest.fixture
def model(tmp_path: Path) -> Path:
    b = ModelBuilder()
    x = b.input([1, 4], np.float32)
    y = b.tensor([1, 4], np.float32)
    b.op("RELU6", [x], [y])
    b.output(y)
    path = tmp_path / "relu6.tflite"
    path.write_bytes(b.build())
    return path


def test_run_prints_outputs_and_arena(model: Path) -> None:
    r = ztflm("run", str(model))
    assert r.returncode == 0, r.stderr
    assert "arena:" in r.stdout
    assert "output 0: float32[1, 4]" in r.stdout


def test_run_with_inputs_and_saved_outputs(model: Path, tmp_path: Path) -> None:
    x = tmp_path / "x.npy"
    np.save(x, np.array([[-1.0, 3.0, 7.0, 0.5]], np.float32))
    out = tmp_path / "out.npz"
    r = ztflm("run", str(model), "--input", str(x), "--output", str(out))
    assert r.returncode == 0, r.stderr
    assert np.load(out)["arr_0"].tolist() == [[0.0, 3.0, 6.0, 0.5]]


def test_compare_tflm_reports_bit_exact(model: Path) -> None:
    r = ztflm("run", str(model), "--compare-tflm")
    assert r.returncode == 0, r.stderr
    assert "output 0: bit-exact with TFLM" in r.stdout


def one_line_error(r: subprocess.CompletedProcess[str], needle: str) -> None:
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("ztflm: error:")
    assert needle in lines[0]
    assert "Traceback" not in r.stderr


def test_missing_file_is_one_line_status_2(tmp_path: Path) -> None:
    one_line_error(ztflm("run", str(tmp_path / "missing.tflite")), "cannot read model")


def test_not_a_flatbuffer_is_one_line_status_2(tmp_path: Path) -> None:
    path = tmp_path / "junk.tflite"
    path.write_bytes(b"\x01\x02\x03 definitely not a model" * 4)
    one_line_error(ztflm("run", str(path)), "model:")


def test_truncated_model_is_one_line_status_2(model: Path, tmp_path: Path) -> None:
    path = tmp_path / "cut.tflite"
    path.write_bytes(model.read_bytes()[:100])
    one_line_error(ztflm("run", str(path)), "model:")


def test_bad_flag_is_one_line_status_2(model: Path) -> None:
    one_line_error(ztflm("run", str(model), "--no-such-flag"), "unrecognized arguments")


def test_wrong_input_count_is_one_line_status_2(model: Path, tmp_path: Path) -> None:
    x = tmp_path / "x.npy"
    np.save(x, np.zeros([1, 4], np.float32))
    one_line_error(ztflm("run", str(model), "--input", str(x), "--input", str(x)),
                   "the model has 1 inputs, 2 --input files given")


def test_verbose_shows_the_traceback(tmp_path: Path) -> None:
    r = ztflm("-v", "run", str(tmp_path / "missing.tflite"))
    assert r.returncode == 2
    assert "Traceback" in r.stderr


def test_run_prints_argmax_for_a_classifier_output(model: Path, tmp_path: Path) -> None:
    x = tmp_path / "x.npy"
    np.save(x, np.array([[1.0, 5.0, 2.0, -1.0]], np.float32))
    r = ztflm("run", str(model), "--input", str(x))
    assert r.returncode == 0, r.stderr
    assert "output 0: float32[1, 4] argmax 1" in r.stdout


def test_same_seed_same_random_inputs(model: Path, tmp_path: Path) -> None:
    outs = []
    for name, seed in (("a", "7"), ("b", "7"), ("c", "8")):
        out = tmp_path / f"{name}.npz"
        assert ztflm("run", str(model), "--seed", seed, "--output", str(out)).returncode == 0
        outs.append(np.load(out)["arr_0"].tobytes())
    assert outs[0] == outs[1] != outs[2]


def test_compare_tflm_exits_1_when_an_output_differs(
        model: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from ztflm import cli, compare

    real = compare.run_tflm

    def off_by_one_ulp(data: bytes, inputs: list[np.ndarray], n: int, arena: int,
                       **kw: Any) -> list[np.ndarray]:
        outs = real(data, inputs, n, arena, **kw)
        outs[0].view(np.uint32).reshape(-1)[0] ^= 1
        return outs

    monkeypatch.setattr(compare, "run_tflm", off_by_one_ulp)
    assert cli.main(["run", str(model), "--compare-tflm"]) == 1
    assert "output 0: DIFFERS from TFLM" in capsys.readouterr().out


def test_no_command_is_one_line_status_2() -> None:
    one_line_error(ztflm(), "required")


# ---- bool, int32 and int64 tensors, several outputs (issue 13) --------------------------------

@pytest.fixture
def typed(tmp_path: Path) -> Path:
    from typed_models import typed_model

    path = tmp_path / "typed.tflite"
    path.write_bytes(typed_model())
    return path


def typed_inputs() -> list[np.ndarray]:
    return [np.array([[0, 5, -2], [7, 0, 0]], np.int32),
            np.array([[True, False, False], [True, True, False]]),
            np.array([2**40, -3], np.int64)]


def test_run_prints_bool_int32_and_int64_outputs(typed: Path, tmp_path: Path) -> None:
    paths = []
    for i, x in enumerate(typed_inputs()):
        paths += ["--input", str(tmp_path / f"in{i}.npy")]
        np.save(paths[-1], x)
    r = ztflm("run", str(typed), *paths, "--compare-tflm")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "output 0: bool[2, 3] values [False, False, True, False, True, True]" in lines
    assert "output 1: int64[2, 2] argmax 0 values [1099511627776, -3, 1099511627776, -3]" \
        in lines
    assert "output 2: int32[2] argmax 1 values [2, 3]" in lines
    assert "output 3: bool[2, 3] values [False, True, True, True, False, False]" in lines
    assert [f"output {k}: bit-exact with TFLM" for k in range(4)] == lines[-4:]


def test_run_takes_one_npz_of_every_input_and_writes_every_output(typed: Path,
                                                                  tmp_path: Path) -> None:
    from typed_models import expected

    inputs = tmp_path / "inputs.npz"
    np.savez(inputs, *typed_inputs())
    out = tmp_path / "out.npz"
    r = ztflm("run", str(typed), "--input", str(inputs), "--output", str(out), "--compare-tflm")
    assert r.returncode == 0, r.stderr
    with np.load(out) as z:
        got = [z[f"arr_{k}"] for k in range(4)]
    for ours, want in zip(got, expected(*typed_inputs())):
        assert ours.dtype == want.dtype and np.array_equal(ours, want)


@pytest.mark.parametrize("arrays,needle", [
    (lambda xs: xs[:2], "no arr_2 for input 2"),
    (lambda xs: [*xs, xs[0]], "arr_3.npy is not one of arr_0..arr_2"),
    (lambda xs: [xs[0].astype(np.int64), *xs[1:]], "arr_0 is int64[2, 3], input 0 wants "
     "int32[2, 3]"),
    (lambda xs: [xs[0], xs[1][:1], xs[2]], "arr_1 is bool[1, 3], input 1 wants bool[2, 3]"),
])
def test_an_npz_of_other_inputs_is_one_line_status_2(typed: Path, tmp_path: Path, arrays,
                                                     needle: str) -> None:  # type: ignore[no-untyped-def]
    inputs = tmp_path / "inputs.npz"
    np.savez(inputs, *arrays(typed_inputs()))
    out = tmp_path / "out.npz"
    one_line_error(ztflm("run", str(typed), "--input", str(inputs), "--output", str(out)),
                   needle)
    assert not out.exists()


def test_an_npz_that_is_not_a_zip_archive_is_one_line_status_2(typed: Path,
                                                               tmp_path: Path) -> None:
    inputs = tmp_path / "inputs.npz"
    np.save(tmp_path / "x.npy", typed_inputs()[0])
    inputs.write_bytes((tmp_path / "x.npy").read_bytes())
    one_line_error(ztflm("run", str(typed), "--input", str(inputs)),
                   "is not a zip file")


def test_an_npz_member_shorter_than_its_header_is_one_line_status_2(typed: Path,
                                                                   tmp_path: Path) -> None:
    import zipfile

    inputs = tmp_path / "inputs.npz"
    np.savez(inputs, *typed_inputs())
    with zipfile.ZipFile(inputs) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members["arr_2.npy"] = members["arr_2.npy"][:-5]
    with zipfile.ZipFile(inputs, "w") as z:
        for n, data in members.items():
            z.writestr(n, data)
    one_line_error(ztflm("run", str(typed), "--input", str(inputs)),
                   "arr_2 is shorter than its header says")


@pytest.fixture
def stateful(tmp_path: Path) -> Path:
    path = tmp_path / "svdf.tflite"
    path.write_bytes(svdf(np.float32, batches=1, activation="RELU"))
    return path


def test_stream_feeds_the_first_axis_without_reset_and_matches_tflm(stateful: Path,
                                                                    tmp_path: Path) -> None:
    steps = np.random.default_rng(4).standard_normal((6, 1, 5)).astype(np.float32)
    seq, out = tmp_path / "seq.npy", tmp_path / "out.npz"
    np.save(seq, steps)
    r = ztflm("run", str(stateful), "--stream", "--input", str(seq), "--output", str(out),
              "--compare-tflm")
    assert r.returncode == 0, r.stderr
    assert "stream: 6 invokes without reset" in r.stdout
    assert "output 0: bit-exact with TFLM" in r.stdout
    stacked = np.load(out)["arr_0"]
    assert stacked.shape == (6, 1, 3)
    # Each step run from a fresh state gives other outputs: the stream kept the state.
    fresh = []
    for x in steps:
        np.save(seq, x)
        assert ztflm("run", str(stateful), "--input", str(seq), "--output", str(out)
                     ).returncode == 0
        fresh.append(np.load(out)["arr_0"])
    assert stacked[0].tobytes() == fresh[0].tobytes()
    assert stacked.tobytes() != np.stack(fresh).tobytes()


def test_stream_of_random_steps_matches_tflm(stateful: Path) -> None:
    r = ztflm("run", str(stateful), "--stream", "--steps", "4", "--compare-tflm")
    assert r.returncode == 0, r.stderr
    assert "stream: 4 invokes" in r.stdout and "output 0: float32[4, 1, 3]" in r.stdout


@pytest.mark.parametrize("args,needle", [
    (["--steps", "3"], "--steps needs --stream"),
    (["--stream", "--steps", "0"], "--steps must be at least 1"),
])
def test_stream_arguments_are_checked(stateful: Path, args: list[str], needle: str) -> None:
    one_line_error(ztflm("run", str(stateful), *args), needle)


def test_stream_input_of_the_wrong_step_shape_writes_nothing(stateful: Path,
                                                             tmp_path: Path) -> None:
    seq, out = tmp_path / "seq.npy", tmp_path / "out.npz"
    np.save(seq, np.zeros((3, 5), np.float32))  # steps of shape [5], not [1, 5]
    one_line_error(ztflm("run", str(stateful), "--stream", "--input", str(seq), "--output",
                         str(out)), "input 0 wants shape [1, 5], got [5]")
    assert not out.exists()


def test_stream_with_invokes_an_operator_stops_compares_the_ones_that_ran(
        tmp_path: Path) -> None:
    """CIRCULAR_BUFFER runs every third invoke and stops the others (ZTFLM_STOPPED, TFLM's
    kTfLiteAbort): both runtimes stop the same ones, whose outputs past it are stale."""
    path = tmp_path / "circular.tflite"
    path.write_bytes(circular_buffer_stream(3))
    r = ztflm("run", str(path), "--stream", "--steps", "7", "--compare-tflm")
    assert r.returncode == 0, r.stderr
    assert "stopped early by an operator: invoke 0, 1, 3, 4, 6 of 7" in r.stdout
    assert "output 0: bit-exact with TFLM (the 2 invokes that ran to their end)" in r.stdout


def test_one_invoke_an_operator_stops_is_said_and_not_compared(tmp_path: Path) -> None:
    path = tmp_path / "circular.tflite"
    path.write_bytes(circular_buffer_stream(2))
    r = ztflm("run", str(path), "--compare-tflm")
    assert r.returncode == 0, r.stderr
    assert "stopped early by an operator: invoke 0 of 1" in r.stdout
    assert "outputs not compared: every invoke stopped early, in TFLM as here" in r.stdout
    assert "bit-exact" not in r.stdout


def test_compare_tflm_exits_1_when_tflm_stops_another_invoke(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Where an invoke stops is part of the result: a TFLM that ran the invoke ztflm stopped
    differs even if the outputs agreed."""
    from ztflm import cli, compare

    real = compare.run_tflm

    def never_stops(*args: Any, ran: list[bool], **kw: Any) -> list[np.ndarray]:
        outs = real(*args, ran=ran, **kw)
        ran[:] = [True] * len(ran)
        return outs

    path = tmp_path / "circular.tflite"
    path.write_bytes(circular_buffer_stream(2))
    monkeypatch.setattr(compare, "run_tflm", never_stops)
    assert cli.main(["run", str(path), "--stream", "--steps", "4", "--compare-tflm"]) == 1
    assert "invoke 0: stopped early here, ran to its end in TFLM: DIFFERS" in \
        capsys.readouterr().out
