"""Writes the keyword_spotting sample's feature frames: int8[49, 10] MFCCs of 1 s recordings.

An approximation of MLPerf Tiny's KWS front end in numpy: 16 kHz audio, 30 ms Hann windows
every 20 ms (49 frames), |FFT| over 512 points, 40 mel bands from 20 Hz to 4 kHz, log, DCT-II,
the first 10 coefficients, quantized with the model's input scale and zero point. The
recordings are TFLM's micro_speech test data (tensorflow/tflite-micro @ 90b983c,
tensorflow/lite/micro/examples/micro_speech/testdata/*_1000ms.wav, Apache-2.0):

    python make_features.py DIR_WITH_WAVS

The classes the sample expects are what TFLM computes for these bytes (tests/host/test_samples.py).
"""
from __future__ import annotations

import argparse
import wave
from pathlib import Path

import numpy as np

RATE = 16000
WINDOW = 480
STRIDE = 320
FRAMES = 49
FFT = 512
MELS = 40
COEFFS = 10
SCALE = 0.584703  # the model's input quantization
ZERO_POINT = 83
RECORDINGS = ("yes", "no", "silence", "noise")


def hz_to_mel(f: np.ndarray) -> np.ndarray:
    return 1127.0 * np.log1p(f / 700.0)


def mel_matrix() -> np.ndarray:
    """[FFT // 2 + 1, MELS] triangular filters, equally spaced in mel (HTK)."""
    mels = hz_to_mel(np.linspace(0.0, RATE / 2, FFT // 2 + 1)[1:])
    edges = np.linspace(hz_to_mel(np.array(20.0)), hz_to_mel(np.array(4000.0)), MELS + 2)
    lo, mid, hi = edges[:-2], edges[1:-1], edges[2:]
    rise = (mels[:, None] - lo) / (mid - lo)
    fall = (hi - mels[:, None]) / (hi - mid)
    return np.pad(np.maximum(0.0, np.minimum(rise, fall)), ((1, 0), (0, 0)))


def features(wav: Path) -> np.ndarray:
    with wave.open(str(wav)) as w:
        audio = np.frombuffer(w.readframes(w.getnframes()), np.int16) / 32768.0
    audio = np.pad(audio, (0, max(0, RATE - len(audio))))[:RATE]
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(WINDOW) / WINDOW)
    frames = np.stack([audio[i * STRIDE:i * STRIDE + WINDOW] * window for i in range(FRAMES)])
    log_mel = np.log(np.abs(np.fft.rfft(frames, FFT)) @ mel_matrix() + 1e-6)
    k = np.arange(MELS)
    dct = np.cos(np.pi / MELS * (k[None, :] + 0.5) * k[:, None]) * 2 / np.sqrt(2 * MELS)
    mfcc = (log_mel @ dct.T)[:, :COEFFS]
    return np.clip(np.round(mfcc / SCALE) + ZERO_POINT, -128, 127).astype(np.int8)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wavs", type=Path, help="directory holding <name>_1000ms.wav")
    args = parser.parse_args()
    for name in RECORDINGS:
        out = Path(__file__).with_name(f"{name}.bin")
        out.write_bytes(features(args.wavs / f"{name}_1000ms.wav").tobytes())
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
