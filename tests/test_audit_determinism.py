"""A report must not depend on which worker made it: the encoder's caches make a vector's last bits depend
on what the process embedded before, so the audit resets them before each document."""

from __future__ import annotations

import numpy as np

from tests._audit_corpus import write_archive
from tests._shared import DATA, needs_shared, read_lines
from tqcheck.audit.manifest import load_pairs
from tqcheck.audit.work import Job, audit_pair
from tqcheck.encoder import Encoder
from tqcheck.pipeline import Options


@needs_shared
def test_reset_encoder_gives_a_fresh_process_vectors():
    doc = read_lines(DATA / "tico19" / "tico19-test.ar", 100)
    other = read_lines(DATA / "ntrex128" / "newstest2019-src.eng.txt", 100)
    fresh = Encoder().encode(doc)
    used = Encoder()
    used.encode(other)
    used.encode(doc)  # whatever rounding the history leaves (machine-dependent: never asserted either way)
    used.reset()
    # ...after it, they are a fresh process's, bit for bit.
    assert np.array_equal(used.encode(doc), fresh)


def test_each_document_starts_from_a_reset_encoder(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr("tqcheck.encoder.reset_encoder", lambda: calls.append(1))
    pairs = load_pairs(write_archive(tmp_path / "archive", broken=False))
    job = Job(str(tmp_path / "out"), Options(aligned=True))
    for pair in pairs[:2]:
        audit_pair(pair, job)
    assert len(calls) == 2
