"""``tqcheck glossary learn``: learn the desk's name spellings from approved translations."""

from __future__ import annotations

import sys
from typing import Optional

import click


@click.group("glossary")
def glossary() -> None:
    """Build and maintain a names glossary (TSV: arabic<TAB>english[<TAB>variant...])."""


@glossary.command("learn")
@click.argument("source", metavar="SOURCE")
@click.argument("translation", metavar="TRANSLATION")
@click.option("-o", "--output", metavar="FILE", help="Write the glossary here (atomically) instead of stdout.")
@click.option("--min-count", type=click.IntRange(min=1), default=2, show_default=True,
              help="Keep a name only when the archive renders it this often.")
def learn(source: str, translation: str, output: Optional[str], min_count: int) -> None:
    """Learn name pairs (Arabic form, English spelling, count) from an archive of approved translations.

    SOURCE (Arabic) and TRANSLATION (English) are UTF-8 files with one segment a line, line i of one
    translating line i of the other. Each English name that sounds like a word of its source is counted,
    and each Arabic form keeps its most frequent spelling: the desk's own spellings become the canonical
    ones. The output is a glossary that `tqcheck check --glossary` reads; review it before use.
    """
    from tqcheck.errors import InputError
    from tqcheck.glossary import format_glossary, learn_glossary
    from tqcheck.io.output import check_output_path, write_atomic
    from tqcheck.io.text import read_lines

    src, tgt = read_lines(source), read_lines(translation)
    if len(src) != len(tgt):
        raise InputError(f"{source} has {len(src)} lines but {translation} has {len(tgt)}: "
                         "glossary learn needs line-aligned files")
    rows = learn_glossary(src, tgt, min_count=min_count)
    text = format_glossary(rows, f"learned by tqcheck glossary learn from {source} and {translation}")
    if output:
        check_output_path(output, [source, translation])
        write_atomic(output, text)
        click.echo(f"{len(rows)} names written to {output}", err=True)
    else:
        sys.stdout.write(text)
