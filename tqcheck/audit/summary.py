"""The audit summary (format ``tqcheck.audit/1``), built from the documents' ``DocResult``s in manifest order.

It holds no timestamp, path of the output folder or engine name, so the same inputs and options give the
same bytes on any engine and on a re-run.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Dict, List, Mapping, Optional, Sequence

from tqcheck import __version__
from tqcheck.audit.aggregate import corpus_scores
from tqcheck.audit.work import FAILED, DocResult
from tqcheck.types import SEVERITIES

SUMMARY_FORMAT = "tqcheck.audit/1"
WORST = 10


def build_summary(results: Sequence[DocResult], *, html_reports: bool = False) -> Dict[str, Any]:
    """The summary document.

    Args:
        results: one result per pair, in manifest order.
        html_reports: whether ``reports/<id>.html`` were written (the rows then link them).
    """
    done = [r for r in results if r.status != FAILED]
    scores, methods = corpus_scores([r.stats for r in done])
    by_check: Dict[str, Counter[str]] = {}
    for r in done:
        for check, by_sev in r.flags.items():
            by_check.setdefault(check, Counter()).update(by_sev)
    severities = {s: sum(c.get(s, 0) for c in by_check.values()) for s in SEVERITIES}
    rows = [_row(r, html_reports) for r in done]
    return {
        "format": SUMMARY_FORMAT,
        "tool": {"name": "tqcheck", "version": __version__},
        "signature": {**_common_signature(done), "aggregation": methods},
        "corpus": {
            "documents": len(results),
            "failed": len(results) - len(done),
            "gate_failed": sum(1 for r in done if r.gate_failed),
            "segments": sum(r.segments for r in done),
            "flagged": sum(r.flagged for r in done),
            "flags": {c: sum(n.values()) for c, n in sorted(by_check.items())},
            "severities": severities,
            "flags_by_severity": {c: {s: n.get(s, 0) for s in SEVERITIES} for c, n in sorted(by_check.items())},
            "scores": scores,
        },
        "worst": [row for row in sorted(rows, key=_badness) if row["flagged"]][:WORST],
        "documents": rows,
        "failed": [{"id": r.id, "error": r.error} for r in results if r.status == FAILED],
    }


def _row(r: DocResult, html_reports: bool) -> Dict[str, Any]:
    return {
        "id": r.id,
        "segments": r.segments,
        "flagged": r.flagged,
        "gate_failed": r.gate_failed,
        "severities": {s: r.severity_count(s) for s in SEVERITIES},
        "flags": {c: sum(n.values()) for c, n in r.flags.items()},
        "scores": dict(r.scores),
        "report": f"reports/{r.id}.json",
        "report_html": f"reports/{r.id}.html" if html_reports else None,
    }


def _badness(row: Mapping[str, Any]) -> Any:
    """Worst first: errors a segment, then warnings a segment, then flagged segments a segment; id breaks ties."""
    n = max(row["segments"], 1)
    sev = row["severities"]
    return (-sev["error"] / n, -sev["warning"] / n, -row["flagged"] / n, row["id"])


def _common_signature(done: Sequence[DocResult]) -> Dict[str, Any]:
    """The reports' shared signature. ``metrics`` is the union over documents (a document without a
    reference has no BLEU signature); ``alignment`` is the first document's (in document mode it may carry
    per-document details). Documents whose signature contradicts the others are listed in ``differs_in``."""
    if not done:
        return {}
    first = {k: v for k, v in done[0].signature.items() if k != "metrics"}
    metrics: Dict[str, Any] = {}
    differing: List[str] = []
    for r in done:
        rest = {k: v for k, v in r.signature.items() if k not in ("metrics", "alignment")}
        clash = rest != {k: v for k, v in first.items() if k != "alignment"}
        for name, sig in r.signature.get("metrics", {}).items():
            clash = clash or metrics.setdefault(name, sig) != sig
        if clash:
            differing.append(r.id)
    out = {**first, "metrics": dict(sorted(metrics.items()))}
    if differing:
        out["differs_in"] = differing
    return out


def gate_failed(results: Sequence[DocResult]) -> bool:
    """True when some document's report failed its gate (flags at or above --fail-on, score conditions)."""
    return any(r.gate_failed for r in results)


def exit_code(outcome: Any) -> int:
    """2 when a pair could not be checked, else 1 when a document failed its gate, else 0."""
    if outcome.failed:
        return 2
    return 1 if gate_failed(outcome.results) else 0


def summary_line(summary: Mapping[str, Any], checked: int, skipped: int, outdir: Optional[str] = None) -> str:
    """One line for the terminal at the end of a run."""
    c = summary["corpus"]
    sev = c["severities"]
    scores = ", ".join(f"{k} {v:.2f}" for k, v in c["scores"].items() if v is not None)
    line = (f"tqcheck audit: {c['documents']} documents ({checked} checked, {skipped} already done, "
            f"{c['failed']} failed), {c['segments']} segments, {c['flagged']} flagged "
            f"({sev['error']} errors, {sev['warning']} warnings, {sev['info']} info)")
    if scores:
        line += f"; {scores}"
    if outdir:
        line += f"\nsummary written to {outdir}/summary.json and {outdir}/summary.html"
    return line
