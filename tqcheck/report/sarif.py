"""SARIF 2.1.0 for code-review tools (GitHub code scanning, GitLab, VS Code): one result a flag.

Each result points at the input file and 1-based line of what was flagged: the translation file for a flag
on the translation (it has a target span), the source file otherwise. ``ruleId`` is ``check/code``; the
level is error, warning or note (info). Waived flags carry a suppression (so viewers hide them), flags
compared with a baseline carry ``baselineState`` (new or unchanged), and every result has the tqcheck
fingerprint in ``partialFingerprints`` so that viewers track a finding across runs.
"""

from __future__ import annotations

import json
from pathlib import Path, PureWindowsPath
from typing import Any, Dict, List, Mapping, Optional, Tuple

from tqcheck.text.placeholders import display

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://pypi.org/project/tqcheck/"
# The checks, their codes and options (docs/checks.md, linked from the project page).
HELP_URI = INFORMATION_URI


def _uri(path: str) -> str:
    """A relative path stays relative (with /), so that GitHub resolves it against the repository; an
    absolute one becomes a file URI (``_relative`` then splits it into a base and a relative part)."""
    if PureWindowsPath(path).is_absolute() and not path.startswith("/"):
        return PureWindowsPath(path).as_uri()
    p = Path(path)
    return p.as_uri() if p.is_absolute() else p.as_posix()


# Relative URIs are relative to the repository (the working directory of the run): SRCROOT, left for the
# viewer to resolve. Absolute inputs are given relative to their common folder, INPUTROOT, declared in
# ``originalUriBaseIds``, so that a report moved to another machine still names its files the same way.
SRCROOT, INPUTROOT = "SRCROOT", "INPUTROOT"


def _bases(uris: List[str]) -> Optional[str]:
    """The common folder (a file URI ending in /) of the absolute file URIs, or None."""
    absolute = [u for u in uris if u.startswith("file:")]
    if not absolute:
        return None
    parts = [u.split("/") for u in absolute]
    common: List[str] = []
    for column in zip(*(p[:-1] for p in parts)):
        if len(set(column)) > 1:
            break
        common.append(column[0])
    return "/".join(common) + "/"


def _artifact(uri: str, base: Optional[str]) -> Dict[str, Any]:
    if base and uri.startswith(base):
        return {"uri": uri[len(base):], "uriBaseId": INPUTROOT}
    if uri.startswith("file:"):
        return {"uri": uri}
    return {"uri": uri, "uriBaseId": SRCROOT}


def _rule_id(flag: Mapping[str, Any]) -> str:
    return f"{flag['check']}/{flag['code']}" if flag.get("code") else str(flag["check"])


def _descriptions() -> Dict[str, str]:
    try:
        from tqcheck.checks import registered

        out = {name: cls.description for name, cls in registered().items() if cls.description}
    except Exception:  # pragma: no cover - the rules then get a generic description
        out = {}
    out.setdefault("score", "segment score outside a --min-*/--max-* gate condition")
    return out


def _location(path: Optional[str], lines: List[int], snippet: Optional[str], artifacts: Dict[str, int],
              base: Optional[str] = None, columns: Optional[Tuple[int, int]] = None) -> Optional[Dict[str, Any]]:
    if not path:
        return None
    uri = _uri(path)
    index = artifacts.setdefault(uri, len(artifacts))
    physical: Dict[str, Any] = {"artifactLocation": {**_artifact(uri, base), "index": index}}
    if lines:
        region: Dict[str, Any] = {"startLine": min(lines) + 1}
        if max(lines) > min(lines):
            region["endLine"] = max(lines) + 1
        elif columns is not None:  # 1-based, endColumn just past the flagged text (columnKind: code points)
            region["startColumn"], region["endColumn"] = columns[0] + 1, columns[1] + 1
        if snippet:
            region["snippet"] = {"text": display(snippet)}
        physical["region"] = region
    return {"physicalLocation": physical}


def _columns(seg: Mapping[str, Any], flag: Mapping[str, Any], side: str) -> Optional[Tuple[int, int]]:
    """0-based [start, end) columns of a flag's span in its input line, where the report knows where the
    segment's text starts in the line (``columns``, --aligned plain text); else None (lines only)."""
    base = (seg.get("columns") or {}).get(side)
    span = flag.get("target_span" if side == "translation" else "source_span")
    if not isinstance(base, int) or not span or len(span) != 2:
        return None
    return base + int(span[0]), base + int(span[1])


Side = Tuple[Optional[str], List[int], Optional[str], Optional[Tuple[int, int]]]


def _sides(seg: Mapping[str, Any], flag: Mapping[str, Any], inputs: Mapping[str, Any]) -> Tuple[Side, Side]:
    """(primary, other) side of a flag: (file, lines, snippet, columns)."""
    target = (inputs.get("translation"), list(seg.get("target_lines") or []), flag.get("target_text"),
              _columns(seg, flag, "translation"))
    source = (inputs.get("source"), list(seg.get("source_lines") or []), flag.get("source_text"),
              _columns(seg, flag, "source"))
    if flag.get("target_span") is not None and target[1]:
        return target, source
    if not source[1] and target[1]:  # nothing on the source side to point at (an added sentence)
        return target, source
    return source, target


def render_sarif(doc: Mapping[str, Any]) -> str:
    inputs = doc.get("inputs", {})
    descriptions = _descriptions()
    rules: Dict[str, Dict[str, Any]] = {}
    artifacts: Dict[str, int] = {}
    for key in ("source", "translation", "reference"):
        if inputs.get(key):
            artifacts.setdefault(_uri(str(inputs[key])), len(artifacts))
    base = _bases(list(artifacts))
    results: List[Dict[str, Any]] = []
    for seg in doc.get("segments", []):
        for flag in seg.get("flags", []):
            rule_id = _rule_id(flag)
            if rule_id not in rules:
                check_text = descriptions.get(flag["check"], f"tqcheck {flag['check']} check")
                code_text = str(flag.get("code") or "").replace("-", " ")
                rules[rule_id] = {
                    "id": rule_id,
                    "name": rule_id.replace("/", "-"),
                    # one description a rule (check and code), not one a check
                    "shortDescription": {"text": f"{check_text}: {code_text}" if code_text else check_text},
                    "fullDescription": {"text": check_text},
                    "help": {"text": f"{check_text}. What the {flag['check']} check looks for, its codes and "
                                     f"options: docs/checks.md ({HELP_URI}).",
                             "markdown": f"{check_text}. See [docs/checks.md]({HELP_URI}) for the "
                                         f"`{flag['check']}` check, its codes and options."},
                    "helpUri": HELP_URI,
                    "defaultConfiguration": {"level": LEVELS.get(flag["severity"], "warning")},
                    "properties": {"check": flag["check"], "code": flag.get("code")},
                }
            (path, lines, snippet, cols), (opath, olines, osnippet, ocols) = _sides(seg, flag, inputs)
            result: Dict[str, Any] = {
                "ruleId": rule_id,
                "ruleIndex": list(rules).index(rule_id),
                "level": LEVELS.get(flag["severity"], "warning"),
                "message": {"text": display(flag["message"])},
                "locations": [loc] if (loc := _location(path, lines, snippet, artifacts, base, cols)) else [],
                "properties": {"segment": seg["index"], "unitId": seg.get("id"), "original": seg.get("original"),
                               "source": display(seg.get("source")), "translation": display(seg.get("translation")),
                               "suggestion": flag.get("suggestion")},
            }
            related = _location(opath, olines, osnippet, artifacts, base, ocols) if opath and olines else None
            if related is not None and related not in result["locations"]:
                related["id"] = 0
                related["message"] = {"text": "the other side of the segment"}
                result["relatedLocations"] = [related]
            if flag.get("fingerprint"):
                result["partialFingerprints"] = {"tqcheckFingerprint/v1": flag["fingerprint"]}
            if flag.get("waived"):
                w = flag.get("waiver") or {}
                result["suppressions"] = [{"kind": "external", "status": "accepted",
                                           "justification": f"{w.get('reason', '')} ({w.get('author', '')}, "
                                                            f"{w.get('date') or 'undated'})"}]
            if "new" in flag:
                result["baselineState"] = "new" if flag["new"] else "unchanged"
            results.append(result)
    gate = doc.get("gate") or {}
    run: Dict[str, Any] = {
        "tool": {"driver": {"name": "tqcheck", "version": str(doc.get("tool", {}).get("version", "")),
                            "informationUri": INFORMATION_URI, "rules": list(rules.values())}},
        "artifacts": [{"location": _artifact(uri, base)} for uri in artifacts],
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [{"executionSuccessful": True,
                         "properties": {"gateFailed": bool(gate.get("failed", False)),
                                        "failOn": gate.get("fail_on"), "reasons": gate.get("reasons", [])}}],
        "properties": {"summary": doc.get("summary", {})},
    }
    if base:
        run["originalUriBaseIds"] = {INPUTROOT: {"uri": base}}
    sarif = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, ensure_ascii=False, indent=1) + "\n"
