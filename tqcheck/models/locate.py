"""Where a model of the catalogue is on disk: a ``--model-dir`` folder or the Hugging Face cache.

Nothing here downloads: the Hugging Face cache is read with ``local_files_only=True``. A model folder holds
the Hugging Face files (``config.json``, tokenizer files, weights) and, optionally, a CTranslate2 conversion
in a ``ct2-<quantization>`` sub-folder (``tqcheck models download`` writes one).

Layout of a model directory (``--model-dir DIR`` or ``$TQCHECK_MODELS``)::

    DIR/Helsinki-NLP--opus-mt-ar-en/config.json ...   (the id with "/" written "--")
    DIR/Helsinki-NLP/opus-mt-ar-en/config.json ...    (or nested, as ``snapshot_download(local_dir=...)``)
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, List, Optional

from tqcheck.errors import ModelError
from tqcheck.models.catalogue import ModelSpec

MODELS_ENV = "TQCHECK_MODELS"
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
# Reading whole weight files (300 MB to 2.5 GB) on every run would cost more than the cache saves, so the
# fingerprint of a folder hashes its config and the head and tail of each weight file, plus the sizes.
_FINGERPRINT_CHUNK = 1 << 20


@dataclass(frozen=True)
class LocatedModel:
    """A model found on disk.

    Attributes:
        spec: the catalogue line.
        path: the folder with ``config.json`` and the tokenizer files.
        origin: ``model-dir`` or ``hf-cache``.
        resolved: what the files are: the commit hash of a Hugging Face cache snapshot, or a content
            fingerprint (``sha1:...``) of a model folder. Part of every cache key, so new weights never
            reuse old translations.
    """

    spec: ModelSpec
    path: Path
    origin: str
    resolved: str

    def ct2_dir(self, quantization: str) -> Path:
        """Where a CTranslate2 conversion shipped with the model would be."""
        return self.path / f"ct2-{quantization}"

    def signature(self) -> dict:
        return {
            "model": self.spec.hf_id,
            "revision": self.spec.revision,
            "resolved": self.resolved,
            "origin": self.origin,
        }


def model_dirs(model_dir: Optional[str | os.PathLike[str]] = None) -> List[Path]:
    """The folders searched before the Hugging Face cache: ``model_dir``, then ``$TQCHECK_MODELS``
    (``os.pathsep``-separated)."""
    roots: List[Path] = []
    if model_dir:
        roots.append(Path(model_dir).expanduser())
    for part in os.environ.get(MODELS_ENV, "").split(os.pathsep):
        if part:
            roots.append(Path(part).expanduser())
    return roots


def _candidates(spec: ModelSpec, root: Path) -> Iterator[Path]:
    yield root / spec.folder_name
    yield root.joinpath(*spec.hf_id.split("/"))


def _is_model_folder(path: Path) -> bool:
    return (path / "config.json").is_file() or any((path / name / "model.bin").is_file()
                                                     for name in ("ct2-int8", "ct2-float32"))


def fingerprint(path: Path) -> str:
    """A content fingerprint of a model folder (config and weights), cheap enough for every run."""
    digest = hashlib.sha1()
    names = ["config.json", *WEIGHT_FILES]
    if not any((path / name).is_file() for name in WEIGHT_FILES):
        names += [f"{sub}/model.bin" for sub in ("ct2-int8", "ct2-float32")]
    for name in names:
        file = path / name
        if not file.is_file():
            continue
        size = file.stat().st_size
        digest.update(f"{name}:{size}:".encode())
        with file.open("rb") as handle:
            digest.update(handle.read(_FINGERPRINT_CHUNK))
            if size > 2 * _FINGERPRINT_CHUNK:
                handle.seek(-_FINGERPRINT_CHUNK, os.SEEK_END)
                digest.update(handle.read())
    return "sha1:" + digest.hexdigest()[:16]


def _from_hf_cache(spec: ModelSpec) -> Optional[Path]:
    try:
        from huggingface_hub import snapshot_download
        from huggingface_hub.errors import LocalEntryNotFoundError
    except ImportError:  # pragma: no cover - a dependency of transformers
        return None
    try:
        return Path(snapshot_download(spec.hf_id, revision=spec.revision, local_files_only=True))
    except (LocalEntryNotFoundError, OSError, ValueError):
        return None


def locate(spec: ModelSpec, model_dir: Optional[str | os.PathLike[str]] = None) -> Optional[LocatedModel]:
    """Find ``spec`` in the model folders, then in the Hugging Face cache; None when it is nowhere."""
    for root in model_dirs(model_dir):
        for path in _candidates(spec, root):
            if _is_model_folder(path):
                return LocatedModel(spec, path, "model-dir", fingerprint(path))
    snapshot = _from_hf_cache(spec)
    if snapshot is not None and _is_model_folder(snapshot):
        return LocatedModel(spec, snapshot, "hf-cache", snapshot.name)
    return None


def missing_message(spec: ModelSpec, model_dir: Optional[str | os.PathLike[str]] = None) -> str:
    """One line that names the missing model and the two ways to get it."""
    searched = ", ".join(str(r) for r in model_dirs(model_dir))
    where = f"not in {searched} nor" if searched else "not in"
    return (
        f"the {spec.role} model {spec.hf_id} ({spec.langpair}, revision {spec.revision}) is {where} the "
        f"Hugging Face cache; run 'tqcheck models download' on a machine with internet, or pass "
        f"--model-dir DIR (or set {MODELS_ENV}) with a folder DIR/{spec.folder_name}"
    )


def require(spec: ModelSpec, model_dir: Optional[str | os.PathLike[str]] = None) -> LocatedModel:
    """Like ``locate`` but a missing model is an error.

    Raises:
        ModelError: the model is nowhere; the message says how to get it.
    """
    found = locate(spec, model_dir)
    if found is None:
        raise ModelError(missing_message(spec, model_dir))
    return found
