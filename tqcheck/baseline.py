"""The regression baseline: the findings of an earlier report, so that only new findings fail the gate.

Findings are matched by fingerprint, counting repeats: if the baseline had one finding with a fingerprint and
the new report has two, one of them is new. ``tqcheck.gate.Gate`` gives each flag of the new report
``"new": true`` or ``false``.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Mapping

from tqcheck.errors import InputError

REPORT_FORMAT = "tqcheck.report/1"


@dataclass(frozen=True)
class Baseline:
    path: str
    counts: Mapping[str, int]


def load_report(path: str | Path) -> Dict[str, Any]:
    """Read a tqcheck JSON report (``--format json``).

    Raises:
        InputError: missing, not JSON, or not a tqcheck report.
    """
    from tqcheck.io.text import read_text

    p = Path(path)
    try:
        doc = json.loads(read_text(p))
    except json.JSONDecodeError as exc:
        raise InputError(f"{p}: not a JSON report (line {exc.lineno}: {exc.msg}); "
                         "write reports with --format json") from None
    except (ValueError, RecursionError) as exc:
        from tqcheck.io.jsonl import json_limit

        raise InputError(f"{p}: not a JSON report ({json_limit(exc)})") from None
    if not isinstance(doc, dict) or doc.get("format") != REPORT_FORMAT:
        raise InputError(f"{p}: not a tqcheck report (expected \"format\": \"{REPORT_FORMAT}\"); "
                         "write reports with --format json")
    segments = doc.get("segments", [])
    if not isinstance(segments, list) or not all(
            isinstance(s, dict) and isinstance(s.get("flags", []), list)
            and all(isinstance(f, dict) for f in s.get("flags", [])) for s in segments):
        raise InputError(f"{p}: malformed tqcheck report (\"segments\" must be a list of segments, each "
                         "with a list of flags); write reports with --format json")
    return doc


def load_baseline(path: str | Path) -> Baseline:
    from tqcheck.fingerprint import dict_fingerprint, iter_flags

    doc = load_report(path)
    return Baseline(str(path), Counter(dict_fingerprint(f, s) for s, f in iter_flags(doc)))
