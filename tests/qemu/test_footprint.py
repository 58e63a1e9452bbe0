"""Issue 4's flash budget: the runtime core (src/: verifier, interpreter, planner, resolver)
built alone for Cortex-M4 at -Os with messages compiled out stays under 6 KB. A size, not a
timing: the figure comes from the linker map (scripts/bench.py, the same function `make
bench` prints) and is the same on every run."""
from __future__ import annotations

import shutil

import bench
import pytest

BUDGET = 6 * 1024


@pytest.mark.skipif(shutil.which("arm-none-eabi-gcc") is None,
                    reason="no arm-none-eabi-gcc (make setup installs it)")
def test_runtime_core_without_kernels_fits_in_6_kb_on_cortex_m4() -> None:
    sizes = bench.core_footprint("m4", [("no messages", False), ("messages", False)])
    alone = sizes["no messages", False]
    print(f"runtime core alone on Cortex-M4 -Os: {alone:,} B without messages "
          f"({BUDGET - alone:,} B under {BUDGET:,}), {sizes['messages', False]:,} B with them")
    # The map was read: the runtime is over 4 KB without messages, and messages add to it.
    assert alone > 4096
    assert sizes["messages", False] > alone
    assert alone < BUDGET
