"""Strings from the model in the runtime's messages (issue 11): a custom op's name is written
with every byte outside printable ASCII as \\xNN, so an error stays one line and cannot forge
a second one or drive the terminal; the CLI prints it as one line on stderr, and so does the
host port's log hook (ZTFLM_LOG)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from malformed import HOSTILE_NAME, custom_op

import ztflm
from ztflm import cli


def error_of(data: bytes) -> ztflm.Error:
    with pytest.raises(ztflm.Error) as err:
        ztflm.Interpreter.from_bytes(data, arena_size=1 << 16)
    assert err.value.code == ztflm.Status.UNSUPPORTED
    return err.value


def test_control_characters_in_a_custom_op_name_are_escaped() -> None:
    message = str(error_of(custom_op(HOSTILE_NAME)))
    assert message == ("CUSTOM (builtin 32) at node 0: custom operator "
                       "'Evil\\x0aztflm: error: forged\\x0d\\x1b[2J' is not registered in the "
                       "op resolver")


@pytest.mark.parametrize("name,shown", [
    ("tab\there", "tab\\x09here"),
    ("nul\0inside", "nul\\x00inside"),         # the whole name, as the resolver compares it
    ("back\\slash", "back\\\\slash"),           # so \x0a in a name is not a newline shown
    ("caf\u00e9\u009b", "caf\\xc3\\xa9\\xc2\\x9b"),  # UTF-8 bytes, C1 controls among them
    ("del\x7f", "del\\x7f"),
])
def test_every_byte_outside_printable_ascii_is_written_as_hex(name: str, shown: str) -> None:
    message = str(error_of(custom_op(name)))
    assert f"custom operator '{shown}' is not registered" in message
    assert all(" " <= ch <= "~" for ch in message), message


@pytest.mark.parametrize("command", [["run"], ["arena", "--no-tflm"], ["convert", "-o", "src"]])
def test_cli_error_for_a_hostile_custom_op_name_is_one_line(
        command: list[str], tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    model = tmp_path / "evil.tflite"
    model.write_bytes(custom_op(HOSTILE_NAME))
    args = [command[0], str(model), *command[1:]]
    if command[0] == "convert":
        args[-1] = str(tmp_path / "src")
    assert cli.main(args) == 2
    lines = capfd.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ztflm: error: "), lines
    assert "\\x0aztflm: error: forged\\x0d\\x1b[2J" in lines[0]
    assert not (tmp_path / "src").exists()


@pytest.mark.nosan  # subprocesses
def test_python_m_ztflm_and_the_host_log_hook_print_one_line_each(tmp_path: Path) -> None:
    """The real process: stderr has the CLI's line and, with ZTFLM_LOG set, the host port's
    own (port/host), each one line."""
    model = tmp_path / "evil.tflite"
    model.write_bytes(custom_op(HOSTILE_NAME))
    for log, prefixes in ((None, ["ztflm: error: "]),
                          ("1", ["ztflm: CUSTOM (builtin 32)", "ztflm: error: "])):
        env = {k: v for k, v in os.environ.items() if k != "ZTFLM_LOG"}
        if log:
            env["ZTFLM_LOG"] = log
        r = subprocess.run([sys.executable, "-m", "ztflm", "run", str(model)],
                           capture_output=True, env=env, timeout=120)
        lines = r.stderr.decode().splitlines()
        assert r.returncode == 2
        assert [line[:len(p)] for line, p in zip(lines, prefixes)] == prefixes, lines
        assert len(lines) == len(prefixes), lines
