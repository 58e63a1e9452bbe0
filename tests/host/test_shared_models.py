"""Every shared model the runtime supports: bit-exact with TFLM and an exact, smaller arena."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from shared_models import LARGE, MODELS, STATEFUL, SUPPORTED, UNSUPPORTED_MODEL, UNSUPPORTED_OP

import oracle
import ztflm


def model_path(name: str) -> Path:
    path = MODELS / f"{name}.tflite"
    if not path.exists():
        pytest.fail(f"shared model missing: {path}")
    return path


def test_every_shared_model_is_classified() -> None:
    found = {p.stem for p in MODELS.glob("*.tflite")}
    assert found == set(SUPPORTED)


def random_inputs(name: str) -> int:
    """20, except a large model on a sanitizer or overlay library (ZTFLM_LIB): those tiers
    look for memory errors and overlay arithmetic, and two inputs run every code path of it
    where twenty would take minutes under ASan (the plain tier runs all twenty)."""
    return 2 if os.environ.get("ZTFLM_LIB") and name in LARGE else 20


@pytest.mark.parametrize("name", SUPPORTED)
def test_shared_model_bit_exact_with_tflm_on_20_random_inputs(name: str) -> None:
    data = model_path(name).read_bytes()
    oracle.assert_bit_exact(data, n_random=random_inputs(name), seed=1234)


@pytest.mark.parametrize("name", STATEFUL)
def test_stateful_shared_model_bit_exact_across_20_invokes_then_after_reset(name: str) -> None:
    """20 random inputs back to back, reset, the same 20 again: the same order of invokes
    and resets on both sides, every output bit-exact."""
    oracle.assert_stream_bit_exact(model_path(name).read_bytes(), steps=20, seed=99)


@pytest.mark.parametrize("name", SUPPORTED)
def test_shared_model_runs_in_exact_arena_and_one_byte_less_fails(name: str) -> None:
    data = model_path(name).read_bytes()
    used = ztflm.Interpreter.from_bytes(data).arena_used_bytes()
    exact = ztflm.Interpreter.from_bytes(data, arena_size=used)
    assert exact.arena_used_bytes() == used
    rng = np.random.default_rng(7)
    inputs = oracle.random_inputs(exact, rng)
    for i, x in enumerate(inputs):
        exact.set_input(x, i)
    exact.invoke()
    with pytest.raises(ztflm.Error, match=rf"needs (at least )?{used} bytes") as err:
        ztflm.Interpreter.from_bytes(data, arena_size=used - 1)
    assert err.value.code == ztflm.Status.ARENA
    assert err.value.needed == used


def tflm_arena_bytes(path: Path) -> int:
    code = (
        "import sys\n"
        "from tflite_micro.python.tflite_micro import runtime\n"
        "runtime.Interpreter.from_file(sys.argv[1], arena_size=8 << 20).print_allocations()\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    m = re.search(r"Arena allocation total (\d+) bytes", out.stderr + out.stdout)
    assert m, out.stderr
    return int(m.group(1))


@pytest.mark.nosan
@pytest.mark.parametrize("name", SUPPORTED)
def test_shared_model_arena_is_no_larger_than_tflms(name: str) -> None:
    path = model_path(name)
    ours = ztflm.Interpreter.from_file(path).arena_used_bytes()
    assert ours <= tflm_arena_bytes(path)


def test_unsupported_model_fails_at_init_naming_op_and_node() -> None:
    with pytest.raises(ztflm.Error) as err:
        ztflm.Interpreter.from_file(UNSUPPORTED_MODEL)
    message = str(err.value)
    assert UNSUPPORTED_OP in message
    assert re.search(r"at node \d+", message)
    assert err.value.code == ztflm.Status.UNSUPPORTED


def test_unsupported_model_is_what_its_generator_writes() -> None:
    sys.path.insert(0, str(UNSUPPORTED_MODEL.parent))
    try:
        import make_model
    finally:
        sys.path.pop(0)
    assert UNSUPPORTED_MODEL.read_bytes() == make_model.build()
    assert make_model.OP == UNSUPPORTED_OP
