"""The unit of work of an audit, the same whichever engine runs it: one document pair in, one report file
and one small ``DocResult`` out.

It is split in two steps so that an engine can run them in different places: ``plan_pair`` (reading and
hashing the inputs, recognising a finished report: plain CPU and I/O work) and ``check_pair`` (the whole
``tqcheck check`` pipeline, which needs the sentence encoder and, with back-translation, the translation
models). ``check_pair`` builds the document with ``tqcheck.report.document.build_document``, as ``tqcheck
check`` does, so a report is exactly the one ``tqcheck check --format json`` writes with the same options,
plus the audit's ``inputs.id``, ``inputs.sha256`` and ``inputs.fingerprint``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Mapping, Optional, Tuple

from tqcheck.audit.manifest import Pair
from tqcheck.errors import TqcheckError
from tqcheck.pipeline import Options

CHECKED = "checked"
SKIPPED = "skipped"
FAILED = "failed"

# Test-only fault injection: "ID:MARKER" makes the worker that checks pair ID die (os._exit) once, after the
# pipeline ran and before the report is written, and creates MARKER so that the retried attempt succeeds;
# "ID" alone makes it die every time.
CRASH_ENV = "TQCHECK_AUDIT_CRASH"
# Tries of a pair whose worker dies (killed, out of memory) before the pair is given up as failed.
MAX_ATTEMPTS = 3


@dataclass(frozen=True)
class Job:
    """What every worker needs besides the pair: where reports go and what ``tqcheck check`` would use.

    Attributes:
        outdir: the output folder (absolute).
        options: the pipeline options.
        policy: the gate (``tqcheck.gate.GatePolicy``); None gates on --fail-on error.
        reader_options: how bilingual TSV/CSV/JSONL inputs are read (``tqcheck.io.bilingual.ReaderOptions``).
        waivers: accepted findings (``tqcheck.waivers``), or None; waivers_file: the file they came from.
        signature: entries added to every report's signature (``{"config": ...}``, as ``check`` adds).
        formats: the renderings written beside ``reports/<id>.json`` (``reports/<id>.html``, and with
            ``check --batch --format F`` that format too).
        baseline_dir: the output folder of an earlier run: its report of a pair is that pair's baseline.
    """

    outdir: str
    options: Options = Options()
    policy: Any = None
    reader_options: Any = None
    waivers: Any = None
    waivers_file: Optional[str] = None
    signature: Mapping[str, Any] = field(default_factory=dict)
    formats: Tuple[str, ...] = ("html",)
    baseline_dir: Optional[str] = None

    def fingerprint_basis(self, pair_id: str) -> Dict[str, Any]:
        """Everything besides the input files that changes a report (waivers and baseline by their bytes)."""
        from tqcheck.audit.store import file_sha256

        basis = {"options": self.options.to_signature(), "signature": dict(self.signature),
                 "policy": repr(self.policy), "reader": repr(self.reader_options),
                 "waivers": file_sha256(self.waivers_file)}
        baseline = self.baseline_file(pair_id)
        if baseline is not None:
            basis["baseline"] = file_sha256(str(baseline))
        return basis

    def baseline_file(self, pair_id: str) -> Optional[Path]:
        """The pair's report in ``baseline_dir`` (``reports/<id>.json``, or ``<id>.json`` as ``check --batch``
        wrote it before it became an audit), if there is one."""
        if self.baseline_dir is None:
            return None
        from tqcheck.audit.store import report_path

        for path in (report_path(self.baseline_dir, pair_id), Path(self.baseline_dir) / f"{pair_id}.json"):
            if path.is_file():
                return path
        return None


@dataclass(frozen=True)
class DocResult:
    """What the driver keeps of one document: counts, corpus scores and their additive statistics.

    Attributes:
        id: the pair id.
        status: "checked" (report written now), "skipped" (a complete report was there) or "failed".
        error: the one-line message of a failed pair.
        segments / flagged: the report's segment count and flagged-segment count.
        flags: check -> severity -> number of flags.
        scores: the document's corpus scores, as in its report.
        stats: ``tqcheck.audit.aggregate.document_stats`` of the report.
        signature: the report's signature (the summary checks that every document shares one).
        gate_failed: the report's gate verdict (``gate.failed``).
    """

    id: str
    status: str
    error: Optional[str] = None
    segments: int = 0
    flagged: int = 0
    flags: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    scores: Mapping[str, Optional[float]] = field(default_factory=dict)
    stats: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    signature: Mapping[str, Any] = field(default_factory=dict)
    gate_failed: bool = False

    def to_dict(self) -> Dict[str, Any]:
        return {"id": self.id, "status": self.status, "error": self.error, "segments": self.segments,
                "flagged": self.flagged, "flags": {k: dict(v) for k, v in self.flags.items()},
                "scores": dict(self.scores), "stats": {k: dict(v) for k, v in self.stats.items()},
                "signature": dict(self.signature), "gate_failed": self.gate_failed}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "DocResult":
        return cls(**{k: d[k] for k in ("id", "status", "error", "segments", "flagged", "flags", "scores",
                                        "stats", "signature", "gate_failed")})

    def severity_count(self, severity: str) -> int:
        return sum(by_sev.get(severity, 0) for by_sev in self.flags.values())


@dataclass(frozen=True)
class Planned:
    """The outcome of ``plan_pair``: either a finished ``result`` or the ``inputs`` record to check with."""

    pair: Pair
    result: Optional[DocResult] = None
    inputs: Optional[Mapping[str, Any]] = None


def plan_pair(pair: Pair, job: Job) -> Planned:
    """Hash the pair's inputs; a complete report of the same fingerprint makes the pair ``skipped``."""
    from tqcheck.audit.store import input_record, load_complete, report_path

    try:
        record = input_record(pair, job.fingerprint_basis(pair.id), job.options.glossary)
    except TqcheckError as exc:
        return Planned(pair, result=DocResult(pair.id, FAILED, error=" ".join(str(exc).split())))
    existing = load_complete(report_path(job.outdir, pair.id), record["fingerprint"])
    if existing is not None:
        _write_renderings(existing, job, pair.id, only_if_missing=True)
        return Planned(pair, result=summarize_report(pair.id, SKIPPED, existing))
    return Planned(pair, inputs=record)


def check_pair(planned: Planned, job: Job) -> DocResult:
    """Run ``tqcheck check`` on a planned pair, write its report atomically and return its ``DocResult``."""
    if planned.result is not None:
        return planned.result
    from tqcheck.audit.store import attempts_path, load_complete, report_path
    from tqcheck.io.output import write_atomic
    from tqcheck.report.jsonout import render_json

    pair = planned.pair
    inputs = dict(planned.inputs or {})
    # A retried attempt (its worker died after writing) finds its own report: nothing to redo.
    done = load_complete(report_path(job.outdir, pair.id), inputs.get("fingerprint", ""))
    if done is not None:
        return summarize_report(pair.id, CHECKED, done)
    # Engines retry a pair whose worker died (Ray without limit): a document that kills its worker every
    # time (a crash in a native library, memory) must fail alone instead of killing workers forever.
    attempt = attempts_path(job.outdir, pair.id)
    tries = _count_attempt(attempt)
    if tries > MAX_ATTEMPTS:
        return DocResult(pair.id, FAILED, error=f"the worker process died {tries - 1} times checking it")
    try:
        doc = _report(pair, job)
    except TqcheckError as exc:
        return DocResult(pair.id, FAILED, error=" ".join(str(exc).split()))
    except Exception as exc:  # noqa: BLE001 - one document's bug must not abort an audit of millions
        return DocResult(pair.id, FAILED, error=f"internal error: {type(exc).__name__}: {exc}")
    doc["inputs"] = {**doc["inputs"], **inputs}
    _maybe_crash(pair.id)
    write_atomic(report_path(job.outdir, pair.id), render_json(doc))
    _write_renderings(doc, job, pair.id)
    attempt.unlink(missing_ok=True)
    return summarize_report(pair.id, CHECKED, doc)


def _report(pair: Pair, job: Job) -> Dict[str, Any]:
    """The report document ``tqcheck check --format json`` writes for the pair with the job's options.

    The sentence encoder's caches are reset first: what this process embedded for earlier pairs would
    otherwise change the last bits of this pair's vectors, and now and then a rounded semantic score; so
    the report is the one a fresh ``tqcheck check`` process writes, whichever worker (and engine) makes it.
    """
    from tqcheck.baseline import load_baseline
    from tqcheck.encoder import reset_encoder
    from tqcheck.gate import Gate, GatePolicy
    from tqcheck.pipeline import check_bilingual, check_files
    from tqcheck.report.document import build_document

    reset_encoder()
    if pair.bilingual:
        report = check_bilingual(pair.source, job.options, input_format=pair.input_format,
                                 reference=pair.reference, reader_options=job.reader_options)
    else:
        report = check_files(pair.source, str(pair.translation), pair.reference, job.options)
    baseline_file = job.baseline_file(pair.id)
    baseline = load_baseline(baseline_file) if baseline_file is not None else None
    gate = Gate(job.policy or GatePolicy(), waivers=job.waivers, baseline=baseline)
    return build_document(report, gate=gate, signature=job.signature)


def audit_pair(pair: Pair, job: Job) -> DocResult:
    """Both steps in one process (what the local engine's workers run)."""
    return check_pair(plan_pair(pair, job), job)


def summarize_report(pair_id: str, status: str, doc: Mapping[str, Any]) -> DocResult:
    """Reduce a report document to the ``DocResult`` the summary is built from."""
    from tqcheck.audit.aggregate import document_stats

    flags: Dict[str, Dict[str, int]] = {}
    for seg in doc["segments"]:
        for f in seg["flags"]:
            by_sev = flags.setdefault(f["check"], {})
            by_sev[f["severity"]] = by_sev.get(f["severity"], 0) + 1
    summary = doc["summary"]
    return DocResult(pair_id, status, segments=summary["segments"], flagged=summary["flagged"],
                     flags={k: dict(sorted(v.items())) for k, v in sorted(flags.items())},
                     scores=dict(summary.get("scores", {})), stats=document_stats(doc),
                     signature=dict(doc.get("signature", {})),
                     gate_failed=bool(doc.get("gate", {}).get("failed", False)))


def _write_renderings(doc: Mapping[str, Any], job: Job, pair_id: str, only_if_missing: bool = False) -> None:
    """``reports/<id>.html`` (and the other formats of ``job.formats``) beside the JSON report."""
    from tqcheck.audit.store import report_path
    from tqcheck.io.output import write_atomic
    from tqcheck.report import render

    for fmt in job.formats:
        path = report_path(job.outdir, pair_id, fmt)
        if not (only_if_missing and path.exists()):
            write_atomic(path, render(doc, fmt))


def _count_attempt(path: Path) -> int:
    """Add one to the attempt counter at ``path``; returns the attempt's number (1 for the first)."""
    try:
        tries = int(path.read_text(encoding="ascii") or 0) + 1
    except (OSError, ValueError):
        tries = 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(str(tries), encoding="ascii")
    return tries


def _maybe_crash(pair_id: str) -> None:
    spec = os.environ.get(CRASH_ENV)
    if not spec:
        return
    target, _, marker = spec.partition(":")
    if target != pair_id:
        return
    if marker:
        if os.path.exists(marker):
            return
        Path(marker).touch()
    os._exit(3)
