"""Simulated wall clock and the timers that run on it.

Simulated time is real time plus an offset that only grows. Every timeout in the simulator (a
second auth factor, a scan) is a timer on this clock: it fires when real time reaches it, or at
once when the clock is advanced past it, which lets tests skip a 20-second wait.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


@dataclass(order=True)
class Timer:
    due: float
    seq: int
    action: Callable[[], None] = field(compare=False)
    cancelled: bool = field(default=False, compare=False)

    def cancel(self) -> None:
        self.cancelled = True


class Clock:
    def __init__(self) -> None:
        self._offset = 0.0
        self._cond = threading.Condition()
        self._timers: list[Timer] = []
        self._seq = itertools.count()
        self._stopped = False
        self._running = False  # a timer's action is being run
        self._thread = threading.Thread(target=self._run, name="sim-clock", daemon=True)
        self._thread.start()

    def now(self) -> float:
        return time.time() + self._offset

    def timestamp(self) -> int:
        """Unix seconds, as EventLog.timestamp carries them."""
        return int(self.now())

    def advance(self, seconds: float) -> None:
        """Move the clock on; returns once every timer due by then has run, so that what the
        terminal does when its time is up (an attempt timing out) has happened before the next
        action arrives."""
        if seconds < 0:
            raise ValueError("the simulated clock only moves forward")
        with self._cond:
            self._offset += seconds
            self._cond.notify_all()
            self._cond.wait_for(lambda: self._stopped or not (self._running or self._due()), timeout=10)

    def _due(self) -> bool:
        return bool(self._timers) and self._timers[0].due <= self.now()

    def call_later(self, seconds: float, action: Callable[[], None]) -> Timer:
        """Run action (on the clock's thread) once `seconds` of simulated time have passed."""
        with self._cond:
            timer = Timer(self.now() + seconds, next(self._seq), action)
            heapq.heappush(self._timers, timer)
            self._cond.notify_all()
            return timer

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            with self._cond:
                self._running = False
                self._cond.notify_all()  # an advance may be waiting for the due timers to have run
                while not self._stopped:
                    if self._due():
                        break
                    wait = self._timers[0].due - self.now() if self._timers else None
                    self._cond.wait(wait)
                if self._stopped:
                    return
                timer = heapq.heappop(self._timers)
                self._running = True
            if not timer.cancelled:
                try:
                    timer.action()
                except Exception:  # a broken timer must not stop the others
                    log.exception("simulator timer failed")
