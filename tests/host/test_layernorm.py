"""The converter-made LayerNorm models (tests/models/layernorm, written by TensorFlow's converter
from Keras 2's LayerNormalization) run bit-exact with TFLM, float32 and full-integer int8:
MEAN, SQUARED_DIFFERENCE, a second MEAN, ADD of epsilon, RSQRT, MUL and SUB as the converter
chains and quantizes them, on the oracle's random inputs and on tokens of different means and
spreads (what a normalization is for)."""
from pathlib import Path

import numpy as np
import pytest
from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema

import oracle
import ztflm

MODELS = Path(__file__).resolve().parents[1] / "models" / "layernorm"
KINDS = ["float", "int8"]


def model(kind: str) -> bytes:
    return (MODELS / f"layernorm_{kind}.tflite").read_bytes()


@pytest.mark.parametrize("kind", KINDS)
def test_layernorm_is_bit_exact_with_tflm(kind):
    oracle.assert_bit_exact(model(kind), n_random=3, seed=13)


@pytest.mark.parametrize("kind", KINDS)
def test_layernorm_on_tokens_of_different_means_and_spreads(kind):
    ip = ztflm.Interpreter.from_bytes(model(kind))
    d = ip.get_input_details(0)
    rng = np.random.default_rng(5)
    shape = tuple(d["shape"])
    x = (rng.normal(0, 1, shape) * rng.uniform(0.05, 4, shape[:-1] + (1,))
         + rng.normal(0, 3, shape[:-1] + (1,))).astype(np.float32)
    if kind == "int8":
        q = d["quantization_parameters"]
        s, z = q["scales"][0], q["zero_points"][0]
        x = np.clip(np.round(x / s) + z, -128, 127).astype(np.int8)
    oracle.assert_bit_exact(model(kind), inputs=[x])


@pytest.mark.parametrize("kind", KINDS)
def test_the_models_hold_the_layernorm_chain(kind):
    """What the converter wrote, so the tests above cover it."""
    m = schema.ModelT.InitFromPackedBuf(model(kind), 0)
    names = {v: k for k, v in vars(schema.BuiltinOperator).items() if not k.startswith("_")}
    ops = [names[max(c.builtinCode, c.deprecatedBuiltinCode)]
           for c in (m.operatorCodes[op.opcodeIndex] for op in m.subgraphs[0].operators)]
    assert {"MEAN", "SQUARED_DIFFERENCE", "RSQRT"} <= set(ops)
    assert ops.count("MEAN") == 2
    types = {t.type for t in m.subgraphs[0].tensors}
    assert (schema.TensorType.INT8 in types) == (kind == "int8")
