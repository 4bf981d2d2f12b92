"""The reference clock a terminal's timestamps are checked against.

EventLog.timestamp is the terminal's clock in Unix seconds (contract 5.7). On the simulator the
reference is the simulator's own clock (biohil.operator.scripted.SimulatorClock); in the lab it is
the bench PC's UTC plus the terminal's offset, measured at preflight from the record of a write
whose bench time is known (measure_offset).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from biohil.client.gateway import Device

T = TypeVar("T")
RESOLUTION = 1.0  # seconds: timestamps are whole seconds, cut (not rounded) from the terminal's time


class ReferenceClock(Protocol):
    def now(self) -> float:
        """The time a terminal's record written at this moment should carry (Unix seconds)."""
        ...

    @property
    def slack(self) -> float:
        """Seconds a record's timestamp may lie outside its window beyond the 1 s resolution:
        what the reference does not know about the terminal's clock."""
        ...

    def describe(self) -> str: ...


@dataclass(frozen=True)
class ClockOffset:
    """The terminal's clock minus the bench PC's UTC, as measured: seconds ± within."""

    seconds: float
    within: float

    def describe(self) -> str:
        seconds = round(self.seconds, 1) or 0.0  # no "-0.0"
        return f"{seconds:+.1f} s ±{self.within:.1f} s from the bench PC's UTC"


@dataclass(frozen=True)
class BenchClock:
    """The lab's reference: the bench PC's UTC, moved by the terminal's measured offset."""

    offset: ClockOffset

    def now(self) -> float:
        return time.time() + self.offset.seconds

    @property
    def slack(self) -> float:
        return self.offset.within

    def describe(self) -> str:
        return f"the bench PC's UTC and the terminal's offset, {self.offset.describe()} at preflight"


def measure_offset(device: Device, user_id: str, write: Callable[[], T]) -> tuple[T, ClockOffset | None]:
    """`write()`'s answer, and the terminal's clock offset read from the record it logs for
    `user_id` (None if it logged none). The record was written between t0 and t1 (bench UTC) and
    carries floor(t + offset) for some t in that span, so the offset lies in (ts - t1, ts + 1 - t0)."""
    newest = device.newest_event_id()
    t0 = time.time()
    answer = write()
    t1 = time.time()
    record = next((e for e in device.events(newest + 1) if e.userID == user_id), None)
    if record is None:
        return answer, None
    low, high = record.timestamp - t1, record.timestamp + RESOLUTION - t0
    return answer, ClockOffset((low + high) / 2, (high - low) / 2)


@dataclass(frozen=True)
class Window:
    """When a record must have been written, by the reference clock: from `start` (before the
    action) to `end` (after its record arrived), give or take the reference's slack."""

    start: float
    end: float
    slack: float
    reference: str  # what the times are read from, for messages

    def holds(self, timestamp: int) -> bool:
        return int(self.start - self.slack) <= timestamp <= int(self.end + self.slack)

    def describe(self) -> str:
        low, high = int(self.start - self.slack), int(self.end + self.slack)
        return f"between {when(low)} and {when(high)} by {self.reference}"


def when(timestamp: float) -> str:
    """'2026-12-04 20:31:07 UTC (1796416267)': a Unix time as a person reads it, and as logged."""
    stamp = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(timestamp))
    return f"{stamp} ({int(timestamp)})"
