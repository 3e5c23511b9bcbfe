"""The metric interface and its registry."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Dict, List, Mapping, Optional, Sequence, Tuple, Type

from tqcheck.registry import Registry


@dataclass(frozen=True)
class MetricResult:
    """Corpus and segment scores of one metric.

    ``segments`` has one entry per input pair, None where the pair was not scored (empty side). ``stats``
    are the summed sufficient statistics, so that scores of several chunks combine into the exact corpus score
    (``Metric.corpus_from_stats``) without keeping every sentence in memory.
    """

    name: str
    corpus: Optional[float]
    segments: Tuple[Optional[float], ...]
    signature: Mapping[str, Any] = field(default_factory=dict)
    higher_is_better: bool = True
    stats: Optional[Tuple[float, ...]] = None


class Metric:
    """A scorer. ``needs`` says what it compares the translation with: "reference" or "source"."""

    name: ClassVar[str] = ""
    needs: ClassVar[str] = "reference"
    higher_is_better: ClassVar[bool] = True
    description: ClassVar[str] = ""

    def score(self, hypotheses: Sequence[str], others: Sequence[str]) -> MetricResult:
        """Score ``hypotheses`` (translations) against ``others`` (references or sources), pairwise."""
        raise NotImplementedError

    def corpus_from_stats(self, stats: Sequence[float]) -> Optional[float]:
        """The corpus score from summed sufficient statistics (as in ``MetricResult.stats``)."""
        raise NotImplementedError


def add_stats(a: Optional[Sequence[float]], b: Optional[Sequence[float]]) -> Optional[Tuple[float, ...]]:
    """Element-wise sum of two statistics vectors (None is the empty sum)."""
    if a is None:
        return tuple(b) if b is not None else None
    if b is None:
        return tuple(a)
    return tuple(x + y for x, y in zip(a, b))


_REGISTRY: Registry[Metric] = Registry("metric")


def register(cls: Type[Metric]) -> Type[Metric]:
    """Class decorator that adds a metric to the registry under ``cls.name``."""
    return _REGISTRY.register(cls)


def registered() -> Dict[str, Type[Metric]]:
    return _REGISTRY.registered()


def build_metrics(names: Sequence[str]) -> List[Metric]:
    return [cls() for cls in _REGISTRY.lookup(names)]
