"""Numbers in Arabic and English text, as values with spans into the original text.

``extract_numbers(text, lang)`` finds digits in any of the three scripts (Western, Arabic-Indic, Persian) with
their separators, number words and magnitudes in both languages («سبعين ألف», «مليون ونصف», «ألفين»,
"seventy thousand", "1.5 million", "2.5bn"), percentages, ranges, ordinals, times, years (Hijri ones marked),
the Arabic dual of counted nouns («عامين» = 2), vague plurals («عشرات», "dozens") and identifiers that
contain digits ("COVID-19", "ACE2"), and returns them as ``Quantity`` objects.

The extractor is also an alignment anchor, so it is built for speed: every pattern is compiled at import,
text is normalised with ``str.replace`` and words are looked up in dictionaries. It never raises on any
Unicode string. The work is split in ``numtokens`` (normalisation and tokens), ``numbuild`` (tokens into
numbers), ``numcontext`` (what the surrounding text says) and ``numlex`` (the word tables).

How sure it is that a quantity is a number the translation must keep is in ``Quantity.salience``: ``HARD``
(digits, large number words, magnitudes), ``MEDIUM`` (the words two to ten) and ``SOFT`` (one, ordinal and
fraction words, duals, vague plurals, identifiers), which the number check uses to decide what to flag.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import List, Optional, Tuple

from tqcheck.text.numbuild import combine
from tqcheck.text.numcontext import mark_context
from tqcheck.text.numtokens import HARD, INVISIBLE, MEDIUM, SOFT, normalize_ar, prepare, tokens

Span = Tuple[int, int]

KINDS = ("cardinal", "ordinal", "percent", "year", "hijri", "time", "date", "decade", "century", "fraction",
         "multiplier", "vague", "code", "phone", "range_lo", "range_hi", "reference")
QUALIFIERS = ("more-than", "at-least", "about", "less-than", "up-to")


@dataclass(frozen=True)
class Quantity:
    """A number found in a text.

    Attributes:
        value: what the number means (an ``int`` when it is whole): 70000 for «سبعين ألف», 0.5 for "half",
            12.5 for the time "12:30", 2019 for a year, the last digits for an identifier (19 for COVID-19).
        span: ``[start, end)`` offsets into the original text.
        text: the original text of the span.
        kind: one of ``KINDS``; the two ends of a range are ``range_lo`` and ``range_hi``; ``reference`` is
            the number of a figure, table, equation or citation, or of a term glossed by an identifier.
        qualifier: one of ``QUALIFIERS`` when the text says "more than", «نحو», "up to"...; None otherwise.
        form: ``digits``, ``words``, ``mixed`` ("70 thousand") or ``code``.
        salience: ``HARD``, ``MEDIUM`` or ``SOFT`` (see the module docstring).
        alts: other values the same text may mean: «16.700» is 16.7 or 16,700 in Arabic text; the digits
            of an identifier.
        unit: "%" for percentages, a currency sign or code, or a unit of measure ("km", "mi"), when stated.
        scale: the magnitude word used (1e6 for "1.5 million"); 1 when there is none.
        bracketed: inside brackets right after another number: a conversion or a gloss ("4.5 m (15 ft)").
    """

    value: float
    span: Span
    text: str
    kind: str = "cardinal"
    qualifier: Optional[str] = None
    form: str = "digits"
    salience: int = HARD
    alts: Tuple[float, ...] = ()
    unit: Optional[str] = None
    scale: float = 1.0
    bracketed: bool = False

    @property
    def values(self) -> Tuple[float, ...]:
        """The value and its alternative readings."""
        return (self.value,) + self.alts


def extract_numbers(text: str, lang: str) -> List[Quantity]:
    """Every quantity in ``text``, in order.

    Args:
        text: any string (Arabic or English text; nothing else is assumed).
        lang: ``"ar"`` or ``"en"``: the language whose number words are read. Digits are read in both.

    Returns:
        The quantities, sorted by position, with spans into ``text``.
    """
    if not isinstance(text, str) or not text:
        return []
    lang = "ar" if lang == "ar" else "en"
    norm, npos = prepare(text, lang)
    raws = mark_context(combine(tokens(norm, lang), norm, lang), norm, lang)
    out = []
    for r in raws:
        s, e = _orig_span(r.s, r.e, npos, text)
        out.append(Quantity(
            value=_clean_value(r.v), span=(s, e), text=text[s:e], kind=r.kind, qualifier=r.qual,
            form=r.form, salience=r.sal, alts=tuple(_clean_value(x) for x in r.alts if x != r.v),
            unit=r.unit, scale=r.mag, bracketed=r.bracketed))
    return out


def _clean_value(v: float) -> float:
    if v == v and abs(v) < 1e15:
        rv = round(v, 9)
        if rv == int(rv):
            return int(rv)
        return rv
    return v


def _orig_span(s: int, e: int, npos: Optional[List[int]], text: str) -> Span:
    """Normalised offsets back to the original text; marks after the last letter («ألفًا») are kept in."""
    if npos is None:
        return s, e
    os_ = s + bisect_right(npos, s)
    oe = e + bisect_right(npos, e) if e > s else os_
    while oe > os_ and text[oe - 1] in INVISIBLE:
        oe -= 1
    return os_, oe


__all__ = ["Quantity", "Span", "extract_numbers", "normalize_ar", "HARD", "MEDIUM", "SOFT", "KINDS", "QUALIFIERS"]
