"""Corpus scores over many documents, computed from what each document's report holds.

A corpus score is not the mean of document scores: BLEU, chrF++ and TER of a corpus come from summed n-gram
and edit statistics. Each worker therefore reduces its report to additive statistics (``document_stats``)
and the driver adds them up (``corpus_scores``), so the summary's scores are those ``tqcheck check`` would
give on all the segments at once, while the driver never holds the corpus's text.

Methods, by metric (recorded in the summary's signature):

- ``sufficient-statistics`` (bleu, chrf, ter): sacrebleu's own per-segment statistics, summed. Used only
  while the report's sacrebleu signature is the one rebuilt here; otherwise the weighted mean below.
- ``segment-mean`` (semantic): the report's corpus score is the mean of its segment scores, so sum and count.
- ``weighted-mean`` (any other metric, e.g. the back-translation scores): the documents' corpus scores
  weighted by their number of scored segments. An approximation, named as such.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

SUFFICIENT = "sufficient-statistics"
SEGMENT_MEAN = "segment-mean"
WEIGHTED_MEAN = "weighted-mean"


def _sacrebleu_metrics() -> Dict[str, Callable[[], Any]]:
    # The same configuration as tqcheck.metrics.sacre; the signature comparison in document_stats keeps the
    # two honest (a different configuration falls back to the weighted mean instead of a wrong number).
    from sacrebleu.metrics import BLEU, CHRF, TER

    return {"bleu": BLEU, "chrf": lambda: CHRF(word_order=2), "ter": TER}


SEGMENT_MEAN_METRICS = ("semantic",)


def document_stats(doc: Mapping[str, Any]) -> Dict[str, Dict[str, Any]]:
    """Additive statistics of each corpus score of a report document.

    Returns:
        ``{metric: {"method": ..., "stats": [numbers], "n": scored segments, "score": the document's score}}``.
    """
    corpus = doc["summary"].get("scores", {})
    segments = doc["segments"]
    sacre = _sacrebleu_metrics()
    out: Dict[str, Dict[str, Any]] = {}
    for name, value in corpus.items():
        scored = [s for s in segments if s["scores"].get(name) is not None]
        sig = doc.get("signature", {}).get("metrics", {}).get(name, {}).get("sacrebleu")
        per_segment = None
        if name in sacre and scored and sig is not None:
            metric = sacre[name]()
            per_segment = metric._extract_corpus_statistics(  # sacrebleu's additive statistics
                [s["translation"] for s in scored], [[s["reference"] for s in scored]])
            if str(metric.get_signature()) != sig:  # known only once the metric has seen the references
                per_segment = None
        if per_segment is not None:
            out[name] = {"method": SUFFICIENT, "stats": _sum_columns(per_segment)}
        elif name in SEGMENT_MEAN_METRICS:
            out[name] = {"method": SEGMENT_MEAN, "stats": [sum(s["scores"][name] for s in scored)]}
        else:
            out[name] = {"method": WEIGHTED_MEAN, "stats": []}
        out[name].update(n=len(scored), score=value)
    return out


def _sum_columns(rows: Sequence[Sequence[float]]) -> List[float]:
    total: List[float] = [0] * len(rows[0])
    for row in rows:
        total = [a + b for a, b in zip(total, row)]
    return total


def corpus_scores(docs: Sequence[Mapping[str, Mapping[str, Any]]]) -> Tuple[Dict[str, Optional[float]], Dict[str, str]]:
    """Add up the documents' statistics (in the order given, so the result is reproducible).

    Args:
        docs: ``document_stats`` of each document.

    Returns:
        The corpus score of each metric (rounded to 4 places, as in a report) and the method used for it.
    """
    names = sorted({name for d in docs for name in d})
    scores: Dict[str, Optional[float]] = {}
    methods: Dict[str, str] = {}
    sacre = _sacrebleu_metrics()
    for name in names:
        entries = [d[name] for d in docs if name in d and d[name]["n"]]
        kinds = {e["method"] for e in entries}
        method = kinds.pop() if len(kinds) == 1 else WEIGHTED_MEAN
        methods[name] = method
        n = sum(e["n"] for e in entries)
        if not entries or n == 0:
            scores[name] = None
        elif method == SUFFICIENT:
            total = _sum_columns([e["stats"] for e in entries])
            scores[name] = round(float(sacre[name]()._compute_score_from_stats(total).score), 4)
        elif method == SEGMENT_MEAN:
            scores[name] = round(sum(e["stats"][0] for e in entries) / n, 4)
        else:
            # Also where documents disagree on the method (reports made with different sacrebleu settings).
            weighted = [e for e in entries if e["score"] is not None]
            scores[name] = (round(sum(e["score"] * e["n"] for e in weighted) / sum(e["n"] for e in weighted), 4)
                            if weighted else None)
    return scores, methods
