"""Checks: one module a check, each registered in ``tqcheck.checks.base``.

Importing this package imports every module in it so that the built-in checks register themselves; the
modules keep their own heavy imports lazy.
"""

import importlib
import pkgutil

from tqcheck.checks.base import Check, CheckContext, SegmentCheck, build_checks, register, registered

for _mod in pkgutil.iter_modules(__path__):
    if _mod.name != "base" and not _mod.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_mod.name}")

__all__ = ["Check", "CheckContext", "SegmentCheck", "build_checks", "register", "registered"]
