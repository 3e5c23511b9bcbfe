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
from typing import Any, Iterator, Mapping, MutableMapping, Optional, Tuple

VERSION = "1"


def normalise(text: Optional[str]) -> str:
    """The form of a text that a fingerprint hashes."""
    from tqcheck.text.normalize import strip_invisible

    if not text:
        return ""
    return " ".join(strip_invisible(unicodedata.normalize("NFKC", text)).split())


def fingerprint(check: str, code: Optional[str], source: Optional[str], translation: Optional[str],
                source_text: Optional[str] = None, target_text: Optional[str] = None) -> str:
    """The fingerprint (64 hex digits) of one finding."""
    payload = [VERSION, check, code or "", normalise(source), normalise(translation),
               normalise(source_text), normalise(target_text)]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()


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
