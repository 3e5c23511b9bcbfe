"""The number check on whole documents in document mode: a pair whose numbers differ is still checked when
the aligner is unsure of it only because of the numbers, and a pair of sentences that do not translate each
other is not (it is already a misalignment flag); with --aligned every line pair is checked."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

import pytest

from tests._shared import DATA, needs_shared, read_lines
from tqcheck.align import align_sentences
from tqcheck.pipeline import Options, check_files

pytestmark = pytest.mark.slow

# A short news story and its translation; the third sentence's number is changed (5 -> 50).
STORY_AR = [
    "قال مسؤولون إن 12 شخصا قتلوا في الهجوم على السوق المركزي يوم الأحد.",
    "وقالت الشرطة إنها اعتقلت 5 مشتبه بهم في وقت لاحق من اليوم نفسه.",
    "ومن المتوقع أن تستمر التحقيقات لعدة أسابيع.",
]
STORY_EN = [
    "Officials said 12 people were killed in the attack on the central market on Sunday.",
    "Police said they had arrested 50 suspects later the same day.",
    "The investigation is expected to last several weeks.",
]


@pytest.mark.parametrize("k,numbers", [(0, "same"), (1, "changed"), (2, "none")])
def test_the_aligner_scores_each_pair_with_and_without_its_numbers(k, numbers):
    bead = align_sentences(STORY_AR, STORY_EN).beads[k]
    assert bead.source == bead.target == (k,)
    assert bead.score_without_numbers is not None
    if numbers == "same":  # shared numbers raise the confidence
        assert bead.score_without_numbers < bead.score
    elif numbers == "changed":  # a changed number lowers it
        assert bead.score_without_numbers > bead.score
    else:
        assert bead.score_without_numbers == bead.score


def _number_flags(source: List[str], translation: List[str], line: int, aligned: bool, tmp: Path) -> List[str]:
    (tmp / "a.txt").write_text("\n".join(source) + "\n", encoding="utf-8")
    (tmp / "e.txt").write_text("\n".join(translation) + "\n", encoding="utf-8")
    report = check_files(str(tmp / "a.txt"), str(tmp / "e.txt"), None, Options(aligned=aligned))
    return [f.code for r in report.segments if line in r.segment.source_lines and r.segment.target_lines
            for f in r.flags if f.check == "number"]


def _ntrex_with_a_wrong_line() -> Dict[str, object]:
    """NTREX-128 lines 690-699, the English of line 695 replaced by line 1693 (a sentence about a shooting
    beside the Arabic of a rally announcement: «... في الساعة 7 مساءً» and "Sims, 20, ...")."""
    ar = read_lines(DATA / "ntrex128" / "newstest2019-ref.arb.txt")
    en = read_lines(DATA / "ntrex128" / "newstest2019-src.eng.txt")
    translation = en[690:700]
    translation[5] = en[1693]
    return {"source": ar[690:700], "translation": translation, "line": 5}


@pytest.mark.parametrize("case,aligned,expected", [
    (lambda: {"source": STORY_AR, "translation": STORY_EN, "line": 1}, False, ["number-changed"]),
    (lambda: {"source": STORY_AR, "translation": STORY_EN, "line": 1}, True, ["number-changed"]),
    pytest.param(_ntrex_with_a_wrong_line, False, [], marks=needs_shared, id="ntrex-wrong-line-document"),
    pytest.param(_ntrex_with_a_wrong_line, True, ["number-changed", "number-missing", "number-missing"],
                 marks=needs_shared, id="ntrex-wrong-line-aligned"),
])
def test_number_flags_in_document_mode_and_with_aligned(tmp_path, case, aligned, expected):
    c = case()
    assert sorted(_number_flags(c["source"], c["translation"], c["line"], aligned, tmp_path)) == expected
