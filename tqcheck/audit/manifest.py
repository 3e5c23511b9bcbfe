"""What an audit checks: the document pairs of a JSONL manifest or of a folder.

A manifest line is ``{"id": "...", "source": "path", "translation": "path", "reference": "path or null"}``
(and optionally ``"input_format"``; a bilingual file such as XLIFF is a ``source`` without ``translation``);
relative paths resolve against the manifest's folder. A folder means what it means to ``tqcheck check
--batch`` (``tqcheck.batch.discover_pairs``). Paths are made absolute here so that a worker process
(or a Ray worker on another node with the same shared filesystem) reads the same files whatever its
working directory.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

from tqcheck.errors import InputError

PathLike = Union[str, Path]

# An id becomes the file name reports/<id>.json and a link in summary.html: letters, digits and ._-+@=,
# and not starting with a dot (no hidden files, no "." or ".."). Ids are rejected rather than escaped so
# that the report of id X is always at reports/X.json.
_SAFE_ID = re.compile(r"^[A-Za-z0-9_\-+@=,][A-Za-z0-9._\-+@=,]{0,199}$")

KEYS = ("id", "source", "translation", "reference", "input_format")


@dataclass(frozen=True)
class Pair:
    """One document pair to audit.

    Attributes:
        id: a file-name-safe identifier, unique in the manifest.
        source: absolute path of the Arabic source, or of a bilingual file when ``translation`` is None.
        translation: absolute path of the English translation.
        reference: absolute path of an English reference, or None.
        input_format: the bilingual format when the extension does not tell.
    """

    id: str
    source: str
    translation: Optional[str] = None
    reference: Optional[str] = None
    input_format: Optional[str] = None

    def to_dict(self) -> Dict[str, Any]:
        return {"id": self.id, "source": self.source, "translation": self.translation,
                "reference": self.reference, "input_format": self.input_format}

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Pair":
        return cls(d["id"], d["source"], d.get("translation"), d.get("reference"), d.get("input_format"))

    def paths(self) -> Dict[str, Optional[str]]:
        return {"source": self.source, "translation": self.translation, "reference": self.reference}


def check_id(pair_id: Any, where: str) -> str:
    """Return ``pair_id`` if it is a safe file name; raise ``InputError`` naming ``where`` otherwise."""
    if not isinstance(pair_id, str) or not pair_id:
        raise InputError(f"{where}: \"id\" must be a non-empty string")
    if not _SAFE_ID.match(pair_id):
        raise InputError(f"{where}: id {pair_id!r} is not a safe file name (use letters, digits and ._-+@=, "
                         "at most 200 characters, no path separators, not starting with a dot)")
    return pair_id


def load_pairs(path: PathLike) -> List[Pair]:
    """The pairs of a JSONL manifest file, or of a folder of pairs named by the folder convention."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such manifest file or folder")
    pairs = discover_pairs(p) if p.is_dir() else read_manifest(p)
    if not pairs:
        raise InputError(f"{p}: no document pairs found")
    return pairs


def read_manifest(path: PathLike) -> List[Pair]:
    """Parse a JSONL manifest; every problem is an ``InputError`` naming the line."""
    from tqcheck.io.text import read_text

    p = Path(path)
    base = p.resolve().parent
    pairs: List[Pair] = []
    seen: Dict[str, int] = {}
    for number, line in enumerate(read_text(p).split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{p}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not a JSON object ({exc.msg})") from exc
        if not isinstance(row, dict):
            raise InputError(f"{where}: not a JSON object")
        unknown = sorted(set(row) - set(KEYS))
        if unknown:
            raise InputError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(KEYS)})")
        pair_id = check_id(row.get("id"), where)
        if pair_id in seen:
            raise InputError(f"{where}: id {pair_id!r} was already used on line {seen[pair_id]}")
        seen[pair_id] = number
        source = _path_field(row, "source", base, where, required=True)
        translation = _path_field(row, "translation", base, where, required=False)
        reference = _path_field(row, "reference", base, where, required=False)
        input_format = row.get("input_format")
        if input_format is not None and not isinstance(input_format, str):
            raise InputError(f"{where}: \"input_format\" must be a format name or null")
        assert source is not None
        pairs.append(Pair(pair_id, source, translation, reference, input_format))
    return pairs


def _path_field(row: Dict[str, Any], key: str, base: Path, where: str, *, required: bool) -> Optional[str]:
    value = row.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value:
        raise InputError(f"{where}: \"{key}\" must be a path" + ("" if required else " or null"))
    return str((base / value).resolve())


def discover_pairs(folder: PathLike) -> List[Pair]:
    """The pairs of a folder, found as ``tqcheck check --batch`` finds them (``NAME.ar.txt`` +
    ``NAME.en.txt`` [+ ``NAME.ref.en.txt``], bilingual files, or the folder's ``manifest.jsonl``), with ids
    checked to be safe file names."""
    from tqcheck.batch import discover_pairs as batch_discover

    def absolute(p: Optional[Path]) -> Optional[str]:
        return str(Path(p).resolve()) if p is not None else None

    return [Pair(check_id(b.id, str(b.source)), str(Path(b.source).resolve()), absolute(b.translation),
                 absolute(b.reference), b.input_format) for b in batch_discover(folder)]
