"""ZTFLM_TYPES: a runtime built with only the tensor types a model uses (the NAME_TYPES mask
`ztflm convert` writes) runs that model bit-exact, links no other type's kernels, and refuses
a model of another type at allocate with one line naming the type."""
from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from test_tools import CFLAGS, HOST_SOURCES, INCLUDES, MAIN_C, RUNTIME, model_path, ok

from ztflm import Interpreter, _lib

RUNTIME_KERNELS = RUNTIME / "kernels"
INT8 = "tflm_hello_world_int8"
FLOAT = "tflm_hello_world_float"


def header_mask(header: Path, name: str) -> int:
    text = header.read_text()
    line = next(x for x in text.splitlines() if x.startswith(f"#define {name}_TYPES "))
    return int(line.split()[2].rstrip("u"), 16)


def model_mask(stem: str) -> int:
    ip = Interpreter.from_file(model_path(stem))
    codes = _lib.type_codes()
    return sum(1 << codes[t] for t in {ip.get_tensor_storage(i)["type"]
                                        for i in range(ip.num_tensors())})


@pytest.fixture(scope="module")
def int8_only(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The runtime compiled with only hello_world_int8's types: (objects folder, mask)."""
    out = tmp_path_factory.mktemp("types")
    ok("convert", str(model_path(INT8)), "-o", str(out), "--name", "m")
    mask = header_mask(out / "m.h", "m")
    flags = [*CFLAGS, *INCLUDES, f"-DZTFLM_TYPES={mask:#x}u", "-ffunction-sections",
             "-fdata-sections"]
    procs = [subprocess.Popen(["gcc", *flags, "-c", str(s), "-o", str(out / f"{k}.o")],
                              stderr=subprocess.PIPE, text=True)
             for k, s in enumerate(HOST_SOURCES)]
    for p in procs:
        _, err = p.communicate()
        assert p.returncode == 0, err
    return out, mask


def build(objs: Path, stem: str | Path, name: str, tmp_path: Path) -> Path:
    """A program of the runtime objects running a shared model (by name) or a model file."""
    ok("convert", str(stem if isinstance(stem, Path) else model_path(stem)), "-o",
       str(tmp_path), "--name", name)
    main = tmp_path / f"main_{name}.c"
    main.write_text(MAIN_C.replace("@NAME@", name))
    exe = tmp_path / f"prog_{name}"
    runtime = sorted(str(p) for p in objs.glob("[0-9]*.o"))
    r = subprocess.run(["gcc", *CFLAGS, *INCLUDES, f"-I{tmp_path}", str(main),
                        str(tmp_path / f"{name}.c"), *runtime, "-Wl,--gc-sections", "-lm",
                        "-o", str(exe)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return exe


@pytest.mark.parametrize("stem", [INT8, FLOAT, "mlperf_kws_dscnn_int8"])
def test_convert_writes_the_mask_of_the_models_tensor_types(stem: str, tmp_path: Path) -> None:
    ok("convert", str(model_path(stem)), "-o", str(tmp_path), "--name", "m")
    assert header_mask(tmp_path / "m.h", "m") == model_mask(stem)
    assert "BUILD_ASSERT((m_TYPES & ~(uint32_t)CONFIG_ZTFLM_TYPES) == 0," in (
        tmp_path / "m.c").read_text()


def test_hello_world_int8_mask_is_int8_and_int32() -> None:
    codes = _lib.type_codes()
    assert model_mask(INT8) == (1 << codes["INT8"]) | (1 << codes["INT32"])


def test_a_build_of_the_models_types_runs_it_bit_exact(int8_only: tuple[Path, int],
                                                       tmp_path: Path) -> None:
    exe = build(int8_only[0], INT8, "m", tmp_path)
    ip = Interpreter.from_file(model_path(INT8))
    x = np.arange(ip.get_input_details(0)["shape"].prod(), dtype=np.int8).reshape(
        ip.get_input_details(0)["shape"])
    (tmp_path / "in.bin").write_bytes(x.tobytes())
    r = subprocess.run([str(exe), str(tmp_path / "in.bin"), "0"], capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr
    ip.set_input(x, 0)
    ip.invoke()
    assert r.stdout.splitlines()[1] == f"output 0 {ip.get_output(0).tobytes().hex()}"
    # The float variant's file compiled to its descriptor entry alone: no code; the INT4
    # weights' code and SOFTMAX's int16 tables are not in the linked program.
    assert functions(int8_only[0], "fully_connected_f32.c") == []
    assert "ztflm_fully_connected_s8_reference" in functions(int8_only[0], "fully_connected_s8.c")
    linked = [line.split()[-1] for line in subprocess.run(
        ["nm", str(exe)], capture_output=True, text=True, check=True).stdout.splitlines()
        if line.split()[-2] in ("t", "T")]
    assert "ztflm_fully_connected_s8_reference" in linked
    assert not [f for f in linked if "_s4" in f or f == "ztflm_lut16_populate"], linked


def symbols(objs: Path, source: str, kinds: tuple[str, ...]) -> list[str]:
    """The symbols of those nm kinds in one runtime source's object (kernels/SOURCE)."""
    k = HOST_SOURCES.index(RUNTIME_KERNELS / source)
    out = subprocess.run(["nm", str(objs / f"{k}.o")], capture_output=True, text=True,
                         check=True).stdout
    return [line.split()[-1] for line in out.splitlines() if line.split()[-2] in kinds]


def functions(objs: Path, source: str) -> list[str]:
    """The functions (text symbols) of one reference kernel's object."""
    return symbols(objs, f"reference/{source}", ("t", "T"))


def test_softmax_without_int16_calls_none_of_its_int16_tables(
        int8_only: tuple[Path, int]) -> None:
    """SOFTMAX's int16 lookup tables are built in its prepare: not in an int8 build."""
    assert "ztflm_lut16_populate" not in symbols(int8_only[0], "ops/softmax.c", ("U",))


def test_int4_weights_without_int4_kernels_are_refused_not_read_as_int8(
        int8_only: tuple[Path, int], tmp_path: Path) -> None:
    """An int8 model with INT4 weights on a build without INT4: no int8 variant may read the
    packed weights, so allocate refuses the node in one line naming INT4."""
    from test_op_fully_connected import build as fc_model

    model = tmp_path / "fc_int4.tflite"
    model.write_bytes(fc_model([2, 16], 4, np.int8, weights="int4"))
    exe = build(int8_only[0], model, "q", tmp_path)
    (tmp_path / "in.bin").write_bytes(bytes(32))
    r = subprocess.run([str(exe), str(tmp_path / "in.bin"), "0"], capture_output=True,
                       text=True)
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1
    assert "INT4 filter kernels are not in this build (ZTFLM_TYPES)" in r.stderr, r.stderr
    # The same model on the full build runs (the host library has every type).
    ip = Interpreter.from_file(model)
    ip.invoke()


def test_a_model_of_a_type_left_out_is_refused_naming_it(int8_only: tuple[Path, int],
                                                         tmp_path: Path) -> None:
    exe = build(int8_only[0], FLOAT, "f", tmp_path)
    ip = Interpreter.from_file(model_path(FLOAT))
    x = np.zeros(ip.get_input_details(0)["shape"], np.float32)
    (tmp_path / "in.bin").write_bytes(x.tobytes())
    r = subprocess.run([str(exe), str(tmp_path / "in.bin"), "0"], capture_output=True,
                       text=True)
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1
    assert "FLOAT32 kernels are not in this build (ZTFLM_TYPES)" in r.stderr, r.stderr


def test_every_int4_weights_variant_is_built_only_with_int4() -> None:
    """A variant for INT4 weights (id *_s4_*) in any overlay is declared with
    ZTFLM_VARIANT_WEIGHTS(..., ZTFLM_INT4, ...), so that a build without INT4 links none of
    its code (cmsis_nn's were plain ZTFLM_VARIANTs: CMSIS-NN's s4 kernels, 23 KB, linked into
    an int8 model's firmware)."""
    import re

    declared = {}
    for source in sorted(RUNTIME_KERNELS.glob("*/*.c")):
        text = re.sub(r"\s+", " ", source.read_text())
        for macro, args in re.findall(r"\b(ZTFLM_VARIANT(?:_WEIGHTS)?)\(([^;]*)\);", text):
            name = args.split(",")[0].strip()
            if "_s4_" in name:
                declared[f"{source.parent.name}/{name}"] = (macro, args.split(",")[3].strip())
    assert {"reference/conv_2d_s4_ref", "cmsis_nn/conv_2d_s4_cmsis_nn"} <= set(declared)
    wrong = {k: v for k, v in declared.items() if v != ("ZTFLM_VARIANT_WEIGHTS", "ZTFLM_INT4")}
    assert not wrong, wrong
