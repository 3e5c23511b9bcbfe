"""The manifest of document pairs (``manifest.jsonl``), read the same way by ``tqcheck check --batch`` and
``tqcheck audit``.

One JSON object a line (blank lines skipped)::

    {"id": "wire-0412", "source": "ar/0412.txt", "translation": "mt/0412.txt", "reference": "ref/0412.txt"}
    {"id": "desk-feed", "source": "feed.data", "input_format": "xliff"}

- ``id`` (optional): names the pair's report file, so it must be a safe file name (``ID_RULE``) and unique
  in the manifest; without one, the source's file name up to its first dot (``ar/0412.txt`` -> ``0412``).
- ``source`` (required): the Arabic text file, or a bilingual file (XLIFF, TMX, TSV, CSV, JSON Lines) when
  there is no ``translation``.
- ``translation``, ``reference`` (optional, may be null): the English files.
- ``input_format`` (optional, may be null): the bilingual format when the extension does not tell.

Relative paths resolve against the manifest's folder, and every named file must exist. Any problem is an
``InputError`` of one line that names the manifest file and the line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

from tqcheck.errors import InputError

PathLike = Union[str, "os.PathLike[str]"]

KEYS = ("id", "source", "translation", "reference", "input_format")

# An id becomes the file name of its report (reports/<id>.json, OUTDIR/<id>.sarif) and a link in an HTML
# summary: ids are rejected rather than escaped, so that the report of id X is always at X.json. No path
# separators, no hidden files, no "." or "..".
_SAFE_ID = re.compile(r"^[A-Za-z0-9_\-+@=,][A-Za-z0-9._\-+@=,]{0,199}$")
ID_RULE = "letters, digits and ._-+@=, at most 200 characters, no path separators, not starting with a dot"


@dataclass(frozen=True)
class Entry:
    """One line of a manifest.

    Attributes:
        id: the pair's id (a safe file name, unique in the manifest).
        source / translation / reference: the files, relative paths joined to the manifest's folder as it
            was given (not made absolute: a relative SARIF location stays relative).
        input_format: the bilingual format named on the line, or None.
        line: the 1-based line of the manifest.
    """

    id: str
    source: Path
    translation: Optional[Path]
    reference: Optional[Path]
    input_format: Optional[str]
    line: int


def check_id(pair_id: Any, where: str) -> str:
    """Return ``pair_id`` if it is a safe file name; raise ``InputError`` naming ``where`` otherwise."""
    if not isinstance(pair_id, str) or not pair_id:
        raise InputError(f"{where}: \"id\" must be a non-empty string")
    if not _SAFE_ID.match(pair_id):
        raise InputError(f"{where}: id {pair_id!r} is not a safe file name (use {ID_RULE})")
    return pair_id


def read_manifest(path: PathLike) -> List[Entry]:
    """Parse and check a JSONL manifest (see the module docstring); an empty list when it has no pair.

    Raises:
        InputError: the file cannot be read, or a line is not a JSON object, has an unknown key, lacks or
            repeats an id, names a file that does not exist or an unknown input format.
    """
    from tqcheck.io.jsonl import json_objects

    p = Path(path)
    base = p.parent
    entries: List[Entry] = []
    seen: Dict[str, int] = {}
    for number, row in json_objects(p):
        where = f"{p}:{number}"
        unknown = sorted(set(row) - set(KEYS))
        if unknown:
            raise InputError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(KEYS)})")
        if not isinstance(row.get("source"), str) or not row["source"]:
            raise InputError(f"{where}: \"source\" must be a path (each line needs at least {{\"source\": PATH}})")
        pair_id = check_id(row["id"] if "id" in row else _default_id(row["source"]), where)
        if pair_id in seen:
            raise InputError(f"{where}: id {pair_id!r} was already used on line {seen[pair_id]}")
        seen[pair_id] = number
        source = _path(row, "source", base, where)
        assert source is not None  # checked above
        entries.append(Entry(pair_id, source, _path(row, "translation", base, where),
                             _path(row, "reference", base, where), _input_format(row, where), number))
    return entries


def _default_id(source: str) -> str:
    """The id of a line without one: the source's file name up to its first dot (ar/0412.ar.txt -> 0412)."""
    name = Path(source).name
    return name.split(".", 1)[0] if not name.startswith(".") else name


def _path(row: Dict[str, Any], key: str, base: Path, where: str) -> Optional[Path]:
    value = row.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise InputError(f"{where}: \"{key}\" must be a path or null")
    # An absolute value stays as it is (base / "/abs" is "/abs").
    p = base / value
    if not p.is_file():
        raise InputError(f"{where}: {key} {value}: no such file")
    return p


def _input_format(row: Dict[str, Any], where: str) -> Optional[str]:
    from tqcheck.io.bilingual import INPUT_FORMATS

    value = row.get("input_format")
    if value is None:
        return None
    if not isinstance(value, str) or value not in INPUT_FORMATS:
        raise InputError(f"{where}: \"input_format\" must be null or one of {', '.join(INPUT_FORMATS)}")
    return value
