#!/usr/bin/env python3
"""Writes the INT4-weight model of the benchmarks and the cmsis_nn tier: a keyword spotter
with MLPerf Tiny's DS-CNN shape (10x4 CONV_2D, four DEPTHWISE_CONV_2D + 1x1 CONV_2D blocks,
AVERAGE_POOL_2D, FULLY_CONNECTED, SOFTMAX), int8 activations, INT4 weights two a byte (per
channel for the convolutions, per tensor for FULLY_CONNECTED, as TFLM takes them) and random
values: `PYTHONPATH=tests .venv/bin/python tests/models/int4/make_models.py`.
tests/host/test_int4_model.py checks the committed file is what this writes."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from modelbuilder import ModelBuilder

HERE = Path(__file__).resolve().parent
CHANNELS = 64
LABELS = 12


class Net:
    """Layers appended to one ModelBuilder, each output scaled to keep its spread."""

    def __init__(self) -> None:
        self.b = ModelBuilder()
        self.rng = np.random.default_rng(4)
        self.scale = 0.5
        self.x = self.b.input([1, 49, 10, 1], np.int8, scale=self.scale, zero_point=0)

    def _conv_like(self, op: str, options: str, wshape: tuple[int, ...], out_shape: list[int],
                   taps: int, dim: int, **fields: object) -> None:
        channels = wshape[dim]
        wscale = (10 ** self.rng.uniform(-2.5, -1.5, channels)).astype(np.float32)
        w = self.b.const_int4(self.rng.integers(-8, 8, wshape), scale=wscale,
                              zero_point=[0] * channels, quantized_dimension=dim)
        bscale = (np.float32(self.scale) * wscale).astype(np.float32)
        bias = self.b.const(self.rng.integers(-500, 501, channels).astype(np.int32),
                            scale=bscale, zero_point=[0] * channels)
        # Sums of taps products of about 4.6 and 40 in size: a spread of about 40 out.
        self.scale = float(self.scale * np.median(wscale) * 4.6 * np.sqrt(taps))
        y = self.b.tensor(out_shape, np.int8, scale=self.scale, zero_point=-128)
        self.b.op(op, [self.x, w, bias], [y], options, activation="RELU", **fields)
        self.x = y

    def conv(self, kh: int, kw: int, stride: int, in_c: int, out_shape: list[int]) -> None:
        self._conv_like("CONV_2D", "Conv2DOptions", (out_shape[3], kh, kw, in_c), out_shape,
                        kh * kw * in_c, 0, padding="SAME", stride_h=stride, stride_w=stride)

    def depthwise(self, shape: list[int]) -> None:
        self._conv_like("DEPTHWISE_CONV_2D", "DepthwiseConv2DOptions", (1, 3, 3, shape[3]),
                        shape, 9, 3, padding="SAME", stride_h=1, stride_w=1,
                        depth_multiplier=1)

    def head(self) -> None:
        b = self.b
        pooled = b.tensor([1, 1, 1, CHANNELS], np.int8, scale=self.scale, zero_point=-128)
        b.op("AVERAGE_POOL_2D", [self.x], [pooled], "Pool2DOptions", padding="VALID",
             stride_h=1, stride_w=1, filter_height=25, filter_width=5)
        flat = b.tensor([1, CHANNELS], np.int8, scale=self.scale, zero_point=-128)
        b.op("RESHAPE", [pooled, b.const(np.array([1, CHANNELS], np.int32))], [flat])
        wscale = np.float32(0.02)
        w = b.const_int4(self.rng.integers(-8, 8, (LABELS, CHANNELS)), scale=[wscale],
                         zero_point=[0])
        bias = b.const(self.rng.integers(-500, 501, LABELS).astype(np.int32),
                       scale=[np.float32(self.scale) * wscale], zero_point=[0])
        logit_scale = self.scale * 0.02 * 4.6 * 8 * 2
        logits = b.tensor([1, LABELS], np.int8, scale=logit_scale, zero_point=0)
        b.op("FULLY_CONNECTED", [flat, w, bias], [logits], "FullyConnectedOptions")
        probs = b.tensor([1, LABELS], np.int8, scale=1 / 256, zero_point=-128)
        # Logits of about 15 steps: beta spreads them over a few units of softmax input.
        b.op("SOFTMAX", [logits], [probs], "SoftmaxOptions", beta=0.15 / logit_scale)
        b.output(probs)


def kws_dscnn_int4() -> bytes:
    net = Net()
    shape = [1, 25, 5, CHANNELS]
    net.conv(10, 4, 2, 1, shape)
    for _ in range(4):
        net.depthwise(shape)
        net.conv(1, 1, 1, CHANNELS, shape)
    net.head()
    return net.b.build()


MODELS = {"kws_dscnn_int4.tflite": kws_dscnn_int4}


def main() -> int:
    for name, make in MODELS.items():
        (HERE / name).write_bytes(make())
        print(f"wrote {HERE / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
