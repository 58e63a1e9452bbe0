"""An application outside this repository, as a firmware team writes one: it finds ztflm's
CMake helpers through west before find_package(Zephyr) (README, Zephyr quick start), and
without them gets an error that names ztflm and the fix. Needs ZEPHYR_BASE (a west workspace
with ztflm in its manifest, as scripts/setup_zephyr.sh makes); configures only."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "hello_world"

# The README's lines, verbatim: the one documented way to reach the helpers.
FIND_ZTFLM = """\
execute_process(COMMAND west list -f {abspath} ztflm WORKING_DIRECTORY $ENV{ZEPHYR_BASE}
  OUTPUT_VARIABLE ZTFLM_MODULE_DIR OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
include(${ZTFLM_MODULE_DIR}/zephyr_module/cmake/ztflm_app.cmake)
"""


def app(tmp_path: Path, find_ztflm: bool) -> Path:
    """samples/hello_world copied out of the repository, its CMakeLists rewritten."""
    where = tmp_path / "app"
    shutil.copytree(SAMPLE, where)
    (where / "CMakeLists.txt").write_text("\n".join([
        "cmake_minimum_required(VERSION 3.20.0)",
        FIND_ZTFLM if find_ztflm else "",
        "find_package(Zephyr REQUIRED HINTS $ENV{ZEPHYR_BASE})",
        "project(out_of_tree)",
        "target_sources(app PRIVATE src/main.c)",
        "ztflm_add_model(app ${CMAKE_CURRENT_LIST_DIR}/model/hello_world_int8.tflite "
        "NAME hello_world)",
        "",
    ]))
    return where


def configure(where: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.setdefault("ZEPHYR_TOOLCHAIN_VARIANT", "gnuarmemb")
    env.setdefault("GNUARMEMB_TOOLCHAIN_PATH", "/usr")
    return subprocess.run(["west", "build", "-b", "qemu_cortex_m3", "-d", str(tmp_path / "b"),
                           str(where), "--cmake-only"],
                          capture_output=True, text=True, timeout=600, env=env,
                          cwd=os.environ["ZEPHYR_BASE"])


@pytest.fixture
def zephyr() -> None:
    if not os.environ.get("ZEPHYR_BASE") or not shutil.which("west"):
        pytest.skip("SKIPPED: ZEPHYR_BASE is not set (or no west); this needs a Zephyr 4.x "
                    "workspace (scripts/setup_zephyr.sh)")


@pytest.mark.nosan
def test_out_of_tree_app_finds_the_helpers_through_west(zephyr, tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = configure(app(tmp_path, find_ztflm=True), tmp_path)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    config = (tmp_path / "b" / "zephyr" / ".config").read_text()
    assert "CONFIG_PICOLIBC=y" in config


@pytest.mark.nosan
def test_forgetting_the_helpers_is_an_error_naming_ztflm_and_the_fix(zephyr, tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = configure(app(tmp_path, find_ztflm=False), tmp_path)
    assert r.returncode != 0
    out = r.stdout + r.stderr
    assert "ztflm: CONFIG_ZTFLM needs a full C library" in out
    assert "ztflm_app.cmake" in out and "picolibc" in out
    assert "Retargetable locking must be enabled" not in out
