"""Where the real data of ../shared lives, and a skip marker for tests that need it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TQCHECK_SHARED", REPO.parent / "shared"))
if not (SHARED / "data").is_dir() and Path("/work/shared/data").is_dir():
    SHARED = Path("/work/shared")
DATA = SHARED / "data"

needs_shared = pytest.mark.skipif(
    not DATA.is_dir(), reason=f"real data not found at {DATA} (../shared is only on the developers' machines)")


def read_lines(path: Path, limit: int | None = None) -> list[str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines[:limit] if limit else lines
