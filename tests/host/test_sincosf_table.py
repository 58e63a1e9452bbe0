"""The 4/pi table and the reduction constants of kernels/common/sincosf.c are the ones
scripts/gen_sincosf_table.py computes."""
from __future__ import annotations

import re
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import gen_sincosf_table as gen  # noqa: E402


def test_sincosf_table_in_the_runtime_is_the_generated_one() -> None:
    gen.check_doubles()
    source = (ROOT / "zephyr_module" / "kernels" / "common" / "sincosf.c").read_text()
    body = re.search(r"inv_pio4\[24\] = \{(.*?)\};", source, re.S)
    assert body is not None
    assert [int(h, 16) for h in re.findall(r"0x([0-9a-f]{8})u", body.group(1))] == gen.table()
    for name, bits in [("HPI", gen.HPI_BITS), ("HPI_INV_2_24", gen.HPI_INV_BITS),
                       ("PI63", gen.PI63_BITS)]:
        value = re.search(rf"#define {name} (\S+)", source)
        assert value is not None
        assert float.fromhex(value.group(1)) == struct.unpack("<d", bits.to_bytes(8, "little"))[0]
