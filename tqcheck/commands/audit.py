"""``tqcheck audit``: check every document pair of a manifest into a folder of reports and a summary."""

from __future__ import annotations

import sys
from typing import Optional

import click

from tqcheck.commands.check import check, options_from_cli

# The options of `tqcheck check` that mean the same here, taken from that command so that both stay alike.
SHARED = ("aligned", "fail_on", "glossary", "checks", "backtranslate", "model_dir")


def shared_check_options(command: click.Command) -> click.Command:
    params = {p.name: p for p in check.params}
    command.params.extend(params[name] for name in SHARED)
    return command


@shared_check_options
@click.command("audit")
@click.argument("manifest", metavar="MANIFEST", type=click.Path(exists=True))
@click.option("-o", "--output", "outdir", metavar="OUTDIR", required=True,
              help="Output folder: reports/<id>.json, summary.json, summary.html.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: a process pool on this machine; ray: Ray Data on a Ray cluster (pip install 'tqcheck[ray]').")
@click.option("--ray-address", metavar="ADDR", help="Address of a running Ray cluster (default: start a local Ray instance).")
@click.option("--workers", type=int, metavar="N", help="Worker processes (local) or actors (ray); default: one per core (per GPU on a GPU cluster).")
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

    options = options_from_cli(aligned=aligned, checks=checks, glossary=glossary, backtranslate=backtranslate,
                               model_dir=model_dir)
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

