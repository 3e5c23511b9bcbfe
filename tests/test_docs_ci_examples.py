"""The GitHub Actions and GitLab CI examples of docs/ci-and-formats.md run as written."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from _formats import FIXTURES, SCHEMAS, run

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "ci-and-formats.md"


def yaml_blocks():
    return re.findall(r"```yaml\n(.*?)```", DOC.read_text("utf-8"), re.S)


def commands(block):
    """The tqcheck command lines of a CI file (``run:`` steps and ``script:`` items)."""
    return [m.group(1) for m in re.finditer(r"(?:run:|-)\s+\.venv/bin/tqcheck (.+)$", block, re.M)]


def test_there_are_two_examples_and_they_are_valid_yaml():
    yaml = pytest.importorskip("yaml", reason="PyYAML checks the examples' syntax")
    blocks = yaml_blocks()
    assert len(blocks) == 2
    github, gitlab = (yaml.safe_load(b) for b in blocks)
    steps = github["jobs"]["tqcheck"]["steps"]
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    assert gitlab["translation-qa"]["artifacts"]["reports"]["junit"]
    # `make setup` is the repository's own install step.
    assert re.search(r"^setup:", (REPO / "Makefile").read_text("utf-8"), re.M)


@pytest.mark.parametrize("index", [0, 1], ids=["github-actions", "gitlab-ci"])
def test_example_commands_pass_on_the_fixtures(index, tmp_path, monkeypatch):
    xmlschema = pytest.importorskip("xmlschema")
    schema = xmlschema.XMLSchema(str(SCHEMAS / "junit.xsd"))
    # A checkout with the paths the examples use (their reports go to reports/ under it).
    shutil.copytree(FIXTURES, tmp_path / "tests" / "fixtures" / "formats")
    monkeypatch.chdir(tmp_path)
    lines = commands(yaml_blocks()[index])
    assert len(lines) == 3
    for line in lines:
        res = run(*shlex.split(line), "--no-config")
        assert res.exit_code == 0, f"{line}: {res.stderr}"
    junit = sorted((tmp_path / "reports").rglob("*.junit.xml"))
    assert sorted(p.name for p in junit) == ["feed.junit.xml", "markets.junit.xml", "wire.junit.xml"]
    for p in junit:
        schema.validate(str(p))
