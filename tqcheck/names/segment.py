"""One segment: spot the names of both sides and pair them (matched, English names with no Arabic counterpart,
Arabic candidates no English word accounts for, rare Arabic words nothing explains)."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Callable, Dict, FrozenSet, List, Optional, Sequence, Tuple

from tqcheck.names.arabic import _AR_STOP, _AR_TITLES, ArabicName, arabic_names, is_unknown_arabic
from tqcheck.names.english import EnglishName, english_names
from tqcheck.names.exonyms import _EXONYMS, _norm_text, exonym_in
from tqcheck.names.matching import (
    _GLUED,
    _HAS_LATIN,
    SOFT_THRESHOLD,
    ArabicWindow,
    _glued_match,
    _windows_of,
    best_arabic_match,
    sounds_like_any,
    threshold_for,
)
from tqcheck.names.words import Word, _lexicon_form, arabic_words, latin_words
from tqcheck.text.lexicon import arabic_zipf
from tqcheck.types import Span

# the trace of a name the translation replaced.
RARE_ZIPF = 3.5


@dataclass(frozen=True)
class NameMatch:
    """An English name (or one word of it) and the Arabic it renders.

    ``how`` says what matched them: "sound" (transliteration), "exonym" (Egypt = مصر), "latin" (the source
    writes the name in Latin letters).
    """

    english: EnglishName
    english_text: str
    english_span: Span
    arabic_text: str
    arabic_span: Optional[Span]
    score: float
    how: str
    key: bool = True  # False for an ordinary word that happens to be a name here (Trump, Rose)


@dataclass(frozen=True)
class Unmatched:
    """A key word of an English name with no counterpart in the Arabic, and the best similarity found
    (``best`` below ``WEAK_THRESHOLD``: nothing sounds like it; between that and a match: something roughly does)."""

    english: EnglishName
    word: Word
    best: float
    best_arabic: Optional[str]


# At most this many names (and as many Arabic words) of one segment are compared by sound: a segment of a
# megabyte would otherwise take minutes; the check reports when it stops short.
MAX_NAMES = 2000


def covered(spans: Sequence[Optional[Span]]) -> "Callable[[Span], bool]":
    """A test of whether a span overlaps any of ``spans``, in log time (a long segment has thousands)."""
    ordered = sorted(s for s in spans if s)
    starts = [s[0] for s in ordered]
    reach: List[int] = []  # the furthest end among the spans up to each one
    for s in ordered:
        reach.append(max(s[1], reach[-1]) if reach else s[1])

    def overlaps(span: Span) -> bool:
        k = bisect_left(starts, span[1])  # spans starting before this one ends
        return k > 0 and reach[k - 1] > span[0]
    return overlaps


@dataclass(frozen=True)
class SegmentNames:
    """Everything name-related in one source/translation pair."""

    english: Tuple[EnglishName, ...]
    matches: Tuple[NameMatch, ...]
    unmatched_english: Tuple[Unmatched, ...]
    unmatched_arabic: Tuple[ArabicName, ...]
    arabic: Tuple[Word, ...] = ()
    rare_leftover: Tuple[Word, ...] = ()
    capped: bool = False  # the segment had more names than MAX_NAMES: the rest were not looked at


def _latin_in_source(word: str, source_latin: Dict[str, Span]) -> Optional[Span]:
    return source_latin.get(word.lower())



def analyse(source: str, translation: str, known: FrozenSet[str] = frozenset()) -> SegmentNames:
    """Spot the names of both sides and pair them.

    Args:
        source: the Arabic segment.
        translation: its English translation.
        known: Arabic keys (normalised, article removed) known to be names (glossary, document).

    Returns:
        Matched names, English name words with no Arabic counterpart, and Arabic name candidates that no
        English word accounts for.
    """
    words = arabic_words(source)
    # windows are built only when the translation has a name to look for
    windows = _windows_of(source) if any(n.key_words or n.soft_words for n in english_names(translation)) else ()
    source_norm: Optional[str] = None  # only needed for names Arabic translates (exonyms)
    names = english_names(translation)
    source_latin = {w.norm: w.span for w in latin_words(source)} if _HAS_LATIN.search(source) else {}
    matches: List[NameMatch] = []
    unmatched: List[Unmatched] = []
    used: set = set()  # indices of Arabic words that a name accounts for

    def record(name: EnglishName, text: str, span: Span, window: Optional[ArabicWindow], score: float,
               how: str, arabic_span: Optional[Span] = None, key: bool = True) -> None:
        if window is not None:
            used.update(range(window.first, window.last + 1))
            arabic_span = window.span
        ar_text = source[arabic_span[0]:arabic_span[1]] if arabic_span else ""
        matches.append(NameMatch(name, text, span, ar_text, arabic_span, score, how, key))

    glued: Optional[List[Word]] = None
    memo: Dict[Tuple[str, Optional[float]], Optional[Tuple[float, ArabicWindow]]] = {}

    def best(latin: str, threshold: Optional[float] = None) -> Optional[Tuple[float, ArabicWindow]]:
        # a long segment names the same people again and again: each name is matched once
        if (latin, threshold) not in memo:
            memo[(latin, threshold)] = best_arabic_match(latin, windows, threshold=threshold)
        return memo[(latin, threshold)]

    capped = len(names) > MAX_NAMES
    for name in names[:MAX_NAMES]:
        for w in name.soft_words:
            hit = best(w.text, max(threshold_for(w.text), SOFT_THRESHOLD))
            if hit:
                record(name, w.text, w.span, hit[1], hit[0], "sound", key=False)
        if not name.checkable:
            continue
        missing: List[Word] = []
        for w in name.key_words:
            latin_span = _latin_in_source(w.text, source_latin)
            if latin_span:
                record(name, w.text, w.span, None, 1.0, "latin", latin_span)
            elif w.norm in _EXONYMS and exonym_in(w.text, source_norm or _norm_text(source)):
                record(name, w.text, w.span, None, 1.0, "exonym")
            else:
                hit = best(w.text)
                if hit is None and "-" in w.text:
                    # Plasco-Flaxman = بلاسكو: a double-barrelled name may keep one part
                    parts = [p for p in w.text.split("-") if len(p) > 2]
                    hits = [h for h in (best(p) for p in parts) if h]
                    hit = max(hits, key=lambda h: h[0]) if hits else None
                if hit:
                    record(name, w.text, w.span, hit[1], hit[0], "sound")
                else:
                    missing.append(w)
        if missing and len(name.words) > 1:
            # New York = نيويورك, Des Moines = دي موين: a name of two words may be one Arabic word or two.
            still: List[Word] = []
            for w in missing:
                p = name.words.index(w)
                pairs = [name.words[k:k + 2] for k in (p - 1, p) if 0 <= k and k + 1 < len(name.words)]
                pair_hits = [(h, pair) for pair in pairs
                             for h in [best(" ".join(x.text for x in pair))] if h]
                if pair_hits:
                    ph, pair = max(pair_hits, key=lambda x: x[0][0])
                    span = (pair[0].start, pair[-1].end)
                    record(name, translation[span[0]:span[1]], span, ph[1], ph[0], "sound")
                else:
                    still.append(w)
            missing = still
        if missing and glued is None:
            glued = [w for w in words if len(w.norm) >= _GLUED and is_unknown_arabic(w)]
        for w in missing:
            glued_hit = _glued_match(w.text, glued) if glued else None
            if glued_hit:
                record(name, w.text, w.span, None, glued_hit[0], "sound", glued_hit[1])
                continue
            hit = best(w.text, 0.0)
            weak, weak_ar = (hit[0], hit[1].text) if hit else (0.0, None)
            unmatched.append(Unmatched(name, w, weak, weak_ar))

    # Arabic candidates that no name took: an ordinary English word may still render them (فيسبوك = Facebook).
    english_windows: Optional[Sequence[Word]] = None
    leftover = []
    index_of = {w.start: i for i, w in enumerate(words)}
    heard: Dict[str, bool] = {}  # a long segment repeats its words: each is looked up once

    def sounds(norm: str) -> bool:
        if norm not in heard:
            heard[norm] = sounds_like_any(norm, english_windows or ())
        return heard[norm]

    for cand in arabic_names(source, known, words)[:MAX_NAMES]:
        idx = index_of[cand.span[0]]
        if idx in used:
            continue
        if english_windows is None:
            english_windows = latin_words(translation)
        if sounds(words[idx].norm):
            continue
        leftover.append(cand)
    # Rare Arabic words that nothing in the translation accounts for: if an English name is unexplained too,
    # the translation probably put one name in place of the other (دالهاوزي -> "Dalai Lama").
    rare: List[Word] = []
    if unmatched:
        english_windows = english_windows if english_windows is not None else latin_words(translation)
        for i, w in enumerate(words):
            if len(heard) >= MAX_NAMES:
                capped = True
                break
            if (i not in used and 3 <= len(w.norm) < _GLUED and w.norm not in _AR_STOP and w.norm not in _AR_TITLES
                    and arabic_zipf(_lexicon_form(w.text)) < RARE_ZIPF
                    and not sounds(w.norm)):
                rare.append(w)
    return SegmentNames(names, tuple(matches), tuple(unmatched), tuple(leftover), tuple(words), tuple(rare), capped)



def match_names(source: str, translation: str) -> List[NameMatch]:
    """The names of ``translation`` that sound like words of ``source`` (for glossary learning)."""
    return [m for m in analyse(source, translation).matches if m.how == "sound"]
