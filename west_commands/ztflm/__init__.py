"""ztflm: TensorFlow Lite models on microcontrollers, and the host tools around them."""
from __future__ import annotations

from .errors import Error, Status
from .interpreter import Arena, Interpreter

__all__ = ["Arena", "Error", "Interpreter", "Status"]
__version__ = "0.1.0"
