"""Benchmark of `tqcheck audit`: the same archive with --engine local and --engine ray, wall time, CPU time
and peak memory of the whole process tree (driver, pool workers, Ray's daemons and actors).

The archive is built at run time from ../shared/data (NTREX-128 and TICO-19, Arabic source and English
translation, aligned mode) into a scratch folder; nothing is committed. Segment k is the k-th sentence pair
for the first N pairs of the corpora; past that, two pairs joined, so that no segment repeats (the encoder
caches repeated sentences, which would flatter the numbers).

    PYTHONPATH=. python bench/audit/run.py --docs 100 --lines 1000          # 100,000 segment pairs
    PYTHONPATH=. python bench/audit/run.py --docs 40 --lines 100 --workers 2 # what fits a shared 2-core box

Prints one JSON line per engine run and a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Dict, List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _data import REPO, ntrex, shared_data, tico  # noqa: E402


def corpus_pairs() -> List[Tuple[str, str]]:
    """(arabic, english) pairs of NTREX-128 (English original, Arabic human translation) and TICO-19."""
    pairs = list(zip(*ntrex())) + list(zip(*tico()))
    return [(a.strip(), e.strip()) for a, e in pairs if a.strip() and e.strip()]


def build_archive(folder: Path, docs: int, lines: int) -> Path:
    pairs = corpus_pairs()
    n = len(pairs)
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    k = 0
    for d in range(docs):
        src, tgt = [], []
        for _ in range(lines):
            if k < n:
                a, e = pairs[k]
            else:  # a distinct combination of two pairs for every k < n * n
                i, j = divmod(k - n, n)
                a, e = f"{pairs[i][0]} {pairs[(i + j + 1) % n][0]}", f"{pairs[i][1]} {pairs[(i + j + 1) % n][1]}"
            src.append(a)
            tgt.append(e)
            k += 1
        (folder / f"doc{d:05d}.ar").write_text("\n".join(src) + "\n", encoding="utf-8")
        (folder / f"doc{d:05d}.en").write_text("\n".join(tgt) + "\n", encoding="utf-8")
        rows.append({"id": f"doc{d:05d}", "source": f"doc{d:05d}.ar", "translation": f"doc{d:05d}.en",
                     "reference": None})
    manifest = folder / "manifest.jsonl"
    manifest.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return manifest


class TreeSampler(threading.Thread):
    """Samples the process tree under ``pid``: peak summed RSS, and the CPU time each process reached."""

    def __init__(self, pid: int, every: float = 0.5) -> None:
        super().__init__(daemon=True)
        import psutil

        self.psutil = psutil
        self.root = psutil.Process(pid)
        self.every = every
        self.peak_rss = 0
        self.peak_procs = 0
        self.cpu: Dict[int, float] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                procs = [self.root] + self.root.children(recursive=True)
            except self.psutil.NoSuchProcess:
                break
            rss = 0
            for p in procs:
                try:
                    rss += p.memory_info().rss
                    t = p.cpu_times()
                    self.cpu[p.pid] = max(self.cpu.get(p.pid, 0.0), t.user + t.system)
                except self.psutil.Error:
                    pass
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_procs = max(self.peak_procs, len(procs))
            self.stop.wait(self.every)


def run_engine(manifest: Path, out: Path, engine: str, workers: int) -> Dict[str, object]:
    import psutil

    cmd = [sys.executable, "-m", "tqcheck", "audit", str(manifest), "-o", str(out), "--aligned",
           "--engine", engine, "--workers", str(workers), "--fail-on", "never", "-q"]
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    busy0 = psutil.cpu_times()
    load0 = os.getloadavg()[0]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=str(REPO))
    sampler = TreeSampler(proc.pid)
    sampler.start()
    rc = proc.wait()
    wall = time.perf_counter() - t0
    sampler.stop.set()
    sampler.join()
    busy1 = psutil.cpu_times()
    machine_busy = (sum(busy1) - busy1.idle - busy1.iowait) - (sum(busy0) - busy0.idle - busy0.iowait)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8")) if rc == 0 else {}
    segments = summary.get("corpus", {}).get("segments", 0)
    return {"engine": engine, "workers": workers, "rc": rc, "wall_s": round(wall, 1),
            "segments": segments, "segments_per_s": round(segments / wall, 2) if wall else None,
            "cpu_s_tree": round(sum(sampler.cpu.values()), 1),
            "peak_rss_mib": round(sampler.peak_rss / 2**20), "peak_processes": sampler.peak_procs,
            "machine_cpu_s": round(machine_busy, 1), "cores": os.cpu_count(),
            "load_start": round(load0, 2), "load_end": round(os.getloadavg()[0], 2)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--lines", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--engines", default="local,ray")
    ap.add_argument("--repeat", type=int, default=1, help="run the engines alternately this many times")
    ap.add_argument("--workdir", default=None, help="scratch folder (default: a temporary one, removed)")
    args = ap.parse_args()
    shared_data()  # exits with a message where ../shared is absent
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="tqcheck-bench-audit-"))
    try:
        manifest = build_archive(work / "archive", args.docs, args.lines)
        results = []
        for r in range(args.repeat):
            for engine in args.engines.split(","):
                out = work / f"out-{engine}-{r}"
                shutil.rmtree(out, ignore_errors=True)
                res = run_engine(manifest, out, engine, args.workers)
                print(json.dumps(res), flush=True)
                results.append(res)
        outs = [work / f"out-{e}-0" for e in args.engines.split(",")]
        if len(outs) == 2:
            same = all((outs[0] / p.relative_to(outs[1])).read_bytes() == p.read_bytes()
                       for p in outs[1].rglob("*") if p.is_file())
            print(f"outputs identical across engines: {same}")
        print("\n| engine | segments | wall s | segments/s | CPU s (tree) | peak RSS MiB | load at start/end |")
        print("|---|---|---|---|---|---|---|")
        for res in results:
            print(f"| {res['engine']} | {res['segments']} | {res['wall_s']} | {res['segments_per_s']} | "
                  f"{res['cpu_s_tree']} | {res['peak_rss_mib']} | {res['load_start']}/{res['load_end']} |")
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
