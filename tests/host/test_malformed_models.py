"""Hostile models: every malformed model is rejected with an error, never a crash.

These run under AddressSanitizer and UndefinedBehaviorSanitizer in `make test-py-san`,
which is what proves "no out-of-bounds access" rather than only "no exception".
"""
from __future__ import annotations

import struct
from typing import Any

import numpy as np
import pytest
from malformed import (
    ARENA,
    DETECTION,
    ELEMENTWISE_PARAMETERS,
    FLEXBUFFER,
    OPERATOR_PARAMETERS,
    SMALL,
    SPATIAL_PARAMETERS,
    byte_flips,
    const_add_builder,
    const_graph_io,
    conv_model,
    extended,
    load,
    plan_past_2_32,
    truncations,
    two_op_builder,
    uoffsets_past_the_end,
    vtable_extremes,
)

import ztflm
from modelbuilder import ModelBuilder, pack
from oracle import assert_bit_exact, run_tflm


def run_if_valid(data: bytes) -> None:
    """Init, allocate and invoke; a ztflm.Error at any stage is the accepted outcome."""
    try:
        ip = ztflm.Interpreter.from_bytes(data, arena_size=ARENA)
    except ztflm.Error as e:
        assert str(e), "errors carry a message"
        return
    rng = np.random.default_rng(0)
    for i in range(ip.num_inputs()):
        d = ip.get_input_details(i)
        dt = np.dtype(d["dtype"])
        x = np.zeros(d["shape"], dt) if dt.kind == "f" else rng.integers(
            np.iinfo(dt).min, np.iinfo(dt).max, size=d["shape"], dtype=dt)
        ip.set_input(x, i)
    try:
        ip.invoke()
    except ztflm.Error:
        pass


@pytest.mark.parametrize("name", SMALL)
def test_truncated_model_is_rejected_at_every_64th_of_its_length(name: str) -> None:
    for _, data in truncations(load(name)):
        with pytest.raises(ztflm.Error):
            ztflm.Interpreter.from_bytes(data, arena_size=ARENA)


@pytest.mark.parametrize("name", SMALL)
def test_random_byte_flips_never_crash(name: str) -> None:
    for _, data in byte_flips(load(name)):
        run_if_valid(data)


def test_not_a_flatbuffer_is_rejected() -> None:
    with pytest.raises(ztflm.Error, match="model"):
        ztflm.Interpreter.from_bytes(b"this is not a tflite model at all", arena_size=ARENA)


def test_empty_and_tiny_buffers_are_rejected() -> None:
    for data in (b"", b"\x00", b"\x00" * 7):
        with pytest.raises(ztflm.Error):
            ztflm.Interpreter.from_bytes(data, arena_size=ARENA)


def test_root_offset_outside_buffer_is_rejected() -> None:
    data = bytearray(conv_model())
    data[0:4] = struct.pack("<I", len(data) + 100)
    with pytest.raises(ztflm.Error, match="root table"):
        ztflm.Interpreter.from_bytes(bytes(data), arena_size=ARENA)


def test_every_uoffset_pointed_past_the_end_is_rejected_or_harmless() -> None:
    """Rewrite each aligned 32-bit word to point past the buffer: never a crash."""
    for _, data in uoffsets_past_the_end(conv_model()):
        run_if_valid(data)


def test_vtable_words_set_to_extreme_values_never_crash() -> None:
    for _, data in vtable_extremes(conv_model()):
        run_if_valid(data)


# ---- A catalogue of semantically malformed models, each with the error it must give. ----

def rejected(model: object, match: str, code: ztflm.Status = ztflm.Status.MODEL) -> ztflm.Error:
    from modelbuilder import pack

    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(pack(model), arena_size=ARENA)
    assert err.value.code == code, str(err.value)
    return err.value


def test_valid_two_op_model_runs() -> None:
    from modelbuilder import pack

    ip = ztflm.Interpreter.from_bytes(pack(two_op_builder().model()))
    ip.set_input(np.array([[-1, 2, -3, 4]], np.float32), 0)
    ip.invoke()
    assert ip.get_output(0).tolist() == [[0, 2, 0, 4]]


def test_operator_input_index_out_of_range_is_rejected() -> None:
    m = two_op_builder().model()
    m.subgraphs[0].operators[1].inputs = [99]
    rejected(m, r"operator 1: input 0 is tensor 99, outside 0\.\.2")


def test_negative_operator_output_is_rejected() -> None:
    m = two_op_builder().model()
    m.subgraphs[0].operators[0].outputs = [-1]
    rejected(m, r"operator 0: output 0 is tensor -1")


def test_graph_input_index_out_of_range_is_rejected() -> None:
    m = two_op_builder().model()
    m.subgraphs[0].inputs = [7]
    rejected(m, r"subgraph input 0 is tensor 7")


def test_opcode_index_out_of_range_is_rejected() -> None:
    m = two_op_builder().model()
    m.subgraphs[0].operators[0].opcodeIndex = 5
    rejected(m, r"operator 0: opcode index 5")


def test_buffer_index_out_of_range_is_rejected() -> None:
    m = two_op_builder().model()
    m.subgraphs[0].tensors[1].buffer = 40
    rejected(m, r"tensor 1: buffer 40")


def test_negative_dimension_is_rejected() -> None:
    m = two_op_builder().model()
    m.subgraphs[0].tensors[1].shape = [1, -4]
    rejected(m, r"tensor 1: dimension 1 is -4")


def test_shape_whose_byte_size_overflows_32_bits_is_rejected() -> None:
    m = two_op_builder().model()
    m.subgraphs[0].tensors[2].shape = [65536, 65536, 4]
    rejected(m, r"tensor 2: .*too large")


def per_channel_fc(scales: list[float], zero_points: list[int]) -> tuple[Any, int]:
    """A FULLY_CONNECTED with three per-channel weight scales and zero points: the model (to
    edit) and the weights' tensor index."""
    b = ModelBuilder()
    x = b.input([1, 4], np.int8, scale=0.1, zero_point=0)
    w = b.const(np.ones([3, 4], np.int8), scale=scales, zero_point=zero_points,
                quantized_dimension=0)
    y = b.tensor([1, 3], np.int8, scale=0.1, zero_point=0)
    b.op("FULLY_CONNECTED", [x, w, -1], [y], "FullyConnectedOptions")
    b.output(y)
    return b.model(), w


def test_per_channel_scale_count_must_match_the_quantized_dimension() -> None:
    m, w = per_channel_fc([0.1, 0.2, 0.3], [0, 0, 0])
    m.subgraphs[0].tensors[w].quantization.scale = [0.1, 0.2]
    m.subgraphs[0].tensors[w].quantization.zeroPoint = [0, 0]
    rejected(m, r"tensor 1: 2 scales but dimension 0 has 3 channels")


def test_zero_point_count_must_match_scale_count() -> None:
    b = ModelBuilder()
    x = b.input([1, 4], np.int8, scale=0.1, zero_point=0)
    y = b.tensor([1, 4], np.int8, scale=0.1, zero_point=0)
    b.op("RELU", [x], [y])
    b.output(y)
    m = b.model()
    m.subgraphs[0].tensors[0].quantization.zeroPoint = [0, 1, 2]
    rejected(m, r"tensor 0: 3 zero points for 1 scales")


def test_constant_buffer_shorter_than_its_shape_is_rejected() -> None:
    b = ModelBuilder()
    x = b.input([1, 4], np.float32)
    c = b.const(np.ones([1, 4], np.float32))
    y = b.tensor([1, 4], np.float32)
    b.op("ADD", [x, c], [y], "AddOptions")
    b.output(y)
    m = b.model()
    m.buffers[m.subgraphs[0].tensors[c].buffer].data = np.zeros(10, np.uint8)
    rejected(m, r"tensor 1: constant buffer has 10 bytes, its FLOAT32 shape needs 16")


def int4_fc(units: int = 3, depth: int = 5) -> tuple[Any, int]:
    """A FULLY_CONNECTED with INT4 weights (an odd count: the last byte is half used): the model
    (to edit) and the weights' tensor index."""
    b = ModelBuilder()
    x = b.input([1, depth], np.int8, scale=0.1, zero_point=0)
    w = b.const_int4(np.ones([units, depth], np.int8), scale=0.1, zero_point=0)
    y = b.tensor([1, units], np.int8, scale=0.1, zero_point=0)
    b.op("FULLY_CONNECTED", [x, w, -1], [y], "FullyConnectedOptions")
    b.output(y)
    return b.model(), w


@pytest.mark.parametrize("size", [7, 9, 15])
def test_int4_constant_whose_buffer_is_not_its_packed_size_is_rejected(size: int) -> None:
    m, w = int4_fc()
    m.buffers[m.subgraphs[0].tensors[w].buffer].data = np.zeros(size, np.uint8)
    rejected(m, rf"tensor 1: constant buffer has {size} bytes, its INT4 shape needs 8")


def test_int4_weights_run_from_their_packed_buffer() -> None:
    m, _ = int4_fc()
    assert_bit_exact(pack(m))


@pytest.mark.parametrize("where", ["graph input", "output"])
def test_int4_tensor_outside_constant_weights_is_unsupported(where: str) -> None:
    b = ModelBuilder()
    if where == "graph input":
        x = b.input([1, 4], "int4", scale=0.1)
        y = b.tensor([1, 4], np.int8, scale=0.1)
        match = "graph input 0 has type INT4"
    else:
        x = b.input([1, 4], np.int8, scale=0.1)
        y = b.tensor([1, 4], "int4", scale=0.1)
        match = "output 0 has type INT4"
    b.op("RELU", [x], [y])
    b.output(y)
    rejected(b.model(), match, ztflm.Status.UNSUPPORTED)


def conv_16x8(bias: Any, bias_shape: list[int]) -> Any:
    b = ModelBuilder()
    x = b.input([1, 4, 4, 2], np.int16, scale=0.01)
    w = b.const(np.ones([3, 3, 3, 2], np.int8), scale=[0.1] * 3, zero_point=[0] * 3)
    c = b.const(np.zeros(bias_shape, bias), scale=0.001)
    y = b.tensor([1, 4, 4, 3], np.int16, scale=0.01)
    b.op("CONV_2D", [x, w, c], [y], "Conv2DOptions", padding="SAME", stride_h=1, stride_w=1)
    b.output(y)
    return b.model()


@pytest.mark.parametrize("shape", [[1], [2], [4]])
def test_16x8_bias_of_the_wrong_length_is_rejected(shape: list[int]) -> None:
    rejected(conv_16x8(np.int64, shape), rf"filter has 3 output channels but bias has {shape[0]}")


def test_16x8_int8_filter_that_is_not_int8_or_int4_is_unsupported() -> None:
    m = conv_16x8(np.int64, [3])
    from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema

    m.subgraphs[0].tensors[1].type = schema.TensorType.INT16
    m.buffers[m.subgraphs[0].tensors[1].buffer].data = np.zeros(108, np.uint8)
    rejected(m, "filter type INT16 is not supported", ztflm.Status.UNSUPPORTED)


def test_operator_reading_a_tensor_produced_later_is_rejected() -> None:
    m = two_op_builder().model()
    ops = m.subgraphs[0].operators
    ops[0], ops[1] = ops[1], ops[0]
    rejected(m, r"at node 0: input 0 reads tensor 1, which no earlier operator produces")


def test_graph_output_never_produced_is_rejected() -> None:
    b = two_op_builder()
    dangling = b.tensor([1, 4], np.float32)
    b.output(dangling)
    rejected(b.model(), r"graph output 1 \(tensor 3\) is never produced")


def test_operator_writing_a_constant_is_rejected() -> None:
    b = ModelBuilder()
    x = b.input([1, 4], np.float32)
    c = b.const(np.ones([1, 4], np.float32))
    b.op("RELU", [x], [c])
    b.output(c)
    rejected(b.model(), r"output 0 writes tensor 1, which is constant")


def test_model_with_no_subgraph_is_rejected() -> None:
    m = two_op_builder().model()
    m.subgraphs = []
    rejected(m, r"no subgraph")


def test_model_with_a_second_subgraph_nothing_calls_runs_its_first() -> None:
    """A second signature, as TensorFlow writes one: TFLM runs subgraph 0 only, so does ztflm
    (issue 14; "two subgraphs" was refused before)."""
    from modelbuilder import pack

    m = two_op_builder().model()
    m.subgraphs = [m.subgraphs[0], m.subgraphs[0]]
    ip = ztflm.Interpreter.from_bytes(pack(m))
    ip.set_input(np.array([[-1, 2, -3, 4]], np.float32), 0)
    ip.invoke()
    assert ip.get_output(0).tolist() == [[0, 2, 0, 4]]


def test_model_with_more_subgraphs_than_the_build_runs_is_unsupported() -> None:
    m = two_op_builder().model()
    m.subgraphs = [m.subgraphs[0]] * 33
    rejected(m, r"33 subgraphs; this build runs at most 32 \(ZTFLM_SUBGRAPHS\)",
             ztflm.Status.UNSUPPORTED)


def test_subgraph_without_operators_is_rejected() -> None:
    m = two_op_builder().model()
    m.subgraphs[0].operators = []
    rejected(m, r"no operators")


def test_wrong_schema_version_is_rejected() -> None:
    m = two_op_builder().model()
    m.version = 2
    rejected(m, r"schema version 2, expected 3", ztflm.Status.UNSUPPORTED)


def test_unknown_builtin_code_is_rejected_naming_the_node() -> None:
    m = two_op_builder().model()
    m.operatorCodes[0].builtinCode = 250
    m.operatorCodes[0].deprecatedBuiltinCode = 127
    err = rejected(m, r"UNKNOWN \(builtin 250\) at node 0: operator is not registered",
                   ztflm.Status.UNSUPPORTED)
    assert err.node == 0


def test_unregistered_builtin_op_is_rejected_naming_op_and_node() -> None:
    b = ModelBuilder()
    x = b.input([1, 4], np.float32)
    h = b.tensor([1, 4], np.float32)
    y = b.tensor([1, 4], np.float32)
    b.op("RELU", [x], [h])
    b.op("SKIP_GRAM", [h], [y])  # TFLM has no kernel for it either
    b.output(y)
    err = rejected(b.model(), r"SKIP_GRAM \(builtin 30\) at node 1: operator is not registered",
                   ztflm.Status.UNSUPPORTED)
    assert err.node == 1


@pytest.mark.parametrize("op,name", [("SignalWindow", n) for n in FLEXBUFFER] +
                         [("TFLite_Detection_PostProcess", n) for n in DETECTION])
def test_damaged_custom_options_and_parameters_are_rejected_naming_op_and_node(
        op: str, name: str) -> None:
    make, match = {**FLEXBUFFER, **DETECTION}[name]
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(make(), arena_size=ARENA)
    assert err.value.code == ztflm.Status.MODEL, str(err.value)
    assert str(err.value).startswith(f"{op} (custom) at node 0: "), str(err.value)


def test_unregistered_custom_op_is_rejected_by_name() -> None:
    b = ModelBuilder()
    x = b.input([1, 4], np.float32)
    y = b.tensor([1, 4], np.float32)
    b.op("CUSTOM", [x], [y], custom_name="MyFancyOp")
    b.output(y)
    rejected(b.model(), r"custom operator 'MyFancyOp' is not registered", ztflm.Status.UNSUPPORTED)


def test_sparse_tensor_is_unsupported() -> None:
    from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema

    m = two_op_builder().model()
    m.subgraphs[0].tensors[1].sparsity = schema.SparsityParametersT()
    rejected(m, r"tensor 1 is sparse", ztflm.Status.UNSUPPORTED)


def test_set_input_with_wrong_dtype_or_shape_is_an_error() -> None:
    from modelbuilder import pack

    ip = ztflm.Interpreter.from_bytes(pack(two_op_builder().model()))
    with pytest.raises(ztflm.Error, match="input 0 wants float32, got int8"):
        ip.set_input(np.zeros([1, 4], np.int8), 0)
    with pytest.raises(ztflm.Error, match=r"input 0 wants shape \[1, 4\], got \[4\]"):
        ip.set_input(np.zeros([4], np.float32), 0)
    with pytest.raises(ztflm.Error, match="input 3 does not exist"):
        ip.set_input(np.zeros([1, 4], np.float32), 3)


def test_model_larger_than_the_arena_reports_bytes_needed() -> None:
    from modelbuilder import pack

    data = pack(two_op_builder().model())
    with pytest.raises(ztflm.Error, match=r"arena too small: needs") as err:
        ztflm.Interpreter.from_bytes(data, arena_size=16)
    assert err.value.code == ztflm.Status.ARENA
    assert err.value.needed > 16


def _wrapping_model() -> bytes:
    """A per-channel FULLY_CONNECTED whose scale, zero point and name vectors are easy to
    find in the bytes: scales 0.125/0.375/0.625, zero points 3/5/7, a tensor named
    'wrapcheck'."""
    from modelbuilder import pack

    m, w = per_channel_fc([0.125, 0.375, 0.625], [3, 5, 7])
    m.subgraphs[0].tensors[w].name = "wrapcheck"
    return pack(m)


@pytest.mark.parametrize("what,pattern,count", [
    # The element count of each vector kind set so that count x element size wraps 32 bits
    # to a small number that would fit: the verifier's bounds are 32-bit (verify.c).
    ("8-byte zero points", struct.pack("<3q", 3, 5, 7), 0x20000001),
    ("4-byte scales", struct.pack("<3f", 0.125, 0.375, 0.625), 0x40000001),
    ("a string", b"wrapcheck\x00", 0xFFFFFFFF),
])
def test_vector_length_whose_byte_size_wraps_32_bits_is_rejected(what: str, pattern: bytes,
                                                                   count: int) -> None:
    data = bytearray(_wrapping_model())
    ztflm.Interpreter.from_bytes(bytes(data), arena_size=ARENA)  # valid as built
    at = data.find(pattern)
    assert at >= 4 and data.find(pattern, at + 1) < 0, what
    data[at - 4:at] = struct.pack("<I", count)
    with pytest.raises(ztflm.Error, match="malformed") as err:
        ztflm.Interpreter.from_bytes(bytes(data), arena_size=ARENA)
    assert err.value.code == ztflm.Status.MODEL, str(err.value)


# ---- Issue 11: models that passed the runtime's checks and read or wrote out of bounds. ----

@pytest.mark.parametrize("offset,size", [
    (2**64 - 16, 16),          # offset + size wraps 64 bits to 0: passed a summed bound
    (2**64 - 4, 2**63),
    (2**32 + 64, 16),          # low 32 bits inside the model, the high ones not
    (64, 2**64 - 1),
    (18, 16),
])
def test_buffer_data_after_the_flatbuffer_is_refused(offset: int, size: int) -> None:
    """Buffer.offset and Buffer.size (64-bit) put a constant's data after the FlatBuffer.
    The old bound, offset + size > len, wrapped: the loader kept the offset's low 32 bits, a
    read 4 GB past the model on a 64-bit host and one before it on a 32-bit target. TFLM
    does not read these fields at all, so the runtime now refuses any offset above 1."""
    with pytest.raises(ztflm.Error, match=r"model: buffer 1 keeps its data after the "
                                          r"FlatBuffer \(Buffer.offset\), which TFLM does "
                                          r"not read") as err:
        ztflm.Interpreter.from_bytes(extended(offset, size), arena_size=ARENA)
    assert err.value.code == ztflm.Status.UNSUPPORTED


def test_variable_tensor_whose_buffer_offset_wraps_is_rejected() -> None:
    """The issue's write: reset zeroed a variable tensor's buffer, 12 bytes before the model
    on a 32-bit build (the distance chosen by the model), and init and allocate succeeded."""
    with pytest.raises(ztflm.Error, match="buffer 1 keeps its data after the FlatBuffer"):
        ztflm.Interpreter.from_bytes(extended(2**64 - 12, variable=True), arena_size=ARENA)


def test_data_after_the_flatbuffer_is_refused_because_tflm_ignores_it() -> None:
    """A well-formed extended buffer (the constant's 16 bytes after the FlatBuffer): TFLM
    takes the constant for an activation nothing writes and adds whatever its arena holds
    there (zeros when fresh, ASan's fill under the sanitizers), never [1, 2, 3, 4]; ztflm,
    which read the data there before, refuses the model instead of computing otherwise."""
    data = extended()
    x = np.array([[10, 20, 30, 40]], np.float32)
    assert run_tflm(data, [x])[0].tolist() != (x + np.arange(1, 5, dtype=np.float32)).tolist()
    with pytest.raises(ztflm.Error, match="buffer 1 keeps its data after the FlatBuffer"):
        ztflm.Interpreter.from_bytes(data)


def test_plan_whose_extent_passes_2_32_bytes_is_refused() -> None:
    """Five tensors alive at once, 2^32 - 4 bytes together: 32-bit sums wrapped the plan's end
    to 0, allocate succeeded in a 1 MiB arena and offsets of 3 GB were taken for tensor
    locations (a read out of bounds on the host, writes anywhere on a 32-bit target)."""
    with pytest.raises(ztflm.Error, match=r"activations need more than 1073741808 bytes at "
                                          r"once, the most an arena holds") as err:
        ztflm.Interpreter.from_bytes(plan_past_2_32(), arena_size=ARENA)
    assert err.value.code == ztflm.Status.UNSUPPORTED


@pytest.mark.parametrize("kind", ["input", "output"])
def test_constant_graph_input_or_output_is_rejected_at_allocate_naming_it(kind: str) -> None:
    """A constant graph input gave set_input a pointer into the model (the README's memcpy
    writes flash on a device). TFLM accepts it and its set_input rewrites the model's copy."""
    with pytest.raises(ztflm.Error, match=rf"model: graph {kind} 1 is a constant \(model "
                                          rf"data\): tensor 1 't1'") as err:
        ztflm.Interpreter.from_bytes(const_graph_io(kind), arena_size=ARENA)
    assert err.value.code == ztflm.Status.MODEL


def test_variable_tensor_with_a_buffer_lives_in_the_arena_as_in_tflm() -> None:
    """Reset zeroed a variable tensor whose buffer held data in place: the runtime wrote into
    the model. TFLM ignores the buffer of a variable tensor (its arena copy starts at 0)."""
    b, c = const_add_builder()
    m = b.model()
    m.subgraphs[0].tensors[c].isVariable = True
    ip = ztflm.Interpreter.from_bytes(pack(m))
    storage = ip.get_tensor_storage(c)
    assert storage["is_variable"] and not storage["is_const"]
    assert ip.tensor_arena_offset(c) is not None
    assert_bit_exact(pack(m), n_random=3)


def test_int8_variable_tensor_resets_to_its_zero_point_as_in_tflm() -> None:
    """TFLM's ResetVariableTensor fills an int8 variable with its zero point (0.0), not 0."""
    b = ModelBuilder()
    x = b.input([1, 4], np.int8, scale=0.5, zero_point=5)
    v = b.tensor([1, 4], np.int8, scale=0.5, zero_point=5, is_variable=True)
    y = b.tensor([1, 4], np.int8, scale=0.5, zero_point=5)
    b.op("ADD", [x, v], [y], "AddOptions")
    b.output(y)
    assert_bit_exact(b.build(), n_random=5)


NODE_PARAMETERS = {**SPATIAL_PARAMETERS, **ELEMENTWISE_PARAMETERS}


@pytest.mark.parametrize("name", NODE_PARAMETERS)
def test_operator_parameters_that_do_not_fit_are_refused_at_allocate(name: str) -> None:
    """Issue 13's operators: each parameter check of the catalogue, with its one-line error
    naming the operator and node (and the same bytes on QEMU, tests/qemu)."""
    make, pattern = NODE_PARAMETERS[name]
    node = r"^[A-Z0-9_]+ \(builtin \d+\) at node 0: "
    with pytest.raises(ztflm.Error, match=node + pattern) as e:
        ztflm.Interpreter.from_bytes(make(), arena_size=ARENA)
    assert e.value.code in (ztflm.Status.MODEL, ztflm.Status.UNSUPPORTED)
    assert "\n" not in str(e.value)


@pytest.mark.parametrize("label", sorted(OPERATOR_PARAMETERS))
def test_an_operator_parameter_out_of_range_is_refused_naming_it(label: str) -> None:
    """Issue 13's operators: each parameter check refuses the node with its op, node and what."""
    make, match, code = OPERATOR_PARAMETERS[label]
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(make(), arena_size=ARENA)
    assert err.value.code == getattr(ztflm.Status, code)
    assert err.value.node == 0 and "\n" not in str(err.value)
