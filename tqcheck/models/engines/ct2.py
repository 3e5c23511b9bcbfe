"""The CTranslate2 engine: a converted model, int8 on CPU by default (see bench/translate for the speed-up)."""

from __future__ import annotations

from functools import lru_cache
from typing import List, Sequence

import ctranslate2

from tqcheck.errors import ModelError
from tqcheck.models.convert import ensure_converted
from tqcheck.models.engines.base import DecodeOptions, Engine
from tqcheck.models.engines.text import Seq2SeqText
from tqcheck.models.locate import LocatedModel


class CTranslate2Engine(Engine):
    """A CTranslate2 ``Translator`` over the same tokens the transformers engine would use."""

    name = "ctranslate2"
    package = "ctranslate2"
    uses = ("beam_size", "max_length", "min_length", "compute_type")
    # CTranslate2 drops finished sentences from a batch as it decodes, so larger batches cost no padding;
    # 64 used 15% less CPU than 32 on the OPUS-MT-sized benchmark model.
    batch_size = 64

    def __init__(self, model: LocatedModel, options: DecodeOptions) -> None:
        super().__init__(model, options)
        self.text = Seq2SeqText.load(model)
        self.path = ensure_converted(model, options.compute_type)
        self.translator = _load(str(self.path), model.resolved, options.compute_type, options.cpu_threads())

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


# As in the transformers engine: NLLB serves both directions, and a batch run translates document after
# document, so the last two loaded translators are kept.
@lru_cache(maxsize=2)
def _load(path: str, resolved: str, compute_type: str, threads: int) -> ctranslate2.Translator:
    try:
        return ctranslate2.Translator(path, device="cpu", compute_type=compute_type, inter_threads=1,
                                      intra_threads=threads)
    except (RuntimeError, ValueError) as exc:
        raise ModelError(f"cannot load the CTranslate2 model {path}: {exc}") from exc
