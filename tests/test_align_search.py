"""The bead search on plain arrays: every bead type is recovered from synthetic embeddings."""

from __future__ import annotations

from typing import List, Tuple

import numpy as np
import pytest

from tqcheck.align.features import plain_side, run_spans
from tqcheck.align.params import AlignParams, make_params
from tqcheck.align.search import Band, align_vectors, find_band
from tqcheck.errors import UsageError

Gold = List[Tuple[Tuple[int, ...], Tuple[int, ...]]]


def synthetic(kind: Tuple[int, int], seed: int = 0, around: int = 6, dim: int = 64):
    """``around`` 1-1 pairs, one bead of ``kind``, ``around`` more 1-1 pairs.

    A sentence is a sum of "meaning" vectors plus noise; a merged sentence carries the meanings of the
    sentences it replaces, as a translation that merges two sentences does.
    """
    rng = np.random.default_rng(seed)

    def unit() -> np.ndarray:
        v = rng.normal(size=dim)
        return v / np.linalg.norm(v)

    src: List[np.ndarray] = []
    tgt: List[np.ndarray] = []
    gold: Gold = []

    def pair() -> None:
        u = unit()
        gold.append(((len(src),), (len(tgt),)))
        src.append(u + 0.3 * unit())
        tgt.append(u + 0.3 * unit())

    for _ in range(around):
        pair()
    k, l = kind
    if k and l:
        atoms = [unit() for _ in range(4)]
        if kind == (2, 2):  # content crossed over: neither 1-1 pairing holds, only the 2-2 block does
            S = [atoms[0] + atoms[1], atoms[2] + atoms[3]]
            T = [atoms[0] + atoms[2], atoms[1] + atoms[3]]
        else:
            parts = atoms[:max(k, l)]
            S = [sum(parts)] if k == 1 else parts
            T = [sum(parts)] if l == 1 else parts
        gold.append((tuple(range(len(src), len(src) + k)), tuple(range(len(tgt), len(tgt) + l))))
        src += S
        tgt += T
    elif k:
        gold.append(((len(src),), ()))
        src.append(unit())
    else:
        gold.append(((), (len(tgt),)))
        tgt.append(unit())
    for _ in range(around):
        pair()
    return np.array(src), np.array(tgt), gold


def beads(raw) -> Gold:
    return [(s, t) for s, t, _ in raw]


@pytest.mark.parametrize("kind", [(1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (1, 0), (0, 1)])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_each_bead_type_is_recovered(kind, seed):
    src, tgt, gold = synthetic(kind, seed)
    assert beads(align_vectors(src, tgt)) == gold


def test_two_two_bead_when_it_pays():
    # 2-2 beads carry a penalty by default (rare in MT output); with a smaller one the crossed block is found.
    src, tgt, gold = synthetic((2, 2))
    assert beads(align_vectors(src, tgt, params=make_params({"penalty_22": 0.0}))) == gold


@pytest.mark.parametrize("n, m", [(0, 0), (0, 3), (4, 0)])
def test_one_side_empty(n, m):
    rng = np.random.default_rng(0)
    raw = align_vectors(rng.normal(size=(n, 8)), rng.normal(size=(m, 8)))
    assert beads(raw) == [((i,), ()) for i in range(n)] + [((), (j,)) for j in range(m)]


def test_long_document_uses_a_band_and_stays_exact():
    # 600 x 600 exceeds the exhaustive limit: the search runs coarse to fine, on a band
    rng = np.random.default_rng(3)
    meanings = rng.normal(size=(600, 64))
    src = meanings + 0.3 * rng.normal(size=meanings.shape)
    tgt = np.delete(meanings, [100, 350], axis=0) + 0.3 * rng.normal(size=(598, 64))
    params = AlignParams()
    band = find_band(plain_side(run_spans(src)), plain_side(run_spans(tgt)), params, 1.0)
    assert isinstance(band, Band) and band.cells < 0.2 * 601 * 599
    got = beads(align_vectors(src, tgt, params=params))
    assert ((100,), ()) in got and ((350,), ()) in got
    assert sum(1 for s, t in got if s and t) == 598


def test_beads_cover_every_sentence_once_in_order():
    rng = np.random.default_rng(5)
    src, tgt = rng.normal(size=(37, 16)), rng.normal(size=(29, 16))  # unrelated: anything goes, but in order
    got = beads(align_vectors(src, tgt))
    assert [i for s, _ in got for i in s] == list(range(37))
    assert [j for _, t in got for j in t] == list(range(29))


def test_unknown_option_is_a_usage_error():
    with pytest.raises(UsageError, match="no_such_option"):
        make_params({"no_such_option": 1})
