"""Throughput of back-translation on CPU with a model of OPUS-MT's exact architecture (random weights).

    PYTHONPATH=. /work/main/.venv/bin/python bench/translate/speed.py [--sentences 1000] [--plain 40]

The model is opus-mt-en-ar's shape: 6+6 layers, d_model 512, 8 heads, FFN 2048, a 60,000-token joint
vocabulary (sentencepiece trained on NTREX, padded with filler tokens), ``>>ara<<`` target token. Its weights
are random, so every run decodes exactly ``L`` tokens a sentence (min length = max length = the mean token
length of the NTREX Arabic references): the work is that of real output, and the same for every engine.

Measured on the first 1,000 NTREX English sentences (en->ar, the round-trip direction):
  1. plain loop: ``model.generate()`` one sentence at a time (every 25th sentence, extrapolated);
  2. tqcheck's transformers engine (batches of 32 sorted by length, float32);
  3. tqcheck's CTranslate2 engine (int8, same batches) — the default engine;
  4. a re-run of 3 through the translation cache.
Writes bench/translate/out/speed.json.
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=1000)
    parser.add_argument("--plain", type=int, default=40, help="sentences for the plain loop (extrapolated)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

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
    results = {"machine": machine(), "sentences": len(sources), "output_tokens": length,
               "batch_size": args.batch_size, "model": str(model.path), "build": t_build.as_dict()}
    print(f"output length fixed at {length} tokens; {len(sources)} sentences", flush=True)

    # 1. The plain loop a user would write first.
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    from tqcheck.models.engines.text import quiet_transformers

    quiet_transformers()
    tok = AutoTokenizer.from_pretrained(str(model.path), local_files_only=True)
    net = AutoModelForSeq2SeqLM.from_pretrained(str(model.path), local_files_only=True).eval()
    step = max(1, len(sources) // args.plain)
    subset = sources[::step][:args.plain]

    def plain(sentence: str) -> int:
        out = net.generate(**tok([">>ara<< " + sentence], return_tensors="pt"), num_beams=1, do_sample=False,
                           min_new_tokens=length, max_new_tokens=length)
        return int(out.shape[1]) - 1

    plain(subset[0])  # warm-up
    with timed() as t_plain:
        lengths = [plain(s) for s in subset]
    assert set(lengths) == {length}, lengths
    t_plain.extra = {"measured_sentences": len(subset), "sent_per_s": round(len(subset) / t_plain.wall, 3),
                     "extrapolated_wall_s": round(len(sources) * t_plain.wall / len(subset), 1)}
    results["plain_loop"] = t_plain.as_dict()
    print("plain loop", results["plain_loop"], flush=True)
    del net
    torch.set_num_threads(torch.get_num_threads())

    # 2. The transformers engine.
    hf = Translator(model, "transformers", options, cache=None)
    with timed() as t_load:
        hf.engine()
    with timed() as t_hf:
        hf.translate(sources)
    t_hf.extra = {"sent_per_s": round(len(sources) / t_hf.wall, 3), "load_s": round(t_load.wall, 2)}
    results["transformers_engine"] = t_hf.as_dict()
    print("transformers engine", results["transformers_engine"], flush=True)
    del hf

    # 3. The CTranslate2 engine, int8, through a fresh cache (the "first run"); 4. the cached re-run.
    with tempfile.TemporaryDirectory() as tmp:
        import os

        os.environ["TQCHECK_CACHE"] = tmp  # the int8 conversion goes here too, so it is timed every run
        cache_file = Path(tmp) / "translations.sqlite3"
        with TranslationCache(cache_file) as cache:
            ct2 = Translator(model, "ctranslate2", options, cache)
            with timed() as t_first:
                with timed() as t_convert:
                    from tqcheck.models.convert import ensure_converted

                    ensure_converted(model, options.compute_type)
                with timed() as t_load:
                    ct2.engine()
                with timed() as t_ct2:
                    first = ct2.translate(sources)
        t_ct2.extra = {"sent_per_s": round(len(sources) / t_ct2.wall, 3), "convert_s": round(t_convert.wall, 2),
                       "load_s": round(t_load.wall, 2)}
        results["ctranslate2_int8_engine"] = t_ct2.as_dict()
        print("ctranslate2 int8 engine", results["ctranslate2_int8_engine"], flush=True)
        with TranslationCache(cache_file) as cache:
            again = Translator(model, "ctranslate2", options, cache)
            with timed() as t_cached:
                second = again.translate(sources)
        assert second == first and again.calls == 0 and again._engine is None
        t_cached.extra = {"sent_per_s": round(len(sources) / t_cached.wall, 1),
                          "first_run_wall_s": round(t_first.wall, 3),
                          "speedup_vs_first_run": round(t_first.wall / t_cached.wall, 1),
                          "speedup_vs_first_translate": round(t_ct2.wall / t_cached.wall, 1)}
        results["cached_rerun"] = t_cached.as_dict()
        print("cached re-run", results["cached_rerun"], flush=True)

    plain_rate = results["plain_loop"]["sent_per_s"]
    for name in ("transformers_engine", "ctranslate2_int8_engine"):
        results[name]["speedup_vs_plain"] = round(results[name]["sent_per_s"] / plain_rate, 1)
    print(f"wrote {write_json('speed.json', results)}")
    print(f"| run | sentences | wall s | CPU s | sent/s | vs plain |")
    print(f"|---|---|---|---|---|---|")
    for name in ("plain_loop", "transformers_engine", "ctranslate2_int8_engine", "cached_rerun"):
        r = results[name]
        n = r.get("measured_sentences", len(sources))
        print(f"| {name} | {n} | {r['wall_s']} | {r['cpu_s']} | {r['sent_per_s']} | "
              f"{round(r['sent_per_s'] / plain_rate, 1)}x |")


if __name__ == "__main__":
    main()
