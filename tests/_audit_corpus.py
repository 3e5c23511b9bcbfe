"""A small archive of document pairs for the audit tests: real Arabic news sentences, their English
translations (some with planted problems) and references, written as files with a JSONL manifest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List, Optional

# (arabic, english translation, english reference)
NEWS = [
    ("أعلنت وزارة الدفاع الأوكرانية أن قواتها تقدمت نحو خيرسون.",
     "The Ukrainian Ministry of Defense announced that its forces advanced towards Kherson.",
     "Ukraine's defence ministry said its forces had advanced towards Kherson."),
    ("وقال المتحدث إن الهجوم سيستمر حتى نهاية الشهر.",
     "The spokesman said the attack would continue until the end of the month.",
     "The spokesman said the offensive would continue until the end of the month."),
    ("ورفض الكرملين التعليق على التقارير.",
     "The Kremlin declined to comment on the reports.",
     "The Kremlin refused to comment on the reports."),
    ("فر سبعون ألف شخص من المدينة خلال أسبوع واحد.",
     "Seventy thousand people fled the city in a single week.",
     "Seventy thousand people fled the city within one week."),
    ("افتتح الرئيس المعرض الدولي للكتاب في القاهرة يوم الأحد.",
     "The president opened the international book fair in Cairo on Sunday.",
     "The president inaugurated the Cairo International Book Fair on Sunday."),
    ("ارتفعت أسعار النفط بعد قرار أوبك خفض الإنتاج.",
     "Oil prices rose after OPEC decided to cut production.",
     "Oil prices climbed after OPEC's decision to cut output."),
    ("وأكدت منظمة الصحة العالمية تسجيل حالات جديدة في المنطقة.",
     "The World Health Organization confirmed new cases in the region.",
     "The World Health Organization confirmed that new cases had been recorded in the region."),
    ("تستأنف المدارس الدراسة الأسبوع المقبل بعد إغلاق دام شهرين.",
     "Schools will resume classes next week after a two-month closure.",
     "Schools reopen next week after being closed for two months."),
]

# A translation with problems: line 1 left partly in Arabic (untranslated), line 2 dropped (omission).
BAD_TRANSLATION = [NEWS[0][1], "The spokesman said الهجوم سيستمر until the end.", ""]


def _write(path: Path, lines: List[str]) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path.name


def write_archive(folder: Path, *, broken: bool = True) -> Path:
    """Write the archive's files and ``manifest.jsonl`` into ``folder``; returns the manifest path.

    Documents: ``clean-a`` (with reference), ``clean-b`` (no reference), ``flagged`` (untranslated and
    omitted lines, with reference), ``clean-c`` (with reference) and, with ``broken``, ``uneven`` whose
    translation has a line fewer than its source (fails in --aligned mode).
    """
    folder.mkdir(parents=True, exist_ok=True)
    docs: Dict[str, tuple] = {
        "clean-a": (NEWS[0:3], None, True),
        "clean-b": (NEWS[3:5], None, False),
        "flagged": (NEWS[0:3], BAD_TRANSLATION, True),
        "clean-c": (NEWS[5:8], None, True),
    }
    rows = []
    for doc_id, (news, translation, with_ref) in docs.items():
        src = _write(folder / f"{doc_id}.ar", [n[0] for n in news])
        mt = _write(folder / f"{doc_id}.mt.en", translation or [n[1] for n in news])
        ref: Optional[str] = _write(folder / f"{doc_id}.ref.en", [n[2] for n in news]) if with_ref else None
        rows.append({"id": doc_id, "source": src, "translation": mt, "reference": ref})
    if broken:
        src = _write(folder / "uneven.ar", [n[0] for n in NEWS[0:3]])
        mt = _write(folder / "uneven.mt.en", [n[1] for n in NEWS[0:2]])
        rows.append({"id": "uneven", "source": src, "translation": mt, "reference": None})
    manifest = folder / "manifest.jsonl"
    manifest.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return manifest


def output_files(outdir: Path) -> Dict[str, bytes]:
    """Every file under ``outdir`` (relative path -> bytes)."""
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*")) if p.is_file()}
