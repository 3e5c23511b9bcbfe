"""What the sound of a word tells the number check.

* A count carried only by the Arabic dual of a borrowed noun («بروتيني S», «جينومين»): when the translation
  renders the noun (it sounds like the stem) in the singular, with no "two", "both" or "pair" before it, the
  count is lost (``lost_duals``). Duals of native nouns are read by the word tables of ``numlex``; the
  borrowed ones are too many to list, but their sound gives them away.
* A word that the translation renders as a name is not a number (``renders_as_name``): a transliterated name
  may also be an Arabic number word.

Sound matching is the transliteration similarity of ``tqcheck.text.translit`` (the one the name check uses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Sequence, Tuple

from tqcheck.text.lexicon import arabic_form_zipf
from tqcheck.text.numtokens import EN_WORDS
from tqcheck.text.translit import similarity, skeleton_ar, skeleton_latin, strip_article

Span = Tuple[int, int]

MATCH = 0.85  # a noun of the translation sounds like the stem of the dual
COMMON_FORM = 3.0  # Zipf frequency from which an Arabic form counts as a common word
NAME_MATCH = 0.9  # stricter: a number word that is not a name is left out otherwise («أربعة» and "Europe")
_AR_WORD_RE = re.compile(r"[\u0621-\u064a\u064b-\u0652\u0640]+")
_LAT_WORD_RE = re.compile(r"[A-Za-z]+")
_MARKS_RE = re.compile(r"[\u064b-\u0652\u0640]")
_AFTER_CONSTRUCT_RE = re.compile(r"\s+[A-Za-z0-9]")  # «بروتيني S»: a construct dual before a Latin name
_TWO_BEFORE_RE = re.compile(r"\b(?:two|both|pair|pairs|couple|twin|twins|dual|double|2)\b(?:\W+\w+){0,3}\W*$",
                            re.I)
_DUAL_HINT_RE = re.compile(r"(?:ين|ان)(?![\u0621-\u064a])|ي\s+[A-Za-z0-9]")
_MAX_WORDS = 200  # a longer translation is checked on its first words only (memory and time stay bounded)


@dataclass(frozen=True)
class LostDual:
    """An Arabic dual whose count the translation drops."""

    source_text: str
    source_span: Span
    target_text: str
    target_span: Span


def _dual_stems(source: str) -> List[Tuple[Span, str, str]]:
    out = []
    for m in _AR_WORD_RE.finditer(source):
        core = strip_article(_MARKS_RE.sub("", m.group()))
        if core.endswith(("ين", "ان")):
            stem = core[:-2]
        elif core.endswith("ي") and _AFTER_CONSTRUCT_RE.match(source, m.end()):
            stem = core[:-1]
        else:
            continue
        # four letters at least; a stem in ي is an adjective in the plural («أوروبيين»), not a dual
        # a form common in Arabic is a plural or a name («المؤيدين», «كيرنان»), not the dual of a borrowed noun
        if len(stem) >= 4 and not stem.endswith(("ي", "ا", "و")) and \
                max(arabic_form_zipf(m.group()), arabic_form_zipf(core)) < COMMON_FORM:
            out.append((m.span(), core, stem))
            if len(out) >= _MAX_WORDS:
                break
    return out


def lost_duals(source: str, translation: str) -> List[LostDual]:
    """The duals of borrowed nouns in ``source`` that ``translation`` renders in the singular only."""
    if not _DUAL_HINT_RE.search(source):
        return []
    stems = _dual_stems(source)
    if not stems:
        return []
    # common nouns only: a capitalised word after the first is a name ("Kieran"), not a borrowed noun
    words = [(m.group(), m.span()) for m in _LAT_WORD_RE.finditer(translation)
             if len(m.group()) >= 4 and (not m.group()[0].isupper() or m.start() == 0)]
    words = words[:_MAX_WORDS]
    skels = [skeleton_latin(w.lower()) for w, _ in words]
    out = []
    for span, core, stem in stems:
        sk = skeleton_ar(stem)
        singular, kept = None, False
        for (w, wspan), wsk in zip(words, skels):
            if not wsk or not sk or wsk[0] != sk[0] or abs(len(wsk) - len(sk)) > 2:
                continue
            low = w.lower()
            s = similarity(stem, low)
            plural = False
            if low.endswith("s") and not low.endswith("ss"):
                # "proteins", "viruses" are plurals; "virus" is not: the form nearer the stem decides
                s_plural = max(similarity(stem, b) for b in ((low[:-1], low[:-2]) if low.endswith("es")
                                                             else (low[:-1],)))
                plural, s = s_plural > s, max(s, s_plural)
            # the stem must sound more like the word than the whole Arabic word does («تايوان» is Taiwan)
            if s < MATCH or s <= similarity(core, low):
                continue
            if plural or _TWO_BEFORE_RE.search(translation, max(0, wspan[0] - 40), wspan[0]):
                kept = True
                break
            singular = singular or (w, wspan)
        if singular is not None and not kept:
            out.append(LostDual(source[span[0]:span[1]], span, singular[0], singular[1]))
    return out


def renders_as_name(arabic: str, names: Sequence[str]) -> bool:
    """Does the Arabic word sound like one of ``names`` (capitalised words of the translation)?"""
    core = strip_article(_MARKS_RE.sub("", arabic))
    return len(core) >= 3 and any(similarity(core, n) >= NAME_MATCH for n in names)


def capitalised_words(text: str) -> List[str]:
    """The capitalised words of ``text`` that are not number words: the names a translation may render."""
    return [m.group() for m in _LAT_WORD_RE.finditer(text) if m.group()[0].isupper() and len(m.group()) >= 3
            and m.group().lower() not in EN_WORDS][:_MAX_WORDS]
