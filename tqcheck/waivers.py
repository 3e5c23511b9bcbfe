"""Waivers: findings a linguist has accepted, so that the gate stops failing on them.

A waiver file is TOML (an array of ``[[waiver]]`` tables) or JSON Lines (one object a line), chosen by the
extension (``.toml``; ``.jsonl``/``.ndjson``). Each waiver has:

- ``fingerprint`` (required): the finding's fingerprint (``tqcheck.fingerprint``), as in the JSON report;
- ``reason`` and ``author`` (required): why the finding is accepted, and who accepted it;
- ``date`` (``YYYY-MM-DD``), ``check``, ``code``, ``source``, ``translation``: written by ``tqcheck waive``
  for the reader of the file; only the fingerprint is matched.

A waived flag stays in the report with ``"waived": true`` and its waiver, and does not count for the gate.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from tqcheck.errors import ConfigError, InputError, UsageError

_HEX = re.compile(r"^[0-9a-f]{64}$")
TOML_EXTS = (".toml",)
JSONL_EXTS = (".jsonl", ".ndjson")


@dataclass(frozen=True)
class Waiver:
    """One accepted finding."""

    fingerprint: str
    reason: str
    author: str
    date: Optional[str] = None
    check: Optional[str] = None
    code: Optional[str] = None
    source: Optional[str] = None
    translation: Optional[str] = None

    def to_dict(self) -> Dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class Waivers:
    """The waivers of a file, by fingerprint."""

    path: str
    by_fingerprint: Mapping[str, Waiver]

    def __len__(self) -> int:
        return len(self.by_fingerprint)

    def get(self, fp: str) -> Optional[Waiver]:
        return self.by_fingerprint.get(fp)


def _kind(path: Path) -> str:
    ext = path.suffix.lower()
    if ext in TOML_EXTS:
        return "toml"
    if ext in JSONL_EXTS:
        return "jsonl"
    raise UsageError(f"{path}: waiver files are .toml or .jsonl")


def _validate(entry: Any, where: str) -> Waiver:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: a waiver must be a table/object")
    fp = entry.get("fingerprint")
    if not isinstance(fp, str) or not _HEX.match(fp.lower()):
        raise ConfigError(f"{where}: 'fingerprint' must be the 64 hex digits of a finding's fingerprint")
    for key in ("reason", "author"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise ConfigError(f"{where}: {key!r} is required (who accepted the finding, and why)")
    date = entry.get("date")
    if isinstance(date, (dt.date, dt.datetime)):
        date = date.isoformat()[:10]
    if date is not None:
        try:
            dt.date.fromisoformat(str(date))
        except ValueError:
            raise ConfigError(f"{where}: 'date' must be YYYY-MM-DD (got {date!r})") from None
    unknown = sorted(set(entry) - {"fingerprint", "reason", "author", "date", "check", "code", "source",
                                   "translation"})
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r}")
    return Waiver(fingerprint=fp.lower(), reason=entry["reason"].strip(), author=entry["author"].strip(),
                  date=str(date) if date is not None else None,
                  **{k: entry.get(k) for k in ("check", "code", "source", "translation")})


def _entries(path: Path) -> List[Tuple[Any, str]]:
    """The raw entries of a waiver file, each with a "file:line" for messages."""
    from tqcheck.io.text import read_text

    text = read_text(path, allow_empty=True)
    if _kind(path) == "jsonl":
        out = []
        for i, line in enumerate(text.split("\n")):
            if line.strip():
                try:
                    out.append((json.loads(line), f"{path}:{i + 1}"))
                except json.JSONDecodeError as exc:
                    raise ConfigError(f"{path}:{i + 1}: invalid JSON ({exc.msg})") from None
                except (ValueError, RecursionError) as exc:
                    from tqcheck.io.jsonl import json_limit

                    raise ConfigError(f"{path}:{i + 1}: invalid JSON ({json_limit(exc)})") from None
        return out
    from tqcheck.config import toml_module

    tomllib = toml_module()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except (ValueError, RecursionError) as exc:  # a 5,000-digit integer, arrays nested too deep
        from tqcheck.io.jsonl import json_limit

        raise ConfigError(f"{path}: invalid TOML ({json_limit(exc)})") from None
    unknown = sorted(set(data) - {"waiver"})
    if unknown:
        raise ConfigError(f"{path}: unknown key {unknown[0]!r}; waivers are [[waiver]] tables")
    entries = data.get("waiver", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: 'waiver' must be an array of tables ([[waiver]])")
    lines = [i + 1 for i, line in enumerate(text.split("\n")) if line.strip() == "[[waiver]]"]
    return [(e, f"{path}:{lines[k]}" if k < len(lines) else f"{path}: waiver {k + 1}")
            for k, e in enumerate(entries)]


def load_waivers(path: str | Path) -> Waivers:
    """Read and check a waiver file.

    Raises:
        InputError: the file does not exist. ConfigError: it is malformed (the message names file and line).
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such waiver file")
    by_fp: Dict[str, Waiver] = {}
    for entry, where in _entries(p):
        w = _validate(entry, where)
        by_fp.setdefault(w.fingerprint, w)
    return Waivers(str(p), by_fp)


# ---------------------------------------------------------------- writing (tqcheck waive)

def select_findings(doc: Mapping[str, Any], *, fingerprints: Sequence[str] = (), checks: Sequence[str] = (),
                    everything: bool = False) -> List[Tuple[Mapping[str, Any], Mapping[str, Any], str]]:
    """The (segment, flag, fingerprint) triples of a report chosen by fingerprint (a unique prefix of at
    least 8 hex digits will do), by check name, or all of them.

    Raises:
        UsageError: nothing selected, or a fingerprint that is not in the report (or is ambiguous).
    """
    from tqcheck.fingerprint import dict_fingerprint, iter_flags

    found = [(seg, flag, dict_fingerprint(flag, seg)) for seg, flag in iter_flags(doc)]
    chosen: Dict[str, Tuple[Mapping[str, Any], Mapping[str, Any], str]] = {}
    for wanted in fingerprints:
        w = wanted.strip().lower()
        if len(w) < 8:
            raise UsageError(f"--fingerprint {wanted!r}: give at least 8 hex digits")
        hits = {fp: (s, f, fp) for s, f, fp in found if fp.startswith(w)}
        if not hits:
            raise UsageError(f"--fingerprint {wanted}: no finding of the report has this fingerprint")
        if len(hits) > 1:
            raise UsageError(f"--fingerprint {wanted}: matches {len(hits)} findings; give more digits")
        chosen.update(hits)
    known_checks = {f["check"] for _, f, _ in found}
    for check in checks:
        if check not in known_checks:
            raise UsageError(f"--all-of-check {check}: the report has no {check!r} finding "
                             f"(it has: {', '.join(sorted(known_checks)) or 'none'})")
    for s, f, fp in found:
        if everything or f["check"] in checks:
            chosen.setdefault(fp, (s, f, fp))
    if not chosen:
        raise UsageError("nothing to waive: give --fingerprint, --all-of-check or --all")
    return list(chosen.values())


def _excerpt(text: Optional[str], limit: int = 120) -> Optional[str]:
    if not text:
        return None
    return text if len(text) <= limit else text[: limit - 1] + "…"


def make_waivers(selected: Iterable[Tuple[Mapping[str, Any], Mapping[str, Any], str]], *, reason: str,
                 author: str, date: Optional[str] = None) -> List[Waiver]:
    if not reason.strip() or not author.strip():
        raise UsageError("a waiver needs a --reason and an --author")
    day = date or dt.date.today().isoformat()
    return [Waiver(fingerprint=fp, reason=reason.strip(), author=author.strip(), date=day, check=f["check"],
                   code=f.get("code"), source=_excerpt(seg.get("source")),
                   translation=_excerpt(seg.get("translation")))
            for seg, f, fp in selected]


def _toml_string(value: str) -> str:
    # A JSON string is a TOML basic string, except that TOML forbids a raw DEL.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def format_waiver(w: Waiver, kind: str) -> str:
    if kind == "jsonl":
        return json.dumps(w.to_dict(), ensure_ascii=False) + "\n"
    body = "".join(f"{k} = {_toml_string(v)}\n" for k, v in w.to_dict().items())
    return f"\n[[waiver]]\n{body}"


def append_waivers(path: str | Path, waivers: Sequence[Waiver]) -> int:
    """Append waivers to a file (created if missing); fingerprints already there are skipped.

    The file is rewritten atomically with its old text kept as it was (comments included).

    Returns:
        How many waivers were added.
    """
    from tqcheck.io.output import write_atomic
    from tqcheck.io.text import read_text

    p = Path(path)
    kind = _kind(p)
    old = ""
    existing: set[str] = set()
    if p.exists():
        existing = set(load_waivers(p).by_fingerprint)
        old = read_text(p, allow_empty=True)
    elif kind == "toml":
        old = "# tqcheck waivers: accepted findings (see docs: waivers). Matched by fingerprint.\n"
    new = [w for w in waivers if w.fingerprint not in existing]
    if old and not old.endswith("\n"):
        old += "\n"
    write_atomic(p, old + "".join(format_waiver(w, kind) for w in new))
    return len(new)
