"""Matching names across scripts: which Arabic word (or two) sounds like a Latin name.

Matching uses ``tqcheck.text.translit.similarity`` with a rapidfuzz shortlist on coarse consonant skeletons.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Optional, Sequence, Tuple

from rapidfuzz import fuzz, process

from tqcheck.names.arabic import _comparable
from tqcheck.names.words import Word, arabic_words, latin_words
from tqcheck.text.translit import similarity, skeleton_ar, skeleton_latin
from tqcheck.types import Span

# A Latin word and an Arabic word (or two) at least this similar are the same name; short names (two
# consonants or fewer) must be closer, since many Arabic words share two consonants with them.
MATCH_THRESHOLD = 0.8
SHORT_MATCH_THRESHOLD = 0.85
# Ordinary words that are names only sometimes (Trump, Rose) must sound very close to count.
SOFT_THRESHOLD = 0.9
# Below this, nothing in the Arabic sounds like the English name at all: it was invented or swapped.
WEAK_THRESHOLD = 0.6
# Arabic words rarer than this (Zipf, any clitic-stripped form) that nothing in the translation explains are


@dataclass(frozen=True)
class ArabicWindow:
    """One Arabic word, or two neighbours read as one name (غازي عنتاب), ready for matching."""

    first: int
    last: int
    text: str
    span: Span
    skeleton: str



class _Windows(tuple):
    """The windows of one text, with their skeletons listed once for rapidfuzz; a long text's windows are also
    bucketed by the first letter of their skeleton, so that a name is compared with the windows that start
    like it rather than with every window (time linear in the segment's length)."""

    skeletons: List[str]
    buckets: Dict[str, Tuple[List[int], List[str]]]


# Texts with more windows than this are searched bucket by bucket (shorter ones whole, as before); a bucket
# holds the skeletons that start with the same two letters.
_BUCKETED = 400
_KEY = 2


def _bucket(items: Sequence[str]) -> Dict[str, Tuple[List[int], List[str]]]:
    out: Dict[str, Tuple[List[int], List[str]]] = defaultdict(lambda: ([], []))
    for i, skel in enumerate(items):
        ids, skels = out[skel[:_KEY]]
        ids.append(i)
        skels.append(skel)
    return dict(out)


@lru_cache(maxsize=4096)
def _windows_of(text: str) -> "_Windows":
    windows = _Windows(arabic_windows(arabic_words(text), text))
    windows.skeletons = [w.skeleton for w in windows]
    windows.buckets = _bucket(windows.skeletons) if len(windows) > _BUCKETED else {}
    return windows


def _shortlist(skel: str, skeletons: List[str], buckets: Dict[str, Tuple[List[int], List[str]]], cutoff: float,
               limit: int) -> List[int]:
    """Indices of the ``limit`` skeletons most like ``skel`` (at least ``cutoff``), in its bucket when bucketed."""
    if buckets:
        ids, skels = buckets.get(skel[:_KEY], ([], []))
        return [ids[k] for _, _, k in process.extract(skel, skels, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)]
    return [k for _, _, k in process.extract(skel, skeletons, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)]


def arabic_windows(words: Sequence[Word], text: str) -> List[ArabicWindow]:
    """Single words and adjacent pairs of ``words`` (function words left out), each with its coarse skeleton."""
    out = []
    ok = [_comparable(w) for w in words]
    for i, w in enumerate(words):
        if not ok[i]:
            continue
        out.append(ArabicWindow(i, i, w.norm, w.span, _skel_ar(w.norm)))
        if i + 1 < len(words) and ok[i + 1] and text[w.end:words[i + 1].start].strip() == "":
            pair = f"{w.norm} {words[i + 1].norm}"
            skel = _skel_ar(w.norm) + _skel_ar(words[i + 1].norm)
            out.append(ArabicWindow(i, i + 1, pair, (w.start, words[i + 1].end), skel))
    return out


@lru_cache(maxsize=100_000)
def _skel_ar(text: str) -> str:
    return skeleton_ar(text)


@lru_cache(maxsize=100_000)
def _skel_lat(text: str) -> str:
    return skeleton_latin(text)


# rapidfuzz shortlist before the full similarity: this many windows whose coarse skeletons are at least
# this alike (a close transliteration keeps most of its skeleton; the cut leaves room for a slip or two).
_SHORTLIST = 2
_SHORTLIST_CUTOFF = 60


def threshold_for(latin: str) -> float:
    """The similarity a Latin name needs to match: stricter for short names."""
    return SHORT_MATCH_THRESHOLD if len(_skel_lat(latin)) <= 2 else MATCH_THRESHOLD


def best_arabic_match(latin: str, windows: Sequence[ArabicWindow], threshold: Optional[float] = None
                      ) -> Optional[Tuple[float, ArabicWindow]]:
    """The Arabic window that sounds most like ``latin``, if any reaches ``threshold``.

    A rapidfuzz comparison of coarse skeletons shortlists the windows; the full similarity decides.

    Args:
        latin: a Latin word or name.
        windows: from ``arabic_windows``.
        threshold: the least similarity accepted; ``threshold_for(latin)`` when None.
    """
    if not windows:
        return None
    if threshold is None:
        threshold = threshold_for(latin)
    skel = _skel_lat(latin)
    if not skel:  # all vowels (Iowa, Ohio): no skeleton to shortlist with
        scored = [(similarity(w.text, latin), w) for w in windows]
        top = max(scored, key=lambda x: x[0])
        return top if top[0] >= threshold else None
    if isinstance(windows, _Windows):
        skeletons, buckets = windows.skeletons, windows.buckets
    else:
        skeletons, buckets = [w.skeleton for w in windows], {}
    short = _shortlist(skel, skeletons, buckets, _SHORTLIST_CUTOFF, _SHORTLIST)
    best: Optional[Tuple[float, ArabicWindow]] = None
    for idx in short:
        sim = similarity(windows[idx].text, latin)
        if sim >= threshold and (best is None or sim > best[0]
                                 or (sim == best[0] and windows[idx].last == windows[idx].first)):
            best = (sim, windows[idx])
    return best



@lru_cache(maxsize=50_000)
def normalise_latin_name(text: str) -> str:
    """Comparison key of an English rendering: case, accents, possessives and punctuation folded."""
    return " ".join(w.norm for w in latin_words(text))


@lru_cache(maxsize=100_000)
def latin_similarity(a: str, b: str) -> float:
    """Spelling similarity of two Latin renderings in [0, 1] (rapidfuzz ratio on folded forms)."""
    return fuzz.ratio(normalise_latin_name(a), normalise_latin_name(b)) / 100.0



_HAS_LATIN = re.compile("[A-Za-z]")
# Arabic "words" this long are several words typed without spaces (it happens in real data).
_GLUED = 10


def _glued_match(latin: str, glued: Sequence[Word]) -> Optional[Tuple[float, Span]]:
    """Look for ``latin`` inside Arabic words typed without spaces, trying every substring of a plausible length."""
    n = len(_fold_len(latin))
    skel = _skel_lat(latin)
    best: Optional[Tuple[float, Span]] = None
    for w in glued:
        if len(w.text) > GLUED_MAX:
            continue  # a whole text typed without spaces: not searched letter by letter (the check says so)
        text = w.text  # the original letters, so that offsets are the segment's
        if not skel or fuzz.partial_ratio(skel, _skel_ar(w.norm)) < 80:
            continue
        # a name starts with a vowel seat or with a letter of its first consonant class
        starts = [i for i, ch in enumerate(text) if ch in _VOWEL_SEATS or _skel_ar(ch) == skel[0]]
        for length in range(max(3, n - 2), n + 1):
            for i in starts:
                if i + length > len(text):
                    break
                sim = similarity(text[i:i + length], latin)
                if sim >= threshold_for(latin) and (best is None or sim > best[0]):
                    best = (sim, (w.start + i, w.start + i + length))
    return best


# Arabic runs without spaces longer than this are not searched for names (every substring would be tried).
GLUED_MAX = 60
_VOWEL_SEATS = frozenset("اأإآعوي")


def _fold_len(latin: str) -> str:
    return re.sub(r"[^a-z]", "", latin.lower())



def sounds_like_any(arabic: str, english: Sequence[Word]) -> bool:
    """True when some English word (any case, three letters or more) sounds like the Arabic word."""
    # the same word list is asked about again and again: found by identity, not rebuilt and hashed each time
    last = _LAST_CHOICES.get(id(english))
    if last is None or last[0] is not english:
        last = (english, _english_choices(tuple(w.text for w in english)))
        _LAST_CHOICES.clear()
        _LAST_CHOICES[id(english)] = last
    choices, skeletons, buckets = last[1]
    if not choices:
        return False
    skel = _skel_ar(arabic)
    short = _shortlist(skel, skeletons, buckets if skel else {}, 50, 6)
    return any(similarity(arabic, choices[i]) >= threshold_for(choices[i]) for i in short)


_Choices = Tuple[List[str], List[str], Dict[str, Tuple[List[int], List[str]]]]
_LAST_CHOICES: Dict[int, Tuple[Sequence[Word], _Choices]] = {}


@lru_cache(maxsize=1024)
def _english_choices(words: Tuple[str, ...]) -> Tuple[List[str], List[str], Dict[str, Tuple[List[int], List[str]]]]:
    # a hyphenated name is heard part by part too (SARS-CoV: سارس and كوف)
    choices = list(dict.fromkeys(c for w in words for c in (w, *(w.split("-") if "-" in w else ())) if len(c) > 2))
    skeletons = [_skel_lat(c) for c in choices]
    return choices, skeletons, _bucket(skeletons) if len(choices) > _BUCKETED else {}


def loudest_in_source(latin: str, source: str) -> float:
    """The best similarity of ``latin`` to any Arabic word or pair of ``source``, on a wide shortlist (the
    matcher's own shortlist is narrow for speed; before calling a name invented, look wider)."""
    hit = loudest_window(latin, source)
    return hit[0] if hit else 0.0


def loudest_window(latin: str, source: str) -> Optional[Tuple[float, ArabicWindow]]:
    """The Arabic word or pair of ``source`` that sounds most like ``latin``, on a wide shortlist."""
    windows = _windows_of(source)
    if not windows:
        return None
    skel = _skel_lat(latin)
    if skel:
        candidates = [windows[i] for i in _shortlist(skel, windows.skeletons, windows.buckets, 30, 12)]
    else:
        candidates = list(windows[:_BUCKETED])
    scored = [(similarity(w.text, latin), w) for w in candidates]
    return max(scored, key=lambda x: x[0]) if scored else None


def heard_in(arabic: str, text: str, threshold: float = WEAK_THRESHOLD) -> bool:
    """True when ``text`` has a word, a part of a hyphenated word or the start of a compound that sounds at
    least ``threshold`` like the Arabic word (كوف in SARS-CoV-2, كورونا in coronavirus): the name is there,
    if spelt otherwise than the sound model expects."""
    bare = _strip_clitics(arabic)
    for w in latin_words(text):
        pieces = [w.text, *w.text.split("-")] if "-" in w.text else [w.text]
        if len(w.text) >= len(bare) + 4:
            pieces += [w.text[:k] for k in range(max(3, len(bare)), len(bare) + 3)]
        if any(len(p) > 2 and (similarity(arabic, p) >= threshold
                               or (bare != arabic and similarity(bare, p) >= threshold))
               for p in pieces):
            return True
    return False


def _strip_clitics(arabic: str) -> str:
    """The word without a leading conjunction, preposition and article (للأنجيوتنسين: أنجيوتنسين)."""
    word = arabic
    while len(word) > 4 and word[0] in "وفبلك":
        word = word[1:]
    for article in ("ال", "لل"):
        if word.startswith(article) and len(word) > len(article) + 2:
            word = word[len(article):]
    return word


def match_in_source(latin: str, source: str) -> Optional[Tuple[float, Span, str]]:
    """The Arabic word or two of ``source`` that sound like ``latin``: (similarity, span, text), or None."""
    hit = best_arabic_match(latin, _windows_of(source))
    if hit is None:
        return None
    span = hit[1].span
    return hit[0], span, source[span[0]:span[1]]
