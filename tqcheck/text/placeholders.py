"""Inline codes of bilingual files as opaque placeholders in the segment text.

A CAT file's inline codes (XLIFF ``<x/>``, ``<ph/>``, ``<g>``, ``<bpt>``/``<ept>``, ``<pc>``, ``<sc>``/``<ec>``;
TMX ``<ph>``, ``<bpt>``/``<ept>``) carry formatting or interpolated values that the translation must keep. The
readers replace each by one character of Unicode's Private Use Area, numbered per unit so that the same code
gets the same character in the source and in the translation:

- U+E000 + n: a standalone code (a placeholder: ``<x/>``, ``<ph/>``),
- U+E400 + n and U+E800 + n: the opening and the closing code of pair n (``<g>``/``</g>``, ``<bpt>``/``<ept>``).

One character a code keeps the report's spans valid and never looks like a word, a number or an Arabic
letter to the other checks; the metrics score the text without them (``strip``). The text renderers show
them as ``⟦1⟧``, ``⟦2⟧``/``⟦/2⟧`` (``display``), numbered from 1 in the order of the unit.
"""

from __future__ import annotations

import re
from typing import Dict, Hashable, List, Tuple

STANDALONE, OPEN, CLOSE = 0xE000, 0xE400, 0xE800
LIMIT = 0x400  # codes of each kind a unit may have

_ANY = re.compile("[\ue000-\uebff]")
_SPACES = re.compile(r"\s{2,}")


def kind_of(ch: str) -> str:
    """"standalone", "open" or "close" for a placeholder character, "" for any other."""
    cp = ord(ch)
    if STANDALONE <= cp < OPEN:
        return "standalone"
    if OPEN <= cp < CLOSE:
        return "open"
    if CLOSE <= cp < CLOSE + LIMIT:
        return "close"
    return ""


def number_of(ch: str) -> int:
    """The code's number in its unit (1-based, as displayed)."""
    return (ord(ch) - STANDALONE) % LIMIT + 1


def partner(ch: str) -> str:
    """The closing character of an opening one and the other way round ("" for a standalone)."""
    kind = kind_of(ch)
    if kind == "open":
        return chr(ord(ch) - OPEN + CLOSE)
    if kind == "close":
        return chr(ord(ch) - CLOSE + OPEN)
    return ""


def label(ch: str) -> str:
    """How a placeholder is shown to a reader: ``⟦3⟧``, or ``⟦/3⟧`` for the end of pair 3."""
    return f"⟦/{number_of(ch)}⟧" if kind_of(ch) == "close" else f"⟦{number_of(ch)}⟧"


def has_placeholders(text: str) -> bool:
    return bool(_ANY.search(text or ""))


def placeholders(text: str) -> List[Tuple[int, str]]:
    """``(offset, character)`` of every placeholder of ``text``, in order."""
    return [(m.start(), m.group()) for m in _ANY.finditer(text or "")]


def display(text: str) -> str:
    """``text`` with each placeholder written as its label (for the text, HTML, SARIF and JUnit reports)."""
    if not text or not has_placeholders(text):
        return text
    return _ANY.sub(lambda m: label(m.group()), text)


def strip(text: str) -> str:
    """``text`` without its placeholders (what the metrics score): a code is not a word."""
    if not text or not has_placeholders(text):
        return text
    return _SPACES.sub(" ", _ANY.sub(" ", text)).strip()


class CodeTable:
    """Numbers the inline codes of one unit: the same key on both sides gets the same character.

    Standalone codes and pairs share one numbering (the first code of a unit is 1, whatever its kind), so
    that a label names one code.
    """

    def __init__(self) -> None:
        self._numbers: Dict[Hashable, int] = {}

    def _number(self, key: Hashable) -> int:
        if key not in self._numbers:
            self._numbers[key] = min(len(self._numbers), LIMIT - 1)
        return self._numbers[key]

    def standalone(self, key: Hashable) -> str:
        return chr(STANDALONE + self._number(("standalone", key)))

    def open(self, key: Hashable) -> str:
        return chr(OPEN + self._number(("pair", key)))

    def close(self, key: Hashable) -> str:
        return chr(CLOSE + self._number(("pair", key)))
