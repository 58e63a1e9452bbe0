"""The catalogue of malformed models (issue 7): the generators the host tests
(tests/host/test_malformed_models.py) and the QEMU tier (tests/qemu/test_malformed_qemu.py)
both run, so both tiers see the same bytes."""
from __future__ import annotations

import struct
from typing import Callable, Iterator, Optional

import numpy as np
from shared_models import MODELS

from modelbuilder import ModelBuilder, pack

SMALL = ["tflm_hello_world_int8", "mlperf_kws_dscnn_int8", "tflm_micro_speech_int8"]
ARENA = 1 << 20


def load(name: str) -> bytes:
    return (MODELS / f"{name}.tflite").read_bytes()


def truncations(data: bytes) -> Iterator[tuple[str, bytes]]:
    """The model cut at every 1/64 of its length (0 included, the whole model not)."""
    for k in range(64):
        cut = len(data) * k // 64
        yield f"cut {k}/64", data[:cut]


def byte_flips(data: bytes, trials: int = 150, seed: int = 2024) -> Iterator[tuple[str, bytes]]:
    """1 to 3 random bytes rewritten per trial, landing in the FlatBuffer structure (the first
    and last KiB) and anywhere, in turn."""
    rng = np.random.default_rng(seed)
    for trial in range(trials):
        buf = bytearray(data)
        for _ in range(int(rng.integers(1, 4))):
            region = trial % 3
            if region == 0:
                pos = int(rng.integers(0, min(1024, len(buf))))
            elif region == 1:
                pos = int(rng.integers(max(0, len(buf) - 1024), len(buf)))
            else:
                pos = int(rng.integers(0, len(buf)))
            buf[pos] = int(rng.integers(0, 256))
        yield f"flip trial {trial}", bytes(buf)


def conv_model() -> bytes:
    b = ModelBuilder()
    x = b.input([1, 5, 5, 2], np.int8, scale=0.1, zero_point=0)
    w = b.const(np.ones([3, 3, 3, 2], np.int8), scale=[0.02] * 3, zero_point=[0] * 3,
                quantized_dimension=0)
    bias = b.const(np.zeros([3], np.int32), scale=[0.002] * 3, zero_point=[0] * 3)
    y = b.tensor([1, 5, 5, 3], np.int8, scale=0.2, zero_point=0)
    b.op("CONV_2D", [x, w, bias], [y], "Conv2DOptions", padding="SAME", stride_w=1,
         stride_h=1)
    b.output(y)
    return b.build()


def uoffsets_past_the_end(data: bytes) -> Iterator[tuple[str, bytes]]:
    """Each aligned 32-bit word rewritten to point 8 bytes past the buffer."""
    for pos in range(0, len(data) - 4, 4):
        buf = bytearray(data)
        buf[pos:pos + 4] = struct.pack("<I", len(data) - pos + 8)
        yield f"uoffset at {pos}", bytes(buf)


def vtable_extremes(data: bytes) -> Iterator[tuple[str, bytes]]:
    """Each aligned 16-bit word (vtable entries among them) set to 0xFFFF, 0x8000 and 4."""
    for pos in range(0, len(data) - 2, 2):
        for value in (0xFFFF, 0x8000, 0x0004):
            buf = bytearray(data)
            buf[pos:pos + 2] = struct.pack("<H", value)
            yield f"u16 {value:#x} at {pos}", bytes(buf)


def two_op_builder() -> ModelBuilder:
    """x -> RELU -> h -> RELU -> y"""
    b = ModelBuilder()
    x = b.input([1, 4], np.float32)
    h = b.tensor([1, 4], np.float32)
    y = b.tensor([1, 4], np.float32)
    b.op("RELU", [x], [h])
    b.op("RELU", [h], [y])
    b.output(y)
    return b


def const_add_builder(constant: Optional[np.ndarray] = None) -> tuple[ModelBuilder, int]:
    """x -> ADD(x, c) -> y, float, x and y shaped like the constant c (default [1, 2, 3, 4] of
    shape [1, 4]): (builder, c's index), for cases that move or corrupt c's buffer."""
    if constant is None:
        constant = np.arange(1, 5, dtype=np.float32).reshape(1, 4)
    b = ModelBuilder()
    x = b.input(list(constant.shape), np.float32)
    c = b.const(constant)
    y = b.tensor(list(constant.shape), np.float32)
    b.op("ADD", [x, c], [y], "AddOptions")
    b.output(y)
    return b, c


def _two_op(mutate: Callable[[object], None]) -> Callable[[], bytes]:
    def make() -> bytes:
        m = two_op_builder().model()
        mutate(m)
        return pack(m)
    return make


def _set(path: str, value: object) -> Callable[[object], None]:
    """A mutation setting an attribute path such as "subgraphs.0.operators.1.inputs"."""
    *parents, last = path.split(".")

    def mutate(m: object) -> None:
        obj = m
        for p in parents:
            obj = obj[int(p)] if p.isdigit() else getattr(obj, p)  # type: ignore[index]
        setattr(obj, last, value)
    return mutate


PLACEHOLDER = 0x5A5A5A5A5A5A5A58  # a Buffer.offset easy to find and rewrite in the bytes


def extended(offset: Optional[int] = None, size: int = 16, variable: bool = False) -> bytes:
    """const_add_builder's model with c's data stored after the FlatBuffer, as models over
    2 GB keep it: Buffer.offset and Buffer.size (64-bit fields) instead of Buffer.data. offset
    None puts the data there, at the first 16-byte boundary after the FlatBuffer; a number
    writes that offset and appends nothing. variable marks c a variable tensor."""
    b, c = const_add_builder()
    m = b.model()
    t = m.subgraphs[0].tensors[c]
    t.isVariable = variable
    buf = m.buffers[t.buffer]
    data = bytes(buf.data)
    buf.data, buf.offset, buf.size = None, PLACEHOLDER, size
    flat = pack(m)
    at = flat.find(struct.pack("<Q", PLACEHOLDER))
    assert at > 0 and flat.find(struct.pack("<Q", PLACEHOLDER), at + 1) < 0
    tail = b""
    if offset is None:
        offset = len(flat) + (-len(flat) % 16)
        tail = b"\0" * (offset - len(flat)) + data
    return flat[:at] + struct.pack("<Q", offset) + flat[at + 8:] + tail


LARGEST_TENSOR = 0x3FFFFFF0  # ZTFLM_MAX_SIZE: the most bytes a tensor may have


def plan_past_2_32() -> bytes:
    """Four int8 tensors of LARGEST_TENSOR bytes and one of 60, each a graph input and a graph
    output, so all five live at once beside a RELU: the plan spans 2^32 - 4 bytes, which a
    32-bit sum wraps to a plan that fits any arena. Nothing in the file is large."""
    b = ModelBuilder()
    x = b.input([1, 4], np.float32)
    y = b.tensor([1, 4], np.float32)
    b.op("RELU", [x], [y])
    b.output(y)
    for size in [LARGEST_TENSOR] * 4 + [60]:
        t = b.input([size], np.int8)
        b.output(t)
    return b.build()


def const_graph_io(kind: str) -> bytes:
    """const_add_builder's model with its constant c also a graph input or a graph output."""
    b, c = const_add_builder()
    m = b.model()
    g = m.subgraphs[0]
    if kind == "input":
        g.inputs = [*g.inputs, c]
    else:
        g.outputs = [*g.outputs, c]
    return pack(m)


# A custom op name that would forge a second error line and clear the screen.
HOSTILE_NAME = "Evil\nztflm: error: forged\r\x1b[2J"


def custom_op(name: str) -> bytes:
    """x -> CUSTOM op name -> y, which no resolver has."""
    b = ModelBuilder()
    x = b.input([1, 4], np.float32)
    y = b.tensor([1, 4], np.float32)
    b.op("CUSTOM", [x], [y], custom_name=name)
    b.output(y)
    return b.build()


# Semantically malformed two-op models: name -> bytes (the host tests pin each one's error).
SEMANTIC: dict[str, Callable[[], bytes]] = {
    "operator input out of range": _two_op(_set("subgraphs.0.operators.1.inputs", [99])),
    "negative operator output": _two_op(_set("subgraphs.0.operators.0.outputs", [-1])),
    "graph input out of range": _two_op(_set("subgraphs.0.inputs", [7])),
    "opcode index out of range": _two_op(_set("subgraphs.0.operators.0.opcodeIndex", 5)),
    "buffer index out of range": _two_op(_set("subgraphs.0.tensors.1.buffer", 40)),
    "negative dimension": _two_op(_set("subgraphs.0.tensors.1.shape", [1, -4])),
    "byte size overflows 32 bits": _two_op(_set("subgraphs.0.tensors.2.shape",
                                                [65536, 65536, 4])),
    "no subgraph": _two_op(_set("subgraphs", [])),
    "no operators": _two_op(_set("subgraphs.0.operators", [])),
    "schema version 2": _two_op(_set("version", 2)),
    "unknown builtin": _two_op(lambda m: (_set("operatorCodes.0.builtinCode", 250)(m),
                                          _set("operatorCodes.0.deprecatedBuiltinCode", 127)(m))),
    "two subgraphs": _two_op(lambda m: setattr(m, "subgraphs", [m.subgraphs[0]] * 2)),
    "operators out of order": _two_op(lambda m: m.subgraphs[0].operators.reverse()),
    "tensor written twice, output never produced": _two_op(
        _set("subgraphs.0.operators.1.outputs", [1])),
    # Issue 11: each of these passed the runtime's checks and read or wrote out of bounds.
    "buffer offset near 2^64 wraps its bounds check": lambda: extended(2**64 - 16),
    "variable tensor whose buffer offset wraps to 12 bytes before the model":
        lambda: extended(2**64 - 12, variable=True),
    "activations spanning 2^32 bytes": plan_past_2_32,
    "constant graph input": lambda: const_graph_io("input"),
    "constant graph output": lambda: const_graph_io("output"),
    "custom op name with control characters": lambda: custom_op(HOSTILE_NAME),
}


def one_op(op: str, inputs: list, outputs: list, options: Optional[str] = None,
           **fields: object) -> Callable[[], bytes]:
    """A model of one operator: each input a (shape, dtype) graph input or an array (a
    constant), each output a (shape, dtype) graph output."""
    def make() -> bytes:
        b = ModelBuilder()
        ins = [b.const(i) if isinstance(i, np.ndarray) else b.input(*i) for i in inputs]
        outs = [b.tensor(*o) for o in outputs]
        b.op(op, ins, outs, options, **fields)
        for o in outs:
            b.output(o)
        return b.build()
    return make


def _i32(*v: int) -> np.ndarray:
    return np.array(v, np.int32)


F32 = np.float32
I16 = np.int16
# Issue 13: each operator's parameter checks, as (model, the error's words, status name).
OPERATOR_PARAMETERS: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "arg_max axis past the rank": (one_op(
        "ARG_MAX", [([2, 3], F32), _i32(2)], [([2], np.int32)], "ArgMaxOptions",
        output_type=2), "axis 2 is out of range for rank 2", "MODEL"),
    "batch_matmul depths that differ": (one_op(
        "BATCH_MATMUL", [([3, 5], F32), ([4, 2], F32)], [([3, 2], F32)], "BatchMatMulOptions"),
        "LHS depth 5 is not RHS depth 4", "MODEL"),
    "batch_matmul batches that do not broadcast": (one_op(
        "BATCH_MATMUL", [([2, 3, 5], F32), ([3, 5, 2], F32)], [([3, 3, 2], F32)],
        "BatchMatMulOptions"), "batch dimension 0: LHS has 2, RHS 3, neither 1", "MODEL"),
    "batch_matmul adjoint depth that differs": (one_op(
        "BATCH_MATMUL", [([3, 5], F32), ([5, 2], F32)], [([5, 2], F32)], "BatchMatMulOptions",
        adj_x=True), "LHS depth 3 is not RHS depth 5", "MODEL"),
    "batch_matmul rank 6": (one_op(
        "BATCH_MATMUL", [([1, 1, 1, 1, 3, 5], F32), ([5, 2], F32)], [([1, 1, 1, 1, 3, 2], F32)],
        "BatchMatMulOptions"), "LHS rank 6 and RHS rank 2 must be 2 to 5", "UNSUPPORTED"),
    "batch_matmul int16 rescale shift past 14": (one_op(
        "BATCH_MATMUL", [([3, 5], I16, 1.0, 0), ([5, 2], I16, 1.0, 0)],
        [([3, 2], I16, 1.0 / 40000, 0)], "BatchMatMulOptions"),
        "int16 output rescale shift 16 is above 14", "UNSUPPORTED"),
    "cumsum axis past the rank": (one_op(
        "CUMSUM", [([2, 3], F32), _i32(-3)], [([2, 3], F32)], "CumsumOptions"),
        "axis -3 is out of range for rank 2", "MODEL"),
    "l2_normalization rank 5": (one_op(
        "L2_NORMALIZATION", [([1, 1, 1, 2, 3], F32)], [([1, 1, 1, 2, 3], F32)],
        "L2NormOptions"), "input rank 5 is not 1 to 4", "UNSUPPORTED"),
    "l2_pool_2d stride 0": (one_op(
        "L2_POOL_2D", [([1, 4, 4, 1], F32)], [([1, 2, 2, 1], F32)], "Pool2DOptions",
        padding="VALID", stride_h=0, stride_w=2, filter_height=2, filter_width=2),
        "invalid window", "MODEL"),
    "log_softmax output of another shape": (one_op(
        "LOG_SOFTMAX", [([2, 3], F32)], [([3, 2], F32)], "LogSoftmaxOptions"),
        "output dimension 0 is 3, not the input's 2", "MODEL"),
    "sum axis past the rank": (one_op(
        "SUM", [([2, 3], F32), _i32(3)], [([2], F32)], "ReducerOptions"),
        "axis 3 is out of range for rank 2", "MODEL"),
    "reduce_max output of another rank": (one_op(
        "REDUCE_MAX", [([2, 3], F32), _i32(1)], [([2, 1, 1], F32)], "ReducerOptions",
        keep_dims=True), "output has rank 3 but the reduction has rank 2", "MODEL"),
}
SEMANTIC.update({label: make for label, (make, _, _) in OPERATOR_PARAMETERS.items()})
