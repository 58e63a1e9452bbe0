"""--kernels: `ztflm arena` and `ztflm convert` plan with an overlay's scratch memory, from the
host library built with that overlay (the arena the device needs with those kernels)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from shared_models import MODELS

from ztflm import _lib

pytestmark = pytest.mark.nosan  # runs the CLI and the libraries in subprocesses

KWS = MODELS / "mlperf_kws_dscnn_int8.tflite"
OVERLAYS = [k for k in _lib.available_kernels() if k != "reference"]


def ztflm(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("ZTFLM_LIB", "ZTFLM_KERNELS")}
    return subprocess.run([sys.executable, "-m", "ztflm", *args], capture_output=True,
                          text=True, env=env)


def api_arena(kernels: str) -> int:
    """The Python API's exact arena in a process that loads the overlay's library."""
    code = ("import ztflm; print(ztflm.Interpreter.from_file("
            f"{str(KWS)!r}).arena_used_bytes())")
    env = {k: v for k, v in os.environ.items() if k != "ZTFLM_LIB"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**env, "ZTFLM_KERNELS": kernels}, check=True)
    return int(out.stdout)


def kconfig_arena(kernels: str) -> int:
    r = ztflm("arena", str(KWS), "--kernels", kernels, "--kconfig")
    assert r.returncode == 0, r.stderr
    choice = f"CONFIG_ZTFLM_KERNELS_{kernels.upper()}=y"
    m = re.fullmatch(rf"# .*\nCONFIG_ZTFLM_ARENA_SIZE=(\d+)\n{choice}\n", r.stdout)
    assert m, r.stdout
    return int(m.group(1))


def test_the_package_builds_the_overlays_this_host_can() -> None:
    assert {"reference", "arm_dsp", "arm_mve"} <= set(_lib.available_kernels())


@pytest.mark.parametrize("kernels", OVERLAYS)
def test_arena_with_an_overlay_is_that_overlays_exact_arena(kernels: str) -> None:
    # KWS's convolutions take scratch in the optimized kernels: the arena grows by it.
    assert kconfig_arena(kernels) == api_arena(kernels)
    assert kconfig_arena(kernels) > kconfig_arena("reference")
    r = ztflm("arena", str(KWS), "--kernels", kernels, "--no-tflm")
    assert f"kernels: {kernels} (the arena includes its scratch memory)" in r.stdout


@pytest.mark.parametrize("kernels", OVERLAYS)
def test_convert_writes_the_overlays_arena(kernels: str, tmp_path: Path) -> None:
    r = ztflm("convert", str(KWS), "-o", str(tmp_path), "--name", "kws", "--kernels", kernels)
    assert r.returncode == 0, r.stderr
    header = (tmp_path / "kws.h").read_text()
    assert f"#define kws_ARENA_SIZE {kconfig_arena(kernels)}u" in header
    assert f"with the {kernels} kernels" in header
    assert f'#define kws_ARENA_KERNELS "{kernels}"' in header
    source = (tmp_path / "kws.c").read_text()
    assert f"BUILD_ASSERT(IS_ENABLED(CONFIG_ZTFLM_KERNELS_{kernels.upper()})" in source


@pytest.mark.parametrize("kernels", ["bogus", "arm_dsp "])
def test_kernels_not_built_are_one_line_and_status_2(kernels: str) -> None:
    r = ztflm("arena", str(KWS), "--kernels", kernels)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1
    assert f"kernels {kernels!r} are not built into this package" in r.stderr


def test_kernels_cannot_change_once_the_runtime_is_loaded() -> None:
    code = ("import ztflm; from ztflm import _lib; ztflm.Interpreter.from_file("
            f"{str(KWS)!r}); _lib.use_kernels('arm_dsp')")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode != 0
    assert "kernels 'reference' are already in use in this process" in r.stderr
