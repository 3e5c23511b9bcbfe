"""Numbers in Arabic and English text, as values with spans into the original text.

``extract_numbers(text, lang)`` finds digits in any of the three scripts (Western, Arabic-Indic, Persian) with
their separators, number words and magnitudes in both languages («سبعين ألف», «مليون ونصف», «ألفين»,
"seventy thousand", "1.5 million", "2.5bn"), percentages, ranges, ordinals, times, years (Hijri ones marked),
the Arabic dual of counted nouns («عامين» = 2), vague plurals («عشرات», "dozens") and identifiers that
contain digits ("COVID-19", "ACE2"), and returns them as ``Quantity`` objects.

The extractor is also an alignment anchor, so it is built for speed: every pattern is compiled at import,
text is normalised with ``str.translate`` (one pass) and words are looked up in dictionaries. It never
raises on any Unicode string.

How sure it is that a quantity is a number the translation must keep is in ``Quantity.salience``: ``HARD``
(digits, large number words, magnitudes), ``MEDIUM`` (the words two to ten) and ``SOFT`` (one, ordinal and
fraction words, duals, vague plurals, identifiers), which the number check uses to decide what to flag.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Dict, List, Optional, Sequence, Tuple

from tqcheck.text import numlex

Span = Tuple[int, int]

HARD, MEDIUM, SOFT = 2, 1, 0

KINDS = ("cardinal", "ordinal", "percent", "year", "hijri", "time", "date", "decade", "century", "fraction",
         "multiplier", "vague", "code", "phone", "range_lo", "range_hi")
QUALIFIERS = ("more-than", "at-least", "about", "less-than", "up-to")


@dataclass(frozen=True)
class Quantity:
    """A number found in a text.

    Attributes:
        value: what the number means (an ``int`` when it is whole): 70000 for «سبعين ألف», 0.5 for "half",
            12.5 for the time "12:30", 2019 for a year, the last digits for an identifier (19 for COVID-19).
        span: ``[start, end)`` offsets into the original text.
        text: the original text of the span.
        kind: one of ``KINDS``; the two ends of a range are ``range_lo`` and ``range_hi``.
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


# ---------------------------------------------------------------- normalisation

_DIGITS = {ord(c): str(i % 10) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")}
# Bidi controls, zero-width joiners, soft hyphen, tatweel and Arabic marks: dropped (offsets are kept).
_DROP_CHARS = ("\u200c\u200d\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff\u00ad\u0640"
               "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed")
_DROP_RE = re.compile(f"[{_DROP_CHARS}]")
_INVISIBLE = frozenset("\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
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
# Arabic presentation forms (U+FB50..U+FEFF) are left as they are: NFKC would change the offsets, and readers
# already apply it (``tqcheck.text.normalize.clean_text``).


def _prepare(text: str, lang: str) -> Tuple[str, Optional[List[int]]]:
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
    return _prepare(word, "ar")[0] if word else word


# ---------------------------------------------------------------- word tables

_EN_WORDS = numlex.english_table()
_AR_WORDS = numlex.arabic_table(normalize_ar)

# ---------------------------------------------------------------- patterns

_L = "A-Za-z\u00c0-\u024f\u0370-\u03ff"
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
_EN_WORD_RE = re.compile(f"(?<![A-Za-z])(?:{_trie_regex(list(_EN_WORDS))})(?![A-Za-z])")
_EN_WORD_RE_I = re.compile(_EN_WORD_RE.pattern, re.I)
_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"]+|[\w.+-]+@[\w-]+\.[\w.-]+|(?<!\w)[@#]\w+|<[^<>]{1,200}>")
_LOWER_PREFIX_RE = re.compile(r"([a-z]+)-([0-9]+)(s?)$")
_DIGIT_RUN_RE = re.compile(r"[0-9]+")
_CODE_NUM_RE = re.compile(r"[0-9]+[.,][0-9]+")

_CURRENCY_BEFORE_RE = re.compile(r"(?:(?:US|A|C|NZ|HK|S)?[$£€¥₹]|\b(?:USD|EUR|GBP|Rs\.?)\s?)\s?$")
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

_PCT_EN_RE = re.compile(r"\s?(?:%|٪|per\s?cent\b|pct\b|percentage\s+points?\b)", re.I)
_PCT_AR_RE = re.compile(r"\s?(?:%|٪|[وفب]?(?:بال|في\s?ال|فى\s?ال)ما?ي[ةه](?![\u0621-\u064a])"
                        r"|نقط[ةه]\s+ميوي[ةه]|نقاط\s+ميوي[ةه])")
_HIJRI_AR_RE = re.compile(r"\s?(?:ه|هجري[ةه]?|للهجر[ةه]|من\s+الهجر[ةه])(?![\u0621-\u064a])")
_GREG_AR_RE = re.compile(r"\s?(?:م|ميلادي[ةه]?|للميلاد)(?![\u0621-\u064a])")
_HIJRI_EN_RE = re.compile(r"\s?(?:AH|A\.H\.)(?![A-Za-z])")
_TIME_AFTER_EN_RE = re.compile(
    r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|o’clock|(?:GMT|BST|UTC|EST|EDT|CET|CEST|ET|PT|PST|PDT|IST|"
    r"AEST|JST|local time|hrs)\b)", re.I)
_TIME_AFTER_AR_RE = re.compile(r"\s?(?:صباحا|صباح|مساء|مساءا|ظهرا|عصرا|ليلا|فجرا)(?![\u0621-\u064a])")
_DEFINITE_BEFORE_AR_RE = re.compile(r"(?:^|\s)[وفبل]?(?:ال|لل)[\u0621-\u064a]{2,}\s$")
_CENTURY_BEFORE_AR_RE = re.compile(r"(?:ال|لل)?قرن\s?$")
_CENTURY_AFTER_EN_RE = re.compile(r"[\s-]centur(?:y|ies)\b", re.I)
_TIME_BEFORE_AR_RE = re.compile(r"(?:ال)?ساع[ةه]\s?$")
_EN_COMPOUND_RE = re.compile(
    r"(?<![A-Za-z])(one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred|thousand)-?"
    r"(?:fold|somes?|balls?)(?![A-Za-z])", re.I)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ROMAN_HINT_RE = re.compile(r"(?<![A-Za-z])[IVX]{1,5}(?![A-Za-z0-9])")
_ROMAN_AFTER_NAME = frozenset("II III IV VI VII VIII IX XI XII XIII XIV XV XVI XVII XVIII XIX XX XXI".split())
_ROMAN_CUES = frozenset("type phase class grade stage war category level part chapter volume article tier wave "
                        "schedule title act".split())
_AMPM_RE = re.compile(r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b)", re.I)
_ARTICLE_BEFORE_RE = re.compile(r"(?:^|[^\u0621-\u064a])[وفبك]?(?:ال|لل)\s?$")
_PHONE_RE = re.compile(r"\+?[0-9]{2,5}(?:-[0-9]{2,5}){2,}(?![0-9])|\+?[0-9]{2,5}(?: [0-9]{2,5}){2,}(?![0-9])")
_DATE_RE = re.compile(r"([0-9]{1,4})([/.-])([0-9]{1,2})\2([0-9]{2,4})(?![0-9])")
_SLASH_RE = re.compile(r"([0-9]{1,4})/([0-9]{1,4})(?![0-9/])")
_HMM_RE = re.compile(r"[0-9]{1,2}\.[0-5][0-9]")
_A_BEFORE_EN = re.compile(r"(?:^|\s)(?:a|an|one)\s+$", re.I)

# Qualifiers: the text just before a number (or just after, for «تقريبًا», "or more").
_QUAL_AFTER_EN = re.compile(r"\s?(?P<q>or\s+more|or\s+so|or\s+less|plus|\+)(?![A-Za-z])", re.I)
_QUAL_AFTER_AR = re.compile(r"\s?(?P<q>تقريبا|علي\s+الاقل|فاكثر|او\s+اكثر|فما\s+فوق)(?![\u0621-\u064a])")
_QUAL_CLASS = {
    "more than": "more-than", "over": "more-than", "above": "more-than", "in excess of": "more-than",
    "upwards of": "more-than", "exceeding": "more-than", "greater than": "more-than", "just over": "more-than",
    "or more": "at-least", "plus": "at-least", "+": "at-least",
    "at least": "at-least", "no fewer than": "at-least", "no less than": "at-least",
    "less than": "less-than", "fewer than": "less-than", "under": "less-than", "below": "less-than",
    "just under": "less-than", "or less": "less-than",
    "up to": "up-to", "as many as": "up-to", "as much as": "up-to",
    "اكثر من": "more-than", "ما يزيد عن": "more-than", "ما يزيد علي": "more-than", "يزيد عن": "more-than",
    "يزيد علي": "more-than", "ازيد من": "more-than", "ما يربو علي": "more-than", "ما يربو عن": "more-than",
    "ما لا يقل عن": "at-least", "لا يقل عن": "at-least", "علي الاقل": "at-least", "فاكثر": "at-least",
    "او اكثر": "at-least", "فما فوق": "at-least",
    "اقل من": "less-than", "ما يقل عن": "less-than", "دون": "less-than",
    "ما يصل الي": "up-to", "يصل الي": "up-to", "تصل الي": "up-to", "حتي": "up-to",
}
_QUAL_ABOUT = (
    "about", "around", "approximately", "approx.", "approx", "roughly", "some", "nearly", "almost", "close to",
    "an estimated", "estimated", "circa", "ca.", "ca", "c.", "~",
    "نحو", "حوالي", "قرابة", "قرابه", "زهاء", "ما يقرب من", "ما يقارب", "يقارب", "تقريبا",
)


def _qualifier_table() -> Dict[str, str]:
    """Qualifier phrases that stand before a number, Arabic ones also with a prefix («بأكثر من», «لنحو»)."""
    table = {k: v for k, v in _QUAL_CLASS.items() if k not in ("or more", "plus", "+", "or less", "علي الاقل",
                                                               "فاكثر", "او اكثر", "فما فوق")}
    table.update({k: "about" for k in _QUAL_ABOUT})
    for k, v in list(table.items()):
        if "\u0621" <= k[0] <= "\u064a":
            for p in ("و", "ف", "ب", "ل", "وب", "ول"):
                table.setdefault(p + k, v)
    return table


_QUAL_BEFORE = _qualifier_table()

_RANGE_GAP_EN = re.compile(r"\s*(?:-|–|—|to|and|through)\s*$", re.I)
_RANGE_GAP_AR = re.compile(r"\s*(?:-|–|—|الي|حتي|و|او)\s*$")
_BETWEEN_EN = re.compile(r"(?:between|from)\s+(?:(?:US|A|C)?[$£€¥]\s?)?$", re.I)
_BETWEEN_AR = re.compile(r"(?:بين|من|ما\s+بين)\s*$")
_BRACKET_BEFORE = re.compile(
    r"[(\[]\s*(?:(?:about|approximately|around|roughly|some|nearly|almost|ca\.?|c\.|~|نحو|حوالي|اي)\s*)?"
    r"(?:(?:US|A|C)?[$£€¥]\s?)?$", re.I)

# Units after a number, for the unit conversions that translators add in brackets.
_UNIT_AFTER_EN = re.compile(
    r"\s?-?(?P<u>km/h|kph|mph|km|kilomet(?:er|re)s?|miles?|mi|met(?:er|re)s?|cm|centimet(?:er|re)s?|mm|"
    r"millimet(?:er|re)s?|feet|foot|ft|inch(?:es)?|yards?|kg|kilo(?:gram)?s?|grams?|g|mg|tonnes?|tons?|"
    r"lbs?|pounds?|ounces?|oz|°\s?C|°\s?F|degrees?\s+(?:celsius|centigrade|fahrenheit)|litres?|liters?|"
    r"ml|gallons?|acres?|hectares?|square\s+(?:miles|kilomet(?:er|re)s|met(?:er|re)s|feet)|"
    r"dollars?|euros?|pounds?\s+sterling|yuan|rupees?|dirhams?|riyals?|dinars?)(?![A-Za-z])", re.I)
_UNIT_AFTER_AR = re.compile(
    r"\s?(?P<u>كيلومترا?ت?|كم|ميلا?|اميال|مترا?|امتار|سم|سنتيمترا?ت?|قدما?|اقدام|بوص[ةه]|كيلوغراما?ت?|كيلوجراما?ت?|"
    r"كغ|كجم|غراما?ت?|جراما?ت?|رطلا?|ارطال|طنا?|اطنان|لترا?ت?|درج[ةه]\s+(?:ميوي[ةه]|فهرنهايت)|درجات|درج[ةه]|"
    r"دولارا?ت?|جنيها?ت?|يورو|يوان|روبي[ةه]|درهما?|دراهم|ريالا?ت?|دينارا?|دنانير|هكتارا?ت?|فدانا?)"
    r"(?![\u0621-\u064a])")
_UNIT_CANON = {
    "km": "km", "kilometer": "km", "kilometre": "km", "كيلومتر": "km", "كم": "km",
    "mile": "mi", "mi": "mi", "ميل": "mi", "اميال": "mi",
    "meter": "m", "metre": "m", "متر": "m", "امتار": "m",
    "cm": "cm", "centimeter": "cm", "centimetre": "cm", "سم": "cm", "سنتيمتر": "cm",
    "mm": "mm", "millimeter": "mm", "millimetre": "mm",
    "feet": "ft", "foot": "ft", "ft": "ft", "قدم": "ft", "اقدام": "ft",
    "inch": "in", "inche": "in", "بوص": "in", "yard": "yd",
    "kg": "kg", "kilo": "kg", "kilogram": "kg", "كيلوغرام": "kg", "كيلوجرام": "kg", "كغ": "kg", "كجم": "kg",
    "gram": "g", "g": "g", "غرام": "g", "جرام": "g", "mg": "mg",
    "tonne": "t", "ton": "t", "طن": "t", "اطنان": "t",
    "lb": "lb", "pound": "lb", "رطل": "lb", "ارطال": "lb", "ounce": "oz", "oz": "oz",
    "°c": "°C", "°f": "°F", "degree celsius": "°C", "degree centigrade": "°C", "degree fahrenheit": "°F",
    "درج ميوي": "°C", "درج فهرنهايت": "°F",
    "litre": "l", "liter": "l", "لتر": "l", "ml": "ml", "gallon": "gal",
    "acre": "acre", "hectare": "ha", "هكتار": "ha", "فدان": "feddan",
    "km/h": "km/h", "kph": "km/h", "mph": "mph",
    "dollar": "$", "دولار": "$", "euro": "€", "يورو": "€", "pound sterling": "£", "جنيه": "£",
    "yuan": "CNY", "يوان": "CNY", "rupee": "INR", "dirham": "AED", "درهم": "AED", "دراهم": "AED",
    "riyal": "SAR", "ريال": "SAR", "dinar": "dinar", "دينار": "dinar", "دنانير": "dinar",
}


# ---------------------------------------------------------------- atoms

class _Atom:
    """A token that is part of a number: digits, a number word, an identifier."""

    __slots__ = ("s", "e", "t", "v", "wa", "al", "alts", "kind", "unit", "mag", "ndec", "raw")

    def __init__(self, s: int, e: int, t: str, v: float, wa: bool = False, alts: Tuple[float, ...] = (),
                 kind: str = "cardinal", unit: Optional[str] = None, mag: float = 1.0, ndec: int = 0,
                 raw: str = "", al: bool = False) -> None:
        self.s, self.e, self.t, self.v, self.wa, self.al = s, e, t, v, wa, al
        self.alts, self.kind, self.unit, self.mag, self.ndec, self.raw = alts, kind, unit, mag, ndec, raw


class _Raw:
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
    out, pos = [], 0
    for g in groups:
        if g:
            out.append((pos, pos + len(g), _to_float(g), (), 0))
        pos += len(g) + 1
    return out


def _tokens(norm: str, lang: str) -> List[_Atom]:
    """The atoms of a normalised text, in order: digits (and identifiers), then number words."""
    atoms: List[_Atom] = []
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
            append(_Atom(s, m.end(), "TM", int(m.group("num")) + int(m.group("min")) / 60, kind="time"))
            continue
        _digit_atoms(norm, m, lang, append)
    n_digits = len(atoms)
    if lang == "ar":
        for m in _AR_WORD_RE.finditer(norm):
            hit = _AR_WORDS[m.group()]
            append(_Atom(m.start(), m.end(), hit[0], hit[1], wa=hit[2], al=hit[3]))
    if lang == "en" or _LATIN_RE.search(norm):
        # English number words are read in Arabic text too: a title or a name kept in English
        low = norm.lower()
        found = _EN_WORD_RE.finditer(low) if len(low) == len(norm) else _EN_WORD_RE_I.finditer(norm)
        for m in found:
            hit2 = _EN_WORDS[m.group().lower()]
            if lang == "en" or hit2[0] in _EN_IN_AR:
                append(_Atom(m.start(), m.end(), hit2[0], hit2[1]))
    if n_digits and len(atoms) > n_digits:
        atoms.sort(key=lambda a: a.s)
    return atoms


def _code_at(norm: str, s: int) -> Optional[_Atom]:
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
    if low and tok.isascii() and not low.group(1).isupper():
        # mid-2019, pre-2008, top-10, over-65s: a word and a number, not an identifier
        ds = start + low.start(2)
        return _Atom(ds, ds + len(low.group(2)), "D", float(low.group(2)), raw=low.group(2),
                     kind="decade" if low.group(3) else "cardinal")
    runs = [float(r.replace(",", ".")) for r in _CODE_NUM_RE.findall(tok) if len(r) <= _MAX_DIGITS]
    runs += [float(r) for r in _DIGIT_RUN_RE.findall(tok) if len(r) <= _MAX_DIGITS]
    if not runs:
        return None
    return _Atom(start, m.end(), "C", runs[-1], alts=tuple(runs[:-1]), kind="code", raw=tok)


def _digit_atoms(norm: str, m: "re.Match[str]", lang: str, append) -> None:
    s = m.start("num")
    tok = m.group("num")
    suf = m.group("suf")
    pieces = _parse_digits(tok, lang)
    for k, (ps, pe, v, alts, ndec) in enumerate(pieces):
        a = _Atom(s + ps, s + pe, "D", v, alts=alts, ndec=ndec, raw=tok[ps:pe])
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
            elif sl in _MAG_SUFFIX_AFTER_CURRENCY and _CURRENCY_BEFORE_RE.search(norm, max(0, s - 6), s):
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


# ---------------------------------------------------------------- combining atoms into numbers

_EN_IN_AR = frozenset(("U", "T", "E", "X", "H", "M"))
_ONE_WORD_RE = re.compile(r"\s+[\u0621-\u064a]+\s+")
_STARTERS = frozenset(("D", "U", "UT", "T", "E", "X", "H", "M", "M2", "F", "Z", "O"))


def _conn(norm: str, a_end: int, b: _Atom, lang: str) -> Optional[str]:
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


def _build_number(atoms: List[_Atom], i: int, norm: str, lang: str) -> Tuple[_Raw, int]:
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
    r = _Raw(a.s, end, value, kind, form, sal, alts, unit, max_mag)
    if not ar and a.t in ("M", "H", "Z", "F") and _A_BEFORE_EN.search(norm, max(0, a.s - 5), a.s):
        # "a million", "a dozen", "half a million": the "a" is part of the number
        if a.t == "Z" and j == i + 1:
            r.v = 12.0
        if a.t != "F":
            r.s = norm.rfind(" ", 0, a.s - 1) + 1
    if a.t == "Z" and j == i + 1 and r.v == 12:
        r.sal = SOFT
    return r, j


# ---------------------------------------------------------------- the extractor

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
    norm, npos = _prepare(text, lang)
    atoms = _tokens(norm, lang)
    if not atoms and not (lang == "en" and (_ROMAN_HINT_RE.search(norm) or _EN_COMPOUND_RE.search(norm))):
        return []
    raws = _combine(atoms, norm, lang)
    if lang == "en" and _ROMAN_HINT_RE.search(norm):
        raws = _add_roman(raws, norm)
    if lang == "en" and _EN_COMPOUND_RE.search(norm):
        raws = _add_compounds(raws, norm)
    if not raws:
        return []
    _mark_ranges(raws, norm, lang)
    _mark_brackets(raws, norm)
    if "@" in norm or "://" in norm or "www." in norm or "#" in norm or "<" in norm:
        _mark_urls(raws, norm)
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
    while oe > os_ and text[oe - 1] in _INVISIBLE:
        oe -= 1
    return os_, oe


def _combine(atoms: List[_Atom], norm: str, lang: str) -> List[_Raw]:
    ar = lang == "ar"
    raws: List[_Raw] = []
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
                r = _Raw(a.s, a.e, 1 / a.v, "fraction", "words", SOFT)
                i += 1
            else:
                r, i = _build_number(atoms, i, norm, lang)
                if r.kind == "ordinal" and r.form == "words":
                    # "third" may be anything; «الثالث والستين» is a number a translation keeps
                    r.sal = SOFT if r.v < 11 else MEDIUM
        elif t == "MP" or t == "V":
            r = _Raw(a.s, a.e, a.v, "vague", "words", SOFT, mag=a.v)
            i += 1
            # «عشرات الآلاف», "tens of thousands"
            if i < n and atoms[i].t in ("MP", "M") and _conn(norm, a.e, atoms[i], lang) in ("", "of"):
                r.v *= atoms[i].v
                r.e = atoms[i].e
                i += 1
        elif t == "TM":
            r = _Raw(a.s, a.e, a.v, "time", "digits", HARD)
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
            r = _Raw(a.s, a.e, a.v, "code", "code", SOFT, a.alts)
            i += 1
        elif t == "N":
            # the Arabic dual of a counted noun is a count; "a couple", "a decade" are loose
            r = _Raw(a.s, a.e, a.v, "cardinal", "words", MEDIUM if ar else SOFT)
            i += 1
        elif t == "P":
            r = _Raw(a.s, a.e, a.v, "multiplier", "words", SOFT)
            i += 1
        elif t == "W":
            r = _Raw(a.s, a.e, a.v, "time", "words", SOFT)
            i += 1
        elif t == "Y":
            r = _Raw(a.s, a.e, a.v, "decade", "words", SOFT)
            i += 1
        else:  # FP or anything unexpected alone: not a quantity
            i += 1
            continue
        _annotate(r, norm, lang)
        consumed_to = r.e
        raws.append(r)
    return raws


def _special_digits(atoms: List[_Atom], i: int, norm: str, lang: str) -> Optional[Tuple[List[_Raw], int]]:
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
        groups = _DIGIT_RUN_RE.findall(m.group())
        if len(groups) >= 3:
            # Phone numbers are compared as their groups in any order: Arabic text often shows them reversed
            v = float("1" + "".join(sorted(groups)))
            return [_Raw(s, m.end(), v, "phone", "digits", HARD)], j
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
                out.append(_Raw(gs, ge, v, "year" if year else "date", "digits", HARD if year else SOFT))
            j = i
            while j < len(atoms) and atoms[j].s < m.end():
                j += 1
            return out, j
    if c == "/":
        m = _SLASH_RE.match(norm, s)
        if m and i + 1 < len(atoms) and atoms[i + 1].s == m.start(2):
            x, y = int(m.group(1)), int(m.group(2))
            if 1 <= x < y <= 10:
                r = _Raw(s, m.end(), x / y, "fraction", "digits", MEDIUM, (float(x), float(y)))
                return [r], i + 2
            # "24/7", "1/1000": two numbers, each of which the translation must keep
            return [_Raw(m.start(1), m.end(1), float(x), "cardinal", "digits", HARD),
                    _Raw(m.start(2), m.end(2), float(y), "cardinal", "digits", HARD)], i + 2
    return None


def _annotate(r: _Raw, norm: str, lang: str) -> None:
    """Percent, year, Hijri, time, ordinal, currency, unit and qualifier: read off the text around a number."""
    ar = lang == "ar"
    e = r.e
    if ar and r.form == "words" and r.kind == "cardinal" and r.v >= 11 and norm.startswith("ال", r.s) and \
            _DEFINITE_BEFORE_AR_RE.search(norm, max(0, r.s - 20), r.s):
        # A definite number after a definite noun is an ordinal: «الذكرى الخمسين» is the 50th anniversary
        r.kind, r.sal = "ordinal", MEDIUM
    if r.kind in ("ordinal", "cardinal") and r.v == int(r.v) and 1 <= r.v <= 30:
        if ar and _CENTURY_BEFORE_AR_RE.search(norm, max(0, r.s - 10), r.s) or \
                not ar and _CENTURY_AFTER_EN_RE.match(norm, e):
            r.kind = "century"  # «القرن التاسع عشر», «القرن 19», "the 19th century"
    if r.kind in ("cardinal", "ordinal") or (r.kind == "fraction" and r.form == "digits"):
        m = (_PCT_AR_RE if ar else _PCT_EN_RE).match(norm, e)
        if m is None and ar:
            m = _PCT_EN_RE.match(norm, e)
        if m:
            r.kind, r.unit, r.e = "percent", "%", m.end()
            e = r.e
    if r.unit == "%" and r.kind == "cardinal":
        r.kind = "percent"
    if r.kind == "cardinal" and r.form == "digits":
        iv = r.v
        if ar:
            m = _HIJRI_AR_RE.match(norm, e)
            if m and iv == int(iv) and 1 <= iv <= 1600:
                r.kind, r.e = "hijri", m.end()
                e = r.e
            elif 1000 <= iv <= 2100 and iv == int(iv) and not r.alts and not _UNIT_AFTER_AR.match(norm, e):
                r.kind = "year"
                m = _GREG_AR_RE.match(norm, e)
                if m:
                    r.e = e = m.end()
            if r.kind == "cardinal" and iv < 25 and (_TIME_BEFORE_AR_RE.search(norm, max(0, r.s - 8), r.s)
                                                     or _TIME_AFTER_AR_RE.match(norm, e)):
                r.kind = "time"
                if _HMM_RE.fullmatch(norm, r.s, r.e):
                    r.v = int(iv) + round((iv - int(iv)) * 100) / 60  # «7.55 صباحًا»
            elif r.kind == "cardinal" and _ARTICLE_BEFORE_RE.search(norm, max(0, r.s - 6), r.s):
                r.kind = "ordinal"  # «الـ155»
        else:
            m = _HIJRI_EN_RE.match(norm, e)
            if m and iv == int(iv):
                r.kind, r.e = "hijri", m.end()
                e = r.e
            elif 1000 <= iv <= 2100 and iv == int(iv) and r.mag == 1 and not _UNIT_AFTER_EN.match(norm, e) \
                    and "," not in norm[r.s:r.e]:
                r.kind = "year"
            else:
                m = _TIME_AFTER_EN_RE.match(norm, e)
                if m and iv < 25:
                    r.kind, r.e = "time", m.end()
                    frac = round((iv - int(iv)) * 100)
                    if frac and frac < 60 and frac == round((iv - int(iv)) * 100, 6):
                        r.v = int(iv) + frac / 60   # "9.30 BST" is half past nine
                    if m.group().strip().lower().startswith("p") and r.v < 12:
                        r.v += 12
                    e = r.e
        if r.kind == "cardinal" and r.unit is None and 0 < iv < 25 and _HMM_RE.fullmatch(norm, r.s, r.e):
            r.alts = r.alts + (int(iv) + round((iv - int(iv)) * 100) / 60,)  # "12.30" may be a time
    # currency and units, for messages and unit conversions
    if r.unit is None and r.kind in ("cardinal", "range_lo", "range_hi"):
        if not ar and _CURRENCY_BEFORE_RE.search(norm, max(0, r.s - 6), r.s):
            mc = _CURRENCY_BEFORE_RE.search(norm, max(0, r.s - 6), r.s)
            r.unit = _currency(mc.group())
        else:
            mu = (_UNIT_AFTER_AR if ar else _UNIT_AFTER_EN).match(norm, e)
            if mu:
                r.unit = _unit(mu.group("u"))
    r.qual = _qualifier_before(norm, r.s)
    if r.qual is None:
        qm = (_QUAL_AFTER_AR if ar else _QUAL_AFTER_EN).match(norm, e)
        if qm is not None:
            r.qual = _QUAL_CLASS.get(" ".join(qm.group("q").lower().split()), "about")


def _qualifier_before(norm: str, s: int) -> Optional[str]:
    """"more than", «نحو», "up to"... just before position ``s`` (a currency sign may stand between)."""
    w = norm[max(0, s - 28):s].rstrip()
    if w[-1:] in ("$", "£", "€", "¥"):
        w = w[:-1].rstrip()
        if w[-2:] == "US":
            w = w[:-2]
    if not w:
        return None
    if w[-1] in "~≈":
        return "about"
    if w[-1] in "<≤":
        return "less-than"
    if w[-1] in ">≥":
        return "more-than" if w[-1] == ">" else "at-least"
    words = w.lower().split()[-3:]
    for k in (3, 2, 1):
        if len(words) >= k:
            q = _QUAL_BEFORE.get(" ".join(words[-k:]))
            if q is not None:
                return q
    return None


def _currency(s: str) -> str:
    s = s.strip().upper()
    for sym, code in (("$", "$"), ("£", "£"), ("€", "€"), ("¥", "¥"), ("₹", "INR"), ("USD", "$"),
                      ("EUR", "€"), ("GBP", "£"), ("RS", "INR")):
        if sym in s:
            return code
    return s


def _unit(u: str) -> str:
    k = re.sub(r"\s+", " ", u.lower())
    for cand in (k, k.rstrip("s"), k[:-2] if k.endswith("es") else k, k.rstrip("اتا"), k.rstrip("ا"),
                 k.replace("ة", "").replace("ه", "")):
        if cand in _UNIT_CANON:
            return _UNIT_CANON[cand]
    if k.startswith("°") or k.startswith("degree"):
        return "°F" if "f" in k else "°C"
    if k.startswith("square"):
        return "area"
    if k.startswith("درج"):
        return "°C" if "ميوي" in k else "°"
    return k


_NOT_RANGE = frozenset(("code", "phone", "time", "date", "hijri", "vague", "century", "decade"))


def _mark_ranges(raws: List[_Raw], norm: str, lang: str) -> None:
    """Mark the two ends of ranges ("5-7", «من 5 إلى 7») and share a magnitude or a percent sign written
    once: "5 to 7 million" is 5,000,000 to 7,000,000."""
    ar = lang == "ar"
    gap_re = _RANGE_GAP_AR if ar else _RANGE_GAP_EN
    for k in range(len(raws) - 1):
        lo, hi = raws[k], raws[k + 1]
        if lo.kind in _NOT_RANGE or hi.kind in _NOT_RANGE:
            continue
        gap = norm[lo.e:hi.s]
        if len(gap) > 12 or not gap_re.match(gap + ""):
            continue
        g = gap.strip().lower()
        needs_between = g in ("and", "و", "او")
        if needs_between or g in ("to", "الي", "حتي", "through"):
            before = (_BETWEEN_AR if ar else _BETWEEN_EN).search(norm, max(0, lo.s - 12), lo.s)
            if needs_between and before is None:
                continue
        lo_v, hi_v = lo.v, hi.v
        # "2007-08": an abbreviated second year
        if lo.kind == "year" and hi.form == "digits" and 0 <= hi_v < 100 and hi.e - hi.s == 2 and \
                hi_v > lo_v % 100:
            hi.v = hi_v = lo_v // 100 * 100 + hi_v
            hi.kind = "year"
            lo.kind, hi.kind = "range_lo", "range_hi"
            continue
        if hi.mag > 1 and lo.mag == 1 and lo.form != "code" and lo_v * hi.mag <= hi_v:
            lo.v = lo_v = lo_v * hi.mag
            lo.mag = hi.mag
            lo.alts = ()
        if hi.kind == "percent" and lo.kind == "cardinal":
            lo.unit = "%"
        if lo.unit is None and hi.unit is not None:
            lo.unit = hi.unit
        if lo_v < hi_v and lo.kind in ("cardinal", "percent", "year") and hi.kind in ("cardinal", "percent",
                                                                                      "year"):
            if lo.qual is None and hi.qual is None or True:
                lo.kind, hi.kind = "range_lo", "range_hi"


def _mark_brackets(raws: List[_Raw], norm: str) -> None:
    """A number in brackets right after another number is a conversion or a gloss: "4.5 m (15 ft)"."""
    for k in range(1, len(raws)):
        r = raws[k]
        if r.s == 0 or "(" not in norm[max(0, r.s - 30):r.s] and "[" not in norm[max(0, r.s - 30):r.s]:
            continue
        m = _BRACKET_BEFORE.search(norm, max(0, r.s - 30), r.s)
        if m is None:
            continue
        prev = raws[k - 1]
        between = norm[prev.e:m.start()]
        if len(between) <= 30 and "(" not in between and ")" not in between and "," not in between:
            r.bracketed = True


def _roman(s: str) -> int:
    total, prev = 0, 0
    for ch in reversed(s):
        v = _ROMAN_VALUES[ch]
        total += -v if v < prev else v
        prev = max(prev, v)
    return total


def _add_roman(raws: List[_Raw], norm: str) -> List[_Raw]:
    """Roman numerals ("type II", "World War II", "angiotensin II"): soft ordinals, so that the «2» of the
    Arabic pairs with them."""
    found = []
    for m in _ROMAN_HINT_RE.finditer(norm):
        tok, s = m.group(), m.start()
        sep = norm[s - 1:s]
        if sep not in (" ", "-"):
            continue
        before = norm[max(0, s - 12):s - 1].split()
        prev = before[-1] if before else ""
        cue = prev.lower().rsplit("-", 1)[-1] in _ROMAN_CUES
        if not (cue or tok in _ROMAN_AFTER_NAME and sep == " " and prev[-1:].isalpha()):
            continue
        v = _roman(tok)
        if v and not any(r.s <= s < r.e for r in raws):
            found.append(_Raw(s, m.end(), float(v), "ordinal", "words", SOFT))
    if not found:
        return raws
    return sorted(raws + found, key=lambda r: r.s)


def _add_compounds(raws: List[_Raw], norm: str) -> List[_Raw]:
    """Words built on a number ("fourballs", "threefold", "foursome"): soft, they pair with the number of
    the Arabic («الأربع كرات») and are never flagged."""
    found = [_Raw(m.start(1), m.end(), float(_EN_WORDS[m.group(1).lower()][1]), "multiplier", "words", SOFT)
             for m in _EN_COMPOUND_RE.finditer(norm)]
    return sorted(raws + found, key=lambda r: r.s) if found else raws


def _mark_urls(raws: List[_Raw], norm: str) -> None:
    spans = [m.span() for m in _URL_RE.finditer(norm)]
    if not spans:
        return
    for r in raws:
        for s, e in spans:
            if s <= r.s < e:
                r.kind, r.form, r.sal = "code", "code", SOFT


def quantities(text: str, lang: str, kinds: Sequence[str] = ()) -> List[Quantity]:
    """``extract_numbers`` keeping only the given kinds (all when ``kinds`` is empty)."""
    qs = extract_numbers(text, lang)
    return [q for q in qs if q.kind in kinds] if kinds else qs


def with_value(q: Quantity, value: float) -> Quantity:
    """A copy of ``q`` with another value (used by tests and by callers that rescale)."""
    return replace(q, value=value)


__all__ = ["Quantity", "extract_numbers", "quantities", "HARD", "MEDIUM", "SOFT", "KINDS", "QUALIFIERS",
           "normalize_ar"]
_ = Dict  # typing re-export guard
