"""The number check: real Arabic sources beside English translations, what it flags and what it pairs."""

from __future__ import annotations

import pytest

from tqcheck.checks import registered
from tqcheck.checks.base import CheckContext
from tqcheck.checks.numbers import NumberCheck
from tqcheck.types import Segment


def run(source: str, translation: str, pseudo=None, options=None):
    ctx = CheckContext(pseudo_references=pseudo, options=options or {})
    return NumberCheck().check_segment(Segment(0, (0,), (0,), source, translation), ctx)


def codes(findings, severities=("error", "warning")):
    return sorted(f.code for f in findings.flags if f.severity in severities)


# (source, translation, expected flag codes with severity error or warning)
CASES = [
    # changes of form are not flags
    ("قتل سبعين ألف جندي", "70,000 soldiers were killed", []),
    ("قتل سبعين ألف جندي", "Seventy thousand soldiers were killed", []),
    ("قتل سبعين ألف جندي", "70 thousand soldiers were killed", []),
    ("قتل ١٢ شخصا", "12 people were killed", []),
    ("يستضيف أكثر من مليون ونصف المليون لاجئ", "It hosts more than 1.5 million refugees", []),
    ("يستضيف أكثر من مليون ونصف المليون لاجئ", "It hosts more than one and a half million refugees", []),
    ("جمع ألفين توقيع", "He collected 2,000 signatures", []),
    ("قتل جنديان", "Two soldiers were killed", []),
    ("خسر اللقب قبل عامين", "They lost the title two years ago", []),
    ("وصلت سيارتا شرطة", "Two police vans arrived", []),
    ("ارتفعت بنسبة 5 في المائة", "It rose by 5%", []),
    ("ارتفعت بنسبة 40 بالمئة", "It rose by forty percent", []),
    ("من 5 إلى 7 ملايين شخص", "5-7 million people", []),
    ("بلغت الصفقة 2.5 مليار دولار", "The deal was worth $2.5bn", []),
    ("بلغت الصفقة 125 مليون جنيه إسترليني", "The deal was worth £125m", []),
    ("عند الساعة ١٢:٠٠", "at 12.00 GMT", []),
    # Arabic tells the hour with an ordinal word
    ("فرض حظر تجول من العاشرة مساءً حتى السادسة صباحاً", "a curfew from 10 pm to 6 am", []),
    ("فرض حظر تجول من العاشرة مساءً حتى السادسة صباحاً", "a curfew from ten in the evening until six in the morning", []),
    ("عقد الاجتماع في الساعة الثالثة عصرا", "The meeting was held at 3 p.m.", []),
    ("فرض حظر تجول من العاشرة مساءً", "a curfew from 9 pm", ["number-changed"]),
    ("عند الساعة 9:30 مساء", "at 9.30pm", []),
    ("أحد المختبرات الـ16", "one of the 16 laboratories", []),
    ("في الدقيقة 29", "in the 29th minute", []),
    ("عاش في القرن التاسع عشر", "He lived in the 19th century", []),
    ("في ثلاثينيات القرن العشرين", "in the 1930s", []),
    ("مرض كوفيد-19", "COVID-19 disease", []),
    ("مرض كوفيد 19", "COVID-19 disease", []),
    ("الإنزيم المحول للأنجيوتنسين 2", "ACE2", []),
    ("فيروس إتش 1 إن 1", "the H1N1 virus", []),
    ("الخلايا من النوع 1 والنوع 2", "type I and type II cells", []),
    ("على الرقم 111 555 0800", "on 0800 555 111", []),
    ("أكثر من 30،000 كوري", "more than 30,000 Koreans", []),
    ("نحو 16700 شخص", "around 16,700 people", []),
    ("يبلغ عددهم 1.61 مليون", "there are 1,610,000 of them", []),
    ("يبلغ عددهم نحو 1.6 مليون", "there are 1,613,000 of them", []),
    # conversions and calendars
    ("يبعد 10 كيلومترات", "It is 10 km (6 miles) away", []),
    ("يبعد 10 كيلومترات", "It is 10 km (60 miles) away", ["number-conversion"]),
    ("رسوم بقيمة 200 مليار دولار", "tariffs on $200 billion (£150 billion) of goods", []),
    ("في عام 1441 هـ", "in 2020", []),
    ("في عام 1441 هـ (2020م)", "in 2020", []),
    ("بعمق 30 مترًا (100 قدم)", "30 meters (1000 feet) deep", ["number-changed"]),
    # changed values
    ("قتل سبعين ألف جندي", "7,000 soldiers were killed", ["number-changed"]),
    ("قتل سبعين ألف جندي", "seventeen thousand soldiers were killed", ["number-changed"]),
    ("قتل 300 شخص", "30 people were killed", ["number-changed"]),
    ("وقعت 1127 حالة", "there were 1,172 cases", ["number-changed"]),
    ("بلغت الصفقة 2.5 مليار دولار", "The deal was worth $2.5 million", ["number-changed"]),
    ("شمل 16,700 شخص", "it covered 16.700 people", ["number-changed"]),
    ("ارتفعت بنسبة 5 في المائة", "It rose by 50%", ["number-changed"]),
    ("خسر اللقب قبل ثلاثة أعوام", "They lost the title four years ago", ["number-changed"]),
    ("خسر اللقب قبل عامين", "They lost the title three years ago", ["number-changed"]),
    ("عند الساعة ١٢:٠٠", "at 13:00", ["number-changed"]),
    ("على الرقم 859-292-3680", "at 859-292-368", ["number-changed"]),
    # missing and added numbers
    ("قتل 5 أشخاص في الهجوم", "People were killed in the attack", ["number-missing"]),
    ("قتل أشخاص في الهجوم", "5 people were killed in the attack", ["number-added"]),
    ("قتل ثلاثة أشخاص", "People were killed", ["number-missing"]),
    ("قبل أسبوعين من مقتلها", "weeks before she died", ["number-missing"]),
    # bounds: a lost or turned-around one is a warning; an added one, or "about" left out, only an info
    ("أكثر من 300 شخص", "more than 300 people", []),
    ("أكثر من 300 شخص", "less than 300 people", ["number-bound"]),
    ("أكثر من 300 شخص", "300 people", ["number-bound"]),
    ("نحو 300 شخص", "300 people", []),
    ("300 شخص", "more than 300 people", []),
]


@pytest.mark.parametrize("source,translation,expected", CASES)
def test_flags(source, translation, expected):
    assert codes(run(source, translation)) == expected


def test_message_names_both_values_and_both_spans():
    source, translation = "قتل سبعين ألف جندي", "7,000 soldiers were killed"
    (flag,) = run(source, translation).flags
    assert flag.check == "number" and flag.severity == "error"
    assert flag.message == "source says 70,000 (سبعين ألف), translation says 7,000"
    assert source[slice(*flag.source_span)] == flag.source_text == "سبعين ألف"
    assert translation[slice(*flag.target_span)] == flag.target_text == "7,000"
    assert flag.suggestion == "70,000"


@pytest.mark.parametrize("source,translation,suggestion", [
    ("بلغت 2.5 مليار دولار", "was $2.5 million", "2.5 billion"),
    ("بلغت 2.5 مليار دولار", "was $25bn", "2.5bn"),
    ("بنسبة 5 في المائة", "by 50%", "5%"),
    ("بنسبة 5 في المائة", "by 50 percent", "5 percent"),
    ("قتل 300 شخص", "30 people were killed", "300"),
    ("في عام 2019", "in 2091", "2019"),
])
def test_suggestion_keeps_the_form_of_the_translation(source, translation, suggestion):
    (flag,) = run(source, translation).flags
    assert flag.suggestion == suggestion


def test_missing_and_added_messages():
    (flag,) = run("قتل 5 أشخاص", "People were killed").flags
    assert flag.message == "source says 5; the translation has no such number"
    assert flag.source_span == (4, 5) and flag.target_span is None
    (flag,) = run("قتل أشخاص", "Seven people were killed").flags
    assert flag.message == "translation says 7 (Seven); the source has no such number"
    assert flag.target_span == (0, 5) and flag.source_span is None


def test_matches_link_both_spans():
    source, translation = "قتل سبعين ألف جندي و١٢ مدنيا", "70,000 soldiers and twelve civilians were killed"
    found = run(source, translation)
    assert found.flags == ()
    pairs = [(source[slice(*m.source_span)], translation[slice(*m.target_span)], m.value) for m in found.matches]
    assert pairs == [("سبعين ألف", "70,000", "70,000"), ("١٢", "twelve", "12")]
    assert all(m.check == "number" for m in found.matches)


def test_pseudo_reference_turns_a_doubtful_flag_into_a_warning():
    source, translation = "قتل 5 أشخاص", "People were killed"
    assert [f.severity for f in run(source, translation).flags] == ["error"]
    assert [f.severity for f in run(source, translation, pseudo=["Five people were killed"]).flags] == ["error"]
    assert [f.severity for f in run(source, translation, pseudo=["People were killed"]).flags] == ["warning"]


def test_medium_words_can_be_switched_off():
    source, translation = "قتل ثلاثة أشخاص", "People were killed"
    assert codes(run(source, translation)) == ["number-missing"]
    assert codes(run(source, translation, options={"number": {"medium": "off"}})) == []


def test_empty_sides_are_left_to_the_omission_and_addition_checks():
    assert run("قتل 5 أشخاص", "").flags == ()
    assert run("", "5 people").flags == ()


def test_registered():
    assert registered()["number"] is NumberCheck


# -- which segments are checked --------------------------------------------------------------------------
# (source, translation, aligned, confidence, confidence without numbers, flag codes). Confidences as the
# aligner gives them (tests/test_numbers_alignment.py measures them on whole documents).
ARRESTS = ("وقالت الشرطة إنها اعتقلت 5 مشتبه بهم في وقت لاحق من اليوم نفسه.",
           "Police said they had arrested 50 suspects later the same day.")
NOT_A_TRANSLATION = ("وأضافوا أن 40 آخرين أصيبوا بجروح ونقلوا إلى مستشفيات المدينة.",
                     "The central bank raised its main interest rate by 3 points on Tuesday, citing inflation.")


@pytest.mark.parametrize("texts,aligned,confidence,without_numbers,expected", [
    (ARRESTS, True, 0.9843, 0.9964, ["number-changed"]),
    # the changed number alone pulls the pair below the threshold: still the drift this check is for
    (ARRESTS, False, 0.4949, 0.8145, ["number-changed"]),
    # two sentences that do not translate each other: their numbers differ by chance
    (NOT_A_TRANSLATION, False, 0.092, 0.3123, []),
    (NOT_A_TRANSLATION, False, 0.3, None, []),
    # --aligned (or a bilingual file): every line pair is trusted
    (NOT_A_TRANSLATION, True, 1.0, None, ["number-changed"]),
])
def test_segments_not_confidently_aligned_are_skipped(texts, aligned, confidence, without_numbers, expected):
    segment = Segment(0, (0,), (0,), *texts, confidence=confidence, aligned=aligned,
                      confidence_without_numbers=without_numbers)
    assert codes(NumberCheck().check_segment(segment, CheckContext())) == expected
