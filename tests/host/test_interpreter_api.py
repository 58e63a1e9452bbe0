"""The Python API: details like tflite_micro's, input checks, exact arenas, reset, multi-tenancy."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder


def add_model(scale: float = 0.05, shape: tuple[int, ...] = (1, 6, 6, 3)) -> bytes:
    """y = relu(a + b) * c, int8: three ops with planned intermediates."""
    b = ModelBuilder()
    a = b.input(list(shape), np.int8, scale=scale, zero_point=-3)
    x = b.input(list(shape), np.int8, scale=scale * 2, zero_point=4)
    s = b.tensor(list(shape), np.int8, scale=scale * 3, zero_point=1)
    r = b.tensor(list(shape), np.int8, scale=scale * 3, zero_point=1)
    c = b.const(np.arange(shape[-1], dtype=np.int8) + 1, scale=0.02, zero_point=0)
    y = b.tensor(list(shape), np.int8, scale=scale, zero_point=-2)
    b.op("ADD", [a, x], [s], "AddOptions")
    b.op("RELU", [s], [r])
    b.op("MUL", [r, c], [y], "MulOptions")
    b.output(y)
    return b.build()


def float_model() -> bytes:
    b = ModelBuilder()
    a = b.input([2, 5], np.float32)
    c = b.const(np.linspace(-1, 1, 5, dtype=np.float32))
    y = b.tensor([2, 5], np.float32)
    b.op("SUB", [a, c], [y], "SubOptions", activation="RELU6")
    b.output(y)
    return b.build()


def tflm(data: bytes):
    from tflite_micro.python.tflite_micro import runtime

    return runtime.Interpreter.from_bytes(data, arena_size=1 << 20)


@pytest.mark.parametrize("model", [add_model(), float_model()], ids=["int8", "float"])
def test_details_match_tflite_micro(model: bytes) -> None:
    ours, theirs = ztflm.Interpreter.from_bytes(model), tflm(model)
    for kind in ("input", "output"):
        for i in range(getattr(ours, f"num_{kind}s")()):
            a = getattr(ours, f"get_{kind}_details")(i)
            b = getattr(theirs, f"get_{kind}_details")(i)
            assert a["dtype"] == b["dtype"]
            assert a["shape"].tolist() == b["shape"].tolist()
            qa, qb = a["quantization_parameters"], b["quantization_parameters"]
            assert qa["scales"].tolist() == qb["scales"].tolist()
            assert qa["zero_points"].tolist() == qb["zero_points"].tolist()
            assert qa["quantized_dimension"] == qb["quantized_dimension"]


def test_three_op_int8_model_is_bit_exact() -> None:
    oracle.assert_bit_exact(add_model(), n_random=10)


def test_from_file_reads_the_model(tmp_path: Path) -> None:
    path = tmp_path / "m.tflite"
    path.write_bytes(float_model())
    ip = ztflm.Interpreter.from_file(path)
    assert ip.get_input_details(0)["shape"].tolist() == [2, 5]


def test_from_file_missing_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ztflm.Error, match="cannot read model"):
        ztflm.Interpreter.from_file(tmp_path / "nope.tflite")


def test_exact_arena_size_runs_and_one_byte_less_names_the_size() -> None:
    data = add_model()
    used = ztflm.Interpreter.from_bytes(data).arena_used_bytes()
    ip = ztflm.Interpreter.from_bytes(data, arena_size=used)
    assert ip.arena_used_bytes() == used
    assert ip.arena_head_bytes() + ip.arena_tail_bytes() <= used
    short = rf"arena too small: needs (at least )?{used} bytes"
    with pytest.raises(ztflm.Error, match=short) as err:
        ztflm.Interpreter.from_bytes(data, arena_size=used - 1)
    assert err.value.needed == used


def test_get_output_is_a_copy() -> None:
    ip = ztflm.Interpreter.from_bytes(float_model())
    ip.set_input(np.ones([2, 5], np.float32), 0)
    ip.invoke()
    first = ip.get_output(0)
    first[:] = 42
    assert not np.array_equal(ip.get_output(0), first)


def test_reset_is_allowed_and_keeps_results_reproducible() -> None:
    ip = ztflm.Interpreter.from_bytes(float_model())
    x = np.arange(10, dtype=np.float32).reshape(2, 5)
    ip.set_input(x, 0)
    ip.invoke()
    before = ip.get_output(0)
    ip.reset()
    ip.set_input(x, 0)
    ip.invoke()
    assert before.tobytes() == ip.get_output(0).tobytes()


def test_output_index_out_of_range_is_an_error() -> None:
    ip = ztflm.Interpreter.from_bytes(float_model())
    with pytest.raises(ztflm.Error, match="output 1 does not exist"):
        ip.get_output(1)


@pytest.mark.parametrize("tenants", [2, 3])
def test_tenants_share_one_arena_and_stay_bit_exact_when_alternated(tenants: int) -> None:
    models = [add_model(scale=0.05 * (k + 1), shape=(1, 4 + k, 5, 3)) for k in range(tenants)]
    alone = [ztflm.Interpreter.from_bytes(m) for m in models]
    heads = [ip.arena_head_bytes() for ip in alone]
    tails = [ip.arena_tail_bytes() for ip in alone]
    shared = ztflm.Arena(max(heads) + sum(tails) + 64)
    ips = [ztflm.Interpreter.from_bytes(m, arena=shared) for m in models]
    # Heads overlap: the shared arena is smaller than the tenants' arenas side by side.
    assert shared.used_bytes() < sum(ip.arena_used_bytes() for ip in alone)
    assert shared.used_bytes() <= max(heads) + sum(tails) + 16
    rng = np.random.default_rng(3)
    for _ in range(4):
        for m, ip in zip(models, ips):
            inputs = oracle.random_inputs(ip, rng)
            for i, x in enumerate(inputs):
                ip.set_input(x, i)
            ip.invoke()
            expected = oracle.run_tflm(m, inputs)
            assert ip.get_output(0).tobytes() == expected[0].tobytes()


def test_tenant_that_does_not_fit_leaves_the_arena_usable() -> None:
    small = add_model()
    first = ztflm.Interpreter.from_bytes(small)
    shared = ztflm.Arena(first.arena_used_bytes())
    ip1 = ztflm.Interpreter.from_bytes(small, arena=shared)
    used = shared.used_bytes()
    with pytest.raises(ztflm.Error, match="arena too small"):
        ztflm.Interpreter.from_bytes(add_model(shape=(1, 9, 9, 3)), arena=shared)
    assert shared.used_bytes() == used
    oracle_inputs = oracle.random_inputs(ip1, np.random.default_rng(1))
    for i, x in enumerate(oracle_inputs):
        ip1.set_input(x, i)
    ip1.invoke()
    assert ip1.get_output(0).tobytes() == oracle.run_tflm(small, oracle_inputs)[0].tobytes()


@pytest.mark.parametrize("value,match", [
    (np.zeros([2, 5], np.float64), "input 0 wants float32, got float64"),
    (np.zeros([2, 5], np.int8), "input 0 wants float32, got int8"),
    (np.zeros([5, 2], np.float32), r"input 0 wants shape \[2, 5\], got \[5, 2\]"),
    (np.zeros([10], np.float32), r"input 0 wants shape \[2, 5\], got \[10\]"),
    ([[0.0] * 5] * 2, "input 0 wants float32, got float64"),
])
def test_set_input_refuses_a_wrong_dtype_or_shape(value: object, match: str) -> None:
    ip = ztflm.Interpreter.from_bytes(float_model())
    with pytest.raises(ztflm.Error, match=match):
        ip.set_input(value, 0)


def test_set_input_to_a_missing_input_is_an_error() -> None:
    ip = ztflm.Interpreter.from_bytes(float_model())
    with pytest.raises(ztflm.Error, match=r"input 1 does not exist \(the model has 1\)"):
        ip.set_input(np.zeros([2, 5], np.float32), 1)


def test_set_input_accepts_a_non_contiguous_array() -> None:
    ip = ztflm.Interpreter.from_bytes(float_model())
    x = np.arange(10, dtype=np.float32).reshape(5, 2).T
    ip.set_input(x, 0)
    assert ip.get_input(0).tobytes() == np.ascontiguousarray(x).tobytes()


def test_details_keys_include_every_key_of_tflite_micro() -> None:
    data = add_model()
    ours, theirs = ztflm.Interpreter.from_bytes(data).get_input_details(0), \
        tflm(data).get_input_details(0)
    assert set(theirs) <= set(ours)
    assert set(theirs["quantization_parameters"]) <= set(ours["quantization_parameters"])
    assert ours["name"] == "t0" and ours["index"] == 0


def test_model_bytes_are_copied_so_the_caller_may_reuse_its_buffer() -> None:
    data = bytearray(float_model())
    ip = ztflm.Interpreter.from_bytes(data)
    x = np.full([2, 5], 3.0, np.float32)
    ip.set_input(x, 0)
    ip.invoke()
    before = ip.get_output(0)
    data[:] = bytes(len(data))
    ip.set_input(x, 0)
    ip.invoke()
    assert ip.get_output(0).tobytes() == before.tobytes()


def test_unsupported_operator_error_carries_code_node_and_op_name() -> None:
    b = ModelBuilder()
    x = b.input([4], np.float32)
    t, u = b.tensor([4], np.float32), b.tensor([4], np.float32)
    b.op("RELU", [x], [t])
    b.op("GELU", [t], [u], "GeluOptions")
    b.output(u)
    with pytest.raises(ztflm.Error, match=r"GELU \(builtin 150\) at node 1") as err:
        ztflm.Interpreter.from_bytes(b.build())
    assert err.value.code == ztflm.Status.UNSUPPORTED
    assert err.value.node == 1


def test_not_a_model_is_a_model_error() -> None:
    with pytest.raises(ztflm.Error, match="not a .tflite file") as err:
        ztflm.Interpreter.from_bytes(b"certainly not a flatbuffer" * 3)
    assert err.value.code == ztflm.Status.MODEL
    assert err.value.node == -1


def test_arena_size_and_a_shared_arena_together_are_refused() -> None:
    with pytest.raises(ztflm.Error, match="either arena_size or arena"):
        ztflm.Interpreter.from_bytes(float_model(), arena_size=4096, arena=ztflm.Arena(4096))


def test_generous_arena_reports_what_it_uses_not_its_size() -> None:
    data = add_model()
    exact = ztflm.Interpreter.from_bytes(data).arena_used_bytes()
    roomy = ztflm.Interpreter.from_bytes(data, arena_size=exact * 4)
    assert roomy.arena_used_bytes() == exact


def test_shared_model_from_file_with_an_exact_arena_is_bit_exact(shared_models: Path) -> None:
    path = shared_models / "mlperf_kws_dscnn_int8.tflite"
    ip = ztflm.Interpreter.from_file(path)
    again = ztflm.Interpreter.from_file(path, arena_size=ip.arena_used_bytes())
    assert again.arena_used_bytes() == ip.arena_used_bytes()
    oracle.assert_bit_exact(path.read_bytes(), n_random=2)
