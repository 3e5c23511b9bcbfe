"""XLIFF 1.2 and 2.0 (OASIS): one unit a ``trans-unit`` (1.2) or a ``segment`` of a ``unit`` (2.0).

A 1.2 ``trans-unit`` segmented by a CAT tool (SDL Trados, Okapi) has a ``<seg-source>`` whose
``<mrk mtype="seg" mid="...">`` elements are its sentences, and the target's ``mrk`` of the same ``mid`` is
each one's translation: each pair is a unit of its own (a missing target ``mrk`` is an omission; a target
``mrk`` whose ``mid`` the source lacks is an addition). A target without any ``mrk`` segmentation is read
with the whole ``<source>`` as one unit, as an unsegmented ``trans-unit`` is.

Unit ids are kept; a 2.0 unit with several segments gives ids ``UNIT/SEGMENT``, a segmented 1.2
``trans-unit`` with several ``mrk`` segments ``UNIT/MID``; each unit also carries its ``<file original>``.

What the file says about each unit is respected (``tqcheck.io.unitstate``): ``translate="no"`` (inherited
from ``<file>`` and ``<group>`` as the specifications say, a unit may set it back to ``yes``) excludes a unit;
a unit not yet translated (no target text, XLIFF 1.2 ``state="new"``/``needs-translation``, XLIFF 2
``state="initial"``, Trados ``sdl:conf`` Draft or rejected, memoQ ``mq:status`` NotStarted or Rejected) is
marked so and not checked by default. Inline codes become placeholders (``tqcheck.text.placeholders``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

from tqcheck.errors import InputError
from tqcheck.io.bilingual import BilingualFile, ReaderOptions, Unit, language_matches
from tqcheck.io.cellcolumn import with_columns
from tqcheck.io.unitstate import state_12, state_20
from tqcheck.io.xmlsafe import (
    InlineCodes,
    byte_pos,
    children,
    descendants,
    first,
    inline_text,
    line_of,
    local,
    parse_xml_lines,
)
from tqcheck.text.placeholders import CodeTable

NS_12 = "urn:oasis:names:tc:xliff:document:1.2"
NS_20 = "urn:oasis:names:tc:xliff:document:2.0"

# Inline codes: 1.2 ``x``/``ph``/``it`` stand alone, ``bx``/``bpt`` open and ``ex``/``ept`` close a pair
# (named by ``rid``, else ``id``), ``g`` wraps text; ``sub`` holds text of the native code, left out.
CODE_12 = InlineCodes(standalone=frozenset({"x", "ph", "it"}), opening=frozenset({"bx", "bpt"}),
                      closing=frozenset({"ex", "ept"}), container=frozenset({"g"}), skip=frozenset({"sub"}),
                      pair_attrs=("rid", "id"), close_attrs=("rid", "id"))
# 2.0: ``ph`` stands alone, ``sc``/``ec`` open and close (``ec startRef`` names its ``sc``), ``pc`` wraps.
CODE_20 = InlineCodes(standalone=frozenset({"ph"}), opening=frozenset({"sc"}), closing=frozenset({"ec"}),
                      container=frozenset({"pc"}), pair_attrs=("id",), close_attrs=("startRef", "id"))


def read_xliff(path: Path, options: ReaderOptions = ReaderOptions()) -> BilingualFile:
    """Read an XLIFF 1.x or 2.x file (the version is taken from the root element)."""
    root, lines = parse_xml_lines(path)
    if local(root.tag) != "xliff":
        raise InputError(f"{path}: not an XLIFF file (the root element is <{local(root.tag)}>, expected <xliff>)")
    version = root.get("version") or ("2.0" if root.tag.startswith(f"{{{NS_20}}}") else "1.2")
    if version.startswith("2"):
        units, excluded, src, tgt = _read_20(root)
    elif version.startswith("1"):
        units, excluded, src, tgt = _read_12(root)
    else:
        raise InputError(f"{path}: XLIFF version {version!r} is not supported (1.2 and 2.x are)")
    _check_languages(path, src, tgt)
    return BilingualFile(str(path), f"xliff-{version}", tuple(with_columns(units, lines, "xml")), src, tgt,
                         excluded=excluded)


def _check_languages(path: Path, src: Optional[str], tgt: Optional[str]) -> None:
    """tqcheck checks Arabic into English: a file declared otherwise is refused rather than misread."""
    if src and not language_matches(src, "ar"):
        raise InputError(f"{path}: the source language is {src!r}; tqcheck checks Arabic sources (ar, ar-*) "
                         "translated into English")
    if tgt and not language_matches(tgt, "en"):
        raise InputError(f"{path}: the target language is {tgt!r}; tqcheck checks English translations "
                         "(en, en-*) of Arabic sources")


def _translatable(elem: ET.Element, inherited: bool) -> bool:
    """``translate`` of an element, inherited from its parent when it does not say."""
    value = elem.get("translate")
    return inherited if value is None else value != "no"


def _walk(elem: ET.Element, unit_name: str, inherited: bool) -> Iterator[Tuple[ET.Element, bool]]:
    """The units under ``elem`` (any depth of ``group``) with whether each is to be translated."""
    for child in elem:
        name = local(child.tag)
        if name == unit_name:
            yield child, _translatable(child, inherited)
        elif name in ("group", "body"):
            yield from _walk(child, unit_name, _translatable(child, inherited))


def _read_12(root: ET.Element) -> Tuple[List[Unit], int, Optional[str], Optional[str]]:
    units: List[Unit] = []
    excluded = 0
    src_lang = tgt_lang = None
    for file_elem in descendants(root, "file"):
        src_lang = src_lang or file_elem.get("source-language")
        tgt_lang = tgt_lang or file_elem.get("target-language")
        original = file_elem.get("original")
        for tu, translate in _walk(file_elem, "trans-unit", _translatable(file_elem, True)):
            uid = tu.get("id") or tu.get("resname")
            source, target = first(tu, "source"), first(tu, "target")
            segmented = _mrk_segments(tu, source, target)
            pairs = segmented if segmented is not None else [(None, source, target)]
            if not translate:
                excluded += len(pairs)
                continue
            many = len(pairs) > 1
            target_done = segmented is not None and bool(inline_text(target, CODE_12))
            for mid, src, tgt in pairs:
                table = CodeTable()
                unit = _unit(f"{uid}/{mid}" if many else uid, src, tgt, CODE_12, table, original, tu)
                state, done = state_12(tu, target, mid, unit.translation, target_done)
                units.append(replace(unit, state=state, translated=done))
    return units, excluded, src_lang, tgt_lang


Segments = List[Tuple[Optional[str], Optional[ET.Element], Optional[ET.Element]]]


def _unit(uid: Optional[str], source: Optional[ET.Element], target: Optional[ET.Element], codes: InlineCodes,
          table: CodeTable, original: Optional[str], unit_elem: ET.Element) -> Unit:
    """One segment pair: the text of each side (inline codes as placeholders) and where it is."""
    return Unit(id=uid, source=inline_text(source, codes, table), translation=inline_text(target, codes, table),
                source_line=line_of(source), target_line=line_of(target), original=original,
                anchor=byte_pos(unit_elem))


def _seg_marks(elem: Optional[ET.Element]) -> List[ET.Element]:
    """The ``<mrk mtype="seg">`` of an element, at any depth (a CAT tool may wrap them in ``<g>``)."""
    if elem is None:
        return []
    return [m for m in descendants(elem, "mrk") if m.get("mtype") == "seg" and m is not elem]


def _mrk_segments(tu: ET.Element, source: Optional[ET.Element], target: Optional[ET.Element]) -> Optional[Segments]:
    """``(mid, source mrk, target mrk)`` of a segmented ``trans-unit`` in source order, then target ``mrk``s
    that the source lacks (no source mrk); None when the unit is not segmented, or its target is not."""
    src_marks = _seg_marks(first(tu, "seg-source"))
    if not src_marks:
        return None
    tgt_marks = _seg_marks(target)
    if target is not None and not tgt_marks and inline_text(target, CODE_12):
        # A translated target that is not split into the source's segments: the unit is one pair.
        return None
    by_mid = {m.get("mid", ""): m for m in tgt_marks}
    mids = [m.get("mid") or str(k + 1) for k, m in enumerate(src_marks)]
    out: Segments = [(mid, m, by_mid.get(mid)) for mid, m in zip(mids, src_marks)]
    known = set(mids)
    out += [(m.get("mid", ""), None, m) for m in tgt_marks if m.get("mid", "") not in known]
    return out


def _read_20(root: ET.Element) -> Tuple[List[Unit], int, Optional[str], Optional[str]]:
    units: List[Unit] = []
    excluded = 0
    for file_elem in children(root, "file"):
        original = file_elem.get("original") or file_elem.get("id")
        for unit, translate in _walk(file_elem, "unit", _translatable(file_elem, True)):
            segments = list(children(unit, "segment"))
            if not translate:
                excluded += len(segments)
                continue
            table = CodeTable()  # 2.0 inline code ids are unique in the unit, across its segments
            for k, seg in enumerate(segments):
                source, target = first(seg, "source"), first(seg, "target")
                uid = unit.get("id")
                if len(segments) > 1:
                    uid = f"{uid}/{seg.get('id') or k + 1}"
                u = _unit(uid, source, target, CODE_20, table, original, unit)
                state, done = state_20(seg, target, u.translation)
                units.append(replace(u, state=state, translated=done))
    return units, excluded, root.get("srcLang"), root.get("trgLang")
