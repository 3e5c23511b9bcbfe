"""What an audit checks: the document pairs of a JSONL manifest or of a folder.

A manifest line is ``{"id": "...", "source": "path", "translation": "path", "reference": "path or null"}``;
relative paths resolve against the manifest's folder. Paths are made absolute here so that a worker process
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

# The folder convention (the same names as the batch mode): NAME.ar.txt + NAME.en.txt [+ NAME.ref.en.txt].
SOURCE_SUFFIX = ".ar.txt"
TRANSLATION_SUFFIX = ".en.txt"
REFERENCE_SUFFIX = ".ref.en.txt"


@dataclass(frozen=True)
class Pair:
    """One document pair to audit.

    Attributes:
        id: a file-name-safe identifier, unique in the manifest.
        source / translation: absolute paths of the Arabic source and its English translation.
        reference: absolute path of an English reference, or None.
    """

    id: str
    source: str
    translation: str
    reference: Optional[str] = None

    def to_dict(self) -> Dict[str, Any]:
        return {"id": self.id, "source": self.source, "translation": self.translation,
                "reference": self.reference}

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Pair":
        return cls(d["id"], d["source"], d["translation"], d.get("reference"))


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
        pair_id = check_id(row.get("id"), where)
        if pair_id in seen:
            raise InputError(f"{where}: id {pair_id!r} was already used on line {seen[pair_id]}")
        seen[pair_id] = number
        source = _path_field(row, "source", base, where, required=True)
        translation = _path_field(row, "translation", base, where, required=True)
        reference = _path_field(row, "reference", base, where, required=False)
        assert source is not None and translation is not None
        pairs.append(Pair(pair_id, source, translation, reference))
    return pairs


def _path_field(row: Dict[str, Any], key: str, base: Path, where: str, *, required: bool) -> Optional[str]:
    value = row.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value:
        raise InputError(f"{where}: \"{key}\" must be a path" + ("" if required else " or null"))
    return str((base / value).resolve())


def discover_pairs(folder: PathLike) -> List[Pair]:
    """The pairs of a folder: ``NAME.ar.txt`` with ``NAME.en.txt`` and, if present, ``NAME.ref.en.txt``.

    Uses the batch mode's discovery (``tqcheck.batch.discover_pairs``) where it is installed, so that a folder
    means the same thing to ``tqcheck audit`` and to the batch mode; this naming convention otherwise.
    """
    try:
        from tqcheck.batch import discover_pairs as batch_discover  # type: ignore[import-not-found]
    except ImportError:
        batch_discover = None
    if batch_discover is not None:
        return [_as_pair(item) for item in batch_discover(folder)]

    root = Path(folder).resolve()
    pairs = []
    for src in sorted(root.glob(f"*{SOURCE_SUFFIX}")):
        name = src.name[: -len(SOURCE_SUFFIX)]
        if name.startswith("."):
            continue
        translation = root / f"{name}{TRANSLATION_SUFFIX}"
        if not translation.is_file():
            raise InputError(f"{src}: no translation {translation.name} beside it")
        reference = root / f"{name}{REFERENCE_SUFFIX}"
        pairs.append(Pair(check_id(name, str(src)), str(src), str(translation),
                          str(reference) if reference.is_file() else None))
    return pairs


def _as_pair(item: Any) -> Pair:
    """Adapt what the batch mode returns (a mapping or an object with id/name, source, translation, reference)."""
    get = item.get if isinstance(item, dict) else (lambda k, d=None: getattr(item, k, d))
    pair_id = get("id") or get("name")
    reference = get("reference")
    return Pair(check_id(pair_id, str(get("source"))), str(Path(get("source")).resolve()),
                str(Path(get("translation")).resolve()),
                str(Path(reference).resolve()) if reference else None)
