"""Strings from a model or a file name made safe to print: one line, no terminal controls."""
from __future__ import annotations

import re

# What a C comment may hold as is; anything else is escaped (no "*/", no trigraph "??").
_C_COMMENT_SAFE = re.compile(r"[A-Za-z0-9 _.,:;+=@#%&()\[\]{}<>!~^'\"-]")


def _escape(c: str) -> str:
    code = ord(c)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape): show the byte
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str) -> str:
    """text with every character a terminal could act on escaped as \\xNN, \\uNNNN: control
    characters (newline, carriage return, escape...), line separators, bidirectional and
    other format characters, undecodable bytes. The result is one line that shows what the
    string held; printable text (any script) is unchanged."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def c_comment(text: str) -> str:
    """text for the inside of a C block comment: ASCII that cannot end the comment or form a
    trigraph, the rest escaped as above."""
    return "".join(c if _C_COMMENT_SAFE.match(c) else _escape(c) for c in text)
