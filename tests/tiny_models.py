"""Small MarianMT and NLLB-style models built on the spot, for tests and benchmarks without downloads.

A test helper, outside the package (``bench/translate`` uses it too). It builds a real model folder
(sentencepiece vocabularies, ``config.json``, safetensors weights, tokenizer files) of any size with random
weights, so the loading, generation, conversion and caching code runs exactly as it would on OPUS-MT or NLLB.
"""

from __future__ import annotations

import io
import json
import warnings
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence

SPECIAL = ("</s>", "<unk>")
PAD = "<pad>"


def train_sentencepiece(lines: Iterable[str], path: Path, vocab_size: int) -> Path:
    """Train a unigram sentencepiece model on ``lines`` and write it to ``path``.

    ``hard_vocab_limit=False`` lets a few dozen sentences give fewer pieces than asked for.
    """
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter([line for line in lines if line.strip()]), model_writer=buffer,
        vocab_size=vocab_size, hard_vocab_limit=False, model_type="unigram", character_coverage=1.0,
        bos_id=-1, eos_id=-1, unk_id=0, pad_id=-1, num_threads=1, minloglevel=2,
    )
    path.write_bytes(buffer.getvalue())
    return path


def _pieces(path: Path) -> List[str]:
    import sentencepiece as spm

    model = spm.SentencePieceProcessor(model_file=str(path))
    return [model.id_to_piece(i) for i in range(model.get_piece_size())]


def marian_vocab(pieces: Iterable[str], tags: Sequence[str] = (), size: Optional[int] = None) -> Dict[str, int]:
    """An OPUS-MT style joint vocabulary: ``</s>`` 0, ``<unk>`` 1, target tags, pieces, fillers up to
    ``size``, and ``<pad>`` last (CTranslate2's Marian converter expects it there)."""
    vocab: Dict[str, int] = {}
    for token in (*SPECIAL, *tags, *pieces):
        if token not in vocab and token != PAD:
            vocab[token] = len(vocab)
    while size is not None and len(vocab) < size - 1:
        vocab[f"<filler{len(vocab)}>"] = len(vocab)
    vocab[PAD] = len(vocab)
    return vocab


def build_marian(out: Path, src_lines: Sequence[str], tgt_lines: Sequence[str], *, src: str = "en",
                 tgt: str = "ar", d_model: int = 32, layers: int = 2, heads: int = 2, ffn: int = 64,
                 spm_size: int = 200, vocab_size: Optional[int] = None, tags: Sequence[str] = (),
                 max_positions: int = 256, init_std: float = 0.02, seed: int = 0) -> Path:
    """Write a MarianMT model with random weights to ``out`` and return it.

    Args:
        out: the model folder (created).
        src_lines / tgt_lines: text to train the two sentencepiece models on.
        d_model, layers, heads, ffn: size; OPUS-MT is 512, 6, 8, 2048.
        spm_size: pieces asked of each sentencepiece model.
        vocab_size: pad the joint vocabulary to this size (OPUS-MT's is about 60k).
        tags: target-language tokens such as ``>>ara<<`` (a multi-target model).
        init_std: the weights' standard deviation; tests raise it so random outputs depend on the input.
        seed: torch seed, so a build is reproducible.
    """
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    out.mkdir(parents=True, exist_ok=True)
    train_sentencepiece(src_lines, out / "source.spm", spm_size)
    train_sentencepiece(tgt_lines, out / "target.spm", spm_size)
    vocab = marian_vocab([*_pieces(out / "source.spm"), *_pieces(out / "target.spm")], tags, vocab_size)
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tokenizer = MarianTokenizer(str(out / "source.spm"), str(out / "target.spm"), str(out / "vocab.json"),
                                    source_lang=src, target_lang=tgt)
    pad = vocab[PAD]
    config = MarianConfig(
        vocab_size=len(vocab), d_model=d_model, encoder_layers=layers, decoder_layers=layers,
        encoder_attention_heads=heads, decoder_attention_heads=heads, encoder_ffn_dim=ffn, decoder_ffn_dim=ffn,
        max_position_embeddings=max_positions, pad_token_id=pad, eos_token_id=0, decoder_start_token_id=pad,
        init_std=init_std, activation_function="swish", scale_embedding=True, num_beams=1,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    model.generation_config.bad_words_ids = [[pad]]
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


def build_nllb(out: Path, lines: Sequence[str], *, d_model: int = 32, layers: int = 2, heads: int = 2,
               ffn: int = 64, init_std: float = 0.02, seed: int = 0) -> Path:
    """Write an NLLB-style model (M2M100 architecture, NLLB tokenizer with its 200 language tokens) with
    random weights to ``out`` and return it.

    The vocabulary is the characters of ``lines``: a BPE without merges, which is all the tokenizer needs
    to run the same code paths as NLLB-200's.
    """
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer

    out.mkdir(parents=True, exist_ok=True)
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3, "\u2581": 4}
    for char in sorted(set("".join(lines).replace(" ", ""))):
        vocab.setdefault(char, len(vocab))
    tokenizer = NllbTokenizer(vocab=vocab, merges=[])
    config = M2M100Config(
        vocab_size=len(tokenizer), d_model=d_model, encoder_layers=layers, decoder_layers=layers,
        encoder_attention_heads=heads, decoder_attention_heads=heads, encoder_ffn_dim=ffn, decoder_ffn_dim=ffn,
        max_position_embeddings=256, pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=2,
        init_std=init_std,
    )
    torch.manual_seed(seed)
    M2M100ForConditionalGeneration(config).save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out
