"""Keras LSTMs as TensorFlow's converter writes them (tests/models/lstm/make_models.py): one
UNIDIRECTIONAL_SEQUENCE_LSTM, with every step's hidden state (return_sequences) or the last
one's (sliced out), float32 and int8, bit-exact with TFLM across invokes and after reset."""
from pathlib import Path

import pytest
from test_shared_models import tflm_arena_bytes

import oracle
import ztflm

MODELS = Path(__file__).resolve().parents[1] / "models" / "lstm"
NAMES = sorted(p.stem for p in MODELS.glob("*.tflite"))


def test_the_generator_wrote_every_form() -> None:
    assert NAMES == [f"keras_lstm_{seq}_{kind}" for seq in ("last", "sequences")
                     for kind in ("float32", "int8")]


@pytest.mark.parametrize("name", NAMES)
def test_converted_lstm_across_invokes_and_after_reset(name: str) -> None:
    model = (MODELS / f"{name}.tflite").read_bytes()
    ip = ztflm.Interpreter.from_bytes(model)
    assert ip.get_node_kernel(0).startswith("unidirectional_sequence_lstm_")
    outputs = oracle.assert_stream_bit_exact(model, steps=10, seed=5)
    # The state carries from invoke to invoke: the outputs differ along the stream.
    assert len({o.tobytes() for o in outputs[:10]}) > 1


@pytest.mark.nosan
@pytest.mark.parametrize("name", NAMES)
def test_converted_lstm_arena_is_no_larger_than_tflms(name: str) -> None:
    path = MODELS / f"{name}.tflite"
    assert ztflm.Interpreter.from_file(path).arena_used_bytes() <= tflm_arena_bytes(path)
