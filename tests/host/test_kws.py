"""Keyword spotting from PCM on the host: both TFLM audio preprocessors bit-exact on every
30 ms window of the shared speech clips (stateful: no reset between windows, on either side),
the micro_speech classifier chained to them giving TFLM's scores bit for bit, and `ztflm run
--wav` and `ztflm kws` over WAV files, with one-line errors for what they cannot take."""
from __future__ import annotations

import re
import wave
from pathlib import Path

import numpy as np
import pytest
from conftest import shared_model
from shared_models import MODELS

import oracle
import ztflm
from ztflm import audio, cli, kws

AUDIO = MODELS.parent / "audio"
CLIPS = ["yes_1000ms", "no_1000ms", "silence_1000ms", "noise_1000ms", "yes_30ms", "no_30ms"]
PREPROCESSORS = ["tflm_audio_preprocessor_int8", "tflm_audio_preprocessor_float"]
# What TFLM's micro_speech example recognizes in each 1 s clip (micro_speech_test.cc; it
# expects "silence" for the noise clip, which shared/audio/README.md lists as unknown).
WORDS = {"yes_1000ms": "yes", "no_1000ms": "no", "silence_1000ms": "silence",
         "noise_1000ms": "silence"}


def clip(name: str) -> Path:
    path = AUDIO / f"{name}.wav"
    if not path.is_file():
        pytest.skip(f"speech clip {path} not found")
    return path


def windows(name: str) -> list[np.ndarray]:
    pcm = audio.read_wav(clip(name))
    return audio.windows(pcm.samples, 480, 320)


@pytest.mark.parametrize("model", PREPROCESSORS)
@pytest.mark.parametrize("name", CLIPS)
def test_preprocessor_on_every_window_of_a_clip_like_tflm(model, name):
    """Consecutive invokes on each side (recorded as one case, replayed on QEMU): the noise
    estimate of spectral subtraction carries from window to window."""
    data = shared_model(model).read_bytes()
    samples = [[w.reshape(1, 480)] for w in windows(name)]
    oracle.assert_bit_exact(data, samples=samples, sequence=True)


def test_preprocessor_features_are_tflms_micro_speech_test_ones():
    """The first window of the 30 ms clips gives the features TFLM's micro_speech_test.cc
    expects (NoFeatureTest, YesFeatureTest)."""
    ip = ztflm.Interpreter.from_file(shared_model("tflm_audio_preprocessor_int8"))
    no = audio.features(ip, windows("no_30ms"))[0]
    assert no[:8].tolist() == [126, 103, 124, 102, 124, 102, 123, 100]
    yes = audio.features(ip, windows("yes_30ms"))[0]
    assert yes[-8:].tolist() == [81, 74, 80, 71, 83, 76, 82, 71]


@pytest.mark.parametrize("model", PREPROCESSORS)
@pytest.mark.parametrize("name", list(WORDS))
def test_pipeline_gives_tflms_scores_and_word(model, name):
    """The preprocessor's features of all 49 windows, then micro_speech after each window
    and on the whole clip: every score equal to TFLM's own pipeline, the word TFLM's."""
    pre = shared_model(model).read_bytes()
    cls = shared_model("tflm_micro_speech_int8").read_bytes()
    pcm = audio.read_wav(clip(name))
    ours = kws.recognize(ztflm.Interpreter.from_bytes(pre), ztflm.Interpreter.from_bytes(cls),
                         pcm)
    theirs = kws.recognize_tflm(pre, cls, pcm)
    assert len(ours.frames) == 49
    oracle.assert_same_outputs([*ours.frames, ours.final], [*theirs.frames, theirs.final])
    assert ours.word == theirs.word == WORDS[name]


def test_kws_command_prints_each_window_and_the_word(capsys):
    args = ["kws", str(shared_model("tflm_audio_preprocessor_int8")),
            str(shared_model("tflm_micro_speech_int8")), str(clip("no_1000ms")), "--compare-tflm"]
    assert cli.main(args) == 0
    out = capsys.readouterr().out.splitlines()
    frames = [line for line in out if line.startswith("Frame #")]
    assert len(frames) == 49 and frames[0].startswith("Frame #0: [")
    assert "Model predicts the audio sample as <no> with probability 0.95" in out
    assert out[-1] == "scores: bit-exact with TFLM (features of 49 windows and 50 classifications)"


def test_run_over_a_wav_writes_every_windows_features(tmp_path, capsys):
    out = tmp_path / "features.npz"
    args = ["run", str(shared_model("tflm_audio_preprocessor_int8")), "--wav",
            str(clip("yes_1000ms")), "--output", str(out), "--compare-tflm"]
    assert cli.main(args) == 0
    text = capsys.readouterr().out
    assert "audio: yes_1000ms.wav, 16000 samples at 16000 Hz: 49 windows of 480 every 320" in text
    assert "features: bit-exact with TFLM (49 windows, no reset between them)" in text
    with np.load(out) as z:
        feats = z["arr_0"]
    assert feats.shape == (49, 40) and feats.dtype == np.int8
    ip = ztflm.Interpreter.from_file(shared_model("tflm_audio_preprocessor_int8"))
    assert np.array_equal(feats, audio.features(ip, windows("yes_1000ms")))


def write_wav(path: Path, samples: np.ndarray, rate: int = 16000, width: int = 2,
              channels: int = 1) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())
    return path


@pytest.mark.parametrize("make,extra,match", [
    (lambda p: write_wav(p, np.zeros(960, np.int16), channels=2), [],
     "not 16-bit PCM mono \\(2 channels of 16 bits"),
    (lambda p: write_wav(p, np.zeros(960, np.uint8), width=1), [],
     "not 16-bit PCM mono \\(1 channels of 8 bits"),
    (lambda p: write_wav(p, np.zeros(960, np.int16), rate=8000), [],
     "is 8000 Hz; the preprocessor takes 16000 Hz"),
    (lambda p: write_wav(p, np.zeros(100, np.int16)), [],
     "100 samples are fewer than one window of 480"),
    (lambda p: write_wav(p, np.zeros(960, np.int16)), ["--stride-ms", "0"],
     "a stride of 0 ms is not a whole number of samples"),
    (lambda p: (p.write_bytes(b"RIFF\0\0\0\0WAVEjunk"), p)[1], [],
     "cannot read .*clip.wav: not a WAVE file"),
    (lambda p: p, [], "cannot read .*clip.wav"),
])
def test_kws_and_run_refuse_audio_they_cannot_take(tmp_path, capfd, make, extra, match):
    path = make(tmp_path / "clip.wav")
    pre = str(shared_model("tflm_audio_preprocessor_int8"))
    cls = str(shared_model("tflm_micro_speech_int8"))
    for args in (["kws", pre, cls, str(path), *extra], ["run", pre, "--wav", str(path), *extra]):
        assert cli.main(args) == 2
        err = capfd.readouterr().err.splitlines()
        assert len(err) == 1 and err[0].startswith("ztflm: error: "), err
        assert re.search(match, err[0]), err[0]


@pytest.mark.parametrize("args,match", [
    (["kws", "{pre}", "{hello}", "{wav}"], "not rows of the preprocessor's 40 features"),
    (["kws", "{hello}", "{cls}", "{wav}"], "an audio preprocessor takes one int16 input"),
    (["kws", "{pre}", "{cls}", "{wav}", "--labels", "a,b"], "2 labels for a classifier of 4"),
    (["run", "{pre}", "--wav", "{wav}", "--input", "x.npy"], "--wav and --input both"),
])
def test_kws_refuses_models_that_do_not_chain(args, match, capfd):
    names = {"pre": shared_model("tflm_audio_preprocessor_int8"),
             "cls": shared_model("tflm_micro_speech_int8"),
             "hello": shared_model("tflm_hello_world_int8"), "wav": clip("yes_1000ms")}
    assert cli.main([a.format(**names) for a in args]) == 2
    err = capfd.readouterr().err.splitlines()
    assert len(err) == 1 and match in err[0], err
