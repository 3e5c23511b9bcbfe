"""Throughput of back-translation on CPU with a model of OPUS-MT's exact architecture (random weights).

    PYTHONPATH=. /work/main/.venv/bin/python bench/translate/speed.py [--sentences 1000] [--plain 40]

The model is opus-mt-en-ar's shape: 6+6 layers, d_model 512, 8 heads, FFN 2048, a 60,000-token joint
vocabulary (sentencepiece trained on NTREX, padded with filler tokens), ``>>ara<<`` target token. Its weights
are random, so every run decodes exactly ``L`` tokens a sentence (min length = max length = the mean token
length of the NTREX Arabic references): the work is that of real output, and the same for every engine.

Measured on the first 1,000 NTREX English sentences (en->ar, the round-trip direction), greedy search:
  1. plain loop: ``model.generate()`` one sentence at a time (every 25th sentence, extrapolated), with
     PyTorch's default threads (all cores) and with one thread (faster when the machine is busy);
  2. tqcheck's transformers engine (batches of 32 sorted by length, float32, PyTorch on the idle cores);
  3. tqcheck's CTranslate2 engine (int8, batches of 64 sorted by length) — the default engine;
  4. a re-run of 3 through the translation cache;
  5. interleaved rounds of 1-3 on the same sentences, so that the shared machine's changing load biases no
     ratio (the full runs above take minutes each, under whatever load there is at the time).
Writes bench/translate/out/speed.json.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from pathlib import Path

from common import OUT, machine, read_lines, shared_data, timed, write_json
from tiny_models import build_marian
from tqcheck.models.cache import TranslationCache
from tqcheck.models.catalogue import parse_line
from tqcheck.models.engines.base import DecodeOptions
from tqcheck.models.engines.ct2 import stored_weights
from tqcheck.models.engines.devices import cpu_threads
from tqcheck.models.locate import require
from tqcheck.models.translator import Translator

MODEL_ID = "Helsinki-NLP/opus-mt-en-ar"


def build(root: Path, en: list, ar: list, rebuild: bool) -> Path:
    folder = root / MODEL_ID.replace("/", "--")
    if rebuild or not (folder / "config.json").is_file():
        build_marian(folder, en, ar, d_model=512, layers=6, heads=8, ffn=2048, spm_size=8000,
                     vocab_size=60000, max_positions=512, tags=(">>ara<<",))
    return folder


PARTS = ("plain", "plain1", "transformers", "ctranslate2", "interleaved")


def load_json() -> dict:
    import json

    path = OUT / "speed.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


class PlainLoop:
    """``model.generate()`` on one sentence at a time, as a first script would do it."""

    def __init__(self, model, length: int, threads: int = 0) -> None:
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        from tqcheck.models.engines.text import quiet_transformers

        quiet_transformers()
        self.torch, self.length = torch, length
        self.threads = threads or torch.get_num_threads()
        self.tok = AutoTokenizer.from_pretrained(str(model.path), local_files_only=True)
        self.net = AutoModelForSeq2SeqLM.from_pretrained(str(model.path), local_files_only=True).eval()

    def __call__(self, sentence: str) -> int:
        self.torch.set_num_threads(self.threads)
        out = self.net.generate(**self.tok([">>ara<< " + sentence], return_tensors="pt"), num_beams=1,
                                do_sample=False, min_new_tokens=self.length, max_new_tokens=self.length)
        assert int(out.shape[1]) - 1 == self.length
        return self.length


def plain_loop(model, sources: list, length: int, count: int, threads: int = 0) -> dict:
    """The plain loop on every len/count-th sentence (threads 0: PyTorch's default, every core)."""
    loop = PlainLoop(model, length, threads)
    step = max(1, len(sources) // count)
    subset = sources[::step][:count]
    loop(subset[0])  # warm-up
    with timed() as t:
        for sentence in subset:
            loop(sentence)
    t.extra = {"measured_sentences": len(subset), "torch_threads": loop.threads,
               "sent_per_s": round(len(subset) / t.wall, 3),
               "extrapolated_wall_s": round(len(sources) * t.wall / len(subset), 1)}
    return t.as_dict()


def interleaved(model, sources: list, length: int, options: DecodeOptions, rounds: int) -> dict:
    """Ratios that the machine's changing load cannot bias: each round times 2 sentences of the plain loop
    (1 thread, the faster one on a busy machine), then the same 64 sentences through the transformers engine
    and through the CTranslate2 engine, back to back; every round takes new sentences."""
    loop = PlainLoop(model, length, threads=1)
    engines = {name: Translator(model, name, options, cache=None) for name in ("transformers", "ctranslate2")}
    for translator in engines.values():
        translator.engine()
    loop(sources[0])
    size = 64  # sentences a round; each engine batches them its own way
    totals = {name: {"sentences": 0, "wall_s": 0.0, "cpu_s": 0.0} for name in ("plain_1_thread", *engines)}
    for r in range(rounds):
        batch = sources[r * size:(r + 1) * size]
        with timed() as t:
            for sentence in batch[:2]:
                loop(sentence)
        totals["plain_1_thread"]["sentences"] += 2
        totals["plain_1_thread"]["wall_s"] += t.wall
        totals["plain_1_thread"]["cpu_s"] += t.cpu
        for name, translator in engines.items():
            with timed() as t:
                translator.translate(batch)
            totals[name]["sentences"] += len(batch)
            totals[name]["wall_s"] += t.wall
            totals[name]["cpu_s"] += t.cpu
    plain = totals["plain_1_thread"]
    for name, total in totals.items():
        total["sent_per_s"] = round(total["sentences"] / total["wall_s"], 3)
        total["speedup_wall"] = round(total["sent_per_s"] / plain["sent_per_s"], 1)
        total["speedup_cpu"] = round((plain["cpu_s"] / plain["sentences"]) / (total["cpu_s"] / total["sentences"]), 1)
        total["wall_s"], total["cpu_s"] = round(total["wall_s"], 2), round(total["cpu_s"], 2)
    return {"rounds": rounds, **totals}


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

    saved = os.environ.get("TQCHECK_CACHE")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["TQCHECK_CACHE"] = tmp  # the int8 conversion goes here too, so it is timed every run
        cache_file = Path(tmp) / "translations.sqlite3"
        with TranslationCache(cache_file) as cache:
            ct2 = Translator(model, "ctranslate2", options, cache)
            with timed() as t_first:
                with timed() as t_convert:
                    ensure_converted(model, stored_weights(ct2.options.compute_type))
                with timed() as t_load:
                    ct2.engine()
                with timed() as t:
                    first = ct2.translate(sources)
        t.extra = {"sent_per_s": round(len(sources) / t.wall, 3), "convert_s": round(t_convert.wall, 2),
                   "load_s": round(t_load.wall, 2), "threads": cpu_threads(options.threads),
                   "first_run_wall_s": round(t_first.wall, 3)}
        with TranslationCache(cache_file) as cache:
            again = Translator(model, "ctranslate2", options, cache)
            with timed() as t_cached:
                second = again.translate(sources)
        assert second == first and again.calls == 0 and not again.loaded
    os.environ["TQCHECK_CACHE"] = saved or str(OUT / "cache")
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
    parser.add_argument("--batch-size", type=int, default=0, help="0: each engine's default (32, CTranslate2 64)")
    parser.add_argument("--only", default=",".join(PARTS),
                        help=f"comma-separated parts to run ({', '.join(PARTS)}); others keep their last result")
    parser.add_argument("--rounds", type=int, default=10, help="rounds of the interleaved comparison")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    # Conversions made by the benchmark stay in its own folder, not in the user's cache.
    os.environ.setdefault("TQCHECK_CACHE", str(OUT / "cache"))

    data = shared_data() / "ntrex128"
    en_all = read_lines(data / "newstest2019-src.eng.txt")
    ar_all = read_lines(data / "newstest2019-ref.arb.txt")
    sources = en_all[:args.sentences]
    root = OUT / "opus-arch"
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
    if "interleaved" in parts:
        results["interleaved"] = interleaved(model, sources, length, options, args.rounds)
        print("interleaved", results["interleaved"], flush=True)
    print(f"wrote {write_json('speed.json', results)}")
    print(table(results))


if __name__ == "__main__":
    main()
