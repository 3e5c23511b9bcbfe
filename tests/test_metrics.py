"""Metric adapters agree with sacrebleu called directly, and the semantic score separates translations
from unrelated sentences."""

import pytest
import sacrebleu

from tqcheck.metrics import build_metrics

HYP = ["The Kremlin declined to comment on the reports.", "Seventy thousand people fled the city."]
REF = ["The Kremlin refused to comment on the reports.", "70,000 people fled the city."]


@pytest.mark.parametrize("name,corpus_fn,sentence_fn", [
    ("bleu", lambda h, r: sacrebleu.corpus_bleu(h, [r]).score,
     lambda h, r: sacrebleu.sentence_bleu(h, [r]).score),
    ("chrf", lambda h, r: sacrebleu.corpus_chrf(h, [r], word_order=2).score,
     lambda h, r: sacrebleu.sentence_chrf(h, [r], word_order=2).score),
    ("ter", lambda h, r: sacrebleu.corpus_ter(h, [r]).score,
     lambda h, r: sacrebleu.sentence_ter(h, [r]).score),
])
def test_sacrebleu_metrics_match_sacrebleu(name, corpus_fn, sentence_fn):
    (metric,) = build_metrics([name])
    result = metric.score(HYP, REF)
    assert result.corpus == pytest.approx(corpus_fn(HYP, REF), abs=1e-3)
    assert list(result.segments) == pytest.approx([sentence_fn(h, r) for h, r in zip(HYP, REF)], abs=1e-3)
    assert "version:" in result.signature["sacrebleu"]


def test_semantic_similarity_ranks_translation_above_unrelated_sentence():
    (metric,) = build_metrics(["semantic"])
    src = ["فر سبعون ألف شخص من المدينة.", "فر سبعون ألف شخص من المدينة."]
    hyp = ["Seventy thousand people fled the city.", "The weather in London was mild on Tuesday."]
    good, unrelated = metric.score(hyp, src).segments
    assert good > 0.6 and unrelated < 0.35 and good - unrelated > 0.3


def test_empty_input_scores_none():
    for metric in build_metrics(["bleu", "chrf", "ter", "semantic"]):
        result = metric.score([], [])
        assert result.corpus is None and result.segments == ()
