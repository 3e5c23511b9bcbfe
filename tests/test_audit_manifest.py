"""What an audit checks: paths of a manifest made absolute, folders of pairs with safe ids (the manifest's
lines themselves are checked in test_io_manifest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tqcheck.audit.manifest import discover_pairs, load_pairs, read_manifest
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
    for name, text in (("k.ar", AR), ("k.en", EN), ("k.ref.en", EN)):
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
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
