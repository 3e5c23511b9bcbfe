"""The presentation helpers behind the HTML report: span fragments and chart geometry."""

from __future__ import annotations

from typing import List, Optional, Tuple

import pytest

from tqcheck.report.charts import flag_bars, histogram, score_domain
from tqcheck.report.highlight import Annotation, covers_whole, fragments, valid_span

AR = "وأفادت مصادر عسكرية بمقتل ٣٠٠ جندي خلال يومين"
EN = "General Sergei Sorovikin said 30 soldiers were killed"


def _ann(text: str, part: str, link: str, severity: Optional[str] = "error") -> Annotation:
    start = text.index(part)
    return Annotation(start, start + len(part), link, "number", severity)


@pytest.mark.parametrize("text,anns,marked", [
    (AR, [_ann(AR, "٣٠٠", "f0")], [("٣٠٠", ("f0",), "error")]),
    (EN, [_ann(EN, "Sergei Sorovikin", "f0", "warning"), _ann(EN, "Sorovikin", "f1", "error")],
     [("Sergei ", ("f0",), "warning"), ("Sorovikin", ("f0", "f1"), "error")]),
    (EN, [_ann(EN, "30", "m0", None)], [("30", ("m0",), None)]),
    (AR, [_ann(AR, "يومين", "m0", None), _ann(AR, "يومين", "f1", "info")], [("يومين", ("m0", "f1"), "info")]),
    (EN, [], []),
])
def test_fragments_join_back_and_carry_their_links(text: str, anns: List[Annotation],
                                                   marked: List[Tuple[str, Tuple[str, ...], Optional[str]]]) -> None:
    frags = fragments(text, anns)
    assert "".join(f.text for f in frags) == text
    assert [(f.text, f.links, f.severity) for f in frags if f.marked] == marked


@pytest.mark.parametrize("span,length,expected", [
    ([3, 7], 10, (3, 7)), ((0, 10), 10, (0, 10)), ([-2, 4], 10, (0, 4)), ([8, 40], 10, (8, 10)),
    ([7, 3], 10, None), ([4, 4], 10, None), (None, 10, None), ([1], 10, None), (["1", "2"], 10, None),
    ([False, True], 10, None), ([1.0, 2.0], 10, None),
])
def test_valid_span(span: object, length: int, expected: Optional[Tuple[int, int]]) -> None:
    assert valid_span(span, length) == expected


@pytest.mark.parametrize("text,span,whole", [
    ("قال الجيش الأوكراني", (0, 19), True), (" Shells fell on Kiev. ", (1, 21), True),
    ("Shells fell on Kiev.", (0, 6), False), ("", (0, 0), False),
])
def test_covers_whole(text: str, span: Tuple[int, int], whole: bool) -> None:
    assert covers_whole(span, text) is whole


@pytest.mark.parametrize("values,domain", [
    ([0.91, 0.5, 0.0], (0.0, 1.0)), ([66.1, 38.2, 100.0], (0.0, 100.0)), ([47.4, 133.3], (0.0, 133.3)),
    ([-0.2, 0.8], (-0.2, 0.8)), ([250.0, 250.0], (249.0, 251.0)),
])
def test_score_domain(values: List[float], domain: Tuple[float, float]) -> None:
    assert score_domain(values) == domain


@pytest.mark.parametrize("values", [
    [66.1, 88.9, 70.2, None, None, 74.8, 45.3, 79.5], [0.91, 0.94, 0.88, 0.9, 0.83, 0.95, 1.0, 0.0], [100.0] * 5,
])
def test_histogram_counts_every_scored_segment_once(values: List[Optional[float]]) -> None:
    h = histogram("chrf", values)
    assert h is not None
    scored = [v for v in values if v is not None]
    assert sum(b.count for b in h.bars) == h.scored == len(scored)
    assert h.unscored == len(values) - len(scored)
    assert max(b.height for b in h.bars) > 0 and all(b.y + b.height == pytest.approx(h.baseline) for b in h.bars)


def test_histogram_of_nothing_is_none() -> None:
    assert histogram("semantic", [None, None]) is None


def test_flag_bars_largest_first_and_stacked_by_severity() -> None:
    chart = flag_bars({"number": {"error": 2}, "name": {"error": 1, "warning": 2}, "style": {"info": 1}})
    assert [(r.check, r.total) for r in chart.rows] == [("name", 3), ("number", 2), ("style", 1)]
    name = chart.rows[0]
    assert [p[0] for p in name.pieces] == ["error", "warning"]
    assert name.pieces[1][1] == pytest.approx(name.pieces[0][1] + name.pieces[0][2], abs=0.1)
    assert name.pieces[0][2] * 2 == pytest.approx(name.pieces[1][2], abs=0.2)
