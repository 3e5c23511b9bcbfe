"""Inline codes and placeholders: what Xbench, Verifika and Okapi CheckMate check first.

Two kinds of things the translation must carry over unchanged:

- inline codes of a bilingual file (XLIFF ``<x/>``, ``<ph/>``, ``<g>``, ``<bpt>``/``<ept>``, ``<pc>``...), which
  the readers turn into placeholders (``tqcheck.text.placeholders``): a code of the source missing from the
  translation, a code the source lacks, a code written more times than in the source, the end of a pair
  before its start, or two pairs that overlap instead of nesting;
- placeholders written in the text itself: printf (``%s``, ``%d``, ``%1$s``, ``%@``), ICU/brace
  (``{count}``, ``{0}``, the argument of ``{n, plural, ...}``), ``{{name}}``, ``${NAME}``, ``%{name}``.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Dict, List, Optional, Tuple

from tqcheck.checks.base import CheckContext, SegmentCheck, register
from tqcheck.text.placeholders import kind_of, label, partner, placeholders
from tqcheck.types import Findings, Flag, Segment

# printf: %s %d %1$s %@ %.2f %ld; no space flag ("50% discount" is not "% d").
_PRINTF = r"%(?:\d+\$)?[-+#0]*\d*(?:\.\d+)?(?:hh|h|ll|l|z|j|t|L|q)?[sdifuxXeEgGcpaA@]"
_BRACES = r"\{\{\s*[\w.$\[\]()|: ]+?\s*\}\}|\$\{\w+\}|%\{\w+\}"
_ICU_HEAD = r"\{\s*(\w+)\s*,\s*(?:plural|select|selectordinal|number|date|time)\b"
_SIMPLE = r"\{\s*(?:\d+|[A-Za-z_][\w.]*)\s*\}"
_ANY = re.compile(rf"{_PRINTF}|{_BRACES}|{_ICU_HEAD}|{_SIMPLE}")
_ICU_MESSAGE = re.compile(_ICU_HEAD)


def text_placeholders(text: str) -> List[Tuple[int, int, str]]:
    """``(start, end, key)`` of the placeholders written in ``text``.

    In an ICU plural or select message the words in braces are its cases (``other {...}``), not
    placeholders: only the message's argument and the other kinds count there.
    """
    icu = bool(_ICU_MESSAGE.search(text))
    out = []
    for m in _ANY.finditer(text):
        token = m.group()
        if m.group(1):  # an ICU argument: keyed by its name, whatever the cases inside
            out.append((m.start(1), m.end(1), "{" + m.group(1) + ", …}"))
        elif re.fullmatch(_SIMPLE, token):
            if not icu:
                out.append((m.start(), m.end(), re.sub(r"\s", "", token)))
        elif token != "%%":
            out.append((m.start(), m.end(), re.sub(r"\s", "", token) if token.startswith("{{") else token))
    return out


@register
class TagCheck(SegmentCheck):
    """Inline codes and placeholders missing, added, duplicated or mispaired in the translation."""

    name = "tags"
    description = "inline codes (XLIFF/TMX tags) and placeholders (%s, {count}) missing, added or mispaired"

    def check_segment(self, segment: Segment, context: CheckContext) -> Findings:
        if not segment.source.strip() or not segment.translation.strip():
            return Findings()  # an omission or an addition, which other checks report
        flags = self._codes(segment) + self._written(segment)
        return Findings(flags=tuple(flags))

    def _codes(self, seg: Segment) -> List[Flag]:
        src, tgt = placeholders(seg.source), placeholders(seg.translation)
        if not src and not tgt:
            return []
        n_src = Counter(ch for _, ch in src)
        n_tgt = Counter(ch for _, ch in tgt)
        first_src: Dict[str, int] = {}
        for pos, ch in src:
            first_src.setdefault(ch, pos)
        flags: List[Flag] = []
        for ch, n in n_src.items():
            if n_tgt[ch] < n:
                what = "missing from" if not n_tgt[ch] else f"{n} times in the source, {n_tgt[ch]} in"
                flags.append(self._flag("missing-code", f"inline code {label(ch)} is {what} the translation",
                                        source=(first_src[ch], ch)))
        seen: Counter[str] = Counter()
        for pos, ch in tgt:
            seen[ch] += 1
            if ch not in n_src:
                flags.append(self._flag("added-code", f"inline code {label(ch)} is not in the source",
                                        target=(pos, ch)))
            elif seen[ch] > n_src[ch]:
                flags.append(self._flag("duplicated-code", f"inline code {label(ch)} is repeated in the translation",
                                        target=(pos, ch)))
        flags += self._pairing(tgt, n_src)
        return flags

    def _pairing(self, tgt: List[Tuple[int, str]], n_src: Counter) -> List[Flag]:
        """Ends before starts and overlapping pairs, in the translation."""
        flags: List[Flag] = []
        stack: List[str] = []
        for pos, ch in tgt:
            kind = kind_of(ch)
            if kind == "open":
                stack.append(ch)
            elif kind == "close":
                opener = partner(ch)
                if opener not in stack:
                    if opener in n_src and any(c == opener for _, c in tgt):
                        flags.append(self._flag("broken-pair", f"{label(ch)} closes before {label(opener)} opens",
                                                target=(pos, ch)))
                    continue
                if stack[-1] != opener:
                    flags.append(self._flag("overlapping-pair", f"{label(ch)} closes inside "
                                            f"{label(stack[-1])}…{label(partner(stack[-1]))}: the pairs overlap",
                                            target=(pos, ch), severity="warning"))
                stack.remove(opener)
        return flags

    def _written(self, seg: Segment) -> List[Flag]:
        src = text_placeholders(seg.source)
        tgt = text_placeholders(seg.translation)
        if not src and not tgt:
            return []
        n_src = Counter(k for _, _, k in src)
        n_tgt = Counter(k for _, _, k in tgt)
        missing, extra = n_src - n_tgt, n_tgt - n_src
        flags: List[Flag] = []
        for start, end, key in src:
            if missing[key] > 0:  # one flag a missing occurrence
                missing[key] -= 1
                flags.append(self._flag("missing-placeholder", f"placeholder {key} is missing from the translation",
                                        source=(start, seg.source[start:end])))
        for start, end, key in reversed(tgt):  # the later occurrences are the added ones
            if extra[key] > 0:
                extra[key] -= 1
                what = "is repeated in the translation" if n_src[key] else "is not in the source"
                flags.append(self._flag("added-placeholder", f"placeholder {key} {what}",
                                        target=(start, seg.translation[start:end])))
        return flags

    def _flag(self, code: str, message: str, *, source: Optional[Tuple[int, str]] = None,
              target: Optional[Tuple[int, str]] = None, severity: str = "error") -> Flag:
        return Flag(check=self.name, severity=severity, code=code, message=message,
                    source_text=source[1] if source else None, target_text=target[1] if target else None,
                    source_span=(source[0], source[0] + len(source[1])) if source else None,
                    target_span=(target[0], target[0] + len(target[1])) if target else None)
