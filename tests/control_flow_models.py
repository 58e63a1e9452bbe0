"""Models with control flow (IF, WHILE, CALL_ONCE) the host and QEMU tiers share (issue 14)."""
from __future__ import annotations

from typing import Any

import numpy as np

from modelbuilder import ModelBuilder


def _branch(g: ModelBuilder, shape: list[int], dtype: Any, op: str) -> None:
    """A subgraph x -> op(x, x) -> y."""
    x = g.input(shape, dtype)
    y = g.tensor(shape, dtype)
    g.op(op, [x, x], [y], "AddOptions" if op == "ADD" else "MulOptions")
    g.output(y)


def if_model(shape: tuple[int, ...] = (2, 3), dtype: Any = np.float32) -> bytes:
    """cond, x -> IF(cond) then x + x else x * x, then ADD of the result and x: the caller's
    x lives across the branch."""
    b = ModelBuilder()
    c = b.input([1], np.bool_)
    x = b.input(list(shape), dtype)
    y = b.tensor(list(shape), dtype)
    z = b.tensor(list(shape), dtype)
    b.op("IF", [c, x], [y], "IfOptions", then_subgraph_index=1, else_subgraph_index=2)
    b.op("ADD", [y, x], [z], "AddOptions")
    b.output(z)
    _branch(b.subgraph(), list(shape), dtype, "ADD")
    _branch(b.subgraph(), list(shape), dtype, "MUL")
    return b.build()


def _counter_cond(g: ModelBuilder, limit: int, n: int = 3) -> None:
    """i, x -> i < limit."""
    i = g.input([], np.int32)
    g.input([n], np.float32)
    lim = g.const(np.array(limit, np.int32))
    out = g.tensor([], np.bool_)
    g.op("LESS", [i, lim], [out])
    g.output(out)


def while_model(limit: int = 5, n: int = 3, nested_if: bool = False) -> bytes:
    """i, x -> WHILE i < limit: i + 1, and x + x (or, nested_if, an IF on i < 2 doubling or
    squaring x): TFLM's counter loop, its trip count set by the input i, first clamped to
    limit - 8..limit so that any input loops at most 8 times."""
    b = ModelBuilder()
    i_in = b.input([], np.int32)
    x = b.input([n], np.float32)
    lo = b.const(np.array(limit - 8, np.int32))
    hi = b.const(np.array(limit, np.int32))
    i_lo = b.tensor([], np.int32)
    i = b.tensor([], np.int32)
    b.op("MAXIMUM", [i_in, lo], [i_lo])
    b.op("MINIMUM", [i_lo, hi], [i])
    io = b.tensor([], np.int32)
    xo = b.tensor([n], np.float32)
    b.op("WHILE", [i, x], [io, xo], "WhileOptions", cond_subgraph_index=1,
         body_subgraph_index=2)
    b.output(io)
    b.output(xo)
    _counter_cond(b.subgraph(), limit, n)
    body = b.subgraph()
    bi = body.input([], np.int32)
    bx = body.input([n], np.float32)
    one = body.const(np.array(1, np.int32))
    bio = body.tensor([], np.int32)
    bxo = body.tensor([n], np.float32)
    body.op("ADD", [bi, one], [bio], "AddOptions")
    if nested_if:
        two = body.const(np.array(2, np.int32))
        c = body.tensor([1], np.bool_)
        body.op("LESS", [bi, two], [c])
        body.op("IF", [c, bx], [bxo], "IfOptions", then_subgraph_index=3,
                else_subgraph_index=4)
        _branch(b.subgraph(), [n], np.float32, "ADD")
        _branch(b.subgraph(), [n], np.float32, "MUL")
    else:
        body.op("ADD", [bx, bx], [bxo], "AddOptions")
    body.output(bio)
    body.output(bxo)
    return b.build()


def accumulator_model(n: int = 4) -> bytes:
    """x -> state += x through an IF whose branches read the variable tensor state: a
    stateful model with control flow. The then branch adds x, the else branch subtracts it,
    as x[0] > 0 says."""
    b = ModelBuilder()
    x = b.input([n], np.float32)
    state = b.tensor([n], np.float32, is_variable=True)
    zero = b.const(np.zeros(n, np.float32))
    c = b.tensor([n], np.bool_)
    c0 = b.tensor([1], np.bool_)
    begin = b.const(np.array([0], np.int32))
    size = b.const(np.array([1], np.int32))
    total = b.tensor([n], np.float32)
    b.op("GREATER", [x, zero], [c])
    b.op("SLICE", [c, begin, size], [c0])
    b.op("IF", [c0, state, x], [total], "IfOptions", then_subgraph_index=1,
         else_subgraph_index=2)
    # The sum goes back into the state (a variable written again), and out.
    out = b.tensor([n], np.float32)
    b.op("ADD", [total, zero], [state], "AddOptions")
    b.op("ADD", [total, zero], [out], "AddOptions")
    b.output(out)
    for op in ("ADD", "SUB"):
        g = b.subgraph()
        s = g.input([n], np.float32)
        v = g.input([n], np.float32)
        y = g.tensor([n], np.float32)
        g.op(op, [s, v], [y], "AddOptions" if op == "ADD" else "SubOptions")
        g.output(y)
    return b.build()


def _handle(g: ModelBuilder, name: str) -> int:
    """A VAR_HANDLE of the variable name; its output, the resource."""
    r = g.tensor([], np.int32)
    g.tensors[r].type = 13  # RESOURCE
    g.op("VAR_HANDLE", [], [r], "VarHandleOptions", container="", shared_name=name)
    return r


def variable_model(dtype: Any = np.float32, n: int = 4, init: float = 0.5) -> bytes:
    """x -> state = state * 0.5 + x, out = state: the state a resource variable that a
    CALL_ONCE subgraph sets to init first (TensorFlow's tf.Variable, converted with resource
    variables). int8: quantized with scale 0.05, zero point 3 (TFLM fills the variable with
    it at a reset)."""
    q = {"scale": 0.05, "zero_point": 3} if dtype == np.int8 else {}
    b = ModelBuilder()
    x = b.input([1, n], dtype, **q)
    b.op("CALL_ONCE", [], [], "CallOnceOptions", init_subgraph_index=1)
    h = _handle(b, "state")
    s = b.tensor([1, n], dtype, **q)
    b.op("READ_VARIABLE", [h], [s])
    half = b.const(np.full([1, n], 0.5, np.float32)) if dtype == np.float32 else \
        b.const(np.full([1, n], 13, np.int8), scale=0.05, zero_point=3)
    hs = b.tensor([1, n], dtype, **q)
    new = b.tensor([1, n], dtype, **q)
    b.op("MUL", [s, half], [hs], "MulOptions")
    b.op("ADD", [hs, x], [new], "AddOptions")
    h2 = _handle(b, "state")
    b.op("ASSIGN_VARIABLE", [h2, new], [])
    b.output(new)
    g = b.subgraph()
    gh = _handle(g, "state")
    value = np.full([1, n], init, np.float32) if dtype == np.float32 else \
        np.full([1, n], int(round(init / 0.05)) + 3, np.int8)
    gv = g.const(value, **q)
    g.op("ASSIGN_VARIABLE", [gh, gv], [])
    return b.build()
