"""The regression baseline: the findings of an earlier report, so that only new findings fail the gate.

Findings are matched by fingerprint, counting repeats: if the baseline had one finding with a fingerprint and
the new report has two, one of them is new. ``tqcheck.gate.Gate`` gives each flag of the new report
``"new": true`` or ``false``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping


@dataclass(frozen=True)
class Baseline:
    path: str
    counts: Mapping[str, int]


def load_baseline(path: str | Path) -> Baseline:
    from tqcheck.fingerprint import dict_fingerprint, iter_flags
    from tqcheck.report.document import load_report

    doc = load_report(path)
    return Baseline(str(path), Counter(dict_fingerprint(f, s) for s, f in iter_flags(doc)))
