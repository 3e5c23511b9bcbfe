"""``tqcheck check``: align, score and check a translation; exit 1 when the gate fails."""

from __future__ import annotations

import sys
from typing import Any, Callable, Dict, Iterator, List, Optional

import click

from tqcheck.commands.settings import Setup, preflight, resolve_settings, shared_options, show_progress
from tqcheck.errors import UsageError
from tqcheck.io.bilingual import input_format_names
from tqcheck.report import RENDERERS


@click.command("check")
@click.argument("source", metavar="SOURCE", required=False)
@click.argument("translation", metavar="[TRANSLATION]", required=False)
@click.option("-r", "--reference", metavar="REF", help="Reference translation (English), for BLEU, chrF++ and TER.")
@click.option("--annotate", metavar="OUT.xlf",
              help="Write a copy of the XLIFF input with each finding attached to its unit (ITS 2.0 Localization "
                   "Quality Issue and a <note>), for the CAT tool; the input is never modified.")
@click.option("--input-format", type=click.Choice(input_format_names()),
              help="Format of SOURCE when the extension does not tell (xliff, tmx, tsv, csv, jsonl: a bilingual "
                   "file, given alone).")
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="text", show_default=True,
              help="Output format (jsonl streams: one segment a line, in bounded memory).")
@click.option("-o", "--output", metavar="OUTPUT", help="Write the report here (atomically; '-': standard "
              "output, the default); with --batch, the output folder (as tqcheck audit writes it).")
@click.option("--baseline", metavar="REPORT", help="An earlier JSON report: only findings not in it fail the gate "
              "(with --batch: the output folder of an earlier run).")
@click.option("--batch", metavar="DIR", help="Check every pair of DIR (NAME.ar.txt + NAME.en.txt, bilingual files, "
              "or manifest.jsonl) one after the other: tqcheck audit with one worker, into -o.")
@click.option("-q", "--quiet", is_flag=True, help="With -o, do not print the summary on stderr.")
@shared_options
@click.pass_context
def check(ctx: click.Context, source: Optional[str], translation: Optional[str], reference: Optional[str],
          batch: Optional[str], config_file: Optional[str], no_config: bool, **params: Any) -> int:
    """Check TRANSLATION (English) against SOURCE (Arabic).

    SOURCE, TRANSLATION and REF are UTF-8 text files ('-' reads one of them from standard input). Without
    --aligned they are documents: split into sentences and aligned, so dropped, added, merged and split
    sentences are found. A bilingual file
    (XLIFF, TMX, TSV, CSV, JSONL) is given alone: tqcheck check feed.xlf. Options can also be set in
    tqcheck.toml. Exit codes: 0 the gate passed, 1 a flag at or above --fail-on was found (or a score
    condition failed), 2 bad usage or input.
    """
    setup = resolve_settings(ctx, params, config_file, no_config)
    settings, options, policy = setup.settings, setup.options, setup.policy
    preflight(options)
    reader_options, waivers, signature = setup.reader_options, setup.waivers, setup.signature
    fmt, output, quiet = settings["format"], settings["output"], settings["quiet"]
    annotate = settings["annotate"]

    if batch:
        if source or translation or reference:
            raise UsageError("--batch DIR takes no SOURCE, TRANSLATION or --reference (they come from DIR)")
        if annotate:
            raise UsageError("--annotate writes back one XLIFF file; it does not go with --batch")
        return _check_batch(batch, setup, fmt=fmt, output=output, quiet=quiet)
    if not source:
        raise UsageError("Missing argument 'SOURCE' (or --batch DIR).")

    from tqcheck.gate import Gate, check_available
    from tqcheck.io.bilingual import detect_format
    from tqcheck.io.output import atomic_writer, check_output_path, is_stdout
    from tqcheck.io.text import stdin_once
    from tqcheck.pipeline import stream_bilingual, stream_files
    from tqcheck.report.document import write_report
    from tqcheck.report.terminal import neutralise
    from tqcheck.report.text import render_summary

    stdin_once([source, translation, reference])
    input_format = detect_format(source, settings["input-format"])
    if is_stdout(output):
        output = None  # -o - (or /dev/stdout): the report goes to standard output, as without -o
    if output:
        check_output_path(output, [source, translation, reference, settings["glossary"], settings["waivers"],
                                   settings["baseline"]])
    baseline = None
    if settings["baseline"]:
        from tqcheck.baseline import load_baseline

        baseline = load_baseline(settings["baseline"])
    if annotate:
        from tqcheck.io.annotate import check_annotate_target

        check_annotate_target(source, annotate, input_format, output)
    if input_format != "text":
        if translation:
            raise UsageError(f"{source} is a bilingual {input_format} file that holds the translation; "
                             f"drop TRANSLATION ({translation}), or give it as --reference if it is one")
        stream = stream_bilingual(source, options, input_format=input_format, reference=reference,
                                  reader_options=reader_options)
    else:
        if not translation:
            from tqcheck.io.bilingual import extensions

            raise UsageError(
                f"Missing argument 'TRANSLATION': {source} is plain text, so give its translation too, or "
                f"a bilingual file ({', '.join(sorted(extensions()))}) alone.")
        stream = stream_files(source, translation, reference, options)
    check_available(policy.thresholds, stream.evaluation.has_reference)
    gate = Gate(policy, waivers=waivers, baseline=baseline)
    progress = _progress(stream)
    kept: Optional[List[Dict[str, Any]]] = [] if annotate else None
    if output:
        with atomic_writer(output) as fh:
            doc = write_report(stream, fmt, fh, gate=gate, signature=signature, progress=progress, keep=kept)
        if not quiet:
            click.echo(render_summary(doc).rstrip("\n") + f"\nreport written to {neutralise(str(output))}", err=True)
    else:
        doc = write_report(stream, fmt, sys.stdout, gate=gate, signature=signature, progress=progress, keep=kept)
    if annotate:
        from tqcheck.io.annotate import annotate_file

        anchors = [s.anchor for s in stream.segments]
        written = annotate_file(source, annotate, kept or [], anchors)
        if not quiet:
            click.echo(f"{written} findings written into {annotate}", err=True)
    return 1 if doc["gate"]["failed"] else 0


def _progress(stream: Any) -> Optional[Callable[[Any], Iterator[Any]]]:
    """A progress bar over the stream's chunks, on a terminal and for more than one chunk only."""
    if not (stream.evaluation.options.progress and len(stream.segments) > stream.chunk_size):
        return None

    def bar(chunks: Any) -> Iterator[Any]:
        with click.progressbar(length=len(stream.segments), label="checking", file=sys.stderr) as shown:
            for chunk in chunks:
                yield chunk
                shown.update(len(chunk))

    return bar


def _check_batch(directory: str, setup: Setup, *, fmt: str, output: Optional[str], quiet: bool) -> int:
    """``tqcheck audit DIR -o OUTPUT`` with one worker, this process: the same pairs, layout and summary, and
    ``reports/<id>.<ext>`` in ``--format`` too; paths in the reports stay as given."""
    from tqcheck.audit import run_audit
    from tqcheck.audit.engines import InlineEngine
    from tqcheck.audit.progress import Progress
    from tqcheck.audit.summary import exit_code, summary_line
    from tqcheck.audit.work import Job

    if not output:
        raise UsageError("--batch needs -o OUTDIR, the folder for the reports and summary.json")
    formats = tuple(dict.fromkeys(f for f in ("html", fmt) if f != "json"))
    job = Job(output, setup.options, setup.policy, setup.reader_options, setup.waivers, setup.settings["waivers"],
              setup.signature, formats=formats, baseline_dir=setup.settings["baseline"])
    show = not quiet and show_progress()
    outcome = run_audit(directory, job, engine=InlineEngine(), progress=Progress(sys.stderr if show else None),
                        absolute_inputs=False)
    if not quiet:
        click.echo(summary_line(outcome.summary, outcome.checked, outcome.skipped, output), err=True)
        for failed in outcome.summary["failed"]:
            click.echo(f"tqcheck: error: {failed['id']}: {failed['error']}", err=True)
    return exit_code(outcome)
