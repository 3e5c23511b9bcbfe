"""Is the source Arabic and the translation English? Decided on the share of letters over a whole input.

Short lines, lines of numbers and Latin names inside Arabic text are all fine: only the letters of the
whole file count, and a side with fewer than ``MIN_LETTERS`` letters is not judged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from tqcheck.errors import InputError

_ARABIC = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff"
                     r"\ufb50-\ufdff\ufe70-\ufefc]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LETTER = re.compile(r"[^\W\d_]")

MIN_LETTERS = 40  # below this, a side is too short to judge
MIN_SHARE = 0.5  # the expected script must have at least this share of the letters


@dataclass(frozen=True)
class Letters:
    """Letter counts of one input: Arabic script, Latin script, and all letters."""

    arabic: int = 0
    latin: int = 0
    total: int = 0

    def share(self, script: str) -> float:
        return (self.arabic if script == "arabic" else self.latin) / self.total if self.total else 0.0

    @property
    def judged(self) -> bool:
        return self.total >= MIN_LETTERS


def count_letters(texts: Iterable[Optional[str]]) -> Letters:
    arabic = latin = total = 0
    for text in texts:
        if not text:
            continue
        total += _LETTER.subn("", text)[1]
        arabic += _ARABIC.subn("", text)[1]
        latin += _LATIN.subn("", text)[1]
    return Letters(arabic, latin, total)


def _percent(x: float) -> str:
    return f"{round(100 * x)}%"


def check_scripts(source: Letters, translation: Letters, reference: Optional[Letters] = None, *,
                  names: tuple = ("SOURCE", "TRANSLATION", "REF")) -> None:
    """Raise an ``InputError`` when the source is not Arabic script or the translation (or the reference)
    not Latin script, with a hint when source and translation look swapped."""
    src_name, tgt_name, ref_name = names
    if (source.judged and translation.judged and source.share("latin") >= MIN_SHARE
            and translation.share("arabic") >= MIN_SHARE):
        raise InputError(f"{src_name} looks English and {tgt_name} Arabic: are they swapped? The Arabic source "
                         "comes first: tqcheck check SOURCE.ar TRANSLATION.en")
    if source.judged and source.share("arabic") < MIN_SHARE:
        raise InputError(f"{src_name}: the source must be Arabic, but only {_percent(source.share('arabic'))} "
                         "of its letters are Arabic script")
    for name, letters in ((tgt_name, translation), (ref_name, reference)):
        if letters is not None and letters.judged and letters.share("latin") < MIN_SHARE:
            raise InputError(f"{name}: an English translation is expected, but only "
                             f"{_percent(letters.share('latin'))} of its letters are Latin script")
