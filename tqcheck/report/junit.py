"""JUnit XML for CI test reports (Jenkins, GitLab, Azure DevOps): one test case a segment.

A segment fails when it has a counting flag at or above the gate's ``--fail-on`` (error without a gate):
one ``<failure>`` whose message names the checks and whose text lists every such flag. Waived flags, flags
already in the baseline and lower severities are listed in ``<system-out>``. Corpus score conditions are test
cases of their own. The output follows the JUnit schema that Jenkins' xUnit plugin and GitLab read
(``testsuites > testsuite > testcase > failure | system-out``, counts on the suite) and is deterministic: no
``time`` attribute (tqcheck does not time segments, and a made-up 0 would read as a measurement). Segment
numbers are zero-padded to the same width ("segment 02" ... "segment 10"), so that viewers that sort test
cases by name keep the report's order.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any, Dict, List, Mapping

from tqcheck.text.placeholders import display
from tqcheck.types import SEVERITY_RANK

# Characters XML 1.0 cannot carry, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: Any) -> str:
    return _INVALID_XML.sub("\ufffd", "" if text is None else str(text))


def _excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _failing_rank(doc: Mapping[str, Any]) -> int:
    fail_on = doc.get("gate", {}).get("fail_on", "error")
    return SEVERITY_RANK.get(fail_on, SEVERITY_RANK["error"])  # "never": still show errors as failures


def _counts(flag: Mapping[str, Any]) -> bool:
    return not flag.get("waived") and flag.get("new") is not False


def _flag_line(f: Mapping[str, Any]) -> str:
    note = ""
    if f.get("waived"):
        w = f.get("waiver") or {}
        note = f" [waived by {w.get('author')}: {w.get('reason')}]"
    elif f.get("new") is False:
        note = " [in baseline]"
    code = f"/{f['code']}" if f.get("code") else ""
    return f"[{f['severity']}] {f['check']}{code}: {display(f['message'])}{note}"


def render_junit(doc: Mapping[str, Any]) -> str:
    inputs = doc.get("inputs", {})
    target = str(inputs.get("translation") or inputs.get("source") or "tqcheck")
    rank = _failing_rank(doc)
    suite_name = f"tqcheck: {target}"
    classname = "tqcheck." + re.sub(r"[^0-9A-Za-z_]+", "_", target).strip("_")
    cases: List[ET.Element] = []
    failures = 0
    width = len(str(len(doc.get("segments", []))))
    for seg in doc.get("segments", []):
        uid = f" [{seg['id']}]" if seg.get("id") is not None else ""
        shown = _excerpt(display(seg["source"] or seg["translation"]))
        number = f"{seg['index'] + 1:0{width}d}"
        case = ET.Element("testcase", {"name": _x(f"segment {number}{uid}: {shown}"),
                                       "classname": _x(classname)})
        failing = [f for f in seg.get("flags", []) if _counts(f) and SEVERITY_RANK.get(f["severity"], 0) >= rank]
        if failing:
            failures += 1
            checks = sorted({f["check"] for f in failing})
            failure = ET.SubElement(case, "failure", {
                "message": _x("; ".join(f"{f['check']}: {display(f['message'])}" for f in failing)),
                "type": _x(",".join(checks))})
            failure.text = _x("\n".join(_flag_line(f) for f in failing) + "\n")
        lines = [f"source: {display(seg['source'])}", f"translation: {display(seg['translation'])}"]
        if seg.get("id") is not None or seg.get("original"):
            lines.append(f"unit: {seg.get('id')}" + (f" in {seg['original']}" if seg.get("original") else ""))
        if seg.get("reference"):
            lines.append(f"reference: {seg['reference']}")
        lines.append(f"lines: source {_lines(seg['source_lines'])}, translation {_lines(seg['target_lines'])}")
        scores = {k: v for k, v in seg.get("scores", {}).items() if v is not None}
        if scores:
            lines.append("scores: " + ", ".join(f"{k} {v:.4g}" for k, v in scores.items()))
        others = [f for f in seg.get("flags", []) if f not in failing]
        lines += [_flag_line(f) for f in others]
        ET.SubElement(case, "system-out").text = _x("\n".join(lines) + "\n")
        cases.append(case)
    for cond in doc.get("gate", {}).get("conditions", []):
        op = ">=" if cond["bound"] == "min" else "<="
        case = ET.Element("testcase", {"name": _x(f"corpus {cond['metric']} {op} {cond['threshold']:g}"),
                                       "classname": _x(classname + ".corpus")})
        if not cond["passed"]:
            failures += 1
            value = "none" if cond["value"] is None else f"{cond['value']:.4g}"
            ET.SubElement(case, "failure", {"message": _x(f"corpus {cond['metric']} is {value}"),
                                            "type": _x(cond["condition"])}).text = _x(value)
        cases.append(case)

    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": "0"}
    root = ET.Element("testsuites", {"name": "tqcheck", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": _x(suite_name), **counts, "skipped": "0"})
    props = ET.SubElement(suite, "properties")
    for key, value in _properties(doc).items():
        ET.SubElement(props, "property", {"name": _x(key), "value": _x(value)})
    suite.extend(cases)
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _lines(lines: List[int]) -> str:
    return ",".join(str(i + 1) for i in lines) or "-"


def _properties(doc: Mapping[str, Any]) -> Dict[str, str]:
    props = {"tqcheck.version": str(doc.get("tool", {}).get("version", ""))}
    for key, value in doc.get("inputs", {}).items():
        if value is not None:
            props[f"input.{key}"] = str(value)
    for key, value in doc.get("summary", {}).get("scores", {}).items():
        if value is not None:
            props[f"score.{key}"] = f"{value:.4g}" if isinstance(value, float) else str(value)
    gate = doc.get("gate")
    if gate:
        props["gate.fail_on"] = gate["fail_on"]
        props["gate.failed"] = str(gate["failed"]).lower()
    return props
