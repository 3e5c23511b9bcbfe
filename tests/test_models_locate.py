"""Finding models: --model-dir layouts, $TQCHECK_MODELS, the Hugging Face cache, and the missing-model error."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest_models import models_env  # noqa: F401
from tqcheck.errors import ModelError
from tqcheck.models.catalogue import parse_line
from tqcheck.models.locate import fingerprint, locate, require

SPEC = parse_line("forward ar-en Helsinki-NLP/opus-mt-ar-en main")
COMMIT = "a" * 40


def fake_model(path: Path, weights: bytes = b"weights") -> Path:
    path.mkdir(parents=True)
    (path / "config.json").write_text(json.dumps({"model_type": "marian"}), encoding="utf-8")
    (path / "model.safetensors").write_bytes(weights)
    return path


@pytest.mark.parametrize("layout", ["Helsinki-NLP--opus-mt-ar-en", "Helsinki-NLP/opus-mt-ar-en"])
def test_model_dir_layouts(tmp_path: Path, layout: str) -> None:
    folder = fake_model(tmp_path / layout)
    found = locate(SPEC, tmp_path)
    assert found is not None
    assert (found.path, found.origin) == (folder, "model-dir")
    assert found.resolved.startswith("sha1:")


def test_env_model_dirs_are_searched_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    second_model = fake_model(second / "Helsinki-NLP--opus-mt-ar-en")
    first.mkdir()
    monkeypatch.setenv("TQCHECK_MODELS", os.pathsep.join([str(first), str(second)]))
    found = locate(SPEC)
    assert found is not None and found.path == second_model
    # --model-dir comes before the environment.
    explicit = fake_model(tmp_path / "explicit" / "Helsinki-NLP--opus-mt-ar-en")
    found = locate(SPEC, tmp_path / "explicit")
    assert found is not None and found.path == explicit


def test_ct2_only_folder_counts_as_a_model(tmp_path: Path) -> None:
    folder = tmp_path / "Helsinki-NLP--opus-mt-ar-en" / "ct2-int8"
    folder.mkdir(parents=True)
    (folder / "model.bin").write_bytes(b"ct2")
    found = locate(SPEC, tmp_path)
    assert found is not None and found.path == folder.parent


def test_hf_cache_snapshot_is_found_offline(tmp_path: Path) -> None:
    # The Hugging Face cache layout: models--org--name/{refs/main, snapshots/<commit>/...}
    repo = tmp_path / "hf-cache" / "models--Helsinki-NLP--opus-mt-ar-en"
    fake_model(repo / "snapshots" / COMMIT)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(COMMIT, encoding="utf-8")
    found = locate(SPEC)
    assert found is not None
    assert (found.origin, found.resolved, found.path.name) == ("hf-cache", COMMIT, COMMIT)
    # A model folder wins over the cache.
    local = fake_model(tmp_path / "dir" / "Helsinki-NLP--opus-mt-ar-en")
    found = locate(SPEC, tmp_path / "dir")
    assert found is not None and found.path == local


def test_fingerprint_follows_the_weights(tmp_path: Path) -> None:
    a = fake_model(tmp_path / "a", b"weights one")
    b = fake_model(tmp_path / "b", b"weights two")
    c = fake_model(tmp_path / "c", b"weights one")
    assert fingerprint(a) != fingerprint(b)
    assert fingerprint(a) == fingerprint(c)
    # A conversion added later (tqcheck models download writes one) does not change the fingerprint.
    (a / "ct2-int8").mkdir()
    (a / "ct2-int8" / "model.bin").write_bytes(b"converted")
    assert fingerprint(a) == fingerprint(c)


def test_missing_model_names_it_and_how_to_get_it(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as err:
        require(SPEC, tmp_path)
    message = str(err.value)
    for part in ("Helsinki-NLP/opus-mt-ar-en", "tqcheck models download", "--model-dir",
                 "Helsinki-NLP--opus-mt-ar-en", str(tmp_path)):
        assert part in message
    assert "\n" not in message
