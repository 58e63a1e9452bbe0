"""Subgraphs and control flow (issue 14): IF, WHILE and CALL_ONCE bit-exact with TFLM, each
subgraph planned inside the exact arena and no larger than TFLM's, and the malformed models
of tests/malformed.py (CONTROL_FLOW) refused with their one-line errors."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from control_flow_models import accumulator_model, if_model, while_model
from malformed import CONTROL_FLOW

import oracle
import ztflm
from modelbuilder import ModelBuilder, pack, schema
from ztflm import codegen
from ztflm.model import describe


@pytest.mark.parametrize("op", ["IF", "WHILE", "CALL_ONCE"])
def test_control_flow_runs_on_any_type_and_reads_its_options_table(op: str) -> None:
    """The three take tensors of every type (they copy bytes); each reads its own options."""
    info = {o.name: o for o in ztflm._lib.op_table()}[op]
    assert info.options == getattr(schema.BuiltinOptions, {"IF": "IfOptions", "WHILE":
                                   "WhileOptions", "CALL_ONCE": "CallOnceOptions"}[op])
    assert [(v.input_type, v.output_type) for v in info.variants] == [(None, None)]


@pytest.mark.parametrize("shape,dtype", [((2, 3), np.float32), ((5,), np.int32), ((1,), np.int32)])
def test_if_runs_the_branch_its_condition_picks(shape: tuple[int, ...], dtype: type) -> None:
    model = if_model(shape, dtype)
    rng = np.random.default_rng(1)
    x = (rng.normal(0, 3, shape) if dtype == np.float32
         else rng.integers(-10, 10, shape)).astype(dtype)
    then, other = (oracle.assert_bit_exact(model, [np.array([c]), x])[0] for c in (True, False))
    assert np.array_equal(then, x + x + x) and np.array_equal(other, x * x + x)


def test_if_is_bit_exact_on_random_conditions() -> None:
    oracle.assert_bit_exact(if_model(), n_random=8, seed=3)


@pytest.mark.parametrize("start", [-100, -3, 0, 4, 5, 9])
def test_while_loops_as_tflm_for_every_trip_count(start: int) -> None:
    """limit 5, the start clamped to -3..5: 8 trips down to none."""
    x = np.array([1.5, -2.0, 0.25], np.float32)
    i, y = oracle.assert_bit_exact(while_model(), [np.array(start, np.int32), x])
    trips = 5 - min(max(start, -3), 5)
    assert int(i) == 5 and np.array_equal(y, x * 2.0 ** trips)


def test_while_with_an_if_in_its_body_is_bit_exact() -> None:
    """Three levels: subgraph 0 calls the loop, whose body calls one of two branches."""
    oracle.assert_bit_exact(while_model(nested_if=True), n_random=6, seed=5)


@pytest.mark.parametrize("make", [if_model, while_model, accumulator_model,
                                  lambda: while_model(nested_if=True)],
                         ids=["if", "while", "accumulator", "while_if"])
def test_stream_then_reset_is_bit_exact(make) -> None:
    oracle.assert_stream_bit_exact(make())


def test_state_read_and_written_around_an_if_follows_the_stream() -> None:
    outs = oracle.assert_stream_bit_exact(accumulator_model(), steps=6)
    assert len({o.tobytes() for o in outs[:6]}) == 6


@pytest.mark.parametrize("make", [if_model, while_model, accumulator_model,
                                  lambda: while_model(nested_if=True)],
                         ids=["if", "while", "accumulator", "while_if"])
def test_subgraphs_fit_the_exact_arena_and_no_more_than_tflms(make) -> None:
    """ztflm plans every subgraph's tensors in one plan, a callee's inside its caller's
    node as TFLM's allocation scopes nest them: the exact arena runs, one byte less does
    not, and it is below TFLM's."""
    oracle.assert_arena_exact_and_below_tflm(make())


def _two_ifs_sharing_branches() -> bytes:
    """Two IF nodes calling the same two subgraphs: each is walked twice, its tensors live
    from the first call to the last (TFLM's lifetimes)."""
    b = ModelBuilder()
    c = b.input([1], np.bool_)
    x = b.input([4], np.float32)
    y = b.tensor([4], np.float32)
    z = b.tensor([4], np.float32)
    b.op("IF", [c, x], [y], "IfOptions", then_subgraph_index=1, else_subgraph_index=2)
    b.op("IF", [c, y], [z], "IfOptions", then_subgraph_index=2, else_subgraph_index=1)
    b.output(z)
    for op in ("ADD", "MUL"):
        g = b.subgraph()
        gx = g.input([4], np.float32)
        gy = g.tensor([4], np.float32)
        g.op(op, [gx, gx], [gy], "AddOptions" if op == "ADD" else "MulOptions")
        g.output(gy)
    return b.build()


def test_subgraph_called_from_two_nodes_is_bit_exact() -> None:
    model = _two_ifs_sharing_branches()
    x = np.array([1, -2, 3, 0.5], np.float32)
    for c in (True, False):
        (z,) = [oracle.assert_bit_exact(model, [np.array([c]), x])[0]]
        assert np.array_equal(z, (x + x) * (x + x) if c else (x * x) + (x * x))


def _call_once_model() -> bytes:
    """CALL_ONCE of an init subgraph, then x + x: the init runs once, writes nothing the
    caller reads (resource variables do that), and the model agrees with TFLM."""
    b = ModelBuilder()
    x = b.input([3], np.float32)
    y = b.tensor([3], np.float32)
    b.op("CALL_ONCE", [], [], "CallOnceOptions", init_subgraph_index=1)
    b.op("ADD", [x, x], [y], "AddOptions")
    b.output(y)
    g = b.subgraph()
    one = g.const(np.ones(2, np.float32))
    two = g.tensor([2], np.float32)
    g.op("ADD", [one, one], [two], "AddOptions")
    g.output(two)
    return b.build()


def test_call_once_runs_its_init_subgraph_and_the_model_agrees_with_tflm() -> None:
    oracle.assert_stream_bit_exact(_call_once_model(), steps=3)


def test_an_empty_subgraph_other_than_the_first_is_a_valid_branch() -> None:
    """A branch without operators passes its input through (TFLM allows it)."""
    b = ModelBuilder()
    c = b.input([1], np.bool_)
    x = b.input([2], np.float32)
    y = b.tensor([2], np.float32)
    b.op("IF", [c, x], [y], "IfOptions", then_subgraph_index=1, else_subgraph_index=1)
    b.output(y)
    g = b.subgraph()
    g.output(g.input([2], np.float32))
    oracle.assert_bit_exact(b.build(), n_random=4)


@pytest.mark.parametrize("name", list(CONTROL_FLOW))
def test_malformed_control_flow_is_refused_with_one_line(name: str) -> None:
    make, match = CONTROL_FLOW[name]
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(make(), arena_size=1 << 20)
    assert err.value.code in (ztflm.Status.MODEL, ztflm.Status.UNSUPPORTED)
    assert "\n" not in str(err.value)


def test_tflm_recurses_without_end_on_a_subgraph_calling_itself() -> None:
    """Why recursion is refused: TFLM's planner walks the calls with no cycle check and
    overflows its stack (a crash, not an error)."""
    make, _ = CONTROL_FLOW["IF branch calling itself"]
    assert oracle.tflm_crashes(make(), [np.array([True]), np.zeros(2, np.float32)])


def test_the_core_refuses_control_flow_past_65533_steps() -> None:
    """Nested calls number their steps in 16 bits: subgraphs calling each other twice at
    every level multiply the steps; past 65533 the model is refused, not wrapped."""
    levels = 17
    b = ModelBuilder()
    c = b.input([1], np.bool_)
    x = b.input([1], np.float32)
    graphs = [b] + [b.subgraph() for _ in range(levels)]
    for k, g in enumerate(graphs):
        gc = c if k == 0 else g.input([1], np.bool_)
        gx = x if k == 0 else g.input([1], np.float32)
        if k == levels:
            y = g.tensor([1], np.float32)
            g.op("ADD", [gx, gx], [y], "AddOptions")
        else:
            mid = g.tensor([1], np.float32)
            y = g.tensor([1], np.float32)
            for src, dst in ((gx, mid), (mid, y)):
                g.op("IF", [gc, gc, src], [dst], "IfOptions", then_subgraph_index=k + 1,
                     else_subgraph_index=k + 1)
        if k:
            g.output(y)
        else:
            b.output(y)
    with pytest.raises(ztflm.Error, match=r"more than 65533 steps") as err:
        ztflm.Interpreter.from_bytes(b.build(), arena_size=1 << 20)
    assert err.value.code == ztflm.Status.UNSUPPORTED


def test_error_names_the_operator_in_its_subgraph() -> None:
    make, _ = CONTROL_FLOW["CALL_ONCE of its own subgraph"]
    with pytest.raises(ztflm.Error) as err:
        ztflm.Interpreter.from_bytes(make(), arena_size=1 << 20)
    assert re.search(r"^CALL_ONCE \(builtin 129\) at node 0 of subgraph 1: ", str(err.value))


def test_object_api_round_trip_keeps_the_subgraphs() -> None:
    m = schema.ModelT.InitFromPackedBuf(while_model(nested_if=True), 0)
    assert len(m.subgraphs) == 5
    ztflm.Interpreter.from_bytes(pack(m))


# ---- Converter-made models (tests/models/control_flow/generate.py, TensorFlow 2.21) ----

CONVERTED = Path(__file__).resolve().parents[1] / "models" / "control_flow"


@pytest.mark.parametrize("name", ["gru_while_float", "cond_if_float"])
def test_converted_model_streams_bit_exact_in_less_than_tflms_arena(name: str) -> None:
    """A Keras GRU with unroll=False (the converter's WHILE loop over the time steps, its
    body one cell) and a tf.cond (IF): 20 invokes, reset, the same 20, every output
    bit-exact with TFLM, in the exact arena, below TFLM's."""
    model = (CONVERTED / f"{name}.tflite").read_bytes()
    oracle.assert_stream_bit_exact(model)
    oracle.assert_arena_exact_and_below_tflm(model)


def test_converted_gru_keeps_its_loop() -> None:
    info = describe(CONVERTED / "gru_while_float.tflite")
    assert info.op_counts["WHILE"] == 1 and len(info.subgraphs) == 2
    # The loop body's operators are the model's too: a generated resolver registers them.
    assert {"LESS", "LOGISTIC", "TANH", "SPLIT", "GATHER"} <= set(info.op_counts)


def test_convert_names_the_subgraphs_a_build_needs(tmp_path: Path) -> None:
    c, h, _ = codegen.convert(CONVERTED / "cond_if_float.tflite", tmp_path, name="cond")
    header = h.read_text()
    assert "#define cond_SUBGRAPHS 3\n" in header
    assert "BUILD_ASSERT(cond_SUBGRAPHS <= CONFIG_ZTFLM_SUBGRAPHS," in c.read_text()
    # The branches' operators are registered and their types are in the mask.
    assert all(f"ZTFLM_REGISTER({op}, " in c.read_text() for op in ("IF", "TANH", "RELU"))
    assert "#define cond_TYPES 0x" in header


def test_arena_plan_and_svg_show_every_subgraph(tmp_path: Path, capsys) -> None:
    """`ztflm arena --plan` lists a called subgraph's tensors as sNtM, each inside the head
    and never overlapping a caller's tensor that lives across the call (the IF's input and
    output); the SVG draws them; --kconfig asks for the subgraphs."""
    from ztflm import cli

    path = CONVERTED / "cond_if_float.tflite"
    svg = tmp_path / "plan.svg"
    assert cli.main(["arena", str(path), "--no-tflm", "--plan", "--svg", str(svg)]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()
            if re.match(r"\s*(s\d+t)?\d+\s+\d+", line)]
    by = {r[0]: (int(r[1]), int(r[2])) for r in rows}
    callee = [k for k in by if k.startswith(("s1t", "s2t"))]
    assert len(callee) >= 4
    info = describe(path)
    if_node = next(n for n in info.nodes if n.op == "IF")
    across = [str(t) for t in if_node.inputs[1:] + if_node.outputs]
    for k in callee:
        for a in across:
            (o1, b1), (o2, b2) = by[k], by[a]
            assert o1 + b1 <= o2 or o2 + b2 <= o1, (k, a)
    assert "s1t0" in svg.read_text()
    assert cli.main(["arena", str(path), "--kconfig"]) == 0
    assert "CONFIG_ZTFLM_SUBGRAPHS=3" in capsys.readouterr().out


def test_a_while_that_never_ends_is_an_error_not_a_hang() -> None:
    """A WHILE whose condition never turns false (a fuzzer's find; TFLM loops forever on it):
    the host library bounds one node's iterations (ZTFLM_WHILE_MAX_ITERATIONS, 1,000,000), so
    invoke fails naming the node and the CLI prints one line and exits 2."""
    path = Path(__file__).resolve().parents[1] / "fuzz" / "regressions" / \
        "while_condition_never_false.tflite"
    ip = ztflm.Interpreter.from_file(path)
    with pytest.raises(ztflm.Error, match=r"WHILE .* more than 1000000 iterations"):
        ip.invoke()
    r = subprocess.run([sys.executable, "-m", "ztflm", "run", str(path)], capture_output=True,
                       text=True)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "more than 1000000 iterations" in r.stderr, r.stderr
