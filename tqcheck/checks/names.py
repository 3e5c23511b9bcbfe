"""Name drift: names dropped, invented, misspelt against the glossary or reference, or rendered two ways.

A document-level check: a name matched in one segment is known to be a name in every other one (so that
its absence elsewhere is noticed), and the renderings of each Arabic name are compared across the document.

Codes and severities:
    name-dropped       error    a source name has no counterpart in the translation
    name-invented      error    a translation name sounds like nothing in the source (wrong or invented entity)
    name-wrong         error    both at once in one segment: the translation names someone else
    name-glossary      error    a glossary name is spelt otherwise than the glossary says
    name-near-miss     warning  a name is spelt a letter or two away from the reference's spelling
    name-inconsistent  warning  the same source name is rendered two ways in one document
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

from tqcheck.checks.base import Check, CheckContext, register
from tqcheck.glossary import Glossary, GlossaryEntry, arabic_key
from tqcheck.names.english import _sentence_start as sentence_start
from tqcheck.names.english import is_never_a_name
from tqcheck.names.latin import (
    all_words,
    contains_word,
    derived_from,
    fold,
    shares_word,
    variant_of,
    written_otherwise,
)
from tqcheck.names.matching import (
    WEAK_THRESHOLD,
    heard_in,
    latin_similarity,
    loudest_in_source,
    loudest_window,
    sounds_like_any,
)
from tqcheck.names.reference import compare as compare_reference
from tqcheck.names.segment import MAX_NAMES, NameMatch, SegmentNames, Unmatched, analyse, covered
from tqcheck.names.words import Word, latin_words
from tqcheck.text.lexicon import arabic_form_zipf, arabic_zipf, is_english_word
from tqcheck.text.normalize import normalize_arabic
from tqcheck.text.places import find_places
from tqcheck.text.translit import similarity, skeleton_ar, strip_article
from tqcheck.types import Findings, Flag, Match, Segment, Span

# Two spellings at least this alike (rapidfuzz ratio / 100) are one name misspelt, not two names.
NEAR_MISS = 0.7
# A sound match enters the document's memory of names (so that its absence elsewhere is a drop) only when
# it is this close and the Arabic word is rarer than MEMORY_ZIPF: common words that happen to sound like a
# name (الفريق / Furyk) must not.
MEMORY_SCORE = 0.85
# An English name that sounds less like the source than this, beside a rare source word nothing explains,
# is taken for a replacement of that word.
PAIR_MAX = 0.8
# A dropped source name and an invented translation name this alike by sound (a near match; Dalhousie and
# "Dalai" are further apart) render each other.
ALIKE = 0.75
# How many segments either side count as "nearby" for a name's other mentions.
NEARBY = 10
# Renderings compared for consistency must each sound this close to the Arabic.
CONSISTENCY_SCORE = 0.85
MEMORY_ZIPF = 4.5
# ... or when the document matches it to one name this often, in at least this share of its occurrences.
EVIDENCE_MATCHES = 3
EVIDENCE_SHARE = 0.5
# An English word this alike a glossary spelling is a rendering of that entry, however far from the Arabic.
GLOSSARY_RENDERING = 0.5


# A name to look for by sound starts with a capital and two lower-case letters (not D-demerged, not a code).
_NAME_HEAD = re.compile(r"[A-Z][a-z]{2,}")


def _rendering_part(english: str, arabic: str) -> str:
    """The part of a hyphenated rendering that sounds most like the Arabic word (Sars of Sars-Kov for سارس)."""
    if "-" not in english:
        return english
    return max((p for p in english.split("-") if p), key=lambda p: similarity(arabic, p))


_COVERS: Dict[int, Tuple[SegmentNames, Callable[[Span], bool]]] = {}


@dataclass
class _Work:
    """What the check knows about one segment while it runs."""

    names: Optional[SegmentNames] = None
    flags: List[Flag] = field(default_factory=list)
    matches: List[Match] = field(default_factory=list)
    handled_ar: Set[int] = field(default_factory=set)  # Arabic word indices already explained or flagged
    handled_en: Set[Span] = field(default_factory=set)  # English spans already explained or flagged
    dropped: List["_Drop"] = field(default_factory=list)


@dataclass(frozen=True)
class _Drop:
    """A source name with no counterpart in the translation, before it is reported."""

    text: str
    span: Span
    suggestion: Optional[str]
    why: str  # what the message says about how the name is known



# Capitalised words of a place name that say nothing on their own (South Korea is not rendered by "South").
_PLACE_FILLERS = frozenset("The Islands Island Republic South North East West United Saint St. Of And New".split())


_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?\b")


def _inside_acronym(rendering: str, source: str, translation: str) -> bool:
    """The translation writes an acronym the source does not (ACE2 for a phrase the source spells out, «الإنزيم
    المحول للأنجيوتنسين»), and the name's initial is among its letters: the name may be inside it, so its
    absence is not claimed (precision first)."""
    initial = rendering[:1].upper()
    return any(initial in m.group() and m.group() not in source for m in _ACRONYM.finditer(translation))


def _place_rendered(entry: GlossaryEntry, text: str, arabic: Sequence[Word], english: Sequence[Word]) -> bool:
    """True when ``text`` renders the place: an accepted form or a word derived from it (Italian), its
    distinctive word (Korea for South Korea), its initials (UK), or a word that sounds like the Arabic."""
    for form in entry.accepted:
        if written_otherwise(form, text):
            return True
        heads = [h for h in re.split(r"[\s,&()]+", form) if h[:1].isupper() and h not in _PLACE_FILLERS]
        if len(heads) < len(form.split()) and any(written_otherwise(h, text) for h in heads):
            return True
    return any(sounds_like_any(aw.norm, english) for aw in arabic if len(aw.norm) > 3)



@register
class NameCheck(Check):
    """Names on both sides matched by sound; flags what was dropped, invented, misspelt or inconsistent."""

    name = "name"
    description = "names dropped, invented, misspelt (glossary, reference) or rendered inconsistently"
    version = "3"

    def run(self, segments: Sequence[Segment], context: CheckContext) -> List[Findings]:
        glossary = context.glossary if isinstance(context.glossary, Glossary) else None
        pseudo = context.pseudo_references
        work = [_Work() for _ in segments]
        for seg, w in zip(segments, work):
            if seg.aligned and seg.source.strip() and seg.translation.strip():
                w.names = analyse(seg.source, seg.translation)
        doc_renderings = self._doc_renderings(work)
        known = frozenset(doc_renderings)
        # English names rendered from the source in nearby segments: not inventions where one segment's
        # source happens to say "he" or "the minister" instead
        near: List[Set[str]] = [{fold(m.english_text) for m in w.names.matches if m.key} if w.names else set()
                                for w in work]
        for i, (seg, w) in enumerate(zip(segments, work)):
            if w.names is None:
                continue
            if w.names.capped:
                w.flags.append(Flag(
                    self.name, "info",
                    f"this segment has more than {MAX_NAMES} names or rare words: only the first {MAX_NAMES} "
                    "were compared by sound", code="name-capped"))
            if known and self._mentions_unmatched(w.names, known):
                w.names = analyse(seg.source, seg.translation, known)
            if glossary is not None:
                self._glossary(seg, w, glossary)
            if seg.reference:
                # the reference is the authority on names: nothing guessed from sound overrides it
                self._reference(seg, w)
                self._record_matches(w, glossary)
                continue
            self._places(seg, w)
            ps = pseudo[i] if pseudo is not None and i < len(pseudo) else None
            nearby = set().union(*near[max(0, i - NEARBY):i + NEARBY + 1])
            self._document_near_misses(w, doc_renderings)
            self._dropped_and_invented(seg, w, doc_renderings, glossary, ps, nearby)
            self._record_matches(w, glossary)
        self._consistency(segments, work, glossary)
        return [Findings(flags=tuple(w.flags), matches=tuple(w.matches)) for w in work]

    # --- document memory --------------------------------------------------------------------------

    @staticmethod
    def _doc_renderings(work: Sequence[_Work]) -> Dict[str, Counter]:
        """Arabic key of every single-word sound match in the document -> English renderings seen.

        A word enters when one close match makes it a name (rare enough, three consonants or more), or when
        the document itself shows it is one: matched to the same name in at least ``EVIDENCE_MATCHES``
        segments and in at least ``EVIDENCE_SHARE`` of its occurrences (بالو / Palu, a short word that is
        also common Arabic)."""
        seen: Dict[str, Counter] = defaultdict(Counter)
        evidence: Dict[str, Counter] = defaultdict(Counter)
        for w in work:
            if w.names is None:
                continue
            for m in w.names.matches:
                if not (m.how == "sound" and m.key and m.score >= MEMORY_SCORE and m.arabic_text
                        and " " not in m.arabic_text.strip()):
                    continue
                key = arabic_key(m.arabic_text)
                if not key:
                    continue
                # the commonest reading of the word, clitics and all (لفريق is still فريق, "team")
                zipf = arabic_zipf(m.arabic_text)
                # a short word (أدين, وسام) is a name only if it is rare as a word
                if zipf < MEMORY_ZIPF and (len(skeleton_ar(m.arabic_text)) >= 3 or zipf < 3.0):
                    seen[key][m.english_text] += 1
                else:
                    evidence[key][m.english_text] += 1
        if evidence:
            forms = Counter(aw.norm for w in work if w.names is not None for aw in w.names.arabic)
            occurrences: Counter = Counter()
            for form, count in forms.items():
                occurrences[strip_article(form)] += count
            for key, names in evidence.items():
                folded: Counter = Counter()
                for english, n in names.items():
                    folded[fold(english)] += n
                best, n = folded.most_common(1)[0]
                if key not in seen and n >= EVIDENCE_MATCHES and n >= EVIDENCE_SHARE * occurrences[key]:
                    # the spelling the document uses most for it (McGregor, not a case-folded mcgregor)
                    spelling = max((e for e in names if fold(e) == best), key=lambda e: names[e])
                    seen[key][spelling] += n
        return seen

    @staticmethod
    def _mentions_unmatched(names: SegmentNames, known: frozenset) -> bool:
        taken = covered([m.arabic_span for m in names.matches])
        return any(strip_article(aw.norm) in known and not taken((aw.start, aw.start + 1)) for aw in names.arabic)

    # --- glossary ---------------------------------------------------------------------------------

    def _glossary(self, seg: Segment, w: _Work, glossary: Glossary) -> None:
        """Each occurrence of a glossary name must be rendered with an accepted spelling."""
        names = w.names
        assert names is not None
        found = glossary.find(names.arabic)
        for entry, first, last in found:
            span = (names.arabic[first].start, names.arabic[last].end)
            ar_text = seg.source[span[0]:span[1]]
            w.handled_ar.update(range(first, last + 1))
            rendering = self._matched_rendering(span, names, w.handled_en)
            if rendering is None:
                # no name was matched to it by sound: an accepted spelling anywhere in the translation will do
                spans = [x for a in entry.accepted for x in all_words(seg.translation, a) if x not in w.handled_en]
                if spans:
                    w.handled_en.add(spans[0])
                    text = seg.translation[spans[0][0]:spans[0][1]]
                    w.matches.append(Match(self.name, ar_text, text, span, spans[0], value=entry.english))
                    continue
                rendering = self._spelt_like(entry, ar_text, seg.translation, names, w.handled_en)
            if rendering is not None and any(variant_of(rendering[0], a) or shares_word(rendering[0], a)
                                             or derived_from(a, rendering[0]) for a in entry.accepted):
                w.handled_en.add(rendering[1])
                w.matches.append(Match(self.name, ar_text, rendering[0], span, rendering[1], value=entry.english))
                continue
            if rendering is None:
                w.dropped.append(_Drop(ar_text, span, entry.english, f"glossary: “{entry.english}”"))
                continue
            text, tspan = rendering
            w.handled_en.add(tspan)
            w.flags.append(Flag(
                self.name, "error",
                f"«{ar_text}» is spelt “{entry.english}” in the glossary; the translation has “{text}”",
                source_text=ar_text, target_text=text, source_span=span, target_span=tspan,
                suggestion=entry.english, code="name-glossary"))

    @staticmethod
    def _matched_rendering(span: Span, names: SegmentNames, taken: Set[Span]) -> Optional[Tuple[str, Span]]:
        """The English name matched by sound to this Arabic span, if any."""
        for m in names.matches:
            if (m.arabic_span and m.arabic_span[0] < span[1] and span[0] < m.arabic_span[1]
                    and m.english_span not in taken):
                return m.english_text, m.english_span
        return None

    @staticmethod
    def _spelt_like(entry: GlossaryEntry, arabic: str, translation: str, names: SegmentNames, taken: Set[Span]
                    ) -> Optional[Tuple[str, Span]]:
        """A capitalised English word spelt like the entry or sounding roughly like its Arabic (Zaporizia,
        Kiev at a sentence start; not Mykolaiv) that nothing else took."""
        best: Optional[Tuple[float, str, Span]] = None
        matched = {m.english_span for m in names.matches}
        for word in latin_words(translation):
            if not word.text[:1].isupper() or word.span in taken or word.span in matched:
                continue
            spelt = max(latin_similarity(word.text, a) for a in entry.accepted)
            if spelt < NEAR_MISS and (is_never_a_name(word.text) or is_english_word(word.text)):
                continue  # "In" or "Saturday" at a sentence start is no rendering of «بالين» or «سانفورد»
            sounds = similarity(arabic, word.text)
            if ((spelt >= GLOSSARY_RENDERING or sounds >= WEAK_THRESHOLD)
                    and (best is None or max(spelt, sounds) > best[0])):
                best = (max(spelt, sounds), word.text, word.span)
        return (best[1], best[2]) if best else None

    # --- reference --------------------------------------------------------------------------------

    def _reference(self, seg: Segment, w: _Work) -> None:
        """Names of the reference that the translation lacks or spells otherwise, and names of the translation
        that neither the reference nor the source has (``tqcheck.names.reference``)."""
        assert seg.reference is not None
        for f in compare_reference(seg.source, seg.translation, seg.reference):
            r, m = f.reference, f.translation
            if m is not None and any(m.span[0] < e and s < m.span[1] for s, e in w.handled_en):
                continue  # the glossary has dealt with it
            where = f" (source «{f.arabic}»)" if f.arabic else ""
            if f.how in ("misspelt", "swapped") and r is not None and m is not None:
                w.handled_en.add(m.span)
                misspelt = f.how == "misspelt"
                w.flags.append(Flag(
                    self.name, "warning" if misspelt else "error",
                    f"“{m.text}” is spelt “{r.text}” in the reference" if misspelt else
                    f"the translation has “{m.text}” where the reference names “{r.text}”",
                    target_text=m.text, target_span=m.span, suggestion=r.text,
                    code="name-near-miss" if misspelt else "name-wrong"))
            elif f.how == "dropped" and r is not None:
                w.flags.append(Flag(
                    self.name, "error",
                    f"“{r.text}” of the reference is missing from the translation{where}",
                    source_text=f.arabic or None, source_span=f.arabic_span, suggestion=r.text, code="name-dropped"))
            elif f.how == "added" and m is not None:
                w.handled_en.add(m.span)
                w.flags.append(Flag(
                    self.name, "error",
                    f"“{m.text}” in the translation is in neither the reference nor the source",
                    target_text=m.text, target_span=m.span, code="name-invented"))

    # --- places -----------------------------------------------------------------------------------

    def _places(self, seg: Segment, w: _Work) -> None:
        """A country the source names (CLDR's Arabic name, ``tqcheck.text.places``) that the translation
        does not render in any form (Italy, Italian, Ital-; UK, Britain; the name's sound) was lost.

        With a reference, only a place the reference renders counts (a human translator may have left it
        out on purpose)."""
        names = w.names
        assert names is not None
        english = None
        for entry, first, last in find_places(names.arabic):
            idx = range(first, last + 1)
            if any(i in w.handled_ar for i in idx):
                continue  # the glossary or the reference has dealt with it
            w.handled_ar.update(idx)
            span = (names.arabic[first].start, names.arabic[last].end)
            if self._overlaps_match(names, span):
                continue
            if english is None:
                english = latin_words(seg.translation)
            words = names.arabic[first:last + 1]
            bare = normalize_arabic(entry.arabic)
            if (len(words) == 1 and len(words[0].norm) > len(bare) and words[0].norm.endswith(bare)
                    and arabic_form_zipf(words[0].text) >= arabic_form_zipf(entry.arabic)):
                continue  # بنيوي ("structural") is commoner than نيوي (Niue): another word, not the place
            if _place_rendered(entry, seg.translation, words, english):
                continue
            if seg.reference and not _place_rendered(entry, seg.reference, words, latin_words(seg.reference)):
                continue
            w.dropped.append(_Drop(seg.source[span[0]:span[1]], span, entry.english, f"the place “{entry.english}”"))

    @staticmethod
    def _overlaps_match(names: SegmentNames, span: Span) -> bool:
        # built once per segment (identity, not equality: hashing a long segment's analysis costs more)
        cover = _COVERS.get(id(names))
        if cover is None or cover[0] is not names:
            cover = (names, covered([m.arabic_span for m in names.matches]))
            _COVERS.clear()
            _COVERS[id(names)] = cover
        return cover[1](span)

    def _document_near_misses(self, w: _Work, doc: Dict[str, Counter]) -> None:
        """An English name that only roughly sounds like a source word, and is a letter or two from the
        spelling the document gives that word elsewhere ("Kavinugh" for كافانو, "Kavanaugh" elsewhere)."""
        names = w.names
        assert names is not None
        for u in names.unmatched_english:
            if u.word.span in w.handled_en or u.best < WEAK_THRESHOLD or not u.best_arabic:
                continue
            spellings: Counter[str] = Counter()
            for part in u.best_arabic.split():
                spellings.update(doc.get(arabic_key(part), {}))
            close = [(n, s) for s, n in spellings.items()
                     if fold(s) != u.word.norm and latin_similarity(s, u.word.text) >= NEAR_MISS]
            if not close:
                continue
            _, best = max(close)
            w.handled_en.add(u.word.span)
            w.flags.append(Flag(
                self.name, "warning", f"“{u.word.text}” is spelt “{best}” elsewhere in the document",
                target_text=u.word.text, target_span=u.word.span, suggestion=best, code="name-near-miss"))

    # --- dropped and invented ---------------------------------------------------------------------

    def _dropped_and_invented(self, seg: Segment, w: _Work, doc: Dict[str, Counter],
                              glossary: Optional[Glossary], pseudo: Optional[str], nearby: Set[str]) -> None:
        """Report source names lost and translation names from nowhere; one of each in a segment is a
        wrong entity (the translation names someone else)."""
        names = w.names
        assert names is not None
        index_of = {aw.start: i for i, aw in enumerate(names.arabic)}
        for c in names.unmatched_arabic:
            i = index_of[c.span[0]]
            if i in w.handled_ar:
                continue
            w.handled_ar.add(i)
            if self._given_name_left_out(names, i):
                continue
            hint = self._known_rendering(c.text, doc, glossary)
            if hint and written_otherwise(hint, seg.translation):
                continue
            if heard_in(c.text, seg.translation):
                continue  # a part of a compound or the start of a word renders it (SARS-CoV-2, coronavirus)
            loose = self._loose_rendering(c.text, names, w.handled_en)
            if loose is not None:
                # rendered, if not the way the sound model expects (أوغليدار / Vuhledar)
                w.handled_en.add(loose.word.span)
                w.matches.append(Match(self.name, c.text, loose.word.text, c.span, loose.word.span,
                                       value=loose.word.text))
                continue
            confirmed = glossary is not None and glossary.lookup(c.text) is not None
            if hint and not confirmed and _inside_acronym(hint, seg.source, seg.translation):
                continue
            # the document's own rendering is a machine's, not a confirmed spelling: named, never suggested
            why = (f"glossary: “{hint}”" if confirmed else
                   f"rendered “{hint}” in other segments" if hint else "a name after a title")
            w.dropped.append(_Drop(c.text, c.span, hint if confirmed else None, why))
        invented = [u for u in names.unmatched_english
                    if u.word.span not in w.handled_en and self._invented(u, seg, pseudo, nearby)]
        dropped = list(w.dropped)
        if not dropped:
            dropped = self._replaced(seg.source, seg.translation, names, w, invented, pseudo, nearby)
        # a source name and a translation name that sound alike render each other (غوانزو / Guangzhou): neither
        # was dropped nor invented, whatever the narrow shortlist found
        alike = [(d, u) for d in dropped for u in invented if similarity(d.text, u.word.text) >= ALIKE]
        for d, u in alike:
            if d in dropped and u in invented:
                dropped.remove(d)
                invented.remove(u)
        if dropped and invented:
            d, u = dropped.pop(0), invented.pop(0)
            w.flags.append(Flag(
                self.name, "error",
                f"the translation has “{u.word.text}” where the source names «{d.text}»"
                + (f" ({d.why})" if d.why else ""),
                source_text=d.text, target_text=u.word.text, source_span=d.span, target_span=u.word.span,
                suggestion=d.suggestion, code="name-wrong"))
        for d in dropped:
            w.flags.append(Flag(
                self.name, "error",
                f"«{d.text}» is a name in the source with no counterpart in the translation ({d.why})",
                source_text=d.text, source_span=d.span, suggestion=d.suggestion, code="name-dropped"))
        for u in invented:
            w.flags.append(Flag(
                self.name, "error",
                f"“{u.word.text}” in the translation sounds like nothing in the source: a wrong or invented name?",
                target_text=u.word.text, target_span=u.word.span, code="name-invented"))

    @staticmethod
    def _given_name_left_out(names: SegmentNames, i: int) -> bool:
        """True when Arabic word ``i`` comes just before a surname that the translation renders as the start
        of its name: a given name left out («نانسي بيلوسي» / Pelosi), not one replaced ("Gaza Pelosi")."""
        if i + 1 >= len(names.arabic):
            return False
        nxt = names.arabic[i + 1]
        return any(m.arabic_span and m.arabic_span[0] <= nxt.start < m.arabic_span[1]
                   and m.english.words and m.english.words[0].start == m.english_span[0] for m in names.matches)

    @staticmethod
    def _replaced(source: str, translation: str, names: SegmentNames, w: _Work, invented: List[Unmatched],
                  pseudo: Optional[str], nearby: Set[str]) -> List[_Drop]:
        """A rare source word nothing explains, beside an English name that does not quite match anything:
        the translation probably put one name in place of the other (Gaza for غازي عنتاب, "Dalai Lama" for
        دالهاوزي). Returns the source word as a drop, and makes the English name count as invented."""
        taken = {i for i in w.handled_ar}
        index_of = {aw.start: i for i, aw in enumerate(names.arabic)}
        rare = [r for r in names.rare_leftover if index_of[r.start] not in taken]
        if not rare:
            return []
        matched_names = {id(m.english) for m in names.matches}
        for u in names.unmatched_english:
            if (u in invented or u.best >= PAIR_MAX or u.word.span in w.handled_en or id(u.english) in matched_names
                    or (pseudo and contains_word(pseudo, u.word.text)) or fold(u.word.text) in nearby
                    or not _NAME_HEAD.match(u.word.text)
                    or sentence_start(translation, u.english.span[0])):
                continue
            # the rare word nearest the Arabic that sounds most like the English name
            anchor = next((i for i, aw in enumerate(names.arabic)
                           if u.best_arabic and aw.norm in u.best_arabic.split()),
                          None)
            r = min(rare, key=lambda x: abs(index_of[x.start] - anchor) if anchor is not None else 0)
            loud = loudest_window(u.word.text, source)
            if loud and loud[0] >= WEAK_THRESHOLD and not loud[1].first - 1 <= index_of[r.start] <= loud[1].last + 1:
                continue  # the name sounds like a source word away from the rare one: rendered, not replaced
            k = index_of[r.start]
            span = r.span
            if anchor is not None and abs(anchor - k) == 1:
                # the English took part of a two-word name (غازي of غازي عنتاب): show the whole name
                span = (min(span[0], names.arabic[anchor].start), max(span[1], names.arabic[anchor].end))
                w.handled_ar.add(anchor)
            invented.append(u)
            w.handled_ar.add(k)
            return [_Drop(source[span[0]:span[1]], span, None, "")]
        return []

    @staticmethod
    def _loose_rendering(arabic: str, names: SegmentNames, taken: Set[Span]) -> Optional[Unmatched]:
        """An English name left unmatched that still sounds roughly like ``arabic`` (above WEAK_THRESHOLD)."""
        for u in names.unmatched_english:
            if u.word.span not in taken and similarity(arabic, u.word.text) >= WEAK_THRESHOLD:
                return u
        return None

    @staticmethod
    def _invented(u: Unmatched, seg: Segment, pseudo: Optional[str], nearby: Set[str]) -> bool:
        if u.best >= WEAK_THRESHOLD:
            return False  # something in the source sounds roughly like it: not a different entity
        if not _NAME_HEAD.match(u.word.text):
            return False  # D-demerged, a code: not a name whose sound can be looked for
        if u.word is not u.english.words[-1]:
            # a given name the source left out beside a surname it kept ("Donald Trump" / «ترامب»)
            return False
        if pseudo and contains_word(pseudo, u.word.text):
            return False
        if fold(u.word.text) in nearby:
            return False
        # precision first: look wider than the matcher's shortlist before calling a name invented
        return loudest_in_source(u.word.text, seg.source) < WEAK_THRESHOLD

    @staticmethod
    def _known_rendering(arabic: str, doc: Dict[str, Counter], glossary: Optional[Glossary]) -> Optional[str]:
        if glossary is not None:
            entry = glossary.lookup(arabic)
            if entry:
                return entry.english
        seen = doc.get(arabic_key(arabic))
        return seen.most_common(1)[0][0] if seen else None

    # --- matches ----------------------------------------------------------------------------------

    def _record_matches(self, w: _Work, glossary: Optional[Glossary]) -> None:
        names = w.names
        assert names is not None
        for m in names.matches:
            if m.english_span in w.handled_en:
                continue
            value = None
            if glossary is not None and m.arabic_text:
                entry = glossary.lookup(m.arabic_text)
                value = entry.english if entry else None
            w.matches.append(Match(self.name, m.arabic_text, m.english_text, m.arabic_span, m.english_span,
                                   value=value or m.english_text))

    # --- consistency ------------------------------------------------------------------------------

    def _consistency(self, segments: Sequence[Segment], work: Sequence[_Work], glossary: Optional[Glossary]) -> None:
        """Flag renderings of one Arabic name that differ from the document's majority (or glossary) form."""
        uses: Dict[str, List[Tuple[int, NameMatch]]] = defaultdict(list)
        for i, w in enumerate(work):
            if w.names is None or segments[i].reference:
                continue  # the reference has the last word on that segment's spellings
            for m in w.names.matches:
                # given names are shared by different people (Alan Lithgow, Allan McGregor): surnames only
                last = m.english.words[-1].span == m.english_span or m.english.span == m.english_span
                if (m.how == "sound" and last and m.score >= CONSISTENCY_SCORE and m.arabic_text
                        and m.english_span not in w.handled_en):
                    key = arabic_key(m.arabic_text)
                    if key and " " not in key and (glossary is None or glossary.lookup(m.arabic_text) is None):
                        uses[key].append((i, m))
        for key, occ in uses.items():
            # a compound is compared by the part that renders the word (Sars of Sars-Kov is Sars)
            said = {id(m): _rendering_part(m.english_text, m.arabic_text) for _, m in occ}
            counts = Counter(fold(said[id(m)]) for _, m in occ)
            if len(counts) < 2:
                continue
            first_seen: Dict[str, str] = {}
            for _, m in occ:
                first_seen.setdefault(fold(said[id(m)]), said[id(m)])
            order = list(first_seen)
            best = max(order, key=lambda f: (counts[f], -order.index(f)))
            majority = first_seen[best]
            for i, m in occ:
                here = said[id(m)]
                if fold(here) == best or variant_of(here, majority):
                    continue
                if latin_similarity(here, majority) < 0.5:
                    continue  # two different names that happen to sound alike in Arabic
                # the majority is the machine's own spelling too: both forms are named, neither is suggested
                work[i].flags.append(Flag(
                    self.name, "warning",
                    f"«{m.arabic_text}» is rendered “{m.english_text}” here but “{majority}” "
                    f"{counts[best]} time(s) elsewhere in the document: one of them is misspelt",
                    source_text=m.arabic_text, target_text=m.english_text, source_span=m.arabic_span,
                    target_span=m.english_span, code="name-inconsistent"))
