"""Build the name-drift development sets from ../shared/data (NTREX-128, TICO-19, the seed article's names).

The English side of NTREX and TICO is the original and the Arabic its human translation, so the English
stands in for a clean machine translation of the Arabic. Some lines are then corrupted on the English side:

    swap      a name is replaced by another entity (a name from another document or the seed article)
    drop      a name is deleted
    misspell  a name gets one or two letters wrong (a vowel changed, a letter doubled, dropped or swapped)

Only names that the Arabic visibly contains are corrupted (a capitalised word whose consonant skeleton is
found in an Arabic word), so that a corruption is a real drift. Sets (folders in the format that
/work/shared/tools/score_drift.py reads: source.ar, mt.en, optional ref.en, labels.tsv):

    ntrex-noref      swaps and drops, no reference
    ntrex-ref        swaps, drops and misspellings, the original English as reference
    ntrex-glossary   misspellings only, no reference, glossary.tsv learned from the clean NTREX pairs
    tico-noref       as ntrex-noref, on TICO-19
    tico-ref         as ntrex-ref, on TICO-19

usage: python bench/names/make_devset.py [--out bench/names/sets] [--seed 13] [--rate 0.5]
Deterministic for a given seed; the output folder is not committed.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from tqcheck.glossary import learn_glossary  # noqa: E402
from tqcheck.names.english import is_demonym  # noqa: E402
from tqcheck.text.lexicon import is_english_word  # noqa: E402
from tqcheck.text.translit import skeleton_ar, skeleton_latin, strip_article  # noqa: E402

_CAP = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")
# Nationality and other adjectives made from names are not names the check targets (the issue: "must not flag").
_ADJECTIVE = re.compile(r"(ian|ean|ese|ish|ic|ans)$")
_AR = re.compile(r"[\u0621-\u064a]+")
_STOP = set("""January February March April May June July August September October November December Monday
Tuesday Wednesday Thursday Friday Saturday Sunday President General Minister Prime Secretary Mr Mrs Ms Dr Sir
Lord King Queen Prince Pope Professor Prof Governor Senator Judge Chief Captain Colonel Sheikh""".split())


def shared_dir() -> Path:
    env = os.environ.get("TQCHECK_SHARED")
    if env:
        return Path(env)
    sibling = ROOT.parent / "shared"
    return sibling if sibling.exists() else Path("/work/shared")


def read_lines(p: Path) -> List[str]:
    return p.read_text(encoding="utf-8").split("\n")[:-1]


def corpus(data: Path, name: str) -> Tuple[List[str], List[str], List[str]]:
    """(english, arabic, document id per line)."""
    if name == "ntrex":
        d = data / "ntrex128"
        en, ar = read_lines(d / "newstest2019-src.eng.txt"), read_lines(d / "newstest2019-ref.arb.txt")
        docs = [r.split("\t")[0] for r in read_lines(d / "DOCUMENT_IDS.tsv")]
    else:
        d = data / "tico19"
        en, ar = read_lines(d / "tico19-test.en"), read_lines(d / "tico19-test.ar")
        docs = [r.split("\t")[1] if "\t" in r else "" for r in read_lines(d / "tico19-test.en.info")]
    n = min(len(en), len(ar), len(docs))
    return en[:n], ar[:n], docs[:n]


def name_candidates(english: str) -> List[re.Match]:
    """Capitalised words inside the sentence that are not ordinary words, titles, months or days."""
    out = []
    for m in _CAP.finditer(english):
        before = english[:m.start()].rstrip()
        if not before or before[-1] in ".!?:\"“«(":
            continue
        w = m.group()
        if w in _STOP or len(w) < 4 or all(is_english_word(p) for p in w.split("-")) or is_demonym(w) \
                or _ADJECTIVE.search(w):
            continue
        out.append(m)
    return out


def in_arabic(word: str, arabic: str) -> bool:
    """The Arabic visibly contains the name: some word's consonant skeleton is (nearly) the name's."""
    skel = skeleton_latin(word)
    if len(skel) < 2:
        return False
    return any(fuzz.ratio(skel, skeleton_ar(strip_article(a))) >= 80 for a in _AR.findall(arabic))


def misspell(word: str, rng: random.Random) -> str:
    """One or two letter slips of the kind MT makes with foreign names."""
    vowels = "aeiou"
    for _ in range(20):
        w = list(word)
        for _ in range(rng.choice((1, 1, 2))):
            inner = [i for i in range(1, len(w) - 1)]
            if not inner:
                break
            i = rng.choice(inner)
            op = rng.choice(("vowel", "vowel", "double", "drop", "swap"))
            if op == "vowel" and w[i] in vowels:
                w[i] = rng.choice([v for v in vowels if v != w[i]])
            elif op == "double" and w[i].isalpha():
                w.insert(i, w[i])
            elif op == "drop" and len(w) > 4:
                del w[i]
            elif op == "swap" and i + 1 < len(w) - 1:
                w[i], w[i + 1] = w[i + 1], w[i]
        out = "".join(w)
        if out != word and out.lower() != word.lower() and not is_english_word(out):
            return out
    return word[:-1] + ("a" if word[-1] != "a" else "o")


def drop(english: str, m: re.Match) -> str:
    """Delete the name (and the run of capitalised words around it, and a possessive)."""
    start, end = m.start(), m.end()
    while True:  # extend over neighbouring capitalised words: the whole name goes
        prev = re.search(r"([A-Z][\w\-]*)\s+$", english[:start])
        if prev and prev.group(1) not in _STOP and not english[:prev.start()].rstrip().endswith((".", "!", "?")):
            start = prev.start()
            continue
        nxt = re.match(r"\s+([A-Z][\w\-]*)", english[end:])
        if nxt:
            end += nxt.end()
            continue
        break
    tail = english[end:]
    if tail.startswith(("'s", "’s")):
        end += 2
    out = english[:start] + english[end:]
    if start == 0 and out[:1].islower():
        out = out[:1].upper() + out[1:]
    out = re.sub(r"\s{2,}", " ", out)
    out = re.sub(r"\s+([,.;:!?])", r"\1", out)
    out = re.sub(r",\s*,", ",", out)
    return out.strip()


def pool_of(data: Path, lines: Sequence[Tuple[str, str]]) -> List[str]:
    names = set()
    for en, _ in lines:
        names.update(m.group() for m in name_candidates(en) if "-" not in m.group())
    seed = data / "seed" / "mystery-of-secret-negotiations.en.txt"
    if seed.exists():
        for para in seed.read_text(encoding="utf-8").split("\n"):
            names.update(m.group() for m in name_candidates(para) if "-" not in m.group())
    return sorted(names)


def corrupt(en: List[str], ar: List[str], docs: List[str], kinds: Sequence[str], pool: Sequence[str],
            rate: float, rng: random.Random) -> Tuple[List[str], List[Tuple[int, str]]]:
    """Return the corrupted English and (label, note) per line."""
    by_doc: Dict[str, set] = defaultdict(set)
    for e, d in zip(en, docs):
        by_doc[d].update(m.group() for m in name_candidates(e))
    out, labels = [], []
    for i, (e, a) in enumerate(zip(en, ar)):
        cands = [m for m in name_candidates(e) if in_arabic(m.group(), a)]
        if not cands or rng.random() >= rate:
            out.append(e)
            labels.append((0, "clean"))
            continue
        m = rng.choice(cands)
        kind = rng.choice(kinds)
        if kind == "swap":
            skel = skeleton_latin(m.group())
            choices = [p for p in pool if p not in by_doc[docs[i]] and p not in e
                       and fuzz.ratio(skeleton_latin(p), skel) < 50 and not in_arabic(p, a)]
            new = e[:m.start()] + rng.choice(choices) + e[m.end():]
        elif kind == "drop":
            new = drop(e, m)
        else:
            new = e[:m.start()] + misspell(m.group(), rng) + e[m.end():]
        if new == e:
            out.append(e)
            labels.append((0, "clean"))
            continue
        out.append(new)
        labels.append((1, f"{kind}:{m.group()}"))
    return out, labels


def write_set(folder: Path, ar: List[str], mt: List[str], labels: List[Tuple[int, str]],
              ref: Optional[List[str]] = None, glossary: Optional[List[Tuple[str, str, int]]] = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    clean = lambda s: s.replace("\n", " ").replace("\r", " ")  # noqa: E731 - one line a segment
    (folder / "source.ar").write_text("".join(clean(x) + "\n" for x in ar), encoding="utf-8")
    (folder / "mt.en").write_text("".join(clean(x) + "\n" for x in mt), encoding="utf-8")
    if ref is not None:
        (folder / "ref.en").write_text("".join(clean(x) + "\n" for x in ref), encoding="utf-8")
    elif (folder / "ref.en").exists():
        (folder / "ref.en").unlink()
    rows = ["line\tnumber\tname\tnote"] + [f"{i}\t0\t{lab}\t{note}" for i, (lab, note) in enumerate(labels)]
    (folder / "labels.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    if glossary is not None:
        (folder / "glossary.tsv").write_text(
            "# learned from the clean pairs by tqcheck.glossary.learn_glossary\n"
            + "".join(f"{a}\t{e}\n" for a, e, _ in glossary), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(ROOT / "bench" / "names" / "sets"))
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--rate", type=float, default=0.5, help="share of lines with a usable name that are corrupted")
    args = ap.parse_args()
    data = shared_dir() / "data"
    if not data.exists():
        raise SystemExit(f"no shared data at {data} (set TQCHECK_SHARED)")
    out = Path(args.out)
    for name in ("ntrex", "tico"):
        en, ar, docs = corpus(data, name)
        pool = pool_of(data, list(zip(en, ar)))
        rng = random.Random(f"{args.seed}-{name}")
        mt, labels = corrupt(en, ar, docs, ("swap", "drop"), pool, args.rate, rng)
        write_set(out / f"{name}-noref", ar, mt, labels)
        mt, labels = corrupt(en, ar, docs, ("swap", "drop", "misspell"), pool, args.rate, rng)
        write_set(out / f"{name}-ref", ar, mt, labels, ref=en)
        if name == "ntrex":
            mt, labels = corrupt(en, ar, docs, ("misspell",), pool, args.rate, rng)
            write_set(out / f"{name}-glossary", ar, mt, labels, glossary=learn_glossary(ar, en, min_count=1))
        print(f"{name}: {len(en)} lines written under {out}")


if __name__ == "__main__":
    main()
