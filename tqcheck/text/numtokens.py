"""The tokens numbers are made of: normalisation, digits (with their separators and suffixes), identifiers,
and number words looked up in the tables of ``tqcheck.text.numlex``.

Text is normalised with offsets kept (``prepare``), then ``tokens`` finds digit runs and number words with
compiled patterns (number words through trie-factored regular expressions, which Python matches far faster than
a flat alternation) and returns ``Atom`` objects in order.
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Tuple

from tqcheck.text import numlex

# How sure the extractor is that a quantity is a number the translation must keep (``Quantity.salience``).
HARD, MEDIUM, SOFT = 2, 1, 0

_DIGITS = {ord(c): str(i % 10) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")}
# Bidi controls, zero-width joiners, soft hyphen, tatweel and Arabic marks: dropped (offsets are kept).
_DROP_CHARS = ("\u200c\u200d\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff\u00ad\u0640"
               "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed")
_DROP_RE = re.compile(f"[{_DROP_CHARS}]")
INVISIBLE = frozenset("\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
                      "\u00ad")
# Spaces that never group digits become plain spaces; the no-break and thin spaces are kept because they
# are thousands separators ("16 700").
_SPACES = {ord(c): " " for c in "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u200a\u200b"
           "\u205f\u3000\t\n\r\x0b\x0c\u0085\u2028\u2029"}
_DIGITS_SPACES = {**_DIGITS, **_SPACES}
_RARE_RE = re.compile("[\u0660-\u0669\u06f0-\u06f9\u2000-\u200b\u205f\u3000\t\n\r\x0b\x0c\u0085\u2028\u2029]")
_EN_REPLACE = (("\u2212", "-"), ("\u2011", "-"), ("\u2010", "-"))
_AR_REPLACE = _EN_REPLACE + (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ئ", "ي"), ("ی", "ي"),
                             ("ک", "ك"), ("ە", "ه"), ("ۀ", "ه"))


def prepare(text: str, lang: str) -> Tuple[str, Optional[List[int]]]:
    """Normalise ``text`` for matching; returns the normalised text and, when characters were dropped, the
    normalised positions of the drops (``None`` when offsets are unchanged).

    Every step keeps the length or is undone by the drop positions, so spans map back to ``text``.
    ``str.replace`` is used rather than one ``str.translate``: it is many times faster on Arabic text.
    """
    norm = text
    for a, b in (_AR_REPLACE if lang == "ar" else _EN_REPLACE):
        if a in norm:
            norm = norm.replace(a, b)
    if _RARE_RE.search(norm):
        norm = norm.translate(_DIGITS_SPACES)
    if not _DROP_RE.search(norm):
        return norm, None
    drops = [m.start() for m in _DROP_RE.finditer(norm)]
    return _DROP_RE.sub("", norm), [d - k for k, d in enumerate(drops)]


def normalize_ar(word: str) -> str:
    """The spelling that Arabic words are looked up in (used to build the word tables)."""
    return prepare(word, "ar")[0] if word else word


EN_WORDS = numlex.english_table()
_AR_WORDS = numlex.arabic_table(normalize_ar)


_A = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3"
# Digits with their separators, the minutes of a time and a glued suffix ("155th", "2.5bn", "3D").
_NUM_RE = re.compile(r"""
 (?P<num>[0-9]+(?:(?:[.,\u066b\u066c\u060c\u00a0\u202f\u2009]|\x20(?=[0-9]{3}(?![0-9])))[0-9]+)*)
 (?::(?P<min>[0-5][0-9])(?::[0-5][0-9])?(?![0-9:]))?
 (?P<suf>[A-Za-z\u00b0\u00b5\u00b2\u00b3]+)?
""", re.X)
_CODE_RE = re.compile(r"[\w-]+(?:\.[\w-]+)*")
_LATIN_RE = re.compile("[A-Za-z]")


def _trie_regex(words: Sequence[str]) -> str:
    """One regular expression for many words, factored as a trie: Python's ``re`` tries the branches of an
    alternation one by one, so a flat list of thousands of words would be slow."""
    trie: Dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: Dict[str, dict]) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


_AR_WORD_RE = re.compile(f"(?<![{_A}])(?:{_trie_regex(list(_AR_WORDS))})(?![{_A}])")
_EN_WORD_RE = re.compile(f"(?<![A-Za-z])(?:{_trie_regex(list(EN_WORDS))})(?![A-Za-z])")
_EN_WORD_RE_I = re.compile(_EN_WORD_RE.pattern, re.I)
_LOWER_PREFIX_RE = re.compile(r"([a-z]+)-([0-9]+)(s?)$")
DIGIT_RUN_RE = re.compile(r"[0-9]+")
_CODE_NUM_RE = re.compile(r"[0-9]+[.,][0-9]+")
CURRENCY_BEFORE_RE = re.compile(r"(?:(?:US|A|C|NZ|HK|S)?[$£€¥₹]|\b(?:USD|EUR|GBP|Rs\.?)\s?)\s?$")
_ORDINAL_SUFFIX = {"st", "nd", "rd", "th"}
_MAG_SUFFIX = {"bn": 1e9, "mn": 1e6, "mln": 1e6, "bln": 1e9, "tn": 1e12, "trn": 1e12, "thousand": 1e3,
               "million": 1e6, "billion": 1e9, "trillion": 1e12}
_MAG_SUFFIX_AFTER_CURRENCY = {"m": 1e6, "b": 1e9, "k": 1e3}
_UNIT_SUFFIX = {
    "km": "km", "kms": "km", "m": "m", "cm": "cm", "mm": "mm", "mi": "mi", "ft": "ft", "in": "in",
    "kg": "kg", "kgs": "kg", "g": "g", "mg": "mg", "mcg": "mcg", "lb": "lb", "lbs": "lb", "oz": "oz",
    "t": "t", "l": "l", "ml": "ml", "h": "h", "hr": "h", "hrs": "h", "min": "min", "mins": "min",
    "sec": "s", "secs": "s", "ms": "ms", "mph": "mph", "kph": "km/h", "kmh": "km/h", "gb": "GB", "mb": "MB",
    "kb": "KB", "tb": "TB", "mhz": "MHz", "ghz": "GHz", "kw": "kW", "mw": "MW", "gw": "GW", "kwh": "kWh",
    "v": "V", "w": "W", "x": "x", "yo": "yo", "k": "k", "days": "d", "day": "d", "yrs": "yr", "yr": "yr",
    "°c": "°C", "°f": "°F", "°": "°", "m²": "m2", "km²": "km2", "µg": "mcg", "µm": "µm", "nm": "nm",
    "ha": "ha", "sqm": "m2", "sqft": "ft2", "pc": "%", "pct": "%",
}


class Atom:
    """A token that is part of a number: digits, a number word, an identifier."""

    __slots__ = ("s", "e", "t", "v", "wa", "al", "alts", "kind", "unit", "mag", "ndec", "raw")

    def __init__(self, s: int, e: int, t: str, v: float, wa: Optional[bool] = False, alts: Tuple[float, ...] = (),
                 kind: str = "cardinal", unit: Optional[str] = None, mag: float = 1.0, ndec: int = 0,
                 raw: str = "", al: bool = False) -> None:
        self.s, self.e, self.t, self.v, self.wa, self.al = s, e, t, v, wa, al
        self.alts, self.kind, self.unit, self.mag, self.ndec, self.raw = alts, kind, unit, mag, ndec, raw


class Raw:
    """A quantity being built, in normalised offsets."""

    __slots__ = ("s", "e", "v", "kind", "form", "sal", "alts", "unit", "mag", "qual", "bracketed", "raw_hi")

    def __init__(self, s: int, e: int, v: float, kind: str = "cardinal", form: str = "digits", sal: int = HARD,
                 alts: Tuple[float, ...] = (), unit: Optional[str] = None, mag: float = 1.0) -> None:
        self.s, self.e, self.v, self.kind, self.form, self.sal = s, e, v, kind, form, sal
        self.alts, self.unit, self.mag = alts, unit, mag
        self.qual: Optional[str] = None
        self.bracketed = False
        self.raw_hi = ""


_MAX_DIGITS = 24  # longer digit runs are identifiers (and int() of huge strings is slow or refused)


def _to_float(digits: str) -> float:
    return float(digits) if len(digits) <= _MAX_DIGITS else float("nan")


def _parse_digits(tok: str, lang: str) -> List[Tuple[int, int, float, Tuple[float, ...], int]]:
    """Read a run of digits and separators; returns ``(start, end, value, alts, decimals)`` pieces (one
    piece unless the separators cannot be read as one number, like "2019 100" or "33,34")."""
    seps = [(m.start(), tok[m.start()]) for m in re.finditer(r"[^0-9]", tok)]
    if not seps:
        return [(0, len(tok), _to_float(tok), (), 0)]
    groups = re.split(r"[^0-9]", tok)
    kinds = [c for _, c in seps]
    thousands_ok = 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    ar = lang == "ar"

    def whole(value: float, alts: Tuple[float, ...] = (), ndec: int = 0):
        return [(0, len(tok), value, alts, ndec)]

    joined = "".join(groups)
    if len(joined) > _MAX_DIGITS:
        return whole(float("nan"))
    if all(c in "\u066c\u00a0\u202f\u2009 " for c in kinds):  # «٬» and spaces only group thousands
        if thousands_ok:
            return whole(float(joined))
    elif len(seps) == 1:
        c = kinds[0]
        int_part, frac = groups
        as_decimal = float(f"{int_part}.{frac}")
        if c in ".\u066b":
            # A point is decimal; in Arabic text «16.700» may also be 16,700 (a European habit).
            if ar and len(frac) == 3 and c == "." and int_part[0] != "0":
                if frac == "000":  # «76.000»: nobody writes a decimal with three zeros
                    return whole(float(int_part + frac))
                return whole(as_decimal, (float(int_part + frac),), len(frac))
            return whole(as_decimal, (), len(frac))
        if c in ",\u060c":
            if len(frac) == 3 and len(int_part) <= 3:
                return whole(float(int_part + frac))
            if ar or (len(frac) <= 2 and len(int_part) <= 3):
                return whole(as_decimal, (), len(frac))  # a decimal comma ("1,5")
    else:
        last = kinds[-1]
        head = kinds[:-1]
        # 1,234,567 / 1.234.567 / 1,234.5 / 1.234,5
        if len(set(kinds)) == 1 and kinds[0] in ",.\u060c" and thousands_ok:
            return whole(float(joined))
        if len(set(head)) == 1 and head[0] != last and last in ".,\u066b" and \
                1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:-1]):
            int_digits = "".join(groups[:-1])
            return whole(float(f"{int_digits}.{groups[-1]}"), (), len(groups[-1]))
    # Not one number: each group on its own (a list such as "33,34" or "2019 100").
    out: List[Tuple[int, int, float, Tuple[float, ...], int]] = []
    pos = 0
    for g in groups:
        if g:
            out.append((pos, pos + len(g), _to_float(g), (), 0))
        pos += len(g) + 1
    return out


def tokens(norm: str, lang: str) -> List[Atom]:
    """The atoms of a normalised text, in order: digits (and identifiers), then number words."""
    atoms: List[Atom] = []
    append = atoms.append
    taken = -1
    for m in _NUM_RE.finditer(norm):
        s = m.start()
        if s < taken:
            continue  # inside an identifier already read
        code = _code_at(norm, s)
        if code is not None:
            taken = code.e
            append(code)
            continue
        if m.group("min") is not None and len(m.group("num")) <= 2 and int(m.group("num")) <= 24:
            append(Atom(s, m.end(), "TM", int(m.group("num")) + int(m.group("min")) / 60, kind="time"))
            continue
        _digit_atoms(norm, m, lang, append)
    n_digits = len(atoms)
    if lang == "ar":
        for m in _AR_WORD_RE.finditer(norm):
            hit = _AR_WORDS[m.group()]
            append(Atom(m.start(), m.end(), hit[0], hit[1], wa=hit[2], al=hit[3]))
    if lang == "en" or _LATIN_RE.search(norm):
        # English number words are read in Arabic text too: a title or a name kept in English
        low = norm.lower()
        found = _EN_WORD_RE.finditer(low) if len(low) == len(norm) else _EN_WORD_RE_I.finditer(norm)
        for m in found:
            hit2 = EN_WORDS[m.group().lower()]
            if lang == "en" or hit2[0] in _EN_IN_AR:
                append(Atom(m.start(), m.end(), hit2[0], hit2[1]))
    if n_digits and len(atoms) > n_digits:
        atoms.sort(key=lambda a: a.s)
    return atoms


def _code_at(norm: str, s: int) -> Optional[Atom]:
    """The identifier that the digits at ``s`` belong to ("ACE2", "COVID-19", «كوفيد-19»), or None."""
    prev = norm[s - 1:s]
    # Digits glued to a Latin letter, or hyphened to any word, make an identifier; glued to an Arabic letter
    # they are a number with a prefix («و49», «الـ155»).
    if not prev or not (prev.isalpha() and prev < "\u0600" or prev == "-" and norm[s - 2:s - 1].isalpha()):
        return None
    start = s - 1
    while start > 0 and (norm[start - 1].isalnum() or norm[start - 1] == "-") and s - start < 40:
        start -= 1
    m = _CODE_RE.match(norm, start)
    if m is None:
        return None
    tok = m.group()
    low = _LOWER_PREFIX_RE.match(tok)
    if low and tok.isascii() and low.group(1).lower() in _WORD_BEFORE_NUMBER:
        # mid-2019, pre-2008, top-10, over-65s: a word and a number, not an identifier
        ds = start + low.start(2)
        return Atom(ds, ds + len(low.group(2)), "D", float(low.group(2)), raw=low.group(2),
                     kind="decade" if low.group(3) else "cardinal")
    runs = [float(r.replace(",", ".")) for r in _CODE_NUM_RE.findall(tok) if len(r) <= _MAX_DIGITS]
    runs += [float(r) for r in DIGIT_RUN_RE.findall(tok) if len(r) <= _MAX_DIGITS]
    if not runs:
        return None
    return Atom(start, m.end(), "C", runs[-1], alts=tuple(runs[:-1]), kind="code", raw=tok)


def _digit_atoms(norm: str, m: "re.Match[str]", lang: str, append) -> None:
    s = m.start("num")
    tok = m.group("num")
    suf = m.group("suf")
    pieces = _parse_digits(tok, lang)
    for k, (ps, pe, v, alts, ndec) in enumerate(pieces):
        a = Atom(s + ps, s + pe, "D", v, alts=alts, ndec=ndec, raw=tok[ps:pe])
        if v != v:  # NaN: too many digits to be a quantity
            a.t, a.kind, a.v = "C", "code", 0.0
        if suf and k == len(pieces) - 1:
            sl = suf.lower()
            a.e = m.end()
            if sl in _ORDINAL_SUFFIX:
                a.kind = "ordinal"
            elif sl == "s":
                a.kind = "decade" if v % 10 == 0 else "cardinal"
            elif sl in ("am", "pm"):
                a.kind = "time"
                a.t = "TM"
            elif sl in _MAG_SUFFIX:
                a.v, a.mag = v * _MAG_SUFFIX[sl], _MAG_SUFFIX[sl]
                a.alts = tuple(x * a.mag for x in alts)
            elif sl in _MAG_SUFFIX_AFTER_CURRENCY and CURRENCY_BEFORE_RE.search(norm, max(0, s - 6), s):
                mag = _MAG_SUFFIX_AFTER_CURRENCY[sl]
                a.v, a.mag, a.alts = v * mag, mag, tuple(x * mag for x in alts)
            elif sl in _UNIT_SUFFIX:
                a.unit = _UNIT_SUFFIX[sl]
                if a.unit == "%":
                    a.kind = "percent"
            else:  # "3D", "5G", "4K": an identifier
                a.t, a.kind, a.raw = "C", "code", m.group()
                a.s = s
        append(a)


# "mid-2019", "pre-2008", "top-10", "over-65s": a word and a number; other lower-case words hyphened to
# digits ("covid-19", "nsp-12") are identifiers, whatever their case.
_WORD_BEFORE_NUMBER = frozenset(
    "mid pre post top over under early late end non anti sub all up after before since circa around about "
    "near first last next past full half aged age year years day days week weeks month months the a an in "
    "of to by at from for type phase class grade stage war category level part chapter volume article tier wave "
    "step round group".split())
_EN_IN_AR = frozenset(("U", "T", "E", "X", "H", "M"))
