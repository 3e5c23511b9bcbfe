"""Converting a Hugging Face model to CTranslate2 (int8 on CPU by default), once per model and revision.

A conversion shipped with the model (``<model>/ct2-<quantization>``) is used as it is; otherwise the model is
converted on first use into the tqcheck cache folder, keyed by the model's resolved revision, and reused.
"""

from __future__ import annotations

import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Optional

from tqcheck.errors import ModelError
from tqcheck.models.cache import cache_root
from tqcheck.models.engines.text import quiet_transformers
from tqcheck.models.locate import WEIGHT_FILES, LocatedModel

# int16 is left out: the x86 wheels run it only with Intel MKL, and not on AMD CPUs such as this one.
QUANTIZATIONS = ("int8", "int8_float32", "float32")


def converted_dir(model: LocatedModel, quantization: str) -> Path:
    """Where tqcheck keeps its own conversion of ``model``."""
    revision = model.resolved.replace(":", "-")
    return cache_root() / "ct2" / f"{model.spec.folder_name}@{revision}" / quantization


def find_converted(model: LocatedModel, quantization: str) -> Optional[Path]:
    """An existing conversion of ``model``: shipped with it first, then tqcheck's own."""
    for path in (model.ct2_dir(quantization), converted_dir(model, quantization)):
        if (path / "model.bin").is_file():
            return path
    return None


def convert(model: LocatedModel, quantization: str = "int8", output: Optional[Path] = None) -> Path:
    """Convert ``model`` to CTranslate2 into ``output`` (default ``converted_dir``); returns the folder.

    The conversion is written to a temporary folder beside the target and renamed, so an interrupted run
    never leaves a half-written model that a later run would load.

    Raises:
        ModelError: no PyTorch weights to convert, CTranslate2 missing, or the converter failed.
    """
    if quantization not in QUANTIZATIONS:
        raise ModelError(f"unknown CTranslate2 quantization {quantization!r}; use one of {', '.join(QUANTIZATIONS)}")
    if not any((model.path / name).is_file() for name in WEIGHT_FILES):
        raise ModelError(f"{model.spec.hf_id} at {model.path} has no weights to convert to CTranslate2")
    try:
        from ctranslate2.converters import TransformersConverter
    except ImportError as exc:
        raise ModelError("CTranslate2 is not installed (pip install ctranslate2)") from exc
    target = output or converted_dir(model, quantization)
    target.parent.mkdir(parents=True, exist_ok=True)
    quiet_transformers()
    tmp = Path(tempfile.mkdtemp(prefix=".converting-", dir=target.parent))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            TransformersConverter(str(model.path)).convert(str(tmp / "model"), quantization=quantization, force=True)
        if target.exists():
            shutil.rmtree(target)
        (tmp / "model").rename(target)
    except (OSError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise ModelError(f"cannot convert {model.spec.hf_id} to CTranslate2: {exc}") from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def ensure_converted(model: LocatedModel, quantization: str = "int8") -> Path:
    """An existing conversion, or a new one."""
    return find_converted(model, quantization) or convert(model, quantization)
