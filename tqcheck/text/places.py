"""Country and territory names in Arabic and English (Unicode CLDR), for noticing a place the translation lost.

The table is ``tqcheck/data/places.tsv`` in the glossary format (``bench/names/make_places.py`` builds it
from CLDR through babel, with alternates such as UK, Britain, America written by hand). It is read once,
on first use.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import List, Sequence, Tuple

from tqcheck.glossary import Glossary, GlossaryEntry, parse_glossary
from tqcheck.names.words import Word


@lru_cache(maxsize=1)
def places() -> Glossary:
    """The bundled place table as a glossary (Arabic form -> English name and accepted variants)."""
    data = resources.files("tqcheck") / "data" / "places.tsv"
    return parse_glossary(data.read_text(encoding="utf-8"), "tqcheck/data/places.tsv")


def find_places(words: Sequence[Word]) -> List[Tuple[GlossaryEntry, int, int]]:
    """Place names in ``words`` (from ``arabic_words``): (entry, first, last), the longest name at each
    position and none overlapping (كوريا الجنوبية, not كوريا inside it)."""
    found = sorted(places().find(words), key=lambda f: (f[1], -(f[2] - f[1])))
    out: List[Tuple[GlossaryEntry, int, int]] = []
    end = -1
    for entry, first, last in found:
        if first > end:
            out.append((entry, first, last))
            end = last
    return out
