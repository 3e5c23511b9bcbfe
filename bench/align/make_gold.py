#!/usr/bin/env python3
"""Build an Arabic-English sentence-alignment gold set from NTREX-128 (documents with merged, split, dropped
and added sentences), in the format of ``shared/tools/score_align.py``: ``NAME.ar``, ``NAME.en`` (one
segment a line) and ``NAME.gold`` (one bead a line, ``[0, 1]:[0]``, 0-based line numbers).

NTREX is 1-1 at the line level. Walking through each document's line pairs, every pair (or run of pairs)
becomes one gold bead after a random edit, drawn with these default rates (per pair):

    72%  kept 1-1
    5%   two English sentences merged into one line   -> 2-1      5%  two Arabic merged   -> 1-2
    1%   three English sentences merged               -> 3-1      1%  three Arabic merged -> 1-3
    4%   an English sentence split at a clause break  -> 1-2      4%  an Arabic one split -> 2-1
    3%   English sentence dropped (omission)          -> 1-0      3%  Arabic one dropped  -> 0-1
    1%   an unrelated English sentence (from another document) added -> 0-1; 1% the same in Arabic -> 1-0

Documents are assigned to a split by a hash of their id: ``tune`` (about a third, for choosing the aligner's
parameters) and ``test`` (the rest, for the figures). Nothing is copied into the repository: the output goes
to a gitignored folder (default ``bench/align/gold`` for the test split).

usage: make_gold.py [--data DIR] [--out DIR] [--split test|tune|all] [--seed N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

RATES = {  # event -> probability per source pair; the rest is 1-1
    "merge_en": 0.05, "merge_ar": 0.05, "merge3_en": 0.01, "merge3_ar": 0.01,
    "split_en": 0.04, "split_ar": 0.04, "drop_en": 0.03, "drop_ar": 0.03,
    "add_en": 0.01, "add_ar": 0.01,
}
# Clause breaks where a long sentence may be split into two lines (English and Arabic punctuation).
_BREAK_RE = re.compile(r"(?<=[,;:،؛])\s+")

Bead = Tuple[List[str], List[str]]  # (arabic lines, english lines) of one gold bead


def shared_dir() -> Path:
    env = os.environ.get("TQCHECK_SHARED")
    if env:
        return Path(env)
    sibling = REPO.parent / "shared"
    return sibling if sibling.exists() else Path("/work/shared")


def read_documents(data: Path) -> List[Tuple[str, List[str], List[str]]]:
    """NTREX lines grouped by document: ``(doc_id, arabic lines, english lines)`` in file order."""
    ids = (data / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").split("\n")
    ar = (data / "newstest2019-ref.arb.txt").read_text(encoding="utf-8").split("\n")
    en = (data / "newstest2019-src.eng.txt").read_text(encoding="utf-8").split("\n")
    docs: Dict[str, Tuple[List[str], List[str]]] = {}
    for doc, a, e in zip(ids, ar, en):
        doc = doc.split("\t")[0].strip()
        if not doc or not a.strip() or not e.strip():
            continue
        docs.setdefault(doc, ([], []))
        docs[doc][0].append(a.strip())
        docs[doc][1].append(e.strip())
    return [(d, a, e) for d, (a, e) in docs.items()]


def split_of(doc_id: str) -> str:
    return "tune" if int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 3 == 0 else "test"


def split_sentence(text: str) -> Optional[Tuple[str, str]]:
    """Split at the clause break nearest the middle, if both halves keep at least a quarter of the text."""
    best = None
    for m in _BREAK_RE.finditer(text):
        a, b = text[:m.start()].strip(), text[m.end():].strip()
        if min(len(a), len(b)) >= len(text) / 4:
            d = abs(len(a) - len(b))
            if best is None or d < best[0]:
                best = (d, a, b)
    return (best[1], best[2]) if best else None


def perturb(ar: List[str], en: List[str], pool: List[Tuple[str, str]], rng: random.Random) -> List[Bead]:
    """Gold beads of one document after random edits (see the module docstring)."""
    events = list(RATES)
    weights = [RATES[e] for e in events]
    keep = 1.0 - sum(weights)
    beads: List[Bead] = []
    i, n = 0, len(ar)
    while i < n:
        ev = rng.choices(events + ["keep"], weights + [keep])[0]
        if ev in ("merge_en", "merge_ar", "merge3_en", "merge3_ar"):
            k = 3 if ev.startswith("merge3") else 2
            if i + k > n:
                ev = "keep"
            else:
                a, e = ar[i:i + k], en[i:i + k]
                beads.append((a, [" ".join(e)]) if ev.endswith("en") else ([" ".join(a)], e))
                i += k
                continue
        if ev == "split_en" and (parts := split_sentence(en[i])):
            beads.append(([ar[i]], list(parts)))
        elif ev == "split_ar" and (parts := split_sentence(ar[i])):
            beads.append((list(parts), [en[i]]))
        elif ev == "drop_en":
            beads.append(([ar[i]], []))
        elif ev == "drop_ar":
            beads.append(([], [en[i]]))
        elif ev in ("add_en", "add_ar"):
            other_ar, other_en = rng.choice(pool)
            beads.append(([], [other_en]) if ev == "add_en" else ([other_ar], []))
            continue  # the current pair is still to be placed
        else:
            beads.append(([ar[i]], [en[i]]))
        i += 1
    return beads


def write_doc(out: Path, name: str, beads: List[Bead]) -> None:
    ar_lines: List[str] = []
    en_lines: List[str] = []
    gold: List[str] = []
    for a, e in beads:
        sa = list(range(len(ar_lines), len(ar_lines) + len(a)))
        se = list(range(len(en_lines), len(en_lines) + len(e)))
        ar_lines += a
        en_lines += e
        gold.append(f"{json.dumps(sa)}:{json.dumps(se)}")
    for suffix, lines in ((".ar", ar_lines), (".en", en_lines), (".gold", gold)):
        (out / (name + suffix)).write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=None, help="NTREX-128 folder (default: shared/data/ntrex128)")
    ap.add_argument("--out", type=Path, default=None, help="output folder (default: bench/align/gold[-SPLIT])")
    ap.add_argument("--split", choices=("test", "tune", "all"), default="test")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    data = args.data or shared_dir() / "data" / "ntrex128"
    if not (data / "DOCUMENT_IDS.tsv").exists():
        print(f"make_gold: {data}: NTREX-128 not found (set TQCHECK_SHARED)", file=sys.stderr)
        return 2
    out = args.out or HERE / ("gold" if args.split == "test" else f"gold-{args.split}")
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.gold"):
        for suffix in (".ar", ".en", ".gold"):
            old.with_suffix(suffix).unlink(missing_ok=True)
    docs = read_documents(data)
    pool = [(a, e) for _, ar, en in docs for a, e in zip(ar, en)]
    rng = random.Random(args.seed)
    counts: Dict[str, int] = {}
    written = 0
    for doc_id, ar, en in docs:
        beads = perturb(ar, en, pool, rng)  # drawn for every document, so splits do not shift the seed
        if args.split != "all" and split_of(doc_id) != args.split:
            continue
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", doc_id)
        write_doc(out, name, beads)
        written += 1
        for a, e in beads:
            kind = f"{len(a)}-{len(e)}"
            counts[kind] = counts.get(kind, 0) + 1
    total = sum(counts.values())
    mix = ", ".join(f"{k} {v} ({100 * v / total:.1f}%)" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))
    print(f"make_gold: {written} documents, {total} beads into {out}: {mix}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
