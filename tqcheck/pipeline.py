"""read -> segment -> align -> score and check -> Report.

The pipeline computes everything a renderer shows; renderers only format the ``Report``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

from tqcheck import __version__
from tqcheck.errors import InputError
from tqcheck.types import Findings, Flag, Match, Report, Segment, SegmentResult, Sentence

# Segments scored and checked together; bounds memory on long feeds (see ``Stream``).
DEFAULT_CHUNK_SIZE = 2000
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
        device: where the translation models run: "auto" (CUDA when there is one), "cpu" or "cuda".
        compute_type: their weights and arithmetic ("auto": int8 on CPU, int8_float16 on CUDA with
            CTranslate2; see ``tqcheck.models.engines.devices.COMPUTE_TYPES``).
        cache: path of the translation cache (sqlite); None uses the default location.
        progress: show progress bars (only on a terminal).
        check_options: per-check options, e.g. ``{"number": {...}}``.
        include_untranslated: check the units of a bilingual file that are not translated yet (no target,
            or a state such as ``new``, Trados Draft, memoQ NotStarted); by default they are counted, not
            checked (``tqcheck.io.unitstate``).
    """

    aligned: bool = False
    checks: Optional[Tuple[str, ...]] = None
    glossary: Optional[str] = None
    backtranslate: bool = False
    model_dir: Optional[str] = None
    engine: Optional[str] = None
    device: str = "auto"
    compute_type: str = "auto"
    cache: Optional[str] = None
    progress: bool = False
    check_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    include_untranslated: bool = False

    def to_signature(self) -> Dict[str, Any]:
        return {
            "aligned": self.aligned,
            "checks": list(self.checks) if self.checks is not None else None,
            "glossary": self.glossary,
            "backtranslate": self.backtranslate,
            "engine": self.engine,
            "device": self.device,
            "compute_type": self.compute_type,
            "check_options": {k: dict(v) for k, v in self.check_options.items()},
            **({"include_untranslated": True} if self.include_untranslated else {}),
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
    from tqcheck.io.text import read_lines, read_lines_verbatim
    from tqcheck.text.segment import segment_lines

    if aligned:
        return _read_aligned(source, translation, reference)
    # sentences of the source and translation know their columns (SARIF); the reference's are never shown
    src_lines, src_verbatim = read_lines_verbatim(source)
    tgt_lines, tgt_verbatim = read_lines_verbatim(translation)
    ref_lines = read_lines(reference) if reference is not None else None
    doc = Document(tuple(segment_lines(src_lines, "ar", src_verbatim)),
                   tuple(segment_lines(tgt_lines, "en", tgt_verbatim)),
                   tuple(segment_lines(ref_lines, "en")) if ref_lines is not None else None)
    _check_document_size(doc, (source, translation, reference))
    return doc


def _read_aligned(source: str, translation: str, reference: Optional[str]) -> Document:
    """``--aligned``: one sentence a line, each with the column where its text starts in the line when
    cleaning left the line as it was (``Sentence.column``)."""
    from tqcheck.io.text import read_lines_verbatim

    def sentences(path: str) -> Tuple[Sentence, ...]:
        lines, verbatim = read_lines_verbatim(path)
        return tuple(Sentence(text=line.strip(), line=i, column=len(line) - len(line.lstrip()) if same else None)
                     for i, (line, same) in enumerate(zip(lines, verbatim)))

    src, tgt = sentences(source), sentences(translation)
    ref = sentences(reference) if reference is not None else None
    if len(src) != len(tgt):
        raise InputError(f"--aligned needs the same number of lines: {source} has {len(src)}, "
                         f"{translation} has {len(tgt)}")
    if ref is not None and len(ref) != len(tgt):
        raise InputError(f"--aligned needs the same number of lines: {translation} has {len(tgt)}, "
                         f"{reference} has {len(ref)}")
    return Document(src, tgt, ref)


def _check_document_size(doc: Document, paths: Sequence[Optional[str]]) -> None:
    """Document mode aligns whole documents: bound their sentence count and each sentence's length."""
    from tqcheck.io.text import display_name
    from tqcheck.limits import DOCUMENT_MAX_SENTENCES, SEGMENT_MAX_CHARS

    for path, sentences in zip(paths, (doc.source, doc.translation, doc.reference)):
        if sentences is None or path is None:
            continue
        if len(sentences) > DOCUMENT_MAX_SENTENCES:
            raise InputError(f"{display_name(path)}: {len(sentences):,} sentences, beyond the "
                             f"{DOCUMENT_MAX_SENTENCES:,} that document mode aligns at once; split the document, "
                             "or give aligned lines (--aligned) or a bilingual file, which are checked in bounded "
                             "memory")
        for s in sentences:
            if len(s.text) > SEGMENT_MAX_CHARS:
                raise InputError(f"{display_name(path)}:{s.line + 1}: a sentence of {len(s.text):,} characters, "
                                 f"beyond the limit of {SEGMENT_MAX_CHARS:,} for one segment; split it")


# ---------------------------------------------------------------- align

def align_document(doc: Document, *, aligned: bool) -> Tuple[List[Segment], Dict[str, Any]]:
    """Pair the sentences into segments; returns the segments and the alignment's signature."""
    if aligned:
        segments = [
            Segment(index=i, source_lines=(i,), target_lines=(i,), source=s.text, translation=t.text,
                    reference=(doc.reference[i].text if doc.reference is not None else None),
                    unit_id=s.unit_id or t.unit_id,
                    columns=(s.column, t.column) if s.column is not None or t.column is not None else None)
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
            columns=_bead_columns(doc, bead),
            confidence=float(bead.score),
            aligned=both and bead.score >= CONFIDENCE_THRESHOLD,
            confidence_without_numbers=bead.score_without_numbers,
        ))
    signature = {"mode": "document", **dict(alignment.signature), "confidence_threshold": CONFIDENCE_THRESHOLD}
    return segments, signature


def _bead_columns(doc: Document, bead: Any) -> Optional[Tuple[Optional[int], Optional[int]]]:
    """The columns of a bead's source and translation text in their input lines (``Segment.columns``), where
    offsets into the text joined with spaces are offsets into the line: every sentence on one line, each
    one character after the previous one."""
    def column(sentences: Sequence[Sentence], indices: Sequence[int]) -> Optional[int]:
        first = sentences[indices[0]] if indices else None
        if first is None or first.column is None:
            return None
        end = first.column + len(first.text)
        for k in indices[1:]:
            s = sentences[k]
            if s.line != first.line or s.column != end + 1:
                return None
            end = s.column + len(s.text)
        return first.column

    columns = (column(doc.source, bead.source), column(doc.translation, bead.target))
    return columns if columns != (None, None) else None


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

def _scorable(seg: Segment) -> bool:
    return seg.aligned and bool(seg.source.strip()) and bool(seg.translation.strip())


# Scores whose cost grows with the square of a segment's length: skipped beyond SEGMENT_FULL_CHARS.
QUADRATIC_METRICS = ("ter",)


def too_long(seg: Segment) -> bool:
    """Longer than ``tqcheck.limits.SEGMENT_FULL_CHARS`` on a side: checked, but TER and the
    back-translation are skipped (see ``long_segment_flag``)."""
    from tqcheck.limits import SEGMENT_FULL_CHARS

    return max(len(seg.source), len(seg.translation), len(seg.reference or "")) > SEGMENT_FULL_CHARS


def long_segment_flag(seg: Segment, backtranslate: bool) -> Flag:
    from tqcheck.limits import SEGMENT_FULL_CHARS

    skipped = "TER and the back-translation were" if backtranslate else "TER was"
    return Flag(check="score", severity="info", code="segment-too-long",
                message=f"segment of {max(len(seg.source), len(seg.translation)):,} characters: checked in "
                        f"full, but {skipped} skipped (beyond {SEGMENT_FULL_CHARS:,} characters)")


def check_segment_sizes(segments: Sequence[Segment]) -> None:
    """Refuse a segment beyond ``tqcheck.limits.SEGMENT_MAX_CHARS`` on a side (exit 2)."""
    from tqcheck.limits import SEGMENT_MAX_CHARS

    for seg in segments:
        for side, text in (("source", seg.source), ("translation", seg.translation),
                           ("reference", seg.reference or "")):
            where = f"unit {seg.unit_id!r}" if seg.unit_id else f"segment {seg.index + 1}"
            if len(text) > SEGMENT_MAX_CHARS:
                raise InputError(f"{where}: its {side} has {len(text):,} characters, beyond the limit of "
                                 f"{SEGMENT_MAX_CHARS:,} for one segment; split it")
            bad = _SURROGATE.search(text)
            if bad:  # a JSON "\ud800" escape or an XLIFF 2 <cp hex="D800"/>: not a character, cannot be written
                raise InputError(f"{where}: its {side} holds a lone surrogate (U+{ord(bad.group()):04X}), which "
                                 "is not a Unicode character; fix the input")


_SURROGATE = re.compile("[\ud800-\udfff]")


def score_segments(segments: Sequence[Segment], has_reference: bool
                   ) -> Tuple[List[Dict[str, Optional[float]]], List[Tuple[Any, Any]]]:
    """Metrics on the confidently aligned segments of one chunk.

    Returns the scores of each segment (None where not computed) and, per metric, ``(metric, result)`` so
    that the caller can combine chunks into corpus scores.
    """
    from tqcheck.metrics import build_metrics

    scored = [k for k, s in enumerate(segments) if _scorable(s)]
    with_ref = [k for k in scored if segments[k].reference is not None and str(segments[k].reference).strip()]
    plan: List[Tuple[Any, List[int], str]] = []
    if has_reference:
        bounded = [k for k in with_ref if not too_long(segments[k])]
        plan += [(m, bounded if m.name in QUADRATIC_METRICS else with_ref, "reference")
                 for m in build_metrics(SCORE_METRICS_WITH_REFERENCE)]
    plan += [(m, scored, "source") for m in build_metrics(SCORE_METRICS_WITHOUT_REFERENCE)]
    per_segment: List[Dict[str, Optional[float]]] = [{m.name: None for m, _, _ in plan} for _ in segments]
    results = []
    from tqcheck.text.placeholders import strip

    for metric, subset, other in plan:
        # Inline codes are not words: the metrics score the text without their placeholders.
        result = metric.score([strip(segments[k].translation) for k in subset],
                              [strip(getattr(segments[k], other)) for k in subset])
        for k, value in zip(subset, result.segments):
            per_segment[k][metric.name] = value
        results.append((metric, result))
    return per_segment, results


def backtranslate_segments(segments: Sequence[Segment], options: Options) -> Tuple[
        List[Optional[str]], List[Dict[str, Optional[float]]], Dict[str, Any], Dict[str, Any]]:
    """Round trip and forward pseudo-reference for the aligned segments (``--backtranslate``)."""
    from tqcheck.models.backtranslate import backtranslate
    from tqcheck.models.engines.base import DecodeOptions

    scored = [k for k, s in enumerate(segments) if _scorable(s) and not too_long(s)]
    from tqcheck.text.placeholders import strip

    # The engines translate text; inline-code placeholders are not (they would be unknown tokens).
    bt = backtranslate([strip(segments[k].source) for k in scored], [strip(segments[k].translation) for k in scored],
                       model_dir=options.model_dir, engine=options.engine, cache_path=options.cache,
                       progress=options.progress,
                       options=DecodeOptions(device=options.device, compute_type=options.compute_type))
    keys = sorted(set().union(*(d.keys() for d in bt.scores))) if bt.scores else []
    pseudo: List[Optional[str]] = [None] * len(segments)
    scores: List[Dict[str, Optional[float]]] = [{k: None for k in keys} for _ in segments]
    for k, ref, sc in zip(scored, bt.pseudo_references, bt.scores):
        pseudo[k] = ref
        scores[k].update(sc)
    return pseudo, scores, dict(bt.corpus), dict(bt.signature)


# ---------------------------------------------------------------- check

def load_context(options: Options, pseudo_references: Optional[Sequence[Optional[str]]] = None) -> Any:
    from tqcheck.checks import CheckContext

    glossary = None
    if options.glossary:
        from tqcheck.glossary import load_glossary

        glossary = load_glossary(options.glossary)
    return CheckContext(glossary=glossary, pseudo_references=pseudo_references, options=options.check_options)


def run_checks(segments: Sequence[Segment], checks: Sequence[Any], context: Any) -> List[Findings]:
    """Run the checks on one chunk; returns the merged findings of each segment."""
    flags: List[List[Flag]] = [[] for _ in segments]
    matches: List[List[Match]] = [[] for _ in segments]
    for check in checks:
        for k, found in enumerate(check.run(segments, context)):
            flags[k].extend(found.flags)
            matches[k].extend(found.matches)
    return [Findings(tuple(f), tuple(m)) for f, m in zip(flags, matches)]


# ---------------------------------------------------------------- evaluate

class Evaluation:
    """Scores and checks segments chunk by chunk, keeping only corpus statistics and counts between chunks,
    so that a feed of any length runs in bounded memory. ``evaluate`` is one chunk of it.

    Cross-segment checks (name consistency) see one chunk at a time: ``chunk_size`` segments.
    """

    def __init__(self, options: Options, *, has_reference: bool) -> None:
        from tqcheck.checks import build_checks

        self.options = options
        self.has_reference = has_reference
        self.checks = build_checks(options.checks)
        self.context = load_context(options)
        self.metrics: Dict[str, Any] = {}
        self.stats: Dict[str, Any] = {}
        self.metric_signatures: Dict[str, Any] = {}
        self.bt_signature: Optional[Dict[str, Any]] = None
        self.bt_stats: Dict[str, Tuple[float, int]] = {}
        self.by_check: Counter[str] = Counter()
        self.by_severity: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()
        self.segments = 0
        self.flagged = 0
        self.unaligned = 0
        self.units: Optional[Dict[str, int]] = None  # bilingual files: checked, not translated, excluded

    def run(self, segments: Sequence[Segment]) -> List[SegmentResult]:
        """Score and check one chunk (segments already carry their final ``index``)."""
        from tqcheck.metrics.base import add_stats

        per_segment, results = score_segments(segments, self.has_reference)
        for metric, result in results:
            self.metrics[metric.name] = metric
            self.stats[metric.name] = add_stats(self.stats.get(metric.name), result.stats)
            if result.signature:
                self.metric_signatures[metric.name] = dict(result.signature)
        context = self.context
        pseudo: Optional[List[Optional[str]]] = None
        if self.options.backtranslate:
            pseudo, bt_scores, bt_corpus, self.bt_signature = backtranslate_segments(segments, self.options)
            for d, bt in zip(per_segment, bt_scores):
                d.update(bt)
                for key, value in bt.items():
                    if value is not None:
                        total, n = self.bt_stats.get(key, (0.0, 0))
                        self.bt_stats[key] = (total + value, n + 1)
            context = replace(context, pseudo_references=pseudo)
        findings = run_checks(segments, self.checks, context)
        out = []
        for k, (seg, found) in enumerate(zip(segments, findings)):
            extra: Dict[str, Any] = {"pseudo_reference": pseudo[k]} if pseudo is not None else {}
            flags = found.flags
            if _scorable(seg) and too_long(seg):
                flags = flags + (long_segment_flag(seg, self.options.backtranslate),)
            out.append(SegmentResult(segment=seg, scores=per_segment[k], flags=flags,
                                     matches=found.matches, extra=extra))
            self._count(out[-1])
        return out

    def _count(self, r: SegmentResult) -> None:
        self.segments += 1
        self.flagged += bool(r.flags)
        self.unaligned += not r.segment.aligned
        seg = r.segment
        src = seg.source_sentences if seg.source_sentences is not None else seg.source_lines
        tgt = seg.target_sentences if seg.target_sentences is not None else seg.target_lines
        self.kinds[f"{len(src)}-{len(tgt)}"] += 1
        for f in r.flags:
            self.by_check[f.check] += 1
            self.by_severity[f.severity] += 1

    def corpus_scores(self) -> Dict[str, Optional[float]]:
        scores: Dict[str, Optional[float]] = {
            name: (self.metrics[name].corpus_from_stats(stats) if stats else None)
            for name, stats in self.stats.items()}
        # Back-translation corpus scores are means of the segment scores.
        for key, (total, n) in sorted(self.bt_stats.items()):
            scores[key] = round(total / n, 4) if n else None
        return scores

    def summary(self) -> Dict[str, Any]:
        return {
            "segments": self.segments,
            "flagged": self.flagged,
            "flags": dict(sorted(self.by_check.items())),
            "severities": {s: self.by_severity.get(s, 0) for s in ("error", "warning", "info")},
            "scores": self.corpus_scores(),
            "beads": dict(sorted(self.kinds.items())),
            "unaligned": self.unaligned,
            **({"units": dict(self.units)} if self.units is not None else {}),
        }

    def signature(self, alignment_signature: Optional[Mapping[str, Any]] = None,
                  extra_signature: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
        sig: Dict[str, Any] = {
            "tqcheck": __version__,
            "options": self.options.to_signature(),
            "alignment": dict(alignment_signature or {}),
            "metrics": dict(self.metric_signatures),
            "checks": {c.name: c.signature() for c in self.checks},
        }
        if self.bt_signature is not None:
            sig["backtranslation"] = self.bt_signature
        sig.update(extra_signature or {})
        return sig


TOOL = {"name": "tqcheck", "version": __version__}


def evaluate(segments: Sequence[Segment], options: Options, *, inputs: Optional[Mapping[str, Any]] = None,
             alignment_signature: Optional[Mapping[str, Any]] = None,
             extra_signature: Optional[Mapping[str, Any]] = None) -> Report:
    """Score and check aligned segments and build the report."""
    segments = [replace(s, index=i) for i, s in enumerate(segments)]
    ev = Evaluation(options, has_reference=any(s.reference is not None for s in segments))
    results = tuple(ev.run(segments))
    return Report(tool=TOOL, signature=ev.signature(alignment_signature, extra_signature),
                  summary=ev.summary(), segments=results, inputs=dict(inputs or {}))


@dataclass
class Stream:
    """A run in progress: iterate ``results()`` for the segment results chunk by chunk, then read
    ``summary()`` and ``signature()``. Memory stays bounded by the chunk size."""

    segments: Sequence[Segment]
    evaluation: Evaluation
    inputs: Dict[str, Any]
    alignment_signature: Dict[str, Any]
    extra_signature: Dict[str, Any]
    chunk_size: int = DEFAULT_CHUNK_SIZE

    def results(self) -> Iterator[List[SegmentResult]]:
        for start in range(0, len(self.segments), self.chunk_size):
            yield self.evaluation.run(self.segments[start:start + self.chunk_size])

    def summary(self) -> Dict[str, Any]:
        return self.evaluation.summary()

    def signature(self) -> Dict[str, Any]:
        return self.evaluation.signature(self.alignment_signature, self.extra_signature)


def stream_files(source: str, translation: str, reference: Optional[str] = None,
                 options: Options = Options(), *, chunk_size: Optional[int] = None) -> Stream:
    """Read, segment and align the inputs, and return a ``Stream`` that scores and checks them in chunks."""
    from tqcheck.io.script import check_scripts, count_letters
    from tqcheck.io.text import display_name
    from tqcheck.text.segment import signature as segmenter_signature

    doc = read_document(source, translation, reference, aligned=options.aligned)
    if options.aligned:
        check_segment_sizes(align_document(doc, aligned=True)[0])
    check_scripts(count_letters(s.text for s in doc.source), count_letters(s.text for s in doc.translation),
                  count_letters(s.text for s in doc.reference) if doc.reference is not None else None,
                  names=(display_name(source), display_name(translation),
                         display_name(reference) if reference is not None else "REF"))
    segments, align_sig = align_document(doc, aligned=options.aligned)
    if not options.aligned:
        segments = _with_line_numbers(segments, doc)
    segments = [replace(s, index=i) for i, s in enumerate(segments)]
    check_segment_sizes(segments)
    from tqcheck.io.text import display_name

    inputs = {"source": display_name(source), "translation": display_name(translation),
              "reference": display_name(reference) if reference is not None else None}
    extra = {} if options.aligned else {"segmenter": segmenter_signature()}
    evaluation = Evaluation(options, has_reference=reference is not None)
    return Stream(segments, evaluation, inputs, align_sig, extra, chunk_size or DEFAULT_CHUNK_SIZE)


def check_files(source: str, translation: str, reference: Optional[str] = None,
                options: Options = Options()) -> Report:
    """The whole pipeline on files: read, segment, align, score and check; the report in memory."""
    return _collect(stream_files(source, translation, reference, options, chunk_size=1 << 30))


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

def stream_units(units: Sequence[Any], options: Options = Options(), *,
                 inputs: Optional[Mapping[str, Any]] = None, extra_signature: Optional[Mapping[str, Any]] = None,
                 chunk_size: Optional[int] = None, excluded: int = 0) -> Stream:
    """A ``Stream`` over units that are already aligned (``tqcheck.io.bilingual.Unit``: XLIFF, TMX, TSV...).

    Each unit is one segment, as with ``--aligned``; its lines are the file lines of its source and target
    text (so SARIF points at the unit) and its id goes to the report's ``id``. Units not translated yet are
    left out unless ``options.include_untranslated``; the summary counts them (``units``), with the
    ``excluded`` units the file marks ``translate="no"``.
    """
    chosen = [u for u in units if options.include_untranslated or getattr(u, "translated", True)]
    segments = [
        Segment(index=i,
                source_lines=() if u.source_line is None else (u.source_line,),
                target_lines=() if u.target_line is None else (u.target_line,),
                source=u.source, translation=u.translation, reference=u.reference, unit_id=u.id,
                original=getattr(u, "original", None), anchor=getattr(u, "anchor", None),
                columns=_unit_columns(u))
        for i, u in enumerate(chosen)
    ]
    check_segment_sizes(segments)
    options = replace(options, aligned=True)
    evaluation = Evaluation(options, has_reference=any(s.reference is not None for s in segments))
    evaluation.units = {"checked": len(segments),
                        "not_translated": sum(not getattr(u, "translated", True) for u in units),
                        "excluded": excluded}
    return Stream(segments, evaluation, dict(inputs or {}), {"mode": "units"}, dict(extra_signature or {}),
                  chunk_size or DEFAULT_CHUNK_SIZE)


def _unit_columns(unit: Any) -> Optional[Tuple[Optional[int], Optional[int]]]:
    columns = (getattr(unit, "source_column", None), getattr(unit, "target_column", None))
    return columns if columns != (None, None) else None


def check_units(units: Sequence[Any], options: Options = Options(), *,
                inputs: Optional[Mapping[str, Any]] = None,
                extra_signature: Optional[Mapping[str, Any]] = None) -> Report:
    """``stream_units`` with the report in memory."""
    return _collect(stream_units(units, options, inputs=inputs, extra_signature=extra_signature,
                                 chunk_size=1 << 30))


def stream_bilingual(path: str, options: Options = Options(), *, input_format: Optional[str] = None,
                     reference: Optional[str] = None, reader_options: Any = None,
                     chunk_size: Optional[int] = None) -> Stream:
    """Read one bilingual file (``tqcheck check feed.xlf``) and return the ``Stream`` of its units.

    Args:
        path: the XLIFF, TMX, TSV, CSV or JSON Lines file.
        input_format: its format, when the extension does not tell.
        reference: an optional plain-text reference, one line a unit (for formats without a reference).
        reader_options: a ``tqcheck.io.bilingual.ReaderOptions`` (column names).
    """
    from tqcheck.io.bilingual import ReaderOptions, read_bilingual
    from tqcheck.io.script import check_scripts, count_letters
    from tqcheck.io.text import display_name, read_lines

    data = read_bilingual(path, input_format, reader_options or ReaderOptions())
    units = list(data.units)
    name = display_name(path)
    if reference is not None:
        refs = read_lines(reference)
        if len(refs) != len(units):
            raise InputError(f"{reference}: has {len(refs)} lines, {path} has {len(units)} units; "
                             "the reference needs one line a unit")
        units = [replace(u, reference=r.strip()) for u, r in zip(units, refs)]
    from tqcheck.io.text import display_name

    inputs = {"source": display_name(path), "translation": display_name(path),
              "reference": display_name(reference) if reference is not None else None, "format": data.format}
    stream = stream_units(units, options, inputs=inputs, extra_signature={"input": data.signature()},
                          chunk_size=chunk_size, excluded=data.excluded)  # refuses a unit beyond the size limit first
    check_scripts(count_letters(u.source for u in units), count_letters(u.translation for u in units),
                  count_letters(u.reference for u in units),
                  names=(f"{name} (its source texts)", f"{name} (its translations)", f"{name} (its references)"))
    return stream


def check_bilingual(path: str, options: Options = Options(), *, input_format: Optional[str] = None,
                    reference: Optional[str] = None, reader_options: Any = None) -> Report:
    """``stream_bilingual`` with the report in memory."""
    return _collect(stream_bilingual(path, options, input_format=input_format, reference=reference,
                                     reader_options=reader_options, chunk_size=1 << 30))


def _collect(stream: Stream) -> Report:
    results = tuple(r for chunk in stream.results() for r in chunk)
    return Report(tool=TOOL, signature=stream.signature(), summary=stream.summary(), segments=results,
                  inputs=stream.inputs)
