"""Build the number-drift development sets from NTREX-128 and TICO-19 (../shared/data), in the folder format
of /work/shared/tools/score_drift.py: source.ar, mt.en, labels.tsv (line, number, name, note).

Each corpus gives one set: its lines that hold a number (digits on either side, or an English number word),
half of them with one English number corrupted the way machine translation gets numbers wrong (label 1), half
left as they are (label 0), plus as many lines without numbers as half the numeric ones (label 0). The English
of both corpora is the original and the Arabic its human translation, so an unmodified line is a clean
human-translated pair. A third set, "forms", rewrites one English number of other numeric lines in another
form with the same value ("70,000" -> "70 thousand", "5%" -> "5 percent", "three" -> "3"): all label 0, it
measures false alarms on changes of form.

The corruptions (one a corrupted line, the type drawn uniformly among those that apply to the line):
digit-swap (1,127 -> 1,172), drop-zero (16,700 -> 1,670), add-zero (300 -> 3,000), magnitude (million ->
billion), separator (16,700 -> 16.700; 2.5 -> 25), word-change (three -> four), drop (the number removed).
The corruption code reads the English with its own simple patterns, not with tqcheck's extractor.

usage: python bench/numbers/make_devset.py [OUT_DIR] [--seed N]
  (default bench/numbers/sets and the fixed seed below; the same arguments always give the same files)
"""

from __future__ import annotations

import random
import re
import sys
import zlib
from pathlib import Path
from typing import Callable, List, Optional, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _data import REPO, ntrex, tico  # noqa: E402

SEED = 20240604

# A number the way MT output writes it: not inside an identifier (ACE2, COVID-19), with an optional
# currency sign before and an optional magnitude or percent after.
NUM = re.compile(r"(?<![A-Za-z0-9.,])(?<![A-Za-z]-)(?P<cur>[$£€])?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?"
                 r"(?P<suf>st|nd|rd|th|bn|m|k|s)?(?![A-Za-z0-9]|[.,]\d)"
                 r"(?P<mag>\s(?:thousand|million|billion|trillion))?(?P<pct>%|\spercent|\sper cent)?")
UNITS = ["two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORDS = UNITS + TEENS + TENS
WORD = re.compile(r"\b(" + "|".join(WORDS) + r")\b", re.I)
MAG = re.compile(r"\b(thousand|million|billion|trillion)\b|(?<=\d)(bn|m)\b")
ANY_WORD_NUMBER = re.compile(r"\b(" + "|".join(WORDS + ["one", "hundred", "thousand", "million", "billion",
                                                       "half", "dozen"]) + r")\b", re.I)
HAS_DIGIT = re.compile(r"[0-9٠-٩]")

Edit = Tuple[int, int, str, str]  # start, end, replacement, description


def group(digits: str) -> str:
    return f"{int(digits):,}"


def is_year(m: "re.Match[str]") -> bool:
    n = m.group("num")
    return len(n) == 4 and "," not in n and 1000 <= int(n) <= 2100 and not m.group("dec")


# ---------------------------------------------------------------- corruptions: (line, rng) -> edit or None

def digit_swap(line: str, rng: random.Random) -> Optional[Edit]:
    cands = []
    for m in NUM.finditer(line):
        s, e = m.span("num")
        if m.group("dec"):
            e = m.end("dec")
        idx = [k for k in range(s, e) if line[k].isdigit()]
        pos = [(idx[k], idx[k + 1]) for k in range(len(idx) - 1) if line[idx[k]] != line[idx[k + 1]]
               and not (idx[k] == s and line[idx[k + 1]] == "0")]
        if pos:
            cands.append((m, s, e, pos))
    if not cands:
        return None
    m, s, e, pos = rng.choice(cands)
    a, b = rng.choice(pos)
    chars = list(line[s:e])
    chars[a - s], chars[b - s] = chars[b - s], chars[a - s]
    new = "".join(chars)
    return s, e, new, f"digit-swap {line[s:e]} -> {new}"


def drop_zero(line: str, rng: random.Random) -> Optional[Edit]:
    cands = []
    for m in NUM.finditer(line):
        digits = m.group("num").replace(",", "")
        zeros = [k for k in range(1, len(digits)) if digits[k] == "0"]
        if zeros and not is_year(m):
            cands.append((m, digits, zeros))
    if not cands:
        return None
    m, digits, zeros = rng.choice(cands)
    k = rng.choice(zeros)
    new = digits[:k] + digits[k + 1:]
    new = group(new) if "," in m.group("num") else new
    return m.start("num"), m.end("num"), new, f"drop-zero {m.group('num')} -> {new}"


def add_zero(line: str, rng: random.Random) -> Optional[Edit]:
    cands = [m for m in NUM.finditer(line) if not is_year(m) and m.group("num") != "0"]
    if not cands:
        return None
    m = rng.choice(cands)
    digits = m.group("num").replace(",", "") + "0"
    new = group(digits) if "," in m.group("num") or len(digits) > 4 else digits
    return m.start("num"), m.end("num"), new, f"add-zero {m.group('num')} -> {new}"


def magnitude(line: str, rng: random.Random) -> Optional[Edit]:
    cands = list(MAG.finditer(line))
    if not cands:
        return None
    m = rng.choice(cands)
    old = m.group()
    swap = {"thousand": ["million"], "million": ["billion", "thousand"], "billion": ["million", "trillion"],
            "trillion": ["billion"], "bn": ["m"], "m": ["bn"]}[old.lower()]
    new = rng.choice(swap)
    if old[0].isupper():
        new = new.capitalize()
    return m.start(), m.end(), new, f"magnitude {old} -> {new}"


def separator(line: str, rng: random.Random) -> Optional[Edit]:
    cands = [m for m in NUM.finditer(line) if "," in m.group("num") or m.group("dec")]
    if not cands:
        return None
    m = rng.choice(cands)
    if "," in m.group("num"):
        s, e = m.span("num")
        new = m.group("num").replace(",", ".")
    else:  # the decimal point lost: 2.5 -> 25
        s, e = m.start("num"), m.end("dec")
        new = m.group("num") + m.group("dec")
    return s, e, new, f"separator {line[s:e]} -> {new}"


def word_change(line: str, rng: random.Random) -> Optional[Edit]:
    cands = list(WORD.finditer(line))
    if not cands:
        return None
    m = rng.choice(cands)
    old = m.group()
    pool = next(p for p in (UNITS, TEENS, TENS) if old.lower() in p)
    # a neighbour value is the typical slip (seventy -> seventeen is the classic one)
    if old.lower() in TENS and rng.random() < 0.5:
        new = TEENS[TENS.index(old.lower()) + 2] if TENS.index(old.lower()) + 2 < len(TEENS) else "eleven"
    else:
        new = rng.choice([w for w in pool if w != old.lower()])
    if old[0].isupper():
        new = new.capitalize()
    return m.start(), m.end(), new, f"word-change {old} -> {new}"


def drop(line: str, rng: random.Random) -> Optional[Edit]:
    cands = [(m.start(), m.end(), m.group()) for m in NUM.finditer(line)]
    cands += [(m.start(), m.end(), m.group()) for m in WORD.finditer(line)]
    if not cands:
        return None
    s, e, old = rng.choice(cands)
    # take the space before, so that no double space is left
    if s > 0 and line[s - 1] == " ":
        s -= 1
    elif e < len(line) and line[e] == " ":
        e += 1
    return s, e, "", f"drop {old}"


CORRUPTIONS: List[Callable[[str, random.Random], Optional[Edit]]] = [
    digit_swap, drop_zero, add_zero, magnitude, separator, word_change, drop]


def corrupt(line: str, rng: random.Random) -> Optional[Tuple[str, str]]:
    options = []
    for fn in CORRUPTIONS:
        edit = fn(line, random.Random(rng.random()))
        if edit is not None:
            options.append(edit)
    if not options:
        return None
    s, e, new, note = rng.choice(options)
    return line[:s] + new + line[e:], note


# ---------------------------------------------------------------- changes of form (value kept)

NUMBER_WORDS = {w: v for v, w in enumerate(["zero", "one"] + UNITS, start=0)}
NUMBER_WORDS.update({w: v for v, w in enumerate(TEENS, start=10)})


def isolated(line: str, s: int, e: int) -> bool:
    """A number that is not part of a time, a score, a range, a compound or a longer number phrase."""
    before, after = line[max(0, s - 12):s], line[e:e + 12]
    if before[-1:] in ":-–/." or after[:1] in ":-–/":
        return False
    if re.search(r"(?:\d|\b(?:and|to|or|" + "|".join(WORDS + ["hundred", "one"]) + r"))\s+$", before, re.I):
        return False
    return not re.match(r"\s+(?:and|to|or|-|–|hundred|thousand|" + "|".join(WORDS) + r")\b", after, re.I)


def reform(line: str, rng: random.Random) -> Optional[Tuple[str, str]]:
    """One English number rewritten in another form with the same value."""
    options: List[Edit] = []
    for m in NUM.finditer(line):
        if m.group("suf") or m.group("cur") and m.group("mag") or not isolated(line, m.start(), m.end()):
            continue
        digits = m.group("num").replace(",", "")
        s, e = m.span("num")
        dec = m.group("dec")
        if dec:
            e = m.end("dec")
        v_int = int(digits)
        if m.group("pct"):
            pct = m.group("pct")
            ps, pe = m.span("pct")
            options.append((ps, pe, " percent" if pct == "%" else "%", f"form {pct.strip()} -> other percent"))
        if not dec and not is_year(m) and not m.group("mag"):
            if "," in m.group("num"):
                options.append((s, e, digits, f"form {m.group('num')} -> {digits}"))
            elif v_int >= 1000:
                options.append((s, e, group(digits), f"form {digits} -> {group(digits)}"))
            if v_int >= 1_000_000 and v_int % 100_000 == 0:
                mant = f"{v_int / 1e6:g}"
                options.append((s, e, f"{mant} million", f"form {m.group('num')} -> {mant} million"))
            elif v_int >= 10_000 and v_int % 1000 == 0:
                options.append((s, e, f"{v_int // 1000} thousand", f"form {m.group('num')} -> thousand"))
            if 2 <= v_int <= 19 and not m.group("pct"):
                word = next(w for w, v in NUMBER_WORDS.items() if v == v_int)
                options.append((s, e, word, f"form {digits} -> {word}"))
        if m.group("mag") and m.group("mag").strip() == "million" and not m.group("pct"):
            value = round(float(digits + ("." + dec if dec else "")) * 1_000_000)
            options.append((s, m.end("mag"), f"{value:,}", f"form {m.group()} -> {value:,}"))
        if m.group("mag") and m.group("mag").strip() == "billion" and m.group("cur"):
            options.append((m.start("mag"), m.end("mag"), "bn", "form billion -> bn"))
    for m in WORD.finditer(line):
        v = NUMBER_WORDS.get(m.group().lower())
        if v is not None and isolated(line, m.start(), m.end()):
            options.append((m.start(), m.end(), str(v), f"form {m.group()} -> {v}"))
    if not options:
        return None
    s, e, new, note = rng.choice(options)
    return line[:s] + new + line[e:], note


# ---------------------------------------------------------------- sets

def numeric(ar: str, en: str) -> bool:
    return bool(HAS_DIGIT.search(en) or HAS_DIGIT.search(ar) or ANY_WORD_NUMBER.search(en))


def write_set(out: Path, rows: List[Tuple[str, str, int, str]]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for r in rows:
        if "\n" in r[0] + r[1] or "\t" in r[3]:
            raise ValueError("a line with a newline or a tab")
    (out / "source.ar").write_text("".join(r[0] + "\n" for r in rows), encoding="utf-8")
    (out / "mt.en").write_text("".join(r[1] + "\n" for r in rows), encoding="utf-8")
    (out / "labels.tsv").write_text("line\tnumber\tname\tnote\n" + "".join(
        f"{k}\t{r[2]}\t0\t{r[3]}\n" for k, r in enumerate(rows)), encoding="utf-8")


def build_corpus_set(name: str, ar: List[str], en: List[str], seed: int) -> Tuple[List[Tuple[str, str, int, str]],
                                                                      List[int]]:
    """The rows of one corpus's set, and the clean numeric lines (for the "forms" set)."""
    rng = random.Random(seed + zlib.crc32(name.encode()))
    idx = [k for k in range(len(ar)) if ar[k].strip() and en[k].strip()]
    num = [k for k in idx if numeric(ar[k], en[k])]
    plain = [k for k in idx if not numeric(ar[k], en[k])]
    rng.shuffle(num)
    chosen: List[Tuple[int, str, int, str]] = []
    unused = []
    for n, k in enumerate(num):
        if n % 2 == 0:
            c = corrupt(en[k], rng)
            if c is not None:
                chosen.append((k, c[0], 1, f"{name}:{k + 1} {c[1]}"))
                continue
        unused.append(k)  # also rewritten in another form for the "forms" set
        chosen.append((k, en[k], 0, f"{name}:{k + 1} clean"))
    for k in rng.sample(plain, min(len(plain), len(num) // 2)):
        chosen.append((k, en[k], 0, f"{name}:{k + 1} clean (no number)"))
    chosen.sort()
    return [(ar[k], mt, lab, note) for k, mt, lab, note in chosen], unused


def main(argv: List[str]) -> None:
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else SEED
    args = [a for k, a in enumerate(argv[1:], 1) if not a.startswith("--") and argv[k - 1] != "--seed"]
    out = Path(args[0]) if args else REPO / "bench" / "numbers" / "sets"
    forms: List[Tuple[str, str, int, str]] = []
    for name, (ar, en) in (("ntrex", ntrex()), ("tico19", tico())):
        rows, clean_numeric = build_corpus_set(name, ar, en, seed)
        write_set(out / name, rows)
        rng = random.Random(seed + 1 + zlib.crc32(name.encode()))
        for k in clean_numeric:
            f = reform(en[k], rng)
            if f is not None:
                forms.append((ar[k], f[0], 0, f"{name}:{k + 1} {f[1]}"))
        pos = sum(r[2] for r in rows)
        print(f"{name}: {len(rows)} lines, {pos} with a corrupted number, {len(rows) - pos} clean")
    write_set(out / "forms", forms)
    print(f"forms: {len(forms)} lines, each with one number in another form (all clean)")


if __name__ == "__main__":
    main(sys.argv)
