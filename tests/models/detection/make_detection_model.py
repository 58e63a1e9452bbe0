"""A small SSD-like detection model through TensorFlow's converter, ending in the
TFLite_Detection_PostProcess custom operator, as TensorFlow's Object Detection API exports one
(a tf.function implementing "TFLite_Detection_PostProcess" that the converter fuses).

Run with a Python that has TensorFlow (not the project's .venv):
    /work/tfenv/bin/python tests/models/detection/make_detection_model.py
It writes ssd_head_fast.tflite and ssd_head_regular.tflite beside itself (fast and regular
non-max suppression); tests/host/test_op_detection_postprocess.py runs them against TFLM.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import tensorflow as tf

HERE = Path(__file__).resolve().parent
BOXES = 24
CLASSES = 3  # plus a background class in the scores
MAX_DETECTIONS = 5


def anchors() -> np.ndarray:
    """Anchors (y, x, h, w) on a 4 x 6 grid, two sizes."""
    ys, xs = np.meshgrid((np.arange(4) + 0.5) / 4, (np.arange(6) + 0.5) / 6, indexing="ij")
    sizes = np.where(np.arange(BOXES) % 2 == 0, 0.25, 0.4)
    return np.stack([ys.ravel(), xs.ravel(), sizes, sizes * 0.8], 1).astype(np.float32)


def implements(regular: bool) -> str:
    """The attributes the converter turns into the operator's FlexBuffer options."""
    ints = dict(max_detections=MAX_DETECTIONS, max_classes_per_detection=1, num_classes=CLASSES,
                detections_per_class=4)
    floats = dict(nms_score_threshold=0.25, nms_iou_threshold=0.5, y_scale=10.0,
                  x_scale=10.0, h_scale=5.0, w_scale=5.0)
    attrs = [f'attr {{ key: "{k}" value {{ i: {v} }} }}' for k, v in ints.items()]
    attrs += [f'attr {{ key: "{k}" value {{ f: {v} }} }}' for k, v in floats.items()]
    attrs.append(f'attr {{ key: "use_regular_nms" value {{ b: {str(regular).lower()} }} }}')
    return " ".join(['name: "TFLite_Detection_PostProcess"', *attrs])


def build(regular: bool) -> bytes:
    rng = np.random.default_rng(7)
    w_box = tf.constant(rng.normal(0, 0.2, (32, BOXES * 4)).astype(np.float32))
    w_cls = tf.constant(rng.normal(0, 0.5, (32, BOXES * (CLASSES + 1))).astype(np.float32))
    anchor_data = tf.constant(anchors())

    @tf.function(experimental_implements=implements(regular))
    def post_process(box_encodings, class_predictions, anchor_boxes):
        # Placeholders the converter replaces by the custom operator; their shapes become its
        # outputs' (TFLM needs static ones: it writes max_detections entries whatever they are).
        boxes = tf.zeros([1, MAX_DETECTIONS, 4], tf.float32, name="boxes")
        classes = tf.zeros([1, MAX_DETECTIONS], tf.float32, name="classes")
        scores = tf.zeros([1, MAX_DETECTIONS], tf.float32, name="scores")
        num_detections = tf.zeros([1], tf.float32, name="num_detections")
        return boxes, classes, scores, num_detections

    class Head(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([1, 32], tf.float32)])
        def __call__(self, features):
            box = tf.reshape(tf.matmul(features, w_box), [1, BOXES, 4])
            cls = tf.sigmoid(tf.reshape(tf.matmul(features, w_cls), [1, BOXES, CLASSES + 1]))
            return post_process(box, cls, anchor_data)

    # Through a SavedModel, as the Object Detection API exports: the converter fuses the
    # function it keeps there (a concrete function's would be inlined into constants).
    with tempfile.TemporaryDirectory() as tmp:
        head = Head()
        tf.saved_model.save(head, tmp, signatures=head.__call__.get_concrete_function())
        converter = tf.lite.TFLiteConverter.from_saved_model(tmp)
        converter.allow_custom_ops = True
        return converter.convert()


def main() -> None:
    for regular in (False, True):
        name = f"ssd_head_{'regular' if regular else 'fast'}.tflite"
        (HERE / name).write_bytes(build(regular))
        print(f"wrote {name}")


if __name__ == "__main__":
    main()
