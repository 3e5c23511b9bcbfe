"""Reference-free adequacy: cross-lingual cosine similarity of source and translation embeddings
(the embedded USE multilingual encoder). 1.0 means the same meaning; unrelated sentences score near 0.2."""

from __future__ import annotations

from typing import Optional, Sequence

from tqcheck.metrics.base import Metric, MetricResult, register


@register
class Semantic(Metric):
    name = "semantic"
    needs = "source"
    description = "cross-lingual cosine similarity of source and translation (USE multilingual v3)"

    def score(self, hypotheses: Sequence[str], others: Sequence[str]) -> MetricResult:
        from tqcheck.encoder import get_encoder

        encoder = get_encoder()
        if not hypotheses:
            return MetricResult(self.name, None, (), encoder.signature(), True)
        h = encoder.encode(list(hypotheses))
        s = encoder.encode(list(others))
        segs: list[Optional[float]] = [round(float(x), 4) for x in (h * s).sum(axis=1)]
        stats = (float(sum(x for x in segs if x is not None)), float(len(segs)))
        return MetricResult(self.name, self.corpus_from_stats(stats), tuple(segs), encoder.signature(), True, stats)

    def corpus_from_stats(self, stats: Sequence[float]) -> Optional[float]:
        """The corpus score is the mean of the segment scores."""
        return round(stats[0] / stats[1], 4) if stats and stats[1] else None
