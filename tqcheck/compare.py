"""Is system B significantly better than system A? Paired bootstrap resampling over two reports.

The two reports must cover the same source segments (same texts, same order; segments with no source, i.e.
additions, are left out). For chrF++, BLEU and TER this is sacrebleu's own test (``PairedTest`` with
``test_type="bs"``): the sufficient statistics of every segment are extracted once, 1,000 resamples of the
segment indices are drawn with a fixed seed (sacrebleu's 12345, or ``SACREBLEU_SEED``), the corpus score is
recomputed from the summed statistics of each resample, and the p-value is that of the centred absolute
score differences; the 95% confidence intervals are sacrebleu's (mean ± half the 2.5-97.5 percentile range).
The reference-free semantic score has no sufficient statistics: its corpus score is the mean of the segment
scores, so the same resamples average the segment scores (a segment without a score, e.g. an untranslated
one, counts 0).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, cast

from tqcheck.errors import InputError, UsageError

REFERENCE_METRICS = ("chrf", "bleu", "ter")
METRICS = (*REFERENCE_METRICS, "semantic")
LOWER_IS_BETTER = {"ter"}


@dataclass(frozen=True)
class SystemScore:
    score: float
    mean: float
    ci: float  # half-width of the 95% interval around ``mean``

    def to_dict(self) -> Dict[str, Any]:
        return {"score": round(self.score, 4), "mean": round(self.mean, 4),
                "ci95": [round(self.mean - self.ci, 4), round(self.mean + self.ci, 4)]}


@dataclass(frozen=True)
class MetricComparison:
    metric: str
    name: str
    a: SystemScore
    b: SystemScore
    p_value: float
    alpha: float

    @property
    def delta(self) -> float:
        return self.b.score - self.a.score

    @property
    def significant(self) -> bool:
        # sacrebleu's p-value is 1/(n+1) for two identical systems (a zero difference is not put down to
        # chance); no difference is never a significant one.
        return self.p_value < self.alpha and self.delta != 0

    @property
    def winner(self) -> Optional[str]:
        """"B", "A", or None when the difference is not significant."""
        if not self.significant:
            return None
        b_better = self.delta < 0 if self.metric in LOWER_IS_BETTER else self.delta > 0
        return "B" if b_better else "A"

    def to_dict(self) -> Dict[str, Any]:
        return {"metric": self.metric, "name": self.name, "a": self.a.to_dict(), "b": self.b.to_dict(),
                "delta": round(self.delta, 4), "p_value": round(self.p_value, 4), "significant": self.significant,
                "better": self.winner}


@dataclass(frozen=True)
class Comparison:
    segments: int
    metrics: Tuple[MetricComparison, ...]
    n_samples: int
    seed: Optional[int]
    alpha: float
    signatures: Mapping[str, str]

    @property
    def b_better(self) -> bool:
        """B significantly better on at least one metric and significantly worse on none."""
        winners = [m.winner for m in self.metrics]
        return "B" in winners and "A" not in winners

    @property
    def b_worse(self) -> bool:
        return any(m.winner == "A" for m in self.metrics)

    def to_dict(self, a: str, b: str) -> Dict[str, Any]:
        return {"format": "tqcheck.compare/1", "a": a, "b": b, "segments": self.segments,
                "method": {"test": "paired bootstrap resampling", "samples": self.n_samples, "seed": self.seed,
                           "alpha": self.alpha, "confidence": 0.95, "sacrebleu": dict(self.signatures)},
                "metrics": [m.to_dict() for m in self.metrics],
                "verdict": "B better" if self.b_better else "B worse" if self.b_worse else "no significant difference"}


def _norm(text: Optional[str]) -> str:
    """The text compared across reports: whitespace runs as one space, inline-code placeholders left out
    (two exports of one source may carry different codes)."""
    from tqcheck.text.placeholders import strip

    return " ".join(strip(text or "").split())


def paired_segments(a: Mapping[str, Any], b: Mapping[str, Any], name_a: str = "A", name_b: str = "B"
                    ) -> List[Tuple[Mapping[str, Any], Mapping[str, Any]]]:
    """The segments of two reports paired by position, after checking they have the same sources.

    Raises:
        InputError: the reports do not cover the same source segments.
    """
    sa = [s for s in a.get("segments", []) if _norm(s.get("source"))]
    sb = [s for s in b.get("segments", []) if _norm(s.get("source"))]
    if len(sa) != len(sb):
        raise InputError(f"{name_a} has {len(sa)} source segments and {name_b} has {len(sb)}: the reports must "
                         "cover the same source segments (check both with --aligned, or the same bilingual file)")
    for i, (x, y) in enumerate(zip(sa, sb)):
        if _norm(x["source"]) != _norm(y["source"]):
            raise InputError(f"source segment {i + 1} differs between {name_a} and {name_b} "
                             f"(«{x['source'][:40]}» vs «{y['source'][:40]}»): the reports must cover the same "
                             "source segments")
    if not sa:
        raise InputError(f"{name_a} and {name_b} have no source segment to compare")
    return list(zip(sa, sb))


def _references(pairs: Sequence[Tuple[Mapping[str, Any], Mapping[str, Any]]], name_a: str, name_b: str
                ) -> Optional[List[str]]:
    refs: List[str] = []
    for i, (x, y) in enumerate(pairs):
        ra, rb = _norm(x.get("reference")), _norm(y.get("reference"))
        if not ra and not rb:
            return None
        if ra and rb and ra != rb:
            raise InputError(f"segment {i + 1} has different references in {name_a} and {name_b}; "
                             "compare systems on the same reference")
        refs.append(x.get("reference") or y.get("reference") or "")
    return refs


def _seed() -> Optional[int]:
    seed = os.environ.get("SACREBLEU_SEED", "12345")
    return None if seed.lower() == "none" else int(seed)


def _sacrebleu_metrics(names: Sequence[str]) -> Dict[str, Any]:
    from sacrebleu.metrics import BLEU, CHRF, TER

    # The same settings as the report's metrics (tqcheck.metrics.sacre).
    make: Dict[str, Callable[[], Any]] = {"chrf": lambda: CHRF(word_order=2), "bleu": BLEU, "ter": TER}
    return {n: make[n]() for n in names}


def compare_reports(a: Mapping[str, Any], b: Mapping[str, Any], *, metrics: Optional[Sequence[str]] = None,
                    n_samples: int = 1000, alpha: float = 0.05, name_a: str = "A", name_b: str = "B") -> Comparison:
    """Paired bootstrap resampling of B against A (the baseline).

    Args:
        a, b: report documents (``--format json``).
        metrics: among chrf, bleu, ter, semantic; default chrf and bleu when the segments have references,
            semantic otherwise.
        n_samples: bootstrap resamples (sacrebleu's default is 1000).
        alpha: significance level.

    Raises:
        InputError: the reports do not match. UsageError: a reference metric without references.
    """
    import numpy as np
    from sacrebleu.significance import PairedTest, estimate_ci

    pairs = paired_segments(a, b, name_a, name_b)
    refs = _references(pairs, name_a, name_b)
    if metrics is None:
        metrics = ("chrf", "bleu") if refs is not None else ("semantic",)
    unknown = [m for m in metrics if m not in METRICS]
    if unknown:
        raise UsageError(f"unknown metric {unknown[0]!r}; compare knows {', '.join(METRICS)}")
    if refs is None and any(m in REFERENCE_METRICS for m in metrics):
        raise UsageError("chrF, BLEU and TER need references in the reports (check with --reference); "
                         "without them compare --metrics semantic")
    hyps_a = [x.get("translation") or "" for x, _ in pairs]
    hyps_b = [y.get("translation") or "" for _, y in pairs]
    seed = _seed()
    results: List[MetricComparison] = []
    signatures: Dict[str, str] = {}
    ref_metrics = [m for m in metrics if m in REFERENCE_METRICS]
    if ref_metrics:
        assert refs is not None
        test = PairedTest([(name_a, hyps_a), (name_b, hyps_b)], _sacrebleu_metrics(ref_metrics), [refs],
                          test_type="bs", n_samples=n_samples)
        sigs, table = test()
        for metric, (name, rows) in zip(ref_metrics, [(k, v) for k, v in table.items() if k != "System"]):
            ra, rb = cast(Sequence[Any], rows)  # sacrebleu's Result of each system
            # sacrebleu hands back numpy float32s; plain floats keep the JSON writable.
            results.append(MetricComparison(metric, name,
                                            SystemScore(float(ra.score), float(ra.mean), float(ra.ci)),
                                            SystemScore(float(rb.score), float(rb.mean), float(rb.ci)),
                                            float(rb.p_value), alpha))
            signatures[metric] = str(sigs[name])
    if "semantic" in metrics:
        sem_a = np.array([float(x.get("scores", {}).get("semantic") or 0.0) for x, _ in pairs])
        sem_b = np.array([float(y.get("scores", {}).get("semantic") or 0.0) for _, y in pairs])
        # The resampling of sacrebleu's _paired_bs_test, on the mean of the segment scores.
        idxs = np.random.default_rng(seed).choice(len(pairs), size=(n_samples, len(pairs)), replace=True)
        boot_a, boot_b = sem_a[idxs].mean(axis=1), sem_b[idxs].mean(axis=1)
        diffs = np.abs(boot_b - boot_a)
        real = abs(sem_b.mean() - sem_a.mean())
        p = (np.sum((diffs - diffs.mean()) > real).item() + 1) / (n_samples + 1)
        (ma, ca), (mb, cb) = estimate_ci(boot_a), estimate_ci(boot_b)
        results.append(MetricComparison("semantic", "semantic", SystemScore(float(sem_a.mean()), float(ma), float(ca)),
                                        SystemScore(float(sem_b.mean()), float(mb), float(cb)), float(p), alpha))
    order = {m: i for i, m in enumerate(metrics)}
    results.sort(key=lambda r: order[r.metric])
    return Comparison(len(pairs), tuple(results), n_samples, seed, alpha, signatures)


def render_comparison_text(c: Comparison, a: str, b: str) -> str:
    lines = [f"A = {a}", f"B = {b}",
             f"{c.segments} segments; paired bootstrap resampling, {c.n_samples} samples, seed {c.seed}, "
             f"95% confidence intervals", ""]
    rows = [("metric", "A", "A 95% CI", "B", "B 95% CI", "B-A", "p", "")]
    for m in c.metrics:
        verdict = {"B": "B better", "A": "B worse", None: "not significant"}[m.winner]
        rows.append((m.name, f"{m.a.score:.4g}", f"[{m.a.mean - m.a.ci:.4g}, {m.a.mean + m.a.ci:.4g}]",
                     f"{m.b.score:.4g}", f"[{m.b.mean - m.b.ci:.4g}, {m.b.mean + m.b.ci:.4g}]",
                     f"{m.delta:+.4g}", f"{m.p_value:.4f}", verdict))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows]
    if c.b_better:
        verdict = f"B is significantly better than A (p < {c.alpha:g})"
    elif c.b_worse:
        verdict = f"B is significantly worse than A on at least one metric (p < {c.alpha:g})"
    else:
        verdict = f"no significant difference between A and B (p >= {c.alpha:g})"
    lines += ["", f"verdict: {verdict}"]
    return "\n".join(lines) + "\n"
