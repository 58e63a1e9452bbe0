#!/usr/bin/env python3
"""Writes the converter-made Keras LSTM models the tests run (tests/host/test_keras_lstm.py).

Run with a Python that has TensorFlow (not the project's .venv):
    /work/tfenv/bin/python tests/models/lstm/make_models.py
It rewrites the .tflite files beside it; the tests use them without TensorFlow.

A Keras LSTM (tanh cell, sigmoid gates, 12 units) over 8 steps of 6 features, followed by a
Dense layer, as the converter fuses it into one UNIDIRECTIONAL_SEQUENCE_LSTM: with
return_sequences (the hidden state of every step, then a Dense per step) and without (the
last step's only: the converter slices it out), in float32 and full-integer int8 (int16 cell
state). No 16x8: TensorFlow 2.21's converter refuses it ("Quantization to 16x8-bit not yet
supported for op: 'UNIDIRECTIONAL_SEQUENCE_LSTM'"); the builder's 16x8 LSTMs cover that path.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import tensorflow as tf
import tf_keras as keras

HERE = Path(__file__).resolve().parent
STEPS, FEATURES, UNITS = 8, 6, 12
SEED = 14


def keras_lstm(return_sequences: bool) -> keras.Model:
    x_in = keras.Input((STEPS, FEATURES), batch_size=1, name="sequence")
    h = keras.layers.LSTM(UNITS, return_sequences=return_sequences)(x_in)
    out = keras.layers.Dense(3)(h)
    return keras.Model(x_in, out)


def representative(rng: np.random.Generator):
    def gen():
        for _ in range(64):
            yield [rng.normal(0, 1, (1, STEPS, FEATURES)).astype(np.float32)]
    return gen


def convert(model: keras.Model, kind: str) -> bytes:
    conv = tf.lite.TFLiteConverter.from_keras_model(model)
    if kind != "float32":
        conv.optimizations = [tf.lite.Optimize.DEFAULT]
        conv.representative_dataset = representative(np.random.default_rng(SEED))
        conv.inference_input_type = tf.int8
        conv.inference_output_type = tf.int8
        conv.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
    return conv.convert()


def main() -> None:
    keras.utils.set_random_seed(SEED)
    for seq in (True, False):
        model = keras_lstm(seq)
        for kind in ("float32", "int8"):
            name = f"keras_lstm_{'sequences' if seq else 'last'}_{kind}.tflite"
            (HERE / name).write_bytes(convert(model, kind))
            print(f"wrote {HERE / name}")


if __name__ == "__main__":
    main()
