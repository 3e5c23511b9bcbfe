"""The report document (``tqcheck.report/1``): built, signed, gated and read back here, and nowhere else.

``tqcheck check`` streams it (``write_report``: segments are gated and written as they come, so a JSON Lines
feed of any length runs in bounded memory); ``tqcheck audit`` and ``check --batch`` build it whole from a
``Report`` (``build_document``). Both put the keys in the same order and merge the signature the same way,
so a pair audited gets the bytes ``tqcheck check --format json`` writes with the same options. The shape is
described by ``tqcheck/schemas/report.schema.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional

from tqcheck.errors import InputError
from tqcheck.types import Report

FORMAT = Report.FORMAT
STREAMING_FORMATS = ("jsonl",)

Chunks = Iterable[List[Any]]


def merge_signature(signature: Mapping[str, Any], extra: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
    """The pipeline's signature with the caller's entries (the effective configuration) added over it."""
    return {**dict(signature), **dict(extra or {})}


def _head(inputs: Mapping[str, Any]) -> Dict[str, Any]:
    from tqcheck.pipeline import TOOL

    return {"format": FORMAT, "tool": dict(TOOL), "inputs": dict(inputs)}


def _finish(head: Mapping[str, Any], gate: Any, summary: Mapping[str, Any], signature: Mapping[str, Any],
            extra: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
    """The document without its segments: head, signature, gated summary and verdict."""
    gated, verdict = gate.finish(summary)
    return {**head, "signature": merge_signature(signature, extra), "summary": gated, "gate": verdict.to_dict()}


def _with_segments(doc: Mapping[str, Any], segments: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The whole document, segments before the verdict (the order every writer uses)."""
    return {**{k: v for k, v in doc.items() if k != "gate"}, "segments": segments, "gate": doc["gate"]}


def build_document(report: Report, *, gate: Any = None, signature: Optional[Mapping[str, Any]] = None
                   ) -> Dict[str, Any]:
    """The whole report document of a ``Report`` in memory, gated.

    Args:
        report: the pipeline's result (``tqcheck.pipeline.check_files`` / ``check_bilingual``).
        gate: a ``tqcheck.gate.Gate`` (score flags, waivers, baseline); the default gates on --fail-on error.
        signature: entries added to the report's signature (the effective configuration).

    Raises:
        UsageError: a score condition on a score the report does not have (chrF without a reference).
    """
    from tqcheck.gate import Gate, GatePolicy, check_available

    gate = gate or Gate(GatePolicy())
    scores = report.summary.get("scores", {})
    check_available(gate.policy.thresholds,
                    has_reference=any(scores.get(m) is not None for m in ("chrf", "bleu", "ter")))
    segments = [gate.segment(r.to_dict()) for r in report.segments]
    return _with_segments(_finish(_head(report.inputs), gate, report.summary, report.signature, signature),
                          segments)


def write_report(stream: Any, fmt: str, fh: IO[str], *, gate: Any = None,
                 signature: Optional[Mapping[str, Any]] = None,
                 progress: Optional[Callable[[Chunks], Iterator[List[Any]]]] = None,
                 keep: Optional[List[Dict[str, Any]]] = None) -> Dict[str, Any]:
    """Render a ``tqcheck.pipeline.Stream``'s results into ``fh``; returns the document without segments.

    Args:
        fmt: a renderer name (``tqcheck.report.RENDERERS``); jsonl is written as the segments come.
        gate: a ``tqcheck.gate.Gate``: each segment is gated as it is written (score flags, waivers,
            baseline) and the document gets the verdict (``gate``); the default gates on --fail-on error.
        signature: entries added to the report's signature (the effective configuration).
        progress: wraps the stream's chunks (a progress bar on a terminal).
        keep: a list that receives each gated segment (for ``--annotate``).
    """
    from tqcheck.gate import Gate, GatePolicy
    from tqcheck.report import render

    gate = gate or Gate(GatePolicy())
    chunks: Chunks = stream.results()
    if progress is not None:
        chunks = progress(chunks)
    head = _head(stream.inputs)
    if fmt in STREAMING_FORMATS:
        from tqcheck.report.jsonout import jsonl_header, jsonl_segment, jsonl_trailer

        fh.write(jsonl_header(head))
        for chunk in chunks:
            for result in chunk:
                seg = gate.segment(result.to_dict())
                if keep is not None:
                    keep.append(seg)
                fh.write(jsonl_segment(seg))
        doc = _finish(head, gate, stream.summary(), stream.signature(), signature)
        fh.write(jsonl_trailer(doc))
        return doc
    segments = [gate.segment(r.to_dict()) for chunk in chunks for r in chunk]
    if keep is not None:
        keep.extend(segments)
    doc = _finish(head, gate, stream.summary(), stream.signature(), signature)
    fh.write(render(_with_segments(doc, segments), fmt))
    return doc


def load_report(path: str | Path) -> Dict[str, Any]:
    """Read a saved JSON report (``tqcheck check --format json``); ``-`` reads standard input.

    Raises:
        InputError: missing, unreadable, not UTF-8, not JSON, or not a tqcheck report.
    """
    import sys

    from tqcheck.io.text import decode, read_text

    if str(path) == "-":
        name, text = "<stdin>", decode(sys.stdin.buffer.read(), "<stdin>")
    else:
        name, text = str(path), read_text(path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
                         "write reports with --format json") from None
    except (ValueError, RecursionError) as exc:
        from tqcheck.io.jsonl import json_limit

        raise InputError(f"{name}: not valid JSON ({json_limit(exc)})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise InputError(f"{name}: not a tqcheck report (expected \"format\": \"{FORMAT}\"); "
                         "write reports with --format json")
    segments = doc.get("segments", [])
    if not isinstance(segments, list) or not all(
            isinstance(s, dict) and isinstance(s.get("flags", []), list)
            and all(isinstance(f, dict) for f in s.get("flags", [])) for s in segments):
        raise InputError(f"{name}: malformed tqcheck report (\"segments\" must be a list of segments, each "
                         "with a list of flags); write reports with --format json")
    return doc
