"""The sqlite translation cache and its key."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest_models import SENTENCES, models_env  # noqa: F401
from tqcheck.models.cache import CacheKey, TranslationCache, default_cache_path

KEY = CacheKey("Helsinki-NLP/opus-mt-en-ar", "sha1:0011", "ctranslate2;beam_size=1;compute_type=int8")


def test_round_trip_and_persistence(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    pairs = [(en, ar) for ar, en in SENTENCES[:5]]
    with TranslationCache(path) as cache:
        cache.put_many(KEY, pairs)
    with TranslationCache(path) as cache:
        got = cache.get_many(KEY, [en for en, _ in pairs] + ["not cached"])
        assert got == dict(pairs)
        assert len(cache) == 5


@pytest.mark.parametrize("other", [
    CacheKey("Helsinki-NLP/opus-mt-en-ar", "sha1:0012", KEY.engine),
    CacheKey("facebook/nllb-200-distilled-600M", KEY.revision, KEY.engine),
    CacheKey(KEY.model, KEY.revision, "transformers;beam_size=1"),
    CacheKey(KEY.model, KEY.revision, "ctranslate2;beam_size=4;compute_type=int8"),
])
def test_any_key_part_separates_entries(other: CacheKey) -> None:
    text, output = SENTENCES[0][1], SENTENCES[0][0]
    with TranslationCache(":memory:") as cache:
        cache.put_many(KEY, [(text, output)])
        assert cache.get_many(other, [text]) == {}
        assert cache.get_many(KEY, [text]) == {text: output}


def test_texts_are_exact_keys() -> None:
    # Whitespace and Arabic spelling variants are different inputs to a model, so different keys.
    with TranslationCache(":memory:") as cache:
        cache.put_many(KEY, [("قال الرئيس", "x")])
        assert cache.get_many(KEY, ["قال الرئيس ", "قَالَ الرئيس", "قال الرئيس"]) == {"قال الرئيس": "x"}


def test_many_texts_cross_the_parameter_chunks() -> None:
    texts = [f"sentence number {i}" for i in range(1234)]
    with TranslationCache(":memory:") as cache:
        cache.put_many(KEY, [(t, t.upper()) for t in texts])
        got = cache.get_many(KEY, texts + texts[:10])
    assert got == {t: t.upper() for t in texts}


def test_default_location_follows_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TQCHECK_CACHE", str(tmp_path / "here"))
    assert default_cache_path() == tmp_path / "here" / "translations.sqlite3"
    monkeypatch.delenv("TQCHECK_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_path() == tmp_path / "xdg" / "tqcheck" / "translations.sqlite3"
