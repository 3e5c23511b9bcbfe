"""Back-translation scores: what the pipeline calls for ``tqcheck check --backtranslate``.

For each segment, the forward model (Arabic -> English) gives a pseudo-reference of the source and the
backward model (English -> Arabic) gives a round trip of the translation. Two chrF scores follow:
``roundtrip_chrf`` (round trip vs source, Arabic-normalised) and ``pseudo_chrf`` (translation vs
pseudo-reference). An empty side (an omission or an addition) is not translated and scores None.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple

from tqcheck.errors import UsageError
from tqcheck.models.cache import TranslationCache
from tqcheck.models.catalogue import Catalogue, load_catalogue
from tqcheck.models.engines.base import DecodeOptions, engine_class, resolve_engine_name
from tqcheck.models.locate import require
from tqcheck.models.scores import NORMALISATION, arabic, chrf_signature, corpus_chrf, segment_chrf
from tqcheck.models.translator import Translator

SCORES = ("roundtrip_chrf", "pseudo_chrf")


@dataclass(frozen=True)
class BackTranslation:
    """Back-translations of a document pair and their scores.

    Attributes:
        pseudo_references: forward (ar->en) translation of each source; '' for an empty source.
        round_trips: backward (en->ar) translation of each translation; '' for an empty translation.
        scores: per segment, ``roundtrip_chrf`` and ``pseudo_chrf`` (0-100, None where a side is empty).
        corpus: the same two scores over the whole document (None when no segment has both sides).
        signature: engine, models, revisions, the chrF signature and the normalisation, to reproduce it.
    """

    pseudo_references: Tuple[str, ...]
    round_trips: Tuple[str, ...]
    scores: Tuple[Dict[str, Optional[float]], ...]
    corpus: Dict[str, Optional[float]] = field(default_factory=dict)
    signature: Mapping[str, Any] = field(default_factory=dict)


def resolve_decoding(engine: Optional[str] = None, device: str = "auto", compute_type: str = "auto") -> DecodeOptions:
    """The decoding options a run on this machine will use, device and compute type resolved: commands call
    it before reading any input, so that ``--device cuda`` without a GPU, or a compute type the engine
    cannot run there, fails at once and not once per document.

    Raises:
        UsageError: an unknown engine, device or compute type, or one the engine cannot run on the device.
        DeviceError: ``cuda`` where the engine sees no CUDA device.
    """
    return engine_class(resolve_engine_name(engine)).resolve(DecodeOptions(device=device, compute_type=compute_type))


def backtranslate(sources: Sequence[str], translations: Sequence[str], *, model_dir: Optional[str] = None,
                  engine: Optional[str] = None, cache_path: Optional[str] = None, progress: bool = False,
                  catalogue: Optional[Catalogue] = None,
                  options: Optional[DecodeOptions] = None) -> BackTranslation:
    """Translate both sides with the catalogue's models and score the results.

    Args:
        sources: the Arabic side, one segment each ('' for an addition).
        translations: the English side, one segment each ('' for an omission).
        model_dir: a folder of models searched before the Hugging Face cache (else ``$TQCHECK_MODELS``).
        engine: ``auto`` (default: CTranslate2 when installed), ``transformers`` or ``ctranslate2``.
        cache_path: the sqlite translation cache (default under the user cache folder, ``$TQCHECK_CACHE``);
            ``":memory:"`` for none that persists.
        progress: a progress bar on stderr for long runs on a terminal.
        catalogue: the models (default: ``models.txt``).
        options: decoding options (default: greedy, the engine's batch size, on CUDA when the engine sees
            one, int8 on CPU and int8_float16 on CUDA for CTranslate2); the device and compute type used are
            in the signature (``signature["engine"]``).

    Raises:
        UsageError: the two sides differ in length, an unknown engine, or a compute type the engine cannot
            run on the device.
        DeviceError: ``device="cuda"`` where the engine sees no CUDA device.
        ConfigError: a malformed catalogue.
        ModelError: a model is missing (the message says how to get it) or fails.
    """
    if len(sources) != len(translations):
        raise UsageError(f"{len(sources)} sources but {len(translations)} translations")
    cat = catalogue or load_catalogue()
    # Locate both models before translating anything, so a missing one fails fast.
    forward_model = require(cat.get("forward"), model_dir)
    backward_model = require(cat.get("backward"), model_dir)
    with TranslationCache(cache_path) as cache:
        forward = Translator(forward_model, engine, options, cache)
        backward = Translator(backward_model, engine, options, cache)
        pseudo = forward.translate(sources, progress=progress)
        trips = backward.translate(translations, progress=progress)
        signature = {
            "engine": forward.signature()["engine"],
            "forward": forward_model.signature(),
            "backward": backward_model.signature(),
            "chrf": chrf_signature(),
            "roundtrip_normalisation": NORMALISATION,
        }
    norm_trips, norm_sources = arabic(trips), arabic(sources)
    roundtrip = segment_chrf(norm_trips, norm_sources)
    pseudo_scores = segment_chrf(translations, pseudo)
    return BackTranslation(
        pseudo_references=tuple(pseudo),
        round_trips=tuple(trips),
        scores=tuple({"roundtrip_chrf": r, "pseudo_chrf": p} for r, p in zip(roundtrip, pseudo_scores)),
        corpus={"roundtrip_chrf": corpus_chrf(norm_trips, norm_sources),
                "pseudo_chrf": corpus_chrf(translations, pseudo)},
        signature=signature,
    )
