"""The HTML report: one self-contained page (styles, script and charts inline) that a linguist can open offline.

``render_html`` takes the report document (``Report.to_dict()``, or the same thing loaded from a saved JSON),
so a saved report renders exactly as a live run. Templates live in ``templates/`` as package data and are
rendered with autoescaping on: every text from the input reaches the page escaped.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping, Tuple

from markupsafe import Markup

from tqcheck.report.view import build_view


@lru_cache(maxsize=1)
def _environment() -> Any:
    # Imported here so that the CLI's --help and the other renderers do not pay for Jinja.
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("tqcheck.report", "templates"),
        autoescape=True,  # every template, whatever its extension: the input is untrusted text
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _static(name: str) -> str:
    return resources.files("tqcheck.report").joinpath("templates").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@lru_cache(maxsize=1)
def _assets() -> Tuple[Markup, Markup, str]:
    """The page's stylesheet and script, and a Content-Security-Policy that allows exactly those two.

    The policy is a second line of defence behind escaping: the page may load nothing from anywhere, and no
    script runs but ours (an injected inline handler or script element would be refused by the browser).
    """
    css, js = _static("report.css"), _static("report.js")
    csp = (f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    # Our own static files, not input: they are inserted verbatim so that their hashes match.
    return Markup(css), Markup(js), csp


def render_html(doc: Mapping[str, Any]) -> str:
    """Render a ``tqcheck.report/1`` document as a self-contained HTML page.

    Args:
        doc: the report as a mapping (``Report.to_dict()`` or ``json.load`` of a saved report).

    Returns:
        The page, as text (write it as UTF-8).

    Raises:
        InputError: ``doc`` is not a tqcheck report or is malformed.
    """
    view = build_view(doc)
    css, js, csp = _assets()
    return _environment().get_template("report.html").render(r=view, css=css, js=js, csp=csp)
