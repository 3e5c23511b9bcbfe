"""JUnit XML and SARIF 2.1.0: valid against their schemas, and pointing at the right segments and lines."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from _formats import FIXTURES, SCHEMAS, run, validate_sarif

xmlschema = pytest.importorskip("xmlschema", reason="xmlschema (test extra) validates the JUnit output")
jsonschema = pytest.importorskip("jsonschema", reason="jsonschema (test extra) validates the SARIF output")

AR = ["أعلنت وزارة الدفاع الأوكرانية أن قواتها تقدمت نحو خيرسون.",
      "وقال المتحدث إن الهجوم سيستمر حتى نهاية الشهر.",
      "ورفض الكرملين التعليق على التقارير."]
EN = ["The Ukrainian Ministry of Defense announced that its forces advanced towards Kherson.",
      "The spokesman said الهجوم سيستمر until the end of the month.",
      ""]




@pytest.fixture(scope="module")
def junit_schema():
    return xmlschema.XMLSchema(str(SCHEMAS / "junit.xsd"))


@pytest.fixture
def text_pair(tmp_path):
    src, tgt = tmp_path / "wire.ar.txt", tmp_path / "wire.en.txt"
    src.write_text("\n".join(AR) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(EN) + "\n", encoding="utf-8")
    return [src, tgt, "--aligned"]


CASES = {
    "xliff-1.2": lambda tp: [FIXTURES / "news-1.2.xlf"],
    "xliff-2.0": lambda tp: [FIXTURES / "news-2.0.xlf"],
    "tmx": lambda tp: [FIXTURES / "news.tmx"],
    "tsv with score gates": lambda tp: [FIXTURES / "news.tsv", "--min-chrf", "85", "--min-corpus-chrf", "90"],
    "aligned text": lambda tp: tp,
    "clean": lambda tp: [FIXTURES / "clean.xlf"],
}


def render(fmt, args, tmp_path):
    """The JSON report of a run, the same report in ``fmt``, and the exit code (one pipeline run)."""
    from tqcheck.report import render as render_doc

    res = run("check", *args, "--format", "json", "--no-config")
    assert res.exit_code in (0, 1), res.output + res.stderr
    doc = json.loads(res.stdout)
    return doc, render_doc(doc, fmt), res.exit_code


@pytest.mark.parametrize("fmt", ["junit", "sarif"])
def test_format_option_writes_the_renderers_output(fmt, tmp_path):
    out = tmp_path / f"r.{fmt}"
    res = run("check", FIXTURES / "news.tmx", "--format", fmt, "-o", out, "--no-config")
    assert res.exit_code == 1 and f"report written to {out}" in res.stderr
    doc, text, _ = render(fmt, [FIXTURES / "news.tmx"], tmp_path)
    assert out.read_text("utf-8") == text


@pytest.mark.parametrize("case", CASES)
def test_junit_is_valid_and_fails_the_segments_with_errors(case, tmp_path, text_pair, junit_schema):
    doc, xml, code = render("junit", CASES[case](text_pair), tmp_path)
    junit_schema.validate(xml)
    root = ET.fromstring(xml)
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    failed = [c for c in cases if c.find("failure") is not None]
    conditions = doc["gate"]["conditions"]
    assert int(suite.get("tests")) == len(cases) == len(doc["segments"]) + len(conditions)
    assert int(suite.get("failures")) == len(failed) == int(root.get("failures"))
    erring = [s for s in doc["segments"] if any(f["severity"] == "error" for f in s["flags"])]
    failed_corpus = [c for c in conditions if not c["passed"]]
    assert len(failed) == len(erring) + len(failed_corpus)
    assert (code == 1) == bool(failed)
    for seg, case_el in zip(doc["segments"], cases):
        assert case_el.get("name").startswith(f"segment {seg['index'] + 1}")
        failure = case_el.find("failure")
        if failure is not None:
            assert set(failure.get("type").split(",")) == {f["check"] for f in seg["flags"] if f["severity"] == "error"}


@pytest.mark.parametrize("case", CASES)
def test_sarif_is_valid_and_each_result_points_at_its_line(case, tmp_path, text_pair):
    doc, text, _ = render("sarif", CASES[case](text_pair), tmp_path)
    sarif = json.loads(text)
    validate_sarif(sarif)
    run_ = sarif["runs"][0]
    flags = [(s, f) for s in doc["segments"] for f in s["flags"]]
    assert len(run_["results"]) == len(flags)
    rules = run_["tool"]["driver"]["rules"]
    for result, (seg, flag) in zip(run_["results"], flags):
        assert result["ruleId"] == f"{flag['check']}/{flag['code']}" == rules[result["ruleIndex"]]["id"]
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[flag["severity"]]
        assert result["partialFingerprints"]["tqcheckFingerprint/v1"] == flag["fingerprint"]
        loc = result["locations"][0]["physicalLocation"]
        on_target = flag["target_span"] is not None
        expected_file = doc["inputs"]["translation" if on_target else "source"]
        # absolute paths: relative to INPUTROOT, their common folder, declared in originalUriBaseIds
        artifact = loc["artifactLocation"]
        assert artifact["uriBaseId"] == "INPUTROOT" and not artifact["uri"].startswith("file:")
        assert run_["originalUriBaseIds"]["INPUTROOT"]["uri"] + artifact["uri"] == Path(expected_file).as_uri()
        lines = seg["target_lines" if on_target else "source_lines"]
        assert loc["region"]["startLine"] == lines[0] + 1
        # The flagged text is on that line of that file.
        line = Path(expected_file).read_text("utf-8").split("\n")[loc["region"]["startLine"] - 1]
        flagged = flag["target_text"] if on_target else flag["source_text"]
        assert flagged.split()[0] in line


def test_sarif_of_an_aligned_pair_uses_both_files(tmp_path, text_pair):
    _, text, code = render("sarif", text_pair, tmp_path)
    results = json.loads(text)["runs"][0]["results"]
    where = {r["ruleId"]: r["locations"][0]["physicalLocation"] for r in results}
    assert code == 1
    assert where["untranslated/untranslated-text"]["artifactLocation"]["uri"].endswith("wire.en.txt")
    assert where["untranslated/untranslated-text"]["region"]["startLine"] == 2
    assert where["omission/dropped-sentence"]["artifactLocation"]["uri"].endswith("wire.ar.txt")
    assert where["omission/dropped-sentence"]["region"]["startLine"] == 3


def test_junit_escapes_what_xml_cannot_hold(tmp_path, junit_schema):
    src, tgt = tmp_path / "a.ar.txt", tmp_path / "a.en.txt"
    src.write_text("قال الوزير <إن> الهجوم & الدفاع سيستمران.\n", encoding="utf-8")
    tgt.write_text("The minister said \x07 <the> attack & الدفاع would continue.\n", encoding="utf-8")
    _, xml, _ = render("junit", [src, tgt, "--aligned"], tmp_path)
    junit_schema.validate(xml)
    assert "&lt;the&gt; attack &amp;" in xml and "\x07" not in xml


def test_sarif_keeps_relative_paths_relative(tmp_path, monkeypatch):
    # GitHub code scanning resolves relative URIs against the repository root.
    monkeypatch.chdir(FIXTURES)
    res = run("check", "news-1.2.xlf", "--format", "sarif", "--no-config")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(res.stdout)["runs"][0]["results"]}
    assert uris == {"news-1.2.xlf"}
