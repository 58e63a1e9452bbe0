"""The converter-made U-Net-style decoders (tests/models/unet_decoder, written by TensorFlow's
converter from Keras) run bit-exact with TFLM, float32 and full-integer int8: TRANSPOSE_CONV
with bias and a fused ReLU (SAME) and without (VALID), CONCATENATION with the skip features,
RESIZE_NEAREST_NEIGHBOR and RESIZE_BILINEAR with half-pixel centers (Keras' resize) and
RESIZE_BILINEAR with align_corners (TF1's), as the converter encodes them."""
from pathlib import Path

import numpy as np
import pytest
from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema

import oracle
import ztflm

MODELS = Path(__file__).resolve().parents[1] / "models" / "unet_decoder"
KINDS = ["float", "int8"]


def model(kind: str) -> bytes:
    return (MODELS / f"unet_decoder_{kind}.tflite").read_bytes()


@pytest.mark.parametrize("kind", KINDS)
def test_unet_decoder_is_bit_exact_with_tflm(kind):
    oracle.assert_bit_exact(model(kind), n_random=3, seed=13)


@pytest.mark.parametrize("kind", KINDS)
def test_unet_decoder_on_activation_like_inputs(kind):
    """Inputs shaped like the ReLU features an encoder gives (half of them 0), not only the
    oracle's spread over the whole range."""
    ip = ztflm.Interpreter.from_bytes(model(kind))
    rng = np.random.default_rng(7)
    inputs = []
    for i in range(ip.num_inputs()):
        d = ip.get_input_details(i)
        x = np.maximum(rng.normal(0, 1, d["shape"]), 0).astype(np.float32)
        if kind == "int8":
            q = d["quantization_parameters"]
            s, z = q["scales"][0], q["zero_points"][0]
            x = np.clip(np.round(x / s) + z, -128, 127).astype(np.int8)
        inputs.append(x)
    oracle.assert_bit_exact(model(kind), inputs=inputs)


def _operators(data: bytes) -> list[tuple[str, dict]]:
    m = schema.ModelT.InitFromPackedBuf(data, 0)
    names = {v: k for k, v in vars(schema.BuiltinOperator).items() if not k.startswith("_")}
    ops = []
    for op in m.subgraphs[0].operators:
        code = m.operatorCodes[op.opcodeIndex]
        options = vars(op.builtinOptions) if op.builtinOptions else {}
        ops.append((names[max(code.builtinCode, code.deprecatedBuiltinCode)],
                    {**options, "inputs": len(op.inputs)}))
    return ops


@pytest.mark.parametrize("kind", KINDS)
def test_the_models_hold_the_encodings_the_builder_tests_do_not_choose(kind):
    """What the converter wrote, so the test above covers it: a transposed convolution with a
    bias input and a fused ReLU, resizes with each flag."""
    ops = _operators(model(kind))
    tconv = [o for name, o in ops if name == "TRANSPOSE_CONV"]
    assert [(o["inputs"], o["padding"], o["fusedActivationFunction"]) for o in tconv] == [
        (4, schema.Padding.SAME, schema.ActivationFunctionType.RELU),
        (4, schema.Padding.VALID, schema.ActivationFunctionType.NONE)]
    resizes = {(name, o["alignCorners"], o["halfPixelCenters"]) for name, o in ops
               if name.startswith("RESIZE")}
    assert resizes == {("RESIZE_NEAREST_NEIGHBOR", False, True),
                       ("RESIZE_BILINEAR", False, True), ("RESIZE_BILINEAR", True, False)}
