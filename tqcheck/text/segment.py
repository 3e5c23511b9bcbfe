"""Sentence splitting of documents. Arabic and English go through ``sentencex`` (rule-based, offline).

A document is split line by line (a line is at least a paragraph), and every sentence remembers its line.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence

from tqcheck.types import Sentence

SEGMENTER = "sentencex"


def split_sentences(text: str, lang: str) -> List[str]:
    """Split one paragraph into sentences; whitespace-only pieces are dropped."""
    from sentencex import segment

    text = text.strip()
    if not text:
        return []
    return [s.strip() for s in segment(lang, text) if s.strip()]


def segment_lines(lines: Sequence[str], lang: str, verbatim: Optional[Sequence[bool]] = None) -> List[Sentence]:
    """Split every non-blank line into sentences.

    Args:
        verbatim: for each line, whether it is the file's line as written (``read_lines_verbatim``); a
            sentence of such a line gets its ``column`` there, found in order after the previous sentence.
    """
    out: List[Sentence] = []
    for i, line in enumerate(lines):
        at: Optional[int] = 0 if verbatim is not None and verbatim[i] else None
        for sent in split_sentences(line, lang):
            column: Optional[int] = None
            if at is not None:
                # a sentence not found stops the search on this line: one scan of a long line, not one a sentence
                found = line.find(sent, at)
                column, at = (found, found + len(sent)) if found >= 0 else (None, None)
            out.append(Sentence(text=sent, line=i, column=column))
    return out


def lines_as_sentences(lines: Sequence[str]) -> List[Sentence]:
    """One sentence a line (``--segmented`` / ``--aligned``), blank lines included as empty sentences."""
    return [Sentence(text=line.strip(), line=i) for i, line in enumerate(lines)]


def signature() -> Dict[str, str]:
    from importlib.metadata import version

    try:
        v = version("sentencex")
    except Exception:  # pragma: no cover
        v = "unknown"
    return {"name": SEGMENTER, "version": v}
