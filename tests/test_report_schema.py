"""The JSON Schemas shipped in tqcheck/schemas: valid schemas, the golden report passes, broken documents
fail. (Every report the rest of the suite writes is validated too: the autouse fixture of conftest.py.)"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Callable, Dict

import pytest
from jsonschema import Draft202012Validator

from _schemas import validate
from conftest import build_report
from tqcheck.report.document import build_document
from tqcheck.schemas import FILES, schema

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_each_schema_is_a_valid_schema_for_its_format(fmt):
    s = schema(fmt)
    Draft202012Validator.check_schema(s)
    assert s["properties"]["format"] == {"const": fmt}


def test_the_golden_report_is_valid():
    assert validate(json.loads((GOLDEN / "demo.json").read_text("utf-8")), "golden/demo.json")
    assert validate(build_document(build_report()), "conftest's report, gated")


def _drop(*keys: str) -> Callable[[Dict[str, Any]], None]:
    def edit(doc: Dict[str, Any]) -> None:
        target = doc
        for k in keys[:-1]:
            target = target[k] if not isinstance(target, list) else target[int(k)]
        del target[keys[-1]]
    return edit


def _set(value: Any, *keys: str) -> Callable[[Dict[str, Any]], None]:
    def edit(doc: Dict[str, Any]) -> None:
        target: Any = doc
        for k in keys[:-1]:
            target = target[int(k)] if isinstance(target, list) else target[k]
        target[keys[-1]] = value
    return edit


@pytest.mark.parametrize("edit,where", [
    (_drop("gate"), "'gate' is a required property"),
    (_drop("summary", "severities"), "'severities' is a required property"),
    (_drop("segments", "0", "flags", "0", "fingerprint"), "'fingerprint' is a required property"),
    (_set("fatal", "segments", "0", "flags", "0", "severity"), "'fatal' is not one of"),
    (_set([3], "segments", "0", "flags", "0", "source_span"), "[3] is too short"),
    (_set("0.9", "segments", "0", "alignment", "confidence"), "'0.9' is not of type 'number'"),
    (_set(True, "unexpected"), "Additional properties are not allowed"),
])
def test_a_broken_report_fails_with_its_place(edit, where):
    doc = json.loads((GOLDEN / "demo.json").read_text("utf-8"))
    first_flagged = next(i for i, s in enumerate(doc["segments"]) if s["flags"])
    doc["segments"] = doc["segments"][first_flagged:]
    broken = copy.deepcopy(doc)
    edit(broken)
    with pytest.raises(AssertionError, match=r"breaks report\.schema\.json") as err:
        validate(broken)
    assert where in str(err.value)


def test_new_summary_and_segment_fields_are_allowed():
    """Fields may be added to the summary, segments and flags without a new format version."""
    doc = json.loads((GOLDEN / "demo.json").read_text("utf-8"))
    doc["summary"]["units"] = 3
    doc["segments"][0]["unit"] = "u1"
    doc["segments"][0]["original"] = "<g id='1'>text</g>"
    assert validate(doc)


def test_the_schemas_ship_as_package_data():
    root = Path(__file__).resolve().parents[1]
    pyproject = (root / "pyproject.toml").read_text("utf-8")
    assert '"schemas/*.json"' in pyproject
    assert all((root / "tqcheck" / "schemas" / name).is_file() for name in FILES.values())
