"""Rebuild tqcheck/data/en_words.txt.gz: English words that are written in lower case.

The name spotter needs to know whether a capitalised English word is an ordinary word (White, House,
Ministry) or a proper name (Kyiv, Sullivan). wordfreq folds case, so the list comes from the Debian
word lists (SCOWL; `apt-get install wamerican wbritish`), keeping only entries written in lower case.

usage: python bench/names/make_en_words.py [OUT]
"""

import gzip
import re
import sys
from pathlib import Path

SOURCES = ("/usr/share/dict/american-english", "/usr/share/dict/british-english")


def main() -> None:
    default = Path(__file__).resolve().parents[2] / "tqcheck/data/en_words.txt.gz"
    out = Path(sys.argv[1] if len(sys.argv) > 1 else default)
    words = set()
    for src in SOURCES:
        words.update(w for w in Path(src).read_text(encoding="utf-8").split() if re.fullmatch("[a-z]+", w))
    with gzip.GzipFile(out, "wb", mtime=0) as f:  # mtime=0 keeps the file byte-identical across rebuilds
        f.write("\n".join(sorted(words)).encode("utf-8") + b"\n")
    print(f"{len(words)} words -> {out}")


if __name__ == "__main__":
    main()
