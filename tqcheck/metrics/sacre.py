"""Reference-based metrics through sacrebleu: BLEU, chrF++ and TER, corpus and segment level.

Segment BLEU uses effective order (as sacrebleu's ``sentence_bleu`` does) so that short segments are not
scored zero for lacking 4-grams. The sacrebleu signature of each metric is kept for the report.
"""

from __future__ import annotations

from typing import Any, List, Optional, Sequence

from tqcheck.metrics.base import Metric, MetricResult, register


def _score(metric: Any, name: str, hyps: Sequence[str], refs: Sequence[str], higher: bool,
           segment_metric: Any = None) -> MetricResult:
    if not hyps:
        return MetricResult(name, None, (), {}, higher)
    corpus = metric.corpus_score(list(hyps), [list(refs)])
    seg_metric = segment_metric or metric
    segs: List[Optional[float]] = [
        round(seg_metric.sentence_score(h, [r]).score, 4) for h, r in zip(hyps, refs)]
    return MetricResult(name, round(corpus.score, 4), tuple(segs),
                        {"sacrebleu": str(metric.get_signature())}, higher)


@register
class Bleu(Metric):
    name = "bleu"
    description = "BLEU (sacrebleu, 13a tokenisation)"

    def score(self, hypotheses: Sequence[str], others: Sequence[str]) -> MetricResult:
        from sacrebleu.metrics import BLEU

        return _score(BLEU(), self.name, hypotheses, others, True, BLEU(effective_order=True))


@register
class Chrf(Metric):
    name = "chrf"
    description = "chrF++ (sacrebleu, character 6-grams and word 2-grams)"

    def score(self, hypotheses: Sequence[str], others: Sequence[str]) -> MetricResult:
        from sacrebleu.metrics import CHRF

        return _score(CHRF(word_order=2), self.name, hypotheses, others, True)


@register
class Ter(Metric):
    name = "ter"
    higher_is_better = False
    description = "TER (sacrebleu), lower is better"

    def score(self, hypotheses: Sequence[str], others: Sequence[str]) -> MetricResult:
        from sacrebleu.metrics import TER

        return _score(TER(), self.name, hypotheses, others, False)
