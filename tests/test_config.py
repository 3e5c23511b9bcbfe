"""Configuration files: discovery upward from the working directory, precedence, errors, the signature."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from _formats import FIXTURES, one_line_error, run
from tqcheck.config import discover, find_config, reference_table, settings
from tqcheck.errors import ConfigError

FEED = FIXTURES / "news.tsv"


def check_json(*args):
    res = run("check", FEED, "--format", "json", *args)
    assert res.exit_code in (0, 1), res.output + res.stderr
    return res.exit_code, json.loads(res.stdout)


@pytest.mark.parametrize("layout,found", [
    ({"tqcheck.toml": "fail-on = 'never'\n"}, "tqcheck.toml"),
    ({"pyproject.toml": "[project]\nname = 'desk'\n[tool.tqcheck]\nfail-on = 'never'\n"}, "pyproject.toml"),
    # In one folder tqcheck.toml wins over pyproject.toml.
    ({"tqcheck.toml": "fail-on = 'never'\n", "pyproject.toml": "[tool.tqcheck]\nfail-on = 'warning'\n"},
     "tqcheck.toml"),
    # A pyproject.toml without [tool.tqcheck] does not stop the search.
    ({"pyproject.toml": "[project]\nname = 'desk'\n", "../tqcheck.toml": "fail-on = 'never'\n"}, "../tqcheck.toml"),
    ({"pyproject.toml": "[project]\nname = 'desk'\n"}, None),
])
def test_discovery_from_a_subfolder(tmp_path, monkeypatch, layout, found):
    project = tmp_path / "outer" / "project"
    (project / "feeds" / "today").mkdir(parents=True)
    for name, text in layout.items():
        (project / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(project / "feeds" / "today")
    path = find_config()
    assert (path.resolve() if path else None) == ((project / found).resolve() if found else None)


def test_config_sets_options_and_the_command_line_wins(tmp_path, monkeypatch):
    (tmp_path / "tqcheck.toml").write_text(
        "fail-on = 'never'\nchecks = ['untranslated']\nmin-corpus-chrf = 95\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, doc = check_json()
    assert code == 0  # fail-on never from the config
    assert set(doc["summary"]["flags"]) == {"untranslated"}
    assert doc["gate"]["conditions"][0]["condition"] == "min-corpus-chrf"
    sig = doc["signature"]["config"]
    assert Path(sig["file"]).resolve() == (tmp_path / "tqcheck.toml").resolve()
    assert sig["settings"]["checks"] == ["untranslated"] and sig["settings"]["min-corpus-chrf"] == 95
    assert {"fail-on", "checks", "min-corpus-chrf"} <= set(sig["from_config"])
    # The command line overrides the file, option by option.
    code, doc = check_json("--fail-on", "error", "--checks", "untranslated,omission")
    assert code == 1 and set(doc["summary"]["flags"]) == {"untranslated", "omission"}
    assert doc["signature"]["config"]["from_cli"] == ["checks", "fail-on"]  # format is not in the signature
    # --no-config ignores the file; --config names one explicitly.
    code, doc = check_json("--no-config")
    assert code == 1 and doc["signature"]["config"]["file"] is None and doc["gate"]["conditions"] == []
    other = tmp_path / "strict.toml"
    other.write_text("[check.untranslated]\nmin_letters = 2\n", encoding="utf-8")
    _, doc = check_json("--config", other)
    assert doc["signature"]["options"]["check_options"] == {"untranslated": {"min_letters": 2}}


def test_pyproject_table_and_paths_relative_to_the_config(tmp_path, monkeypatch):
    (tmp_path / "qa").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        "[tool.tqcheck]\nformat = 'sarif'\nwaivers = 'qa/waivers.toml'\n\n[tool.tqcheck.columns]\nsource = 'source'\n",
        encoding="utf-8")
    (tmp_path / "qa" / "waivers.toml").write_text("", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    cfg = discover()
    assert cfg.values["waivers"] == str(tmp_path / "qa" / "waivers.toml")
    res = run("check", FEED)
    assert res.exit_code == 1
    assert json.loads(res.stdout)["version"] == "2.1.0"  # the format default came from the config


def test_check_options_from_the_command_line_refine_the_config(tmp_path, monkeypatch):
    (tmp_path / "tqcheck.toml").write_text("[check.untranslated]\nmin_letters = 2\n[check.number]\nmedium = 'off'\n",
                                           encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, doc = check_json("--check-option", "untranslated.min_letters=3", "--check-option", "number.medium=\"off\"")
    assert doc["signature"]["options"]["check_options"] == {
        "untranslated": {"min_letters": 3}, "number": {"medium": "off"}}


@pytest.mark.parametrize("text,message", [
    ("fail-on = 'sometimes'\n", "tqcheck.toml:1: fail-on must be one of error, warning, never"),
    ("aligned = true\nformat = 'xml'\n", "tqcheck.toml:2: format must be one of"),
    ("checks = ['spelling']\n", "tqcheck.toml:1: unknown check 'spelling'"),
    ("\n\nfail_on = 'error'\nglosary = 'g.tsv'\n", "tqcheck.toml:4: unknown setting 'glosary'"),
    ("min-chrf = 'high'\n", "tqcheck.toml:1: min-chrf must be a number"),
    ("min-semantic = 70\n", "semantic similarity scores are in [-1, 1]"),
    ("aligned = 'yes'\n", "tqcheck.toml:1: aligned must be true or false"),
    ("[check.number\nx = 1\n", "tqcheck.toml: invalid TOML"),
    ("aligned = true\nfail-on = = 'error'\n", "(at line 2, column"),
    ("[check]\nuntranslated = 3\n", "check must be tables [check.NAME]"),
])
def test_malformed_config_is_one_line_naming_file_and_line(tmp_path, monkeypatch, text, message):
    (tmp_path / "tqcheck.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as err:
        discover()
    assert message in str(err.value)
    assert message in one_line_error(run("check", FEED))


def test_missing_explicit_config():
    assert "no such configuration file" in one_line_error(run("check", FEED, "--config", "nowhere.toml"))


def test_every_check_option_is_a_setting_and_documented():
    from tqcheck.commands.check import check

    keys = {s.key for s in settings()}
    options = {opt.lstrip("-") for p in check.params for opt in p.opts if opt.startswith("--")}
    not_settings = {"reference", "batch", "config", "no-config", "help", "check-option"}
    assert options - not_settings <= keys
    assert "check" in keys  # --check-option's table
    doc = (Path(__file__).resolve().parents[1] / "docs" / "configuration.md").read_text("utf-8")
    assert reference_table() in doc, "docs/configuration.md: paste the output of tqcheck.config.reference_table()"
