"""Puts tests/ on sys.path (modelbuilder, oracle) for every test tier."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
