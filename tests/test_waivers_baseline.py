"""Waivers and the regression baseline, end to end through the CLI, and fingerprint stability."""

from __future__ import annotations

import json
import shutil

import pytest

from _formats import FIXTURES, OMITTED_UNIT, UNTRANSLATED_UNIT, one_line_error, run
from tqcheck.fingerprint import fingerprint
from tqcheck.waivers import load_waivers

FEED = FIXTURES / "news-1.2.xlf"


def check(*args, out=None):
    # The fixture's two findings (an untranslated term, an omission) are what these tests waive; the checks are
    # pinned so that a new check (the number check flags the feed's «٤٥٠» → "45") does not change the counts.
    # The omitted unit has no <target>: an XLIFF unit not translated yet, checked on request.
    res = run("check", *args, "--format", "json", "--no-config", "--checks", "omission,untranslated",
              "--include-untranslated",
              *(["-o", out, "-q"] if out else []))
    assert res.exit_code in (0, 1), res.output + res.stderr
    doc = json.loads(out.read_text("utf-8") if out else res.stdout)
    return res.exit_code, doc


def flags(doc):
    return [(s, f) for s in doc["segments"] for f in s["flags"]]


@pytest.mark.parametrize("ext", ["toml", "jsonl"])
def test_waive_then_check_passes_with_waived_flags_kept(tmp_path, ext):
    old = tmp_path / "old.json"
    waivers = tmp_path / f"waivers.{ext}"
    code, doc = check(FEED, out=old)
    assert code == 1
    # A linguist accepts the untranslated term: the gate still fails on the omission.
    res = run("waive", old, "--all-of-check", "untranslated", "--reason", "term kept in Arabic on purpose",
              "--author", "Layla H.", "--date", "2024-11-20", "-f", waivers)
    assert res.exit_code == 0 and "1 waiver added" in res.stderr
    code, doc = check(FEED, "--waivers", waivers)
    assert code == 1
    waived = [f for _, f in flags(doc) if f.get("waived")]
    assert [f["check"] for f in waived] == ["untranslated"]
    assert waived[0]["waiver"] == {"reason": "term kept in Arabic on purpose", "author": "Layla H.",
                                   "date": "2024-11-20", "file": str(waivers)}
    assert doc["gate"]["waived_flags"] == 1 and doc["summary"]["waived"] == 1
    assert doc["gate"]["reasons"] == ["1 flag at or above error (omission 1)"]
    # Then the omission by its fingerprint (a unique prefix will do); now the gate passes.
    fp = next(f["fingerprint"] for s, f in flags(doc) if f["check"] == "omission")
    res = run("waive", old, "--fingerprint", fp[:12], "--reason", "dropped by the editor", "--author", "Omar K.",
              "-f", waivers)
    assert res.exit_code == 0
    code, doc = check(FEED, "--waivers", waivers)
    assert code == 0 and all(f["waived"] for _, f in flags(doc)) and len(flags(doc)) == 2
    # Waiving again adds nothing; the file keeps what it had.
    before = waivers.read_text("utf-8")
    res = run("waive", old, "--all", "--reason", "again", "--author", "x", "-f", waivers)
    assert "0 waivers added" in res.stderr and "(2 already there)" in res.stderr
    assert waivers.read_text("utf-8") == before
    loaded = load_waivers(waivers)
    assert {w.check for w in loaded.by_fingerprint.values()} == {"untranslated", "omission"}


def test_waivers_file_is_readable_and_comments_survive(tmp_path):
    waivers = tmp_path / "waivers.toml"
    waivers.write_text("# accepted by the Arabic desk\n", encoding="utf-8")
    old = tmp_path / "old.json"
    check(FEED, out=old)
    run("waive", old, "--all", "--reason", 'quoted "term" \\ ok', "--author", "ليلى", "-f", waivers)
    text = waivers.read_text("utf-8")
    assert text.startswith("# accepted by the Arabic desk\n") and text.count("[[waiver]]") == 2
    assert {w.reason for w in load_waivers(waivers).by_fingerprint.values()} == {'quoted "term" \\ ok'}
    assert {w.author for w in load_waivers(waivers).by_fingerprint.values()} == {"ليلى"}
    assert UNTRANSLATED_UNIT[:20] in text  # the waiver says what it is about


@pytest.mark.parametrize("text,message", [
    ("[[waiver]]\nreason = 'x'\nauthor = 'y'\n", "waivers.toml:1: 'fingerprint' must be the 64 hex digits"),
    ("\n[[waiver]]\nfingerprint = '" + "a" * 64 + "'\nauthor = 'y'\n", "waivers.toml:2: 'reason' is required"),
    ("[[waiver]]\nfingerprint = '" + "a" * 64 + "'\nreason = 'x'\nauthor = 'y'\ndate = 2024-13-01\n",
     "waivers.toml: invalid TOML"),
    ("[[waiver]]\nfingerprint = '" + "a" * 64 + "'\nreason = 'x'\nauthor = 'y'\nexpiry = 'soon'\n",
     "unknown key 'expiry'"),
    ("[waiver]\nfingerprint = 'x'\n", "'waiver' must be an array of tables"),
])
def test_malformed_waivers_exit_2_naming_file_and_line(tmp_path, text, message):
    waivers = tmp_path / "waivers.toml"
    waivers.write_text(text, encoding="utf-8")
    assert message in one_line_error(run("check", FEED, "--waivers", waivers, "--no-config"))


@pytest.mark.parametrize("args,message", [
    (["--fingerprint", "abc"], "give at least 8 hex digits"),
    (["--fingerprint", "0123456789abcdef"], "no finding of the report has this fingerprint"),
    (["--all-of-check", "number"], "the report has no 'number' finding (it has: omission, untranslated)"),
    ([], "nothing to waive"),
])
def test_waive_usage_errors(tmp_path, args, message):
    old = tmp_path / "old.json"
    check(FEED, out=old)
    res = run("waive", old, *args, "--reason", "r", "--author", "a", "-f", tmp_path / "w.toml")
    assert message in one_line_error(res)
    assert not (tmp_path / "w.toml").exists()


def test_waive_needs_a_json_report(tmp_path):
    text = tmp_path / "r.txt"
    text.write_text("tqcheck 0.1.0: 6 segments\n", encoding="utf-8")
    line = one_line_error(run("waive", text, "--all", "--reason", "r", "--author", "a"))
    assert "not valid JSON" in line


def test_baseline_fails_only_on_new_findings(tmp_path):
    old = tmp_path / "old.json"
    code, _ = check(FEED, out=old)
    assert code == 1
    # Same input: every finding is known, the gate passes.
    code, doc = check(FEED, "--baseline", old)
    assert code == 0 and all(f["new"] is False for _, f in flags(doc))
    assert doc["summary"]["baseline"] == {"file": str(old), "new": 0, "unchanged": 2, "fixed": 0}
    assert doc["gate"]["baseline_flags"] == 2
    # Next day's feed: one more untranslated term (new), the omission fixed.
    text = FEED.read_text("utf-8")
    text = text.replace("Work at the first hospital is expected", "Work at the first مستشفى is expected")
    text = text.replace("        </trans-unit>\n      </group>",
                        "          <target>Mafraq residents welcomed the decision and asked for services in remote "
                        "villages.</target>\n        </trans-unit>\n      </group>")
    new_feed = tmp_path / "feed.xlf"
    new_feed.write_text(text, encoding="utf-8")
    code, doc = check(new_feed, "--baseline", old)
    assert code == 1
    new = [(s, f) for s, f in flags(doc) if f["new"]]
    assert [(f["check"], f["target_text"]) for _, f in new] == [("untranslated", "مستشفى")]
    assert doc["summary"]["baseline"] == {"file": str(old), "new": 1, "unchanged": 1, "fixed": 1}
    assert doc["gate"]["reasons"] == ["1 flag at or above error (untranslated 1)"]
    # SARIF marks them for code-review tools.
    res = run("check", new_feed, "--baseline", old, "--format", "sarif", "--no-config", "--checks",
              "omission,untranslated")
    states = sorted(r["baselineState"] for r in json.loads(res.stdout)["runs"][0]["results"])
    assert states == ["new", "unchanged"]


def test_baseline_counts_repeated_findings(tmp_path):
    feed = tmp_path / "feed.jsonl"
    line = json.dumps({"id": "a", "source": UNTRANSLATED_UNIT,
                       "translation": "The region suffers from a shortage of الأطباء المتخصصين."}, ensure_ascii=False)
    feed.write_text(line + "\n", encoding="utf-8")
    old = tmp_path / "old.json"
    check(feed, out=old)
    feed.write_text(line + "\n" + line.replace('"a"', '"b"') + "\n", encoding="utf-8")
    code, doc = check(feed, "--baseline", old)
    assert code == 1 and [f["new"] for _, f in flags(doc)] == [False, True]


@pytest.mark.parametrize("content,message", [("{not json", "not valid JSON"),
                                            ('{"format": "other"}', "not a tqcheck report")])
def test_bad_baseline_exits_2(tmp_path, content, message):
    bad = tmp_path / "old.json"
    bad.write_text(content, encoding="utf-8")
    assert message in one_line_error(run("check", FEED, "--baseline", bad, "--no-config"))


def test_fingerprints_survive_moves_and_cosmetic_changes(tmp_path):
    _, doc = check(FEED)
    before = {s["source"]: f["fingerprint"] for s, f in flags(doc)}
    # Units reordered, re-indented, an extra unit before them: the same findings have the same fingerprints.
    moved = FIXTURES / "news.tmx"
    _, doc = check(moved)
    after = {s["source"]: f["fingerprint"] for s, f in flags(doc)}
    assert after == before
    assert set(before) == {UNTRANSLATED_UNIT, OMITTED_UNIT}


@pytest.mark.parametrize("a,b,same", [
    (("untranslated", "untranslated-text", "قال الوزير", "The وزير said", None, "وزير"),
     ("untranslated", "untranslated-text", "قال الوزير", "The  وزير said\u200f", None, "وزير"), True),
    (("untranslated", "untranslated-text", "قال الوزير", "The وزير said", None, "وزير"),
     ("untranslated", "untranslated-text", "قال الوزير", "The وزير spoke", None, "وزير"), False),
    (("omission", "dropped-sentence", "قال الوزير", "", "قال الوزير", None),
     ("omission", "dropped-sentence", "ﻗﺎﻝ الوزير", "", "ﻗﺎﻝ الوزير", None), True),  # presentation forms
    (("score", "min-chrf", "قال الوزير", "The minister said", None, None),
     ("score", "min-bleu", "قال الوزير", "The minister said", None, None), False),
])
def test_fingerprint_normalisation(a, b, same):
    assert (fingerprint(*a) == fingerprint(*b)) is same


def test_batch_baseline_and_waivers(tmp_path):
    batch = tmp_path / "in"
    batch.mkdir()
    shutil.copy(FEED, batch / "feed.xlf")
    first, second = tmp_path / "first", tmp_path / "second"
    assert run("check", "--batch", batch, "-o", first, "--no-config").exit_code == 1
    res = run("check", "--batch", batch, "-o", second, "--baseline", first, "--no-config")
    assert res.exit_code == 0, res.stderr
    res = run("waive", first / "reports" / "feed.json", "--all", "--reason", "r", "--author", "a",
              "-f", tmp_path / "w.toml")
    assert run("check", "--batch", batch, "-o", second, "--waivers", tmp_path / "w.toml",
               "--no-config").exit_code == 0
