"""Soak benchmark: a 200,000-line aligned feed (NTREX-128 and TICO-19 repeated) through
`tqcheck check --aligned --format jsonl -o ...`, with peak memory (max RSS of the process) and wall time.

usage: python bench/soak/run.py [--lines 200000]   (writes bench/soak/RESULTS.md)
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _data import REPO, ntrex, tico  # noqa: E402


def main() -> None:
    n = int(sys.argv[sys.argv.index("--lines") + 1]) if "--lines" in sys.argv else 200_000
    ar1, en1 = ntrex()
    ar2, en2 = tico()
    ar, en = ar1 + ar2, en1 + en2
    tmp = Path(tempfile.mkdtemp())
    with open(tmp / "feed.ar", "w", encoding="utf-8") as fa, open(tmp / "feed.en", "w", encoding="utf-8") as fe:
        for i in range(n):
            fa.write(ar[i % len(ar)] + "\n")
            fe.write(en[i % len(en)] + "\n")
    out = tmp / "report.jsonl"
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "tqcheck", "check", str(tmp / "feed.ar"), str(tmp / "feed.en"),
                        "--aligned", "-f", "jsonl", "-o", str(out), "-q"],
                       env=dict(os.environ, PYTHONPATH=str(REPO)), capture_output=True, text=True)
    wall = time.perf_counter() - t
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode not in (0, 1):
        sys.exit(f"tqcheck failed: {p.stderr}")
    with open(out, encoding="utf-8") as fh:
        rows = sum(1 for _ in fh)
        fh.seek(0)
        last = None
        for last in fh:
            pass
    summary = json.loads(last)["summary"]
    peak_mb = usage.ru_maxrss / 1024
    text = "\n".join([
        "# Soak: a long aligned feed, streamed",
        "",
        f"`python bench/soak/run.py --lines {n}`: NTREX-128 and TICO-19 lines repeated to {n:,} aligned pairs "
        f"(human translations, so few flags), `tqcheck check --aligned --format jsonl -o report.jsonl`; "
        f"{platform.machine()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end.",
        "",
        "| lines | wall s | CPU s | peak RSS MB | segments/s | report lines | flagged |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        f"| {n:,} | {wall:.0f} | {usage.ru_utime + usage.ru_stime:.0f} | {peak_mb:.0f} | {n / wall:.0f} | "
        f"{rows:,} | {summary['flagged']:,} |",
        "",
    ])
    print(text)
    (REPO / "bench" / "soak" / "RESULTS.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
