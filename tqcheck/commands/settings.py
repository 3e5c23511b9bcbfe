"""What ``tqcheck check`` and ``tqcheck audit`` share: their common options and how the command line, the
configuration file and the defaults resolve into pipeline options, a gate policy and a signature, so that a
pair audited gets the report ``check`` writes with the same options."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Any, Callable, Dict, Optional, TypeVar, cast

import click

from tqcheck.gate import FAIL_ON, threshold_options

F = TypeVar("F", bound=Callable[..., Any])


def show_progress() -> bool:
    """Progress bars on a terminal only, never in CI logs."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def device_options(func: F) -> F:
    """``--device`` and ``--compute-type`` (``check``, ``audit`` and ``models verify``)."""
    from tqcheck.models.engines.devices import COMPUTE_TYPES, DEVICES

    func = click.option(
        "--compute-type", type=click.Choice(COMPUTE_TYPES), default=None,
        help="Weights and arithmetic of the translation models; auto = int8 on CPU, int8_float16 on CUDA "
             "(CTranslate2), float32 (transformers) [default: auto].",
    )(func)
    return cast(F, click.option(
        "--device", type=click.Choice(DEVICES), default=None,
        help="Where the translation models run; auto = CUDA when the engine sees a GPU, else CPU "
             "[default: auto].",
    )(func))


def gate_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--min-chrf``, ``--min-corpus-chrf``, ``--max-ter``... (one option a score condition)."""
    for name, metric, scope in reversed(threshold_options()):
        func = click.option(f"--{name}", type=float, metavar="X",
                            help=f"Gate: {'each segment' if scope == 'segment' else 'the corpus'} must have "
                                 f"{metric} {'>=' if name.startswith('min') else '<='} X.")(func)
    return func


# The options of both commands, in the order --help shows them (click applies decorators bottom-up).
_SHARED: Any = (
    click.option("--aligned", is_flag=True,
                 help="Line i of each file is segment i (no sentence splitting or alignment)."),
    click.option("--include-untranslated", is_flag=True,
                 help="Also check units of a bilingual file not translated yet (no target, state new, Trados "
                      "Draft, memoQ NotStarted...); by default they are counted, not checked."),
    click.option("--columns", metavar="FIELD=NAME,...",
                 help="Column (or JSON key) names of a TSV/CSV/JSONL input, e.g. source=ar,translation=mt."),
    click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
                 help="Exit 1 when a flag of this severity or worse counts (never: always exit 0)."),
    click.option("--glossary", metavar="FILE", help="Names glossary: TSV arabic<TAB>english[<TAB>variant...]."),
    click.option("--checks", "checks", metavar="NAMES", help="Comma-separated checks to run (default: all)."),
    click.option("--check-option", "check_option", metavar="CHECK.KEY=VALUE", multiple=True,
                 help="An option or threshold of one check (repeatable), e.g. number.medium=off "
                      "(docs/checks.md lists them)."),
    click.option("--backtranslate", is_flag=True,
                 help="Round-trip and pseudo-reference scores (needs the models of models.txt)."),
    click.option("--model-dir", metavar="DIR", envvar="TQCHECK_MODELS",
                 help="Folder of translation models [env TQCHECK_MODELS]."),
    device_options,
    click.option("--waivers", metavar="FILE", help="Accepted findings (.toml or .jsonl): kept in the report as "
                 "waived, not counted by the gate."),
    gate_options,
    click.option("--config", "config_file", metavar="FILE",
                 help="Configuration file (default: tqcheck.toml or [tool.tqcheck] in pyproject.toml, upward "
                      "from the working directory)."),
    click.option("--no-config", is_flag=True, help="Ignore configuration files."),
)


def shared_options(func: F) -> F:
    """The options ``check`` and ``audit`` share (everything but the inputs and the outputs)."""
    for option in reversed(_SHARED):
        func = option(func)
    return func


@dataclass(frozen=True)
class Setup:
    """What the options (command line over configuration over defaults) resolve to."""

    settings: Any  # tqcheck.config.Effective
    options: Any  # tqcheck.pipeline.Options
    policy: Any  # tqcheck.gate.GatePolicy
    reader_options: Any  # tqcheck.io.bilingual.ReaderOptions
    waivers: Any
    signature: Dict[str, Any]


def resolve_settings(ctx: click.Context, params: Dict[str, Any], config_file: Optional[str],
                     no_config: bool) -> Setup:
    """Merge the command line (``params``, click names) over the configuration file over the defaults."""
    from tqcheck.config import discover, merge, parse_check_options, parse_columns
    from tqcheck.gate import GatePolicy, thresholds_from
    from tqcheck.io.bilingual import ReaderOptions
    from tqcheck.pipeline import Options

    config = discover(config_file, enabled=not no_config)
    explicit = {name for name in params if ctx.get_parameter_source(name) in (
        click.core.ParameterSource.COMMANDLINE, click.core.ParameterSource.ENVIRONMENT)}
    cli_values: Dict[str, Any] = dict(params)
    cli_values["checks"] = tuple(c.strip() for c in params["checks"].split(",") if c.strip()) \
        if params.get("checks") else None
    cli_values["check_option"] = parse_check_options(params.get("check_option", ()))
    cli_values["columns"] = parse_columns(params.get("columns"))
    settings = merge(cli_values, explicit, config)

    options = Options(
        aligned=settings["aligned"],
        checks=settings["checks"],
        glossary=settings["glossary"],
        backtranslate=settings["backtranslate"],
        model_dir=settings["model-dir"],
        engine=settings["engine"],
        device=settings["device"],
        compute_type=settings["compute-type"],
        cache=settings["cache"],
        progress=show_progress(),
        check_options=settings["check"],
        include_untranslated=settings["include-untranslated"],
    )
    waivers = None
    if settings["waivers"]:
        from tqcheck.waivers import load_waivers

        waivers = load_waivers(settings["waivers"])
    return Setup(settings, options, GatePolicy(settings["fail-on"], thresholds_from(settings.values)),
                 ReaderOptions(columns=settings["columns"]), waivers, {"config": settings.signature()})


def preflight(options: Any) -> None:
    """With --backtranslate, resolve the engine's device and compute type now: ``--device cuda`` without a
    GPU (or a compute type the device cannot run) is one error before any input is read."""
    if options.backtranslate:
        from tqcheck.models.backtranslate import resolve_decoding

        resolve_decoding(options.engine, options.device, options.compute_type)
