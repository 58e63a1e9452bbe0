"""The Helium kernel overlay (zephyr_module/kernels/arm_mve) on an emulated Cortex-M55
(mps3-an547): every supported shared model gives the host runner's outputs bit for bit, in
exactly the arena `ztflm arena --kernels` reports (the host library built with the overlay:
its scratch sizes are the device's), and in fewer instructions than the reference kernels."""
from __future__ import annotations

import shutil

import pytest
from firmware import MODELS, firmware, host_outputs, kernels_arena, run, tools
from shared_models import SUPPORTED

CORE = "m55"
OVERLAY = "arm_mve"

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in tools(CORE)),
    reason="arm-none-eabi-gcc and qemu-system-arm are installed by `make setup`")


@pytest.fixture(scope="module")
def overlay_arenas() -> dict[str, int]:
    """Arena bytes per model that `ztflm arena --kernels` reports for the overlay."""
    return {m: kernels_arena(m, OVERLAY) for m in SUPPORTED}


@pytest.mark.parametrize("model", SUPPORTED)
def test_helium_outputs_equal_the_host_runner_in_the_overlay_arena(
        model: str, overlay_arenas: dict[str, int]) -> None:
    result = run(firmware(MODELS / f"{model}.tflite", CORE, overlay=OVERLAY), CORE)
    assert result.returncode == 0, result.console
    assert result.arena == overlay_arenas[model]
    expected = host_outputs(model)
    assert sorted(result.outputs) == list(range(len(expected)))
    for index, data in result.outputs.items():
        assert data == expected[index], index


@pytest.mark.parametrize("model", ["mlperf_kws_dscnn_int8", "mlperf_ic_resnet8_int8"])
def test_helium_takes_at_least_three_times_fewer_instructions(model: str) -> None:
    path = MODELS / f"{model}.tflite"
    reference = run(firmware(path, CORE), CORE)
    helium = run(firmware(path, CORE, overlay=OVERLAY), CORE)
    assert reference.instructions and helium.instructions
    assert helium.instructions * 3 <= reference.instructions, (helium.instructions,
                                                               reference.instructions)
