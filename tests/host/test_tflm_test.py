"""`ztflm test` / `west tflm-test`: argument handling, the generated test application, the
shell protocol against an emulated device, and the whole run through a stand-in twister; with
ZEPHYR_BASE set, a real run on qemu_cortex_m3."""
from __future__ import annotations

import json
import os
import py_compile
import re
import stat
import subprocess
import sys
from pathlib import Path
from typing import Optional

import numpy as np
import pytest
import yaml
from conftest import shared_model
from shared_models import UNSUPPORTED_MODEL, UNSUPPORTED_OP

from oracle import run_tflm
from ztflm import Interpreter, _lib, cli, device_shell, device_test
from ztflm.device_shell import DeviceError, ShellSession

ROOT = Path(__file__).resolve().parents[2]
STATEFUL_MODEL = ROOT / "tests" / "models" / "stateful" / "svdf_int8_int16_state.tflite"


def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
            *args: str, zephyr: Optional[Path] = None) -> tuple[int, str, str]:
    if zephyr is None:
        monkeypatch.delenv("ZEPHYR_BASE", raising=False)
    else:
        monkeypatch.setenv("ZEPHYR_BASE", str(zephyr))
    status = cli.main(["test", *args])
    out, err = capsys.readouterr()
    return status, out, err


def fake_zephyr(tmp_path: Path, twister: str = "") -> Path:
    """A directory that passes for a Zephyr tree; scripts/twister is the given Python."""
    base = tmp_path / "zephyr"
    (base / "scripts").mkdir(parents=True)
    script = base / "scripts" / "twister"
    script.write_text(twister or "raise SystemExit(0)\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return base


# Refused up front: one line on stderr, status 2.

def test_missing_zephyr_base_is_one_line_and_status_2(capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    status, out, err = run_cli(capsys, monkeypatch, str(shared_model("tflm_hello_world_int8")))
    assert status == 2
    assert err.count("\n") == 1
    assert "ZEPHYR_BASE is not set" in err
    assert out == ""


def test_zephyr_base_that_is_not_a_zephyr_tree_is_refused(capsys, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    status, _, err = run_cli(capsys, monkeypatch, str(shared_model("tflm_hello_world_int8")),
                             zephyr=tmp_path)
    assert status == 2
    assert "is not a Zephyr tree" in err


def test_unsupported_model_names_the_op_and_exits_2(capsys, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    model = UNSUPPORTED_MODEL
    status, _, err = run_cli(capsys, monkeypatch, str(model), "-O", str(tmp_path / "o"),
                             zephyr=fake_zephyr(tmp_path))
    assert status == 2
    assert err.count("\n") == 1 and UNSUPPORTED_OP in err
    assert not (tmp_path / "o").exists()


def test_not_a_model_exits_2(capsys, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.tflite"
    bad.write_bytes(b"not a flatbuffer at all")
    status, _, err = run_cli(capsys, monkeypatch, str(bad), zephyr=fake_zephyr(tmp_path))
    assert status == 2 and err.startswith("ztflm: error:")


@pytest.mark.parametrize("args,message", [
    (["-n", "0"], "-n must be at least 1"),
    (["--device-serial", "/dev/ttyACM0"], "--device-serial needs --device-testing"),
    (["--device-serial-pty", "x.py"], "--device-serial-pty needs --device-testing"),
    (["--device-testing"],
     "needs --device-serial DEV, --device-serial-pty SCRIPT or --hardware-map FILE"),
    (["--device-testing", "--device-serial", "/dev/x", "--hardware-map", "m.yaml"],
     "not --device-serial and --hardware-map"),
    (["--device-testing", "--device-serial", "/dev/x", "--device-serial-pty", "x.py"],
     "not --device-serial and --device-serial-pty"),
    (["-j", "0"], "-j must be at least 1"),
    (["--timeout", "0"], "--timeout must be at least 1 second"),
    (["--device-testing", "--hardware-map", "/nonexistent/map.yaml"], "no hardware map"),
    (["-n", "three"], "invalid int value"),
])
def test_bad_arguments_exit_2_with_the_reason(capsys, monkeypatch, tmp_path, args, message) -> None:  # type: ignore[no-untyped-def]
    status, _, err = run_cli(capsys, monkeypatch, str(shared_model("tflm_hello_world_int8")),
                             *args, zephyr=fake_zephyr(tmp_path))
    assert status == 2
    assert message in err and err.count("\n") == 1


# The generated application.

def test_generated_app_holds_model_vectors_and_a_pytest(capsys, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    model = shared_model("mlperf_kws_dscnn_int8")
    status, out, _ = run_cli(capsys, monkeypatch, str(model), "-n", "4", "--seed", "7",
                             "-O", str(tmp_path), "--generate-only")
    assert status == 0, out
    app = tmp_path / "app" / "mlperf_kws_dscnn_int8"
    assert f"wrote the test application {app}" in out
    assert (app / "mlperf_kws_dscnn_int8.tflite").read_bytes() == model.read_bytes()

    cmake = (app / "CMakeLists.txt").read_text()
    includes = [Path(p) for p in re.findall(r"^include\((\S+)\)", cmake, re.M)]
    # The package's device app and the Zephyr module of this checkout (an installed package
    # carries its own: test_packaging).
    assert includes == [ROOT / "zephyr_module" / "cmake" / "ztflm_app.cmake",
                        device_test.DEVICE_APP / "toolchain.cmake",
                        device_test.DEVICE_APP / "device_app.cmake"]
    assert all(p.is_file() for p in includes)
    assert f"list(APPEND ZEPHYR_EXTRA_MODULES {ROOT.as_posix()})" in cmake
    assert "ZTFLM_TEST_MODEL ${CMAKE_CURRENT_LIST_DIR}/mlperf_kws_dscnn_int8.tflite" in cmake
    assert "find_package(Zephyr" in cmake
    assert (app / "prj.conf").read_text() == (device_test.DEVICE_APP / "prj.conf").read_text()

    case = yaml.safe_load((app / "testcase.yaml").read_text())
    test = case["tests"]["ztflm.device_test.mlperf_kws_dscnn_int8"]
    assert test["harness"] == "pytest"
    assert test["timeout"] == device_test.BASE_TIMEOUT + 4 * device_test.PER_VECTOR_TIMEOUT

    py_compile.compile(str(app / "pytest" / "test_device.py"), doraise=True)
    assert "check_app" in (app / "pytest" / "test_device.py").read_text()


def test_generated_vectors_are_the_host_runner_and_tflm_outputs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    model = shared_model("mlperf_kws_dscnn_int8")
    opts = device_test.Options(model=model, count=3, seed=5, generate_only=True)
    app = device_test.generate_app(opts, tmp_path / "app")
    vectors = device_shell.load_vectors(app.directory / "vectors.npz")
    assert len(vectors) == 3
    assert len({v.inputs[0] for v in vectors}) == 3  # three different inputs
    ip = Interpreter.from_file(model)
    for v in vectors:
        x = np.frombuffer(v.inputs[0], dtype=np.int8).reshape(ip.get_input_details(0)["shape"])
        ip.set_input(x, 0)
        ip.invoke()
        assert ip.get_output(0).tobytes() == v.outputs[0]
        assert run_tflm(model.read_bytes(), [x])[0].tobytes() == v.outputs[0]


def test_twister_command_for_qemu_and_for_a_board(tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = device_test.App(tmp_path / "app", tmp_path / "app" / "results.json", [])
    zephyr = tmp_path / "zephyr"
    qemu = device_test.twister_command(
        zephyr, app, device_test.Options(model=Path("m.tflite")), tmp_path / "out")
    assert qemu[:2] == [sys.executable, str(zephyr / "scripts" / "twister")]
    assert qemu[qemu.index("-T") + 1] == str(app.directory)
    assert qemu[qemu.index("-p") + 1] == "qemu_cortex_m3"
    assert "--device-testing" not in qemu
    board = device_test.twister_command(zephyr, app, device_test.Options(
        model=Path("m.tflite"), platform="nrf52840dk/nrf52840", device_testing=True,
        device_serial="/dev/ttyACM0", device_serial_baud=115200, west_runner="jlink"),
        tmp_path / "out")
    joined = " ".join(board)
    assert "-p nrf52840dk/nrf52840" in joined
    assert "--device-testing --device-serial /dev/ttyACM0 --device-serial-baud 115200" in joined
    # twister refuses --west-runner without --west-flash
    assert "--west-flash --west-runner jlink" in joined
    mapped = device_test.twister_command(zephyr, app, device_test.Options(
        model=Path("m.tflite"), device_testing=True, hardware_map=Path("map.yaml")),
        tmp_path / "out")
    # absolute: twister runs in the output directory
    assert mapped[mapped.index("--hardware-map") + 1] == str(Path("map.yaml").resolve())
    assert "--device-serial" not in mapped
    pty = device_test.twister_command(zephyr, app, device_test.Options(
        model=Path("m.tflite"), platform="mps2_an386", device_testing=True,
        device_serial_pty="qemu_device.py pty --machine mps2-an386", jobs=2,
        twister_args=["--timeout-multiplier", "2"]), tmp_path / "out")
    assert pty[pty.index("--device-serial-pty") + 1] == "qemu_device.py pty --machine mps2-an386"
    assert pty[pty.index("-j") + 1] == "2"
    assert pty[-2:] == ["--timeout-multiplier", "2"]


def test_cli_passes_jobs_timeout_profile_and_twister_arguments(  # type: ignore[no-untyped-def]
        capsys, monkeypatch, tmp_path) -> None:
    seen: list[device_test.Options] = []
    monkeypatch.setattr(device_test, "run", lambda opts: seen.append(opts) or 0)
    status = cli.main(["test", "m.tflite", "-j", "2", "--timeout", "900", "--profile",
                       "--twister", "--timeout-multiplier", "3", "-v"])
    assert status == 0
    assert (seen[0].jobs, seen[0].timeout, seen[0].profile) == (2, 900, True)
    assert seen[0].twister_args == ["--timeout-multiplier", "3", "-v"]


def test_profile_and_timeout_reach_the_generated_app(capsys, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    status, _, _ = run_cli(capsys, monkeypatch, str(shared_model("tflm_hello_world_int8")),
                           "--generate-only", "--profile", "--timeout", "900",
                           "-O", str(tmp_path / "o"))
    assert status == 0
    app = tmp_path / "o" / "app" / "tflm_hello_world_int8"
    assert "CONFIG_ZTFLM_PROFILER=y" in (app / "prj.conf").read_text()
    assert "timeout: 900" in (app / "testcase.yaml").read_text()


# The shell protocol, against a device emulated with the host runner.

class EmulatedDevice:
    """Answers the `ztflm` shell command as tests/zephyr/shell_io/src/main.c does."""

    def __init__(self, model: Path, corrupt: bool = False, type_off: int = 0,
                 never_stops: bool = False) -> None:
        self.ip = Interpreter.from_file(model)
        self.type_off = type_off
        self.never_stops = never_stops  # a device that says every invoke ran to its end
        self.inputs = [bytearray(self.ip.get_input(i).tobytes())
                       for i in range(self.ip.num_inputs())]
        self.corrupt = corrupt
        self.pending: list[str] = []
        self.commands: list[str] = []

    def write(self, data: bytes) -> None:
        line = data.decode().strip()
        self.commands.append(line)
        self.pending = [f"uart:~$ {line}", *self.answer(line.split())]

    def readlines_until(self, regex: Optional[str] = None, num_of_lines: Optional[int] = None,
                        timeout: Optional[float] = None, print_output: bool = True) -> list[str]:
        assert regex is not None
        for k, line in enumerate(self.pending):
            if re.search(regex, line):
                return self.pending[:k + 1]
        raise AssertionError("the device never replied")

    def type_of(self, kind: str, i: int) -> int:
        """The type code main.c prints (ztflm_tensor.type), off by type_off for output 0."""
        index = getattr(self.ip, f"get_{kind}_details")(i)["index"]
        name = self.ip.get_tensor_storage(index)["type"]
        code = next(c for c in range(19) if _lib.type_name(c) == name)
        return code + (self.type_off if (kind, i) == ("output", 0) else 0)

    def answer(self, words: list[str]) -> list[str]:
        cmd = words[1]
        if cmd == "info":
            lines = ["model m bytes 1", "arena used 352 head 336 tail 16 buffer 352 host 352",
                     "kernels arm_dsp host arm_dsp", "clock 12000000"]
            lines += [f"input {i} type {self.type_of('input', i)} bytes {len(b)}"
                      for i, b in enumerate(self.inputs)]
            lines += [f"output {i} type {self.type_of('output', i)} bytes "
                      f"{self.ip.get_output(i).nbytes}" for i in range(self.ip.num_outputs())]
            return [*lines, "ztflm: ok"]
        if cmd == "input":
            i, off, data = int(words[2]), int(words[3]), bytes.fromhex(words[4])
            if off + len(data) > len(self.inputs[i]):
                return ["ztflm: error -1 bytes beyond the input tensor"]
            self.inputs[i][off:off + len(data)] = data
            return [f"ztflm: ok {len(data)}"]
        if cmd == "invoke":
            for i, b in enumerate(self.inputs):
                d = self.ip.get_input_details(i)
                self.ip.set_input(np.frombuffer(bytes(b), d["dtype"]).reshape(d["shape"]), i)
            ran = self.ip.invoke() or self.never_stops
            return ["ztflm: ok cycles 1234" + ("" if ran else " stopped")]
        if cmd == "reset":
            self.ip.reset()
            return ["ztflm: ok"]
        if cmd == "profile":
            return ["op 0 FULLY_CONNECTED 700", "op 1 SOFTMAX 300", "ztflm: ok 2"]
        if cmd == "output":
            y = bytearray(self.ip.get_output(int(words[2])).tobytes())
            if self.corrupt:
                y[-1] ^= 1
            lines = [f"data {k} {y[k:k + 64].hex()}" for k in range(0, len(y), 64)]
            return [*lines, f"ztflm: ok {len(y)}"]
        return [f"ztflm: error -1 unknown {cmd}"]


def _config(tmp_path: Path, model: Path, count: int = 2) -> Path:
    path = tmp_path / "ztflm_test.json"
    path.write_text(json.dumps({"model": str(model), "count": count,
                                "results": str(tmp_path / "results.json")}))
    return path


def test_check_app_feeds_chunks_and_finds_every_output_bit_exact(tmp_path) -> None:  # type: ignore[no-untyped-def]
    model = shared_model("tflm_micro_speech_int8")  # 1960 input bytes: 21 chunks of 96
    dev = EmulatedDevice(model)
    report = device_shell.check_app(dev, _config(tmp_path, model), platform="emulated")
    assert report["bit_exact"]
    assert [v["cycles"] for v in report["vectors"]] == [1234, 1234]
    loads = [c for c in dev.commands if c.startswith("ztflm input")]
    assert len(loads) == 2 * 21
    assert all(len(c.split()[4]) <= 2 * device_shell.CHUNK for c in loads)
    assert json.loads((tmp_path / "results.json").read_text())["bit_exact"] is True


def test_check_app_runs_bool_int32_and_int64_tensors_and_four_outputs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from typed_models import typed_model

    model = tmp_path / "typed.tflite"
    model.write_bytes(typed_model())
    report = device_shell.check_app(EmulatedDevice(model), _config(tmp_path, model, count=3))
    assert report["bit_exact"] and [len(v["match"]) for v in report["vectors"]] == [4, 4, 4]
    ins = [t["type"] for t in report["device"]["inputs"]]
    assert [_lib.type_name(t) for t in ins] == ["INT32", "BOOL", "INT64"]
    # the same sizes but another type: another model
    with pytest.raises(DeviceError, match=r"another model than typed.tflite: inputs \['INT32', "
                       r"'BOOL', 'INT64'\] of \[24, 6, 16\] bytes, outputs \['UINT8'"):
        device_shell.check_app(EmulatedDevice(model, type_off=-3), _config(tmp_path, model))


def test_check_app_compares_where_an_operator_stops_the_invoke(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """CIRCULAR_BUFFER runs every third invoke and stops the others (ZTFLM_STOPPED): the
    device says `stopped`, the host's vectors record it, and a device that stops elsewhere
    differs even where the outputs it kept are the host's."""
    from stateful_models import circular_buffer_stream

    model = tmp_path / "circular.tflite"
    model.write_bytes(circular_buffer_stream(3, after=False))
    report = device_shell.check_app(EmulatedDevice(model), _config(tmp_path, model, count=6))
    assert report["bit_exact"]
    assert [v["stopped"] for v in report["vectors"]] == [True, True, False] * 2
    with pytest.raises(DeviceError, match="invoke ran to its end on the device, stopped on "
                                          "the host"):
        device_shell.check_app(EmulatedDevice(model, never_stops=True),
                               _config(tmp_path, model, count=6))
    # The vectors archive of a generated app keeps where the host stopped.
    vectors = device_shell.host_vectors(model, 3, 0)
    (tmp_path / "v.npz").write_bytes(device_shell.vectors_npz(vectors))
    assert [v.stopped for v in device_shell.load_vectors(tmp_path / "v.npz")] == \
        [True, True, False]


def test_check_app_runs_a_stateful_model_across_consecutive_vectors_from_a_reset(
        tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An SVDF model (state kept from one vector to the next) on a device that already ran
    other inputs: the check resets it first, then its vectors match the host's, which ran
    them one after the other; the same vectors each from a fresh state would not."""
    model = STATEFUL_MODEL
    dev = EmulatedDevice(model)
    for _ in range(3):  # a state left over from earlier runs
        dev.write(b"ztflm invoke\n")
    report = device_shell.check_app(dev, _config(tmp_path, model, count=6), platform="emulated")
    assert report["bit_exact"]
    assert dev.commands[3:5] == ["ztflm info", "ztflm reset"]
    vectors = device_shell.host_vectors(model, 6, 0)
    fresh = []
    for v in vectors:
        ip = Interpreter.from_file(model)
        d = ip.get_input_details(0)
        ip.set_input(np.frombuffer(v.inputs[0], d["dtype"]).reshape(d["shape"]), 0)
        ip.invoke()
        fresh.append(ip.get_output(0).tobytes())
    assert fresh != [v.outputs[0] for v in vectors]


def test_check_app_reads_the_kernels_and_the_profile(tmp_path) -> None:  # type: ignore[no-untyped-def]
    model = shared_model("tflm_hello_world_int8")
    config = _config(tmp_path, model)
    config.write_text(json.dumps({**json.loads(config.read_text()), "profile": True}))
    report = device_shell.check_app(EmulatedDevice(model), config, platform="emulated")
    assert report["device"]["kernels"] == "arm_dsp"
    assert [[op["op"] for op in v["profile"]] for v in report["vectors"]] == \
        [["FULLY_CONNECTED", "SOFTMAX"]] * 2
    assert report["host_clock"] is False  # no build .config beside it: not an emulator


def test_profile_table_is_sorted_with_shares() -> None:
    report = {"vectors": [
        {"profile": [{"node": 0, "op": "CONV_2D", "cycles": 100},
                     {"node": 1, "op": "SOFTMAX", "cycles": 300}]},
        {"profile": [{"node": 0, "op": "CONV_2D", "cycles": 300},
                     {"node": 1, "op": "SOFTMAX", "cycles": 300}]}]}
    lines = device_test.profile_lines(report)
    assert lines[0] == "profile: cycles per operator, mean of 2 inferences"
    assert lines[2].split() == ["SOFTMAX", "1", "300", "60.0%"]
    assert lines[3].split() == ["CONV_2D", "0", "200", "40.0%"]
    assert lines[4].split() == ["total", "500", "100.0%"]


def test_check_app_reports_the_first_differing_byte(tmp_path) -> None:  # type: ignore[no-untyped-def]
    model = shared_model("tflm_micro_speech_int8")
    with pytest.raises(DeviceError, match=r"output 0: byte 3 is 0x.. on the device, 0x.. on"):
        device_shell.check_app(EmulatedDevice(model, corrupt=True), _config(tmp_path, model))
    report = json.loads((tmp_path / "results.json").read_text())
    assert report["bit_exact"] is False


def test_device_error_reply_becomes_a_device_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    dev = EmulatedDevice(shared_model("tflm_hello_world_int8"))
    with pytest.raises(DeviceError, match="bytes beyond the input tensor"):
        ShellSession(dev).load(0, b"\x01\x02")


# The whole command, with a stand-in twister that answers as the device test would.

TWISTER = """import json, sys
from pathlib import Path
sys.path.insert(0, {west_commands!r})
from ztflm.device_shell import load_vectors
app = Path(sys.argv[sys.argv.index("-T") + 1])
vectors = load_vectors(app / "vectors.npz")
exact = {exact}
report = {{"model": str(app / "m.tflite"), "platform": sys.argv[sys.argv.index("-p") + 1],
          "device": {{"arena_used": {arena}, "head": 100, "tail": {arena} - 100,
                      "host_arena": {arena}, "clock_hz": 12000000, "kernels": {kernels!r}}},
          "vectors": [{{"cycles": 1000 + k, "match": [exact],
                       "mismatch": [] if exact else ["output 0: byte 0 is 0x01"]}}
                      for k in range(len(vectors))],
          "bit_exact": exact, "host_clock": {host_clock}}}
(app / "results.json").write_text(json.dumps(report))
raise SystemExit(0 if exact else 1)
"""


@pytest.mark.parametrize("exact", [True, False])
def test_run_reports_cycles_arena_and_bit_exactness(capsys, monkeypatch, tmp_path, exact) -> None:  # type: ignore[no-untyped-def]
    host = Interpreter.from_bytes(shared_model("tflm_hello_world_int8").read_bytes())
    arena = host.arena_used_bytes()
    zephyr = fake_zephyr(tmp_path, TWISTER.format(west_commands=str(ROOT / "west_commands"),
                                                  exact=exact, arena=arena,
                                                  kernels="reference", host_clock=False))
    status, out, err = run_cli(capsys, monkeypatch, str(shared_model("tflm_hello_world_int8")),
                               "-n", "3", "-O", str(tmp_path / "o"), zephyr=zephyr)
    assert status == (0 if exact else 1), err
    # The host figure is the runtime's own plan with the kernels the target reports.
    assert "kernels: reference" in out
    assert (f"arena: {arena} bytes on the target (head 100, tail {arena - 100}); "
            f"host {arena} bytes with the same kernels") in out
    assert "cycles per inference: 1001 median, 1000 min, 1002 max" in out
    assert "clock follows host time" not in out
    assert f"outputs: {3 if exact else 0} of 3 vectors bit-exact with the host runner" in out
    assert (tmp_path / "o" / "twister.log").is_file()


def test_target_arena_is_compared_with_the_host_plan_of_its_kernels(  # type: ignore[no-untyped-def]
        capsys, monkeypatch, tmp_path) -> None:
    """A target on arm_dsp is held to the arm_dsp host plan, not the reference one."""
    model = shared_model("mlperf_kws_dscnn_int8")
    dsp = device_test.host_arena(model, "arm_dsp")
    ref = device_test.host_arena(model, "reference")
    assert dsp is not None and ref is not None and dsp != ref
    for arena, status in ((dsp, 0), (ref, 1)):
        zephyr = fake_zephyr(tmp_path / str(arena), TWISTER.format(
            west_commands=str(ROOT / "west_commands"), exact=True, arena=arena,
            kernels="arm_dsp", host_clock=True))
        got, out, err = run_cli(capsys, monkeypatch, str(model), "-n", "1",
                                "-O", str(tmp_path / str(arena) / "o"), zephyr=zephyr)
        assert got == status, err
        assert f"host {dsp} bytes with the same kernels" in out
        assert "an emulator's clock follows host time" in out
        if status:
            assert f"the target planned {ref} bytes, the host {dsp}" in err


def test_a_filtered_platform_is_reported_with_twisters_reason(  # type: ignore[no-untyped-def]
        capsys, monkeypatch, tmp_path) -> None:
    twister = """import json, sys
from pathlib import Path
out = Path(sys.argv[sys.argv.index("--outdir") + 1])
out.mkdir(parents=True)
(out / "twister.json").write_text(json.dumps({"testsuites": [
    {"name": "t", "platform": "p", "status": "filtered", "reason": "Not enough RAM"}]}))
"""
    status, _, err = run_cli(capsys, monkeypatch, str(shared_model("tflm_hello_world_int8")),
                             "-p", "tiny_board", "-O", str(tmp_path / "o"),
                             zephyr=fake_zephyr(tmp_path, twister))
    assert status == 1
    assert err == "ztflm: twister left tiny_board out: Not enough RAM\n"


def test_run_without_a_report_says_where_the_log_is(capsys, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    zephyr = fake_zephyr(tmp_path, "print('build failed: no board'); raise SystemExit(1)\n")
    status, out, err = run_cli(capsys, monkeypatch, str(shared_model("tflm_hello_world_int8")),
                               "-O", str(tmp_path / "o"), zephyr=zephyr)
    assert status == 1
    assert "build failed: no board" in out
    assert "before the device test reported" in err and "twister.log" in err


@pytest.mark.parametrize("log,reason", [
    ("ld: region `FLASH' overflowed by 81234 bytes\nFAILED: zephyr.elf",
     "the application does not fit qemu_cortex_m3: FLASH short by 81234 bytes"),
    ("INFO - 1/1 qemu_cortex_m3 ztflm.device_test.m  SKIPPED (FLASH overflow)",
     "the application does not fit qemu_cortex_m3: its FLASH overflows"),
    ("ERROR - ztflm.device_test.m error (Build failure)", "the build failed"),
    ("Failed: Prompt not found", "the device never showed the shell prompt"),
    ('Could not find a package configuration file provided by "Zephyr-sdk"',
     "no toolchain: install the Zephyr SDK or set ZEPHYR_TOOLCHAIN_VARIANT"),
    ("", "the target did not run the test"),
])
def test_failure_reason_from_the_twister_log(log: str, reason: str) -> None:
    assert device_test.failure_reason(log, "qemu_cortex_m3").startswith(reason)


def test_west_registers_tflm_test() -> None:
    spec = yaml.safe_load((ROOT / "west_commands" / "west-commands.yml").read_text())
    commands = {c["name"]: c["class"] for c in spec["west-commands"][0]["commands"]}
    assert commands["tflm-test"] == "TflmTest"
    text = (ROOT / "west_commands" / "ztflm_west.py").read_text()
    assert "class TflmTest(_ZtflmCommand)" in text and '"tflm-test"' in text


# A real run: twister, Zephyr and QEMU.

def needs_zephyr() -> None:
    if not os.environ.get("ZEPHYR_BASE"):
        pytest.skip("SKIPPED: ZEPHYR_BASE is not set; the device test needs a Zephyr 4.x tree "
                    "(see tests/zephyr/README.md)")


def ztflm_test(*args: str, env: Optional[dict[str, str]] = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ztflm", "test", *args], capture_output=True,
                          text=True, timeout=1800, env=env)


def assert_bit_exact_in_the_host_arena(r: subprocess.CompletedProcess, count: int) -> None:
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"outputs: {count} of {count} vectors bit-exact with the host runner" in r.stdout
    arena = re.search(r"arena: (\d+) bytes on the target .*; host (\d+) bytes with the same "
                      r"kernels", r.stdout)
    assert arena and arena.group(1) == arena.group(2)
    assert re.search(r"cycles per inference: \d+ median", r.stdout)


@pytest.mark.nosan
def test_real_run_on_qemu_cortex_m3_is_bit_exact(tmp_path) -> None:  # type: ignore[no-untyped-def]
    needs_zephyr()
    r = ztflm_test(str(shared_model("tflm_hello_world_int8")), "-p", "qemu_cortex_m3", "-n", "3",
                   "-O", str(tmp_path))
    assert_bit_exact_in_the_host_arena(r, 3)
    assert "kernels: reference" in r.stdout
    assert "clock follows host time" not in r.stdout  # qemu_cortex_m3 runs with -icount


@pytest.mark.nosan
def test_real_run_of_bool_int32_and_int64_tensors_on_qemu_cortex_m3(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Four outputs of bool, int64 and int32 from bool, int32 and int64 inputs."""
    needs_zephyr()
    from typed_models import typed_model

    model = tmp_path / "typed.tflite"
    model.write_bytes(typed_model())
    r = ztflm_test(str(model), "-p", "qemu_cortex_m3", "-n", "3", "-O", str(tmp_path / "o"))
    assert_bit_exact_in_the_host_arena(r, 3)


@pytest.mark.nosan
def test_real_run_of_a_model_an_operator_stops_on_qemu_cortex_m3(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """CIRCULAR_BUFFER runs every third invoke and stops the others (ZTFLM_STOPPED): the
    device app replies `stopped` where the host runner stopped, and the buffer it outputs
    matches the host's on every invoke."""
    needs_zephyr()
    from stateful_models import circular_buffer_stream

    model = tmp_path / "circular.tflite"
    model.write_bytes(circular_buffer_stream(3, after=False))
    r = ztflm_test(str(model), "-p", "qemu_cortex_m3", "-n", "6", "-O", str(tmp_path / "o"))
    assert_bit_exact_in_the_host_arena(r, 6)
    results = json.loads((tmp_path / "o" / "app" / "circular" / "results.json").read_text())
    assert [v["stopped"] for v in results["vectors"]] == [True, True, False] * 2


# Hardware in the loop with QEMU as the board (scripts/qemu_device.py): twister's device path,
# `west flash` through the board's misc-flasher runner and a serial line included.

QEMU_DEVICE = ROOT / "scripts" / "qemu_device.py"


def device_env(tmp_path: Path) -> dict[str, str]:
    """This test's own emulated boards: `west flash` and the serial side meet here."""
    return dict(os.environ, ZTFLM_QEMU_DEVICE=str(tmp_path / "devices"))


@pytest.mark.nosan
def test_device_testing_with_a_hardware_map_runs_on_the_emulated_board(tmp_path) -> None:  # type: ignore[no-untyped-def]
    needs_zephyr()
    hw_map = tmp_path / "map.yaml"
    hw_map.write_text(yaml.safe_dump([{
        "connected": True, "id": "qemu-mps2-an386", "platform": "mps2_an386",
        "product": "QEMU mps2-an386", "runner": "misc-flasher",
        "serial_pty": f"{QEMU_DEVICE} pty --machine mps2-an386"}]))
    r = ztflm_test(str(shared_model("mlperf_kws_dscnn_int8")), "-p", "mps2_an386", "-n", "2",
                   "--device-testing", "--hardware-map", str(hw_map), "--profile",
                   "-O", str(tmp_path / "o"), env=device_env(tmp_path))
    assert_bit_exact_in_the_host_arena(r, 2)
    assert "kernels: arm_dsp" in r.stdout
    assert re.search(r"^  CONV_2D +\d+ +\d+ +\d+\.\d%$", r.stdout, re.M)
    flashed = json.loads((tmp_path / "devices" / "mps2-an386" / "flashed.json").read_text())
    assert flashed["count"] == 1  # west flash ran once, through the board's runner


@pytest.mark.nosan
def test_device_testing_with_a_serial_pty_runs_on_the_emulated_board(tmp_path) -> None:  # type: ignore[no-untyped-def]
    needs_zephyr()
    r = ztflm_test(str(shared_model("tflm_hello_world_int8")), "-p", "mps2_an500", "-n", "3",
                   "--device-testing", "--device-serial-pty",
                   f"{QEMU_DEVICE} pty --machine mps2-an500", "-O", str(tmp_path / "o"),
                   env=device_env(tmp_path))
    assert_bit_exact_in_the_host_arena(r, 3)
    assert "kernels: arm_dsp" in r.stdout
    assert (tmp_path / "devices" / "mps2-an500" / "image.elf").is_file()
