"""Manifests and folders of pairs: paths resolve against the manifest, ids are safe file names, and every
malformed line is a one-line InputError naming the file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tqcheck.audit.manifest import check_id, discover_pairs, load_pairs, read_manifest
from tqcheck.errors import InputError

AR = "أعلنت وزارة الدفاع الأوكرانية أن قواتها تقدمت نحو خيرسون.\n"
EN = "The Ukrainian Ministry of Defense announced that its forces advanced towards Kherson.\n"


def write_manifest(folder: Path, lines) -> Path:
    path = folder / "manifest.jsonl"
    path.write_text("".join((l if isinstance(l, str) else json.dumps(l, ensure_ascii=False)) + "\n"
                            for l in lines), encoding="utf-8")
    return path


def test_relative_paths_resolve_against_the_manifest_folder(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    manifest = write_manifest(tmp_path, [
        {"id": "kherson", "source": "docs/k.ar", "translation": "docs/k.en", "reference": "docs/k.ref.en"},
        {"id": "kherson-noref", "source": "docs/k.ar", "translation": "docs/k.en", "reference": None},
        {"id": "absolute", "source": str(tmp_path / "docs/k.ar"), "translation": "docs/k.en"},
        "",
    ])
    monkeypatch.chdir("/")
    pairs = read_manifest(manifest)
    assert [p.id for p in pairs] == ["kherson", "kherson-noref", "absolute"]
    assert pairs[0].source == str(tmp_path / "docs" / "k.ar")
    assert pairs[0].reference == str(tmp_path / "docs" / "k.ref.en")
    assert pairs[1].reference is None and pairs[2].reference is None
    assert pairs[2].source == pairs[0].source


@pytest.mark.parametrize("line,message", [
    ("{not json", "manifest.jsonl:1: not a JSON object"),
    ('["a", "b"]', "manifest.jsonl:1: not a JSON object"),
    ('{"source": "a.ar", "translation": "a.en"}', '"id" must be a non-empty string'),
    ('{"id": "a", "translation": "a.en"}', '"source" must be a path'),
    ('{"id": "a", "source": "a.ar", "translation": 3}', '"translation" must be a path'),
    ('{"id": "a", "source": "a.ar", "translation": "a.en", "reference": ""}', '"reference" must be a path or null'),
])
def test_malformed_lines_name_the_line(tmp_path, line, message):
    with pytest.raises(InputError, match=message.replace("[", r"\[")):
        read_manifest(write_manifest(tmp_path, [line]))


def test_duplicate_ids_are_refused(tmp_path):
    row = {"id": "tico-01", "source": "a.ar", "translation": "a.en"}
    with pytest.raises(InputError, match="manifest.jsonl:2: id 'tico-01' was already used on line 1"):
        read_manifest(write_manifest(tmp_path, [row, row]))


@pytest.mark.parametrize("pair_id", ["ntrex-2019-0001", "doc.v2", "a_b+c@d=e,f", "A" * 200])
def test_safe_ids_pass(pair_id):
    assert check_id(pair_id, "m:1") == pair_id


@pytest.mark.parametrize("pair_id", ["../etc/passwd", "a/b", "a\\b", "..", ".hidden", "", "a b", "x" * 201,
                                     "تقرير", "a\x00b", 7])
def test_unsafe_ids_are_refused(pair_id):
    with pytest.raises(InputError, match="m:1"):
        check_id(pair_id, "m:1")


def test_folder_convention(tmp_path):
    for name in ("b-report", "a-report"):
        (tmp_path / f"{name}.ar.txt").write_text(AR, encoding="utf-8")
        (tmp_path / f"{name}.en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "a-report.ref.en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a pair", encoding="utf-8")
    pairs = load_pairs(tmp_path)
    assert [p.id for p in pairs] == ["a-report", "b-report"]
    assert pairs[0].reference == str(tmp_path / "a-report.ref.en.txt") and pairs[1].reference is None


def test_folder_ids_must_be_safe_file_names(tmp_path):
    (tmp_path / "wire 1.ar.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "wire 1.en.txt").write_text(EN, encoding="utf-8")
    with pytest.raises(InputError, match="id 'wire 1' is not a safe file name"):
        load_pairs(tmp_path)


def test_manifest_bilingual_line_and_unknown_key(tmp_path):
    pairs = read_manifest(write_manifest(tmp_path, [{"id": "feed", "source": "feed.xlf", "input_format": "xliff"}]))
    assert pairs[0].translation is None and pairs[0].input_format == "xliff"
    with pytest.raises(InputError, match="unknown key 'lang'"):
        read_manifest(write_manifest(tmp_path, [{"id": "a", "source": "a.ar", "lang": "ar"}]))


def test_folder_source_without_translation(tmp_path):
    (tmp_path / "lonely.ar.txt").write_text(AR, encoding="utf-8")
    with pytest.raises(InputError, match=r"lonely.ar.txt: no translation beside it \(expected lonely.en.txt"):
        discover_pairs(tmp_path)


@pytest.mark.parametrize("make,message", [
    (lambda p: p / "absent.jsonl", "no such manifest file or folder"),
    (lambda p: p, "no inputs found"),
])
def test_nothing_to_audit(tmp_path, make, message):
    with pytest.raises(InputError, match=message):
        load_pairs(make(tmp_path))
