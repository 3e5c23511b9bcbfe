"""``tqcheck align``: pair the sentences of a source and its translation; print or write the beads."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

import click

from tqcheck.types import Alignment, Sentence

FORMAT = "tqcheck.alignment/1"


def alignment_to_dict(alignment: Alignment) -> Dict[str, Any]:
    """The ``tqcheck.alignment/1`` document: 0-based sentence (or line) numbers, empty lists for 1-0 / 0-1."""
    return {"format": FORMAT, "signature": dict(alignment.signature),
            "beads": [{"source": list(b.source), "target": list(b.target), "score": round(b.score, 4)}
                      for b in alignment.beads]}


def render_text(alignment: Alignment, source: Sequence[Sentence], target: Sequence[Sentence],
                threshold: float) -> str:
    """A readable listing: one bead a block, its kind and confidence, then both sides."""
    lines: List[str] = []
    kinds: Dict[str, int] = {}
    for b in alignment.beads:
        kinds[b.kind] = kinds.get(b.kind, 0) + 1
        note = ""
        if not b.target:
            note = "  omission: no translation"
        elif not b.source:
            note = "  addition: not in the source"
        elif b.score < threshold:
            note = "  low confidence"
        src_ids = ",".join(str(i) for i in b.source) or "-"
        tgt_ids = ",".join(str(j) for j in b.target) or "-"
        lines.append(f"[{src_ids}] <-> [{tgt_ids}]  {b.kind}  {b.score:.2f}{note}")
        for i in b.source:
            lines.append(f"  ar: {source[i].text}")
        for j in b.target:
            lines.append(f"  en: {target[j].text}")
    summary = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]))
    lines.append(f"{len(alignment.beads)} beads ({summary}); {len(source)} source and {len(target)} "
                 f"target sentences")
    return "\n".join(lines) + "\n"


def read_sentences(path: str, lang: str, segmented: bool) -> List[Sentence]:
    """One sentence a line with ``segmented``, else the document split into sentences."""
    from tqcheck.io.text import read_lines
    from tqcheck.text.segment import lines_as_sentences, segment_lines

    lines = read_lines(path)
    return lines_as_sentences(lines) if segmented else segment_lines(lines, lang)


@click.command("align")
@click.argument("source", metavar="SOURCE")
@click.argument("translation", metavar="TRANSLATION")
@click.option("--segmented", is_flag=True,
              help="One sentence a line (bead numbers are then line numbers); otherwise the files are "
                   "documents, split into sentences first.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: a readable listing; json: the tqcheck.alignment/1 document.")
@click.option("-o", "--output", metavar="OUTPUT", help="Write here (atomically) instead of stdout ('-': stdout).")
def align(source: str, translation: str, segmented: bool, fmt: str,
          output: Optional[str]) -> None:
    """Align the sentences of SOURCE (Arabic) and TRANSLATION (English), UTF-8 text files ('-': standard input).

    Beads are 1-1, 1-2, 2-1, 1-3, 3-1, 2-2, 1-0 (a source sentence left untranslated) and 0-1 (a
    translation sentence with no source), each with a confidence in [0, 1]. Exit codes: 0 done, 2 bad
    usage or input.
    """
    from tqcheck.align import CONFIDENCE_THRESHOLD, align_sentences
    from tqcheck.io.output import check_output_path, is_stdout
    from tqcheck.io.text import stdin_once
    from tqcheck.report.jsonout import render_json
    from tqcheck.text.segment import signature as segmenter_signature

    stdin_once([source, translation])
    if is_stdout(output):
        output = None
    if output:
        check_output_path(output, [source, translation])
    src = read_sentences(source, "ar", segmented)
    tgt = read_sentences(translation, "en", segmented)
    from tqcheck.io.script import check_scripts, count_letters
    from tqcheck.io.text import display_name

    check_scripts(count_letters(s.text for s in src), count_letters(t.text for t in tgt),
                  names=(display_name(source), display_name(translation), "REF"))
    alignment = align_sentences([s.text for s in src], [t.text for t in tgt])
    sig = dict(alignment.signature)
    sig["segmenter"] = {"mode": "lines"} if segmented else segmenter_signature()
    alignment = Alignment(beads=alignment.beads, signature=sig)
    if fmt == "json":
        text = render_json(alignment_to_dict(alignment))
    else:
        text = render_text(alignment, src, tgt, CONFIDENCE_THRESHOLD)
    if output:
        from tqcheck.io.output import write_atomic

        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
