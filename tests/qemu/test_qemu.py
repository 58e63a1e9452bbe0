"""The runtime bare metal on emulated Cortex-M3 (mps2-an385) and Cortex-M4 (mps2-an386):
every supported shared model gives the host runner's outputs bit for bit, and errors
(an unregistered op, a too-small arena) print the runtime's message and exit non-zero."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import ztflm

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT.parent / "shared" / "models"
BUILD = ROOT / "build" / "qemu"
HERE = Path(__file__).resolve().parent

sys.path.insert(0, str(ROOT))
from setup import INCLUDE_DIRS, runtime_sources  # noqa: E402

TARGETS = {
    "m3": ("mps2-an385", ["-mcpu=cortex-m3", "-mthumb"]),
    "m4": ("mps2-an386", ["-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=soft"]),
}
SUPPORTED = [
    "mlperf_ad_autoencoder_int8", "mlperf_ic_resnet8_int8", "mlperf_kws_dscnn_int8",
    "mlperf_sww_int8", "mlperf_vww_mobilenet_int8", "tflm_hello_world_float",
    "tflm_hello_world_int8", "tflm_magic_wand", "tflm_micro_speech_int8",
    "tflm_person_detect_int8", "tflm_simple_add",
]
CFLAGS = ["-std=c11", "-Os", "-ffunction-sections", "-fdata-sections", "-ffp-contract=off",
          "-Wall", "-Wextra", "-Werror"]

pytestmark = pytest.mark.skipif(
    not (shutil.which("arm-none-eabi-gcc") and shutil.which("qemu-system-arm")),
    reason="arm-none-eabi-gcc and qemu-system-arm are installed by `make setup`")


def firmware(model: str, core: str, arena: int = 192 * 1024) -> Path:
    """Builds (once) the test firmware for a model and core."""
    out = BUILD / core / f"{model}_{arena}.elf"
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    model_c = BUILD / f"{model}.c"
    if not model_c.exists():
        subprocess.run([sys.executable, str(HERE / "embed.py"), str(MODELS / f"{model}.tflite"),
                        str(model_c)], check=True)
    sources = [str(ROOT / s) for s in runtime_sources()
               if "_native" not in s and "port/host" not in s]
    cmd = ["arm-none-eabi-gcc", *CFLAGS, *TARGETS[core][1], f"-DFW_ARENA_SIZE={arena}u",
           *[f"-I{ROOT / d}" for d in INCLUDE_DIRS], f"-I{HERE}", *sources,
           str(ROOT / "zephyr_module/port/baremetal/port_baremetal.c"), str(HERE / "startup.c"),
           str(HERE / "main.c"), str(model_c), "-T", str(HERE / "mps2.ld"), "-nostartfiles",
           "--specs=nano.specs", "--specs=nosys.specs", "-Wl,--gc-sections", "-lm", "-o",
           str(out)]
    subprocess.run(cmd, check=True)
    return out


def run(elf: Path, core: str) -> subprocess.CompletedProcess[str]:
    cmd = ["qemu-system-arm", "-M", TARGETS[core][0], "-nographic", "-monitor", "none",
           "-serial", "none", "-semihosting-config", "enable=on,target=native",
           "-kernel", str(elf)]
    # QEMU writes the semihosting console to its stderr: read both as one stream.
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=300)


def pattern_inputs(ip: ztflm.Interpreter) -> list[np.ndarray]:
    """The bytes main.c writes: (k * 37 + 11) masked, 0x3F for floats (no NaN)."""
    inputs = []
    for i in range(ip.num_inputs()):
        d = ip.get_input_details(i)
        dtype = np.dtype(d["dtype"])
        n = int(np.prod(d["shape"])) * dtype.itemsize
        k = np.arange(n, dtype=np.uint32)
        raw = ((k * 37 + 11) & (0x3F if dtype == np.float32 else 0xFF)).astype(np.uint8)
        inputs.append(raw.view(dtype).reshape(d["shape"]))
    return inputs


@pytest.mark.parametrize("core", sorted(TARGETS))
@pytest.mark.parametrize("model", SUPPORTED)
def test_firmware_outputs_equal_the_host_runner_bit_for_bit(model: str, core: str) -> None:
    result = run(firmware(model, core), core)
    assert result.returncode == 0, result.stdout
    host = ztflm.Interpreter.from_file(MODELS / f"{model}.tflite")
    for i, x in enumerate(pattern_inputs(host)):
        host.set_input(x, i)
    host.invoke()
    arena = re.search(r"^arena (\d+)$", result.stdout, re.M)
    assert arena and int(arena.group(1)) == host.arena_used_bytes()
    blocks = re.findall(r"^output (\d+)\n([0-9a-f]*)\nend$", result.stdout, re.M)
    assert len(blocks) == host.num_outputs()
    for index, hexdata in blocks:
        assert bytes.fromhex(hexdata) == host.get_output(int(index)).tobytes(), index


def test_unregistered_op_prints_the_error_and_fails() -> None:
    result = run(firmware("tflm_mnist_lstm_int8", "m3"), "m3")
    assert result.returncode == 1
    assert "UNIDIRECTIONAL_SEQUENCE_LSTM (builtin 44) at node 0" in result.stdout


def test_too_small_arena_prints_the_bytes_needed_and_fails() -> None:
    needed = ztflm.Interpreter.from_file(MODELS / "mlperf_kws_dscnn_int8.tflite").arena_used_bytes()
    result = run(firmware("mlperf_kws_dscnn_int8", "m3", arena=8192), "m3")
    assert result.returncode == 1
    assert f"needs {needed} bytes" in result.stdout
