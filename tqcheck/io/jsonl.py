"""JSON Lines: one object a line, ``{"id", "source", "translation", "reference"}`` (id and reference optional).

Keys are matched like TSV columns (aliases, ``--columns``). A null or missing translation is an empty
translation (an omission).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple, Union

from tqcheck.errors import InputError
from tqcheck.io.bilingual import BilingualFile, ReaderOptions, Unit, resolve_fields
from tqcheck.io.cellcolumn import cell_column
from tqcheck.io.text import read_text
from tqcheck.text.normalize import clean_text


def json_limit(exc: BaseException) -> str:
    """What a JSON value beyond Python's limits is, in a few words."""
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return "an integer too long" if "digits" in str(exc) else str(exc).split(";")[0]


def json_objects(path: Union[str, Path]) -> Iterator[Tuple[int, Dict[str, Any]]]:
    """The objects of a JSON Lines file with their 1-based line numbers, blank lines skipped.

    Raises:
        InputError: ``PATH:LINE: ...`` for a line that is not JSON or not a JSON object (and the errors of
            ``read_text``).
    """
    for number, _, obj in json_lines(path):
        yield number, obj


def json_lines(path: Union[str, Path]) -> Iterator[Tuple[int, str, Dict[str, Any]]]:
    """``json_objects`` with each object's line as written."""
    for number, raw in enumerate(read_text(path).split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: invalid JSON ({exc.msg} at column {exc.colno})") from None
        except (ValueError, RecursionError) as exc:  # a 5,000-digit integer; arrays nested 100,000 deep
            raise InputError(f"{path}:{number}: invalid JSON ({json_limit(exc)})") from None
        if not isinstance(obj, dict):
            raise InputError(f"{path}:{number}: expected a JSON object, found {type(obj).__name__}")
        yield number, raw, obj


def _text(value: Any, path: Path, line: int, key: str) -> Optional[str]:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{path}:{line + 1}: {key!r} must be a string, found {type(value).__name__}")
    return " ".join(clean_text(value).split())


def read_jsonl(path: Path, options: ReaderOptions = ReaderOptions()) -> BilingualFile:
    units: List[Unit] = []
    fields: Optional[Dict[str, str]] = None
    for number, raw, obj in json_lines(path):
        i = number - 1  # the report's lines are 0-based
        # The first record fixes which keys are used, so a later record with a different key set is an error.
        if fields is None:
            fields = resolve_fields(list(obj), options.columns, path, what="key")
        if fields["source"] not in obj:
            raise InputError(f"{path}:{number}: no {fields['source']!r} key")
        uid = obj.get(fields["id"]) if "id" in fields else None
        source = _text(obj.get(fields["source"]), path, i, fields["source"]) or ""
        translation = _text(obj.get(fields["translation"]), path, i, fields["translation"]) or ""
        units.append(Unit(
            id=None if uid is None else str(uid),
            source=source,
            translation=translation,
            reference=(_text(obj.get(fields["reference"]), path, i, fields["reference"]) or None)
            if "reference" in fields else None,
            source_line=i,
            target_line=i,
            source_column=cell_column(raw, source, "jsonl"),
            target_column=cell_column(raw, translation, "jsonl"),
        ))
    return BilingualFile(str(path), "jsonl", tuple(units))
