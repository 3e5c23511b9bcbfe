"""Score the number check on the dev sets (in-process) and measure its throughput on TICO-19.

Precision, recall and F1 are defined as in /work/shared/tools/score_drift.py: a line counts as flagged when
the check gives it a flag with severity error or warning. The digit-string baselines are those of
score_drift.py (imported from ../shared/tools when it is there).

usage: python bench/numbers/run.py [SETS_DIR] [--show fp|fn|all] [--only SET] [--no-write] [--seconds 3]
                                  [--end-to-end] [--document]
  --end-to-end also runs the official scorer on `tqcheck check` (the whole pipeline, several minutes).
  --document also scores the pipeline in document mode (sentence split and aligned, no --aligned), and
    counts number flags on pairs of sentences that do not translate each other (whole corpora with one
    English line in ten replaced by another), each with and without the skip of low-confidence beads.
  (build the sets first: python bench/numbers/make_devset.py; writes bench/numbers/RESULTS.md)
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _data import REPO, ntrex, prf, shared_data, tico  # noqa: E402

sys.path.insert(0, str(REPO))
from tqcheck.checks.base import CheckContext  # noqa: E402
from tqcheck.checks.numbers import NumberCheck  # noqa: E402
from tqcheck.types import Segment  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realmt  # noqa: E402
import scale  # noqa: E402


def read_lines(p: Path) -> List[str]:
    return p.read_text(encoding="utf-8").split("\n")[:-1]


def official_scorer():
    path = shared_data().parent / "tools" / "score_drift.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("score_drift", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def score_set(d: Path, show: Optional[str]) -> Dict[str, object]:
    src, mt = read_lines(d / "source.ar"), read_lines(d / "mt.en")
    rows = [r.split("\t") for r in read_lines(d / "labels.tsv")[1:]]
    gold = [int(r[1]) for r in rows]
    check, ctx = NumberCheck(), CheckContext()
    pred = []
    for k, (a, e) in enumerate(zip(src, mt)):
        found = check.check_segment(Segment(k, (k,), (k,), a, e), ctx)
        hit = [f for f in found.flags if f.severity in ("error", "warning")]
        pred.append(int(bool(hit)))
        wrong = (hit and not gold[k] and show in ("fp", "all")) or (not hit and gold[k] and show in ("fn", "all"))
        if wrong:
            print(f"--- {d.name} line {k} gold={gold[k]} {rows[k][3]}\n  AR: {a}\n  EN: {e}")
            for f in hit:
                print(f"  {f.severity} {f.code}: {f.message}")
    r: Dict[str, object] = {"segments": len(gold)}
    if any(gold):
        r["number"] = prf(gold, pred)
    clean = [not g for g in gold]
    r["clean_lines"] = sum(clean)
    r["clean_flagged_rate"] = round(sum(c and p for c, p in zip(clean, pred)) / max(1, sum(clean)), 3)
    scorer = official_scorer()
    if scorer is not None and any(gold):
        r["baseline_digits_raw"] = scorer.prf(gold, scorer.baseline_digits(d, False))
        r["baseline_digits_norm"] = scorer.prf(gold, scorer.baseline_digits(d, True))
        base = scorer.baseline_digits(d, True)
        r["baseline_digits_norm_clean_flagged_rate"] = round(
            sum(c and p for c, p in zip(clean, base)) / max(1, sum(clean)), 3)
    return r


def whole_corpora() -> Dict[str, Dict[str, float]]:
    """The flag rate on every unmodified pair of NTREX-128 and TICO-19 (all lines, and those with digits):
    a clean-pair figure that does not depend on which lines the dev set drew."""
    out = {}
    check, ctx = NumberCheck(), CheckContext()
    for name, (ar, en) in (("ntrex", ntrex()), ("tico19", tico())):
        flagged, digits, digits_flagged = 0, 0, 0
        for k, (a, e) in enumerate(zip(ar, en)):
            found = check.check_segment(Segment(k, (k,), (k,), a, e), ctx)
            hit = any(f.severity in ("error", "warning") for f in found.flags)
            flagged += hit
            if any(c.isdigit() for c in a + e):
                digits += 1
                digits_flagged += hit
        out[name] = {"pairs": len(ar), "flagged_rate": round(flagged / len(ar), 3),
                     "pairs_with_digits": digits, "flagged_rate_with_digits": round(digits_flagged / digits, 3)}
    return out


def throughput(seconds: float) -> Dict[str, float]:
    """Segment pairs a second through NumberCheck.check_segment alone, on all of TICO-19, in one process.

    Reported per second of CPU time of this process (what one core does, whatever else the machine runs)
    and per second of wall time; the best pass of each is kept.
    """
    ar, en = tico()
    segs = [Segment(k, (k,), (k,), a, e) for k, (a, e) in enumerate(zip(ar, en))]
    check, ctx = NumberCheck(), CheckContext()
    for s in segs[:200]:
        check.check_segment(s, ctx)  # warm-up
    best_cpu = best_wall = 0.0
    runs = 0
    t_end = time.perf_counter() + seconds
    while time.perf_counter() < t_end or runs < 3:
        c, t = time.process_time(), time.perf_counter()
        for s in segs:
            check.check_segment(s, ctx)
        dc, dt = time.process_time() - c, time.perf_counter() - t
        best_cpu = max(best_cpu, len(segs) / max(dc, 1e-9))
        best_wall = max(best_wall, len(segs) / dt)
        runs += 1
    return {"pairs": len(segs), "runs": runs, "pairs_per_cpu_s": round(best_cpu), "pairs_per_wall_s": round(best_wall),
            "load_avg_1min": round(os.getloadavg()[0], 2), "cpus": os.cpu_count()}


def document_mode(sets: Path) -> Dict[str, Dict[str, object]]:
    """The number check inside the pipeline in document mode, where the aligner's confidence decides which
    beads it checks. "all beads" is the check run on every bead with both sides (before low-confidence beads
    were skipped), for comparison.

    - each dev set: a line counts as flagged when a bead covering its source line has a number flag;
    - each whole corpus with every tenth English line replaced by one from half the corpus away: number
      flags on beads that pair a source line with its own translation ("true pairs") and on the others.
    """
    import tempfile
    from dataclasses import replace

    from tqcheck.pipeline import Options, check_files

    check, ctx = NumberCheck(), CheckContext()
    only_number = Options(checks=("number",))

    def hits(r) -> tuple:
        seg = r.segment
        kept = any(f.severity in ("error", "warning") for f in r.flags)
        if seg.aligned or not (seg.source and seg.translation):
            return kept, kept
        every = check.check_segment(replace(seg, aligned=True), ctx).flags
        return kept, any(f.severity in ("error", "warning") for f in every)

    out: Dict[str, Dict[str, object]] = {}
    for d in sorted(p for p in sets.iterdir() if (p / "labels.tsv").exists()):
        gold = [int(r.split("\t")[1]) for r in read_lines(d / "labels.tsv")[1:]]
        report = check_files(str(d / "source.ar"), str(d / "mt.en"), None, only_number)
        kept, every = [0] * len(gold), [0] * len(gold)
        for r in report.segments:
            a, b = hits(r)
            for k in r.segment.source_lines:
                kept[k] |= a
                every[k] |= b
        clean = sum(1 for g in gold if not g)
        out[d.name] = {name: {**(prf(gold, pred) if any(gold) else {}),
                              "clean_flagged": sum(p and not g for p, g in zip(pred, gold)), "clean": clean}
                       for name, pred in (("skip", kept), ("all beads", every))}
    for name, (ar, en) in (("ntrex", ntrex()), ("tico19", tico())):
        wrong = {k for k in range(len(en)) if k % 10 == 5}
        mt = [en[(k + len(en) // 2) % len(en)] if k in wrong else e for k, e in enumerate(en)]
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "a").write_text("\n".join(ar) + "\n", encoding="utf-8")
            (Path(tmp) / "e").write_text("\n".join(mt) + "\n", encoding="utf-8")
            report = check_files(str(Path(tmp) / "a"), str(Path(tmp) / "e"), None, only_number)
        counts = {"skip": [0, 0], "all beads": [0, 0]}
        for r in report.segments:
            seg = r.segment
            true_pair = bool(set(seg.source_lines) & set(seg.target_lines) - wrong)
            for key, hit in zip(("skip", "all beads"), hits(r)):
                counts[key][0 if true_pair else 1] += hit
        out[f"{name}-replaced"] = {k: {"lines_replaced": len(wrong), "flagged_true_pairs": v[0],
                                       "flagged_other_pairs": v[1]} for k, v in counts.items()}
    return out


def end_to_end(sets: Path) -> Optional[tuple]:
    """The official scorer on the whole pipeline: ``score_drift.py SETS "python -m tqcheck"``."""
    scorer = shared_data().parent / "tools" / "score_drift.py"
    if not scorer.exists():
        return None
    cmd = f"env PYTHONPATH={REPO} {sys.executable} -m tqcheck"
    shown = f'{sys.executable} {scorer} {sets} "{cmd}"'
    p = subprocess.run([sys.executable, str(scorer), str(sets), cmd], capture_output=True, text=True)
    return shown, (p.stdout + p.stderr[-2000:]).strip()


def main(argv: List[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sets", nargs="?", default=str(REPO / "bench" / "numbers" / "sets"))
    ap.add_argument("--show", choices=("fp", "fn", "all"), help="print the wrongly flagged or missed lines")
    ap.add_argument("--only", help="score one set")
    ap.add_argument("--seconds", type=float, default=3.0, help="time spent measuring throughput")
    ap.add_argument("--no-write", action="store_true", help="do not write RESULTS.md")
    ap.add_argument("--end-to-end", action="store_true", help="also score `tqcheck check` with score_drift.py")
    ap.add_argument("--document", action="store_true", help="also score the pipeline in document mode")
    a = ap.parse_args(argv[1:])
    results = {}
    for d in sorted(p for p in Path(a.sets).iterdir() if (p / "labels.tsv").exists()):
        if a.only and d.name != a.only:
            continue
        results[d.name] = score_set(d, a.show)
        print(d.name, json.dumps(results[d.name]))
    if a.show or a.only:
        return
    whole = whole_corpora()
    print("whole corpora", json.dumps(whole))
    tp = throughput(a.seconds)
    print("throughput", json.dumps(tp))
    e2e = end_to_end(Path(a.sets)) if a.end_to_end else None
    if e2e:
        print(e2e[1])
    doc = document_mode(Path(a.sets)) if a.document else None
    for name, r in (doc or {}).items():
        print("document", name, json.dumps(r))
    real = realmt.score_all()
    if real:
        print("\n".join(realmt.table(real)))
    sizes = scale.run([1000, 4000, 10000, 170000])
    for r in sizes:
        print("scale", json.dumps(r))
    if not a.no_write:
        write_results(results, whole, tp, e2e, doc, real, sizes)


def write_results(results: Dict[str, Dict], whole: Dict[str, Dict], tp: Dict[str, float],
                  e2e: Optional[tuple], doc: Optional[Dict[str, Dict]] = None,
                  real: Optional[Dict[str, Dict]] = None, sizes: Optional[List[Dict]] = None) -> None:
    lines = [
        "# Number check: real machine translation, dev-set scores and throughput",
        "",
        "Reproduce (from the repository root):",
        "",
        "```",
        ".venv/bin/python bench/numbers/realmt.py            # real MT: the table below (--show fp|fn to see lines)",
        "cd ../shared/data && python3 ../tools/score_drift.py mt-outputs/tico19 \"$OLDPWD/.venv/bin/tqcheck\"",
        "                                                     # the same, end to end with the official scorer",
        "                                                     # (identical with the folders copied without ref.en)",
        ".venv/bin/python bench/numbers/make_devset.py       # builds bench/numbers/sets (planted errors)",
        ".venv/bin/python bench/numbers/run.py               # this file",
        "python3 ../shared/tools/score_drift.py bench/numbers/sets -   # digit baselines",
        ".venv/bin/python bench/numbers/run.py --document    # also document mode",
        "```",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, one process.",
        "",
    ]
    if real:
        lines += [
            "## Real machine translation (the headline)",
            "",
            "Four public systems on the first 600 lines of TICO-19 (`../shared/data/mt-outputs`, labelled by hand). "
            "A line counts as flagged when the number check gives it an error or a warning; \"clean\" lines have "
            "neither a number nor a name drift. The check does not read the reference, so the figures hold "
            "without one. The rules were looked at on HPLT and M2M only; N33 and OTC are held out.",
            "",
        ] + realmt.table(real) + [""]
    lines += [
        "## Planted errors (changed digits and words in human translations)",
        "",
        "| set | lines | corrupted | P | R | F1 | clean lines flagged | digit baseline F1 (norm / raw) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        num = r.get("number")
        base_n, base_r = r.get("baseline_digits_norm"), r.get("baseline_digits_raw")
        pos = (num["tp"] + num["fn"]) if num else 0
        lines.append(
            f"| {name} | {r['segments']} | {pos} | {num['p'] if num else '-'} | {num['r'] if num else '-'} | "
            f"{num['f1'] if num else '-'} | {r['clean_flagged_rate']:.1%} of {r['clean_lines']} | "
            f"{base_n['f1'] if base_n else '-'} / {base_r['f1'] if base_r else '-'} |")
    lines += ["", "Every unmodified (human-translated) pair of the two corpora, not only the dev-set sample:", "",
              "| corpus | pairs | flagged | pairs with digits | flagged among them |", "|---|---|---|---|---|"]
    for name, w in whole.items():
        lines.append(f"| {name} | {w['pairs']} | {w['flagged_rate']:.1%} | {w['pairs_with_digits']} | "
                     f"{w['flagged_rate_with_digits']:.1%} |")
    lines += ["", f"Throughput of `NumberCheck.check_segment` alone on TICO-19 ({tp['pairs']} pairs, one process, "
              f"best of {tp['runs']} passes): **{tp['pairs_per_cpu_s']:,} segment pairs per CPU-second** (one core), "
              f"{tp['pairs_per_wall_s']:,} per wall-clock second on a machine with {tp['cpus']} cores and a load "
              f"average of {tp['load_avg_1min']} (shared; CPU time is the figure that does not depend on the "
              f"neighbours).", ""]
    if sizes:
        lines += ["One segment with n «١٬٠٠٠» against n \"1,000\" (`bench/numbers/scale.py`, each in a fresh "
                  "process; all values equal, the worst case for pairing). Past 40,000 combinations each number is "
                  "compared with its 16 nearest of the other side and the segment gets a `number-capped` info:", "",
                  "| n | source characters | CPU s | peak memory (MB) |", "|---|---|---|---|"]
        lines += [f"| {r['n']:,} | {r['source_chars']:,} | {r['cpu_s']} | {r['peak_rss_mb']} |" for r in sizes]
        lines.append("")
    if e2e:
        lines += ["End to end (`tqcheck check --aligned --format json` on each set, scored by the official scorer):",
                  "", "```", e2e[0], e2e[1], "```", ""]
    if doc:
        lines += ["Document mode (`run.py --document`: sentence split and aligned, no `--aligned`). The check skips "
                  "beads below the alignment confidence threshold unless they pass it with their numbers left "
                  "out; \"all beads\" checks every bead, as before that rule:", "",
                  "| set | beads checked | P | R | F1 | clean lines flagged |", "|---|---|---|---|---|---|"]
        rows = [(name, how, m) for name, r in doc.items() for how, m in r.items()]
        lines += [f"| {name} | {how} | {m.get('p', '-')} | {m.get('r', '-')} | {m.get('f1', '-')} | "
                  f"{m['clean_flagged']} of {m['clean']} |" for name, how, m in rows if "clean" in m]
        lines += ["", "| corpus, 1 English line in 10 replaced | beads checked | number flags on true pairs | "
                  "on other pairs |", "|---|---|---|---|"]
        lines += [f"| {name} ({m['lines_replaced']} replaced) | {how} | {m['flagged_true_pairs']} | "
                  f"{m['flagged_other_pairs']} |" for name, how, m in rows if "lines_replaced" in m]
        lines.append("")
    (REPO / "bench" / "numbers" / "RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv)
