"""Stable fingerprints of findings, for waivers and the regression baseline.

A fingerprint is the SHA-256 of the check, its code, the segment's source and target text and the flagged
span texts, each normalised (Unicode NFKC, invisible marks removed, whitespace collapsed). It does not depend
on the segment's position, the message wording or the threshold that raised it, so a finding keeps its
fingerprint when the document is edited around it or the tool's messages change; it changes when the text
that was judged changes.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from functools import lru_cache
from typing import Any, Iterator, Mapping, MutableMapping, Optional, Tuple

VERSION = "1"


def normalise(text: Optional[str]) -> str:
    """The form of a text that a fingerprint hashes."""
    from tqcheck.text.normalize import strip_invisible

    if not text:
        return ""
    return " ".join(strip_invisible(unicodedata.normalize("NFKC", text)).split())


def _item(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@lru_cache(maxsize=64)
def _segment_hasher(check: str, code: str, source: Optional[str], translation: Optional[str]) -> Any:
    """SHA-256 fed with the payload up to the segment's texts. A segment's flags share it, so a long segment
    is normalised, encoded and hashed once, not once a flag (the strings' hashes are cached by Python, so
    the lookup is cheap even for a 1 MB text)."""
    head = "[" + ", ".join(_item(x) for x in (VERSION, check, code, normalise(source), normalise(translation)))
    return hashlib.sha256(head.encode("utf-8"))


def fingerprint(check: str, code: Optional[str], source: Optional[str], translation: Optional[str],
                source_text: Optional[str] = None, target_text: Optional[str] = None) -> str:
    """The fingerprint (64 hex digits) of one finding: the SHA-256 of the JSON list ``[VERSION, check, code,
    source, translation, source_text, target_text]`` (each text normalised), written by ``json.dumps``."""
    h = _segment_hasher(check, code or "", source, translation).copy()
    h.update((", " + _item(normalise(source_text)) + ", " + _item(normalise(target_text)) + "]").encode("utf-8"))
    return h.hexdigest()


def flag_fingerprint(flag: Any, segment: Any) -> str:
    """Fingerprint of a ``Flag`` in a ``Segment``."""
    return fingerprint(flag.check, flag.code, segment.source, segment.translation,
                       flag.source_text, flag.target_text)


def dict_fingerprint(flag: Mapping[str, Any], segment: Mapping[str, Any]) -> str:
    """Fingerprint of a flag of a report document (``Report.to_dict()``), as stored or recomputed."""
    stored = flag.get("fingerprint")
    if isinstance(stored, str) and stored:
        return stored
    return fingerprint(flag["check"], flag.get("code"), segment.get("source"), segment.get("translation"),
                       flag.get("source_text"), flag.get("target_text"))


def iter_flags(doc: Mapping[str, Any]) -> Iterator[Tuple[MutableMapping[str, Any], MutableMapping[str, Any]]]:
    """(segment, flag) pairs of a report document, in order."""
    for seg in doc.get("segments", []):
        for flag in seg.get("flags", []):
            yield seg, flag
