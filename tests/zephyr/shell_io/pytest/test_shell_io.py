"""Twister pytest: inputs into the device over the `ztflm` shell command, every output read
back and checked bit for bit against the host runner (ztflm.Interpreter)."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

try:
    import ztflm  # noqa: F401
except ImportError:
    sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "west_commands"))

from ztflm.device_shell import DeviceError, ShellSession, check_app  # noqa: E402

log = logging.getLogger(__name__)


def test_every_output_matches_the_host_runner(shell, dut, request: pytest.FixtureRequest) -> None:  # type: ignore[no-untyped-def]
    config = Path(dut.device_config.app_build_dir) / "ztflm_test.json"
    report = check_app(dut, config, platform=str(request.config.getoption("--platform", "")))
    device = report["device"]
    log.info("ztflm: %s on %s: arena %d bytes (host %d), %d vectors bit-exact, cycles %s",
             Path(report["model"]).name, report["platform"], device["arena_used"],
             device["host_arena"], len(report["vectors"]),
             [v["cycles"] for v in report["vectors"]])
    assert report["bit_exact"]


@pytest.mark.parametrize("line,reply", [
    ("ztflm input 0 999999 00", "bytes beyond the input tensor"),
    ("ztflm input 0 0 abc", "bytes beyond the input tensor"),
    ("ztflm input 0 0 zz", "not a hex digit"),
    ("ztflm input x 0 00", "index and offset are numbers"),
    ("ztflm input 9 0 00", "-1 "),
    ("ztflm output 9", "-1 "),
])
def test_bad_commands_get_an_error_reply(shell, dut, line: str, reply: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DeviceError, match=reply):
        ShellSession(dut).command(line)
