"""Long lines: one segment of 100 KB and of 1 MB through `tqcheck check --aligned`, with wall time and
peak memory (max RSS of the child process), and the pathological inputs of issue 18 (a 1,000,000-letter
word, 300,000 emoji, a 44 MB XLIFF with one unit, /dev/zero as the source).

The long lines are the demo corpus (corpora/, committed) joined and repeated to the size, so the run needs
no ../shared. Each case runs in its own process; `--checks` picks the checks (the default: all).

usage: python bench/reliability/run.py [--checks untranslated] [--quick]   (appends to bench/reliability/RESULTS.md)
"""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List, Optional, Tuple

REPO = Path(__file__).resolve().parents[2]


def corpus_text(name: str) -> str:
    return " ".join(l for l in (REPO / "corpora" / name).read_text(encoding="utf-8").split("\n") if l)


def sized(text: str, size: int) -> str:
    data = ((text + " ") * (size // len(text.encode("utf-8")) + 1)).encode("utf-8")[:size]
    return data.decode("utf-8", "ignore")


def run(args: List[str]) -> Tuple[float, float, int, str]:
    """(wall s, peak RSS MB of this child, exit status, last stderr line)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    # /usr/bin/time would do; a fresh child's ru_maxrss is its own peak when it is the largest so far, so
    # each case runs under `python -c` reporting its own peak instead.
    code = ("import resource, sys, runpy; sys.argv = ['tqcheck'] + sys.argv[1:]\n"
            "try:\n    runpy.run_module('tqcheck', run_name='__main__')\n"
            "finally:\n    sys.stderr.write('\\npeak-kb %d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    p = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                       env=dict(os.environ, PYTHONPATH=str(REPO)))
    wall = time.perf_counter() - t
    peak = max((int(l.split()[1]) for l in p.stderr.splitlines() if l.startswith("peak-kb ")), default=before)
    last = [l for l in p.stderr.splitlines() if l.strip() and not l.startswith("peak-kb ")]
    return wall, peak / 1024, p.returncode, (last[-1] if last else "")


def main() -> None:
    checks: Optional[str] = sys.argv[sys.argv.index("--checks") + 1] if "--checks" in sys.argv else None
    quick = "--quick" in sys.argv
    tmp = Path(tempfile.mkdtemp(prefix="tqcheck-reliability-"))
    ar, en = corpus_text("demo.ar.txt"), corpus_text("demo.mt.en.txt")
    cases: List[Tuple[str, List[str]]] = []
    for size, label in ((100_000, "100 KB line"), (1_000_000, "1 MB line")):
        (tmp / f"{size}.ar").write_text(sized(ar, size) + "\n", encoding="utf-8")
        (tmp / f"{size}.en").write_text(sized(en, size) + "\n", encoding="utf-8")
        cases.append((label, [str(tmp / f"{size}.ar"), str(tmp / f"{size}.en"), "--aligned"]))
        cases.append((label + " + reference", [str(tmp / f"{size}.ar"), str(tmp / f"{size}.en"), "--aligned",
                                               "-r", str(tmp / f"{size}.en")]))
    if not quick:
        (tmp / "word.ar").write_text("ب" * 1_000_000 + "\n", encoding="utf-8")
        (tmp / "word.en").write_text("a" * 1_000_000 + "\n", encoding="utf-8")
        cases.append(("1,000,000-letter word", [str(tmp / "word.ar"), str(tmp / "word.en"), "--aligned"]))
        (tmp / "emoji.en").write_text("🎉" * 300_000 + "\n", encoding="utf-8")
        (tmp / "digits.ar").write_text("١" * 1_000_000 + "\n", encoding="utf-8")
        cases.append(("1,000,000 Arabic-Indic digits / 300,000 emoji", [str(tmp / "digits.ar"), str(tmp / "emoji.en"),
                                                                     "--aligned"]))
        unit_ar, unit_en = "قتل ١٢ جنديا في الهجوم على المدينة. ", "12 soldiers were killed in the attack. "
        n = 25_000_000 // len(unit_ar.encode("utf-8"))
        (tmp / "big.xlf").write_text(
            '<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
            '<file source-language="ar" target-language="en"><body><trans-unit id="u1"><source>'
            + unit_ar * n + "</source><target>" + unit_en * n + "</target></trans-unit></body></file></xliff>",
            encoding="utf-8")
        cases.append(("44 MB XLIFF, one unit", [str(tmp / "big.xlf")]))
        cases.append(("/dev/zero as the source", ["/dev/zero", str(tmp / "100000.en")]))
    rows = []
    for label, args in cases:
        extra = ["--checks", checks] if checks else []
        wall, peak, status, last = run(["check", *args, *extra, "--fail-on", "never", "-f", "json",
                                        "-o", str(tmp / "report.json"), "-q"])
        rows.append(f"| {label} | {wall:.1f} | {peak:.0f} | {status} | {last.replace('|', '/')[:110]} |")
        print(rows[-1], flush=True)
    results = Path(__file__).with_name("RESULTS.md")
    text = "\n".join([
        "" if results.exists() else "# Reliability: long lines and pathological inputs\n",
        f"## `python bench/reliability/run.py{' --checks ' + checks if checks else ''}{' --quick' if quick else ''}`",
        "",
        f"Each case is one "
        f"`tqcheck check ... --fail-on never -f json -o report.json` process; checks: {checks or 'all'}; "
        f"{platform.machine()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end.",
        "",
        "| case | wall s | peak RSS MB | exit | last stderr line |",
        "| --- | --- | --- | --- | --- |",
        *rows,
        "",
    ])
    with results.open("a", encoding="utf-8") as fh:  # one section a run, the latest last
        fh.write(text)
    print(text)


if __name__ == "__main__":
    main()
