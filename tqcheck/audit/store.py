"""The audit's output folder: where each report goes, how a finished report is recognised, atomic writes.

A report is complete when it parses, has the format ``tqcheck.report/1`` and carries the fingerprint of the
pair it was made from (``inputs.fingerprint``: a sha256 over the bytes of the input files, the glossary, the
options and the tqcheck version). A re-run skips exactly the pairs whose complete report is there; a report
of changed inputs or options, a truncated or foreign file is recomputed.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Dict, Mapping, Optional, Union

from tqcheck import __version__
from tqcheck.audit.manifest import Pair
from tqcheck.errors import InputError
from tqcheck.report.document import FORMAT

PathLike = Union[str, Path]

REPORTS = "reports"
# The file extension of a report by its format (``--format``).
EXTENSIONS = {"json": ".json", "jsonl": ".jsonl", "text": ".txt", "junit": ".junit.xml", "sarif": ".sarif",
              "html": ".html"}


def report_path(outdir: PathLike, pair_id: str, fmt: str = "json") -> Path:
    return Path(outdir) / REPORTS / f"{pair_id}{EXTENSIONS.get(fmt, '.' + fmt)}"


def attempts_path(outdir: PathLike, pair_id: str) -> Path:
    """The counter of the tries of a pair in this run (removed when its report is written, and by
    ``sweep_temporaries`` at the start and end of each run)."""
    return Path(outdir) / REPORTS / f".{pair_id}.attempts"


def file_sha256(path: Optional[str]) -> Optional[str]:
    """sha256 of a file's bytes (None for no file); a missing file is an ``InputError``."""
    if path is None:
        return None
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    return digest.hexdigest()


def input_record(pair: Pair, basis: Mapping[str, Any], glossary: Optional[str]) -> Dict[str, Any]:
    """What the audit adds to a report's ``inputs``: the pair id, the inputs' sha256 and the fingerprint.

    Args:
        pair: the pair.
        basis: everything else that changes the report (options, gate, configuration), JSON-able.
        glossary: the glossary file, whose content counts too.
    """
    sha = {role: file_sha256(path) for role, path in pair.paths().items()}
    basis = {"tqcheck": __version__, "sha256": sha, "glossary": file_sha256(glossary), **dict(basis)}
    fingerprint = hashlib.sha256(json.dumps(basis, sort_keys=True, default=str).encode("utf-8")).hexdigest()
    return {"id": pair.id, "sha256": sha, "fingerprint": fingerprint}


def load_complete(path: PathLike, fingerprint: str) -> Optional[Dict[str, Any]]:
    """The report at ``path`` if it is complete and was made from inputs with ``fingerprint``; else None."""
    try:
        text = Path(path).read_text(encoding="utf-8")
        doc = json.loads(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        return None
    inputs = doc.get("inputs")
    if not isinstance(inputs, dict) or inputs.get("fingerprint") != fingerprint:
        return None
    if not isinstance(doc.get("segments"), list) or not isinstance(doc.get("summary"), dict):
        return None
    return doc


def sweep_temporaries(outdir: PathLike) -> int:
    """Remove the temporary files a killed writer left in ``reports/`` (``.NAME.json.*.tmp``, see
    ``write_atomic``) and the attempt counters of the last run; returns how many. Finished reports are never
    touched."""
    folder = Path(outdir) / REPORTS
    removed = 0
    if folder.is_dir():
        for tmp in [*folder.glob(".*.tmp"), *folder.glob(".*.attempts")]:
            try:
                os.unlink(tmp)
                removed += 1
            except OSError:
                pass
    return removed
