"""ZTFLM_RECORD=dir: every case oracle.assert_bit_exact checks (model, inputs, TFLM's outputs)
is also saved to dir, so another tier can replay it (tests/qemu/test_kernels.py runs them all
on an emulated core). One .npz per distinct case, named by its content hash."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

ENV = "ZTFLM_RECORD"


def record_dir() -> Optional[Path]:
    value = os.environ.get(ENV)
    return Path(value) if value else None


def record(model: bytes, inputs: Sequence[np.ndarray], outputs: Sequence[np.ndarray],
           invokes: int = 1) -> None:
    """Saves one case when ZTFLM_RECORD is set; the test's id goes along for reports.
    invokes > 1: consecutive invokes of one interpreter (stateful operators), inputs and
    outputs those of every invoke in turn."""
    folder = record_dir()
    if folder is None:
        return
    ins = [np.ascontiguousarray(x).tobytes() for x in inputs]
    outs = [np.ascontiguousarray(y).tobytes() for y in outputs]
    digest = hashlib.sha1(b"".join([model, *ins, b"|", *outs])).hexdigest()[:20]
    path = folder / f"{digest}.npz"
    if path.exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    test = os.environ.get("PYTEST_CURRENT_TEST", "").split(" ")[0]
    arrays = {"model": np.frombuffer(model, np.uint8), "test": np.array(test),
              "invokes": np.array(invokes)}
    arrays |= {f"input{i}": np.frombuffer(b, np.uint8) for i, b in enumerate(ins)}
    arrays |= {f"output{i}": np.frombuffer(b, np.uint8) for i, b in enumerate(outs)}
    tmp = folder / f".{digest}.{os.getpid()}.npz"
    np.savez(tmp, **arrays)
    os.replace(tmp, path)


def load(path: Path) -> tuple[str, bytes, list[bytes], list[bytes], int]:
    """(test id, model, inputs, TFLM's outputs, invokes) of one recorded case."""
    with np.load(path) as z:
        count = {k: sum(1 for n in z.files if n.startswith(k)) for k in ("input", "output")}
        return (str(z["test"]), z["model"].tobytes(),
                [z[f"input{i}"].tobytes() for i in range(count["input"])],
                [z[f"output{i}"].tobytes() for i in range(count["output"])],
                int(z["invokes"]) if "invokes" in z.files else 1)
