"""The arena as the runtime planned it: per-tensor placement and lifetime, SVG, TFLM's figure.

Nothing here plans or estimates: offsets and sizes come from the runtime (ztflm.Interpreter);
the first and last op of each tensor are read from the node list only to report them.
"""
from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from html import escape
from typing import Optional

from .model import ModelInfo, Node, Tensor
from .text import printable


@dataclass
class Placement:
    tensor: int
    name: str
    offset: int
    bytes: int
    first_op: int
    last_op: int
    persistent: bool
    subgraph: int = 0  # its subgraph; first_op and last_op count that subgraph's nodes

    @property
    def label(self) -> str:
        """t5 for a tensor of subgraph 0, s1t5 for one of subgraph 1."""
        return f"s{self.subgraph}t{self.tensor}" if self.subgraph else f"t{self.tensor}"


def _subgraph_plan(info: ModelInfo, index: int, tensors: list[Tensor], nodes: list[Node],
                   inputs: list[int], outputs: list[int]) -> list[Placement]:
    last_node = max(len(nodes) - 1, 0)
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for t in inputs:
        first[t] = 0
    for n in nodes:
        for t in n.inputs + n.outputs:
            if t >= 0:
                first.setdefault(t, n.index)
                last[t] = n.index
    for t in outputs:
        last[t] = last_node
    out = []
    for t in tensors:
        if t.is_const or t.arena_offset is None or t.bytes == 0:
            continue
        persistent = t.is_variable or t.arena_offset >= info.arena_head
        out.append(Placement(t.index, t.name, t.arena_offset, t.bytes,
                             0 if persistent else first.get(t.index, 0),
                             last_node if persistent else last.get(t.index, last_node),
                             persistent, index))
    return out


def plan(info: ModelInfo) -> list[Placement]:
    """Every non-constant tensor the runtime placed in the arena, by offset, of every
    subgraph (a called subgraph's share the head with its caller's, at other times)."""
    out = _subgraph_plan(info, 0, info.tensors, info.nodes, info.inputs, info.outputs)
    for g in info.subgraphs:
        out += _subgraph_plan(info, g.index, g.tensors, g.nodes, g.inputs, g.outputs)
    return sorted(out, key=lambda p: (p.offset, p.subgraph, p.first_op, p.tensor))


def svg(info: ModelInfo, placements: list[Placement]) -> str:
    """Op index on x, arena offset on y (0 at the top), one labelled rect per tensor. Names
    are printable() before escape(): XML allows no control character, not even as &#N;."""
    ops = max(len(info.nodes), 1)
    total = max(info.arena_total, 1)
    left, top, width, height = 60, 30, 800, 500
    col = width / ops
    scale = height / total
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 20}" '
        f'height="{top + height + 40}" font-family="monospace" font-size="10">',
        f'<text x="{left}" y="18">{escape(printable(info.path.name))}: arena '
        f'{info.arena_total} bytes (head {info.arena_head}, tail {info.arena_tail})</text>',
        f'<rect x="{left}" y="{top}" width="{width}" height="{height}" fill="none" '
        'stroke="#888"/>',
        f'<line x1="{left}" y1="{top + info.arena_head * scale:.1f}" x2="{left + width}" '
        f'y2="{top + info.arena_head * scale:.1f}" stroke="#c00" stroke-dasharray="4"/>',
    ]
    for i, p in enumerate(placements):
        x = left + p.first_op * col
        y = top + p.offset * scale
        w = (p.last_op - p.first_op + 1) * col
        h = max(p.bytes * scale, 1.0)
        hue = (i * 47) % 360
        where = f"subgraph {p.subgraph} " if p.subgraph else ""
        # Another subgraph's tensors are drawn dashed, at their own subgraph's op indices.
        dash = ' stroke-dasharray="3"' if p.subgraph else ""
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
            f'fill="hsl({hue},60%,75%)" stroke="#333"{dash}><title>{where}tensor {p.tensor} '
            f'{escape(printable(p.name))}: offset {p.offset}, {p.bytes} bytes, ops {p.first_op}-'
            f'{p.last_op}</title></rect>')
        parts.append(f'<text x="{x + 2:.1f}" y="{y + min(h, 12) - 2:.1f}">{p.label}</text>')
    for k in range(ops):
        parts.append(f'<text x="{left + (k + 0.5) * col:.1f}" y="{top + height + 14}" '
                     f'text-anchor="middle">{k}</text>')
    parts.append(f'<text x="{left}" y="{top + height + 32}">op index; arena offset grows '
                 'downwards; dashed line: end of the head'
                 + ('; sNtM: subgraph N, dashed, at its own op indices' if info.subgraphs
                    else '') + '</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


_TFLM_SCRIPT = (
    "import sys\n"
    "from tflite_micro.python.tflite_micro import runtime\n"
    "model = sys.stdin.buffer.read()\n"
    "runtime.Interpreter.from_bytes(model, arena_size=8 << 20).print_allocations()\n"
)


def tflm_arena(model: bytes) -> Optional[int]:
    """TFLM's arena for the model (its own allocation report, from a process of its own: TFLM
    prints to stderr and may crash), None without tflite_micro or when TFLM cannot load it."""
    try:
        import tflite_micro  # noqa: F401
    except ImportError:
        return None
    try:
        r = subprocess.run([sys.executable, "-c", _TFLM_SCRIPT], input=model,
                           capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(rb"Arena allocation total (\d+) bytes", r.stderr + r.stdout)
    return int(m.group(1)) if m and r.returncode == 0 else None
