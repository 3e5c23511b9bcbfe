"""A persistent translation cache (sqlite), so that re-running a feed costs no model call.

Keyed by (model id, resolved revision, engine key, source text): the engine key carries the engine, its
quantisation and the decoding options, because each of these can change the output. The file lives in
``$TQCHECK_CACHE`` (a folder), else ``$XDG_CACHE_HOME/tqcheck``, else ``~/.cache/tqcheck``.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, Optional, Sequence, Tuple

from tqcheck.errors import OutputError

CACHE_ENV = "TQCHECK_CACHE"
# The name the encoder's table cache read before 0.2; still honoured when TQCHECK_CACHE is not set.
DEPRECATED_CACHE_ENV = "TQCHECK_CACHE_DIR"
CACHE_FILE = "translations.sqlite3"
# sqlite's default limit on host parameters is 999 on old builds; stay well under it.
_CHUNK = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    model TEXT NOT NULL,
    revision TEXT NOT NULL,
    engine TEXT NOT NULL,
    source TEXT NOT NULL,
    output TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (model, revision, engine, source)
) WITHOUT ROWID
"""


def cache_root() -> Path:
    """The folder for tqcheck's caches (translations, converted models, the encoder's unpacked table):
    ``$TQCHECK_CACHE`` (or the deprecated ``$TQCHECK_CACHE_DIR``), else ``$XDG_CACHE_HOME/tqcheck``."""
    env = os.environ.get(CACHE_ENV) or os.environ.get(DEPRECATED_CACHE_ENV)
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tqcheck"


def default_cache_path() -> Path:
    return cache_root() / CACHE_FILE


@dataclass(frozen=True)
class CacheKey:
    """Everything but the text that decides a translation."""

    model: str
    revision: str
    engine: str


class TranslationCache:
    """Translations stored by ``CacheKey`` and source text.

    Args:
        path: the sqlite file; ``":memory:"`` keeps nothing after the process ends. Default:
            ``default_cache_path()``.
    """

    def __init__(self, path: Optional[str | os.PathLike[str]] = None) -> None:
        target = str(path) if path is not None else str(default_cache_path())
        if target != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(target)
            self._db.execute(_SCHEMA)
            self._db.commit()
        except sqlite3.Error as exc:
            raise OutputError(f"cannot open the translation cache {target}: {exc}") from exc
        self.path = target

    def get_many(self, key: CacheKey, texts: Sequence[str]) -> Dict[str, str]:
        """The cached translations of those ``texts`` that have one."""
        found: Dict[str, str] = {}
        unique = list(dict.fromkeys(texts))
        for start in range(0, len(unique), _CHUNK):
            chunk = unique[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT source, output FROM translations WHERE model = ? AND revision = ? AND engine = ? "
                f"AND source IN ({marks})",
                (key.model, key.revision, key.engine, *chunk),
            )
            found.update(rows)
        return found

    def put_many(self, key: CacheKey, pairs: Iterable[Tuple[str, str]]) -> None:
        """Store (source, output) pairs; a pair already there is replaced."""
        now = time.time()
        try:
            self._db.executemany(
                "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?, ?)",
                [(key.model, key.revision, key.engine, src, out, now) for src, out in pairs],
            )
            self._db.commit()
        except sqlite3.Error as exc:
            raise OutputError(f"cannot write the translation cache {self.path}: {exc}") from exc

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM translations").fetchone()[0])

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "TranslationCache":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
