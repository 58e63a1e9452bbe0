"""The one exception type of ztflm, carrying the runtime's status, message and node."""
from __future__ import annotations

import enum

from .text import printable


class Status(enum.IntEnum):
    """enum ztflm_status"""

    OK = 0
    STOPPED = 1  # not an error: an operator ended the invoke early (ztflm_invoke)
    INVALID_ARG = -1
    MODEL = -2
    UNSUPPORTED = -3
    ARENA = -4
    STATE = -5
    KERNEL = -6


class Error(Exception):
    """A runtime or tooling error: message for the user, plus where it happened. The message
    is one printable line, whatever a model or a file name put into it."""

    def __init__(self, message: str, code: int = Status.INVALID_ARG, node: int = -1,
                 needed: int = 0) -> None:
        super().__init__(printable(message))
        self.code = Status(code) if code in Status._value2member_map_ else code
        self.node = node
        self.needed = needed
