"""The words of a segment with their spans, Latin and Arabic, in the forms the name code compares."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple, Tuple

from tqcheck.types import Span

_LATIN_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", re.UNICODE)
_ARABIC_WORD = re.compile(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff\u0640\u064b-\u065f\u0670]+")


class Word(NamedTuple):
    """A word of a segment with its character span (``norm`` is the form used for comparison).

    A named tuple rather than a dataclass: every word of every segment is one, and tuples are built in C.
    """

    text: str
    start: int
    end: int
    norm: str

    @property
    def span(self) -> Span:
        return (self.start, self.end)



def _strip_possessive(word: str) -> str:
    for s in ("'s", "’s", "'", "’"):
        if word.endswith(s) and len(word) > len(s) + 1:
            return word[: -len(s)]
    return word


@lru_cache(maxsize=8192)
def latin_words(text: str) -> Tuple[Word, ...]:
    """The Latin-script words of ``text`` with their spans (possessives removed)."""
    out = []
    for m in _LATIN_WORD.finditer(text):
        w = m.group()
        if w[-1] in "s'’":
            w = _strip_possessive(w)
        out.append(Word(w, m.start(), m.start() + len(w), w.lower()))
    return tuple(out)



# A word found by _ARABIC_WORD holds Arabic letters, harakat and tatweel only, so per-word normalisation
# is two table look-ups (what normalize_arabic does, without its whole-text passes).
_DROP_MARKS = {c: None for c in range(0x064B, 0x0660)} | {0x0670: None, 0x0640: None}
_TO_NORM = str.maketrans({**{chr(k): v for k, v in _DROP_MARKS.items()},
                          "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ئ": "ي"})
_TO_LEXICON = str.maketrans({chr(k): v for k, v in _DROP_MARKS.items()})


def _ar_norm(word: str) -> str:
    return word.translate(_TO_NORM)


@lru_cache(maxsize=4096)
def arabic_words(text: str) -> Tuple[Word, ...]:
    """The Arabic words of ``text`` with their spans; ``norm`` has diacritics and tatweel removed and alef/yeh
    unified."""
    return tuple(Word(m.group(), m.start(), m.end(), m.group().translate(_TO_NORM))
                 for m in _ARABIC_WORD.finditer(text))


def _lexicon_form(word: str) -> str:
    """Diacritics and tatweel removed but hamza seats kept, the way wordfreq spells its entries."""
    return word.translate(_TO_LEXICON)

