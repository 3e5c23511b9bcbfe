"""``tqcheck models download``: fetch the catalogue's models from the Hugging Face Hub (needs internet).

Only what tqcheck loads is fetched (config, tokenizer files and one copy of the PyTorch weights, safetensors
when the repository has them), not the TensorFlow, Flax or Rust copies that OPUS-MT repositories also hold.
A repository listing would retry for half a minute offline; ``snapshot_download`` fails at once.
With CTranslate2 installed the model is then converted to int8 once, beside it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from tqcheck.errors import ModelError
from tqcheck.models.catalogue import ModelSpec
from tqcheck.models.convert import convert, find_converted
from tqcheck.models.locate import WEIGHT_FILES, LocatedModel, locate

SMALL_FILES = ("*.json", "*.spm", "*.model", "*.txt")


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    line = lines[0] if lines else type(exc).__name__
    # The Hub client wraps the cause as "Got: ConnectError: ..."; the cause is what a user can act on.
    return line.removeprefix("Got: ").rstrip(".")


def fetch(spec: ModelSpec, model_dir: Optional[str | os.PathLike[str]] = None) -> Path:
    """Download ``spec`` into ``model_dir/<id with / as -->`` or, without ``model_dir``, the Hugging Face
    cache; returns the folder.

    Raises:
        ModelError: the Hub cannot be reached or refuses; one line that says what to do instead.
    """
    try:
        from huggingface_hub import snapshot_download
        from huggingface_hub.utils import logging as hub_logging
    except ImportError as exc:  # pragma: no cover - a dependency of transformers
        raise ModelError("huggingface_hub is not installed") from exc
    # The client logs each retry as a warning; the one line below says all a user needs.
    hub_logging.set_verbosity_error()
    local_dir = str(Path(model_dir).expanduser() / spec.folder_name) if model_dir else None
    try:
        path = Path(snapshot_download(spec.hf_id, revision=spec.revision, local_dir=local_dir,
                                      allow_patterns=[*SMALL_FILES, WEIGHT_FILES[0]]))
        if not (path / WEIGHT_FILES[0]).is_file():
            # An older repository without safetensors: take the PyTorch pickle instead.
            path = Path(snapshot_download(spec.hf_id, revision=spec.revision, local_dir=local_dir,
                                          allow_patterns=[WEIGHT_FILES[1]]))
    # The Hub client raises many kinds (HTTP, connection, offline mode, DNS, proxy, auth) and none of them
    # should reach a user as a traceback: each becomes one line with the way round it.
    except Exception as exc:  # noqa: BLE001
        raise ModelError(
            f"cannot download {spec.hf_id} (revision {spec.revision}) from the Hugging Face Hub: "
            f"{_first_line(exc)}. On a machine with internet run 'tqcheck models download --model-dir DIR', "
            f"copy DIR here and pass --model-dir DIR (or set TQCHECK_MODELS=DIR)"
        ) from exc
    return path


def download(spec: ModelSpec, model_dir: Optional[str | os.PathLike[str]] = None,
             quantization: Optional[str] = "int8") -> LocatedModel:
    """Fetch ``spec`` and, when ``quantization`` is set and CTranslate2 is installed, convert it.

    A model given a ``model_dir`` gets its conversion beside it (``ct2-int8``), so the folder can be copied
    to a machine without internet as it is.

    Raises:
        ModelError: the download or the conversion failed.
    """
    fetch(spec, model_dir)
    found = locate(spec, model_dir)
    if found is None:
        raise ModelError(f"{spec.hf_id} was downloaded but cannot be found; check {model_dir or 'the HF cache'}")
    if quantization and _has_ctranslate2() and find_converted(found, quantization) is None:
        convert(found, quantization, found.ct2_dir(quantization) if model_dir else None)
    return found


def _has_ctranslate2() -> bool:
    import importlib.util

    return importlib.util.find_spec("ctranslate2") is not None
