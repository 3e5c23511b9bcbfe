"""Throughput of back-translation on CPU with a model of OPUS-MT's exact architecture (random weights).

    PYTHONPATH=. /work/main/.venv/bin/python bench/translate/speed.py [--sentences 1000] [--plain 40]

The model is opus-mt-en-ar's shape: 6+6 layers, d_model 512, 8 heads, FFN 2048, a 60,000-token joint
vocabulary (sentencepiece trained on NTREX, padded with filler tokens), ``>>ara<<`` target token. Its weights
are random, so every run decodes exactly ``L`` tokens a sentence (min length = max length = the mean token
length of the NTREX Arabic references): the work is that of real output, and the same for every engine.

Measured on the first 1,000 NTREX English sentences (en->ar, the round-trip direction):
  1. plain loop: ``model.generate()`` one sentence at a time (every 25th sentence, extrapolated), with
     PyTorch's default threads (all cores) and with one thread (faster when the machine is busy);
  2. tqcheck's transformers engine (batches of 32 sorted by length, float32);
  3. tqcheck's CTranslate2 engine (int8, same batches) — the default engine;
  4. a re-run of 3 through the translation cache.
Writes bench/translate/out/speed.json.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from pathlib import Path

from common import OUT, machine, read_lines, shared_data, timed, write_json

from tqcheck.models.cache import TranslationCache
from tqcheck.models.catalogue import parse_line
from tqcheck.models.engines.base import DecodeOptions
from tqcheck.models.locate import require
from tqcheck.models.tiny import build_marian
from tqcheck.models.translator import Translator

MODEL_ID = "Helsinki-NLP/opus-mt-en-ar"


def build(root: Path, en: list, ar: list, rebuild: bool) -> Path:
    folder = root / MODEL_ID.replace("/", "--")
    if rebuild or not (folder / "config.json").is_file():
        build_marian(folder, en, ar, d_model=512, layers=6, heads=8, ffn=2048, spm_size=8000,
                     vocab_size=60000, max_positions=512, tags=(">>ara<<",))
    return folder


PARTS = ("plain", "plain1", "transformers", "ctranslate2")


def load_json() -> dict:
    import json

    path = OUT / "speed.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def plain_loop(model, sources: list, length: int, count: int, threads: int = 0) -> dict:
    """``generate()`` one sentence at a time on every len/count-th sentence (threads 0: torch's default)."""
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    from tqcheck.models.engines.text import quiet_transformers

    quiet_transformers()
    default_threads = torch.get_num_threads()
    if threads:
        torch.set_num_threads(threads)
    tok = AutoTokenizer.from_pretrained(str(model.path), local_files_only=True)
    net = AutoModelForSeq2SeqLM.from_pretrained(str(model.path), local_files_only=True).eval()
    step = max(1, len(sources) // count)
    subset = sources[::step][:count]

    def one(sentence: str) -> int:
        out = net.generate(**tok([">>ara<< " + sentence], return_tensors="pt"), num_beams=1, do_sample=False,
                           min_new_tokens=length, max_new_tokens=length)
        return int(out.shape[1]) - 1

    one(subset[0])  # warm-up
    with timed() as t:
        lengths = [one(s) for s in subset]
    assert set(lengths) == {length}, lengths
    t.extra = {"measured_sentences": len(subset), "torch_threads": torch.get_num_threads(),
               "sent_per_s": round(len(subset) / t.wall, 3),
               "extrapolated_wall_s": round(len(sources) * t.wall / len(subset), 1)}
    torch.set_num_threads(default_threads)
    return t.as_dict()


def transformers_engine(model, sources: list, options: DecodeOptions) -> dict:
    import torch

    hf = Translator(model, "transformers", options, cache=None)
    with timed() as t_load:
        hf.engine()
    with timed() as t:
        hf.translate(sources)
    t.extra = {"sent_per_s": round(len(sources) / t.wall, 3), "load_s": round(t_load.wall, 2),
               "torch_threads": torch.get_num_threads()}
    return t.as_dict()


def ctranslate2_engine(model, sources: list, options: DecodeOptions) -> dict:
    """The default engine through a fresh cache (the first run), then the cached re-run."""
    from tqcheck.models.convert import ensure_converted

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["TQCHECK_CACHE"] = tmp  # the int8 conversion goes here too, so it is timed every run
        cache_file = Path(tmp) / "translations.sqlite3"
        with TranslationCache(cache_file) as cache:
            ct2 = Translator(model, "ctranslate2", options, cache)
            with timed() as t_first:
                with timed() as t_convert:
                    ensure_converted(model, options.compute_type)
                with timed() as t_load:
                    ct2.engine()
                with timed() as t:
                    first = ct2.translate(sources)
        t.extra = {"sent_per_s": round(len(sources) / t.wall, 3), "convert_s": round(t_convert.wall, 2),
                   "load_s": round(t_load.wall, 2), "threads": options.cpu_threads(),
                   "first_run_wall_s": round(t_first.wall, 3)}
        with TranslationCache(cache_file) as cache:
            again = Translator(model, "ctranslate2", options, cache)
            with timed() as t_cached:
                second = again.translate(sources)
        assert second == first and again.calls == 0 and not again.loaded
    t_cached.extra = {"sent_per_s": round(len(sources) / t_cached.wall, 1),
                      "speedup_vs_first_run": round(t_first.wall / t_cached.wall, 1)}
    return {"ctranslate2_int8_engine": t.as_dict(), "cached_rerun": t_cached.as_dict()}


def table(results: dict) -> str:
    plains = [results[k]["sent_per_s"] for k in ("plain_loop", "plain_loop_1_thread") if k in results]
    best = max(plains) if plains else None
    rows = ["| run | sentences | wall s | CPU s | sent/s | vs best plain loop | load (1 min) |",
            "|---|---|---|---|---|---|---|"]
    for name in ("plain_loop", "plain_loop_1_thread", "transformers_engine", "ctranslate2_int8_engine",
                 "cached_rerun"):
        if name not in results:
            continue
        r = results[name]
        n = r.get("measured_sentences", results["sentences"])
        ratio = f"{r['sent_per_s'] / best:,.1f}x" if best else "-"
        rows.append(f"| {name} | {n} | {r['wall_s']} | {r['cpu_s']} | {r['sent_per_s']:,} | {ratio} | "
                    f"{r['load1_before']} -> {r['load1_after']} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=1000)
    parser.add_argument("--plain", type=int, default=40, help="sentences for the plain loop (extrapolated)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--only", default=",".join(PARTS),
                        help=f"comma-separated parts to run ({', '.join(PARTS)}); others keep their last result")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    parts = set(args.only.split(","))

    data = shared_data() / "ntrex128"
    en_all = read_lines(data / "newstest2019-src.eng.txt")
    ar_all = read_lines(data / "newstest2019-ref.arb.txt")
    sources = en_all[:args.sentences]
    root = OUT / "opus-arch"
    with timed() as t_build:
        build(root, en_all, ar_all, args.rebuild)
    model = require(parse_line(f"backward en-ar {MODEL_ID}"), root)

    import sentencepiece as spm

    target_spm = spm.SentencePieceProcessor(model_file=str(model.path / "target.spm"))
    length = round(statistics.mean(len(target_spm.encode(s)) for s in ar_all[:args.sentences]))
    options = DecodeOptions(min_length=length, max_length=length, batch_size=args.batch_size)
    results = load_json() if parts != set(PARTS) else {}
    results.update({"machine": machine(), "sentences": len(sources), "output_tokens": length,
                    "batch_size": args.batch_size, "model": str(model.path)})
    print(f"output length fixed at {length} tokens; {len(sources)} sentences", flush=True)
    if "plain" in parts:
        results["plain_loop"] = plain_loop(model, sources, length, args.plain)
        print("plain loop", results["plain_loop"], flush=True)
    if "plain1" in parts:
        results["plain_loop_1_thread"] = plain_loop(model, sources, length, args.plain, threads=1)
        print("plain loop, 1 thread", results["plain_loop_1_thread"], flush=True)
    if "transformers" in parts:
        results["transformers_engine"] = transformers_engine(model, sources, options)
        print("transformers engine", results["transformers_engine"], flush=True)
    if "ctranslate2" in parts:
        results.update(ctranslate2_engine(model, sources, options))
        print("ctranslate2 int8 engine", results["ctranslate2_int8_engine"], flush=True)
        print("cached re-run", results["cached_rerun"], flush=True)
    print(f"wrote {write_json('speed.json', results)}")
    print(table(results))


if __name__ == "__main__":
    main()
