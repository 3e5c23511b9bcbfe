"""The aligner never raises on arbitrary Unicode sentence lists, and its beads always cover both sides."""

from __future__ import annotations

import hashlib

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tqcheck.align import align_sentences


class HashEncoder:
    """A cheap stand-in for the sentence encoder: a unit vector seeded by the text's hash."""

    def encode(self, texts):
        out = np.zeros((len(texts), 32), dtype=np.float32)
        for i, t in enumerate(texts):
            seed = int.from_bytes(hashlib.sha1(t.encode("utf-8", "surrogatepass")).digest()[:4], "little")
            v = np.random.default_rng(seed).normal(size=32)
            out[i] = v / np.linalg.norm(v)
        return out


sentences = st.lists(st.text(max_size=40), max_size=12)


@settings(max_examples=60, deadline=None)
@given(source=sentences, target=sentences, name_weight=st.sampled_from([0.0, 0.2]))
def test_never_raises_and_covers_everything(source, target, name_weight):
    alignment = align_sentences(source, target, encoder=HashEncoder(), name_weight=name_weight)
    assert [i for b in alignment.beads for i in b.source] == list(range(len(source)))
    assert [j for b in alignment.beads for j in b.target] == list(range(len(target)))
    for b in alignment.beads:
        assert b.source or b.target
        assert 0.0 <= b.score <= 1.0


@settings(max_examples=20, deadline=None)
@given(source=st.lists(st.sampled_from(["", " ", "١٢٣", "(«»)", "3.5", "x", "في سوليهال"]), min_size=20, max_size=40),
       target=st.lists(st.sampled_from(["", "\u200f", "1,200", '"q"', "y", "in Solihull"]), min_size=20, max_size=40))
def test_degenerate_repeated_sentences(source, target):
    alignment = align_sentences(source, target, encoder=HashEncoder(), full_cells=100,  # forces the band
                                name_weight=0.2)
    assert [i for b in alignment.beads for i in b.source] == list(range(len(source)))
    assert [j for b in alignment.beads for j in b.target] == list(range(len(target)))
