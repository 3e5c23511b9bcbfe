"""The transformers engine: ``generate()`` on a PyTorch MarianMT or NLLB/M2M100 model, on CPU.

transformers 5 has no translation pipeline, and a pipeline would hide the batching anyway: the
``Translator`` hands this engine batches of similar length, so padding stays small.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any, List, Sequence

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

        self._torch = torch
        torch.set_num_threads(options.threads or idle_cores())
        self.net = _load(str(model.path), model.resolved, model.spec.hf_id)

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


def idle_cores() -> int:
    """CPU cores not busy with other work (1-minute load average), at least 1.

    PyTorch's threads wait for each other at every operation; on a shared machine where the other cores
    are taken, two threads ran a batch 4.6x slower than one (bench/translate/RESULTS.md). CTranslate2 does
    not suffer from this and uses every core.
    """
    cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except OSError:  # pragma: no cover - platforms without a load average
        return cores
    return max(1, min(cores, int(cores - load + 0.5)))


# NLLB serves both directions from one model, and a batch run calls backtranslate once per document: keep
# the last two loaded networks instead of loading them again. Keyed by the resolved revision too, so new
# weights in the same folder are loaded.
@lru_cache(maxsize=2)
def _load(path: str, resolved: str, hf_id: str) -> Any:
    from transformers import AutoModelForSeq2SeqLM

    try:
        net = AutoModelForSeq2SeqLM.from_pretrained(path, local_files_only=True)
    except (OSError, ValueError, RuntimeError) as exc:
        raise ModelError(f"cannot load {hf_id} from {path}: {exc}") from exc
    return net.eval()
