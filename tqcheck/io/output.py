"""Writing outputs: atomically, so that a reader never sees half a report and a failure leaves no debris."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Union

from tqcheck.errors import OutputError


def write_text_atomic(path: Union[str, "os.PathLike[str]"], text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` through a temporary file in the same folder and ``os.replace``.

    ``-`` writes to standard output instead.

    Raises:
        OutputError: the folder does not exist or the file cannot be written.
    """
    if str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{target}: folder {folder} does not exist")
    if target.is_dir():
        raise OutputError(f"{target}: is a directory")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise OutputError(f"{target}: cannot be written ({exc.strerror or exc})") from exc
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
