"""Builds the C runtime into the ztflm package: the same sources the firmware compiles."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
INCLUDE_DIRS = ["zephyr_module/include", "zephyr_module/kernels"]
SOURCE_DIRS = [
    "zephyr_module/src",
    "zephyr_module/kernels/common",
    "zephyr_module/kernels/ops",
    "zephyr_module/kernels/reference",
    "zephyr_module/port/host",
    "west_commands/ztflm/_native",
]
# Python's own CFLAGS carry -fwrapv: undo it, so signed overflow stays what it is on the
# targets (undefined, and caught by the sanitizer runs) instead of silently wrapping.
CFLAGS = ["-std=c11", "-O2", "-ffp-contract=off", "-fno-wrapv", "-fvisibility=default"]


# Optimized kernel overlays: zephyr_module/kernels/<overlay>/X.c replaces reference/X.c
# (same functions, same signatures). The Zephyr CMake and the Makefile apply the same rule.
OVERLAYS = ("reference", "arm_dsp", "arm_mve", "cmsis_nn")
KERNELS = "zephyr_module/kernels"


def kernel_sources(overlay: str = "reference") -> list[str]:
    """The compute-kernel sources of an overlay: its own files plus the reference files it
    does not replace, relative to the repository root."""
    if overlay not in OVERLAYS:
        raise ValueError(f"unknown kernel overlay {overlay!r}: one of {', '.join(OVERLAYS)}")
    reference = sorted((ROOT / KERNELS / "reference").glob("*.c"))
    if overlay == "reference":
        return [str(p.relative_to(ROOT)) for p in reference]
    own = sorted((ROOT / KERNELS / overlay).glob("*.c"))
    # Registered variants add to the reference ones; a file not yet converted to the op layer
    # (no ZTFLM_VARIANT in it) replaces its namesake.
    names = {p.name for p in own if "ZTFLM_VARIANT(" not in p.read_text()}
    kept = [p for p in reference if p.name not in names]
    return [str(p.relative_to(ROOT)) for p in sorted(kept + own)]


def external_library(overlay: str) -> tuple[list[str], list[str]]:
    """(sources, include dirs) of the third-party library an overlay delegates to, as absolute
    paths: CMSIS-NN from $CMSIS_NN_PATH for cmsis_nn, nothing for the others. It is never
    vendored; FileNotFoundError says how to provide it."""
    if overlay != "cmsis_nn":
        return [], []
    root = Path(os.environ.get("CMSIS_NN_PATH", "")).expanduser()
    header = root / "Include" / "arm_nnfunctions.h"
    if not os.environ.get("CMSIS_NN_PATH") or not header.is_file():
        raise FileNotFoundError(
            "the cmsis_nn overlay needs a CMSIS-NN source tree: set CMSIS_NN_PATH to a checkout "
            "of github.com/ARM-software/CMSIS-NN (it must hold Include/arm_nnfunctions.h)")
    # The int8 families the overlay calls (as Zephyr's cmsis-nn module selects them).
    patterns = ["ConvolutionFunctions/*_s8*.c", "FullyConnectedFunctions/*_s8.c",
                "NNSupportFunctions/*_s8*.c", "NNSupportFunctions/arm_nntables.c",
                "NNSupportFunctions/arm_q7_to_q15_with_offset.c", "PoolingFunctions/*_s8.c",
                "BasicMathFunctions/*_s8.c", "SoftmaxFunctions/*_s8*.c"]
    sources = sorted({str(p) for pattern in patterns for p in (root / "Source").glob(pattern)
                      if "lstm" not in p.name and "svdf" not in p.name})
    return sources, [str(root / "Include")]


def overlay_defines(overlay: str) -> list[str]:
    """The macro that puts an overlay's variants ahead of the reference ones in the operators'
    descriptors (ztflm/op.h)."""
    return [] if overlay == "reference" else [f"-DZTFLM_OVERLAY_{overlay.upper()}=1"]


def runtime_sources(overlay: str = "reference") -> list[str]:
    """Every C source of the host library, relative to the repository root."""
    sources = []
    for d in SOURCE_DIRS:
        if d == f"{KERNELS}/reference":
            sources += kernel_sources(overlay)
        else:
            sources += [str(p.relative_to(ROOT)) for p in sorted((ROOT / d).glob("*.c"))]
    return sources


class BuildExt(build_ext):
    """Replaces the library by renaming, never by rewriting it: a test run that has the old
    one loaded keeps its copy instead of crashing on a file changed under it. Each library
    compiles into its own folder: the same source gives another object per overlay."""

    def build_extension(self, ext: Extension) -> None:
        shared_temp = self.build_temp
        self.build_temp = os.path.join(shared_temp, ext.name)
        try:
            super().build_extension(ext)
        finally:
            self.build_temp = shared_temp

    def copy_file(self, infile: Any, outfile: Any, *args: Any, **kwargs: Any) -> Any:
        if os.path.isdir(outfile):
            outfile = os.path.join(outfile, os.path.basename(infile))
        tmp = f"{outfile}.{os.getpid()}.tmp"
        result = super().copy_file(infile, tmp, *args, **kwargs)
        os.replace(tmp, outfile)
        return outfile, result[1]


def extensions() -> list[Extension]:
    """The reference library (ztflm._native) and one per overlay that builds on this host
    (ztflm._native_<overlay>: its plain C paths off Arm, the same scratch sizes and so the
    same exact arena as on the device); cmsis_nn only with CMSIS_NN_PATH."""
    built = []
    for overlay in OVERLAYS:
        if overlay != "reference" and not any((ROOT / KERNELS / overlay).glob("*.c")):
            continue
        try:
            ext_sources, ext_includes = external_library(overlay)
        except FileNotFoundError:
            continue
        name = "ztflm._native" if overlay == "reference" else f"ztflm._native_{overlay}"
        built.append(Extension(name, sources=runtime_sources(overlay) + ext_sources,
                               include_dirs=INCLUDE_DIRS + ext_includes,
                               extra_compile_args=CFLAGS + overlay_defines(overlay),
                               libraries=["m"]))
    return built


if __name__ == "__main__":
    setup(ext_modules=extensions(), cmdclass={"build_ext": BuildExt})
