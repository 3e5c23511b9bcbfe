"""Renderers: a report document (``Report.to_dict()``, format ``tqcheck.report/1``) in, text out.

Renderers format and never compute. ``RENDERERS`` maps a format name to ``module:function``; each is
imported only when used.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, Dict, Mapping

from tqcheck.errors import UsageError

RENDERERS: Dict[str, str] = {
    "text": "tqcheck.report.text:render_text",
    "json": "tqcheck.report.jsonout:render_json",
    "jsonl": "tqcheck.report.jsonout:render_jsonl",
    "junit": "tqcheck.report.junit:render_junit",
    "sarif": "tqcheck.report.sarif:render_sarif",
    "html": "tqcheck.report.html:render_html",
}


def get_renderer(fmt: str) -> Callable[[Mapping[str, Any]], str]:
    if fmt not in RENDERERS:
        raise UsageError(f"unknown format {fmt!r}; known formats: {', '.join(sorted(RENDERERS))}")
    module, func = RENDERERS[fmt].split(":")
    return getattr(importlib.import_module(module), func)


def render(doc: Mapping[str, Any], fmt: str) -> str:
    return get_renderer(fmt)(doc)
