"""Omissions and additions, read off the alignment: a bead with an empty side, or one the aligner is unsure of."""

from __future__ import annotations

from tqcheck.checks.base import CheckContext, SegmentCheck, register
from tqcheck.types import Findings, Flag, Segment


def _excerpt(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@register
class OmissionCheck(SegmentCheck):
    """A source sentence with no counterpart in the translation."""

    name = "omission"
    description = "source sentences that the translation leaves out (1-0 beads)"

    def check_segment(self, segment: Segment, context: CheckContext) -> Findings:
        if segment.source.strip() and not segment.translation.strip():
            return Findings(flags=(Flag(
                check=self.name, severity="error", code="dropped-sentence",
                message=f"source sentence has no translation: «{_excerpt(segment.source)}»",
                source_text=segment.source, source_span=(0, len(segment.source)),
            ),))
        return Findings()


@register
class AdditionCheck(SegmentCheck):
    """A translation sentence with no counterpart in the source."""

    name = "addition"
    description = "translation sentences with nothing in the source (0-1 beads)"

    def check_segment(self, segment: Segment, context: CheckContext) -> Findings:
        if segment.translation.strip() and not segment.source.strip():
            return Findings(flags=(Flag(
                check=self.name, severity="error", code="added-sentence",
                message=f"translation sentence has no source: \"{_excerpt(segment.translation)}\"",
                target_text=segment.translation, target_span=(0, len(segment.translation)),
            ),))
        return Findings()


@register
class AlignmentConfidenceCheck(SegmentCheck):
    """A bead the aligner paired with low confidence: likely a mistranslation, an omission or an addition."""

    name = "misalignment"
    description = "segments whose source and translation do not look like translations of each other"

    def check_segment(self, segment: Segment, context: CheckContext) -> Findings:
        if not (segment.source.strip() and segment.translation.strip()) or segment.aligned:
            return Findings()
        return Findings(flags=(Flag(
            check=self.name, severity="warning", code="low-confidence",
            message=(f"source and translation may not correspond (alignment confidence "
                     f"{segment.confidence:.2f}); part of the meaning may be lost or added"),
            source_text=segment.source, target_text=segment.translation,
            source_span=(0, len(segment.source)), target_span=(0, len(segment.translation)),
        ),))
