"""backtranslate(): scores, empty sides, the cache (a re-run calls no model), signatures, errors."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Dict, List, Sequence

import pytest

from tests.conftest_models import ARABIC, ENGLISH, models_env, tiny_models  # noqa: F401
from tqcheck.errors import ConfigError, ModelError, UsageError
from tqcheck.models.backtranslate import backtranslate
from tqcheck.models.catalogue import parse_catalogue
from tqcheck.models.engines.base import DecodeOptions, Engine, register_engine
from tqcheck.models.engines.hf import TransformersEngine

SHORT = DecodeOptions(max_length=10, batch_size=8)


class TableEngine(Engine):
    """A stand-in engine that translates from a table, so scores can be checked on known outputs."""

    name = "table"
    package = ""
    table: ClassVar[Dict[str, str]] = {}
    calls: ClassVar[List[List[str]]] = []

    def translate_batch(self, texts: Sequence[str]) -> List[str]:
        TableEngine.calls.append(list(texts))
        return [self.table[t] for t in texts]


register_engine(TableEngine)


# source, translation, round trip (en->ar of translation), pseudo-reference (ar->en of source), expected
# relation of roundtrip_chrf and pseudo_chrf to 100.
CASES = [
    # Arabic-Indic vs Western digits, hamza on alef: the same text after normalisation.
    ("أعلنت الحكومة عن ٣ إجراءات جديدة.", "The government announced 3 new measures.",
     "اعلنت الحكومة عن 3 اجراءات جديدة.", "The government announced 3 new measures.", "=", "="),
    # Diacritics and tatweel.
    ("قَالَ الرَّئِيسُ إن الحكـــومة ستستقيل.", "The president said the government would resign.",
     "قال الرئيس إن الحكومة ستستقيل.", "The president said that the government will resign.", "=", "<"),
    # Alef maqsura vs yeh, and a right-to-left mark.
    ("\u200fنقل المصاب إلى مستشفى الرياض.", "The injured man was taken to Riyadh hospital.",
     "نقل المصاب الي مستشفي الرياض.", "The injured man was taken to Riyadh hospital.", "=", "="),
    # A real change: the city differs in the round trip and in the pseudo-reference.
    ("زار الوزير القاهرة يوم الأحد.", "The minister visited Amman on Sunday.",
     "زار الوزير عمان يوم الأحد.", "The minister visited Cairo on Sunday.", "<", "<"),
]


@pytest.fixture
def table(tiny_models: Path) -> Path:  # noqa: F811
    TableEngine.table = {}
    TableEngine.calls = []
    for source, translation, trip, pseudo, _, _ in CASES:
        TableEngine.table[translation] = trip
        TableEngine.table[source] = pseudo
    return tiny_models


def _relation(score: float) -> str:
    return "=" if score == 100.0 else "<"


def test_scores_follow_arabic_normalisation(table: Path, tmp_path: Path) -> None:
    result = backtranslate([c[0] for c in CASES], [c[1] for c in CASES], model_dir=str(table), engine="table",
                           cache_path=str(tmp_path / "c.sqlite3"))
    assert result.round_trips == tuple(c[2] for c in CASES)
    assert result.pseudo_references == tuple(c[3] for c in CASES)
    for case, scores in zip(CASES, result.scores):
        assert (_relation(scores["roundtrip_chrf"]), _relation(scores["pseudo_chrf"])) == (case[4], case[5]), case
        assert 0 < scores["roundtrip_chrf"] <= 100 and 0 < scores["pseudo_chrf"] <= 100
    for name in ("roundtrip_chrf", "pseudo_chrf"):
        per_segment = [s[name] for s in result.scores]
        assert min(per_segment) <= result.corpus[name] <= max(per_segment)


def test_empty_sides_are_not_translated_and_score_none(table: Path) -> None:
    source, translation = CASES[3][0], CASES[3][1]
    result = backtranslate([source, "", "  "], ["", translation, translation], model_dir=str(table),
                           engine="table", cache_path=":memory:")
    assert result.pseudo_references == (CASES[3][3], "", "")
    assert result.round_trips == ("", CASES[3][2], CASES[3][2])
    assert all(s == {"roundtrip_chrf": None, "pseudo_chrf": None} for s in result.scores)
    assert result.corpus == {"roundtrip_chrf": None, "pseudo_chrf": None}
    sent = [t for batch in TableEngine.calls for t in batch]
    assert "" not in sent and "  " not in sent
    assert sent.count(translation) == 1  # repeated texts are translated once


def test_no_segments() -> None:
    with pytest.raises(ModelError):  # the models are still required: a missing one is never skipped
        backtranslate([], [], cache_path=":memory:")


def test_signature(table: Path) -> None:
    result = backtranslate([CASES[0][0]], [CASES[0][1]], model_dir=str(table), engine="table", cache_path=":memory:")
    sig = result.signature
    assert sig["engine"]["name"] == "table"
    assert sig["forward"]["model"] == "Helsinki-NLP/opus-mt-ar-en"
    assert sig["backward"]["model"] == "Helsinki-NLP/opus-mt-en-ar"
    assert sig["forward"]["revision"] == "main" and sig["forward"]["resolved"].startswith("sha1:")
    assert "nc:6" in sig["chrf"] and "version:" in sig["chrf"]
    assert "diacritics" in sig["roundtrip_normalisation"]


def test_rerun_is_served_from_the_cache(tiny_models: Path, tmp_path: Path,  # noqa: F811
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    cache = str(tmp_path / "cache.sqlite3")
    sources, translations = ARABIC[:8], ENGLISH[:8]
    first = backtranslate(sources, translations, model_dir=str(tiny_models), engine="transformers",
                          cache_path=cache, options=SHORT)
    assert all(first.round_trips) and all(first.pseudo_references)

    def no_model(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cached re-run loaded a model")

    monkeypatch.setattr(TransformersEngine, "__init__", no_model)
    monkeypatch.setattr(TransformersEngine, "translate_batch", no_model)
    second = backtranslate(sources, translations, model_dir=str(tiny_models), engine="transformers",
                           cache_path=cache, options=SHORT)
    assert second == first
    # Other decoding options are another cache entry, so they need the model again.
    with pytest.raises(AssertionError, match="loaded a model"):
        backtranslate(sources, translations, model_dir=str(tiny_models), engine="transformers",
                      cache_path=cache, options=DecodeOptions(max_length=11))


def test_default_cache_location_is_used(tiny_models: Path, tmp_path: Path) -> None:  # noqa: F811
    backtranslate(ARABIC[:2], ENGLISH[:2], model_dir=str(tiny_models), engine="transformers", options=SHORT)
    assert (tmp_path / "tqcheck-cache" / "translations.sqlite3").is_file()  # TQCHECK_CACHE set by models_env


def test_missing_model_fails_before_translating(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as err:
        backtranslate(ARABIC[:1], ENGLISH[:1], model_dir=str(tmp_path), cache_path=":memory:")
    assert "Helsinki-NLP/opus-mt-ar-en" in str(err.value) and "tqcheck models download" in str(err.value)


@pytest.mark.parametrize("kwargs, error", [
    ({"engine": "marian"}, UsageError),
    ({"catalogue": parse_catalogue(["forward ar-en Helsinki-NLP/opus-mt-ar-en"])}, ConfigError),
])
def test_bad_arguments(table: Path, kwargs: dict, error: type) -> None:
    with pytest.raises(error):
        backtranslate(ARABIC[:1], ENGLISH[:1], model_dir=str(table), cache_path=":memory:", **kwargs)


def test_sides_must_align() -> None:
    with pytest.raises(UsageError, match="2 sources but 1 translations"):
        backtranslate(ARABIC[:2], ENGLISH[:1], cache_path=":memory:")
