"""The pairs of a folder: ``manifest.jsonl`` when the folder has one (``tqcheck.io.manifest``), otherwise
found by file name:

- ``NAME.ar.txt`` with ``NAME.en.txt`` (or ``NAME.mt.en.txt``) and, optionally, ``NAME.ref.en.txt``;
- bilingual files (``.xlf``, ``.xliff``, ``.tmx``; ``.tsv``, ``.csv`` and ``.jsonl`` files whose header names
  a source and a translation column: a glossary beside the inputs is not taken for one).

Paths are kept as the folder was given (``tqcheck.audit.manifest.load_pairs`` makes them absolute).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Dict, List, Optional, Union

from tqcheck.audit.manifest import Pair
from tqcheck.errors import InputError, TqcheckError

PathLike = Union[str, "os.PathLike[str]"]
MANIFEST = "manifest.jsonl"

SOURCE_SUFFIX = ".ar.txt"
TRANSLATION_SUFFIXES = (".mt.en.txt", ".en.txt")
REFERENCE_SUFFIX = ".ref.en.txt"


def discover_pairs(directory: PathLike) -> List[Pair]:
    """The pairs of a folder, sorted by id (see the module docstring for the conventions).

    Raises:
        InputError: the folder is missing, a manifest line is bad, a source has no translation (or the
            reverse), two inputs would share an id, or nothing was found.
    """
    d = Path(directory)
    if not d.is_dir():
        raise InputError(f"{d}: no such folder")
    pairs = _from_manifest(d / MANIFEST) if (d / MANIFEST).is_file() else _from_names(d)
    seen: Dict[str, Pair] = {}
    for p in pairs:
        if p.id in seen:
            raise InputError(f"{d}: two inputs have the id {p.id!r} ({Path(seen[p.id].source).name} and "
                             f"{Path(p.source).name}); rename one or use a {MANIFEST}")
        seen[p.id] = p
    if not pairs:
        raise InputError(f"{d}: no inputs found (expected NAME{SOURCE_SUFFIX} + NAME.en.txt, bilingual files, "
                         f"or a {MANIFEST})")
    return sorted(pairs, key=lambda p: p.id)


def _from_manifest(manifest: Path) -> List[Pair]:
    from tqcheck.io.manifest import read_manifest

    return [Pair(e.id, str(e.source), _str(e.translation), _str(e.reference), e.input_format)
            for e in read_manifest(manifest)]


def _str(path: Optional[Path]) -> Optional[str]:
    return str(path) if path is not None else None


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (REFERENCE_SUFFIX, *TRANSLATION_SUFFIXES, SOURCE_SUFFIX):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _from_names(d: Path) -> List[Pair]:
    from tqcheck.io.bilingual import extensions

    files = sorted(p for p in d.iterdir() if p.is_file() and not p.name.startswith("."))
    names = {p.name for p in files}
    pairs: List[Pair] = []
    claimed = set()
    for p in files:
        if not p.name.endswith(SOURCE_SUFFIX):
            continue
        stem = p.name[: -len(SOURCE_SUFFIX)]
        translations = [stem + s for s in TRANSLATION_SUFFIXES if stem + s in names]
        if not translations:
            raise InputError(f"{p}: no translation beside it (expected {stem}.en.txt or {stem}.mt.en.txt)")
        if len(translations) > 1:
            raise InputError(f"{d}: both {translations[0]} and {translations[1]} translate {p.name}; keep one")
        ref = d / (stem + REFERENCE_SUFFIX) if stem + REFERENCE_SUFFIX in names else None
        pairs.append(Pair(stem, str(p), str(d / translations[0]), _str(ref)))
        claimed |= {p.name, translations[0], stem + REFERENCE_SUFFIX}
    for p in files:
        if p.name in claimed or p.name == MANIFEST:
            continue
        if p.name.endswith((*TRANSLATION_SUFFIXES, REFERENCE_SUFFIX)):
            raise InputError(f"{p}: no Arabic source beside it (expected {_stem(p)}{SOURCE_SUFFIX})")
        fmt = extensions().get(p.suffix.lower())
        if fmt is not None and (fmt in ("xliff", "tmx") or _looks_bilingual(p, fmt)):
            pairs.append(Pair(p.stem, str(p)))
    return pairs


def _looks_bilingual(path: Path, fmt: str) -> bool:
    """A TSV/CSV/JSONL file is an input when its first record names a source and a translation field."""
    import csv

    from tqcheck.io.bilingual import resolve_fields

    try:
        with path.open(encoding="utf-8-sig") as fh:
            first = fh.readline()
        if fmt == "jsonl":
            obj = json.loads(first)
            keys = list(obj) if isinstance(obj, dict) else []
        else:
            keys = next(csv.reader([first], delimiter="\t" if fmt == "tsv" else ","), [])
        resolve_fields([k.strip() for k in keys], {}, path)
        return True
    except (OSError, UnicodeDecodeError, ValueError, TqcheckError):
        return False
