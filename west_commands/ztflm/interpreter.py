"""The host runner: a .tflite model through the C runtime, with tflite_micro's Python API."""
from __future__ import annotations

import ctypes
import functools
import operator
import threading
from pathlib import Path
from typing import Any, Callable, Optional, Sequence, TypeVar, Union

import numpy as np

from . import _lib
from .errors import Error, Status
from .files import read_model

DTYPES: dict[int, type] = {
    0: np.float32, 1: np.float16, 2: np.int32, 3: np.uint8, 4: np.int64, 6: np.bool_,
    7: np.int16, 9: np.int8, 10: np.float64, 12: np.uint64, 15: np.uint32, 16: np.uint16,
}

ALIGN = 16
FIRST_TRY = 64 * 1024

F = TypeVar("F", bound=Callable[..., Any])


def _integer(value: Any, what: str) -> int:
    """value as a Python int; bool, float, str and the like are refused, naming what."""
    if isinstance(value, (bool, np.bool_)):
        raise Error(f"{what} must be an integer, got {type(value).__name__}")
    try:
        return operator.index(value)
    except TypeError:
        raise Error(f"{what} must be an integer, got {type(value).__name__}") from None


def _aligned_buffer(data: Union[bytes, int]) -> tuple[np.ndarray, int]:
    """A numpy-owned buffer whose returned address is ALIGN-byte aligned."""
    size = data if isinstance(data, int) else len(data)
    try:
        raw = np.zeros(size + ALIGN, dtype=np.uint8)
    except MemoryError:
        raise Error(f"cannot allocate {size} bytes: out of memory") from None
    offset = (-raw.ctypes.data) % ALIGN
    if not isinstance(data, int):
        raw[offset:offset + size] = np.frombuffer(data, dtype=np.uint8)
    return raw, raw.ctypes.data + offset


class Arena:
    """One arena that several interpreters may share (their heads overlap, tails stack).

    Its lock serializes every call into the runtime of every interpreter on it: ctypes lets
    other threads run during a call, and two invokes at once would share the same bytes."""

    def __init__(self, size: int) -> None:
        size = _integer(size, "arena size")
        limit = _lib.max_size()
        if size < 0:
            raise Error(f"arena size must be positive, got {size}")
        if size > limit:
            raise Error(f"arena size {size} is more than the {limit} bytes the runtime accepts")
        self.size = size
        self.lock = threading.RLock()
        self._raw, self._base = _aligned_buffer(max(size, 1))
        self._struct = _lib.ArenaStruct()
        _lib.lib().ztflm_arena_init(ctypes.byref(self._struct), self._base, size)

    @property
    def ref(self) -> ctypes.c_void_p:
        return ctypes.cast(ctypes.byref(self._struct), ctypes.c_void_p)

    def used_bytes(self) -> int:
        with self.lock:
            return int(_lib.lib().ztflm_arena_used(self.ref))


def _error(handle: ctypes.Array) -> Error:
    e = _lib.lib().ztflm_last_error(handle).contents
    return Error(e.message.decode(errors="replace"), e.code, e.node, e.needed)


def _serialized(method: F) -> F:
    """method under the interpreter's lock (its arena's, shared by the arena's tenants)."""
    @functools.wraps(method)
    def locked(self: Interpreter, *args: Any, **kwargs: Any) -> Any:
        with self.lock:
            return method(self, *args, **kwargs)
    return locked  # type: ignore[return-value]


class Interpreter:
    """Runs one model; arena_size=None sizes the arena exactly.

    Calls from several threads are serialized (see lock); a thread that needs set_input,
    invoke and get_output to be one step holds `with ip.lock:` around them."""

    def __init__(self, model: Union[bytes, bytearray, memoryview], arena_size: Optional[int] = None,
                 arena: Optional[Arena] = None) -> None:
        if not isinstance(model, (bytes, bytearray, memoryview)):
            raise Error(f"model must be bytes, got {type(model).__name__}")
        # bytes() of a memoryview is its bytes, whatever its item size or shape.
        data = bytes(model)
        if arena is not None and arena_size is not None:
            raise Error("give either arena_size or arena (a shared Arena), not both")
        if arena is not None and not isinstance(arena, Arena):
            raise Error(f"arena must be a ztflm.Arena, got {type(arena).__name__}")
        self._model_raw, self._model = _aligned_buffer(data)
        self._model_len = len(data)
        self._handle = ctypes.create_string_buffer(_lib.sizeof_interpreter())
        if arena is not None:
            self._arena = arena
            with arena.lock:
                self._start(arena)
        elif arena_size is not None:
            self._arena = Arena(arena_size)
            self._start(self._arena)
        else:
            self._arena = self._exact_arena()

    @property
    def lock(self) -> threading.RLock:
        """The lock every call takes (the arena's); reentrant, so a thread may hold it across
        several calls."""
        return self._arena.lock

    @classmethod
    def from_file(cls, path: Union[str, Path], arena_size: Optional[int] = None,
                  arena: Optional[Arena] = None) -> Interpreter:
        return cls(read_model(path), arena_size=arena_size, arena=arena)

    @classmethod
    def from_bytes(cls, data: Union[bytes, bytearray, memoryview],
                   arena_size: Optional[int] = None,
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
        limit = _lib.max_size()
        size = FIRST_TRY
        while True:
            arena = Arena(size)
            try:
                self._start(arena)
                break
            except Error as e:
                if e.code != Status.ARENA or size >= limit:
                    raise
                size = min(limit, max(size * 4, e.needed + 64))
        exact = Arena(arena.used_bytes())
        self._start(exact)
        return exact

    # ---- running ---------------------------------------------------------------------------

    @_serialized
    def invoke(self) -> bool:
        """Run the model once: True when it ran to its end, False when an operator stopped
        it early (CIRCULAR_BUFFER between two strides; the outputs after it keep their
        values), as TFLM's kTfLiteAbort."""
        rc = _lib.lib().ztflm_invoke(self._handle)
        if rc < 0:
            raise _error(self._handle)
        return rc == 0

    @_serialized
    def reset(self) -> None:
        if _lib.lib().ztflm_reset(self._handle) != 0:
            raise _error(self._handle)

    @_serialized
    def num_inputs(self) -> int:
        return int(_lib.lib().ztflm_inputs_count(self._handle))

    @_serialized
    def num_outputs(self) -> int:
        return int(_lib.lib().ztflm_outputs_count(self._handle))

    def _view(self, kind: str, index: Any) -> _lib.TensorStruct:
        count = {"input": self.num_inputs, "output": self.num_outputs,
                 "tensor": self.num_tensors}[kind]()
        i = _integer(index, f"{kind} index")
        t = _lib.TensorStruct()
        fn = {"input": _lib.lib().ztflm_input, "output": _lib.lib().ztflm_output,
              "tensor": _lib.lib().ztflm_tensor}[kind]
        # Checked here, not only by the runtime: ctypes would cut 2^32 + 1 to 1.
        if not 0 <= i < count or fn(self._handle, i, ctypes.byref(t)) != 0:
            raise Error(f"{kind} {i} does not exist (the model has {count})")
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

    @_serialized
    def set_input(self, value: Any, index: int) -> None:
        t = self._view("input", index)
        i = int(index)
        dtype, shape = self._dtype(t), self._shape(t)
        try:
            array = np.asarray(value)
        except (ValueError, TypeError) as e:
            raise Error(f"input {i}: not an array: {e}") from None
        if array.dtype != dtype:
            if array.dtype.newbyteorder("=") == dtype:
                order = {">": "big", "<": "little"}.get(array.dtype.byteorder, "non-native")
                raise Error(f"input {i} wants {dtype.name} in this machine's byte order, got "
                            f"{order}-endian {array.dtype.name} (convert with "
                            f".astype(np.{dtype.name}))")
            raise Error(f"input {i} wants {dtype.name}, got {array.dtype.name}")
        if array.shape != shape:
            raise Error(f"input {i} wants shape {list(shape)}, got {list(array.shape)}")
        data = np.ascontiguousarray(array)
        ctypes.memmove(t.data, data.ctypes.data, t.bytes)

    def _copy_out(self, t: _lib.TensorStruct) -> np.ndarray:
        dtype, shape = self._dtype(t), self._shape(t)
        out = np.empty(shape, dtype=dtype)
        if t.bytes:
            ctypes.memmove(out.ctypes.data, t.data, t.bytes)
        return out

    @_serialized
    def get_output(self, index: int) -> np.ndarray:
        return self._copy_out(self._view("output", index))

    @_serialized
    def get_input(self, index: int) -> np.ndarray:
        return self._copy_out(self._view("input", index))

    @_serialized
    def run_stream(self, inputs: Sequence[Any],
                   ran: Optional[list[bool]] = None) -> list[np.ndarray]:
        """Feeds a sequence: inputs[i] holds input i for every step along its first axis.
        One invoke per step, without reset in between (a stateful model keeps its state, as
        it does across invoke() calls); returns each output stacked over the steps. ran:
        gets each step's invoke() result (False: an operator stopped it early)."""
        if len(inputs) != self.num_inputs():
            raise Error(f"the model has {self.num_inputs()} inputs, {len(inputs)} sequences "
                        "given")
        arrays = [np.asarray(x) for x in inputs]
        steps = {a.shape[0] if a.ndim else None for a in arrays}
        if len(steps) != 1 or None in steps:
            raise Error("every input sequence needs the same number of steps along its first "
                        f"axis, got shapes {[list(a.shape) for a in arrays]}")
        outputs: list[list[np.ndarray]] = [[] for _ in range(self.num_outputs())]
        for step in range(steps.pop() or 0):
            for i, a in enumerate(arrays):
                self.set_input(a[step], i)
            done = self.invoke()
            if ran is not None:
                ran.append(done)
            for k, out in enumerate(outputs):
                out.append(self.get_output(k))
        return [np.stack(out) if out else
                np.empty((0, *self._shape(self._view("output", k))),
                         self._dtype(self._view("output", k)))
                for k, out in enumerate(outputs)]

    @_serialized
    def get_tensor(self, index: int) -> np.ndarray:
        """A copy of tensor index as it is now (a variable tensor: the state kept between
        invokes); an activation's bytes may belong to another tensor by then."""
        t = self._view("tensor", index)
        if t.bytes and not t.data:
            raise Error(f"tensor {int(index)} has no data (no operator uses it)")
        return self._copy_out(t)

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

    @_serialized
    def get_input_details(self, index: int) -> dict[str, Any]:
        return self._details(self._view("input", index))

    @_serialized
    def get_output_details(self, index: int) -> dict[str, Any]:
        return self._details(self._view("output", index))

    @_serialized
    def num_tensors(self) -> int:
        return int(_lib.lib().ztflm_tensors_count(self._handle))

    @_serialized
    def get_tensor_details(self, index: int) -> dict[str, Any]:
        return self._details(self._view("tensor", index))

    @_serialized
    def tensor_arena_offset(self, index: int) -> Optional[int]:
        """Where tensor index lives in the arena (bytes from its aligned start), None when
        it lives in the model (constants, and views of them) or nowhere (unused)."""
        t = self._view("tensor", index)
        if t.is_const or not t.data:
            return None
        offset = int(t.data) - int(self._arena._struct.base)
        return offset if 0 <= offset < self._arena.size else None

    # ---- memory ----------------------------------------------------------------------------

    def arena_used_bytes(self) -> int:
        """Bytes of the arena in use (all tenants, when the arena is shared)."""
        return self._arena.used_bytes()

    @_serialized
    def arena_head_bytes(self) -> int:
        return int(_lib.lib().ztflm_head_bytes(self._handle))

    @_serialized
    def arena_tail_bytes(self) -> int:
        return int(_lib.lib().ztflm_tail_bytes(self._handle))

    # ---- graph -----------------------------------------------------------------------------

    @_serialized
    def num_nodes(self) -> int:
        return int(_lib.lib().ztflm_nodes_count(self._handle))

    @_serialized
    def num_subgraphs(self) -> int:
        """Subgraphs of the model; invoke runs the first, control flow the others."""
        lib = _lib.lib()
        return int(lib.ztflm_subgraphs_count(self._handle)) if hasattr(
            lib, "ztflm_subgraphs_count") else 1

    @_serialized
    def view_subgraph(self, index: int) -> None:
        """What the tensor and node queries describe from now on: subgraph index (the
        graph inputs and outputs too). invoke and reset view subgraph 0 again."""
        i = _integer(index, "subgraph index")
        if i == 0 and self.num_subgraphs() == 1:
            return
        if not 0 <= i < self.num_subgraphs() or _lib.lib().ztflm_view_subgraph(
                self._handle, i) != 0:
            raise Error(f"subgraph {i} does not exist (the model has {self.num_subgraphs()})")

    @_serialized
    def get_node(self, index: int) -> tuple[int, list[int], list[int]]:
        """Operator number index as the runtime sees it: (builtin code, input tensor indices,
        output tensor indices); -1 is an absent optional input."""
        count = self.num_nodes()
        i = _integer(index, "node index")
        code = ctypes.c_int32()
        ins, outs = ctypes.POINTER(ctypes.c_int32)(), ctypes.POINTER(ctypes.c_int32)()
        n_in, n_out = ctypes.c_int32(), ctypes.c_int32()
        if not 0 <= i < count or _lib.lib().ztflm_node(
                self._handle, i, ctypes.byref(code), ctypes.byref(ins), ctypes.byref(n_in),
                ctypes.byref(outs), ctypes.byref(n_out)) != 0:
            raise Error(f"node {i} does not exist (the model has {count})")
        return (int(code.value), [int(ins[k]) for k in range(n_in.value)],
                [int(outs[k]) for k in range(n_out.value)])

    @_serialized
    def get_node_kernel(self, index: int) -> str:
        """Name of the compute variant allocate chose for node index ("conv_2d_s8_arm_dsp"),
        "" for a node that runs nothing."""
        count = self.num_nodes()
        i = _integer(index, "node index")
        if not 0 <= i < count:
            raise Error(f"node {i} does not exist (the model has {count})")
        return str(_lib.lib().ztflm_node_kernel(self._handle, i).decode())

    @_serialized
    def get_node_custom_name(self, index: int) -> str:
        """The registered name of node index's custom operator ("SignalWindow"), "" for a
        builtin one."""
        count = self.num_nodes()
        i = _integer(index, "node index")
        if not 0 <= i < count:
            raise Error(f"node {i} does not exist (the model has {count})")
        return str(_lib.lib().ztflm_node_custom_name(self._handle, i).decode())

    @_serialized
    def get_tensor_storage(self, index: int) -> dict[str, Any]:
        """Bytes, type name and where tensor index lives: constant (in the model), variable
        (persistent, in the arena's tail) or neither (planned activation)."""
        t = self._view("tensor", index)
        return {"bytes": int(t.bytes), "type": _lib.type_name(t.type),
                "is_const": bool(t.is_const), "is_variable": bool(t.is_variable)}
