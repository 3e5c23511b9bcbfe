"""The transformers engine: ``generate()`` on a PyTorch MarianMT or NLLB/M2M100 model, float32, on CPU or
CUDA.

transformers 5 has no translation pipeline, and a pipeline would hide the batching anyway: the
``Translator`` hands this engine batches of similar length, so padding stays small.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, List, Sequence

from tqcheck.errors import ModelError
from tqcheck.models.engines.base import DecodeOptions, Engine
from tqcheck.models.engines.devices import cpu_threads
from tqcheck.models.engines.text import Seq2SeqText
from tqcheck.models.locate import WEIGHT_FILES, LocatedModel


class TransformersEngine(Engine):
    """MarianMT or NLLB/M2M100 through ``model.generate()`` (PyTorch, float32, CPU or CUDA)."""

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

        self._torch = torch
        self.device = self.options.device
        if self.device == "cpu":
            torch.set_num_threads(cpu_threads(self.options.threads, share=True))
        self.net = _load(str(model.path), model.resolved, model.spec.hf_id, self.device)

    @classmethod
    def cuda_devices(cls) -> int:
        import torch

        return int(torch.cuda.device_count()) if torch.cuda.is_available() else 0

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
        batch = {k: v.to(self.device) for k, v in self.text.encode(texts).items()}
        try:
            with self._torch.inference_mode():
                out = self.net.generate(**batch, **kwargs)
        except (RuntimeError, ValueError) as exc:
            raise ModelError(f"{self.model.spec.hf_id} failed to translate a batch: {exc}") from exc
        return self.text.decode_ids(out.tolist())


# NLLB serves both directions from one model, and a batch run calls backtranslate once per document: keep
# the last two loaded networks instead of loading them again. Keyed by the resolved revision too, so new
# weights in the same folder are loaded.
@lru_cache(maxsize=2)
def _load(path: str, resolved: str, hf_id: str, device: str) -> Any:
    from transformers import AutoModelForSeq2SeqLM

    try:
        net = AutoModelForSeq2SeqLM.from_pretrained(path, local_files_only=True)
        net = net.to(device)
    except (OSError, ValueError, RuntimeError) as exc:
        raise ModelError(f"cannot load {hf_id} from {path} on {device}: {exc}") from exc
    return net.eval()
