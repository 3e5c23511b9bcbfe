"""chrF for back-translation: the round trip against the Arabic source, the translation against the
forward pseudo-reference.

The round trip is compared after Arabic normalisation (digits, tatweel, diacritics, alef and yeh forms,
bidi marks: ``tqcheck.text.normalize.normalize_arabic``), because a back-translation model spells these
freely and none of them is a translation error.
"""

from __future__ import annotations

from functools import lru_cache
from typing import List, Optional, Sequence, Tuple

from tqcheck.text.normalize import normalize_arabic

NORMALISATION = "normalize_arabic(digits, tatweel, diacritics, alef, yeh, bidi marks)"


@lru_cache(maxsize=1)
def _chrf():  # type: ignore[no-untyped-def]
    from sacrebleu.metrics import CHRF

    return CHRF()


@lru_cache(maxsize=1)
def chrf_signature() -> str:
    """sacrebleu's chrF signature. sacrebleu builds it from a scored metric, so score a throw-away pair."""
    from sacrebleu.metrics import CHRF

    metric = CHRF()
    metric.corpus_score(["x"], [["x"]])
    return str(metric.get_signature().format())


def _pairs(hyps: Sequence[str], refs: Sequence[str]) -> List[Optional[Tuple[str, str]]]:
    return [(h, r) if h.strip() and r.strip() else None for h, r in zip(hyps, refs)]


def segment_chrf(hyps: Sequence[str], refs: Sequence[str]) -> List[Optional[float]]:
    """chrF of each hypothesis against its reference; None where either side is empty."""
    metric = _chrf()
    return [None if p is None else round(float(metric.sentence_score(p[0], [p[1]]).score), 4)
            for p in _pairs(hyps, refs)]


def corpus_chrf(hyps: Sequence[str], refs: Sequence[str]) -> Optional[float]:
    """chrF over the segments where both sides are non-empty; None when there are none."""
    kept = [p for p in _pairs(hyps, refs) if p is not None]
    if not kept:
        return None
    score = _chrf().corpus_score([h for h, _ in kept], [[r for _, r in kept]]).score
    return round(float(score), 4)


def arabic(texts: Sequence[str]) -> List[str]:
    """``normalize_arabic`` over a list."""
    return [normalize_arabic(t) for t in texts]
