"""Cheap anchors that Arabic-English news offers for free: numbers by value, quotes and brackets, lengths,
and (optionally) names by sound.

Each sentence becomes a few numbers or a set of values; ``tqcheck.align.features`` turns them into scores
for candidate beads.

Numbers come from the shared extractor ``tqcheck.text.numbers`` (digits in any script, number words and
magnitudes in both languages), so «سبعين ألف» and "70,000" are the same anchor.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Dict, FrozenSet, List, Sequence, Set, Tuple

from tqcheck.text.lexicon import is_english_word
from tqcheck.text.numbers import MEDIUM, extract_numbers
from tqcheck.text.translit import similarity, skeleton_ar, skeleton_latin

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


# --- names by sound -------------------------------------------------------------------------------------

# A capitalised Latin word that follows a lower-case word or a comma inside a sentence: where English
# capitals mean names. Sentence-initial capitals say nothing and are not looked at.
_INNER_CAPITALISED = re.compile(r"(?<=[a-zß-ÿ,] |[^\W\d_]-)[A-ZÀ-Þ][a-zß-ÿ]+\b")
_LATIN_TOKEN = re.compile(r"[^\W\d_]+")
_ARABIC_TOKEN = re.compile(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u064b-\u065f\u0670\u0640]+")
_CLITIC_LETTERS = "وبلفك"
# Names with a shorter coarse skeleton (Ian, Eyo) match too many Arabic words by accident.
MIN_NAME_SKELETON = 3
# A skeleton in more than this many times as many Arabic sentences as English ones (plus 2) is ambiguous.
AMBIGUOUS_RATIO = 2


def english_name_words(texts: Sequence[str]) -> FrozenSet[str]:
    """The words of a document that are English names by their spelling (lower case).

    A word counts when it is written with a capital after a lower-case word or a comma (not at a sentence
    start, where capitals say nothing), the English word list does not write it in lower case
    (``tqcheck.text.lexicon.is_english_word``: "House", "Ministry", "Bone" are ordinary words, "Kyiv",
    "Sullivan" are not) and it is no title, month, day or nationality (``names.is_never_a_name``). These are
    the key words of ``tqcheck.names.english.english_names`` inside sentences, tested once per distinct word of
    the document: that function also decides sentence-initial words, which needs wordfreq's English list
    (0.3 CPU-s to load), and costs 0.1 ms a sentence, more than this whole anchor.
    """
    from tqcheck.names.english import is_never_a_name

    found = {w for t in texts for w in _INNER_CAPITALISED.findall(t)}
    return frozenset(w.lower() for w in found if not is_english_word(w) and not is_never_a_name(w))


# Transliterations hesitate between s and z (Jones = جونز): one class for the look-up.
_FOLD = str.maketrans("Z", "S")


@lru_cache(maxsize=100_000)
def _arabic_keys(word: str) -> Tuple[str, ...]:
    """Coarse skeletons under which an Arabic word is looked up: as written (article removed) and, when it
    starts with a one-letter clitic (و ب ل ف ك), without it (ليوركشير = Yorkshire)."""
    keys = {skeleton_ar(word).translate(_FOLD)}
    if len(word) > 3 and word[0] in _CLITIC_LETTERS:
        keys.add(skeleton_ar(word[1:]).translate(_FOLD))
    return tuple(k for k in keys if len(k) >= MIN_NAME_SKELETON)


@lru_cache(maxsize=100_000)
def _latin_keys(word: str) -> Tuple[str, ...]:
    """The skeleton of a Latin name word and, when long enough, the skeleton less any one consonant (which
    the Arabic may not write)."""
    skel = skeleton_latin(word).translate(_FOLD)
    if len(skel) < MIN_NAME_SKELETON:
        return ()
    keys = {skel}
    if len(skel) > MIN_NAME_SKELETON:
        keys.update(skel[:i] + skel[i + 1:] for i in range(len(skel)))
    return tuple(keys)


@lru_cache(maxsize=100_000)
def _sounds_like(arabic: str, latin: str) -> bool:
    from tqcheck.names.matching import threshold_for  # the names check's threshold; its module loads rapidfuzz

    return similarity(arabic, latin) >= threshold_for(latin)


def name_anchors(source: Sequence[str], target: Sequence[str]) -> Tuple[List[FrozenSet[str]], List[FrozenSet[str]]]:
    """The name words each sentence holds, on both sides of a document, by sound.

    The document's name words are those ``english_name_words`` finds in its English sentences; once found,
    a name word counts wherever it is written (a sentence-initial "Thomas" after "captain Thomas Bjorn"),
    as the Arabic side hears it anywhere. An Arabic sentence holds a name word when one of its words
    transliterates it (``tqcheck.text.translit.similarity`` at the names check's threshold). Words are only
    compared where coarse consonant skeletons agree, through one dictionary for the whole document, so the
    cost is linear in its length. A skeleton (or a name) found in many more Arabic sentences than English
    ones is ambiguous (كانت "was" sounds like Kante, مدينة "city" like Medina) and is not used. Names no
    Arabic sentence renders (translated ones, exonyms) are dropped: they tell nothing about a bead.

    Returns:
        ``(source_sets, target_sets)``: per sentence, a set of name words (lower case).
    """
    names = english_name_words(target)
    if not names:
        return [frozenset()] * len(source), [frozenset()] * len(target)
    tgt_sets = [frozenset(_LATIN_TOKEN.findall(t.lower())) & names for t in target]
    en_count = Counter(name for found in tgt_sets for name in found)
    by_key: Dict[str, Set[str]] = {}
    key_count: Counter = Counter()
    for name in names:
        for key in _latin_keys(name):
            by_key.setdefault(key, set()).add(name)
            key_count[key] += en_count[name]
    # Arabic words of each sentence under the keys that some name has.
    candidates: List[List[Tuple[str, str]]] = []
    ar_count: Counter = Counter()
    for text in source:
        found = [(word, key) for word in set(_ARABIC_TOKEN.findall(text)) for key in _arabic_keys(word)
                 if key in by_key]
        ar_count.update({key for _, key in found})
        candidates.append(found)
    src_sets = [frozenset(name for word, key in found if _balanced(ar_count[key], key_count[key])
                          for name in by_key[key] if _sounds_like(word, name)) for found in candidates]
    heard = Counter(name for found in src_sets for name in found)
    rendered = frozenset(name for name, c in heard.items() if _balanced(c, en_count[name]))
    return [found & rendered for found in src_sets], [found & rendered for found in tgt_sets]


def _balanced(arabic: int, english: int) -> bool:
    """Not heard in many more Arabic sentences than it is written in English ones."""
    return arabic <= AMBIGUOUS_RATIO * english + 2
