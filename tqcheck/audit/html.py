"""summary.html: the audit summary as one self-contained page (inline CSS, no script, no external asset).

Renders the summary document and computes nothing. The template is autoescaped: ids, messages and check
names come from user data.
"""

from __future__ import annotations

from typing import Any, Mapping


def render_summary_html(summary: Mapping[str, Any]) -> str:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("tqcheck.audit", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    return env.get_template("summary.html").render(s=summary, c=summary["corpus"])
