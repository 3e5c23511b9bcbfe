"""``tqcheck report REPORT.json -o report.html``: render a saved JSON report without re-running anything."""

from __future__ import annotations

import sys

import click

from tqcheck.errors import InputError


@click.command("report")
@click.argument("report_json", metavar="REPORT.json")
@click.option("-o", "--output", default="-", show_default=True, metavar="PATH",
              help="Where to write the HTML page (atomically; '-' for standard output).")
def report(report_json: str, output: str) -> int:
    """Render a saved JSON report (tqcheck check --format json) as a self-contained HTML page.

    REPORT.json may be '-' to read standard input. Exit codes: 0 written, 2 bad input or output.
    """
    from tqcheck.io.output import check_output_path, write_atomic
    from tqcheck.report.document import load_report
    from tqcheck.report.html import render_html

    name = "<stdin>" if report_json == "-" else report_json
    if output != "-":
        check_output_path(output, [None if report_json == "-" else report_json])
    doc = load_report(report_json)
    try:
        page = render_html(doc)
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from exc
    if output == "-":
        sys.stdout.write(page)
    else:
        write_atomic(output, page)
    return 0
