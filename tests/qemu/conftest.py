"""The QEMU tier shares the host tier's helpers (oracle, modelbuilder)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
