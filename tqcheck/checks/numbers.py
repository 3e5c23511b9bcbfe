"""Number drift: a number of the source that the translation changes, drops or adds.

The source (Arabic) and the translation (English) are read with ``tqcheck.text.numbers.extract_numbers`` and
their quantities are paired by value (``tqcheck.text.numcompare``), so that a change of form is never a flag
(«سبعين ألف» = "70,000" = "seventy thousand", «١٢» = "12"). What is left without a partner is judged by how
sure the extractor is that it is a number the translation must keep (``Quantity.salience``):

* a left-over digit number or large number word on each side is a changed value (``number-changed``);
* one left over on one side only is a missing (``number-missing``) or an added (``number-added``) number;
* the words two to ten count as numbers too (``medium`` option: "error" by default); "one", ordinal and
  fraction words, duals («عامين»), vague plurals and identifiers only ever pair, they are never flagged;
* conversions are not errors: a number in brackets right after another one ("4.5 m (15 ft)", "$200bn
  (£150bn)") is a conversion or a gloss that a translator may add or leave out; when both units are known,
  a conversion that is off by more than 15% is a warning (``number-conversion``). A Hijri year pairs with
  the Gregorian year it falls in, and an unpaired Hijri year is not flagged;
* a pair whose qualifiers contradict ("more than 300" against «أقل من 300») is a warning
  (``number-qualifier``); a qualifier given on one side only is an info.

With ``--backtranslate`` the forward translation of the source (``context.pseudo_references``) is used as a
second opinion: a number the translation adds that the pseudo-reference has too, or a source number that
the pseudo-reference lacks too, is most likely a number the extractor misread, and its flag becomes a warning.
"""

from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

from tqcheck.checks.base import CheckContext, SegmentCheck, register
from tqcheck.text.numbers import HARD, MEDIUM, SOFT, Quantity, extract_numbers
from tqcheck.text.numcompare import (
    FULL_PAIRS,
    NEAREST,
    in_century,
    pair_quantities,
    relative_change,
    same_value,
    unit_change,
    year_in_decade,
)
from tqcheck.text.numsound import capitalised_words, lost_duals, renders_as_name
from tqcheck.types import Findings, Flag, Match, Segment

_LEVEL = {"error": MEDIUM, "off": HARD}

# Factors to a base unit, by dimension, for checking conversions added in brackets.
_UNITS = {
    "km": ("len", 1000.0), "m": ("len", 1.0), "cm": ("len", 0.01), "mm": ("len", 0.001),
    "mi": ("len", 1609.344), "ft": ("len", 0.3048), "in": ("len", 0.0254), "yd": ("len", 0.9144),
    "kg": ("mass", 1.0), "g": ("mass", 0.001), "mg": ("mass", 1e-6), "t": ("mass", 1000.0),
    "lb": ("mass", 0.45359237), "oz": ("mass", 0.0283495),
    "l": ("vol", 1.0), "ml": ("vol", 0.001), "gal": ("vol", 3.78541),
    "ha": ("area", 1e4), "acre": ("area", 4046.86), "feddan": ("area", 4200.0),
    "km/h": ("speed", 1 / 3.6), "mph": ("speed", 0.44704),
}
_CURRENCIES = {"$", "£", "€", "¥", "INR", "CNY", "AED", "SAR", "dinar"}
_MAG_WORD_RE = re.compile(r"(thousand|million|billion|trillion|bn|mn|tn|m|k)\b", re.I)


def format_value(q: Quantity) -> str:
    """A value as a linguist reads it: "70,000" (for «سبعين ألف» or "70 thousand"), "2.5%", "09:30", "2019"."""
    v = q.value
    if q.kind in ("phone", "code"):
        return q.text
    if q.kind == "time":
        h = int(v)
        return f"{h:02d}:{round((v - h) * 60):02d}"
    if q.kind in ("year", "hijri", "decade"):
        s = str(int(v)) if v == int(v) else str(v)
        return s + ("s" if q.kind == "decade" and q.form != "words" else "") + (" AH" if q.kind == "hijri" else "")
    s = _num(v)
    if q.unit == "%":
        s += "%"
    return s


def _num(v: float) -> str:
    if v != v:
        return "?"
    if v == int(v) and abs(v) < 1e18:
        return f"{int(v):,}"
    return f"{v:,.6g}" if abs(v) >= 1e6 else f"{v:.6g}"


def _quoted(q: Quantity) -> str:
    """The value, with the text it was read from when that differs: "70,000 (سبعين ألف)"."""
    shown = format_value(q)
    if q.text.replace(",", "").replace(" ", "") == shown.replace(",", "").replace(" ", ""):
        return shown
    return f"{shown} ({q.text})"


_LONG_MAG = {1e3: "thousand", 1e6: "million", 1e9: "billion", 1e12: "trillion"}
_SHORT_MAG = {1e3: "k", 1e6: "m", 1e9: "bn", 1e12: "tn"}


def _suggest(src: Quantity, tgt: Quantity) -> str:
    """The source value written the way the translation wrote its number."""
    if tgt.scale > 1:
        scale = src.scale if src.scale > 1 else tgt.scale
        m = _MAG_WORD_RE.search(tgt.text)
        short = m is not None and len(m.group(1)) <= 2
        glued = m is not None and tgt.text[m.start() - 1:m.start()].isdigit()
        word = (_SHORT_MAG if short else _LONG_MAG).get(scale, _LONG_MAG.get(scale, ""))
        return f"{_num(src.value / scale)}{'' if glued else ' '}{word}".strip()
    if src.kind in ("year", "hijri", "time", "decade"):
        s = format_value(src)
    else:
        s = _num(src.value) if "," in tgt.text or src.value < 1000 else _num(src.value).replace(",", "")
    if tgt.unit == "%" or src.unit == "%":
        s += " percent" if "per" in tgt.text.lower() else "%"
    return s


def _conversion_ok(prev: Quantity, conv: Quantity) -> Optional[bool]:
    """Is ``conv`` a conversion of ``prev``? None when the units are not known well enough to tell."""
    a, b = prev.unit, conv.unit
    if a is None or b is None:
        return None
    if a in _CURRENCIES or b in _CURRENCIES:
        return True
    if {a, b} == {"°C", "°F"}:
        c, f = (prev.value, conv.value) if a == "°C" else (conv.value, prev.value)
        return abs(c * 9 / 5 + 32 - f) <= max(2.0, 0.05 * abs(f))
    ua, ub = _UNITS.get(a), _UNITS.get(b)
    if ua is None or ub is None or ua[0] != ub[0]:
        return None
    x, y = prev.value * ua[1], conv.value * ub[1]
    return relative_change(x, y) <= 0.15


def _preceding(q: Quantity, side: Sequence[Quantity]) -> Optional[Quantity]:
    before = [p for p in side if p.span[1] <= q.span[0]]
    return before[-1] if before else None


_PAIRABLE = {"percent": "percent", "time": "time"}


def _pair_group(q: Quantity) -> str:
    return _PAIRABLE.get(q.kind, "number")


def _pair_score(a: Quantity, b: Quantity, sl: int, tl: int) -> float:
    score = -abs(a.span[0] / max(sl, 1) - b.span[0] / max(tl, 1))
    if a.kind == b.kind:
        score += 0.5
    x, y = abs(a.value), abs(b.value)
    if x and y:
        ratio = max(x, y) / min(x, y)
        if abs(ratio - round(ratio)) < 1e-9 and round(ratio) in (10, 100, 1000):
            score += 1  # a dropped or added zero, a wrong magnitude
        elif sorted(format_value(a)) == sorted(format_value(b)):
            score += 1  # swapped digits
    return score


def _pair_leftovers(src: List[Quantity], tgt: List[Quantity], sl: int,
                    tl: int) -> Tuple[List[Tuple[Quantity, Quantity]], List[Quantity], List[Quantity]]:
    cands = []
    window = len(tgt) if len(src) * len(tgt) <= FULL_PAIRS else NEAREST  # near-linear on huge segments
    for i, a in enumerate(src):
        # both lists are in text order: the targets nearest in relative position are around this index
        at = min(len(tgt), round(a.span[0] / max(sl, 1) * len(tgt)))
        lo = max(0, min(at - window // 2, len(tgt) - window))
        for j in range(lo, min(len(tgt), lo + window)):
            b = tgt[j]
            if _pair_group(a) == _pair_group(b):
                cands.append((_pair_score(a, b, sl, tl), i, j))
    cands.sort(key=lambda c: -c[0])
    us, ut, pairs = set(), set(), []
    for _, i, j in cands:
        if i in us or j in ut:
            continue
        us.add(i)
        ut.add(j)
        pairs.append((src[i], tgt[j]))
    pairs.sort(key=lambda p: p[0].span)
    return pairs, [q for i, q in enumerate(src) if i not in us], [q for j, q in enumerate(tgt) if j not in ut]


# A word in the dual (or a dual verb): -ان/-ين, construct -تا/-تي, with a pronoun -اه/-يها/-يهما.
_DUAL_RE = re.compile(r"[\u0621-\u064a]{3,}(?:ان|ين|تا|تي|اه|يها|يهما|اهما)(?![\u0621-\u064a])")


def _is_two(q: Quantity) -> bool:
    return q.value == 2 and q.kind == "cardinal" and q.form in ("words", "digits")


class _Said:
    """What one side says in ways that pairing one to one cannot see, indexed for ``covered``."""

    def __init__(self, side: Sequence[Quantity]) -> None:
        self.code_values = {v for o in side if o.kind == "code" for v in o.values}
        self.spans = [o for o in side if o.kind in ("century", "decade")][:_MAX_SPANS]
        self.points = [o for o in side if o.kind in ("year", "decade", "range_lo", "range_hi", "cardinal")
                       and o.value == o.value and 1000 <= o.value <= 2100][:_MAX_SPANS]

    def covered(self, q: Quantity) -> bool:
        """Is ``q`` one of the numbers of an identifier ("H1N1" has two 1s, "ACE2" a 2), a year or decade in a
        century or decade of this side («الثلاثينيات 1930» and "the 1930s"), or a century that one is in?"""
        if q.value in self.code_values:
            return True
        if any(in_century(o, q) or year_in_decade(q, o) for o in self.spans):
            return True
        return q.kind in ("century", "decade") and any(in_century(q, o) or year_in_decade(o, q)
                                                        for o in self.points)


_MAX_SPANS = 64


# A bound points up or down; "about" is an approximation. Two qualifiers of one direction say the same thing
# to a reader ("over" for «أكثر من», "up to" for «أقل من»).
_DIRECTION = {"more-than": "above", "at-least": "above", "less-than": "below", "up-to": "below",
              "about": "about"}
_NO_BOUND_KINDS = frozenset(("code", "year", "hijri", "date", "time", "reference", "range_lo", "range_hi"))


def _translates(segment: Segment) -> bool:
    """Are the two sides each other's translation, so that a difference in their numbers means something?

    A bead below the aligner's confidence threshold is already a misalignment flag, and the numbers of two
    sentences that are not each other's translation differ by chance. But the aligner also lowers the
    confidence of a pair whose numbers differ, so a pair that is confident once its numbers are left out
    still counts: that is the drift this check is for. With ``--aligned`` (and in bilingual files) every
    segment is aligned: each line pair is trusted.
    """
    if segment.aligned:
        return True
    from tqcheck.align.aligner import CONFIDENCE_THRESHOLD

    plain = segment.confidence_without_numbers
    return plain is not None and plain >= CONFIDENCE_THRESHOLD


@register
class NumberCheck(SegmentCheck):
    """Numbers whose value the translation changes, drops or adds."""

    name = "number"
    description = "numbers changed, dropped or added by the translation (compared by value, in any form)"
    # 2: segments not confidently aligned are skipped; 3: bounds, units and duals compared (number-bound,
    # number-unit, number-dual), references, year ranges and term numbers understood
    version = "3"

    def check_segment(self, segment: Segment, context: CheckContext) -> Findings:
        src_text, tgt_text = segment.source, segment.translation
        if not src_text or not tgt_text:
            return Findings()  # a dropped or added sentence is the omission/addition checks' business
        if not _translates(segment):
            return Findings()
        src = extract_numbers(src_text, "ar")
        tgt = extract_numbers(tgt_text, "en")
        if not src and not tgt:
            return Findings(flags=tuple(self._duals(src_text, tgt_text, tgt)))
        options = context.options_for(self.name)
        floor = _LEVEL.get(str(options.get("medium", "error")), MEDIUM)
        pairing = pair_quantities(src, tgt, len(src_text), len(tgt_text))
        flags: List[Flag] = []
        matches = []
        for a, b, how in pairing.pairs:
            if a.kind == "code" and b.kind == "code":
                continue
            matches.append(Match(check=self.name, source_text=a.text, target_text=b.text, source_span=a.span,
                                 target_span=b.span, value=format_value(a)))
            flags.extend(self._qualifier(a, b))
            flags.extend(self._unit(a, b))
        flags.extend(self._duals(src_text, tgt_text, tgt))

        if len(src) * len(tgt) > FULL_PAIRS:
            flags.append(Flag(
                check=self.name, severity="info", code="number-capped",
                message=(f"{len(src)} and {len(tgt)} numbers: too many to compare each with each; each was "
                         f"compared with the {NEAREST} nearest of the other side")))
        said_src, said_tgt = _Said(src), _Said(tgt)
        s_left = [q for q in pairing.source_left if self._counts(q, floor) and not said_tgt.covered(q)]
        t_left = [q for q in pairing.target_left if self._counts(q, floor) and not said_src.covered(q)]
        if any(q.form == "words" for q in s_left):
            # a transliterated name that is also a number word («ستين» for Stein) is the name, not a number
            names = capitalised_words(tgt_text)
            s_left = [q for q in s_left if q.form != "words" or not renders_as_name(q.text, names)]
        if not s_left and not t_left:
            return Findings(flags=tuple(flags), matches=tuple(matches))
        if any(_is_two(q) for q in t_left) and _DUAL_RE.search(src_text):
            # Arabic says "two" with the dual ending of the noun («سيدتان», «منعطفين»), which no word list
            # covers; a "2" in digits is let go only when no source number is left for it to be a change of
            t_left = [q for q in t_left if not _is_two(q) or (q.form == "digits" and s_left)]
        # Bracketed numbers left over on both sides are a changed conversion; on one side only, a conversion
        # or a gloss that the translator added (checked against the units when known) or left out.
        s_br = [q for q in s_left if q.bracketed]
        t_br = [q for q in t_left if q.bracketed]
        s_left = [q for q in s_left if not q.bracketed]
        t_left = [q for q in t_left if not q.bracketed]
        br_changed, _, t_br = _pair_leftovers(s_br, t_br, len(src_text), len(tgt_text))
        t_left += [q for q in t_br if not self._conversion(q, tgt, flags)]

        pseudo = self._pseudo(segment, context)
        changed, s_rest, t_rest = _pair_leftovers(s_left, t_left, len(src_text), len(tgt_text))
        changed += br_changed
        for a, b in changed:
            flags.append(Flag(
                check=self.name, severity="error", code="number-changed",
                message=f"source says {_quoted(a)}, translation says {_quoted(b)}",
                source_text=a.text, target_text=b.text, source_span=a.span, target_span=b.span,
                suggestion=_suggest(a, b)))
        for a in s_rest:
            severity = "warning" if pseudo is not None and not any(same_value(a, p) for p in pseudo) else "error"
            flags.append(Flag(
                check=self.name, severity=severity, code="number-missing",
                message=f"source says {_quoted(a)}; the translation has no such number",
                source_text=a.text, source_span=a.span, suggestion=f"translate {format_value(a)}"))
        for b in t_rest:
            severity = "warning" if pseudo is not None and any(same_value(b, p) for p in pseudo) else "error"
            flags.append(Flag(
                check=self.name, severity=severity, code="number-added",
                message=f"translation says {_quoted(b)}; the source has no such number",
                target_text=b.text, target_span=b.span))
        flags.sort(key=lambda f: (f.source_span or f.target_span or (0, 0)))
        return Findings(flags=tuple(flags), matches=tuple(matches))

    @staticmethod
    def _counts(q: Quantity, floor: int) -> bool:
        """Is a quantity left without a partner worth a flag?"""
        if q.salience < floor or q.salience == SOFT or q.kind in ("code", "hijri", "date"):
            return False
        return q.value == q.value

    def _conversion(self, q: Quantity, tgt: Sequence[Quantity], flags: List[Flag]) -> bool:
        """True for a translation number that is a unit conversion in brackets; a warning when it is off."""
        if not q.bracketed:
            return False
        prev = _preceding(q, tgt)
        if prev is None:
            return False
        ok = _conversion_ok(prev, q)
        if ok is False:
            flags.append(Flag(
                check=self.name, severity="warning", code="number-conversion",
                message=(f"translation converts {format_value(prev)} {prev.unit} to {format_value(q)} {q.unit}, "
                         f"which is not the same amount"),
                target_text=q.text, target_span=q.span))
        return True

    def _qualifier(self, a: Quantity, b: Quantity) -> List[Flag]:
        """A bound of the source lost or turned around, an approximation made exact: a warning; a bound or an
        approximation the translation adds, or one said in other words of the same direction: an info."""
        if a.qualifier == b.qualifier or a.kind in _NO_BOUND_KINDS or b.kind in _NO_BOUND_KINDS:
            return []
        if SOFT in (a.salience, b.salience) and a.qualifier is not None and b.qualifier is None:
            return []  # a loose word ("over a decade") carries its qualifier where the extractor cannot see
        da, db = _DIRECTION.get(a.qualifier or ""), _DIRECTION.get(b.qualifier or "")
        src = f"{a.qualifier.replace('-', ' ')} " if a.qualifier else ""
        tgt = f"{b.qualifier.replace('-', ' ')} " if b.qualifier else ""
        if da is not None and db is None:
            # Translators often leave out «نحو» and «حوالي», and «حتى», «يصل إلى» are as often "until" and
            # "reaching" as "up to": an approximation made exact and a lost "up to" are infos.
            what = "the approximation is made exact" if da == "about" else "the bound is lost"
            severity = "info" if da == "about" or a.qualifier == "up-to" else "warning"
            code = "number-bound"
        elif da is not None and db is not None and da != db:
            what, severity, code = "the bound is changed", "warning", "number-bound"
        else:
            what = "the translation adds a qualifier" if da is None else "the same bound in other words"
            severity, code = "info", "number-qualifier"
        return [Flag(
            check=self.name, severity=severity, code=code,
            message=f"source says {src}{_quoted(a)}, translation says {tgt}{_quoted(b)}: {what}",
            source_text=a.text, target_text=b.text, source_span=a.span, target_span=b.span,
            suggestion=f"{src}{_quoted(b)}" if da is not None and da != db else None)]

    def _unit(self, a: Quantity, b: Quantity) -> List[Flag]:
        """The same value with another unit ("mol/L" for «مليمول/لتر», "80" for «80%»): a warning."""
        change = unit_change(a, b)
        if change is None:
            return []
        return [Flag(
            check=self.name, severity="warning", code="number-unit",
            message=f"source says {_quoted(a)} {change[0]}, translation says {_quoted(b)} {change[1]}".replace(
                "  ", " "),
            source_text=a.text, target_text=b.text, source_span=a.span, target_span=b.span)]

    def _duals(self, src_text: str, tgt_text: str, tgt: Sequence[Quantity]) -> List[Flag]:
        """A count of two carried only by the Arabic dual, lost in a singular («بروتيني S» -> "the S protein")."""
        if any(q.value == 2 and q.kind in ("cardinal", "multiplier") for q in tgt):
            return []  # a "two" of the translation may well be the dual's
        return [Flag(
            check=self.name, severity="warning", code="number-dual",
            message=f"source says two ({d.source_text}, a dual), translation says {d.target_text} (one)",
            source_text=d.source_text, target_text=d.target_text, source_span=d.source_span,
            target_span=d.target_span, suggestion=f"two {d.target_text}s")
            for d in lost_duals(src_text, tgt_text)]

    @staticmethod
    def _pseudo(segment: Segment, context: CheckContext) -> Optional[List[Quantity]]:
        refs = context.pseudo_references
        if not refs or segment.index >= len(refs) or not refs[segment.index]:
            return None
        return extract_numbers(refs[segment.index] or "", "en")
