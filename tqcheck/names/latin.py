"""Comparing Latin renderings of names: folding (case, accents, possessives), whole-word search inside
compounds, plurals, derived words (Russian, pro-Trump) and initials (UN for United Nations)."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import List, Optional, Tuple

from tqcheck.names.matching import normalise_latin_name
from tqcheck.types import Span


def fold(text: str) -> str:
    return normalise_latin_name(text)


def variant_of(a: str, b: str) -> bool:
    """Same rendering up to case, possessive or a plural s (Clinton / Clintons)."""
    fa, fb = fold(a), fold(b)
    short, long_ = sorted((fa, fb), key=len)
    # a plural (Clintons, Joneses), not a slip that adds letters (Trumpp)
    return fa == fb or long_.startswith(short) and long_[len(short):] in ("s", "es")


def contains_word(text: str, phrase: str) -> Optional[Span]:
    """Span of ``phrase`` in ``text`` as whole words, case-insensitively (possessives and compounds such
    as pro-Moscow allowed)."""
    spans = all_words(text, phrase)
    return spans[0] if spans else None


_LETTERS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=8192)
def _letter_runs(text: str) -> Tuple[Tuple[str, int, int], ...]:
    """Runs of letters, case-folded, with spans: "pro-Moscow's" gives pro, moscow, s."""
    return tuple((m.group().lower(), m.start(), m.end()) for m in _LETTERS.finditer(text))


def all_words(text: str, phrase: str) -> List[Span]:
    """Every span of ``phrase`` in ``text`` as whole words, case-insensitively (inside compounds too)."""
    target = [t for t, _, _ in _letter_runs(phrase)]
    runs = _letter_runs(text)
    n = len(target)
    if not n:
        return []
    return [(runs[i][1], runs[i + n - 1][2]) for i in range(len(runs) - n + 1)
            if runs[i][0] == target[0] and all(runs[i + k][0] == target[k] for k in range(1, n))]


def shares_word(a: str, b: str) -> bool:
    """One rendering is part of the other (Sims / Wayde Sims, Plasco / Plasco-Flaxman)."""
    wa, wb = set(fold(a).replace("-", " ").split()), set(fold(b).replace("-", " ").split())
    return bool(wa & wb)


def written_otherwise(name: str, text: str) -> bool:
    """The translation has the name after all: as initials (NY), inside a compound (Pro-Trump) or as the
    start of a derived word (Ukraine -> Ukrainian)."""
    folded, words = _folded_words(text)
    stem = fold(name)[: max(4, len(fold(name)) - 2)]
    if acronym_of(name, text) or fold(name) in folded:
        return True
    k = bisect_left(words, stem)  # the words that start with the stem sort right after it
    return k < len(words) and words[k].startswith(stem)


@lru_cache(maxsize=16)
def _folded_words(text: str) -> Tuple[str, List[str]]:
    """A translation folded once, with its words sorted (a segment asks this of every name it has)."""
    folded = fold(text)
    return folded, sorted(set(folded.split()))



_DERIVED_ENDINGS = ("n", "an", "ian", "ns", "ans", "ians", "i", "is", "ese")


def derived_from(name: str, word: str) -> bool:
    """``word`` is made from ``name``: one part of a compound (Russian-backed, pro-Trump) or the name with a
    demonym ending (Russian, Iraqi), not a misspelling that merely starts like it (Trumpp)."""
    base = fold(name)
    parts = [fold(p) for p in re.split(r"[-\s]+", word) if p]
    return any(p == base or (p.startswith(base) and p[len(base):] in _DERIVED_ENDINGS)
               or (base.endswith("a") and p.startswith(base[:-1]) and p[len(base) - 1:] in _DERIVED_ENDINGS)
               for p in parts)


def acronym_of(name: str, text: str) -> bool:
    """True when ``text`` writes ``name`` as its initials (NY for New York, UN for United Nations)."""
    initials = "".join(p[0] for p in name.replace("-", " ").split() if p[:1].isupper())
    return len(initials) >= 2 and re.search(rf"\b{re.escape(initials)}\b", text.replace(".", "")) is not None

