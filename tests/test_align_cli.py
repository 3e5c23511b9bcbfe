"""``tqcheck align``: formats, --segmented, -o, and exit codes (CliRunner)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tqcheck.cli import cli
from tqcheck.commands.align import FORMAT

pytestmark = pytest.mark.slow

AR_DOC = ("قال وزير الخارجية إن المحادثات ستستأنف يوم الاثنين. وأضاف أن الوفدين اتفقا على جدول الأعمال.\n"
          "وأصيب ٣٠٠ شخص في الانفجار.\n")
EN_DOC = ("The foreign minister said the talks would resume on Monday. "
          "He added that the two delegations agreed on the agenda.\n"
          "300 people were injured in the explosion.\n")


@pytest.fixture()
def files(tmp_path):
    src, tgt = tmp_path / "doc.ar", tmp_path / "doc.en"
    src.write_text(AR_DOC, encoding="utf-8")
    tgt.write_text(EN_DOC, encoding="utf-8")
    return tmp_path, src, tgt


def run(*args):
    return CliRunner().invoke(cli, ["align", *map(str, args)], catch_exceptions=False)


def test_json_document_mode_numbers_sentences(files):
    _, src, tgt = files
    res = run(src, tgt, "--format", "json")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["format"] == FORMAT
    assert [(b["source"], b["target"]) for b in doc["beads"]] == [([0], [0]), ([1], [1]), ([2], [2])]
    assert all(0.0 <= b["score"] <= 1.0 for b in doc["beads"])
    assert doc["signature"]["segmenter"]["name"] == "sentencex"
    assert doc["signature"]["encoder"]["name"] == "usem3"


def test_segmented_mode_numbers_lines_and_writes_atomically(files):
    tmp, src, tgt = files
    out = tmp / "out" / "align.json"
    res = run(src, tgt, "--segmented", "--format", "json", "-o", out)
    assert res.exit_code == 0 and res.output == ""
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [(b["source"], b["target"]) for b in doc["beads"]] == [([0], [0]), ([1], [1])]
    assert [p.name for p in out.parent.iterdir()] == ["align.json"]  # no temporary file left


def test_text_format_lists_beads_and_omissions(files):
    tmp, src, _ = files
    short = tmp / "short.en"
    short.write_text("The foreign minister said the talks would resume on Monday.\n"
                     "300 people were injured in the explosion.\n", encoding="utf-8")
    res = run(src, short)
    assert res.exit_code == 0
    assert "omission: no translation" in res.output
    assert "ar: وأضاف أن الوفدين اتفقا على جدول الأعمال." in res.output


@pytest.mark.parametrize("make_args, message", [
    (lambda tmp, src, tgt: [tmp / "missing.ar", tgt], "no such file"),
    (lambda tmp, src, tgt: [src, tmp], "is a directory"),
    (lambda tmp, src, tgt: [src, tgt, "-o", src], "would overwrite the input"),
    (lambda tmp, src, tgt: [src, _write(tmp / "empty.en", "")], "file is empty"),
    (lambda tmp, src, tgt: [src, _write_bytes(tmp / "bad.en", b"\xff\xfe\xfa bad")], "UTF"),
])
def test_bad_input_exits_2_with_one_line(files, make_args, message):
    tmp, src, tgt = files
    res = CliRunner().invoke(cli, ["align", *map(str, make_args(tmp, src, tgt))])
    assert res.exit_code == 2
    assert res.output.startswith("tqcheck: error: ") and message in res.output
    assert res.output.count("\n") == 1


def test_bad_option_exits_2(files):
    _, src, tgt = files
    assert run(src, tgt, "--format", "xml").exit_code == 2


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def _write_bytes(path, data):
    path.write_bytes(data)
    return path
