"""The bundled demo corpus (``corpora/``): files, paragraph structure, and the planted errors of ``planted.json``.

Other test modules assert that tqcheck *finds* each planted error; this one guards the corpus itself, so that a
careless edit of a text file cannot silently move or remove an error (or plant one in the reference).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Dict, List

import pytest

from tqcheck.text.segment import segment_lines

CORPUS = Path(__file__).resolve().parents[1] / "corpora"
TEXTS = {"ar": "demo.ar.txt", "ref": "demo.ref.en.txt", "mt": "demo.mt.en.txt"}
ROW_KEYS = {"id", "kind", "check", "source_text", "mt_text", "correct", "source_line", "mt_line"}
# Errors that must appear in the MT and nowhere in the reference (the reference is the gold translation).
FORBIDDEN_IN_REFERENCE = ["Sorovikin", "Aglidar", "Kiev", "Mykolaiv", "7,000", "more than 30 "]


def _lines(name: str) -> List[str]:
    return (CORPUS / name).read_text(encoding="utf-8").splitlines()


def _planted() -> List[Dict]:
    return json.loads((CORPUS / "planted.json").read_text(encoding="utf-8"))


def _token(text: str) -> "re.Pattern[str]":
    # Whole-token match, so that the planted "30" is not found inside the correct "300".
    return re.compile(r"(?<![\w,.])" + re.escape(text) + r"(?![\w,]|\.\d)")


@pytest.mark.parametrize(
    "name", list(TEXTS.values()) + ["glossary.tsv", "planted.json", "README.md"]
)
def test_file_is_utf8_text(name: str) -> None:
    raw = (CORPUS / name).read_bytes()
    text = raw.decode("utf-8")  # raises on invalid UTF-8
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    assert "\r" not in text and text.endswith("\n")


def test_same_paragraphs_in_every_text() -> None:
    counts = {key: len(_lines(name)) for key, name in TEXTS.items()}
    assert len(set(counts.values())) == 1, counts
    for name in TEXTS.values():
        assert all(line.strip() == line and line for line in _lines(name)), f"blank or padded line in {name}"


@pytest.mark.parametrize("key,lang", [("ar", "ar"), ("ref", "en"), ("mt", "en")])
def test_paragraphs_have_two_to_four_sentences(key: str, lang: str) -> None:
    # Even after the planted drop and merge, no MT paragraph falls below two sentences, so the aligner (not the
    # line structure) has to find them.
    per_line = [len(segment_lines([line], lang)) for line in _lines(TEXTS[key])]
    assert all(2 <= n <= 4 for n in per_line), per_line


def test_sentence_counts_account_for_the_drop_and_the_merge() -> None:
    ar = segment_lines(_lines(TEXTS["ar"]), "ar")
    ref = segment_lines(_lines(TEXTS["ref"]), "en")
    mt = segment_lines(_lines(TEXTS["mt"]), "en")
    kinds = [row["kind"] for row in _planted()]
    assert 28 <= len(ar) <= 36
    assert len(ref) == len(ar)
    assert len(mt) == len(ar) - kinds.count("omission") - kinds.count("merge")


@pytest.mark.parametrize("row", _planted(), ids=lambda r: f"{r['id']}-{r['kind']}")
def test_planted_row_is_where_it_says(row: Dict) -> None:
    assert ROW_KEYS <= set(row)
    assert row["source_text"] in _lines(TEXTS["ar"])[row["source_line"]]
    assert row["mt_text"] in _lines(TEXTS["mt"])[row["mt_line"]]
    # Paragraphs are parallel, so the correct form sits on the source's line of the reference.
    assert row["correct"] in _lines(TEXTS["ref"])[row["source_line"]]
    if row["kind"] == "omission":
        assert row["mt_text"] == ""
    else:
        assert row["mt_text"] and not _token(row["mt_text"]).search(row["correct"])


@pytest.mark.parametrize("row", _planted(), ids=lambda r: f"{r['id']}-{r['kind']}")
def test_planted_row_sentence_indices_match_sentencex(row: Dict) -> None:
    ar = segment_lines(_lines(TEXTS["ar"]), "ar")
    mt = segment_lines(_lines(TEXTS["mt"]), "en")
    source = " ".join(ar[i].text for i in row["source_sentences"])
    target = " ".join(mt[i].text for i in row["mt_sentences"])
    assert row["source_text"] in source
    assert row["mt_text"] in target
    assert {ar[i].line for i in row["source_sentences"]} == {row["source_line"]}
    assert all(mt[i].line == row["mt_line"] for i in row["mt_sentences"])
    expected = {"omission": (1, 0), "merge": (2, 1)}.get(row["kind"], (1, 1))
    assert (len(row["source_sentences"]), len(row["mt_sentences"])) == expected


@pytest.mark.parametrize("row", [r for r in _planted() if r["mt_text"]], ids=lambda r: f"{r['id']}-{r['kind']}")
def test_reference_does_not_carry_planted_error(row: Dict) -> None:
    assert not _token(row["mt_text"]).search((CORPUS / TEXTS["ref"]).read_text(encoding="utf-8"))


@pytest.mark.parametrize("bad", FORBIDDEN_IN_REFERENCE)
def test_reference_is_clean_and_mt_is_not(bad: str) -> None:
    assert bad not in (CORPUS / TEXTS["ref"]).read_text(encoding="utf-8")
    assert bad in (CORPUS / TEXTS["mt"]).read_text(encoding="utf-8")


def test_mt_mixes_kiev_and_kyiv() -> None:
    mt = _lines(TEXTS["mt"])
    assert any("Kiev" in line for line in mt) and any("Kyiv" in line for line in mt)


def _glossary() -> List[List[str]]:
    rows = []
    for line in _lines("glossary.tsv"):
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def test_glossary_entries_occur_in_source_and_reference() -> None:
    entries = _glossary()
    ar = (CORPUS / TEXTS["ar"]).read_text(encoding="utf-8")
    ref = (CORPUS / TEXTS["ref"]).read_text(encoding="utf-8")
    assert 10 <= len(entries) <= 25
    for fields in entries:
        assert len(fields) >= 2 and all(f.strip() == f and f for f in fields), fields
        assert fields[0] in ar, fields[0]
        assert fields[1] in ref, fields[1]
        assert "Kiev" not in fields


@pytest.mark.parametrize("row", [r for r in _planted() if r["check"] == "name"], ids=lambda r: str(r["id"]))
def test_name_errors_are_glossary_entries(row: Dict) -> None:
    # The name check can only find a misspelling of a name it knows.
    by_arabic = {fields[0]: fields[1:] for fields in _glossary()}
    assert row["correct"] in by_arabic[row["source_text"]]
    assert row["mt_text"] not in by_arabic[row["source_text"]]
