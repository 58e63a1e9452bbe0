"""The 2^(i/32) table in kernels/common/expf.c is the one scripts/gen_expf_table.py computes."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_expf_table_in_the_runtime_is_the_generated_one() -> None:
    spec = importlib.util.spec_from_file_location("gen_expf_table",
                                                  ROOT / "scripts" / "gen_expf_table.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    gen.check_inv_ln2()
    source = (ROOT / "zephyr_module" / "kernels" / "common" / "expf.c").read_text()
    body = re.search(r"expf_tab\[EXPF_N\] = \{(.*?)\};", source, re.S)
    assert body is not None
    entries = [int(h, 16) for h in re.findall(r"0x([0-9a-f]{16})u", body.group(1))]
    assert entries == gen.table()
