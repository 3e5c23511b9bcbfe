"""Benchmark of the HTML report: a 2,000-segment report from real NTREX-128 lines -> file size and load time.

    PYTHONPATH=. python bench/html/run.py [--segments 2000] [--runs 5] [--out /tmp/tqcheck-bench-html]

The report is built at run time (nothing from the data set is committed): the Arabic side of NTREX is the
source, the English original the reference, and a "machine translation" is the reference with planted drifts
(a number cut by a digit, a name misspelt, a dropped sentence, an added one), flagged the way the checks flag
them, with sentence BLEU, chrF and TER from sacrebleu. The page is opened in headless Chromium (Debian's
``chromium`` + ``chromedriver``, through selenium) and timed from navigation start to the end of the load event.
Targets (issue 8): under 5 MB and under 2 s for 2,000 segments.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _data import REPO, ntrex  # noqa: E402

sys.path.insert(0, str(REPO))
from tqcheck.report.html import render_html  # noqa: E402
from tqcheck.types import Flag, Match, Report, Segment, SegmentResult  # noqa: E402

NUMBER_RE = re.compile(r"\d[\d,.]*\d|\d")
NAME_RE = re.compile(r"(?<=\s)[A-Z][a-z]{4,}")


def drift(i: int, src: str, ref: str) -> Tuple[str, List[Flag], List[Match]]:
    """A translation of ``src`` made from the reference, with a planted error on some lines, and the findings."""
    flags: List[Flag] = []
    matches: List[Match] = []
    mt = ref
    if i % 97 == 50:
        flags.append(Flag("omission", "error", "source sentence has no translation", source_text=src,
                          source_span=(0, len(src)), code="dropped-sentence"))
        return "", flags, matches
    nums = [(m, src.find(m.group())) for m in NUMBER_RE.finditer(ref)]
    nums = [(m, k) for m, k in nums if k >= 0]
    if nums and i % 7 == 3:
        m, k = nums[0]
        wrong = m.group()[:-1] or "1"
        mt = ref[:m.start()] + wrong + ref[m.end():]
        flags.append(Flag("number", "error", f"source {m.group()} is rendered as {wrong}", source_text=m.group(),
                          target_text=wrong, source_span=(k, k + len(m.group())),
                          target_span=(m.start(), m.start() + len(wrong)), suggestion=m.group(),
                          code="number-mismatch"))
        nums = nums[1:]
    for m, k in nums:
        if mt[m.start():m.end()] == m.group():
            matches.append(Match("number", m.group(), m.group(), (k, k + len(m.group())), (m.start(), m.end())))
    name = NAME_RE.search(mt)
    if name and i % 11 == 4:
        w = name.group()
        bad = w[0] + w[2] + w[1] + w[3:]
        mt = mt[:name.start()] + bad + mt[name.end():]
        flags.append(Flag("name", "warning", f"name {bad} differs from its spelling elsewhere ({w})",
                          target_text=bad, target_span=(name.start(), name.end()), suggestion=w,
                          code="name-inconsistent"))
    return mt, flags, matches


def build(n_segments: int) -> Dict[str, Any]:
    import sacrebleu

    ar, en = ntrex()
    bleu, chrf, ter = (sacrebleu.BLEU(effective_order=True), sacrebleu.CHRF(word_order=2), sacrebleu.TER())
    results: List[SegmentResult] = []
    i = 0
    while len(results) < n_segments:
        k = i % len(ar)
        src, ref = ar[k], en[k]
        if i % 600 == 300:  # an addition: a translated sentence with no source
            extra = "The report could not be independently verified."
            results.append(SegmentResult(
                Segment(len(results), (), (i,), "", extra, reference="", confidence=0.0, aligned=False),
                scores={"bleu": None, "chrf": None, "ter": None},
                flags=(Flag("addition", "error", f'translation sentence has no source: "{extra}"',
                            target_text=extra, target_span=(0, len(extra)), code="added-sentence"),)))
        mt, flags, matches = drift(i, src, ref)
        scores: Dict[str, Any] = {"bleu": None, "chrf": None, "ter": None}
        if mt:
            scores = {"bleu": round(bleu.sentence_score(mt, [ref]).score, 2),
                      "chrf": round(chrf.sentence_score(mt, [ref]).score, 2),
                      "ter": round(ter.sentence_score(mt, [ref]).score, 2)}
        results.append(SegmentResult(
            Segment(len(results), (i,), (i,) if mt else (), src, mt, reference=ref, confidence=0.9,
                    aligned=bool(mt)),
            scores=scores, flags=tuple(flags), matches=tuple(matches)))
        i += 1
    results = results[:n_segments]
    counts: Dict[str, int] = {}
    for r in results:
        for f in r.flags:
            counts[f.check] = counts.get(f.check, 0) + 1
    mts = [r.segment.translation for r in results]
    refs = [r.segment.reference or "" for r in results]
    report = Report(
        tool={"name": "tqcheck", "version": "bench"}, inputs={"source": "NTREX-128 arb", "reference": "NTREX-128 eng"},
        signature={"metrics": {"bleu": str(bleu.get_signature()), "chrf": str(chrf.get_signature()),
                               "ter": str(ter.get_signature())}},
        summary={"segments": len(results), "flagged": sum(1 for r in results if r.flags), "flags": counts,
                 "scores": {"bleu": round(bleu.corpus_score(mts, [refs]).score, 2),
                            "chrf": round(chrf.corpus_score(mts, [refs]).score, 2),
                            "ter": round(ter.corpus_score(mts, [refs]).score, 2)}},
        segments=tuple(results))
    return report.to_dict()


def time_load(url: str, runs: int) -> List[Dict[str, float]]:
    """Open the page ``runs`` times; milliseconds to DOMContentLoaded, first paint and the end of the load event,
    and the time the "only flagged" filter takes."""
    from selenium import webdriver

    profile = tempfile.mkdtemp(prefix="tqcheck-bench-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("TQCHECK_CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", f"--user-data-dir={profile}"):
        opts.add_argument(arg)
    service = webdriver.ChromeService(executable_path=os.environ.get("TQCHECK_CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=opts)
    out = []
    try:
        for _ in range(runs):
            driver.get("about:blank")
            driver.get(url)
            nav = driver.execute_script(
                "var n = performance.getEntriesByType('navigation')[0];"
                "var p = performance.getEntriesByName('first-contentful-paint')[0];"
                "return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd, fcp: p ? p.startTime : NaN};")
            t0 = time.perf_counter()
            driver.execute_script("document.getElementById('only-flagged').click();"
                                  "document.body.getBoundingClientRect();")
            nav["filter"] = (time.perf_counter() - t0) * 1000
            out.append(nav)
    finally:
        driver.quit()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--segments", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "tqcheck-bench-html")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    doc = build(args.segments)
    (args.out / "report.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    t0 = time.perf_counter()
    page = render_html(doc)
    render_s = time.perf_counter() - t0
    path = args.out / "report.html"
    path.write_text(page, encoding="utf-8")
    size = path.stat().st_size
    loads = time_load(path.resolve().as_uri(), args.runs)
    flags = sum(len(s["flags"]) for s in doc["segments"])
    med = {k: statistics.median(r[k] for r in loads) for k in ("dcl", "fcp", "load", "filter")}
    worst = max(r["load"] for r in loads)
    print(f"segments            {len(doc['segments'])} ({flags} flags)")
    print(f"html size           {size / 1e6:.2f} MB ({size} bytes; target < 5 MB)")
    print(f"render_html         {render_s:.2f} s")
    print(f"DOMContentLoaded    {med['dcl']:.0f} ms (median of {args.runs})")
    print(f"first paint         {med['fcp']:.0f} ms (median)")
    print(f"load event end      {med['load']:.0f} ms median, {worst:.0f} ms worst (target < 2000 ms)")
    print(f"'only flagged'      {med['filter']:.0f} ms (median)")
    print(f"files in            {args.out}")


if __name__ == "__main__":
    main()
