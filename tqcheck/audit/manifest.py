"""What an audit checks: the document pairs of a JSONL manifest or of a folder.

The manifest is read by ``tqcheck.io.manifest`` (the same reader as ``tqcheck check --batch``); a folder
means what it means to ``tqcheck check --batch`` (``tqcheck.batch.discover_pairs``). Paths are made absolute
here so that a worker process (or a Ray worker on another node with the same shared filesystem) reads the
same files whatever its working directory.
"""

from __future__ import annotations

from dataclasses import dataclass
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

    def to_dict(self) -> Dict[str, Any]:
        return {"id": self.id, "source": self.source, "translation": self.translation,
                "reference": self.reference, "input_format": self.input_format}

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Pair":
        return cls(d["id"], d["source"], d.get("translation"), d.get("reference"), d.get("input_format"))

    def paths(self) -> Dict[str, Optional[str]]:
        return {"source": self.source, "translation": self.translation, "reference": self.reference}


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
    """The pairs of a JSONL manifest (``tqcheck.io.manifest.read_manifest``), with absolute paths."""
    from tqcheck.io.manifest import read_manifest as read_entries

    return [_absolute_pair(e.id, e.source, e.translation, e.reference, e.input_format)
            for e in read_entries(path)]


def _absolute_pair(pair_id: str, source: Path, translation: Optional[Path], reference: Optional[Path],
                   input_format: Optional[str]) -> Pair:
    def absolute(p: Optional[Path]) -> Optional[str]:
        return str(Path(p).resolve()) if p is not None else None

    return Pair(pair_id, str(Path(source).resolve()), absolute(translation), absolute(reference), input_format)


def discover_pairs(folder: PathLike) -> List[Pair]:
    """The pairs of a folder, found as ``tqcheck check --batch`` finds them (``NAME.ar.txt`` +
    ``NAME.en.txt`` [+ ``NAME.ref.en.txt``], bilingual files, or the folder's ``manifest.jsonl``), with ids
    checked to be safe file names."""
    from tqcheck.batch import discover_pairs as batch_discover

    return [_absolute_pair(check_id(b.id, str(b.source)), b.source, b.translation, b.reference, b.input_format)
            for b in batch_discover(folder)]
