"""Builds the C runtime into the ztflm package: the same sources the firmware compiles."""
from __future__ import annotations

from pathlib import Path

from setuptools import Extension, setup

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


def runtime_sources() -> list[str]:
    """Every C source of the host library, relative to the repository root."""
    return [
        str(p.relative_to(ROOT))
        for d in SOURCE_DIRS
        for p in sorted((ROOT / d).glob("*.c"))
    ]


if __name__ == "__main__":
    setup(
        ext_modules=[
            Extension(
                "ztflm._native",
                sources=runtime_sources(),
                include_dirs=INCLUDE_DIRS,
                extra_compile_args=["-std=c11", "-O2", "-ffp-contract=off", "-fvisibility=default"],
                libraries=["m"],
            )
        ]
    )
