"""How the number check scales with the numbers of one segment: n «١٬٠٠٠» against n "1,000" (every value
equal, the worst case for pairing), each size in a fresh process, CPU time and peak memory.

usage: python bench/numbers/scale.py [N ...]      (default 1000 4000 10000 and a line of about 1 MB)
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List

REPO = Path(__file__).resolve().parents[2]


def one(n: int) -> Dict[str, float]:
    sys.path.insert(0, str(REPO))
    from tqcheck.checks.base import CheckContext
    from tqcheck.checks.numbers import NumberCheck
    from tqcheck.types import Segment

    src, tgt = " ".join(["١٬٠٠٠"] * n), " ".join(["1,000"] * n)
    before = _peak_kb()
    t = time.process_time()
    found = NumberCheck().check_segment(Segment(0, (0,), (0,), src, tgt), CheckContext())
    cpu = time.process_time() - t
    peak = _peak_kb()
    return {"n": n, "source_chars": len(src), "cpu_s": round(cpu, 2), "peak_rss_mb": peak // 1024,
            "rss_growth_mb": (peak - before) // 1024, "flags": [f.code for f in found.flags][:3],
            "matches": len(found.matches)}


def _peak_kb() -> int:
    """The process's peak resident memory. VmHWM, not ru_maxrss: the latter keeps the parent's peak across
    fork and exec, so a child of a large process would report the parent's size."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run(sizes: List[int]) -> List[Dict[str, float]]:
    out = []
    for n in sizes:
        p = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True)
        out.append(json.loads(p.stdout))
    return out


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(one(int(sys.argv[2]))))
    else:
        sizes = [int(a) for a in sys.argv[1:]] or [1000, 4000, 10000, 170000]
        for r in run(sizes):
            print(json.dumps(r))
