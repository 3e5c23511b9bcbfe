"""The bundled demo corpus end to end: every planted error of corpora/planted.json is found, where it was
planted, by the check that should find it, and the reference translation raises no error."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqcheck.cli import cli

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
PLANTED = json.loads((CORPORA / "planted.json").read_text(encoding="utf-8"))


def run_check(tmp_path_factory, translation, *extra):
    out = tmp_path_factory.mktemp("demo") / "report.json"
    res = CliRunner().invoke(cli, ["check", str(CORPORA / "demo.ar.txt"), str(CORPORA / translation),
                                   "--glossary", str(CORPORA / "glossary.tsv"), "--format", "json",
                                   "-o", str(out), "-q", *extra])
    assert res.exit_code in (0, 1), res.stderr
    return res.exit_code, json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return run_check(tmp_path_factory, "demo.mt.en.txt", "--reference", str(CORPORA / "demo.ref.en.txt"))


def segment_with(doc, sentences):
    for seg in doc["segments"]:
        if set(sentences) & set(seg.get("source_sentences", [])):
            return seg
    raise AssertionError(f"no segment holds source sentences {sentences}")


def test_demo_fails_the_gate(demo):
    code, doc = demo
    assert code == 1
    assert doc["summary"]["segments"] >= 30


@pytest.mark.parametrize("row", [r for r in PLANTED if r["check"] in ("name", "number")],
                         ids=lambda r: f"{r['id']}-{r['kind']}")
def test_planted_name_and_number_errors_are_flagged(demo, row):
    _, doc = demo
    seg = segment_with(doc, row["source_sentences"])
    flags = [f for f in seg["flags"] if f["check"] == row["check"] and f["severity"] in ("error", "warning")]
    assert flags, f"{row['kind']} not flagged in {seg['translation']!r}: {seg['flags']}"
    assert any(row["mt_text"] in (f.get("target_text") or "") for f in flags)
    if row["kind"].startswith("name"):
        assert any(row["correct"] in (f.get("suggestion") or "") for f in flags)


def test_planted_omission_is_a_1_0_bead_with_an_omission_flag(demo):
    _, doc = demo
    row = next(r for r in PLANTED if r["kind"] == "omission")
    seg = segment_with(doc, row["source_sentences"])
    assert seg["source_sentences"] == row["source_sentences"] and seg["target_sentences"] == []
    assert [f["check"] for f in seg["flags"]] == ["omission"]


def test_planted_merge_is_a_2_1_bead(demo):
    _, doc = demo
    row = next(r for r in PLANTED if r["kind"] == "merge")
    seg = segment_with(doc, row["source_sentences"])
    assert seg["source_sentences"] == row["source_sentences"]
    assert seg["target_sentences"] == row["mt_sentences"]
    assert not any(f["check"] in ("omission", "addition") for f in seg["flags"])


def test_every_other_bead_is_one_to_one(demo):
    _, doc = demo
    kinds = doc["summary"]["beads"]
    assert kinds == {"1-0": 1, "1-1": 30, "2-1": 1} or kinds.get("1-1", 0) >= 29


def test_reference_translation_has_no_errors(tmp_path_factory):
    code, doc = run_check(tmp_path_factory, "demo.ref.en.txt")
    errors = [(s["index"], f["check"], f["message"]) for s in doc["segments"] for f in s["flags"]
              if f["severity"] == "error"]
    assert errors == [] and code == 0
