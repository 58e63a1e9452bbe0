"""Stateful models the host and QEMU tiers share (issue 14)."""
from __future__ import annotations

from typing import Any, Optional

import numpy as np

from modelbuilder import ModelBuilder


def svdf(dtype: Any, batches: int = 2, n_input: int = 5, units: int = 3, rank: int = 2,
         memory: int = 4, bias: bool = True, activation: str = "NONE",
         state_dtype: Any = np.int16, seed: int = 0,
         scales: Optional[tuple[float, ...]] = None) -> bytes:
    """input [batches, n_input] -> SVDF -> [batches, units]; filters = units * rank."""
    rng = np.random.default_rng(seed)
    filters = units * rank
    b = ModelBuilder()
    if dtype == np.float32:
        x = b.input([batches, n_input], np.float32)
        wf = b.const(rng.normal(0, 0.5, (filters, n_input)).astype(np.float32))
        wt = b.const(rng.normal(0, 0.5, (filters, memory)).astype(np.float32))
        bi = b.const(rng.normal(0, 0.5, units).astype(np.float32)) if bias else -1
        st = b.tensor([batches, filters * memory], np.float32, is_variable=True)
        y = b.tensor([batches, units], np.float32)
    else:
        s_in, s_wf, s_state, s_wt, s_out = scales or (0.05, 0.01, 0.02, 0.003, 0.04)
        info = np.iinfo(state_dtype)
        x = b.input([batches, n_input], np.int8, scale=s_in, zero_point=-3)
        wf = b.const(rng.integers(-128, 128, (filters, n_input), dtype=np.int8), scale=s_wf)
        wt = b.const(rng.integers(info.min, info.max + 1, (filters, memory),
                                  dtype=state_dtype), scale=s_wt)
        bias_scale = np.float32(s_state) * np.float32(s_wt)
        bi = b.const(rng.integers(-3000, 3000, units, dtype=np.int32),
                     scale=float(bias_scale)) if bias else -1
        st = b.tensor([batches, filters * memory], state_dtype, scale=s_state,
                      zero_point=0 if state_dtype == np.int16 else 4, is_variable=True)
        y = b.tensor([batches, units], np.int8, scale=s_out, zero_point=2)
    b.op("SVDF", [x, wf, wt, bi, st], [y], "SVDFOptions", rank=rank,
         fused_activation_function=activation)
    b.output(y)
    return b.build()


def circular_buffer_stream(cycles: int, slots: int = 3, depth: tuple[int, int] = (1, 4),
                           valid: bool = False, after: bool = True,
                           variable: bool = True) -> bytes:
    """Input [1, 1, d2, d3] into a buffer [1, slots, d2, d3]; after: a RELU reads the buffer
    (the graph output), else the buffer is the graph output; valid: the bool output 1."""
    b = ModelBuilder()
    x = b.input([1, 1, *depth], np.int8, scale=0.5, zero_point=3)
    buf = b.tensor([1, slots, *depth], np.int8, scale=0.5, zero_point=3, is_variable=variable)
    outs = [buf]
    if valid:
        outs.append(b.tensor([1], np.bool_))
    b.custom("CIRCULAR_BUFFER", [x], outs, {"cycles_max": cycles})
    if after:
        y = b.tensor([1, slots, *depth], np.int8, scale=0.5, zero_point=3)
        b.op("RELU", [buf], [y])
        b.output(y)
    else:
        b.output(buf)
    if valid:
        b.output(outs[1])
    return b.build()
