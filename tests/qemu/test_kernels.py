"""The host kernel suite on an emulated core: every case the host tests checked against TFLM
(recorded with ZTFLM_RECORD=dir, see tests/case_record.py) runs through the loader firmware,
and each output must equal TFLM's bit for bit.

`make test-qemu-kernels CORE=m4 OVERLAY=arm_dsp` records the cases and runs this test; by
hand: ZTFLM_KERNEL_CASES=dir ZTFLM_QEMU_CORE=m4 ZTFLM_QEMU_OVERLAY=arm_dsp pytest this file.
ZTFLM_KERNEL_EVERY=k runs every k-th case only (the default `make test-qemu` subset)."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import numpy as np
import pytest
from batch import TIMINGS, Case, run_batch
from case_record import load
from firmware import BUILD, TARGETS, tools

CASES = Path(os.environ.get("ZTFLM_KERNEL_CASES", BUILD / "kernel_cases"))
CORE = os.environ.get("ZTFLM_QEMU_CORE", "m3")
OVERLAY = os.environ.get("ZTFLM_QEMU_OVERLAY", "reference")
EVERY = int(os.environ.get("ZTFLM_KERNEL_EVERY", "1"))
LEDGER = Path(__file__).with_name("kernel_differences.txt")
# The only kinds of difference the ledger may excuse: NaNs with other sign or payload bits,
# or finite float32 values this many units in the last place apart.
LEDGER_MAX_ULP = 4


def ledger(core: str) -> dict[str, str]:
    """Test function -> reason, for the known, open differences of a core."""
    known = {}
    for line in LEDGER.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            entry_core, test, reason = line.split(maxsplit=2)
            if entry_core == core:
                known[test] = reason
    return known


def difference(ours: bytes, theirs: bytes) -> str:
    """How two outputs differ, as float32: "nan" when every differing element is a NaN on both
    sides, "ulp N" when each is a NaN on both sides or finite with one sign, N apart at most
    in the last place; "bits" otherwise."""
    if len(ours) != len(theirs) or len(ours) % 4:
        return "bits"
    a, b = np.frombuffer(ours, np.float32), np.frombuffer(theirs, np.float32)
    d = np.flatnonzero(a.view(np.uint32) != b.view(np.uint32))
    nan = np.isnan(a[d]) & np.isnan(b[d])
    x, y = a[d][~nan], b[d][~nan]
    if not x.size:
        return "nan"
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))
            and np.all(np.signbit(x) == np.signbit(y))):
        return "bits"
    ulp = np.abs(x.view(np.int32).astype(np.int64) - y.view(np.int32).astype(np.int64))
    return f"ulp {int(ulp.max())}"


def test_every_recorded_kernel_case_equals_tflm_on_the_core() -> None:
    if CORE not in TARGETS:
        pytest.fail(f"ZTFLM_QEMU_CORE={CORE}: not one of {sorted(TARGETS)}")
    if not all(shutil.which(t) for t in tools(CORE)):
        pytest.skip(f"{tools(CORE)} are installed by `make setup`")
    files = sorted(CASES.glob("*.npz"))[::EVERY]
    if not files:
        pytest.skip(f"NO KERNEL CASES RECORDED in {CASES}: `make test-qemu-kernels` records "
                    "them (ZTFLM_RECORD=dir pytest tests/host/test_op_*.py)")
    recorded = [load(f) for f in files]
    cases = [Case(model, inputs=inputs, name=test, invokes=invokes)
             for test, model, inputs, _, invokes in recorded]
    t0, first_run = time.monotonic(), len(TIMINGS)
    results = run_batch(CORE, OVERLAY, cases)
    wall = time.monotonic() - t0
    known = ledger(CORE)
    bad, excused, seen = [], [], set()
    for (test, _, _, expected, _), r, f in zip(recorded, results, files):
        function = test.split("[")[0]
        if r.status != "ok":
            bad.append(f"{test} [{f.name}]: {r.error}")
            continue
        if len(r.outputs) != len(expected):
            bad.append(f"{test} [{f.name}]: {len(r.outputs)} outputs, TFLM {len(expected)}")
            continue
        kinds = [difference(a, b) for a, b in zip(r.outputs, expected) if a != b]
        if not kinds:
            continue
        line = f"{test} [{f.name}]: outputs differ from TFLM ({', '.join(kinds)})"
        allowed = all(k == "nan" or (k.startswith("ulp") and int(k[4:]) <= LEDGER_MAX_ULP)
                      for k in kinds)
        if function in known and allowed:
            excused.append(line)
            seen.add(function)
        else:
            bad.append(line)
    if EVERY == 1 and OVERLAY == "reference":
        bad += [f"{t}: in {LEDGER.name} for {CORE} but now equal to TFLM: remove the entry"
                for t in sorted(set(known) - seen)]
    runs = TIMINGS[first_run:]
    summary = (f"kernel suite on {CORE}/{OVERLAY}: {len(cases)} cases, {len(bad)} differ, "
               f"{len(excused)} known differences ({LEDGER.name}), {wall:.1f} s wall in "
               f"{len(runs)} QEMU runs "
               f"({', '.join(f'{n} cases {s:.1f} s' for _, _, n, s in runs)})")
    print(summary)
    (BUILD / f"kernel_suite_{CORE}_{OVERLAY}.txt").write_text(
        "\n".join([summary, *bad, "known:", *excused]) + "\n")
    assert not bad, f"{summary}; first:\n" + "\n".join(bad[:20])
