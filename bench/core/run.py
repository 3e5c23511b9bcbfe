"""Wall time of the core commands: `tqcheck --help`, the demo corpus, and 1,000 NTREX lines with
`--aligned --reference` (the English original as translation and as reference: the timing, not the score,
is what this measures).

usage: python bench/core/run.py [--repeat 3]   (writes bench/core/RESULTS.md)
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _data import REPO, ntrex  # noqa: E402

TQ = [sys.executable, "-m", "tqcheck"]


def timed(args: list[str], repeat: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(repeat):
        before = os.times()
        t = time.perf_counter()
        p = subprocess.run(TQ + args, capture_output=True, text=True, cwd=REPO,
                           env=dict(os.environ, PYTHONPATH=str(REPO)))
        walls.append(time.perf_counter() - t)
        after = os.times()
        cpus.append(after.children_user + after.children_system - before.children_user - before.children_system)
        if p.returncode not in (0, 1):
            sys.exit(f"{' '.join(args)} failed: {p.stderr}")
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3
    tmp = Path(tempfile.mkdtemp())
    ar, en = ntrex()
    (tmp / "ntrex.ar").write_text("\n".join(ar[:1000]) + "\n", encoding="utf-8")
    (tmp / "ntrex.en").write_text("\n".join(en[:1000]) + "\n", encoding="utf-8")
    c = "corpora/"
    runs = [
        ("tqcheck --help", ["--help"]),
        ("demo corpus (document mode, reference, glossary)",
         ["check", c + "demo.ar.txt", c + "demo.mt.en.txt", "-r", c + "demo.ref.en.txt", "--glossary",
          c + "glossary.tsv", "-f", "json", "-o", str(tmp / "demo.json")]),
        ("1,000 NTREX lines, --aligned --reference",
         ["check", str(tmp / "ntrex.ar"), str(tmp / "ntrex.en"), "--aligned", "-r", str(tmp / "ntrex.en"),
          "-f", "json", "-o", str(tmp / "ntrex.json")]),
    ]
    rows = []
    for name, args in runs:
        wall, cpu = timed(args, repeat)
        rows.append(f"| {name} | {wall:.2f} | {cpu:.2f} |")
        print(rows[-1], flush=True)
    load = os.getloadavg()[0]
    text = "\n".join([
        "# Core timings",
        "",
        f"`python bench/core/run.py --repeat {repeat}` on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; median of {repeat} runs; load average {load:.1f} at the end.",
        "",
        "| command | wall s | CPU s |",
        "| --- | --- | --- |",
        *rows,
        "",
    ])
    (REPO / "bench" / "core" / "RESULTS.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
