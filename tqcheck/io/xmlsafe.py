"""Safe XML parsing for the XLIFF and TMX readers.

defusedxml refuses entity declarations (billion laughs, quadratic blow-up) and external entities (XXE), and
expat never fetches an external DTD. Every element gets ``sourceline`` (1-based), so the report can point at
the line of a unit, and ``sourcepos`` and ``sourceend`` (the byte offsets of its start and its end tag), so
that ``--annotate`` can write findings back next to it. Any problem becomes a one-line ``InputError`` naming the file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, List, Optional, Tuple

from tqcheck.errors import InputError
from tqcheck.text.placeholders import CodeTable

XML_NS = "http://www.w3.org/XML/1998/namespace"


def _parser_class() -> Any:
    from defusedxml.ElementTree import DefusedXMLParser

    class LineParser(DefusedXMLParser):  # type: ignore[misc, valid-type]
        """defusedxml's (pure Python) parser, recording each element's line."""

        def _start(self, tag: str, attr_list: Any) -> ET.Element:
            elem = super()._start(tag, attr_list)
            elem.sourceline = self.parser.CurrentLineNumber  # type: ignore[attr-defined]
            elem.sourcepos = self.parser.CurrentByteIndex  # type: ignore[attr-defined]
            return elem

        def _end(self, tag: str) -> ET.Element:
            elem = super()._end(tag)
            elem.sourceend = self.parser.CurrentByteIndex  # type: ignore[attr-defined]
            return elem

    return LineParser


def parse_xml(path: Path) -> ET.Element:
    """Parse an XML file safely; returns the root element (each element has ``sourceline``).

    Raises:
        InputError: unreadable file, malformed XML, or a DTD entity declaration / external reference.
    """
    from tqcheck.io.text import read_bytes

    return _parse(path, read_bytes(path))


def parse_xml_lines(path: Path) -> Tuple[ET.Element, Optional[List[str]]]:
    """``parse_xml`` and the file's lines as written (None when it is not UTF-8), for SARIF columns."""
    from tqcheck.io.text import read_bytes

    data = read_bytes(path)
    root = _parse(path, data)
    try:
        return root, data.decode("utf-8-sig").split("\n")
    except UnicodeDecodeError:
        return root, None


def _parse(path: Path, data: bytes) -> ET.Element:
    from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

    if not data.strip():
        raise InputError(f"{path}: file is empty")
    parser = _parser_class()(forbid_dtd=False, forbid_entities=True, forbid_external=True)
    try:
        parser.feed(data)
        return parser.close()
    except EntitiesForbidden as exc:
        raise InputError(f"{path}: refused: the XML declares entities (<!ENTITY {exc.name}>); entity "
                         "expansion is a known attack (billion laughs, external entities) and is not allowed"
                         ) from None
    except (ExternalReferenceForbidden, DTDForbidden) as exc:
        raise InputError(f"{path}: refused: the XML refers to an external resource ({exc}); "
                         "external references are not allowed") from None
    except DefusedXmlException as exc:  # pragma: no cover - other defusedxml refusals
        raise InputError(f"{path}: refused unsafe XML ({exc})") from None
    except ET.ParseError as exc:
        line, col = exc.position
        raise InputError(f"{path}: malformed XML on line {line}, column {col + 1} "
                         f"({str(exc).split(':')[0]})") from None


def local(tag: Any) -> str:
    """The local name of a tag (``{ns}unit`` -> ``unit``); comments and PIs give ""."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def children(elem: ET.Element, name: str) -> Iterator[ET.Element]:
    """Direct children with local name ``name``, whatever their namespace."""
    return (c for c in elem if local(c.tag) == name)


def first(elem: ET.Element, name: str) -> Optional[ET.Element]:
    return next(children(elem, name), None)


def descendants(elem: ET.Element, name: str) -> Iterator[ET.Element]:
    return (e for e in elem.iter() if local(e.tag) == name)


def line_of(elem: Optional[ET.Element]) -> Optional[int]:
    """0-based line of an element (the report's lines are 0-based)."""
    if elem is None:
        return None
    line = getattr(elem, "sourceline", None)
    return line - 1 if isinstance(line, int) else None


def xml_lang(elem: ET.Element) -> Optional[str]:
    """``xml:lang`` (or a plain ``lang``, as TMX 1.1 writes it)."""
    return elem.get(f"{{{XML_NS}}}lang") or elem.get("lang")


def byte_pos(elem: Optional[ET.Element]) -> Optional[int]:
    """Byte offset of an element's start tag in the file (None when unknown)."""
    pos = getattr(elem, "sourcepos", None) if elem is not None else None
    return pos if isinstance(pos, int) and pos >= 0 else None


@dataclass(frozen=True)
class InlineCodes:
    """How a format writes inline codes (see ``tqcheck.text.placeholders``).

    Attributes:
        standalone: elements that stand for one code (``x``, ``ph``); their content is native code.
        opening / closing: the two ends of a paired code written as two elements (``bpt``/``ept``).
        container: a paired code that wraps its text (``g``, ``pc``): an opening and a closing placeholder
            around the text inside.
        skip: other elements whose content is not text to translate (``sub``).
        pair_attrs: attributes whose value names the pair, first found wins (``rid``, ``id``, ``i``).
        close_attrs: same for a closing element (XLIFF 2 ``ec`` refers to its ``sc`` by ``startRef``).
        standalone_attrs: same for a standalone code (TMX ``ph x="1"``).
    """

    standalone: frozenset[str] = frozenset()
    opening: frozenset[str] = frozenset()
    closing: frozenset[str] = frozenset()
    container: frozenset[str] = frozenset()
    skip: frozenset[str] = frozenset()
    pair_attrs: Tuple[str, ...] = ("id",)
    close_attrs: Tuple[str, ...] = ("id",)
    standalone_attrs: Tuple[str, ...] = ("id",)

    def key(self, elem: ET.Element, attrs: Tuple[str, ...], position: int) -> Any:
        for a in attrs:
            if elem.get(a):
                return (a if a != "startRef" else "id", elem.get(a))
        return ("#", position)


def inline_text(elem: Optional[ET.Element], codes: InlineCodes, table: Optional[CodeTable] = None) -> str:
    """The translatable text of an element with inline markup, inline codes as placeholders.

    Args:
        elem: a ``source``, ``target`` or ``seg`` element.
        codes: the format's inline codes; other inline elements (``mrk``, ``hi``) are walked into.
        table: the unit's code table, shared by its source and its target so that a code gets the same
            placeholder on both sides; a new one when None.

    Returns:
        The text with whitespace runs collapsed to one space (a segment is one line in the report).
    """
    if elem is None:
        return ""
    table = table if table is not None else CodeTable()
    parts: list[str] = []
    seen = [0]

    def walk(e: ET.Element) -> None:
        if e.text:
            parts.append(e.text)
        for child in e:
            name = local(child.tag)
            seen[0] += 1
            if name == "cp" and child.get("hex"):  # XLIFF 2.0 code point for a character XML cannot hold
                try:
                    parts.append(chr(int(child.get("hex", ""), 16)))
                except ValueError:
                    pass
            elif name in codes.standalone:
                parts.append(table.standalone(codes.key(child, codes.standalone_attrs, seen[0])))
            elif name in codes.opening:
                parts.append(table.open(codes.key(child, codes.pair_attrs, seen[0])))
            elif name in codes.closing:
                parts.append(table.close(codes.key(child, codes.close_attrs, seen[0])))
            elif name in codes.container:
                key = ("container", codes.key(child, ("id",), seen[0]))
                parts.append(table.open(key))
                walk(child)
                parts.append(table.close(key))
            elif name and name not in codes.skip:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(elem)
    from tqcheck.text.normalize import clean_text

    return " ".join(clean_text("".join(parts)).split())
