"""The build description (zephyr_module/cmake/ztflm_sources.cmake) for the Python scripts
that compile the runtime themselves (bare-metal firmware, benchmarks): its sources, include
folders and definitions for a kernel overlay and a port, from `cmake -P ztflm_list.cmake`."""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIST_SCRIPT = ROOT / "zephyr_module" / "cmake" / "ztflm_list.cmake"


class BuildDescriptionError(Exception):
    """The description refused the request (an unknown overlay, CMSIS-NN missing)."""


@dataclass(frozen=True)
class Runtime:
    """What one build of the runtime compiles: ztflm's sources with its include folders and
    definitions, and the library an overlay delegates to (CMSIS-NN for cmsis_nn)."""
    sources: tuple[Path, ...]
    includes: tuple[Path, ...]
    defines: tuple[str, ...]
    external_sources: tuple[Path, ...]
    external_includes: tuple[Path, ...]
    #: The sources (among `sources`) a build for speed compiles for size, and with what flags.
    size_sources: tuple[Path, ...] = ()
    size_flags: tuple[str, ...] = ()

    def include_flags(self) -> list[str]:
        return [f"-I{d}" for d in (*self.includes, *self.external_includes)]

    def define_flags(self) -> list[str]:
        return [f"-D{d}" for d in self.defines]


def _list(**args: str) -> list[str]:
    cmd = ["cmake", *(f"-D{k}={v}" for k, v in args.items()), "-P", str(LIST_SCRIPT)]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        reason = " ".join(line.strip() for line in p.stderr.splitlines()
                          if line.strip() and not line.startswith(("CMake Error", "Call Stack",
                                                                   "  zephyr_module")))
        raise BuildDescriptionError(reason or f"{' '.join(cmd)} failed")
    return p.stdout.splitlines()


@cache
def overlays() -> tuple[str, ...]:
    """Every kernel overlay the description knows."""
    return tuple(_list(WHAT="overlays"))


@cache
def runtime(overlay: str = "reference", port: str = "none",
            cmsis_nn_path: str | None = None) -> Runtime:
    """The runtime with an overlay and a port (host, zephyr, baremetal, or none: the
    application brings the port hooks). CMSIS-NN comes from cmsis_nn_path or $CMSIS_NN_PATH."""
    nn = cmsis_nn_path if cmsis_nn_path is not None else os.environ.get("CMSIS_NN_PATH", "")
    items: dict[str, list[str]] = {}
    for line in _list(OVERLAY=overlay, PORT=port, CMSIS_NN_PATH=nn):
        kind, _, value = line.partition(" ")
        if kind:
            items.setdefault(kind, []).append(value)
    return Runtime(tuple(Path(s) for s in items.get("source", [])),
                   tuple(Path(s) for s in items.get("include", [])),
                   tuple(items.get("define", [])),
                   tuple(Path(s) for s in items.get("external_source", [])),
                   tuple(Path(s) for s in items.get("external_include", [])),
                   tuple(Path(s) for s in items.get("size_source", [])),
                   tuple(items.get("size_flag", [])))
