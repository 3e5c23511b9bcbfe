"""Score the number check on the real machine translations of ../shared/data/mt-outputs (four systems, 600
TICO-19 lines each, labelled by hand), in process, per system and micro-averaged.

The definitions are those of /work/shared/tools/score_drift.py: a line counts as flagged when the number
check gives it a flag of severity error or warning; "clean" lines are those labelled with neither a number
nor a name drift. The check does not read the reference, so the figures hold without one.

usage: python bench/numbers/realmt.py [--show fp|fn|all] [--only SYSTEM] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Dict, List

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _data import REPO, prf, shared_data  # noqa: E402

sys.path.insert(0, str(REPO))
from tqcheck.checks.base import CheckContext  # noqa: E402
from tqcheck.checks.numbers import NumberCheck  # noqa: E402
from tqcheck.types import Segment  # noqa: E402

TUNED = ("HPLT", "M2M")      # the systems the rules were looked at on
HELD_OUT = ("N33", "OTC")    # reported separately: never looked at while tuning


def read_lines(p: Path) -> List[str]:
    return p.read_text(encoding="utf-8").split("\n")[:-1]


def score_system(d: Path, show: str = "") -> Dict[str, object]:
    src, mt = read_lines(d / "source.ar"), read_lines(d / "mt.en")
    rows = [r.split("\t") for r in read_lines(d / "labels.tsv")[1:]]
    gold = [int(r[1]) for r in rows]
    clean = [not (int(r[1]) or int(r[2])) for r in rows]
    check, ctx = NumberCheck(), CheckContext()
    pred = []
    for k, (a, e) in enumerate(zip(src, mt)):
        found = check.check_segment(Segment(k, (k,), (k,), a, e), ctx)
        hits = [f for f in found.flags if f.severity in ("error", "warning")]
        pred.append(int(bool(hits)))
        wrong = (hits and not gold[k] and show in ("fp", "all")) or (gold[k] and not hits and show in ("fn", "all"))
        if wrong:
            print(f"--- {d.name}:{k} gold={gold[k]} note={rows[k][3] if len(rows[k]) > 3 else ''}")
            print("  AR:", a)
            print("  MT:", e)
            for f in found.flags:
                print(f"  {f.severity} {f.code}: {f.message}")
    r = prf(gold, pred)
    r["clean_lines"] = sum(clean)
    r["clean_flagged"] = sum(c and p for c, p in zip(clean, pred))
    r["pred"] = pred
    r["gold"] = gold
    return r


def micro(results: Dict[str, Dict[str, object]], names) -> Dict[str, object]:
    gold: List[int] = []
    pred: List[int] = []
    cl = cf = 0
    for n in names:
        if n in results:
            gold += results[n]["gold"]  # type: ignore[operator]
            pred += results[n]["pred"]  # type: ignore[operator]
            cl += results[n]["clean_lines"]  # type: ignore[operator]
            cf += results[n]["clean_flagged"]  # type: ignore[operator]
    r = prf(gold, pred)
    r["clean_lines"], r["clean_flagged"] = cl, cf
    return r


def _line(name: str, r: Dict[str, object]) -> str:
    rate = r["clean_flagged"] / max(1, r["clean_lines"])  # type: ignore[operator]
    return (f"| {name} | {r['tp']} | {r['fp']} | {r['fn']} | {r['p']} | {r['r']} | {r['f1']} | "
            f"{r['clean_flagged']} of {r['clean_lines']} ({rate:.1%}) |")


def score_all(only: str = "", show: str = "") -> Dict[str, Dict[str, object]]:
    """Every system of the real-MT set (an empty dict when ../shared/data has none)."""
    root = shared_data() / "mt-outputs" / "tico19"
    if not root.exists():
        return {}
    return {d.name: score_system(d, show) for d in sorted(p for p in root.iterdir() if (p / "labels.tsv").exists())
            if not only or d.name == only}


def table(results: Dict[str, Dict[str, object]]) -> List[str]:
    """The results as a markdown table: each system, the tuned pair, the held-out pair, all four."""
    lines = ["| systems | TP | FP | FN | P | R | F1 | clean lines flagged |", "|---|---|---|---|---|---|---|---|"]
    lines += [_line(n, results[n]) for n in results]
    lines.append(_line("tuned on (HPLT+M2M)", micro(results, TUNED)))
    lines.append(_line("held out (N33+OTC)", micro(results, HELD_OUT)))
    lines.append(_line("**all four, micro**", micro(results, list(results))))
    return lines


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", default="")
    ap.add_argument("--only")
    ap.add_argument("--json")
    args = ap.parse_args()
    results = score_all(args.only or "", args.show)
    if not results:
        raise SystemExit("no real-MT data in ../shared/data/mt-outputs/tico19")
    print("\n".join(table(results)))
    if args.json:
        Path(args.json).write_text(json.dumps({k: {x: y for x, y in v.items() if x not in ("pred", "gold")}
                                               for k, v in results.items()}, indent=1))


if __name__ == "__main__":
    main()
