"""`ztflm info`, `ztflm arena` and `ztflm convert`: numbers from the runtime, one-line errors, and
generated C that builds for the host and Cortex-M4 and runs bit-exact with TFLM in its arena."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from shared_models import LARGE, SUPPORTED, UNSUPPORTED_MODEL, UNSUPPORTED_OP

from modelbuilder import ModelBuilder
from oracle import run_tflm
from ztflm import Interpreter, _lib
from ztflm.compare import random_input

pytestmark = pytest.mark.nosan  # the CLI and compilers run in subprocesses

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT.parent / "shared" / "models"
RUNTIME = ROOT / "zephyr_module"
INCLUDES = [f"-I{RUNTIME / 'include'}", f"-I{RUNTIME / 'kernels'}"]
HOST_SOURCES = sorted(
    p for d in ("src", "kernels/common", "kernels/ops", "kernels/reference", "port/host")
    for p in (RUNTIME / d).glob("*.c"))
CFLAGS = ["-std=c11", "-Wall", "-Wextra", "-Werror", "-O1", "-ffp-contract=off"]
# The large MobileNetV2's generated C (20 MB of source) is compiled and run on every QEMU core.
C_MODELS = [m for m in SUPPORTED if m not in LARGE]


def model_path(stem: str) -> Path:
    path = MODELS / f"{stem}.tflite"
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path


def ztflm(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ztflm", *args], capture_output=True, text=True)


def ok(*args: str) -> str:
    r = ztflm(*args)
    assert r.returncode == 0, r.stderr
    return r.stdout


def one_line_error(r: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert r.returncode == 2, r.stdout + r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("ztflm: error:")
    for needle in needles:
        assert needle in lines[0]


# ---- info -----------------------------------------------------------------------------------

@pytest.mark.parametrize("stem", ["mlperf_kws_dscnn_int8", "tflm_hello_world_float",
                                  "mlperf_ic_resnet8_int8"])
def test_info_reports_what_the_runtime_reports(stem: str) -> None:
    path = model_path(stem)
    ip = Interpreter.from_file(path)
    out = ok("info", str(path))
    assert f"arena: {ip.arena_used_bytes()} bytes (head {ip.arena_head_bytes()}, " \
           f"tail {ip.arena_tail_bytes()})" in out
    assert f"operators: {ip.num_nodes()}\n" in out
    counts: dict[str, int] = {}
    for n in range(ip.num_nodes()):
        op = _lib.builtin_name(ip.get_node(n)[0])
        counts[op] = counts.get(op, 0) + 1
    for op, n in counts.items():
        assert re.search(rf"^  {op}: {n}\b", out, re.M), op
    storage = [ip.get_tensor_storage(i) for i in range(ip.num_tensors())]
    const = sum(s["bytes"] for s in storage if s["is_const"])
    assert f"tensors: {ip.num_tensors()} ({sum(s['is_const'] for s in storage)} constant)" in out
    assert f"constant bytes: {const}\n" in out
    d = ip.get_input_details(0)
    assert f"input 0: tensor {d['index']} {storage[d['index']]['type'].lower()}" \
           f"{d['shape'].tolist()}" in out
    assert "unsupported: none" in out


def test_info_macs_are_output_elements_times_filter_reach() -> None:
    path = model_path("mlperf_kws_dscnn_int8")
    ip = Interpreter.from_file(path)
    expected = 0
    for n in range(ip.num_nodes()):
        code, ins, outs = ip.get_node(n)
        op = _lib.builtin_name(code)
        out = int(np.prod(ip.get_tensor_details(outs[0])["shape"]))
        filt = ip.get_tensor_details(ins[1])["shape"].tolist() if len(ins) > 1 else []
        if op == "CONV_2D":
            expected += out * int(np.prod(filt[1:]))
        elif op == "DEPTHWISE_CONV_2D":
            expected += out * filt[1] * filt[2]
        elif op == "FULLY_CONNECTED":
            expected += out * filt[-1]
    out_text = ok("info", str(path))
    assert f"MACs: {expected}\n" in out_text
    per_op = [int(m) for m in re.findall(r", (\d+) MACs", out_text)]
    assert sum(per_op) == expected > 0


def test_info_lists_tensors_and_nodes_on_request() -> None:
    path = model_path("tflm_hello_world_int8")
    ip = Interpreter.from_file(path)
    out = ok("info", str(path), "--tensors", "--nodes")
    for n in range(ip.num_nodes()):
        _, ins, outs = ip.get_node(n)
        assert f"in {ins} out {outs}" in out
    assert len(re.findall(r"^\s+\d+\s+(const|activation|variable)\s", out, re.M)) \
        == ip.num_tensors()


def test_info_on_an_unsupported_model_prints_its_operators_then_the_error() -> None:
    r = ztflm("info", str(UNSUPPORTED_MODEL))
    one_line_error(r, UNSUPPORTED_OP, "node 0")
    assert f"{UNSUPPORTED_OP} (1)" in r.stdout
    assert f"unsupported: {UNSUPPORTED_OP}" in r.stdout


# ---- arena ----------------------------------------------------------------------------------

def test_arena_prints_the_exact_arena_and_tflm_ratio() -> None:
    path = model_path("mlperf_kws_dscnn_int8")
    ip = Interpreter.from_file(path)
    out = ok("arena", str(path))
    total = ip.arena_used_bytes()
    assert f"arena: {total} bytes (head {ip.arena_head_bytes()}, " \
           f"tail {ip.arena_tail_bytes()})" in out
    m = re.search(r"TFLM arena: (\d+) bytes \(ztflm/TFLM = ([0-9.]+)\)", out)
    assert m, out
    assert float(m.group(2)) == pytest.approx(total / int(m.group(1)), abs=1e-3)


def test_arena_kconfig_is_the_exact_size() -> None:
    path = model_path("tflm_hello_world_int8")
    out = ok("arena", str(path), "--kconfig")
    assert out == (f"# west tflm-arena --kconfig: {path.name} with the reference kernels\n"
                   f"CONFIG_ZTFLM_ARENA_SIZE={Interpreter.from_file(path).arena_used_bytes()}\n"
                   "CONFIG_ZTFLM_KERNELS_REFERENCE=y\n")


def plan_rows(out: str) -> list[tuple[int, int, int, int, int]]:
    return [tuple(int(x) for x in m.groups())  # type: ignore[misc]
            for m in re.finditer(r"^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)  ", out, re.M)]


@pytest.mark.parametrize("stem", ["mlperf_kws_dscnn_int8", "mlperf_ic_resnet8_int8"])
def test_arena_plan_is_the_runtime_placement(stem: str, tmp_path: Path) -> None:
    path = model_path(stem)
    ip = Interpreter.from_file(path)
    svg = tmp_path / "plan.svg"
    out = ok("arena", str(path), "--plan", "--svg", str(svg), "--no-tflm")
    rows = plan_rows(out)
    placed = {i for i in range(ip.num_tensors()) if ip.tensor_arena_offset(i) is not None
              and ip.get_tensor_storage(i)["bytes"]}
    assert {r[0] for r in rows} == placed
    for tensor, offset, size, first, last in rows:
        assert offset == ip.tensor_arena_offset(tensor)
        assert size == ip.get_tensor_storage(tensor)["bytes"]
        assert 0 <= first <= last < ip.num_nodes()
        assert offset + size <= ip.arena_used_bytes()
    # Tensors that share bytes are never alive at the same op, but for an in-place alias
    # (RESHAPE: same bytes, handed over at one op).
    for a in rows:
        for b in rows:
            if a < b and a[1] < b[1] + b[2] and b[1] < a[1] + a[2] \
                    and a[1] + a[2] <= ip.arena_head_bytes():
                alias = a[1:3] == b[1:3] and (a[4] == b[3] or b[4] == a[3])
                assert alias or a[4] < b[3] or b[4] < a[3], (a, b)
    rects = [e for e in ET.parse(svg).getroot().iter() if e.tag.endswith("rect")]
    assert len(rects) == len(rows) + 1  # one per tensor plus the frame


# ---- errors ---------------------------------------------------------------------------------

@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    b = ModelBuilder()
    x = b.input([1, 4], np.float32)
    y = b.tensor([1, 4], np.float32)
    b.op("RELU6", [x], [y])
    b.output(y)
    path = tmp_path / "relu6.tflite"
    path.write_bytes(b.build())
    return path


COMMANDS = [("info",), ("arena",), ("convert", "-o", "OUT")]


def _cmd(cmd: tuple[str, ...], model: Path, tmp_path: Path) -> list[str]:
    return [cmd[0], str(model), *(str(tmp_path / "out") if a == "OUT" else a for a in cmd[1:])]


@pytest.mark.parametrize("cmd", COMMANDS)
def test_missing_file_is_one_line_status_2(cmd: tuple[str, ...], tmp_path: Path) -> None:
    one_line_error(ztflm(*_cmd(cmd, tmp_path / "missing.tflite", tmp_path)), "cannot read model")


@pytest.mark.parametrize("cmd", COMMANDS)
def test_not_a_flatbuffer_is_one_line_status_2(cmd: tuple[str, ...], tmp_path: Path) -> None:
    path = tmp_path / "junk.tflite"
    path.write_bytes(b"\x01\x02\x03 definitely not a model" * 4)
    one_line_error(ztflm(*_cmd(cmd, path, tmp_path)), "model:")


@pytest.mark.parametrize("cmd", COMMANDS)
def test_truncated_model_is_one_line_status_2(cmd: tuple[str, ...], tiny: Path,
                                              tmp_path: Path) -> None:
    path = tmp_path / "cut.tflite"
    path.write_bytes(tiny.read_bytes()[:100])
    one_line_error(ztflm(*_cmd(cmd, path, tmp_path)), "model:")


@pytest.mark.parametrize("cmd", COMMANDS)
def test_unsupported_op_is_one_line_status_2_naming_op_and_node(cmd: tuple[str, ...],
                                                                tmp_path: Path) -> None:
    r = ztflm(*_cmd(cmd, UNSUPPORTED_MODEL, tmp_path))
    one_line_error(r, UNSUPPORTED_OP, "at node 0")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("cmd", COMMANDS)
def test_bad_flag_is_one_line_status_2(cmd: tuple[str, ...], tiny: Path, tmp_path: Path) -> None:
    one_line_error(ztflm(*_cmd(cmd, tiny, tmp_path), "--no-such-flag"), "unrecognized arguments")


def test_convert_refuses_a_name_that_is_not_a_c_identifier(tiny: Path, tmp_path: Path) -> None:
    one_line_error(ztflm("convert", str(tiny), "-o", str(tmp_path), "--name", "9-lives"),
                   "not a C identifier")


# ---- convert: the generated C ---------------------------------------------------------------

MAIN_C = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ztflm/ztflm.h>
#include "@NAME@.h"

static uint8_t arena_buf[@NAME@_ARENA_SIZE] __attribute__((aligned(16)));

int main(int argc, char **argv)
{
	struct ztflm_arena arena;
	struct ztflm_interpreter ip;
	struct ztflm_tensor t;
	FILE *f;

	if (argc != 3 || !(f = fopen(argv[1], "rb"))) {
		return 3;
	}
	/* argv[2]: bytes to hold back from the generated arena size */
	ztflm_arena_init(&arena, arena_buf, sizeof(arena_buf) - (size_t)atoi(argv[2]));
	if (ztflm_init(&ip, @NAME@_model, @NAME@_model_len, &@NAME@_resolver, &arena) ||
		ztflm_allocate(&ip)) {
		fprintf(stderr, "%s\n", ztflm_last_error(&ip)->message);
		return 1;
	}
	for (uint32_t i = 0; i < @NAME@_INPUTS_COUNT; i++) {
		if (ztflm_input(&ip, i, &t) || fread(t.data, 1, t.bytes, f) != t.bytes) {
			return 4;
		}
	}
	fclose(f);
	if (ztflm_invoke(&ip)) {
		fprintf(stderr, "%s\n", ztflm_last_error(&ip)->message);
		return 1;
	}
	printf("arena %u of %u\n", (unsigned)ztflm_arena_used(&arena), @NAME@_ARENA_SIZE);
	for (uint32_t i = 0; i < @NAME@_OUTPUTS_COUNT; i++) {
		ztflm_output(&ip, i, &t);
		printf("output %u ", (unsigned)i);
		for (uint32_t k = 0; k < t.bytes; k++) {
			printf("%02x", ((const uint8_t *)t.data)[k]);
		}
		printf("\n");
	}
	return 0;
}
"""


@pytest.fixture(scope="module")
def runtime_objects(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The runtime sources compiled once with the test's warning flags."""
    out = tmp_path_factory.mktemp("runtime")
    objs = []
    for k, src in enumerate(HOST_SOURCES):
        obj = out / f"{k}_{src.stem}.o"
        objs.append(obj)
    procs = [subprocess.Popen(["gcc", *CFLAGS, *INCLUDES, "-c", str(s), "-o", str(o)],
                              stderr=subprocess.PIPE, text=True)
             for s, o in zip(HOST_SOURCES, objs)]
    for p in procs:
        _, err = p.communicate()
        assert p.returncode == 0, err
    return objs


def test_convert_writes_a_resolver_with_exactly_the_models_ops(tmp_path: Path) -> None:
    path = model_path("mlperf_kws_dscnn_int8")
    out = ok("convert", str(path), "-o", str(tmp_path), "--name", "kws")
    assert "wrote" in out
    c_text = (tmp_path / "kws.c").read_text()
    h_text = (tmp_path / "kws.h").read_text()
    ip = Interpreter.from_file(path)
    ops = sorted({_lib.builtin_name(ip.get_node(n)[0]) for n in range(ip.num_nodes())})
    assert re.findall(r"ZTFLM_REGISTER\((\w+), (\w+)\)", c_text) == [(op, op.lower())
                                                                    for op in ops]
    assert f"#define kws_ARENA_SIZE {ip.arena_used_bytes()}u" in h_text
    assert f"const uint32_t kws_model_len = {path.stat().st_size}u;" in c_text
    assert "const uint8_t kws_model[] __attribute__((aligned(16)))" in c_text
    assert "#define kws_INPUT0_DIMS {1, 49, 10, 1}" in h_text
    assert "#define kws_INPUT0_ZERO_POINT 83" in h_text


def test_convert_registers_custom_operators_by_name(tmp_path: Path) -> None:
    path = model_path("tflm_audio_preprocessor_int8")
    ok("convert", str(path), "-o", str(tmp_path), "--name", "pre")
    c_text = (tmp_path / "pre.c").read_text()
    ip = Interpreter.from_file(path)
    custom = sorted({ip.get_node_custom_name(n) for n in range(ip.num_nodes())} - {""})
    assert len(custom) == 9 and "SignalFilterBankSpectralSubtraction" in custom
    kernels = _lib.kernel_table()
    assert re.findall(r'ZTFLM_REGISTER_CUSTOM\("(\w+)", (\w+)\)', c_text) == [
        (op, kernels[op]) for op in custom]
    assert ip.get_node_custom_name(1) == ""  # RESHAPE
    assert "  SignalPCAN: 1" in ok("info", str(path))


def test_convert_default_name_is_the_model_stem(tmp_path: Path) -> None:
    ok("convert", str(model_path("tflm_hello_world_int8")), "-o", str(tmp_path))
    assert (tmp_path / "tflm_hello_world_int8.c").exists()
    assert (tmp_path / "tflm_hello_world_int8.h").exists()


@pytest.mark.parametrize("stem", C_MODELS)
def test_generated_c_runs_bit_exact_with_tflm_in_its_arena(
        stem: str, tmp_path: Path, runtime_objects: list[Path]) -> None:
    path = model_path(stem)
    name = "m"
    ok("convert", str(path), "-o", str(tmp_path), "--name", name)
    main = tmp_path / "main.c"
    main.write_text(MAIN_C.replace("@NAME@", name))
    exe = tmp_path / "prog"
    r = subprocess.run(["gcc", *CFLAGS, *INCLUDES, f"-I{tmp_path}", str(main),
                        str(tmp_path / f"{name}.c"), *map(str, runtime_objects), "-lm",
                        "-o", str(exe)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr

    ip = Interpreter.from_file(path)
    rng = np.random.default_rng(7)
    inputs = [random_input(ip.get_input_details(i), rng) for i in range(ip.num_inputs())]
    data = tmp_path / "inputs.bin"
    data.write_bytes(b"".join(np.ascontiguousarray(x).tobytes() for x in inputs))
    r = subprocess.run([str(exe), str(data), "0"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    used = ip.arena_used_bytes()
    assert lines[0] == f"arena {used} of {used}"
    short = subprocess.run([str(exe), str(data), "1"], capture_output=True, text=True)
    assert short.returncode == 1
    assert "arena" in short.stderr and str(used) in short.stderr, short.stderr
    theirs = run_tflm(path.read_bytes(), inputs)
    assert len(lines) - 1 == len(theirs)
    for k, y in enumerate(theirs):
        assert lines[1 + k] == f"output {k} {np.ascontiguousarray(y).tobytes().hex()}"


@pytest.mark.skipif(not shutil.which("arm-none-eabi-gcc"), reason="no arm-none-eabi-gcc")
@pytest.mark.parametrize("stem", C_MODELS)
def test_generated_c_compiles_for_cortex_m4(stem: str, tmp_path: Path) -> None:
    ok("convert", str(model_path(stem)), "-o", str(tmp_path), "--name", "m")
    r = subprocess.run(["arm-none-eabi-gcc", "-mcpu=cortex-m4", "-mthumb", "-std=c11", "-Wall",
                        "-Wextra", "-Werror", *INCLUDES, "-c", str(tmp_path / "m.c"),
                        "-o", str(tmp_path / "m.o")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def array_bytes(c_source: str, name: str) -> bytes:
    """The bytes of the model array a generated .c file holds."""
    body = c_source.split(f"const uint8_t {name}_model[]", 1)[1].split("};", 1)[0]
    return bytes(int(x, 16) for x in re.findall(r"0x([0-9a-f]{2})", body))


@pytest.mark.parametrize("stem", ["mlperf_kws_dscnn_int8", "tflm_hello_world_float"])
def test_convert_embed_plan_runs_in_tflm_bit_exact_with_the_same_arena(
        stem: str, tmp_path: Path) -> None:
    ok("convert", str(model_path(stem)), "-o", str(tmp_path), "--name", "m", "--embed-plan")
    planned = array_bytes((tmp_path / "m.c").read_text(), "m")
    assert b"OfflineMemoryAllocation" in planned
    original = Interpreter.from_file(model_path(stem))
    ours = Interpreter.from_bytes(planned)
    assert ours.arena_used_bytes() == original.arena_used_bytes()
    for t in range(ours.num_tensors()):
        assert ours.tensor_arena_offset(t) == original.tensor_arena_offset(t)
    rng = np.random.default_rng(11)
    for _ in range(3):
        inputs = [random_input(ours.get_input_details(i), rng) for i in range(ours.num_inputs())]
        for i, x in enumerate(inputs):
            ours.set_input(x, i)
        ours.invoke()
        expected = run_tflm(planned, inputs)
        for k, y in enumerate(expected):
            assert ours.get_output(k).tobytes() == y.tobytes()


# ---- convert: ISO C11 whatever the model and the name (issue 11, point 8) ---------------------

PEDANTIC = ["-std=c11", "-pedantic", "-Werror", "-Wall", "-Wextra"]
RUNTIME_HEADERS = sorted(p.name for p in (RUNTIME / "include" / "ztflm").glob("*.h"))


def uses_of(header: str, name: str) -> str:
    """A C file that includes the generated header, then every runtime header, and uses each
    macro the header defines (an array for each DIMS, a string for a quoted value, a constant
    for the rest)."""
    lines = [f'#include "{name}.h"', *(f"#include <ztflm/{h}>" for h in RUNTIME_HEADERS), ""]
    for k, (macro, value) in enumerate(re.findall(r"^#define (\w+) (.*)$", header, re.M)):
        if macro.endswith("_DIMS"):
            lines.append(f"const int32_t use_{k}[] = {macro};")
        elif value.startswith('"'):
            lines.append(f"const char *const use_{k} = {macro};")
        elif not macro.endswith("_H_"):
            lines.append(f"const double use_{k} = (double)({macro});")
    lines += ["extern const struct ztflm_op_resolver *use_resolver;",
              f"const struct ztflm_op_resolver *use_resolver = &{name}_resolver;", ""]
    return "\n".join(lines)


def build_pedantic(folder: Path, header: str, runtime_objects: list[Path]) -> Path:
    """The program of MAIN_C around the converted model m in folder, with a file using every
    macro of its header, built -std=c11 -pedantic -Werror."""
    (folder / "uses.c").write_text(uses_of(header, "m"))
    (folder / "main.c").write_text(MAIN_C.replace("@NAME@", "m"))
    exe = folder / "prog"
    r = subprocess.run(["gcc", *PEDANTIC, "-O1", *INCLUDES, f"-I{folder}",
                        *(str(folder / f) for f in ("m.c", "uses.c", "main.c")),
                        *map(str, runtime_objects), "-lm", "-o", str(exe)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return exe


def odd_model(case: str) -> bytes:
    b = ModelBuilder()
    if case == "rank-0":
        x = b.input([], np.float32)
        y = b.tensor([], np.float32)
        b.op("RELU", [x], [y])
    else:  # RESHAPE reads no scale: the runtime runs it with NaN and infinite ones
        x = b.input([1, 4], np.int8, scale=float("nan"), zero_point=1)
        y = b.tensor([4], np.int8, scale=float("inf" if case == "inf-scale" else "-inf"),
                     zero_point=-2)
        b.op("RESHAPE", [x, b.const(np.array([4], np.int32))], [y])
    b.output(y)
    return b.build()


@pytest.mark.parametrize("case", ["nan-inf-scale", "nan-minus-inf-scale", "rank-0"])
def test_generated_c_is_iso_c11_and_runs_for_odd_models(
        case: str, tmp_path: Path, runtime_objects: list[Path]) -> None:
    path = tmp_path / f"{case}.tflite"
    path.write_bytes(odd_model(case.replace("nan-", "")))
    ok("convert", str(path), "-o", str(tmp_path), "--name", "m")
    header = (tmp_path / "m.h").read_text()
    if case == "rank-0":
        assert "#define m_INPUT0_DIMS_COUNT 0" in header and "m_INPUT0_DIMS {" not in header
    else:
        assert "#define m_INPUT0_SCALE NAN" in header and "#include <math.h>" in header
        inf = "INFINITY" if case == "nan-inf-scale" else "(-INFINITY)"
        assert f"#define m_OUTPUT0_SCALE {inf}\n" in header
    exe = build_pedantic(tmp_path, header, runtime_objects)
    ip = Interpreter.from_file(path)
    x = random_input(ip.get_input_details(0), np.random.default_rng(3))
    (tmp_path / "x.bin").write_bytes(x.tobytes())
    r = subprocess.run([str(exe), str(tmp_path / "x.bin"), "0"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    expected = run_tflm(path.read_bytes(), [x])[0]
    assert r.stdout.splitlines()[1] == f"output 0 {expected.tobytes().hex()}"


def test_info_and_the_header_name_bool_int32_and_int64_inputs_and_outputs(
        tmp_path: Path, runtime_objects: list[Path]) -> None:
    """Issue 13's tensor types through info and convert: every input's and output's type,
    shape and bytes in the header, which builds -pedantic and runs bit-exact with TFLM."""
    from typed_models import INPUTS, OUTPUTS, typed_model

    path = tmp_path / "typed.tflite"
    path.write_bytes(typed_model())
    info = ok("info", str(path)).splitlines()
    assert info[1:8] == [
        "input 0: tensor 0 int32[2, 3]", "input 1: tensor 1 bool[2, 3]",
        "input 2: tensor 2 int64[2]", "output 0: tensor 3 bool[2, 3]",
        "output 1: tensor 4 int64[2, 2]", "output 2: tensor 5 int32[2]",
        "output 3: tensor 6 bool[2, 3]"]
    ok("convert", str(path), "-o", str(tmp_path), "--name", "m")
    header = (tmp_path / "m.h").read_text()
    for kind, tensors in (("INPUT", INPUTS), ("OUTPUT", OUTPUTS)):
        assert f"#define m_{kind}S_COUNT {len(tensors)}" in header
        for k, (_, dtype, shape) in enumerate(tensors):
            t = np.dtype(dtype)
            assert f"#define m_{kind}{k}_TYPE ZTFLM_{t.name.upper()}\n" in header
            assert f"#define m_{kind}{k}_DIMS {{{', '.join(map(str, shape))}}}\n" in header
            assert f"#define m_{kind}{k}_BYTES {int(np.prod(shape)) * t.itemsize}u\n" in header
    exe = build_pedantic(tmp_path, header, runtime_objects)
    rng = np.random.default_rng(4)
    xs = [rng.integers(-2, 2, [2, 3]).astype(np.int32), rng.integers(0, 2, [2, 3]) == 1,
          rng.integers(-2**63, 2**63 - 1, [2], dtype=np.int64)]
    (tmp_path / "x.bin").write_bytes(b"".join(x.tobytes() for x in xs))
    r = subprocess.run([str(exe), str(tmp_path / "x.bin"), "0"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[1:] == [f"output {k} {y.tobytes().hex()}"
                                         for k, y in enumerate(run_tflm(typed_model(), xs))]


@pytest.mark.parametrize("name", ["types", "ztflm_model", "int", "KWS", "kws"])
def test_generated_header_guard_is_no_runtime_headers(name: str, tiny: Path,
                                                      tmp_path: Path) -> None:
    guards = {m for h in RUNTIME_HEADERS for m in
              re.findall(r"^#ifndef (\w+_H_)$", (RUNTIME / "include" / "ztflm" / h).read_text(),
                         re.M)}
    if name.lower().startswith("ztflm"):
        one_line_error(ztflm("convert", str(tiny), "-o", str(tmp_path), "--name", name),
                       "ztflm_ names belong to the runtime")
        return
    ok("convert", str(tiny), "-o", str(tmp_path), "--name", name)
    header = (tmp_path / f"{name}.h").read_text()
    guard = re.search(r"^#ifndef (\w+)$", header, re.M)
    assert guard and guard.group(1) not in guards
    (tmp_path / "uses.c").write_text(uses_of(header, name))
    r = subprocess.run(["gcc", *PEDANTIC, *INCLUDES, f"-I{tmp_path}", "-c",
                        str(tmp_path / f"{name}.c"), str(tmp_path / "uses.c")],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("name,needle", [
    ("", "is not a C identifier"),
    ("_kws", "is not a C identifier"),
    ("9lives", "is not a C identifier"),
    ("ztflm_types", "ztflm_ names belong to the runtime"),
    ("ZTFLM_TYPES", "ztflm_ names belong to the runtime"),
    ("ztflm", "ztflm_ names belong to the runtime"),
    ("a\nb", "'a\\nb' is not a C identifier"),
])
def test_convert_refuses_a_name_it_cannot_use(name: str, needle: str, tiny: Path,
                                             tmp_path: Path) -> None:
    out = tmp_path / "out"
    one_line_error(ztflm("convert", str(tiny), "-o", str(out), "--name", name), "--name",
                   needle)
    assert not out.exists()


def test_a_model_file_named_like_a_runtime_header_needs_a_name(tiny: Path,
                                                               tmp_path: Path) -> None:
    model = tmp_path / "ztflm_types.tflite"
    model.write_bytes(tiny.read_bytes())
    out = tmp_path / "out"
    one_line_error(ztflm("convert", str(model), "-o", str(out)),
                   "'ztflm_types' (from the model's file name; give --name)",
                   "ztflm_ names belong to the runtime")
    assert not out.exists()
    ok("convert", str(model), "-o", str(out), "--name", "types_model")


def test_a_model_file_with_a_hostile_name_gives_a_clean_comment(tiny: Path,
                                                                tmp_path: Path) -> None:
    """The file name goes into a comment: no "*/", no trigraph, no line splice survives."""
    model = tmp_path / "m*/??/\\\n*.tflite".replace("/", "_")
    model.write_bytes(tiny.read_bytes())
    ok("convert", str(model), "-o", str(tmp_path), "--name", "m")
    for f in ("m.c", "m.h"):
        first = (tmp_path / f).read_text().splitlines()[0]
        assert first.startswith("/* Generated by `ztflm convert` from m") and \
            first.endswith("; do not edit. */") and first.count("*/") == 1, first
        assert "??" not in first
    (tmp_path / "uses.c").write_text(uses_of((tmp_path / "m.h").read_text(), "m"))
    r = subprocess.run(["gcc", *PEDANTIC, "-Wtrigraphs", *INCLUDES, f"-I{tmp_path}", "-c",
                        str(tmp_path / "m.c"), str(tmp_path / "uses.c")],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
