"""Does int8 cost quality? Train a small Marian model briefly on real text, then compare int8 with float32.

    PYTHONPATH=. /work/main/.venv/bin/python bench/translate/int8_quality.py [--minutes 3] [--retrain]

A 2+2-layer, d_model 128 MarianMT model (1,000 sentencepiece pieces a side) is trained from scratch on Tatoeba
ara-eng (MSA lines, en->ar, the round-trip direction) for a few minutes of CPU, then 500 held-out sentences
are translated greedily by: the transformers engine (PyTorch float32), CTranslate2 float32 and CTranslate2
int8 (tqcheck's default).
Reported: chrF of int8 output against float32 output (100 = identical), exact-match rates, and each
output's chrF against the human reference. Writes bench/translate/out/int8_quality.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from pathlib import Path

from common import OUT, machine, read_lines, shared_data, timed, write_json
from tiny_models import build_marian
from tqcheck.models.catalogue import parse_line
from tqcheck.models.engines.base import DecodeOptions
from tqcheck.models.locate import require
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

    from tqcheck.models.engines.devices import idle_cores

    # Two PyTorch threads on a shared 2-core machine run several times slower than one (see RESULTS.md).
    torch.set_num_threads(idle_cores())
    tok = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    net = AutoModelForSeq2SeqLM.from_pretrained(str(folder), local_files_only=True)
    net.train()
    optim = torch.optim.AdamW(net.parameters(), lr=2e-3, weight_decay=0.0)
    warmup = 100
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: min(1.0, (s + 1) / warmup) * (warmup / max(s + 1, warmup)) ** 0.5)
    rng = random.Random(1)
    pad = net.config.pad_token_id
    deadline = time.monotonic() + minutes * 60
    step, losses = 0, []
    while time.monotonic() < deadline:
        batch = rng.sample(pairs, batch_size)
        enc = tok([">>ara<< " + e for e, _ in batch], text_target=[a for _, a in batch], return_tensors="pt",
                  padding=True, truncation=True, max_length=32)
        enc["labels"][enc["labels"] == tok.pad_token_id] = -100
        loss = net(**enc).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        optim.step()
        sched.step()
        optim.zero_grad()
        with torch.no_grad():
            # Marian decoders start from a zero vector, which Transformers reads as the <pad> embedding (and
            # CTranslate2 hard-codes). The tied output layer trains that row, so keep it at zero as Marian does.
            net.model.shared.weight[pad].zero_()
        losses.append(loss.item())
        step += 1
        if step % 50 == 0:
            print(f"step {step} loss {sum(losses[-50:]) / 50:.3f}", flush=True)
    net.save_pretrained(folder)
    head, tail = losses[:20], losses[-50:]
    return {"steps": step, "batch_size": batch_size, "torch_threads": torch.get_num_threads(),
            "first_loss": round(sum(head) / len(head), 3), "last_loss": round(sum(tail) / len(tail), 3)}


def bootstrap_difference(hyp_a: list, hyp_b: list, refs: list, samples: int = 1000) -> tuple:
    """95% interval of chrF(a) - chrF(b) against the references, by paired bootstrap over sentences."""
    from sacrebleu.metrics import CHRF

    chrf = CHRF()
    rng = random.Random(2)
    diffs = []
    for _ in range(samples):
        idx = [rng.randrange(len(refs)) for _ in refs]
        ref = [[refs[i] for i in idx]]
        diffs.append(chrf.corpus_score([hyp_a[i] for i in idx], ref).score
                     - chrf.corpus_score([hyp_b[i] for i in idx], ref).score)
    diffs.sort()
    return round(diffs[int(0.025 * samples)], 2), round(diffs[int(0.975 * samples) - 1], 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--d-model", type=int, default=128)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--retrain", action="store_true")
    args = parser.parse_args()

    train_pairs, test_pairs = load_pairs()
    root = OUT / "trained"
    folder = root / MODEL_ID.replace("/", "--")
    results: dict = {"machine": machine(), "train_pairs": len(train_pairs), "test_pairs": len(test_pairs)}
    if args.retrain or not (folder / "config.json").is_file():
        build_marian(folder, [e for e, _ in train_pairs], [a for _, a in train_pairs], d_model=args.d_model,
                     layers=args.layers, heads=4, ffn=4 * args.d_model, spm_size=1000, tags=(">>ara<<",),
                     max_positions=128)
        with timed() as t_train:
            results["training"] = train(folder, train_pairs, args.minutes, args.batch_size)
        results["training"].update(t_train.as_dict())
        (folder / "training.json").write_text(json.dumps(results["training"]), encoding="utf-8")
        print("training", results["training"], flush=True)
    else:
        results["training"] = json.loads((folder / "training.json").read_text(encoding="utf-8"))
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
        results[f"empty_{name}"] = sum(1 for o in outputs[name] if not o.strip())
        results[f"distinct_{name}"] = len(set(outputs[name]))
    for name in outputs:
        results[f"chrf_{name}_vs_reference"] = round(chrf.corpus_score(outputs[name], [refs]).score, 2)
    results["chrf_int8_minus_fp32_vs_reference_95ci"] = list(
        bootstrap_difference(outputs["ct2_int8"], outputs["ct2_fp32"], refs))
    results["chrf_signature"] = str(chrf.get_signature().format())
    results["examples"] = [{"source": s, "reference": r, "fp32": f, "int8": i} for s, r, f, i in
                           list(zip(sources, refs, outputs["ct2_fp32"], outputs["ct2_int8"]))[:5]]
    for key, value in results.items():
        if key.startswith(("chrf", "exact", "empty", "distinct")):
            print(f"{key}: {value}")
    print(f"wrote {write_json('int8_quality.json', results)}")


if __name__ == "__main__":
    main()
