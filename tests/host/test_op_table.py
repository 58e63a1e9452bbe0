"""The op table (kernels.h) is the one list of operators: the descriptors, the options tables
they read, the fuzzer's structure table, the test inventory and docs/operators.md all agree
with it."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import test_op_conv_2d as conv
import test_op_depthwise_conv_2d as dw
import test_op_fully_connected as fc
import test_op_transpose_conv as tconv
from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema

import ztflm
from ztflm import _lib, optable

ROOT = Path(__file__).resolve().parents[2]
OPS = _lib.op_table()
OPTION_TAGS = {v: k for k, v in vars(schema.BuiltinOptions).items() if not k.startswith("_")}


@pytest.mark.parametrize("op", OPS, ids=lambda op: op.name)
def test_descriptor_is_registered_under_its_own_code(op: _lib.OpInfo) -> None:
    if op.builtin == _lib.CUSTOM_CODE:
        # TFLM's own custom CIRCULAR_BUFFER is named like a builtin, but is none.
        assert not hasattr(schema.BuiltinOperator, op.name), "a custom op named as a builtin"
    else:
        assert _lib.builtin_name(op.builtin) == op.name


@pytest.mark.parametrize("op", OPS, ids=lambda op: op.name)
def test_descriptor_reads_an_options_table_of_the_schema(op: _lib.OpInfo) -> None:
    assert op.options == 0 or op.options in OPTION_TAGS
    assert 0 <= op.inputs[0] <= op.inputs[1] and 0 <= op.outputs[0] <= op.outputs[1]
    assert op.variants, "an operator without a compute variant"


def _operators(path: Path) -> list[tuple[str, int]]:
    """(operator name, options tag) of every operator of a .tflite file."""
    model = schema.ModelT.InitFromPackedBuf(path.read_bytes(), 0)
    names = []
    for code in model.operatorCodes:
        builtin = max(code.builtinCode, code.deprecatedBuiltinCode)
        custom = code.customCode.decode() if code.customCode else None
        names.append(custom if builtin == _lib.CUSTOM_CODE else _lib.builtin_name(builtin))
    return [(names[op.opcodeIndex], op.builtinOptionsType)
            for g in model.subgraphs for op in g.operators]


def test_descriptors_read_the_options_tables_tflite_writes(shared_models: Path) -> None:
    """Every converter-made model (the shared ones, and those under tests/models) names, for
    each operator we run that reads options, the table its descriptor reads (an operator
    whose descriptor declares none gets defaults only: ops/op.c)."""
    by_name = {op.name: op for op in OPS}
    paths = [*sorted(shared_models.glob("*.tflite")),
             *sorted((ROOT / "tests/models").rglob("*.tflite"))]
    checked = set()
    for path in paths:
        for name, tag in _operators(path):
            op = by_name.get(name)
            if op is None or op.options == 0 or tag == 0:
                continue
            assert op.options == tag, (f"{path.name}: {name} has {OPTION_TAGS.get(tag)}, its "
                                       f"descriptor reads {OPTION_TAGS.get(op.options)}")
            checked.add(name)
    assert {"CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "SOFTMAX"} <= checked


def test_schema_lists_every_options_table_a_descriptor_reads() -> None:
    """The fuzzer walks the tables of ZTFLM_OPTIONS_TABLES (schema.h), so each table an
    operator reads must be listed there."""
    schema_h = (ROOT / "zephyr_module/include/ztflm/schema.h").read_text().replace("\\\n", " ")
    tags = {int(v): k for k, v in re.findall(r"#define (ZTFLM_OPTIONS_\w+) (\d+)", schema_h)}
    body = re.search(r"#define ZTFLM_OPTIONS_TABLES\(X\)(.*)", schema_h)
    listed = set(re.findall(r"X\((\w+),", body[1])) if body else set()
    read = {tags.get(op.options, op.options) for op in OPS if op.options}
    assert read <= listed, f"ZTFLM_OPTIONS_TABLES does not list {sorted(read - listed)}"


def test_every_operator_has_bit_exact_tests() -> None:
    tests = "".join(p.read_text() for p in (ROOT / "tests/host").glob("test_op_*.py"))
    untested = [op.name for op in OPS if f'"{op.name}"' not in tests]
    assert not untested, f"no tests/host/test_op_*.py builds {untested}"


def test_docs_operator_table_is_generated_from_the_descriptors() -> None:
    text = (ROOT / "docs/operators.md").read_text()
    assert optable.markdown(OPS) in text, (
        "docs/operators.md is stale: regenerate its table with `ztflm ops --markdown`")


def test_readme_counts_the_operators_of_the_op_table() -> None:
    readme = (ROOT / "README.md").read_text()
    said = re.search(r"\((\d+) builtin and (\d+) custom today", readme)
    assert said, "README no longer states how many operators run"
    custom = sum(1 for op in OPS if op.builtin == _lib.CUSTOM_CODE)
    assert (int(said[1]), int(said[2])) == (len(OPS) - custom, custom), (
        f"README says {said[1]} builtin and {said[2]} custom operators; the op table has "
        f"{len(OPS) - custom} and {custom}")



# A small node of each operator with weights, by input type and keyword arguments.
WEIGHT_NODES = {
    "CONV_2D": lambda dtype, kw: conv.build([1, 5, 5, 2], 3, 3, 3, dtype, **kw),
    "DEPTHWISE_CONV_2D": lambda dtype, kw: dw.build([1, 5, 5, 2], 1, 3, 3, dtype, **kw),
    "FULLY_CONNECTED": lambda dtype, kw: fc.build([2, 6], 3, dtype, **kw),
    "TRANSPOSE_CONV": lambda dtype, kw: tconv.build([1, 3, 3, 2], 2, 3, 3, dtype, (2, 2), **kw),
}


@pytest.mark.parametrize("name", sorted(optable.WEIGHTS))
def test_weight_types_in_the_table_are_the_ones_that_run(name: str) -> None:
    """optable.WEIGHTS against the runtime: every int8 and int16 node with int8 or INT4
    weights loads exactly where the table lists that pair, and float32 with float32."""
    for dtype, sig in ((np.int8, "INT8"), (np.int16, "INT16"), (np.float32, "FLOAT32")):
        for weights in (("INT8", "INT4") if dtype != np.float32 else ("FLOAT32",)):
            kw: dict[str, object] = {"iq": (0.01, 0), "oq": (0.02, 0)} if dtype == np.int16 else {}
            if weights == "INT4":
                kw["weights"] = "int4"
            try:
                ztflm.Interpreter.from_bytes(WEIGHT_NODES[name](dtype, kw))
                runs = True
            except ztflm.Error:
                runs = False
            assert runs == (weights in optable.WEIGHTS[name][sig]), (sig, weights)
