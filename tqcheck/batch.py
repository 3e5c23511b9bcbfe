"""Many inputs at once: find the pairs of a folder, check each, write one report a pair and a summary.

Pairs come from ``manifest.jsonl`` when the folder has one (read by ``tqcheck.io.manifest``, as ``tqcheck
audit`` reads a manifest), otherwise from file names:

- ``NAME.ar.txt`` with ``NAME.en.txt`` (or ``NAME.mt.en.txt``) and, optionally, ``NAME.ref.en.txt``;
- bilingual files (``.xlf``, ``.xliff``, ``.tmx``; ``.tsv``, ``.csv`` and ``.jsonl`` files whose header names
  a source and a translation column: a glossary beside the inputs is not taken for one).

``discover_pairs`` and ``check_pair`` are the reusable parts (``tqcheck audit`` uses them too).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from tqcheck.errors import InputError, TqcheckError, UsageError

PathLike = Union[str, "os.PathLike[str]"]
MANIFEST = "manifest.jsonl"
SUMMARY = "summary.json"
BATCH_FORMAT = "tqcheck.batch/1"

SOURCE_SUFFIX = ".ar.txt"
TRANSLATION_SUFFIXES = (".mt.en.txt", ".en.txt")
REFERENCE_SUFFIX = ".ref.en.txt"

# Report file extension by --format.
EXTENSIONS = {"json": ".json", "jsonl": ".jsonl", "text": ".txt", "junit": ".junit.xml", "sarif": ".sarif",
              "html": ".html"}


@dataclass(frozen=True)
class Pair:
    """One job of a batch: a source and its translation (and reference), or one bilingual file.

    Attributes:
        id: a name unique in the batch (the file name without its suffixes); names the report files.
        source: the Arabic text file, or the bilingual file when ``translation`` is None.
        translation / reference: the English files (None for a bilingual file / without a reference).
        input_format: the bilingual format when the extension does not tell (manifest only).
    """

    id: str
    source: Path
    translation: Optional[Path] = None
    reference: Optional[Path] = None
    input_format: Optional[str] = None

    @property
    def bilingual(self) -> bool:
        return self.translation is None

    def paths(self) -> List[Path]:
        return [p for p in (self.source, self.translation, self.reference) if p is not None]

    def to_dict(self) -> Dict[str, Any]:
        return {"id": self.id, "source": str(self.source),
                "translation": str(self.translation) if self.translation else None,
                "reference": str(self.reference) if self.reference else None}


def discover_pairs(directory: PathLike) -> List[Pair]:
    """The pairs of a folder, sorted by id (see the module docstring for the conventions).

    Raises:
        InputError: the folder is missing, a manifest line is bad, a source has no translation (or the
            reverse), two inputs would share an id, or nothing was found.
    """
    d = Path(directory)
    if not d.is_dir():
        raise InputError(f"{d}: no such folder")
    pairs = _from_manifest(d / MANIFEST) if (d / MANIFEST).is_file() else _from_names(d)
    seen: Dict[str, Pair] = {}
    for p in pairs:
        if p.id in seen:
            raise InputError(f"{d}: two inputs have the id {p.id!r} ({seen[p.id].source.name} and "
                             f"{p.source.name}); rename one or use a {MANIFEST}")
        seen[p.id] = p
    if not pairs:
        raise InputError(f"{d}: no inputs found (expected NAME{SOURCE_SUFFIX} + NAME.en.txt, bilingual files, "
                         f"or a {MANIFEST})")
    return sorted(pairs, key=lambda p: p.id)


def _from_manifest(manifest: Path) -> List[Pair]:
    from tqcheck.io.manifest import read_manifest

    return [Pair(e.id, e.source, e.translation, e.reference, e.input_format) for e in read_manifest(manifest)]


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (REFERENCE_SUFFIX, *TRANSLATION_SUFFIXES, SOURCE_SUFFIX):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _from_names(d: Path) -> List[Pair]:
    from tqcheck.io.bilingual import extensions

    files = sorted(p for p in d.iterdir() if p.is_file() and not p.name.startswith("."))
    names = {p.name for p in files}
    pairs: List[Pair] = []
    claimed = set()
    for p in files:
        if not p.name.endswith(SOURCE_SUFFIX):
            continue
        stem = p.name[: -len(SOURCE_SUFFIX)]
        translations = [stem + s for s in TRANSLATION_SUFFIXES if stem + s in names]
        if not translations:
            raise InputError(f"{p}: no translation beside it (expected {stem}.en.txt or {stem}.mt.en.txt)")
        if len(translations) > 1:
            raise InputError(f"{d}: both {translations[0]} and {translations[1]} translate {p.name}; keep one")
        ref = d / (stem + REFERENCE_SUFFIX) if stem + REFERENCE_SUFFIX in names else None
        pairs.append(Pair(stem, p, d / translations[0], ref))
        claimed |= {p.name, translations[0], stem + REFERENCE_SUFFIX}
    for p in files:
        if p.name in claimed or p.name == MANIFEST:
            continue
        if p.name.endswith((*TRANSLATION_SUFFIXES, REFERENCE_SUFFIX)):
            raise InputError(f"{p}: no Arabic source beside it (expected {_stem(p)}{SOURCE_SUFFIX})")
        fmt = extensions().get(p.suffix.lower())
        if fmt is not None and (fmt in ("xliff", "tmx") or _looks_bilingual(p, fmt)):
            pairs.append(Pair(p.stem, p))
    return pairs


def _looks_bilingual(path: Path, fmt: str) -> bool:
    """A TSV/CSV/JSONL file is an input when its first record names a source and a translation field."""
    import csv

    from tqcheck.io.bilingual import resolve_fields

    try:
        with path.open(encoding="utf-8-sig") as fh:
            first = fh.readline()
        if fmt == "jsonl":
            obj = json.loads(first)
            keys = list(obj) if isinstance(obj, dict) else []
        else:
            keys = next(csv.reader([first], delimiter="\t" if fmt == "tsv" else ","), [])
        resolve_fields([k.strip() for k in keys], {}, path)
        return True
    except (OSError, UnicodeDecodeError, ValueError, TqcheckError):
        return False


def check_pair(pair: Pair, options: Any, reader_options: Any = None) -> Any:
    """Run the pipeline on one pair; returns the ``Report``, the one a fresh ``tqcheck check`` process gives.

    The sentence encoder's caches are reset first: what this process embedded for earlier pairs would
    otherwise change the last bits of this pair's vectors, and now and then a rounded semantic score.
    """
    from tqcheck.encoder import reset_encoder
    from tqcheck.pipeline import check_bilingual, check_files

    reset_encoder()
    if pair.bilingual:
        return check_bilingual(str(pair.source), options, input_format=pair.input_format,
                               reference=str(pair.reference) if pair.reference else None,
                               reader_options=reader_options)
    assert pair.translation is not None
    return check_files(str(pair.source), str(pair.translation),
                       str(pair.reference) if pair.reference else None, options)


@dataclass(frozen=True)
class PairOutcome:
    """What happened to one pair: its exit code (0 passed, 1 gate failed, 2 input error) and its reports."""

    pair: Pair
    exit_code: int
    reports: Tuple[str, ...] = ()
    summary: Mapping[str, Any] = field(default_factory=dict)
    gate: Mapping[str, Any] = field(default_factory=dict)
    error: Optional[str] = None

    def to_dict(self) -> Dict[str, Any]:
        d: Dict[str, Any] = {**self.pair.to_dict(), "exit_code": self.exit_code,
                             "status": {0: "passed", 1: "failed"}.get(self.exit_code, "error"),
                             "reports": list(self.reports)}
        if self.error is not None:
            d["error"] = self.error
        else:
            d["summary"] = dict(self.summary)
            d["gate"] = dict(self.gate)
        return d


@dataclass(frozen=True)
class BatchResult:
    outcomes: Tuple[PairOutcome, ...]
    summary_path: str
    document: Mapping[str, Any]

    @property
    def exit_code(self) -> int:
        """The worst exit code of the pairs."""
        return max((o.exit_code for o in self.outcomes), default=0)


def run_batch(pairs: Sequence[Pair], options: Any, policy: Any, *, outdir: PathLike, fmt: str = "json",
              reader_options: Any = None, waivers: Any = None, baseline_dir: Optional[PathLike] = None,
              signature: Optional[Mapping[str, Any]] = None,
              on_pair: Optional[Callable[[PairOutcome], None]] = None) -> BatchResult:
    """Check every pair, write ``OUTDIR/ID.json`` (and ``OUTDIR/ID.EXT`` in ``fmt`` when it is not json) and
    ``OUTDIR/summary.json``. A pair whose input is bad is recorded with its error; the others still run.

    Args:
        pairs: from ``discover_pairs``.
        options: the pipeline ``Options``; policy: the ``GatePolicy``.
        baseline_dir: the folder of an earlier batch run: ``ID.json`` there is the baseline of pair ID.
        signature: extra signature entries for every report (the effective configuration).
        on_pair: called after each pair (progress on the terminal).
    """
    from tqcheck.gate import apply_gate
    from tqcheck.io.output import check_output_path, write_atomic
    from tqcheck.report import render

    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: with --batch, -o names a folder for the reports")
    if baseline_dir is not None and not Path(baseline_dir).is_dir():
        raise UsageError(f"--baseline {baseline_dir}: with --batch, give the folder of an earlier batch run")
    inputs = {p.resolve() for pair in pairs for p in pair.paths()}
    if any(out.resolve() == p.parent for p in inputs):
        raise UsageError(f"{out}: the report folder must not be a folder of inputs; choose another -o")
    check_output_path(out, sorted(inputs), folder=True)
    reserved = [pair.id for pair in pairs if pair.id.lower() == Path(SUMMARY).stem]
    if reserved:
        # Its report, summary.json, would be overwritten by the batch summary.
        raise UsageError(f"pair {reserved[0]!r}: its report would have the name of the batch summary "
                         f"({SUMMARY}); rename its input files")
    outcomes: List[PairOutcome] = []
    for pair in pairs:
        try:
            report = check_pair(pair, options, reader_options)
            doc = report.to_dict()
            if signature:
                doc["signature"] = {**doc.get("signature", {}), **dict(signature)}
            baseline = None
            if baseline_dir is not None and (Path(baseline_dir) / f"{pair.id}.json").is_file():
                from tqcheck.baseline import load_baseline

                baseline = load_baseline(Path(baseline_dir) / f"{pair.id}.json")
            doc, verdict = apply_gate(doc, policy, waivers=waivers, baseline=baseline)
            written = [out / f"{pair.id}.json"]
            write_atomic(written[0], render(doc, "json"))
            if fmt != "json":
                written.append(out / f"{pair.id}{EXTENSIONS.get(fmt, '.' + fmt)}")
                write_atomic(written[-1], render(doc, fmt))
            outcome = PairOutcome(pair, verdict.exit_code, tuple(str(p) for p in written), doc["summary"],
                                  doc["gate"])
        except TqcheckError as exc:
            outcome = PairOutcome(pair, 2, error=" ".join(str(exc).split()))
        outcomes.append(outcome)
        if on_pair is not None:
            on_pair(outcome)
    document = _summary(outcomes, signature)
    summary_path = out / SUMMARY
    write_atomic(summary_path, json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    return BatchResult(tuple(outcomes), str(summary_path), document)


def _summary(outcomes: Sequence[PairOutcome], signature: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
    from collections import Counter

    from tqcheck import __version__

    flags: Counter[str] = Counter()
    segments = 0
    for o in outcomes:
        segments += int(o.summary.get("segments", 0))
        flags.update(o.summary.get("flags", {}))
    status = Counter(o.to_dict()["status"] for o in outcomes)
    return {
        "format": BATCH_FORMAT,
        "tool": {"name": "tqcheck", "version": __version__},
        "signature": dict(signature or {}),
        "totals": {"pairs": len(outcomes), "passed": status["passed"], "failed": status["failed"],
                   "errors": status["error"], "segments": segments, "flags": dict(sorted(flags.items()))},
        "exit_code": max((o.exit_code for o in outcomes), default=0),
        "pairs": [o.to_dict() for o in outcomes],
    }
