"""The host runner: a .tflite model through the C runtime, with tflite_micro's Python API."""
from __future__ import annotations

import ctypes
from pathlib import Path
from typing import Any, Optional, Union

import numpy as np

from . import _lib
from .errors import Error, Status

DTYPES: dict[int, type] = {
    0: np.float32, 1: np.float16, 2: np.int32, 3: np.uint8, 4: np.int64, 6: np.bool_,
    7: np.int16, 9: np.int8, 10: np.float64, 12: np.uint64, 15: np.uint32, 16: np.uint16,
}

ALIGN = 16
# The largest arena the exact sizing will try before giving up.
MAX_ARENA = 1 << 30
FIRST_TRY = 64 * 1024


def _aligned_buffer(data: Union[bytes, int]) -> tuple[np.ndarray, int]:
    """A numpy-owned buffer whose returned address is ALIGN-byte aligned."""
    size = data if isinstance(data, int) else len(data)
    raw = np.zeros(size + ALIGN, dtype=np.uint8)
    offset = (-raw.ctypes.data) % ALIGN
    if not isinstance(data, int):
        raw[offset:offset + size] = np.frombuffer(data, dtype=np.uint8)
    return raw, raw.ctypes.data + offset


class Arena:
    """One arena that several interpreters may share (their heads overlap, tails stack)."""

    def __init__(self, size: int) -> None:
        if size < 0:
            raise Error(f"arena size must be positive, got {size}")
        self.size = size
        self._raw, self._base = _aligned_buffer(max(size, 1))
        self._struct = _lib.ArenaStruct()
        _lib.lib().ztflm_arena_init(ctypes.byref(self._struct), self._base, size)

    @property
    def ref(self) -> ctypes.c_void_p:
        return ctypes.cast(ctypes.byref(self._struct), ctypes.c_void_p)

    def used_bytes(self) -> int:
        return int(_lib.lib().ztflm_arena_used(self.ref))


def _error(handle: ctypes.Array) -> Error:
    e = _lib.lib().ztflm_last_error(handle).contents
    return Error(e.message.decode(errors="replace"), e.code, e.node, e.needed)


class Interpreter:
    """Runs one model; arena_size=None sizes the arena exactly."""

    def __init__(self, model: bytes, arena_size: Optional[int] = None,
                 arena: Optional[Arena] = None) -> None:
        if not isinstance(model, (bytes, bytearray, memoryview)):
            raise Error("model must be bytes")
        self._model_raw, self._model = _aligned_buffer(bytes(model))
        self._model_len = len(model)
        self._handle = ctypes.create_string_buffer(_lib.sizeof_interpreter())
        if arena is not None and arena_size is not None:
            raise Error("give either arena_size or arena (a shared Arena), not both")
        if arena is not None:
            self._arena = arena
            self._start(arena)
        elif arena_size is not None:
            self._arena = Arena(arena_size)
            self._start(self._arena)
        else:
            self._arena = self._exact_arena()

    @classmethod
    def from_file(cls, path: Union[str, Path], arena_size: Optional[int] = None,
                  arena: Optional[Arena] = None) -> Interpreter:
        try:
            data = Path(path).read_bytes()
        except OSError as e:
            raise Error(f"cannot read model {path}: {e.strerror}") from None
        return cls(data, arena_size=arena_size, arena=arena)

    @classmethod
    def from_bytes(cls, data: bytes, arena_size: Optional[int] = None,
                   arena: Optional[Arena] = None) -> Interpreter:
        return cls(data, arena_size=arena_size, arena=arena)

    def _start(self, arena: Arena) -> None:
        lib = _lib.lib()
        if lib.ztflm_init(self._handle, self._model, self._model_len, _lib.all_ops_resolver(),
                          arena.ref) != 0:
            raise _error(self._handle)
        if lib.ztflm_allocate(self._handle) != 0:
            raise _error(self._handle)

    def _exact_arena(self) -> Arena:
        """Grow until the model fits, then rebuild in exactly the bytes it used."""
        size = FIRST_TRY
        while True:
            arena = Arena(size)
            try:
                self._start(arena)
                break
            except Error as e:
                if e.code != Status.ARENA or size >= MAX_ARENA:
                    raise
                size = min(MAX_ARENA, max(size * 4, e.needed + 64))
        exact = Arena(arena.used_bytes())
        self._start(exact)
        return exact

    # ---- running ---------------------------------------------------------------------------

    def invoke(self) -> None:
        if _lib.lib().ztflm_invoke(self._handle) != 0:
            raise _error(self._handle)

    def reset(self) -> None:
        if _lib.lib().ztflm_reset(self._handle) != 0:
            raise _error(self._handle)

    def num_inputs(self) -> int:
        return int(_lib.lib().ztflm_inputs_count(self._handle))

    def num_outputs(self) -> int:
        return int(_lib.lib().ztflm_outputs_count(self._handle))

    def _view(self, kind: str, index: int) -> _lib.TensorStruct:
        t = _lib.TensorStruct()
        fn = {"input": _lib.lib().ztflm_input, "output": _lib.lib().ztflm_output,
              "tensor": _lib.lib().ztflm_tensor}[kind]
        if index < 0 or fn(self._handle, index, ctypes.byref(t)) != 0:
            count = {"input": self.num_inputs(), "output": self.num_outputs(),
                     "tensor": self.num_tensors()}[kind]
            raise Error(f"{kind} {index} does not exist (the model has {count})")
        return t

    @staticmethod
    def _dtype(t: _lib.TensorStruct) -> np.dtype:
        if t.type not in DTYPES:
            raise Error(f"tensor {t.index} has type {_lib.type_name(t.type)}, which has no numpy "
                        "equivalent here")
        return np.dtype(DTYPES[t.type])

    @staticmethod
    def _shape(t: _lib.TensorStruct) -> tuple[int, ...]:
        return tuple(int(t.dims[i]) for i in range(t.dims_count))

    def set_input(self, value: Any, index: int) -> None:
        t = self._view("input", index)
        dtype, shape = self._dtype(t), self._shape(t)
        array = np.asarray(value)
        if array.dtype != dtype:
            raise Error(f"input {index} wants {dtype.name}, got {array.dtype.name}")
        if array.shape != shape:
            raise Error(f"input {index} wants shape {list(shape)}, got {list(array.shape)}")
        data = np.ascontiguousarray(array)
        ctypes.memmove(t.data, data.ctypes.data, t.bytes)

    def _copy_out(self, t: _lib.TensorStruct) -> np.ndarray:
        dtype, shape = self._dtype(t), self._shape(t)
        out = np.empty(shape, dtype=dtype)
        if t.bytes:
            ctypes.memmove(out.ctypes.data, t.data, t.bytes)
        return out

    def get_output(self, index: int) -> np.ndarray:
        return self._copy_out(self._view("output", index))

    def get_input(self, index: int) -> np.ndarray:
        return self._copy_out(self._view("input", index))

    # ---- description -----------------------------------------------------------------------

    def _details(self, t: _lib.TensorStruct) -> dict[str, Any]:
        n = t.scale_count
        scales = np.array([t.scales[i] for i in range(n)], dtype=np.float32)
        zps = np.array([_lib.lib().ztflm_zero_point(self._handle, t.index, i) for i in range(n)],
                       dtype=np.int32)
        return {
            "name": _lib.lib().ztflm_tensor_name(self._handle, t.index).decode(errors="replace"),
            "index": int(t.index),
            "dtype": DTYPES.get(t.type),
            "shape": np.array(self._shape(t), dtype=np.int32),
            "quantization_parameters": {
                "scales": scales,
                "zero_points": zps,
                "quantized_dimension": int(t.quantized_dimension),
            },
        }

    def get_input_details(self, index: int) -> dict[str, Any]:
        return self._details(self._view("input", index))

    def get_output_details(self, index: int) -> dict[str, Any]:
        return self._details(self._view("output", index))

    def num_tensors(self) -> int:
        return int(_lib.lib().ztflm_tensors_count(self._handle))

    def get_tensor_details(self, index: int) -> dict[str, Any]:
        return self._details(self._view("tensor", index))

    def tensor_arena_offset(self, index: int) -> Optional[int]:
        """Where tensor index lives in the arena (bytes from its aligned start), None when
        it lives in the model (constants) or nowhere (unused)."""
        t = self._view("tensor", index)
        if t.is_const or not t.data:
            return None
        return int(t.data) - int(self._arena._struct.base)

    # ---- memory ----------------------------------------------------------------------------

    def arena_used_bytes(self) -> int:
        """Bytes of the arena in use (all tenants, when the arena is shared)."""
        return self._arena.used_bytes()

    def arena_head_bytes(self) -> int:
        return int(_lib.lib().ztflm_head_bytes(self._handle))

    def arena_tail_bytes(self) -> int:
        return int(_lib.lib().ztflm_tail_bytes(self._handle))

    # ---- graph -----------------------------------------------------------------------------

    def num_nodes(self) -> int:
        return int(_lib.lib().ztflm_nodes_count(self._handle))

    def get_node(self, index: int) -> tuple[int, list[int], list[int]]:
        """Operator number index as the runtime sees it: (builtin code, input tensor indices,
        output tensor indices); -1 is an absent optional input."""
        code = ctypes.c_int32()
        ins, outs = ctypes.POINTER(ctypes.c_int32)(), ctypes.POINTER(ctypes.c_int32)()
        n_in, n_out = ctypes.c_int32(), ctypes.c_int32()
        if index < 0 or _lib.lib().ztflm_node(
                self._handle, index, ctypes.byref(code), ctypes.byref(ins), ctypes.byref(n_in),
                ctypes.byref(outs), ctypes.byref(n_out)) != 0:
            raise Error(f"node {index} does not exist (the model has {self.num_nodes()})")
        return (int(code.value), [int(ins[i]) for i in range(n_in.value)],
                [int(outs[i]) for i in range(n_out.value)])

    def get_node_kernel(self, index: int) -> str:
        """Name of the compute variant allocate chose for node index ("conv_2d_s8_arm_dsp"),
        "" for a node that runs nothing."""
        if not 0 <= index < self.num_nodes():
            raise Error(f"node {index} does not exist (the model has {self.num_nodes()})")
        return str(_lib.lib().ztflm_node_kernel(self._handle, index).decode())

    def get_tensor_storage(self, index: int) -> dict[str, Any]:
        """Bytes, type name and where tensor index lives: constant (in the model), variable
        (persistent, in the arena's tail) or neither (planned activation)."""
        t = self._view("tensor", index)
        return {"bytes": int(t.bytes), "type": _lib.type_name(t.type),
                "is_const": bool(t.is_const), "is_variable": bool(t.is_variable)}
