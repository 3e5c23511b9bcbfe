"""The one manifest reader (``tqcheck.io.manifest``) that ``tqcheck check --batch`` and ``tqcheck audit``
share: the same pairs, and for every malformed line the same one-line InputError naming the file and line."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable, List, Union

import pytest

from tqcheck.audit.manifest import load_pairs
from tqcheck.errors import InputError
from tqcheck.io.manifest import Entry, check_id, read_manifest

AR = "أعلنت وزارة الدفاع الأوكرانية أن قواتها تقدمت نحو خيرسون.\n"
EN = "The Ukrainian Ministry of Defense announced that its forces advanced towards Kherson.\n"
FEED = {"id": "u1", "source": "ورحب سكان المفرق بالقرار.", "translation": "Mafraq residents welcomed the decision."}


def write_folder(folder: Path, lines: List[Union[str, dict]]) -> Path:
    """A folder with a small pair (docs/k.ar, docs/k.en, docs/k.ref.en), a JSON Lines feed and the manifest."""
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "docs" / "k.ar").write_text(AR, encoding="utf-8")
    (folder / "docs" / "k.en").write_text(EN, encoding="utf-8")
    (folder / "docs" / "k.ref.en").write_text(EN, encoding="utf-8")
    (folder / "feed.data").write_text(json.dumps(FEED, ensure_ascii=False) + "\n", encoding="utf-8")
    path = folder / "manifest.jsonl"
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)) + "\n"
                            for x in lines), encoding="utf-8")
    return path


PAIR = {"id": "kherson", "source": "docs/k.ar", "translation": "docs/k.en"}

# Every way to read a manifest: the reader itself, the audit (file or folder) and the batch (folder).
READERS: List[Callable[[Path], object]] = [
    read_manifest,
    load_pairs,
    lambda manifest: load_pairs(manifest.parent),
    lambda manifest: load_pairs(manifest.parent, absolute=False),
]


@pytest.mark.parametrize("lines,message", [
    (["{not json"], "manifest.jsonl:1: invalid JSON (Expecting property name enclosed in double quotes at column 2)"),
    ([PAIR, '["docs/k.ar", "docs/k.en"]'], "manifest.jsonl:2: expected a JSON object, found list"),
    ([{"source": "docs/k.ar", "translation": "docs/k.en"}, {"source": "docs/k.ar", "translation": "docs/k.en"}],
     "manifest.jsonl:2: id 'k' was already used on line 1"),
    ([{"id": "", "source": "docs/k.ar"}], 'manifest.jsonl:1: "id" must be a non-empty string'),
    ([{"id": "../etc/x", "source": "docs/k.ar", "translation": "docs/k.en"}],
     "manifest.jsonl:1: id '../etc/x' is not a safe file name"),
    ([{"id": "k", "translation": "docs/k.en"}],
     'manifest.jsonl:1: "source" must be a path (each line needs at least {"source": PATH})'),
    ([{"id": "k", "src": "docs/k.ar"}], "manifest.jsonl:1: unknown key 'src' (known: id, source, translation,"),
    ([{**PAIR, "target": "docs/k.en"}], "manifest.jsonl:1: unknown key 'target'"),
    ([{**PAIR, "translation": 3}], 'manifest.jsonl:1: "translation" must be a path or null'),
    ([{**PAIR, "reference": ""}], 'manifest.jsonl:1: "reference" must be a path or null'),
    ([PAIR, "", {**PAIR, "id": "k2", "translation": "docs/missing.en"}],
     "manifest.jsonl:3: translation docs/missing.en: no such file"),
    ([{"id": "feed", "source": "feed.xlf"}], "manifest.jsonl:1: source feed.xlf: no such file"),
    ([PAIR, PAIR], "manifest.jsonl:2: id 'kherson' was already used on line 1"),
    ([{"id": "feed", "source": "feed.data", "input_format": "ndjson"}],
     'manifest.jsonl:1: "input_format" must be null or one of xliff, tmx, tsv, csv, jsonl'),
    ([{"id": "feed", "source": "feed.data", "input_format": 2}], '"input_format" must be null or one of'),
])
@pytest.mark.parametrize("reader", READERS, ids=["io", "audit-file", "audit-folder", "batch-folder"])
def test_every_reader_gives_the_same_one_line_error(tmp_path, lines, message, reader):
    manifest = write_folder(tmp_path, lines)
    with pytest.raises(InputError, match=re.escape(message)) as err:
        reader(manifest)
    assert str(err.value).startswith(str(manifest)) and "\n" not in str(err.value)


def test_paths_join_the_manifest_folder_as_given(tmp_path, monkeypatch):
    """Relative stays relative (a SARIF location of a batch report stays relative); an absolute path stays."""
    write_folder(tmp_path / "in", [
        {**PAIR, "reference": "docs/k.ref.en"},
        "",
        {"id": "no-ref", "source": "docs/k.ar", "translation": "docs/k.en", "reference": None},
        {"id": "absolute", "source": str(tmp_path / "in" / "docs" / "k.ar"), "translation": "docs/k.en"},
        {"id": "feed", "source": "feed.data", "input_format": "jsonl"},
    ])
    monkeypatch.chdir(tmp_path)
    docs = Path("in") / "docs"
    assert read_manifest("in/manifest.jsonl") == [
        Entry("kherson", docs / "k.ar", docs / "k.en", docs / "k.ref.en", None, 1),
        Entry("no-ref", docs / "k.ar", docs / "k.en", None, None, 3),
        Entry("absolute", tmp_path / "in" / "docs" / "k.ar", docs / "k.en", None, None, 4),
        Entry("feed", Path("in") / "feed.data", None, None, "jsonl", 5),
    ]
    # check --batch keeps them so; the audit makes them absolute (a worker may run in another folder).
    batch = {p.id: p.source for p in load_pairs("in", absolute=False)}
    assert batch["feed"] == str(Path("in") / "feed.data") and batch["kherson"] == str(docs / "k.ar")
    assert {p.source for p in load_pairs("in/manifest.jsonl")} == {str(tmp_path / "in" / "docs" / "k.ar"),
                                                                  str(tmp_path / "in" / "feed.data")}


@pytest.mark.parametrize("pair_id", ["ntrex-2019-0001", "doc.v2", "a_b+c@d=e,f", "A" * 200])
def test_safe_ids_pass(pair_id):
    assert check_id(pair_id, "m:1") == pair_id


@pytest.mark.parametrize("pair_id", ["../etc/passwd", "a/b", "a\\b", "..", ".hidden", "", "a b", "x" * 201,
                                     "تقرير", "a\x00b", 7])
def test_unsafe_ids_are_refused(pair_id):
    with pytest.raises(InputError, match="m:1"):
        check_id(pair_id, "m:1")


@pytest.mark.parametrize("source, expected", [
    ("docs/k.ar", "k"), ("ar/0412.ar.txt", "0412"), ("feed.data", "feed"), ("wire-0412", "wire-0412"),
])
def test_a_line_without_id_takes_the_source_file_name(tmp_path, source, expected):
    (tmp_path / source).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / source).write_text("نص.\n", encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text(json.dumps({"source": source}) + "\n", encoding="utf-8")
    [entry] = read_manifest(tmp_path / "manifest.jsonl")
    assert entry.id == expected
