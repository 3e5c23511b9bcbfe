"""The data that flows through tqcheck, as frozen dataclasses.

read -> ``Document`` (sentences) -> align -> ``Bead`` -> ``Segment`` -> score and check -> ``SegmentResult``
-> ``Report``. Renderers take a ``Report`` and never compute.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Tuple

Span = Tuple[int, int]

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document, with the input line it came from.

    Attributes:
        text: the sentence as it appears in the input (stripped of surrounding whitespace).
        line: 0-based line of the input file where the sentence starts.
        unit_id: an identifier carried by the input format (an XLIFF unit id), if any.
        column: 0-based column (code points) of ``text`` in its input line, when offsets into ``text`` are
            offsets into the line from there on (an ``--aligned`` line that cleaning left as it was); None
            otherwise.
    """

    text: str
    line: int
    unit_id: Optional[str] = None
    column: Optional[int] = None


@dataclass(frozen=True)
class Bead:
    """An alignment bead: source sentence indices paired with target sentence indices.

    Either side may be empty (an omission when ``target`` is empty, an addition when ``source`` is empty).
    ``score`` is the aligner's confidence in [0, 1]; ``score_without_numbers``, for a pair, the confidence
    the bead would have if its numbers were left out of the score (a changed number lowers ``score``), or
    None when not computed.
    """

    source: Tuple[int, ...]
    target: Tuple[int, ...]
    score: float = 1.0
    score_without_numbers: Optional[float] = None

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


@dataclass(frozen=True)
class Alignment:
    """The beads of one document pair, with what produced them."""

    beads: Tuple[Bead, ...]
    signature: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Segment:
    """An aligned unit that is scored and checked: one bead's text on each side.

    Attributes:
        index: 0-based position of the segment in the report.
        source_lines / target_lines: 0-based input lines (or sentence numbers in document mode) it covers.
        source / translation / reference: the joined text; ``reference`` is None without a reference.
        confidence: the alignment confidence of the bead (1.0 with ``--aligned``).
        source_sentences / target_sentences: in document mode, the sentence numbers of the bead (the lines
            above are then the input lines those sentences come from); None with ``--aligned``.
        aligned: False when the bead is an omission, an addition or below the confidence threshold; metrics
            are not computed on such segments.
        confidence_without_numbers: the bead's confidence with its numbers left out of the score (the
            aligner lowers the confidence of a pair whose numbers differ); None with ``--aligned``.
        unit_id: the input format's unit id, when there is one.
        original: the file of a multi-file bilingual container the unit belongs to (XLIFF ``original``).
        anchor: byte offset of the unit's element in a bilingual file (for ``--annotate``); not reported.
        columns: the 0-based column of the source and of the translation text in its input line (see
            ``Sentence.column``; in document mode where the bead's sentences follow each other on one line,
            one character apart), so that SARIF can give a flag's columns; None where unknown.

    Inline codes of a bilingual file are placeholder characters in ``source`` and ``translation``
    (``tqcheck.text.placeholders``).
    """

    index: int
    source_lines: Tuple[int, ...]
    target_lines: Tuple[int, ...]
    source: str
    translation: str
    reference: Optional[str] = None
    confidence: float = 1.0
    aligned: bool = True
    unit_id: Optional[str] = None
    source_sentences: Optional[Tuple[int, ...]] = None
    target_sentences: Optional[Tuple[int, ...]] = None
    confidence_without_numbers: Optional[float] = None
    original: Optional[str] = None
    anchor: Optional[int] = None
    columns: Optional[Tuple[Optional[int], Optional[int]]] = None


@dataclass(frozen=True)
class Flag:
    """One finding of a check.

    Spans are character offsets ``[start, end)`` into the segment's ``source`` and ``translation``.
    """

    check: str
    severity: str
    message: str
    source_text: Optional[str] = None
    target_text: Optional[str] = None
    source_span: Optional[Span] = None
    target_span: Optional[Span] = None
    suggestion: Optional[str] = None
    code: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "source_text": self.source_text,
            "target_text": self.target_text,
            "source_span": list(self.source_span) if self.source_span else None,
            "target_span": list(self.target_span) if self.target_span else None,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class Match:
    """Something a check found on both sides and judged equal (a name or a number), for the HTML report."""

    check: str
    source_text: str
    target_text: str
    source_span: Optional[Span] = None
    target_span: Optional[Span] = None
    value: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "source_text": self.source_text,
            "target_text": self.target_text,
            "source_span": list(self.source_span) if self.source_span else None,
            "target_span": list(self.target_span) if self.target_span else None,
            "value": self.value,
        }


@dataclass(frozen=True)
class Findings:
    """What one check says about one segment."""

    flags: Tuple[Flag, ...] = ()
    matches: Tuple[Match, ...] = ()


@dataclass(frozen=True)
class SegmentResult:
    """A segment with its scores, flags and matches."""

    segment: Segment
    scores: Mapping[str, Optional[float]] = field(default_factory=dict)
    flags: Tuple[Flag, ...] = ()
    matches: Tuple[Match, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from tqcheck.fingerprint import flag_fingerprint

        s = self.segment
        d: dict[str, Any] = {
            "index": s.index,
            "source_lines": list(s.source_lines),
            "target_lines": list(s.target_lines),
            "source": s.source,
            "translation": s.translation,
            "reference": s.reference,
            "alignment": {"confidence": round(s.confidence, 4), "aligned": s.aligned},
            "scores": dict(self.scores),
            "flags": [dict(f.to_dict(), fingerprint=flag_fingerprint(f, s)) for f in self.flags],
            "matches": [m.to_dict() for m in self.matches],
        }
        if s.source_sentences is not None:
            d["source_sentences"] = list(s.source_sentences)
            d["target_sentences"] = list(s.target_sentences or ())
        if s.unit_id is not None:
            d["id"] = s.unit_id
        if s.original is not None:
            d["original"] = s.original
        if s.columns is not None and any(c is not None for c in s.columns):
            d["columns"] = {"source": s.columns[0], "translation": s.columns[1]}
        d.update(self.extra)
        return d


@dataclass(frozen=True)
class Report:
    """Everything a renderer needs; computed once by the pipeline."""

    tool: Mapping[str, str]
    signature: Mapping[str, Any]
    summary: Mapping[str, Any]
    segments: Tuple[SegmentResult, ...]
    inputs: Mapping[str, Any] = field(default_factory=dict)

    FORMAT = "tqcheck.report/1"

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.FORMAT,
            "tool": dict(self.tool),
            "inputs": dict(self.inputs),
            "signature": dict(self.signature),
            "summary": dict(self.summary),
            "segments": [r.to_dict() for r in self.segments],
        }
