#!/usr/bin/env python3
"""Builds a host runtime library: any kernel overlay, the sanitizers, build options (-D), so
the host tests run on it (make test-py-san, test-arm-dsp, test-arm-mve, test-cmsis-nn).

The package's sources with the overlay's kernels (setup.runtime_sources) plus the library the
overlay delegates to (setup.external_library: CMSIS-NN from $CMSIS_NN_PATH for cmsis_nn, built
with its plain C paths on the host), linked into one shared library that ztflm loads instead of
its own when ZTFLM_LIB points at it:

    scripts/build_overlay_lib.py --overlay cmsis_nn build/overlay/libztflm_cmsis_nn.so
    ZTFLM_LIB=build/overlay/libztflm_cmsis_nn.so .venv/bin/python -m pytest tests/host

--sanitize adds AddressSanitizer and UBSan (run with LD_PRELOAD as in make test-py-san).
--sizes-for dsp|mve plans CMSIS-NN's scratch as on a core with the DSP extension (Cortex-M4,
M7, M33) or Helium (M55, M85), so `ztflm arena` with this library gives that core's arena:

    scripts/build_overlay_lib.py --overlay cmsis_nn --sizes-for dsp build/overlay/m4.so
    ZTFLM_LIB=build/overlay/m4.so .venv/bin/ztflm arena model.tflite
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from setup import CFLAGS, INCLUDE_DIRS, OVERLAYS, external_library, overlay_defines, runtime_sources  # noqa: E402

WARN = ["-Wall", "-Wextra", "-Werror", "-Wshadow", "-Wstrict-prototypes"]
SANITIZE = ["-g", "-O1", "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
            "-fno-omit-frame-pointer"]


def build(out: Path, overlay: str, sanitize: bool, sizes_for: str | None = None,
          defines: tuple[str, ...] = ()) -> Path:
    """Compiles and links the library; raises FileNotFoundError without the external library."""
    ext_sources, ext_includes = external_library(overlay)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    flags = [*CFLAGS, *(SANITIZE if sanitize else []), "-fPIC", *overlay_defines(overlay)]
    if sizes_for:
        flags.append(f"-DZTFLM_CMSIS_NN_SIZES_{sizes_for.upper()}")
    flags += [f"-D{d}" for d in defines]
    includes = [*(f"-I{ROOT / d}" for d in INCLUDE_DIRS), *(f"-I{d}" for d in ext_includes)]
    objects = []
    obj_dir = out.parent / f"{out.stem}.obj"
    obj_dir.mkdir(exist_ok=True)
    # Our sources warning-free; the external library as it is. CMSIS-NN counts on two's
    # complement where C does not promise it (negative values shifted left in its softmax, int32
    # accumulators that wrap, as TFLM's reference kernels' do and ours do explicitly): the
    # sanitizers check everything else in it and all of ours.
    ext_flags = ["-fno-sanitize=shift-base,signed-integer-overflow"] if sanitize else []
    units = [(ROOT / s, WARN) for s in runtime_sources(overlay)]
    units += [(Path(s), ext_flags) for s in ext_sources]
    procs = []
    for i, (src, warn) in enumerate(units):
        obj = obj_dir / f"{i:03d}_{src.stem}.o"
        objects.append(obj)
        procs.append(subprocess.Popen(["gcc", *flags, *warn, *includes, "-c", str(src), "-o",
                                       str(obj)]))
        if len(procs) >= 8:
            wait(procs)
    wait(procs)
    tmp = out.with_suffix(".tmp")
    subprocess.run(["gcc", "-shared", *flags, *map(str, objects), "-lm", "-o", str(tmp)],
                   check=True)
    tmp.replace(out)
    return out


def wait(procs: list[subprocess.Popen[bytes]]) -> None:
    failed = [p.args for p in procs if p.wait() != 0]
    procs.clear()
    if failed:
        raise SystemExit(f"compilation failed: {failed[0]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--overlay", default="reference", choices=OVERLAYS)
    parser.add_argument("--sanitize", action="store_true")
    parser.add_argument("-D", dest="defines", action="append", default=[], metavar="NAME=VALUE",
                        help="a build option of the runtime (zephyr_module/include/ztflm/config.h)")
    parser.add_argument("--sizes-for", choices=("dsp", "mve"),
                        help="plan cmsis_nn scratch as on a DSP or a Helium core")
    args = parser.parse_args()
    if args.sizes_for and args.overlay != "cmsis_nn":
        parser.error("--sizes-for applies to the cmsis_nn overlay")
    try:
        out = build(args.out, args.overlay, args.sanitize, args.sizes_for, tuple(args.defines))
    except FileNotFoundError as e:
        print(f"build_overlay_lib: {e}", file=sys.stderr)
        return 2
    print(f"built {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
