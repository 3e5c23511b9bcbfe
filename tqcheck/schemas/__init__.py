"""JSON Schemas (draft 2020-12) of the documents tqcheck writes, shipped as package data.

``schema(fmt)`` gives the schema of a format string (``tqcheck.report/1``, ``tqcheck.alignment/1``,
``tqcheck.audit/1``) as a dict; validate with any JSON Schema library (the tests use ``jsonschema``).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any, Dict

FILES: Dict[str, str] = {
    "tqcheck.report/1": "report.schema.json",
    "tqcheck.alignment/1": "alignment.schema.json",
    "tqcheck.audit/1": "audit.schema.json",
}


def schema(fmt: str) -> Dict[str, Any]:
    """The JSON Schema of the document format ``fmt``.

    Raises:
        KeyError: no schema for ``fmt``.
    """
    text = resources.files(__name__).joinpath(FILES[fmt]).read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]
