"""The shared models (../shared/models) and which of them this runtime runs: one list for
every test tier."""
from __future__ import annotations

from pathlib import Path

MODELS = Path(__file__).resolve().parents[1].parent / "shared" / "models"

SUPPORTED = [
    "mlperf_ad_autoencoder_int8",
    "mlperf_ic_resnet8_int8",
    "mlperf_kws_dscnn_int8",
    "mlperf_sww_int8",
    "mlperf_vww_mobilenet_int8",
    "tflm_audio_preprocessor_float",
    "tflm_audio_preprocessor_int8",
    "tflm_dtln_noise_suppression",
    "tflm_hello_world_float",
    "tflm_hello_world_int8",
    "tflm_keyword_scrambled",
    "tflm_keyword_scrambled_8bit",
    "tflm_magic_wand",
    "tflm_micro_speech_int8",
    "tflm_mnist_lstm_float",
    "tflm_mnist_lstm_int8",
    "tflm_person_detect_int8",
    "tflm_pytorch_mobilenet_v2_int8",
    "tflm_simple_add",
    "tflm_xtensa_micro_speech_lstm",
]

# Supported models that keep state across invokes (variable tensors).
STATEFUL = [
    "tflm_dtln_noise_suppression",
    "tflm_keyword_scrambled",
    "tflm_keyword_scrambled_8bit",
    "tflm_mnist_lstm_float",
    "tflm_mnist_lstm_int8",
    "tflm_xtensa_micro_speech_lstm",
]

# Every shared model runs; the tiers' model with an operator ztflm does not run is built
# (tests/models/unsupported/make_model.py), and this is the operator its error names.
UNSUPPORTED_MODEL = Path(__file__).resolve().parent / "models" / "unsupported" / \
    "bidirectional_sequence_lstm.tflite"
UNSUPPORTED_OP = "BIDIRECTIONAL_SEQUENCE_LSTM"

# Models large enough that repeating them in every tier costs minutes (the 3.9 MB MobileNetV2:
# its generated C alone is 20 MB of source). The QEMU tier compiles and runs its generated C
# on every core, so host tiers that repeat the plain one's work can leave it out or trim it.
LARGE = {"tflm_pytorch_mobilenet_v2_int8"}
