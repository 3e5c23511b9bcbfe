"""models.txt parsing: the table of good and bad lines, and the shipped catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest_models import models_env  # noqa: F401
from tqcheck.errors import ConfigError
from tqcheck.models.catalogue import (
    DEFAULT_LINES,
    ModelSpec,
    default_catalogue_path,
    load_catalogue,
    parse_catalogue,
    parse_line,
)

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("line, role, pair, hf_id, revision, options", [
    ("forward ar-en Helsinki-NLP/opus-mt-ar-en", "forward", "ar-en", "Helsinki-NLP/opus-mt-ar-en", "main", {}),
    ("backward  en-ar  Helsinki-NLP/opus-mt-en-ar  main  # the default", "backward", "en-ar",
     "Helsinki-NLP/opus-mt-en-ar", "main", {}),
    ("forward ar-en facebook/nllb-200-distilled-600M 0123456789abcdef0123456789abcdef01234567", "forward",
     "ar-en", "facebook/nllb-200-distilled-600M", "0123456789abcdef0123456789abcdef01234567", {}),
    ("backward en-ar Helsinki-NLP/opus-mt-en-ar prefix=>>ara<<", "backward", "en-ar",
     "Helsinki-NLP/opus-mt-en-ar", "main", {"prefix": ">>ara<<"}),
    ("forward ar-en facebook/nllb-200-distilled-600M main src_lang=arb_Arab tgt_lang=eng_Latn", "forward",
     "ar-en", "facebook/nllb-200-distilled-600M", "main", {"src_lang": "arb_Arab", "tgt_lang": "eng_Latn"}),
    ("\tforward\tar-en\tlocal-model", "forward", "ar-en", "local-model", "main", {}),
])
def test_good_lines(line: str, role: str, pair: str, hf_id: str, revision: str, options: dict) -> None:
    spec = parse_line(line, 7)
    assert spec is not None
    assert (spec.role, spec.langpair, spec.hf_id, spec.revision, dict(spec.options), spec.line) == (
        role, pair, hf_id, revision, options, 7)


@pytest.mark.parametrize("line", ["", "   ", "# forward ar-en facebook/nllb-200-distilled-600M", "  # note"])
def test_blank_and_comment_lines(line: str) -> None:
    assert parse_line(line) is None


@pytest.mark.parametrize("line, complaint", [
    ("forward ar-en", "expected 'ROLE LANGPAIR HF_ID"),
    ("sideways ar-en Helsinki-NLP/opus-mt-ar-en", "unknown role 'sideways'"),
    ("forward arabic-english Helsinki-NLP/opus-mt-ar-en", "language pair 'arabic-english'"),
    ("forward ar_en Helsinki-NLP/opus-mt-ar-en", "language pair 'ar_en'"),
    ("forward ar-en Helsinki-NLP--opus-mt-ar-en", "not a Hugging Face model id"),
    ("forward ar-en https://huggingface.co/Helsinki-NLP/opus-mt-ar-en", "not a Hugging Face model id"),
    ("forward ar-en Helsinki-NLP/opus-mt-ar-en main beam=4", "unknown option 'beam'"),
    ("forward ar-en Helsinki-NLP/opus-mt-ar-en main prefix", "expected key=value"),
    ("forward ar-en Helsinki-NLP/opus-mt-ar-en main prefix=", "expected key=value"),
    ("forward ar-en Helsinki-NLP/opus-mt-ar-en ma!n", "revision 'ma!n'"),
])
def test_bad_lines_name_file_and_line(line: str, complaint: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_line(line, 12, "my-models.txt")
    assert str(err.value).startswith("my-models.txt:12: ")
    assert complaint in str(err.value)
    assert "\n" not in str(err.value)


def test_two_models_for_one_role_is_an_error() -> None:
    lines = ["forward ar-en Helsinki-NLP/opus-mt-ar-en", "# comment", "forward ar-en facebook/nllb-200-distilled-600M"]
    with pytest.raises(ConfigError, match=r"models.txt:3: a second 'forward' model \(line 1"):
        parse_catalogue(lines)


@pytest.mark.parametrize("lines, role, complaint", [
    (["forward ar-en Helsinki-NLP/opus-mt-ar-en"], "backward", "no 'backward' model"),
    (["backward ar-en Helsinki-NLP/opus-mt-ar-en"], "backward", "must translate en-ar, not ar-en"),
    (["forward en-ar Helsinki-NLP/opus-mt-en-ar"], "forward", "must translate ar-en, not en-ar"),
])
def test_role_lookup(lines: list, role: str, complaint: str) -> None:
    with pytest.raises(ConfigError, match=complaint):
        parse_catalogue(lines).get(role)


def test_shipped_models_txt_is_the_default_and_matches_built_in_lines() -> None:
    assert default_catalogue_path() == REPO / "models.txt"
    shipped = load_catalogue()
    built_in = parse_catalogue(DEFAULT_LINES)
    strip = lambda specs: [(s.role, s.langpair, s.hf_id, s.revision, dict(s.options)) for s in specs]  # noqa: E731
    assert strip(shipped.specs) == strip(built_in.specs)
    assert shipped.get("forward").hf_id == "Helsinki-NLP/opus-mt-ar-en"
    assert shipped.get("backward").hf_id == "Helsinki-NLP/opus-mt-en-ar"


def test_nllb_alternative_is_documented_and_parses_when_uncommented() -> None:
    text = (REPO / "models.txt").read_text(encoding="utf-8")
    nllb = [line.lstrip("# ") for line in text.splitlines() if "nllb-200-distilled-600M" in line
            and line.lstrip("# ").startswith(("forward", "backward"))]
    catalogue = parse_catalogue(nllb)
    assert {s.role for s in catalogue.specs} == {"forward", "backward"}
    assert catalogue.get("forward").hf_id == catalogue.get("backward").hf_id == "facebook/nllb-200-distilled-600M"


def test_env_catalogue_and_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "models.txt"
    path.write_text("forward ar-en my-org/my-ar-en abc123\nbackward en-ar my-org/my-en-ar\n", encoding="utf-8")
    monkeypatch.setenv("TQCHECK_MODELS_TXT", str(path))
    assert load_catalogue().get("forward") == ModelSpec("forward", "ar", "en", "my-org/my-ar-en", "abc123", {}, 1)
    with pytest.raises(ConfigError, match="cannot read the model catalogue"):
        load_catalogue(tmp_path / "absent.txt")


def test_folder_name() -> None:
    spec = parse_line("forward ar-en Helsinki-NLP/opus-mt-ar-en")
    assert spec is not None and spec.folder_name == "Helsinki-NLP--opus-mt-ar-en"
