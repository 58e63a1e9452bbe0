"""The converter-made 16x8 audio model (tests/models/audio16x8, TensorFlow's
EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8 mode) runs bit-exact with TFLM: a
Conv1D encoder-decoder with LEAKY_RELU, TRANSPOSE_CONV upsampling, STRIDED_SLICE crops and ADD
skips, int16 activations, int8 weights and int64 biases throughout, on the host runner and on
each overlay's library (make test-arm-dsp, test-arm-mve); tests/qemu/test_audio16x8.py runs it
on the emulated cores."""
from pathlib import Path

import numpy as np
from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema

import oracle
import ztflm

MODEL = Path(__file__).resolve().parents[1] / "models" / "audio16x8" / "denoiser_16x8.tflite"


def noisy_sine(seed: int) -> np.ndarray:
    """What the model was calibrated on: a sine at a random pitch in noise, quantized."""
    rng = np.random.default_rng(seed)
    ip = ztflm.Interpreter.from_file(MODEL)
    d = ip.get_input_details(0)
    scale = d["quantization_parameters"]["scales"][0]
    t = np.arange(256) / 16000.0
    x = 0.5 * np.sin(2 * np.pi * rng.uniform(100, 4000) * t) + rng.normal(0, 0.1, 256)
    return np.clip(np.round(x / scale), -32768, 32767).astype(np.int16).reshape(d["shape"])


def test_denoiser_is_bit_exact_with_tflm_on_random_inputs():
    oracle.assert_bit_exact(MODEL.read_bytes(), n_random=4, seed=15)


def test_denoiser_is_bit_exact_with_tflm_on_audio():
    for seed in range(3):
        oracle.assert_bit_exact(MODEL.read_bytes(), inputs=[noisy_sine(seed)])


def test_denoiser_is_the_16x8_model_the_issue_describes():
    """What the converter wrote: every activation int16, every weight int8, every bias int64, and
    the operators of a Conv1D encoder-decoder with transposed-convolution upsampling."""
    m = schema.ModelT.InitFromPackedBuf(MODEL.read_bytes(), 0)
    g = m.subgraphs[0]
    names = {v: k for k, v in vars(schema.BuiltinOperator).items() if not k.startswith("_")}
    ops = {names[max(m.operatorCodes[o.opcodeIndex].builtinCode,
                     m.operatorCodes[o.opcodeIndex].deprecatedBuiltinCode)] for o in g.operators}
    assert ops == {"CONV_2D", "TRANSPOSE_CONV", "LEAKY_RELU", "STRIDED_SLICE", "ADD", "RESHAPE",
                   "TANH"}
    for o in g.operators:
        name = names[max(m.operatorCodes[o.opcodeIndex].builtinCode,
                         m.operatorCodes[o.opcodeIndex].deprecatedBuiltinCode)]
        if name in ("CONV_2D", "TRANSPOSE_CONV"):
            data, weights = (o.inputs[0], o.inputs[1]) if name == "CONV_2D" else (o.inputs[2],
                                                                                  o.inputs[1])
            assert g.tensors[data].type == schema.TensorType.INT16
            assert g.tensors[weights].type == schema.TensorType.INT8
            assert g.tensors[o.inputs[-1]].type == schema.TensorType.INT64
