"""The cmsis_nn kernel overlay bare metal: every supported shared model, built with Arm's
CMSIS-NN (its DSP paths on Cortex-M4, Helium on M55), gives the host runner's outputs bit for
bit, and the delegated kernels really run (far fewer instructions than the reference kernels).

CMSIS-NN is not vendored: these tests need CMSIS_NN_PATH (a CMSIS-NN checkout) and are skipped,
saying so, without it. `make test-cmsis-nn` runs them and the host suite on the overlay."""
from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path

import pytest
from firmware import MODELS, TARGETS, firmware, pattern_inputs, run
from shared_models import SUPPORTED

import ztflm

CMSIS_NN = os.environ.get("CMSIS_NN_PATH", "")
HAVE_CMSIS_NN = bool(CMSIS_NN) and (Path(CMSIS_NN) / "Include" / "arm_nnfunctions.h").is_file()
SKIP_REASON = ("CMSIS-NN NOT TESTED: set CMSIS_NN_PATH to a CMSIS-NN checkout "
               f"(now {CMSIS_NN or 'unset'!r}) to test the cmsis_nn overlay")
if not HAVE_CMSIS_NN:
    warnings.warn(SKIP_REASON, stacklevel=1)

pytestmark = [
    pytest.mark.skipif(not HAVE_CMSIS_NN, reason=SKIP_REASON),
    pytest.mark.skipif(
        not (shutil.which("arm-none-eabi-gcc") and shutil.which("qemu-system-arm")),
        reason="arm-none-eabi-gcc and qemu-system-arm are installed by `make setup`"),
]

# Cores with CMSIS-NN's optimized paths: DSP (M4) and Helium (M55, when the tier has it).
CORES = [c for c in ("m4", "m55") if c in TARGETS]
# Convolution-heavy models where CMSIS-NN must at least halve the reference kernels' count on
# M4: proof that the delegated kernels run (measured: 4.9x on KWS, 3.9x on VWW and person
# detection, 3.3x on ResNet-8), with room for the reference kernels to get faster.
SPEEDUP_M4 = {
    "mlperf_kws_dscnn_int8": 2.0,
    "mlperf_vww_mobilenet_int8": 2.0,
    "mlperf_ic_resnet8_int8": 2.0,
    "tflm_person_detect_int8": 2.0,
}


def host_outputs(model: str) -> list[bytes]:
    host = ztflm.Interpreter.from_file(MODELS / f"{model}.tflite")
    details = [host.get_input_details(i) for i in range(host.num_inputs())]
    for i, x in enumerate(pattern_inputs(details)):
        host.set_input(x, i)
    host.invoke()
    return [host.get_output(i).tobytes() for i in range(host.num_outputs())]


@pytest.mark.parametrize("core", CORES)
@pytest.mark.parametrize("model", SUPPORTED)
def test_cmsis_nn_firmware_outputs_equal_the_host_runner_bit_for_bit(model: str,
                                                                     core: str) -> None:
    result = run(firmware(MODELS / f"{model}.tflite", core, overlay="cmsis_nn"), core)
    assert result.returncode == 0, result.console
    assert result.arena and result.instructions
    expected = host_outputs(model)
    assert sorted(result.outputs) == list(range(len(expected)))
    for index, data in result.outputs.items():
        assert data == expected[index], f"{model} output {index} differs on {core}"


@pytest.mark.parametrize("model", sorted(SPEEDUP_M4))
def test_cmsis_nn_runs_the_delegated_kernels_on_m4(model: str) -> None:
    path = MODELS / f"{model}.tflite"
    reference = run(firmware(path, "m4", overlay="reference"), "m4")
    cmsis = run(firmware(path, "m4", overlay="cmsis_nn"), "m4")
    assert reference.returncode == 0 and cmsis.returncode == 0
    assert reference.instructions and cmsis.instructions
    ratio = reference.instructions / cmsis.instructions
    assert ratio >= SPEEDUP_M4[model], f"{model}: only {ratio:.2f}x fewer instructions"
    assert cmsis.outputs == reference.outputs
