"""The overlays' 16x8 variants run the nodes they can (Interpreter.get_node_kernel names
them), and leave the ones they cannot to the reference variant: INT4 weights, grouped
convolutions, depth multipliers other than 1, FULLY_CONNECTED with an input zero point. Their
results are checked against TFLM by the host suite on each overlay's library (make
test-arm-dsp, test-arm-mve) and on QEMU with the intrinsics (make test-qemu-kernels)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ztflm import _lib

pytestmark = pytest.mark.nosan  # loads the overlays' libraries in subprocesses

HERE = Path(__file__).resolve().parent
OVERLAYS = [k for k in ("arm_dsp", "arm_mve") if k in _lib.available_kernels()]

# name: (test module, builder call); the variant each overlay picks (None: the reference one).
CASES = {
    "conv": ("test_op_conv_2d", "build([1, 6, 6, 3], 4, 3, 3, np.int16, **S16)", True),
    "conv_1x1": ("test_op_conv_2d", "build([1, 5, 5, 8], 4, 1, 1, np.int16, padding='VALID', "
                 "**S16)", True),
    "conv_int4": ("test_op_conv_2d", "build([1, 6, 6, 3], 4, 3, 3, np.int16, weights='int4', "
                  "**S16)", False),
    "conv_grouped": ("test_op_conv_2d", "build([1, 6, 6, 4], 4, 3, 3, np.int16, groups=2, "
                     "**S16)", False),
    "depthwise": ("test_op_depthwise_conv_2d", "build([1, 6, 6, 8], 1, 3, 3, np.int16, **S16)",
                  True),
    "depthwise_multiplier_2": ("test_op_depthwise_conv_2d",
                               "build([1, 6, 6, 4], 2, 3, 3, np.int16, **S16)", False),
    "depthwise_int4": ("test_op_depthwise_conv_2d",
                       "build([1, 6, 6, 8], 1, 3, 3, np.int16, weights='int4', **S16)", False),
    "fc": ("test_op_fully_connected", "build([2, 10], 5, np.int16, iq=(0.01, 0), "
           "oq=(0.01, 3), filter_zp=-2)", True),
    "fc_input_zero_point": ("test_op_fully_connected", "build([2, 10], 5, np.int16, **S16)",
                            False),
    "fc_int4": ("test_op_fully_connected", "build([2, 10], 5, np.int16, weights='int4', "
                "iq=(0.01, 0), oq=(0.01, 3))", False),
}

SCRIPT = """
import json, sys
sys.path[:0] = [{tests!r}, {host!r}]
import importlib
import numpy as np
import ztflm
names = {{}}
for name, (module, call, _) in json.loads(sys.argv[1]).items():
    mod = importlib.import_module(module)
    model = eval(call, {{"np": np, **vars(mod)}})
    names[name] = ztflm.Interpreter.from_bytes(model).get_node_kernel(0)
print(json.dumps(names))
"""


def kernels_of(overlay: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "ZTFLM_LIB"}
    code = SCRIPT.format(tests=str(HERE.parent), host=str(HERE))
    out = subprocess.run([sys.executable, "-c", code, json.dumps(CASES)], capture_output=True,
                         text=True, env={**env, "ZTFLM_KERNELS": overlay}, check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_16x8_nodes_run_the_overlay_variant_or_fall_back_to_reference(overlay: str) -> None:
    names = kernels_of(overlay)
    for name, (module, _, overlay_runs) in CASES.items():
        op = {"test_op_conv_2d": "conv_2d", "test_op_depthwise_conv_2d": "depthwise_conv_2d",
              "test_op_fully_connected": "fully_connected"}[module]
        expected = f"{op}_s16_{overlay}" if overlay_runs else f"{op}_s16_ref"
        assert names[name] == expected, name
