"""Size limits: every input has a bound or a linear path (docs/ci-and-formats.md, "Limits").

* An input file (or standard input) larger than ``max_input_bytes()`` is refused with exit 2; it is read
  with a bounded read, so ``/dev/zero`` or an endless pipe stops there too.
* A segment longer than ``SEGMENT_MAX_CHARS`` characters on one side is refused with exit 2 (split it).
* A segment longer than ``SEGMENT_FULL_CHARS`` is checked in full (the checks and the semantic, BLEU and
  chrF++ scores are linear in its length) but its TER, whose cost grows with the square of the length, and
  its back-translation are skipped; an ``info`` flag ``score/segment-too-long`` says so.
* Document mode (sentence splitting and alignment) takes up to ``DOCUMENT_MAX_SENTENCES`` sentences a side;
  a longer document is refused with a hint to use ``--aligned`` or a bilingual format (streamed in chunks).
"""

from __future__ import annotations

import os

from tqcheck.errors import UsageError

ENV_MAX_INPUT = "TQCHECK_MAX_INPUT_MB"
DEFAULT_MAX_INPUT_MB = 256
SEGMENT_MAX_CHARS = 2_000_000
SEGMENT_FULL_CHARS = 20_000
DOCUMENT_MAX_SENTENCES = 20_000


def max_input_bytes() -> int:
    """The largest input file read, in bytes (``TQCHECK_MAX_INPUT_MB``, default 256)."""
    raw = os.environ.get(ENV_MAX_INPUT, "").strip()
    if not raw:
        return DEFAULT_MAX_INPUT_MB * 1_000_000
    try:
        mb = float(raw)
    except ValueError:
        raise UsageError(f"{ENV_MAX_INPUT}={raw[:40]!r} is not a number of megabytes") from None
    if not mb > 0 or mb > 1e6:
        raise UsageError(f"{ENV_MAX_INPUT}={raw[:40]!r}: give a number of megabytes between 0 and 1000000")
    return int(mb * 1_000_000)
