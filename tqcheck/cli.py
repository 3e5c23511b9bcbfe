"""The command line: a click group whose sub-commands live in ``tqcheck.commands`` and load on demand.

This is the only place (with ``tqcheck.commands``) that prints or exits. Exit codes: 0 the gate passed,
1 the gate failed, 2 bad usage or input. ``tqcheck --help`` imports no command module, so it stays cheap.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any, Dict, List, Optional, Tuple

import click

from tqcheck import __version__

# name -> (module, attribute, one-line help). Help is written here so that ``--help`` loads no module.
COMMANDS: Dict[str, Tuple[str, str, str]] = {
    "check": ("tqcheck.commands.check", "check", "Align, score and check a translation; report every problem."),
    "align": ("tqcheck.commands.align", "align", "Align source and translation sentences; print the beads."),
    "models": ("tqcheck.commands.models", "models", "List, verify and download the back-translation models."),
}


class LazyGroup(click.Group):
    """A group that imports a sub-command's module only when that command runs."""

    def list_commands(self, ctx: click.Context) -> List[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> Optional[click.Command]:
        if cmd_name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[cmd_name]
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tqcheck")
def cli() -> None:
    """tqcheck: translation-quality checks for Arabic sources and their English machine translation.

    Exit codes: 0 the gate passed, 1 the gate failed (a flag at or above --fail-on), 2 bad usage or input.
    """


def main(argv: Optional[List[str]] = None) -> Any:
    """Console-script entry point."""
    return cli.main(args=argv, prog_name="tqcheck")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
