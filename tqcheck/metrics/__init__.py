"""Metrics: a registry of scorers, each giving corpus and segment scores with a signature.

``tqcheck.metrics.base`` holds the interface; modules in this package register themselves on import.
"""

import importlib
import pkgutil

from tqcheck.metrics.base import Metric, MetricResult, build_metrics, register, registered

for _mod in pkgutil.iter_modules(__path__):
    if _mod.name != "base" and not _mod.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_mod.name}")

__all__ = ["Metric", "MetricResult", "build_metrics", "register", "registered"]
