"""Text for `ztflm info` and `ztflm arena` (and their west twins). Names from the model and
the file name go through printable(): a name cannot add a line or drive the terminal."""
from __future__ import annotations

from typing import Optional

from .arena_report import Placement
from .model import ModelInfo
from .text import printable


def info_lines(info: ModelInfo) -> list[str]:
    lines = [f"model: {printable(info.path.name)} ({info.size} bytes)"]
    if info.error is not None:
        lines.append(f"cannot run: {info.error}")
        if info.op_counts:
            lines.append("operators: " + ", ".join(f"{printable(op)} ({n})"
                                                   for op, n in info.op_counts.items()))
        else:
            lines.append("operators: unknown (install tflite-micro to list them)")
        if info.unsupported:
            lines.append("unsupported: " + ", ".join(map(printable, info.unsupported)))
        return lines
    for kind, indices in (("input", info.inputs), ("output", info.outputs)):
        for k, i in enumerate(indices):
            lines.append(f"{kind} {k}: tensor {i} {info.tensors[i].describe()}")
    macs = info.macs_by_op()
    lines.append(f"operators: {len(info.nodes)}")
    for op, n in info.op_counts.items():
        extra = f", {macs[op]} MACs" if macs.get(op) else ""
        lines.append(f"  {op}: {n}{extra}")
    lines.append("unsupported: none")
    lines.append(f"MACs: {info.macs}")
    lines.append(f"tensors: {len(info.tensors)} "
                 f"({sum(t.is_const for t in info.tensors)} constant)")
    lines.append(f"constant bytes: {info.constant_bytes}")
    lines.append(f"activation bytes: {info.activation_bytes} (before planning)")
    lines.append(f"arena: {info.arena_total} bytes (head {info.arena_head}, "
                 f"tail {info.arena_tail})")
    return lines


def tensor_lines(info: ModelInfo) -> list[str]:
    lines = ["tensor  kind      bytes  type/shape/quantization  name"]
    for t in info.tensors:
        kind = "const" if t.is_const else "variable" if t.is_variable else "activation"
        lines.append(f"{t.index:6}  {kind:10} {t.bytes:6}  {t.describe()}  {printable(t.name)}")
    return lines


def node_lines(info: ModelInfo) -> list[str]:
    return [f"node {n.index:3}  {n.op:20} in {n.inputs} out {n.outputs}"
            + (f"  {n.macs} MACs" if n.macs else "") for n in info.nodes]


def arena_lines(info: ModelInfo, tflm: Optional[int]) -> list[str]:
    lines = [f"model: {printable(info.path.name)}",
             f"arena: {info.arena_total} bytes (head {info.arena_head}, tail {info.arena_tail})"]
    if tflm is not None:
        lines.append(f"TFLM arena: {tflm} bytes (ztflm/TFLM = {info.arena_total / tflm:.3f})")
    return lines


def plan_lines(placements: list[Placement]) -> list[str]:
    """One line a placement; with subgraphs, a tensor of subgraph N is sNtM (its first and
    last op count that subgraph's nodes)."""
    lines = ["tensor  offset   bytes  first  last  name"]
    for p in placements:
        tag = " (persistent)" if p.persistent else ""
        tensor = p.label if p.subgraph else str(p.tensor)
        lines.append(f"{tensor:>6} {p.offset:7} {p.bytes:7} {p.first_op:6} {p.last_op:5}  "
                     f"{printable(p.name)}{tag}")
    return lines


def kconfig_lines(info: ModelInfo, kernels: str) -> list[str]:
    """A conf fragment a Zephyr build accepts as it is: the arena and the overlay choice
    it is exact for, so the build cannot pick other kernels under it."""
    return [
        f"# west tflm-arena --kconfig: {info.path.name} with the {kernels} kernels",
        f"CONFIG_ZTFLM_ARENA_SIZE={info.arena_total}",
        f"CONFIG_ZTFLM_KERNELS_{kernels.upper()}=y",
        *([f"CONFIG_ZTFLM_SUBGRAPHS={1 + len(info.subgraphs)}"] if info.subgraphs else []),
    ]
