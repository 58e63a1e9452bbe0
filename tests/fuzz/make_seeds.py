"""Seed corpus of the structure-aware fuzzer: models rewritten with every scalar field present.

A converter leaves fields at their default out of the FlatBuffer (a stride of 1, padding SAME,
no activation), and a field that is absent cannot be rewritten in place. This writes each
given model again through the object API with defaults forced, so the fuzzer's mutator finds
every field. The models the test suite builds come from `ZTFLM_DUMP_MODELS=dir pytest ...`
(tests/modelbuilder.py writes them the same way).

    python tests/fuzz/make_seeds.py OUT_DIR MODEL.tflite...
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from modelbuilder import pack  # noqa: E402


def full_fields(model: bytes) -> bytes:
    """The same model, every scalar field written even when it holds its default."""
    return pack(schema.ModelT.InitFromPackedBuf(bytearray(model), 0), force_defaults=True)


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: make_seeds.py OUT_DIR MODEL.tflite...", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    for name in argv[1:]:
        data = full_fields(Path(name).read_bytes())
        digest = hashlib.sha1(data).hexdigest()[:16]
        (out / f"{Path(name).stem}-full-{digest}.tflite").write_bytes(data)
    print(f"make_seeds: {len(argv) - 1} models rewritten into {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
