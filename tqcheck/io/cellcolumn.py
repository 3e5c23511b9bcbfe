"""Where a cell's text starts in its record's line (TSV, CSV, JSON Lines; XLIFF/TMX elements), for SARIF columns.

A reader knows a unit's line; the column is known only where the cell's text, as the report holds it (cleaned,
whitespace collapsed), is written verbatim in that line: once, between the format's delimiters. Anything
else (an escape, a doubled quote, an XML entity or inline code, a record over several lines, the same text in
two cells) gives None, and SARIF then points at the line alone.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, List, Optional, Sequence, Tuple

# Occurrences of a text in its line looked at before giving up (each costs a scan of the text's length).
MAX_OCCURRENCES = 16

# (characters that may come before, after) a cell's text, by format; "" is the start or end of the line
BOUNDS = {
    "tsv": (("", "\t"), ("", "\t", "\r")),
    "csv": (("", ",", '"'), ("", ",", '"', "\r")),
    "jsonl": (('"',), ('"',)),
    "xml": ((">",), ("<",)),
}


def cell_column(line: str, text: str, fmt: str) -> Optional[int]:
    """The 0-based column of ``text`` in ``line``, where it occurs exactly once between delimiters of ``fmt``."""
    if not text:
        return None
    before, after = BOUNDS[fmt]
    found: Tuple[int, ...] = ()
    at = line.find(text)
    for _ in range(MAX_OCCURRENCES):
        if at < 0:
            return found[0] if found else None
        end = at + len(text)
        if line[at - 1:at] in before and line[end:end + 1] in after:
            found += (at,)
            if len(found) > 1:
                return None
        at = line.find(text, at + 1)
    return None  # a text found over and over in its line (overlapping repeats): ambiguous, and linear time


def with_columns(units: Sequence[Any], lines: Optional[List[str]], fmt: str) -> List[Any]:
    """Units (``tqcheck.io.bilingual.Unit``) with ``source_column``/``target_column`` found in ``lines``."""
    if lines is None:
        return list(units)

    def column(line: Optional[int], text: str) -> Optional[int]:
        return cell_column(lines[line], text, fmt) if line is not None and 0 <= line < len(lines) else None

    return [replace(u, source_column=column(u.source_line, u.source),
                    target_column=column(u.target_line, u.translation)) for u in units]
