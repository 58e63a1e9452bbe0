"""Builds and runs the bare-metal firmware of tests/qemu on QEMU: shared by the QEMU tests,
make bench and make demo. The runtime's sources come from the build description."""
from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import build_description
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT.parent / "shared" / "models"
# Models the repository makes itself (converter-made, with their generator scripts).
REPO_MODELS = ROOT / "tests" / "models"
BUILD = ROOT / "build" / "qemu"
# The firmware's own sources: startup, console, loader, linker scripts.
HERE = ROOT / "tests" / "qemu"

TARGETS = {
    "m3": ("mps2-an385", ["-mcpu=cortex-m3", "-mthumb"]),
    "m4": ("mps2-an386", ["-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=soft"]),
    # Helium and the FPU: newlib's v8-m.main+dp/hard multilib.
    "m55": ("mps3-an547", ["-mcpu=cortex-m55", "-mthumb", "-mfloat-abi=hard",
                           "-DFW_MPS3_AN547"]),
}
# The AN547's memory map differs from the MPS2 boards' (vectors in the ITCM at 0).
LINKER_SCRIPTS = {"m55": "mps3.ld", "rv32": "rv32.ld"}
# RISC-V: riscv64-unknown-elf-gcc's rv32imac multilib with picolibc, QEMU's virt board.
TARGETS["rv32"] = ("virt", ["-march=rv32imac", "-mabi=ilp32", "-mcmodel=medany"])
RISCV = {"rv32"}
# -O2 like TFLM's kernels (its framework is -Os); the runtime is small either way.
CFLAGS = ["-std=c11", "-O2", "-ffunction-sections", "-fdata-sections", "-ffp-contract=off",
          "-Wall", "-Wextra", "-Werror"]
# Under -icount shift=0 an instruction takes 1 ns; the CMSDK timer ticks at 25 MHz.
INSTRUCTIONS_PER_TICK = 40
# The AN547 counts with the FPGAIO COUNTER at 20 MHz (main.c): 50 instructions a tick.
TICK_INSTRUCTIONS = {"m55": 50}
# RV32 counts minstret (counter.h): one tick is one instruction.
TICK_INSTRUCTIONS["rv32"] = 1


def tools(core: str) -> tuple[str, str]:
    """(compiler, QEMU) of a core."""
    if core in RISCV:
        return "riscv64-unknown-elf-gcc", "qemu-system-riscv32"
    return "arm-none-eabi-gcc", "qemu-system-arm"


def firmware(model_path: Path, core: str, arena: int | None = None,
             overlay: str = "reference", invokes: int = 1) -> Path:
    """Builds (once) the test firmware for a model, core and kernel overlay, with an arena of
    `arena` bytes or, by default, exactly the host plan's for that overlay. invokes > 1: a
    stream of that many invokes, reset, and the same again (main.c, FW_INVOKES)."""
    if arena is None:
        arena = planned_arena(model_path, overlay)
    stream = f"_x{invokes}" if invokes > 1 else ""
    out = BUILD / core / overlay / f"{model_path.stem}_{arena}{stream}.elf"
    if not stale(out, [model_path], overlay):
        return out
    # This process's own copy: test workers may embed the same model at once.
    model_c = BUILD / f"{model_path.stem}.{os.getpid()}.c"
    model_c.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, str(HERE / "embed.py"), str(model_path), str(model_c)],
                   check=True)
    try:
        return build(out, core, overlay, [HERE / "main.c", model_c],
                     [f"-DFW_ARENA_SIZE={arena}u", f"-DFW_INVOKES={invokes}u",
                      *subgraphs_define(model_path)])
    finally:
        model_c.unlink(missing_ok=True)


def subgraphs_define(model_path: Path) -> list[str]:
    """-DZTFLM_SUBGRAPHS for a model with control flow (as `ztflm convert` says it needs:
    NAME_SUBGRAPHS); none for one subgraph, the smallest core."""
    from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema

    n = schema.Model.GetRootAs(model_path.read_bytes(), 0).SubgraphsLength()
    return [f"-DZTFLM_SUBGRAPHS={n}"] if n > 1 else []


def stale(out: Path, extra_inputs: list[Path], overlay: str) -> bool:
    """Whether an image is missing or older than anything it is built from."""
    inputs = [*HERE.glob("*.[ch]"), *HERE.glob("*.ld"), Path(__file__), *extra_inputs,
              *build_description.runtime(overlay, "baremetal").sources,
              *(ROOT / "zephyr_module" / "kernels").glob("*/*.h"),
              *(ROOT / "zephyr_module" / "include" / "ztflm").glob("*.h")]
    return not out.exists() or out.stat().st_mtime <= max(p.stat().st_mtime for p in inputs)


def build(out: Path, core: str, overlay: str, app: list[Path], defines: list[str]) -> Path:
    """Links the runtime (with a kernel overlay), startup and the app sources for a core."""
    out.parent.mkdir(parents=True, exist_ok=True)
    # The runtime with its bare-metal port, and the library the overlay delegates to
    # (CMSIS-NN for cmsis_nn), from outside the tree.
    runtime = build_description.runtime(overlay, "baremetal")
    sources = [str(p) for p in (*runtime.sources, *runtime.external_sources)]
    # Linked under this process's name, then renamed: parallel test workers may build one
    # image at once, and a reader never sees half of it.
    tmp = out.with_name(f"{out.name}.{os.getpid()}.tmp")
    if core in RISCV:
        startup = HERE / "startup_rv32.c"
        libs = ["--specs=picolibc.specs", "-nostartfiles", "-lm", "-Wl,--no-warn-rwx-segments"]
    else:
        startup = HERE / "startup.c"
        libs = ["-nostartfiles", "--specs=nano.specs", "--specs=nosys.specs", "-lm"]
    # App-only macros (arena and loader sizes) stay out of the runtime archive's flags.
    runtime_flags = [f for f in defines
                     if not f.startswith(("-DFW_ARENA_SIZE=", "-DFW_INVOKES=", "-DLOADER_"))]
    runtime_flags += runtime.include_flags() + runtime.define_flags()
    cmd = [tools(core)[0], *CFLAGS, *TARGETS[core][1], *defines, *runtime.include_flags(),
           f"-I{HERE}",
           str(startup),
           *map(str, app),
           str(runtime_archive(core, overlay, sources, runtime_flags,
                               frozenset(str(p) for p in runtime.size_sources),
                               runtime.size_flags)),
           "-T", str(HERE / LINKER_SCRIPTS.get(core, "mps2.ld")),
           "-Wl,--gc-sections", *libs, "-o", str(tmp)]
    subprocess.run(cmd, check=True)
    tmp.replace(out)
    return out


def runtime_archive(core: str, overlay: str, sources: list[str], flags: list[str],
                    size_sources: frozenset[str] = frozenset(),
                    size_flags: tuple[str, ...] = ()) -> Path:
    """The runtime's sources compiled once (in parallel) per core, overlay, flags (macros,
    include folders) and source list into an archive the firmware images link; rebuilt when
    any source or header changes. size_sources (load, verify, plan) get size_flags too."""
    # The C library's headers: the same specs the link uses.
    specs = "--specs=picolibc.specs" if core in RISCV else "--specs=nano.specs"
    flags = [*CFLAGS, *TARGETS[core][1], *flags, specs]
    key = hashlib.sha1("\0".join([*flags, *sources, *sorted(size_sources), *size_flags])
                       .encode()).hexdigest()[:10]
    out = BUILD / core / overlay / f"libztflm_{key}.a"
    if not stale(out, [], overlay):
        return out
    # This process's objects and archive, renamed into place (see build).
    objdir = out.with_name(f"{out.stem}.{os.getpid()}.d")
    objdir.mkdir(parents=True, exist_ok=True)
    objects = [str(objdir / f"{i:03d}_{Path(src).stem}.o") for i, src in enumerate(sources)]

    def compile_one(k: int) -> None:
        own = size_flags if sources[k] in size_sources else []
        subprocess.run([tools(core)[0], *flags, *own, "-c", sources[k], "-o", objects[k]],
                       check=True)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(compile_one, range(len(sources))))
    tmp = out.with_name(f"{out.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    ar = tools(core)[0].replace("-gcc", "-ar")
    subprocess.run([ar, "rcs", str(tmp), *objects], check=True)
    tmp.replace(out)
    shutil.rmtree(objdir, ignore_errors=True)
    return out


@dataclass
class Run:
    returncode: int
    console: str
    arena: int | None
    instructions: int | None
    outputs: dict[int, bytes]


def qemu_command(elf: Path, core: str, semihosting_args: tuple[str, ...] = ()) -> list[str]:
    """QEMU for a core: deterministic instruction timing, console and exit status over
    semihosting (QEMU writes that console to its stderr: callers read both as one stream)."""
    config = "enable=on,target=native" + "".join(
        ",arg=" + a.replace(",", ",,") for a in semihosting_args)
    board = ["-M", TARGETS[core][0]] + (["-bios", "none", "-m", "64M"] if core in RISCV else [])
    # sleep=off: virtual time never jumps to real time, so the AN547 counter, whose phase
    # is set at reset rather than by the guest, gives the same count on every run.
    return [tools(core)[1], *board, "-icount", "shift=0,sleep=off", "-nographic", "-monitor",
            "none", "-serial", "none", "-semihosting-config", config, "-kernel", str(elf)]


def run(elf: Path, core: str) -> Run:
    p = subprocess.run(qemu_command(elf, core), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, timeout=600)
    arena = re.search(r"^arena (\d+)$", p.stdout, re.M)
    ticks = re.search(r"^ticks (\d+)$", p.stdout, re.M)
    # The hex on one line (main.c) or 64 digits a line (console.h's put_hex).
    blocks = re.findall(r"^output (\d+)\n([0-9a-f\n]*?)\n?end$", p.stdout, re.M)
    return Run(p.returncode, p.stdout, int(arena.group(1)) if arena else None,
               int(ticks.group(1)) * TICK_INSTRUCTIONS.get(core, INSTRUCTIONS_PER_TICK)
               if ticks else None,
               {int(i): bytes.fromhex(h) for i, h in blocks})


def sizes(elf: Path, core: str) -> tuple[int, int]:
    """(flash, ram) of an image: text + data, and data + bss."""
    tool = "riscv64-unknown-elf-size" if core in RISCV else "arm-none-eabi-size"
    out = subprocess.run([tool, "-B", str(elf)], capture_output=True,
                         text=True, check=True).stdout.splitlines()[1].split()
    text, data, bss = int(out[0]), int(out[1]), int(out[2])
    return text + data, data + bss


def pattern_inputs(details: list[dict], step: int = 0) -> list[np.ndarray]:
    """The bytes main.c writes at a step: (k * 37 + 11 + step * 29) masked, 0x3F for floats
    (no NaN)."""
    inputs = []
    for d in details:
        dtype = np.dtype(d["dtype"])
        n = int(np.prod(d["shape"])) * dtype.itemsize
        k = np.arange(n, dtype=np.uint32)
        raw = ((k * 37 + 11 + step * 29) & (0x3F if dtype == np.float32 else 0xFF)
               ).astype(np.uint8)
        inputs.append(raw.view(dtype).reshape(d["shape"]))
    return inputs


def model_path(model: str) -> Path:
    """A model by name: a shared one (../shared/models), else one of tests/models/*/."""
    shared = MODELS / f"{model}.tflite"
    if shared.is_file():
        return shared
    return next(REPO_MODELS.glob(f"*/{model}.tflite"), shared)


def host_outputs(model: str) -> list[bytes]:
    """The host runner's outputs for a model (model_path) on the pattern inputs main.c writes."""
    import ztflm

    host = ztflm.Interpreter.from_file(model_path(model))
    details = [host.get_input_details(i) for i in range(host.num_inputs())]
    for i, x in enumerate(pattern_inputs(details)):
        host.set_input(x, i)
    host.invoke()
    return [host.get_output(i).tobytes() for i in range(host.num_outputs())]


def kernels_arena(model: str, overlay: str) -> int:
    """planned_arena of a model by name (model_path)."""
    return planned_arena(model_path(model), overlay)


@functools.cache
def planned_arena(path: Path, overlay: str) -> int:
    """What a user gets from `ztflm arena MODEL --kernels OVERLAY --kconfig`: the exact arena
    with that overlay's scratch, from the package's host library built with it."""
    env = {k: v for k, v in os.environ.items() if k not in ("ZTFLM_LIB", "ZTFLM_KERNELS")}
    out = subprocess.run([sys.executable, "-m", "ztflm", "arena", str(path),
                          "--kernels", overlay, "--kconfig"], capture_output=True, text=True,
                         check=True, env=env).stdout
    found = re.search(r"^CONFIG_ZTFLM_ARENA_SIZE=(\d+)$", out, re.M)
    assert found, out
    return int(found.group(1))
