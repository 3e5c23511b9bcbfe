"""``models.txt``: which translation model plays which role.

One model a line, ``ROLE LANGPAIR HF_ID [REVISION] [key=value ...]``; ``#`` starts a comment. The file at the
top of the repository is the default; a package installed without it falls back to ``DEFAULT_LINES`` (the
same two OPUS-MT lines; a test keeps them equal).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, Mapping, Optional, Tuple

from tqcheck.errors import ConfigError

ROLES = ("forward", "backward")
# What each role must translate: tqcheck checks Arabic sources against English translations.
ROLE_PAIRS = {"forward": ("ar", "en"), "backward": ("en", "ar")}
OPTION_KEYS = ("prefix", "src_lang", "tgt_lang")
DEFAULT_REVISION = "main"
CATALOGUE_ENV = "TQCHECK_MODELS_TXT"

DEFAULT_LINES = (
    "forward ar-en Helsinki-NLP/opus-mt-ar-en main",
    "backward en-ar Helsinki-NLP/opus-mt-en-ar main",
)

_LANGPAIR_RE = re.compile(r"^([a-z]{2,3})-([a-z]{2,3})$")
_HF_ID_RE = re.compile(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$")
_REVISION_RE = re.compile(r"^[\w./-]+$")


@dataclass(frozen=True)
class ModelSpec:
    """One line of ``models.txt``.

    Attributes:
        role: ``forward`` (source -> target) or ``backward`` (target -> source).
        src / tgt: ISO 639-1 codes from LANGPAIR.
        hf_id: the Hugging Face model id, e.g. ``Helsinki-NLP/opus-mt-ar-en``.
        revision: a commit hash or branch name; ``main`` when the line gives none.
        options: ``prefix``, ``src_lang``, ``tgt_lang`` (see ``models.txt``).
        line: 1-based line in the file it came from (0 for built-in defaults).
    """

    role: str
    src: str
    tgt: str
    hf_id: str
    revision: str = DEFAULT_REVISION
    options: Mapping[str, str] = field(default_factory=dict)
    line: int = 0

    @property
    def langpair(self) -> str:
        return f"{self.src}-{self.tgt}"

    @property
    def folder_name(self) -> str:
        """The folder under ``--model-dir`` that holds this model: the id with ``/`` written ``--``."""
        return self.hf_id.replace("/", "--")

    def describe(self) -> str:
        return f"{self.role} {self.langpair} {self.hf_id}@{self.revision}"


@dataclass(frozen=True)
class Catalogue:
    """The active models, one per role, and the file they came from."""

    specs: Tuple[ModelSpec, ...]
    origin: str

    def get(self, role: str) -> ModelSpec:
        """The model for ``role``; ConfigError if the catalogue has none or it translates the wrong way."""
        for spec in self.specs:
            if spec.role == role:
                want = ROLE_PAIRS[role]
                if (spec.src, spec.tgt) != want:
                    raise ConfigError(
                        f"{self.origin}:{spec.line}: the {role} model must translate {want[0]}-{want[1]}, "
                        f"not {spec.langpair}"
                    )
                return spec
        raise ConfigError(f"{self.origin}: no '{role}' model; add a line such as '{_default_line(role)}'")


def _default_line(role: str) -> str:
    return next(line for line in DEFAULT_LINES if line.startswith(role + " "))


def parse_line(text: str, line: int = 0, origin: str = "models.txt") -> Optional[ModelSpec]:
    """Parse one line; None for a blank or comment line.

    Raises:
        ConfigError: the line is malformed; the message names the file and line.
    """
    body = text.split("#", 1)[0].strip()
    if not body:
        return None
    where = f"{origin}:{line}"
    words = body.split()
    if len(words) < 3:
        raise ConfigError(f"{where}: expected 'ROLE LANGPAIR HF_ID [REVISION]', got {body!r}")
    role, langpair, hf_id, rest = words[0], words[1], words[2], words[3:]
    if role not in ROLES:
        raise ConfigError(f"{where}: unknown role {role!r}; use one of {', '.join(ROLES)}")
    pair = _LANGPAIR_RE.match(langpair)
    if not pair:
        raise ConfigError(f"{where}: language pair {langpair!r} is not of the form 'ar-en'")
    if not _HF_ID_RE.match(hf_id) or "--" in hf_id:
        raise ConfigError(f"{where}: {hf_id!r} is not a Hugging Face model id such as 'Helsinki-NLP/opus-mt-ar-en'")
    revision = DEFAULT_REVISION
    if rest and "=" not in rest[0]:
        revision = rest.pop(0)
        if not _REVISION_RE.match(revision):
            raise ConfigError(f"{where}: revision {revision!r} is not a commit hash or branch name")
    options: Dict[str, str] = {}
    for word in rest:
        key, sep, value = word.partition("=")
        if not sep or not value:
            raise ConfigError(f"{where}: expected key=value after the revision, got {word!r}")
        if key not in OPTION_KEYS:
            raise ConfigError(f"{where}: unknown option {key!r}; use one of {', '.join(OPTION_KEYS)}")
        options[key] = value
    return ModelSpec(role, pair.group(1), pair.group(2), hf_id, revision, options, line)


def parse_catalogue(lines: Iterable[str], origin: str = "models.txt") -> Catalogue:
    """Parse the lines of a catalogue.

    Raises:
        ConfigError: a malformed line, or two active lines for one role.
    """
    specs: list[ModelSpec] = []
    for number, text in enumerate(lines, start=1):
        spec = parse_line(text, number, origin)
        if spec is None:
            continue
        clash = next((s for s in specs if s.role == spec.role), None)
        if clash is not None:
            raise ConfigError(
                f"{origin}:{number}: a second '{spec.role}' model (line {clash.line} has one); comment one out"
            )
        specs.append(spec)
    return Catalogue(tuple(specs), origin)


def default_catalogue_path() -> Optional[Path]:
    """``$TQCHECK_MODELS_TXT``, else ``models.txt`` at the top of the source tree, else None."""
    env = os.environ.get(CATALOGUE_ENV)
    if env:
        return Path(env)
    top = Path(__file__).resolve().parents[2] / "models.txt"
    return top if top.is_file() else None


def load_catalogue(path: Optional[str | os.PathLike[str]] = None) -> Catalogue:
    """Read ``path`` (or the default catalogue); the built-in defaults when there is no file at all.

    Raises:
        ConfigError: the file cannot be read or is malformed.
    """
    chosen = Path(path) if path is not None else default_catalogue_path()
    if chosen is None:
        return parse_catalogue(DEFAULT_LINES, origin="built-in models")
    try:
        text = chosen.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the model catalogue {chosen}: {getattr(exc, 'strerror', None) or exc}") from exc
    return parse_catalogue(text.splitlines(), origin=str(chosen))
