"""Whether an XLIFF unit is translated yet, from its target and what the CAT tool wrote about it.

A unit without a translation is work in progress, not an omission: on a project half done, checking it
would bury the real findings under hundreds of "no translation" errors. ``state_12``/``state_20`` return the
state as the file says it (for the report) and whether the unit counts as translated.

| where                  | not yet translated                                         |
|------------------------|------------------------------------------------------------|
| any                    | no ``<target>``, or one without text or code               |
| XLIFF 1.2 ``state``    | ``new``, ``needs-translation``                              |
| XLIFF 2.x ``state``    | ``initial`` when written (a target with text and no state   |
|                        | counts as translated: many tools write no state)           |
| Trados ``sdl:conf``    | ``Draft``, ``RejectedTranslation``, ``RejectedSignOff``     |
| memoQ ``mq:status``    | ``NotStarted``, ``Rejected``                                |
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Optional, Tuple

NS_SDL = "http://sdl.com/FileTypes/SdlXliff/1.0"
NS_MQ = "MQXliff"

UNTRANSLATED_12 = frozenset({"new", "needs-translation"})
UNTRANSLATED_20 = frozenset({"initial"})
UNTRANSLATED_SDL = frozenset({"Draft", "RejectedTranslation", "RejectedSignOff"})
UNTRANSLATED_MQ = frozenset({"NotStarted", "Rejected"})


def _sdl_conf(tu: ET.Element, mid: Optional[str]) -> Optional[str]:
    """Trados' confirmation level of segment ``mid`` (``<sdl:seg-defs><sdl:seg id=MID conf=...>``).

    A segment with no ``conf`` is "Not Translated" in Trados; it is returned as ``NotTranslated``.
    """
    for seg in tu.iter(f"{{{NS_SDL}}}seg"):
        if mid is None or seg.get("id") == mid:
            return seg.get("conf") or "NotTranslated"
    return None


def state_12(tu: ET.Element, target: Optional[ET.Element], mid: Optional[str], text: str,
             target_done: bool = False) -> Tuple[str, bool]:
    """``(state, translated)`` of one segment of an XLIFF 1.2 ``trans-unit`` (Trados and memoQ included).

    Args:
        tu: the ``trans-unit``.
        target: its ``<target>`` (None when it has none).
        mid: the segment's ``mrk mid`` in a segmented unit, else None.
        text: the segment's translation as read (placeholders included).
        target_done: the unit's target has text (in some of its segments): a segment missing from a
            translated target is an omission of the translator, not work not started, when no CAT state says
            otherwise.
    """
    conf = _sdl_conf(tu, mid)
    if conf is not None:
        return f"sdl:{conf}", conf not in UNTRANSLATED_SDL and conf != "NotTranslated" and bool(text)
    status = tu.get(f"{{{NS_MQ}}}status")
    if status is not None:
        return f"mq:{status}", status not in UNTRANSLATED_MQ and bool(text)
    if target is None:
        return "no-target", False
    state = target.get("state")
    if state in UNTRANSLATED_12:
        return state, False
    if mid is not None and not text and target_done:
        return "missing-segment", True
    return state or ("translated" if text else "empty-target"), bool(text)


def state_20(segment: ET.Element, target: Optional[ET.Element], text: str) -> Tuple[str, bool]:
    """``(state, translated)`` of an XLIFF 2.x ``<segment>``."""
    if target is None:
        return "no-target", False
    state = segment.get("state")
    if state in UNTRANSLATED_20:
        return state, False
    return state or ("translated" if text else "empty-target"), bool(text)
