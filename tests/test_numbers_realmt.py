"""The number check on the kinds of sentence that real machine translation gets wrong (or that a naive check
flags wrongly): ranges, decades, references, term numbers, compounds, bounds, duals, units. The sentences are
written for these tests in the style of news and of medical papers; the real-MT figures themselves are in
bench/numbers/RESULTS.md, and the last test checks them on ../shared/data when it is there."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests._shared import DATA, needs_shared
from tqcheck.checks.base import CheckContext
from tqcheck.checks.numbers import NumberCheck
from tqcheck.text.numbers import extract_numbers
from tqcheck.types import Segment


def run(source: str, translation: str):
    return NumberCheck().check_segment(Segment(0, (0,), (0,), source, translation), CheckContext())


def codes(source: str, translation: str):
    return sorted(f.code for f in run(source, translation).flags if f.severity in ("error", "warning"))


# (source, translation): nothing to flag
UNDERSTOOD = [
    # ranges of years, with an en dash or a slash, the second year abbreviated
    ("فاز الفريق بلقب موسم 2014–15", "The team won the 2014/15 title"),
    ("فاز الفريق بلقب موسم 2014/15", "The team won the 2014-2015 title"),
    ("ميزانية العام المالي 2021/22", "the budget for fiscal year 2021–22"),
    # a decade said with a word and a year, or as "the 1950s"
    ("بدأت الدراسات منذ أوائل الخمسينيات 1950", "Studies began in the early 1950s"),
    ("انتشرت الموسيقى في الستينيات", "The music spread in the 1960s"),
    # a term and its abbreviation in brackets: the number is said twice in the source
    ("يرتبط بالمستقبل 4 (TLR4) في الخلايا", "It binds toll-like receptor 4 in the cells"),
    ("ظهر مرض فيروس كورونا 2019 (كوفيد-19) في ديسمبر", "Coronavirus disease (COVID-19) appeared in December"),
    ("يثبط المستقبل 4 المنشط (المستقبل 4) الالتهاب", "Activated receptor 4 inhibits inflammation"),
    # references to figures and tables, and citation debris after a bracket
    ("تظهر النتائج في الجدول 3 أدناه", "The results are shown below"),
    ("انتشر المرض في أوروبا (الشكل ​(الشكل 5)5).", "The disease spread in Europe (Figure 5)."),
    ("كما في المعادلة 7، يزداد المعدل", "As the equation shows, the rate rises"),
    ("the rate rises (see Fig. 6)", "the rate rises"),
    # a bound said the same way, or by a verb of exceeding
    ("تجاوز عدد الإصابات 9,000 حالة", "Infections exceeded 9,000 cases"),
    ("أصيب أكثر من 200 شخص", "Over 200 people were infected"),
    # a day of a month after «حتى» ("until"), not a bound
    ("استمر الحظر حتى 21 مايو 2020", "The ban lasted until May 21, 2020"),
    # an approximation left out is not worth a warning
    ("شارك نحو 40 باحثا", "40 researchers took part"),
    # units: the same unit in both languages
    ("يبلغ طول الجينوم 30 كيلو قاعدة", "The genome is 30 kilobases long"),
    ("تركيز 5 ميلي مول/لتر", "a concentration of 5 mmol/L"),
    ("ارتفعت الحرارة إلى 40 درجة", "The temperature rose to 40 degrees Celsius"),
    # a dual that the translation keeps: "two", "both" or a plural
    ("حدد العلماء جينومين متشابهين", "Scientists identified two similar genomes"),
    ("ترتبط ببروتيني S", "It binds both S proteins"),
    # a number word inside a compound that the source says its own way
    ("لعبة ثلاثية الأبعاد", "a three-dimensional game"),
    ("قرار أحادي الجانب", "a one-sided decision"),
    ("اتصال ثنائي الاتجاه", "a two-way connection"),
    # a transliterated name that is also a number word, rendered as the name
    ("التقى الرئيس بالسيد ستين أمس", "The president met Mr. Stein yesterday"),
    ("وصل تسعين إلى المدينة", "Tessin arrived in the city"),
    # speed in either language, and bounds said another way
    ("هبت رياح بسرعة 70 ميلاً في الساعة", "winds of 70 mph blew"),
    ("هبت رياح بسرعة 70 ميلاً في الساعة", "winds of 70 miles per hour blew"),
    ("انطلق بسرعة 600 كيلو متر في الساعة", "it travelled at 600 km/h"),
    ("بعضهم لا يتجاوز عمره 9 أعوام", "some as young as 9"),
    ("عندما زاد التكرار إلى ما يزيد عن 45%", "when the frequency rose beyond 45%"),
    ("تظهر النتيجة في أقل من سبع دقائق", "the result shows in as little as seven minutes"),
    ("أكثر من 30.5 مليون شخص شاهدوا", "more than the 30.5 million people watched"),
    # a common plural in -ين, and a name in -ان, are not duals
    ("لدى المتطوعين والمؤيدين", "among volunteers and supporters, aimed at the media"),
    ("قال المخرج فورد كيرنان", "director Ford Kieran said"),
    # a plural adjective in -ين is not a dual
    ("حضر الاجتماع ممثلون أوروبيين", "European representatives attended the meeting"),
]

# (source, translation, the codes of error or warning flags)
FLAGGED = [
    # a bound lost or turned around
    ("أصيب أكثر من 6,000 شخص", "6,000 people were infected", ["number-bound"]),
    ("عدد الخلايا &lt; 3×109/لتر", "a cell count of 3×109/L", ["number-bound"]),
    ("بخطر &gt; 75% لتجاوز السعة", "with a 75% risk of exceeding capacity", ["number-bound"]),
    ("تعدت الوفيات به 1,500 شخص", "with 1,500 people dead", ["number-bound"]),
    ("أقل من 12 عاما", "more than 12 years", ["number-bound"]),
    # a unit changed or lost
    ("تركيز 5 مولي/لتر", "a concentration of 5 mmol/L", ["number-unit"]),
    ("يبلغ طوله 30 كيلو قاعدة", "it is 30 kilograms long", ["number-unit"]),
    ("احتاج 70% منهم إلى دعم", "70 of them needed support", ["number-unit"]),
    ("بطول 2.5 أنغستروم", "2.5 degrees long", ["number-unit"]),
    ("بدقة 3.1 Å تحت المجهر", "with a resolution of 3.1 degrees", ["number-unit"]),
    # a count carried by the dual of a borrowed noun, dropped
    ("يمكنه ربط بروتيني S بسهولة", "it can bind the S protein easily", ["number-dual"]),
    ("اختلاف على امتداد جينومين كاملين", "a difference along the whole genome", ["number-dual"]),
    # a number word that the translation does not render as a name is still a number
    ("التقى الرئيس بالسيد ستين أمس", "The president met Mr. Smith yesterday", ["number-missing"]),
    ("قتل ستين شخصا", "Sixteen people were killed", ["number-changed"]),
    # a value changed inside a longer expression
    ("كانت القيمة 6.41 × 10-3 مول/لتر", "the value was 6.51 × 10-3 mol/L", ["number-changed"]),
    # a year range changed
    ("في موسم 2014/15", "in the 2016/17 season", ["number-changed", "number-changed"]),
]


@pytest.mark.parametrize("source,translation", UNDERSTOOD)
def test_understood_without_a_flag(source, translation):
    assert codes(source, translation) == []


@pytest.mark.parametrize("source,translation,expected", FLAGGED)
def test_flagged(source, translation, expected):
    assert codes(source, translation) == expected


@pytest.mark.parametrize("source,translation,message", [
    ("أصيب أكثر من 6,000 شخص", "6,000 people were infected",
     "source says more than 6,000, translation says 6,000: the bound is lost"),
    ("أقل من 12 عاما", "more than 12 years",
     "source says less than 12, translation says more than 12: the bound is changed"),
    ("يمكنه ربط بروتيني S بسهولة", "it can bind the S protein easily",
     "source says two (بروتيني, a dual), translation says protein (one)"),
    ("تركيز 5 مولي/لتر", "a concentration of 5 mmol/L", "source says 5 mol/L, translation says 5 mmol/L"),
])
def test_messages_say_what_changed(source, translation, message):
    (flag,) = [f for f in run(source, translation).flags if f.severity == "warning"]
    assert flag.message == message


def test_an_approximation_made_exact_is_an_info():
    (flag,) = run("شارك نحو 40 باحثا", "40 researchers took part").flags
    assert (flag.severity, flag.code) == ("info", "number-bound")
    assert flag.message.endswith("the approximation is made exact")


@pytest.mark.parametrize("lang,text,kinds", [
    ("en", "see Table 3 and Figure 4", ["reference", "reference"]),
    ("ar", "(الجدول 2).2)", ["reference", "reference"]),
    ("en", "covid-19 in mid-2020", ["code", "year"]),
    ("ar", "الإنزيم 2 (ACE2)", ["reference", "code"]),
])
def test_numbers_that_name_rather_than_count(lang, text, kinds):
    assert [q.kind for q in extract_numbers(text, lang)] == kinds


def test_too_many_numbers_are_compared_near_linearly_and_said_so():
    source, translation = " ".join(["١٬٠٠٠"] * 1500), " ".join(["1,000"] * 1500)
    found = run(source, translation)
    assert [f.code for f in found.flags] == ["number-capped"]
    assert len(found.matches) == 1500


# -- properties -------------------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(st.integers(1900, 2098), st.sampled_from(["/", "–", "-"]), st.sampled_from(["/", "–", "-"]))
def test_a_season_pairs_in_any_spelling(year, sep_ar, sep_en):
    ar = f"في موسم {year}{sep_ar}{(year + 1) % 100:02d}"
    long_form = f"in the {year}{sep_en}{year + 1} season"
    short_form = f"in the {year}{sep_en}{(year + 1) % 100:02d} season"
    assert codes(ar, long_form) == [] and codes(ar, short_form) == []


@settings(max_examples=40, deadline=None)
@given(st.integers(190, 202))
def test_a_decade_with_its_year_is_one_decade(decade):
    year = decade * 10
    assert codes(f"منذ الثمانينيات {year}", f"since the {year}s") == []


_BOUNDS = [("أكثر من", "more than"), ("أقل من", "less than"), ("ما لا يقل عن", "at least")]


@settings(max_examples=60, deadline=None)
@given(st.integers(11, 10**6), st.sampled_from(range(len(_BOUNDS))), st.booleans())
def test_a_bound_kept_passes_and_a_bound_lost_is_a_warning(n, k, keep):
    ar_bound, en_bound = _BOUNDS[k]
    translation = f"{en_bound} {n:,} people" if keep else f"{n:,} people"
    assert codes(f"{ar_bound} {n:,} شخص", translation) == ([] if keep else ["number-bound"])


@settings(max_examples=30, deadline=None)
@given(st.sampled_from([("بروتين", "protein", "proteins"), ("جينوم", "genome", "genomes"),
                        ("فيروس", "virus", "viruses"), ("إنزيم", "enzyme", "enzymes")]),
       st.sampled_from(["two {p}", "both {p}", "the {p}", "the {w}"]))
def test_a_borrowed_dual_is_kept_by_two_or_a_plural_and_lost_by_a_singular(noun, template):
    ar, en, plural = noun
    translation = "They studied " + template.format(w=en, p=plural)
    expected = ["number-dual"] if template == "the {w}" else []
    assert codes(f"درسوا {ar}ين مختلفين", translation) == expected


@needs_shared
def test_real_machine_translation_figures():
    """The headline of bench/numbers/RESULTS.md: precision and clean lines flagged on the four systems."""
    root = DATA / "mt-outputs" / "tico19"
    if not root.exists():
        pytest.skip("no real-MT data")
    tp = fp = clean = clean_flagged = 0
    check, ctx = NumberCheck(), CheckContext()
    for d in sorted(p for p in root.iterdir() if (p / "labels.tsv").exists()):
        src = (d / "source.ar").read_text(encoding="utf-8").split("\n")
        mt = (d / "mt.en").read_text(encoding="utf-8").split("\n")
        rows = [r.split("\t") for r in (d / "labels.tsv").read_text(encoding="utf-8").split("\n")[1:] if r]
        for k, r in enumerate(rows):
            found = check.check_segment(Segment(k, (k,), (k,), src[k], mt[k]), ctx)
            hit = any(f.severity in ("error", "warning") for f in found.flags)
            tp += hit and r[1] == "1"
            fp += hit and r[1] == "0"
            is_clean = r[1] == "0" and r[2] == "0"
            clean += is_clean
            clean_flagged += hit and is_clean
    assert tp / (tp + fp) >= 0.85
    assert clean_flagged / clean <= 0.01
