"""Writing outputs safely: atomically (temporary file, then rename), never over an input."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable, Optional, Union

from tqcheck.errors import OutputError

PathLike = Union[str, "os.PathLike[str]"]


def check_output_path(output: PathLike, inputs: Iterable[Optional[PathLike]]) -> Path:
    """Refuse an output path that is one of the inputs; returns the resolved output path."""
    out = Path(output)
    for inp in inputs:
        if inp is None:
            continue
        p = Path(inp)
        try:
            same = out.exists() and p.exists() and os.path.samefile(out, p)
        except OSError:
            same = False
        if same or out.resolve() == p.resolve():
            raise OutputError(f"{out}: output would overwrite the input {p}; choose another -o path")
    if out.exists() and out.is_dir():
        raise OutputError(f"{out}: is a directory; give a file name with -o")
    return out


def write_atomic(path: PathLike, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder and a rename, so that
    a reader never sees a partial file and an interrupted run leaves the old file (or none)."""
    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{p.parent}: cannot create the output folder ({exc.strerror or exc})") from exc
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=str(p.parent))
    except OSError as exc:
        raise OutputError(f"{p}: cannot write here ({exc.strerror or exc})") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
