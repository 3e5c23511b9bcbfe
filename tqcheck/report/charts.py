"""Geometry of the report's inline SVG charts: a histogram of segment scores and a bar chart of flags by check.

Only presentation: values are binned and scaled to pixels; nothing is scored here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from tqcheck.types import SEVERITIES

# Plot area of the histogram, in SVG user units (the SVG scales with its container).
HIST_W, HIST_H, HIST_PAD_L, HIST_PAD_B, HIST_PAD_T = 300, 130, 30, 20, 8
BAR_W, BAR_ROW, BAR_LABEL = 300, 22, 96


def score_domain(values: Sequence[float]) -> Tuple[float, float]:
    """The axis range for a score: [0, 1] or [0, 100] when every value fits (the usual scales), else the data range."""
    lo, hi = min(values), max(values)
    if lo >= 0 and hi <= 1:
        return 0.0, 1.0
    if lo >= 0 and hi <= 100:
        return 0.0, 100.0
    if lo == hi:
        return lo - 1, hi + 1
    return min(lo, 0.0), hi


def decimals_for(domain: Tuple[float, float]) -> int:
    """How many decimals a score on this scale is shown with (2 on a 0-1 scale, 1 otherwise)."""
    return 2 if domain[1] - domain[0] <= 2 else 1


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    count: int
    label: str


@dataclass(frozen=True)
class Histogram:
    """One score's histogram: bars, axis ticks and how many segments had no value."""

    key: str
    bars: Tuple[Bar, ...]
    ticks: Tuple[Tuple[float, str], ...]
    y_max: int
    scored: int
    unscored: int
    width: int = HIST_W
    height: int = HIST_H
    baseline: float = HIST_H - HIST_PAD_B
    left: float = HIST_PAD_L


def histogram(key: str, values: Sequence[Optional[float]], bins: int = 10) -> Optional[Histogram]:
    """Bin the segment values of one score; None when no segment has a value."""
    nums = [float(v) for v in values if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)]
    if not nums:
        return None
    lo, hi = score_domain(nums)
    step = (hi - lo) / bins
    counts = [0] * bins
    for v in nums:
        # A hand-edited report may hold extreme scores (1e308): a domain too wide or empty puts all in bin 0.
        at = (v - lo) / step if step > 0 and math.isfinite(step) else 0.0
        counts[min(bins - 1, max(0, int(at) if math.isfinite(at) else 0))] += 1
    y_max = max(counts)
    plot_w = HIST_W - HIST_PAD_L - 4
    plot_h = HIST_H - HIST_PAD_B - HIST_PAD_T
    bar_w = plot_w / bins
    dec = decimals_for((lo, hi))
    bars = []
    for i, c in enumerate(counts):
        h = plot_h * c / y_max if y_max else 0
        a, b = lo + i * step, lo + (i + 1) * step
        bars.append(Bar(
            x=round(HIST_PAD_L + i * bar_w + 1, 1), y=round(HIST_H - HIST_PAD_B - h, 1),
            width=round(bar_w - 2, 1), height=round(h, 1), count=c,
            label=f"{key} {a:.{dec}f}–{b:.{dec}f}: {c} segment{'s' if c != 1 else ''}",
        ))
    ticks = tuple((round(HIST_PAD_L + i * plot_w / 2, 1), f"{lo + i * (hi - lo) / 2:.{dec if dec == 2 else 0}f}")
                  for i in range(3))
    return Histogram(key=key, bars=tuple(bars), ticks=ticks, y_max=y_max, scored=len(nums),
                     unscored=len(values) - len(nums))


@dataclass(frozen=True)
class BarRow:
    """One check's bar: a stacked piece per severity."""

    check: str
    total: int
    y: float
    pieces: Tuple[Tuple[str, float, float, int], ...]  # (severity, x, width, count)


@dataclass(frozen=True)
class BarChart:
    rows: Tuple[BarRow, ...]
    width: int
    height: int
    label_width: int = BAR_LABEL
    row_height: int = BAR_ROW


def flag_bars(counts: Mapping[str, Mapping[str, int]]) -> BarChart:
    """Stacked horizontal bars of flag counts by check, largest first.

    Args:
        counts: check -> severity -> number of flags.
    """
    totals: Dict[str, int] = {c: sum(s.values()) for c, s in counts.items()}
    order = sorted(totals, key=lambda c: (-totals[c], c))
    top = max(totals.values(), default=0)
    plot_w = BAR_W - BAR_LABEL - 34  # room on the right for the total
    rows: List[BarRow] = []
    for i, check in enumerate(order):
        x = float(BAR_LABEL)
        pieces = []
        for sev in SEVERITIES:
            n = counts[check].get(sev, 0)
            if n:
                w = plot_w * n / top
                pieces.append((sev, round(x, 1), round(w, 1), n))
                x += w
        rows.append(BarRow(check=check, total=totals[check], y=i * BAR_ROW + 3, pieces=tuple(pieces)))
    return BarChart(rows=tuple(rows), width=BAR_W, height=max(1, len(rows)) * BAR_ROW + 6)
