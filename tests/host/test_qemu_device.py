"""scripts/qemu_device.py, QEMU as a flashed board, with a stand-in emulator: what `west flash`
leaves in the device directory, and the serial side starting, feeding and restarting the
emulator on every flash (the real QEMU runs in make test-zephyr)."""
from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
import tty
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "qemu_device.py"

# Says which image it "boots", then echoes every line upper-cased, as a console would.
FAKE_QEMU = f"""#!{sys.executable}
import sys
image = sys.argv[sys.argv.index("-kernel") + 1]
sys.stdout.write("booted " + open(image).read() + "\\n")
sys.stdout.flush()
for line in sys.stdin:
    sys.stdout.write(line.upper())
    sys.stdout.flush()
"""


def build_dir(tmp_path: Path, image: str, icount: bool = True) -> Path:
    build = tmp_path / f"build-{image}"
    (build / "zephyr").mkdir(parents=True)
    (build / "zephyr" / "zephyr.elf").write_text(image)
    config = "CONFIG_QEMU_ICOUNT=y\nCONFIG_QEMU_ICOUNT_SHIFT=7\n" if icount else "CONFIG_X=y\n"
    (build / "zephyr" / ".config").write_text(config)
    return build


def flash(tmp_path: Path, build: Path, qemu: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), str(build), "flash", "--machine",
                           "mps2-an386", "--cpu", "cortex-m4", "--device-root",
                           str(tmp_path / "dev"), "--qemu", str(qemu)],
                          capture_output=True, text=True, timeout=30)


@pytest.fixture
def qemu(tmp_path: Path) -> Path:
    path = tmp_path / "fake-qemu"
    path.write_text(FAKE_QEMU)
    path.chmod(0o755)
    return path


def test_flash_leaves_the_image_and_the_qemu_command(tmp_path: Path, qemu: Path) -> None:
    r = flash(tmp_path, build_dir(tmp_path, "one"), qemu)
    assert r.returncode == 0, r.stderr
    where = tmp_path / "dev" / "mps2-an386"
    assert (where / "image.elf").read_text() == "one"
    argv = json.loads((where / "qemu.json").read_text())["argv"]
    assert argv[:5] == [str(qemu), "-machine", "mps2-an386", "-cpu", "cortex-m4"]
    assert argv[argv.index("-icount") + 1] == "shift=7,align=off,sleep=off"
    assert json.loads((where / "flashed.json").read_text())["count"] == 1
    assert flash(tmp_path, build_dir(tmp_path, "two", icount=False), qemu).returncode == 0
    assert json.loads((where / "flashed.json").read_text())["count"] == 2
    assert "-icount" not in json.loads((where / "qemu.json").read_text())["argv"]


def test_flash_without_an_image_is_one_line_and_status_2(tmp_path: Path, qemu: Path) -> None:
    r = flash(tmp_path, tmp_path / "nothing", qemu)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "no image to flash" in r.stderr


def read_until(fd: int, text: bytes, timeout: float = 20.0) -> bytes:
    got = b""
    end = time.monotonic() + timeout
    while text not in got and time.monotonic() < end:
        if select.select([fd], [], [], 0.2)[0]:
            got += os.read(fd, 4096)
    assert text in got, got
    return got


def test_pty_mode_runs_each_flashed_image_behind_the_serial_line(tmp_path: Path,
                                                                  qemu: Path) -> None:
    master, slave = pty.openpty()
    tty.setraw(slave)
    board = subprocess.Popen([sys.executable, str(SCRIPT), "pty", "--machine", "mps2-an386",
                              "--device-root", str(tmp_path / "dev")],
                             stdin=master, stdout=master, stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.5)  # like twister: the serial line is open before the flash
        assert flash(tmp_path, build_dir(tmp_path, "one"), qemu).returncode == 0
        read_until(slave, b"booted one")
        os.write(slave, b"ztflm info\n")
        read_until(slave, b"ZTFLM INFO")
        assert flash(tmp_path, build_dir(tmp_path, "two"), qemu).returncode == 0
        read_until(slave, b"booted two")  # a new flash restarts the emulator on the new image
    finally:
        board.terminate()
        assert board.wait(timeout=10) == 0
        os.close(master)
        os.close(slave)
