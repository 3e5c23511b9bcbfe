"""Text that reaches a terminal: control characters of the input are shown, never obeyed.

An input line may carry ESC sequences (which clear or retitle a terminal) or BEL; a file name may carry
bytes that are not UTF-8 (Python keeps them as lone surrogates, which cannot be printed). Each becomes a
visible escape such as ``\\x1b``; newlines and tabs stay as they are.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, and lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _escape(m: "re.Match[str]") -> str:
    code = ord(m.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a non-UTF-8 file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def neutralise(text: str) -> str:
    """``text`` with its control characters and lone surrogates written as visible escapes."""
    return _UNSAFE.sub(_escape, text)
