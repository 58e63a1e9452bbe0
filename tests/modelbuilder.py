"""Writes small .tflite models for the tests, through the schema shipped in tflite-micro."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, Optional, Sequence, Union

import flatbuffers
import numpy as np
from flatbuffers import flexbuffers
from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema

TENSOR_TYPES = {
    np.dtype(np.float32): schema.TensorType.FLOAT32,
    np.dtype(np.int8): schema.TensorType.INT8,
    np.dtype(np.int16): schema.TensorType.INT16,
    np.dtype(np.int32): schema.TensorType.INT32,
    np.dtype(np.uint8): schema.TensorType.UINT8,
    np.dtype(np.int64): schema.TensorType.INT64,
    np.dtype(np.bool_): schema.TensorType.BOOL,
    np.dtype(np.float16): schema.TensorType.FLOAT16,
    np.dtype(np.float64): schema.TensorType.FLOAT64,
    np.dtype(np.uint16): schema.TensorType.UINT16,
    np.dtype(np.uint32): schema.TensorType.UINT32,
    np.dtype(np.uint64): schema.TensorType.UINT64,
}

# Short names accepted for schema fields (the schema's own names work too).
ALIASES = {
    "activation": "fused_activation_function",
    "dilation_w": "dilation_w_factor",
    "dilation_h": "dilation_h_factor",
    "filter_w": "filter_width",
    "filter_h": "filter_height",
}
# Option fields whose value is an enum of the schema, given as its member name or its value.
ENUMS = {
    "fused_activation_function": schema.ActivationFunctionType,
    "padding": schema.Padding,
    "weights_format": schema.FullyConnectedOptionsWeightsFormat,
    "quantized_bias_type": schema.TensorType,
}

# Element types without a numpy dtype, given by name: constants stored packed.
PACKED_TYPES = {"int4": schema.TensorType.INT4}

Scale = Union[None, float, Sequence[float]]
ZeroPoint = Union[int, Sequence[int]]


def pack_int4(values: Any) -> np.ndarray:
    """Values in -8..7 packed two to a byte as TFLite stores INT4 (the first in the low
    nibble); an odd count leaves the last high nibble 0."""
    v = np.asarray(values).reshape(-1).astype(np.int64)
    if v.size and (v.min() < -8 or v.max() > 7):
        raise ValueError("int4 values must be in -8..7")
    nib = (v & 0xF).astype(np.uint8)
    if nib.size % 2:
        nib = np.append(nib, np.uint8(0))
    return (nib[0::2] | (nib[1::2] << 4)).astype(np.uint8)


def camel(name: str) -> str:
    """schema field name (snake_case) to the object API's attribute name."""
    head, *rest = name.split("_")
    return head + "".join(p.capitalize() for p in rest)


def enum_value(field: str, value: Any) -> Any:
    """The schema's value for an enum option given by name ("RELU6"); other values, strings
    of options that are not enums among them, as given."""
    if not isinstance(value, str):
        return value
    enum = ENUMS.get(field)
    if enum is None:
        return value  # a string option (VarHandleOptions' names)
    names = [k for k in vars(enum) if not k.startswith("_")]
    if value not in names:
        raise ValueError(f"{field} must be one of {', '.join(names)}, got {value!r}")
    return getattr(enum, value)


class ModelBuilder:
    """Subgraph 0 of a model, and the builders of its other subgraphs (subgraph()); tensors
    are numbered in the order they are added, in each subgraph."""

    def __init__(self, parent: Optional[ModelBuilder] = None) -> None:
        self.tensors: list[Any] = []
        self.operators: list[Any] = []
        self.inputs: list[int] = []
        self.outputs: list[int] = []
        # A subgraph's buffers and operator codes are the model's.
        self.buffers: list[Any] = parent.buffers if parent else [schema.BufferT()]
        self.codes: list[tuple[int, Optional[str]]] = parent.codes if parent else []
        self.metadata: list[tuple[str, bytes]] = []
        self.subgraphs: list[ModelBuilder] = []

    def subgraph(self) -> ModelBuilder:
        """A new subgraph of this model, numbered 1, 2, ... in the order they are added."""
        g = ModelBuilder(self)
        self.subgraphs.append(g)
        return g

    def _add(self, shape: Sequence[int], dtype: Any, scale: Scale, zero_point: ZeroPoint,
             quantized_dimension: int, data: Optional[np.ndarray],
             is_variable: bool = False) -> int:
        t = schema.TensorT()
        t.shape = [int(d) for d in shape]
        t.type = PACKED_TYPES[dtype] if isinstance(dtype, str) else TENSOR_TYPES[np.dtype(dtype)]
        t.name = f"t{len(self.tensors)}"
        t.isVariable = is_variable
        t.buffer = 0
        if data is not None:
            b = schema.BufferT()
            b.data = np.frombuffer(np.ascontiguousarray(data).tobytes(), np.uint8)
            self.buffers.append(b)
            t.buffer = len(self.buffers) - 1
        if scale is not None:
            q = schema.QuantizationParametersT()
            q.scale = [float(s) for s in np.atleast_1d(np.asarray(scale, np.float32))]
            zps = [int(z) for z in np.atleast_1d(np.asarray(zero_point, np.int64))]
            if np.ndim(zero_point) == 0 and len(q.scale) > 1:
                zps *= len(q.scale)  # one zero point for every channel
            q.zeroPoint = zps
            q.quantizedDimension = quantized_dimension
            t.quantization = q
        self.tensors.append(t)
        return len(self.tensors) - 1

    def input(self, shape: Sequence[int], dtype: Any, scale: Scale = None,
              zero_point: ZeroPoint = 0) -> int:
        i = self._add(shape, dtype, scale, zero_point, 0, None)
        self.inputs.append(i)
        return i

    def tensor(self, shape: Sequence[int], dtype: Any, scale: Scale = None,
               zero_point: ZeroPoint = 0, is_variable: bool = False) -> int:
        return self._add(shape, dtype, scale, zero_point, 0, None, is_variable)

    def const(self, array: Any, scale: Scale = None, zero_point: ZeroPoint = 0,
              quantized_dimension: int = 0) -> int:
        a = np.asarray(array)
        return self._add(a.shape, a.dtype, scale, zero_point, quantized_dimension, a)

    def const_int4(self, values: Any, scale: Scale = None, zero_point: ZeroPoint = 0,
                   quantized_dimension: int = 0) -> int:
        """An INT4 constant of values' shape, stored packed (pack_int4)."""
        v = np.asarray(values)
        return self._add(v.shape, "int4", scale, zero_point, quantized_dimension, pack_int4(v))

    def output(self, index: int) -> None:
        self.outputs.append(index)

    def custom(self, name: str, inputs: Sequence[int], outputs: Sequence[int],
               options: Union[None, bytes, dict[str, Any]] = None) -> int:
        """A custom operator; options a dict (written as a FlexBuffer map, as TensorFlow's
        converter writes them: ints, bools, doubles) or the custom_options bytes as given."""
        index = self.op("CUSTOM", inputs, outputs, custom_name=name)
        if options is not None:
            data = flexbuffers.Dumps(options) if isinstance(options, dict) else options
            self.operators[index].customOptions = np.frombuffer(bytes(data), np.uint8)
        return index

    def op(self, name: Union[str, int], inputs: Sequence[int], outputs: Sequence[int],
           options_table: Optional[str] = None, custom_name: Optional[str] = None,
           **fields: Any) -> int:
        code = name if isinstance(name, int) else getattr(schema.BuiltinOperator, name, None)
        if code is None:
            raise ValueError(f"no builtin operator {name!r} in the schema")
        key = (code, custom_name)
        if key not in self.codes:
            self.codes.append(key)
        o = schema.OperatorT()
        o.opcodeIndex = self.codes.index(key)
        o.inputs = [int(i) for i in inputs]
        o.outputs = [int(i) for i in outputs]
        if options_table:
            opts = getattr(schema, options_table + "T")()
            for field, value in fields.items():
                field = ALIASES.get(field, field)
                attr = camel(field)
                if not hasattr(opts, attr):
                    raise ValueError(f"{options_table} has no field {field}")
                setattr(opts, attr, enum_value(field, value))
            o.builtinOptionsType = getattr(schema.BuiltinOptions, options_table)
            o.builtinOptions = opts
        elif fields:
            raise ValueError("options given without an options table")
        self.operators.append(o)
        return len(self.operators) - 1

    def add_metadata(self, name: str, data: bytes) -> None:
        self.metadata.append((name, data))

    def model(self) -> Any:
        """The object-API model, for tests that corrupt fields before packing."""
        m = schema.ModelT()
        m.version = 3
        m.operatorCodes = []
        for code, custom in self.codes:
            oc = schema.OperatorCodeT()
            oc.builtinCode = code
            oc.deprecatedBuiltinCode = min(code, 127)
            oc.version = 1
            oc.customCode = custom
            m.operatorCodes.append(oc)
        m.subgraphs = [b._subgraph_t() for b in (self, *self.subgraphs)]
        m.buffers = list(self.buffers)
        if self.metadata:
            m.metadata = []
            for name, data in self.metadata:
                b = schema.BufferT()
                b.data = np.frombuffer(data, np.uint8)
                m.buffers.append(b)
                md = schema.MetadataT()
                md.name = name
                md.buffer = len(m.buffers) - 1
                m.metadata.append(md)
        return m

    def _subgraph_t(self) -> Any:
        g = schema.SubGraphT()
        g.tensors, g.operators = self.tensors, self.operators
        g.inputs, g.outputs = self.inputs, self.outputs
        return g

    def build(self) -> bytes:
        return pack(self.model())


def pack(model: Any, force_defaults: bool = False) -> bytes:
    """The model's bytes; force_defaults writes every scalar field, even at its default."""
    b = flatbuffers.Builder(1024)
    b.ForceDefaults(force_defaults)
    b.Finish(model.Pack(b), file_identifier=b"TFL3")
    out = bytes(b.Output())
    dump = os.environ.get("ZTFLM_DUMP_MODELS")
    if dump and not force_defaults:
        # Fuzz seeds (make fuzz-seeds): every field present, so the structure-aware fuzzer
        # can rewrite each of them in place.
        full = pack(model, force_defaults=True)
        Path(dump).mkdir(parents=True, exist_ok=True)
        (Path(dump) / f"built-{hashlib.sha1(full).hexdigest()[:16]}.tflite").write_bytes(full)
    return out
