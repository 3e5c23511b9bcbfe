"""Score the name check in-process on the dev sets of make_devset.py, with score_drift.py's definitions.

For each set folder: precision, recall and F1 of the lines flagged by the `name` check (error or warning)
against labels.tsv, the same restricted to each kind of corruption (that kind's lines plus the clean
lines), the share of clean lines flagged, and throughput: segment pairs per CPU second (one process, one
core; CPU time because the machine is shared; the fastest of three cold runs, caches cleared before each)
once the word lists are loaded (a one-off second a process).
A set is read as one document, as `tqcheck check` would read its files. glossary.tsv, when a set has one,
is passed as the glossary.

usage: python bench/names/run.py [SETS_DIR] [--json OUT] [--only SET]
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from _data import prf  # noqa: E402

from tqcheck.checks.base import CheckContext  # noqa: E402
from tqcheck.checks.names import NameCheck  # noqa: E402
from tqcheck.glossary import load_glossary  # noqa: E402
from tqcheck.types import Segment  # noqa: E402


def read_lines(p: Path) -> List[str]:
    return p.read_text(encoding="utf-8").split("\n")[:-1]


def score_set(d: Path, repeat: int = 3) -> Dict:
    src, mt = read_lines(d / "source.ar"), read_lines(d / "mt.en")
    ref = read_lines(d / "ref.en") if (d / "ref.en").exists() else None
    rows = [r.split("\t") for r in read_lines(d / "labels.tsv")[1:]]
    gold = [int(r[2]) for r in rows]
    kinds = [r[3].split(":")[0] if len(r) > 3 else "" for r in rows]
    segments = [Segment(i, (i,), (i,), s, t, ref[i] if ref else None) for i, (s, t) in enumerate(zip(src, mt))]
    glossary = load_glossary(d / "glossary.tsv") if (d / "glossary.tsv").exists() else None
    context = CheckContext(glossary=glossary)
    wall = cpu = float("inf")
    for _ in range(repeat):  # the machine is shared: keep the fastest of a few cold runs
        clear_caches()
        start, cpu0 = time.perf_counter(), time.process_time()
        findings = NameCheck().run(segments, context)
        wall, cpu = min(wall, time.perf_counter() - start), min(cpu, time.process_time() - cpu0)
    pred = [int(any(f.check == "name" and f.severity in ("error", "warning") for f in fs.flags)) for fs in findings]
    codes: Dict[str, int] = defaultdict(int)
    for fs in findings:
        for f in fs.flags:
            codes[f.code or ""] += 1
    r: Dict = {"segments": len(segments), "reference": ref is not None, "glossary": glossary is not None,
               "wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "pairs_per_cpu_s": round(len(segments) / cpu),
               "name": prf(gold, pred)}
    for kind in sorted(set(kinds) - {"clean", ""}):
        keep = [i for i, k in enumerate(kinds) if k in (kind, "clean")]
        r[f"name_{kind}"] = prf([gold[i] for i in keep], [pred[i] for i in keep])
    clean = [i for i, g in enumerate(gold) if not g]
    r["clean_lines"] = len(clean)
    r["clean_flagged_rate"] = round(sum(pred[i] for i in clean) / max(1, len(clean)), 3)
    r["flags_by_code"] = dict(sorted(codes.items()))
    return r


def load_lexicons() -> float:
    """Load the word lists once (a one-off cost of about a second a process), so that timings are per pair."""
    from tqcheck.text.lexicon import _arabic_frequencies, _english_words, is_common_english

    start = time.process_time()
    _arabic_frequencies(), _english_words(), is_common_english("the")
    return time.process_time() - start


def clear_caches() -> None:
    """Forget what the previous set taught the caches (the sets share sources), so each set is timed cold."""
    import importlib
    import pkgutil

    import tqcheck.checks.names as check_mod
    import tqcheck.names
    import tqcheck.text.lexicon as lexicon
    import tqcheck.text.translit as translit

    names = [importlib.import_module(f"tqcheck.names.{m.name}") for m in pkgutil.iter_modules(tqcheck.names.__path__)]
    keep = {lexicon._arabic_frequencies, lexicon._english_words}
    for mod in (check_mod, lexicon, translit, *names):
        for obj in list(vars(mod).values()):
            if hasattr(obj, "cache_clear") and obj not in keep:
                obj.cache_clear()


def markdown(results: Dict[str, Dict]) -> str:
    """The results as a Markdown table (recall per kind; P/R/F1 over all kinds)."""
    rows = ["| set | reference | glossary | P | R | F1 | swap R | drop R | misspell R | clean flagged "
            "| pairs / CPU s |",
            "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        kind = lambda k: f"{r[k]['r']:.3f}" if k in r else "–"  # noqa: E731
        rows.append(f"| {name} | {'yes' if r['reference'] else 'no'} | {'yes' if r['glossary'] else 'no'} "
                    f"| {r['name']['p']:.3f} | {r['name']['r']:.3f} | {r['name']['f1']:.3f} | {kind('name_swap')} "
                    f"| {kind('name_drop')} | {kind('name_misspell')} | {100 * r['clean_flagged_rate']:.1f} % "
                    f"| {r['pairs_per_cpu_s']} |")
    return "\n".join(rows)


def main() -> None:
    args = sys.argv[1:]
    print(f"lexicons loaded in {load_lexicons():.2f} s CPU", flush=True)
    sets = Path(args[0]) if args and not args[0].startswith("--") else ROOT / "bench" / "names" / "sets"
    only = args[args.index("--only") + 1] if "--only" in args else None
    results = {}
    for d in sorted(p for p in sets.iterdir() if (p / "labels.tsv").exists()):
        if only and d.name != only:
            continue
        results[d.name] = score_set(d)
        print(d.name, json.dumps(results[d.name]), flush=True)
    print(markdown(results))
    if "--json" in args:
        Path(args[args.index("--json") + 1]).write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
