"""TMX (1.1 to 1.4b): each ``tu`` gives one unit from its Arabic and its English variant.

The variants are picked by ``xml:lang`` (or ``lang`` in TMX 1.1), case-insensitively: ``ar`` or ``ar-*`` is
the source, the first ``en`` or ``en-*`` the translation. A ``tu`` with neither is skipped (a memory may hold
other languages); one with only the Arabic has an empty translation (an omission).
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional, Set

from tqcheck.errors import InputError
from tqcheck.io.bilingual import BilingualFile, ReaderOptions, Unit, language_matches
from tqcheck.io.cellcolumn import with_columns
from tqcheck.io.xmlsafe import (
    InlineCodes,
    children,
    descendants,
    first,
    inline_text,
    line_of,
    local,
    parse_xml_lines,
    xml_lang,
)
from tqcheck.text.placeholders import CodeTable

# TMX inline codes become placeholders (``tqcheck.text.placeholders``): ``ph``, ``it``, ``ut`` stand alone
# (named by ``x``), ``bpt``/``ept`` open and close pair ``i``; ``hi`` holds text and is walked into.
CODE = InlineCodes(standalone=frozenset({"ph", "it", "ut"}), opening=frozenset({"bpt"}),
                   closing=frozenset({"ept"}), skip=frozenset({"sub"}), pair_attrs=("i",), close_attrs=("i",),
                   standalone_attrs=("x",))


def read_tmx(path: Path, options: ReaderOptions = ReaderOptions()) -> BilingualFile:
    root, lines = parse_xml_lines(path)
    if local(root.tag) != "tmx":
        raise InputError(f"{path}: not a TMX file (the root element is <{local(root.tag)}>, expected <tmx>)")
    units: List[Unit] = []
    seen: Set[str] = set()
    src_tag: Optional[str] = None
    tgt_tag: Optional[str] = None
    for tu in descendants(root, "tu"):
        ar = en = None
        for tuv in children(tu, "tuv"):
            lang = xml_lang(tuv) or ""
            seen.add(lang)
            if ar is None and language_matches(lang, "ar"):
                ar = tuv
            elif en is None and language_matches(lang, "en"):
                en = tuv
        if ar is None and en is None:
            continue
        src_tag = src_tag or (xml_lang(ar) if ar is not None else None)
        tgt_tag = tgt_tag or (xml_lang(en) if en is not None else None)
        ar_seg = first(ar, "seg") if ar is not None else None
        en_seg = first(en, "seg") if en is not None else None
        table = CodeTable()
        source = inline_text(ar_seg, CODE, table)  # first, so that codes are numbered in source order
        translation = inline_text(en_seg, CODE, table)
        units.append(Unit(
            id=tu.get("tuid"),
            source=source,
            translation=translation,
            source_line=line_of(ar_seg if ar_seg is not None else tu),
            target_line=line_of(en_seg),
        ))
    if not any(u.source and u.translation for u in units):
        found = ", ".join(sorted(lang for lang in seen if lang)) or "none"
        raise InputError(f"{path}: no translation unit has both an Arabic (ar, ar-*) and an English (en, en-*) "
                         f"variant; languages found: {found}")
    return BilingualFile(str(path), f"tmx-{root.get('version') or '?'}", tuple(with_columns(units, lines, "xml")),
                         src_tag, tgt_tag)
