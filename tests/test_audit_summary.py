"""The audit's pieces without an engine: corpus aggregation from per-document statistics, the summary and
its HTML page, the progress line and the gate."""

from __future__ import annotations

import io
import json

import pytest
import sacrebleu

from tqcheck.audit.aggregate import SEGMENT_MEAN, SUFFICIENT, WEIGHTED_MEAN, corpus_scores, document_stats
from tqcheck.audit.html import render_summary_html
from tqcheck.audit.progress import Progress
from tqcheck.audit.summary import build_summary, gate_failed
from tqcheck.audit.work import CHECKED, FAILED, SKIPPED, DocResult

# (translation, reference) of two documents
DOC_A = [("The Kremlin declined to comment on the reports.", "The Kremlin refused to comment on the reports."),
         ("Seventy thousand people fled the city.", "70,000 people fled the city.")]
DOC_B = [("Oil prices rose after OPEC decided to cut production.",
          "Oil prices climbed after OPEC's decision to cut output."),
         ("Schools will resume classes next week.", "Schools reopen next week.")]


def report_doc(pairs, semantic, extra=None):
    """A report document as `tqcheck check` writes it (only the fields aggregation reads)."""
    from tqcheck.metrics import build_metrics

    hyps, refs = [h for h, _ in pairs], [r for _, r in pairs]
    results = {m.name: m.score(hyps, refs) for m in build_metrics(["bleu", "chrf", "ter"])}
    segments = []
    for i, (h, r) in enumerate(pairs):
        scores = {name: res.segments[i] for name, res in results.items()}
        scores["semantic"] = semantic[i]
        scores.update({k: v[i] for k, v in (extra or {}).items()})
        segments.append({"translation": h, "reference": r, "scores": scores, "flags": []})
    corpus = {name: res.corpus for name, res in results.items()}
    corpus["semantic"] = round(sum(semantic) / len(semantic), 4)
    corpus.update({k: round(sum(v) / len(v), 4) for k, v in (extra or {}).items()})
    return {"summary": {"scores": corpus, "segments": len(pairs), "flagged": 0}, "segments": segments,
            "signature": {"metrics": {n: dict(r.signature) for n, r in results.items()}}}


def test_corpus_scores_equal_sacrebleu_on_all_segments():
    a = report_doc(DOC_A, [0.8, 0.7], {"roundtrip": [0.5, 0.9]})
    b = report_doc(DOC_B, [0.6, 0.9], {"roundtrip": [0.3, 0.4]})
    scores, methods = corpus_scores([document_stats(a), document_stats(b)])
    hyps = [h for h, _ in DOC_A + DOC_B]
    refs = [r for _, r in DOC_A + DOC_B]
    assert scores["bleu"] == round(sacrebleu.corpus_bleu(hyps, [refs]).score, 4)
    assert scores["chrf"] == round(sacrebleu.corpus_chrf(hyps, [refs], word_order=2).score, 4)
    assert scores["ter"] == round(sacrebleu.corpus_ter(hyps, [refs]).score, 4)
    assert scores["semantic"] == pytest.approx((0.8 + 0.7 + 0.6 + 0.9) / 4, abs=1e-4)
    # An unknown metric (a back-translation score): documents' scores weighted by scored segments.
    assert scores["roundtrip"] == pytest.approx((0.7 * 2 + 0.35 * 2) / 4, abs=1e-4)
    assert methods == {"bleu": SUFFICIENT, "chrf": SUFFICIENT, "ter": SUFFICIENT, "semantic": SEGMENT_MEAN,
                       "roundtrip": WEIGHTED_MEAN}


def test_other_sacrebleu_settings_fall_back_to_the_weighted_mean():
    doc = report_doc(DOC_A, [0.8, 0.7])
    doc["signature"]["metrics"]["bleu"]["sacrebleu"] = "nrefs:1|case:lc|eff:no|tok:intl|smooth:exp|version:2.6.0"
    stats = document_stats(doc)
    assert stats["bleu"]["method"] == WEIGHTED_MEAN and stats["chrf"]["method"] == SUFFICIENT
    scores, methods = corpus_scores([stats])
    assert scores["bleu"] == doc["summary"]["scores"]["bleu"] and methods["bleu"] == WEIGHTED_MEAN


def result(doc_id, segments, flags, status=CHECKED, error=None, scores=None):
    return DocResult(doc_id, status, error=error, segments=segments,
                     flagged=min(segments, sum(sum(v.values()) for v in flags.values())), flags=flags,
                     scores=scores or {}, signature={"options": {"aligned": True}})


RESULTS = [
    result("long-mild", 100, {"number": {"warning": 3}}),
    result("short-bad", 4, {"number": {"error": 1}, "name": {"warning": 1}}),
    result("clean", 10, {}),
    result("<b>broken</b>", 0, {}, status=FAILED, error="uneven.mt.en: --aligned needs the same number of lines"),
    result("long-bad", 200, {"number": {"error": 2}}, status=SKIPPED),
]


def test_summary_totals_worst_first_and_failures():
    s = build_summary(RESULTS)
    c = s["corpus"]
    assert (c["documents"], c["failed"], c["segments"]) == (5, 1, 314)
    assert c["flags"] == {"name": 1, "number": 6}
    assert c["flags_by_severity"]["number"] == {"error": 3, "warning": 3, "info": 0}
    assert c["severities"] == {"error": 3, "warning": 4, "info": 0}
    # errors a segment first: 1/4 beats 2/200; a clean document is not "worst".
    assert [w["id"] for w in s["worst"]] == ["short-bad", "long-bad", "long-mild"]
    assert s["failed"] == [{"id": "<b>broken</b>", "error": RESULTS[3].error}]
    assert json.loads(json.dumps(s)) == s


def test_summary_html_is_escaped_and_links_reports():
    html = render_summary_html(build_summary(RESULTS))
    assert '<a href="reports/short-bad.json">short-bad</a>' in html
    assert "&lt;b&gt;broken&lt;/b&gt;" in html and "<b>broken</b>" not in html
    assert "<script" not in html and "http" not in html.split("<body>")[0]  # self-contained


def test_gate_fails_when_any_document_failed_its_gate():
    assert not gate_failed(RESULTS)
    assert gate_failed(RESULTS + [DocResult("bad", CHECKED, segments=3, gate_failed=True)])


def test_progress_line_counts_documents_speed_and_flags():
    stream, now = io.StringIO(), [0.0]
    progress = Progress(stream, clock=lambda: now[0])
    progress.begin(3)
    now[0] = 10.0
    progress.update(RESULTS[0])       # 100 segments, 3 flags
    now[0] = 20.0
    progress.update(RESULTS[4])       # skipped: counts as done, not in the speed
    progress.update(RESULTS[3])       # failed
    progress.close()
    last = stream.getvalue().split("\r\x1b[K")[-1]
    assert last == "3/3 documents, 1 already done, 1 failed | 5.0 segments/s | 5 flags\n"


def test_no_stream_draws_nothing():
    progress = Progress(None)
    progress.begin(1)
    progress.update(RESULTS[0])
    progress.close()
    assert progress.done == 1
