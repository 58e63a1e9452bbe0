#!/usr/bin/env python3
"""Writes the converter-made LayerNorm models the tests run (tests/host/test_layernorm.py).

Run with a Python that has TensorFlow and tf_keras (not the project's .venv):
    /work/tfenv/bin/python tests/models/layernorm/make_models.py
It rewrites the .tflite files beside it; the tests use them without TensorFlow.

layernorm_float.tflite and layernorm_int8.tflite (full integer, int8 in and out): a token
embedding (a Dense on each of 8 tokens of 16 features), Keras 2's LayerNormalization over
the features (tf.nn.moments: MEAN, SQUARED_DIFFERENCE, MEAN, then ADD epsilon, RSQRT, MUL,
SUB), a trained scale and offset, and a ReLU.
"""
from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402

HERE = Path(__file__).resolve().parent
SEED = 13
TOKENS = 8
FEATURES = 16


def layernorm_model() -> keras.Model:
    x = keras.Input((TOKENS, FEATURES), batch_size=1, name="tokens")
    h = keras.layers.Dense(FEATURES)(x)
    h = keras.layers.LayerNormalization(axis=-1, epsilon=1e-3)(h)
    y = keras.layers.ReLU(name="normalized")(h)
    return keras.Model(x, y, name="layernorm")


def samples(rng: np.random.Generator, n: int) -> np.ndarray:
    # Tokens of different means and spreads, as a normalization sees them.
    return (rng.normal(0, 1, (n, TOKENS, FEATURES)) * rng.uniform(0.2, 3, (n, TOKENS, 1))
            + rng.normal(0, 2, (n, TOKENS, 1))).astype(np.float32)


def convert(model: keras.Model, rng: np.random.Generator, int8: bool) -> bytes:
    conv = tf.lite.TFLiteConverter.from_keras_model(model)
    if int8:
        data = samples(rng, 64)

        def representative():
            for s in data:
                yield [s[None]]

        conv.optimizations = [tf.lite.Optimize.DEFAULT]
        conv.representative_dataset = representative
        conv.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        conv.inference_input_type = tf.int8
        conv.inference_output_type = tf.int8
    return conv.convert()


def main() -> None:
    keras.utils.set_random_seed(SEED)
    model = layernorm_model()
    rng = np.random.default_rng(SEED)
    # A few training steps, so the scale and offset are not the initializers' 1 and 0.
    x = samples(rng, 128)
    target = np.maximum(np.tanh(x[..., ::-1]) * 1.5 + 0.25, 0)
    model.compile("adam", "mse")
    model.fit(x, target, epochs=5, verbose=0)
    (HERE / "layernorm_float.tflite").write_bytes(convert(model, rng, int8=False))
    (HERE / "layernorm_int8.tflite").write_bytes(convert(model, rng, int8=True))


if __name__ == "__main__":
    main()
