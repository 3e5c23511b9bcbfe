"""Plain-text input: UTF-8 (with or without BOM), UTF-16 with a BOM, any line ending.

Every problem becomes an ``InputError`` whose message names the file and, where it applies, the line.
"""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path
from typing import List, Optional, Sequence, Tuple, Union

from tqcheck.errors import InputError, UsageError
from tqcheck.text.normalize import clean_text

PathLike = Union[str, "os.PathLike[str]"]


STDIN = "-"


def display_name(path: PathLike) -> str:
    """How an input is named in messages and reports: ``<stdin>`` for ``-``, else the path."""
    return "<stdin>" if str(path) == STDIN else str(path)


def stdin_once(paths: Sequence[Optional[PathLike]]) -> None:
    """Standard input can be read once: refuse ``-`` for two inputs of the same command."""
    if sum(1 for p in paths if p is not None and str(p) == STDIN) > 1:
        raise UsageError("'-' (standard input) can stand for one input only")


def read_bytes(path: PathLike) -> bytes:
    """The bytes of an input file, or of standard input for ``-``, read with a bound.

    Raises:
        InputError: missing, a folder, unreadable, or larger than ``tqcheck.limits.max_input_bytes()``
            (a read of ``/dev/zero`` or an endless pipe stops at the limit).
    """
    from tqcheck.limits import ENV_MAX_INPUT, max_input_bytes

    limit = max_input_bytes()
    name = display_name(path)
    try:
        if str(path) == STDIN:
            data = sys.stdin.buffer.read(limit + 1)
        else:
            p = Path(path)
            if not p.exists():
                raise InputError(f"{p}: no such file")
            if p.is_dir():
                raise InputError(f"{p}: is a directory, expected a text file")
            with p.open("rb") as fh:
                data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    except (AttributeError, ValueError) as exc:  # no standard input (closed, or not a byte stream)
        raise InputError(f"{name}: standard input cannot be read ({exc})") from exc
    if len(data) > limit:
        raise InputError(f"{name}: larger than {limit // 1_000_000} MB, the limit of one input (set "
                         f"{ENV_MAX_INPUT} to raise it, or split the file)")
    return data


def read_text(path: PathLike, *, allow_empty: bool = False) -> str:
    """Read a whole text file (``-``: standard input) and decode it.

    Args:
        path: the file.
        allow_empty: accept a file with no text (otherwise an ``InputError``).

    Returns:
        The decoded text with line endings normalised to ``\\n``; a UTF-8 or UTF-16 BOM is removed.
    """
    name = display_name(path)
    text = decode(read_bytes(path), name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not allow_empty and not text.strip():
        raise InputError(f"{name}: file is empty")
    return text


def decode(data: bytes, name: str) -> str:
    """Decode bytes as UTF-16 (only with a BOM) or UTF-8; explain where invalid bytes are."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: invalid UTF-16 at byte {exc.start}") from exc
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file (NUL bytes), expected UTF-8 text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1)
        raise InputError(
            f"{name}: invalid UTF-8 on line {line} at byte {col} (byte 0x{data[exc.start]:02x}); "
            "save the file as UTF-8") from exc


def read_lines(path: PathLike, *, allow_empty: bool = False) -> List[str]:
    """The lines of a text file, cleaned (invisible marks, presentation forms) but otherwise as written.

    A final newline does not make an extra empty line.
    """
    return read_lines_verbatim(path, allow_empty=allow_empty)[0]


def read_lines_verbatim(path: PathLike, *, allow_empty: bool = False) -> Tuple[List[str], List[bool]]:
    """``read_lines`` and, for each line, whether cleaning left it as written: only then is a position in
    the cleaned line a column of the file (SARIF ``startColumn``)."""
    text = read_text(path, allow_empty=allow_empty)
    raw = text.split("\n")
    if raw and raw[-1] == "":
        raw.pop()
    lines = [clean_text(line) for line in raw]
    return lines, [a == b for a, b in zip(lines, raw)]
