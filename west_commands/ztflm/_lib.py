"""ctypes bindings to the C runtime built into this package (or ZTFLM_LIB, for sanitizer runs)."""
from __future__ import annotations

import ctypes
import os
import warnings
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .errors import Error

ERROR_MESSAGE_LEN = 128
MAX_DIMS = 8
# The runtime libraries are plain shared libraries (CMakeLists.txt), one per kernel overlay:
# _native.<suffix> (reference kernels) and _native_<overlay>.<suffix>.
LIBRARY_SUFFIXES = (".so", ".dylib", ".dll")


class ErrorStruct(ctypes.Structure):
    """struct ztflm_error"""

    _fields_ = [
        ("code", ctypes.c_int32),
        ("node", ctypes.c_int32),
        ("op", ctypes.c_int32),
        ("needed", ctypes.c_uint32),
        ("message", ctypes.c_char * ERROR_MESSAGE_LEN),
    ]


class TensorStruct(ctypes.Structure):
    """struct ztflm_tensor"""

    _fields_ = [
        ("data", ctypes.c_void_p),
        ("dims", ctypes.POINTER(ctypes.c_int32)),
        ("dims_count", ctypes.c_int32),
        ("index", ctypes.c_int32),
        ("elements", ctypes.c_uint32),
        ("bytes", ctypes.c_uint32),
        ("type", ctypes.c_uint8),
        ("is_const", ctypes.c_bool),
        ("is_variable", ctypes.c_bool),
        ("scale", ctypes.c_float),
        ("zero_point", ctypes.c_int32),
        ("scales", ctypes.POINTER(ctypes.c_float)),
        ("scale_count", ctypes.c_int32),
        ("quantized_dimension", ctypes.c_int32),
    ]


class ArenaStruct(ctypes.Structure):
    """struct ztflm_arena"""

    _fields_ = [
        ("base", ctypes.c_void_p),
        ("size", ctypes.c_uint32),
        ("pad", ctypes.c_uint32),
        ("head_used", ctypes.c_uint32),
        ("tail_used", ctypes.c_uint32),
    ]


# The kernel overlay whose library this process loads (use_kernels, or ZTFLM_KERNELS).
_kernels = [os.environ.get("ZTFLM_KERNELS", "reference")]


def _module_name(kernels: str) -> str:
    return "_native" if kernels == "reference" else f"_native_{kernels}"


def _libraries() -> dict[str, Path]:
    """The runtime libraries beside this file, by file name without its suffix."""
    here = Path(__file__).resolve().parent
    return {p.stem: p for p in sorted(here.glob("_native*"))
            if p.suffix in LIBRARY_SUFFIXES and "." not in p.stem}


def available_kernels() -> list[str]:
    """The kernel overlays built into this package (every one this host can build)."""
    return sorted(("reference" if n == "_native" else n[len("_native_"):]) for n in _libraries())


def use_kernels(kernels: str) -> None:
    """Selects the kernel overlay for this process (its scratch memory, so its exact arena);
    only before the runtime is first used."""
    if kernels == _kernels[0]:
        return
    if lib.cache_info().currsize:
        raise Error(f"kernels {_kernels[0]!r} are already in use in this process")
    if kernels not in available_kernels():
        raise Error(f"kernels {kernels!r} are not built into this package "
                    f"(built: {', '.join(available_kernels())})")
    _kernels[0] = kernels


def current_kernels() -> str:
    return _kernels[0]


def _library_path() -> Path:
    override = os.environ.get("ZTFLM_LIB")
    if override:
        return Path(override)
    name = _module_name(_kernels[0])
    found = _libraries().get(name)
    if found is None:
        raise Error(f"the C runtime library {name} is missing from "
                    f"{Path(__file__).resolve().parent}: reinstall ztflm (in a checkout, "
                    "`make native`)")
    return found


def _warn_if_stale(path: Path) -> None:
    """In a source checkout (pip install -e), say so when a C source is newer than the
    library: pip does not rebuild it, and stale kernels make confusing test failures."""
    here = Path(__file__).resolve().parent
    runtime = here.parents[1] / "zephyr_module"
    if not runtime.is_dir():
        return
    sources = [*runtime.rglob("*.[ch]"), *(here / "_native").glob("*.[ch]")]
    newest = max((p.stat().st_mtime for p in sources), default=0.0)
    if newest > path.stat().st_mtime:
        warnings.warn(f"ztflm: {path.name} is older than the C sources; rebuild it with "
                      "`make native`", stacklevel=3)


def _declare(lib: ctypes.CDLL) -> None:
    vp, u32, i32 = ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int32
    sigs: dict[str, tuple[object, list[object]]] = {
        "zpy_sizeof": (ctypes.c_size_t, [ctypes.c_int]),
        "zpy_kernel_count": (u32, []),
        "zpy_max_size": (u32, []),
        "zpy_kernel_name": (ctypes.c_char_p, [u32, ctypes.c_int]),
        "zpy_op_info": (ctypes.c_int, [u32, ctypes.POINTER(ctypes.c_int64)]),
        "zpy_op_variant": (ctypes.c_char_p, [u32, u32, ctypes.POINTER(ctypes.c_uint8),
                                             ctypes.POINTER(ctypes.c_uint8)]),
        "ztflm_arena_init": (ctypes.c_int, [vp, vp, ctypes.c_size_t]),
        "ztflm_arena_used": (u32, [vp]),
        "ztflm_init": (ctypes.c_int, [vp, vp, ctypes.c_size_t, vp, vp]),
        "ztflm_allocate": (ctypes.c_int, [vp]),
        "ztflm_invoke": (ctypes.c_int, [vp]),
        "ztflm_reset": (ctypes.c_int, [vp]),
        "ztflm_inputs_count": (u32, [vp]),
        "ztflm_outputs_count": (u32, [vp]),
        "ztflm_tensors_count": (u32, [vp]),
        "ztflm_nodes_count": (u32, [vp]),
        "ztflm_input": (ctypes.c_int, [vp, u32, ctypes.POINTER(TensorStruct)]),
        "ztflm_output": (ctypes.c_int, [vp, u32, ctypes.POINTER(TensorStruct)]),
        "ztflm_tensor": (ctypes.c_int, [vp, u32, ctypes.POINTER(TensorStruct)]),
        "ztflm_tensor_name": (ctypes.c_char_p, [vp, u32]),
        "ztflm_node_kernel": (ctypes.c_char_p, [vp, u32]),
        "ztflm_node_custom_name": (ctypes.c_char_p, [vp, u32]),
        "ztflm_zero_point": (i32, [vp, u32, u32]),
        "ztflm_node": (
            ctypes.c_int,
            [vp, u32, ctypes.POINTER(i32), ctypes.POINTER(ctypes.POINTER(i32)),
             ctypes.POINTER(i32), ctypes.POINTER(ctypes.POINTER(i32)), ctypes.POINTER(i32)],
        ),
        "ztflm_head_bytes": (u32, [vp]),
        "ztflm_tail_bytes": (u32, [vp]),
        "ztflm_last_error": (ctypes.POINTER(ErrorStruct), [vp]),
        "ztflm_builtin_name": (ctypes.c_char_p, [i32]),
        "ztflm_type_name": (ctypes.c_char_p, [ctypes.c_uint8]),
        "ztflm_type_size": (u32, [ctypes.c_uint8]),
    }
    # Only in a runtime built for more than one subgraph (ZTFLM_SUBGRAPHS > 1).
    optional = {
        "ztflm_subgraphs_count": (u32, [vp]),
        "ztflm_view_subgraph": (ctypes.c_int, [vp, u32]),
    }
    sigs.update({k: v for k, v in optional.items() if hasattr(lib, k)})
    for name, (restype, argtypes) in sigs.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes


@lru_cache(maxsize=1)
def lib() -> ctypes.CDLL:
    """The loaded runtime, with its struct sizes checked against the bindings above."""
    path = _library_path()
    if not os.environ.get("ZTFLM_LIB"):
        _warn_if_stale(path)
    try:
        handle = ctypes.CDLL(str(path))
        _declare(handle)
    except (OSError, AttributeError) as e:
        raise Error(f"cannot load the C runtime library {path}: {e}") from None
    for which, struct in ((1, ArenaStruct), (2, TensorStruct), (3, ErrorStruct)):
        if handle.zpy_sizeof(which) != ctypes.sizeof(struct):
            raise Error(f"{struct.__name__} does not match the C runtime library {path}")
    return handle


def sizeof_interpreter() -> int:
    return int(lib().zpy_sizeof(0))


def max_size() -> int:
    """The largest model and arena the runtime accepts, in bytes."""
    return int(lib().zpy_max_size())


def all_ops_resolver() -> int:
    """Address of ztflm_all_ops_resolver in the runtime."""
    return ctypes.addressof(ctypes.c_char.in_dll(lib(), "ztflm_all_ops_resolver"))


def builtin_name(code: int) -> str:
    return lib().ztflm_builtin_name(code).decode()


def type_name(code: int) -> str:
    return lib().ztflm_type_name(code).decode()


@cache
def type_codes() -> dict[str, int]:
    """TensorType code of each type name the runtime prints (type_name's inverse)."""
    codes: dict[str, int] = {}
    for code in range(32):
        codes.setdefault(type_name(code), code)
    return codes


def kernel_table() -> dict[str, str]:
    """BUILTIN_NAME -> kernel name of every kernel built into the runtime (kernels.h)."""
    get = lib().zpy_kernel_name
    return {get(i, 0).decode(): get(i, 1).decode() for i in range(lib().zpy_kernel_count())}


CUSTOM_CODE = 32  # BuiltinOperator CUSTOM


@dataclass(frozen=True)
class Variant:
    """One compute variant of an operator in this build: its name and the types it runs."""
    name: str
    input_type: str | None  # None: any type
    output_type: str | None


@dataclass(frozen=True)
class OpInfo:
    """What an operator's descriptor (kernels.h, struct ztflm_op) states."""
    name: str         # BUILTIN_NAME, or the custom operator's name
    op_name: str      # the descriptor is ztflm_op_<op_name>
    builtin: int
    options: int      # BuiltinOptions tag it reads, 0 for none
    inputs: tuple[int, int]
    outputs: tuple[int, int]
    optional: int     # bit i: input i may be absent
    same_type: int    # bits 0-23 inputs, 24-31 outputs
    quantized: int
    variants: tuple[Variant, ...]


def custom_op_names() -> set[str]:
    """Names of the custom operators of this build's op table."""
    return {op.name for op in op_table() if op.builtin == CUSTOM_CODE}


def _type_or_any(code: int) -> str | None:
    return None if code == 0xFF else type_name(code)


def op_table() -> list[OpInfo]:
    """Every operator of this build, from the descriptors themselves."""
    ops = []
    for i in range(lib().zpy_kernel_count()):
        info = (ctypes.c_int64 * 10)()
        lib().zpy_op_info(i, info)
        variants = []
        for v in range(info[6]):
            t, o = ctypes.c_uint8(), ctypes.c_uint8()
            name = lib().zpy_op_variant(i, v, ctypes.byref(t), ctypes.byref(o))
            variants.append(Variant(name.decode() if name else "", _type_or_any(t.value),
                                    _type_or_any(o.value)))
        ops.append(OpInfo(lib().zpy_kernel_name(i, 0).decode(),
                          lib().zpy_kernel_name(i, 1).decode(), int(info[0]), int(info[1]),
                          (int(info[2]), int(info[3])), (int(info[4]), int(info[5])),
                          int(info[7]), int(info[8]), int(info[9]), tuple(variants)))
    return ops
