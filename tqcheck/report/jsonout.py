"""JSON and JSON Lines renderers. Output is deterministic: the same report gives the same bytes."""

from __future__ import annotations

import json
from typing import Any, Mapping


def render_json(doc: Mapping[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def jsonl_header(doc: Mapping[str, Any]) -> str:
    """The first line: what the file is and what it was made from."""
    head = {k: doc[k] for k in ("format", "tool", "inputs") if k in doc}
    return json.dumps({"kind": "header", **head}, ensure_ascii=False) + "\n"


def jsonl_segment(seg: Mapping[str, Any]) -> str:
    return json.dumps({"kind": "segment", **seg}, ensure_ascii=False) + "\n"


def jsonl_trailer(doc: Mapping[str, Any]) -> str:
    """The last line: the summary and the signature, known only once every segment is done."""
    tail = {"kind": "summary", "summary": doc["summary"], "signature": doc["signature"]}
    if "gate" in doc:
        tail["gate"] = doc["gate"]
    return json.dumps(tail, ensure_ascii=False) + "\n"


def render_jsonl(doc: Mapping[str, Any]) -> str:
    """A header line, one line a segment, then a summary line. ``tqcheck check --format jsonl`` writes the
    same lines as it goes, so a feed of any length streams in bounded memory."""
    return (jsonl_header(doc) + "".join(jsonl_segment(s) for s in doc.get("segments", []))
            + jsonl_trailer(doc))
