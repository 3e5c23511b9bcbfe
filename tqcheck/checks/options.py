"""The options each check accepts (``[check.NAME]`` tables, ``--check-option NAME.KEY=VALUE``).

A key that is not here, or a value of the wrong kind, is an error naming it (exit 2): a misspelt option must
not fall back to the default in silence. docs/checks.md documents each option; a test runs each one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional, Tuple


@dataclass(frozen=True)
class CheckOption:
    """One option: its default, the values allowed (``choices``) or its type and lower bound."""

    default: Any
    help: str
    choices: Tuple[str, ...] = ()
    minimum: Optional[int] = None

    def validate(self, value: Any) -> Optional[str]:
        """None when ``value`` is allowed, else what is expected."""
        if self.choices:
            return None if value in self.choices else f"one of {', '.join(self.choices)}"
        if self.minimum is not None:
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= self.minimum
            return None if ok else f"a whole number >= {self.minimum}"
        return None  # pragma: no cover - every option has choices or a minimum


OPTIONS: Dict[str, Dict[str, CheckOption]] = {
    "number": {
        "medium": CheckOption("error", "error: also flag the words two to ten and the Arabic duals; off: only "
                                       "quantities written with digits or unambiguous words", ("error", "off")),
    },
    "untranslated": {
        "min_letters": CheckOption(1, "flag a run of Arabic text in the translation from this many Arabic "
                                      "letters on", minimum=1),
    },
}


def validate(tables: Mapping[str, Mapping[str, Any]], where: str) -> Optional[str]:
    """The first problem of ``{check: {key: value}}`` as a message, or None."""
    for check, values in tables.items():
        known = OPTIONS.get(check, {})
        for key, value in values.items():
            if key not in known:
                accepted = ", ".join(sorted(known)) or "none"
                return f"{where}: unknown option {check}.{key} (options of {check}: {accepted})"
            expected = known[key].validate(value)
            if expected:
                return f"{where}: {check}.{key} = {value!r}: expected {expected}"
    return None


def option(context_options: Mapping[str, Any], check: str, key: str) -> Any:
    """The value of an option for a run (its default when not given)."""
    return context_options.get(key, OPTIONS[check][key].default)
