"""``tqcheck check``: align, score and check a translation; exit 1 when the gate fails."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import IO, Any, Callable, Dict, Optional

import click

from tqcheck.commands.models import device_options
from tqcheck.gate import FAIL_ON, threshold_options
from tqcheck.io.bilingual import input_format_names
from tqcheck.report import RENDERERS

STREAMING_FORMATS = ("jsonl",)


def show_progress() -> bool:
    """Progress bars on a terminal only, never in CI logs."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def gate_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--min-chrf``, ``--min-corpus-chrf``, ``--max-ter``... (one option a score condition)."""
    for name, metric, scope in reversed(threshold_options()):
        func = click.option(f"--{name}", type=float, metavar="X",
                            help=f"Gate: {'each segment' if scope == 'segment' else 'the corpus'} must have "
                                 f"{metric} {'>=' if name.startswith('min') else '<='} X.")(func)
    return func


@dataclass(frozen=True)
class Setup:
    """What the options of ``check`` (command line over configuration over defaults) resolve to; shared
    with ``audit``, so that a pair audited gets the report ``check`` writes with the same options."""

    settings: Any  # tqcheck.config.Effective
    options: Any  # tqcheck.pipeline.Options
    policy: Any  # tqcheck.gate.GatePolicy
    reader_options: Any  # tqcheck.io.bilingual.ReaderOptions
    waivers: Any
    signature: Dict[str, Any]


def resolve_settings(ctx: click.Context, params: Dict[str, Any], config_file: Optional[str],
                     no_config: bool) -> Setup:
    """Merge the command line (``params``, click names) over the configuration file over the defaults."""
    from tqcheck.config import discover, merge, parse_check_options, parse_columns
    from tqcheck.gate import GatePolicy, thresholds_from
    from tqcheck.io.bilingual import ReaderOptions
    from tqcheck.pipeline import Options

    config = discover(config_file, enabled=not no_config)
    explicit = {name for name in params if ctx.get_parameter_source(name) in (
        click.core.ParameterSource.COMMANDLINE, click.core.ParameterSource.ENVIRONMENT)}
    cli_values: Dict[str, Any] = dict(params)
    cli_values["checks"] = tuple(c.strip() for c in params["checks"].split(",") if c.strip()) \
        if params.get("checks") else None
    cli_values["check_option"] = parse_check_options(params.get("check_option", ()))
    cli_values["columns"] = parse_columns(params.get("columns"))
    settings = merge(cli_values, explicit, config)

    options = Options(
        aligned=settings["aligned"],
        checks=settings["checks"],
        glossary=settings["glossary"],
        backtranslate=settings["backtranslate"],
        model_dir=settings["model-dir"],
        engine=settings["engine"],
        device=settings["device"],
        compute_type=settings["compute-type"],
        cache=settings["cache"],
        progress=show_progress(),
        check_options=settings["check"],
    )
    waivers = None
    if settings["waivers"]:
        from tqcheck.waivers import load_waivers

        waivers = load_waivers(settings["waivers"])
    return Setup(settings, options, GatePolicy(settings["fail-on"], thresholds_from(settings.values)),
                 ReaderOptions(columns=settings["columns"]), waivers, {"config": settings.signature()})


@click.command("check")
@click.argument("source", metavar="SOURCE", required=False)
@click.argument("translation", metavar="[TRANSLATION]", required=False)
@click.option("-r", "--reference", metavar="REF", help="Reference translation (English), for BLEU, chrF++ and TER.")
@click.option("--aligned", is_flag=True, help="Line i of each file is segment i (no sentence splitting or alignment).")
@click.option("--input-format", type=click.Choice(input_format_names()),
              help="Format of SOURCE when the extension does not tell (xliff, tmx, tsv, csv, jsonl: a bilingual "
                   "file, given alone).")
@click.option("--columns", metavar="FIELD=NAME,...",
              help="Column (or JSON key) names of a TSV/CSV/JSONL input, e.g. source=ar,translation=mt.")
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="text", show_default=True,
              help="Output format (jsonl streams: one segment a line, in bounded memory).")
@click.option("-o", "--output", metavar="OUTPUT", help="Write the report here (atomically; '-': standard "
              "output, the default); with --batch, the folder of the reports.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Exit 1 when a flag of this severity or worse counts (never: always exit 0).")
@click.option("--glossary", metavar="FILE", help="Names glossary: TSV arabic<TAB>english[<TAB>variant...].")
@click.option("--checks", "checks", metavar="NAMES", help="Comma-separated checks to run (default: all).")
@click.option("--check-option", "check_option", metavar="CHECK.KEY=VALUE", multiple=True,
              help="An option or threshold of one check (repeatable), e.g. number.medium=off (docs/checks.md lists them).")
@click.option("--backtranslate", is_flag=True, help="Round-trip and pseudo-reference scores (needs the models of models.txt).")
@click.option("--model-dir", metavar="DIR", envvar="TQCHECK_MODELS", help="Folder of translation models [env TQCHECK_MODELS].")
@device_options
@click.option("--waivers", metavar="FILE", help="Accepted findings (.toml or .jsonl): kept in the report as waived, "
              "not counted by the gate.")
@click.option("--baseline", metavar="REPORT", help="An earlier JSON report: only findings not in it fail the gate "
              "(with --batch: the folder of an earlier batch run).")
@gate_options
@click.option("--batch", metavar="DIR", help="Check every pair of DIR (NAME.ar.txt + NAME.en.txt, bilingual files, "
              "or manifest.jsonl); one report a pair and summary.json in -o.")
@click.option("--config", "config_file", metavar="FILE",
              help="Configuration file (default: tqcheck.toml or [tool.tqcheck] in pyproject.toml, upward "
                   "from the working directory).")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option("-q", "--quiet", is_flag=True, help="With -o, do not print the summary on stderr.")
@click.pass_context
def check(ctx: click.Context, source: Optional[str], translation: Optional[str], reference: Optional[str],
          batch: Optional[str], config_file: Optional[str], no_config: bool, **params: Any) -> int:
    """Check TRANSLATION (English) against SOURCE (Arabic).

    SOURCE, TRANSLATION and REF are UTF-8 text files ('-' reads one of them from standard input). Without --aligned they are documents: split into
    sentences and aligned, so dropped, added, merged and split sentences are found. A bilingual file
    (XLIFF, TMX, TSV, CSV, JSONL) is given alone: tqcheck check feed.xlf. Options can also be set in
    tqcheck.toml. Exit codes: 0 the gate passed, 1 a flag at or above --fail-on was found (or a score
    condition failed), 2 bad usage or input.
    """
    from tqcheck.errors import UsageError

    setup = resolve_settings(ctx, params, config_file, no_config)
    settings, options, policy = setup.settings, setup.options, setup.policy
    preflight(options)
    reader_options, waivers, signature = setup.reader_options, setup.waivers, setup.signature
    fmt, output, quiet = settings["format"], settings["output"], settings["quiet"]

    if batch:
        if source or translation or reference:
            raise UsageError("--batch DIR takes no SOURCE, TRANSLATION or --reference (they come from DIR)")
        return _check_batch(batch, options, policy, fmt=fmt, output=output, quiet=quiet, waivers=waivers,
                            baseline_dir=settings["baseline"], reader_options=reader_options, signature=signature)
    if not source:
        raise click.UsageError("Missing argument 'SOURCE' (or --batch DIR).")

    from tqcheck.gate import Gate, check_available
    from tqcheck.io.bilingual import detect_format
    from tqcheck.io.output import atomic_writer, check_output_path
    from tqcheck.pipeline import stream_bilingual, stream_files
    from tqcheck.report.terminal import neutralise
    from tqcheck.report.text import render_summary

    from tqcheck.io.output import is_stdout
    from tqcheck.io.text import stdin_once

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
    if input_format != "text":
        if translation:
            raise UsageError(f"{source} is a bilingual {input_format} file that holds the translation; "
                             f"drop TRANSLATION ({translation}), or give it as --reference if it is one")
        stream = stream_bilingual(source, options, input_format=input_format, reference=reference,
                                  reader_options=reader_options)
    else:
        if not translation:
            from tqcheck.io.bilingual import extensions

            raise click.UsageError(
                f"Missing argument 'TRANSLATION': {source} is plain text, so give its translation too, or "
                f"a bilingual file ({', '.join(sorted(extensions()))}) alone.")
        stream = stream_files(source, translation, reference, options)
    check_available(policy.thresholds, stream.evaluation.has_reference)
    gate = Gate(policy, waivers=waivers, baseline=baseline)
    if output:
        with atomic_writer(output) as fh:
            doc = write_report(stream, fmt, fh, gate=gate, signature=signature)
        if not quiet:
            click.echo(render_summary(doc).rstrip("\n") + f"\nreport written to {neutralise(str(output))}", err=True)
    else:
        doc = write_report(stream, fmt, sys.stdout, gate=gate, signature=signature)
    return 1 if doc["gate"]["failed"] else 0


def preflight(options: Any) -> None:
    """With --backtranslate, resolve the engine's device and compute type now: ``--device cuda`` without a
    GPU (or a compute type the device cannot run) is one error before any input is read."""
    if options.backtranslate:
        from tqcheck.models.backtranslate import resolve_decoding

        resolve_decoding(options.engine, options.device, options.compute_type)


def write_report(stream: Any, fmt: str, fh: IO[str], *, gate: Any = None,
                 signature: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """Render the stream's results into ``fh``; returns the report document without its segments.

    Args:
        gate: a ``tqcheck.gate.Gate``: each segment is gated as it is written (score flags, waivers,
            baseline) and the document gets the verdict (``gate``); the default gates on --fail-on error.
        signature: entries added to the report's signature (the effective configuration).
    """
    from tqcheck.gate import Gate, GatePolicy
    from tqcheck.pipeline import TOOL
    from tqcheck.report import render
    from tqcheck.types import Report

    gate = gate or Gate(GatePolicy())
    chunks = stream.results()
    if options_progress(stream):
        chunks = _with_progress(chunks, len(stream.segments), stream.chunk_size)
    head = {"format": Report.FORMAT, "tool": dict(TOOL), "inputs": stream.inputs}

    def finish() -> Dict[str, Any]:
        summary, verdict = gate.finish(stream.summary())
        return {**head, "signature": {**stream.signature(), **(signature or {})}, "summary": summary,
                "gate": verdict.to_dict()}

    if fmt in STREAMING_FORMATS:
        from tqcheck.report.jsonout import jsonl_header, jsonl_segment, jsonl_trailer

        fh.write(jsonl_header(head))
        for chunk in chunks:
            for result in chunk:
                fh.write(jsonl_segment(gate.segment(result.to_dict())))
        doc = finish()
        fh.write(jsonl_trailer(doc))
        return doc
    segments = [gate.segment(r.to_dict()) for chunk in chunks for r in chunk]
    doc = finish()
    full = {**{k: v for k, v in doc.items() if k != "gate"}, "segments": segments, "gate": doc["gate"]}
    fh.write(render(full, fmt))
    return doc


def options_progress(stream: Any) -> bool:
    return bool(stream.evaluation.options.progress) and len(stream.segments) > stream.chunk_size


def _with_progress(chunks: Any, total: int, size: int) -> Any:
    with click.progressbar(length=total, label="checking", file=sys.stderr) as bar:
        for chunk in chunks:
            yield chunk
            bar.update(len(chunk))


def _check_batch(directory: str, options: Any, policy: Any, *, fmt: str, output: Optional[str], quiet: bool,
                 waivers: Any, baseline_dir: Optional[str], reader_options: Any, signature: Dict[str, Any]) -> int:
    from tqcheck.batch import discover_pairs, run_batch
    from tqcheck.errors import UsageError

    if not output:
        raise UsageError("--batch needs -o OUTDIR, the folder for one report a pair and summary.json")
    pairs = discover_pairs(directory)

    def progress(outcome: Any) -> None:
        if quiet:
            return
        if outcome.error:
            click.echo(f"{outcome.pair.id}: error: {outcome.error}", err=True)
        else:
            s = outcome.summary
            state = "FAILED" if outcome.exit_code else "passed"
            click.echo(f"{outcome.pair.id}: {state} ({s.get('segments', 0)} segments, {s.get('flagged', 0)} "
                       f"flagged) -> {outcome.reports[-1]}", err=True)

    result = run_batch(pairs, options, policy, outdir=output, fmt=fmt, reader_options=reader_options,
                       waivers=waivers, baseline_dir=baseline_dir, signature=signature, on_pair=progress)
    totals = result.document["totals"]
    if not quiet:
        click.echo(f"batch: {totals['pairs']} pairs, {totals['passed']} passed, {totals['failed']} failed, "
                   f"{totals['errors']} errors; summary written to {result.summary_path}", err=True)
    return result.exit_code
