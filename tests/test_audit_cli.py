"""`tqcheck audit` through the CLI: exit codes, the closing summary line, one-line errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests._audit_corpus import write_archive
from tqcheck.cli import cli
from tqcheck.report.jsonout import render_json


def run(*args):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    base = tmp_path_factory.mktemp("cli")
    ok = write_archive(base / "ok", broken=False)
    broken = write_archive(base / "broken")
    # Keep one good document beside the broken one: the CLI reports both.
    rows = [line for line in broken.read_text(encoding="utf-8").splitlines()
            if json.loads(line)["id"] in ("clean-b", "uneven")]
    broken.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return {"broken": broken, "ok": ok}


def test_exit_codes_follow_the_gate_and_reruns_skip_finished_reports(archives, tmp_path):
    out = tmp_path / "out"
    res = run("audit", str(archives["ok"]), "-o", str(out), "--aligned", "--workers", "2", "--fail-on", "never")
    assert res.exit_code == 0, res.output + res.stderr
    assert "tqcheck audit: 4 documents (4 checked, 0 already done, 0 failed)" in res.stderr
    assert "summary written to" in res.stderr
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["format"] == "tqcheck.audit/1"
    # Same options: the re-run only reads the finished reports.
    res = run("audit", str(archives["ok"]), "-o", str(out), "--aligned", "--fail-on", "never")
    assert res.exit_code == 0 and "(0 checked, 4 already done, 0 failed)" in res.stderr
    # Another gate is another report (its verdict is in it): all are redone, and `flagged` has an error.
    res = run("audit", str(archives["ok"]), "-o", str(out), "--aligned", "--fail-on", "error")
    assert res.exit_code == 1 and "(4 checked, 0 already done, 0 failed)" in res.stderr


def test_reports_are_the_bytes_tqcheck_check_writes(archives, tmp_path):
    """Same options on both command lines: each audit report is `tqcheck check --format json`'s report of
    that pair, plus the audit's inputs.id/sha256/fingerprint."""
    out = tmp_path / "out"
    res = run("audit", str(archives["ok"]), "-o", str(out), "--aligned", "--no-config", "--fail-on", "warning")
    assert res.exit_code == 1, res.output + res.stderr
    for line in archives["ok"].read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        base = archives["ok"].parent
        args = ["check", str(base / row["source"]), str(base / row["translation"]), "--aligned", "--no-config",
                "--fail-on", "warning", "--format", "json", "-o", str(tmp_path / "check.json"), "-q"]
        if row["reference"]:
            args += ["--reference", str(base / row["reference"])]
        run(*args)
        doc = json.loads((out / "reports" / f"{row['id']}.json").read_text(encoding="utf-8"))
        for key in ("id", "sha256", "fingerprint"):
            del doc["inputs"][key]
        assert render_json(doc) == (tmp_path / "check.json").read_text(encoding="utf-8"), row["id"]


def test_a_pair_that_cannot_be_checked_exits_2_after_reporting_the_others(archives, tmp_path):
    out = tmp_path / "out"
    res = run("audit", str(archives["broken"]), "-o", str(out), "--aligned", "--fail-on", "never")
    assert res.exit_code == 2
    assert "tqcheck: error: uneven: " in res.stderr and "--aligned needs the same number of lines" in res.stderr
    assert (out / "reports" / "clean-b.json").exists() and (out / "summary.json").exists()


@pytest.mark.parametrize("args,message", [
    (["--engine", "local", "--ray-address", "auto"], "--ray-address needs --engine ray"),
    (["--workers", "0"], "--workers must be at least 1"),
    (["--engine", "spark"], "Invalid value for '--engine'"),
    (["--format", "html"], "No such option '--format'"),
])
def test_usage_errors_are_one_line(archives, tmp_path, args, message):
    res = run("audit", str(archives["ok"]), "-o", str(tmp_path / "out"), *args)
    assert res.exit_code == 2 and message in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_bad_manifest_is_one_line(tmp_path):
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"id": "../x", "source": "a", "translation": "b"}\n', encoding="utf-8")
    res = run("audit", str(manifest), "-o", str(tmp_path / "out"))
    assert res.exit_code == 2 and "is not a safe file name" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_listed_with_help():
    res = run("--help")
    assert "audit" in res.output
    res = run("audit", "--help")
    assert res.exit_code == 0 and "--ray-address" in res.output and "MANIFEST" in res.output
