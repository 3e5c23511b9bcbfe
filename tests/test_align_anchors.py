"""Numbers by value, quotes and brackets, as the aligner reads them."""

from __future__ import annotations

import pytest

from tqcheck.align.anchors import char_lengths, has_bracket, has_quote, number_values


@pytest.mark.parametrize("arabic, english, values", [
    ("أصيب ٣٠٠ شخص", "300 people were injured", {"300"}),
    ("بلغ العدد ١٬٢٠٠ جندي", "the count reached 1,200 soldiers", {"1200"}),
    ("نمو بنسبة ٣٫٥ في المئة", "growth of 3.5 percent", {"3.5"}),
    ("في عام 2019 و2020", "in 2019 and 2020", {"2019", "2020"}),
    ("ارتفع إلى 11,240 نقطة", "rose to 11,240 points", {"11240"}),
    ("نقلوا إلى ثلاثة مستشفيات", "taken to three hospitals", {"3"}),
    ("سبعين ألف لاجئ", "70,000 refugees", {"70000"}),
    ("لا أرقام هنا", "no numbers here", set()),
])
def test_numbers_by_value_agree_across_languages(arabic, english, values):
    assert number_values(arabic, "ar") == values
    assert number_values(english, "en") == values


@pytest.mark.parametrize("text, quote, bracket", [
    ("«لن نتراجع»، قال الجنرال", True, False),
    ('"We will not retreat," the general said', True, False),
    ("وزارة الصحة (في بيان)", False, True),
    ("the ministry (in a statement)", False, True),
    ("قال الوزير", False, False),
])
def test_quotes_and_brackets(text, quote, bracket):
    assert has_quote(text) is quote
    assert has_bracket(text) is bracket


def test_lengths_collapse_spaces():
    assert char_lengths(["a  b", " قال  الوزير "]) == [3, 10]
