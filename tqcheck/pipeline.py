"""read -> segment -> align -> score and check -> Report.

The pipeline computes everything a renderer shows; renderers only format the ``Report``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from tqcheck import __version__
from tqcheck.errors import InputError
from tqcheck.types import Findings, Flag, Match, Report, Segment, SegmentResult, Sentence

SCORE_METRICS_WITH_REFERENCE = ("bleu", "chrf", "ter")
SCORE_METRICS_WITHOUT_REFERENCE = ("semantic",)


@dataclass(frozen=True)
class Options:
    """Everything that changes what ``check`` computes. Recorded in the report's signature.

    Attributes:
        aligned: line i of each input is segment i (no sentence splitting or alignment).
        checks: names of the checks to run; None runs every check enabled by default.
        glossary: path of a names glossary (TSV), handed to the checks.
        backtranslate: compute round-trip and pseudo-reference scores with the models of ``models.txt``.
        model_dir: where translation models are looked for (besides the Hugging Face cache).
        engine: translation engine ("transformers" or "ctranslate2"); None picks the default.
        cache: path of the translation cache (sqlite); None uses the default location.
        progress: show progress bars (only on a terminal).
        check_options: per-check options, e.g. ``{"number": {...}}``.
    """

    aligned: bool = False
    checks: Optional[Tuple[str, ...]] = None
    glossary: Optional[str] = None
    backtranslate: bool = False
    model_dir: Optional[str] = None
    engine: Optional[str] = None
    cache: Optional[str] = None
    progress: bool = False
    check_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def to_signature(self) -> Dict[str, Any]:
        return {
            "aligned": self.aligned,
            "checks": list(self.checks) if self.checks is not None else None,
            "glossary": self.glossary,
            "backtranslate": self.backtranslate,
            "engine": self.engine,
            "check_options": {k: dict(v) for k, v in self.check_options.items()},
        }


@dataclass(frozen=True)
class Document:
    """The sentences of the inputs, before alignment."""

    source: Tuple[Sentence, ...]
    translation: Tuple[Sentence, ...]
    reference: Optional[Tuple[Sentence, ...]] = None


# ---------------------------------------------------------------- read and segment

def read_document(source: str, translation: str, reference: Optional[str] = None, *,
                  aligned: bool = False) -> Document:
    """Read the input files and split them into sentences (or take one sentence a line with ``aligned``)."""
    from tqcheck.io.text import read_lines
    from tqcheck.text.segment import lines_as_sentences, segment_lines

    src_lines = read_lines(source)
    tgt_lines = read_lines(translation)
    ref_lines = read_lines(reference) if reference is not None else None
    if aligned:
        if len(src_lines) != len(tgt_lines):
            raise InputError(f"--aligned needs the same number of lines: {source} has {len(src_lines)}, "
                             f"{translation} has {len(tgt_lines)}")
        if ref_lines is not None and len(ref_lines) != len(tgt_lines):
            raise InputError(f"--aligned needs the same number of lines: {translation} has {len(tgt_lines)}, "
                             f"{reference} has {len(ref_lines)}")
        return Document(tuple(lines_as_sentences(src_lines)), tuple(lines_as_sentences(tgt_lines)),
                        tuple(lines_as_sentences(ref_lines)) if ref_lines is not None else None)
    return Document(tuple(segment_lines(src_lines, "ar")), tuple(segment_lines(tgt_lines, "en")),
                    tuple(segment_lines(ref_lines, "en")) if ref_lines is not None else None)


# ---------------------------------------------------------------- align

def align_document(doc: Document, *, aligned: bool) -> Tuple[List[Segment], Dict[str, Any]]:
    """Pair the sentences into segments; returns the segments and the alignment's signature."""
    if aligned:
        segments = [
            Segment(index=i, source_lines=(i,), target_lines=(i,), source=s.text, translation=t.text,
                    reference=(doc.reference[i].text if doc.reference is not None else None),
                    unit_id=s.unit_id or t.unit_id)
            for i, (s, t) in enumerate(zip(doc.source, doc.translation))
        ]
        return segments, {"mode": "aligned"}

    from tqcheck.align import CONFIDENCE_THRESHOLD, align_sentences

    alignment = align_sentences([s.text for s in doc.source], [t.text for t in doc.translation])
    ref_for_target = _reference_by_target(doc) if doc.reference is not None else None
    segments = []
    for i, bead in enumerate(alignment.beads):
        reference = None
        if ref_for_target is not None:
            reference = " ".join(r for j in bead.target for r in ref_for_target[j])
        both = bool(bead.source) and bool(bead.target)
        segments.append(Segment(
            index=i,
            source_lines=tuple(bead.source),
            target_lines=tuple(bead.target),
            source=" ".join(doc.source[k].text for k in bead.source),
            translation=" ".join(doc.translation[k].text for k in bead.target),
            reference=reference,
            confidence=float(bead.score),
            aligned=both and bead.score >= CONFIDENCE_THRESHOLD,
        ))
    signature = {"mode": "document", **dict(alignment.signature), "confidence_threshold": CONFIDENCE_THRESHOLD}
    return segments, signature


def _reference_by_target(doc: Document) -> List[List[str]]:
    """Align the reference to the translation's sentences; each target sentence gets its reference text."""
    from tqcheck.align import align_sentences

    assert doc.reference is not None
    alignment = align_sentences([r.text for r in doc.reference], [t.text for t in doc.translation])
    out: List[List[str]] = [[] for _ in doc.translation]
    for bead in alignment.beads:
        if bead.target and bead.source:
            # A reference bead spanning several translation sentences goes to the first of them.
            out[bead.target[0]].extend(doc.reference[k].text for k in bead.source)
    return out


# ---------------------------------------------------------------- score

def score_segments(segments: Sequence[Segment]) -> Tuple[List[Dict[str, Optional[float]]], Dict[str, Any], Dict[str, Any]]:
    """Metrics on the confidently aligned segments. Returns per-segment scores, corpus scores, signatures."""
    from tqcheck.metrics import build_metrics

    scored = [s for s in segments if s.aligned and s.source.strip() and s.translation.strip()]
    with_ref = [s for s in scored if s.reference is not None and s.reference.strip()]
    per_segment: List[Dict[str, Optional[float]]] = [{} for _ in segments]
    corpus: Dict[str, Any] = {}
    signatures: Dict[str, Any] = {}

    plan = [(m, with_ref, lambda s: s.reference) for m in build_metrics(SCORE_METRICS_WITH_REFERENCE)] \
        if any(s.reference is not None for s in segments) else []
    plan += [(m, scored, lambda s: s.source) for m in build_metrics(SCORE_METRICS_WITHOUT_REFERENCE)]
    for metric, subset, other in plan:
        result = metric.score([s.translation for s in subset], [other(s) for s in subset])
        for seg in segments:
            per_segment[seg.index][metric.name] = None
        for seg, value in zip(subset, result.segments):
            per_segment[seg.index][metric.name] = value
        corpus[metric.name] = result.corpus
        signatures[metric.name] = dict(result.signature)
    return per_segment, corpus, signatures


def backtranslate_segments(segments: Sequence[Segment], options: Options) -> Tuple[
        List[Optional[str]], List[Dict[str, Optional[float]]], Dict[str, Any], Dict[str, Any]]:
    """Round trip and forward pseudo-reference for the aligned segments (``--backtranslate``)."""
    from tqcheck.models.backtranslate import backtranslate

    scored = [s for s in segments if s.aligned and s.source.strip() and s.translation.strip()]
    bt = backtranslate([s.source for s in scored], [s.translation for s in scored], model_dir=options.model_dir,
                       engine=options.engine, cache_path=options.cache, progress=options.progress)
    pseudo: List[Optional[str]] = [None] * len(segments)
    scores: List[Dict[str, Optional[float]]] = [{} for _ in segments]
    extra_keys = set().union(*(d.keys() for d in bt.scores)) if bt.scores else set()
    for seg in segments:
        scores[seg.index] = {k: None for k in extra_keys}
    for seg, ref, sc in zip(scored, bt.pseudo_references, bt.scores):
        pseudo[seg.index] = ref
        scores[seg.index] = dict(sc)
    return pseudo, scores, dict(bt.corpus), dict(bt.signature)


# ---------------------------------------------------------------- check

def run_checks(segments: Sequence[Segment], options: Options,
               pseudo_references: Optional[Sequence[Optional[str]]] = None) -> Tuple[List[Findings], Dict[str, Any]]:
    """Run the enabled checks; returns merged findings per segment and the checks' signatures."""
    from tqcheck.checks import CheckContext, build_checks

    glossary = None
    if options.glossary:
        from tqcheck.glossary import load_glossary

        glossary = load_glossary(options.glossary)
    context = CheckContext(glossary=glossary, pseudo_references=pseudo_references,
                           options=options.check_options)
    flags: List[List[Flag]] = [[] for _ in segments]
    matches: List[List[Match]] = [[] for _ in segments]
    signatures: Dict[str, Any] = {}
    for check in build_checks(options.checks):
        for seg, found in zip(segments, check.run(segments, context)):
            flags[seg.index].extend(found.flags)
            matches[seg.index].extend(found.matches)
        signatures[check.name] = check.signature()
    return [Findings(tuple(f), tuple(m)) for f, m in zip(flags, matches)], signatures


# ---------------------------------------------------------------- report

def summarize(results: Sequence[SegmentResult], corpus_scores: Mapping[str, Any]) -> Dict[str, Any]:
    by_check: Counter[str] = Counter()
    by_severity: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for r in results:
        for f in r.flags:
            by_check[f.check] += 1
            by_severity[f.severity] += 1
        kinds[f"{len(r.segment.source_lines)}-{len(r.segment.target_lines)}"] += 1
    return {
        "segments": len(results),
        "flagged": sum(1 for r in results if r.flags),
        "flags": dict(sorted(by_check.items())),
        "severities": {s: by_severity.get(s, 0) for s in ("error", "warning", "info")},
        "scores": dict(corpus_scores),
        "beads": dict(sorted(kinds.items())),
        "unaligned": sum(1 for r in results if not r.segment.aligned),
    }


def evaluate(segments: Sequence[Segment], options: Options, *, inputs: Optional[Mapping[str, Any]] = None,
             alignment_signature: Optional[Mapping[str, Any]] = None,
             extra_signature: Optional[Mapping[str, Any]] = None) -> Report:
    """Score and check aligned segments and build the report."""
    segments = [replace(s, index=i) for i, s in enumerate(segments)]
    per_segment, corpus, metric_sigs = score_segments(segments)
    pseudo: Optional[List[Optional[str]]] = None
    signature: Dict[str, Any] = {}
    if options.backtranslate:
        pseudo, bt_scores, bt_corpus, bt_sig = backtranslate_segments(segments, options)
        for d, extra in zip(per_segment, bt_scores):
            d.update(extra)
        corpus.update(bt_corpus)
        signature["backtranslation"] = bt_sig
    findings, check_sigs = run_checks(segments, options, pseudo)
    results = tuple(
        SegmentResult(segment=seg, scores=per_segment[seg.index], flags=found.flags, matches=found.matches,
                      extra=({"pseudo_reference": pseudo[seg.index]} if pseudo is not None else {}))
        for seg, found in zip(segments, findings))
    signature = {
        "tqcheck": __version__,
        "options": options.to_signature(),
        "alignment": dict(alignment_signature or {}),
        "metrics": metric_sigs,
        "checks": check_sigs,
        **signature,
        **dict(extra_signature or {}),
    }
    return Report(tool={"name": "tqcheck", "version": __version__}, signature=signature,
                  summary=summarize(results, corpus), segments=results, inputs=dict(inputs or {}))


def check_files(source: str, translation: str, reference: Optional[str] = None,
                options: Options = Options()) -> Report:
    """The whole pipeline on files: read, segment, align, score and check."""
    from tqcheck.text.segment import signature as segmenter_signature

    doc = read_document(source, translation, reference, aligned=options.aligned)
    segments, align_sig = align_document(doc, aligned=options.aligned)
    if not options.aligned:
        segments = _with_line_numbers(segments, doc)
    inputs = {"source": str(source), "translation": str(translation),
              "reference": str(reference) if reference is not None else None}
    extra = {} if options.aligned else {"segmenter": segmenter_signature()}
    return evaluate(segments, options, inputs=inputs, alignment_signature=align_sig, extra_signature=extra)


def _with_line_numbers(segments: Sequence[Segment], doc: Document) -> List[Segment]:
    """In document mode the aligner works on sentence numbers; the report gives the input lines they came
    from (so that SARIF and the HTML report point at the right line) and keeps the sentence numbers too."""
    out = []
    for seg in segments:
        src_lines = tuple(sorted({doc.source[k].line for k in seg.source_lines}))
        tgt_lines = tuple(sorted({doc.translation[k].line for k in seg.target_lines}))
        out.append(replace(seg, source_lines=src_lines, target_lines=tgt_lines,
                           source_sentences=tuple(seg.source_lines), target_sentences=tuple(seg.target_lines)))
    return out


# ---------------------------------------------------------------- bilingual inputs (aligned units)

def check_units(units: Sequence[Any], options: Options = Options(), *,
                inputs: Optional[Mapping[str, Any]] = None,
                extra_signature: Optional[Mapping[str, Any]] = None) -> Report:
    """Score and check units that are already aligned (``tqcheck.io.bilingual.Unit``: XLIFF, TMX, TSV...).

    Each unit is one segment, as with ``--aligned``; its lines are the file lines of its source and target
    text (so SARIF points at the unit) and its id goes to the report's ``id``.
    """
    segments = [
        Segment(index=i,
                source_lines=() if u.source_line is None else (u.source_line,),
                target_lines=() if u.target_line is None else (u.target_line,),
                source=u.source, translation=u.translation, reference=u.reference, unit_id=u.id)
        for i, u in enumerate(units)
    ]
    return evaluate(segments, replace(options, aligned=True), inputs=inputs,
                    alignment_signature={"mode": "units"}, extra_signature=extra_signature)


def check_bilingual(path: str, options: Options = Options(), *, input_format: Optional[str] = None,
                    reference: Optional[str] = None, reader_options: Any = None) -> Report:
    """The pipeline on one bilingual file (``tqcheck check feed.xlf``).

    Args:
        path: the XLIFF, TMX, TSV, CSV or JSON Lines file.
        input_format: its format, when the extension does not tell.
        reference: an optional plain-text reference, one line a unit (for formats without a reference).
        reader_options: a ``tqcheck.io.bilingual.ReaderOptions`` (column names).
    """
    from tqcheck.io.bilingual import ReaderOptions, read_bilingual
    from tqcheck.io.text import read_lines

    data = read_bilingual(path, input_format, reader_options or ReaderOptions())
    units = list(data.units)
    if reference is not None:
        refs = read_lines(reference)
        if len(refs) != len(units):
            raise InputError(f"{reference}: has {len(refs)} lines, {path} has {len(units)} units; "
                             "the reference needs one line a unit")
        units = [replace(u, reference=r.strip()) for u, r in zip(units, refs)]
    inputs = {"source": str(path), "translation": str(path),
              "reference": str(reference) if reference is not None else None, "format": data.format}
    return check_units(units, options, inputs=inputs, extra_signature={"input": data.signature()})


# Moved to tqcheck.gate (kept importable from here for existing callers).
from tqcheck.gate import gate_failed  # noqa: E402,F401
