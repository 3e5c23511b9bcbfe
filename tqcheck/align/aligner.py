"""``align_sentences``: embeddings and anchors in, beads with confidences out."""

from __future__ import annotations

import math
from typing import Any, Dict, List, Optional, Sequence

import numpy as np

from tqcheck.align import anchors
from tqcheck.align.features import Side, build_side, indicator, number_agreement
from tqcheck.align.params import BEAD_TYPES, MAX_SPAN, AlignParams, make_params
from tqcheck.align.search import RawBead, align_sides
from tqcheck.encoder_backend import single_threaded_blas
from tqcheck.types import Alignment, Bead

ALIGNER = "tqcheck-dp"
ALIGNER_VERSION = "1"
# Below this confidence a bead is "not confidently aligned": the pipeline leaves it unscored and flags it.
CONFIDENCE_THRESHOLD = 0.5
NAME_COLUMNS = 64


def span_embeddings(encoder: Any, texts: Sequence[str], max_len: int = MAX_SPAN) -> List[np.ndarray]:
    """Embeddings of every run of 1..``max_len`` consecutive texts.

    Uses ``encoder.encode_spans`` when the encoder has it (tqcheck's encoder pools token features, no extra
    forward pass); otherwise encodes the joined texts, as Vecalign does.
    """
    if hasattr(encoder, "encode_spans"):
        return list(encoder.encode_spans(list(texts), max_len))
    n = len(texts)
    out = [np.asarray(encoder.encode(list(texts)), dtype=np.float32).reshape(n, -1)]
    dim = out[0].shape[1] if n else 512
    for k in range(2, max_len + 1):
        joined = [" ".join(texts[i:i + k]) for i in range(n - k + 1)]
        vecs = np.asarray(encoder.encode(joined), dtype=np.float32).reshape(len(joined), -1) if joined else \
            np.zeros((0, dim), dtype=np.float32)
        out.append(vecs)
    return [_unit(v) for v in out]


def _unit(v: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(v, axis=1, keepdims=True)
    return (v / np.maximum(norm, 1e-12)).astype(np.float32)


def make_sides(source: Sequence[str], target: Sequence[str], src_spans: Sequence[np.ndarray],
               tgt_spans: Sequence[np.ndarray], names: bool = False) -> tuple[Side, Side]:
    """Both sides' arrays, with one number vocabulary (and, when ``names``, one name vocabulary) shared by
    the two."""
    src_nums = [anchors.number_values(t, "ar") for t in source]
    tgt_nums = [anchors.number_values(t, "en") for t in target]
    vocab = _vocabulary(src_nums + tgt_nums)
    src_names = tgt_names = None
    if names:
        src_sets, tgt_sets = anchors.name_anchors(source, target)
        # Names are local (a few a sentence, each in a few neighbouring sentences), so the columns are
        # folded: names first seen less than NAME_COLUMNS names apart never share one, and the matrices
        # (and their products in the search) stay small however long the document.
        name_vocab = {v: i % NAME_COLUMNS for v, i in _vocabulary(tgt_sets + src_sets).items()}
        src_names, tgt_names = indicator(src_sets, name_vocab), indicator(tgt_sets, name_vocab)

    def side(texts: Sequence[str], spans: Sequence[np.ndarray], nums: List[frozenset],
             name_matrix: Optional[np.ndarray]) -> Side:
        return build_side(spans, texts, nums, vocab, anchors.char_lengths(texts),
                          [anchors.has_quote(t) for t in texts], [anchors.has_bracket(t) for t in texts],
                          name_matrix)

    return side(source, src_spans, src_nums, src_names), side(target, tgt_spans, tgt_nums, tgt_names)


def _vocabulary(sets: Sequence[frozenset]) -> Dict[str, int]:
    """A column for each distinct member of ``sets``, in a reproducible order."""
    vocab: Dict[str, int] = {}
    for values in sets:
        for v in sorted(values):
            vocab.setdefault(v, len(vocab))
    return vocab


def length_ratio(source: Sequence[str], target: Sequence[str]) -> float:
    """Target characters per source character over the document (1.0 when a side is empty)."""
    ls, lt = sum(anchors.char_lengths(source)), sum(anchors.char_lengths(target))
    if ls == 0 or lt == 0:
        return 1.0
    return lt / ls


def confidence(q: float, params: AlignParams) -> float:
    """Bead quality -> confidence in [0, 1] (0.5 at ``params.confidence_center``)."""
    if not math.isfinite(q):
        return 0.0 if q < 0 else 1.0
    z = params.confidence_scale * (q - params.confidence_center)
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def align_sentences(source: Sequence[str], target: Sequence[str], *, encoder: Optional[Any] = None,
                    **options: Any) -> Alignment:
    """Align source and target sentences into beads (1-1, 1-2, 2-1, 1-3, 3-1, 2-2, 1-0, 0-1).

    Args:
        source: source sentences (Arabic), in document order.
        target: target sentences (English).
        encoder: anything with ``encode(list[str]) -> (n, d)`` unit vectors (and optionally
            ``encode_spans``); default: the shared USE encoder.
        **options: overrides of ``AlignParams`` fields (a ``UsageError`` for unknown names).

    Returns:
        An ``Alignment`` covering every sentence once, in order. ``Bead.score`` is a confidence in [0, 1]:
        for a pair, how clearly the two sides translate each other (below ``CONFIDENCE_THRESHOLD`` they
        probably do not); for a 1-0 / 0-1 bead, how clearly the sentence has no counterpart.
    """
    params = make_params(options)
    source, target = list(source), list(target)
    n, m = len(source), len(target)
    if n and m:
        if encoder is None:
            from tqcheck.encoder import get_encoder

            encoder = get_encoder()
        src_spans = span_embeddings(encoder, source)
        tgt_spans = span_embeddings(encoder, target)
    else:
        src_spans = [np.zeros((max(0, n - k + 1), 1), dtype=np.float32) for k in range(1, MAX_SPAN + 1)]
        tgt_spans = [np.zeros((max(0, m - k + 1), 1), dtype=np.float32) for k in range(1, MAX_SPAN + 1)]
    src, tgt = make_sides(source, target, src_spans, tgt_spans, names=bool(params.name_weight))
    ratio = length_ratio(source, target)
    with single_threaded_blas():
        raw = align_sides(src, tgt, params, ratio)
    beads = tuple(_to_bead(b, src, tgt, params) for b in raw)
    return Alignment(beads=beads, signature=signature(params, encoder))


def _to_bead(raw: RawBead, src: Side, tgt: Side, params: AlignParams) -> Bead:
    s, t, q = raw
    if s and t:
        plain = q - params.number_weight * number_agreement(src, tgt, s, t)
        return Bead(source=s, target=t, score=round(confidence(q, params), 4),
                    score_without_numbers=round(confidence(plain, params), 4))
    # 1-0 / 0-1: confident when even the sentence's best possible partner is a poor match.
    side, i = (src, s[0]) if s else (tgt, t[0])
    best = float(side.best_pair[i]) if side.best_pair is not None and side.n else -math.inf
    return Bead(source=s, target=t, score=round(1.0 - confidence(best, params), 4))


def signature(params: AlignParams, encoder: Optional[Any] = None) -> Dict[str, Any]:
    """Everything needed to reproduce an alignment: aligner, parameters, encoder."""
    sig: Dict[str, Any] = {"name": ALIGNER, "version": ALIGNER_VERSION,
                           "beads": [f"{k}-{l}" for k, l in BEAD_TYPES],
                           "confidence_threshold": CONFIDENCE_THRESHOLD, "params": params.to_dict()}
    if encoder is not None and hasattr(encoder, "signature"):
        sig["encoder"] = encoder.signature()
    return sig
