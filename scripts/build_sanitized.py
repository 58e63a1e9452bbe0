#!/usr/bin/env python3
"""Builds the host runtime library with AddressSanitizer and UBSan, for `make test-py-san`.

The same sources as the package build (setup.py's list), linked into one shared library
that ztflm loads instead of its own when ZTFLM_LIB points at it. `--overlay NAME` builds it
with a kernel overlay (setup.kernel_sources), so the host tests run on the optimized kernels;
`-D NAME=VALUE` with a build option (config.h).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from setup import INCLUDE_DIRS, OVERLAYS, runtime_sources  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--overlay", default="reference", choices=OVERLAYS)
    parser.add_argument("-D", dest="defines", action="append", default=[], metavar="NAME=VALUE",
                        help="a build option of the runtime (zephyr_module/include/ztflm/config.h)")
    args = parser.parse_args()
    out = args.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    cmd = [
        "gcc", "-std=c11", "-shared", "-fPIC", "-g", "-O1", "-ffp-contract=off",
        "-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer",
        *[f"-D{d}" for d in args.defines],
        *[f"-I{ROOT / d}" for d in INCLUDE_DIRS],
        *[str(ROOT / s) for s in runtime_sources(args.overlay)],
        "-lm", "-o", str(out),
    ]
    subprocess.run(cmd, check=True)
    print(f"built {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
