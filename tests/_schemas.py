"""Validation of the JSON documents tqcheck writes against the schemas it ships (``tqcheck/schemas``).

``tests/conftest.py`` uses it on every report the suite writes: whatever goes through ``render_json`` in
the test process, and every JSON file a test leaves in its ``tmp_path`` (reports written by audit workers).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Mapping

from tqcheck.schemas import FILES, schema


@lru_cache(maxsize=None)
def _validator(fmt: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(fmt))


def validate(doc: Any, where: str = "document") -> bool:
    """Validate ``doc`` if it is a document of a format tqcheck has a schema for; True when it was checked.

    Raises:
        AssertionError: the document breaks its schema (every error listed).
    """
    if not isinstance(doc, Mapping) or doc.get("format") not in FILES:
        return False
    errors = sorted(_validator(doc["format"]).iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, f"{where} breaks {FILES[doc['format']]}:\n" + "\n".join(
        f"  at /{'/'.join(map(str, e.path))}: {e.message[:300]}" for e in errors[:10])
    return True


def json_documents(folder: Path) -> Iterator[tuple[Path, Any]]:
    """Every parseable ``*.json`` file under ``folder`` (a test's deliberately broken files are skipped)."""
    for path in sorted(folder.rglob("*.json")):
        try:
            yield path, json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            continue
