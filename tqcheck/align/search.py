"""Bead search: dynamic programming over a band of the sentence grid, coarse to fine.

The DP cell ``(i, j)`` means "the first ``i`` source and ``j`` target sentences are aligned". Each bead type
``(k, l)`` moves from ``(i - k, j - l)`` to ``(i, j)`` and adds the bead's score; the best path from
``(0, 0)`` to ``(n, m)`` is the alignment. The search works on plain arrays (``Side``), never on a model.

Near-linear cost (as Vecalign): when the grid is large, both sides are halved by averaging the embeddings
of neighbouring pairs of sentences, the coarse problem is solved the same way (recursively), and the fine
search only visits cells within ``params.band`` sentences of the coarse path. Every row is processed with
vector operations over its band, and 0-1 beads (which chain along a row) with a running maximum.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import numpy as np

from tqcheck.align.features import Side, background, pair_products, plain_side, quality, run_spans
from tqcheck.align.params import BEAD_TYPES, DEFAULT_PARAMS, AlignParams

NEG = -1e18

RawBead = Tuple[Tuple[int, ...], Tuple[int, ...], float]  # source, target, quality (nan for 1-0 / 0-1)


@dataclass
class Band:
    """Row ``i`` of the DP visits columns ``lo[i] .. lo[i] + width - 1`` that are below ``hi[i]``."""

    lo: np.ndarray
    hi: np.ndarray
    width: int

    def cols(self) -> np.ndarray:
        return self.lo[:, None] + np.arange(self.width)[None, :]

    @property
    def cells(self) -> int:
        return int(np.sum(self.hi - self.lo))


def full_band(n: int, m: int) -> Band:
    return Band(lo=np.zeros(n + 1, dtype=np.int64), hi=np.full(n + 1, m + 1, dtype=np.int64), width=m + 1)


def align_sides(src: Side, tgt: Side, params: AlignParams, ratio: float) -> List[RawBead]:
    """The best bead sequence for two sides (each with spans of 1..3 sentences)."""
    n, m = src.n, tgt.n
    if n == 0 or m == 0:
        return [((i,), (), float("nan")) for i in range(n)] + [((), (j,), float("nan")) for j in range(m)]
    band = find_band(src, tgt, params, ratio)
    return dp(src, tgt, band, params, ratio)


def find_band(src: Side, tgt: Side, params: AlignParams, ratio: float) -> Band:
    """The whole grid when it is small, else a band around the path found on halved sides."""
    n, m = src.n, tgt.n
    if (n + 1) * (m + 1) <= params.full_cells or min(n, m) < 8:
        return full_band(n, m)
    hs, ht = halve(src), halve(tgt)
    coarse = dp(hs, ht, find_band(hs, ht, params, ratio), params, ratio)
    lo = np.full(n + 1, m + 1, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    w = params.band
    ci = cj = 0
    for s, t, _ in coarse:
        ci1, cj1 = ci + len(s), cj + len(t)
        r0, r1 = 2 * ci, min(n, 2 * ci1)
        c0, c1 = 2 * cj, min(m, 2 * cj1)
        rows = slice(max(0, r0 - w), min(n, r1 + w) + 1)
        lo[rows] = np.minimum(lo[rows], c0 - w)
        hi[rows] = np.maximum(hi[rows], c1 + w + 1)
        ci, cj = ci1, cj1
    lo = np.minimum.accumulate(np.clip(lo, 0, m)[::-1])[::-1]  # non-decreasing
    hi = np.maximum.accumulate(np.clip(hi, 1, m + 1))
    lo[0] = 0
    hi[:-1] = np.maximum(hi[:-1], lo[1:] + 1)  # row i reaches row i + 1 (a 1-0 bead at least)
    hi = np.maximum.accumulate(np.maximum(hi, lo + 1))
    hi[n] = m + 1
    return Band(lo=lo, hi=hi, width=int(np.max(hi - lo)))


def halve(side: Side) -> Side:
    """Blocks of two neighbouring sentences as one: summed embeddings and lengths, no anchors."""
    n = side.n
    nb = (n + 1) // 2
    pad = np.zeros((nb * 2, side.spans[0].shape[1]), dtype=np.float32)
    pad[:n] = side.spans[0]
    lens = np.zeros(nb * 2)
    lens[:n] = side.lengths
    return plain_side(run_spans(pad.reshape(nb, 2, -1).sum(axis=1)), lens.reshape(nb, 2).sum(axis=1))


def align_vectors(src_vectors: np.ndarray, tgt_vectors: np.ndarray, *,
                  src_lengths: Optional[Sequence[float]] = None, tgt_lengths: Optional[Sequence[float]] = None,
                  params: Optional[AlignParams] = None) -> List[RawBead]:
    """The search on plain arrays: one embedding a sentence (runs are embedded as normalised sums).

    Args:
        src_vectors / tgt_vectors: ``(n, d)`` / ``(m, d)`` sentence embeddings.
        src_lengths / tgt_lengths: sentence lengths (default: all equal).
        params: aligner parameters (default: ``DEFAULT_PARAMS``).
    """
    params = params or DEFAULT_PARAMS
    src = plain_side(run_spans(src_vectors), src_lengths)
    tgt = plain_side(run_spans(tgt_vectors), tgt_lengths)
    ratio = float(np.sum(tgt.lengths) / np.sum(src.lengths)) if src.n and tgt.n and np.sum(src.lengths) else 1.0
    return align_sides(src, tgt, params, ratio)


def _best_pairs(src: Side, tgt: Side, q11: np.ndarray, cols: np.ndarray) -> None:
    """Each sentence's best 1-1 quality in the band: how clearly a left-out sentence has no partner."""
    ok = np.isfinite(q11)
    src.best_pair = np.full(src.n, -np.inf)
    tgt.best_pair = np.full(tgt.n, -np.inf)
    r, w = np.nonzero(ok)
    if len(r):
        np.maximum.at(src.best_pair, r - 1, q11[r, w])
        np.maximum.at(tgt.best_pair, cols[r, w] - 1, q11[r, w])


def dp(src: Side, tgt: Side, band: Band, params: AlignParams, ratio: float) -> List[RawBead]:
    """Best path through ``band``; returns beads with their quality."""
    n, m = src.n, tgt.n
    W = band.width
    cols = band.cols()
    rows = np.arange(n + 1)
    # 1-1 cosines first: they give every sentence its background similarity (the margin's reference).
    cos11 = pair_products(src.spans[0], tgt.spans[0], rows - 1, cols - 1).astype(np.float64)
    ok11 = (rows[:, None] >= 1) & (cols >= 1) & (cols <= m) & (cols < band.hi[:, None])
    background(src, tgt, rows - 1, cols - 1, cos11, ok11, params.background_k)

    scores: List[np.ndarray] = []
    quals: List[np.ndarray] = []
    skip_src = np.where(src.empty, 0.0, -params.skip)
    skip_tgt = np.where(tgt.empty, 0.0, -params.skip)
    for k, l in BEAD_TYPES:
        if k and l:
            q, _ = quality(src, tgt, k, l, rows - k, cols - l, params, ratio)
            q = np.where(cols < band.hi[:, None], q, -np.inf)
            scores.append(2.0 * (q - params.threshold) - params.penalty(k, l))
            quals.append(q)
        else:
            scores.append(np.empty(0))
            quals.append(np.empty(0))

    _best_pairs(src, tgt, quals[BEAD_TYPES.index((1, 1))], cols)

    # Everything that does not depend on D is laid out before the row loop: for each type, where in row
    # i - k each cell's predecessor sits, and the bead score with NEG where the move is impossible.
    moves = []
    inside = cols < band.hi[:, None]
    for ti, (k, l) in enumerate(BEAD_TYPES):
        if k == 0:
            continue
        prev_rows = np.maximum(rows - k, 0)
        idx = cols - l - band.lo[prev_rows][:, None]
        ok = inside & (rows[:, None] >= k) & (idx >= 0) & (idx < W) & (cols - l >= 0)
        ok &= cols - l < band.hi[prev_rows][:, None]
        gain = np.broadcast_to(skip_src[np.maximum(rows - 1, 0)][:, None], (n + 1, W)) if l == 0 else scores[ti]
        gain = np.where(ok & np.isfinite(gain), gain, NEG)
        moves.append((ti, k, np.clip(idx, 0, W - 1), gain))
    # 0-1 beads chain along a row: D[j] = max(best[j], D[j-1] + skip of target j-1), i.e. a running maximum
    # of best - run, where run is the cumulated skip score along the row.
    inc = np.zeros((n + 1, W))
    inc[:, 1:] = skip_tgt[np.clip(cols[:, 1:] - 1, 0, max(m - 1, 0))]
    run = np.cumsum(inc, axis=1)

    D = np.full((n + 1, W), NEG)
    B = np.zeros((n + 1, W), dtype=np.int8)
    t01 = BEAD_TYPES.index((0, 1))
    for i in range(n + 1):
        best = np.full(W, NEG)
        arg = np.zeros(W, dtype=np.int8)
        if i == 0:
            best[0] = 0.0  # lo[0] == 0: the empty alignment
        for ti, k, idx, gain in moves:
            if i < k:
                continue
            cand = D[i - k][idx[i]]
            cand += gain[i]
            better = cand > best
            best[better] = cand[better]
            arg[better] = ti
        r = run[i]
        chained = np.maximum.accumulate(best - r)
        chained += r
        via01 = chained > best + 1e-9
        best[via01] = chained[via01]
        best[~inside[i]] = NEG
        D[i] = best
        arg[via01] = t01
        B[i] = arg

    beads: List[RawBead] = []
    i, j = n, m
    while i > 0 or j > 0:
        ti = int(B[i, j - band.lo[i]])
        k, l = BEAD_TYPES[ti]
        confidence = float(quals[ti][i, j - band.lo[i]]) if k and l else float("nan")
        beads.append((tuple(range(i - k, i)), tuple(range(j - l, j)), confidence))
        i, j = i - k, j - l
    beads.reverse()
    return beads
