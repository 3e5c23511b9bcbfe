"""The check interface and its registry.

A check is a class with a ``name`` and a ``run`` method that sees the whole document (so that a check such
as name consistency can compare segments) and returns one ``Findings`` per segment. Most checks look at one
segment at a time and subclass ``SegmentCheck``. Register a check with ``@register``; the pipeline runs
every registered check that is enabled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Dict, List, Mapping, Optional, Sequence, Type

from tqcheck.registry import Registry
from tqcheck.types import Findings, Segment


@dataclass(frozen=True)
class CheckContext:
    """What every check may use besides the segments.

    Attributes:
        glossary: the parsed ``--glossary`` file (a ``tqcheck.glossary.Glossary``) or None.
        pseudo_references: a forward machine translation of each segment's source (same order as the
            segments), from ``--backtranslate``; None when not computed.
        options: check-specific options from the command line or the config (``{"number": {...}}``).
    """

    glossary: Any = None
    pseudo_references: Optional[Sequence[Optional[str]]] = None
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def options_for(self, check: str) -> Mapping[str, Any]:
        return self.options.get(check, {})


class Check:
    """Base class of all checks."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    default_enabled: ClassVar[bool] = True

    def run(self, segments: Sequence[Segment], context: CheckContext) -> List[Findings]:
        raise NotImplementedError

    def signature(self) -> Dict[str, Any]:
        """What a reader needs to reproduce this check's output (its name and version by default)."""
        return {"name": self.name, "version": getattr(self, "version", "1")}


class SegmentCheck(Check):
    """A check that looks at one segment at a time."""

    def run(self, segments: Sequence[Segment], context: CheckContext) -> List[Findings]:
        return [self.check_segment(seg, context) for seg in segments]

    def check_segment(self, segment: Segment, context: CheckContext) -> Findings:
        raise NotImplementedError


_REGISTRY: Registry[Check] = Registry("check")


def register(cls: Type[Check]) -> Type[Check]:
    """Class decorator that adds a check to the registry under ``cls.name``."""
    return _REGISTRY.register(cls)


def registered() -> Dict[str, Type[Check]]:
    """All registered checks, by name (importing ``tqcheck.checks`` registers the built-in ones)."""
    return _REGISTRY.registered()


def build_checks(names: Optional[Sequence[str]] = None,
                 factory: Optional[Callable[[Type[Check]], Check]] = None) -> List[Check]:
    """Instantiate the named checks (all enabled-by-default ones when ``names`` is None)."""
    if names is None:
        classes = [c for c in registered().values() if c.default_enabled]
    else:
        classes = _REGISTRY.lookup(names)
    make = factory or (lambda c: c())
    return [make(c) for c in classes]
