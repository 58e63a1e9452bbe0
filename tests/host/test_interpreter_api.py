"""The Python API: details like tflite_micro's, input checks, exact arenas, reset, multi-tenancy,
threads, and arguments that are not what they should be."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

import numpy as np
import pytest
from typed_models import INPUTS, OUTPUTS, expected, typed_model

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


@pytest.mark.parametrize("model", [add_model(), float_model(), typed_model()],
                         ids=["int8", "float", "bool-int32-int64"])
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


def test_bool_int32_and_int64_inputs_and_outputs_round_trip_bit_exact() -> None:
    """Four outputs of three types from inputs of three types, through set_input, invoke and
    get_output, equal to TFLM's and to numpy's; the details name each type."""
    model = typed_model()
    ip = ztflm.Interpreter.from_bytes(model)
    assert [ip.get_input_details(i)["dtype"] for i in range(ip.num_inputs())] == \
        [dtype for _, dtype, _ in INPUTS]
    assert [(ip.get_output_details(i)["dtype"], ip.get_output_details(i)["shape"].tolist())
            for i in range(ip.num_outputs())] == [(d, s) for _, d, s in OUTPUTS]
    rng = np.random.default_rng(5)
    xs = [rng.integers(-3, 3, [2, 3]).astype(np.int32), rng.integers(0, 2, [2, 3]) == 1,
          np.array([-2**63, 2**63 - 1], np.int64)]
    ours = oracle.assert_bit_exact(model, inputs=xs)
    for y, want in zip(ours, expected(*xs)):
        assert y.dtype == want.dtype and np.array_equal(y, want)
    oracle.assert_bit_exact(model, n_random=3)


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


# ---- threads (issue 11, point 4) ---------------------------------------------------------------

def run_threads(work: list[Callable[[], None]]) -> None:
    errors: list[BaseException] = []

    def guard(fn: Callable[[], None]) -> None:
        try:
            fn()
        except BaseException as e:  # noqa: B036 (re-raised in the main thread)
            errors.append(e)

    threads = [threading.Thread(target=guard, args=(fn,)) for fn in work]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


def test_two_threads_never_run_one_interpreter_at_once(
        shared_models: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ctypes lets the other thread run during a call; without the interpreter's lock two
    invokes share the arena at once (11 of 40 outputs right in a probe). Counted here: the
    calls into the runtime that are under way at the same time, at most one."""
    data = (shared_models / "mlperf_kws_dscnn_int8.tflite").read_bytes()
    ip = ztflm.Interpreter.from_bytes(data)
    x = oracle.random_inputs(ip, np.random.default_rng(5))[0]
    lib = ztflm._lib.lib()
    count = threading.Lock()
    inside, most, calls = [0], [0], [0]

    def counted(name: str) -> Callable[..., int]:
        real = getattr(lib, name)

        def call(*args: object) -> int:
            with count:
                inside[0] += 1
                calls[0] += 1
                most[0] = max(most[0], inside[0])
            try:
                return int(real(*args))
            finally:
                with count:
                    inside[0] -= 1
        return call

    for name in ("ztflm_invoke", "ztflm_input", "ztflm_output"):
        monkeypatch.setattr(lib, name, counted(name))

    def worker() -> None:
        for _ in range(40):
            ip.set_input(x, 0)
            ip.invoke()
            ip.get_output(0)

    run_threads([worker, worker])
    assert calls[0] == 2 * 40 * 3 and most[0] == 1


def test_a_thread_holding_the_lock_makes_its_calls_one_step(shared_models: Path) -> None:
    """Two threads invoking one interpreter 40 times each, each with its own input, every
    output checked: with `with ip.lock:` around set_input, invoke and get_output nothing of
    the other thread's gets between them (not even between set_input and invoke, where its
    invoke would reuse the input's bytes for intermediates)."""
    data = (shared_models / "mlperf_kws_dscnn_int8.tflite").read_bytes()
    ip = ztflm.Interpreter.from_bytes(data)
    rng = np.random.default_rng(6)
    inputs = [oracle.random_inputs(ip, rng)[0] for _ in range(2)]
    expected = [oracle.run_tflm(data, [x])[0].tobytes() for x in inputs]
    right = [0, 0]

    def worker(k: int) -> Callable[[], None]:
        def run() -> None:
            for _ in range(40):
                with ip.lock:
                    ip.set_input(inputs[k], 0)
                    ip.invoke()
                    right[k] += ip.get_output(0).tobytes() == expected[k]
        return run

    run_threads([worker(0), worker(1)])
    assert right == [40, 40]


def test_tenants_of_one_arena_in_two_threads_stay_bit_exact() -> None:
    """Tenants share the head of their arena: the lock is the arena's, so they take turns."""
    models = [add_model(scale=0.05, shape=(1, 16, 16, 3)), add_model(scale=0.1,
                                                                     shape=(1, 12, 20, 3))]
    alone = [ztflm.Interpreter.from_bytes(m) for m in models]
    shared = ztflm.Arena(max(ip.arena_head_bytes() for ip in alone)
                         + sum(ip.arena_tail_bytes() for ip in alone) + 64)
    ips = [ztflm.Interpreter.from_bytes(m, arena=shared) for m in models]
    assert ips[0].lock is ips[1].lock is shared.lock
    rng = np.random.default_rng(8)
    samples = [oracle.random_inputs(ip, rng) for ip in ips]
    expected = [oracle.run_tflm(m, s)[0].tobytes() for m, s in zip(models, samples)]
    right = [0, 0]

    def worker(k: int) -> Callable[[], None]:
        def run() -> None:
            for _ in range(40):
                with ips[k].lock:
                    for i, x in enumerate(samples[k]):
                        ips[k].set_input(x, i)
                    ips[k].invoke()
                    right[k] += ips[k].get_output(0).tobytes() == expected[k]
        return run

    run_threads([worker(0), worker(1)])
    assert right == [40, 40]


# ---- argument edges (issue 11, point 9) --------------------------------------------------------

@pytest.mark.parametrize("index", [1 << 32, (1 << 32) + 0, (1 << 64) + 1, np.uint64(1 << 32),
                                   -1, -(1 << 32)])
def test_an_index_past_32_bits_does_not_wrap_to_another(index: int) -> None:
    ip = ztflm.Interpreter.from_bytes(float_model())
    ip.set_input(np.ones([2, 5], np.float32), 0)
    ip.invoke()
    calls = {"output": lambda: ip.get_output(index),
             "input": lambda: ip.set_input(np.ones([2, 5], np.float32), index),
             "node": lambda: ip.get_node(index),
             "tensor": lambda: ip.get_tensor_details(index)}
    counts = {"output": 1, "input": 1, "node": 1, "tensor": ip.num_tensors()}
    for kind, call in calls.items():
        with pytest.raises(ztflm.Error, match=rf"^{kind} {int(index)} does not exist \(the "
                                              rf"model has {counts[kind]}\)$"):
            call()


@pytest.mark.parametrize("index,name", [(0.0, "float"), ("0", "str"), (True, "bool"),
                                        (None, "NoneType")])
def test_an_index_that_is_not_an_integer_is_refused(index: object, name: str) -> None:
    ip = ztflm.Interpreter.from_bytes(float_model())
    with pytest.raises(ztflm.Error, match=f"output index must be an integer, got {name}"):
        ip.get_output(index)  # type: ignore[arg-type]
    with pytest.raises(ztflm.Error, match=f"node index must be an integer, got {name}"):
        ip.get_node(index)  # type: ignore[arg-type]


def test_numpy_integer_indices_work() -> None:
    ip = ztflm.Interpreter.from_bytes(float_model())
    ip.set_input(np.ones([2, 5], np.float32), np.int64(0))
    ip.invoke()
    assert ip.get_output(np.uint8(0)).shape == (2, 5)


@pytest.mark.parametrize("view", ["uint32", "2-d", "strided"])
def test_a_memoryview_model_is_its_bytes(view: str) -> None:
    data = float_model()
    padded = data + bytes(-len(data) % 4)
    x = np.arange(10, dtype=np.float32).reshape(2, 5)
    ref = ztflm.Interpreter.from_bytes(padded)
    ref.set_input(x, 0)
    ref.invoke()
    if view == "uint32":
        mv = memoryview(np.frombuffer(padded, np.uint32))
    elif view == "2-d":
        mv = memoryview(np.frombuffer(padded, np.uint8).reshape(4, -1))
    else:  # every other byte of a doubled buffer: not contiguous
        doubled = np.zeros(2 * len(padded), np.uint8)
        doubled[::2] = np.frombuffer(padded, np.uint8)
        mv = memoryview(doubled[::2])
    ip = ztflm.Interpreter.from_bytes(mv)
    ip.set_input(x, 0)
    ip.invoke()
    assert ip.get_output(0).tobytes() == ref.get_output(0).tobytes()


@pytest.mark.parametrize("size,name", [(4096.0, "float"), ("4096", "str"), (True, "bool"),
                                       ([4096], "list")])
def test_an_arena_size_that_is_not_an_integer_is_refused(size: object, name: str) -> None:
    with pytest.raises(ztflm.Error, match=f"arena size must be an integer, got {name}"):
        ztflm.Interpreter.from_bytes(float_model(), arena_size=size)  # type: ignore[arg-type]
    with pytest.raises(ztflm.Error, match=f"arena size must be an integer, got {name}"):
        ztflm.Arena(size)  # type: ignore[arg-type]


def test_an_arena_larger_than_the_runtime_takes_is_refused_before_allocating() -> None:
    for size in (1 << 40, (1 << 64) + 4096, ztflm._lib.max_size() + 1):
        with pytest.raises(ztflm.Error, match=f"arena size {size} is more than the "
                                              f"{ztflm._lib.max_size()} bytes"):
            ztflm.Interpreter.from_bytes(float_model(), arena_size=size)
    ip = ztflm.Interpreter.from_bytes(float_model(), arena_size=np.int64(4096))
    assert ip.arena_used_bytes() > 0


def test_a_model_that_is_not_bytes_is_refused() -> None:
    for model in ("a string", 42, [1, 2], np.zeros(8, np.uint8)):
        with pytest.raises(ztflm.Error, match=f"model must be bytes, got "
                                              f"{type(model).__name__}"):
            ztflm.Interpreter.from_bytes(model)  # type: ignore[arg-type]


def test_a_shared_arena_must_be_an_arena() -> None:
    with pytest.raises(ztflm.Error, match="arena must be a ztflm.Arena, got int"):
        ztflm.Interpreter.from_bytes(float_model(), arena=4096)  # type: ignore[arg-type]


@pytest.mark.parametrize("order,word", [(">", "big"), ("<", "little")])
def test_an_array_in_the_other_byte_order_is_named_so(order: str, word: str) -> None:
    ip = ztflm.Interpreter.from_bytes(float_model())
    native = np.arange(10, dtype=np.float32).reshape(2, 5)
    if np.dtype(order + "f4").isnative:
        ip.set_input(native.astype(order + "f4"), 0)  # this machine's order: accepted
        return
    with pytest.raises(ztflm.Error, match=f"input 0 wants float32 in this machine's byte "
                                          f"order, got {word}-endian float32"):
        ip.set_input(native.astype(order + "f4"), 0)


def test_a_value_numpy_cannot_make_an_array_of_is_refused() -> None:
    ip = ztflm.Interpreter.from_bytes(float_model())
    with pytest.raises(ztflm.Error, match="input 0"):
        ip.set_input([[1.0, 2.0], [3.0]], 0)
