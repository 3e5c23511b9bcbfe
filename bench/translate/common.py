"""Shared by the translation benchmarks: data from ../shared, timers that report CPU time and load."""

from __future__ import annotations

import json
import os
import platform
import resource
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List

REPO = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "out"
sys.path.insert(0, str(REPO))
# tests/tiny_models.py builds the stand-in models (a test helper, not part of the package).
sys.path.insert(0, str(REPO / "tests"))


def shared_data() -> Path:
    """../shared/data beside the repository, else $TQCHECK_SHARED/data (default /work/shared)."""
    for root in (REPO.parent / "shared", Path(os.environ.get("TQCHECK_SHARED", "/work/shared"))):
        if (root / "data").is_dir():
            return root / "data"
    sys.exit("bench: ../shared/data not found; set TQCHECK_SHARED")


def read_lines(path: Path) -> List[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]


def cpu_seconds() -> float:
    """User + system CPU time of this process, all threads (PyTorch and CTranslate2 threads included)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Timing:
    wall: float = 0.0
    cpu: float = 0.0
    load_before: float = 0.0
    load_after: float = 0.0
    extra: Dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> Dict[str, Any]:
        return {"wall_s": round(self.wall, 3), "cpu_s": round(self.cpu, 3),
                "load1_before": self.load_before, "load1_after": self.load_after, **self.extra}


@contextmanager
def timed() -> Iterator[Timing]:
    """Wall and CPU time of the block, with the 1-minute load average before and after (the machine is
    shared: a load above the core count means the wall times are pessimistic)."""
    t = Timing(load_before=round(os.getloadavg()[0], 2))
    wall, cpu = time.perf_counter(), cpu_seconds()
    yield t
    t.wall, t.cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    t.load_after = round(os.getloadavg()[0], 2)


def machine() -> Dict[str, Any]:
    import ctranslate2
    import torch
    import transformers

    return {
        "python": platform.python_version(), "cpus": os.cpu_count(), "torch": torch.__version__,
        "torch_threads": torch.get_num_threads(), "transformers": transformers.__version__,
        "ctranslate2": ctranslate2.__version__, "processor": platform.processor() or platform.machine(),
    }


def write_json(name: str, data: Dict[str, Any]) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path
