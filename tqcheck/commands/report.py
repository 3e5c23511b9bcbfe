"""``tqcheck report REPORT.json -o report.html``: render a saved JSON report without re-running anything."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from tqcheck.errors import InputError


def load_report(path: str) -> Any:
    """Read a saved report (``-`` for standard input) and parse its JSON.

    Raises:
        InputError: the file is missing, unreadable, not UTF-8 or not JSON.
    """
    from tqcheck.io.text import decode, read_text

    if path == "-":
        name, text = "<stdin>", decode(sys.stdin.buffer.read(), "<stdin>")
    else:
        name, text = path, read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from exc
    except (ValueError, RecursionError) as exc:
        from tqcheck.io.jsonl import json_limit

        raise InputError(f"{name}: not valid JSON ({json_limit(exc)})") from None


@click.command("report")
@click.argument("report_json", metavar="REPORT.json")
@click.option("-o", "--output", default="-", show_default=True, metavar="PATH",
              help="Where to write the HTML page (atomically; '-' for standard output).")
def report(report_json: str, output: str) -> int:
    """Render a saved JSON report (tqcheck check --format json) as a self-contained HTML page.

    REPORT.json may be '-' to read standard input. Exit codes: 0 written, 2 bad input or output.
    """
    from tqcheck.io.output import check_output_path, write_atomic
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
