"""The sources a speed build compiles for size (zephyr_module/cmake/ztflm_sources.cmake): the
runtime core but its invoke path, and the operators' shared prepare code. The invoke path may
call into them only to load a model, report an error or size a type."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULE = ROOT / "zephyr_module"
INVOKE_PATH = {"interpreter.c", "context.c", "model.c", "subgraph.c"}
# What the invoke path's files call in the size sources, each outside an invoke's loop:
# ztflm_init's steps, the error reports, and the tensor views prepare and the API read.
COLD_CALLS = {
    "ztflm_verify", "ztflm_locate", "ztflm_resolve_model", "ztflm_tail_alloc", "ztflm_undo",
    "ztflm_arena_used", "ztflm_error_set", "ztflm_error_setv", "ztflm_error_code",
    "ztflm_type_bytes", "ztflm_type_name",
}


def listing(*args: str) -> dict[str, list[str]]:
    out = subprocess.run(["cmake", *args, "-P", str(MODULE / "cmake" / "ztflm_list.cmake")],
                         capture_output=True, text=True, check=True).stdout
    items: dict[str, list[str]] = {}
    for line in out.splitlines():
        kind, _, value = line.partition(" ")
        items.setdefault(kind, []).append(value)
    return items


def test_size_sources_are_the_core_but_its_invoke_path_and_the_shared_prepare() -> None:
    items = listing("-DPORT=baremetal", "-DOVERLAY=arm_mve")
    size = {Path(p) for p in items["size_source"]}
    assert size <= {Path(p) for p in items["source"]}
    assert items["size_flag"] == ["-Os"]
    core = {p for p in (MODULE / "src").glob("*.c")}
    assert {p.name for p in core - size} == INVOKE_PATH
    assert {p.relative_to(MODULE).as_posix() for p in size - core} == {
        "kernels/common/quant.c", "kernels/ops/conv_common.c"}


@pytest.mark.skipif(subprocess.run(["which", "gcc"], capture_output=True).returncode != 0,
                    reason="needs gcc")
def test_the_invoke_path_calls_the_size_sources_only_outside_invoke(tmp_path: Path) -> None:
    """Compiled on the host: the symbols the invoke path's objects leave undefined and the
    size sources define are init steps, error reports and type sizes; a hot helper moved
    into a size source fails here."""
    size = listing("-DPORT=none")["size_source"]
    flags = ["-std=c11", "-O2", "-c", f"-I{MODULE / 'include'}", f"-I{MODULE / 'kernels'}",
             f"-I{MODULE / 'src'}"]

    def symbols(sources: list[Path], what: str) -> set[str]:
        names: set[str] = set()
        for k, src in enumerate(sources):
            obj = tmp_path / f"{what}{k}.o"
            subprocess.run(["gcc", *flags, str(src), "-o", str(obj)], check=True)
            opt = ["-u"] if what == "u" else ["--defined-only"]
            out = subprocess.run(["nm", *opt, str(obj)], capture_output=True, text=True,
                                 check=True).stdout
            for line in out.splitlines():
                parts = line.split()
                if what == "u" or (len(parts) == 3 and parts[1] in "TDRB"):
                    names.add(parts[-1])
        return names

    called = symbols([MODULE / "src" / name for name in sorted(INVOKE_PATH)], "u")
    defined = symbols([Path(p) for p in size], "d")
    assert called & defined == COLD_CALLS
