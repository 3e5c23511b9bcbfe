"""docs/cli.md is generated from the commands' own --help (docs/gen_cli.py): it must be up to date, and every
command and every option of the `tqcheck --help` tree must be in it, with help text."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any, List, Tuple

import click
import pytest

ROOT = Path(__file__).resolve().parents[1]


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("gen_cli", ROOT / "docs" / "gen_cli.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()
COMMANDS: List[Tuple[List[str], click.Command]] = list(GEN.commands())
PAGE = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def test_cli_md_is_what_the_generator_writes():
    assert PAGE == GEN.render(), "docs/cli.md is out of date: run .venv/bin/python docs/gen_cli.py"


def test_every_command_is_in_the_tree():
    """The tree the generator walks holds every command of the group (and the sub-commands of groups)."""
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"tqcheck check", "tqcheck audit", "tqcheck align", "tqcheck models verify",
            "tqcheck glossary learn"} <= names
    from tqcheck.cli import COMMANDS as TOP

    assert {f"tqcheck {n}" for n in TOP} <= names


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_each_command_and_option_is_documented(path, command):
    section = PAGE.split(f"\n## `{' '.join(path)}`\n", 1)
    assert len(section) == 2, f"no section for {' '.join(path)} in docs/cli.md"
    body = section[1].split("\n## ", 1)[0]
    assert (command.help or command.short_help or "").strip(), f"{' '.join(path)} has no help text"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert (param.help or "").strip() or param.is_flag and param.name in ("version", "help"), \
                f"{' '.join(path)} {param.opts[0]} has no help text"
            for opt in param.opts + param.secondary_opts:
                assert opt in body, f"{' '.join(path)} {opt} is not in docs/cli.md"
        elif isinstance(param, click.Argument):
            assert (param.metavar or param.name.upper()) in body
