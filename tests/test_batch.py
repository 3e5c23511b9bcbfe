"""`tqcheck check --batch DIR`: `tqcheck audit` with one worker (this process), pairs by naming convention or
manifest, reports/<id>.json (and the --format rendering) a pair, the audit's summary."""

from __future__ import annotations

import json
import shutil

import pytest

from _formats import FIXTURES, one_line_error, run
from tqcheck.audit.folder import discover_pairs
from tqcheck.audit.manifest import Pair
from tqcheck.errors import InputError

BATCH = FIXTURES / "batch"


def test_discover_pairs_by_name():
    pairs = discover_pairs(BATCH)
    assert [p.id for p in pairs] == ["markets", "wire"]
    markets, wire = pairs
    assert markets == Pair("markets", str(BATCH / "markets.xlf")) and markets.bilingual
    assert wire == Pair("wire", *(str(BATCH / f"wire.{n}.txt") for n in ("ar", "en", "ref.en")))
    # glossary.tsv has no source/translation header: not an input.


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "in"
    shutil.copytree(BATCH, d)
    shutil.copy(FIXTURES / "news-1.2.xlf", d / "health.xlf")
    shutil.copy(FIXTURES / "news.tsv", d / "desk.tsv")
    return d


def test_batch_writes_a_report_a_pair_and_a_summary(folder, tmp_path):
    out = tmp_path / "reports"
    res = run("check", "--batch", folder, "--aligned", "-o", out, "--format", "sarif", "--no-config")
    assert res.exit_code == 1, res.stderr  # the worst pair failed the gate
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["format"] == "tqcheck.audit/1" and (out / "summary.html").is_file()
    failed = {d["id"]: d["gate_failed"] for d in summary["documents"]}
    assert failed == {"desk": True, "health": True, "markets": False, "wire": False}
    assert summary["corpus"]["documents"] == 4 and summary["corpus"]["gate_failed"] == 2
    # the news fixture says «نحو ٤٥٠ مريضاً» and its translation "about 45 patients": a number flag each
    # (the XLIFF's unit without a target is not translated yet: counted, not checked as an omission)
    assert summary["corpus"]["flags"] == {"number": 2, "omission": 1, "untranslated": 2}
    assert summary["signature"]["config"]["settings"]["aligned"] is True
    for pid in failed:
        doc = json.loads((out / "reports" / f"{pid}.json").read_text("utf-8"))
        assert doc["format"] == "tqcheck.report/1"
        sarif = json.loads((out / "reports" / f"{pid}.sarif").read_text("utf-8"))
        assert len(sarif["runs"][0]["results"]) == sum(len(s["flags"]) for s in doc["segments"])
    wire = json.loads((out / "reports" / "wire.json").read_text("utf-8"))
    # paths stay as given (a SARIF location stays relative to where the run was started)
    assert wire["inputs"]["reference"] == str(folder / "wire.ref.en.txt") and wire["summary"]["scores"]["chrf"] > 0
    assert "tqcheck audit: 4 documents (4 checked, 0 already done, 0 failed)" in res.stderr


def test_a_bad_pair_is_reported_and_the_others_still_run(folder, tmp_path):
    (folder / "broken.xlf").write_text("<xliff version='1.2'><file source-language='ar'>", encoding="utf-8")
    out = tmp_path / "reports"
    res = run("check", "--batch", folder, "--aligned", "-o", out, "--no-config", "-q")
    assert res.exit_code == 2 and res.stderr == ""
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    [broken] = summary["failed"]
    assert broken["id"] == "broken" and "malformed XML" in broken["error"]
    assert (out / "reports" / "wire.json").is_file() and summary["corpus"]["failed"] == 1


def test_manifest(tmp_path):
    d = tmp_path / "in"
    (d / "texts").mkdir(parents=True)
    for name in ("wire.ar.txt", "wire.en.txt"):
        shutil.copy(BATCH / name, d / "texts" / name)
    shutil.copy(FIXTURES / "news.jsonl", d / "feed.data")
    rows = [{"id": "agency-wire", "source": "texts/wire.ar.txt", "translation": "texts/wire.en.txt"},
            {"id": "feed", "source": "feed.data", "input_format": "jsonl"}]
    (d / "manifest.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    pairs = discover_pairs(d)
    assert [(p.id, p.bilingual, p.input_format) for p in pairs] == [("agency-wire", False, None),
                                                                      ("feed", True, "jsonl")]
    out = tmp_path / "out"
    res = run("check", "--batch", d, "--aligned", "-o", out, "--no-config", "-q", "--format", "junit")
    assert res.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["reports", "summary.html", "summary.json"]
    assert sorted(p.name for p in (out / "reports").iterdir()) == [
        f"{pid}.{ext}" for pid in ("agency-wire", "feed") for ext in ("html", "json", "junit.xml")]


def test_a_second_run_skips_what_is_done(folder, tmp_path):
    """The audit's resumption: a pair whose complete report is in -o is not checked again."""
    out = tmp_path / "reports"
    first = run("check", "--batch", folder, "--aligned", "-o", out, "--no-config")
    report = (out / "reports" / "wire.json").read_bytes()
    second = run("check", "--batch", folder, "--aligned", "-o", out, "--no-config")
    assert first.exit_code == second.exit_code == 1
    assert "(0 checked, 4 already done, 0 failed)" in second.stderr
    assert (out / "reports" / "wire.json").read_bytes() == report


@pytest.mark.parametrize("files,message", [
    ({"a.ar.txt": "نص\n"}, "no translation beside it (expected a.en.txt or a.mt.en.txt)"),
    ({"a.en.txt": "text\n"}, "no Arabic source beside it (expected a.ar.txt)"),
    ({"a.ar.txt": "نص\n", "a.en.txt": "t\n", "a.mt.en.txt": "t\n"}, "both a.mt.en.txt and a.en.txt translate"),
    ({"a.ar.txt": "نص\n", "a.en.txt": "t\n", "a.tmx": "<tmx/>"}, "two inputs have the id 'a'"),
    ({"notes.md": "nothing here\n"}, "no inputs found"),
    # the manifest's own errors: test_io_manifest.py
    ({"manifest.jsonl": '{"id": "a", "source": "missing.xlf"}\n'},
     "manifest.jsonl:1: source missing.xlf: no such file"),
])
def test_discovery_errors(tmp_path, files, message):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        discover_pairs(tmp_path)


@pytest.mark.parametrize("args,message", [
    (["--batch", "{batch}"], "--batch needs -o OUTDIR"),
    (["--batch", "{batch}", "-o", "{batch}"], "must not be a folder of inputs"),
    (["{src}", "--batch", "{batch}", "-o", "{out}"], "--batch DIR takes no SOURCE"),
    (["--batch", "{batch}", "-o", "{out}", "--baseline", "{src}"], "give the output folder of an earlier run"),
    (["--batch", "{batch}", "-o", "{src}"], "this is a file"),
    (["--batch", "{nowhere}", "-o", "{out}"], "no such manifest file or folder"),
])
def test_batch_usage_errors(tmp_path, args, message):
    names = {"batch": BATCH, "out": tmp_path / "out", "src": BATCH / "wire.ar.txt", "nowhere": tmp_path / "x"}
    line = one_line_error(run("check", *[a.format(**names) for a in args], "--aligned", "--no-config"))
    assert message in line
