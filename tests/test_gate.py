"""Gate conditions: --fail-on, per-segment and corpus score thresholds."""

from __future__ import annotations

import csv
import json

import pytest

from _formats import FIXTURES, one_line_error, report, run
from tqcheck.gate import gate_failed
from tqcheck.io.bilingual import read_bilingual


@pytest.fixture
def reviewed_tsv(tmp_path):
    """The reviewed translation of the story (clean.xlf) against the independent reference of news.tsv."""
    refs = [u.reference for u in read_bilingual(FIXTURES / "news.tsv").units]
    units = read_bilingual(FIXTURES / "clean.xlf").units
    path = tmp_path / "reviewed.tsv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar=None)
        w.writerow(["id", "source", "translation", "reference"])
        for u, r in zip(units, refs):
            w.writerow([u.id, u.source, u.translation, r])
    return path


def test_segment_threshold_flags_each_segment_below(reviewed_tsv):
    code, doc = report(reviewed_tsv)
    assert code == 0
    chrf = sorted(s["scores"]["chrf"] for s in doc["segments"])
    bound = (chrf[1] + chrf[2]) / 2  # two segments below, four above
    code, doc = report(reviewed_tsv, "--min-chrf", bound)
    assert code == 1
    flagged = [s for s in doc["segments"] if any(f["check"] == "score" for f in s["flags"])]
    assert sorted(s["scores"]["chrf"] for s in flagged) == chrf[:2]
    flag = flagged[0]["flags"][0]
    assert flag["code"] == "min-chrf" and flag["severity"] == "error" and "--min-chrf" in flag["message"]
    assert flag["target_span"] == [0, len(flagged[0]["translation"])] and len(flag["fingerprint"]) == 64
    assert doc["summary"]["flags"] == {"score": 2}
    assert "2 flags at or above error (score 2)" in doc["gate"]["reasons"][0]
    # --fail-on never keeps the flags in the report and exits 0.
    code, doc = report(reviewed_tsv, "--min-chrf", bound, "--fail-on", "never")
    assert code == 0 and doc["summary"]["flags"] == {"score": 2} and doc["gate"]["failed"] is False


@pytest.mark.parametrize("option,offset,bound_passes", [
    ("--min-corpus-chrf", -1, True), ("--min-corpus-chrf", +1, False),
    ("--min-corpus-bleu", -1, True), ("--min-corpus-bleu", +1, False),
    ("--max-corpus-ter", +1, True), ("--max-corpus-ter", -1, False),
    ("--min-corpus-semantic", -0.01, True), ("--min-corpus-semantic", +0.01, False),
])
def test_corpus_thresholds(reviewed_tsv, option, offset, bound_passes):
    _, doc = report(reviewed_tsv)
    metric = option.rsplit("-", 1)[1]
    value = doc["summary"]["scores"][metric]
    code, doc = report(reviewed_tsv, option, round(value + offset, 4))
    assert code == (0 if bound_passes else 1)
    cond = doc["gate"]["conditions"][0]
    assert cond["condition"] == option[2:] and cond["value"] == value and cond["passed"] is bound_passes
    assert doc["summary"]["flagged"] == 0  # corpus conditions add no flag


def test_text_summary_shows_the_gate(reviewed_tsv):
    res = run("check", reviewed_tsv, "--min-corpus-chrf", "99", "--no-config")
    assert res.exit_code == 1
    assert "gate (--fail-on error): FAILED: corpus chrF++" in res.stdout and "below the minimum 99" in res.stdout


@pytest.mark.parametrize("args,message", [
    (["{xlf}", "--min-chrf", "40"], "--min-chrf: the report has no chrF++ scores; it needs reference translations"),
    (["{xlf}", "--max-corpus-ter", "50"], "--max-corpus-ter: the report has no TER scores"),
    (["{xlf}", "--min-semantic", "70"], "--min-semantic 70: semantic similarity scores are in [-1, 1]"),
    (["{xlf}", "--min-corpus-chrf", "120"], "chrF++ scores are in [0, 100]"),
    (["{xlf}", "--max-ter", "-3"], "TER scores are in >= 0"),
    (["{xlf}", "--min-bleu", "high"], "'high' is not a valid float"),
])
def test_impossible_conditions_exit_2(args, message):
    res = run("check", *[a.format(xlf=FIXTURES / "news-1.2.xlf") for a in args], "--no-config")
    assert message in one_line_error(res)


@pytest.mark.parametrize("fail_on,expected", [("error", True), ("warning", True), ("never", False)])
def test_gate_failed_kept_its_behaviour(fail_on, expected):
    from tqcheck.pipeline import Options, check_units

    units = read_bilingual(FIXTURES / "news-1.2.xlf").units
    rep = check_units(units, Options(checks=("untranslated",)))
    assert gate_failed(rep.summary["severities"], fail_on) is expected
    clean = check_units(read_bilingual(FIXTURES / "clean.xlf").units, Options(checks=("untranslated",)))
    assert gate_failed(clean.summary["severities"], fail_on) is False


def test_gate_is_recorded_in_every_report(reviewed_tsv):
    res = run("check", reviewed_tsv, "--format", "jsonl", "--no-config")
    trailer = json.loads(res.stdout.splitlines()[-1])
    assert trailer["kind"] == "summary" and trailer["gate"] == {
        "failed": False, "fail_on": "error", "reasons": [], "counted_flags": 0, "waived_flags": 0,
        "baseline_flags": 0, "conditions": []}


def test_streamed_jsonl_is_gated_like_json(reviewed_tsv, tmp_path):
    _, doc = report(reviewed_tsv)
    bound = sorted(s["scores"]["chrf"] for s in doc["segments"])[2]
    args = [reviewed_tsv, "--min-chrf", bound, "--min-corpus-bleu", "99", "--no-config"]
    as_json = json.loads(run("check", *args, "--format", "json").stdout)
    res = run("check", *args, "--format", "jsonl")
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert res.exit_code == 1
    assert [r for r in rows if r["kind"] == "segment"] == [{"kind": "segment", **s} for s in as_json["segments"]]
    assert rows[-1]["summary"] == as_json["summary"] and rows[-1]["gate"] == as_json["gate"]
    assert as_json["summary"]["flags"] == {"score": 2}
