"""The Arm DSP kernel overlay (zephyr_module/kernels/arm_dsp) on an emulated Cortex-M4
(mps2-an386): every supported shared model gives the host runner's outputs bit for bit, in
exactly the arena that a host library built with the same overlay plans (its scratch sizes
are the device's), in at least three times fewer instructions than the reference kernels on
KWS, VWW and ResNet-8, and in fewer than TFLM with CMSIS-NN on the MLPerf Tiny models."""
from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys

import pytest
from firmware import BUILD, MODELS, ROOT, Run, firmware, pattern_inputs, run, tools
from shared_models import SUPPORTED

import ztflm

CORE = "m4"
OVERLAY = "arm_dsp"
# TFLM with CMSIS-NN on the same emulated M4, instructions per invoke (../shared/ANCHORS.md).
TFLM_CMSIS_NN_M4 = {
    "mlperf_kws_dscnn_int8": 7_580_602,
    "mlperf_vww_mobilenet_int8": 23_775_802,
    "mlperf_ic_resnet8_int8": 29_780_403,
    "mlperf_ad_autoencoder_int8": 582_877,
}

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in tools(CORE)),
    reason="arm-none-eabi-gcc and qemu-system-arm are installed by `make setup`")

ARENAS = """
import json, sys
import ztflm
print(json.dumps({m: ztflm.Interpreter.from_file(f"{sys.argv[1]}/{m}.tflite").arena_used_bytes()
                  for m in sys.argv[2:]}))
"""


@pytest.fixture(scope="module")
def overlay_arenas() -> dict[str, int]:
    """Arena bytes per model from the host library built with the overlay (ZTFLM_LIB)."""
    lib = BUILD.parent / "overlay" / f"libztflm_{OVERLAY}.so"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_overlay_lib.py"), "--overlay",
                    OVERLAY, str(lib)], check=True, capture_output=True)
    out = subprocess.run([sys.executable, "-c", ARENAS, str(MODELS), *SUPPORTED], check=True,
                         capture_output=True, text=True,
                         env={**os.environ, "ZTFLM_LIB": str(lib)}).stdout
    return json.loads(out)


@functools.cache
def on_qemu(model: str, overlay: str) -> Run:
    """One run per model and overlay for the whole module."""
    return run(firmware(MODELS / f"{model}.tflite", CORE, overlay=overlay), CORE)


def host_outputs(model: str) -> list[bytes]:
    host = ztflm.Interpreter.from_file(MODELS / f"{model}.tflite")
    details = [host.get_input_details(i) for i in range(host.num_inputs())]
    for i, x in enumerate(pattern_inputs(details)):
        host.set_input(x, i)
    host.invoke()
    return [host.get_output(i).tobytes() for i in range(host.num_outputs())]


@pytest.mark.parametrize("model", SUPPORTED)
def test_dsp_outputs_equal_the_host_runner_in_the_overlay_arena(
        model: str, overlay_arenas: dict[str, int]) -> None:
    result = on_qemu(model, OVERLAY)
    assert result.returncode == 0, result.console
    assert result.arena == overlay_arenas[model]
    expected = host_outputs(model)
    assert sorted(result.outputs) == list(range(len(expected)))
    for index, data in result.outputs.items():
        assert data == expected[index], index


@pytest.mark.parametrize("model", ["mlperf_kws_dscnn_int8", "mlperf_vww_mobilenet_int8",
                                   "mlperf_ic_resnet8_int8"])
def test_dsp_takes_at_least_three_times_fewer_instructions(model: str) -> None:
    reference = on_qemu(model, "reference")
    dsp = on_qemu(model, OVERLAY)
    assert reference.returncode == 0 and dsp.returncode == 0
    assert reference.instructions and dsp.instructions
    assert dsp.instructions * 3 <= reference.instructions, (dsp.instructions,
                                                            reference.instructions)


@pytest.mark.parametrize("model", sorted(TFLM_CMSIS_NN_M4))
def test_dsp_takes_fewer_instructions_than_tflm_with_cmsis_nn(model: str) -> None:
    dsp = on_qemu(model, OVERLAY)
    assert dsp.returncode == 0, dsp.console
    assert dsp.instructions and dsp.instructions < TFLM_CMSIS_NN_M4[model], dsp.instructions
