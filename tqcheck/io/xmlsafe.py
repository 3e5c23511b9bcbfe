"""Safe XML parsing for the XLIFF and TMX readers.

defusedxml refuses entity declarations (billion laughs, quadratic blow-up) and external entities (XXE), and
expat never fetches an external DTD. Every element gets ``sourceline`` (1-based), so the report can point at
the line of a unit. Any problem becomes a one-line ``InputError`` naming the file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Iterator, Optional

from tqcheck.errors import InputError

XML_NS = "http://www.w3.org/XML/1998/namespace"


def _parser_class() -> Any:
    from defusedxml.ElementTree import DefusedXMLParser

    class LineParser(DefusedXMLParser):  # type: ignore[misc, valid-type]
        """defusedxml's (pure Python) parser, recording each element's line."""

        def _start(self, tag: str, attr_list: Any) -> ET.Element:
            elem = super()._start(tag, attr_list)
            elem.sourceline = self.parser.CurrentLineNumber  # type: ignore[attr-defined]
            return elem

    return LineParser


def parse_xml(path: Path) -> ET.Element:
    """Parse an XML file safely; returns the root element (each element has ``sourceline``).

    Raises:
        InputError: unreadable file, malformed XML, or a DTD entity declaration / external reference.
    """
    from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

    from tqcheck.io.text import read_bytes

    data = read_bytes(path)
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


def inline_text(elem: Optional[ET.Element], skip: frozenset[str]) -> str:
    """The translatable text of an element with inline markup.

    Args:
        elem: a ``source``, ``target`` or ``seg`` element.
        skip: inline elements whose content is native code (XLIFF 1.2 ``ph``, TMX ``bpt``...): left out,
            but the text after them is kept. Other inline elements (``g``, ``mrk``, ``pc``, ``hi``) are
            walked into.

    Returns:
        The text with whitespace runs collapsed to one space (a segment is one line in the report).
    """
    if elem is None:
        return ""
    parts: list[str] = []

    def walk(e: ET.Element) -> None:
        if e.text:
            parts.append(e.text)
        for child in e:
            name = local(child.tag)
            if name == "cp" and child.get("hex"):  # XLIFF 2.0 code point for a character XML cannot hold
                try:
                    parts.append(chr(int(child.get("hex", ""), 16)))
                except ValueError:
                    pass
            elif name and name not in skip:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(elem)
    from tqcheck.text.normalize import clean_text

    return " ".join(clean_text("".join(parts)).split())
