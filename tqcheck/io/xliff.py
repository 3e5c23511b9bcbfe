"""XLIFF 1.2 and 2.0 (OASIS): one unit a ``trans-unit`` (1.2) or a ``segment`` of a ``unit`` (2.0).

A 1.2 ``trans-unit`` segmented by a CAT tool (SDL Trados, Okapi) has a ``<seg-source>`` whose
``<mrk mtype="seg" mid="...">`` elements are its sentences, and the target's ``mrk`` of the same ``mid`` is
each one's translation: each pair is a unit of its own (a missing target ``mrk`` is an omission; a target
``mrk`` whose ``mid`` the source lacks is an addition). A target without any ``mrk`` segmentation is read
with the whole ``<source>`` as one unit, as an unsegmented ``trans-unit`` is.

Unit ids are kept; a 2.0 unit with several segments gives ids ``UNIT/SEGMENT``, a segmented 1.2
``trans-unit`` with several ``mrk`` segments ``UNIT/MID``. Units marked
``translate="no"`` are skipped; a unit without a target has an empty translation (an omission). Inline
codes that hold native markup (``ph``, ``bpt``, ``ept``, ``it`` in 1.2) are left out of the text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import List, Optional, Tuple

from tqcheck.errors import InputError
from tqcheck.io.bilingual import BilingualFile, ReaderOptions, Unit, language_matches
from tqcheck.io.xmlsafe import children, descendants, first, inline_text, line_of, local, parse_xml

NS_12 = "urn:oasis:names:tc:xliff:document:1.2"
NS_20 = "urn:oasis:names:tc:xliff:document:2.0"

# Inline elements whose content is native code, not text to translate.
CODE_12 = frozenset({"ph", "bpt", "ept", "it", "sub"})
CODE_20: frozenset[str] = frozenset()  # 2.0 inline codes (ph, sc, ec) are empty elements


def read_xliff(path: Path, options: ReaderOptions = ReaderOptions()) -> BilingualFile:
    """Read an XLIFF 1.x or 2.x file (the version is taken from the root element)."""
    root = parse_xml(path)
    if local(root.tag) != "xliff":
        raise InputError(f"{path}: not an XLIFF file (the root element is <{local(root.tag)}>, expected <xliff>)")
    version = root.get("version") or ("2.0" if root.tag.startswith(f"{{{NS_20}}}") else "1.2")
    if version.startswith("2"):
        units, src, tgt = _read_20(root)
    elif version.startswith("1"):
        units, src, tgt = _read_12(root)
    else:
        raise InputError(f"{path}: XLIFF version {version!r} is not supported (1.2 and 2.x are)")
    _check_languages(path, src, tgt)
    return BilingualFile(str(path), f"xliff-{version}", tuple(units), src, tgt)


def _check_languages(path: Path, src: Optional[str], tgt: Optional[str]) -> None:
    """tqcheck checks Arabic into English: a file declared otherwise is refused rather than misread."""
    if src and not language_matches(src, "ar"):
        raise InputError(f"{path}: the source language is {src!r}; tqcheck checks Arabic sources (ar, ar-*) "
                         "translated into English")
    if tgt and not language_matches(tgt, "en"):
        raise InputError(f"{path}: the target language is {tgt!r}; tqcheck checks English translations "
                         "(en, en-*) of Arabic sources")


def _read_12(root: ET.Element) -> Tuple[List[Unit], Optional[str], Optional[str]]:
    units: List[Unit] = []
    src_lang = tgt_lang = None
    for file_elem in descendants(root, "file"):
        src_lang = src_lang or file_elem.get("source-language")
        tgt_lang = tgt_lang or file_elem.get("target-language")
        for tu in descendants(file_elem, "trans-unit"):
            if tu.get("translate", "yes") == "no":
                continue
            uid = tu.get("id") or tu.get("resname")
            source, target = first(tu, "source"), first(tu, "target")
            segmented = _mrk_segments(tu, source, target)
            if segmented is not None:
                many = len(segmented) > 1
                units.extend(_unit(f"{uid}/{mid}" if many else uid, src, tgt, CODE_12)
                             for mid, src, tgt in segmented)
                continue
            units.append(_unit(uid, source, target, CODE_12))
    return units, src_lang, tgt_lang


Segments = List[Tuple[str, Optional[ET.Element], Optional[ET.Element]]]


def _unit(uid: Optional[str], source: Optional[ET.Element], target: Optional[ET.Element], code: frozenset) -> Unit:
    """One segment pair: the text of each side (native-code elements ``code`` left out) and its line."""
    return Unit(id=uid, source=inline_text(source, code), translation=inline_text(target, code),
                source_line=line_of(source), target_line=line_of(target))


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


def _read_20(root: ET.Element) -> Tuple[List[Unit], Optional[str], Optional[str]]:
    units: List[Unit] = []
    for unit in descendants(root, "unit"):
        if unit.get("translate", "yes") == "no":
            continue
        segments = list(children(unit, "segment"))
        for k, seg in enumerate(segments):
            source, target = first(seg, "source"), first(seg, "target")
            uid = unit.get("id")
            if len(segments) > 1:
                uid = f"{uid}/{seg.get('id') or k + 1}"
            units.append(_unit(uid, source, target, CODE_20))
    return units, root.get("srcLang"), root.get("trgLang")
