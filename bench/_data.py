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


def prf(gold: list[int], pred: list[int]) -> dict[str, float]:
    """Precision, recall and F1 of line flags, exactly as ../shared/tools/score_drift.py defines them."""
    tp = sum(g and p for g, p in zip(gold, pred))
    fp = sum((not g) and p for g, p in zip(gold, pred))
    fn = sum(g and not p for g, p in zip(gold, pred))
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    return {"p": round(pr, 3), "r": round(rc, 3), "f1": round(f1, 3), "tp": tp, "fp": fp, "fn": fn}
