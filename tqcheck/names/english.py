"""English name spotting: runs of capitalised words that are not sentence starts, titles, months, days or
nationalities.

A name is *checkable* when at least one of its words is not an ordinary English word (Kyiv, Sullivan): a
name made of ordinary words only ("Ministry of Defense", "White House") is translated, not transliterated,
so nothing can be said about it from the sound of the Arabic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import List, Tuple

from tqcheck.names.exonyms import _EXONYMS
from tqcheck.names.words import Word, latin_words
from tqcheck.text.lexicon import is_common_english, is_english_word
from tqcheck.types import Span

_SENTENCE_END = re.compile(r"(^|[.!?:;…\"“”«»(\[—–•])[\s\"'“”‘’«»(\[]*$")

_TITLES = frozenset("""
president presidents prime minister ministers general gen secretary chairman chairwoman chair chancellor king queen
prince princess sheikh sir lord lady mr mrs ms miss dr prof professor judge justice senator sen rep representative
governor gov mayor ambassador commander colonel col lieutenant lt captain capt major maj sergeant sgt admiral
pope cardinal bishop archbishop father rev reverend imam ayatollah emir sultan crown deputy vice speaker director
chief spokesman spokeswoman spokesperson officer coach saint st dame duke duchess baron baroness count premier
state minister's president's general's mp mps det insp supt sgt cpl pc phd dc jr sr sens reps
""".split())
_CALENDAR = frozenset("""
january february march april may june july august september october november december jan feb mar apr jun jul
aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun
""".split())
_DEMONYMS = frozenset("""
american americans british english french german germans russian russians ukrainian ukrainians chinese japanese
korean indian pakistani afghan iranian iraqi syrian lebanese jordanian saudi saudis egyptian libyan tunisian
algerian moroccan sudanese turkish turk turks kurdish kurd kurds arab arabs arabic israeli israelis palestinian
palestinians jewish jew jews muslim muslims islamic christian christians catholic catholics protestant orthodox
sunni shia shiite european europeans african africans asian asians western eastern northern southern welsh
scottish irish spanish italian portuguese greek dutch belgian swiss swedish norwegian danish finnish polish
czech hungarian romanian bulgarian serbian croatian australian canadian mexican brazilian argentine argentinian
cuban venezuelan colombian chilean peruvian nigerian kenyan ethiopian somali yemeni qatari emirati kuwaiti
omani bahraini gulf latin hispanic persian hebrew anglo saxon soviet nazi nazis democrat democrats democratic
republican republicans labour conservative conservatives liberal tory tories olympic olympics paralympic
catalan catalans basque basques flemish walloon
methodist methodists baptist baptists anglican anglicans lutheran presbyterian mormon evangelical hindu buddhist
sikh czechoslovak czechoslovaks slav slavs briton britons brit brits brexiteer brexiteers remainer remainers
leaver leavers eurosceptic eurosceptics
""".split())
_CONNECTORS = frozenset("of de del da di du al el bin ibn bint van von der den la le y and".split())
_NOT_NAMES = frozenset("i i'm i've i'd i'll ok okay oh".split())


@dataclass(frozen=True)
class EnglishName:
    """A proper name in English text.

    Attributes:
        text / span: the name as written (possessive 's removed) and its character span.
        words: all its words, titles excluded.
        key_words: the words that are not ordinary English words; empty for translated names
            ("Ministry of Defense"), which nothing checks.
        soft_words: capitalised ordinary words inside the sentence (Trump, Bush, Rose): matched when the
            Arabic transliterates them, never flagged when it does not.
    """

    text: str
    span: Span
    words: Tuple[Word, ...]
    key_words: Tuple[Word, ...]
    soft_words: Tuple[Word, ...] = ()

    @property
    def checkable(self) -> bool:
        return bool(self.key_words)



def _is_capitalised(word: str) -> bool:
    return word[0].isupper() and not (len(word) > 1 and word.isupper())


def _plain(word: str) -> str:
    return word.lower().replace("’", "'")


def is_demonym(word: str) -> bool:
    """Nationalities, religions, parties and the like: capitalised in English but not names to check."""
    w = _plain(word)
    return w in _DEMONYMS or (w.endswith("s") and w[:-1] in _DEMONYMS)


@lru_cache(maxsize=50_000)
def _is_stop(word: str) -> bool:
    w = _plain(word)
    return (w in _TITLES or w in _CALENDAR or w in _NOT_NAMES or is_demonym(word)
            or (w.endswith("s") and w[:-1] in _CALENDAR))


def is_never_a_name(word: str) -> bool:
    """Titles, months, days, nationalities: capitalised in English but never names to transliterate."""
    return _is_stop(word)


def _sentence_start(text: str, start: int) -> bool:
    return bool(_SENTENCE_END.search(text[max(0, start - 12):start]))


_ACRONYM_PLURAL = re.compile(r"^[A-Z]{2,}s$")  # MPs, TVs
# A capital inside a word marks an acronym or a code (CoV, HCoVs, RaTG13) unless it follows a name prefix
# (McGregor, MacDonald, DeVos, O'Neill).
_INNER_CAPITAL = re.compile(r"^(?!(?:Mc|Mac|De|Di|Da|La|Le|Van|O['’]|D['’]|Al-|El-))[A-Z]\w*[A-Z]")
_CONTRACTION = re.compile(r"(n['’]t|['’](ve|ll|re|d|m|s))$", re.IGNORECASE)
# Endings of derived English words (Phylogenetic, Subpleural, Geophysicists): at a sentence start, where
# the capital says nothing, such a word is taken for an ordinary one.
_DERIVED = re.compile(r"(al|ic|ical|ics|ology|ologists?|oids?|ous|ive|ing|isms?|ists?|tions?|sions?|ments?|ness|ity|"
                      r"opy|osis|itis|idae|aceae)$")
# Scientific names and terms are never names to transliterate, wherever they stand.
_SCIENTIFIC = re.compile(r"(idae|aceae|itis|osis|ology|ological)$")
_DEMONYM_SUFFIX = re.compile(r"(ians?|eans?|ese)$")


@lru_cache(maxsize=50_000)
def _ordinary(word: str) -> bool:
    """An ordinary English word, or a hyphenated one made of ordinary words (Anglo-Saxon is not a name)."""
    if word.lower() in _EXONYMS:
        return False
    word = _CONTRACTION.sub("", word)  # We've, You'll
    if len(word) >= 7 and _DEMONYM_SUFFIX.search(word):
        return True  # Macedonian, Indonesians, Japanese: adjectives the Arabic renders as nisba forms
    if _SCIENTIFIC.search(word) or word.count("-") >= 2:
        return True  # Coronaviridae; Asp-Arg-Val-Tyr codes
    parts = [p for p in re.split(r"[-'’]", word) if p]
    if len(parts) > 1 and "-" in word and parts[-1].islower() and is_english_word(parts[-1]):
        return True  # PNG-registered, Netherlands-based: adjectives made from a name
    return all(is_english_word(p) or _is_stop(p) for p in parts) if parts else True


@lru_cache(maxsize=4096)
def english_names(text: str) -> Tuple[EnglishName, ...]:
    """Find the proper names of an English sentence.

    Capitalised words at a sentence start count only when they are not ordinary English words. Titles
    (President, General), months, days and nationalities are never names; "of", "al", "bin" … may join
    the words of one name.

    Args:
        text: English text, one or more sentences.

    Returns:
        The names in order of appearance.
    """
    words = latin_words(text)
    names: List[EnglishName] = []
    run: List[Word] = []
    pending: List[Word] = []  # connectors seen after a name word, kept only if another name word follows

    def close() -> None:
        if run:
            key = tuple(w for w in run if len(w.text) > 2 and not _ordinary(w.text) and not _is_stop(w.text)
                        and not _ACRONYM_PLURAL.match(w.text) and not _INNER_CAPITAL.match(w.text.split("-")[0]))
            soft = tuple(w for w in run if w not in key and len(w.text) > 2 and not _is_stop(w.text)
                         and w.norm not in _CONNECTORS and not _sentence_start(text, w.start))
            names.append(EnglishName(text[run[0].start:run[-1].end], (run[0].start, run[-1].end), tuple(run), key,
                                     soft))
        run.clear()
        pending.clear()

    prev_end = 0
    for w in words:
        gap = text[prev_end:w.start]
        prev_end = w.end
        if run and (any(c in gap for c in ",;:.!?()\"“”«»") or "\n" in gap):
            close()
        cap = _is_capitalised(w.text)
        if run and not cap and w.norm in _CONNECTORS:
            pending.append(w)
            continue
        if not cap or _is_stop(w.text):
            if run:
                close()
            continue
        if not run and _sentence_start(text, w.start) and (_ordinary(w.text) or is_common_english(w.text)
                                                           or _DERIVED.search(w.norm)):
            continue  # "The", "However", "Geophysicists" at a sentence start
        run.extend(pending)
        pending.clear()
        run.append(w)
    close()
    return tuple(names)

