"""How alike an Arabic word and a Latin word sound: a weighted edit distance over sound units.

Both words are cut into sound units. Arabic gives consonant classes plus its written long vowels (ا و ي),
its hamza/ain "vowel seats" and ة; Latin gives consonant classes (digraphs such as sh, kh, gh, th, ch read as
one unit) and vowels. A dynamic programme aligns the two unit strings with costs that know the usual
correspondences: و = u/o/w/v, ي = i/e/y, ف = f/v, غ = g/gh, ك = k/c/q, ق = q/k/g, ج = j/g/dj, ث = th/s,
ش = sh, خ = kh/h/ch, and Latin short vowels that Arabic does not write are nearly free. The similarity is
``1 - cost / weight`` of the heavier side, in [0, 1].

A coarse consonant skeleton (``skeleton_ar`` / ``skeleton_latin``) is also exposed so that callers can
shortlist candidates with rapidfuzz before paying for the full programme.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Dict, List, Tuple

# Harakat, superscript alef and tatweel carry no consonant or long vowel: dropped before reading units.
_MARKS = str.maketrans({**{chr(c): None for c in range(0x064B, 0x0660)}, "\u0670": None, "\u0640": None})
_PLAIN = re.compile("[\u0621-\u063a\u0641-\u064a ]*")

# --- Arabic -------------------------------------------------------------------------------------------

_AR_CONSONANT: Dict[str, str] = {
    "ب": "b", "پ": "p", "ف": "f", "ڤ": "v", "ت": "t", "ط": "t", "د": "d", "ض": "d", "ث": "θ", "ذ": "ð",
    "س": "s", "ص": "s", "ز": "z", "ظ": "z", "ژ": "j", "ش": "x", "ج": "j", "چ": "c", "غ": "g", "گ": "g",
    "ك": "k", "ک": "k", "ق": "q", "ه": "h", "ح": "h", "خ": "χ", "ل": "l", "م": "m", "ن": "n", "ر": "r",
}
_AR_VOWEL_SEAT = "اأإآٱع"  # a written vowel seat at the start, or ain anywhere: any vowel or none
_AR_SILENT = "ءؤ"

# Unit weights: what it costs to leave a unit unmatched, and how much it counts in the normaliser.
_AR_WEIGHT = {"ā": 0.3, "ū": 0.3, "ī": 0.3, "ī$": 0.6, "ai": 0.3, "au": 0.3, "ʔ": 0.1, "ə": 0.05, "h": 0.4, "w": 0.4,
              "y": 0.4}
_LAT_WEIGHT = {"A": 0.1, "E": 0.1, "I": 0.1, "O": 0.1, "U": 0.1, "h": 0.3, "w": 0.3, "y": 0.3, "ŋ": 0.3, "ɣ": 0.3}
_VOWELS_LAT = frozenset("AEIOU")
_VOWELS_AR = frozenset(("ā", "ū", "ī", "ī$", "ʔ", "ə", "ai", "au"))


@lru_cache(maxsize=100_000)
def _ar_units(word: str) -> Tuple[str, ...]:
    """Sound units of one Arabic word (already without ال when the caller wants that)."""
    w = word.translate(_MARKS) if not _PLAIN.fullmatch(word) else word
    w = w.replace("تش", "چ")  # تش transcribes ch (Churchill, Chad) and is one sound
    units: List[str] = []
    n = len(w)
    for i, ch in enumerate(w):
        if ch in _AR_CONSONANT:
            units.append(_AR_CONSONANT[ch])
        elif ch in _AR_VOWEL_SEAT:
            if ch == "ع" or i == 0:
                units.append("ʔ")
            else:
                units.append("ā")
        elif ch == "ى":
            units.append("ā")
        elif ch == "ة":
            units.append("ə")
        elif ch == "و":
            units.append("w" if i == 0 else "ū")
        elif ch in "يئ":
            units.append("y" if i == 0 and n > 1 else "ī")
        # hamza on the line and anything else (digits, Latin, punctuation) carries no sound here
    # long vowels written twice (كييف) are one sound; ا before ي/و writes a diphthong (فاينشتاين, هاوزي)
    out: List[str] = []
    for u in units:
        if out and u == out[-1] and u in _VOWELS_AR:
            continue
        if out and out[-1] == "ā" and u in ("ī", "ū"):
            out[-1] = "ai" if u == "ī" else "au"
            continue
        out.append(u)
    if len(out) > 2 and out[-1] == "ī":
        out[-1] = "ī$"  # a written final -i is part of the name (غازي is Ghazi, not Gaza)
    return tuple(out)


# --- Latin --------------------------------------------------------------------------------------------

_LAT_DIGRAPHS = (
    ("augh", "A"), ("ough", "U"), ("dzh", "j"), ("sch", "x"), ("tch", "c"), ("tth", "θ"), ("zh", "ʒ"), ("dj", "j"),
    ("sh", "x"), ("ch", "c"),
    ("kh", "χ"), ("gh", "g"), ("ph", "f"), ("th", "θ"), ("dh", "ð"), ("ck", "k"), ("qu", "q"),
    ("ou", "U"), ("oo", "U"), ("ee", "I"),
)
_DIGRAPHS_BY_FIRST: Dict[str, List[Tuple[str, str]]] = {}
for _dg, _unit in _LAT_DIGRAPHS:
    _DIGRAPHS_BY_FIRST.setdefault(_dg[0], []).append((_dg, _unit))
_LAT_SINGLE = {
    "b": "b", "p": "p", "f": "f", "v": "v", "w": "w", "t": "t", "d": "d", "s": "s", "z": "z", "j": "j",
    "g": "g", "k": "k", "q": "q", "h": "h", "l": "l", "m": "m", "n": "n", "r": "r",
    "a": "A", "e": "E", "i": "I", "o": "O", "u": "U",
}


def _fold_latin(word: str) -> str:
    """Lower-case ASCII letters only: accents removed (Šoigu -> soigu), apostrophes and hyphens dropped."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if "a" <= c <= "z")


@lru_cache(maxsize=100_000)
def _lat_units(word: str) -> Tuple[str, ...]:
    """Sound units of one Latin word."""
    w = _fold_latin(word)
    units: List[str] = []
    i, n = 0, len(w)
    while i < n:
        for dg, unit in _DIGRAPHS_BY_FIRST.get(w[i], ()):
            if w.startswith(dg, i):
                if dg == "gh" and i > 0 and w[i + 2:i + 3] not in ("a", "e", "i", "o", "u"):
                    unit = "ɣ"  # gh after a vowel and not before one is silent (Leigh, Hillsborough)
                units.append(unit)
                i += len(dg)
                break
        else:
            ch = w[i]
            nxt = w[i + 1] if i + 1 < n else ""
            if ch == "c":
                units.append("s" if nxt in ("e", "i", "y") else "k")
            elif ch == "g" and nxt in ("e", "i", "y"):
                units.append("ǵ")  # soft or hard: Giles = جايلز, Gibbs = غيبس
            elif ch == "g" and units and units[-1] == "n" and nxt not in "aeiouy":
                units.append("ŋ")  # the g of -ng- is often not written (واشنطن)
            elif ch == "a" and i + 3 == n and w[n - 1] == "e" and w[i + 1] not in "aeiouy":
                units.append("E")  # a before consonant + final e says "ei" (Yale ييل, Blake بليك)
            elif ch == "x" and i == 0 and nxt in ("i", "u"):
                units.append("x")  # initial xi-, xu- is sh in Chinese names (Xining شينينغ, Xu شو)
            elif ch == "x":
                units.extend(("k", "s"))
            elif ch == "j" and units and units[-1] not in _VOWELS_LAT:
                units.append("y")  # j after a consonant is a y sound (Bjorn, Fjord)
            elif ch == "y":
                units.append("y" if i == 0 and nxt in "aeiou" and nxt else "I")
            elif ch in _LAT_SINGLE:
                units.append(_LAT_SINGLE[ch])
            i += 1
    out: List[str] = []
    for u in units:
        if out and u == out[-1]:
            continue  # double letters are one sound (Vienna, Russell)
        out.append(u)
    return tuple(out)


# --- costs --------------------------------------------------------------------------------------------

def _pairs(table: Dict[str, Dict[str, float]]) -> Dict[Tuple[str, str], float]:
    return {(a, l): c for a, row in table.items() for l, c in row.items()}


# (Arabic unit, Latin unit) -> substitution cost; equal letters cost 0, anything not listed costs 1
# (consonants) or 0.6 (two vowels).
_SUB = _pairs({
    "b": {"b": 0, "p": 0.1, "v": 0.5},
    "p": {"p": 0, "b": 0.1},
    "f": {"f": 0, "v": 0.05, "p": 0.4, "w": 0.3, "ɣ": 0.3},
    "v": {"v": 0, "f": 0.1, "w": 0.3},
    "t": {"t": 0, "θ": 0.1, "d": 0.5},
    "d": {"d": 0, "ð": 0.2, "θ": 0.3, "t": 0.5},
    "θ": {"θ": 0, "s": 0.2, "t": 0.2, "z": 0.5},
    "ð": {"ð": 0, "z": 0.2, "d": 0.2, "θ": 0.2},
    "s": {"s": 0, "z": 0.3, "θ": 0.3, "x": 0.5, "c": 0.5},
    "z": {"z": 0, "ʒ": 0.3, "s": 0.2, "ð": 0.2, "j": 0.6},
    "x": {"x": 0, "ʒ": 0.3, "c": 0.2, "s": 0.4, "j": 0.6},
    "c": {"c": 0, "ʒ": 0.1, "x": 0.3, "j": 0.3, "k": 0.5},
    "j": {"j": 0, "ʒ": 0, "ǵ": 0, "g": 0.1, "ŋ": 0.2, "y": 0.4, "z": 0.6, "x": 0.6, "c": 0.5},
    "g": {"g": 0, "ǵ": 0.1, "ŋ": 0, "ɣ": 0, "k": 0.4, "q": 0.4, "χ": 0.5, "h": 0.6, "j": 0.5},
    "k": {"k": 0, "q": 0.1, "ŋ": 0.3, "ǵ": 0.4, "g": 0.4, "χ": 0.4, "c": 0.4},
    "q": {"q": 0, "k": 0.1, "g": 0.3, "ǵ": 0.3, "ŋ": 0.3},
    "h": {"h": 0, "χ": 0.3},
    "χ": {"χ": 0, "h": 0.3, "k": 0.4, "c": 0.3, "j": 0.5, "g": 0.5},
    "w": {"w": 0, "v": 0.2, "f": 0.4, "U": 0.2, "O": 0.3},
    "y": {"y": 0, "j": 0.3, "I": 0.2, "E": 0.3, "U": 0.3},
    "n": {"m": 0.6},
    "m": {"n": 0.6},
    "l": {"r": 0.7},
    "r": {"l": 0.7},
    "ā": {"A": 0, "E": 0.2, "O": 0.3, "U": 0.3, "I": 0.6, "h": 0.6},
    "ū": {"U": 0, "O": 0, "w": 0.1, "v": 0.3, "A": 0.5, "E": 0.6, "I": 0.6},
    "ī": {"I": 0, "E": 0, "y": 0.1, "A": 0.6, "O": 0.6, "U": 0.6},
    "ī$": {"I": 0, "E": 0, "y": 0.1, "A": 0.6, "O": 0.6, "U": 0.6},
    "ai": {"A": 0.1, "E": 0.1, "I": 0.1, "y": 0.2},
    "au": {"O": 0.1, "U": 0.1, "A": 0.2, "w": 0.2},
    "ʔ": {"A": 0, "E": 0, "I": 0, "O": 0, "U": 0, "h": 0.3},
    "ə": {"A": 0, "E": 0.1, "h": 0.1},
})


def _sub(a: str, l: str) -> float:
    cost = _SUB.get((a, l))
    if cost is not None:
        return cost
    if a == l:
        return 0.0
    if a in _VOWELS_AR and l in _VOWELS_LAT:
        return 0.5
    return 1.0


_AR_UNITS = sorted(set(_AR_CONSONANT.values()) | set(_AR_WEIGHT) | {"ā", "ū", "ī", "ʔ", "ə"})
_LAT_UNITS = sorted(set(_LAT_SINGLE.values()) | {u for _, u in _LAT_DIGRAPHS} | set(_LAT_WEIGHT) | {"ǵ", "c"})
# The full cost table, one dict per Arabic unit, so that the inner loop is a single lookup.
_SUB_ROWS: Dict[str, Dict[str, float]] = {a: {l: _sub(a, l) for l in _LAT_UNITS} for a in _AR_UNITS}


@lru_cache(maxsize=200_000)
def _distance(ar: Tuple[str, ...], lat: Tuple[str, ...], limit: float = float("inf")) -> float:
    """Weighted edit distance between two unit strings (Arabic deletions and Latin insertions weighted).

    Stops as soon as every cell of a row exceeds ``limit`` (the result is then only known to be larger).
    """
    ins_lat = [_LAT_WEIGHT.get(u, 1.0) for u in lat]
    prev = [0.0]
    for c in ins_lat:
        prev.append(prev[-1] + c)
    for a in ar:
        row = _SUB_ROWS[a]
        da = _AR_WEIGHT.get(a, 1.0)
        left = prev[0] + da
        cur = [left]
        for p0, p1, sc, il in zip(prev, prev[1:], [row[l] for l in lat], ins_lat):
            b = p0 + sc  # substitute
            u = p1 + da  # leave the Arabic unit unmatched
            if u < b:
                b = u
            left += il  # leave the Latin unit unmatched
            if b < left:
                left = b
            cur.append(left)
        prev = cur
        if left > limit and min(cur) > limit:
            return min(cur)
    return prev[-1]


def _weight_ar(units: Tuple[str, ...]) -> float:
    return sum(_AR_WEIGHT.get(u, 1.0) for u in units)


def _weight_lat(units: Tuple[str, ...]) -> float:
    return sum(_LAT_WEIGHT.get(u, 1.0) for u in units)


# --- public -------------------------------------------------------------------------------------------

_CLITICS = "وبلفك"


def strip_article(word: str) -> str:
    """Remove the article ال (and لل after a preposition) from an Arabic word, when what is left is a word."""
    if word[:1] not in "اوبفكل":
        return word
    for prefix in ("وال", "بال", "فال", "كال", "لل", "ال"):
        # three letters at least must remain: الان is Alan, not ال + ان
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix):]
    return word


# Similarities below this are reported as some value below it, not exactly.
FLOOR = 0.6


@lru_cache(maxsize=200_000)
def similarity(arabic: str, latin: str) -> float:
    """How alike an Arabic word (or words) and a Latin word (or words) sound, in [0, 1].

    Spaces and hyphens are ignored on both sides, so a two-word Arabic rendering (غازي عنتاب) can be compared
    with one English word (Gaziantep). The Arabic article is tried both kept and removed.

    Args:
        arabic: Arabic text, one name or part of one.
        latin: Latin-script text.

    Returns:
        1.0 for a regular transliteration, about 0.8 for a one-letter slip, lower for different names
        (exact down to ``FLOOR``; below it, some value below ``FLOOR``).
    """
    lat = _lat_units(latin.replace("-", "").replace(" ", ""))
    if not lat:
        return 0.0
    best = 0.0
    words = arabic.split()
    stripped = "".join(strip_article(w) for w in words)
    variants = {stripped}
    if stripped != "".join(words):
        variants.add("".join(words))  # the article may be part of the name (الكسندر, الجزائر)
    first = words[0] if words else ""
    if len(first) > 3 and first[0] in _CLITICS:
        # a one-letter clitic (و ب ل ف ك) glued to the name: وواشنطن, لدونالد
        variants.add("".join([strip_article(first[1:])] + words[1:]))
    wl = _weight_lat(lat)
    for v in variants:
        ar = _ar_units(v)
        if not ar:
            continue
        denom = max(_weight_ar(ar), wl)
        # below FLOOR the exact value does not matter to any caller: let the programme stop early
        sim = 1.0 - _distance(ar, lat, (1.0 - FLOOR) * denom) / denom if denom else 0.0
        if sim > best:
            best = sim
    return max(0.0, best)


# Coarse classes for shortlisting: sounds that transliteration confuses share a letter.
_COARSE = {
    "b": "B", "p": "B", "f": "F", "v": "F", "w": "", "t": "T", "θ": "T", "d": "T", "ð": "Z", "s": "S",
    "z": "Z", "x": "S", "c": "S", "j": "K", "g": "K", "k": "K", "q": "K", "χ": "K", "h": "", "y": "", "ŋ": "K",
    "ɣ": "", "ǵ": "K", "ʒ": "",  # zh: ج in Russian names, تش in Chinese ones (Zhukov جوكوف, Zhou تشو)
    "l": "L", "m": "M", "n": "N", "r": "R",
}


# The same classes straight from Arabic letters, so that a skeleton is one str.translate (it is computed
# for every word of every segment). Letters that write vowels, hamza and marks map to nothing.
_AR_COARSE = str.maketrans({**{ch: _COARSE.get(u, "") for ch, u in _AR_CONSONANT.items()},
                            **{ch: None for ch in "اأإآٱعءؤئويىة \u0640"},
                            **{chr(c): None for c in range(0x064B, 0x0660)}, "\u0670": None})


def skeleton_ar(arabic: str) -> str:
    """Coarse consonant skeleton of Arabic text (article removed), for shortlisting with rapidfuzz."""
    if " " in arabic:
        return "".join(strip_article(w).translate(_AR_COARSE) for w in arabic.split())
    return strip_article(arabic).translate(_AR_COARSE)


def skeleton_latin(latin: str) -> str:
    """Coarse consonant skeleton of Latin text, comparable with ``skeleton_ar``."""
    return "".join(_COARSE.get(u, "") for u in _lat_units(latin))
