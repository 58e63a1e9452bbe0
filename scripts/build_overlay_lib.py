#!/usr/bin/env python3
"""Builds a host runtime library: any kernel overlay, the sanitizers, build options (-D), so
the host tests run on it (make test-py-san, test-arm-dsp, test-arm-mve, test-cmsis-nn).

A build of the host CMake project (CMakeLists.txt: the package's own libraries, from the
build description) with those options, in a folder of its own beside OUT; the library it
makes is copied to OUT, which ztflm loads instead of its own when ZTFLM_LIB points at it:

    scripts/build_overlay_lib.py --overlay cmsis_nn build/overlay/libztflm_cmsis_nn.so
    ZTFLM_LIB=build/overlay/libztflm_cmsis_nn.so .venv/bin/python -m pytest tests/host

cmsis_nn compiles CMSIS-NN from $CMSIS_NN_PATH (its plain C paths on the host).
--sanitize adds AddressSanitizer and UBSan (run with LD_PRELOAD as in make test-py-san).
--sizes-for dsp|mve plans CMSIS-NN's scratch as on a core with the DSP extension (Cortex-M4,
M7, M33) or Helium (M55, M85), so `ztflm arena` with this library gives that core's arena:

    scripts/build_overlay_lib.py --overlay cmsis_nn --sizes-for dsp build/overlay/m4.so
    ZTFLM_LIB=build/overlay/m4.so .venv/bin/ztflm arena model.tflite
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import build_description

ROOT = Path(__file__).resolve().parents[1]


# What a firmware build (Zephyr's, when ztflm_add_model sizes a cmsis_nn arena) exports for
# its cross compiler; the host library takes the host's (HOST_CC, else CMake's default).
CROSS_VARIABLES = ("CC", "CXX", "CFLAGS", "CXXFLAGS", "CPPFLAGS", "LDFLAGS", "ASM")


def host_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CROSS_VARIABLES}
    if os.environ.get("HOST_CC"):
        env["CC"] = os.environ["HOST_CC"]
    return env


def build(out: Path, overlay: str, sanitize: bool, sizes_for: str | None = None,
          defines: tuple[str, ...] = ()) -> Path:
    """Configures (once) and builds the library; raises BuildDescriptionError without
    CMSIS-NN for cmsis_nn, CalledProcessError when CMake fails."""
    build_description.runtime(overlay)  # an unknown overlay or a missing CMSIS-NN, in one line
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    build_dir = out.parent / f"{out.name}.cmake"
    config = [f"-DZTFLM_HOST_OVERLAYS={overlay}", "-DZTFLM_WERROR=ON",
              f"-DZTFLM_SANITIZE={'ON' if sanitize else 'OFF'}",
              f"-DZTFLM_DEFINES={';'.join(defines)}",
              f"-DZTFLM_CMSIS_NN_SIZES={sizes_for or ''}",
              f"-DZTFLM_CMSIS_NN_PATH={os.environ.get('CMSIS_NN_PATH', '')}"]
    generator = ["-G", "Ninja"] if shutil.which("ninja") else []
    env = host_environment()
    subprocess.run(["cmake", "-S", str(ROOT), "-B", str(build_dir), *generator, *config],
                   check=True, stdout=subprocess.DEVNULL, env=env)
    subprocess.run(["cmake", "--build", str(build_dir), "--target", f"ztflm_native_{overlay}",
                    "--parallel", str(os.cpu_count() or 1)], check=True, env=env)
    built = next(p for p in build_dir.glob("_native*")
                 if p.is_file() and p.suffix in (".so", ".dylib", ".dll"))
    # Replaced by renaming: a test run that has the old library loaded keeps its copy.
    tmp = out.with_name(f"{out.name}.{os.getpid()}.tmp")
    shutil.copyfile(built, tmp)
    tmp.replace(out)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--overlay", default="reference", choices=build_description.overlays())
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
    except build_description.BuildDescriptionError as e:
        print(f"build_overlay_lib: {e}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as e:
        print(f"build_overlay_lib: {e.cmd[0]} failed with status {e.returncode}",
              file=sys.stderr)
        return 2
    print(f"built {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
