"""The transformers engine: ``generate()`` on a PyTorch MarianMT or NLLB/M2M100 model, on CPU.

transformers 5 has no translation pipeline, and a pipeline would hide the batching anyway: the
``Translator`` hands this engine batches of similar length, so padding stays small.
"""

from __future__ import annotations

from typing import List, Sequence

from tqcheck.errors import ModelError
from tqcheck.models.engines.base import DecodeOptions, Engine
from tqcheck.models.engines.text import Seq2SeqText
from tqcheck.models.locate import WEIGHT_FILES, LocatedModel


class TransformersEngine(Engine):
    """MarianMT or NLLB/M2M100 through ``model.generate()`` (PyTorch, float32, CPU)."""

    name = "transformers"
    package = "transformers"

    def __init__(self, model: LocatedModel, options: DecodeOptions) -> None:
        super().__init__(model, options)
        if not any((model.path / name).is_file() for name in WEIGHT_FILES):
            raise ModelError(
                f"{model.spec.hf_id} at {model.path} has no PyTorch weights ({' or '.join(WEIGHT_FILES)}); "
                f"use --engine ctranslate2 or download the full model"
            )
        self.text = Seq2SeqText.load(model)
        import torch
        from transformers import AutoModelForSeq2SeqLM

        self._torch = torch
        if options.threads:
            torch.set_num_threads(options.threads)
        try:
            self.net = AutoModelForSeq2SeqLM.from_pretrained(str(model.path), local_files_only=True)
        except (OSError, ValueError, RuntimeError) as exc:
            raise ModelError(f"cannot load {model.spec.hf_id} from {model.path}: {exc}") from exc
        self.net.eval()

    def translate_batch(self, texts: Sequence[str]) -> List[str]:
        opts = self.options
        kwargs = {
            "num_beams": opts.beam_size,
            "do_sample": False,
            "max_new_tokens": opts.max_length,
            "min_new_tokens": opts.min_length or None,
            # OPUS-MT configs force </s> at the length limit; CTranslate2 does not. Without it both engines
            # return the same tokens, and a sentence cut at max_length is cut the same way.
            "forced_eos_token_id": None,
        }
        target = self.text.target_id()
        if target is not None:
            kwargs["forced_bos_token_id"] = target
        batch = self.text.encode(texts)
        try:
            with self._torch.inference_mode():
                out = self.net.generate(**batch, **kwargs)
        except (RuntimeError, ValueError) as exc:
            raise ModelError(f"{self.model.spec.hf_id} failed to translate a batch: {exc}") from exc
        return self.text.decode_ids(out.tolist())
