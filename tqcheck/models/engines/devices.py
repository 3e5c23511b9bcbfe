"""Where and how an engine computes: the device (CPU or CUDA), the compute type and the CPU threads.

Each choice is a small pure function of what was asked and what the machine has, so that it can be tested
without a GPU; the engines supply the machine's side (how many CUDA devices their library sees, which
compute types it runs there).
"""

from __future__ import annotations

import os
import time
from typing import Callable, Collection, Mapping, Optional, Tuple

from tqcheck.errors import DeviceError, UsageError

AUTO = "auto"
DEVICES = (AUTO, "cpu", "cuda")
# CTranslate2's compute types (int16 is left out: the x86 wheels run it only with Intel MKL). ``auto`` takes
# the engine's default for the device it runs on.
COMPUTE_TYPES = (AUTO, "int8", "int8_float32", "int8_float16", "int8_bfloat16", "float32", "float16", "bfloat16")
THREADS_ENV = "TQCHECK_THREADS"
# The standard OpenMP variable; PyTorch and CTranslate2 size their pools by it when nothing else is said.
OMP_ENV = "OMP_NUM_THREADS"
# How long the CPU is watched to see how busy the other processes are.
SAMPLE_SECONDS = 0.1


def _one_of(value: str, allowed: Tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise UsageError(f"unknown {what} {value!r}; use one of {', '.join(allowed)}")
    return value


def check_device(device: str) -> str:
    """``device`` if it is one of ``DEVICES``, else UsageError."""
    return _one_of(device, DEVICES, "device")


def check_compute_type(compute_type: str) -> str:
    """``compute_type`` if it is one of ``COMPUTE_TYPES``, else UsageError."""
    return _one_of(compute_type, COMPUTE_TYPES, "compute type")


def choose_device(requested: str, cuda_devices: int, engine: str) -> str:
    """The device to run on: ``cpu``, or ``cuda`` when asked for or, under ``auto``, when there is one.

    Args:
        requested: ``auto``, ``cpu`` or ``cuda``.
        cuda_devices: the CUDA devices the engine's library sees.
        engine: the engine's name, for the message.

    Raises:
        DeviceError: ``cuda`` asked for where the engine sees none.
        UsageError: an unknown device.
    """
    check_device(requested)
    if requested == "cuda" and cuda_devices < 1:
        raise DeviceError(f"--device cuda: the {engine} engine sees no CUDA device here (no GPU, no driver, or a "
                          f"CPU-only build); use --device cpu or auto")
    if requested == AUTO:
        return "cuda" if cuda_devices > 0 else "cpu"
    return requested


def choose_compute_type(requested: str, device: str, default: str, supported: Collection[str],
                        engine: str) -> str:
    """The compute type to run with: ``default`` under ``auto``, else ``requested`` if the device runs it.

    Args:
        requested: one of ``COMPUTE_TYPES``.
        device: the chosen device (``cpu`` or ``cuda``).
        default: the engine's default on ``device``.
        supported: the compute types the engine runs on ``device``.
        engine: the engine's name, for the message.

    Raises:
        UsageError: an unknown compute type, or one the engine cannot run on ``device``.
    """
    check_compute_type(requested)
    chosen = default if requested == AUTO else requested
    if chosen not in supported:
        raise UsageError(f"--compute-type {chosen}: the {engine} engine cannot compute in {chosen} on {device} "
                         f"(here it can: {', '.join(sorted(supported))})")
    return chosen


def _positive(value: Optional[str]) -> Optional[int]:
    value = (value or "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def choose_threads(explicit: int, env: Mapping[str, str], cores: int,
                   busy: Optional[Callable[[], Optional[float]]] = None) -> int:
    """CPU threads for an engine: the first of ``explicit``, ``$TQCHECK_THREADS``, ``$OMP_NUM_THREADS``,
    else the cores the other processes leave idle (every core when ``busy`` is None or does not know).

    Args:
        explicit: threads asked for in the options (0: not asked).
        env: the environment.
        cores: the CPU count.
        busy: measures the cores' worth of work of the other processes (called only when nothing above
            decided: it takes a moment); None not to look.

    Raises:
        UsageError: ``$TQCHECK_THREADS`` is set but not a positive integer (``$OMP_NUM_THREADS`` is not
            tqcheck's, so a bad value there is passed over).
    """
    if explicit > 0:
        return explicit
    ours = env.get(THREADS_ENV, "")
    if ours.strip():
        threads = _positive(ours)
        if threads is None:
            raise UsageError(f"{THREADS_ENV}={ours!r}: write a positive number of threads")
        return threads
    omp = _positive(env.get(OMP_ENV))
    if omp is not None:
        return omp
    others = busy() if busy is not None else None
    if others is None:
        return cores
    return max(1, min(cores, int(cores - others + 0.5)))


def _cpu_times() -> Optional[Tuple[float, float]]:
    """(idle, total) jiffies of all CPUs since boot, from ``/proc/stat``; None where there is none."""
    try:
        with open("/proc/stat", encoding="ascii") as fh:
            fields = [float(x) for x in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    if len(fields) < 5:
        return None
    return fields[3] + fields[4], sum(fields[:8])  # idle + iowait; user..steal (guest is inside user)


def busy_cores(cores: int, sample: float = SAMPLE_SECONDS) -> Optional[float]:
    """Cores' worth of work of the other processes, measured while this one sleeps; None where unknown.

    The 1-minute load average alone counts this process too: a run that just loaded a model, or a
    benchmark's previous stage, makes an idle 2-core machine look half busy (load 1.2 gave 1 thread
    where 2 were free). A short sample of ``/proc/stat`` while this process sleeps sees only the others;
    it is capped by the load average, so that a brief burst of theirs does not take the cores away.
    """
    try:
        load: Optional[float] = os.getloadavg()[0]
    except OSError:  # pragma: no cover - platforms without a load average
        load = None
    first = _cpu_times()
    if first is None:
        return load
    time.sleep(sample)
    second = _cpu_times()
    if second is None:
        return load
    total = second[1] - first[1]
    if total <= 0:
        return load
    now = cores * (1.0 - (second[0] - first[0]) / total)
    return now if load is None else min(load, now)


def cpu_threads(explicit: int = 0, share: bool = False) -> int:
    """``choose_threads`` on this machine: with ``share``, only the cores other processes leave idle.

    PyTorch needs ``share``: its threads wait for each other at every operation, and on a shared machine
    where the other cores were taken two threads ran a batch 4.6x slower than one
    (bench/translate/RESULTS.md). CTranslate2 does not suffer from this and uses every core.
    """
    cores = os.cpu_count() or 1
    return choose_threads(explicit, os.environ, cores, (lambda: busy_cores(cores)) if share else None)


def idle_cores() -> int:
    """Threads for PyTorch on CPU (``cpu_threads(share=True)``; bench/translate uses it too)."""
    return cpu_threads(share=True)
