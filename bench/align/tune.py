#!/usr/bin/env python3
"""Choose the aligner's parameters on the TUNE split (never on the test split): coordinate descent on strict
F1, in-process, with the embeddings of each document computed once.

usage: tune.py [GOLD_DIR (default bench/align/gold-tune)] [--rounds N]
Prints the best parameters as JSON; copy them into tqcheck/align/params.py by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Tuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tqcheck.align import align_sentences  # noqa: E402
from tqcheck.align.params import DEFAULT_PARAMS  # noqa: E402
from tqcheck.encoder import get_encoder  # noqa: E402

GRID = {
    "threshold": [0.0, 0.1, 0.2, 0.3],
    "skip": [0.0, 0.1, 0.2],
    "penalty_12": [0.0, 0.05, 0.1, 0.2],
    "penalty_13": [0.0, 0.1, 0.2, 0.4],
    "penalty_22": [0.5, 1.0, 3.0],
    "margin_weight": [0.0, 0.5, 1.0, 2.0],
    "length_weight": [0.1, 0.2, 0.3, 0.5],
    "number_weight": [0.0, 0.1, 0.2, 0.3],
    "name_weight": [0.0, 0.05, 0.1, 0.2, 0.3],
    "punct_weight": [0.0, 0.05, 0.1],
}


class SpanCache:
    """The shared encoder, with ``encode_spans`` memoised per document."""

    def __init__(self) -> None:
        self.enc = get_encoder()
        self.memo: Dict[Tuple[str, ...], Any] = {}

    def encode(self, texts: List[str]) -> Any:
        return self.enc.encode(texts)

    def encode_spans(self, texts: List[str], k: int) -> Any:
        key = tuple(texts) + (str(k),)
        if key not in self.memo:
            self.memo[key] = self.enc.encode_spans(texts, k)
        return self.memo[key]

    def signature(self) -> Dict[str, Any]:
        return self.enc.signature()


def read(p: Path) -> List[str]:
    return p.read_text(encoding="utf-8").split("\n")[:-1]


def load(d: Path) -> List[Tuple[List[str], List[str], set]]:
    docs = []
    for gp in sorted(d.glob("*.gold")):
        gold = set()
        for line in read(gp):
            s, t = line.split(":")
            gold.add((tuple(json.loads(s)), tuple(json.loads(t))))
        docs.append((read(gp.with_suffix(".ar")), read(gp.with_suffix(".en")), gold))
    return docs


def f1(docs: List[Tuple[List[str], List[str], set]], enc: SpanCache, opts: Dict[str, Any]) -> float:
    tp = nt = ng = 0
    for src, tgt, gold in docs:
        beads = {(b.source, b.target) for b in align_sentences(src, tgt, encoder=enc, **opts).beads}
        tp += len(beads & gold)
        nt += len(beads)
        ng += len(gold)
    p, r = tp / nt, tp / ng
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="?", type=Path, default=HERE / "gold-tune")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    docs = load(args.gold)
    enc = SpanCache()
    best = {k: getattr(DEFAULT_PARAMS, k) for k in GRID}
    best_f1 = f1(docs, enc, best)
    print(f"start {best_f1:.4f} {json.dumps(best)}", flush=True)
    for _ in range(args.rounds):
        changed = False
        for name, values in GRID.items():
            for v in values:
                if v == best[name]:
                    continue
                trial = dict(best, **{name: v})
                score = f1(docs, enc, trial)
                if score > best_f1 + 1e-9:
                    best, best_f1, changed = trial, score, True
                    print(f"{best_f1:.4f} {name}={v}", flush=True)
        if not changed:
            break
    print(json.dumps({"strict_f1": round(best_f1, 4), "params": best}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
