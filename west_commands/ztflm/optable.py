"""The operators a runtime library provides, read from its op descriptors (kernels.h)."""
from __future__ import annotations

from . import _lib


def _signature(v: _lib.Variant) -> str:
    """"INT8", or "INT8->INT16" when the output type differs from the input's."""
    t = v.input_type or "any"
    out = v.output_type or "any"
    return t if out == t else f"{t}->{out}"


# The weight (input 1) types of the operators with weights, per input type: what
# ztflm_conv_setup (kernels/ops/conv_common.c) accepts, INT4 packed two a byte. The variants
# name input types only; tests/host/test_op_table.py builds every pair and checks ztflm runs
# exactly these.
WEIGHTS: dict[str, dict[str, tuple[str, ...]]] = {
    **{op: {"INT8": ("INT8", "INT4"), "INT16": ("INT8", "INT4"), "FLOAT32": ("FLOAT32",)}
       for op in ("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED")},
    "TRANSPOSE_CONV": {"INT8": ("INT8",), "INT16": ("INT8",), "FLOAT32": ("FLOAT32",)},
}


def _with_weights(op: _lib.OpInfo, sig: str) -> str:
    """"INT16 (weights INT8, INT4)" for an operator with weights of more than its own type."""
    weights = WEIGHTS.get(op.name, {}).get(sig, (sig,))
    return sig if weights == (sig,) else f"{sig} (weights {', '.join(weights)})"


def types_of(op: _lib.OpInfo) -> list[str]:
    """The type signatures an operator runs, in descriptor order, each once."""
    seen: list[str] = []
    for v in op.variants:
        sig = _signature(v)
        if sig not in seen:
            seen.append(sig)
    return seen


def kernels_of(op: _lib.OpInfo) -> list[str]:
    """Names of the variants an overlay adds ahead of the reference ones."""
    return [v.name for v in op.variants if not v.name.endswith("_ref")]


def lines(ops: list[_lib.OpInfo]) -> list[str]:
    width = max((len(op.name) for op in ops), default=0)
    out = []
    for op in ops:
        extra = kernels_of(op)
        text = f"{op.name:<{width}}  {' '.join(types_of(op))}"
        out.append(text + (f"  (also {', '.join(extra)})" if extra else ""))
    out.append(f"{len(ops)} operators")
    return out


def _span(bounds: tuple[int, int]) -> str:
    return str(bounds[0]) if bounds[0] == bounds[1] else f"{bounds[0]}-{bounds[1]}"


def names(ops: list[_lib.OpInfo]) -> str:
    """The README's operator list: "N operators: ADD, AVERAGE_POOL_2D, ..." (the op table's
    order)."""
    return f"{len(ops)} operators: {', '.join(op.name for op in ops)}"


def markdown(ops: list[_lib.OpInfo]) -> str:
    """The operator table of docs/operators.md."""
    rows = ["| operator | code | types (input->output; weights) | inputs | outputs |",
            "|---|---:|---|---|---|"]
    for op in ops:
        code = str(op.builtin) if op.builtin != 32 else "custom"
        types = ", ".join(_with_weights(op, sig) for sig in types_of(op))
        rows.append(f"| {op.name} | {code} | {types} | {_span(op.inputs)} "
                    f"| {_span(op.outputs)} |")
    return "\n".join(rows) + "\n"
