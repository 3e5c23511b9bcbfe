"""A name -> class registry, the one that checks (``tqcheck.checks.base``) and metrics
(``tqcheck.metrics.base``) join with a class decorator."""

from __future__ import annotations

from typing import Dict, Generic, List, Sequence, Type, TypeVar

from tqcheck.errors import UsageError

T = TypeVar("T")


class Registry(Generic[T]):
    """Classes by their ``name`` attribute.

    Args:
        kind: what the classes are ("check", "metric"), for the error message of an unknown name.
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._classes: Dict[str, Type[T]] = {}

    def register(self, cls: Type[T]) -> Type[T]:
        """Class decorator that adds ``cls`` under ``cls.name``."""
        name = getattr(cls, "name", "")
        if not name:
            raise ValueError(f"{cls.__name__} has no name")
        self._classes[name] = cls
        return cls

    def registered(self) -> Dict[str, Type[T]]:
        """All registered classes, by name, in the order they registered."""
        return dict(self._classes)

    def lookup(self, names: Sequence[str]) -> List[Type[T]]:
        """The classes of ``names``, in that order.

        Raises:
            UsageError: an unknown name (the message lists the known ones).
        """
        unknown = [n for n in names if n not in self._classes]
        if unknown:
            raise UsageError(f"unknown {self.kind} {unknown[0]!r}; known {self.kind}s: "
                             f"{', '.join(sorted(self._classes))}")
        return [self._classes[n] for n in names]
