"""Writing outputs safely: atomically (temporary file, then rename), never over an input."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Union

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


@contextlib.contextmanager
def atomic_writer(path: PathLike) -> Iterator[IO[str]]:
    """A text file handle whose content appears at ``path`` only when the block ends without an error.

    It writes to a temporary file in the same folder and renames it over ``path``, so that a reader never
    sees a partial report and an interrupted run (an exception, Ctrl-C, SIGTERM turned into an exception)
    leaves the old file, or none, and no temporary file behind.
    """
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
        # mkstemp makes the file private (0600); a report gets the permissions any new file would get.
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
        os.replace(tmp, p)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: PathLike, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically (see ``atomic_writer``)."""
    with atomic_writer(path) as fh:
        fh.write(text)
