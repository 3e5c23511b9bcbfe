"""``tqcheck models list | verify | download``: the translation models of ``models.txt``."""

from __future__ import annotations

from typing import Any, Callable, List, Optional, TypeVar

import click

from tqcheck.commands.settings import device_options
from tqcheck.errors import ModelError

F = TypeVar("F", bound=Callable[..., Any])

# One sentence per source language for ``verify``: a news sentence with a name and a number.
SAMPLES = {
    "ar": "قالت وزارة الصحة إن 120 مريضا غادروا مستشفى الملك فهد يوم الاثنين.",
    "en": "The health ministry said 120 patients left King Fahd Hospital on Monday.",
}


def model_dir_option(func: F) -> F:
    """``--model-dir``, shared with ``tqcheck check --backtranslate``."""
    return click.option(
        "--model-dir", type=click.Path(file_okay=False), default=None,
        help="Folder of models (DIR/<org>--<name>), searched before the Hugging Face cache "
             "[env TQCHECK_MODELS].",
    )(func)


def engine_option(func: F) -> F:
    """``--engine``, shared with ``tqcheck check --backtranslate``."""
    return click.option(
        "--engine", type=click.Choice(["auto", "transformers", "ctranslate2"]), default=None,
        help="Translation engine; auto = CTranslate2 (int8) when installed, else transformers "
             "[env TQCHECK_ENGINE].",
    )(func)


def catalogue_option(func: F) -> F:
    return click.option(
        "--catalogue", type=click.Path(exists=True, dir_okay=False), default=None,
        help="Model catalogue to use instead of models.txt [env TQCHECK_MODELS_TXT].",
    )(func)


@click.group("models")
def models() -> None:
    """List, verify and download the translation models named in models.txt."""


@models.command("list")
@model_dir_option
@catalogue_option
def list_models(model_dir: Optional[str], catalogue: Optional[str]) -> None:
    """Show each model of the catalogue and where it is found (or 'missing')."""
    from tqcheck.models.catalogue import load_catalogue
    from tqcheck.models.convert import find_converted
    from tqcheck.models.locate import locate

    cat = load_catalogue(catalogue)
    click.echo(f"# {cat.origin}")
    for spec in cat.specs:
        found = locate(spec, model_dir)
        head = f"{spec.role:<8} {spec.langpair}  {spec.hf_id}@{spec.revision}"
        if found is None:
            click.echo(f"{head}  missing")
            continue
        ct2 = find_converted(found, "int8")
        extra = f", ctranslate2 int8: {ct2}" if ct2 else ""
        click.echo(f"{head}  {found.path} ({found.origin}, {found.resolved}{extra})")


@models.command("verify")
@model_dir_option
@engine_option
@device_options
@catalogue_option
def verify(model_dir: Optional[str], engine: Optional[str], device: Optional[str], compute_type: Optional[str],
           catalogue: Optional[str]) -> None:
    """Load each model and translate one sentence (exit 2 if any model is missing or fails)."""
    from tqcheck.models.catalogue import load_catalogue
    from tqcheck.models.engines.base import DecodeOptions
    from tqcheck.models.locate import locate, missing_message
    from tqcheck.models.translator import Translator

    options = DecodeOptions(device=device or "auto", compute_type=compute_type or "auto")

    failures: List[str] = []
    specs = load_catalogue(catalogue).specs
    for spec in specs:
        found = locate(spec, model_dir)
        if found is None:
            failures.append(missing_message(spec, model_dir))
            click.echo(f"{spec.role:<8} {spec.hf_id}  missing")
            continue
        try:
            translator = Translator(found, engine, options)
            output = translator.translate([SAMPLES.get(spec.src, SAMPLES["en"])])[0]
        except ModelError as exc:
            failures.append(str(exc))
            click.echo(f"{spec.role:<8} {spec.hf_id}  failed: {exc}")
            continue
        used = translator.options
        click.echo(f"{spec.role:<8} {spec.hf_id}  ok ({translator.engine_cls.name}, {used.device}, "
                   f"{used.compute_type}): {output}")
    if len(failures) == 1:
        raise ModelError(failures[0])
    if failures:
        raise ModelError(
            f"{len(failures)} of {len(specs)} models are missing or failed (see above); get them with "
            f"'tqcheck models download' on a machine with internet, or pass --model-dir DIR"
        )


@models.command("download")
@model_dir_option
@catalogue_option
@click.option("--convert/--no-convert", default=True, show_default=True,
              help="Convert to CTranslate2 int8 after the download (when CTranslate2 is installed).")
def download(model_dir: Optional[str], catalogue: Optional[str], convert: bool) -> None:
    """Fetch the models of the catalogue from the Hugging Face Hub (needs internet).

    Without --model-dir they go to the Hugging Face cache; with it, to DIR/<org>--<name>, a folder that can
    be copied to a machine without internet.
    """
    from tqcheck.models.catalogue import load_catalogue
    from tqcheck.models.download import download as fetch_model

    for spec in load_catalogue(catalogue).specs:
        found = fetch_model(spec, model_dir, "int8" if convert else None)
        click.echo(f"{spec.role:<8} {spec.hf_id}  {found.path} ({found.resolved})")
