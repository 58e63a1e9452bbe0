"""Stateful models the host and QEMU tiers share (issue 14)."""
from __future__ import annotations

from typing import Any, Optional

import numpy as np

import ztflm
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


def assert_state_kept_then_reset(model: bytes, x: np.ndarray, invokes: int = 3) -> None:
    """ztflm alone, no oracle: the same input invoked `invokes` times gives another output as
    the state moves on; after reset the same outputs again, byte for byte."""
    ip = ztflm.Interpreter.from_bytes(model)
    outs = []
    for _ in range(2):
        for _ in range(invokes):
            ip.set_input(x, 0)
            ip.invoke()
            outs.append(ip.get_output(0).copy())
        ip.reset()
    assert not np.array_equal(outs[0], outs[1])
    for a, b in zip(outs[:invokes], outs[invokes:]):
        assert a.tobytes() == b.tobytes()


# UNIDIRECTIONAL_SEQUENCE_LSTM's types: (activations, weights, bias, cell state).
LSTM_TYPES = {
    "float32": (np.float32, np.float32, np.float32, np.float32),
    "int8": (np.int8, np.int8, np.int32, np.int16),
    "16x8": (np.int16, np.int8, np.int64, np.int16),
}


def lstm(kind: str = "int8", batches: int = 2, steps: int = 3, n_input: int = 5,
         units: int = 4, time_major: bool = False, cell_clip: float = 0.0,
         proj_clip: float = 0.0, activation: str = "TANH", seed: int = 0,
         input_scale: Optional[float] = None, input_zp: int = -3, weight_scale: float = 0.02,
         hidden_scale: Optional[float] = None, hidden_zp: int = 3, cell_scale: float = 2 ** -11,
         weight_zp: int = 0, extra: tuple[int, ...] = (),
         edit: Optional[Any] = None) -> bytes:
    """input [batches, steps, n_input] ([steps, batches, n_input] when time_major) -> LSTM
    -> the hidden state at every step. kind: float32, int8 (int16 cell state) or 16x8.
    extra: inputs among 9-11 (peephole), 16-17 (projection), 20-23 (layer norm) to add,
    which TFLM refuses. edit(builder, tensors) may change the model before it is packed."""
    rng = np.random.default_rng(seed)
    act, wt, bt, ct = LSTM_TYPES[kind]
    # int16 activations cover their range at the converter's scales (about 2^-12 and 2^-15).
    input_scale = input_scale or (2 ** -12 if kind == "16x8" else 0.05)
    hidden_scale = hidden_scale or (2 ** -15 if kind == "16x8" else 2 ** -7)
    q = kind != "float32"
    in_zp = input_zp if kind == "int8" else 0
    h_zp = hidden_zp if kind == "int8" else 0
    seq = [steps, batches] if time_major else [batches, steps]
    b = ModelBuilder()
    x = b.input(seq + [n_input], act, input_scale if q else None, in_zp)

    def weights(depth: int, scale: float) -> int:
        if not q:
            return b.const(rng.normal(0, 0.5, (units, depth)).astype(np.float32))
        return b.const(rng.integers(-127, 128, (units, depth), dtype=np.int8), scale=scale,
                       zero_point=weight_zp)

    def bias(scale: float) -> int:
        if not q:
            return b.const(rng.normal(0, 0.5, units).astype(np.float32))
        return b.const(rng.integers(-2000, 2000, units).astype(bt), scale=scale)

    w_in = [weights(n_input, weight_scale * (1 + g / 4)) for g in range(4)]
    w_rec = [weights(units, weight_scale * (1.5 - g / 8)) for g in range(4)]
    biases = [bias(float(np.float32(input_scale) * np.float32(weight_scale * (1 + g / 4))))
              for g in range(4)]
    h = b.tensor([batches, units], act, hidden_scale if q else None, h_zp, is_variable=True)
    c = b.tensor([batches, units], ct, cell_scale if q else None, 0, is_variable=True)
    y = b.tensor(seq + [units], act, hidden_scale if q else None, h_zp)
    inputs = [x] + w_in + w_rec + [-1, -1, -1] + biases + [-1, -1, h, c, -1, -1, -1, -1]
    for i in extra:
        shape = [units, units] if i == 16 else [units]
        inputs[i] = weights(units, weight_scale) if i == 16 else (
            b.const(np.zeros(shape, bt if i == 17 else (np.float32 if not q else np.int16)),
                    scale=None if not q else weight_scale))
    tensors = dict(x=x, h=h, c=c, y=y, w=w_in[0], bias=biases[0])
    b.op("UNIDIRECTIONAL_SEQUENCE_LSTM", inputs, [y], "UnidirectionalSequenceLSTMOptions",
         fused_activation_function=activation, cell_clip=cell_clip, proj_clip=proj_clip,
         time_major=time_major)
    b.output(y)
    if edit is not None:
        edit(b, tensors)
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
