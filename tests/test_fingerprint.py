"""A finding's fingerprint is the SHA-256 of a JSON list (tqcheck.fingerprint): waivers and baselines written
by earlier versions keep matching, whatever shortcut computes it (a long segment is hashed once, not once a
flag)."""

from __future__ import annotations

import hashlib
import json

import pytest

from tqcheck.fingerprint import VERSION, fingerprint, normalise

CASES = [
    ("name", "name-dropped", "وأضاف سوروفيكين أن \"قيادته\"\n\tلا تستبعد", "Sorovikin added \\ \"x\"\u200b",
     "سوروفيكين", "Sorovikin"),
    ("number", "number-changed", "قتل ٣٠٠ جندي", "30 soldiers were killed", "٣٠٠", "30"),
    ("omission", None, "جملة بلا ترجمة", None, None, None),
    ("tags", "tag-missing", "\ue000 افتح\u0001 الملف", "open\u2028the file", "\ue000", None),
]


def documented(check, code, source, translation, source_text=None, target_text=None):
    payload = [VERSION, check, code or "", normalise(source), normalise(translation), normalise(source_text),
               normalise(target_text)]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_fingerprint_is_the_hash_of_the_documented_list(case):
    assert fingerprint(*case) == documented(*case)


def test_flags_of_one_long_segment_share_the_segment_part():
    long_ar, long_en = "قتل ٣٠٠ جندي. " * 20_000, "30 soldiers were killed. " * 20_000
    prints = {fingerprint("number", "number-changed", long_ar, long_en, "٣٠٠", str(n)) for n in range(50)}
    assert len(prints) == 50
    assert fingerprint("number", "number-changed", long_ar, long_en, "٣٠٠", "7") == documented(
        "number", "number-changed", long_ar, long_en, "٣٠٠", "7")
