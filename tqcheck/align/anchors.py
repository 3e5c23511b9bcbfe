"""Cheap anchors that Arabic-English news offers for free: numbers by value, quotes and brackets, lengths.

Each sentence becomes a few numbers or a set of values; ``tqcheck.align.features`` turns them into scores
for candidate beads.

Numbers come from the shared extractor ``tqcheck.text.numbers`` (digits in any script, number words and
magnitudes in both languages), so «سبعين ألف» and "70,000" are the same anchor.
"""

from __future__ import annotations

from typing import FrozenSet, List, Sequence

from tqcheck.text.numbers import MEDIUM, extract_numbers

_QUOTES = frozenset("\"“”«»„‟❝❞〝〞")
_BRACKETS = frozenset("()[]{}")


def number_values(text: str, lang: str) -> FrozenSet[str]:
    """The numbers of ``text`` by value, as canonical strings (``"1200"``, ``"3.5"``).

    Only quantities the extractor is fairly sure of (digits, magnitudes, the words two to ten) count:
    "one", ordinals and vague plurals are too often rendered differently to anchor anything.
    """
    return frozenset(f"{q.value:.10g}" for q in extract_numbers(text, lang) if q.salience >= MEDIUM)


def has_quote(text: str) -> bool:
    return not _QUOTES.isdisjoint(text)


def has_bracket(text: str) -> bool:
    return not _BRACKETS.isdisjoint(text)


def char_lengths(texts: Sequence[str]) -> List[int]:
    """Length in characters, spaces collapsed (Arabic and English are compared through a ratio)."""
    return [len(" ".join(t.split())) for t in texts]
