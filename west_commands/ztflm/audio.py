"""Audio into an audio preprocessor model (TFLM's Signal library front end): 16-bit PCM from
a WAV file, framed into the model's input windows, features from consecutive invokes."""
from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Union

import numpy as np

from .errors import Error
from .interpreter import Interpreter
from .text import printable

# The micro_speech front end: 30 ms windows every 20 ms of 16 kHz audio.
DEFAULT_RATE = 16000
DEFAULT_STRIDE_MS = 20


@dataclass(frozen=True)
class Pcm:
    """Mono 16-bit samples and their rate."""
    samples: np.ndarray  # int16
    rate: int


def read_wav(path: Union[str, Path]) -> Pcm:
    """The samples of a 16-bit PCM mono WAV file; anything else is one-line Error."""
    name = printable(str(path))
    try:
        with wave.open(str(path), "rb") as w:
            if w.getcomptype() != "NONE" or w.getsampwidth() != 2 or w.getnchannels() != 1:
                raise Error(f"{name}: not 16-bit PCM mono ({w.getnchannels()} channels of "
                            f"{8 * w.getsampwidth()} bits, {w.getcompname()})")
            frames = w.readframes(w.getnframes())
            rate = w.getframerate()
    except (OSError, EOFError, wave.Error) as e:
        raise Error(f"cannot read {name}: {e}") from None
    return Pcm(np.frombuffer(frames[:len(frames) // 2 * 2], "<i2").astype(np.int16), rate)


def check_rate(pcm: Pcm, rate: int, what: str) -> None:
    if pcm.rate != rate:
        raise Error(f"{printable(what)} is {pcm.rate} Hz; the preprocessor takes {rate} Hz "
                    "(--rate)")


def windows(samples: np.ndarray, size: int, stride: int) -> list[np.ndarray]:
    """Every whole window of size samples, stride apart from the start (as TFLM's
    micro_speech example frames a clip; a partial last window is left out)."""
    if size <= 0 or stride <= 0:
        raise Error(f"windows of {size} samples every {stride} cannot frame audio")
    if len(samples) < size:
        raise Error(f"{len(samples)} samples are fewer than one window of {size}")
    return [samples[s:s + size] for s in range(0, len(samples) - size + 1, stride)]


def window_size(ip: Interpreter) -> int:
    """The samples one invoke of a preprocessor takes: its one int16 input."""
    if ip.num_inputs() != 1 or ip.get_input_details(0)["dtype"] != np.int16:
        raise Error("an audio preprocessor takes one int16 input (PCM samples)")
    return int(np.prod(ip.get_input_details(0)["shape"]))


def stride_samples(rate: int, stride_ms: int) -> int:
    if stride_ms <= 0 or (rate * stride_ms) % 1000:
        raise Error(f"a stride of {stride_ms} ms is not a whole number of samples at {rate} Hz")
    return rate * stride_ms // 1000


def features(ip: Interpreter, frames: list[np.ndarray]) -> np.ndarray:
    """The preprocessor's output for each window in turn, from a reset interpreter and with no
    reset between windows: its noise estimate carries over, as on a device."""
    shape = ip.get_input_details(0)["shape"]
    ip.reset()
    rows = []
    for x in frames:
        ip.set_input(np.asarray(x, np.int16).reshape(shape), 0)
        ip.invoke()
        rows.append(ip.get_output(0).reshape(-1))
    return np.stack(rows)
