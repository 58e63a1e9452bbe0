#!/usr/bin/env python3
"""Host benchmark: arena bytes and instructions per invoke, ztflm against TFLM, one run.

Arena: ztflm's exact arena_used_bytes() against the total the tflite-micro package's
recording allocator prints. Instructions: valgrind callgrind, inclusive cost of
ztflm_invoke() (scripts/bench_runner.c, built here at -O2 like the package) against
tflite::MicroInterpreter::Invoke() (the tflite-micro package), each averaged over two
invokes in one process, reference kernels on both sides. Prints a markdown table.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import build_description

INVOKES = 2

ROOT = Path(__file__).resolve().parents[1]

TFLM_DRIVER = r"""
import sys, numpy as np
from tflite_micro.python.tflite_micro import runtime
ip = runtime.Interpreter.from_file(sys.argv[1], arena_size=8 << 20)
rng = np.random.default_rng(0)
inputs = []
while True:
    try:
        d = ip.get_input_details(len(inputs))
    except Exception:
        break
    dt = np.dtype(d["dtype"])
    if dt.kind == "f":
        inputs.append(rng.standard_normal(d["shape"]).astype(dt))
    else:
        info = np.iinfo(dt)
        inputs.append(rng.integers(info.min, info.max, size=d["shape"], endpoint=True, dtype=dt))
for _ in range(int(sys.argv[2])):
    for i, x in enumerate(inputs):
        ip.set_input(x, i)
    ip.invoke()
"""


def build_runner(out: Path) -> Path:
    """scripts/bench_runner.c against the same runtime as the package, at -O2."""
    runtime = build_description.runtime("reference", "host")
    cmd = ["gcc", "-std=c11", "-O2", "-g", "-ffp-contract=off", *runtime.include_flags(),
           *map(str, runtime.sources),
           str(ROOT / "scripts" / "bench_runner.c"), "-lm", "-o", str(out)]
    subprocess.run(cmd, check=True)
    return out


def tflm_arena(path: Path) -> int | None:
    """TFLM's recorded arena total, read from the C-level stderr of print_allocations()."""
    code = (
        "import sys\n"
        "from tflite_micro.python.tflite_micro import runtime\n"
        "ip = runtime.Interpreter.from_file(sys.argv[1], arena_size=8 << 20)\n"
        "ip.print_allocations()\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    m = re.search(r"Arena allocation total (\d+) bytes", out.stderr + out.stdout)
    return int(m.group(1)) if m else None


def callgrind(cmd: list[str], function: str) -> float | None:
    """Inclusive instructions of function per invoke, under callgrind."""
    with tempfile.TemporaryDirectory() as tmp:
        out_file = Path(tmp) / "callgrind.out"
        full = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}",
                f"--toggle-collect={function}", *cmd]
        run = subprocess.run(full, capture_output=True, text=True)
        m = re.search(r"^summary:\s+(\d+)", out_file.read_text(), re.M) if out_file.exists() \
            else None
        if run.returncode != 0 or not m or int(m.group(1)) == 0:
            sys.stderr.write(f"bench: callgrind measured nothing for {cmd[-2]}\n")
            return None
        return int(m.group(1)) / INVOKES


def fmt_count(n: float | None) -> str:
    if n is None:
        return "n/a"
    if n >= 1e6:
        return f"{n / 1e6:.2f} M"
    if n >= 1e4:
        return f"{n / 1e3:.0f} k"
    return f"{n:,.0f}"


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}" if a and b else "n/a"


def main(argv: list[str] | None = None) -> int:
    import ztflm

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--models", type=Path, required=True, help="folder of .tflite models")
    p.add_argument("--only", nargs="*", help="model file stems to run (default: all supported)")
    p.add_argument("--no-callgrind", action="store_true", help="arena figures only")
    args = p.parse_args(argv)

    work = tempfile.TemporaryDirectory()
    runner = None if args.no_callgrind else build_runner(Path(work.name) / "bench_runner")
    rows = []
    for path in sorted(args.models.glob("*.tflite")):
        if args.only and path.stem not in args.only:
            continue
        try:
            ours = ztflm.Interpreter.from_file(path)
        except ztflm.Error as e:
            print(f"skip {path.stem}: {e}", file=sys.stderr)
            continue
        arena = ours.arena_used_bytes()
        theirs = tflm_arena(path)
        if args.no_callgrind:
            ins_ours = ins_tflm = None
        else:
            ins_ours = callgrind([str(runner), str(path), str(INVOKES)], "ztflm_invoke")
            ins_tflm = callgrind([sys.executable, "-c", TFLM_DRIVER, str(path), str(INVOKES)],
                                 "*MicroInterpreter::Invoke*")
        rows.append((path.stem, arena, theirs, ins_ours, ins_tflm))
        print(f"measured {path.stem}", file=sys.stderr)

    print("| model | ztflm arena B | TFLM arena B | arena ratio | ztflm instr/invoke "
          "| TFLM instr/invoke | instr ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, arena, theirs, io, it in rows:
        print(f"| {name} | {arena:,} | {theirs:,} | {ratio(arena, theirs)} | "
              f"{fmt_count(io)} | {fmt_count(it)} | {ratio(io, it)} |"
              if theirs else
              f"| {name} | {arena:,} | n/a | n/a | {fmt_count(io)} | {fmt_count(it)} | "
              f"{ratio(io, it)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
