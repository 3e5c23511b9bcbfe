"""Sentence alignment: a bead search over embeddings, lengths and anchors (see docs/alignment.md).

Public interface: ``align_sentences`` and ``CONFIDENCE_THRESHOLD``; ``search`` works on plain arrays.
"""

from tqcheck.align.aligner import CONFIDENCE_THRESHOLD, align_sentences
from tqcheck.align.params import BEAD_TYPES, AlignParams

__all__ = ["align_sentences", "CONFIDENCE_THRESHOLD", "AlignParams", "BEAD_TYPES"]
