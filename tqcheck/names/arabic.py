"""Arabic name spotting. Arabic has no capitals: name candidates that must be accounted for are the words
after a title («الرئيس», «الجنرال», «وزير» …) that wordfreq does not know once clitics are removed, and the
forms the caller knows are names (glossary, other segments of the document).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from tqcheck.names.words import Word, _lexicon_form, arabic_words
from tqcheck.text.lexicon import arabic_form_zipf, arabic_zipf
from tqcheck.text.normalize import normalize_arabic
from tqcheck.text.translit import strip_article
from tqcheck.types import Span

# Arabic forms at least this frequent (Zipf) are function words and common verbs, never compared as names.
_AR_COMMON_ZIPF = 5.5
# Arabic titles after which, past descriptive words with the article, the next words are a name.
_AR_TITLES = frozenset(normalize_arabic(w) for w in """
الرئيس رئيس الجنرال جنرال وزير الوزير وزيرة الوزيرة السيد السيدة الدكتور الدكتورة الشيخ الملك الملكة الأمير
الأميرة المستشار المستشارة المتحدث المتحدثة الناطق اللواء العقيد العميد الفريق المشير القائد السفير السفيرة
النائب النائبة السيناتور الحاكم العمدة الأمين البابا الإمام المدرب الكاتب الصحفي المحافظ القاضي الأستاذ
البروفيسور المدير المديرة زعيم الزعيم
""".split())
# Function words that never start a name after a title.
_AR_STOP = frozenset(normalize_arabic(w) for w in """
في من إلى على عن مع أن إن أو ثم قد لا لم لن ما هو هي هذا هذه ذلك تلك الذي التي الذين كان كانت قال قالت وقال
وقالت يوم بعد قبل عند حيث كما أيضا إنه أنه باسم لشؤون بين خلال منذ حتى
""".split())



@dataclass(frozen=True)
class ArabicName:
    """An Arabic word or run of words believed to be a name, with why (``evidence``)."""

    text: str
    span: Span
    words: Tuple[Word, ...]
    evidence: str  # "known" (glossary or document), "title"



def is_unknown_arabic(word: Word) -> bool:
    """True when no clitic-stripped form of the word is a known Arabic word (a name candidate)."""
    return len(word.norm) >= 3 and arabic_zipf(_lexicon_form(word.text)) < 3.0


def _title_followers(words: Sequence[Word]) -> List[Tuple[int, int]]:
    """Index ranges [i, j) of the words that follow a title, past descriptors with the article."""
    out = []
    for i, w in enumerate(words):
        stem = w.norm[1:] if w.norm[:1] in "وف" and w.norm[1:] in _AR_TITLES else w.norm
        if stem not in _AR_TITLES:
            continue
        k = i + 1
        skipped = 0
        while k < len(words) and skipped < 4 and (words[k].norm.startswith("ال") or words[k].norm in ("باسم", "لشوون")):
            k += 1
            skipped += 1
        j = k
        while (j < len(words) and j - k < 3 and words[j].norm not in _AR_STOP and not words[j].norm.startswith("ال")
               and words[j].norm not in _AR_TITLES and arabic_form_zipf(_lexicon_form(words[j].text)) < 5.0):
            j += 1
        if j > k:
            out.append((k, j))
    return out


# A word after a title is taken for a name only when it is rarer than this (Zipf) as an Arabic word, which
# keeps out genitives such as «رئيس كوريا» and adjectives.
_TITLE_NAME_ZIPF = 3.5
# Tanween (ًٌٍ) marks an indefinite common word: «أسّيًّا» ("exponentially") is not آسيا (Asia).
_TANWEEN = re.compile("[\u064b-\u064d]")
# A word spelt like a known name but this common is more likely the ordinary word (الان "now" / Alan).
_KNOWN_MAX_ZIPF = 5.0


def arabic_names(text: str, known: FrozenSet[str] = frozenset(),
                 words: Optional[Sequence[Word]] = None) -> Tuple[ArabicName, ...]:
    """Find name candidates in an Arabic sentence: words after a title, and words known to be names.

    Words that the lexicon does not know are not candidates on their own (``is_unknown_arabic`` says
    which they are): in news text most of them are rare inflections, not names.

    Args:
        text: Arabic text.
        known: normalised Arabic words (``Word.norm`` without the article) known to be names, from a
            glossary or from other segments of the same document.

    Returns:
        Candidates in order, one word each (a caller joins neighbours when it needs to).
    """
    if words is None:
        words = arabic_words(text)
    evidence: Dict[int, str] = {}
    for k, j in _title_followers(words):
        for i in range(k, j):
            if arabic_zipf(_lexicon_form(words[i].text)) < _TITLE_NAME_ZIPF:
                evidence[i] = "title"
    if known:
        for i, w in enumerate(words):
            if (strip_article(w.norm) in known or w.norm in known) and _comparable(w) \
                    and arabic_zipf(_lexicon_form(w.text)) < _KNOWN_MAX_ZIPF and not _TANWEEN.search(w.text):
                evidence[i] = "known"
    return tuple(ArabicName(words[i].text, words[i].span, (words[i],), ev) for i, ev in sorted(evidence.items()))



def _comparable(word: Word) -> bool:
    """False for function words and very common words, which only ever match a name by accident."""
    return _comparable_text(word.text, word.norm)


@lru_cache(maxsize=100_000)
def _comparable_text(text: str, norm: str) -> bool:
    return norm not in _AR_STOP and arabic_form_zipf(_lexicon_form(text)) < _AR_COMMON_ZIPF

