"""The test model builder writes what it is asked, in the schema's own fields, and TFLM
(tflite-micro) loads and runs its models: the other tests can trust it."""
from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema

import oracle
from modelbuilder import ModelBuilder


def unpack(data: bytes) -> Any:
    return schema.ModelT.InitFromPackedBuf(data, 0)


def conv_model(out_hw: int = 5, **options: Any) -> bytes:
    b = ModelBuilder()
    x = b.input([1, 5, 5, 2], np.int8, scale=0.05, zero_point=-3)
    w = b.const(np.arange(-24, 24, dtype=np.int8).reshape(4, 2, 3, 2),
                scale=[0.01, 0.02, 0.03, 0.04], zero_point=0, quantized_dimension=0)
    bias = b.const(np.array([100, -100, 7, 0], np.int32),
                   scale=[0.0005, 0.001, 0.0015, 0.002], zero_point=0)
    y = b.tensor([1, out_hw, out_hw, 4], np.int8, scale=0.1, zero_point=2)
    b.op("CONV_2D", [x, w, bias], [y], "Conv2DOptions", **options)
    b.output(y)
    return b.build()


def test_model_has_the_tflite_identifier_version_3_and_an_empty_buffer_0() -> None:
    data = conv_model(padding="SAME")
    assert data[4:8] == b"TFL3"
    m = unpack(data)
    assert m.version == 3
    assert m.buffers[0].data is None or len(m.buffers[0].data) == 0


def test_snake_case_options_and_aliases_land_in_the_schema_fields() -> None:
    m = unpack(conv_model(padding="VALID", stride_w=2, stride_h=1, activation="RELU6",
                          dilation_w=1, dilation_h_factor=2))
    op = m.subgraphs[0].operators[0]
    assert op.builtinOptionsType == schema.BuiltinOptions.Conv2DOptions
    o = op.builtinOptions
    assert (o.padding, o.strideW, o.strideH) == (schema.Padding.VALID, 2, 1)
    assert o.fusedActivationFunction == schema.ActivationFunctionType.RELU6
    assert (o.dilationWFactor, o.dilationHFactor) == (1, 2)


def test_enums_by_name_and_by_value_build_the_same_model() -> None:
    by_name = conv_model(padding="SAME", fused_activation_function="RELU")
    by_value = conv_model(padding=schema.Padding.SAME,
                          activation=schema.ActivationFunctionType.RELU)
    assert by_name == by_value


def test_vector_float_and_bool_options_are_written() -> None:
    b = ModelBuilder()
    x = b.input([2, 6], np.float32)
    r = b.tensor([3, 4], np.float32)
    s = b.tensor([3, 4], np.float32)
    f = b.tensor([3, 2], np.float32)
    w = b.const(np.ones([2, 4], np.float32))
    b.op("RESHAPE", [x], [r], "ReshapeOptions", new_shape=[3, 4])
    b.op("SOFTMAX", [r], [s], "SoftmaxOptions", beta=0.5)
    b.op("FULLY_CONNECTED", [s, w, -1], [f], "FullyConnectedOptions", keep_num_dims=True)
    b.output(f)
    ops = unpack(b.build()).subgraphs[0].operators
    assert list(ops[0].builtinOptions.newShape) == [3, 4]
    assert ops[1].builtinOptions.beta == 0.5
    assert ops[2].builtinOptions.keepNumDims is True


def test_operator_codes_are_shared_and_carry_both_builtin_fields() -> None:
    b = ModelBuilder()
    x = b.input([4], np.float32)
    t = [b.tensor([4], np.float32) for _ in range(3)]
    b.op("RELU", [x], [t[0]])
    b.op("GELU", [t[0]], [t[1]], "GeluOptions", approximate=False)
    b.op("RELU", [t[1]], [t[2]])
    b.output(t[2])
    m = unpack(b.build())
    codes = [(c.builtinCode, c.deprecatedBuiltinCode) for c in m.operatorCodes]
    gelu = schema.BuiltinOperator.GELU
    assert gelu > 127
    assert codes == [(schema.BuiltinOperator.RELU, schema.BuiltinOperator.RELU), (gelu, 127)]
    assert [op.opcodeIndex for op in m.subgraphs[0].operators] == [0, 1, 0]


def test_constants_and_per_channel_quantization_round_trip() -> None:
    m = unpack(conv_model(padding="SAME"))
    g = m.subgraphs[0]
    w, bias = g.tensors[1], g.tensors[2]
    data = bytes(m.buffers[w.buffer].data)
    assert data == np.arange(-24, 24, dtype=np.int8).tobytes()
    assert list(w.shape) == [4, 2, 3, 2]
    q = w.quantization
    assert list(np.float32(q.scale)) == list(np.float32([0.01, 0.02, 0.03, 0.04]))
    assert list(q.zeroPoint) == [0, 0, 0, 0]  # a scalar zero point, once per channel
    assert q.quantizedDimension == 0
    assert bytes(m.buffers[bias.buffer].data) == np.array([100, -100, 7, 0], np.int32).tobytes()
    assert g.tensors[0].buffer == 0 and g.tensors[3].buffer == 0  # planned: no data


def test_absent_optional_input_is_minus_one() -> None:
    b = ModelBuilder()
    x = b.input([1, 3], np.float32)
    w = b.const(np.array([[1, 2, 3], [-1, 0, 4]], np.float32))
    y = b.tensor([1, 2], np.float32)
    b.op("FULLY_CONNECTED", [x, w, -1], [y], "FullyConnectedOptions")
    b.output(y)
    data = b.build()
    assert list(unpack(data).subgraphs[0].operators[0].inputs) == [0, 1, -1]
    out = oracle.run_tflm(data, [np.array([[1, 2, 3]], np.float32)])
    assert out[0].tolist() == [[14.0, 11.0]]


def test_variable_tensors_and_metadata_are_written() -> None:
    b = ModelBuilder()
    x = b.input([2], np.float32)
    v = b.tensor([2], np.float32, is_variable=True)
    y = b.tensor([2], np.float32)
    b.op("ADD", [x, v], [y], "AddOptions")
    b.output(y)
    b.add_metadata("note", b"hello")
    m = unpack(b.build())
    assert m.subgraphs[0].tensors[1].isVariable is True
    assert m.metadata[0].name == b"note"
    assert bytes(m.buffers[m.metadata[0].buffer].data) == b"hello"


@pytest.mark.parametrize("bad,match", [
    (dict(no_such_field=1), "Conv2DOptions has no field no_such_field"),
    (dict(padding="SIDEWAYS"), "padding must be one of SAME, VALID"),
    (dict(activation="SWISH"), "fused_activation_function must be one of"),
])
def test_wrong_options_are_refused_when_building(bad: dict[str, Any], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        conv_model(**bad)


def test_unknown_operator_and_options_without_a_table_are_refused() -> None:
    b = ModelBuilder()
    x = b.input([1], np.float32)
    y = b.tensor([1], np.float32)
    with pytest.raises(ValueError, match="no builtin operator 'FROBNICATE'"):
        b.op("FROBNICATE", [x], [y])
    with pytest.raises(ValueError, match="without an options table"):
        b.op("RELU", [x], [y], stride_w=1)


def test_tflm_reads_shapes_types_and_quantization_as_built() -> None:
    ip = oracle.tflm_interpreter(conv_model(padding="SAME", activation="RELU"))
    d = ip.get_input_details(0)
    assert d["dtype"] == np.int8
    assert d["shape"].tolist() == [1, 5, 5, 2]
    assert d["quantization_parameters"]["scales"].tolist() == [np.float32(0.05)]
    assert d["quantization_parameters"]["zero_points"].tolist() == [-3]
    o = ip.get_output_details(0)
    assert o["shape"].tolist() == [1, 5, 5, 4]
    assert o["quantization_parameters"]["zero_points"].tolist() == [2]


def test_tflm_runs_a_float_model_as_numpy_computes_it() -> None:
    b = ModelBuilder()
    x = b.input([2, 3], np.float32)
    c = b.const(np.array([1.0, -2.0, 0.5], np.float32))
    y = b.tensor([2, 3], np.float32)
    z = b.tensor([2, 3], np.float32)
    b.op("ADD", [x, c], [y], "AddOptions")
    b.op("MUL", [y, c], [z], "MulOptions", activation="RELU")
    b.output(z)
    xs = np.array([[1, 2, 3], [-4, 5, -6]], np.float32)
    out = oracle.run_tflm(b.build(), [xs])
    c_np = np.array([1.0, -2.0, 0.5], np.float32)
    # Values, not bytes: TFLM's RELU keeps -0.0 (std::max), numpy's maximum gives 0.0.
    assert out[0].tolist() == np.maximum((xs + c_np) * c_np, 0).tolist()


def test_tflm_runs_an_int8_model_with_the_built_quantization() -> None:
    b = ModelBuilder()
    x = b.input([1, 8], np.int8, scale=0.5, zero_point=-4)
    y = b.tensor([1, 8], np.float32)
    b.op("DEQUANTIZE", [x], [y])
    b.output(y)
    xs = np.arange(-128, 128, 32, dtype=np.int8).reshape(1, 8)
    out = oracle.run_tflm(b.build(), [xs])
    assert out[0].tolist() == ((xs.astype(np.float32) + 4) * 0.5).tolist()


def test_tflm_runs_a_per_channel_conv_as_built() -> None:
    """All-zero real input (the zero point): each output is its channel's bias, requantized."""
    out = oracle.run_tflm(conv_model(out_hw=3, padding="SAME", stride_w=2, stride_h=2),
                          [np.full([1, 5, 5, 2], -3, np.int8)])
    assert out[0].shape == (1, 3, 3, 4)
    # bias * bias_scale / out_scale = 0.5, -1, 0.105, 0; rounded half away from zero, + zp 2
    expected = np.array([1, -1, 0, 0], np.int8) + 2
    assert (out[0] == expected).all(), out[0][0, 0, 0]
