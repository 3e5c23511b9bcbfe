"""The number extractor: a table of real Arabic and English forms, and property tests (never raises; every
integer written in Arabic or English words, or in any digits, reads back as itself)."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tqcheck.text.numbers import HARD, MEDIUM, SOFT, extract_numbers

# (lang, text, [(value, kind, text of the span)]): what a translator would call the numbers of the text.
CASES = [
    # digits in three scripts, separators, decimals
    ("ar", "قتل ١٢ شخصا", [(12, "cardinal", "١٢")]),
    ("ar", "نحو ۱۲۵ شخصا", [(125, "cardinal", "۱۲۵")]),
    ("ar", "بلغ ٣٫٥ مليون", [(3_500_000, "cardinal", "٣٫٥ مليون")]),
    ("ar", "أكثر من ٣٠٬٠٠٠ كوري", [(30_000, "cardinal", "٣٠٬٠٠٠")]),
    ("ar", "أكثر من 30،000 كوري", [(30_000, "cardinal", "30،000")]),
    ("ar", "و76.000 هكتار", [(76_000, "cardinal", "76.000")]),
    ("en", "16,700 people and 2.5 kilometres", [(16_700, "cardinal", "16,700"), (2.5, "cardinal", "2.5")]),
    ("en", "a population of 299\u00a0200", [(299_200, "cardinal", "299\u00a0200")]),
    # number words and magnitudes
    ("ar", "قتل سبعين ألف جندي", [(70_000, "cardinal", "سبعين ألف")]),
    ("ar", "أكثر من مليون ونصف المليون لاجئ", [(1_500_000, "cardinal", "مليون ونصف المليون")]),
    ("ar", "يستضيف مليون ونصف لاجئ", [(1_500_000, "cardinal", "مليون ونصف")]),
    ("ar", "جمع ألفين توقيع", [(2000, "cardinal", "ألفين")]),
    ("ar", "وصل ألفان من الجنود", [(2000, "cardinal", "ألفان")]),
    ("ar", "لم تجمع مليوني دولار", [(2_000_000, "cardinal", "مليوني")]),
    ("ar", "نحو 70 ألف نازح", [(70_000, "cardinal", "70 ألف")]),
    ("ar", "142 مليونًا من أتباعه", [(142_000_000, "cardinal", "142 مليونًا")]),
    ("ar", "ثلاثة وعشرون ألفًا وخمسمائة", [(23_500, "cardinal", "ثلاثة وعشرون ألفًا وخمسمائة")]),
    ("ar", "3 ملايين و500 ألف", [(3_500_000, "cardinal", "3 ملايين و500 ألف")]),
    ("ar", "ثلاث مائة رجل", [(300, "cardinal", "ثلاث مائة")]),
    ("ar", "ثلاثة أرباع السكان", [(0.75, "fraction", "ثلاثة أرباع")]),
    ("ar", "قتل عشرات الجنود", [(10, "vague", "عشرات")]),
    ("ar", "عشرات الآلاف من النازحين", [(10_000, "vague", "عشرات الآلاف")]),
    ("ar", "نصف السكان", [(0.5, "fraction", "نصف")]),
    ("ar", "كل سبعة أيام ونصف", [(7.5, "cardinal", "سبعة أيام ونصف")]),
    ("en", "seventy thousand soldiers", [(70_000, "cardinal", "seventy thousand")]),
    ("en", "1.5 million refugees", [(1_500_000, "cardinal", "1.5 million")]),
    ("en", "a $2.5bn deal", [(2_500_000_000, "cardinal", "2.5bn")]),
    ("en", "a £125m sale", [(125_000_000, "cardinal", "125m")]),
    ("en", "a £11million deal", [(11_000_000, "cardinal", "11million")]),
    ("en", "a dozen eggs", [(12, "cardinal", "a dozen")]),
    ("en", "half a million people", [(500_000, "cardinal", "half a million")]),
    ("en", "two and a half years", [(2.5, "cardinal", "two and a half")]),
    ("en", "one hundred and twenty-three thousand four hundred and fifty-six",
     [(123_456, "cardinal", "one hundred and twenty-three thousand four hundred and fifty-six")]),
    ("en", "tens of thousands of people", [(10_000, "vague", "tens of thousands")]),
    ("en", "it doubled twice", [(2, "multiplier", "doubled"), (2, "multiplier", "twice")]),
    # the dual and counted nouns
    ("ar", "قتل جنديان", [(2, "cardinal", "جنديان")]),
    ("ar", "لمدة عام أو عامين", [(2, "cardinal", "عامين")]),
    # percentages
    ("ar", "بنسبة 5 في المائة", [(5, "percent", "5 في المائة")]),
    ("ar", "بنسبة 5 بالمئة", [(5, "percent", "5 بالمئة")]),
    ("ar", "بنسبة ٤٠٪", [(40, "percent", "٤٠٪")]),
    ("ar", "واحد بالمائة", [(1, "percent", "واحد بالمائة")]),
    ("en", "80 percent of them", [(80, "percent", "80 percent")]),
    ("en", "just 5% of cases", [(5, "percent", "5%")]),
    # ranges, which share a magnitude or a percent sign written once
    ("ar", "من 5 إلى 7 ملايين", [(5_000_000, "range_lo", "5"), (7_000_000, "range_hi", "7 ملايين")]),
    ("en", "5 to 7 million", [(5_000_000, "range_lo", "5"), (7_000_000, "range_hi", "7 million")]),
    ("en", "between 20 and 30 percent", [(20, "range_lo", "20"), (30, "range_hi", "30 percent")]),
    ("en", "the financial crisis of 2007–08", [(2007, "range_lo", "2007"), (2008, "range_hi", "08")]),
    ("en", "a 1-0 win", [(1, "cardinal", "1"), (0, "cardinal", "0")]),
    # ordinals
    ("ar", "أحد المختبرات الـ155", [(1, "cardinal", "أحد"), (155, "ordinal", "155")]),
    ("ar", "للمرة الثالثة", [(3, "ordinal", "الثالثة")]),
    ("ar", "عيد ميلاده الثالث والستين", [(63, "ordinal", "الثالث والستين")]),
    ("en", "the 155th time", [(155, "ordinal", "155th")]),
    ("en", "the twenty-first century", [(21, "century", "twenty-first")]),
    ("ar", "في القرن التاسع عشر", [(19, "century", "التاسع عشر")]),
    ("en", "type-II pneumocytes", [(2, "ordinal", "II")]),
    # times, years, dates
    ("ar", "عند الساعة ١٢:٠٠", [(12, "time", "١٢:٠٠")]),
    ("ar", "في الساعة 7.55 صباحًا", [(7 + 55 / 60, "time", "7.55")]),
    ("en", "at 12.00 GMT", [(12, "time", "12.00 GMT")]),
    ("en", "at 9.30pm", [(21.5, "time", "9.30pm")]),
    ("en", "at noon", [(12, "time", "noon")]),
    ("ar", "في عام 1441 هـ الموافق 2020م", [(1441, "hijri", "1441 هـ"), (2020, "year", "2020م")]),
    ("en", "in 2019", [(2019, "year", "2019")]),
    ("en", "on 30/9/2018", [(30, "date", "30"), (9, "date", "9"), (2018, "year", "2018")]),
    ("en", "in the 1990s", [(1990, "decade", "1990s")]),
    ("ar", "في الثمانينيات", [(80, "decade", "الثمانينيات")]),
    # identifiers and phone numbers are not counts
    ("en", "COVID-19 and ACE2", [(19, "code", "COVID-19"), (2, "code", "ACE2")]),
    ("ar", "مرض كوفيد-19", [(19, "code", "كوفيد-19")]),
    ("en", "call 0800 555 111", [(1_0800111555, "phone", "0800 555 111")]),
    ("ar", "على الرقم 111 555 0800", [(1_0800111555, "phone", "111 555 0800")]),
    ("en", "in mid-2019", [(2019, "year", "2019")]),
    # words that look like numbers and are not
    ("ar", "يوم الأحد", []),
    ("ar", "كمية كبيرة", []),
    ("ar", "إنترفيرون ألفا", []),
    ("ar", "وقع ميتًا", []),
    ("en", "someone wrote one of those", [(1, "cardinal", "one")]),
]


@pytest.mark.parametrize("lang,text,expected", CASES)
def test_extract(lang, text, expected):
    got = extract_numbers(text, lang)
    assert [(q.kind, q.text) for q in got] == [(k, t) for _, k, t in expected]
    for q, (value, _, _) in zip(got, expected):
        assert q.value == pytest.approx(value)
        assert text[q.span[0]:q.span[1]] == q.text


@pytest.mark.parametrize("lang,text,qualifier", [
    ("ar", "أكثر من 300 شخص", "more-than"),
    ("ar", "بأكثر من 300 شخص", "more-than"),
    ("ar", "نحو 300 شخص", "about"),
    ("ar", "حوالي 300 شخص", "about"),
    ("ar", "300 شخص تقريبًا", None),
    ("ar", "300 تقريبًا", "about"),
    ("ar", "أقل من 300", "less-than"),
    ("ar", "ما لا يقل عن 300", "at-least"),
    ("en", "more than 300 people", "more-than"),
    ("en", "about $300", "about"),
    ("en", "some 120 sailors", "about"),
    ("en", "fewer than 300", "less-than"),
    ("en", "up to 300", "up-to"),
    ("en", "300 or more", "at-least"),
    ("en", "300 people", None),
])
def test_qualifier(lang, text, qualifier):
    (q,) = extract_numbers(text, lang)
    assert q.qualifier == qualifier


@pytest.mark.parametrize("lang,text,salience", [
    ("ar", "12", HARD), ("ar", "سبعين ألف", HARD), ("ar", "ثلاثة", MEDIUM), ("ar", "عامين", MEDIUM),
    ("ar", "واحد", SOFT), ("ar", "الثالث", SOFT), ("ar", "نصف", SOFT), ("ar", "عشرات", SOFT),
    ("en", "three", MEDIUM), ("en", "one", SOFT), ("en", "first", SOFT), ("en", "a couple", SOFT),
    ("en", "COVID-19", SOFT), ("en", "the 1990s", SOFT),
])
def test_salience(lang, text, salience):
    assert [q.salience for q in extract_numbers(text, lang)] == [salience]


def test_unit_conversion_is_bracketed():
    q = extract_numbers("droplets travelling up to 4.5 meters (15 feet)", "en")
    assert [(x.value, x.unit, x.bracketed) for x in q] == [(4.5, "m", False), (15, "ft", True)]


def test_spans_are_into_the_original_text_with_diacritics_and_marks():
    text = "قُتِلَ سَبْعِينَ أَلْفًا\u200f مِنْ ٣٠٠٠ شَخْصٍ"
    got = extract_numbers(text, "ar")
    assert [q.value for q in got] == [70_000, 3000]
    assert [text[q.span[0]:q.span[1]] for q in got] == ["سَبْعِينَ أَلْفًا", "٣٠٠٠"]


# ---------------------------------------------------------------- property tests

@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.sampled_from(["ar", "en"]))
def test_never_raises_on_any_text(text, lang):
    for q in extract_numbers(text, lang):
        assert 0 <= q.span[0] <= q.span[1] <= len(text)
        assert text[q.span[0]:q.span[1]] == q.text


NUMBERISH = list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹.,،٫٬:-–/%٪ ()\u00a0\u200f\u064b\u0640$£aIVXم") + [
    "ألف", "مليون", "ونصف", "ثلاثة", "عشر", "عشرون", "مائة", "الـ", " و", "هـ", "كوفيد", "ACE", "million",
    "thousand", "twenty", "one", "-first", " and a half", "bn", "th", "percent", "في المائة", "الساعة "]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(NUMBERISH), max_size=30).map("".join), st.sampled_from(["ar", "en"]))
def test_never_raises_on_number_like_text(text, lang):
    for q in extract_numbers(text, lang):
        assert text[q.span[0]:q.span[1]] == q.text
        assert isinstance(q.value, (int, float))


# Arabic number words, as a careful writer of Modern Standard Arabic writes them.
_AR_UNITS_M = ["", "واحد", ("اثنان", "اثنين"), "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة"]
_AR_UNITS_F = ["", "واحدة", ("اثنتان", "اثنتين"), "ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع", "عشر"]
_AR_TENS = ["", "", ("عشرون", "عشرين"), ("ثلاثون", "ثلاثين"), ("أربعون", "أربعين"), ("خمسون", "خمسين"),
            ("ستون", "ستين"), ("سبعون", "سبعين"), ("ثمانون", "ثمانين"), ("تسعون", "تسعين")]
_AR_HUNDRED_UNITS = ["", "", "", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"]
_AR_MAGS = {10**3: ("ألف", ("ألفان", "ألفين"), "آلاف", "ألفًا"),
            10**6: ("مليون", ("مليونان", "مليونين"), "ملايين", "مليونًا"),
            10**9: ("مليار", ("ملياران", "مليارين"), "مليارات", "مليارًا")}


def _case(form, case):
    return form[case] if isinstance(form, tuple) else form


def _ar_below_100(n, case, fem):
    units = _AR_UNITS_F if fem else _AR_UNITS_M
    if n <= 10:
        return _case(units[n], case)
    if n == 11:
        return "إحدى عشرة" if fem else "أحد عشر"
    if n == 12:
        return (("اثنتا عشرة", "اثنتي عشرة") if fem else ("اثنا عشر", "اثني عشر"))[case]
    if n < 20:
        return f"{units[n - 10]} {'عشرة' if fem else 'عشر'}"
    tens = _case(_AR_TENS[n // 10], case)
    return tens if n % 10 == 0 else f"{_case(units[n % 10], case)} و{tens}"


def _ar_hundreds(h, case, construct, rng):
    hundred = rng.choice(["مائة", "مئة"])
    if h == 1:
        return hundred
    if h == 2:
        return (("مائتا", "مائتي") if construct else ("مائتان", "مائتين"))[case]
    return _AR_HUNDRED_UNITS[h] + rng.choice(["", " "]) + hundred


def _ar_below_1000(n, case, fem, rng, construct=False):
    h, r = divmod(n, 100)
    parts = []
    if h:
        parts.append(_ar_hundreds(h, case, construct and r == 0, rng))
    if r:
        parts.append(_ar_below_100(r, case, fem))
    return " و".join(parts)


def _ar_counted(k, mag, case, rng):
    """``k`` (1..999) times a magnitude, with the counted noun in the form Arabic grammar asks for."""
    sing, dual, plural, acc = _AR_MAGS[mag]
    acc = acc if rng.random() < 0.5 else acc.replace("\u064b", "")  # with or without the tanween mark
    r = k % 100
    if k == 1:
        return sing
    if k == 2:
        return _case(dual, case)
    if k <= 10:
        return f"{_ar_below_100(k, case, False)} {plural}"
    if r == 0:
        return f"{_ar_hundreds(k // 100, case, True, rng)} {sing}"
    if r <= 2 and k > 100:  # «مائة ألف وألف» (101,000), «مائة ألف وألفان»
        return f"{_ar_hundreds(k // 100, case, True, rng)} {sing} و{sing if r == 1 else _case(dual, case)}"
    if 3 <= r <= 10:
        return f"{_ar_below_1000(k, case, False, rng)} {plural}"
    return f"{_ar_below_1000(k, case, False, rng)} {acc}"


def arabic_words(n: int, case: int, fem: bool, rng: random.Random) -> str:
    """``n`` (0..10**9) in Arabic words; ``case`` 0 nominative, 1 oblique; ``fem`` for a feminine noun."""
    if n == 0:
        return "صفر"
    parts = []
    for mag in (10**9, 10**6, 10**3):
        k, n = divmod(n, mag)
        if k:
            parts.append(_ar_counted(k, mag, case, rng))
    if n:
        parts.append(_ar_below_1000(n, case, fem, rng))
    return " و".join(parts)


_EN_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
             "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _en_below_1000(n, use_and, hyphen):
    h, r = divmod(n, 100)
    out = []
    if h:
        out.append(f"{_EN_SMALL[h]} hundred")
    if r:
        if r < 20:
            words = _EN_SMALL[r]
        else:
            words = _EN_TENS[r // 10] + (("-" if hyphen else " ") + _EN_SMALL[r % 10] if r % 10 else "")
        out.append(("and " if h and use_and else "") + words)
    return " ".join(out)


def english_words(n: int, use_and: bool, hyphen: bool) -> str:
    if n == 0:
        return "zero"
    parts = []
    for mag, name in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand")):
        k, n = divmod(n, mag)
        if k:
            parts.append(f"{_en_below_1000(k, use_and, hyphen)} {name}")
    if n:
        parts.append(("and " if parts and n < 100 and use_and else "") + _en_below_1000(n, use_and, hyphen))
    return " ".join(parts)


def _reads_back(text: str, lang: str, n: int) -> None:
    got = extract_numbers(text, lang)
    assert [(q.value, q.span) for q in got] == [(n, (0, len(text)))], text


@pytest.mark.parametrize("n,text", [
    (70_000, "سبعون ألفًا"), (2_000, "ألفان"), (1_500, "ألف وخمسمائة"), (23, "ثلاثة وعشرون"),
    (111_000, "مائة وأحد عشر ألفًا"), (200_000, "مائتا ألف"), (1_002_000, "مليون وألفان"),
    (999_999_999, "تسعمائة وتسعة وتسعون مليونًا وتسعمائة وتسعة وتسعون ألفًا وتسعمائة وتسعة وتسعون"),
])
def test_arabic_generator_examples(n, text):
    assert arabic_words(n, 0, False, random.Random(0)).replace("\u064b", "").replace("مئة", "مائة") \
        .replace(" مائة", "مائة") in {text.replace("\u064b", ""), text.replace("\u064b", "").replace(" مائة", "مائة")}
    _reads_back(text, "ar", n)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**9) | st.integers(0, 2000), st.integers(0, 1), st.booleans(), st.randoms())
def test_every_integer_in_arabic_words_reads_back(n, case, fem, rng):
    _reads_back(arabic_words(n, case, fem, rng), "ar", n)


@settings(max_examples=300)
@given(st.integers(0, 10**9) | st.integers(0, 2000), st.booleans(), st.booleans())
def test_every_integer_in_english_words_reads_back(n, use_and, hyphen):
    _reads_back(english_words(n, use_and, hyphen), "en", n)


_SCRIPTS = {"western": "0123456789", "arabic-indic": "٠١٢٣٤٥٦٧٨٩", "persian": "۰۱۲۳۴۵۶۷۸۹"}


@settings(max_examples=300)
@given(st.integers(0, 10**9), st.sampled_from(sorted(_SCRIPTS)), st.booleans(), st.sampled_from(["ar", "en"]))
def test_every_integer_in_digits_reads_back(n, script, grouped, lang):
    text = f"{n:,}" if grouped else str(n)
    if script != "western":
        text = text.translate(str.maketrans("0123456789,", _SCRIPTS[script] + "٬"))
    _reads_back(text, lang, n)


@settings(max_examples=200)
@given(st.integers(0, 10**9), st.booleans(), st.booleans())
def test_english_generator_agrees_with_text2num(n, use_and, hyphen):
    # text2num (installed) is a second opinion on the generator; it is not used by tqcheck because it misreads
    # "1.5 million" and knows no magnitudes after digits.
    text2num = pytest.importorskip("text_to_num").text2num
    assert text2num(english_words(n, use_and, hyphen), "en") == n
