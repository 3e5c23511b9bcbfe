"""Score the name check in-process on the real MT of ../shared/data/mt-outputs (four systems, TICO-19, labelled
by hand), with and without the reference, with score_drift.py's definitions.

Two systems are the tuning systems (HPLT, M2M) and two are held out (N33, OTC): every change is judged on the
held-out pair, which was never looked at while tuning. Figures are micro-averaged over the lines of each group.
A line counts as flagged when the `name` check raises an error or a warning on it; "clean flagged" is the share
of lines with no drift at all (neither name nor number) that the name check flags.

usage: python bench/names/real_mt.py [--json OUT] [--show SYSTEM] [--noref]
    --show SYSTEM prints, for that system, every false alarm and every miss with the flags' messages.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from _data import lines, prf, shared_data  # noqa: E402

from tqcheck.checks.base import CheckContext  # noqa: E402
from tqcheck.checks.names import NameCheck  # noqa: E402
from tqcheck.types import Segment  # noqa: E402

TUNE = ("HPLT", "M2M")
HELD_OUT = ("N33", "OTC")


def run_system(d: Path, reference: bool) -> Dict:
    src, mt = lines(d / "source.ar"), lines(d / "mt.en")
    ref: Optional[List[str]] = lines(d / "ref.en") if reference else None
    rows = [r.split("\t") for r in lines(d / "labels.tsv")[1:]]
    gold = [int(r[2]) for r in rows]
    clean = [not (int(r[1]) or int(r[2])) for r in rows]
    segments = [Segment(i, (i,), (i,), s, t, ref[i] if ref else None) for i, (s, t) in enumerate(zip(src, mt))]
    start = time.process_time()
    findings = NameCheck().run(segments, CheckContext())
    cpu = time.process_time() - start
    flags = [[f for f in fs.flags if f.check == "name" and f.severity in ("error", "warning")] for fs in findings]
    pred = [int(bool(f)) for f in flags]
    return {"gold": gold, "pred": pred, "clean": clean, "flags": flags, "notes": [r[3] for r in rows],
            "cpu_s": cpu, "src": src, "mt": mt, "ref": ref}


def summary(runs: List[Dict]) -> Dict:
    gold = [g for r in runs for g in r["gold"]]
    pred = [p for r in runs for p in r["pred"]]
    clean = [c for r in runs for c in r["clean"]]
    out = dict(prf(gold, pred))
    out["clean_flagged"] = round(sum(c and p for c, p in zip(clean, pred)) / max(1, sum(clean)), 3)
    out["pairs_per_cpu_s"] = round(len(gold) / max(1e-9, sum(r["cpu_s"] for r in runs)))
    return out


def show(name: str, r: Dict) -> None:
    for i, (g, p) in enumerate(zip(r["gold"], r["pred"])):
        if g == p:
            continue
        kind = "MISS" if g else "FALSE"
        print(f"{name} {i} {kind}: {r['notes'][i]}")
        for f in r["flags"][i]:
            print(f"    [{f.code}] {f.message}")


def main() -> None:
    args = sys.argv[1:]
    data = shared_data() / "mt-outputs" / "tico19"
    results: Dict[str, Dict] = {}
    modes = [False] if "--noref" in args else [True, False]
    for reference in modes:
        mode = "reference" if reference else "no reference"
        runs = {s: run_system(data / s, reference) for s in TUNE + HELD_OUT}
        res = {s: summary([runs[s]]) for s in runs}
        res["tune (HPLT, M2M)"] = summary([runs[s] for s in TUNE])
        res["held out (N33, OTC)"] = summary([runs[s] for s in HELD_OUT])
        res["all four"] = summary(list(runs.values()))
        results[mode] = res
        for k, v in res.items():
            print(f"{mode:12s} {k:20s} {json.dumps(v)}")
        if "--show" in args:
            s = args[args.index("--show") + 1]
            show(f"{s}/{mode}", runs[s])
    if "--json" in args:
        Path(args[args.index("--json") + 1]).write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
