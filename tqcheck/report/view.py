"""The report document (``tqcheck.report/1``) turned into what the HTML template shows.

Only presentation: texts are cut into highlighted fragments, numbers are formatted, flags are counted by
check and severity for the chart, scores are binned for the histogram. The document is validated on the way,
since a saved JSON may come from anywhere: a malformed one raises ``InputError``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from tqcheck.errors import InputError
from tqcheck.report.charts import BarChart, Histogram, decimals_for, flag_bars, histogram, score_domain
from tqcheck.report.highlight import Annotation, Fragment, covers_whole, fragments, valid_span, with_codes
from tqcheck.text.placeholders import display
from tqcheck.types import SEVERITIES, SEVERITY_RANK, Report

FORMAT = Report.FORMAT
_SLUG_RE = re.compile(r"[^a-z0-9_-]+")
# Flags and matches carry excerpts; longer ones (a whole dropped sentence) are already shown in the cells.
_EXCERPT_MAX = 80


def slug(name: str) -> str:
    """A check name made safe for a class name or an element id (``number``, ``name``, ``glossary-term``)."""
    return _SLUG_RE.sub("-", str(name).lower()).strip("-") or "other"


def severity_of(value: Any) -> str:
    """The severity as one of ``SEVERITIES``; an unknown one is shown as ``info`` rather than dropped."""
    return value if value in SEVERITIES else "info"


@dataclass(frozen=True)
class FlagView:
    id: str
    check: str
    severity: str
    code: Optional[str]
    message: str
    suggestion: Optional[str]
    source_text: Optional[str]
    target_text: Optional[str]


@dataclass(frozen=True)
class CellView:
    """One column of a segment row."""

    side: str  # "src", "mt" or "ref"
    lang: str
    dir: str
    fragments: Tuple[Fragment, ...]
    placeholder: Optional[str]  # shown instead of text when the side is empty (an omission or an addition)
    links: Tuple[str, ...] = ()  # flags that cover the whole cell
    severity: Optional[str] = None


@dataclass(frozen=True)
class SegmentView:
    pos: int
    number: int  # 1-based, as a linguist counts
    bead: str  # "1-1", "2-1", "1-0", ...
    bead_label: Optional[str]
    bead_class: Optional[str]
    lines_label: str
    unit_label: Optional[str]  # the unit id (and file) of a bilingual input, to find it in the CAT tool
    confidence: Optional[str]
    cells: Tuple[CellView, ...]
    flags: Tuple[FlagView, ...]
    worst: Optional[str]
    scores: Tuple[Tuple[str, str], ...]
    score_attrs: Tuple[Tuple[int, str], ...]  # (index into score_keys, value) for sorting


@dataclass(frozen=True)
class ReportView:
    title: str
    tool: str
    inputs: Tuple[Tuple[str, str], ...]
    segment_count: int
    flagged: int
    severity_counts: Tuple[Tuple[str, int], ...]
    corpus_scores: Tuple[Tuple[str, str, Optional[str]], ...]
    signature: Tuple[Tuple[str, str], ...]
    histograms: Tuple[Histogram, ...]
    bars: BarChart
    checks: Tuple[Tuple[str, int], ...]
    score_keys: Tuple[str, ...]
    has_reference: bool
    flag_total: int
    segments: Tuple[SegmentView, ...]
    unit_cards: Tuple[Tuple[int, str], ...] = ()  # bilingual files: units not translated yet, excluded


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _fmt(v: Any, decimals: int) -> str:
    return f"{v:.{decimals}f}" if _is_number(v) else "–"


def _text(seg: Mapping[str, Any], key: str, i: int) -> str:
    value = seg.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"segment {i}: '{key}' must be a string, not {type(value).__name__}")
    return value


def _mapping(value: Any) -> Mapping[str, Any]:
    """An optional object of the document; anything else counts as empty (these fields are informative)."""
    return value if isinstance(value, Mapping) else {}


def _list(value: Any, what: str) -> List[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(f"{what} must be a list, not {type(value).__name__}")
    return value


def _lines_label(src: Sequence[Any], tgt: Sequence[Any]) -> str:
    def rng(xs: Sequence[Any]) -> str:
        nums = sorted({x + 1 for x in xs if isinstance(x, int) and not isinstance(x, bool)})
        if not nums:
            return "—"
        return str(nums[0]) if len(nums) == 1 else f"{nums[0]}–{nums[-1]}"
    return f"ar {rng(src)} · en {rng(tgt)}"


def _bead(n_src: int, n_tgt: int) -> Tuple[Optional[str], Optional[str]]:
    """A label and a class for beads that are not one sentence to one sentence."""
    if n_src == 1 and n_tgt == 0:
        return "omission: not translated", "bead-omission"
    if n_src == 0 and n_tgt == 1:
        return "addition: no source", "bead-addition"
    if n_src > 1 and n_tgt <= 1:
        return f"merge: {n_src} source sentences → {n_tgt}", "bead-merge"
    if n_tgt > 1 and n_src <= 1:
        return f"split: {n_src} source sentence → {n_tgt}", "bead-split"
    if n_src > 1 and n_tgt > 1:
        return f"{n_src}–{n_tgt} bead", "bead-merge"
    return None, None


def _excerpt(value: Any) -> Optional[str]:
    return value if isinstance(value, str) and value and len(value) <= _EXCERPT_MAX else None


def _shown(value: Any) -> Optional[str]:
    excerpt = _excerpt(value)
    return display(excerpt) if excerpt else None


def _unit_label(seg: Mapping[str, Any]) -> Optional[str]:
    """``unit u2 · bulletin.html``: where the segment is in the bilingual file, None for plain text."""
    uid, original = seg.get("id"), seg.get("original")
    if uid is None and not original:
        return None
    parts = [f"unit {uid}"] if uid is not None else []
    if isinstance(original, str) and original:
        parts.append(original)
    return " · ".join(parts)


def _segment(pos: int, seg: Any, score_keys: Sequence[str], decimals: Mapping[str, int],
             has_reference: bool) -> SegmentView:
    if not isinstance(seg, Mapping):
        raise InputError(f"segment {pos}: expected an object, not {type(seg).__name__}")
    source, translation = _text(seg, "source", pos), _text(seg, "translation", pos)
    reference = _text(seg, "reference", pos)
    anns: Dict[str, List[Annotation]] = {"src": [], "mt": []}
    whole: Dict[str, List[Tuple[str, str]]] = {"src": [], "mt": []}
    texts = {"src": source, "mt": translation}

    def place(side: str, span: Any, ann: Annotation) -> None:
        s = valid_span(span, len(texts[side]))
        if s is None:
            return
        if covers_whole(s, texts[side]) and ann.severity is not None:
            whole[side].append((ann.link, ann.severity))
        else:
            anns[side].append(Annotation(s[0], s[1], ann.link, ann.check, ann.severity, ann.title))

    flags: List[FlagView] = []
    for j, f in enumerate(_list(seg.get("flags"), f"segment {pos}: 'flags'")):
        if not isinstance(f, Mapping):
            raise InputError(f"segment {pos}: flag {j} must be an object")
        fv = FlagView(
            id=f"f{pos}-{j}", check=slug(f.get("check", "other")), severity=severity_of(f.get("severity")),
            code=f.get("code") if isinstance(f.get("code"), str) else None,
            message=display(str(f.get("message") or "")),
            suggestion=display(f["suggestion"]) if isinstance(f.get("suggestion"), str) else None,
            source_text=_shown(f.get("source_text")), target_text=_shown(f.get("target_text")))
        flags.append(fv)
        ann = Annotation(0, 0, fv.id, fv.check, fv.severity, f"{fv.severity}: {fv.message}")
        place("src", f.get("source_span"), ann)
        place("mt", f.get("target_span"), ann)
    for j, m in enumerate(_list(seg.get("matches"), f"segment {pos}: 'matches'")):
        if not isinstance(m, Mapping):
            raise InputError(f"segment {pos}: match {j} must be an object")
        check = slug(m.get("check", "other"))
        title = display(f"{check}: {m.get('source_text', '')} = {m.get('target_text', '')}")
        ann = Annotation(0, 0, f"m{pos}-{j}", check, None, title)
        place("src", m.get("source_span"), ann)
        place("mt", m.get("target_span"), ann)

    def cell(side: str, lang: str, text: str, placeholder: str) -> CellView:
        w = whole.get(side, [])
        sev = max((s for _, s in w), key=lambda s: SEVERITY_RANK[s], default=None)
        return CellView(side=side, lang=lang, dir="rtl" if lang == "ar" else "ltr",
                        fragments=tuple(with_codes(fragments(text, anns.get(side, [])))),
                        placeholder=None if text.strip() else placeholder,
                        links=tuple(link for link, _ in w), severity=sev)

    cells = [cell("src", "ar", source, "no source sentence"),
             cell("mt", "en", translation, "not translated")]
    if has_reference:
        cells.append(cell("ref", "en", reference, "no reference"))

    src_lines = _list(seg.get("source_lines"), f"segment {pos}: 'source_lines'")
    tgt_lines = _list(seg.get("target_lines"), f"segment {pos}: 'target_lines'")
    # In document mode a bead counts sentences (two may share a line); with --aligned it counts lines.
    src_units = _list(seg.get("source_sentences"), f"segment {pos}: 'source_sentences'") or src_lines
    tgt_units = _list(seg.get("target_sentences"), f"segment {pos}: 'target_sentences'") or tgt_lines
    n_src = len(src_units) if src_units else int(bool(source.strip()))
    n_tgt = len(tgt_units) if tgt_units else int(bool(translation.strip()))
    label, klass = _bead(n_src, n_tgt)
    conf = _mapping(seg.get("alignment")).get("confidence")
    scores = _mapping(seg.get("scores"))
    index = seg.get("index")
    number = index + 1 if isinstance(index, int) and not isinstance(index, bool) else pos + 1
    worst = max((f.severity for f in flags), key=lambda s: SEVERITY_RANK[s], default=None)
    return SegmentView(
        pos=pos, number=number, bead=f"{n_src}-{n_tgt}", bead_label=label, bead_class=klass,
        lines_label=_lines_label(src_lines, tgt_lines),
        unit_label=_unit_label(seg),
        confidence=f"{conf:.2f}" if _is_number(conf) and (n_src and n_tgt) else None,
        cells=tuple(cells), flags=tuple(flags), worst=worst,
        scores=tuple((k, _fmt(scores[k], decimals[k])) for k in score_keys if k in scores),
        score_attrs=tuple((i, f"{scores[k]:.6g}") for i, k in enumerate(score_keys) if _is_number(scores.get(k))),
    )


def _flatten(value: Any, prefix: str = "") -> List[Tuple[str, str]]:
    """Nested signature mappings as (dotted key, value) rows."""
    if isinstance(value, Mapping):
        rows: List[Tuple[str, str]] = []
        for k, v in value.items():
            rows.extend(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return rows
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return [(prefix, text)]


def _corpus_score(key: str, value: Any, decimals: Mapping[str, int],
                  metrics: Mapping[str, Any]) -> Tuple[str, str, Optional[str]]:
    """(name, formatted value, signature) of a corpus score.

    A score is a number or ``{"score", "signature"}``; otherwise its signature is the report's
    ``signature.metrics[name]`` (a string, or a mapping such as ``{"sacrebleu": "nrefs:1|..."}``).
    """
    signature = metrics.get(key)
    if isinstance(value, Mapping):
        signature = value.get("signature", signature)
        value = value.get("score")
    if isinstance(signature, Mapping):
        signature = " · ".join(f"{k} {v}" for k, v in _flatten(signature))
    signature = signature if isinstance(signature, str) and signature else None
    dec = decimals.get(key) or (decimals_for(score_domain([value])) if _is_number(value) else 1)
    return key, _fmt(value, dec), signature


def _score_keys(segments: Sequence[Any]) -> List[str]:
    keys: Dict[str, None] = {}
    for seg in segments:
        if isinstance(seg, Mapping):
            keys.update(dict.fromkeys(str(k) for k in _mapping(seg.get("scores"))))
    return list(keys)


def build_view(doc: Mapping[str, Any]) -> ReportView:
    """Validate a ``tqcheck.report/1`` document and prepare everything the template shows.

    Raises:
        InputError: the document is not a tqcheck report or a field has the wrong type.
    """
    if not isinstance(doc, Mapping):
        raise InputError(f"expected a JSON object ({FORMAT}), got {type(doc).__name__}")
    fmt = doc.get("format")
    if fmt != FORMAT:
        raise InputError(f"not a tqcheck report: format is {fmt!r}, expected {FORMAT!r}")
    raw = _list(doc.get("segments"), "'segments'")
    has_reference = any(isinstance(s, Mapping) and s.get("reference") is not None for s in raw)
    score_keys = _score_keys(raw)
    values: Dict[str, List[Any]] = {
        k: [_mapping(s.get("scores")).get(k) for s in raw if isinstance(s, Mapping)] for k in score_keys}
    decimals = {k: decimals_for(score_domain([float(v) for v in vs if _is_number(v)] or [0.0]))
                for k, vs in values.items()}
    segments = tuple(_segment(i, s, score_keys, decimals, has_reference) for i, s in enumerate(raw))

    by_check: Dict[str, Dict[str, int]] = {}
    for sv in segments:
        for f in sv.flags:
            by_check.setdefault(f.check, {}).setdefault(f.severity, 0)
            by_check[f.check][f.severity] += 1
    sev_counts = {s: sum(c.get(s, 0) for c in by_check.values()) for s in SEVERITIES}

    summary = _mapping(doc.get("summary"))
    corpus = _mapping(summary.get("scores"))
    metrics = _mapping(_mapping(doc.get("signature")).get("metrics"))
    corpus_scores = tuple(_corpus_score(str(k), v, decimals, metrics) for k, v in corpus.items())
    tool = _mapping(doc.get("tool"))
    inputs = _mapping(doc.get("inputs"))
    hists = tuple(h for h in (histogram(k, values[k]) for k in score_keys) if h is not None)
    count = summary.get("segments")
    segment_count = count if isinstance(count, int) and not isinstance(count, bool) else len(segments)
    return ReportView(
        title="Translation quality report",
        tool=f"{tool.get('name', 'tqcheck')} {tool.get('version', '')}".strip(),
        # An input not given (no reference) is left out rather than shown as "null".
        inputs=tuple(_flatten({k: v for k, v in inputs.items() if v is not None})),
        segment_count=segment_count,
        flagged=sum(1 for s in segments if s.flags),
        severity_counts=tuple(sev_counts.items()),
        corpus_scores=corpus_scores,
        signature=tuple(_flatten(doc.get("signature") or {})),
        histograms=hists,
        bars=flag_bars(by_check),
        checks=tuple((c, sum(by_check[c].values())) for c in sorted(by_check)),
        score_keys=tuple(score_keys),
        has_reference=has_reference,
        flag_total=sum(sev_counts.values()),
        segments=segments,
        unit_cards=_unit_cards(_mapping(_mapping(doc.get("summary")).get("units"))),
    )


def _unit_cards(units: Mapping[str, Any]) -> Tuple[Tuple[int, str], ...]:
    """The summary's units a bilingual file did not have checked, as cards (none when all were)."""
    cards = [(units.get("not_translated"), "not yet translated, not checked"),
             (units.get("excluded"), "excluded (translate=no)")]
    return tuple((n, label) for n, label in cards if isinstance(n, int) and not isinstance(n, bool) and n > 0)
