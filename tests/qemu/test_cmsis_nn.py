"""The cmsis_nn kernel overlay bare metal: every supported shared model, built with Arm's
CMSIS-NN (its DSP paths on Cortex-M4, Helium on M55), gives the host runner's outputs bit for
bit in the arena the host plans for that core, and the delegated kernels really run (far fewer
instructions than the reference kernels).

CMSIS-NN is not vendored: these tests need CMSIS_NN_PATH (a CMSIS-NN checkout) and are skipped,
saying so, without it. `make test-cmsis-nn` runs them and the host suite on the overlay."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
from firmware import MODELS, ROOT, TARGETS, firmware, host_outputs, model_path, pattern_inputs, run
from shared_models import SUPPORTED

import ztflm
from oracle import run_tflm

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
SIZES_FOR = {"m4": "dsp", "m55": "mve"}
# Repository models for CMSIS-NN's s16 and s4 functions: the converter-made 16x8 audio model
# and the INT4-weight keyword spotter, checked against TFLM itself.
REPO_MODELS = ["denoiser_16x8", "kws_dscnn_int4"]
# Convolution-heavy models where CMSIS-NN must at least halve the reference kernels' count on
# M4: proof that the delegated kernels run (measured: 4.9x on KWS, 3.9x on VWW and person
# detection, 3.3x on ResNet-8), with room for the reference kernels to get faster.
SPEEDUP_M4 = {
    "mlperf_kws_dscnn_int8": 2.0,
    "mlperf_vww_mobilenet_int8": 2.0,
    "mlperf_ic_resnet8_int8": 2.0,
    "tflm_person_detect_int8": 2.0,
}


@pytest.fixture(scope="module")
def planned_arenas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, int]]:
    """Per core, the arena of every supported model as the host plans it with a cmsis_nn
    library sized for that core (build_overlay_lib.py --sizes-for): what `ztflm arena` says."""
    arenas: dict[str, dict[str, int]] = {}
    for core in CORES:
        lib = tmp_path_factory.mktemp(core) / f"libztflm_cmsis_nn_{core}.so"
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_overlay_lib.py"),
                        "--overlay", "cmsis_nn", "--sizes-for", SIZES_FOR[core], str(lib)],
                       check=True)
        script = ("import sys, ztflm\n"
                  "for p in sys.argv[1:]:\n"
                  "    print(ztflm.Interpreter.from_file(p).arena_used_bytes())\n")
        names = [*SUPPORTED, *REPO_MODELS]
        paths = [str(model_path(m)) for m in names]
        out = subprocess.run([sys.executable, "-c", script, *paths], check=True, text=True,
                             capture_output=True, env={**os.environ, "ZTFLM_LIB": str(lib)})
        arenas[core] = dict(zip(names, map(int, out.stdout.split())))
    return arenas


@pytest.mark.parametrize("core", CORES)
@pytest.mark.parametrize("model", SUPPORTED)
def test_cmsis_nn_firmware_outputs_equal_the_host_runner_bit_for_bit(
        model: str, core: str, planned_arenas: dict[str, dict[str, int]]) -> None:
    # The arena a host library sized for the core plans (CMSIS-NN's Helium buffers are larger
    # than its plain C ones): exactly what the firmware then uses.
    arena = planned_arenas[core][model]
    result = run(firmware(MODELS / f"{model}.tflite", core, arena=arena, overlay="cmsis_nn"),
                 core)
    assert result.returncode == 0, result.console
    assert result.instructions
    assert result.arena == arena
    expected = host_outputs(model)
    assert sorted(result.outputs) == list(range(len(expected)))
    for index, data in result.outputs.items():
        assert data == expected[index], f"{model} output {index} differs on {core}"


def tflm_outputs(model: str) -> list[bytes]:
    """TFLM's outputs on the inputs main.c writes."""
    path = model_path(model)
    ip = ztflm.Interpreter.from_file(path)
    inputs = pattern_inputs([ip.get_input_details(i) for i in range(ip.num_inputs())])
    return [np.ascontiguousarray(y).tobytes() for y in run_tflm(path.read_bytes(), inputs)]


@pytest.mark.parametrize("core", CORES)
@pytest.mark.parametrize("model", REPO_MODELS)
def test_cmsis_nn_16x8_and_int4_models_are_bit_exact_with_tflm(
        model: str, core: str, planned_arenas: dict[str, dict[str, int]]) -> None:
    arena = planned_arenas[core][model]
    result = run(firmware(model_path(model), core, arena=arena, overlay="cmsis_nn"), core)
    assert result.returncode == 0, result.console
    assert result.arena == arena
    expected = tflm_outputs(model)
    assert [result.outputs.get(i) for i in range(len(expected))] == expected


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
