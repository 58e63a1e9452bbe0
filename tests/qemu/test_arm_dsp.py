"""The Arm DSP kernel overlay (zephyr_module/kernels/arm_dsp) on an emulated Cortex-M4
(mps2-an386): every supported shared model gives the host runner's outputs bit for bit, in
exactly the arena `ztflm arena --kernels` reports (the host library built with the overlay:
its scratch sizes are the device's), in at least three times fewer instructions than the
reference kernels on KWS, VWW and ResNet-8, and in fewer than TFLM with CMSIS-NN on the
MLPerf Tiny models."""
from __future__ import annotations

import functools
import shutil

import pytest
from firmware import MODELS, Run, firmware, host_outputs, kernels_arena, run, tools
from shared_models import SUPPORTED

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


@pytest.fixture(scope="module")
def overlay_arenas() -> dict[str, int]:
    """Arena bytes per model that `ztflm arena --kernels` reports for the overlay."""
    return {m: kernels_arena(m, OVERLAY) for m in SUPPORTED}


@functools.cache
def on_qemu(model: str, overlay: str) -> Run:
    """One run per model and overlay for the whole module."""
    return run(firmware(MODELS / f"{model}.tflite", CORE, overlay=overlay), CORE)


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
