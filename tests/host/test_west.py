"""The west extension commands tflm-info, tflm-arena, tflm-convert in an offline workspace whose
manifest repository is this project's west.yml and west-commands.yml (no network)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ztflm import Interpreter

pytestmark = pytest.mark.nosan  # west runs in subprocesses

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT.parent / "shared" / "models"
HELLO = MODELS / "tflm_hello_world_int8.tflite"


def _west() -> str:
    beside = Path(sys.executable).parent / "west"
    found = str(beside) if beside.exists() else shutil.which("west")
    if not found:
        pytest.skip("west is not installed")
    return found


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """topdir/ztflm holds copies of west.yml and west_commands/ (west-commands.yml and the
    command module); `west init -l` makes topdir a workspace."""
    if not HELLO.exists():
        pytest.skip(f"{HELLO} not present")
    top = tmp_path_factory.mktemp("ws")
    manifest = top / "ztflm"
    (manifest / "west_commands").mkdir(parents=True)
    shutil.copy(ROOT / "west.yml", manifest / "west.yml")
    for name in ("west-commands.yml", "ztflm_west.py"):
        shutil.copy(ROOT / "west_commands" / name, manifest / "west_commands" / name)
    r = west(top, "init", "-l", str(manifest))
    assert r.returncode == 0, r.stderr
    return top


def west(top: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, WEST_CONFIG_GLOBAL=str(top / "no-global-config"))
    env.pop("ZEPHYR_BASE", None)
    return subprocess.run([_west(), *args], cwd=top, env=env, capture_output=True, text=True)


def test_west_help_lists_the_three_commands(workspace: Path) -> None:
    r = west(workspace, "help")
    assert r.returncode == 0, r.stderr
    for name in ("tflm-info", "tflm-arena", "tflm-convert"):
        assert name in r.stdout


def test_west_tflm_info_is_ztflm_info(workspace: Path) -> None:
    r = west(workspace, "tflm-info", str(HELLO))
    assert r.returncode == 0, r.stderr
    ours = subprocess.run([sys.executable, "-m", "ztflm", "info", str(HELLO)],
                          capture_output=True, text=True)
    assert r.stdout == ours.stdout


def test_west_tflm_arena_kconfig_is_the_exact_arena(workspace: Path) -> None:
    r = west(workspace, "tflm-arena", str(HELLO), "--kconfig")
    assert r.returncode == 0, r.stderr
    exact = Interpreter.from_file(HELLO).arena_used_bytes()
    assert f"\nCONFIG_ZTFLM_ARENA_SIZE={exact}\nCONFIG_ZTFLM_KERNELS_REFERENCE=y\n" in r.stdout


def test_west_tflm_convert_writes_c_and_header(workspace: Path, tmp_path: Path) -> None:
    r = west(workspace, "tflm-convert", str(HELLO), "-o", str(tmp_path), "--name", "hello")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "hello.c").exists()
    h = (tmp_path / "hello.h").read_text()
    assert f"#define hello_ARENA_SIZE {Interpreter.from_file(HELLO).arena_used_bytes()}u" in h


def test_west_error_is_one_line_status_2(workspace: Path, tmp_path: Path) -> None:
    r = west(workspace, "tflm-info", str(tmp_path / "missing.tflite"))
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [
        f"ztflm: error: cannot read model {tmp_path / 'missing.tflite'}: No such file or directory"]


@pytest.fixture(scope="module")
def app_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A firmware project's workspace: its own manifest repository lists ztflm as a project
    (fetched from this repository over file://, no network) with `import: true`."""
    if not HELLO.exists():
        pytest.skip(f"{HELLO} not present")
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True,
                          text=True)
    if head.returncode != 0:
        pytest.skip("not a git checkout")
    top = tmp_path_factory.mktemp("appws")
    app = top / "app"
    app.mkdir()
    (app / "west.yml").write_text(
        "manifest:\n"
        "  projects:\n"
        "    - name: ztflm\n"
        f"      url: file://{ROOT}\n"
        f"      revision: {head.stdout.strip()}\n"
        "      path: modules/lib/ztflm\n"
        "      import: true\n"
        "  self:\n"
        "    path: app\n")
    r = west(top, "init", "-l", str(app))
    assert r.returncode == 0, r.stderr
    r = west(top, "update")
    assert r.returncode == 0, r.stderr
    return top


def test_a_project_importing_ztflm_gets_the_commands(app_workspace: Path) -> None:
    r = west(app_workspace, "help")
    assert r.returncode == 0, r.stderr
    for name in ("tflm-info", "tflm-arena", "tflm-convert"):
        assert name in r.stdout
    r = west(app_workspace, "tflm-arena", str(HELLO), "--kconfig")
    assert r.returncode == 0, r.stderr
    arena = Interpreter.from_file(HELLO).arena_used_bytes()
    assert f"\nCONFIG_ZTFLM_ARENA_SIZE={arena}\n" in r.stdout
