"""Bilingual inputs: one file that holds the source, the translation (and maybe a reference) of each unit.

XLIFF 1.2/2.0, TMX, TSV/CSV with named columns and JSON Lines. Each format has its own reader module; this
module picks the reader (from ``--input-format`` or the file's extension) and defines what they return.
A bilingual file is already aligned: each unit becomes one segment, with its id and the line of the file it
came from (so that SARIF annotations point at the unit).
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Mapping, Optional, Tuple, Union

from tqcheck.errors import InputError, UsageError

PathLike = Union[str, "os.PathLike[str]"]

TEXT = "text"

# name -> (reader "module:function", file extensions). Readers are imported only when used.
INPUT_FORMATS: Dict[str, Tuple[str, Tuple[str, ...]]] = {
    "xliff": ("tqcheck.io.xliff:read_xliff", (".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".mxliff")),
    "tmx": ("tqcheck.io.tmx:read_tmx", (".tmx",)),
    "tsv": ("tqcheck.io.tabular:read_tsv", (".tsv", ".tab")),
    "csv": ("tqcheck.io.tabular:read_csv", (".csv",)),
    "jsonl": ("tqcheck.io.jsonl:read_jsonl", (".jsonl", ".ndjson")),
}

# Field names the tabular and JSON Lines readers look for, by default and as accepted aliases.
FIELDS = ("id", "source", "translation", "reference")
FIELD_ALIASES: Dict[str, Tuple[str, ...]] = {
    "id": ("id", "unit_id", "segment_id"),
    "source": ("source", "src", "ar", "arabic"),
    "translation": ("translation", "target", "tgt", "mt", "hypothesis", "en", "english"),
    "reference": ("reference", "ref"),
}


@dataclass(frozen=True)
class Unit:
    """One translation unit of a bilingual file.

    Attributes:
        id: the unit's identifier in the file (XLIFF unit id, TMX tuid, id column), if any.
        source / translation / reference: the texts; ``translation`` is "" for an untranslated unit and
            ``reference`` None without one.
        source_line / target_line: 0-based line of the file where the source and the translation text are
            (None where there is none, e.g. a unit without a target).
        original: the file the unit belongs to in a multi-file container (XLIFF ``<file original>``).
        state: the unit's state as the file says it (``translated``, ``new``, ``sdl:Draft``,
            ``mq:NotStarted``...), None where the format has none.
        translated: False for a unit not translated yet (no target text, or a state that says so): not
            checked by default (``tqcheck.io.unitstate``).
        anchor: byte offset of the unit's element in the file, for writing findings back (``--annotate``).
        source_column / target_column: 0-based column of the source and translation text in their line, where
            the text is written there verbatim (TSV, CSV, JSON Lines: ``tqcheck.io.cellcolumn``); else None.
    """

    id: Optional[str]
    source: str
    translation: str
    reference: Optional[str] = None
    source_line: Optional[int] = None
    target_line: Optional[int] = None
    original: Optional[str] = None
    state: Optional[str] = None
    translated: bool = True
    anchor: Optional[int] = None
    source_column: Optional[int] = None
    target_column: Optional[int] = None


@dataclass(frozen=True)
class ReaderOptions:
    """Options of the readers.

    Attributes:
        columns: field -> column (or JSON key) name, for TSV, CSV and JSON Lines, e.g.
            ``{"source": "ar", "translation": "mt"}``; unnamed fields fall back to ``FIELD_ALIASES``.
    """

    columns: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class BilingualFile:
    """What a reader returns: the units and what the file said about itself.

    ``excluded`` counts the segment pairs the file marks ``translate="no"`` (not in ``units``).
    """

    path: str
    format: str
    units: Tuple[Unit, ...]
    source_language: Optional[str] = None
    target_language: Optional[str] = None
    excluded: int = 0

    def signature(self) -> Dict[str, Any]:
        return {"format": self.format, "source_language": self.source_language,
                "target_language": self.target_language, "units": len(self.units)}


def extensions() -> Dict[str, str]:
    """File extension -> input format."""
    return {ext: name for name, (_, exts) in INPUT_FORMATS.items() for ext in exts}


def detect_format(path: PathLike, explicit: Optional[str] = None) -> str:
    """The input format of ``path``: ``explicit`` when given, else from the extension ("text" otherwise)."""
    if explicit:
        if explicit != TEXT and explicit not in INPUT_FORMATS:
            raise UsageError(f"unknown input format {explicit!r}; known: {', '.join(input_format_names())}")
        return explicit
    return extensions().get(Path(path).suffix.lower(), TEXT)


def input_format_names() -> Tuple[str, ...]:
    return (TEXT, *INPUT_FORMATS)


def read_bilingual(path: PathLike, fmt: Optional[str] = None,
                   options: ReaderOptions = ReaderOptions()) -> BilingualFile:
    """Read a bilingual file with the reader of its format.

    Raises:
        InputError: the file is missing, malformed, unsafe (XML entities) or has no unit.
    """
    name = detect_format(path, fmt)
    if name == TEXT:
        raise UsageError(f"{path}: not a bilingual file; known extensions: {', '.join(sorted(extensions()))} "
                         "(or name the format with --input-format)")
    module, func = INPUT_FORMATS[name][0].split(":")
    reader: Callable[[Path, ReaderOptions], BilingualFile] = getattr(importlib.import_module(module), func)
    p = Path(path)
    if str(path) != "-":  # "-": standard input, read by the reader
        if not p.exists():
            raise InputError(f"{p}: no such file")
        if p.is_dir():
            raise InputError(f"{p}: is a directory, expected a {name} file")
    try:
        result = reader(p, options)
    except RecursionError:  # ~1,000 nested inline tags, JSON nested deeply
        raise InputError(f"{'<stdin>' if str(path) == '-' else p}: nested too deeply to read "
                         f"(thousands of nested elements)") from None
    if not result.units and not result.excluded:
        raise InputError(f"{'<stdin>' if str(path) == '-' else p}: no translation units found in this {name} file")
    return result


def language_matches(tag: Optional[str], language: str) -> bool:
    """True when a BCP 47 tag (``ar``, ``ar-EG``, ``EN_us``) is of ``language``; case-insensitive."""
    if not tag:
        return False
    return tag.strip().lower().replace("_", "-").split("-")[0] == language


def resolve_fields(available: "list[str]", columns: Mapping[str, str], path: PathLike,
                   what: str = "column") -> Dict[str, str]:
    """Map the fields (id, source, translation, reference) to the names present in a header or a record.

    A name given in ``columns`` must exist; otherwise the first alias of ``FIELD_ALIASES`` present is used
    (case-insensitively). ``source`` and ``translation`` are required.

    Raises:
        InputError: a named or required column is missing (the message lists the ones there are).
    """
    unknown = [k for k in columns if k not in FIELDS]
    if unknown:
        raise UsageError(f"unknown field {unknown[0]!r} in the column mapping; fields: {', '.join(FIELDS)}")
    by_lower = {name.strip().lower(): name for name in available}
    out: Dict[str, str] = {}
    for fld in FIELDS:
        if fld in columns:
            name = by_lower.get(columns[fld].strip().lower())
            if name is None:
                raise InputError(f"{path}: no {what} {columns[fld]!r} (given for {fld}); "
                                 f"{what}s: {', '.join(available) or 'none'}")
            out[fld] = name
            continue
        for alias in FIELD_ALIASES[fld]:
            if alias in by_lower:
                out[fld] = by_lower[alias]
                break
    for fld in ("source", "translation"):
        if fld not in out:
            raise InputError(f"{path}: no {fld} {what} (looked for {', '.join(FIELD_ALIASES[fld])}; "
                             f"{what}s: {', '.join(available) or 'none'}); name it with --columns {fld}=NAME")
    return out
