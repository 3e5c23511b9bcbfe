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
    "audit": ("tqcheck.commands.audit", "audit",
              "Check every pair of a manifest (locally or on Ray); reports and a summary."),
    "waive": ("tqcheck.commands.waive", "waive", "Accept findings of a JSON report: append them to a waiver file."),
    "compare": ("tqcheck.commands.compare", "compare", "Is system B significantly better than A? (paired bootstrap)"),
    "report": ("tqcheck.commands.report", "report", "Render a saved JSON report as a self-contained HTML page."),
    "glossary": ("tqcheck.commands.glossary", "glossary", "Learn a names glossary from approved translations."),
    "models": ("tqcheck.commands.models", "models", "List, verify and download the back-translation models."),
}


# Exit status of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).
INTERRUPTED = 130


def fail(message: str, code: int = 2) -> int:
    """Print a one-line error on stderr and return the exit code."""
    from tqcheck.report.terminal import neutralise

    click.echo(f"tqcheck: error: {neutralise(' '.join(str(message).split()))}", err=True)
    return code


def _terminate_as_interrupt() -> None:
    """Make SIGTERM behave like Ctrl-C, so that an interrupted run cleans up its temporary files and keeps
    what the translation cache already holds (both happen on the way out of the exception)."""
    import signal
    import threading

    def handler(signum: int, frame: Any) -> None:
        # One interrupt is enough: a second SIGTERM while the run unwinds must not escape the handler.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        try:
            signal.signal(signal.SIGTERM, handler)
        except (ValueError, OSError):  # pragma: no cover - embedded interpreters
            pass


def _ignore_late_terminate() -> None:
    """Once the outcome is decided, a SIGTERM must not turn a finished run into a crash at exit."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        try:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
        except (ValueError, OSError):  # pragma: no cover
            pass


class LazyGroup(click.Group):
    """A group that imports a sub-command's module only when that command runs, and that turns every
    error into one line on stderr and an exit code (2 for bad usage or input) instead of a traceback."""

    def main(self, args: Any = None, prog_name: Optional[str] = None, complete_var: Optional[str] = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        from tqcheck.errors import TqcheckError

        _terminate_as_interrupt()
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = rv if isinstance(rv, int) else 0
        except click.UsageError as exc:
            hint = f" (see 'tqcheck {exc.ctx.command.name} --help')" if exc.ctx and exc.ctx.parent else ""
            code = fail(exc.format_message() + hint, 2)
        except click.ClickException as exc:
            code = fail(exc.format_message(), exc.exit_code)
        except TqcheckError as exc:
            code = fail(str(exc), 2)
        except (click.Abort, KeyboardInterrupt):
            # finished reports (audit, --batch) are kept; the one being written is removed
            click.echo("tqcheck: interrupted; no report was left half-written", err=True)
            code = INTERRUPTED
        except BrokenPipeError:  # pragma: no cover - `tqcheck check ... | head`
            code = 0
        except Exception as exc:  # a bug: still one line, and never an exit code that reads "gate failed"
            import os

            if os.environ.get("TQCHECK_DEBUG"):
                raise
            code = fail(f"internal error: {type(exc).__name__}: {exc} (run with TQCHECK_DEBUG=1 for the "
                        "traceback, and please report it)", 2)
        _ignore_late_terminate()
        if standalone_mode:
            sys.exit(code)
        return code

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
@click.version_option(__version__, "-V", "--version", prog_name="tqcheck")
def cli() -> None:
    """tqcheck: translation-quality checks for Arabic sources and their English machine translation.

    Exit codes: 0 the gate passed, 1 the gate failed (a flag at or above --fail-on), 2 bad usage or input.
    """


def main(argv: Optional[List[str]] = None) -> Any:
    """Console-script entry point: runs the command and exits with its code."""
    code = cli.main(args=argv, prog_name="tqcheck", standalone_mode=False)
    if code == INTERRUPTED:
        # The run has unwound: temporary reports are removed and the cache has what it committed. Leave
        # now, before interpreter shutdown, where a signal arriving late (or one a library raises while it
        # exits) would turn exit status 130 into a death by SIGINT (seen under load as status -2).
        import os

        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(INTERRUPTED)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
