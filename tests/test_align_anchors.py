"""Numbers by value, quotes and brackets, names by sound, as the aligner reads them."""

from __future__ import annotations

import pytest

from tqcheck.align.anchors import char_lengths, english_name_words, has_bracket, has_quote, name_anchors, number_values


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


# --- names by sound ---------------------------------------------------------------------------------

@pytest.mark.parametrize("english, names", [
    (["Mr Bone told the rally in Solihull that the plan must be scrapped."], {"solihull"}),
    (["The court heard that Judge Kavanaugh had denied it."], {"kavanaugh"}),
    (["Talks resumed in Geneva, Kyiv and Doha on Monday."], {"geneva", "kyiv", "doha"}),
    # ordinary words with a capital are translated, not transliterated: not names
    (["He spoke at the White House and the Ministry of Defense in March."], set()),
    # so are days, titles and nationalities, and names that are also ordinary words (Bone)
    (["Mr Bone, the Syrian envoy, spoke on Monday."], set()),
    # a capital at a sentence start says nothing, even for a name
    (["Sullivan arrived late.", "Kyiv was quiet."], set()),
    # once found inside a sentence, the name is the document's (the caller matches it anywhere)
    (["Sullivan arrived late.", "The envoy, Sullivan, left."], {"sullivan"}),
])
def test_english_name_words(english, names):
    assert english_name_words(english) == names


@pytest.mark.parametrize("arabic, english, heard", [
    # the same name across scripts, with clitics and the article
    (["وقال السيد بون أمام التجمع في سوليهال إن الخطة يجب أن تلغى."],
     ["Mr Bone told the rally in Solihull that the plan must be scrapped."], {"solihull"}),
    (["وصرح كافانو للجنة بأنه لم يفعل ذلك."], ["Judge Kavanaugh told the committee he had not done it."],
     {"kavanaugh"}),
    (["وتوجه الوفد إلى ليوركشير صباح اليوم."], ["The delegation went to Yorkshire this morning."], {"yorkshire"}),
    (["ووصل جونز متأخرا إلى الاجتماع."], ["Then Jones arrived late at the meeting."], {"jones"}),
    # a translated name (an exonym) is not heard, so it anchors nothing on either side
    (["وصل الوفد إلى مصر."], ["The delegation, with Egypt's envoy, arrived."], set()),
    # a name no Arabic word sounds like is no anchor
    (["قال المتحدث إن الاجتماع انتهى."], ["The spokesman, Hamish Gallagher, said the meeting ended."], set()),
])
def test_names_heard_across_scripts(arabic, english, heard):
    src, tgt = name_anchors(arabic, english)
    assert src[0] == heard
    assert tgt[0] == heard


def test_a_common_arabic_word_that_sounds_like_a_name_is_no_anchor():
    # كانت ("was") sounds like Kante; heard in many more Arabic sentences than Kante is written in English
    arabic = ["كانت المباراة صعبة.", "وكانت الجماهير غاضبة.", "كانت الأمطار غزيرة.", "كانت الشوارع مزدحمة.",
              "وسجل كانتي هدفا."]
    english = ["The match was hard.", "The crowd was angry.", "The rain was heavy.", "The streets were busy.",
               "And then Kante scored a goal."]
    src, tgt = name_anchors(arabic, english)
    assert not any(src) and not any(tgt)


def test_no_names_no_anchors():
    src, tgt = name_anchors(["قال الوزير إن المحادثات ستستأنف."], ["The minister said talks would resume."])
    assert src == [frozenset()] and tgt == [frozenset()]
