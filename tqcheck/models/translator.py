"""One model and one engine, with the cache in front: what ``backtranslate`` and ``models verify`` call.

The model is loaded only when some text is not in the cache, so a re-run of a feed loads nothing. Texts
are translated longest first in batches of similar length (little padding, and the progress bar's first
estimate is the pessimistic one); each batch is cached as soon as it is done, so an interrupted run keeps
its work.
"""

from __future__ import annotations

import sys
from typing import Any, Callable, Dict, List, Optional, Sequence, Type

from tqcheck.models.cache import CacheKey, TranslationCache
from tqcheck.models.engines.base import DecodeOptions, Engine, engine_class, resolve_engine_name
from tqcheck.models.locate import LocatedModel

# Below this many texts to translate a progress bar is noise.
PROGRESS_MIN = 64


def length_batches(texts: Sequence[str], batch_size: int) -> List[List[int]]:
    """Indices of ``texts`` in batches of ``batch_size``, longest texts first.

    Character length stands in for token length: within one language they sort alike, and this needs no
    tokenizer.
    """
    order = sorted(range(len(texts)), key=lambda i: (-len(texts[i]), i))
    size = max(1, batch_size)
    return [order[i:i + size] for i in range(0, len(order), size)]


def progress_bar(total: int, enabled: bool, desc: str) -> Any:
    """A tqdm bar on stderr when asked for, the run is long and stderr is a terminal; else None."""
    if not enabled or total < PROGRESS_MIN or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="sent", file=sys.stderr, leave=False)


class Translator:
    """Translate with one model through one engine, cache first.

    Args:
        model: the located model.
        engine: an engine name (``auto``, ``transformers``, ``ctranslate2``) or None for the default.
        options: decoding options; their device and compute type are resolved here (``Engine.resolve``),
            so the cache key and the signature name what really computes the translations.
        cache: the translation cache, or None for none.

    Raises:
        UsageError: an unknown engine, or a compute type the engine cannot run on the device.
        DeviceError: ``device="cuda"`` where the engine sees no CUDA device.
    """

    def __init__(self, model: LocatedModel, engine: Optional[str] = None,
                 options: Optional[DecodeOptions] = None, cache: Optional[TranslationCache] = None) -> None:
        self.model = model
        self.engine_cls: Type[Engine] = engine_class(resolve_engine_name(engine))
        self.options = self.engine_cls.resolve(options or DecodeOptions())
        self.cache = cache
        self._engine: Optional[Engine] = None
        self.calls = 0  # batches sent to the engine, for tests and benchmarks

    @property
    def key(self) -> CacheKey:
        extra = "".join(f";{k}={v}" for k, v in sorted(self.model.spec.options.items()))
        return CacheKey(self.model.spec.hf_id, self.model.resolved, self.engine_cls.key(self.options) + extra)

    @property
    def loaded(self) -> bool:
        """Whether the model has been loaded (a fully cached run never loads it)."""
        return self._engine is not None

    def engine(self) -> Engine:
        """The loaded engine (loaded on first call)."""
        if self._engine is None:
            self._engine = self.engine_cls(self.model, self.options)
        return self._engine

    def translate(self, texts: Sequence[str], progress: bool = False,
                  on_batch: Optional[Callable[[int], None]] = None) -> List[str]:
        """Translate ``texts``; an empty or blank text translates to ''.

        Args:
            texts: the texts, in any order, repeats allowed (each distinct text is translated once).
            progress: show a progress bar on stderr (only on long runs, only on a terminal).
            on_batch: called with the size of each batch translated, after it is cached.

        Raises:
            ModelError: the model cannot be loaded or fails.
        """
        wanted = list(dict.fromkeys(t for t in texts if t.strip()))
        done: Dict[str, str] = self.cache.get_many(self.key, wanted) if self.cache is not None else {}
        todo = [t for t in wanted if t not in done]
        if todo:
            bar = progress_bar(len(todo), progress, self.model.spec.hf_id.split("/")[-1])
            try:
                for batch in length_batches(todo, self.options.batch_size or self.engine_cls.batch_size):
                    sources = [todo[i] for i in batch]
                    outputs = self.engine().translate_batch(sources)
                    self.calls += 1
                    pairs = list(zip(sources, outputs))
                    done.update(pairs)
                    if self.cache is not None:
                        self.cache.put_many(self.key, pairs)
                    if bar is not None:
                        bar.update(len(batch))
                    if on_batch is not None:
                        on_batch(len(batch))
            finally:
                if bar is not None:
                    bar.close()
        return [done.get(t, "") for t in texts]

    def signature(self) -> Dict[str, Any]:
        return {**self.model.signature(), "engine": self.engine_cls.describe(self.options)}
