"""`tqcheck compare A.json B.json`: paired bootstrap resampling as sacrebleu does it."""

from __future__ import annotations

import csv
import json

import pytest

from _formats import FIXTURES, one_line_error, run
from _shared import DATA, needs_shared, read_lines
from tqcheck.compare import compare_reports
from tqcheck.io.bilingual import read_bilingual


def write_tsv(path, units, translations, references):
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
        w.writerow(["id", "source", "translation", "reference"])
        for u, t, r in zip(units, translations, references):
            w.writerow([u.id, u.source, t, r])
    return path


@pytest.fixture(scope="module")
def systems(tmp_path_factory):
    """Reports of two systems on the news story: A the raw MT (planted errors), B the reviewed translation;
    both scored against the same independent reference."""
    d = tmp_path_factory.mktemp("systems")
    mt = read_bilingual(FIXTURES / "news.tsv").units
    reviewed = read_bilingual(FIXTURES / "clean.xlf").units
    refs = [u.reference for u in mt]
    paths = {}
    for name, translations in (("a", [u.translation for u in mt]), ("b", [u.translation for u in reviewed])):
        tsv = write_tsv(d / f"{name}.tsv", mt, translations, refs)
        paths[name] = d / f"{name}.json"
        res = run("check", tsv, "--format", "json", "-o", paths[name], "--fail-on", "never", "--no-config")
        assert res.exit_code == 0, res.stderr
    return paths


def test_compare_reports_sacrebleu_scores_and_intervals(systems):
    from sacrebleu.metrics import BLEU, CHRF

    a, b = (json.loads(systems[k].read_text("utf-8")) for k in "ab")
    result = compare_reports(a, b, metrics=("chrf", "bleu", "semantic"))
    chrf, bleu, sem = result.metrics
    refs = [[s["reference"] for s in a["segments"]]]
    # The scores are sacrebleu's corpus scores over every source segment (an omission is an empty hypothesis).
    hyps = [s["translation"] for s in a["segments"]]
    assert chrf.a.score == pytest.approx(CHRF(word_order=2).corpus_score(hyps, refs).score)
    assert bleu.b.score == pytest.approx(BLEU().corpus_score([s["translation"] for s in b["segments"]], refs).score)
    assert sem.a.score == pytest.approx(sum(s["scores"]["semantic"] or 0 for s in a["segments"]) / 6)
    for m in result.metrics:
        for side in (m.a, m.b):
            assert side.mean - side.ci <= side.mean <= side.mean + side.ci
        assert 0 < m.p_value <= 1
    # Six segments are too few for the difference to be significant.
    assert result.segments == 6 and not result.b_better and not result.b_worse
    # Fixed seed: the same inputs give the same numbers.
    again = compare_reports(a, b, metrics=("chrf", "bleu", "semantic"))
    assert [m.to_dict() for m in again.metrics] == [m.to_dict() for m in result.metrics]


def test_compare_cli_text_json_and_require(systems, tmp_path):
    res = run("compare", systems["a"], systems["b"])
    assert res.exit_code == 0
    assert "paired bootstrap resampling, 1000 samples, seed 12345" in res.stdout
    assert "chrF2++" in res.stdout and "BLEU" in res.stdout and "verdict: no significant difference" in res.stdout
    out = tmp_path / "cmp.json"
    res = run("compare", systems["a"], systems["b"], "--format", "json", "-o", out, "--metrics", "chrf,ter")
    doc = json.loads(out.read_text("utf-8"))
    assert doc["format"] == "tqcheck.compare/1" and [m["metric"] for m in doc["metrics"]] == ["chrf", "ter"]
    assert doc["method"]["samples"] == 1000 and "nrefs:1|bs:1000|seed:12345" in doc["method"]["sacrebleu"]["chrf"]
    assert run("compare", systems["a"], systems["b"], "--require", "better").exit_code == 1
    assert run("compare", systems["a"], systems["b"], "--require", "not-worse").exit_code == 0
    # A system against itself: no difference at all.
    res = run("compare", systems["a"], systems["a"], "--format", "json")
    assert json.loads(res.stdout)["verdict"] == "no significant difference"


@pytest.mark.parametrize("mutate,message", [
    (lambda d: d["segments"].pop(), "has 6 source segments and"),
    (lambda d: d["segments"][2].update(source="نص آخر تماماً"), "source segment 3 differs"),
    (lambda d: d["segments"][1].update(reference="Another reference."), "segment 2 has different references"),
    (lambda d: d.update(format="something/1"), "not a tqcheck report"),
])
def test_reports_must_cover_the_same_segments(systems, tmp_path, mutate, message):
    doc = json.loads(systems["b"].read_text("utf-8"))
    mutate(doc)
    other = tmp_path / "other.json"
    other.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert message in one_line_error(run("compare", systems["a"], other))


def test_without_references_semantic_is_compared(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    # news-1.2.xlf has a unit without a target: checked on request, so that both reports have the same segments
    run("check", FIXTURES / "news-1.2.xlf", "-f", "json", "-o", a, "--fail-on", "never", "--no-config",
        "--include-untranslated")
    run("check", FIXTURES / "clean.xlf", "-f", "json", "-o", b, "--fail-on", "never", "--no-config")
    res = run("compare", a, b, "--format", "json")
    assert [m["metric"] for m in json.loads(res.stdout)["metrics"]] == ["semantic"]
    assert "need references" in one_line_error(run("compare", a, b, "--metrics", "chrf"))


def _degrade(lines, every):
    """A weaker system: every ``every``-th sentence loses its second half (deterministic)."""
    out = []
    for i, line in enumerate(lines):
        words = line.split()
        out.append(" ".join(words[: max(1, len(words) // 2)]) if i % every == 0 else line)
    return out


@needs_shared
def test_significance_on_ntrex():
    """150 NTREX sentences: a system that truncates every 2nd sentence against one that truncates every 10th."""
    en = read_lines(DATA / "ntrex128" / "newstest2019-src.eng.txt", 150)
    ar = read_lines(DATA / "ntrex128" / "newstest2019-ref.arb.txt", 150)

    def doc(hyps):
        return {"format": "tqcheck.report/1", "segments": [
            {"source": s, "translation": h, "reference": r, "scores": {}} for s, h, r in zip(ar, hyps, en)]}

    weak, strong = doc(_degrade(en, 2)), doc(_degrade(en, 10))
    better = compare_reports(weak, strong, metrics=("chrf", "bleu"))
    assert better.b_better and all(m.winner == "B" and m.p_value < 0.05 for m in better.metrics)
    worse = compare_reports(strong, weak, metrics=("chrf", "bleu"))
    assert worse.b_worse and all(m.winner == "A" for m in worse.metrics)
    # The confidence intervals of the two systems do not overlap on chrF.
    chrf = better.metrics[0]
    assert chrf.a.mean + chrf.a.ci < chrf.b.mean - chrf.b.ci
