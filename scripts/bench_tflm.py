#!/usr/bin/env python3
"""make bench-tflm: TFLM's own figures on the emulated cores, measured as ANCHORS.md's were.

Builds TensorFlow Lite Micro from a user's checkout (--tflm) and the third-party trees its
Makefile downloads (--third-party: flatbuffers at TFLM's pin with its patch applied, gemmlowp,
ruy, cmsis (CMSIS_6, with Cortex_DFP inside), cmsis_nn), with the flags of TFLM's
cortex_m_generic release build (core -Os, kernels -O2, error strings stripped). Only the
sources the image needs are compiled: starting from our runner (scripts/bench_tflm_runner.cc:
a MicroMutableOpResolver of the model's operators), each link's undefined symbols name the
TFLM, kernel or CMSIS-NN source that defines them, until the image links; with --gc-sections
the image is what linking TFLM's whole library gives. It runs on QEMU with tests/qemu's
startup, linker scripts and instruction counting (scripts/firmware.py), and writes rows in
ANCHORS.md's format:

- instructions per Invoke() (from the same inputs as the ztflm firmware);
- arena = arena_used_bytes();
- runtime flash = text + data minus the model minus the empty harness make bench subtracts.

Each run's outputs are checked against TFLM on the host (tflite-micro from PyPI).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import firmware
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "bench_tflm"
RUNNER = Path(__file__).resolve().parent / "bench_tflm_runner.cc"
# Shared models' figures; a repository model's go to a TFLM.md beside it.
FIGURES = ROOT / "docs" / "tflm_figures.md"
# TFLM's Makefile's DOWNLOADS_DIR, whose layout --third-party follows.
DOWNLOADS = "tensorflow/lite/micro/tools/make/downloads"
KERNELS = {"reference": "reference", "cmsis_nn": "CMSIS-NN"}

# cortex_m_generic_makefile.inc: GCC's -mcpu, -mfpu and float ABI, and CMSIS's core name.
CORES = {
    "m3": (["-mcpu=cortex-m3", "-mfpu=auto", "-mfloat-abi=soft"], "M3"),
    "m4": (["-mcpu=cortex-m4+nofp", "-mfpu=fpv4-sp-d16", "-mfloat-abi=soft"], "M4"),
    "m55": (["-mcpu=cortex-m55", "-mfpu=auto", "-mfloat-abi=hard"], "M55"),
}
# TFLM's Makefile: COMMON_FLAGS, BUILD_TYPE=release, OPTIMIZE_KERNELS_FOR's default.
COMMON = ["-fno-unwind-tables", "-fno-asynchronous-unwind-tables", "-ffunction-sections",
          "-fdata-sections", "-fmessage-length=0", "-DTF_LITE_STATIC_MEMORY",
          "-DTF_LITE_DISABLE_X86_NEON", "-DKERNELS_OPTIMIZED_FOR_SPEED", "-DNDEBUG",
          "-DTF_LITE_STRIP_ERROR_STRINGS", "-DTF_LITE_MCU_DEBUG_LOG", "-mthumb",
          "-mlittle-endian", "-fomit-frame-pointer", "-funsigned-char"]
CXX = ["-std=c++17", "-fno-rtti", "-fno-exceptions", "-fno-threadsafe-statics"]
CC = ["-std=c17"]
CORE_OPT, KERNEL_OPT = "-Os", "-O2"
# Without unrolled loops every entry is one of these.
ROW = re.compile(r"^\| (\w+) \| (M\d+) \| ([\w-]+) \| ([\d,]+) \| ([\d,]+) \| ([\d,]+) \|$")


class BenchError(Exception):
    """A one-line reason the measurement cannot go on."""


@dataclass(frozen=True)
class Row:
    model: str
    core: str  # m3, m4, m55
    kernels: str  # reference, cmsis_nn
    instructions: int
    arena: int
    runtime_flash: int

    def markdown(self) -> str:
        return (f"| {self.model} | {self.core.upper()} | {KERNELS[self.kernels]} "
                f"| {self.instructions:,} | {self.arena:,} | {self.runtime_flash:,} |")


def parse_rows(text: str) -> list[Row]:
    """The rows of an ANCHORS.md-format table (what scripts/bench.py reads back)."""
    kinds = {v: k for k, v in KERNELS.items()}
    rows = []
    for line in text.splitlines():
        m = ROW.match(line.strip())
        if m and m.group(3) in kinds:
            nums = [int(g.replace(",", "")) for g in m.groups()[3:]]
            rows.append(Row(m.group(1), m.group(2).lower(), kinds[m.group(3)], *nums))
    return rows


HEADER = ("| model | core | kernels | instructions / invoke | arena B | runtime flash B |\n"
          "|---|---|---|---:|---:|---:|")


def merge_table(text: str, rows: list[Row], preamble: str) -> str:
    """A figures file with rows replacing those of the same (model, core, kernels) and the
    others kept, sorted; the preamble is written when the file is new."""
    old = {(r.model, r.core, r.kernels): r for r in parse_rows(text)}
    old |= {(r.model, r.core, r.kernels): r for r in rows}
    head = text.split("\n| model |")[0].rstrip() if text else preamble.rstrip()
    body = "\n".join(old[k].markdown() for k in sorted(old))
    return f"{head}\n\n{HEADER}\n{body}\n"


def make_list(text: str, var: str) -> list[str]:
    """The files of a `VAR := \\` list in a TFLM make include, $(TENSORFLOW_ROOT) dropped."""
    m = re.search(rf"^{var} :?= \\\n((?:.*\\\n)*.*)$", text, re.M)
    if m is None:
        raise BenchError(f"no {var} list in TFLM's make files")
    return [w.replace("$(TENSORFLOW_ROOT)", "") for w in m.group(1).replace("\\", " ").split()]


def add_methods(header: str) -> dict[str, str]:
    """Builtin operator name -> MicroMutableOpResolver method, from its header."""
    pairs = re.findall(r"TfLiteStatus (Add\w+)\([^{]*\{\s*return AddBuiltin\(\s*"
                       r"BuiltinOperator_(\w+)", header)
    return {op: method for method, op in pairs}


def ops_header(ops: dict[str, set[str]], methods: dict[str, str], declared: set[str]) -> str:
    """tflm_ops.h for the runner: TFLM_OP_COUNT and TFLM_ADD_OPS(r), one Add per operator; an
    operator whose nodes all take and give one type with a registration for it
    (Register_OP_INT8, declared) gets that one, as ANCHORS.md's resolver does (the CMSIS-NN
    kernels link less)."""
    lines = []
    for op in sorted(ops):
        if op not in methods:
            raise BenchError(f"TFLM's MicroMutableOpResolver has no method for {op}")
        types = ops[op]
        special = f"Register_{op}_{next(iter(types))}" if len(types) == 1 else ""
        arg = f"tflite::{special}()" if special in declared else ""
        lines.append(f"\t(r).{methods[op]}({arg});")
    return ("/* Generated by scripts/bench_tflm.py: the model's operators. */\n"
            f"#define TFLM_OP_COUNT {len(ops)}\n"
            "#define TFLM_ADD_OPS(r) do { \\\n" + " \\\n".join(lines) + " \\\n} while (0)\n")


def model_ops(data: bytes) -> dict[str, set[str]]:
    """Builtin operator name -> types of its first input, over every subgraph; "MIXED" for a
    node whose first output has another type (int8 to int16 SOFTMAX), which a one-type
    registration does not run."""
    from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema

    names = {v: k for k, v in vars(schema.BuiltinOperator).items() if not k.startswith("_")}
    types = {v: k for k, v in vars(schema.TensorType).items() if not k.startswith("_")}
    model = schema.Model.GetRootAs(data, 0)
    codes = [max(model.OperatorCodes(i).BuiltinCode(),
                 model.OperatorCodes(i).DeprecatedBuiltinCode())
             for i in range(model.OperatorCodesLength())]
    ops: dict[str, set[str]] = {}
    for s in range(model.SubgraphsLength()):
        graph = model.Subgraphs(s)
        for i in range(graph.OperatorsLength()):
            op = graph.Operators(i)
            name = names.get(codes[op.OpcodeIndex()], f"code {codes[op.OpcodeIndex()]}")
            seen = ops.setdefault(name, set())
            if op.InputsLength() and op.Inputs(0) >= 0:
                kind = types[graph.Tensors(op.Inputs(0)).Type()]
                if op.OutputsLength() and kind != types[graph.Tensors(op.Outputs(0)).Type()]:
                    kind = "MIXED"
                seen.add(kind)
    return ops


def undefined_symbols(ld_output: str) -> list[str]:
    """Symbols an arm-none-eabi link could not resolve, as ld prints them (demangled)."""
    return sorted(set(re.findall(r"undefined reference to `([^']+)'", ld_output)))


def symbol_patterns(symbol: str) -> list[re.Pattern[str]]:
    """How a source file defines a symbol, most specific first: `Class::name(` at the start
    of a line, then `name(` on an unindented line that is not a declaration, then a constant's
    definition."""
    name = re.sub(r"^(vtable|typeinfo) for ", "", symbol.split("(")[0])
    parts = [p for p in name.split("::") if p]
    last = re.escape(parts[-1])
    found = []
    if len(parts) > 1:
        found.append(re.compile(rf"^(?=\S).*\b{re.escape(parts[-2])}::{last}\s*\(", re.M))
    found.append(re.compile(rf"^(?=\S)[^;\n]*\b{last}\s*\([^;\n]*$", re.M))
    # A constant with external linkage: `const int kConvBiasTensor = 2;` (a header declares it
    # extern), not the `constexpr` or `static` ones local to many kernels.
    found.append(re.compile(
        rf"^(?!extern|constexpr|static)(?=\S)[^(\n]*\b{last}\s*(?:=|\[|\{{)", re.M))
    return found


class Tflm:
    """TFLM's sources and flags for one core and kernel set."""

    def __init__(self, tflm: Path, third: Path, core: str, kernels: str):
        self.tflm, self.third, self.core, self.kernels = tflm, third, core, kernels
        mk = tflm / "tensorflow" / "lite" / "micro" / "tools" / "make"
        if not (mk / "sources.inc").is_file():
            raise BenchError(f"{tflm}: not a TFLM checkout (no {mk / 'sources.inc'})")
        for need in ["flatbuffers/include", "gemmlowp/fixedpoint", "ruy/ruy",
                     "cmsis/CMSIS/Core/Include", "cmsis/Cortex_DFP/Device"]:
            if not (third / need).is_dir():
                raise BenchError(f"{third}: no {need} (see docs/benchmarks.md)")
        arch, cpu = CORES[core]
        defines = [f"-DCPU_{cpu}=1", f"-DARMC{cpu}",
                   f'-DCMSIS_DEVICE_ARM_CORTEX_M_XX_HEADER_FILE="ARMC{cpu}.h"']
        if core == "m55":
            defines.append("-DARM_MODEL_USE_PMU_COUNTERS")
        includes = [tflm, third, third / "gemmlowp", third / "flatbuffers" / "include",
                    third / "kissfft", third / "ruy",
                    third / "cmsis" / "Cortex_DFP" / "Device" / f"ARMC{cpu}" / "Include",
                    third / "cmsis" / "CMSIS" / "Core" / "Include"]
        # The framework's objects are shared by both kernel sets: only kernel sources and
        # micro_profiler.cc read the kernel set's macros (CMSIS_NN and the like).
        self.core_flags = [*arch, *COMMON, *defines, *(f"-I{p}" for p in includes)]
        kernel_srcs = make_list((mk / "sources.inc").read_text(), "MICROLITE_CC_KERNEL_SRCS")
        third_srcs: list[Path] = []
        if kernels == "cmsis_nn":
            if not (third / "cmsis_nn" / "Include").is_dir():
                raise BenchError(f"{third}: no cmsis_nn/Include")
            defines += ["-DCMSIS_NN", "-DARM_NN_ENABLE_F16=0", "-DARM_NN_ENABLE_F32=0"]
            includes += [third / "cmsis", third / "cmsis_nn", third / "cmsis_nn" / "Include"]
            kernel_srcs = specialize(kernel_srcs, tflm / "tensorflow/lite/micro/kernels/cmsis_nn")
            third_srcs = [p for p in sorted((third / "cmsis_nn" / "Source").rglob("*.c"))
                          if not p.name.endswith(("_f16.c", "_f32.c", "arm_nntables_flt.c"))]
        self.flags = [*arch, *COMMON, *defines, *(f"-I{p}" for p in includes)]
        micro = tflm / "tensorflow" / "lite" / "micro"
        core_srcs = [p for d in (micro, micro / "arena_allocator", micro / "memory_planner",
                                 micro / "tflite_bridge") for p in sorted(d.glob("*.cc"))
                     if not p.name.endswith(("_test.cc", "benchmark.cc"))]
        core_srcs += [p for p in sorted((tflm / "tensorflow").rglob("*.c*"))
                      if p.suffix in (".c", ".cc") and not p.name.endswith("_test.cc")
                      and micro not in p.parents and p.name != "array.cc"
                      and (tflm / "tensorflow/lite/experimental") not in p.parents]
        # Specialized for the target: its debug_log.cc and micro_time.cc.
        core_srcs = [Path(p) for p in specialize([str(p) for p in core_srcs],
                                                 micro / "cortex_m_generic")]
        self.pool = {Path(p) if Path(p).is_absolute() else tflm / p: KERNEL_OPT
                     for p in kernel_srcs}
        self.pool |= {p: KERNEL_OPT for p in third_srcs}
        self.pool |= {p: CORE_OPT for p in core_srcs}
        self.objdir = objdir(f"{core}_{kernels}", self.flags)
        self.core_objdir = objdir(f"{core}_reference", self.core_flags)
        self.core_srcs = set(core_srcs)

    def compile(self, src: Path, opt: str, extra: list[str] = (), force: bool = False) -> Path:
        shared = src in self.core_srcs and not KERNEL_SET_MACROS.search(text_of(src))
        flags = self.core_flags if shared else self.flags
        rel = src.relative_to(src.anchor)
        obj = (self.core_objdir if shared else self.objdir) / rel.with_suffix(".o")
        if not force and obj.exists() and obj.stat().st_mtime > src.stat().st_mtime:
            return obj
        obj.parent.mkdir(parents=True, exist_ok=True)
        cxx = src.suffix == ".cc"
        tool = "arm-none-eabi-g++" if cxx else "arm-none-eabi-gcc"
        cmd = ["nice", tool, *(CXX if cxx else CC), *flags, opt, *extra, "-c", str(src),
               "-o", str(obj)]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode:
            raise BenchError(f"compiling {src} failed:\n{p.stderr}")
        return obj

    def compile_all(self, sources: list[Path], extra: list[str] = ()) -> list[Path]:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            return list(pool.map(lambda s: self.compile(s, self.pool.get(s, CORE_OPT), extra),
                                 sources))

    def sources_defining(self, symbol: str) -> list[Path]:
        for pattern in symbol_patterns(symbol):
            found = [p for p in self.pool if pattern.search(text_of(p))]
            if found:
                return found
        return []


# What a source tests to differ between the kernel sets.
KERNEL_SET_MACROS = re.compile(r"CMSIS_NN|ARM_NN_ENABLE|KERNELS_OPTIMIZED")


def objdir(config: str, flags: list[str]) -> Path:
    return BUILD / config / hashlib.sha1("\0".join(flags).encode()).hexdigest()[:8]


_TEXTS: dict[Path, str] = {}


def text_of(path: Path) -> str:
    if path not in _TEXTS:
        _TEXTS[path] = path.read_text(errors="replace")
    return _TEXTS[path]


def specialize(files: list[str], directory: Path) -> list[str]:
    """TFLM's specialize_files.py: a file of the same name in directory replaces the base."""
    if not directory.is_dir():
        return files
    names = {p.name for p in directory.iterdir()}
    return [str(directory / Path(f).name) if Path(f).name in names else f for f in files]


def link(t: Tflm, model: str, data: bytes) -> Path:
    """The runner image for a model: TFLM sources added while the link reports undefined
    symbols that one of them defines."""
    out = BUILD / f"{t.core}_{t.kernels}" / model
    out.mkdir(parents=True, exist_ok=True)
    header = (t.tflm / "tensorflow/lite/micro/micro_mutable_op_resolver.h").read_text()
    declared = set(re.findall(r"TFLMRegistration (Register_\w+_INT(?:8|16))\(\);",
                              "".join(text_of(p) for p in
                                      (t.tflm / "tensorflow/lite/micro/kernels").glob("*.h"))))
    ops_h = out / "tflm_ops.h"
    ops_h.write_text(ops_header(model_ops(data), add_methods(header), declared))
    model_c = out / "model.c"
    subprocess.run([sys.executable, str(firmware.HERE / "embed.py"), str(firmware.model_path(
        model)), str(model_c)], check=True)
    # The runner depends on this model's tflm_ops.h: compiled every time.
    warnings = ["-Wall", "-Wextra", "-Wno-unused-parameter", "-Werror"]  # TFLM's headers'
    # The AN547's counter (counter.h) and FPU enable (startup.c).
    board = ["-DFW_MPS3_AN547"] if t.core == "m55" else []
    own = [t.compile(RUNNER, CORE_OPT, [f"-I{out}", f"-I{firmware.HERE}", *warnings, *board],
                     force=True),
           t.compile(model_c, CORE_OPT)]
    startup = t.compile(firmware.HERE / "startup.c", CORE_OPT, board)
    elf = out / "image.elf"
    taken: set[Path] = set()
    objects: list[Path] = []
    for _ in range(64):
        cmd = ["arm-none-eabi-g++", *CORES[t.core][0], "-mthumb", str(startup), *map(str, own),
               *map(str, objects), "-T",
               str(firmware.HERE / firmware.LINKER_SCRIPTS.get(t.core, "mps2.ld")),
               "-nostartfiles", "--specs=nano.specs", "--specs=nosys.specs",
               "-Wl,--gc-sections", "-lm", "-o", str(elf)]
        p = subprocess.run(cmd, capture_output=True, text=True)
        missing = undefined_symbols(p.stdout + p.stderr)
        if p.returncode == 0:
            check_no_constructors(elf)
            return elf
        if not missing:
            raise BenchError(f"linking {model} failed:\n{p.stderr}")
        new: set[Path] = set()
        for symbol in missing:
            found = t.sources_defining(symbol)
            if not found:
                raise BenchError(f"no TFLM source defines {symbol} (needed by {model})")
            new |= set(found) - taken
        if not new:
            raise BenchError(f"linking {model}: {missing[0]} stays undefined")
        taken |= new
        objects += t.compile_all(sorted(new))
    raise BenchError(f"linking {model}: no closure after 64 rounds")


def check_no_constructors(elf: Path) -> None:
    """startup.c runs no static constructors: the image must have none to run."""
    out = subprocess.run(["arm-none-eabi-objdump", "-h", str(elf)], capture_output=True,
                         text=True, check=True).stdout
    if re.search(r"\.(init|preinit)_array\s+0*[1-9a-f]", out):
        raise BenchError(f"{elf} has static constructors, which tests/qemu/startup.c never runs")


def host_outputs(data: bytes) -> list[np.ndarray]:
    """TFLM on the host (PyPI tflite-micro) on the runner's inputs."""
    from tflite_micro.python.tflite_micro import runtime
    from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema

    graph = schema.Model.GetRootAs(data, 0).Subgraphs(0)
    ip = runtime.Interpreter.from_bytes(data, arena_size=max(len(data) * 10, 1 << 20))
    details = [ip.get_input_details(i) for i in range(graph.InputsLength())]
    for i, x in enumerate(firmware.pattern_inputs(details)):
        ip.set_input(x, i)
    ip.invoke()
    return [ip.get_output(i) for i in range(graph.OutputsLength())]


@dataclass
class Measured:
    row: Row
    check: str  # the outputs against host TFLM: "identical", a float difference, or "NO ..."


def compare(got: dict[int, bytes], expected: list[np.ndarray]) -> str:
    """The target's outputs against host TFLM's. Float outputs may differ in the last bits:
    the target's libm (newlib's expf, tanhf) is not the host's (glibc); integers may not."""
    if [got.get(i) for i in range(len(expected))] == [e.tobytes() for e in expected]:
        return "identical"
    ulps = 0
    for i, e in enumerate(expected):
        raw = got.get(i)
        if e.dtype != np.float32 or raw is None or len(raw) != e.nbytes:
            return f"NO: output {i} differs"
        a = np.frombuffer(raw, np.int32).astype(np.int64)
        ulps = max(ulps, int(np.abs(a - e.reshape(-1).view(np.int32)).max()))
    return f"float outputs within {ulps} ULP (newlib's libm against glibc's)"


def measure(t: Tflm, model: str) -> Measured:
    import bench

    src = firmware.model_path(model)
    if not src.is_file():
        raise BenchError(f"no model {model}")
    data = src.read_bytes()
    elf = link(t, model, data)
    run = firmware.run(elf, t.core)
    if run.returncode != 0 or run.instructions is None or run.arena is None:
        raise BenchError(f"{model} on {t.core}/{t.kernels} failed:\n{run.console}")
    flash, _ = firmware.sizes(elf, t.core)
    harness, _ = firmware.sizes(bench.harness_image(t.core), t.core)
    return Measured(Row(model, t.core, t.kernels, run.instructions, run.arena,
                        flash - len(data) - harness), compare(run.outputs, host_outputs(data)))


PREAMBLE = """# TFLM's figures on the emulated cores

Written by `make bench-tflm` (scripts/bench_tflm.py), measured as ../shared/ANCHORS.md's:
TFLM's cortex_m_generic release build (core -Os, kernels -O2, error strings stripped),
arm-none-eabi-gcc, a MicroMutableOpResolver of the model's operators only, QEMU mps2-an385
(M3), mps2-an386 (M4), mps3-an547 (M55), instructions counted around `Invoke()`;
arena = `arena_used_bytes()`; runtime flash = text + data minus the model minus the empty
harness. `make bench` reads these rows beside ANCHORS.md's.
"""


def figures_file(model: str) -> Path:
    src = firmware.model_path(model)
    return src.parent / "TFLM.md" if firmware.REPO_MODELS in src.parents else FIGURES


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tflm", type=Path, required=True, help="a tflite-micro checkout")
    p.add_argument("--third-party", type=Path, default=None,
                   help="flatbuffers (patched), gemmlowp, ruy, cmsis, cmsis_nn as TFLM pins "
                   "them; default: where TFLM's Makefile downloads them, "
                   f"TFLM/{DOWNLOADS}")
    p.add_argument("--models", nargs="+", required=True, metavar="MODEL")
    p.add_argument("--cores", nargs="+", default=["m4"], choices=sorted(CORES))
    p.add_argument("--kernels", nargs="+", default=["reference"], choices=sorted(KERNELS))
    p.add_argument("--no-write", action="store_true", help="print the rows only")
    p.add_argument("-v", "--verbose", action="store_true")
    args = p.parse_args(argv)
    third = args.third_party or args.tflm / DOWNLOADS
    failed = False
    try:
        for core in args.cores:
            for kernels in args.kernels:
                t = Tflm(args.tflm.resolve(), third.resolve(), core, kernels)
                results = [measure(t, model) for model in args.models]
                for m in results:
                    print(f"{m.row.markdown()} outputs against host TFLM: {m.check}")
                    failed |= m.check.startswith("NO")
                if not args.no_write:
                    write_rows([m.row for m in results])
    except BenchError as e:
        if args.verbose:
            raise
        print(f"bench-tflm: error: {e}", file=sys.stderr)
        return 2
    return 1 if failed else 0


def write_rows(rows: list[Row]) -> None:
    """Rows merged into each model's figures file (a configuration at a time, so a long run
    stopped halfway keeps what it measured)."""
    by_file: dict[Path, list[Row]] = {}
    for r in rows:
        by_file.setdefault(figures_file(r.model), []).append(r)
    for path, part in by_file.items():
        path.write_text(merge_table(path.read_text() if path.exists() else "", part, PREAMBLE))
        print(f"bench-tflm: wrote {len(part)} rows to {path}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
