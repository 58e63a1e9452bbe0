"""Which compute variant runs a node (ztflm.Interpreter.get_node_kernel): in this process's
runtime, and in a process that loads another kernel overlay's host library."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import ztflm
from ztflm import _lib

# The overlays the package built for this host (their plain C paths, the same choices).
HOST_OVERLAYS = [k for k in _lib.available_kernels() if k != "reference"]

_DRIVER = """
import json, sys, ztflm
kernels = []
for path in sys.argv[1:]:
    ip = ztflm.Interpreter.from_file(path)
    kernels.append([ip.get_node_kernel(i) for i in range(ip.num_nodes())])
print(json.dumps(kernels))
"""


def node_kernels(models: list[bytes], kernels: str, tmp: Path) -> list[list[str]]:
    """The variant of every node of each model with the overlay kernels, from a process that
    loads that overlay's host library."""
    paths = []
    for i, model in enumerate(models):
        paths.append(tmp / f"variant_{i}.tflite")
        paths[-1].write_bytes(model)
    env = {k: v for k, v in os.environ.items() if k not in ("ZTFLM_LIB", "LD_PRELOAD")}
    run = subprocess.run([sys.executable, "-c", _DRIVER, *map(str, paths)], capture_output=True,
                         text=True, env={**env, "ZTFLM_KERNELS": kernels}, check=True)
    return [list(k) for k in json.loads(run.stdout)]


def first_variant(op: str, input_type: str, output_type: str) -> str:
    """The variant this process's runtime lists first for an operator's types: the one a node
    runs unless that variant's can_run refuses it."""
    info = next(o for o in _lib.op_table() if o.name == op)
    return next(v.name for v in info.variants
                if v.input_type in (None, input_type) and v.output_type in (None, output_type))


def kernel_of(model: bytes, node: int = 0) -> str:
    """The variant node runs in this process's runtime."""
    return ztflm.Interpreter.from_bytes(model).get_node_kernel(node)
