"""A plain-text summary for a terminal or a CI log: the totals, the corpus scores, then each flagged segment."""

from __future__ import annotations

from typing import Any, List, Mapping

from tqcheck.report.terminal import neutralise
from tqcheck.text.placeholders import display

SEVERITY_MARK = {"error": "E", "warning": "W", "info": "I"}


def _fmt_score(value: Any) -> str:
    return "-" if value is None else f"{value:.2f}" if isinstance(value, float) else str(value)


def render_summary(doc: Mapping[str, Any]) -> str:
    s = doc["summary"]
    sev = s.get("severities", {})
    lines = [
        f"tqcheck {doc['tool']['version']}: {s['segments']} segments, {s['flagged']} flagged "
        f"({sev.get('error', 0)} errors, {sev.get('warning', 0)} warnings, {sev.get('info', 0)} info)",
    ]
    units = s.get("units")
    if units and (units.get("not_translated") or units.get("excluded")):
        lines.append(units_sentence(units, include=bool(doc.get("signature", {}).get("options", {})
                                                        .get("include_untranslated"))))
    if s.get("flags"):
        lines.append("flags: " + ", ".join(f"{k} {v}" for k, v in s["flags"].items()))
    if s.get("scores"):
        lines.append("scores: " + ", ".join(f"{k} {_fmt_score(v)}" for k, v in s["scores"].items()))
    gate = doc.get("gate")
    if gate:
        held = [f"{gate[k]} {label}" for k, label in (("waived_flags", "waived"), ("baseline_flags", "in baseline"))
                if gate.get(k)]
        state = "FAILED: " + "; ".join(gate["reasons"]) if gate["failed"] else "passed"
        lines.append(f"gate (--fail-on {gate['fail_on']}): {state}" + (f" ({', '.join(held)})" if held else ""))
    return neutralise("\n".join(lines) + "\n")


def units_sentence(units: Mapping[str, Any], include: bool = False) -> str:
    """The summary's units in words: "312 units not yet translated, not checked; 4 excluded (translate=no)"."""
    n = units.get("checked", 0)
    parts = [f"{n} unit{'s' if n != 1 else ''} checked"]
    k = units.get("not_translated", 0)
    if k:
        parts.append(f"{k} unit{'s' if k != 1 else ''} not yet translated, "
                     + ("checked anyway (--include-untranslated)" if include else "not checked"))
    m = units.get("excluded", 0)
    if m:
        parts.append(f"{m} unit{'s' if m != 1 else ''} marked translate=\"no\", excluded")
    return "; ".join(parts)


def _lines(seg: Mapping[str, Any]) -> str:
    src = ",".join(str(i + 1) for i in seg["source_lines"]) or "-"
    tgt = ",".join(str(i + 1) for i in seg["target_lines"]) or "-"
    return f"source line {src} / translation line {tgt}"


def render_text(doc: Mapping[str, Any]) -> str:
    out: List[str] = [render_summary(doc)]
    for seg in doc["segments"]:
        if not seg["flags"]:
            continue
        unit = f", unit {seg['id']}" if seg.get("id") is not None else ""
        unit += f" in {seg['original']}" if seg.get("original") else ""
        # 1-based, as the HTML report, JUnit and SARIF number segments
        out.append(f"\n#{seg['index'] + 1} ({_lines(seg)}{unit})")
        if seg["source"]:
            out.append(f"  ar: {display(seg['source'])}")
        if seg["translation"]:
            out.append(f"  en: {display(seg['translation'])}")
        if seg.get("reference"):
            out.append(f"  ref: {seg['reference']}")
        for f in seg["flags"]:
            hint = f" (suggestion: {f['suggestion']})" if f.get("suggestion") else ""
            hint += " [waived]" if f.get("waived") else " [in baseline]" if f.get("new") is False else ""
            out.append(f"  [{SEVERITY_MARK.get(f['severity'], '?')}] {f['check']}: {display(f['message'])}{hint}")
    return neutralise("\n".join(out).rstrip("\n") + "\n")
