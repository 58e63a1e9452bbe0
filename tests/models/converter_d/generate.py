"""Writes the converter-made models of issue 13 part D: a Conv1D stack and a GRU unrolled
(no WHILE), each float32 and int8, from fixed seeds. Runs with TensorFlow
(/work/tfenv/bin/python tests/models/converter_d/generate.py); the tests use the .tflite files
it writes next to itself and need no TensorFlow. The int8 GRU is not byte-reproducible from
one conversion to the next (its calibration); the committed files are the tested ones."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterator

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402

HERE = Path(__file__).resolve().parent


def conv1d() -> keras.Model:
    """A keyword-spotting-like 1-D stack: valid and same padding, a stride, a dilation. With a
    fixed batch the converter makes RESHAPE, three CONV_2D (the last with dilation 2), RESHAPE,
    MEAN, FULLY_CONNECTED; with an unknown one it wraps each convolution in EXPAND_DIMS and
    the dilated one in SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND, and stores the latter's batch
    as 1 where the block makes it 2."""
    return keras.Sequential([
        keras.Input((51, 10), batch_size=1),
        keras.layers.Conv1D(12, 5, activation="relu"),
        keras.layers.Conv1D(16, 3, strides=2, padding="same", activation="relu"),
        keras.layers.Conv1D(8, 3, dilation_rate=2),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4),
    ])


def gru() -> keras.Model:
    """A GRU over 6 steps, unrolled into its cells' operators, then a dense head."""
    return keras.Sequential([
        keras.Input((6, 5), batch_size=1),
        keras.layers.GRU(8, unroll=True),
        keras.layers.Dense(3),
    ])


def representative(shape: tuple[int, ...], seed: int) -> Callable[[], Iterator[list]]:
    def samples() -> Iterator[list]:
        rng = np.random.default_rng(seed)
        for _ in range(64):
            yield [rng.standard_normal((1, *shape)).astype(np.float32)]
    return samples


def convert(model: keras.Model, int8: bool, seed: int) -> bytes:
    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    if int8:
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        converter.representative_dataset = representative(model.input_shape[1:], seed)
        converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        converter.inference_input_type = tf.int8
        converter.inference_output_type = tf.int8
    return converter.convert()


def main() -> None:
    for seed, (name, make) in enumerate([("conv1d", conv1d), ("gru_unrolled", gru)]):
        keras.utils.set_random_seed(seed)
        tf.config.experimental.enable_op_determinism()
        model = make()
        for int8 in (False, True):
            path = HERE / f"{name}_{'int8' if int8 else 'float'}.tflite"
            path.write_bytes(convert(model, int8, seed))
            print(f"wrote {path.name}")


if __name__ == "__main__":
    main()
