#!/usr/bin/env python3
"""make bench: flash, RAM, arena and instructions per inference on every emulated target,
side by side with TFLM's figures: ../shared/ANCHORS.md's and make bench-tflm's
(docs/tflm_figures.md, tests/models/*/TFLM.md).

For each model and (core, kernel overlay) it builds the firmware from `ztflm convert`
output (the model's own resolver, so only its kernels link; error strings compiled out,
as in TFLM's release build), runs it under QEMU with -icount (instructions counted by the
board's timer, or minstret on RV32: the count repeats exactly), checks the outputs against
the host runner bit for bit, and reports:

- instructions per inference;
- arena bytes, as the device reports them;
- flash: text + data of the image, and without the model array;
- runtime flash: the image minus the model minus the empty harness (startup, console,
  timer: main.c built with FW_EMPTY_HARNESS), TFLM's definition in ANCHORS.md;
- RAM: data + bss with the arena sized exactly (a second build once the arena is known).

A separate line measures the runtime core alone (src/: verifier, interpreter, planner,
resolver, kernel API) per object file from the linker map, at -Os on Cortex-M4.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import bench_tflm
import build_description
import firmware

from ztflm import codegen

ROOT = Path(__file__).resolve().parents[1]

BUILD = ROOT / "build" / "bench"
ANCHORS = ROOT.parent / "shared" / "ANCHORS.md"
MLPERF = ["mlperf_kws_dscnn_int8", "mlperf_vww_mobilenet_int8", "mlperf_ic_resnet8_int8",
          "mlperf_ad_autoencoder_int8", "tflm_person_detect_int8"]
# Stateful models (SVDF, UNIDIRECTIONAL_SEQUENCE_LSTM): one invoke from a fresh state,
# measured like the others.
STATEFUL = ["tflm_keyword_scrambled", "tflm_keyword_scrambled_8bit", "tflm_mnist_lstm_float",
            "tflm_mnist_lstm_int8", "tflm_xtensa_micro_speech_lstm",
            "tflm_dtln_noise_suppression"]

# The 16x8 row: the converter-made audio model of tests/models/audio16x8. TFLM's figures for a
# repository model, measured as ANCHORS.md's by make bench-tflm, are in a TFLM.md beside it;
# for a shared model in docs/tflm_figures.md; without one its "vs TFLM" columns stay "-".
MODELS_16X8 = ["denoiser_16x8"]
# The INT4 row: the INT4-weight keyword spotter of tests/models/int4 (TFLM runs it too).
MODELS_INT4 = ["kws_dscnn_int4"]
# (core, overlay) pairs measured; an overlay is skipped while its directory is absent.
# cmsis_nn only with CMSIS_NN_PATH (a CMSIS-NN checkout; never vendored).
CONFIGS = [("m3", "reference"), ("m4", "reference"), ("m4", "arm_dsp"), ("m4", "cmsis_nn"),
           ("m55", "reference"), ("m55", "arm_dsp"), ("m55", "arm_mve"), ("m55", "cmsis_nn"),
           ("rv32", "reference")]
# Messages compiled out, like TFLM's release build (TF_LITE_STRIP_ERROR_STRINGS).
DEFINES = ["-DZTFLM_ERROR_STRINGS=0"]
FIRST_ARENA = 192 * 1024


@dataclass
class Result:
    model: str
    core: str
    overlay: str
    instructions: int
    arena: int
    flash: int
    model_bytes: int
    runtime_flash: int
    ram: int
    exact: bool


def overlay_present(overlay: str) -> bool:
    """Whether an overlay can be built here: its sources, and for cmsis_nn a CMSIS-NN tree."""
    try:
        build_description.runtime(overlay)
    except build_description.BuildDescriptionError:
        return False
    return True


def converted(src: Path) -> tuple[Path, str]:
    """`ztflm convert` output for a model file: (its .c file, its C name)."""
    name = codegen.default_name(src)
    c_path = BUILD / "src" / f"{name}.c"
    newest = max(src.stat().st_mtime, Path(codegen.__file__).stat().st_mtime)
    if not c_path.exists() or c_path.stat().st_mtime < newest:
        codegen.convert(src, c_path.parent, name=name)
    return c_path, name


def model_image(src: Path, core: str, overlay: str, arena: int, strings: bool = False) -> Path:
    """Firmware running a model from its `ztflm convert` output: only its kernels link."""
    c_path, name = converted(src)
    out = BUILD / core / overlay / f"{name}_{arena}{'_messages' if strings else ''}.elf"
    if not firmware.stale(out, [c_path, Path(__file__)], overlay):
        return out
    # The release configuration: messages out, and only the model's tensor types' kernels
    # (the NAME_TYPES mask `ztflm convert` wrote into the header).
    types = re.search(rf"^#define {name}_TYPES (0x[0-9a-f]+u)$",
                      c_path.with_suffix(".h").read_text(), re.M)
    if types is None:
        raise RuntimeError(f"{c_path.with_suffix('.h')} has no {name}_TYPES")
    subgraphs = re.search(rf"^#define {name}_SUBGRAPHS (\d+)$",
                          c_path.with_suffix(".h").read_text(), re.M)
    defines = [*([] if strings else [*DEFINES, f"-DZTFLM_TYPES={types[1]}"]),
               *([f"-DZTFLM_SUBGRAPHS={subgraphs[1]}"] if subgraphs and subgraphs[1] != "1"
                 else []),
               f"-DFW_ARENA_SIZE={arena}u",
               f"-Dfw_model={name}_model", f"-Dfw_model_len={name}_model_len",
               f"-DFW_RESOLVER={name}_resolver", f"-I{c_path.parent}"]
    return firmware.build(out, core, overlay, [firmware.HERE / "main.c", c_path], defines)


def harness_image(core: str) -> Path:
    out = BUILD / core / "empty_harness.elf"
    if not firmware.stale(out, [Path(__file__)], "reference"):
        return out
    # The harness links no runtime code: --gc-sections drops all of it.
    return firmware.build(out, core, "reference", [firmware.HERE / "main.c"],
                          [*DEFINES, "-DFW_EMPTY_HARNESS", "-DFW_ARENA_SIZE=16u"])


def measure(model: str, core: str, overlay: str) -> Result:
    src = firmware.model_path(model)
    first = firmware.run(model_image(src, core, overlay, FIRST_ARENA), core)
    if first.returncode != 0 or first.arena is None:
        raise RuntimeError(f"{model} on {core}/{overlay} failed:\n{first.console}")
    elf = model_image(src, core, overlay, first.arena)
    run = firmware.run(elf, core)
    if run.returncode != 0 or run.instructions is None:
        raise RuntimeError(f"{model} on {core}/{overlay} failed:\n{run.console}")
    flash, ram = firmware.sizes(elf, core)
    harness_flash, _ = firmware.sizes(harness_image(core), core)
    model_bytes = src.stat().st_size
    expected = firmware.host_outputs(model)
    exact = [run.outputs.get(i) for i in range(len(expected))] == expected
    return Result(model, core, overlay, run.instructions, first.arena, flash, model_bytes,
                  flash - model_bytes - harness_flash, ram, exact)


def anchors(path: Path) -> dict[tuple[str, str, str], tuple[int, int, int]]:
    """TFLM's (instructions, arena, runtime flash) by (model, core, kernels as the tables
    write them) from a file of ANCHORS.md's rows."""
    if not path.exists():
        return {}
    return {(r.model, r.core, bench_tflm.KERNELS[r.kernels]):
            (r.instructions, r.arena, r.runtime_flash)
            for r in bench_tflm.parse_rows(path.read_text())}


def tflm_figures() -> dict[tuple[str, str, str], tuple[int, int, int]]:
    """Every TFLM figure: make bench-tflm's (docs/tflm_figures.md, a TFLM.md beside a
    repository model), and ANCHORS.md's, which win where both have a row."""
    figures = anchors(bench_tflm.FIGURES)
    for extra in sorted(firmware.REPO_MODELS.glob("*/TFLM.md")):
        figures |= anchors(extra)
    return figures | anchors(ANCHORS)


def ratio(ours: int, theirs: int | None) -> str:
    return f"{ours / theirs:.2f}" if theirs else "-"


FOOTPRINT_OPTIONS = {"messages": ("1", "1"), "no messages": ("0", "1"), "trusted": ("0", "0")}


def core_footprint(core: str = "m4", variants: Optional[list[tuple[str, bool]]] = None
                   ) -> dict[tuple[str, bool], int]:
    """Bytes of the runtime core (src/) by (build option, with kernels), from the linker map
    of an image at -Os, every file compiled to its own object. Without kernels the image
    links the runtime with an op resolver that registers nothing, so nothing references the
    kernel API; with kernels it runs the AD model and links the kernel API its kernels call.
    variants: the (option, with kernels) pairs to build, all of them by default."""
    c_path, name = converted(firmware.MODELS / "mlperf_ad_autoencoder_int8.tflite")
    no_ops = BUILD / "footprint" / "no_ops.c"
    no_ops.parent.mkdir(parents=True, exist_ok=True)
    no_ops.write_text("#include <ztflm/resolver.h>\n"
                      "const struct ztflm_op_resolver fw_no_ops = {0};\n")
    results = {}
    for label, kernels in variants or [(o, k) for o in FOOTPRINT_OPTIONS for k in (False, True)]:
        strings, verify = FOOTPRINT_OPTIONS[label]
        objs = BUILD / "footprint" / core / (label.replace(" ", "_")
                                            + ("_kernels" if kernels else "_alone"))
        objs.mkdir(parents=True, exist_ok=True)
        runtime = build_description.runtime("reference", "baremetal")
        if kernels:
            sources = list(runtime.sources)
        else:
            # The core (src/) without the all-operators resolver, and the port.
            src, port = ROOT / "zephyr_module" / "src", ROOT / "zephyr_module" / "port"
            sources = [p for p in runtime.sources if (p.parent == src and p.name != "all_ops.c")
                       or port in p.parents] + [no_ops]
        sources += [firmware.HERE / "startup.c", firmware.HERE / "main.c", c_path]
        flags = [*firmware.CFLAGS, "-Os", *firmware.TARGETS[core][1],
                 f"-DZTFLM_ERROR_STRINGS={strings}", f"-DZTFLM_VERIFY_MODEL={verify}",
                 "-DFW_ARENA_SIZE=4096u",
                 f"-Dfw_model={name}_model", f"-Dfw_model_len={name}_model_len",
                 f"-DFW_RESOLVER={name + '_resolver' if kernels else 'fw_no_ops'}",
                 *runtime.include_flags(), f"-I{firmware.HERE}",
                 f"-I{c_path.parent}"]
        objects = []
        for src in sources:
            obj = objs / f"{src.parent.parent.name}_{src.parent.name}__{src.stem}.o"
            subprocess.run([firmware.tools(core)[0], *flags, "-c", str(src), "-o",
                            str(obj)], check=True)
            objects.append(str(obj))
        elf, map_path = objs / "image.elf", objs / "image.map"
        subprocess.run([firmware.tools(core)[0], *firmware.TARGETS[core][1], *objects,
                        "-T", str(firmware.HERE / firmware.LINKER_SCRIPTS.get(core,
                                                                            "mps2.ld")),
                        "-nostartfiles", "--specs=nano.specs", "--specs=nosys.specs",
                        "-Wl,--gc-sections", f"-Wl,-Map={map_path}", "-lm", "-o",
                        str(elf)], check=True)
        per_object = map_sizes(map_path)
        results[label, kernels] = sum(v for k, v in per_object.items()
                                      if "/zephyr_module_src__" in k)
    return results


def map_sizes(map_path: Path) -> dict[str, int]:
    """Bytes of .text, .rodata and .data input sections per object file in a GNU ld map."""
    sizes: dict[str, int] = {}
    lines = map_path.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Linker script"))
    pending = False
    entry = re.compile(r"^ (\.(?:text|rodata|data)\S*)?\s+0x[0-9a-f]+\s+0x([0-9a-f]+)\s+(\S+)$")
    for line in lines[start:]:
        if re.match(r"^ \.(?:text|rodata|data)\S*$", line):
            pending = True
            continue
        m = entry.match(line)
        if m and (m.group(1) or pending):
            sizes[m.group(3)] = sizes.get(m.group(3), 0) + int(m.group(2), 16)
        pending = False
    return sizes


def table(results: list[Result], tflm: dict[tuple[str, str, str], tuple[int, int, int]]) -> str:
    lines = [
        "| model | core | kernels | instructions | vs TFLM | arena B | vs TFLM "
        "| runtime flash B | vs TFLM | flash B (without model) | RAM B | bit-exact |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        kind = "reference" if r.overlay == "reference" else "CMSIS-NN"
        theirs = tflm.get((r.model, r.core, kind))
        lines.append(
            f"| {r.model} | {r.core.upper()} | {r.overlay} | {r.instructions:,} "
            f"| {ratio(r.instructions, theirs[0] if theirs else None)} | {r.arena:,} "
            f"| {ratio(r.arena, theirs[1] if theirs else None)} | {r.runtime_flash:,} "
            f"| {ratio(r.runtime_flash, theirs[2] if theirs else None)} "
            f"| {r.flash:,} ({r.flash - r.model_bytes:,}) | {r.ram:,} "
            f"| {'yes' if r.exact else 'NO'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--models", nargs="+", default=MLPERF + STATEFUL + MODELS_16X8 + MODELS_INT4,
                   metavar="MODEL",
                   help="models by name: shared ones (../shared/models) or tests/models/*/")
    p.add_argument("--cores", nargs="+", default=None, choices=sorted(firmware.TARGETS))
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--out", type=Path, default=BUILD / "bench.md")
    args = p.parse_args(argv)
    missing = [m for m in args.models if not firmware.model_path(m).is_file()]
    if missing:
        p.error(f"no model {missing[0]}.tflite in {firmware.MODELS} or "
                f"{firmware.REPO_MODELS}/*")

    configs = [(c, o) for c, o in CONFIGS
               if overlay_present(o) and (args.cores is None or c in args.cores)]
    jobs = [(m, c, o) for m in args.models for c, o in configs]
    for m in args.models:
        converted(firmware.model_path(m))
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda j: measure(*j), jobs))
    text = table(results, tflm_figures())
    core = core_footprint()
    text += ("\n\nRuntime core on Cortex-M4 at -Os, from the linker map (src/: verifier, "
             "interpreter, planner, resolver; built alone, with an op resolver that registers "
             f"no kernel): {core['no messages', False]:,} B without error messages "
             f"(ZTFLM_ERROR_STRINGS=0), {core['messages', False]:,} B with them, "
             f"{core['trusted', False]:,} B for a trusted model (ZTFLM_VERIFY_MODEL=0 as "
             "well: the verifier compiled out). With the kernel API the AD model's kernels "
             f"call: {core['no messages', True]:,} B, {core['messages', True]:,} B and "
             f"{core['trusted', True]:,} B.\n")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    print(text)
    print(f"bench: written to {args.out}", file=sys.stderr)
    return 0 if all(r.exact for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
