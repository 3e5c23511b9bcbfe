"""Does int8 cost quality? Train a small Marian model briefly on real text, then compare int8 with float32.

    PYTHONPATH=. /work/main/.venv/bin/python bench/translate/int8_quality.py [--minutes 3] [--retrain]

A 3+3-layer, d_model 256 MarianMT model is trained from scratch on Tatoeba ara-eng (MSA lines, en->ar, the
round-trip direction) for a few minutes of CPU, then 500 held-out sentences are translated greedily by:
the transformers engine (PyTorch float32), CTranslate2 float32 and CTranslate2 int8 (tqcheck's default).
Reported: chrF of int8 output against float32 output (100 = identical), exact-match rates, and each
output's chrF against the human reference. Writes bench/translate/out/int8_quality.json.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from pathlib import Path

from common import OUT, machine, read_lines, shared_data, timed, write_json

from tqcheck.models.catalogue import parse_line
from tqcheck.models.engines.base import DecodeOptions
from tqcheck.models.locate import require
from tqcheck.models.tiny import build_marian
from tqcheck.models.translator import Translator

MODEL_ID = "bench/tatoeba-en-ar"
HELD_OUT = 500


def load_pairs() -> tuple:
    data = shared_data() / "tatoeba"
    ar = read_lines(data / "tatoeba-test-v2021-08-07.ara")
    en = read_lines(data / "tatoeba-test-v2021-08-07.eng")
    labels = read_lines(data / "tatoeba-test-v2021-08-07.ara.labels")
    pairs = [(e, a) for e, a, lab in zip(en, ar, labels) if lab == "ara" and e and a]
    random.Random(0).shuffle(pairs)
    return pairs[HELD_OUT:], pairs[:HELD_OUT]


def train(folder: Path, pairs: list, minutes: float, batch_size: int) -> dict:
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    net = AutoModelForSeq2SeqLM.from_pretrained(str(folder), local_files_only=True)
    net.train()
    optim = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=0.0)
    warmup = 100
    sched = torch.optim.lr_scheduler.LambdaLR(optim, lambda s: min(1.0, (s + 1) / warmup) * (warmup / max(s + 1, warmup)) ** 0.5)
    rng = random.Random(1)
    deadline = time.monotonic() + minutes * 60
    step, losses = 0, []
    while time.monotonic() < deadline:
        batch = rng.sample(pairs, batch_size)
        enc = tok([">>ara<< " + e for e, _ in batch], text_target=[a for _, a in batch], return_tensors="pt",
                  padding=True, truncation=True, max_length=48)
        enc["labels"][enc["labels"] == tok.pad_token_id] = -100
        loss = net(**enc).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        optim.step()
        sched.step()
        optim.zero_grad()
        losses.append(float(loss))
        step += 1
        if step % 50 == 0:
            print(f"step {step} loss {sum(losses[-50:]) / 50:.3f}", flush=True)
    net.save_pretrained(folder)
    return {"steps": step, "batch_size": batch_size, "first_loss": round(sum(losses[:20]) / 20, 3),
            "last_loss": round(sum(losses[-50:]) / min(50, len(losses)), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--retrain", action="store_true")
    args = parser.parse_args()

    train_pairs, test_pairs = load_pairs()
    root = OUT / "trained"
    folder = root / MODEL_ID.replace("/", "--")
    results: dict = {"machine": machine(), "train_pairs": len(train_pairs), "test_pairs": len(test_pairs)}
    if args.retrain or not (folder / "config.json").is_file():
        build_marian(folder, [e for e, _ in train_pairs], [a for _, a in train_pairs], d_model=256, layers=3,
                     heads=4, ffn=1024, spm_size=2000, tags=(">>ara<<",), max_positions=128)
        with timed() as t_train:
            results["training"] = train(folder, train_pairs, args.minutes, args.batch_size)
        results["training"].update(t_train.as_dict())
        print("training", results["training"], flush=True)
    model = require(parse_line(f"backward en-ar {MODEL_ID}"), root)

    from sacrebleu.metrics import CHRF

    sources = [e for e, _ in test_pairs]
    refs = [a for _, a in test_pairs]
    os.environ.setdefault("TQCHECK_CACHE", str(OUT / "int8-cache"))
    outputs = {}
    for name, engine, compute in (("pytorch_fp32", "transformers", "float32"),
                                  ("ct2_fp32", "ctranslate2", "float32"),
                                  ("ct2_int8", "ctranslate2", "int8")):
        translator = Translator(model, engine, DecodeOptions(max_length=64, compute_type=compute), cache=None)
        with timed() as t:
            outputs[name] = translator.translate(sources)
        results[f"{name}_timing"] = t.as_dict()
    chrf = CHRF()
    agree = lambda a, b: round(sum(x == y for x, y in zip(outputs[a], outputs[b])) / len(sources), 4)  # noqa: E731
    results["chrf_int8_vs_ct2_fp32"] = round(chrf.corpus_score(outputs["ct2_int8"], [outputs["ct2_fp32"]]).score, 2)
    results["chrf_int8_vs_pytorch_fp32"] = round(
        chrf.corpus_score(outputs["ct2_int8"], [outputs["pytorch_fp32"]]).score, 2)
    results["chrf_ct2_fp32_vs_pytorch_fp32"] = round(
        chrf.corpus_score(outputs["ct2_fp32"], [outputs["pytorch_fp32"]]).score, 2)
    results["exact_int8_vs_ct2_fp32"] = agree("ct2_int8", "ct2_fp32")
    results["exact_ct2_fp32_vs_pytorch_fp32"] = agree("ct2_fp32", "pytorch_fp32")
    for name in outputs:
        results[f"chrf_{name}_vs_reference"] = round(chrf.corpus_score(outputs[name], [refs]).score, 2)
    results["chrf_signature"] = str(chrf.get_signature().format())
    results["examples"] = [{"source": s, "reference": r, "fp32": f, "int8": i} for s, r, f, i in
                           list(zip(sources, refs, outputs["ct2_fp32"], outputs["ct2_int8"]))[:5]]
    for key, value in results.items():
        if key.startswith(("chrf", "exact")):
            print(f"{key}: {value}")
    print(f"wrote {write_json('int8_quality.json', results)}")


if __name__ == "__main__":
    main()
