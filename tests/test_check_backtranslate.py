"""`tqcheck check --backtranslate` end to end through the CLI, on tiny Marian models built on the fly:
round-trip and pseudo-reference scores in the JSON report, with their signature; a clear error without a
model; a re-run served from the cache."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tests.conftest_models import ARABIC, ENGLISH, models_env, tiny_models  # noqa: F401
from tqcheck.cli import cli


def write(path: Path, lines) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_backtranslate_adds_scores_and_signature(tiny_models: Path, tmp_path: Path, monkeypatch) -> None:  # noqa: F811
    src = write(tmp_path / "s.ar", ARABIC[:6])
    tgt = write(tmp_path / "t.en", ENGLISH[:6])
    out = tmp_path / "r.json"
    res = run("check", src, tgt, "--aligned", "--backtranslate", "--model-dir", tiny_models,
              "-f", "json", "-o", out, "-q", "--fail-on", "never")
    assert res.exit_code == 0, res.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert {"roundtrip_chrf", "pseudo_chrf"} <= set(doc["summary"]["scores"])
    for seg in doc["segments"]:
        assert isinstance(seg["scores"]["roundtrip_chrf"], float)
        assert isinstance(seg["pseudo_reference"], str)
    sig = json.dumps(doc["signature"]["backtranslation"])
    assert "Helsinki-NLP/opus-mt-ar-en" in sig and "Helsinki-NLP/opus-mt-en-ar" in sig

    # A re-run is served from the translation cache: the models are never loaded.
    from tqcheck.models.engines.hf import TransformersEngine

    def no_model(*args, **kwargs):
        raise AssertionError("a cached re-run loaded a model")

    monkeypatch.setattr(TransformersEngine, "__init__", no_model)
    out2 = tmp_path / "r2.json"
    res = run("check", src, tgt, "--aligned", "--backtranslate", "--model-dir", tiny_models,
              "-f", "json", "-o", out2, "-q", "--fail-on", "never")
    assert res.exit_code == 0, res.stderr
    assert out2.read_bytes() == out.read_bytes()


def test_backtranslate_without_models_says_which_and_how(tmp_path: Path) -> None:
    src = write(tmp_path / "s.ar", ARABIC[:2])
    tgt = write(tmp_path / "t.en", ENGLISH[:2])
    res = run("check", src, tgt, "--aligned", "--backtranslate", "--model-dir", tmp_path / "empty")
    assert res.exit_code == 2
    (line,) = res.stderr.strip().splitlines()
    assert "opus-mt-ar-en" in line and "tqcheck models download" in line
