"""Arabic and Unicode normalisation shared by the checks, the metrics and the aligner.

Nothing here changes what the report shows: normalised text is used for comparison only, and offsets into
the original text are kept where a caller needs them (``normalize_with_offsets``).
"""

from __future__ import annotations

import re
import unicodedata
from typing import List, Tuple

# Arabic-Indic (U+0660..) and extended/Persian (U+06F0..) digits to ASCII.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# Bidi controls and other invisible marks: LRM, RLM, ALM, embeddings, isolates, BOM, ZWJ/ZWNJ are kept
# out of comparisons.
BIDI_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_BIDI_RE = re.compile(f"[{BIDI_MARKS}]")
TATWEEL = "\u0640"
# Harakat, shadda, sukun, superscript alef and Quranic marks.
_DIACRITICS_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
_YEH = str.maketrans({"ى": "ي", "ئ": "ي"})
_SPACES_RE = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000]")
# Arabic presentation forms (and the BOM at the end of their block): a regex scans in C, not a Python loop.
_PRESENTATION_RE = re.compile("[\ufb50-\ufeff]")


def strip_invisible(text: str) -> str:
    """Remove bidi marks, the BOM and tatweel; turn exotic spaces into plain spaces."""
    return _SPACES_RE.sub(" ", _BIDI_RE.sub("", text).replace(TATWEEL, ""))


def clean_text(text: str) -> str:
    """What every reader applies: NFKC for Arabic presentation forms, invisible marks removed.

    NFKC maps presentation forms (U+FB50..U+FEFF) to the base letters, which makes "messy but valid" input
    give the same results as clean input.
    """
    if _PRESENTATION_RE.search(text):
        text = unicodedata.normalize("NFKC", text)
    return strip_invisible(text)


def normalize_arabic(text: str, *, digits: bool = True, alef: bool = True, yeh: bool = True,
                     teh_marbuta: bool = False, diacritics: bool = True) -> str:
    """Normalise Arabic for comparison (round-trip chrF, name matching, caching keys)."""
    text = clean_text(text)
    if diacritics:
        text = _DIACRITICS_RE.sub("", text)
    if digits:
        text = text.translate(DIGITS)
    if alef:
        text = text.translate(_ALEF)
    if yeh:
        text = text.translate(_YEH)
    if teh_marbuta:
        text = text.replace("ة", "ه")
    return text


def normalize_with_offsets(text: str) -> Tuple[str, List[int]]:
    """Arabic-normalise ``text`` one character at a time and return, for each output character, its index
    in the input, so that spans found in the normalised text map back to the original."""
    out: List[str] = []
    index: List[int] = []
    for i, ch in enumerate(text):
        if ch in BIDI_MARKS or ch == TATWEEL or _DIACRITICS_RE.match(ch):
            continue
        if _SPACES_RE.match(ch):
            ch = " "
        ch = ch.translate(DIGITS).translate(_ALEF).translate(_YEH)
        out.append(ch)
        index.append(i)
    return "".join(out), index
