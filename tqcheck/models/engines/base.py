"""The one small interface every translation engine implements, and the name -> engine registry.

An engine translates one batch of non-empty texts; batching, sorting by length, caching and progress are
the ``Translator``'s job, so an engine stays a thin adapter over its library. Engines are imported only when
one is created (torch and ctranslate2 are heavy).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass, replace
from importlib import metadata
from typing import Any, ClassVar, Dict, List, Sequence, Tuple, Type

from tqcheck.errors import UsageError
from tqcheck.models.engines.devices import check_compute_type, check_device, choose_compute_type, choose_device
from tqcheck.models.locate import LocatedModel

ENGINE_ENV = "TQCHECK_ENGINE"
AUTO = "auto"


@dataclass(frozen=True)
class DecodeOptions:
    """How to decode. Every field can change the output, so all of them are part of the cache key.

    Attributes:
        beam_size: 1 is greedy search: fast, and for scoring a round trip as good as a small beam.
        max_length: most tokens generated for one sentence.
        min_length: fewest tokens generated (benchmarks set min_length = max_length to fix the work).
        batch_size: sentences per batch; 0 takes the engine's own (``Engine.batch_size``).
        compute_type: weights and arithmetic (``devices.COMPUTE_TYPES``); ``auto`` takes the engine's
            default on its device (CTranslate2: ``int8`` on CPU, ``int8_float16`` on CUDA; transformers:
            ``float32``).
        device: ``auto`` (CUDA when the engine sees a CUDA device, else CPU), ``cpu`` or ``cuda``.
        threads: CPU threads; 0 chooses (``devices.choose_threads``: ``$TQCHECK_THREADS``,
            ``$OMP_NUM_THREADS``, else CTranslate2 every core and transformers the idle cores).

    Raises:
        UsageError: an unknown device or compute type.
    """

    beam_size: int = 1
    max_length: int = 256
    min_length: int = 0
    batch_size: int = 0
    compute_type: str = "auto"
    device: str = "auto"
    threads: int = 0

    def __post_init__(self) -> None:
        check_device(self.device)
        check_compute_type(self.compute_type)


class Engine(ABC):
    """A loaded model that translates batches.

    Subclasses set ``name`` and ``package`` and implement ``translate_batch``; an engine that can run on a
    GPU also overrides ``cuda_devices`` and ``compute_types``. ``resolve``, ``key`` and ``describe`` are
    class methods so that a fully cached run can be keyed and signed without loading anything.
    """

    name: ClassVar[str] = ""
    package: ClassVar[str] = ""
    # Sentences per batch when DecodeOptions.batch_size is 0.
    batch_size: ClassVar[int] = 32
    # Options that this engine ignores are left out of its cache key and signature. The device and the
    # compute type are in both: they change the output, and a report must say what computed its scores.
    uses: ClassVar[Tuple[str, ...]] = ("beam_size", "max_length", "min_length", "device", "compute_type")

    def __init__(self, model: LocatedModel, options: DecodeOptions) -> None:
        self.model = model
        self.options = type(self).resolve(options)

    @abstractmethod
    def translate_batch(self, texts: Sequence[str]) -> List[str]:
        """Translate non-empty ``texts``, one output per input, in order.

        Raises:
            ModelError: the model cannot translate (load or runtime failure).
        """

    @classmethod
    def cuda_devices(cls) -> int:
        """CUDA devices this engine's library sees (0: CPU only)."""
        return 0

    @classmethod
    def compute_types(cls, device: str) -> Tuple[str, Tuple[str, ...]]:
        """(default, every supported) compute type of this engine on ``device``."""
        return "float32", ("float32",)

    @classmethod
    def resolve(cls, options: DecodeOptions) -> DecodeOptions:
        """``options`` with the device and compute type this engine will really use on this machine.

        Raises:
            DeviceError: ``cuda`` asked for where this engine sees none.
            UsageError: a compute type this engine cannot run on the device.
        """
        device = choose_device(options.device, cls.cuda_devices() if options.device != "cpu" else 0, cls.name)
        default, supported = cls.compute_types(device)
        compute = choose_compute_type(options.compute_type, device, default, supported, cls.name)
        return replace(options, device=device, compute_type=compute)

    @classmethod
    def settings(cls, options: DecodeOptions) -> Dict[str, Any]:
        return {k: v for k, v in asdict(options).items() if k in cls.uses}

    @classmethod
    def key(cls, options: DecodeOptions) -> str:
        """The engine part of a cache key, e.g. ``ctranslate2;beam_size=1;compute_type=int8;device=cpu;...``
        (of resolved options: ``resolve``)."""
        return ";".join([cls.name, *(f"{k}={v}" for k, v in sorted(cls.settings(options).items()))])

    @classmethod
    def describe(cls, options: DecodeOptions) -> Dict[str, Any]:
        """The engine's part of a report signature (of resolved options: ``resolve``)."""
        try:
            version = metadata.version(cls.package) if cls.package else "n/a"
        except metadata.PackageNotFoundError:
            version = "unknown"
        return {"name": cls.name, "version": version, **cls.settings(options)}


# name -> (module, class); modules are imported when the engine is first asked for.
ENGINES: Dict[str, Tuple[str, str]] = {
    "transformers": ("tqcheck.models.engines.hf", "TransformersEngine"),
    "ctranslate2": ("tqcheck.models.engines.ct2", "CTranslate2Engine"),
}
_REGISTERED: Dict[str, Type[Engine]] = {}


def register_engine(cls: Type[Engine]) -> Type[Engine]:
    """Add an engine class under ``cls.name`` (tests register stub engines this way)."""
    _REGISTERED[cls.name] = cls
    return cls


def engine_names() -> List[str]:
    return sorted(set(ENGINES) | set(_REGISTERED))


def resolve_engine_name(name: str | None = None) -> str:
    """The engine to use: ``name``, else ``$TQCHECK_ENGINE``, else ``auto``; ``auto`` means CTranslate2
    when it can be imported (5x faster on CPU, bench/translate/RESULTS.md; a core dependency where PyPI has
    wheels for it), transformers otherwise.

    Raises:
        UsageError: an unknown engine name.
    """
    chosen = name or os.environ.get(ENGINE_ENV) or AUTO
    if chosen == AUTO:
        return "ctranslate2" if _importable("ctranslate2") else "transformers"
    if chosen not in engine_names():
        raise UsageError(f"unknown translation engine {chosen!r}; use one of {', '.join([AUTO, *engine_names()])}")
    return chosen


def _importable(engine: str) -> bool:
    """Whether the engine's module imports (its library installed and loadable, e.g. its shared libraries)."""
    if importlib.util.find_spec(engine) is None:
        return False
    try:
        engine_class(engine)
    except UsageError:
        return False
    return True


def engine_class(name: str) -> Type[Engine]:
    """The class registered as ``name`` (imports its module).

    Raises:
        UsageError: an unknown engine name, or its library is not installed.
    """
    if name in _REGISTERED:
        return _REGISTERED[name]
    if name not in ENGINES:
        raise UsageError(f"unknown translation engine {name!r}; use one of {', '.join([AUTO, *engine_names()])}")
    module, attr = ENGINES[name]
    try:
        return getattr(importlib.import_module(module), attr)
    except ImportError as exc:
        hint = " (pip install ctranslate2; PyPI has wheels for Linux x86_64/aarch64, Windows x64 and macOS " \
               "arm64)" if name == "ctranslate2" else ""
        raise UsageError(f"the {name} engine cannot be imported: {exc}{hint}") from exc
