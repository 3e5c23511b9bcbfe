"""Arabic text left in the English translation (an untranslated word or sentence)."""

from __future__ import annotations

import re

from tqcheck.checks.base import CheckContext, SegmentCheck, register
from tqcheck.types import Findings, Flag, Segment

# A run of Arabic-script letters (with the spaces and marks between them).
_ARABIC_RUN = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+"
                         r"(?:[\s\u064b-\u065f]+[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+)*")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")


@register
class UntranslatedCheck(SegmentCheck):
    """Flags Arabic letters in the translation: MT engines copy words they cannot translate."""

    name = "untranslated"
    description = "Arabic text copied into the English translation"

    def check_segment(self, segment: Segment, context: CheckContext) -> Findings:
        from tqcheck.checks.options import option

        min_letters = option(context.options_for(self.name), self.name, "min_letters")
        flags = []
        for m in _ARABIC_RUN.finditer(segment.translation):
            # digits or punctuation only, or fewer letters than [check.untranslated] min_letters
            if len(_ARABIC_LETTER.findall(m.group())) < min_letters:
                continue
            whole = m.start() == 0 and m.end() >= len(segment.translation.rstrip())
            flags.append(Flag(
                check=self.name, severity="error", code="untranslated-sentence" if whole else "untranslated-text",
                message=(f"the translation is still Arabic: «{m.group()}»" if whole
                         else f"Arabic text left untranslated in the translation: «{m.group()}»"),
                target_text=m.group(), target_span=(m.start(), m.end()),
            ))
        return Findings(flags=tuple(flags))
