"""What a user installs: the sdist and the wheel built from it (`python -m build`), each
installed into a fresh virtual environment outside the checkout, run the CLI from there:
`ztflm info`, `ztflm run --compare-tflm` (bit-exact with TFLM), `ztflm convert`, `ztflm arena
--kernels` and `ztflm test --generate-only` (its application and Zephyr module are package
data), and a missing runtime library is the CLI's one-line error."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT.parent / "shared" / "models"
MODEL = MODELS / "tflm_hello_world_int8.tflite"


def clean_env() -> dict[str, str]:
    """The environment without anything that points ztflm at the checkout."""
    drop = ("ZTFLM_LIB", "ZTFLM_KERNELS", "PYTHONPATH", "VIRTUAL_ENV", "CMSIS_NN_PATH")
    return {k: v for k, v in os.environ.items() if k not in drop}


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sdist, and the wheel python -m build makes from it."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], check=True,
                   stdout=subprocess.DEVNULL, env=clean_env(), cwd=out)
    (sdist,), (wheel,) = out.glob("ztflm-*.tar.gz"), out.glob("ztflm-*.whl")
    return {"sdist": sdist, "wheel": wheel}


@pytest.fixture(scope="module")
def venvs(dists, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    """A fresh venv outside the checkout per distribution, with it and TFLM (for
    --compare-tflm) installed: the folder, made when a test first asks for it."""
    made: dict[str, Path] = {}

    class Venvs(dict):  # type: ignore[type-arg]
        def __missing__(self, kind: str) -> Path:
            where = tmp_path_factory.mktemp(f"venv-{kind}")
            subprocess.run([sys.executable, "-m", "venv", str(where)], check=True,
                           env=clean_env())
            subprocess.run([str(where / "bin" / "python"), "-m", "pip", "install", "-q",
                            f"{dists[kind]}[tflm]"], check=True, env=clean_env(), cwd=where)
            self[kind] = where
            return where

    return Venvs(made)


def ztflm(bindir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bindir / "ztflm"), *args], capture_output=True, text=True,
                          env=clean_env(), cwd=cwd)


def checkout_ztflm(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The same command from this checkout's package, for what the installed one must print."""
    return subprocess.run([sys.executable, "-m", "ztflm", *args], capture_output=True,
                          text=True, env=clean_env(), cwd=cwd, check=True)


def test_wheel_is_tagged_for_a_ctypes_library_and_holds_what_it_runs(dists) -> None:  # type: ignore[no-untyped-def]
    wheel = dists["wheel"]
    # py3-none-<platform>: plain shared libraries, no CPython extension, so no ABI tag.
    assert re.fullmatch(r"ztflm-[\d.]+-py3-none-(linux|macosx|win)_\w+\.whl", wheel.name)
    names = zipfile.ZipFile(wheel).namelist()
    assert {"ztflm/_native.so", "ztflm/_native_arm_dsp.so", "ztflm/_native_arm_mve.so",
            "ztflm/device_app/device_app.cmake", "ztflm/device_app/src/main.c",
            "ztflm/module/zephyr/module.yml", "ztflm/module/zephyr_module/CMakeLists.txt",
            "ztflm/module/zephyr_module/cmake/ztflm_sources.cmake"} <= set(names)
    assert not [n for n in names if "cpython" in n or n.startswith("tests/")]
    metadata = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    required = re.findall(r"^Requires-Dist: (\S+)$", metadata, re.M)
    assert required == ["numpy"]  # everything else is an extra (tflm, dev)


def test_sdist_holds_the_sources_and_headers_the_build_needs(dists) -> None:  # type: ignore[no-untyped-def]
    with tarfile.open(dists["sdist"]) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    assert {"CMakeLists.txt", "pyproject.toml", "zephyr_module/include/ztflm/ztflm.h",
            "zephyr_module/src/fb.h", "zephyr_module/kernels/ops/conv_2d.h",
            "zephyr_module/kernels/arm_dsp/dsp.h", "west_commands/ztflm/_native/shim.c",
            "cmake/ztflm_replace.cmake", "zephyr/module.yml"} <= names
    assert not [n for n in names if n.endswith((".so", ".pyc")) or n.startswith("tests/")]


@pytest.mark.parametrize("kind", ["wheel", "sdist"])
def test_installed_cli_runs_outside_the_checkout(venvs, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    venv = venvs[kind]
    bindir = venv / "bin"
    work = tmp_path
    where = subprocess.run([str(bindir / "python"), "-c", "import ztflm; print(ztflm.__file__)"],
                           capture_output=True, text=True, env=clean_env(), cwd=work, check=True)
    package = Path(where.stdout.strip()).parent
    assert package.is_relative_to(venv)

    # What the checkout's package prints, to the byte (the same runtime, the same plan).
    info = ztflm(bindir, "info", str(MODEL), cwd=work)
    assert info.returncode == 0, info.stderr
    assert re.search(r"^arena: \d+ bytes", info.stdout, re.M)
    assert info.stdout == checkout_ztflm("info", str(MODEL), cwd=work).stdout

    run = ztflm(bindir, "run", str(MODEL), "--compare-tflm", cwd=work)
    assert run.returncode == 0, run.stderr
    assert "output 0: bit-exact with TFLM" in run.stdout

    kws = str(MODELS / "mlperf_kws_dscnn_int8.tflite")
    convert = ztflm(bindir, "convert", kws, "-o", str(work / "src"), "--name", "kws", cwd=work)
    assert convert.returncode == 0, convert.stderr
    checkout_ztflm("convert", kws, "-o", str(work / "checkout"), "--name", "kws", cwd=work)
    for name in ("kws.c", "kws.h"):
        assert (work / "src" / name).read_bytes() == (work / "checkout" / name).read_bytes()
    assert "kws_ARENA_SIZE" in (work / "src" / "kws.h").read_text()
    # The C compiles against the headers of the module installed with the package.
    subprocess.run(["gcc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-c",
                    f"-I{package / 'module' / 'zephyr_module' / 'include'}", "kws.c", "-o",
                    "kws.o"], check=True, cwd=work / "src")

    # Every overlay the package built plans its own scratch.
    arena = ztflm(bindir, "arena", kws, "--kernels", "arm_dsp", "--kconfig", cwd=work)
    assert arena.returncode == 0, arena.stderr
    assert re.search(r"CONFIG_ZTFLM_ARENA_SIZE=\d+", arena.stdout)
    assert arena.stdout == checkout_ztflm("arena", kws, "--kernels", "arm_dsp", "--kconfig",
                                          cwd=work).stdout

    # The device test application: the package's template around the installed module.
    test = ztflm(bindir, "test", str(MODEL), "--generate-only", "-O", str(work / "dut"), cwd=work)
    assert test.returncode == 0, test.stderr
    cmake = (work / "dut" / "app" / "tflm_hello_world_int8" / "CMakeLists.txt").read_text()
    used = [Path(p) for p in re.findall(r"^include\((\S+)\)", cmake, re.M)]
    used += [Path(p) for p in re.findall(r"ZEPHYR_EXTRA_MODULES (\S+)\)", cmake)]
    assert len(used) == 4 and all(p.is_relative_to(venv) and p.exists() for p in used), cmake


# Last: it breaks the wheel's venv.
def test_missing_runtime_library_is_one_line_and_status_2(venvs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (lib,) = venvs["wheel"].glob("lib/python*/site-packages/ztflm/_native.so")
    lib.unlink()
    r = ztflm(venvs["wheel"] / "bin", "info", str(MODEL), cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.startswith("ztflm: error: the C runtime library _native is missing from ")
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
