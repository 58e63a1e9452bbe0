"""The sigmoid table in kernels/common/sigmoid16.c is the one scripts/gen_sigmoid_table.py reads
from the oracle (and checks against TFLM's int16 TANH on every input)."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_sigmoid_table_in_the_runtime_is_the_generated_one() -> None:
    spec = importlib.util.spec_from_file_location("gen_sigmoid_table",
                                                  ROOT / "scripts" / "gen_sigmoid_table.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    source = (ROOT / "zephyr_module" / "kernels" / "common" / "sigmoid16.c").read_text()
    body = re.search(r"ztflm_sigmoid16\[256\] = \{(.*?)\};", source, re.S)
    assert body is not None
    assert [int(v) for v in re.findall(r"\d+", body.group(1))] == gen.table()
