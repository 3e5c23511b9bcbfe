"""``tqcheck audit``: check every document pair of a manifest into a folder of reports and a summary."""

from __future__ import annotations

import sys
from typing import Optional

import click

from tqcheck.commands.check import FAIL_ON


@click.command("audit")
@click.argument("manifest", metavar="MANIFEST", type=click.Path(exists=True))
@click.option("-o", "--output", "outdir", metavar="OUTDIR", required=True,
              help="Output folder: reports/<id>.json, summary.json, summary.html.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: a process pool on this machine; ray: Ray Data on a Ray cluster (pip install 'tqcheck[ray]').")
@click.option("--ray-address", metavar="ADDR", help="Address of a running Ray cluster (default: start a local Ray instance).")
@click.option("--workers", type=int, metavar="N", help="Worker processes (local) or actors (ray); default: one per core (per GPU on a GPU cluster).")
@click.option("--aligned", is_flag=True, help="Line i of each file is segment i (no sentence splitting or alignment).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Exit 1 when a document has a flag of this severity or worse.")
@click.option("--glossary", metavar="FILE", help="Names glossary: TSV arabic<TAB>english[<TAB>variant...].")
@click.option("--checks", "checks", metavar="NAMES", help="Comma-separated checks to run (default: all).")
@click.option("--backtranslate", is_flag=True, help="Round-trip and pseudo-reference scores (needs the models of models.txt).")
@click.option("--model-dir", metavar="DIR", envvar="TQCHECK_MODELS", help="Folder of translation models [env TQCHECK_MODELS].")
@click.option("-q", "--quiet", is_flag=True, help="Print no progress and no summary line.")
def audit(manifest: str, outdir: str, engine: str, ray_address: Optional[str], workers: Optional[int],
          aligned: bool, fail_on: str, glossary: Optional[str], checks: Optional[str], backtranslate: bool,
          model_dir: Optional[str], quiet: bool) -> int:
    """Check every document pair of MANIFEST and write one report per pair plus a summary into OUTDIR.

    MANIFEST is a JSONL file, one pair a line: {"id": ..., "source": path, "translation": path,
    "reference": path or null} (paths relative to the manifest's folder), or a folder of NAME.ar.txt +
    NAME.en.txt [+ NAME.ref.en.txt]. Each pair gets the checks and scores of `tqcheck check` with the same
    options. A re-run skips the pairs whose complete report is already in OUTDIR. Exit codes: 0 the gate
    passed, 1 a document has a flag at or above --fail-on, 2 bad usage or input (or a pair that could not
    be checked; the others are still reported).
    """
    from tqcheck.audit import run_audit
    from tqcheck.audit.engines import build_engine
    from tqcheck.audit.progress import Progress
    from tqcheck.audit.summary import gate_failed, summary_line
    from tqcheck.pipeline import Options

    options = Options(
        aligned=aligned,
        checks=tuple(c.strip() for c in checks.split(",") if c.strip()) if checks else None,
        glossary=glossary,
        backtranslate=backtranslate,
        model_dir=model_dir,
    )
    runner = build_engine(engine, workers=workers, address=ray_address)
    show = not quiet and sys.stderr.isatty()
    progress = Progress(sys.stderr if show else None)
    outcome = run_audit(manifest, outdir, options, engine=runner, progress=progress)
    if not quiet:
        click.echo(summary_line(outcome.summary, outcome.checked, outcome.skipped, outdir), err=True)
        for failed in outcome.summary["failed"]:
            click.echo(f"tqcheck: error: {failed['id']}: {failed['error']}", err=True)
    if outcome.failed:
        return 2
    return 1 if gate_failed(outcome.results, fail_on) else 0

