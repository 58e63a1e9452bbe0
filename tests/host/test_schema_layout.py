"""schema.h, types.h and builtin_ops.h are the one written-down layout: check them against
the schema shipped with tflite-micro, so the C and the FlatBuffer never drift apart."""
from __future__ import annotations

import re
from pathlib import Path

import flatbuffers
import pytest
from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema

INCLUDE = Path(__file__).resolve().parents[2] / "zephyr_module" / "include" / "ztflm"


def defines(header: str) -> dict[str, int]:
    text = (INCLUDE / header).read_text()
    return {m[0]: int(m[1]) for m in re.findall(r"#define (ZTFLM_\w+) (-?\d+)\b", text)}


SCHEMA = defines("schema.h")

# (prefix in schema.h, generated table module, field name in the generated Add function)
TABLES = {
    "ZTFLM_MODEL_": ("Model", {"VERSION": "Version", "OPERATOR_CODES": "OperatorCodes",
                               "SUBGRAPHS": "Subgraphs", "DESCRIPTION": "Description",
                               "BUFFERS": "Buffers", "METADATA_BUFFER": "MetadataBuffer",
                               "METADATA": "Metadata", "SIGNATURE_DEFS": "SignatureDefs"}),
    "ZTFLM_OPCODE_": ("OperatorCode", {"DEPRECATED_BUILTIN_CODE": "DeprecatedBuiltinCode",
                                       "CUSTOM_CODE": "CustomCode", "VERSION": "Version",
                                       "BUILTIN_CODE": "BuiltinCode"}),
    "ZTFLM_SUBGRAPH_": ("SubGraph", {"TENSORS": "Tensors", "INPUTS": "Inputs",
                                     "OUTPUTS": "Outputs", "OPERATORS": "Operators",
                                     "NAME": "Name"}),
    "ZTFLM_TENSOR_": ("Tensor", {"SHAPE": "Shape", "TYPE": "Type", "BUFFER": "Buffer",
                                 "NAME": "Name", "QUANTIZATION": "Quantization",
                                 "IS_VARIABLE": "IsVariable", "SPARSITY": "Sparsity"}),
    "ZTFLM_QUANT_": ("QuantizationParameters", {"MIN": "Min", "MAX": "Max", "SCALE": "Scale",
                                                "ZERO_POINT": "ZeroPoint",
                                                "DETAILS_TYPE": "DetailsType",
                                                "DETAILS": "Details",
                                                "QUANTIZED_DIMENSION": "QuantizedDimension"}),
    "ZTFLM_OPERATOR_": ("Operator", {"OPCODE_INDEX": "OpcodeIndex", "INPUTS": "Inputs",
                                     "OUTPUTS": "Outputs",
                                     "BUILTIN_OPTIONS_TYPE": "BuiltinOptionsType",
                                     "BUILTIN_OPTIONS": "BuiltinOptions",
                                     "CUSTOM_OPTIONS": "CustomOptions",
                                     "INTERMEDIATES": "Intermediates"}),
    "ZTFLM_BUFFER_": ("Buffer", {"DATA": "Data", "OFFSET": "Offset", "SIZE": "Size"}),
    "ZTFLM_METADATA_": ("Metadata", {"NAME": "Name", "BUFFER": "Buffer"}),
}


def slot_of(table: str, field: str) -> int:
    """The vtable slot the generated builder writes field into, found by building it."""
    start = getattr(schema, f"{table}Start")
    add = getattr(schema, f"{table}Add{field}")
    end = getattr(schema, f"{table}End")
    for kind in ("scalar", "bool", "offset"):
        b = flatbuffers.Builder(64)
        # 2 and True are no field's default, so the builder writes them.
        target = {"scalar": 2, "bool": True}.get(kind) if kind != "offset" else b.CreateString("x")
        start(b)
        try:
            add(b, target)
        except (flatbuffers.builder.OffsetArithmeticError, TypeError):
            continue  # another kind of field: build again
        b.Finish(end(b))
        break
    buf = b.Output()
    table_pos = flatbuffers.encode.Get(flatbuffers.packer.uoffset, buf, 0)
    vtable = table_pos - flatbuffers.encode.Get(flatbuffers.packer.soffset, buf, table_pos)
    vsize = flatbuffers.encode.Get(flatbuffers.packer.voffset, buf, vtable)
    slots = [flatbuffers.encode.Get(flatbuffers.packer.voffset, buf, vtable + 4 + 2 * i)
             for i in range((vsize - 4) // 2)]
    used = [i for i, off in enumerate(slots) if off]
    assert len(used) == 1
    return used[0]


SCHEMA_TEXT = (INCLUDE / "schema.h").read_text().replace("\\\n", " ")


def options_tables() -> list[tuple[str, str, str]]:
    """(tag define, table name, fields macro) of every X entry of ZTFLM_OPTIONS_TABLES."""
    body = re.search(r"#define ZTFLM_OPTIONS_TABLES\(X\)(.*)", SCHEMA_TEXT)
    assert body, "ZTFLM_OPTIONS_TABLES not found in schema.h"
    return re.findall(r"X\((\w+),\s+(\w+),\s+(\w+)\)", body[1])


def option_fields(macro: str) -> list[tuple[str, str, str]]:
    """(field define, kind, schema field name) of every F entry of a fields macro."""
    if macro == "ZTFLM_NO_FIELDS":
        return []
    body = re.search(r"#define " + re.escape(macro) + r"\(F\)(.*)", SCHEMA_TEXT)
    assert body, f"{macro} not found in schema.h"
    return re.findall(r"F\((\w+), (\w+), (\w+)\)", body[1])


KINDS = {"ENUM8", "BOOL8", "INT8", "INT32", "STRIDE32", "AXIS32", "MASK32", "FLOAT32",
         "INT32_VECTOR", "SUBGRAPH32", "STRING"}
OPTION_CASES = sorted({(define, table, field, kind) for _, table, macro in options_tables()
                       for define, kind, field in option_fields(macro)})
CASES = [(prefix + name, table, field)
         for prefix, (table, fields) in TABLES.items() for name, field in fields.items()]
CASES += [(define, table, field) for define, table, field, _ in OPTION_CASES]


@pytest.mark.parametrize("define,table,field", CASES, ids=[c[0] for c in CASES])
def test_schema_field_number_matches_the_flatbuffer_schema(define: str, table: str,
                                                           field: str) -> None:
    assert SCHEMA[define] == slot_of(table, field)


@pytest.mark.parametrize("tag,table,macro", options_tables(), ids=lambda v: str(v))
def test_options_union_tag_is_the_schemas(tag: str, table: str, macro: str) -> None:
    assert SCHEMA[tag] == getattr(schema.BuiltinOptions, table)
    assert {kind for _, kind, _ in option_fields(macro)} <= KINDS


def test_every_options_tag_has_its_table() -> None:
    listed = {tag for tag, _, _ in options_tables()}
    assert {k for k in SCHEMA if k.startswith("ZTFLM_OPTIONS_")} == listed


def test_builtin_operator_codes_match() -> None:
    text = (INCLUDE / "builtin_ops.h").read_text()
    ours = {name: int(code) for code, name in re.findall(r"X\((-?\d+), (\w+)\)", text)}
    theirs = {k: v for k, v in vars(schema.BuiltinOperator).items() if not k.startswith("_")}
    assert ours == theirs


def enum_block(header: str, name: str) -> dict[str, int]:
    """NAME = value entries of one C enum, without the ZTFLM_ prefix."""
    text = (INCLUDE / header).read_text()
    body = re.search(r"enum " + re.escape(name) + r" \{(.*?)\};", text, re.S)
    assert body, f"enum {name} not found in {header}"
    return {m[0]: int(m[1]) for m in re.findall(r"ZTFLM_(\w+) = (-?\d+)\b", body[1])}


def schema_enum(cls: type) -> dict[str, int]:
    return {k: v for k, v in vars(cls).items() if not k.startswith("_")}


def test_tensor_types_are_the_schema_tensor_types() -> None:
    ours = enum_block("types.h", "ztflm_type")
    theirs = schema_enum(schema.TensorType)
    assert ours, "no tensor types parsed"
    # Every type ztflm names exists in the schema with the same value (the schema may have more).
    assert {k: theirs.get(k) for k in ours} == ours


def test_activations_are_the_schema_activation_function_types() -> None:
    ours = {k[len("ACT_"):]: v for k, v in enum_block("types.h", "ztflm_activation").items()}
    assert ours == schema_enum(schema.ActivationFunctionType)


def test_paddings_are_the_schema_paddings() -> None:
    ours = {k[len("PADDING_"):]: v for k, v in enum_block("types.h", "ztflm_padding").items()}
    assert ours == schema_enum(schema.Padding)


def test_schema_version_is_the_one_in_the_file_identifier() -> None:
    buf = bytearray(8)
    buf[4:8] = f"TFL{SCHEMA['ZTFLM_SCHEMA_VERSION']}".encode()
    assert schema.Model.ModelBufferHasIdentifier(bytes(buf), 0)


def test_every_number_in_schema_h_is_checked_here() -> None:
    """A number added to schema.h is checked: a field of a core table through TABLES, an
    options field through its table's F list."""
    checked = {define for define, _, _ in CASES}
    checked |= {"ZTFLM_SCHEMA_VERSION"}
    checked |= {k for k in SCHEMA if k.startswith("ZTFLM_OPTIONS_")}
    assert sorted(set(SCHEMA) - checked) == []


def test_the_tools_flatbuffer_fields_are_schema_h() -> None:
    """ztflm.flatbuf (the tables --embed-plan rewrites) names the same field numbers."""
    from ztflm import flatbuf

    ours = {k: v for k, v in vars(flatbuf).items()
            if k.isupper() and k.startswith(("MODEL_", "BUFFER_", "METADATA_"))
            and k != "MODEL_FIELDS"}
    assert ours and {k: SCHEMA[f"ZTFLM_{k}"] for k in ours} == ours
    # Every field of the Model table is known to it (a later one would be refused).
    assert flatbuf.MODEL_FIELDS == 1 + max(v for k, v in SCHEMA.items()
                                           if k.startswith("ZTFLM_MODEL_"))


def test_python_flatbuffer_reader_uses_the_numbers_of_schema_h() -> None:
    """ztflm.flatbuf (the --embed-plan rewriter) names fields by number too: each of its
    numbers is schema.h's."""
    from ztflm import flatbuf

    names = [k for k in vars(flatbuf) if re.fullmatch(r"(MODEL|BUFFER|METADATA)_[A-Z_]+", k)
             and k != "MODEL_FIELDS"]
    assert names
    for name in names:
        assert getattr(flatbuf, name) == SCHEMA[f"ZTFLM_{name}"], name
