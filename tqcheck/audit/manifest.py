"""What an audit (and ``tqcheck check --batch``, its one-worker case) checks: the document pairs of a JSONL
manifest or of a folder, as the one ``Pair`` type.

The manifest is read by ``tqcheck.io.manifest``; a folder by ``tqcheck.audit.folder``. ``tqcheck audit``
makes the paths absolute, so that a worker process (or a Ray worker on another node with the same shared
filesystem) reads the same files whatever its working directory; ``check --batch`` keeps them as given (a
relative SARIF location stays relative).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

from tqcheck.errors import InputError
from tqcheck.io.manifest import check_id

PathLike = Union[str, Path]

__all__ = ["Pair", "check_id", "discover_pairs", "load_pairs", "read_manifest"]


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

    @property
    def bilingual(self) -> bool:
        """One bilingual file (XLIFF, TMX, TSV, CSV, JSON Lines) rather than a source and a translation."""
        return self.translation is None

    def to_dict(self) -> Dict[str, Any]:
        return {"id": self.id, "source": self.source, "translation": self.translation,
                "reference": self.reference, "input_format": self.input_format}

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Pair":
        return cls(d["id"], d["source"], d.get("translation"), d.get("reference"), d.get("input_format"))

    def paths(self) -> Dict[str, Optional[str]]:
        return {"source": self.source, "translation": self.translation, "reference": self.reference}


def load_pairs(path: PathLike, *, absolute: bool = True) -> List[Pair]:
    """The pairs of a JSONL manifest file, or of a folder of pairs named by the folder convention.

    Args:
        absolute: make every path absolute (for workers in other folders); else keep them as given.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such manifest file or folder")
    pairs = discover_pairs(p) if p.is_dir() else read_manifest(p)
    if not pairs:
        raise InputError(f"{p}: no document pairs found")
    return [_absolute(pair) for pair in pairs] if absolute else pairs


def read_manifest(path: PathLike) -> List[Pair]:
    """The pairs of a JSONL manifest (``tqcheck.io.manifest.read_manifest``), paths joined to its folder."""
    from tqcheck.io.manifest import read_manifest as read_entries

    def text(p: Optional[Path]) -> Optional[str]:
        return str(p) if p is not None else None

    return [Pair(e.id, str(e.source), text(e.translation), text(e.reference), e.input_format)
            for e in read_entries(path)]


def _absolute(pair: Pair) -> Pair:
    def absolute(p: Optional[str]) -> Optional[str]:
        return str(Path(p).resolve()) if p is not None else None

    return Pair(pair.id, str(Path(pair.source).resolve()), absolute(pair.translation), absolute(pair.reference),
                pair.input_format)


def discover_pairs(folder: PathLike) -> List[Pair]:
    """The pairs of a folder (``NAME.ar.txt`` + ``NAME.en.txt`` [+ ``NAME.ref.en.txt``], bilingual files, or
    the folder's ``manifest.jsonl``: ``tqcheck.audit.folder``), with ids checked to be safe file names."""
    from tqcheck.audit.folder import discover_pairs as by_names

    return [replace(p, id=check_id(p.id, p.source)) for p in by_names(folder)]
