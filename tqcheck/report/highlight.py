"""Split a segment's text into fragments by the spans that flags and matches point at.

The HTML template writes each fragment's text through Jinja's autoescaping, so the input never becomes markup:
highlighting only decides where a ``<mark>`` opens and closes, never what goes inside it unescaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, List, Optional, Sequence, Tuple

from tqcheck.types import SEVERITY_RANK


@dataclass(frozen=True)
class Annotation:
    """A span of a text that something in the report points at.

    Attributes:
        start / end: character offsets ``[start, end)`` into the text.
        link: the id shared by the two sides of one flag or match (hovering one lights the other).
        check: the check that produced it (``number``, ``name``, ...).
        severity: the flag's severity, or None for a match (something found equal on both sides).
        title: a short tooltip.
    """

    start: int
    end: int
    link: str
    check: str
    severity: Optional[str] = None
    title: str = ""


@dataclass(frozen=True)
class Fragment:
    """A piece of text and what covers it; an uncovered piece has no ``links``."""

    text: str
    links: Tuple[str, ...] = ()
    checks: Tuple[str, ...] = ()
    severity: Optional[str] = None  # the highest severity of the flags covering it, None if only matches
    title: str = ""
    code: bool = False  # an inline code of a bilingual file, ``text`` its label (``⟦1⟧``)

    @property
    def marked(self) -> bool:
        return bool(self.links)


def valid_span(span: Any, length: int) -> Optional[Tuple[int, int]]:
    """The span clamped to the text, or None when it is missing, malformed or empty.

    A saved report may have been edited by hand, so a span is checked rather than trusted.
    """
    if not isinstance(span, (list, tuple)) or len(span) != 2:
        return None
    start, end = span
    if isinstance(start, bool) or isinstance(end, bool) or not isinstance(start, int) or not isinstance(end, int):
        return None
    start, end = max(0, start), min(length, end)
    return (start, end) if start < end else None


def covers_whole(span: Tuple[int, int], text: str) -> bool:
    """True when a span covers all of the text but surrounding whitespace (an omitted sentence, say)."""
    stripped = text.strip()
    if not stripped:
        return False
    lead = len(text) - len(text.lstrip())
    return span[0] <= lead and span[1] >= lead + len(stripped)


def with_codes(pieces: Iterable[Fragment]) -> List[Fragment]:
    """Split fragments at the inline-code placeholders of their text; each code becomes a fragment of its own
    whose text is its label (``⟦1⟧``, ``⟦/2⟧``) and ``code`` is set, so the template can show it apart."""
    from dataclasses import replace

    from tqcheck.text.placeholders import has_placeholders, label, placeholders

    out: List[Fragment] = []
    for piece in pieces:
        if not has_placeholders(piece.text):
            out.append(piece)
            continue
        last = 0
        for pos, ch in placeholders(piece.text):
            if pos > last:
                out.append(replace(piece, text=piece.text[last:pos]))
            out.append(replace(piece, text=label(ch), code=True))
            last = pos + 1
        if last < len(piece.text):
            out.append(replace(piece, text=piece.text[last:]))
    return out


def fragments(text: str, annotations: Iterable[Annotation]) -> List[Fragment]:
    """Cut ``text`` at every annotation boundary and say which annotations cover each piece.

    Overlapping annotations are allowed (a number inside a flagged name, say): a piece covered by several
    carries all their links, and the highest severity among the flags.

    Args:
        text: the segment text.
        annotations: spans into it; out-of-range or empty ones should be dropped by the caller.

    Returns:
        Fragments whose texts join back to ``text``.
    """
    anns: Sequence[Annotation] = [a for a in annotations if 0 <= a.start < a.end <= len(text)]
    if not anns:
        return [Fragment(text)] if text else []
    cuts = sorted({0, len(text), *(a.start for a in anns), *(a.end for a in anns)})
    out: List[Fragment] = []
    for start, end in zip(cuts[:-1], cuts[1:], strict=True):
        covering = [a for a in anns if a.start <= start and end <= a.end]
        if not covering:
            out.append(Fragment(text[start:end]))
            continue
        flags = [a for a in covering if a.severity is not None]
        severity = max((a.severity for a in flags), key=lambda s: SEVERITY_RANK.get(s or "", -1), default=None)
        out.append(Fragment(
            text=text[start:end],
            links=tuple(dict.fromkeys(a.link for a in covering)),
            checks=tuple(dict.fromkeys(a.check for a in covering)),
            severity=severity,
            title=" · ".join(dict.fromkeys(a.title for a in covering if a.title)),
        ))
    return out
