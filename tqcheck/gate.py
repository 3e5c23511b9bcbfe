"""The gate: does a report fail the run (exit 1)?

A report fails when a flag at or above ``--fail-on`` counts (it is neither waived nor already in the
baseline), or when a corpus score condition is not met. Score conditions come in two scopes:

- segment (``--min-chrf 40``): every scored segment below the bound gets a ``score`` flag of severity
  error, which then counts like any other flag (and can be waived or baselined like one);
- corpus (``--min-corpus-chrf 50``): the corpus score itself must meet the bound.

``--fail-on never`` turns the gate off: the report is written, the run exits 0.
The gate works on the segments of the report document (``SegmentResult.to_dict()``) one at a time
(``Gate``), so that a streamed report is gated as it is written (``tqcheck.report.document`` drives it).
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
    return tuple(Threshold(m, float(value), s) for name, m, s in threshold_options()
                 if (value := values.get(name)) is not None)


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


def gate_failed(severities: Mapping[str, int], fail_on: str) -> bool:
    """True when a flag is at or above ``fail_on`` ("error", "warning"; "never" never fails), given the
    count of flags by severity (``summary["severities"]``).

    The plain gate, without waivers, baseline or score conditions (``Gate`` has those).
    """
    if fail_on == "never":
        return False
    threshold = SEVERITY_RANK[fail_on]
    return any(n and SEVERITY_RANK.get(sev, 0) >= threshold for sev, n in severities.items())


# ---------------------------------------------------------------- the gate, segment by segment

def check_available(thresholds: Sequence[Threshold], has_reference: bool) -> None:
    """Refuse a condition on a score the run cannot have (chrF without a reference).

    Raises:
        UsageError: naming the option.
    """
    for t in thresholds:
        if t.metric != "semantic" and not has_reference:
            raise UsageError(f"--{t.option}: the report has no {METRICS[t.metric][1]} scores; it needs "
                             "reference translations (--reference, or a reference column)")


class Gate:
    """Applies the policy to a report one segment at a time, so that a streamed report is gated as it is
    written: ``segment()`` adds the score flags and the waiver and baseline annotations to a segment of the
    report document; ``finish()`` adjusts the summary and gives the verdict.

    Args:
        policy: ``--fail-on`` and the score conditions.
        waivers: a ``tqcheck.waivers.Waivers`` (accepted findings) or None.
        baseline: a ``tqcheck.baseline.Baseline`` (findings of an earlier report) or None.
    """

    def __init__(self, policy: GatePolicy, *, waivers: Any = None, baseline: Any = None) -> None:
        self.policy = policy
        self.waivers = waivers
        self.baseline = baseline
        self._left: Counter[str] = Counter(baseline.counts) if baseline is not None else Counter()
        self._rank = SEVERITY_RANK.get(policy.fail_on, 99)
        self.counted: Counter[str] = Counter()
        self.added: Counter[str] = Counter()  # score flags by severity
        self.newly_flagged = 0
        self.waived = 0
        self.new = 0
        self.known = 0

    def segment(self, seg: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
        """Annotate one segment of a report document (in place; returns it)."""
        from tqcheck.fingerprint import dict_fingerprint

        flags = seg.setdefault("flags", [])
        had_flags = bool(flags)
        for t in self.policy.thresholds:
            if t.scope == "segment":
                flag = self._score_flag(seg, t)
                if flag is not None:
                    flags.append(flag)
                    self.added[flag["severity"]] += 1
        self.newly_flagged += bool(flags) and not had_flags
        for flag in flags:
            fp = dict_fingerprint(flag, seg)
            flag["fingerprint"] = fp
            waiver = self.waivers.get(fp) if self.waivers is not None else None
            if waiver is not None:
                flag["waived"] = True
                flag["waiver"] = {"reason": waiver.reason, "author": waiver.author, "date": waiver.date,
                                  "file": self.waivers.path}
                self.waived += 1
            if self.baseline is not None:
                flag["new"] = self._left[fp] <= 0
                if flag["new"]:
                    self.new += 1
                else:
                    self._left[fp] -= 1
                    self.known += 1
            if waiver is None and flag.get("new") is not False and SEVERITY_RANK.get(flag["severity"], 0) >= self._rank:
                self.counted[flag["check"]] += 1
        return seg

    @staticmethod
    def _score_flag(seg: Mapping[str, Any], t: Threshold) -> Optional[Dict[str, Any]]:
        value = seg.get("scores", {}).get(t.metric)
        if value is None or t.met(value):
            return None
        text = seg.get("translation") or ""
        return Flag(check="score", severity="error", code=t.option, message=t.describe(value),
                    target_text=text or None, target_span=(0, len(text)) if text else None).to_dict()

    def finish(self, summary: Mapping[str, Any]) -> Tuple[Dict[str, Any], GateResult]:
        """The summary with the score flags, waived flags and baseline counted, and the verdict."""
        out = copy.deepcopy(dict(summary))
        n_score = sum(self.added.values())
        if n_score:
            flags = dict(out.get("flags", {}))
            flags["score"] = flags.get("score", 0) + n_score
            out["flags"] = dict(sorted(flags.items()))
            sev = dict(out.get("severities", {}))
            for k, v in self.added.items():
                sev[k] = sev.get(k, 0) + v
            out["severities"] = sev
            out["flagged"] = out.get("flagged", 0) + self.newly_flagged
        if self.waived:
            out["waived"] = self.waived
        if self.baseline is not None:
            out["baseline"] = {"file": self.baseline.path, "new": self.new, "unchanged": self.known,
                               "fixed": sum(v for v in self._left.values() if v > 0)}
        return out, self._verdict(out.get("scores", {}))

    def _verdict(self, scores: Mapping[str, Any]) -> GateResult:
        reasons: List[str] = []
        n = sum(self.counted.values())
        if n:
            detail = ", ".join(f"{k} {v}" for k, v in sorted(self.counted.items()))
            reasons.append(f"{n} flag{'s' if n != 1 else ''} at or above {self.policy.fail_on} ({detail})")
        conditions: List[Dict[str, Any]] = []
        for t in self.policy.thresholds:
            if t.scope != "corpus":
                continue
            value = scores.get(t.metric)
            passed = value is not None and t.met(value)
            conditions.append({"condition": t.option, "metric": t.metric, "bound": t.bound,
                               "threshold": t.value, "value": value, "passed": passed})
            if not passed:
                reasons.append(t.describe(value) if value is not None else f"no {t.metric} score (--{t.option})")
        return GateResult(failed=self.policy.fail_on != "never" and bool(reasons), fail_on=self.policy.fail_on,
                          reasons=tuple(reasons), counted=n, waived=self.waived, known=self.known,
                          conditions=tuple(conditions))
