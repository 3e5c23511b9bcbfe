"""Cheap anchors that Arabic-English news offers for free: numbers by value, quotes and brackets, lengths.

Each sentence becomes a few numbers or a set of values; ``tqcheck.align.features`` turns them into scores
for candidate beads.

Numbers: until the shared extractor ``tqcheck.text.numbers`` lands on main, ``number_values`` uses a small
private regex (Arabic-Indic digits, thousands separators, decimal points). It is the only function to swap.
"""

from __future__ import annotations

import re
from typing import FrozenSet, List, Sequence

from tqcheck.text.normalize import DIGITS

# A digit run with optional thousands groups and a decimal part: 1,200 / 1.200,5 / ١٬٢٠٠ / ٣٫٥ / 2019.
_NUMBER_RE = re.compile(r"\d+(?:[,.\u066b\u066c\u060c]\d+)*")
_QUOTES = frozenset("\"“”«»„‟❝❞〝〞")
_BRACKETS = frozenset("()[]{}")


def number_values(text: str) -> FrozenSet[str]:
    """The numbers written with digits in ``text``, as canonical strings (``"1200"``, ``"3.5"``).

    Grouping separators are dropped and a final group of one or two digits after a comma or an Arabic
    decimal separator is read as a decimal part, so "1,200" and "١٬٢٠٠" give "1200", "3.5" and "٣٫٥" "3.5".
    Years, percentages and counts are all just values: the aligner only asks whether both sides share them.
    """
    text = text.translate(DIGITS)
    out = set()
    for m in _NUMBER_RE.finditer(text):
        s = m.group(0).replace("\u066c", ",").replace("\u066b", ".").replace("\u060c", ",")
        cut = max(s.rfind("."), s.rfind(","))
        head, sep, tail = (s[:cut], s[cut], s[cut + 1:]) if cut >= 0 else ("", "", s)
        if sep and len(tail) != 3:  # a decimal part ("3.5", "3,75"), not a thousands group
            value = head.replace(",", "").replace(".", "") + "." + tail
        else:
            value = s.replace(",", "").replace(".", "")
        value = value.lstrip("0") or "0"
        if value.endswith(".0"):
            value = value[:-2] or "0"
        out.add(value)
    return frozenset(out)


def has_quote(text: str) -> bool:
    return not _QUOTES.isdisjoint(text)


def has_bracket(text: str) -> bool:
    return not _BRACKETS.isdisjoint(text)


def char_lengths(texts: Sequence[str]) -> List[int]:
    """Length in characters, spaces collapsed (Arabic and English are compared through a ratio)."""
    return [len(" ".join(t.split())) for t in texts]
