"""Word lists the name spotter asks: is this English word an ordinary word, is this Arabic word known?

English: ``tqcheck/data/en_words.txt.gz``, the words that the SCOWL lists write in lower case (rebuilt by
``bench/names/make_en_words.py``). Arabic: wordfreq's Arabic frequencies, asked after stripping clitics
and the commonest inflection endings, so that وبالرئيس and رئيسها count as known. Both are loaded on first
use and every answer is cached.
"""

from __future__ import annotations

import gzip
import math
from functools import lru_cache
from importlib import resources
from typing import FrozenSet, Iterator

from tqcheck.errors import TqcheckError

_AR_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "وب", "ول", "وك", "وف", "فب", "فل",
                "وس", "و", "ف", "ب", "ل", "ك", "س")
_AR_SUFFIXES = ("هما", "كما", "تها", "تهم", "ها", "هم", "هن", "كم", "كن", "نا", "ات", "ون", "ين", "ان", "وا",
                "ية", "ه", "ك", "ي", "ة", "ت", "ا")


@lru_cache(maxsize=1)
def _english_words() -> FrozenSet[str]:
    data = resources.files("tqcheck") / "data" / "en_words.txt.gz"
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
        return frozenset(f.read().split())


def is_english_word(word: str) -> bool:
    """True when ``word`` (any case) is an ordinary English word that is written in lower case.

    "House", "Ministry", "March" are; "Kyiv", "Sullivan", "Gaziantep" are not. Plurals and possessives of
    listed words count too.
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    words = _english_words()
    return w in words or (w.endswith("s") and w[:-1] in words)


@lru_cache(maxsize=1)
def _arabic_frequencies() -> dict:
    try:
        import wordfreq  # heavy-ish (msgpack data); only the name check needs it
    except ImportError as err:  # pragma: no cover - wordfreq is a declared dependency
        raise TqcheckError("the name check needs wordfreq: pip install wordfreq") from err
    return wordfreq.get_frequency_dict("ar", wordlist="best")


def _zipf(word: str) -> float:
    # wordfreq keeps hamza on alef (أ إ آ); the text may have written a bare ا, so try the seated forms too.
    freqs = _arabic_frequencies()
    freq = freqs.get(word, 0.0)
    if not freq and word[:1] == "ا":
        freq = max(freqs.get(seat + word[1:], 0.0) for seat in "أإآ")
    return math.log10(freq) + 9.0 if freq else 0.0


def arabic_stems(word: str) -> Iterator[str]:
    """``word`` and what is left of it after removing one clitic prefix and/or one suffix (stems of 2+ letters)."""
    yield word
    bases = [word]
    for p in _AR_PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 2:
            bases.append(word[len(p):])
            yield word[len(p):]
    for base in bases:
        for s in _AR_SUFFIXES:
            if base.endswith(s) and len(base) - len(s) >= 2:
                yield base[: -len(s)]


@lru_cache(maxsize=100_000)
def arabic_zipf(word: str) -> float:
    """The highest wordfreq Zipf frequency of ``word`` or one of its clitic-stripped stems (0 if unknown)."""
    return max(_zipf(s) for s in arabic_stems(word))


@lru_cache(maxsize=100_000)
def arabic_form_zipf(word: str) -> float:
    """wordfreq's Zipf frequency of exactly this form (0 if unknown)."""
    return _zipf(word)


# An English word this frequent (Zipf) is taken for an ordinary word when it starts a sentence.
ENGLISH_COMMON_ZIPF = 3.0


@lru_cache(maxsize=50_000)
@lru_cache(maxsize=50_000)
def english_zipf(word: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in English (case folded)."""
    import wordfreq

    return wordfreq.zipf_frequency(word, "en")


def is_common_english(word: str) -> bool:
    """True when wordfreq's English list has ``word`` (case folded) at least ``ENGLISH_COMMON_ZIPF``.

    Used only for capitalised words at a sentence start, where capitals say nothing: a frequent name
    there (Washington) is missed rather than a frequent word (Geophysicists) taken for a name.
    """
    import wordfreq

    return wordfreq.zipf_frequency(word, "en") >= ENGLISH_COMMON_ZIPF
