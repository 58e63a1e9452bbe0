"""The Zephyr samples' expected console lines (sample.yaml regexes) are what TFLM computes for
the bundled inputs, so twister passing on a board means the board agrees with TFLM bit for bit."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import yaml
from shared_models import MODELS

from oracle import run_tflm

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

KWS_LABELS = ["down", "go", "left", "no", "off", "on", "right", "stop", "up", "yes", "silence",
              "unknown"]

# Each sample's bundled model and the shared model it is a byte-for-byte copy of.
BUNDLED = {
    "hello_world/model/hello_world_int8.tflite": "tflm_hello_world_int8.tflite",
    "keyword_spotting/model/kws_dscnn_int8.tflite": "mlperf_kws_dscnn_int8.tflite",
    "micro_speech/model/audio_preprocessor_int8.tflite": "tflm_audio_preprocessor_int8.tflite",
    "micro_speech/model/micro_speech_int8.tflite": "tflm_micro_speech_int8.tflite",
    "person_detection/model/person_detect_int8.tflite": "tflm_person_detect_int8.tflite",
}


def regexes(sample: str) -> list[str]:
    doc = yaml.safe_load((SAMPLES / sample / "sample.yaml").read_text())
    return list(doc["common"]["harness_config"]["regex"])


def matched_in_order(sample: str, lines: list[str]) -> None:
    """Every expected line is matched, in order, by a regex anchored at the line's end, and
    the sample expects no prediction line beyond these."""
    rx = regexes(sample)
    anchored = [r for r in rx if r.endswith("$")]
    assert len(anchored) == len(lines), f"{sample}: {len(anchored)} predictions in sample.yaml"
    for pattern, line in zip(anchored, lines):
        assert re.search(pattern, line), f"{sample}: {pattern!r} does not match TFLM's {line!r}"


def model(path: str) -> bytes:
    return (SAMPLES / path).read_bytes()


def test_hello_world_outputs_are_tflms() -> None:
    source = (SAMPLES / "hello_world/src/main.c").read_text()
    found = re.search(r"inputs\[\] = \{([^}]*)\}", source)
    assert found
    xs = [int(v) for v in found.group(1).split(",")]
    m = model("hello_world/model/hello_world_int8.tflite")
    lines = []
    for x in xs:
        y = run_tflm(m, [np.array([[x]], np.int8)])[0].ravel()
        lines.append(f"x {x} -> y {int(y[0])}")
    matched_in_order("hello_world", lines)


def test_keyword_spotting_scores_are_tflms() -> None:
    m = model("keyword_spotting/model/kws_dscnn_int8.tflite")
    lines = []
    for name in ("yes", "no", "silence", "noise"):
        raw = (SAMPLES / "keyword_spotting/features" / f"{name}.bin").read_bytes()
        x = np.frombuffer(raw, np.int8).reshape(1, 49, 10, 1)
        y = run_tflm(m, [x])[0].ravel()
        scores = " ".join(str(int(v)) for v in y)
        lines.append(f"{name}: {scores} -> {KWS_LABELS[int(np.argmax(y))]}")
    matched_in_order("keyword_spotting", lines)


MICRO_SPEECH_CLIPS = ("yes", "no", "silence", "noise")


def test_micro_speech_scores_are_tflms() -> None:
    """The sample's pipeline (every 30 ms window 20 ms apart through the preprocessor without
    reset, the 49 feature rows into the classifier) run in TFLM on the bundled clips."""
    from ztflm import audio, kws

    pre = model("micro_speech/model/audio_preprocessor_int8.tflite")
    classifier = model("micro_speech/model/micro_speech_int8.tflite")
    lines = []
    for name in MICRO_SPEECH_CLIPS:
        clip = f"{name}_1000ms.wav"
        r = kws.recognize_tflm(pre, classifier, audio.read_wav(SAMPLES / "micro_speech/audio" /
                                                               clip))
        scores = " ".join(str(int(v)) for v in r.final.ravel())
        lines.append(f"{clip}: {len(r.frames)} windows, scores {scores} -> {r.word}")
    matched_in_order("micro_speech", lines)


@pytest.mark.parametrize("name", MICRO_SPEECH_CLIPS)
def test_micro_speech_clips_are_the_shared_ones(name: str) -> None:
    shared = MODELS.parent / "audio" / f"{name}_1000ms.wav"
    if not shared.exists():
        pytest.skip(f"{shared} is not on this machine")
    assert (SAMPLES / "micro_speech/audio" / f"{name}_1000ms.wav").read_bytes() == \
        shared.read_bytes()


WAV_MAIN = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wav.h"
int main(int argc, char **argv)
{
	static uint8_t buf[1 << 16];
	FILE *f = fopen(argv[1], "rb");
	const size_t len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	/* A copy of exactly len bytes: AddressSanitizer sees any read past them. */
	uint8_t *wav = malloc(len ? len : 1);
	memcpy(wav, buf, len);
	const uint8_t *pcm = NULL;
	size_t count = 0;
	const int rc = wav_pcm16(wav, len, (uint32_t)atoi(argv[2]), &pcm, &count);
	printf("%d %ld %zu\n", rc, pcm ? (long)(pcm - wav) : -1L, count);
	free(wav);
	return 0;
}
"""


def test_micro_speech_wav_reader_finds_the_samples_and_refuses_damage(tmp_path: Path) -> None:
    """The sample's WAV reader (src/wav.c) under AddressSanitizer: the clip's 16,000 samples
    after its 44-byte header; every cut of the header and of the data chunk refused, another
    rate or format refused, without a read past the bytes."""
    import subprocess

    src = SAMPLES / "micro_speech/src"
    (tmp_path / "main.c").write_text(WAV_MAIN)
    exe = tmp_path / "wav"
    subprocess.run(["gcc", "-std=c11", "-Wall", "-Werror", "-fsanitize=address,undefined",
                    f"-I{src}", str(tmp_path / "main.c"), str(src / "wav.c"), "-o", str(exe)],
                   check=True)

    def read(data: bytes, rate: int = 16000) -> tuple[int, int, int]:
        path = tmp_path / "x.wav"
        path.write_bytes(data)
        out = subprocess.run([str(exe), str(path), str(rate)], capture_output=True, text=True,
                             check=True).stdout.split()
        return int(out[0]), int(out[1]), int(out[2])

    wav = (SAMPLES / "micro_speech/audio/yes_1000ms.wav").read_bytes()
    assert read(wav) == (0, 44, 16000)
    assert read(wav, 8000)[0] == 3  # WAV_NOT_PCM16
    for cut in [*range(0, 44), 45, 1000, len(wav) - 1]:
        assert read(wav[:cut])[0] != 0, cut
    stereo = bytearray(wav)
    stereo[22] = 2
    assert read(bytes(stereo))[0] == 3
    assert read(b"RIFX" + wav[4:])[0] == 1


def bmp_pixels(path: Path) -> np.ndarray:
    """An 8-bit BMP's pixels, top row first, each byte as int8 (as the sample and TFLM feed it)."""
    b = path.read_bytes()
    offset = int.from_bytes(b[10:14], "little")
    width = int.from_bytes(b[18:22], "little")
    height = int.from_bytes(b[22:26], "little", signed=True)
    assert int.from_bytes(b[28:30], "little") == 8 and width % 4 == 0
    rows = np.frombuffer(b[offset:offset + width * abs(height)], np.uint8).reshape(abs(height),
                                                                                   width)
    return (rows[::-1] if height > 0 else rows).view(np.int8)


def test_person_detection_scores_are_tflms() -> None:
    m = model("person_detection/model/person_detect_int8.tflite")
    lines = []
    for name in ("person", "no_person"):
        x = bmp_pixels(SAMPLES / "person_detection/images" / f"{name}.bmp").reshape(1, 96, 96, 1)
        y = run_tflm(m, [x])[0].ravel()
        label = "person" if y[1] > y[0] else "no person"
        lines.append(f"{name}.bmp: no person {int(y[0])}, person {int(y[1])} -> {label}")
    matched_in_order("person_detection", lines)


def test_person_image_is_a_person_for_tflm() -> None:
    """The bundled images mean what their names say (TFLM's own example test)."""
    m = model("person_detection/model/person_detect_int8.tflite")
    for name, person in (("person", True), ("no_person", False)):
        x = bmp_pixels(SAMPLES / "person_detection/images" / f"{name}.bmp").reshape(1, 96, 96, 1)
        y = run_tflm(m, [x])[0].ravel()
        assert (y[1] > y[0]) == person


@pytest.mark.parametrize("bundled", sorted(BUNDLED))
def test_bundled_model_is_the_shared_one(bundled: str) -> None:
    shared = MODELS / BUNDLED[bundled]
    if not shared.exists():
        pytest.skip(f"{shared} is not on this machine")
    assert model(bundled) == shared.read_bytes()
