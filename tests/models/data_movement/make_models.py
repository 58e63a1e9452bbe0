"""Writes shape_ops.tflite: a tf.function converted by TensorFlow's converter (issue 13) into
the shape and data movement operators with their converter-made options: strided slices
(negative strides, masks, a shrunk axis), SLICE, SPLIT, SPLIT_V, PACK and UNPACK, REVERSE_V2,
EXPAND_DIMS, SELECT_V2 on a bool input, CAST of int32, ZEROS_LIKE, and int32 shape
computations (SHAPE, strided slices of it, PACK, CONCATENATION) feeding a RESHAPE. The batch
is dynamic, so the converter keeps the shape computations instead of folding them.

Run with the TensorFlow environment, from anywhere: /work/tfenv/bin/python make_models.py.
The test (tests/host/test_converter_data_movement.py) runs the .tflite file without TensorFlow."""
from __future__ import annotations

from pathlib import Path

import tensorflow as tf

HERE = Path(__file__).resolve().parent


@tf.function(input_signature=[tf.TensorSpec([None, 8, 6], tf.float32),
                              tf.TensorSpec([None, 8], tf.bool),
                              tf.TensorSpec([None, 8], tf.int32)])
def shape_ops(x: tf.Tensor, cond: tf.Tensor, ids: tf.Tensor) -> dict[str, tf.Tensor]:
    n = tf.shape(x)[0]
    halves = tf.split(x, 2, axis=2)
    pair = tf.unstack(tf.stack(halves, axis=1), axis=1)
    pieces = tf.split(x, [1, 3, 4], axis=1)
    last = tf.expand_dims(x[:, -1, :], 1)
    return {
        "sliced": tf.concat([x[:, 1:7:2, ::-1], pieces[1], last], axis=1),
        "flat": tf.reshape(x, tf.stack([n, 48])),
        "selected": tf.where(cond, x[:, :, 0], x[:, :, 1]) + tf.cast(ids, tf.float32),
        "mixed": pair[0] * pair[1] + tf.reverse(x, [1])[:, :, :3],
        "block": tf.squeeze(tf.slice(x, [0, 2, 1], [-1, 1, 3]), 1),
        "zeros": tf.zeros_like(ids),
        "dims": tf.concat([tf.shape(x)[::-1], tf.shape(ids)], 0),
    }


def main() -> None:
    fn = shape_ops.get_concrete_function()
    model = tf.lite.TFLiteConverter.from_concrete_functions([fn], shape_ops).convert()
    (HERE / "shape_ops.tflite").write_bytes(model)
    print(f"wrote {HERE / 'shape_ops.tflite'} ({len(model)} bytes)")


if __name__ == "__main__":
    main()
