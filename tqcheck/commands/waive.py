"""``tqcheck waive REPORT.json``: accept findings of a report by adding them to a waiver file."""

from __future__ import annotations

from typing import Optional, Tuple

import click


@click.command("waive")
@click.argument("report", metavar="REPORT.json")
@click.option("--fingerprint", "fingerprints", metavar="FP", multiple=True,
              help="A finding's fingerprint from the JSON report (at least 8 leading hex digits; repeatable).")
@click.option("--all-of-check", "checks", metavar="CHECK", multiple=True,
              help="Every finding of this check in the report (repeatable).")
@click.option("--all", "everything", is_flag=True, help="Every finding in the report.")
@click.option("--reason", required=True, help="Why the findings are accepted (kept in the waiver file).")
@click.option("--author", required=True, help="Who accepts them.")
@click.option("--date", metavar="YYYY-MM-DD", help="Date of the waiver (default: today).")
@click.option("-f", "--file", "waiver_file", metavar="FILE", default="waivers.toml", show_default=True,
              help="Waiver file to append to (.toml or .jsonl; created if missing).")
def waive(report: str, fingerprints: Tuple[str, ...], checks: Tuple[str, ...], everything: bool, reason: str,
          author: str, date: Optional[str], waiver_file: str) -> int:
    """Append the chosen findings of REPORT.json to a waiver file, so that `tqcheck check --waivers FILE`
    keeps them in the report as waived and the gate no longer fails on them.
    """
    import datetime as dt

    from tqcheck.errors import UsageError
    from tqcheck.report.document import load_report
    from tqcheck.waivers import append_waivers, make_waivers, select_findings

    if date is not None:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise UsageError(f"--date {date!r}: write YYYY-MM-DD") from None
    doc = load_report(report)
    selected = select_findings(doc, fingerprints=fingerprints, checks=checks, everything=everything)
    added = append_waivers(waiver_file, make_waivers(selected, reason=reason, author=author, date=date))
    skipped = len(selected) - added
    click.echo(f"{added} waiver{'s' if added != 1 else ''} added to {waiver_file}"
               + (f" ({skipped} already there)" if skipped else ""), err=True)
    return 0
