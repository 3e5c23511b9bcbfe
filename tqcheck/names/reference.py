"""The reference as authority on names: the name units of the reference against those of the translation.

A *name unit* is a word of the text, with its hyphenated parts and digits (SARS-CoV-2, COVID-19, Jean-Paul),
that is a name: capitalised and not an ordinary English word (Wuhan, Hubei), a code or acronym (MERS, ACE2,
nCoV), or a lower-case word no English dictionary knows (remdesivir, tocilizumab). Units are compared
folded (case, accents, hyphens and spaces do not count: "Lian Hua" is "Lianhua", "Sars-CoV" is "SARS-CoV"),
and a unit counts as present when the other side writes it whole, as a plural or derived word (China /
Chinese), or as initials of its expansion (MERS / Middle East respiratory syndrome).

``compare`` pairs what the reference has and the translation lacks with what the translation has and the
reference lacks: a pair is a misspelt or swapped name ("Myers-CoV" where the reference has "MERS-CoV"); a
reference unit left over is a dropped name when the source supports it (its sound, its Latin letters, or a
translated form such as مصر / Egypt); a translation unit left over that neither the reference nor the source
supports is an added name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import FrozenSet, List, Optional, Tuple

from rapidfuzz import fuzz

from tqcheck.names.english import _sentence_start, is_never_a_name
from tqcheck.names.exonyms import _norm_text, exonym_in
from tqcheck.names.latin import derived_from
from tqcheck.names.matching import match_in_source
from tqcheck.text.lexicon import english_zipf, is_english_word
from tqcheck.text.translit import similarity
from tqcheck.types import Span

# A missing reference unit and an extra translation unit this alike (rapidfuzz ratio of the folded forms, /100)
# are one name spelt two ways; below it they are two names unless both sound like the same source word.
PAIR_SPELLING = 0.5
# An extra translation unit that sounds at least this much like the source word of a missing reference unit
# renders that word (Poohan / «ووهان» / Wuhan).
PAIR_SOUND = 0.55
# A lower-case technical word (remdesivir) pairs with a translation's word only when spelt this alike.
TERM_SPELLING = 0.7
# A capitalised ordinary word at a sentence start at least this frequent (Zipf) is never a name (The, Patients).
_START_ZIPF = 4.0
# A word wordfreq knows at least this often (Zipf; about once in 5 million words) is a common word of the
# language, not a name, wherever only its position capitalises it: written in lower case (nucleotide, cytokines;
# drugs such as remdesivir or lopinavir stay under 2.1), or capitalised at a sentence start or in a title
# (Extracellular).
TERM_ZIPF = 2.3
# How many consecutive units may be written as one (Lian Hua / Lianhua, SARS CoV 2 / SARS-CoV-2).
_JOIN = 4

_TOKEN = re.compile(r"[^\W_]+(?:[-‐‑][^\W_]+)*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Unit:
    """One word of a text, hyphenated parts included.

    Attributes:
        text / span: as written.
        key: folded form compared across texts (no case, accents or hyphens).
        kind: "proper" (capitalised, not an ordinary word), "code" (acronym, letters with digits), "term"
            (lower case, unknown to the dictionary), "soft" (a capitalised ordinary word inside a sentence:
            paired with a missing name, never reported alone), or "" (anything else).
    """

    text: str
    span: Span
    key: str
    kind: str

    @property
    def is_name(self) -> bool:
        return self.kind in ("proper", "code", "term")


_ASCII_NOT_ALNUM = str.maketrans({chr(c): None for c in range(128) if not chr(c).isalnum()})


@lru_cache(maxsize=100_000)
def _fold(text: str) -> str:
    if text.isascii():
        return text.lower().translate(_ASCII_NOT_ALNUM)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text.lower() if c.isalnum() and not unicodedata.combining(c))


def _is_code_part(part: str) -> bool:
    letters = sum(c.isalpha() for c in part)
    upper = sum(c.isupper() for c in part)
    return letters > 0 and (upper >= 2 or (upper >= 1 and part[0].islower()) or
                            (any(c.isdigit() for c in part) and letters >= 1))


def _kind(text: str, start: int, full: str) -> str:
    return _word_kind(text, text[:1].isupper() and _sentence_start(full, start))


@lru_cache(maxsize=50_000)
def _word_kind(text: str, at_start: bool) -> str:
    parts = [p for p in re.split(r"[-‐‑]", text) if p]
    letters = [p for p in parts if any(c.isalpha() for c in p)]
    if not letters:
        return ""
    if any(_is_code_part(p) for p in letters):
        # a code among digits (COVID-19, ACE2) or an acronym (MERS, CoV); not a plural of one word (MPs)
        if not (len(letters) == 1 and re.fullmatch(r"[A-Z][a-z]?s?", letters[0])):
            return "code"
    ordinary = all(is_english_word(p) or is_never_a_name(p) for p in letters)
    if text[0].isupper():
        if is_never_a_name(letters[0]) and len(letters) == 1:
            return ""
        if not ordinary:
            return "proper"
        # at a sentence start only a rarer ordinary word may be a name (Chow for Zhou), never "The" or "However"
        return "" if at_start and english_zipf(letters[0]) >= _START_ZIPF else "soft"
    if (not ordinary and len(text) >= 6 and all(p.isalpha() for p in letters) and len(parts) == len(letters)
            and not (len(parts) > 1 and is_english_word(parts[-1])) and english_zipf(text) < TERM_ZIPF):
        return "term"  # but not an adjective made with an ordinary word (lectin-like)
    return ""


@lru_cache(maxsize=4096)
def units(text: str) -> Tuple[Unit, ...]:
    """Every word of ``text`` as a unit (``kind`` says which are names)."""
    out = []
    for m in _TOKEN.finditer(text):
        word = _POSSESSIVE.sub("", m.group())
        if not word:
            continue
        out.append(Unit(word, (m.start(), m.start() + len(word)), _fold(word), _kind(word, m.start(), text)))
    return tuple(out)


@lru_cache(maxsize=4096)
def _joined_keys(text: str) -> FrozenSet[str]:
    """Folded forms of every run of up to ``_JOIN`` consecutive words of ``text`` written as one."""
    us = units(text)
    keys = set()
    for i in range(len(us)):
        key = ""
        for j in range(i, min(len(us), i + _JOIN)):
            if j > i and text[us[j - 1].span[1]:us[j].span[0]].strip(" -‐‑"):
                break  # words joined only across spaces and hyphens
            key += us[j].key
            keys.add(key)
    return frozenset(keys)


_FUNCTION = frozenset("of the and for in on to a an".split())


def _words_for_acronym(text: str) -> Tuple[str, ...]:
    return tuple(_fold(p) for u in units(text) for p in re.split(r"[-‐‑]", u.text)
                 if _fold(p) and _fold(p) not in _FUNCTION)


def _spells(letters: str, words: Tuple[str, ...]) -> bool:
    """True when ``letters`` are the initials of ``words`` in order, each word giving its first letter and
    perhaps more of its letters (COVID: coronavirus disease, HCoV: human coronavirus, ICU: intensive care
    unit). One word alone must be an ordinary one (CoV: coronavirus), not a name that holds the letters
    (S-A-R-S in "Sars")."""
    def from_word(li: int, wi: int, used: int) -> bool:
        if li == len(letters):
            # one word alone must be a longer, ordinary one (coronavirus for CoV, not cove)
            return used > 1 or (is_english_word(words[wi - 1]) and len(words[wi - 1]) >= len(letters) + 3)
        if wi == len(words) or words[wi][:1] != letters[li]:
            return False
        word, li = words[wi], li + 1
        # letters taken from inside the word, then the rest from the next words
        options = [li]
        pos = 1
        for k in range(li, len(letters)):
            pos = word.find(letters[k], pos)
            if pos < 0:
                break
            pos += 1
            options.append(k + 1)
        return any(from_word(k, wi + 1, used + 1) for k in reversed(options))
    return any(from_word(0, i, 0) for i in range(len(words)) if words[i][:1] == letters[:1])


def _expanded(acronym: str, other: str) -> bool:
    """True when ``other`` spells out ``acronym`` (MERS: Middle East respiratory syndrome; CoV: coronavirus)."""
    head = acronym.split("-")[0]
    if head.endswith("s") and sum(c.isupper() for c in head) >= 2:
        head = head[:-1]  # a plural (CoVs, ICUs)
    letters = "".join(c for c in head.lower() if c.isalpha())
    if len(letters) < 2:
        return False
    runs: List[List[str]] = [[]]
    for word in _words_for_acronym(other):
        if word.isalpha():
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return any(_spells(letters, tuple(run)) for run in runs if run)


_DEMONYM_ENDINGS = ("n", "an", "ian", "ians", "ans", "ese", "i", "is", "ish")


def _demonym(place: str, word: str) -> bool:
    """``word`` is the adjective of ``place`` with its last vowel dropped (Ukraine / Ukrainian, Italy / Italian)."""
    base = place.rstrip("aeiouy")
    return len(base) >= 4 and word.startswith(base) and word[len(base):] in _DEMONYM_ENDINGS


def _parts(unit: Unit) -> Tuple[str, ...]:
    return tuple(_fold(p) for p in re.split(r"[-‐‑]", unit.text) if _fold(p))


def _equivalent(a: Unit, b: Unit) -> bool:
    """Two compounds that share their distinctive parts and differ only by ordinary words (SARS-CoV-2 /
    SARS-CoV-2-infected, HCoV-229E / coronavirus-229E, beta-CoVs / beta-coronaviruses), or a word and its
    inflection (arrhythmia / arrhythmias, IFN / IFNs): not two names."""
    if a.key == b.key:
        return True
    short, long_ = sorted((a.key, b.key), key=len)
    common = len(_common_prefix(short, long_))
    if not any(c.isdigit() for c in long_[common:] + short[common:]) and (
            (common == len(short) >= 3 and long_[common:] in ("s", "es"))
            or ("code" not in (a.kind, b.kind) and common >= 7 and len(long_) - common <= 3)):
        return True  # one word inflected (IFN / IFNs, radiography / radiographic)
    pa, pb = _parts(a), _parts(b)
    if len(pa) < 2 and len(pb) < 2:
        return False
    shared = set(pa) & set(pb)
    if not any(len(s) >= 2 for s in shared):
        return False
    left_a, left_b = [p for p in pa if p not in shared], [p for p in pb if p not in shared]
    if any(c.isdigit() for p in left_a + left_b for c in p):
        return False  # SARS-CoV / SARS-CoV-2: another entity
    ordinary_a, ordinary_b = (all(is_english_word(p) for p in left) for left in (left_a, left_b))
    if not left_a or not left_b:
        return ordinary_a and ordinary_b  # SARS-CoV-2-infected, not SARS-2 for SARS-CoV-2
    # an acronym on one side written out on the other (HCoV-229E / coronavirus-229E), not a slip (CoV / Cove)
    return ((ordinary_b and len(left_a) == 1 and _abbreviates(left_a[0], left_b)) or
            (ordinary_a and len(left_b) == 1 and _abbreviates(left_b[0], left_a)))


def _abbreviates(acronym: str, words: List[str]) -> bool:
    """``acronym`` (its first letter may stand for a word left out: the H of HCoV) is spelt by longer words."""
    if sum(len(w) for w in words) < len(acronym) + 3:
        return False
    return _spells(acronym, tuple(words)) or (len(acronym) > 2 and _spells(acronym[1:], tuple(words)))


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def present(i: int, text: str, other: str) -> bool:
    """True when unit ``i`` of ``text`` is written in ``other`` in some accepted form."""
    mine = units(text)
    unit = mine[i]
    keys = _joined_keys(other)
    if unit.key in keys:
        return True
    # written as one with its neighbours in the other text (Lian Hua / Lianhua)
    for a in range(max(0, i - _JOIN + 1), i + 1):
        key = ""
        for j in range(a, min(len(mine), a + _JOIN)):
            key += mine[j].key
            if j >= i and key in keys and j > a:
                return True
    if unit.kind == "code" and _expanded(unit.text, other):
        return True
    parts = [p for p in re.split(r"[-‐‑]", unit.text) if p]
    if len(parts) > 1:
        # a compound written out part by part (beta-CoVs / beta coronaviruses): every part there on its own
        single = {u.key for u in units(other)}
        if all(_fold(p) in single or (not p.isdigit() and _expanded(p, other)) for p in parts):
            return True
    other_units = units(other)
    if any(_equivalent(unit, u) for u in other_units if u.kind):
        return True
    if any(derived_from(unit.text, u.text) or derived_from(u.text, unit.text) or _demonym(unit.key, u.key)
           or _demonym(u.key, unit.key) for u in other_units if u.key[:3] == unit.key[:3]):
        return True  # China / Chinese, Ukraine / Ukrainian, CoV / CoVs
    # an expansion written as its acronym (Middle East respiratory syndrome / MERS)
    return any(u.kind == "code" and unit.key[:1] in u.key[:1] and _expanded(u.text, text) and
               u.key not in keys for u in other_units if u.text.isupper())


def _proper_head(text: str) -> bool:
    """A capitalised part of three letters or more that is no ordinary word (not "D-demerged")."""
    return any(len(p) >= 3 and p[:1].isupper() and not is_english_word(p) for p in re.split(r"[-‐‑]", text))


def _distinctive_code(text: str) -> bool:
    """A code that says which entity it is (COVID-19, HKU1, MERS): digits or four letters; a short acronym
    (ICU, UV, CCA) is too often the translation's own abbreviation of a common term to call it a name."""
    parts = [p for p in re.split(r"[-‐‑]", text) if p and not (p.isalpha() and p.islower() and is_english_word(p))]
    return any(c.isdigit() for p in parts for c in p) or max((sum(c.isalpha() for c in p.rstrip("s")) for p in parts),
                                                             default=0) >= 4


def _title_case(text: str) -> bool:
    """A headline or title: most words of four letters or more start with a capital."""
    long_words = [w for w in re.findall(r"[^\W\d_]{4,}", text)]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) * 4 >= len(long_words) * 3


_STARTS = re.compile(r"(^|[.!?:]\s)[\s\"'“‘]*$")  # a sentence start (not the inside of brackets or quotes)


def _capitalised_by_position(unit: Unit, text: str) -> bool:
    """A word that a sentence start or a title capitalises and that wordfreq knows as a word (Extracellular):
    never reported as an added name on its own (it may still pair with a missing one)."""
    if unit.kind != "proper" or english_zipf(unit.text) < TERM_ZIPF:
        return False
    return bool(_STARTS.search(text[max(0, unit.span[0] - 6):unit.span[0]])) or _title_case(text)


_DEFINITION = re.compile(r"([a-z][a-z-]+[\s,]+){2,}\($")


def _defined_abbreviation(unit: Unit, text: str) -> bool:
    """An acronym the text itself gives in brackets after a lower-case phrase ("reverse transcription
    polymerase chain reaction (PTCR)"): the abbreviation of a term, not a name."""
    return unit.kind == "code" and bool(_DEFINITION.search(text[max(0, unit.span[0] - 80):unit.span[0]]))


def _recounted(ref_units: Tuple[Unit, ...], mt_units: Tuple[Unit, ...], reported: set) -> List["ReferenceFinding"]:
    """A name the reference writes more often than the translation, beside another the translation writes more
    often than the reference: one mention swapped for the other ("than SARS-CoV-2" where the reference
    compares with SARS-CoV, which the sentence also names)."""
    ref_n = Counter(u.key for u in ref_units if u.is_name)
    mt_n = Counter(u.key for u in mt_units if u.is_name)
    fewer = [k for k in ref_n if 0 < mt_n[k] < ref_n[k] and k not in reported]
    more = [k for k in mt_n if 0 < ref_n[k] < mt_n[k]]
    if not fewer or not more:
        return []
    r = next(u for u in ref_units if u.key == fewer[0])
    m = [u for u in mt_units if u.key == more[0]][-1]
    return [ReferenceFinding("swapped", r, m, spelling=fuzz.ratio(r.key, m.key) / 100.0)]


@dataclass(frozen=True)
class ReferenceFinding:
    """What the reference says about one name of the segment.

    ``how``: "misspelt" or "swapped" (``reference`` and ``translation`` both set), "dropped" (reference only,
    ``arabic`` the source word that supports it), "added" (translation only).
    """

    how: str
    reference: Optional[Unit]
    translation: Optional[Unit]
    arabic: Optional[str] = None
    arabic_span: Optional[Span] = None
    spelling: float = 0.0


def _source_support(unit: Unit, source: str) -> Optional[Tuple[Optional[str], Optional[Span]]]:
    """The source word(s) that render ``unit``: its Latin letters, its sound, or a translated form."""
    latin = {u.key for u in units(source)}
    if unit.key in latin or any(u.key == unit.key for u in units(source)):
        return (unit.text, None)
    if exonym_in(unit.text, _norm_text(source)):
        return ("", None)
    best: Optional[Tuple[float, Span, str]] = None
    for part in re.split(r"[-‐‑]", unit.text):
        if sum(c.isalpha() for c in part) < 3:
            continue
        hit = match_in_source(part, source)
        if hit and (best is None or hit[0] > best[0]):
            best = hit
    return (best[2], best[1]) if best else None


def compare(source: str, translation: str, reference: str) -> List[ReferenceFinding]:
    """The names of ``reference`` that ``translation`` lacks or spells otherwise, and its names that neither
    the reference nor the source has.

    Args:
        source: the Arabic segment.
        translation: its machine translation.
        reference: a human translation of the same segment, taken as the authority on names.

    Returns:
        One finding per drifted name, in the order of the reference, then the additions.
    """
    ref_units = units(reference)
    mt_units = units(translation)
    missing = [u for i, u in enumerate(ref_units) if u.is_name and not present(i, reference, translation)]
    if not any(u.is_name or u.kind == "soft" for u in mt_units) and not missing:
        return []
    extra = [u for i, u in enumerate(mt_units)
             if (u.is_name or u.kind == "soft") and not present(i, translation, reference)]
    # one finding per distinct name
    missing = list({u.key: u for u in reversed(missing)}.values())[::-1]
    out: List[ReferenceFinding] = []
    taken: set = set()
    supports: dict = {}
    source_latin = {u.key for u in units(source)}

    def support_of(u: Unit) -> Optional[Tuple[Optional[str], Optional[Span]]]:
        if u.key not in supports:
            supports[u.key] = _source_support(u, source)
        return supports[u.key]

    for r in missing:
        best: Optional[Tuple[float, Unit]] = None
        for m in extra:
            if m.key in taken:
                continue
            spelling = fuzz.ratio(r.key, m.key) / 100.0
            if "term" in (r.kind, m.kind):
                # a technical word pairs only with a close spelling of a word the source transliterates
                support = support_of(r)
                if spelling < TERM_SPELLING or not support or not support[1]:
                    continue
            if spelling < PAIR_SPELLING:
                s = support_of(r)
                if not s or not s[0] or similarity(s[0], m.text) < PAIR_SOUND:
                    continue
            if best is None or spelling > best[0]:
                best = (spelling, m)
        follows = support_of(best[1]) if best is not None else None
        if best is not None and (best[1].key in source_latin or (
                follows and follows[0] and support_of(r) is None and similarity(follows[0], r.text) < PAIR_SOUND)):
            taken.add(best[1].key)  # the translation follows the source where the reference departs from it
            continue
        if best is not None and not _distinctive_code(r.text) and not _distinctive_code(best[1].text) \
                and r.kind == best[1].kind == "code":
            taken.add(best[1].key)  # two short acronyms (NR / NLR): a term's abbreviation, not a name
            continue
        if best is not None:
            taken.add(best[1].key)
            how = "misspelt" if best[0] >= 0.7 else "swapped"
            out.append(ReferenceFinding(how, r, best[1], spelling=best[0]))
            continue
        s = support_of(r)
        # a lower-case term needs the source to say it aloud (its sound or its letters), not a translated form
        if s is not None and (r.kind != "term" or s[0]):
            out.append(ReferenceFinding("dropped", r, None, s[0] or None, s[1]))
    out.extend(_recounted(ref_units, mt_units, {f.reference.key for f in out if f.reference}))
    for m in extra:
        if m.key in taken or not ((m.kind == "proper" and _proper_head(m.text)) or
                                  (m.kind == "code" and _distinctive_code(m.text))):
            continue
        if _capitalised_by_position(m, translation) or _defined_abbreviation(m, translation):
            continue
        taken.add(m.key)
        if support_of(m) is None:
            out.append(ReferenceFinding("added", None, m))
    return out
