"""The gate: does a report fail the run (exit 1)?

A report fails when a flag at or above ``--fail-on`` counts (it is neither waived nor already in the
baseline), or when a corpus score condition is not met. Score conditions come in two scopes:

- segment (``--min-chrf 40``): every scored segment below the bound gets a ``score`` flag of severity
  error, which then counts like any other flag (and can be waived or baselined like one);
- corpus (``--min-corpus-chrf 50``): the corpus score itself must meet the bound.

``--fail-on never`` turns the gate off: the report is written, the run exits 0.
The functions here work on the report document (``Report.to_dict()``), so that a saved report can be gated
again, and return new documents rather than changing their argument.
"""

from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, MutableMapping, Optional, Sequence, Tuple

from tqcheck.errors import UsageError
from tqcheck.types import SEVERITY_RANK, Flag

FAIL_ON = ("error", "warning", "never")
SCOPES = ("segment", "corpus")

# metric -> (bound, label, lowest, highest): the bound says whether the option is a minimum or a maximum.
METRICS: Dict[str, Tuple[str, str, float, Optional[float]]] = {
    "chrf": ("min", "chrF++", 0.0, 100.0),
    "bleu": ("min", "BLEU", 0.0, 100.0),
    "semantic": ("min", "semantic similarity", -1.0, 1.0),
    "ter": ("max", "TER", 0.0, None),
}


@dataclass(frozen=True)
class Threshold:
    """A score condition: ``metric`` must be >= (``min``) or <= (``max``) ``value`` in ``scope``."""

    metric: str
    value: float
    scope: str = "segment"

    def __post_init__(self) -> None:
        if self.metric not in METRICS:
            raise UsageError(f"unknown metric {self.metric!r} in a score condition; known: {', '.join(METRICS)}")
        if self.scope not in SCOPES:
            raise UsageError(f"unknown scope {self.scope!r}; known: {', '.join(SCOPES)}")
        _, label, low, high = METRICS[self.metric]
        if self.value < low or (high is not None and self.value > high):
            scale = f"[{low:g}, {high:g}]" if high is not None else f">= {low:g}"
            raise UsageError(f"--{self.option} {self.value:g}: {label} scores are in {scale}")

    @property
    def bound(self) -> str:
        return METRICS[self.metric][0]

    @property
    def option(self) -> str:
        """The option and config key: ``min-chrf``, ``min-corpus-chrf``, ``max-ter``..."""
        return option_name(self.metric, self.scope)

    def met(self, score: float) -> bool:
        return score >= self.value if self.bound == "min" else score <= self.value

    def describe(self, score: float) -> str:
        label = METRICS[self.metric][1]
        where = "corpus " if self.scope == "corpus" else ""
        if self.bound == "min":
            return f"{where}{label} {score:.4g} is below the minimum {self.value:g} (--{self.option})"
        return f"{where}{label} {score:.4g} is above the maximum {self.value:g} (--{self.option})"


def option_name(metric: str, scope: str) -> str:
    bound = METRICS[metric][0]
    return f"{bound}-corpus-{metric}" if scope == "corpus" else f"{bound}-{metric}"


def threshold_options() -> List[Tuple[str, str, str]]:
    """(option name, metric, scope) of every score condition, for the CLI and the configuration."""
    return [(option_name(m, s), m, s) for s in SCOPES for m in METRICS]


def thresholds_from(values: Mapping[str, Optional[float]]) -> Tuple[Threshold, ...]:
    """Thresholds from option values keyed by option name (``{"min-chrf": 40, "max-corpus-ter": None}``)."""
    return tuple(Threshold(m, float(values[name]), s) for name, m, s in threshold_options()
                 if values.get(name) is not None)


@dataclass(frozen=True)
class GatePolicy:
    """What fails a run: flags at or above ``fail_on`` and the score conditions."""

    fail_on: str = "error"
    thresholds: Tuple[Threshold, ...] = ()

    def __post_init__(self) -> None:
        if self.fail_on not in FAIL_ON:
            raise UsageError(f"--fail-on {self.fail_on!r}: use one of {', '.join(FAIL_ON)}")


@dataclass(frozen=True)
class GateResult:
    """The gate's verdict, with the reasons a person reads in the report."""

    failed: bool
    fail_on: str
    reasons: Tuple[str, ...] = ()
    counted: int = 0
    waived: int = 0
    known: int = 0
    conditions: Tuple[Mapping[str, Any], ...] = field(default_factory=tuple)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def to_dict(self) -> Dict[str, Any]:
        return {"failed": self.failed, "fail_on": self.fail_on, "reasons": list(self.reasons),
                "counted_flags": self.counted, "waived_flags": self.waived, "baseline_flags": self.known,
                "conditions": [dict(c) for c in self.conditions]}


def gate_failed(report: Any, fail_on: str) -> bool:
    """True when a flag of a ``Report`` is at or above ``fail_on`` ("error", "warning"; "never" never fails).

    The plain gate, without waivers, baseline or score conditions (``apply_gate`` has those).
    """
    if fail_on == "never":
        return False
    threshold = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK.get(f.severity, 0) >= threshold for r in report.segments for f in r.flags)


# ---------------------------------------------------------------- score flags

def _check_available(doc: Mapping[str, Any], thresholds: Sequence[Threshold]) -> None:
    scores = doc.get("summary", {}).get("scores", {})
    for t in thresholds:
        if scores.get(t.metric) is None:
            need = ("needs reference translations (--reference, or a reference column)"
                    if t.metric != "semantic" else "needs scored segments")
            raise UsageError(f"--{t.option}: the report has no {METRICS[t.metric][1]} scores; it {need}")


def add_score_flags(doc: Mapping[str, Any], thresholds: Sequence[Threshold]) -> Dict[str, Any]:
    """A copy of ``doc`` where each segment that misses a segment-scope condition has a ``score`` flag."""
    from tqcheck.fingerprint import fingerprint

    out = copy.deepcopy(dict(doc))
    per_segment = [t for t in thresholds if t.scope == "segment"]
    _check_available(out, thresholds)
    for seg in out.get("segments", []):
        for t in per_segment:
            value = seg.get("scores", {}).get(t.metric)
            if value is None or t.met(value):
                continue
            text = seg.get("translation") or ""
            flag = Flag(check="score", severity="error", code=t.option, message=t.describe(value),
                        target_text=text or None, target_span=(0, len(text)) if text else None)
            seg.setdefault("flags", []).append(dict(
                flag.to_dict(), fingerprint=fingerprint("score", t.option, seg.get("source"), text, None,
                                                        flag.target_text)))
    return recount(out)


def recount(doc: MutableMapping[str, Any]) -> Dict[str, Any]:
    """Recompute the summary's flag counts after flags were added or annotated (in place; returns ``doc``)."""
    by_check: Counter[str] = Counter()
    by_severity: Counter[str] = Counter()
    flagged = waived = 0
    for seg in doc.get("segments", []):
        flags = seg.get("flags", [])
        flagged += bool(flags)
        for f in flags:
            by_check[f["check"]] += 1
            by_severity[f["severity"]] += 1
            waived += bool(f.get("waived"))
    summary = doc.setdefault("summary", {})
    summary["flagged"] = flagged
    summary["flags"] = dict(sorted(by_check.items()))
    summary["severities"] = {s: by_severity.get(s, 0) for s in ("error", "warning", "info")}
    if waived:
        summary["waived"] = waived
    return doc  # type: ignore[return-value]


# ---------------------------------------------------------------- verdict

def decide(doc: Mapping[str, Any], policy: GatePolicy) -> GateResult:
    """The verdict on a report document whose flags may carry ``waived`` and ``new`` annotations."""
    counted: Counter[str] = Counter()
    waived = known = 0
    rank = SEVERITY_RANK.get(policy.fail_on, 99)
    for seg in doc.get("segments", []):
        for f in seg.get("flags", []):
            if f.get("waived"):
                waived += 1
            elif f.get("new") is False:
                known += 1
            elif SEVERITY_RANK.get(f["severity"], 0) >= rank:
                counted[f["check"]] += 1
    reasons: List[str] = []
    n = sum(counted.values())
    if n:
        detail = ", ".join(f"{k} {v}" for k, v in sorted(counted.items()))
        reasons.append(f"{n} flag{'s' if n != 1 else ''} at or above {policy.fail_on} ({detail})")
    conditions: List[Dict[str, Any]] = []
    scores = doc.get("summary", {}).get("scores", {})
    for t in policy.thresholds:
        if t.scope != "corpus":
            continue
        value = scores.get(t.metric)
        passed = value is not None and t.met(value)
        conditions.append({"condition": t.option, "metric": t.metric, "bound": t.bound, "threshold": t.value,
                           "value": value, "passed": passed})
        if not passed:
            reasons.append(t.describe(value) if value is not None else f"no {t.metric} score (--{t.option})")
    failed = policy.fail_on != "never" and bool(reasons)
    return GateResult(failed=failed, fail_on=policy.fail_on, reasons=tuple(reasons), counted=n, waived=waived,
                      known=known, conditions=tuple(conditions))


def apply_gate(doc: Mapping[str, Any], policy: GatePolicy, *, waivers: Any = None,
               baseline: Any = None) -> Tuple[Dict[str, Any], GateResult]:
    """Score flags, waivers, baseline, verdict: the report document as written, and the verdict.

    Args:
        doc: a report document (``Report.to_dict()``).
        policy: ``--fail-on`` and the score conditions.
        waivers: a ``tqcheck.waivers.Waivers`` (accepted findings) or None.
        baseline: a ``tqcheck.baseline.Baseline`` (findings of an earlier report) or None.

    Returns:
        The new document (with ``gate`` and the flag annotations) and the verdict.
    """
    out = add_score_flags(doc, policy.thresholds)
    if waivers is not None:
        from tqcheck.waivers import apply_waivers

        out = apply_waivers(out, waivers)
    if baseline is not None:
        from tqcheck.baseline import apply_baseline

        out = apply_baseline(out, baseline)
    result = decide(out, policy)
    out["gate"] = result.to_dict()
    return out, result
