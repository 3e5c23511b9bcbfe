"""JSON and JSON Lines renderers. Output is deterministic: the same report gives the same bytes."""

from __future__ import annotations

import json
from typing import Any, Mapping


def render_json(doc: Mapping[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def render_jsonl(doc: Mapping[str, Any]) -> str:
    """One segment a line (the header fields are repeated in a first line of kind "header")."""
    head = {k: v for k, v in doc.items() if k != "segments"}
    lines = [json.dumps({"kind": "header", **head}, ensure_ascii=False)]
    lines += [json.dumps({"kind": "segment", **seg}, ensure_ascii=False) for seg in doc.get("segments", [])]
    return "\n".join(lines) + "\n"
