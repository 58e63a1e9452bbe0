"""Issue 7 item 4: the malformed-model catalogue (tests/malformed.py, the host tests' own
generators) on an emulated Cortex-M3 through the loader firmware, in a few QEMU runs. No case
may fault (run_batch raises BatchError on a fault or a lost case); every case prints the
error the host runner gives for the same bytes and arena, or, when a corrupted model still
runs, the host runner's outputs for the same inputs."""
from __future__ import annotations

import shutil
from typing import Union

import numpy as np
import pytest
from batch import TIMINGS, Case, run_batch
from firmware import pattern_inputs, tools
from malformed import (
    ARENA,
    SEMANTIC,
    SMALL,
    byte_flips,
    conv_model,
    load,
    truncations,
    two_op_builder,
    uoffsets_past_the_end,
    vtable_extremes,
)

import ztflm
from modelbuilder import pack

CORE = "m3"
pytestmark = pytest.mark.skipif(not all(shutil.which(t) for t in tools(CORE)),
                                reason=f"{tools(CORE)} are installed by `make setup`")


def catalogue() -> list[Case]:
    cases = []
    for name in SMALL:
        data = load(name)
        cases += [Case(d, arena=ARENA, expect="error", name=f"{name} {label}")
                  for label, d in truncations(data)]
        cases += [Case(d, arena=ARENA, expect="any", name=f"{name} {label}")
                  for label, d in byte_flips(data)]
    conv = conv_model()
    cases += [Case(d, arena=ARENA, expect="any", name=f"conv {label}")
              for label, d in [*uoffsets_past_the_end(conv), *vtable_extremes(conv)]]
    cases += [Case(make(), arena=ARENA, expect="error", name=label)
              for label, make in SEMANTIC.items()]
    root_past_end = bytearray(conv)
    root_past_end[0:4] = (len(conv) + 100).to_bytes(4, "little")
    cases += [Case(bytes(root_past_end), arena=ARENA, expect="error", name="root past the end"),
              Case(b"this is not a tflite model at all", arena=ARENA, expect="error",
                   name="not a flatbuffer"),
              Case(b"", arena=ARENA, expect="error", name="empty"),
              Case(b"\0" * 7, arena=ARENA, expect="error", name="7 zero bytes"),
              Case(pack(two_op_builder().model()), arena=16, expect="error",
                   name="arena of 16 bytes")]
    return cases


def host_outcome(case: Case) -> Union[str, list[bytes]]:
    """The host runner on the same bytes and arena: its error message, or its outputs for
    the loader's pattern inputs."""
    try:
        ip = ztflm.Interpreter.from_bytes(case.model, arena_size=case.arena)
        details = [ip.get_input_details(i) for i in range(ip.num_inputs())]
        if any(d["dtype"] is None for d in details):
            return "host: an input type numpy cannot hold"
        for i, x in enumerate(pattern_inputs(details)):
            ip.set_input(x, i)
        ip.invoke()
    except ztflm.Error as e:
        return str(e)
    return [np.ascontiguousarray(ip.get_output(k)).tobytes() for k in range(ip.num_outputs())]


def test_every_malformed_model_prints_the_host_error_on_cortex_m3_and_never_faults() -> None:
    cases = catalogue()
    first_run = len(TIMINGS)
    results = run_batch(CORE, "reference", cases)
    bad = []
    errors = 0
    for case, r in zip(cases, results):
        assert not r.refused, f"{case.name}: {r.error}"
        host = host_outcome(case)
        device: Union[str, list[bytes], None] = r.error if r.status == "failed" else r.outputs
        errors += r.status == "failed"
        if isinstance(host, str) and host.startswith("host:"):
            continue
        if device != host:
            bad.append(f"{case.name}: device {str(device)[:120]!r}, host {str(host)[:120]!r}")
    runs = ", ".join(f"{n} cases {s:.1f} s" for _, _, n, s in TIMINGS[first_run:])
    print(f"malformed catalogue on {CORE}: {len(cases)} cases, {errors} rejected with an "
          f"error, {len(cases) - errors} ran, {len(bad)} differ from the host; QEMU {runs}")
    assert errors > len(cases) // 2
    assert not bad, "\n".join(bad[:20])
