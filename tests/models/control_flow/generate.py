"""Writes the converter-made control-flow models of issue 14: a GRU the converter keeps as a
WHILE loop, a tf.cond that becomes IF, and a streaming model whose state is a resource
variable (VAR_HANDLE, READ_VARIABLE, ASSIGN_VARIABLE, CALL_ONCE). Runs with TensorFlow
(/work/tfenv/bin/python tests/models/control_flow/generate.py); the tests use the .tflite
files it writes next to itself and need no TensorFlow."""
from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402

HERE = Path(__file__).resolve().parent


def gru_while() -> bytes:
    """A GRU over 6 steps with unroll=False: the converter keeps its time loop as WHILE
    (cond: the step below 6; body: one cell)."""
    keras.utils.set_random_seed(14)
    model = keras.Sequential([
        keras.Input((6, 5), batch_size=1),
        keras.layers.GRU(8, unroll=False),
        keras.layers.Dense(3),
    ])
    conv = tf.lite.TFLiteConverter.from_keras_model(model)
    return conv.convert()


class Cond(tf.Module):
    """x -> if sum(x) > 0: relu(x) * 2 else tanh(x) - 1: tf.cond becomes IF."""

    @tf.function(input_signature=[tf.TensorSpec([1, 8], tf.float32)])
    def __call__(self, x: tf.Tensor) -> tf.Tensor:
        return tf.cond(tf.reduce_sum(x) > 0.0, lambda: tf.nn.relu(x) * 2.0,
                       lambda: tf.tanh(x) - 1.0)


class Stream(tf.Module):
    """A running mean of its inputs in a tf.Variable: each call reads the state, mixes the
    input in, writes it back and returns it. The converter with resource variables makes
    the variable a VAR_HANDLE whose initial value a CALL_ONCE subgraph assigns."""

    def __init__(self) -> None:
        super().__init__()
        self.state = tf.Variable(tf.fill([1, 4], 0.5), name="state")

    @tf.function(input_signature=[tf.TensorSpec([1, 4], tf.float32)])
    def __call__(self, x: tf.Tensor) -> tf.Tensor:
        new = self.state * 0.75 + x * 0.25
        self.state.assign(new)
        return new * 2.0


def from_module(module: tf.Module, resource_variables: bool = False) -> bytes:
    fn = module.__call__.get_concrete_function()
    conv = tf.lite.TFLiteConverter.from_concrete_functions([fn], module)
    if resource_variables:
        conv.experimental_enable_resource_variables = True
    return conv.convert()


MODELS = {
    "gru_while_float.tflite": gru_while,
    "cond_if_float.tflite": lambda: from_module(Cond()),
    "stream_variable_float.tflite": lambda: from_module(Stream(), resource_variables=True),
}


def main() -> None:
    np.random.seed(14)
    for name, make in MODELS.items():
        (HERE / name).write_bytes(make())
        print(f"wrote {HERE / name}")


if __name__ == "__main__":
    main()
