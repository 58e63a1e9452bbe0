"""The converter-made 16x8 audio model (tests/models/audio16x8) on the emulated cores: the
reference kernels on Cortex-M3 and RV32, arm_dsp on Cortex-M4, arm_mve on Cortex-M55, each
bit-exact with TFLM itself on the inputs the firmware writes, in the arena the host reports
for those kernels. Its instruction counts per core and overlay are `make bench`'s 16x8 row."""
from __future__ import annotations

import shutil

import numpy as np
import pytest
from firmware import firmware, kernels_arena, model_path, pattern_inputs, run, tools

import ztflm
from oracle import run_tflm

MODEL = "denoiser_16x8"
CONFIGS = [("m3", "reference"), ("m4", "arm_dsp"), ("m55", "arm_mve"), ("rv32", "reference")]


def config_param(core: str, overlay: str) -> object:
    missing = [t for t in tools(core) if not shutil.which(t)]
    return pytest.param(core, overlay, id=f"{core}-{overlay}",
                        marks=pytest.mark.skipif(bool(missing), reason=f"no {missing}"))


def tflm_outputs() -> list[bytes]:
    """TFLM's outputs on the inputs main.c writes."""
    ip = ztflm.Interpreter.from_file(model_path(MODEL))
    inputs = pattern_inputs([ip.get_input_details(i) for i in range(ip.num_inputs())])
    return [np.ascontiguousarray(y).tobytes()
            for y in run_tflm(model_path(MODEL).read_bytes(), inputs)]


@pytest.mark.parametrize("core,overlay", [config_param(*c) for c in CONFIGS])
def test_audio_model_is_bit_exact_with_tflm_on_the_device(core: str, overlay: str) -> None:
    result = run(firmware(model_path(MODEL), core, overlay=overlay), core)
    assert result.returncode == 0, result.console
    assert result.arena == kernels_arena(MODEL, overlay)
    expected = tflm_outputs()
    assert [result.outputs.get(i) for i in range(len(expected))] == expected

