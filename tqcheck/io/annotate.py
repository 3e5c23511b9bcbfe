"""``tqcheck check FILE.xlf --annotate OUT.xlf``: the findings written back into a copy of the XLIFF file.

Each unit with findings gets, for the CAT tool (Okapi, OmegaT, Trados and memoQ plug-ins read ITS; every
tool shows notes):

- a W3C ITS 2.0 Localization Quality Issue list (``<its:locQualityIssues>`` with one
  ``<its:locQualityIssue locQualityIssueType=... locQualityIssueComment=... locQualityIssueSeverity=...>``
  a finding), referred to from the unit by ``its:locQualityIssuesRef``;
- a ``<note>`` (XLIFF 1.2: ``from="tqcheck"``, before the unit's extension elements such as ``sdl:seg-defs``;
  2.x: ``category="tqcheck"`` in the unit's ``<notes>``).

Nothing else changes: the copy is the input's bytes with these insertions at the byte offsets the parser
recorded (no re-serialisation, so namespace prefixes, comments, whitespace, the encoding and CAT-specific
markup stay as they were). XLIFF 2 notes go where the schema wants them (``<notes>`` before
``<originalData>`` and the segments). The input is never written to.

``ITS_TYPES`` maps tqcheck's checks to ITS issue types; ``SEVERITY`` its severities to ITS's 0-100 scale.
"""

from __future__ import annotations

import os
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple
from xml.sax.saxutils import escape, quoteattr

from tqcheck.errors import InputError, OutputError, UsageError

ITS_NS = "http://www.w3.org/2005/11/its"

# tqcheck check -> ITS 2.0 locQualityIssueType (https://www.w3.org/TR/its20/#lqissue-typevalues).
ITS_TYPES: Dict[str, str] = {
    "omission": "omission",
    "addition": "addition",
    "misalignment": "mistranslation",
    "untranslated": "untranslated",
    "number": "numbers",
    "name": "inconsistent-entities",
    "tags": "markup",
    "score": "other",
}
SEVERITY = {"error": 100, "warning": 50, "info": 10}
ID_PREFIX = "tqcheck-lqi-"
_UNIT_NAMES = ("trans-unit", "unit")


def check_annotate_target(source: str, target: str, input_format: str, report: Optional[str]) -> None:
    """Refuse an ``--annotate`` path that would overwrite the input (or the report), or a non-XLIFF input.

    Raises:
        UsageError: the input is not XLIFF.
        OutputError: the path is the input, the report or a folder.
    """
    if input_format != "xliff":
        raise UsageError(f"--annotate writes findings back into XLIFF files (.xlf, .xliff, .sdlxliff, .mqxliff, "
                         f".mxliff); {source} is {input_format}")
    from tqcheck.io.output import check_output_path

    # Not the input, not the report of -o, not a folder or a device: the rules of every output.
    check_output_path(target, [source, report], option="--annotate")


def _codec(data: bytes) -> str:
    """The file's encoding, from its byte-order mark or its XML declaration (UTF-8 by default)."""
    if data.startswith(b"\xff\xfe"):
        return "utf-16-le"
    if data.startswith(b"\xfe\xff"):
        return "utf-16-be"
    m = re.match(rb"(?:\xef\xbb\xbf)?<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)[\"']", data)
    return m.group(1).decode("ascii").lower() if m else "utf-8"


def _tag_end(data: bytes, start: int) -> int:
    """Offset of the ``>`` that ends the start tag beginning at ``start`` (quotes skipped)."""
    quote = None
    for k in range(start, len(data)):
        c = data[k:k + 1]
        if quote:
            if c == quote:
                quote = None
        elif c in (b'"', b"'"):
            quote = c
        elif c == b">":
            return k - 1 if data[k - 1:k] == b"/" else k
    raise InputError("unterminated start tag")


def _prefix(data: bytes, start: int) -> str:
    """The namespace prefix of the element at ``start`` (``xliff:`` in ``<xliff:trans-unit``), or ""."""
    m = re.match(rb"<([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*", data[start:start + 200])
    return m.group(1).decode("ascii") if m and m.group(1) else ""


def _comment(flag: Mapping[str, Any]) -> str:
    from tqcheck.text.placeholders import display

    text = f"{flag.get('check')}: {display(str(flag.get('message', '')))}"
    if flag.get("suggestion"):
        text += f" (suggestion: {display(str(flag['suggestion']))})"
    return text


def _issues(flags: Sequence[Tuple[Optional[str], Mapping[str, Any]]], xml_id: str) -> str:
    rows = "".join(
        "<its:locQualityIssue"
        f" locQualityIssueType={quoteattr(ITS_TYPES.get(str(f.get('check')), 'other'))}"
        f" locQualityIssueComment={quoteattr((f'segment {seg}: ' if seg else '') + _comment(f))}"
        f" locQualityIssueSeverity=\"{SEVERITY.get(str(f.get('severity')), 50)}\"/>"
        for seg, f in flags)
    return f'<its:locQualityIssues xmlns:its="{ITS_NS}" xml:id="{xml_id}">{rows}</its:locQualityIssues>'


def _note_text(flags: Sequence[Tuple[Optional[str], Mapping[str, Any]]]) -> str:
    return escape(" | ".join(f"tqcheck [{f.get('severity')}] " + (f"segment {seg}: " if seg else "") + _comment(f)
                             for seg, f in flags))


def _namespace(elem: ET.Element) -> str:
    return elem.tag[1:].split("}", 1)[0] if isinstance(elem.tag, str) and elem.tag.startswith("{") else ""


def _units_by_offset(path: Path) -> Dict[int, ET.Element]:
    from tqcheck.io.xmlsafe import local, parse_xml

    root = parse_xml(path)
    return {e.sourcepos: e for e in root.iter()  # type: ignore[attr-defined]
            if local(e.tag) in _UNIT_NAMES and isinstance(getattr(e, "sourcepos", None), int)}


def _segment_label(seg: Mapping[str, Any], unit: ET.Element) -> Optional[str]:
    """The segment part of a report id ``UNIT/SEGMENT`` (None for a unit of one segment)."""
    sid, uid = str(seg.get("id") or ""), unit.get("id") or ""
    return sid[len(uid) + 1:] if uid and sid.startswith(uid + "/") else None


def insertions(data: bytes, units: Mapping[int, ET.Element], segments: Sequence[Mapping[str, Any]],
               anchors: Sequence[Optional[int]], codec: str) -> Tuple[List[Tuple[int, str]], int]:
    """``(byte offset, text)`` to insert, and the number of findings they carry."""
    from tqcheck.io.xmlsafe import local

    by_unit: Dict[int, List[Tuple[Optional[str], Mapping[str, Any]]]] = {}
    for seg, anchor in zip(segments, anchors):
        flags = [f for f in seg.get("flags", ()) if not f.get("waived")]
        if not flags or anchor is None:
            continue
        if anchor not in units:
            raise InputError(f"the file changed while it was checked: no unit at byte {anchor}")
        label = _segment_label(seg, units[anchor])
        by_unit.setdefault(anchor, []).extend((label, f) for f in flags)
    taken = [int(n) for n in re.findall(rf"{ID_PREFIX}(\d+)".encode(), data)]
    next_id = max(taken, default=0) + 1
    out: List[Tuple[int, str]] = []
    count = 0
    for anchor in sorted(by_unit):
        unit, flags = units[anchor], by_unit[anchor]
        if data[anchor:anchor + len("<".encode(codec))] != "<".encode(codec):
            raise InputError(f"cannot locate the unit at byte {anchor} (encoding {codec})")
        xml_id = f"{ID_PREFIX}{next_id}"
        next_id += 1
        count += len(flags)
        prefix = _prefix(data, anchor) if codec in ("utf-8", "us-ascii", "ascii") else ""
        out.append((_tag_end(data, anchor) if codec in ("utf-8", "us-ascii", "ascii") else -1,
                    f' xmlns:its="{ITS_NS}" its:version="2.0" its:locQualityIssuesRef="#{xml_id}"'))
        issues = _issues(flags, xml_id)
        if local(unit.tag) == "trans-unit":
            # 1.2: a <note> goes among the XLIFF children, before the extension elements that end a unit
            # (sdl:seg-defs, mq:*), which the schema puts last; the ITS list is one of those, at the very end.
            kids, ns = list(unit), _namespace(unit)
            k = len(kids)
            while k and _namespace(kids[k - 1]) != ns:
                k -= 1
            note_at = kids[k].sourcepos if k < len(kids) else unit.sourceend  # type: ignore[attr-defined]
            out.append((note_at, f'<{prefix}note from="tqcheck" priority="1">{_note_text(flags)}</{prefix}note>'))
            out.append((unit.sourceend, issues))  # type: ignore[attr-defined]
            continue
        note = f'<{prefix}note category="tqcheck" priority="1">{_note_text(flags)}</{prefix}note>'
        notes = next((c for c in unit if local(c.tag) == "notes"), None)
        if notes is not None:
            out.append((notes.sourcepos, issues))  # type: ignore[attr-defined]
            out.append((notes.sourceend, note))  # type: ignore[attr-defined]
            continue
        after = next((c for c in unit if local(c.tag) in ("originalData", "segment", "ignorable")), None)
        where = after.sourcepos if after is not None else unit.sourceend  # type: ignore[attr-defined]
        out.append((where, f"{issues}<{prefix}notes>{note}</{prefix}notes>"))
    if any(pos < 0 for pos, _ in out):
        raise UsageError(f"--annotate writes UTF-8 XLIFF files; this one is {codec}")
    return out, count


def annotate_file(source: str, target: str, segments: Sequence[Mapping[str, Any]],
                  anchors: Sequence[Optional[int]]) -> int:
    """Write ``target``: ``source`` with the findings of ``segments`` attached to their units.

    Args:
        source: the XLIFF file that was checked (read, never written).
        target: where the annotated copy goes (atomically).
        segments: the report's segments (dicts, as gated: waived findings are left out).
        anchors: each segment's unit offset (``Segment.anchor``), in the same order.

    Returns:
        The number of findings written.
    """
    path = Path(source)
    data = path.read_bytes()
    codec = _codec(data)
    edits, count = insertions(data, _units_by_offset(path), segments, anchors, codec)
    out = bytearray()
    last = 0
    for pos, text in sorted(edits, key=lambda e: e[0]):
        out += data[last:pos] + text.encode(codec)
        last = pos
    out += data[last:]
    _write_bytes(Path(target), bytes(out))
    return count


def _write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (never a partial file)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here ({exc.strerror or exc})") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
