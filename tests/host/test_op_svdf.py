"""SVDF is bit-exact with TFLM across consecutive invokes and after reset: its state is a
variable tensor kept between invokes. float32 (every fused activation),
int8 with an int16 state and with an int8 state, rank 1 and above, one batch and several."""
import malformed
import numpy as np
import pytest
from stateful_models import assert_state_kept_then_reset
from stateful_models import svdf as build
from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema

import oracle
import ztflm
from modelbuilder import ModelBuilder, pack


@pytest.mark.parametrize("activation", ["NONE", "RELU", "RELU_N1_TO_1", "RELU6", "TANH",
                                        "SIGN_BIT"])
def test_float32_every_activation_across_invokes(activation):
    oracle.assert_stream_bit_exact(build(np.float32, activation=activation), steps=20)


@pytest.mark.parametrize("shape", [dict(batches=1, n_input=7, units=4, rank=1, memory=1),
                                   dict(batches=3, n_input=1, units=1, rank=3, memory=5),
                                   dict(batches=2, n_input=16, units=8, rank=2, memory=10)])
def test_float32_shapes(shape):
    oracle.assert_stream_bit_exact(build(np.float32, **shape), steps=12)


@pytest.mark.parametrize("state_dtype", [np.int16, np.int8])
@pytest.mark.parametrize("shape", [dict(), dict(batches=1, n_input=9, units=4, rank=1,
                                                 memory=8),
                                   dict(batches=3, n_input=2, units=2, rank=3, memory=1)])
def test_int8_with_int16_and_int8_state_across_invokes(state_dtype, shape):
    oracle.assert_stream_bit_exact(build(np.int8, state_dtype=state_dtype, **shape), steps=20)


@pytest.mark.parametrize("state_dtype", [np.int16, np.int8])
def test_int8_saturating_scales(state_dtype):
    """Scales that saturate the state and the output, and a multiplier above one."""
    for scales in [(0.5, 0.2, 0.001, 0.0001, 0.0003), (0.001, 0.002, 0.1, 0.5, 0.00001)]:
        oracle.assert_stream_bit_exact(build(np.int8, state_dtype=state_dtype, scales=scales),
                                       steps=8)


@pytest.mark.parametrize("model", [
    pytest.param(lambda: build(np.float32, activation="RELU"), id="float32"),
    pytest.param(lambda: build(np.int8, state_dtype=np.int16), id="int8-int16-state"),
    pytest.param(lambda: build(np.int8, state_dtype=np.int8), id="int8-int8-state")])
def test_one_invoke_from_a_fresh_state(model):
    """Recorded for the QEMU kernel suite, which replays one invoke from a fresh state."""
    oracle.assert_bit_exact(model(), n_random=3)


def test_each_type_runs_its_variant():
    for model, name in [(build(np.float32), "svdf_f32_ref"),
                        (build(np.int8, state_dtype=np.int16), "svdf_s8_s16_ref"),
                        (build(np.int8, state_dtype=np.int8), "svdf_s8_s8_ref")]:
        assert ztflm.Interpreter.from_bytes(model).get_node_kernel(0) == name


def test_state_is_kept_across_invokes_and_zeroed_by_reset():
    # The state fills up over three invokes, so the outputs change; reset starts over.
    assert_state_kept_then_reset(build(np.float32, memory=3), np.ones((2, 5), np.float32))


def build_raw(edit):
    """A float SVDF whose builder fields edit() may change before packing."""
    b = ModelBuilder()
    x = b.input([1, 4], np.float32)
    wf = b.const(np.ones((4, 4), np.float32))
    wt = b.const(np.ones((4, 2), np.float32))
    st = b.tensor([1, 8], np.float32, is_variable=True)
    y = b.tensor([1, 2], np.float32)
    bi = b.const(np.zeros(2, np.float32))
    b.op("SVDF", [x, wf, wt, bi, st], [y], "SVDFOptions", rank=2)
    b.output(y)
    edit(b, dict(x=x, wf=wf, wt=wt, st=st, y=y))
    return b.build()


def set_shape(name, shape):
    def edit(b, t):
        b.tensors[t[name]].shape = shape
    return edit


def no_memory(b, t):
    """Time weights [4, 0] (a graph input: an empty constant has no data) and state [1, 0]."""
    b.tensors[t["wt"]].shape = [4, 0]
    b.tensors[t["wt"]].buffer = 0
    b.inputs.append(t["wt"])
    b.tensors[t["st"]].shape = [1, 0]


def set_rank(rank):
    def edit(b, t):
        b.operators[0].builtinOptions.rank = rank
    return edit


@pytest.mark.parametrize("edit,match", [
    (set_rank(0), "rank 0 does not divide"),          # TFLM divides by zero
    (set_rank(3), "rank 3 does not divide"),
    (set_shape("st", [1, 0]), "memory|state"),
    (no_memory, "must be positive"),                  # TFLM's state shift runs past the end
    (set_shape("y", [1, 3]), "output must be"),
    (set_shape("x", [1, 5]), "feature weights"),
    # A state that is not a variable is read before anything writes it.
    (lambda b, t: setattr(b.tensors[t["st"]], "isVariable", False), "no earlier operator"),
])
def test_malformed_nodes_are_refused(edit, match):
    with pytest.raises(ztflm.Error, match=f"SVDF .*({match})"):
        ztflm.Interpreter.from_bytes(build_raw(edit))


@pytest.mark.parametrize("dtype", [np.float32, np.int8])
def test_no_bias_is_refused_where_tflm_crashes(dtype):
    """The schema makes the bias optional, but tflite-micro's SVDF prepare crashes (a
    segmentation fault of the test process) on a node without one, float32 or int8."""
    with pytest.raises(ztflm.Error, match="without a bias is not supported") as err:
        ztflm.Interpreter.from_bytes(build(dtype, bias=False))
    assert err.value.code == ztflm.Status.UNSUPPORTED


def test_int8_state_of_another_type_than_the_time_weights_is_refused():
    """TFLM reads the state as the time weights' type: int16 weights over an int8 state
    would read past its end."""
    m = schema.ModelT.InitFromObj(schema.Model.GetRootAs(build(np.int8), 0))
    st = m.subgraphs[0].operators[0].inputs[4]
    m.subgraphs[0].tensors[st].type = schema.TensorType.INT8
    with pytest.raises(ztflm.Error, match="both int16 or both int8"):
        ztflm.Interpreter.from_bytes(pack(m))


@pytest.mark.parametrize("label,match", [("SVDF of rank 0", "rank 0 does not divide"),
                                         ("SVDF with an empty state", "must be positive"),
                                         ("SVDF without a bias", "without a bias")])
def test_catalogue_entries_fail_cleanly(label, match):
    """The malformed catalogue's SVDF entries (the QEMU tier runs them too)."""
    with pytest.raises(ztflm.Error, match=match):
        ztflm.Interpreter.from_bytes(malformed.SEMANTIC[label]())
