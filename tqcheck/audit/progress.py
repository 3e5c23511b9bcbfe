"""A one-line progress display for a terminal: documents done, segments a second, flags so far.

Only for a terminal (the CLI passes ``enabled=sys.stderr.isatty()``): redirected output stays clean.
"""

from __future__ import annotations

import time
from typing import Callable, Optional, TextIO

from tqcheck.audit.work import FAILED, SKIPPED, DocResult


class Progress:
    """Counts results as they arrive and redraws one line on ``stream`` (at most ``rate`` times a second).

    Args:
        stream: where to draw (stderr); None draws nothing.
        clock: the time source (injectable for tests).
    """

    def __init__(self, stream: Optional[TextIO], *, rate: float = 4.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.total = 0
        self.stream = stream
        self.clock = clock
        self.start = clock()
        self.min_gap = 1.0 / rate
        self.last_draw = float("-inf")
        self.done = self.skipped = self.failed = 0
        self.segments = 0  # segments checked in this run (skipped documents do not count for the speed)
        self.flags = 0

    def begin(self, total: int) -> None:
        """Called once the number of documents is known; the speed is measured from here."""
        self.total = total
        self.start = self.clock()

    def update(self, result: DocResult) -> None:
        self.done += 1
        if result.status == SKIPPED:
            self.skipped += 1
        elif result.status == FAILED:
            self.failed += 1
        else:
            self.segments += result.segments
        self.flags += sum(sum(by.values()) for by in result.flags.values())
        now = self.clock()
        if now - self.last_draw >= self.min_gap or self.done == self.total:
            self.last_draw = now
            self._draw(self.line())

    def line(self) -> str:
        elapsed = max(self.clock() - self.start, 1e-9)
        extra = "".join([f", {self.skipped} already done" if self.skipped else "",
                         f", {self.failed} failed" if self.failed else ""])
        return (f"{self.done}/{self.total} documents{extra} | {self.segments / elapsed:.1f} segments/s | "
                f"{self.flags} flags")

    def close(self) -> None:
        if self.stream is not None and self.done:
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, text: str) -> None:
        if self.stream is not None:
            self.stream.write("\r\x1b[K" + text)
            self.stream.flush()
