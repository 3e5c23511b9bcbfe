"""``tqcheck check``: align, score and check a translation; exit 1 when the gate fails."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Optional

import click

from tqcheck.report import RENDERERS

if TYPE_CHECKING:
    from tqcheck.pipeline import Options

FAIL_ON = ("error", "warning", "never")


@click.command("check")
@click.argument("source", metavar="SOURCE")
@click.argument("translation", metavar="TRANSLATION")
@click.option("-r", "--reference", metavar="REF", help="Reference translation (English), for BLEU, chrF++ and TER.")
@click.option("--aligned", is_flag=True, help="Line i of each file is segment i (no sentence splitting or alignment).")
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="text", show_default=True,
              help="Output format.")
@click.option("-o", "--output", metavar="OUTPUT", help="Write the report here (atomically) instead of stdout.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Exit 1 when a flag of this severity or worse is found.")
@click.option("--glossary", metavar="FILE", help="Names glossary: TSV arabic<TAB>english[<TAB>variant...].")
@click.option("--checks", "checks", metavar="NAMES", help="Comma-separated checks to run (default: all).")
@click.option("--backtranslate", is_flag=True, help="Round-trip and pseudo-reference scores (needs the models of models.txt).")
@click.option("--model-dir", metavar="DIR", envvar="TQCHECK_MODELS", help="Folder of translation models [env TQCHECK_MODELS].")
@click.option("-q", "--quiet", is_flag=True, help="With -o, do not print the summary on stderr.")
def check(source: str, translation: str, reference: Optional[str], aligned: bool, fmt: str,
          output: Optional[str], fail_on: str, glossary: Optional[str], checks: Optional[str],
          backtranslate: bool, model_dir: Optional[str], quiet: bool) -> int:
    """Check TRANSLATION (English) against SOURCE (Arabic).

    SOURCE, TRANSLATION and REF are UTF-8 text files. Without --aligned they are documents: split into
    sentences and aligned, so dropped, added, merged and split sentences are found. Exit codes: 0 the gate
    passed, 1 a flag at or above --fail-on was found, 2 bad usage or input.
    """
    from tqcheck.io.output import check_output_path, write_atomic
    from tqcheck.pipeline import check_files, gate_failed
    from tqcheck.report import render
    from tqcheck.report.text import render_summary

    if output:
        check_output_path(output, [source, translation, reference, glossary])
    options = options_from_cli(aligned=aligned, checks=checks, glossary=glossary, backtranslate=backtranslate,
                               model_dir=model_dir, progress=sys.stderr.isatty())
    report = check_files(source, translation, reference, options)
    doc = report.to_dict()
    text = render(doc, fmt)
    if output:
        write_atomic(output, text)
        if not quiet:
            click.echo(render_summary(doc).rstrip("\n") + f"\nreport written to {output}", err=True)
    else:
        click.echo(text, nl=False)
    return 1 if gate_failed(report, fail_on) else 0


def options_from_cli(*, aligned: bool, checks: Optional[str], glossary: Optional[str], backtranslate: bool,
                     model_dir: Optional[str], progress: bool = False) -> "Options":
    """The pipeline ``Options`` of the command-line options that ``check`` shares with ``audit``."""
    from tqcheck.pipeline import Options

    return Options(
        aligned=aligned,
        checks=tuple(c.strip() for c in checks.split(",") if c.strip()) if checks else None,
        glossary=glossary,
        backtranslate=backtranslate,
        model_dir=model_dir,
        progress=progress,
    )
