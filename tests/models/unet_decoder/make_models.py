#!/usr/bin/env python3
"""Writes the converter-made U-Net-style decoders the tests run (tests/host/test_unet_decoder.py).

Run with a Python that has TensorFlow (not the project's .venv):
    /work/tfenv/bin/python tests/models/unet_decoder/make_models.py
It rewrites the .tflite files beside it; the tests use them without TensorFlow.

unet_decoder_float.tflite and unet_decoder_int8.tflite (full integer, int8 in and out): the
decoder half of a small U-Net. A strided Conv2DTranspose upsamples the bottleneck, its output
is concatenated with the encoder's skip features and convolved; bilinear and nearest-neighbour
upsampling (half-pixel centers, as Keras resizes) are summed; a second transposed convolution
(VALID, stride 2) doubles the size again, a bilinear resize with align_corners (the TF1 API)
brings it to the mask's size, and a 1x1 convolution with a sigmoid gives the mask.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import tensorflow as tf

HERE = Path(__file__).resolve().parent
SEED = 13
BOTTLENECK = (4, 4, 16)
SKIP = (8, 8, 8)
MASK = 24


def decoder() -> tf.keras.Model:
    layers = tf.keras.layers
    bottleneck = tf.keras.Input(BOTTLENECK, batch_size=1, name="bottleneck")
    skip = tf.keras.Input(SKIP, batch_size=1, name="skip")
    x = layers.Conv2DTranspose(8, 3, strides=2, padding="same", activation="relu")(bottleneck)
    x = layers.Concatenate()([x, skip])
    x = layers.Conv2D(8, 3, padding="same", activation="relu")(x)
    smooth = layers.UpSampling2D(2, interpolation="bilinear")(x)
    # Keras' nearest UpSampling2D repeats elements (TILE); Resizing is tf.image.resize.
    blocky = layers.Resizing(2 * SKIP[0], 2 * SKIP[1], interpolation="nearest")(x)
    x = layers.Add()([smooth, blocky])
    x = layers.Conv2DTranspose(4, 2, strides=2, padding="valid")(x)
    x = layers.Lambda(lambda t: tf.compat.v1.image.resize_bilinear(
        t, (MASK, MASK), align_corners=True))(x)
    mask = layers.Conv2D(1, 1, activation="sigmoid", name="mask")(x)
    return tf.keras.Model([bottleneck, skip], mask, name="unet_decoder")


def representative(rng: np.random.Generator):
    def gen():
        for _ in range(64):
            yield {"bottleneck": np.maximum(rng.normal(0, 1, (1, *BOTTLENECK)), 0)
                   .astype(np.float32),
                   "skip": np.maximum(rng.normal(0, 1, (1, *SKIP)), 0).astype(np.float32)}
    return gen


def convert(model: tf.keras.Model, rng: np.random.Generator, int8: bool) -> bytes:
    conv = tf.lite.TFLiteConverter.from_keras_model(model)
    if int8:
        conv.optimizations = [tf.lite.Optimize.DEFAULT]
        conv.representative_dataset = representative(rng)
        conv.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        conv.inference_input_type = tf.int8
        conv.inference_output_type = tf.int8
    return conv.convert()


def main() -> None:
    tf.keras.utils.set_random_seed(SEED)
    model = decoder()
    # A few training steps towards a blurred skip mask, so the weights and the quantized
    # ranges are those of a trained model rather than of the initializers.
    rng = np.random.default_rng(SEED)
    gen = representative(np.random.default_rng(SEED + 1))()
    xs = [next(gen) for _ in range(32)]
    bottleneck = np.concatenate([x["bottleneck"] for x in xs])
    skip = np.concatenate([x["skip"] for x in xs])
    target = tf.image.resize((skip[..., :1] > 0.5).astype(np.float32), (MASK, MASK)).numpy()
    model.compile("adam", "binary_crossentropy")
    model.fit([bottleneck, skip], target, epochs=3, verbose=0)
    (HERE / "unet_decoder_float.tflite").write_bytes(convert(model, rng, int8=False))
    (HERE / "unet_decoder_int8.tflite").write_bytes(convert(model, rng, int8=True))


if __name__ == "__main__":
    main()
