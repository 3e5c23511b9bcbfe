"""Build tqcheck/data/places.tsv: the country and territory names of Unicode CLDR, Arabic and English.

The name check uses the table to notice a country that the source names and the translation lost
(«إيطاليا» with no Italy, Italian or Rome-style stand-in in the English). CLDR gives one Arabic and one
English form a territory; the English forms a translation also uses (UK, Britain, America, Turkey ...)
and a few Arabic ones (أمريكا, بريطانيا) are written below by hand. Territories whose Arabic name is also
an ordinary Arabic word are left out, since a drop could not be told from the word: مالي ("financial"),
قطر ("diameter"), بنين ("sons"), عمان (Oman, and Amman), المغرب (Morocco, and "sunset", "the Maghreb").

Needs babel (CLDR data) at build time only: ``pip install babel``; tqcheck reads the TSV.

usage: python bench/names/make_places.py [--out tqcheck/data/places.tsv]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parents[2]

# Codes that are not places a sentence names (unknown region, the outlying-Oceania bucket, Eurozone).
SKIP = {"ZZ", "QO", "EZ", "ML", "QA", "BJ", "OM", "MA"}

# English forms a translation uses besides CLDR's (a stem such as Ital- for Italian is accepted anyway),
# including words whose Arabic translation spells the place out: Brexit (خروج بريطانيا من الاتحاد الأوروبي),
# BST (توقيت بريطانيا الصيفي), "the North" for North Korea.
ENGLISH_ALTERNATES: Dict[str, Tuple[str, ...]] = {
    "GB": ("UK", "Britain", "British", "England", "Scotland", "Wales", "Brexit", "BST"),
    "US": ("US", "USA", "America", "American"),
    "TR": ("Turkey", "Turkish"),
    "CZ": ("Czech Republic", "Czech"),
    "KR": ("Korea", "Korean", "Seoul", "South"),
    "KP": ("Korea", "Korean", "Pyongyang", "North"),
    "CI": ("Ivory Coast",),
    "MM": ("Burma",),
    "CD": ("Congo", "DRC"),
    "CG": ("Congo",),
    "NL": ("Holland", "Dutch"),
    "CN": ("Chinese", "Beijing"),
    "RU": ("Russian", "Moscow"),
    "PS": ("Palestine", "Palestinian"),
    "AE": ("UAE", "Emirates", "Emirati"),
    "SA": ("Saudi",),
    "VA": ("Vatican",),
    "MK": ("Macedonia", "Macedonian"),
    "SZ": ("Swaziland",),
    "CV": ("Cape Verde",),
    "TL": ("East Timor",),
    "EU": ("EU", "European", "Brussels", "Brexit"),
    "UN": ("UN", "U.N."),
    "DZ": ("Algiers",),
    "TN": ("Tunis",),
    "KW": ("Kuwaiti",),
    "PH": ("Filipino",),
}
# Arabic forms besides CLDR's, each with the code of the territory it names.
ARABIC_ALTERNATES: List[Tuple[str, str]] = [
    ("أمريكا", "US"), ("أميركا", "US"), ("الولايات المتحدة الأمريكية", "US"), ("الولايات المتحدة الأميركية", "US"),
    ("بريطانيا", "GB"), ("كوريا", "KR"), ("تركيا", "TR"), ("روسيا الاتحادية", "RU"), ("الإمارات", "AE"),
    ("السعودية", "SA"), ("فلسطين", "PS"), ("هولندا", "NL"), ("التشيك", "CZ"), ("الكونغو", "CD"),
]


def build() -> List[Tuple[str, str, Tuple[str, ...]]]:
    from babel import Locale

    ar, en = Locale("ar").territories, Locale("en").territories
    rows = []
    codes = sorted(c for c in ar if c.isalpha() and c not in SKIP and c in en)
    for code in codes:
        alternates = tuple(a for a in ENGLISH_ALTERNATES.get(code, ()) if a != en[code])
        rows.append((ar[code], en[code], alternates))
    for arabic, code in ARABIC_ALTERNATES:
        rows.append((arabic, en[code], ENGLISH_ALTERNATES.get(code, ())))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "tqcheck" / "data" / "places.tsv")
    args = parser.parse_args()
    import babel

    rows = build()
    head = [
        "# tqcheck place names: arabic<TAB>english[<TAB>accepted variant...] (the glossary format)",
        f"# Country and territory names from Unicode CLDR (read through babel {babel.__version__}).",
        "# CLDR data: Copyright (c) Unicode, Inc.; Unicode License v3, https://www.unicode.org/license.txt",
        "# Alternates written for tqcheck. Rebuilt by bench/names/make_places.py; do not edit by hand.",
    ]
    lines = head + ["\t".join((a, e) + alt) for a, e, alt in rows]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} places written to {args.out}")


if __name__ == "__main__":
    main()
