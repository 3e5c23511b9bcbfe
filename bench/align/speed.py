#!/usr/bin/env python3
"""Alignment speed against document length: ``tqcheck align`` run as a user runs it (a fresh process, so
start-up, encoder loading, embeddings and the search are all included), on N x N sentence documents.

Documents: the first N distinct sentence pairs of NTREX-128, then TICO-19, then Tatoeba (so that the
encoder's cache of repeated sentences does not flatter the figures), with the gold set's edits (merges,
splits, drops, additions; ``make_gold.perturb``) applied, so each row also reports strict F1. Files go to a
temporary folder.

Reports wall time, CPU time (user + system of the child: the machine is shared, so wall time varies with
the load) and peak resident memory.

usage: speed.py [--sizes 100,250,500,1000,2000,5000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Tuple

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from bench._data import lines, ntrex, shared_data, tico  # noqa: E402
from make_gold import perturb  # noqa: E402


def corpus() -> List[Tuple[str, str]]:
    """Distinct (Arabic, English) pairs in document order: NTREX, TICO-19, Tatoeba."""
    pairs: List[Tuple[str, str]] = []
    for ar, en in (ntrex(), tico()):
        pairs += list(zip(ar, en))
    tat = shared_data() / "tatoeba"
    pairs += list(zip(lines(tat / "tatoeba-test-v2021-08-07.ara"), lines(tat / "tatoeba-test-v2021-08-07.eng")))
    seen, out = set(), []
    for a, e in pairs:
        a, e = a.strip(), e.strip()
        if a and e and a not in seen and e not in seen:
            seen.update((a, e))
            out.append((a, e))
    return out


def make_doc(pairs: List[Tuple[str, str]], n: int, folder: Path, seed: int) -> Tuple[Path, Path, set]:
    rng = random.Random(seed)
    head, pool = pairs[:n], pairs[n:n + 2000] or pairs[:200]
    beads = perturb([a for a, _ in head], [e for _, e in head], pool, rng)
    ar: List[str] = []
    en: List[str] = []
    gold = set()
    for a, e in beads:
        gold.add((tuple(range(len(ar), len(ar) + len(a))), tuple(range(len(en), len(en) + len(e)))))
        ar += a
        en += e
    src, tgt = folder / f"doc{n}.ar", folder / f"doc{n}.en"
    src.write_text("".join(x + "\n" for x in ar), encoding="utf-8")
    tgt.write_text("".join(x + "\n" for x in en), encoding="utf-8")
    return src, tgt, gold


def run_once(src: Path, tgt: Path, out: Path) -> Dict[str, float]:
    """One ``tqcheck align`` in a child process: wall, CPU and peak RSS of that child alone."""
    cmd = [sys.executable, "-m", "tqcheck", "align", str(src), str(tgt), "--segmented", "--format", "json",
           "-o", str(out)]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"tqcheck align failed: {proc.stderr.read().decode()[-500:] if proc.stderr else ''}")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100,250,500,1000,2000,5000")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest (wall) is reported")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    pairs = corpus()
    sizes = [int(s) for s in args.sizes.split(",")]
    if max(sizes) > len(pairs):
        raise SystemExit(f"only {len(pairs)} distinct pairs available")
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs", flush=True)
    print("| sentences (ar x en) | wall s | CPU s | peak RSS MB | strict F1 |")
    print("|---|---|---|---|---|", flush=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in sizes:
            src, tgt, gold = make_doc(pairs, n, folder, args.seed)
            out = folder / f"doc{n}.json"
            best = min((run_once(src, tgt, out) for _ in range(args.repeat)), key=lambda r: r["wall_s"])
            beads = {(tuple(b["source"]), tuple(b["target"]))
                     for b in json.loads(out.read_text(encoding="utf-8"))["beads"]}
            tp = len(beads & gold)
            p, r = tp / len(beads), tp / len(gold)
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            n_ar = len(src.read_text(encoding="utf-8").splitlines())
            n_en = len(tgt.read_text(encoding="utf-8").splitlines())
            rows.append({"n": n, "ar": n_ar, "en": n_en, "f1": f1, **best})
            print(f"| {n_ar} x {n_en} | {best['wall_s']:.2f} | {best['cpu_s']:.2f} | {best['rss_mb']:.0f} | "
                  f"{f1:.3f} |", flush=True)
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
