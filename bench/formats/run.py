"""Benchmark of the bilingual readers and the CI renderers on NTREX-128 (built at run time, never committed).

usage: python bench/formats/run.py [N]   (N units, default 1000; needs ../shared/data or TQCHECK_SHARED)

Writes N NTREX sentence pairs as XLIFF 1.2, XLIFF 2.0, TMX, TSV and JSONL into a temporary folder, then times
(1) reading each file, (2) `tqcheck check FILE --format sarif` end to end (scores, checks, gate, SARIF) and
(3) rendering JUnit and SARIF from the JSON report, and (4) `tqcheck compare` of two systems.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _data import REPO, ntrex  # noqa: E402

sys.path.insert(0, str(REPO))


def write_files(d: Path, ar: list[str], en: list[str]) -> dict[str, Path]:
    units12 = "".join(f'<trans-unit id="u{i}"><source>{escape(a)}</source><target>{escape(e)}</target></trans-unit>\n'
                      for i, (a, e) in enumerate(zip(ar, en)))
    units20 = "".join(f'<unit id="u{i}"><segment><source>{escape(a)}</source><target>{escape(e)}</target>'
                      f'</segment></unit>\n' for i, (a, e) in enumerate(zip(ar, en)))
    tus = "".join(f'<tu tuid="{i}"><tuv xml:lang="ar"><seg>{escape(a)}</seg></tuv><tuv xml:lang="en"><seg>{escape(e)}'
                  f'</seg></tuv></tu>\n' for i, (a, e) in enumerate(zip(ar, en)))
    files = {
        "xliff-1.2": ("feed.xlf", '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
                      'source-language="ar" target-language="en" original="x"><body>\n'
                      f'{units12}</body></file></xliff>\n'),
        "xliff-2.0": ("feed2.xlf", '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" '
                      f'trgLang="en"><file id="f">\n{units20}</file></xliff>\n'),
        "tmx": ("feed.tmx", f'<tmx version="1.4"><header srclang="ar"/><body>\n{tus}</body></tmx>\n'),
        "tsv": ("feed.tsv", "id\tsource\ttranslation\n" + "".join(
            f"u{i}\t{a}\t{e}\n" for i, (a, e) in enumerate(zip(ar, en)))),
        "jsonl": ("feed.jsonl", "".join(json.dumps({"id": f"u{i}", "source": a, "translation": e}, ensure_ascii=False)
                                        + "\n" for i, (a, e) in enumerate(zip(ar, en)))),
    }
    out = {}
    for name, (fname, text) in files.items():
        (d / fname).write_text(text, encoding="utf-8")
        out[name] = d / fname
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    ar, en = (side[:n] for side in ntrex())
    from tqcheck.io.bilingual import read_bilingual
    from tqcheck.report import render

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        files = write_files(d, ar, en)
        print(f"{n} NTREX units")
        for name, path in files.items():
            t = time.perf_counter()
            units = read_bilingual(path).units
            print(f"read {name:10s} {len(units)} units  {time.perf_counter() - t:6.3f} s")
        cmd = [sys.executable, "-m", "tqcheck", "check"]
        env = dict(os.environ, PYTHONPATH=str(REPO))
        t = time.perf_counter()
        subprocess.run(cmd + [str(files["xliff-2.0"]), "--format", "json", "-o", str(d / "r.json"), "-q",
                              "--no-config", "--fail-on", "never"], check=True, env=env)
        print(f"tqcheck check feed2.xlf --format json (wall, with the encoder)  {time.perf_counter() - t:6.2f} s")
        doc = json.loads((d / "r.json").read_text(encoding="utf-8"))
        for fmt in ("junit", "sarif"):
            t = time.perf_counter()
            size = len(render(doc, fmt))
            print(f"render {fmt:6s} {size / 1e6:5.2f} MB  {time.perf_counter() - t:6.3f} s")
        def halved(text: str) -> str:
            words = text.split()
            return " ".join(words[: len(words) // 2])

        half = dict(doc, segments=[dict(s, translation=halved(s["translation"]) if i % 3 == 0 else s["translation"],
                                        reference=s["translation"])
                                   for i, s in enumerate(doc["segments"])])
        full = dict(doc, segments=[dict(s, reference=s["translation"]) for s in doc["segments"]])
        (d / "a.json").write_text(json.dumps(half, ensure_ascii=False), encoding="utf-8")
        (d / "b.json").write_text(json.dumps(full, ensure_ascii=False), encoding="utf-8")
        t = time.perf_counter()
        subprocess.run(cmd[:-1] + ["compare", str(d / "a.json"), str(d / "b.json"), "--metrics", "chrf,bleu"],
                       check=True, env=env, stdout=subprocess.DEVNULL)
        print(f"tqcheck compare, chrF and BLEU, 1000 resamples (wall)  {time.perf_counter() - t:6.2f} s")


if __name__ == "__main__":
    main()
