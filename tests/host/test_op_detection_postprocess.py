"""TFLite_Detection_PostProcess (the SSD head: boxes decoded against anchors, then fast or
per-class non-max suppression) through the model builder with every option TFLM reads,
bit-exact with tflite-micro, and each refusal of what TFLM fails on or overruns."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import numpy as np
import pytest

import oracle
import ztflm
from modelbuilder import ModelBuilder

OP = "TFLite_Detection_PostProcess"
OPTIONS = dict(max_detections=3, max_classes_per_detection=1, detections_per_class=100,
               use_regular_nms=False, nms_score_threshold=0.3, nms_iou_threshold=0.5,
               num_classes=3, y_scale=10.0, x_scale=10.0, h_scale=5.0, w_scale=5.0)


def anchors(boxes: int, seed: int = 0) -> np.ndarray:
    """Anchors (y, x, h, w) over the unit square, overlapping."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0.2, 0.8, (boxes, 2))
    sizes = rng.uniform(0.1, 0.5, (boxes, 2))
    return np.concatenate([centres, sizes], 1).astype(np.float32)


def model(boxes: int = 6, classes: int = 3, background: int = 1, entries: Optional[int] = None,
          stride: int = 4, dtype: Any = np.float32, anchor_data: Optional[np.ndarray] = None,
          options: Any = None, **changes: Any) -> bytes:
    """One TFLite_Detection_PostProcess; outputs of entries detections (default
    max_detections * max_classes_per_detection, as the converter sizes them)."""
    opts = {**OPTIONS, "num_classes": classes, **changes}
    if entries is None:
        entries = opts["max_detections"] * (1 if opts["use_regular_nms"] else
                                            opts["max_classes_per_detection"])
    b = ModelBuilder()
    q = {} if dtype == np.float32 else dict(scale=0.05, zero_point=0)
    box = b.input([1, boxes, stride], dtype, **q)
    cls = b.input([1, boxes, classes + background], dtype, **q)
    a = b.const(anchors(boxes) if anchor_data is None else anchor_data)
    outs = [b.tensor([1, entries, 4], np.float32), b.tensor([1, entries], np.float32),
            b.tensor([1, entries], np.float32), b.tensor([1], np.float32)]
    b.custom(OP, [box, cls, a], outs, opts if options is None else options)
    for t in outs:
        b.output(t)
    return b.build()


def samples(boxes: int, classes: int, n: int, seed: int, stride: int = 4,
            levels: int = 0) -> list[list[np.ndarray]]:
    """Box encodings around 0 and scores in [0, 1); levels > 0 rounds scores to that many
    values, so that many are equal (the sorts' tie order)."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        enc = rng.normal(0, 2, (1, boxes, stride)).astype(np.float32)
        scores = rng.uniform(0, 1, (1, boxes, classes)).astype(np.float32)
        if levels:
            scores = (np.floor(scores * levels) / levels).astype(np.float32)
        out.append([enc, scores])
    return out


def fast_written(cats: int):
    """TFLM's fast NMS writes detection k (of count) at cats * k + k % cats; the rest of its
    outputs is whatever the arena held."""
    def written(_: int, outs: list[np.ndarray]) -> list[np.ndarray]:
        count = int(outs[3][0])
        masks = [np.zeros(o.shape, bool) for o in outs]
        for k in range(count):
            at = cats * k + k % cats
            masks[0][0, at, :] = True
            masks[1][0, at] = masks[2][0, at] = True
        masks[3][:] = True
        return masks
    return written


@pytest.mark.parametrize("boxes,classes,background,threshold,levels", [
    (1, 1, 0, 0.0, 0), (6, 3, 1, 0.3, 0), (25, 4, 0, 0.1, 0), (25, 2, 1, 0.2, 4),
    (40, 5, 1, 0.5, 3), (7, 1, 1, 0.9, 0)])
def test_fast_nms_like_tflm(boxes, classes, background, threshold, levels):
    """Below 20 kept boxes TFLM's sort is an insertion sort, above a merge sort; levels gives
    equal scores, whose order the sorts decide."""
    m = model(boxes, classes, background, nms_score_threshold=threshold, max_detections=5)
    oracle.assert_bit_exact(m, samples=samples(boxes, classes + background, 2, boxes + levels,
                                               levels=levels), written=fast_written(1))


@pytest.mark.parametrize("cats,classes", [(2, 3), (3, 3), (5, 2)])
def test_fast_nms_with_several_classes_per_detection(cats, classes):
    """TFLM writes detection k at cats * k + k % cats: outputs of cats^2 * max_detections
    entries hold it (fewer are refused, below)."""
    used = min(cats, classes)
    m = model(12, classes, 1, entries=used * used * 4, max_detections=4,
              max_classes_per_detection=cats, nms_score_threshold=0.1)
    oracle.assert_bit_exact(m, samples=samples(12, classes + 1, 2, cats),
                            written=fast_written(used))


@pytest.mark.parametrize("boxes,classes,background,max_det,per_class,levels", [
    (1, 1, 0, 1, 1, 0), (6, 3, 1, 3, 100, 0), (6, 3, 1, 1, 2, 0), (25, 4, 0, 10, 3, 0),
    (30, 2, 1, 6, 100, 4), (8, 5, 1, 20, 1, 2), (5, 2, 0, 2, 1, 0)])
def test_regular_nms_like_tflm(boxes, classes, background, max_det, per_class, levels):
    """Per class NMS, merged and partially sorted (libstdc++'s heap select) into the
    max_detections best; max_detections 1 and 1 box fill TFLM's merge buffers past its
    sizes, into scratch it reads no more."""
    m = model(boxes, classes, background, use_regular_nms=True, max_detections=max_det,
              detections_per_class=per_class, nms_score_threshold=0.2)
    oracle.assert_bit_exact(m, samples=samples(boxes, classes + background, 2,
                                               boxes * max_det + levels, levels=levels))


def test_defaults_scales_and_a_wider_box_encoding():
    """detections_per_class and use_regular_nms may be absent (100, fast); a box encoding of
    more than 4 values (keypoints) is read by its first 4; other scales."""
    opts = {k: v for k, v in OPTIONS.items() if k not in ("detections_per_class",
                                                           "use_regular_nms")}
    opts |= dict(y_scale=2.5, x_scale=0.5, h_scale=1.0, w_scale=3.0, nms_iou_threshold=1.0)
    m = model(9, 3, 1, stride=6, options=opts)
    oracle.assert_bit_exact(m, samples=samples(9, 4, 3, 11, stride=6), written=fast_written(1))


def test_nan_and_infinite_scores_sort_as_tflm_sorts_them():
    """NaN is unordered: libstdc++'s partial_sort of the classes then puts it where its heap
    does; NaN never passes the score threshold."""
    m = model(10, 4, 1, max_classes_per_detection=1, nms_score_threshold=0.0)
    cases = samples(10, 5, 3, 5)
    for k, (_, scores) in enumerate(cases):
        scores[0, k::3, 1 + k] = np.nan
        scores[0, 1::4, 2] = np.inf
    oracle.assert_bit_exact(m, samples=cases, written=fast_written(1))
    mr = model(10, 4, 1, use_regular_nms=True, nms_score_threshold=0.0)
    oracle.assert_bit_exact(mr, samples=cases)


def test_a_detection_head_model_like_tflm():
    """A small SSD-like model: a fully connected layer gives the box encodings, another with
    a logistic the class scores, then the post-process, per-class NMS."""
    rng = np.random.default_rng(3)
    b = ModelBuilder()
    x = b.input([1, 16], np.float32)
    wb = b.const(rng.normal(0, 0.1, (8 * 4, 16)).astype(np.float32))
    wc = b.const(rng.normal(0, 0.5, (8 * 3, 16)).astype(np.float32))
    enc_flat = b.tensor([1, 32], np.float32)
    logit_flat = b.tensor([1, 24], np.float32)
    b.op("FULLY_CONNECTED", [x, wb, -1], [enc_flat], "FullyConnectedOptions")
    b.op("FULLY_CONNECTED", [x, wc, -1], [logit_flat], "FullyConnectedOptions")
    enc = b.tensor([1, 8, 4], np.float32)
    logits = b.tensor([1, 8, 3], np.float32)
    scores = b.tensor([1, 8, 3], np.float32)
    b.op("RESHAPE", [enc_flat, b.const(np.array([1, 8, 4], np.int32))], [enc])
    b.op("RESHAPE", [logit_flat, b.const(np.array([1, 8, 3], np.int32))], [logits])
    b.op("LOGISTIC", [logits], [scores])
    outs = [b.tensor([1, 4, 4], np.float32), b.tensor([1, 4], np.float32),
            b.tensor([1, 4], np.float32), b.tensor([1], np.float32)]
    b.custom(OP, [enc, scores, b.const(anchors(8, 1))], outs,
             {**OPTIONS, "num_classes": 2, "max_detections": 4, "use_regular_nms": True})
    for t in outs:
        b.output(t)
    oracle.assert_bit_exact(b.build(), samples=[[rng.uniform(-1, 1, (1, 16)).astype(np.float32)]
                                                for _ in range(4)])


CONVERTED = Path(__file__).resolve().parents[1] / "models" / "detection"


def first_detections(_: int, outs: list[np.ndarray]) -> list[np.ndarray]:
    """Whatever order a model gives its outputs in: the count's, and the first count
    detections of the others (TFLM's fast NMS leaves the rest unwritten)."""
    count = int(next(o for o in outs if o.shape == (1,))[0])
    masks = []
    for o in outs:
        m = np.zeros(o.shape, bool)
        if o.shape == (1,):
            m[:] = True
        else:
            m[0, :count] = True
        masks.append(m)
    return masks


@pytest.mark.parametrize("mode", ["fast", "regular"])
def test_converter_made_detection_models_like_tflm(mode):
    """An SSD head through TensorFlow's converter (tests/models/detection), the post-process
    fused from a tf.function implementing it, as the Object Detection API exports one."""
    m = (CONVERTED / f"ssd_head_{mode}.tflite").read_bytes()
    rng = np.random.default_rng(5)
    cases = [[rng.normal(0, 1, (1, 32)).astype(np.float32)] for _ in range(6)]
    outs = oracle.assert_bit_exact(m, samples=cases, written=first_detections)
    assert int(next(o for o in outs if o.shape == (1,))[0]) > 0


def test_int8_inputs_are_refused_as_tflm_fails_on_them():
    m = model(dtype=np.int8)
    with pytest.raises(RuntimeError):
        oracle.run_tflm(m, [np.zeros((1, 6, 4), np.int8), np.zeros((1, 6, 4), np.int8)])
    with pytest.raises(ztflm.Error, match="INT8") as err:
        ztflm.Interpreter.from_bytes(m)
    assert err.value.code == ztflm.Status.UNSUPPORTED


def test_an_empty_decoded_box_fails_at_invoke_as_in_tflm():
    """An anchor of height 0 decodes to ymin == ymax: TFLM's NMS fails the invoke."""
    a = anchors(6)
    a[2, 2] = 0.0
    m = model(anchor_data=a)
    x = samples(6, 4, 1, 0)[0]
    with pytest.raises(RuntimeError):
        oracle.run_tflm(m, x)
    ip = ztflm.Interpreter.from_bytes(m)
    for i, v in enumerate(x):
        ip.set_input(v, i)
    with pytest.raises(ztflm.Error, match="decoded box 2 is empty"):
        ip.invoke()


@pytest.mark.parametrize("kwargs,match", [
    (dict(nms_iou_threshold=0.0), "'nms_iou_threshold' must be in"),
    (dict(nms_iou_threshold=1.5), "'nms_iou_threshold' must be in"),
    (dict(num_classes=0, classes=0), "'num_classes' is 0"),
    (dict(classes=3, background=2), "scores hold 5 classes for num_classes 3"),
    (dict(max_classes_per_detection=0), "'max_classes_per_detection' is 0"),
    (dict(use_regular_nms=True, detections_per_class=0), "'detections_per_class' is 0"),
    (dict(max_detections=-1, entries=3), "'max_detections' is -1"),
    (dict(max_classes_per_detection=2), "outputs too small"),
    (dict(entries=2), "outputs too small"),
    (dict(anchor_data=anchors(5)), "anchors hold 20 values, not 4 for each of 6 boxes"),
    (dict(stride=3), r"box encodings must be \[1, boxes, 4 or more\]"),
    (dict(options={k: v for k, v in OPTIONS.items() if k != "y_scale"}),
     "'y_scale' is missing"),
])
def test_refuses_what_tflm_fails_on_or_overruns(kwargs, match):
    """TFLM fails at invoke on the thresholds and counts; on small outputs, few anchors and
    short encodings it reads or writes past them."""
    with pytest.raises(ztflm.Error, match=match) as err:
        ztflm.Interpreter.from_bytes(model(**kwargs))
    assert str(err.value).startswith(f"{OP} (custom) at node 0: "), err.value
