"""Configuration: ``tqcheck.toml``, or ``[tool.tqcheck]`` in ``pyproject.toml``, found upward from the working
directory (or named with ``--config``). Every option of ``tqcheck check`` can be set there under its long
name (``fail-on = "warning"``; ``fail_on`` works too); an option given on the command line wins.

``SETTINGS`` is the one table of the settings (key, kind, default, help) that the CLI, the validation and the
documentation read. Paths in a configuration file are relative to the folder of that file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, Mapping, Optional, Tuple

from tqcheck.errors import ConfigError

CONFIG_NAME = "tqcheck.toml"
# Settings that only say where and how the report is written: not part of the report's signature.
PRESENTATION = ("format", "output", "quiet", "annotate")
PYPROJECT = "pyproject.toml"


def toml_module() -> Any:
    """``tomllib`` (Python 3.11+) or its backport ``tomli``."""
    try:
        import tomllib
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    return tomllib


@dataclass(frozen=True)
class Setting:
    """One configurable option.

    Attributes:
        key: the TOML key, which is also the long option of ``tqcheck check`` (``--fail-on``).
        kind: bool, str, path, float, list (of strings), table (string -> string), tables (per-check options).
        default: the value when neither the command line nor a configuration sets it.
        help: one line for the documentation.
        choices: the allowed values of a str setting (empty: any).
        param: the click parameter name when it is not ``key`` with ``_`` for ``-``.
        cli: False for settings that only a configuration file can set.
    """

    key: str
    kind: str
    default: Any
    help: str
    choices: Tuple[str, ...] = ()
    param: Optional[str] = None
    cli: bool = True

    @property
    def param_name(self) -> str:
        return self.param or self.key.replace("-", "_")


def _settings() -> Tuple[Setting, ...]:
    from tqcheck.gate import FAIL_ON, METRICS, threshold_options
    from tqcheck.io.bilingual import input_format_names
    from tqcheck.models.engines.devices import COMPUTE_TYPES, DEVICES
    from tqcheck.report import RENDERERS

    base = (
        Setting("aligned", "bool", False, "Line i of each file is segment i (no sentence splitting or alignment)."),
        Setting("include-untranslated", "bool", False, "Also check the units of a bilingual file that are not "
                "translated yet (no target; state new, Trados Draft, memoQ NotStarted...)."),
        Setting("input-format", "str", None, "Format of SOURCE when its extension does not tell.",
                input_format_names()),
        Setting("columns", "table", {}, "Column (or JSON key) names of TSV/CSV/JSONL inputs, "
                "e.g. {source = \"ar\", translation = \"mt\"}."),
        Setting("format", "str", "text", "Report format (text, json, jsonl, junit, sarif, ...: see --help).",
                tuple(sorted(RENDERERS)), param="fmt"),
        Setting("output", "path", None, "Write the report here (the folder of reports with --batch)."),
        Setting("quiet", "bool", False, "With --output, do not print the summary on stderr."),
        Setting("annotate", "path", None, "Write a copy of the XLIFF input with the findings attached to their "
                "units (ITS 2.0 Localization Quality Issues and notes)."),
        Setting("fail-on", "str", "error", "Exit 1 when a flag of this severity or worse counts; never: always 0.",
                FAIL_ON),
        Setting("glossary", "path", None, "Names glossary (TSV: arabic, english, allowed variants...)."),
        Setting("checks", "list", None, "Checks to run (default: all enabled by default)."),
        Setting("check", "tables", {}, "Per-check options and thresholds: [check.NAME] tables "
                "(CLI: --check-option NAME.KEY=VALUE).", param="check_option"),
        Setting("backtranslate", "bool", False, "Round-trip and pseudo-reference scores (models of models.txt)."),
        Setting("model-dir", "path", None, "Folder of translation models (env TQCHECK_MODELS)."),
        Setting("engine", "str", None, "Translation engine for --backtranslate (transformers, ctranslate2).",
                cli=False),
        Setting("device", "str", "auto", "Where the translation models run (auto: CUDA when the engine sees a "
                "GPU, else CPU).", DEVICES),
        Setting("compute-type", "str", "auto", "Weights and arithmetic of the translation models (auto: int8 on "
                "CPU, int8_float16 on CUDA with CTranslate2; float32 with transformers).", COMPUTE_TYPES),
        Setting("cache", "path", None, "Translation cache (sqlite file).", cli=False),
        Setting("waivers", "path", None, "Waiver file of accepted findings (.toml or .jsonl)."),
        Setting("baseline", "path", None, "Earlier JSON report: only findings not in it fail the gate "
                "(with --batch: the folder of an earlier batch run)."),
    )
    gates = tuple(
        Setting(name, "float", None, (f"{'Minimum' if METRICS[m][0] == 'min' else 'Maximum'} "
                                      f"{'corpus' if s == 'corpus' else 'segment'} {METRICS[m][1]}"
                                      + (" (each segment outside gets a score flag)." if s == "segment" else ".")))
        for name, m, s in threshold_options())
    return base + gates


SETTINGS: Tuple[Setting, ...] = ()  # filled on first use (imports the format and renderer registries)


def settings() -> Tuple[Setting, ...]:
    global SETTINGS
    if not SETTINGS:
        SETTINGS = _settings()
    return SETTINGS


def setting(key: str) -> Setting:
    return next(s for s in settings() if s.key == key)


@dataclass(frozen=True)
class Config:
    """A configuration file's validated values (paths resolved), or an empty one."""

    path: Optional[Path] = None
    values: Mapping[str, Any] = field(default_factory=dict)


def find_config(start: Optional[Path] = None) -> Optional[Path]:
    """The nearest ``tqcheck.toml``, or ``pyproject.toml`` with a ``[tool.tqcheck]`` table, from ``start``
    (the working directory) up to the root. In one folder ``tqcheck.toml`` wins."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and re.search(r"^\s*\[\s*tool\s*\.\s*tqcheck\s*[\].]", _read(pyproject), re.M):
            return pyproject
    return None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None


def _line_of(text: str, key: str) -> Optional[int]:
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=|^\s*\[+\s*(tool\.tqcheck\.)?{re.escape(key)}\b",
                         re.M)
    m = pattern.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def load_config(path: Path) -> Config:
    """Read and validate a configuration file.

    Raises:
        ConfigError: unreadable or malformed; the message names the file and, where known, the line.
    """
    tomllib = toml_module()
    text = _read(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except (ValueError, RecursionError) as exc:  # a 5,000-digit integer, arrays nested too deep
        from tqcheck.io.jsonl import json_limit

        raise ConfigError(f"{path}: invalid TOML ({json_limit(exc)})") from None
    if path.name == PYPROJECT:
        table = data.get("tool", {}).get("tqcheck")
        if table is None:
            raise ConfigError(f"{path}: no [tool.tqcheck] table")
    else:
        table = data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.tqcheck] must be a table")
    values: Dict[str, Any] = {}
    known = {s.key: s for s in settings()}
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        line = _line_of(text, raw_key)
        where = f"{path}:{line}" if line else str(path)
        if key not in known:
            close = [k for k in known if k.split("-")[-1] == key.split("-")[-1]]
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"{where}: unknown setting {raw_key!r}{hint}; "
                              f"settings: {', '.join(sorted(known))}")
        values[key] = _validate(known[key], value, where, path.parent)
    return Config(path, values)


def _validate(s: Setting, value: Any, where: str, base: Path) -> Any:
    def bad(expected: str) -> ConfigError:
        return ConfigError(f"{where}: {s.key} must be {expected} (got {value!r})")

    if s.kind == "bool":
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    if s.kind == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise bad("a number")
        from tqcheck.errors import UsageError
        from tqcheck.gate import Threshold, threshold_options

        try:
            _, metric, scope = next(t for t in threshold_options() if t[0] == s.key)
            Threshold(metric, float(value), scope)
        except UsageError as exc:
            raise ConfigError(f"{where}: {exc}") from None
        return float(value)
    if s.kind in ("str", "path"):
        if not isinstance(value, str) or not value.strip():
            raise bad("a non-empty string")
        if s.choices and value not in s.choices:
            raise bad(f"one of {', '.join(s.choices)}")
        if s.kind == "path":
            p = Path(os.path.expanduser(value))
            return str(p if p.is_absolute() else base / p)
        return value
    if s.kind == "list":
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad("a list of strings")
        if s.key == "checks":
            _known_checks(value, where)
        return tuple(value)
    if s.kind == "table":
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise bad("a table of strings")
        return dict(value)
    if s.kind == "tables":
        if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
            raise bad("tables [check.NAME] of options")
        _known_checks(list(value), where)
        from tqcheck.checks.options import validate

        problem = validate(value, where)
        if problem:
            raise ConfigError(problem)
        return {k: dict(v) for k, v in value.items()}
    raise AssertionError(s.kind)  # pragma: no cover


def _known_checks(names: Iterable[str], where: str) -> None:
    from tqcheck.checks import registered

    reg = registered()
    for name in names:
        if name not in reg:
            raise ConfigError(f"{where}: unknown check {name!r}; known checks: {', '.join(sorted(reg))}")


def discover(explicit: Optional[str] = None, *, enabled: bool = True, start: Optional[Path] = None) -> Config:
    """The configuration in force: ``explicit`` (``--config``), else the nearest one, else none."""
    if explicit:
        p = Path(explicit)
        if not p.is_file():
            raise ConfigError(f"{p}: no such configuration file")
        return load_config(p)
    if not enabled:
        return Config()
    found = find_config(start)
    return load_config(found) if found else Config()


@dataclass(frozen=True)
class Effective:
    """The settings in force for one run, and where each came from (cli, config or default)."""

    values: Mapping[str, Any]
    sources: Mapping[str, str]
    config_path: Optional[Path] = None

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def signature(self) -> Dict[str, Any]:
        """What goes into the report's signature (``signature.config``).

        Where the report goes and in which format (format, output, quiet) change nothing in it and are left
        out, so that the same run written as JSON and as HTML has the same signature.
        """
        def plain(v: Any) -> Any:
            if isinstance(v, tuple):
                return list(v)
            if isinstance(v, dict):
                return {k: plain(x) for k, x in v.items()}
            return v

        kept = {k: v for k, v in self.values.items() if k not in PRESENTATION}
        return {"file": str(self.config_path) if self.config_path else None,
                "settings": {k: plain(v) for k, v in kept.items()},
                "from_config": sorted(k for k in kept if self.sources[k] == "config"),
                "from_cli": sorted(k for k in kept if self.sources[k] == "cli")}


def merge(cli_values: Mapping[str, Any], explicit: Iterable[str], config: Config) -> Effective:
    """Merge the command line over the configuration over the defaults.

    Args:
        cli_values: click parameter name -> value (as parsed).
        explicit: the click parameter names the user gave (command line or environment).
        config: the configuration file's values.
    """
    given = set(explicit)
    values: Dict[str, Any] = {}
    sources: Dict[str, str] = {}
    for s in settings():
        name = s.param_name
        if s.cli and name in given:
            value = cli_values[name]
            if s.kind == "tables" and s.key in config.values:  # --check-option refines [check.NAME] key by key
                merged = {k: dict(v) for k, v in config.values[s.key].items()}
                for check, opts in value.items():
                    merged.setdefault(check, {}).update(opts)
                value = merged
            values[s.key], sources[s.key] = value, "cli"
        elif s.key in config.values:
            values[s.key], sources[s.key] = config.values[s.key], "config"
        else:
            values[s.key], sources[s.key] = s.default, "default"
    return Effective(values, sources, config.path)


def parse_check_options(items: Iterable[str]) -> Dict[str, Dict[str, Any]]:
    """``--check-option number.medium=off`` values into ``{"number": {"medium": "off"}}``.

    The value is read as a TOML value when it is one (numbers, booleans, quoted strings, arrays), else kept
    as a string.
    """
    from tqcheck.errors import UsageError

    tomllib = toml_module()
    out: Dict[str, Dict[str, Any]] = {}
    for item in items:
        name, eq, value = item.partition("=")
        check, dot, key = name.strip().partition(".")
        if not (eq and dot and check and key):
            raise UsageError(f"--check-option {item!r}: write CHECK.KEY=VALUE, e.g. number.medium=off")
        try:
            parsed: Any = tomllib.loads(f"v = {value.strip()}")["v"]
        except tomllib.TOMLDecodeError:
            parsed = value.strip()
        out.setdefault(check, {})[key] = parsed
    _known_checks(out, "--check-option")
    from tqcheck.checks.options import validate

    problem = validate(out, "--check-option")
    if problem:
        raise UsageError(problem)
    return out


def parse_columns(value: Optional[str]) -> Dict[str, str]:
    """``--columns source=ar,translation=mt`` into a field -> column mapping."""
    from tqcheck.errors import UsageError

    out: Dict[str, str] = {}
    for part in (value or "").split(","):
        if not part.strip():
            continue
        fld, eq, name = part.partition("=")
        if not eq or not name.strip():
            raise UsageError(f"--columns {value!r}: write FIELD=NAME,..., e.g. source=ar,translation=mt")
        out[fld.strip()] = name.strip()
    return out


def reference_table() -> str:
    """The configuration reference as a Markdown table (docs/configuration.md shows it; a test keeps them equal)."""
    def default(s: Setting) -> str:
        if s.default in (None, {}, ()):
            return ""
        return f"`{str(s.default).lower() if isinstance(s.default, bool) else s.default}`"

    kinds = {"bool": "boolean", "str": "string", "path": "path", "float": "number", "list": "list of strings",
             "table": "table", "tables": "tables"}
    rows = ["| key | type | default | command line | meaning |", "|---|---|---|---|---|"]
    for s in settings():
        # The renderers are a registry that grows (html...): the table does not list them.
        listed = s.choices if s.choices and s.key != "format" else ()
        kind = kinds[s.kind] + (f": {', '.join(listed)}" if listed else "")
        flag = "--check-option" if s.key == "check" else f"--{s.key}" if s.cli else "(config only)"
        rows.append(f"| `{s.key}` | {kind} | {default(s)} | `{flag}` | {s.help} |".replace("`(config only)`",
                                                                                         "config only"))
    return "\n".join(rows) + "\n"
