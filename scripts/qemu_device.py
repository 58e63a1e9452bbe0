#!/usr/bin/env python3
"""QEMU as a board on a serial line, so twister's hardware path (--device-testing: flash with
`west flash`, then talk over a serial port) runs on a machine without boards.

    qemu_device.py BUILD_DIR flash --machine M --cpu C   west flash (the misc-flasher runner of
                                                         boards/arm/mps2_qemu) "flashes" the image
    qemu_device.py pty --machine M                       twister --device-serial-pty: this
                                                         process's stdin/stdout is the serial line
    qemu_device.py serve --machine M                     a board behind a pseudo-terminal, for
                                                         twister --device-serial PATH (the path it
                                                         prints) or a hardware map's serial:

Flashing copies zephyr.elf into the device directory (--device-root, or $ZTFLM_QEMU_DEVICE,
default <tmp>/ztflm-qemu-device, then one directory per machine) and bumps a counter; the
serial side (pty or serve) restarts QEMU on the new image whenever the counter moves, as a
board resets after a flash. Like a board, it runs nothing until it is flashed, and whatever
the host sends meanwhile is lost. Standard library only: west runs it with any Python 3.
"""
from __future__ import annotations

import argparse
import json
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tty
from pathlib import Path
from typing import Optional

POLL_SECONDS = 0.1


class DeviceError(Exception):
    """What went wrong, in one line."""


def device_dir(root: Optional[str], machine: str) -> Path:
    base = root or os.environ.get("ZTFLM_QEMU_DEVICE") or \
        os.path.join(tempfile.gettempdir(), "ztflm-qemu-device")
    return Path(base) / machine


def icount_shift(build_dir: Path) -> Optional[int]:
    """The build's CONFIG_QEMU_ICOUNT_SHIFT when it runs with -icount, as `west build -t run`
    would: instruction counts, and so cycles, repeat exactly."""
    config = build_dir / "zephyr" / ".config"
    try:
        lines = config.read_text().splitlines()
    except OSError as e:
        raise DeviceError(f"no Zephyr build in {build_dir}: {e.strerror}") from None
    values = dict(line.split("=", 1) for line in lines if line.startswith("CONFIG_QEMU_ICOUNT"))
    if values.get("CONFIG_QEMU_ICOUNT") != "y" or "CONFIG_QEMU_ICOUNT_SHIFT" not in values:
        return None
    return int(values["CONFIG_QEMU_ICOUNT_SHIFT"])


def flash(build_dir: Path, machine: str, cpu: str, root: Optional[str], qemu: str) -> Path:
    """Puts the build's image and the QEMU command line into the device directory; returns
    the directory. The image and the command are replaced whole, then the counter moves."""
    image = build_dir / "zephyr" / "zephyr.elf"
    if not image.is_file():
        raise DeviceError(f"no image to flash: {image} does not exist")
    shift = icount_shift(build_dir)
    where = device_dir(root, machine)
    where.mkdir(parents=True, exist_ok=True)
    tmp = where / f"image.elf.{os.getpid()}"
    shutil.copyfile(image, tmp)
    os.replace(tmp, where / "image.elf")
    argv = [qemu, "-machine", machine, "-cpu", cpu, "-nographic", "-monitor", "none",
            "-serial", "stdio", "-kernel", str(where / "image.elf")]
    if shift is not None:
        argv += ["-icount", f"shift={shift},align=off,sleep=off"]
    _write_json(where / "qemu.json", {"argv": argv, "image": str(image)})
    _write_json(where / "flashed.json", {"count": flash_count(where) + 1, "time": time.time()})
    return where


def _write_json(path: Path, value: object) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}")
    tmp.write_text(json.dumps(value))
    os.replace(tmp, path)


def flash_count(where: Path) -> int:
    try:
        return int(json.loads((where / "flashed.json").read_text())["count"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0


class Board:
    """QEMU on the last flashed image, its console joined to one serial line (in_fd, out_fd)."""

    def __init__(self, where: Path, in_fd: int, out_fd: int) -> None:
        self.where = where
        self.in_fd = in_fd
        self.out_fd = out_fd
        self.seen = flash_count(where)
        self.qemu: Optional[subprocess.Popen[bytes]] = None

    def _start(self) -> None:
        self.stop()
        argv = json.loads((self.where / "qemu.json").read_text())["argv"]
        self.qemu = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, bufsize=0)

    def stop(self) -> None:
        if self.qemu is not None:
            self.qemu.kill()
            self.qemu.wait()
            self.qemu = None

    def step(self) -> None:
        """One round: restart on a new flash, then move what is waiting on either side."""
        count = flash_count(self.where)
        if count != self.seen:
            self.seen = count
            self._start()
        fds = [self.in_fd]
        qemu_out = None
        if self.qemu is not None and self.qemu.stdout is not None:
            qemu_out = self.qemu.stdout.fileno()
            fds.append(qemu_out)
        ready, _, _ = select.select(fds, [], [], POLL_SECONDS)
        if self.in_fd in ready:
            data = _read(self.in_fd)
            if data and self.qemu is not None and self.qemu.stdin is not None:
                try:
                    self.qemu.stdin.write(data)
                except BrokenPipeError:
                    self.stop()
        if qemu_out is not None and qemu_out in ready:
            data = _read(qemu_out)
            if data:
                os.write(self.out_fd, data)
            elif data is not None:  # QEMU ended (the image exited or faulted): off until a flash
                self.stop()

    def run(self) -> None:
        try:
            while True:
                self.step()
        finally:
            self.stop()


def _read(fd: int) -> Optional[bytes]:
    """What is waiting on fd, b"" at its end, None when a pseudo-terminal has nobody on the
    other side (EIO): nothing to move yet."""
    try:
        return os.read(fd, 4096)
    except OSError:
        time.sleep(POLL_SECONDS)
        return None


def serve(where: Path) -> None:
    """A pseudo-terminal the host opens like a board's serial port; prints its path."""
    master, slave = pty.openpty()
    tty.setraw(slave)  # bytes as they are: no echo, no line editing, no CR/LF rewriting
    link = where / "tty"
    where.mkdir(parents=True, exist_ok=True)
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(os.ttyname(slave))
    print(f"qemu_device: serial port {link} ({os.ttyname(slave)}); flash with `west flash` "
          "to run an image", flush=True)
    try:
        Board(where, master, master).run()
    finally:
        link.unlink(missing_ok=True)
        os.close(slave)


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(0)


def main(argv: Optional[list[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    build_dir = None
    if len(argv) >= 2 and argv[1] == "flash":  # misc-flasher: BUILD_DIR first
        build_dir, argv = Path(argv[0]), argv[1:]
    parser = argparse.ArgumentParser(prog="qemu_device.py", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("flash", "pty", "serve"))
    parser.add_argument("--machine", required=True, help="QEMU machine, e.g. mps2-an386")
    parser.add_argument("--cpu", help="QEMU CPU for flash, e.g. cortex-m4")
    parser.add_argument("--device-root", help="where the emulated boards keep their images")
    parser.add_argument("--qemu", default="qemu-system-arm", help="the QEMU binary")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    where = device_dir(args.device_root, args.machine)
    try:
        if args.command == "flash":
            if build_dir is None or not args.cpu:
                raise DeviceError("flash needs the build directory first and --cpu")
            where = flash(build_dir, args.machine, args.cpu, args.device_root, args.qemu)
            print(f"qemu_device: flashed {build_dir / 'zephyr' / 'zephyr.elf'} to the emulated "
                  f"{args.machine} ({where})")
        elif args.command == "pty":
            where.mkdir(parents=True, exist_ok=True)
            Board(where, sys.stdin.fileno(), sys.stdout.fileno()).run()
        else:
            serve(where)
    except DeviceError as e:
        print(f"qemu_device: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
