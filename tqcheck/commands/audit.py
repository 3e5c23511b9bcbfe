"""``tqcheck audit``: check every document pair of a manifest into a folder of reports and a summary."""

from __future__ import annotations

import sys
from typing import Any, Optional

import click

from tqcheck.commands.settings import preflight, resolve_settings, shared_options, show_progress


# Every option of `tqcheck check` but its inputs and outputs is an option of `audit` too (shared_options),
# resolved by the same code (command line over tqcheck.toml).
@click.command("audit")
@click.argument("manifest", metavar="MANIFEST", type=click.Path(exists=True))
@click.option("-o", "--output", "outdir", metavar="OUTDIR", required=True,
              help="Output folder: reports/<id>.json, summary.json, summary.html.")
@click.option("--engine", "runner", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: a process pool on this machine; ray: Ray Data on a Ray cluster "
                   "(pip install 'tqcheck[ray]').")
@click.option("--ray-address", metavar="ADDR",
              help="Address of a running Ray cluster (default: start a local Ray instance).")
@click.option("--workers", type=int, metavar="N",
              help="Worker processes (local) or actors (ray); default: one per core (per GPU on a GPU cluster).")
@click.option("-q", "--quiet", is_flag=True, help="Print no progress and no summary line.")
@shared_options
@click.pass_context
def audit(ctx: click.Context, manifest: str, outdir: str, runner: str, ray_address: Optional[str],
          workers: Optional[int], quiet: bool, config_file: Optional[str], no_config: bool, **params: Any) -> int:
    """Check every document pair of MANIFEST and write one report per pair plus a summary into OUTDIR.

    MANIFEST is a JSONL file, one pair a line: {"id": ..., "source": path, "translation": path,
    "reference": path or null} (paths relative to the manifest's folder; every id a safe file name, every
    file present: docs/ci-and-formats.md, "The manifest"), or a folder of pairs
    (NAME.ar.txt + NAME.en.txt [+ NAME.ref.en.txt], bilingual files, or its manifest.jsonl).
    Each pair gets the report `tqcheck check --format json` writes with the same options and tqcheck.toml.
    A re-run skips the pairs whose complete report is already in OUTDIR. Exit codes: 0 every gate passed,
    1 a document failed its gate, 2 bad usage or input (or a pair that could not be checked; the others are
    still reported).
    """
    from tqcheck.audit import run_audit
    from tqcheck.audit.engines import build_engine
    from tqcheck.audit.progress import Progress
    from tqcheck.audit.summary import exit_code, summary_line
    from tqcheck.audit.work import Job

    setup = resolve_settings(ctx, params, config_file, no_config)
    if runner == "local":  # Ray's workers may have the GPUs this driver lacks: actor_plan checks the cluster
        preflight(setup.options)
    job = Job(outdir, setup.options, setup.policy, setup.reader_options, setup.waivers,
              setup.settings["waivers"], setup.signature)
    engine = build_engine(runner, workers=workers, address=ray_address)
    show = not quiet and show_progress()
    outcome = run_audit(manifest, job, engine=engine, progress=Progress(sys.stderr if show else None))
    if not quiet:
        click.echo(summary_line(outcome.summary, outcome.checked, outcome.skipped, outdir), err=True)
        for failed in outcome.summary["failed"]:
            click.echo(f"tqcheck: error: {failed['id']}: {failed['error']}", err=True)
    return exit_code(outcome)
