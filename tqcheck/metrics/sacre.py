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
    per_sentence = metric._extract_corpus_statistics(list(hyps), [list(refs)])
    stats = tuple(float(sum(col)) for col in zip(*per_sentence))
    corpus = metric._compute_score_from_stats(list(stats))
    seg_metric = segment_metric or metric
    # A sentence score is the score of that sentence's own statistics (what sentence_score computes after
    # extracting them again): reusing them halves the cost, which counts on long segments.
    segs: List[Optional[float]] = [
        round(seg_metric._compute_score_from_stats(list(row)).score, 4) for row in per_sentence]
    return MetricResult(name, round(corpus.score, 4), tuple(segs),
                        {"sacrebleu": str(metric.get_signature())}, higher, stats)


class _Sacre(Metric):
    """Shared by the sacrebleu metrics: the corpus score from summed statistics, as sacrebleu computes it."""

    def _metric(self) -> Any:
        raise NotImplementedError

    def corpus_from_stats(self, stats: Sequence[float]) -> Optional[float]:
        if not stats:
            return None
        m = self._metric()
        # sacrebleu's statistics are counts; it expects ints for BLEU and chrF.
        values = [int(x) if float(x).is_integer() else x for x in stats]
        return round(m._compute_score_from_stats(values).score, 4)


@register
class Bleu(_Sacre):
    name = "bleu"
    description = "BLEU (sacrebleu, 13a tokenisation)"

    def _metric(self) -> Any:
        from sacrebleu.metrics import BLEU

        return BLEU()

    def score(self, hypotheses: Sequence[str], others: Sequence[str]) -> MetricResult:
        from sacrebleu.metrics import BLEU

        return _score(self._metric(), self.name, hypotheses, others, True, BLEU(effective_order=True))


@register
class Chrf(_Sacre):
    name = "chrf"
    description = "chrF++ (sacrebleu, character 6-grams and word 2-grams)"

    def _metric(self) -> Any:
        from sacrebleu.metrics import CHRF

        return CHRF(word_order=2)

    def score(self, hypotheses: Sequence[str], others: Sequence[str]) -> MetricResult:
        return _score(self._metric(), self.name, hypotheses, others, True)


@register
class Ter(_Sacre):
    name = "ter"
    higher_is_better = False
    description = "TER (sacrebleu), lower is better"

    def _metric(self) -> Any:
        from sacrebleu.metrics import TER

        return TER()

    def score(self, hypotheses: Sequence[str], others: Sequence[str]) -> MetricResult:
        return _score(self._metric(), self.name, hypotheses, others, False)
