#!/usr/bin/env python3
"""make demo: a bundled model on an emulated Cortex-M3, checked against the host and TFLM.

Converts the model with `ztflm convert` (an aligned C array and a resolver holding only its
ops), builds bare-metal firmware for QEMU's mps2-an385 from that output, runs it, and
prints the prediction, the arena, the image's flash and RAM, and instructions per inference
(QEMU -icount shift=0 with the board's timer: 40 instructions a tick), then runs the same
input through the host runner and TFLM's own interpreter and says whether all three agree
bit for bit.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import bench
import firmware
import numpy as np

import ztflm
from ztflm.compare import run_tflm

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", type=Path,
                   default=firmware.MODELS / "mlperf_kws_dscnn_int8.tflite")
    p.add_argument("--core", choices=sorted(firmware.TARGETS), default="m3")
    args = p.parse_args(argv)

    host = ztflm.Interpreter.from_file(args.model)
    c_path, _ = bench.converted(args.model)
    print(f"convert      ztflm convert {args.model.name} -> {c_path.relative_to(ROOT)} "
          f"(+ .h: array, resolver, arena size)")
    elf = bench.model_image(args.model, args.core, "reference",
                            host.arena_used_bytes(), strings=True)
    result = firmware.run(elf, args.core)
    if result.returncode != 0:
        print(result.console, end="")
        print(f"demo: firmware failed with status {result.returncode}", file=sys.stderr)
        return 1
    flash, ram = firmware.sizes(elf, args.core)
    model_bytes = args.model.stat().st_size

    details = [host.get_input_details(i) for i in range(host.num_inputs())]
    inputs = firmware.pattern_inputs(details)
    for i, x in enumerate(inputs):
        host.set_input(x, i)
    host.invoke()
    on_host = [host.get_output(i) for i in range(host.num_outputs())]
    in_tflm = run_tflm(args.model.read_bytes(), inputs, len(on_host))

    board = firmware.TARGETS[args.core][0]
    print(f"model        {args.model.name} ({model_bytes:,} bytes)")
    print(f"target       Cortex-{args.core.upper()} on QEMU {board}, bare metal")
    for i, y in enumerate(on_host):
        device = np.frombuffer(result.outputs[i], dtype=y.dtype).reshape(y.shape)
        flat = device.reshape(-1)
        print(f"prediction   output {i}: class {int(np.argmax(flat))} "
              f"(scores {flat.tolist()})")
    print(f"arena        {result.arena:,} bytes")
    print(f"flash        {flash:,} bytes ({flash - model_bytes:,} without the model)")
    print(f"ram          {ram:,} bytes (arena included)")
    print(f"instructions {result.instructions:,} per inference")
    same_host = all(result.outputs[i] == y.tobytes() for i, y in enumerate(on_host))
    same_tflm = all(result.outputs[i] == y.tobytes() for i, y in enumerate(in_tflm))
    print(f"check        device == host runner: {'bit-exact' if same_host else 'DIFFERS'}; "
          f"device == TFLM: {'bit-exact' if same_tflm else 'DIFFERS'}")
    return 0 if same_host and same_tflm else 1


if __name__ == "__main__":
    sys.exit(main())
