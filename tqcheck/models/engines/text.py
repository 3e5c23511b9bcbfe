"""Text in and out of a sequence-to-sequence model: the part the transformers and CTranslate2 engines share.

Both engines use the model's own Hugging Face tokenizer, so they see the same tokens. What differs between
model families is how the languages are named:

- MarianMT (``model_type`` ``marian``, OPUS-MT): one pair per model; multi-target models such as
  opus-mt-en-ar need a ``>>ara<<`` token before the text, found in the vocabulary or given as ``prefix=``.
- NLLB-200 and M2M100 (``model_type`` ``m2m_100``): one model for all pairs; the tokenizer is told the source
  language and generation is forced to start with the target language token.
"""

from __future__ import annotations

import json
import logging
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from tqcheck.errors import ModelError
from tqcheck.models.catalogue import ModelSpec
from tqcheck.models.locate import LocatedModel

# ISO 639-1 -> the codes each family uses.
NLLB_CODES = {"ar": "arb_Arab", "en": "eng_Latn"}
M2M_CODES = {"ar": "ar", "en": "en"}
MARIAN_TAGS = {"ar": "ara", "en": "eng"}
FAMILIES = ("marian", "m2m_100")


def model_type(path: Path) -> str:
    """``model_type`` from a model folder's ``config.json`` ('' when there is no readable config)."""
    try:
        return str(json.loads((path / "config.json").read_text(encoding="utf-8")).get("model_type", ""))
    except (OSError, ValueError):
        return ""


def quiet_transformers() -> None:
    """Silence transformers' progress bars and advice: tqcheck's output is the report."""
    import transformers

    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    # MarianTokenizer warns once per load that sacremoses is "recommended"; it only normalises punctuation.
    warnings.filterwarnings("ignore", message="Recommended: pip install sacremoses")
    logging.getLogger("huggingface_hub").setLevel(logging.ERROR)


@dataclass
class Seq2SeqText:
    """A model's tokenizer with the language handling of its family.

    Attributes:
        tokenizer: the Hugging Face tokenizer.
        family: ``marian`` or ``m2m_100``.
        prefix: text put before every input (Marian target-language token), or ''.
        target_token: the token generation must start with (NLLB/M2M100), or None.
    """

    tokenizer: Any
    family: str
    prefix: str = ""
    target_token: Optional[str] = None

    @classmethod
    def load(cls, model: LocatedModel) -> "Seq2SeqText":
        """Load the tokenizer of ``model`` from disk (never from the network).

        Raises:
            ModelError: an unsupported model family or an unreadable tokenizer.
        """
        family = model_type(model.path)
        if family not in FAMILIES:
            raise ModelError(
                f"{model.spec.hf_id} at {model.path}: model type {family or 'unknown'!r} is not supported "
                f"(tqcheck runs MarianMT and NLLB/M2M100 models)"
            )
        quiet_transformers()
        from transformers import AutoTokenizer

        spec = model.spec
        try:
            tokenizer = AutoTokenizer.from_pretrained(str(model.path), local_files_only=True)
        except (OSError, ValueError, TypeError) as exc:
            raise ModelError(f"cannot load the tokenizer of {spec.hf_id} from {model.path}: {exc}") from exc
        if family == "marian":
            return cls(tokenizer, family, prefix=_marian_prefix(tokenizer, spec, spec.options.get("prefix")))
        codes = NLLB_CODES if "nllb" in type(tokenizer).__name__.lower() else M2M_CODES
        src = spec.options.get("src_lang", codes.get(spec.src, spec.src))
        tgt = spec.options.get("tgt_lang", codes.get(spec.tgt, spec.tgt))
        tokenizer.src_lang = src
        target = tokenizer.get_lang_token(tgt) if hasattr(tokenizer, "get_lang_token") else tgt
        if tokenizer.convert_tokens_to_ids(target) == tokenizer.unk_token_id:
            raise ModelError(f"{spec.hf_id} has no language token {target!r}; set tgt_lang= in models.txt")
        return cls(tokenizer, family, target_token=target)

    def prepare(self, texts: Sequence[str]) -> List[str]:
        return [self.prefix + t for t in texts] if self.prefix else list(texts)

    def encode(self, texts: Sequence[str]) -> Dict[str, Any]:
        """Padded PyTorch tensors for ``generate()``."""
        return self.tokenizer(self.prepare(texts), return_tensors="pt", padding=True, truncation=True)

    def tokens(self, texts: Sequence[str]) -> List[List[str]]:
        """Token strings with the special tokens the model expects (CTranslate2's input)."""
        ids = self.tokenizer(self.prepare(texts), truncation=True)["input_ids"]
        return [self.tokenizer.convert_ids_to_tokens(row) for row in ids]

    def target_id(self) -> Optional[int]:
        return None if self.target_token is None else int(self.tokenizer.convert_tokens_to_ids(self.target_token))

    def decode_ids(self, rows: Sequence[Sequence[int]]) -> List[str]:
        return [s.strip() for s in self.tokenizer.batch_decode(rows, skip_special_tokens=True)]

    def decode_tokens(self, rows: Sequence[Sequence[str]]) -> List[str]:
        return self.decode_ids([self.tokenizer.convert_tokens_to_ids(list(row)) for row in rows])


def _marian_prefix(tokenizer: Any, spec: ModelSpec, explicit: Optional[str]) -> str:
    """The ``>>xxx<<`` token a multi-target Marian model needs, or '' for a single-target one."""
    if explicit:
        return explicit + " "
    codes = getattr(tokenizer, "supported_language_codes", None) or []
    if not codes:
        return ""
    tag = f">>{MARIAN_TAGS.get(spec.tgt, spec.tgt)}<<"
    if tag not in codes:
        raise ModelError(
            f"{spec.hf_id} needs a target-language token and has no {tag}; set prefix= in models.txt "
            f"(it has {', '.join(codes[:8])}{', ...' if len(codes) > 8 else ''})"
        )
    return tag + " "
