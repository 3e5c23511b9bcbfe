"""``run_audit``: pairs in, reports, summary.json and summary.html out, through any engine."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Dict, Mapping, Optional, Sequence, Union

from tqcheck.audit.engines import Engine, LocalEngine
from tqcheck.audit.manifest import Pair, load_pairs
from tqcheck.audit.progress import Progress
from tqcheck.audit.store import REPORTS
from tqcheck.audit.work import CHECKED, FAILED, SKIPPED, DocResult, Job
from tqcheck.errors import UsageError

PathLike = Union[str, Path]


@dataclass(frozen=True)
class AuditOutcome:
    """What a run did: the summary written, and how many pairs were checked now, skipped, failed."""

    summary: Mapping[str, Any]
    results: tuple  # DocResult, in manifest order
    checked: int
    skipped: int
    failed: int


def run_audit(manifest: PathLike, job: Job, *, engine: Optional[Engine] = None,
              progress: Optional[Progress] = None, absolute_inputs: bool = True) -> AuditOutcome:
    """Audit every pair of ``manifest`` (a JSONL file or a folder of pairs) into ``job.outdir``.

    Pairs whose complete report is already in ``outdir/reports`` are not checked again. A pair that cannot
    be checked (a missing or malformed input) is listed under ``failed`` in the summary; the others go on.

    Args:
        manifest: the JSONL manifest or the folder of pairs.
        job: the output folder (created) and what ``tqcheck check`` would use (``Job(outdir, options)``
            at the least); ``options.progress`` is ignored: workers draw nothing.
        engine: where the work runs (default: a local process pool).
        progress: a progress display fed with each result.
        absolute_inputs: make the input paths absolute (as the reports' ``inputs`` then show them); False
            keeps them as given (``check --batch``, whose one worker runs in this folder).

    Returns:
        An ``AuditOutcome``; the files are written.

    Raises:
        InputError: the manifest or folder is bad. UsageError: the output folder is a file or a folder of
            inputs, or ``job.baseline_dir`` is not a folder.
    """
    from tqcheck.audit.html import render_summary_html
    from tqcheck.audit.store import sweep_temporaries
    from tqcheck.audit.summary import build_summary
    from tqcheck.io.output import check_output_path, write_atomic
    from tqcheck.report.jsonout import render_json

    pairs = load_pairs(manifest, absolute=absolute_inputs)
    out = Path(job.outdir).resolve()
    _check_folders(out, pairs, job.baseline_dir)
    check_output_path(out, [manifest, *(path for p in pairs for path in p.paths().values() if path)], folder=True)
    sweep_temporaries(out)
    # Absolute paths: a worker (a Ray worker on another node) may run in another folder.
    options = job.options
    job = replace(job, outdir=str(out), options=replace(options, progress=False, glossary=_absolute(options.glossary)),
                  waivers_file=_absolute(job.waivers_file))
    engine = engine or LocalEngine()
    if progress is not None:
        progress.begin(len(pairs))

    results: Dict[str, DocResult] = {}
    for result in engine.run(pairs, job):
        # An engine that retried a pair may deliver it twice; both attempts wrote the same bytes.
        if result.id not in results:
            results[result.id] = result
            if progress is not None:
                progress.update(result)
    if progress is not None:
        progress.close()
    # Workers killed mid-write (a pool tears down its other workers when one dies) left temporaries.
    sweep_temporaries(out)
    ordered = tuple(results.get(p.id) or DocResult(p.id, FAILED, error="no result from the engine")
                    for p in pairs)
    summary = build_summary(ordered, html_reports="html" in job.formats)
    write_atomic(out / "summary.json", render_json(summary))
    write_atomic(out / "summary.html", render_summary_html(summary))
    count = {s: sum(1 for r in ordered if r.status == s) for s in (CHECKED, SKIPPED, FAILED)}
    return AuditOutcome(summary, ordered, count[CHECKED], count[SKIPPED], count[FAILED])


def _check_folders(out: Path, pairs: Sequence[Pair], baseline_dir: Optional[str]) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: -o names the folder for the reports, and this is a file")
    if baseline_dir is not None and not Path(baseline_dir).is_dir():
        raise UsageError(f"--baseline {baseline_dir}: give the output folder of an earlier run")
    folders = {Path(p).resolve().parent for pair in pairs for p in pair.paths().values() if p is not None}
    if out in folders or out / REPORTS in folders:
        raise UsageError(f"{out}: the report folder must not be a folder of inputs; choose another -o")


def _absolute(path: Optional[str]) -> Optional[str]:
    return str(Path(path).resolve()) if path else None
