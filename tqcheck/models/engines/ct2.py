"""The CTranslate2 engine: a converted model, int8 on CPU and int8_float16 on CUDA by default (see
bench/translate for the speed-up on CPU)."""

from __future__ import annotations

from functools import lru_cache
from typing import List, Sequence, Tuple

import ctranslate2

from tqcheck.errors import ModelError
from tqcheck.models.convert import ensure_converted
from tqcheck.models.engines.base import DecodeOptions, Engine
from tqcheck.models.engines.devices import COMPUTE_TYPES, cpu_threads
from tqcheck.models.engines.text import Seq2SeqText
from tqcheck.models.locate import LocatedModel

# The default compute type on each device: the first of these that the device runs. On CUDA, int8 weights
# with float16 arithmetic are the fastest and take half the memory of float16 (GPUs before compute
# capability 6.1 have no int8 and get float16).
PREFERRED = {"cpu": ("int8", "float32"), "cuda": ("int8_float16", "float16", "int8_float32", "float32")}


class CTranslate2Engine(Engine):
    """A CTranslate2 ``Translator`` over the same tokens the transformers engine would use."""

    name = "ctranslate2"
    package = "ctranslate2"
    # CTranslate2 drops finished sentences from a batch as it decodes, so larger batches cost no padding;
    # 64 used 15% less CPU than 32 on the OPUS-MT-sized benchmark model.
    batch_size = 64

    def __init__(self, model: LocatedModel, options: DecodeOptions) -> None:
        super().__init__(model, options)
        self.text = Seq2SeqText.load(model)
        used = self.options  # resolved: a concrete device and compute type
        self.path = ensure_converted(model, stored_weights(used.compute_type))
        self.translator = _load(str(self.path), model.resolved, used.device, used.compute_type,
                                cpu_threads(used.threads))

    @classmethod
    def cuda_devices(cls) -> int:
        return int(ctranslate2.get_cuda_device_count())

    @classmethod
    def compute_types(cls, device: str) -> Tuple[str, Tuple[str, ...]]:
        preferred = PREFERRED[device]
        try:
            supported = set(ctranslate2.get_supported_compute_types(device))
        except (RuntimeError, ValueError):  # the device cannot be queried: let the load say why
            supported = {preferred[0]}
        default = next((t for t in preferred if t in supported), preferred[0])
        return default, tuple(t for t in COMPUTE_TYPES if t in supported)

    def translate_batch(self, texts: Sequence[str]) -> List[str]:
        opts = self.options
        target = self.text.target_token
        try:
            results = self.translator.translate_batch(
                self.text.tokens(texts),
                target_prefix=[[target]] * len(texts) if target else None,
                beam_size=opts.beam_size,
                max_decoding_length=opts.max_length,
                min_decoding_length=opts.min_length,
                return_scores=False,
            )
        except (RuntimeError, ValueError) as exc:
            raise ModelError(f"{self.model.spec.hf_id} failed to translate a batch: {exc}") from exc
        return self.text.decode_tokens([r.hypotheses[0] for r in results])


def stored_weights(compute_type: str) -> str:
    """The conversion a compute type loads from: int8 weights for every ``int8*`` type (one conversion
    serves CPU and GPU, and ``tqcheck models download`` ships it), float32 for the float types (CTranslate2
    casts them to float16 or bfloat16 as it loads)."""
    return "int8" if compute_type.startswith("int8") else "float32"


# As in the transformers engine: NLLB serves both directions, and a batch run translates document after
# document, so the last two loaded translators are kept.
@lru_cache(maxsize=2)
def _load(path: str, resolved: str, device: str, compute_type: str, threads: int) -> ctranslate2.Translator:
    try:
        return ctranslate2.Translator(path, device=device, compute_type=compute_type, inter_threads=1,
                                      intra_threads=threads)
    except (RuntimeError, ValueError) as exc:
        raise ModelError(f"cannot load the CTranslate2 model {path} on {device} ({compute_type}): {exc}") from exc
