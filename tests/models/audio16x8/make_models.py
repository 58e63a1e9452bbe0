#!/usr/bin/env python3
"""Writes the converter-made 16x8 audio models the tests run (tests/host/test_audio16x8.py).

Run with a Python that has TensorFlow (not the project's .venv):
    /work/tfenv/bin/python tests/models/audio16x8/make_models.py
It rewrites the .tflite files beside it; the tests use them without TensorFlow.

denoiser_16x8.tflite: a small SEANet-style encoder-decoder on 256 samples of mono audio, the
kind of model TFLite's 16x8 mode exists for. Conv1D stack with LeakyReLU (strided encoder),
Conv1DTranspose upsampling, the skip connections cropped with a strided slice and added, as
the converter's EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8 mode writes it
(int16 activations, int8 weights, int64 biases).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import tensorflow as tf

HERE = Path(__file__).resolve().parent
SAMPLES = 256
SEED = 15


def denoiser() -> tf.keras.Model:
    x_in = tf.keras.Input((SAMPLES, 1), batch_size=1, name="audio")
    leaky = 0.2
    e1 = tf.keras.layers.Conv1D(8, 7, padding="same")(x_in)
    e1 = tf.keras.layers.LeakyReLU(leaky)(e1)
    e2 = tf.keras.layers.Conv1D(16, 4, strides=2, padding="same")(e1)
    e2 = tf.keras.layers.LeakyReLU(leaky)(e2)
    e3 = tf.keras.layers.Conv1D(32, 4, strides=2, padding="same")(e2)
    e3 = tf.keras.layers.LeakyReLU(leaky)(e3)
    b = tf.keras.layers.Conv1D(32, 3, padding="same", dilation_rate=2)(e3)
    b = tf.keras.layers.LeakyReLU(leaky)(b)
    d2 = tf.keras.layers.Conv1DTranspose(16, 4, strides=2, padding="valid")(b)
    # valid transposed convolution gives 2n + 2 samples: crop to the skip's length.
    d2 = d2[:, 1:1 + SAMPLES // 2, :]
    d2 = tf.keras.layers.Add()([d2, e2])
    d2 = tf.keras.layers.LeakyReLU(leaky)(d2)
    d1 = tf.keras.layers.Conv1DTranspose(8, 4, strides=2, padding="valid")(d2)
    d1 = d1[:, 1:1 + SAMPLES, :]
    d1 = tf.keras.layers.Add()([d1, e1])
    d1 = tf.keras.layers.LeakyReLU(leaky)(d1)
    out = tf.keras.layers.Conv1D(1, 7, padding="same", activation="tanh")(d1)
    return tf.keras.Model(x_in, out, name="denoiser")


def representative(rng: np.random.Generator):
    def gen():
        t = np.arange(SAMPLES, dtype=np.float32) / 16000.0
        for _ in range(64):
            f = rng.uniform(100, 4000)
            clean = 0.5 * np.sin(2 * np.pi * f * t + rng.uniform(0, 6.28))
            noisy = clean + rng.normal(0, 0.1, SAMPLES)
            yield [noisy.astype(np.float32).reshape(1, SAMPLES, 1)]
    return gen


def convert_16x8(model: tf.keras.Model, rng: np.random.Generator) -> bytes:
    conv = tf.lite.TFLiteConverter.from_keras_model(model)
    conv.optimizations = [tf.lite.Optimize.DEFAULT]
    conv.representative_dataset = representative(rng)
    conv.target_spec.supported_ops = [
        tf.lite.OpsSet.EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8]
    conv.inference_input_type = tf.int16
    conv.inference_output_type = tf.int16
    return conv.convert()


def main() -> None:
    tf.keras.utils.set_random_seed(SEED)
    rng = np.random.default_rng(SEED)
    model = denoiser()
    # Weights away from their initial values (a few steps on noisy sines), so that the
    # quantized ranges are those of a trained model rather than of glorot noise.
    gen = representative(np.random.default_rng(SEED + 1))()
    xs = np.concatenate([next(gen)[0] for _ in range(32)])
    model.compile("adam", "mse")
    model.fit(xs, xs, epochs=3, verbose=0)
    (HERE / "denoiser_16x8.tflite").write_bytes(convert_16x8(model, rng))


if __name__ == "__main__":
    main()
