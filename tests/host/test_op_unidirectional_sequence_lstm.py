"""UNIDIRECTIONAL_SEQUENCE_LSTM is bit-exact with TFLM across consecutive invokes and after
reset (its hidden and cell states are variable tensors): float32, int8 with an int16 cell
state, and 16x8; time-major and batch-major; cell clipping; odd sizes and extreme scales.
What TFLM's kernel refuses or computes wrongly is refused, each said below."""
import malformed
import numpy as np
import pytest
from stateful_models import assert_state_kept_then_reset
from stateful_models import lstm as build
from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema

import oracle
import ztflm

OP = "UNIDIRECTIONAL_SEQUENCE_LSTM"
KINDS = ["float32", "int8", "16x8"]


@pytest.mark.parametrize("time_major", [False, True], ids=["batch-major", "time-major"])
@pytest.mark.parametrize("kind", KINDS)
def test_across_invokes_and_after_reset(kind, time_major):
    oracle.assert_stream_bit_exact(build(kind, time_major=time_major), steps=12)


@pytest.mark.parametrize("shape", [
    dict(batches=1, steps=1, n_input=1, units=1),
    dict(batches=3, steps=7, n_input=9, units=5, time_major=True),
    dict(batches=1, steps=4, n_input=17, units=16),
], ids=["1x1x1x1", "time-major-3x7x9x5", "1x4x17x16"])
@pytest.mark.parametrize("kind", KINDS)
def test_shapes(kind, shape):
    oracle.assert_stream_bit_exact(build(kind, **shape), steps=6)


@pytest.mark.parametrize("clip", [0.3, 1e-5, 1e9], ids=["clip", "below-one-step", "huge"])
@pytest.mark.parametrize("kind", KINDS)
def test_cell_clip(kind, clip):
    """A clip below one cell state step is 0 in TFLM's int16 clip, and still clips."""
    oracle.assert_stream_bit_exact(build(kind, cell_clip=clip), steps=8)


@pytest.mark.parametrize("cell_scale", [2.0 ** -15, 2.0 ** 0, 0.0003, 2.0 ** 2],
                         ids=["2^-15", "2^0", "not-a-power-of-two", "2^2"])
@pytest.mark.parametrize("kind", ["int8", "16x8"])
def test_cell_state_scales(kind, cell_scale):
    """TFLM's tanh of the cell state rescales by the scale's rounded power of two."""
    oracle.assert_stream_bit_exact(build(kind, cell_scale=cell_scale), steps=8)


@pytest.mark.parametrize("scales", [
    dict(input_scale=0.5, weight_scale=0.2, hidden_scale=2 ** -3),
    dict(input_scale=0.001, weight_scale=0.0005, hidden_scale=0.5),
], ids=["saturating", "tiny"])
@pytest.mark.parametrize("kind", ["int8", "16x8"])
def test_extreme_scales(kind, scales):
    oracle.assert_stream_bit_exact(build(kind, **scales), steps=8)


def test_int8_weights_with_a_zero_point():
    """TFLM's reference fully connected layers subtract the weights' zero point."""
    oracle.assert_stream_bit_exact(build("int8", weight_zp=5, hidden_zp=-7), steps=8)


@pytest.mark.parametrize("kind", KINDS)
def test_one_invoke_from_a_fresh_state(kind):
    """Recorded for the QEMU kernel suite, which replays one invoke from a fresh state."""
    oracle.assert_bit_exact(build(kind, batches=2, steps=3, time_major=kind == "int8"),
                            n_random=2)


def test_each_type_runs_its_variant():
    for kind, name in [("float32", "unidirectional_sequence_lstm_f32_ref"),
                       ("int8", "unidirectional_sequence_lstm_s8_ref"),
                       ("16x8", "unidirectional_sequence_lstm_s16_ref")]:
        assert ztflm.Interpreter.from_bytes(build(kind)).get_node_kernel(0) == name


def test_state_is_kept_across_invokes_and_zeroed_by_reset():
    assert_state_kept_then_reset(build("float32", batches=1, steps=1),
                                 np.ones((1, 1, 5), np.float32))


@pytest.mark.parametrize("extra,kind", [((9,), "int8"), ((10, 11), "float32"),
                                        ((16,), "float32"), ((16, 17), "int8"),
                                        ((20,), "int8"), ((21, 22, 23), "16x8")],
                         ids=["peephole", "peepholes", "projection", "projection-bias",
                              "layer-norm", "layer-norms"])
def test_peephole_projection_and_layer_norm_are_refused_as_tflm_refuses_them(extra, kind):
    model = build(kind, extra=extra)
    with pytest.raises(RuntimeError):
        oracle.tflm_interpreter(model)
    with pytest.raises(ztflm.Error, match=f"input {extra[0]} is present: TFLM's LSTM has no "
                                          "peephole") as err:
        ztflm.Interpreter.from_bytes(model)
    assert err.value.code == ztflm.Status.UNSUPPORTED


@pytest.mark.parametrize("activation", ["NONE", "RELU", "RELU6", "SIGN_BIT"])
def test_cell_gate_activations_but_tanh_are_refused_where_tflm_ignores_them(activation):
    """TFLM's cell gate asserts on an activation other than tanh and sigmoid (which the schema
    cannot express), and its release build runs on with no activation at all: tflite-micro
    gives the same outputs for these as for NONE. Wrong, so refused."""
    x = [np.random.default_rng(3).normal(0, 2, (2, 3, 5)).astype(np.float32)]
    none = oracle.run_tflm(build("float32", activation="NONE"), x)
    assert oracle.run_tflm(build("float32", activation=activation), x)[0].tobytes() == \
        none[0].tobytes()
    with pytest.raises(ztflm.Error, match="cell gate activation .*TANH only"):
        ztflm.Interpreter.from_bytes(build("float32", activation=activation))


def edit_tensor(name, **fields):
    def edit(b, t):
        for k, v in fields.items():
            setattr(b.tensors[t[name]], k, v)
    return edit


def replace_input(i, array, scale=None):
    def edit(b, t):
        b.operators[0].inputs[i] = b.const(np.asarray(array), scale=scale)
    return edit


def absent(i):
    def edit(b, t):
        b.operators[0].inputs[i] = -1
    return edit


def per_channel(b, t):
    q = b.tensors[t["w"]].quantization
    q.scale = [q.scale[0]] * 4
    q.zeroPoint = [0] * 4


@pytest.mark.parametrize("kind,edit,match", [
    ("int8", edit_tensor("h", isVariable=False), "must be variable tensors|no earlier"),
    ("int8", edit_tensor("c", isVariable=False), "must be variable tensors|no earlier"),
    ("int8", edit_tensor("c", type=schema.TensorType.INT8), "needs a INT16 cell state"),
    ("16x8", edit_tensor("c", type=schema.TensorType.FLOAT32), "needs a INT16 cell state"),
    ("float32", replace_input(1, np.ones((4, 5), np.int8), 0.1), "needs FLOAT32 weights"),
    ("int8", per_channel, "per-channel weights"),
    ("int8", replace_input(5, np.ones((4, 5), np.int8), 0.1), r"input 5 must be \[4, 4\]"),
    ("int8", replace_input(13, np.ones(5, np.int32), 0.001), r"bias \(input 13\) must be \[4\]"),
    ("int8", absent(1), "input 1"),  # the input gate's weights: TFLM has no CIFG
    ("int8", edit_tensor("y", shape=[2, 3, 5]), r"output must be \[2, 3, 4\]"),
    ("int8", edit_tensor("y", shape=[2, 4, 4]), r"output must be \[2, 3, 4\]"),
    ("float32", edit_tensor("h", shape=[3, 4]), "must hold 2 x 4 values"),
    ("float32", edit_tensor("c", shape=[2, 3]), "must hold 2 x 4 values"),
    ("float32", edit_tensor("x", shape=[2, 15]), "input must be 3-D"),
    ("int8", edit_tensor("bias", quantization=None), "bias scale"),
], ids=["hidden-not-variable", "cell-not-variable", "int8-cell", "16x8-float-cell",
        "float-int8-weights", "per-channel", "weights-shape", "bias-shape", "missing-input",
        "output-units", "output-steps", "hidden-batches", "cell-units", "rank-2-input",
        "bias-unquantized"])
def test_malformed_nodes_are_refused(kind, edit, match):
    with pytest.raises(ztflm.Error, match=f"{OP} .*({match})") as err:
        ztflm.Interpreter.from_bytes(build(kind, edit=edit))
    assert err.value.code in (ztflm.Status.MODEL, ztflm.Status.UNSUPPORTED)


@pytest.mark.parametrize("label", sorted(k for k in malformed.SEMANTIC if "LSTM" in k))
def test_catalogue_entries_fail_cleanly(label):
    """The malformed catalogue's LSTM entries (the QEMU tier runs them too)."""
    with pytest.raises(ztflm.Error):
        ztflm.Interpreter.from_bytes(malformed.SEMANTIC[label]())
