"""The number words of Arabic and English, as tables the extractor looks words up in.

Each table maps a surface form (Arabic in the normalised spelling of ``numbers.normalize_ar``: plain alef,
ي for ى and ئ, no diacritics; English lower-case) to ``(type, value)``. The types are:

``U`` unit 0..9 (``UT`` a unit that only counts before «عشر»), ``T`` ten (10, and the «عشر» of Arabic teens),
``E`` English teen 11..19, ``X`` tens 20..90,
``H`` hundreds (English "hundred" multiplies; Arabic «مائة», «ثلاثمائة» are values), ``M`` magnitude
(singular), ``M2`` Arabic dual magnitude («ألفين» = 2,000), ``MA`` a magnitude in the accusative («ألفًا»,
«مليونًا»), which counts only after a number (alone «ألفا» is "alpha"), ``MP`` plural magnitude («آلاف», "thousands":
multiplies after a number, a vague quantity alone), ``F`` fraction, ``FP`` plural fraction («أرباع», "thirds"),
``O`` ordinal word, ``N`` a counted noun in the Arabic dual («عامين» = two years), ``P`` multiplier ("twice"),
``V`` vague plural («عشرات», "dozens"), ``Z`` dozen, ``Y`` decade word, ``W`` time word ("noon").
"""

from __future__ import annotations

from typing import Dict, Iterable, Optional, Tuple

Entry = Tuple[str, float]

# ---------------------------------------------------------------- Arabic
# Written in ordinary spelling; ``arabic_table`` normalises, adds the prefixes and the ة/ه variants.

_AR_BASE: Dict[str, Entry] = {
    "صفر": ("U", 0),
    "واحد": ("U", 1), "واحدة": ("U", 1), "أحد": ("U", 1), "إحدى": ("U", 1),
    "اثنان": ("U", 2), "اثنين": ("U", 2), "اثنتان": ("U", 2), "اثنتين": ("U", 2),
    # the construct forms of 12 stand only before «عشر»: alone «اثني» is also «أثنى» ("he praised")
    "اثنا": ("UT", 2), "اثني": ("UT", 2), "اثنتا": ("UT", 2), "اثنتي": ("UT", 2), "ثنتان": ("U", 2), "ثنتين": ("U", 2),
    "ثلاث": ("U", 3), "ثلاثة": ("U", 3), "أربع": ("U", 4), "أربعة": ("U", 4),
    "خمس": ("U", 5), "خمسة": ("U", 5), "ست": ("U", 6), "ستة": ("U", 6),
    "سبع": ("U", 7), "سبعة": ("U", 7), "ثمان": ("U", 8), "ثماني": ("U", 8), "ثمانية": ("U", 8),
    "تسع": ("U", 9), "تسعة": ("U", 9),
    # the accusative with tanween: «ثلاثًا», «واحدًا»
    "واحدا": ("U", 1), "ثلاثا": ("U", 3), "أربعا": ("U", 4), "خمسا": ("U", 5), "ستا": ("U", 6),
    "سبعا": ("U", 7), "ثمانيا": ("U", 8), "تسعا": ("U", 9), "عشرا": ("T", 10),
    "عشر": ("T", 10), "عشرة": ("T", 10),
    "عشرون": ("X", 20), "عشرين": ("X", 20), "ثلاثون": ("X", 30), "ثلاثين": ("X", 30),
    "أربعون": ("X", 40), "أربعين": ("X", 40), "خمسون": ("X", 50), "خمسين": ("X", 50),
    "ستون": ("X", 60), "ستين": ("X", 60), "سبعون": ("X", 70), "سبعين": ("X", 70),
    "ثمانون": ("X", 80), "ثمانين": ("X", 80), "تسعون": ("X", 90), "تسعين": ("X", 90),
    "مائة": ("H", 100), "مئة": ("H", 100),
    "مائتان": ("H", 200), "مائتين": ("H", 200), "مئتان": ("H", 200), "مئتين": ("H", 200),
    "مائتا": ("H", 200), "مائتي": ("H", 200),  # not «مئتا»: normalised it is «ميتا» ("dead")
    **{u + h: ("H", v * 100) for u, v in (("ثلاث", 3), ("أربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7),
                                           ("ثمان", 8), ("ثماني", 8), ("تسع", 9)) for h in ("مائة", "مئة")},
    "ألف": ("M", 1e3), "ألفا": ("MA", 1e3), "ألفان": ("M2", 1e3), "ألفين": ("M2", 1e3), "ألفي": ("M2", 1e3),
    "آلاف": ("MP", 1e3), "ألوف": ("MP", 1e3),
    "مليون": ("M", 1e6), "مليونا": ("MA", 1e6), "مليونان": ("M2", 1e6), "مليونين": ("M2", 1e6),
    "مليوني": ("M2", 1e6),
    "ملايين": ("MP", 1e6),
    "مليار": ("M", 1e9), "مليارا": ("MA", 1e9), "ملياران": ("M2", 1e9), "مليارين": ("M2", 1e9),
    "ملياري": ("M2", 1e9),
    "مليارات": ("MP", 1e9),
    "بليون": ("M", 1e9), "بليونا": ("MA", 1e9), "بليونان": ("M2", 1e9), "بليونين": ("M2", 1e9),
    "بلايين": ("MP", 1e9),
    "تريليون": ("M", 1e12), "تريليونا": ("MA", 1e12), "تريليونات": ("MP", 1e12),
    "نصف": ("F", 0.5), "ثلث": ("F", 1 / 3), "ربع": ("F", 0.25), "ثلثا": ("F", 2 / 3), "ثلثي": ("F", 2 / 3),
    "أرباع": ("FP", 0.25), "أثلاث": ("FP", 1 / 3),
    "أول": ("O", 1), "أولى": ("O", 1), "ثاني": ("O", 2), "ثالث": ("O", 3), "ثالثة": ("O", 3),
    "رابع": ("O", 4), "رابعة": ("O", 4), "خامس": ("O", 5), "خامسة": ("O", 5), "سادس": ("O", 6),
    "سادسة": ("O", 6), "سابع": ("O", 7), "سابعة": ("O", 7), "ثامن": ("O", 8), "ثامنة": ("O", 8),
    "تاسع": ("O", 9), "تاسعة": ("O", 9), "عاشر": ("O", 10), "عاشرة": ("O", 10),
    "حادي": ("O", 1), "حادية": ("O", 1),
    "عشرات": ("V", 10), "مئات": ("V", 100),
    "ضعف": ("P", 2), "ضعفي": ("P", 2), "ضعفين": ("P", 2), "ضعفان": ("P", 2),
}

# Ordinals only recognised with the article: without it «ثانية» is "a second" (of time).
_AR_ARTICLE_ONLY: Dict[str, Entry] = {"ثانية": ("O", 2)}

# Forms never read with the article: «الأحد» is Sunday, «الاثنين» Monday, and "the two" is "both".
_AR_NO_ARTICLE = {"أحد", "اثنين", "اثنان", "اثنتان", "اثنتين", "واحدا", "ثلاثا", "أربعا", "خمسا", "ستا", "سبعا",
                  "ثمانيا", "تسعا", "عشرا", "ألفا", "مليونا", "مليارا", "بليونا", "تريليونا"}

# Nouns whose dual is common in counts: «عامين» = two years. Feminine nouns end in ة (dual ـتان/ـتين).
# Left out: nouns whose plural is sound masculine (ـين), since «لاعبين» is "players" as often as "two players";
# nouns whose plural ends in ـان («بلدان» is "countries"); nouns whose dual usually means "both" («الطرفين»).
_AR_DUAL_NOUNS = (
    "عام", "يوم", "شهر", "أسبوع", "قرن", "عقد", "سنة", "ساعة", "دقيقة", "ليلة", "مرة", "شخص", "رجل", "طفل",
    "ولد", "ابن", "ابنة", "امرأة", "فتاة", "جندي", "هدف", "فريق", "شوط", "مباراة", "جولة", "نقطة",
    "دولة", "مدينة", "قرية", "جزء", "نوع", "حزب", "صاروخ", "طائرة", "سيارة", "سفينة",
    "قضية", "دراسة", "مرحلة", "جرعة", "فترة", "كلمة", "شركة", "مستشفى", "مريض", "طبيب", "قدم",
    "متر", "كيلومتر", "ميل", "دولار", "جنيه", "دينار", "ريال", "درهم", "صوت", "مقعد", "شقيق", "شقيقة",
    "أخت", "ضابط", "مليون", "لقاء", "اجتماع", "بيان", "تقرير", "سؤال", "عضو", "منزل",
    "بيت", "مبنى", "كتاب", "جائزة", "ميدالية", "لقب", "ركلة", "بطاقة", "نسخة", "موسم",
)

_AR_DECADE_STEMS = {"عشرين": 20, "ثلاثين": 30, "أربعين": 40, "خمسين": 50, "ستين": 60, "سبعين": 70,
                    "ثمانين": 80, "تسعين": 90}

# ---------------------------------------------------------------- English

_EN_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_EN_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
             "nineteen")
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 1000, "millionth": 1e6,
}


def english_table() -> Dict[str, Entry]:
    """Every English number word, lower-case."""
    t: Dict[str, Entry] = {}
    for v, w in enumerate(_EN_UNITS):
        t[w] = ("U", v)
    t["ten"] = ("T", 10)
    for v, w in enumerate(_EN_TEENS[1:], start=11):
        t[w] = ("E", v)
    for v, w in enumerate(_EN_TENS):
        if w:
            t[w] = ("X", v * 10)
            t[w[:-1] + "ies"] = ("Y", v * 10)  # "the nineties"
    for w, o in _EN_ORDINALS.items():
        t[w] = ("O", o)
    t.update({
        "hundred": ("H", 100), "thousand": ("M", 1e3), "million": ("M", 1e6), "billion": ("M", 1e9),
        "trillion": ("M", 1e12), "bn": ("M", 1e9), "mn": ("M", 1e6), "mln": ("M", 1e6), "bln": ("M", 1e9),
        "tn": ("M", 1e12),
        "hundreds": ("V", 100), "thousands": ("MP", 1e3), "millions": ("MP", 1e6), "billions": ("MP", 1e9),
        "trillions": ("MP", 1e12), "tens": ("V", 10), "dozens": ("V", 10), "scores": ("V", 20),
        "dozen": ("Z", 12), "half": ("F", 0.5), "quarter": ("F", 0.25), "quarters": ("FP", 0.25),
        "thirds": ("FP", 1 / 3), "fifths": ("FP", 0.2), "tenths": ("FP", 0.1),
        "twice": ("P", 2), "double": ("P", 2), "thrice": ("P", 3), "triple": ("P", 3), "treble": ("P", 3),
        "quadruple": ("P", 4), "doubled": ("P", 2), "tripled": ("P", 3), "quadrupled": ("P", 4),
        "couple": ("N", 2), "decade": ("N", 10), "fortnight": ("N", 14),
        "noon": ("W", 12), "midday": ("W", 12), "midnight": ("W", 0),
    })
    return t


def _variants(word: str) -> Iterable[str]:
    yield word
    if word.endswith("ة"):
        yield word[:-1] + "ه"  # a common typing variant


def _with_article(conj: str, prep: str, word: str) -> str:
    # ل + ال is written لل: «للثلاثة».
    return conj + ("لل" + word if prep == "ل" else prep + "ال" + word)


def arabic_table(normalize) -> Dict[str, Tuple[str, float, Optional[bool], bool]]:
    """Every Arabic number word with its prefixes, normalised with ``normalize``.

    Returns a map from surface form to ``(type, value, has_wa, has_article)``: ``has_wa`` tells that the
    word starts with the conjunction و ("and"), which is how Arabic joins the parts of a compound number
    (None when the form may or may not: «واحد» is also «و» + «أحد»).
    """
    base: Dict[str, Tuple[Entry, bool]] = {}
    for w, e in _AR_BASE.items():
        base[normalize(w)] = (e, normalize(w) not in {normalize(x) for x in _AR_NO_ARTICLE})
    article_only = {normalize(w): e for w, e in _AR_ARTICLE_ONLY.items()}
    for noun in _AR_DUAL_NOUNS:
        n = normalize(noun)
        stem = n[:-1] + "ت" if n.endswith("ة") else n
        for suffix in ("ان", "ين"):
            base.setdefault(stem + suffix, (("N", 2), True))
    for stem, v in _AR_DECADE_STEMS.items():
        for suffix in ("يات", "ات"):
            base[normalize(stem) + suffix] = (("Y", v), True)

    table: Dict[str, Tuple[str, float, Optional[bool], bool]] = {}
    conj = ("", "و", "ف")
    preps = ("", "ب", "ل")  # not ك: «كمية» ("quantity") would read as ك + «مئة»

    def add(surface: str, entry: Entry, wa: bool, art: bool) -> None:
        for s in _variants(surface):
            old = table.get(s)
            if old is None:
                table[s] = (entry[0], entry[1], wa, art)
            elif old[2] != wa and old[:2] == entry:
                # «وأحد» ("and one") and «واحد» ("one") are the same letters once normalised: maybe "and"
                table[s] = (old[0], old[1], None, old[3])

    for w, (entry, article_ok) in base.items():
        for c in conj:
            for p in preps:
                add(c + p + w, entry, c == "و", False)
                if article_ok:
                    add(_with_article(c, p, w), entry, c == "و", True)
    for w, entry in article_only.items():
        for c in conj:
            for p in preps:
                add(_with_article(c, p, w), entry, c == "و", True)
    return table
