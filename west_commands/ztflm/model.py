"""A model described through the C runtime: operators, tensors, bytes, MACs, what cannot run."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np

from . import _lib
from .errors import Error, Status
from .files import read_model
from .interpreter import Interpreter

CUSTOM = 32


def kernel_table() -> dict[str, str]:
    """Operator name -> descriptor name of every operator built into the runtime (the op
    table, kernels.h)."""
    return _lib.kernel_table()


@dataclass
class Tensor:
    index: int
    name: str
    shape: list[int]
    dtype: str
    bytes: int
    is_const: bool
    is_variable: bool
    scales: list[float]
    zero_points: list[int]
    quantized_dimension: int
    arena_offset: Optional[int]

    @property
    def quantization(self) -> str:
        if not self.scales:
            return ""
        if len(self.scales) == 1:
            return f"s={self.scales[0]:.6g} zp={self.zero_points[0]}"
        return f"per-channel({len(self.scales)}, dim {self.quantized_dimension})"

    def describe(self) -> str:
        q = f" {self.quantization}" if self.quantization else ""
        return f"{self.dtype.lower()}{self.shape}{q}"


@dataclass
class Node:
    index: int
    code: int
    op: str
    inputs: list[int]
    outputs: list[int]
    macs: int


@dataclass
class Subgraph:
    """A subgraph other than the first, which control flow (IF, WHILE, CALL_ONCE) runs."""

    index: int
    nodes: list[Node] = field(default_factory=list)
    tensors: list[Tensor] = field(default_factory=list)
    inputs: list[int] = field(default_factory=list)
    outputs: list[int] = field(default_factory=list)


@dataclass
class ModelInfo:
    """Everything `ztflm info` prints; error set (and most lists empty) when it cannot run."""

    path: Path
    size: int
    data: bytes = field(default=b"", repr=False)  # the model as read, once
    nodes: list[Node] = field(default_factory=list)
    tensors: list[Tensor] = field(default_factory=list)
    inputs: list[int] = field(default_factory=list)
    outputs: list[int] = field(default_factory=list)
    op_counts: dict[str, int] = field(default_factory=dict)
    unsupported: list[str] = field(default_factory=list)
    arena_head: int = 0
    arena_tail: int = 0
    arena_total: int = 0
    subgraphs: list[Subgraph] = field(default_factory=list)  # the others than the first
    error: Optional[Error] = None

    @property
    def all_tensors(self) -> list[Tensor]:
        return [*self.tensors, *(t for g in self.subgraphs for t in g.tensors)]

    @property
    def all_nodes(self) -> list[Node]:
        return [*self.nodes, *(n for g in self.subgraphs for n in g.nodes)]

    @property
    def constant_bytes(self) -> int:
        return sum(t.bytes for t in self.tensors if t.is_const)

    @property
    def activation_bytes(self) -> int:
        """Bytes of every non-constant tensor, before the planner overlaps them."""
        return sum(t.bytes for t in self.tensors if not t.is_const)

    @property
    def macs(self) -> int:
        return sum(n.macs for n in self.nodes)

    @property
    def types_mask(self) -> int:
        """The runtime's ZTFLM_TYPES for this model: bit 1 << TensorType of every type among
        its tensors, so a build with only these types' kernels runs it."""
        codes = _lib.type_codes()
        return sum(1 << codes[name] for name in {t.dtype for t in self.all_tensors})

    def macs_by_op(self) -> dict[str, int]:
        out: Counter[str] = Counter()
        for n in self.nodes:
            out[n.op] += n.macs
        return dict(out)


def _prod(values: list[int]) -> int:
    return int(np.prod(values, dtype=np.int64)) if values else 1


def node_macs(op: str, inputs: list[Tensor], outputs: list[Tensor]) -> int:
    """Multiply-accumulates of one CONV_2D, DEPTHWISE_CONV_2D or FULLY_CONNECTED (else 0)."""
    if op not in ("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED") or len(inputs) < 2 \
            or not outputs:
        return 0
    out, filt = _prod(outputs[0].shape), inputs[1].shape
    if op == "CONV_2D" and len(filt) == 4:  # [out_ch, kh, kw, in_ch]
        return out * filt[1] * filt[2] * filt[3]
    if op == "DEPTHWISE_CONV_2D" and len(filt) == 4:  # [1, kh, kw, out_ch]
        return out * filt[1] * filt[2]
    if op == "FULLY_CONNECTED" and filt:  # [units, in]
        return out * filt[-1]
    return 0


def _tensor(ip: Interpreter, i: int) -> Tensor:
    d = ip.get_tensor_details(i)
    s = ip.get_tensor_storage(i)
    q = d["quantization_parameters"]
    return Tensor(
        index=i, name=d["name"], shape=[int(x) for x in d["shape"]], dtype=s["type"],
        bytes=s["bytes"], is_const=s["is_const"], is_variable=s["is_variable"],
        scales=[float(x) for x in q["scales"]], zero_points=[int(x) for x in q["zero_points"]],
        quantized_dimension=q["quantized_dimension"], arena_offset=ip.tensor_arena_offset(i))


def _subgraph(ip: Interpreter, index: int) -> Subgraph:
    """The subgraph the interpreter views."""
    g = Subgraph(index)
    g.tensors = [_tensor(ip, i) for i in range(ip.num_tensors())]
    for n in range(ip.num_nodes()):
        code, ins, outs = ip.get_node(n)
        op = ip.get_node_custom_name(n) or _lib.builtin_name(code)
        macs = node_macs(op, [g.tensors[i] for i in ins if i >= 0],
                         [g.tensors[i] for i in outs if i >= 0])
        g.nodes.append(Node(n, code, op, ins, outs, macs))
    g.inputs = [ip.get_input_details(i)["index"] for i in range(ip.num_inputs())]
    g.outputs = [ip.get_output_details(i)["index"] for i in range(ip.num_outputs())]
    return g


def from_interpreter(ip: Interpreter, path: Path, data: bytes) -> ModelInfo:
    info = ModelInfo(path=path, size=len(data), data=data)
    with ip.lock:
        first = _subgraph(ip, 0)
        for k in range(1, ip.num_subgraphs()):
            ip.view_subgraph(k)
            info.subgraphs.append(_subgraph(ip, k))
        ip.view_subgraph(0)
    info.tensors, info.nodes = first.tensors, first.nodes
    info.inputs, info.outputs = first.inputs, first.outputs
    info.op_counts = dict(sorted(Counter(n.op for n in info.all_nodes).items()))
    info.arena_head = ip.arena_head_bytes()
    info.arena_tail = ip.arena_tail_bytes()
    info.arena_total = ip.arena_used_bytes()
    return info


def _schema_ops(data: bytes, error: Error) -> Optional[list[str]]:
    """Operator names of every subgraph, None when they cannot be read safely.

    Read only when the runtime refused one operator (error.node >= 0): the verifier had then
    accepted the whole model, so the fields read here (the operator codes and each operator's
    opcode index, through tflite_micro's schema accessors, not its object API, which would
    unpack unverified fields) are verified. A model refused earlier is never parsed here."""
    if error.node < 0:
        return None
    try:
        from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema
    except ImportError:
        return None
    model = schema.Model.GetRootAs(data, 0)
    codes = []
    for i in range(model.OperatorCodesLength()):
        oc = model.OperatorCodes(i)
        code = max(int(oc.BuiltinCode()), int(oc.DeprecatedBuiltinCode()))
        name = _lib.builtin_name(code)
        custom = oc.CustomCode()
        if code == CUSTOM and custom:
            name = f"CUSTOM:{custom.decode(errors='replace')}"
        codes.append(name)
    graphs = [model.Subgraphs(k) for k in range(model.SubgraphsLength())]
    return [codes[g.Operators(i).OpcodeIndex()] for g in graphs
            for i in range(g.OperatorsLength())]


def describe(path: Path) -> ModelInfo:
    """The model at path through the runtime. A model the runtime refuses as unsupported
    still gets its operators (when tflite_micro's schema is importable) and the error."""
    data = read_model(path)
    try:
        ip = Interpreter.from_bytes(data)
    except Error as e:
        if e.code != Status.UNSUPPORTED:
            raise
        info = ModelInfo(path=Path(path), size=len(data), data=data, error=e)
        ops = _schema_ops(data, e)
        if ops is not None:
            supported = kernel_table()
            info.op_counts = dict(sorted(Counter(ops).items()))
            info.unsupported = sorted({op for op in ops if op not in supported})
        return info
    return from_interpreter(ip, Path(path), data)


def require_runnable(info: ModelInfo) -> None:
    if info.error is not None:
        raise info.error
