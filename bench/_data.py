"""Locating the real data of ../shared for the benchmarks (never committed to the repository)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_data() -> Path:
    for candidate in (os.environ.get("TQCHECK_SHARED"), REPO.parent / "shared", "/work/shared"):
        if candidate and (Path(candidate) / "data").is_dir():
            return Path(candidate) / "data"
    sys.exit("benchmark needs ../shared/data (NTREX-128, TICO-19); set TQCHECK_SHARED")


def lines(path: Path) -> list[str]:
    out = path.read_text(encoding="utf-8").split("\n")
    return out[:-1] if out and out[-1] == "" else out


def ntrex() -> tuple[list[str], list[str]]:
    """(Arabic, English) lines of NTREX-128 newstest2019 (English is the original, Arabic its translation)."""
    d = shared_data() / "ntrex128"
    return lines(d / "newstest2019-ref.arb.txt"), lines(d / "newstest2019-src.eng.txt")


def tico() -> tuple[list[str], list[str]]:
    d = shared_data() / "tico19"
    return lines(d / "tico19-test.ar"), lines(d / "tico19-test.en")
