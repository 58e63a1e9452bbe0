#!/usr/bin/env python3
"""Instructions per invoke of single 16x8 operators (CONV_2D, DEPTHWISE_CONV_2D,
FULLY_CONNECTED: int16 activations, int8 weights, int64 bias; ADD, MUL and SOFTMAX on int16)
on the emulated cores, for each
kernel overlay against the reference kernels of the same core, with the outputs checked
against the host runner bit for bit. The overlays' 16x8 variants are meant to take at most
half the reference's instructions; this prints the ratio.

Run: .venv/bin/python scripts/bench_ops.py [--cores m4 m55] [--ops conv_2d ...]
[--kernels reference cmsis_nn]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import firmware
import numpy as np
from bench import overlay_present

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import ztflm  # noqa: E402
from modelbuilder import ModelBuilder  # noqa: E402

OUT = ROOT / "build" / "bench_ops"
# (core, overlay) pairs: each overlay on the cores it is built for; cmsis_nn only with
# CMSIS_NN_PATH (a CMSIS-NN checkout; never vendored).
CONFIGS = [("m4", "reference"), ("m4", "arm_dsp"), ("m4", "cmsis_nn"), ("m55", "reference"),
           ("m55", "arm_dsp"), ("m55", "arm_mve"), ("m55", "cmsis_nn")]
# The firmware's arena: the host plans cmsis_nn's scratch for its own C paths, not the core's.
ARENA = 96 * 1024


def _quantized(b: ModelBuilder, rng: np.random.Generator, shape: tuple[int, ...], channels: int,
               axis: int, per_channel: bool = True) -> tuple[int, int]:
    """int8 per-channel (or per-tensor) weights of shape and their int64 bias (input scale
    0.002)."""
    scales = (10 ** rng.uniform(-3, -2, channels if per_channel else 1)).astype(np.float32)
    w = b.const(rng.integers(-127, 128, shape).astype(np.int8), scale=scales,
                zero_point=[0] * len(scales), quantized_dimension=axis)
    bias = b.const(rng.integers(-50000, 50000, channels).astype(np.int64),
                   scale=(np.float32(0.002) * scales).astype(np.float32),
                   zero_point=[0] * len(scales))
    return w, bias


def conv_2d(rng: np.random.Generator) -> bytes:
    """The audio models' Conv1D: 1 x 128 samples, 16 channels in and out, kernel 1 x 5."""
    b = ModelBuilder()
    x = b.input([1, 1, 128, 16], np.int16, scale=0.002)
    w, bias = _quantized(b, rng, (16, 1, 5, 16), 16, 0)
    y = b.tensor([1, 1, 128, 16], np.int16, scale=0.004)
    b.op("CONV_2D", [x, w, bias], [y], "Conv2DOptions", padding="SAME", stride_h=1,
         stride_w=1)
    b.output(y)
    return b.build()


def depthwise_conv_2d(rng: np.random.Generator) -> bytes:
    """A 3 x 3 depthwise layer over 16 x 16 pixels of 32 channels."""
    b = ModelBuilder()
    x = b.input([1, 16, 16, 32], np.int16, scale=0.002)
    w, bias = _quantized(b, rng, (1, 3, 3, 32), 32, 3)
    y = b.tensor([1, 16, 16, 32], np.int16, scale=0.004)
    b.op("DEPTHWISE_CONV_2D", [x, w, bias], [y], "DepthwiseConv2DOptions", padding="SAME",
         stride_h=1, stride_w=1, depth_multiplier=1)
    b.output(y)
    return b.build()


def fully_connected(rng: np.random.Generator, per_channel: bool = True) -> bytes:
    """A 256 -> 64 dense layer, one batch."""
    b = ModelBuilder()
    x = b.input([1, 256], np.int16, scale=0.002)
    w, bias = _quantized(b, rng, (64, 256), 64, 0, per_channel)
    y = b.tensor([1, 64], np.int16, scale=0.004)
    b.op("FULLY_CONNECTED", [x, w, bias], [y], "FullyConnectedOptions")
    b.output(y)
    return b.build()


def fully_connected_per_tensor(rng: np.random.Generator) -> bytes:
    """The same with one weight scale: CMSIS-NN's s16 fully connected has no per-channel one."""
    return fully_connected(rng, per_channel=False)


def _binary(op: str, options: str, scales: tuple[float, float, float]) -> bytes:
    """An element-wise op over two 16 x 16 x 32 int16 tensors (zero points 0, as TFLM's)."""
    b = ModelBuilder()
    x = b.input([1, 16, 16, 32], np.int16, scale=scales[0])
    z = b.input([1, 16, 16, 32], np.int16, scale=scales[1])
    y = b.tensor([1, 16, 16, 32], np.int16, scale=scales[2])
    b.op(op, [x, z], [y], options)
    b.output(y)
    return b.build()


def add(rng: np.random.Generator) -> bytes:
    return _binary("ADD", "AddOptions", (0.002, 0.0015, 0.004))


def mul(rng: np.random.Generator) -> bytes:
    return _binary("MUL", "MulOptions", (0.002, 0.0015, 0.004))


def softmax(rng: np.random.Generator) -> bytes:
    """1024 rows of 8 values (the longest rows cmsis_nn's int16 variant takes)."""
    b = ModelBuilder()
    x = b.input([1024, 8], np.int16, scale=10 / 32768)
    y = b.tensor([1024, 8], np.int16, scale=1 / 32768)
    b.op("SOFTMAX", [x], [y], "SoftmaxOptions", beta=1.0)
    b.output(y)
    return b.build()


OPS = {"conv_2d": conv_2d, "depthwise_conv_2d": depthwise_conv_2d,
       "fully_connected": fully_connected,
       "fully_connected_per_tensor": fully_connected_per_tensor,
       "add": add, "mul": mul, "softmax": softmax}


def host_outputs(path: Path) -> list[bytes]:
    ip = ztflm.Interpreter.from_file(path)
    details = [ip.get_input_details(i) for i in range(ip.num_inputs())]
    for i, x in enumerate(firmware.pattern_inputs(details)):
        ip.set_input(x, i)
    ip.invoke()
    return [ip.get_output(i).tobytes() for i in range(ip.num_outputs())]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cores", nargs="+", default=None, choices=["m4", "m55"])
    p.add_argument("--ops", nargs="+", default=list(OPS), choices=list(OPS))
    p.add_argument("--kernels", nargs="+", default=None,
                   choices=sorted({overlay for _, overlay in CONFIGS}))
    args = p.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    configs = [c for c in CONFIGS
               if (args.cores is None or c[0] in args.cores)
               and (args.kernels is None or c[1] in args.kernels) and overlay_present(c[1])]
    print("| operator (16x8) | core | kernels | instructions | vs reference | bit-exact |")
    print("|---|---|---|---:|---:|---|")
    for name in args.ops:
        path = OUT / f"{name}_16x8.tflite"
        path.write_bytes(OPS[name](np.random.default_rng(15)))
        expected = host_outputs(path)
        reference: dict[str, int] = {}
        for core, overlay in configs:
            run = firmware.run(firmware.firmware(path, core, ARENA, overlay=overlay), core)
            if run.returncode != 0 or run.instructions is None:
                print(run.console, file=sys.stderr)
                raise SystemExit(f"bench_ops: {name} failed on {core} {overlay}")
            exact = [run.outputs.get(i) for i in range(len(expected))] == expected
            if overlay == "reference":
                reference[core] = run.instructions
            ratio = run.instructions / reference[core] if core in reference else float("nan")
            print(f"| {name} | {core.upper()} | {overlay} | {run.instructions:,} | "
                  f"{ratio:.2f} | {'yes' if exact else 'NO'} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
