"""What the search knows about each side, and the quality of a candidate bead.

A ``Side`` holds, for one language, the embeddings of every run of 1..3 consecutive sentences (as
Vecalign embeds concatenated neighbours), character lengths, the numbers each sentence contains (as a
binary matrix over the document's number values, so that shared numbers are a matrix product), the names
heard on both sides (the same kind of matrix over the document's name words) and punctuation flags.
``quality`` scores many candidate beads of one type at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from tqcheck.align.params import MAX_SPAN, AlignParams


@dataclass
class Side:
    """One language's sentences, as arrays.

    Attributes:
        spans: ``spans[k - 1][i]`` embeds sentences ``i .. i + k - 1`` (unit vectors).
        lengths: characters per sentence.
        numbers: ``(n, V)`` 0/1 matrix: sentence ``i`` contains number value ``v``.
        names: ``(n, N)`` 0/1 matrix: sentence ``i`` has (in Arabic: transliterates) a name of column ``v``;
            None when names are off.
        quotes / brackets: the sentence has quote marks / brackets.
        empty: the sentence is blank (costs nothing to leave out).
    """

    spans: List[np.ndarray]
    lengths: np.ndarray
    numbers: np.ndarray
    quotes: np.ndarray
    brackets: np.ndarray
    empty: np.ndarray
    names: Optional[np.ndarray] = None
    background: Optional[np.ndarray] = None  # mean similarity to the nearest sentences of the other side
    best_pair: Optional[np.ndarray] = None  # best 1-1 bead quality found for each sentence
    _cache: Dict[Tuple[str, int], np.ndarray] = field(default_factory=dict, repr=False)

    @property
    def n(self) -> int:
        return len(self.lengths)

    def span(self, what: str, k: int) -> np.ndarray:
        """A per-sentence array summed (lengths, background) or or-ed (numbers, names, flags) over runs of k."""
        key = (what, k)
        if key not in self._cache:
            base = getattr(self, what)
            if what == "lengths":
                base = base.astype(np.float64)
            elif what == "background":
                base = base.astype(np.float64)
            out = base[: self.n - k + 1].copy() if self.n >= k else base[:0].copy()
            for d in range(1, k):
                part = base[d: self.n - k + 1 + d]
                if what in ("lengths", "background"):
                    out = out + part
                else:
                    out = np.maximum(out, part)
            if what == "lengths":
                out = out + (k - 1)  # the spaces that join the sentences
            elif what == "background":
                out = out / k
            self._cache[key] = out
        return self._cache[key]


def run_spans(vectors: np.ndarray, max_len: int = MAX_SPAN) -> List[np.ndarray]:
    """Unit vectors of the sums of every run of 1..``max_len`` consecutive rows (``out[k - 1][i]``: rows
    ``i .. i + k - 1``). The simplest embedding of concatenated sentences, for plain-array callers."""
    vectors = np.asarray(vectors, dtype=np.float32)
    out: List[np.ndarray] = []
    run = vectors.copy()
    for k in range(1, max_len + 1):
        if k > 1:
            run = run[:-1] + vectors[k - 1:] if len(run) > 1 else run[:0]
        norm = np.linalg.norm(run, axis=1, keepdims=True)
        out.append((run / np.maximum(norm, 1e-12)).astype(np.float32))
    return out


def plain_side(spans: Sequence[np.ndarray], lengths: Optional[Sequence[float]] = None) -> Side:
    """A ``Side`` from embeddings alone (no numbers or punctuation); lengths default to 1 a sentence."""
    n = len(spans[0])
    zeros = np.zeros(n, dtype=np.float32)
    return Side(spans=[np.asarray(s, dtype=np.float32) for s in spans],
                lengths=np.ones(n) if lengths is None else np.asarray(lengths, dtype=np.float64),
                numbers=np.zeros((n, 1), dtype=np.float32), quotes=zeros, brackets=zeros,
                empty=np.zeros(n, dtype=bool))


def indicator(sets: Sequence[frozenset], vocab: Dict[str, int]) -> np.ndarray:
    """0/1 matrix, a row per set: row ``i`` has a 1 in the column ``vocab`` gives each member of ``sets[i]``
    (columns may be shared)."""
    out = np.zeros((len(sets), max(vocab.values(), default=0) + 1), dtype=np.float32)
    for i, values in enumerate(sets):
        for v in values:
            out[i, vocab[v]] = 1.0
    return out


def build_side(spans: Sequence[np.ndarray], texts: Sequence[str], number_sets: Sequence[frozenset],
               vocab: Dict[str, int], lengths: Sequence[int], quotes: Sequence[bool],
               brackets: Sequence[bool], names: Optional[np.ndarray] = None) -> Side:
    """Assemble a ``Side``; ``vocab`` maps number values to columns (shared by both sides); ``names`` is
    the side's name matrix (``indicator`` over a vocabulary shared by both sides), None without names."""
    return Side(spans=[np.asarray(s, dtype=np.float32) for s in spans],
                lengths=np.asarray(lengths, dtype=np.float64),
                numbers=indicator(number_sets, vocab), quotes=np.asarray(quotes, dtype=np.float32),
                brackets=np.asarray(brackets, dtype=np.float32),
                empty=np.array([not t.strip() for t in texts], dtype=bool), names=names)


def pair_products(a: np.ndarray, b: np.ndarray, rows: np.ndarray, cols: np.ndarray,
                  chunk: int = 256) -> np.ndarray:
    """``a[rows[r]] . b[cols[r, w]]`` for a banded set of pairs, by blocks of dense matrix products.

    Args:
        a: ``(na, d)``; b: ``(nb, d)``.
        rows: ``(R,)`` row indices into ``a`` (any value where the row is unused, e.g. -1).
        cols: ``(R, W)`` column indices into ``b``, non-decreasing along each row and from row to row
            (a band); out-of-range entries give 0.

    Returns:
        ``(R, W)`` float32 dot products.
    """
    R, W = cols.shape
    out = np.zeros((R, W), dtype=np.float32)
    if R == 0 or W == 0 or len(a) == 0 or len(b) == 0:
        return out
    for r0 in range(0, R, chunk):
        r1 = min(R, r0 + chunk)
        rr = rows[r0:r1]
        cc = cols[r0:r1]
        ok_r = (rr >= 0) & (rr < len(a))
        ok = ok_r[:, None] & (cc >= 0) & (cc < len(b))
        if not ok.any():
            continue
        c_lo = int(cc[ok].min())
        c_hi = int(cc[ok].max()) + 1
        block = a[np.clip(rr, 0, len(a) - 1)] @ b[c_lo:c_hi].T
        idx = np.clip(cc - c_lo, 0, c_hi - c_lo - 1)
        vals = np.take_along_axis(block, idx, axis=1)
        out[r0:r1] = np.where(ok, vals, 0.0)
    return out


def quality(src: Side, tgt: Side, k: int, l: int, s: np.ndarray, t: np.ndarray, params: AlignParams,
            ratio: float) -> Tuple[np.ndarray, np.ndarray]:
    """Quality of beads ``src[s : s + k]`` <-> ``tgt[t : t + l]`` for a band of start indices.

    Args:
        s: ``(R,)`` source start per band row; t: ``(R, W)`` target starts. Out-of-range entries are
            marked invalid.
        ratio: expected target/source character ratio of the document.

    Returns:
        ``(q, valid)``: float64 ``(R, W)`` qualities and a bool mask of the beads that exist.
    """
    ns, nt = src.n - k + 1, tgt.n - l + 1
    valid = ((s >= 0) & (s < ns))[:, None] & (t >= 0) & (t < nt)
    cos = pair_products(src.spans[k - 1], tgt.spans[l - 1], s, t).astype(np.float64)
    sc = np.clip(s, 0, max(ns - 1, 0))
    tc = np.clip(t, 0, max(nt - 1, 0))

    def gather(side: Side, what: str, span: int, idx: np.ndarray) -> np.ndarray:
        arr = side.span(what, span)
        return arr[idx] if len(arr) else np.zeros(idx.shape)

    q = params.cos_weight * cos
    if params.margin_weight and src.background is not None and tgt.background is not None:
        bg = 0.5 * (gather(src, "background", k, sc)[:, None] + gather(tgt, "background", l, tc))
        q += params.margin_weight * (cos - bg)
    if params.length_weight:
        a = params.length_smoothing
        lx = gather(src, "lengths", k, sc)[:, None] * ratio + a
        ly = gather(tgt, "lengths", l, tc) + a
        q -= params.length_weight * np.abs(np.log(ly / lx))
    if params.number_weight and src.numbers.shape[1] == tgt.numbers.shape[1]:
        # (4 * shared - total) / total: +1 when every number is on both sides, -1 when none is shared
        shared, tot = shared_and_total(src, tgt, "numbers", k, l, s, t, sc, tc)
        q += params.number_weight * np.where(tot > 0, (4.0 * shared - tot) / np.maximum(tot, 1.0), 0.0)
    if params.name_weight and src.names is not None and tgt.names is not None \
            and src.names.shape[1] == tgt.names.shape[1]:
        # Only a penalty, the share of names heard on one side alone: neighbouring sentences repeat the
        # same names, so a shared name is weak evidence for a bead (a bonus for it would pull a dropped
        # sentence into its neighbour's bead), while a name missing from the other side is strong evidence
        # against one.
        shared, tot = shared_and_total(src, tgt, "names", k, l, s, t, sc, tc)
        q -= params.name_weight * np.where(tot > 0, (tot - 2.0 * shared) / np.maximum(tot, 1.0), 0.0)
    if params.punct_weight:
        for what in ("quotes", "brackets"):
            x = gather(src, what, k, sc)[:, None]
            y = gather(tgt, what, l, tc)
            q -= params.punct_weight * np.abs(x - y)
    return np.where(valid, q, -np.inf), valid


def number_agreement(src: Side, tgt: Side, s: Sequence[int], t: Sequence[int]) -> float:
    """The number agreement term of ``quality`` for one bead (source sentences ``s``, target ``t``): -1 when
    the two sides' numbers all differ, up to 3 when they all match, 0 without numbers."""
    if not s or not t or src.numbers.shape[1] != tgt.numbers.shape[1]:
        return 0.0
    nx = src.numbers[list(s)].max(axis=0)
    ny = tgt.numbers[list(t)].max(axis=0)
    total = float(nx.sum() + ny.sum())
    return (4.0 * float(nx @ ny) - total) / max(total, 1.0) if total > 0 else 0.0


def shared_and_total(src: Side, tgt: Side, what: str, k: int, l: int, s: np.ndarray, t: np.ndarray,
                     sc: np.ndarray, tc: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Anchors (``"numbers"`` or ``"names"``) on both sides of each bead, and the anchors of the two sides
    counted together: ``(R, W)`` arrays."""
    nx = src.span(what, k)
    ny = tgt.span(what, l)
    shared = pair_products(nx, ny, s, t).astype(np.float64)
    if len(nx) and len(ny):
        tot = nx.sum(axis=1)[sc][:, None] + ny.sum(axis=1)[tc]
    else:
        tot = np.zeros(t.shape)
    return shared, tot


def background(src: Side, tgt: Side, rows: np.ndarray, cols: np.ndarray, cos: np.ndarray, valid: np.ndarray,
               k: int) -> None:
    """Set each sentence's background similarity: the mean of its ``k`` best 1-1 cosines in the band.

    A translation is judged against how similar the sentence is to its neighbours anyway (the margin of
    Artetxe & Schwenk), which corrects for short or generic sentences that are close to everything.
    """
    src_bg = np.zeros(src.n)
    tgt_bg = np.zeros(tgt.n)
    r_idx, w_idx = np.nonzero(valid)
    if len(r_idx):
        ss = rows[r_idx]
        vals = cos[r_idx, w_idx]
        src_bg = _top_mean(ss, vals, src.n, k)
        tgt_bg = _top_mean(cols[r_idx, w_idx], vals, tgt.n, k)
    src.background = src_bg
    tgt.background = tgt_bg
    for side in (src, tgt):
        for key in [key for key in side._cache if key[0] == "background"]:
            del side._cache[key]


def _top_mean(group: np.ndarray, vals: np.ndarray, size: int, k: int) -> np.ndarray:
    """Per group id in ``0..size-1``: the mean of its ``k`` largest values (0 for an empty group)."""
    out = np.zeros(size)
    if not len(group):
        return out
    order = np.lexsort((-vals, group))
    g = group[order]
    v = vals[order]
    first = np.r_[0, np.flatnonzero(np.diff(g)) + 1]
    rank = np.arange(len(g)) - np.repeat(first, np.diff(np.r_[first, len(g)]))
    keep = rank < k
    sums = np.bincount(g[keep], weights=v[keep], minlength=size)
    counts = np.bincount(g[keep], minlength=size)
    np.divide(sums, counts, out=out, where=counts > 0)
    return out


__all__ = ["Side", "build_side", "indicator", "pair_products", "quality", "shared_and_total", "background", "MAX_SPAN"]
