"""Writing outputs safely: atomically (temporary file, then rename), never over an input."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Union

from tqcheck.errors import OutputError

PathLike = Union[str, "os.PathLike[str]"]


STDOUT = "-"
_STDOUT_NAMES = {"/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"}
_WRITE_ERRORS = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EROFS, errno.EIO, errno.EACCES, errno.EPERM}


def is_stdout(output: Optional[PathLike]) -> bool:
    """``-o -``, or a path naming this process's standard output (``/dev/stdout``, ``/proc/self/fd/1``)."""
    if output is None:
        return False
    if str(output) == STDOUT:
        return True
    try:
        st, out = os.stat(output), os.fstat(1)
    except (OSError, ValueError):
        return False
    if os.path.abspath(output) in _STDOUT_NAMES:  # whatever fd 1 is: a terminal, a pipe, a redirected file
        return True
    return not stat.S_ISREG(st.st_mode) and (st.st_dev, st.st_ino) == (out.st_dev, out.st_ino)


def _inside(child: Path, parent: Path) -> bool:
    return child != parent and parent in child.parents


def check_output_path(output: PathLike, inputs: Iterable[Optional[PathLike]], *, folder: bool = False,
                      option: str = "-o") -> Path:
    """Refuse an output path that is, contains or lies inside one of the inputs, or that exists and is not a
    regular file (a device such as ``/dev/null`` or ``/dev/full``, a pipe, a socket: the atomic rename would
    replace it with a file). Returns the output path.

    Args:
        folder: the output is a folder of reports (``--batch``, ``audit``): it may exist as a folder, and
            it may not contain an input.
        option: the option that named the output, for the messages (``--annotate``).
    """
    out = Path(output)
    if out.exists():
        if out.is_dir() and not folder:
            raise OutputError(f"{out}: is a directory; give a file name with {option}")
        if folder and not out.is_dir():
            raise OutputError(f"{out}: is a file; {option} names the folder of the reports here")
        if not (out.is_dir() or out.is_file()):
            raise OutputError(f"{out}: not a regular file (a device, pipe or socket); tqcheck writes reports "
                              "to regular files or to standard output: use -o - (and redirect it), or omit -o")
    resolved = out.resolve()
    for inp in inputs:
        if inp is None or str(inp) == "-":
            continue
        p = Path(inp)
        try:
            same = out.exists() and p.exists() and os.path.samefile(out, p)
        except OSError:
            same = False
        source = p.resolve()
        if same or resolved == source:
            raise OutputError(f"{out}: output would overwrite the input {p}; choose another {option} path")
        if p.is_dir() and _inside(resolved, source):
            raise OutputError(f"{out}: output lies inside the input folder {p}; choose a path outside it")
        if folder and _inside(source, resolved):
            raise OutputError(f"{out}: the output folder contains the input {p}; its reports could overwrite "
                              "it: choose another folder")
    return out


@contextlib.contextmanager
def atomic_writer(path: PathLike) -> Iterator[IO[str]]:
    """A text file handle whose content appears at ``path`` only when the block ends without an error.

    It writes to a temporary file in the same folder and renames it over ``path``, so that a reader never
    sees a partial report and an interrupted run (an exception, Ctrl-C, SIGTERM turned into an exception)
    leaves the old file, or none, and no temporary file behind.
    """
    # Through a symbolic link to its target: the rename then replaces the file the link names, not the link.
    p = Path(os.path.realpath(path))
    if p.exists() and not p.is_file():
        raise OutputError(f"{path}: not a regular file; tqcheck writes only regular files or standard output")
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
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if exc.errno in _WRITE_ERRORS:  # a full disk, a file-size limit (ulimit -f), a quota
            raise OutputError(f"{path}: cannot be written ({exc.strerror or exc})") from exc
        raise
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
