"""Keyword spotting from PCM: an audio preprocessor model chained into a classifier, as
TFLM's micro_speech example does it (examples/micro_speech/evaluate.py): the features of every
window of a clip, then the classifier on them frame by frame and on the whole clip."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from . import audio, compare
from .errors import Error
from .interpreter import Interpreter

# micro_speech's categories, in its output's order.
MICRO_SPEECH_LABELS = ("silence", "unknown", "yes", "no")


@dataclass(frozen=True)
class Recognition:
    """The classifier's raw outputs after each window (features so far, zeros after) and on
    all of them, their dequantized scores, and the word with the highest final score."""
    frames: list[np.ndarray]
    final: np.ndarray
    scores: list[np.ndarray]  # float32, one per frame, then the final one
    labels: tuple[str, ...]

    @property
    def word(self) -> str:
        return self.labels[int(np.argmax(self.scores[-1]))]

    @property
    def probability(self) -> float:
        return float(np.max(self.scores[-1]))


def _frames(classifier: Interpreter, width: int) -> int:
    """Feature rows the classifier takes at once (micro_speech: 49 of 40)."""
    if classifier.num_inputs() != 1:
        raise Error("the classifier must take one input (the stacked features)")
    size = int(np.prod(classifier.get_input_details(0)["shape"]))
    if width == 0 or size % width:
        raise Error(f"the classifier's input of {size} values is not rows of the "
                    f"preprocessor's {width} features")
    return size // width


def classifier_input(features: np.ndarray, details: dict) -> np.ndarray:
    """Features as the classifier takes them: as they are when the types agree, else float
    features quantized as evaluate.py does (x / scale + zero point, truncated)."""
    dtype = np.dtype(details["dtype"])
    if features.dtype == dtype:
        return features
    if features.dtype != np.float32 or dtype.kind != "i":
        raise Error(f"{features.dtype} features cannot feed a {dtype} classifier")
    q = details["quantization_parameters"]
    if not len(q["scales"]):
        raise Error("the classifier's input is not quantized")
    scaled = features / np.float32(q["scales"][0]) + np.float32(q["zero_points"][0])
    info = np.iinfo(dtype)
    return np.clip(scaled, info.min, info.max).astype(dtype)


def scores(output: np.ndarray, details: dict) -> np.ndarray:
    """Dequantized as evaluate.py does: scale * (q - zero point) in float32."""
    if output.dtype == np.float32:
        return output.reshape(-1)
    q = details["quantization_parameters"]
    return (np.float32(q["scales"][0]) *
            (output.reshape(-1).astype(np.float32) - np.float32(q["zero_points"][0])))


def stacks(features: np.ndarray, frames: int) -> list[np.ndarray]:
    """The classifier's input after each window (rows so far, zeros after), then for the
    whole clip (its first frames rows)."""
    full = np.zeros((frames, features.shape[1]), features.dtype)
    out = []
    for n, row in enumerate(features[:frames]):
        full[n] = row
        out.append(full.copy())
    return out + [full.copy()]


def recognize(preprocessor: Interpreter, classifier: Interpreter, pcm: audio.Pcm,
              stride_ms: int = audio.DEFAULT_STRIDE_MS,
              labels: Optional[Sequence[str]] = None) -> Recognition:
    frames = audio.windows(pcm.samples, audio.window_size(preprocessor),
                           audio.stride_samples(pcm.rate, stride_ms))
    feats = audio.features(preprocessor, frames)
    rows = _frames(classifier, feats.shape[1])
    details = classifier.get_input_details(0)
    outputs = []
    for stack in stacks(feats, rows):
        classifier.set_input(classifier_input(stack, details).reshape(details["shape"]), 0)
        classifier.invoke()
        outputs.append(classifier.get_output(0))
    return _recognition(outputs, classifier.get_output_details(0), labels)


def _recognition(outputs: list[np.ndarray], details: dict,
                 labels: Optional[Sequence[str]]) -> Recognition:
    n = outputs[-1].size
    names = tuple(labels) if labels else (MICRO_SPEECH_LABELS if n == 4 else
                                          tuple(f"class {i}" for i in range(n)))
    if len(names) != n:
        raise Error(f"{len(names)} labels for a classifier of {n} outputs")
    return Recognition(outputs[:-1], outputs[-1], [scores(o, details) for o in outputs], names)


def recognize_tflm(preprocessor: bytes, classifier: bytes, pcm: audio.Pcm,
                   stride_ms: int = audio.DEFAULT_STRIDE_MS,
                   labels: Optional[Sequence[str]] = None) -> Recognition:
    """The same pipeline through TFLM's own interpreter (tflite-micro), end to end: its
    features feed its classifier."""
    pre = Interpreter.from_bytes(preprocessor)
    cls = Interpreter.from_bytes(classifier)
    frames = audio.windows(pcm.samples, audio.window_size(pre),
                           audio.stride_samples(pcm.rate, stride_ms))
    shape = pre.get_input_details(0)["shape"]
    steps = [[np.asarray(x, np.int16).reshape(shape)] for x in frames]
    feats = np.stack([out[0].reshape(-1) for out in
                      compare.run_tflm_steps(preprocessor, steps, 1, pre.arena_used_bytes())])
    details = cls.get_input_details(0)
    steps = [[classifier_input(s, details).reshape(details["shape"])]
             for s in stacks(feats, _frames(cls, feats.shape[1]))]
    outputs = [o[0] for o in compare.run_tflm_steps(classifier, steps, 1,
                                                    cls.arena_used_bytes())]
    return _recognition(outputs, cls.get_output_details(0), labels)
