"""``tqcheck check``: align, score and check a translation; exit 1 when the gate fails."""

from __future__ import annotations

import os
import sys
from typing import IO, Any, Dict, Optional

import click

from tqcheck.report import RENDERERS

FAIL_ON = ("error", "warning", "never")
STREAMING_FORMATS = ("jsonl",)


def show_progress() -> bool:
    """Progress bars on a terminal only, never in CI logs."""
    return sys.stderr.isatty() and not os.environ.get("CI")


@click.command("check")
@click.argument("source", metavar="SOURCE")
@click.argument("translation", metavar="TRANSLATION")
@click.option("-r", "--reference", metavar="REF", help="Reference translation (English), for BLEU, chrF++ and TER.")
@click.option("--aligned", is_flag=True, help="Line i of each file is segment i (no sentence splitting or alignment).")
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="text", show_default=True,
              help="Output format (jsonl streams: one segment a line, in bounded memory).")
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
    from tqcheck.io.output import atomic_writer, check_output_path
    from tqcheck.pipeline import Options, gate_failed, stream_files
    from tqcheck.report.text import render_summary

    if output:
        check_output_path(output, [source, translation, reference, glossary])
    options = Options(
        aligned=aligned,
        checks=tuple(c.strip() for c in checks.split(",") if c.strip()) if checks else None,
        glossary=glossary,
        backtranslate=backtranslate,
        model_dir=model_dir,
        progress=show_progress(),
    )
    stream = stream_files(source, translation, reference, options)
    if output:
        with atomic_writer(output) as fh:
            doc = write_report(stream, fmt, fh)
        if not quiet:
            click.echo(render_summary(doc).rstrip("\n") + f"\nreport written to {output}", err=True)
    else:
        write_report(stream, fmt, sys.stdout)
    return 1 if gate_failed(stream.summary()["severities"], fail_on) else 0


def write_report(stream: Any, fmt: str, fh: IO[str]) -> Dict[str, Any]:
    """Render the stream's results into ``fh``; returns the report document without its segments."""
    from tqcheck.pipeline import TOOL
    from tqcheck.report import render
    from tqcheck.types import Report

    chunks = stream.results()
    if options_progress(stream):
        chunks = _with_progress(chunks, len(stream.segments), stream.chunk_size)
    if fmt in STREAMING_FORMATS:
        from tqcheck.report.jsonout import jsonl_header, jsonl_segment, jsonl_trailer

        head = {"format": Report.FORMAT, "tool": dict(TOOL), "inputs": stream.inputs}
        fh.write(jsonl_header(head))
        for chunk in chunks:
            for result in chunk:
                fh.write(jsonl_segment(result.to_dict()))
        doc = {**head, "signature": stream.signature(), "summary": stream.summary()}
        fh.write(jsonl_trailer(doc))
        return doc
    results = tuple(r for chunk in chunks for r in chunk)
    report = Report(tool=TOOL, signature=stream.signature(), summary=stream.summary(), segments=results,
                    inputs=stream.inputs)
    doc = report.to_dict()
    fh.write(render(doc, fmt))
    return doc


def options_progress(stream: Any) -> bool:
    return bool(stream.evaluation.options.progress) and len(stream.segments) > stream.chunk_size


def _with_progress(chunks: Any, total: int, size: int) -> Any:
    with click.progressbar(length=total, label="checking", file=sys.stderr) as bar:
        for chunk in chunks:
            yield chunk
            bar.update(len(chunk))
