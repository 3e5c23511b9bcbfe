#!/usr/bin/env python3
"""Quality benchmark of the aligner: build the gold sets, then score ``tqcheck align`` with the official
scorer (``shared/tools/score_align.py``, which prints the Gale-Church baseline beside it).

usage: run.py [--split test|tune|both]
Equivalent by hand (from the repository root):
    /work/main/.venv/bin/python bench/align/make_gold.py
    /work/main/.venv/bin/python /work/shared/tools/score_align.py bench/align/gold \\
        "env PYTHONPATH=$PWD /work/main/.venv/bin/python -m tqcheck"
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))

from bench._data import shared_data  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("test", "tune", "both"), default="test")
    args = ap.parse_args()
    scorer = shared_data().parent / "tools" / "score_align.py"
    cmd = f"env PYTHONPATH={shlex.quote(str(REPO))} {shlex.quote(sys.executable)} -m tqcheck"
    for split in (("tune", "test") if args.split == "both" else (args.split,)):
        subprocess.run([sys.executable, str(HERE / "make_gold.py"), "--split", split], check=True)
        gold = HERE / ("gold" if split == "test" else f"gold-{split}")
        print(f"{split}: ", end="", flush=True)
        subprocess.run([sys.executable, str(scorer), str(gold), cmd], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
