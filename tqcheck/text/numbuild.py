"""Combining tokens into numbers: «ثلاثة وعشرون ألفًا» and "one hundred and twenty-three thousand" are one
value each; phone numbers, numeric dates and slashed pairs are recognised here too.
"""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

from tqcheck.text.numcontext import annotate
from tqcheck.text.numtokens import DIGIT_RUN_RE, HARD, MEDIUM, SOFT, Atom, Raw

_AMPM_RE = re.compile(r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b)", re.I)
_PHONE_RE = re.compile(r"\+?[0-9]{2,5}(?:-[0-9]{2,5}){2,}(?![0-9])|\+?[0-9]{2,5}(?: [0-9]{2,5}){2,}(?![0-9])")
_DATE_RE = re.compile(r"([0-9]{1,4})([/.-])([0-9]{1,2})\2([0-9]{2,4})(?![0-9])")
_SLASH_RE = re.compile(r"([0-9]{1,4})/([0-9]{1,4})(?![0-9/])")
_A_BEFORE_EN = re.compile(r"(?:^|\s)(?:a|an|one)\s+$", re.I)
_ONE_WORD_RE = re.compile(r"\s+[\u0621-\u064a]+\s+")
_STARTERS = frozenset(("D", "U", "UT", "T", "E", "X", "H", "M", "M2", "F", "Z", "O"))


def _conn(norm: str, a_end: int, b: Atom, lang: str) -> Optional[str]:
    """How atom ``b`` is joined to the number that ends at ``a_end``: "" (adjacent), "and", "-", "a", "of"
    or None when something else stands between them."""
    gap = norm[a_end:b.s]
    if lang == "ar":
        if b.wa is None and not gap.strip():
            return "and"
        if b.wa:
            if not gap.strip():
                return "and"
            # «سبعة أيام ونصف»: the half comes after the counted noun
            return "and" if b.t == "F" and _ONE_WORD_RE.fullmatch(gap) else None
        g = gap.strip()
        if not g:
            return ""
        if g == "و":
            return "and"
        return "-" if g in ("-", "–") else None
    if not gap or gap.isspace():
        return ""
    g = gap.strip().lower()
    if g == "-":
        return "-"
    if g == "and":
        return "and"
    if g == "and a":
        return "anda"
    if g in ("a", "an"):
        return "a"
    if g == "of":
        return "of"
    return None


def _build_number(atoms: List[Atom], i: int, norm: str, lang: str) -> Tuple[Raw, int]:
    """Read the longest number that starts at ``atoms[i]``; returns it and the index after it."""
    a = atoms[i]
    ar = lang == "ar"
    total = 0.0
    hund = 0.0     # the hundreds of the current group
    sub = 0.0      # the part under a hundred of the current group
    last = "U" if a.t == "UT" else a.t
    last_mag = float("inf")
    max_mag = 1.0
    has_digits = a.t == "D"
    has_words = a.t != "D"
    alts: Tuple[float, ...] = ()
    kind = a.kind
    unit = a.unit
    frac_only = False

    if a.t == "D":
        if a.mag > 1:
            total, last_mag, max_mag, last = a.v, a.mag, a.mag, "M"
        else:
            sub = a.v
        alts = a.alts
    elif a.t == "H":
        hund = a.v
    elif a.t == "M":
        total, last_mag, max_mag = a.v, a.v, a.v
    elif a.t == "M2":
        total, last_mag, max_mag, last = 2 * a.v, a.v, a.v, "M"
    elif a.t == "F":
        sub, frac_only = a.v, True
    elif a.t == "O":
        sub, kind = a.v, "ordinal"
    else:  # U T E X Z
        sub = a.v
    end = a.e
    j = i + 1
    n = len(atoms)
    while j < n:
        b = atoms[j]
        c = _conn(norm, end, b, lang)
        if c is not None and last == "F" and b.t in ("M", "MP") and b.al and b.v == last_mag and c == "":
            end = b.e  # «مليون ونصف المليون»: the magnitude said again after the half
            j += 1
            continue
        if c is None or (b.al and not a.al):
            break  # «واحد بالمائة» is one percent, not «واحد» times a hundred
        t = "U" if b.t == "UT" else b.t
        ok = False
        if kind == "ordinal":
            # Compound ordinals: «الحادي عشر», «الحادي والعشرين», "twenty-first" is handled below.
            if ar and t == "T" and c == "" and sub < 10:
                sub += 10
                ok = True
            elif ar and t == "X" and c == "and" and sub < 10:
                sub += b.v
                ok = True
            if not ok:
                break
        elif t == "D":
            # «3 ملايين و500 ألف»: digits after a magnitude, joined by و, continue the number
            ok = ar and c == "and" and last == "M" and hund == sub == 0 and b.mag == 1 and b.v < last_mag \
                and b.kind == "cardinal"
            if ok:
                sub, has_digits = b.v, True
        elif t == "U":
            if ar:
                ok = c == "and" and sub == 0 and last in ("H", "M")
            else:
                ok = (sub == 0 and last in ("H", "M") and c in ("", "and")) or \
                     (last == "X" and c in ("", "-") and sub % 10 == 0)
            if ok and b.v == 0:
                ok = False
            if ok:
                sub += b.v
        elif t == "T":
            if ar:
                if last == "U" and c == "" and 0 < sub < 10:
                    sub += 10
                    ok = True
                elif c == "and" and sub == 0 and last in ("H", "M"):
                    sub, ok = 10, True
            else:
                ok = sub == 0 and last in ("H", "M") and c in ("", "and")
                if ok:
                    sub = 10
        elif t == "E":
            ok = not ar and sub == 0 and last in ("H", "M") and c in ("", "and")
            if ok:
                sub = b.v
        elif t == "X":
            if ar:
                ok = c == "and" and ((last == "U" and 0 < sub < 10) or (sub == 0 and last in ("H", "M")))
            else:
                ok = sub == 0 and last in ("H", "M") and c in ("", "and")
            if ok:
                sub += b.v
        elif t == "O":
            # "twenty-first", "one hundred and first"
            if not ar and last in ("X", "H") and c in ("", "-", "and") and b.v < 10 and sub % 10 == 0:
                sub += b.v
                kind = "ordinal"
                ok = True
        elif t == "H":
            if ar:
                if b.v == 100 and last == "U" and c == "" and hund == 0 and 0 < sub < 10:
                    hund, sub, ok = sub * 100, 0, True   # «ثلاث مائة»
                elif c == "and" and hund == 0 and sub == 0 and last == "M":
                    hund, ok = b.v, True
            elif c == "" and hund == 0 and 0 < sub < 100 and last != "M" and not frac_only:
                hund, sub, ok = sub * 100, 0, True
        elif t in ("M", "MP", "MA"):
            g = hund + sub
            if c == "" or (c == "a" and frac_only):
                if g > 0 and b.v < last_mag:
                    total += g * b.v
                    hund = sub = 0
                    last_mag = b.v
                    max_mag = max(max_mag, b.v)
                    ok = True
            elif ar and c == "and" and t == "M" and last == "M" and hund == sub == 0 and b.v <= last_mag:
                total += b.v  # «مليون وألف» is 1,001,000; «مائة ألف وألف» 101,000
                last_mag = b.v
                ok = True
            t = "M"
        elif t == "M2":
            ok = ar and c == "and" and hund == sub == 0 and last == "M" and b.v <= last_mag
            if ok:
                total += 2 * b.v
                last_mag = b.v
            t = "M"
        elif t == "F":
            if b.v == 0.5 and ((ar and c == "and") or (not ar and c == "anda")) and last != "F":
                if last == "M" and hund == sub == 0:
                    total += 0.5 * last_mag
                else:
                    sub += 0.5
                ok = True
        elif t == "FP":
            if c == "" and last == "U":
                sub *= b.v
                kind = "fraction"
                ok = True
        elif t == "Z":
            if c in ("", "a") and (hund + sub) > 0 and last in ("U", "D"):
                sub *= 12
                ok = True
        if not ok:
            break
        has_digits |= b.t == "D"
        has_words |= b.t != "D"
        last = t
        end = b.e
        j += 1

    value = total + hund + sub
    form = "mixed" if has_digits and has_words else ("digits" if has_digits else "words")
    if max_mag > 1 and alts:
        alts = tuple(x * value / a.v for x in alts) if a.v else ()
    if frac_only and value < 1:
        kind = "fraction"
    if kind == "decade":
        sal = SOFT  # "the 2000s" for «القرن الواحد والعشرين»: too loose to flag
    elif has_digits:
        sal = HARD
    elif kind in ("ordinal", "fraction") or value <= 1:
        sal = SOFT
    elif value >= 11 and (j - i > 1 or a.t != "M"):
        sal = HARD
    else:
        sal = MEDIUM
    r = Raw(a.s, end, value, kind, form, sal, alts, unit, max_mag)
    if not ar and a.t in ("M", "H", "Z", "F") and _A_BEFORE_EN.search(norm, max(0, a.s - 5), a.s):
        # "a million", "a dozen", "half a million": the "a" is part of the number
        if a.t == "Z" and j == i + 1:
            r.v = 12.0
        if a.t != "F":
            r.s = norm.rfind(" ", 0, a.s - 1) + 1
    if a.t == "Z" and j == i + 1 and r.v == 12:
        r.sal = SOFT
    return r, j


def combine(atoms: List[Atom], norm: str, lang: str) -> List[Raw]:
    ar = lang == "ar"
    raws: List[Raw] = []
    i, n = 0, len(atoms)
    consumed_to = -1
    while i < n:
        a = atoms[i]
        if a.s < consumed_to:
            i += 1
            continue
        t = a.t
        if t == "D" and a.kind == "cardinal" and a.mag == 1:
            special = _special_digits(atoms, i, norm, lang)
            if special is not None:
                new, i = special
                raws.extend(new)
                consumed_to = new[-1].e if new else consumed_to
                continue
        if t == "UT" and not (i + 1 < n and atoms[i + 1].t == "T" and _conn(norm, a.e, atoms[i + 1], lang) == ""):
            i += 1
            continue
        if t in _STARTERS:
            if t == "O" and not ar and a.v in (2, 3, 4, 5, 10) and _A_BEFORE_EN.search(norm, max(0, a.s - 5), a.s):
                # "a third", "one fifth": a fraction
                r = Raw(a.s, a.e, 1 / a.v, "fraction", "words", SOFT)
                i += 1
            else:
                r, i = _build_number(atoms, i, norm, lang)
                if r.kind == "ordinal" and r.form == "words":
                    # "third" may be anything; «الثالث والستين» is a number a translation keeps
                    r.sal = SOFT if r.v < 11 else MEDIUM
        elif t == "MP" or t == "V":
            r = Raw(a.s, a.e, a.v, "vague", "words", SOFT, mag=a.v)
            i += 1
            # «عشرات الآلاف», "tens of thousands"
            if i < n and atoms[i].t in ("MP", "M") and _conn(norm, a.e, atoms[i], lang) in ("", "of"):
                r.v *= atoms[i].v
                r.e = atoms[i].e
                i += 1
        elif t == "TM":
            r = Raw(a.s, a.e, a.v, "time", "digits", HARD)
            if a.kind == "time" and a.raw:  # "3pm", "9.30pm"
                h = int(a.v) % 12 + (12 if norm[a.e - 2:a.e].lower() == "pm" else 0)
                r.v = h + round((a.v - int(a.v)) * 100) / 60
            else:
                am = _AMPM_RE.match(norm, a.e)
                if am:
                    if am.group().strip().lower().startswith("p") and r.v < 12:
                        r.v += 12
                    r.e = am.end()
            i += 1
        elif t == "C":
            r = Raw(a.s, a.e, a.v, "code", "code", SOFT, a.alts)
            i += 1
        elif t == "N":
            # the Arabic dual of a counted noun is a count; "a couple", "a decade" are loose
            r = Raw(a.s, a.e, a.v, "cardinal", "words", MEDIUM if ar else SOFT)
            i += 1
        elif t == "P":
            r = Raw(a.s, a.e, a.v, "multiplier", "words", SOFT)
            i += 1
        elif t == "W":
            r = Raw(a.s, a.e, a.v, "time", "words", SOFT)
            i += 1
        elif t == "Y":
            r = Raw(a.s, a.e, a.v, "decade", "words", SOFT)
            i += 1
        else:  # FP or anything unexpected alone: not a quantity
            i += 1
            continue
        annotate(r, norm, lang)
        consumed_to = r.e
        raws.append(r)
    return raws


def _special_digits(atoms: List[Atom], i: int, norm: str, lang: str) -> Optional[Tuple[List[Raw], int]]:
    """Phone numbers, numeric dates and slashed pairs, which start at a digits atom."""
    a = atoms[i]
    c = norm[a.e:a.e + 1]
    if c not in "-/. " or not c:
        return None
    s = a.s
    m = _PHONE_RE.match(norm, s)
    if m and (m.group()[0] in "+0" or "-" in m.group() or " 0" in m.group()):
        j = i
        while j < len(atoms) and atoms[j].s < m.end():
            j += 1
        groups = DIGIT_RUN_RE.findall(m.group())
        if len(groups) >= 3:
            # Phone numbers are compared as their groups in any order: Arabic text often shows them reversed
            v = float("1" + "".join(sorted(groups)))
            return [Raw(s, m.end(), v, "phone", "digits", HARD)], j
    m = _DATE_RE.match(norm, s)
    if m:
        p1, p2, p3 = int(m.group(1)), int(m.group(3)), int(m.group(4))
        plausible = (len(m.group(1)) == 4 and 1 <= p2 <= 12 and 1 <= p3 <= 31) or \
                    (p1 <= 31 and p2 <= 31 and (p1 <= 12 or p2 <= 12) and len(m.group(4)) in (2, 4))
        if plausible and (m.group(2) != "." or len(m.group(4)) == 4):
            out = []
            for g in (1, 3, 4):
                gs, ge = m.span(g)
                v = float(m.group(g))
                year = len(m.group(g)) == 4
                out.append(Raw(gs, ge, v, "year" if year else "date", "digits", HARD if year else SOFT))
            j = i
            while j < len(atoms) and atoms[j].s < m.end():
                j += 1
            return out, j
    if c == "/":
        m = _SLASH_RE.match(norm, s)
        if m and i + 1 < len(atoms) and atoms[i + 1].s == m.start(2):
            x, y = int(m.group(1)), int(m.group(2))
            if 1000 <= x <= 2100 and len(m.group(2)) == 2 and y == (x + 1) % 100:
                # "2010/11": a season or a fiscal year, the second year abbreviated
                lo = Raw(m.start(1), m.end(1), float(x), "range_lo", "digits", HARD)
                hi = Raw(m.start(2), m.end(2), float(x + 1), "range_hi", "digits", HARD, (float(y),))
                return [lo, hi], i + 2
            if 1 <= x < y <= 10:
                r = Raw(s, m.end(), x / y, "fraction", "digits", MEDIUM, (float(x), float(y)))
                return [r], i + 2
            # "24/7", "1/1000": two numbers, each of which the translation must keep
            return [Raw(m.start(1), m.end(1), float(x), "cardinal", "digits", HARD),
                    Raw(m.start(2), m.end(2), float(y), "cardinal", "digits", HARD)], i + 2
    return None
