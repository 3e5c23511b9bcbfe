"""TSV and CSV with a header row naming the columns: source, translation, optional reference and id.

Column names are matched case-insensitively, with aliases (``ar``/``en``/``ref``...) or the names given with
``--columns``. TSV has no quoting (a ``"`` in the text is just a character); CSV follows RFC 4180, so a
quoted field may span lines: the unit's line is the line its record starts on.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, List, Optional

from tqcheck.errors import InputError
from tqcheck.io.bilingual import BilingualFile, ReaderOptions, Unit, resolve_fields
from tqcheck.io.cellcolumn import cell_column
from tqcheck.io.text import read_text
from tqcheck.text.normalize import clean_text


def read_tsv(path: Path, options: ReaderOptions = ReaderOptions()) -> BilingualFile:
    return _read(path, options, "tsv", dict(delimiter="\t", quoting=csv.QUOTE_NONE))


def read_csv(path: Path, options: ReaderOptions = ReaderOptions()) -> BilingualFile:
    return _read(path, options, "csv", dict(delimiter=",", quotechar='"', strict=True))


def _cell(value: Optional[str]) -> str:
    return " ".join(clean_text(value or "").split())


def _read(path: Path, options: ReaderOptions, fmt: str, dialect: Any) -> BilingualFile:
    text = read_text(path)
    lines = text.split("\n")
    reader = csv.reader(lines, **dialect)
    try:
        header = next(reader)
        fields = resolve_fields([h.strip() for h in header], options.columns, path)
        index = {fld: [h.strip() for h in header].index(name) for fld, name in fields.items()}
        units: List[Unit] = []
        start = reader.line_num  # lines read so far = 0-based line of the next record
        for row in reader:
            line = start
            start = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise InputError(f"{path}: line {line + 1}: {len(row)} fields, the header has {len(header)}"
                                 + (" (a tab inside a cell?)" if fmt == "tsv" else ""))
            ref = _cell(row[index["reference"]]) if "reference" in index else ""
            source, translation = _cell(row[index["source"]]), _cell(row[index["translation"]])
            one_line = start == line + 1  # a quoted cell may take the record over several lines
            units.append(Unit(
                id=row[index["id"]].strip() or None if "id" in index else None,
                source=source,
                translation=translation,
                reference=ref or None,
                source_line=line,
                target_line=line,
                source_column=cell_column(lines[line], source, fmt) if one_line else None,
                target_column=cell_column(lines[line], translation, fmt) if one_line else None,
            ))
    except csv.Error as exc:
        raise InputError(f"{path}: malformed {fmt.upper()} near line {reader.line_num} ({exc})") from None
    except StopIteration:  # pragma: no cover - read_text refuses empty files
        raise InputError(f"{path}: file is empty") from None
    return BilingualFile(str(path), fmt, tuple(units))
