"""The engines on tiny real models: loading offline, generation, batching, CTranslate2 conversion."""

from __future__ import annotations

from pathlib import Path
from typing import List

import pytest

from tests.conftest_models import (  # noqa: F401
    ARABIC,
    BACKWARD_ID,
    ENGINES,
    ENGLISH,
    FORWARD_ID,
    HAS_CT2,
    NEEDS_CT2,
    models_env,
    shared_dir,
    tiny_models,
    tiny_nllb,
)
from tqcheck.errors import ModelError, UsageError
from tqcheck.models import convert as convert_module
from tqcheck.models.catalogue import parse_line
from tqcheck.models.convert import converted_dir, find_converted
from tqcheck.models.engines.base import DecodeOptions, engine_class, resolve_engine_name
from tqcheck.models.locate import LocatedModel, require
from tqcheck.models.translator import Translator, length_batches, progress_bar

pytestmark = pytest.mark.slow

# Short outputs keep random models fast; float32 makes CTranslate2 compute what PyTorch computes.
SHORT = DecodeOptions(max_length=12, batch_size=8, compute_type="float32")


def located(root: Path, line: str) -> LocatedModel:
    spec = parse_line(line)
    assert spec is not None
    return require(spec, root)


@pytest.fixture
def backward(tiny_models: Path) -> LocatedModel:  # noqa: F811
    return located(tiny_models, f"backward en-ar {BACKWARD_ID}")


@pytest.fixture
def forward(tiny_models: Path) -> LocatedModel:  # noqa: F811
    return located(tiny_models, f"forward ar-en {FORWARD_ID}")


@pytest.mark.parametrize("engine", ENGINES)
def test_engine_translates_every_text_in_order(forward: LocatedModel, engine: str) -> None:
    texts = ARABIC[:10]
    out = Translator(forward, engine, SHORT).translate(texts)
    assert len(out) == len(texts) and all(isinstance(t, str) and t for t in out)
    # Each output is the one its own input gets alone: order survives the sorting by length.
    alone = Translator(forward, engine, SHORT)
    assert [alone.translate([t])[0] for t in texts[:4]] == out[:4]


@NEEDS_CT2
@pytest.mark.parametrize("role", ["forward", "backward"])
def test_ctranslate2_float32_matches_transformers(request: pytest.FixtureRequest, role: str) -> None:
    model = request.getfixturevalue(role)
    texts = ARABIC[:12] if role == "forward" else ENGLISH[:12]
    torch_out = Translator(model, "transformers", SHORT).translate(texts)
    ct2_out = Translator(model, "ctranslate2", SHORT).translate(texts)
    assert ct2_out == torch_out
    assert len(set(torch_out)) > 1, "outputs should depend on the input"


@NEEDS_CT2
def test_ctranslate2_int8_is_a_separate_model_and_cache_entry(backward: LocatedModel) -> None:
    int8 = Translator(backward, "ctranslate2", DecodeOptions(max_length=12, compute_type="int8"))
    fp32 = Translator(backward, "ctranslate2", SHORT)
    out = int8.translate(ENGLISH[:6])
    assert len(out) == 6 and all(out)
    assert int8.engine().translator.compute_type.startswith("int8")  # type: ignore[attr-defined]
    assert int8.key != fp32.key
    # Int8 quality is measured on a trained model in bench/translate (random weights say nothing about it).


@pytest.mark.parametrize("engine, attr", [("transformers", "net"),
                                          pytest.param("ctranslate2", "translator", marks=NEEDS_CT2)])
def test_loaded_models_are_reused(tiny_nllb: Path, engine: str, attr: str) -> None:  # noqa: F811
    # NLLB translates both ways with one model: the second direction must not load it again.
    forward = located(tiny_nllb, "forward ar-en facebook/nllb-200-distilled-600M")
    backward = located(tiny_nllb, "backward en-ar facebook/nllb-200-distilled-600M")
    one = Translator(forward, engine, SHORT).engine()
    other = Translator(backward, engine, SHORT).engine()
    assert getattr(one, attr) is getattr(other, attr)
    assert one.text.target_token != other.text.target_token  # type: ignore[attr-defined]


def test_multi_target_marian_gets_its_language_token(backward: LocatedModel, forward: LocatedModel) -> None:
    from tqcheck.models.engines.text import Seq2SeqText

    text = Seq2SeqText.load(backward)
    assert text.prefix == ">>ara<< "
    tokens = text.tokens(ENGLISH[:1])[0]
    assert tokens[0] == ">>ara<<" and tokens[-1] == "</s>"
    assert Seq2SeqText.load(forward).prefix == ""


def test_explicit_prefix_and_unknown_tag(tiny_models: Path) -> None:  # noqa: F811
    from tqcheck.models.engines.text import Seq2SeqText

    explicit = located(tiny_models, f"backward en-ar {BACKWARD_ID} main prefix=>>arz<<")
    assert Seq2SeqText.load(explicit).prefix == ">>arz<< "
    # A multi-target model asked for a language it does not have.
    wrong = located(tiny_models, f"backward en-fr {BACKWARD_ID}")
    with pytest.raises(ModelError, match=f"{BACKWARD_ID} needs a target-language token and has no >>fr<<"):
        Seq2SeqText.load(wrong)


@pytest.mark.parametrize("engine", ENGINES)
def test_nllb_style_model(tiny_nllb: Path, engine: str) -> None:  # noqa: F811
    model = located(tiny_nllb, "forward ar-en facebook/nllb-200-distilled-600M")
    options = DecodeOptions(max_length=8, min_length=8, compute_type="float32")
    translator = Translator(model, engine, options)
    out = translator.translate(ARABIC[:4])
    assert len(out) == 4 and all(out)
    text = translator.engine().text
    assert text.target_token == "eng_Latn"
    assert text.tokens(ARABIC[:1])[0][0] == "arb_Arab"


@NEEDS_CT2
def test_nllb_engines_agree(tiny_nllb: Path) -> None:  # noqa: F811
    model = located(tiny_nllb, "backward en-ar facebook/nllb-200-distilled-600M")
    options = DecodeOptions(max_length=8, min_length=8, compute_type="float32")
    assert (Translator(model, "ctranslate2", options).translate(ENGLISH[:6])
            == Translator(model, "transformers", options).translate(ENGLISH[:6]))


@NEEDS_CT2
def test_conversion_is_cached_and_shipped_conversions_win(backward: LocatedModel,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    assert find_converted(backward, "int8") is None
    Translator(backward, "ctranslate2", DecodeOptions(max_length=4)).translate(ENGLISH[:1])
    assert find_converted(backward, "int8") == converted_dir(backward, "int8")

    def no_conversion(*args: object, **kwargs: object) -> None:
        raise AssertionError("converted twice")

    monkeypatch.setattr(convert_module, "convert", no_conversion)
    Translator(backward, "ctranslate2", DecodeOptions(max_length=4)).translate(ENGLISH[1:2])


@NEEDS_CT2
def test_conversion_beside_the_model_is_used_first(tiny_models: Path, tmp_path: Path) -> None:  # noqa: F811
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(tiny_models / FORWARD_ID.replace("/", "--"), copy / FORWARD_ID.replace("/", "--"))
    model = located(copy, f"forward ar-en {FORWARD_ID}")
    convert_module.convert(model, "int8", model.ct2_dir("int8"))
    assert find_converted(model, "int8") == model.ct2_dir("int8")
    engine = Translator(model, "ctranslate2", DecodeOptions(max_length=4)).engine()
    assert engine.path == model.ct2_dir("int8")  # type: ignore[attr-defined]
    assert not converted_dir(model, "int8").exists()


@NEEDS_CT2
def test_transformers_engine_needs_pytorch_weights(tmp_path: Path, tiny_models: Path) -> None:  # noqa: F811
    import shutil

    folder = tmp_path / FORWARD_ID.replace("/", "--")
    shutil.copytree(tiny_models / FORWARD_ID.replace("/", "--"), folder)
    model = located(tmp_path, f"forward ar-en {FORWARD_ID}")
    convert_module.convert(model, "int8", model.ct2_dir("int8"))
    (folder / "model.safetensors").unlink()
    assert Translator(model, "ctranslate2", DecodeOptions(max_length=4)).translate(ARABIC[:1])[0]
    with pytest.raises(ModelError, match="no PyTorch weights"):
        Translator(model, "transformers", SHORT).translate(ARABIC[:1])


def test_unsupported_model_type(tmp_path: Path) -> None:
    folder = tmp_path / "google-t5--t5-small"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "t5"}', encoding="utf-8")
    (folder / "model.safetensors").write_bytes(b"")
    model = located(tmp_path, "forward ar-en google-t5/t5-small")
    with pytest.raises(ModelError, match="model type 't5' is not supported"):
        Translator(model, "transformers", SHORT).translate(["مرحبا"])


DEFAULT = "ctranslate2" if HAS_CT2 else "transformers"


@pytest.mark.parametrize("name, expected", [("transformers", "transformers"),
                                            pytest.param("ctranslate2", "ctranslate2", marks=NEEDS_CT2),
                                            ("auto", DEFAULT), (None, DEFAULT)])
def test_engine_names(name: str, expected: str) -> None:
    assert resolve_engine_name(name) == expected
    assert engine_class(expected).name == expected


def test_unknown_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UsageError, match="unknown translation engine 'marian'"):
        resolve_engine_name("marian")
    monkeypatch.setenv("TQCHECK_ENGINE", "transformers")
    assert resolve_engine_name(None) == "transformers"


@pytest.mark.parametrize("texts, size", [
    (ENGLISH, 8), (ARABIC[:5], 2), (["", "a", "ab", "abc"], 3), ([], 4), (ENGLISH[:3], 0),
])
def test_length_batches(texts: List[str], size: int) -> None:
    batches = length_batches(texts, size)
    flat = [i for batch in batches for i in batch]
    assert sorted(flat) == list(range(len(texts)))
    assert all(len(b) <= max(1, size) for b in batches)
    lengths = [len(texts[i]) for i in flat]
    assert lengths == sorted(lengths, reverse=True)


def test_progress_bar_only_on_long_runs_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    assert progress_bar(1000, True, "x") is None  # pytest's stderr is not a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert progress_bar(10, True, "x") is None
    assert progress_bar(1000, False, "x") is None
    bar = progress_bar(1000, True, "x")
    assert bar is not None
    bar.close()


def test_sentencepiece_on_shared_data_covers_real_text(tmp_path: Path) -> None:
    """A tokenizer trained on a few hundred lines of ../shared covers held-out real text."""
    shared = shared_dir()
    if shared is None:
        pytest.skip("../shared/data is absent (set TQCHECK_SHARED to run this test)")
    import sentencepiece as spm

    from tiny_models import train_sentencepiece

    lines = (shared / "data" / "tico19" / "tico19-test.ar").read_text(encoding="utf-8").splitlines()
    path = train_sentencepiece(lines[:300], tmp_path / "ar.spm", 1000)
    model = spm.SentencePieceProcessor(model_file=str(path))
    held_out = lines[300:400]
    pieces = [p for line in held_out for p in model.encode(line)]
    unknown = sum(1 for p in pieces if p == model.unk_id())
    assert pieces and unknown / len(pieces) < 0.01


@pytest.mark.parametrize("engine, options, sizes", [
    pytest.param("ctranslate2", DecodeOptions(max_length=4), [40], marks=NEEDS_CT2),  # its default batch is 64
    ("transformers", DecodeOptions(max_length=4), [32, 8]),
    pytest.param("ctranslate2", DecodeOptions(max_length=4, batch_size=16), [16, 16, 8], marks=NEEDS_CT2),
])
def test_batch_sizes(forward: LocatedModel, engine: str, options: DecodeOptions, sizes: List[int]) -> None:
    seen: List[int] = []
    Translator(forward, engine, options).translate(ARABIC, on_batch=seen.append)
    assert seen == sizes
