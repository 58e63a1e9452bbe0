"""The Helium kernel overlay (zephyr_module/kernels/arm_mve) on an emulated Cortex-M55
(mps3-an547): every supported shared model gives the host runner's outputs bit for bit, in
exactly the arena that a host library built with the same overlay plans (its scratch sizes
are the device's), and in fewer instructions than the reference kernels."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from firmware import BUILD, MODELS, ROOT, firmware, pattern_inputs, run, tools
from shared_models import SUPPORTED

import ztflm

CORE = "m55"
OVERLAY = "arm_mve"

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


def host_outputs(model: str) -> list[bytes]:
    host = ztflm.Interpreter.from_file(MODELS / f"{model}.tflite")
    details = [host.get_input_details(i) for i in range(host.num_inputs())]
    for i, x in enumerate(pattern_inputs(details)):
        host.set_input(x, i)
    host.invoke()
    return [host.get_output(i).tobytes() for i in range(host.num_outputs())]


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
