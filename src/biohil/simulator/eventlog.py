"""A terminal's event log: a bounded ring of records with increasing IDs, and the queries on it.

IDs start at 1 and have no gaps, so record N lives in slot (N - 1) % capacity: reading from a
start ID is a jump, not a scan. User-ID and event-code indexes (lists of IDs, in order) answer
filtered queries without touching the rest of the log; entries for overwritten records are
skipped when read and dropped when an index is compacted.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

import grpc

from biohil.gsdk import event_pb2
from biohil.simulator import validation
from biohil.simulator.errors import SimError, invalid


@dataclass(frozen=True, slots=True)
class Record:
    """One log entry, kept compact; turned into an EventLog only when read."""

    id: int
    timestamp: int
    event_code: int
    sub_code: int = 0
    user_id: str = ""
    card_data: bytes = b""

    def to_proto(self, device_id: int) -> event_pb2.EventLog:
        return event_pb2.EventLog(
            ID=self.id,
            timestamp=self.timestamp,
            deviceID=device_id,
            userID=self.user_id,
            eventCode=self.event_code,
            subCode=self.sub_code,
            cardData=self.card_data,
        )


def record_matches(record: Record, f: event_pb2.EventFilter) -> bool:
    """One filter: every non-zero field must match (inferred: zero/empty fields are wildcards).
    The standard rule (firmware.Firmware.filter_matches)."""
    return (
        (not f.userID or record.user_id == f.userID)
        and (not f.eventCode or record.event_code == f.eventCode)
        and (not f.startTime or record.timestamp >= f.startTime)
        and (not f.endTime or record.timestamp <= f.endTime)
    )


def check_filters(filters: Iterable[event_pb2.EventFilter]) -> list[event_pb2.EventFilter]:
    out = list(filters)
    if len(out) > event_pb2.MAX_EVENT_FILTERS:
        raise invalid(f"{len(out)} event filters, at most {event_pb2.MAX_EVENT_FILTERS}")
    for i, f in enumerate(out):
        if f.userID:
            validation.user_id(f.userID, f"event filter {i}: userID")
        if f.startTime and f.endTime and f.startTime > f.endTime:
            raise invalid(f"event filter {i}: startTime {f.startTime} is after endTime {f.endTime}")
        param = f.WhichOneof("param")
        if param == "TNAKey" and f.TNAKey:
            raise SimError(
                grpc.StatusCode.UNIMPLEMENTED, f"event filter {i}: the simulator keeps no T&A keys"
            )
        if param not in (None, "TNAKey"):
            raise SimError(
                grpc.StatusCode.UNIMPLEMENTED, f"event filter {i}: filtering by {param} is not simulated"
            )
    return out


class EventLog:
    """Not thread-safe on its own: the owning device serialises access. A filtered read keeps the
    records `matches` one (`combine` any) or all (`combine` all) of the filters (the terminal's
    rules, firmware.Firmware.filter_matches and combine_filters); the indexes narrow it under the
    standard rules only, which they are built for."""

    def __init__(
        self,
        capacity: int,
        matches: Callable[[Record, event_pb2.EventFilter], bool] = record_matches,
        combine: Callable[[Iterable[bool]], bool] = any,
    ) -> None:
        self.capacity = capacity
        self.matches = matches
        self.combine = combine
        self._slots: list[Record | None] = []
        self.newest_id = 0
        self._by_user: dict[str, list[int]] = {}
        self._by_code: dict[int, list[int]] = {}
        self._index_entries = 0

    @property
    def oldest_id(self) -> int:
        return max(1, self.newest_id - self.capacity + 1)

    def __len__(self) -> int:
        return min(self.newest_id, self.capacity)

    def append(
        self, timestamp: int, event_code: int, sub_code: int = 0, user_id: str = "", card_data: bytes = b""
    ) -> Record:
        self.newest_id += 1
        record = Record(self.newest_id, timestamp, event_code, sub_code, user_id, card_data)
        if len(self._slots) < self.capacity:
            self._slots.append(record)
        else:  # a full ring overwrites its oldest record
            self._slots[(record.id - 1) % self.capacity] = record
        if user_id:
            self._by_user.setdefault(user_id, []).append(record.id)
            self._index_entries += 1
        self._by_code.setdefault(event_code, []).append(record.id)
        self._index_entries += 1
        if self._index_entries > 4 * self.capacity:
            self._compact()
        return record

    def _get(self, record_id: int) -> Record:
        record = self._slots[(record_id - 1) % self.capacity]
        assert record is not None and record.id == record_id
        return record

    def _from(self, start_id: int) -> Iterator[Record]:
        """Records with ID >= start_id (0 = from the oldest), in ID order."""
        first = max(start_id, self.oldest_id)
        return (self._get(i) for i in range(first, self.newest_id + 1))

    def candidates(self, f: event_pb2.EventFilter, first: int) -> Iterable[int] | None:
        """IDs >= first that may match f under record_matches (every field set must match), from
        an index; None when no index narrows f."""
        if f.userID:
            ids = self._by_user.get(f.userID, [])
        elif f.eventCode:
            ids = self._by_code.get(f.eventCode, [])
        else:
            return None
        return itertools.islice(ids, bisect.bisect_left(ids, first), None)

    def read(
        self, start_id: int, max_count: int, filters: list[event_pb2.EventFilter] | None = None
    ) -> list[Record]:
        """GetLog / GetLogWithFilter: start_id inclusive, max_count 0 = all, several filters
        combined by the firmware's rule (OR by default)."""
        first = max(start_id, self.oldest_id)
        records: Iterable[Record]
        if not filters:
            records = self._from(first)
        else:
            matches, combine = self.matches, self.combine
            standard = matches is record_matches and combine is any
            sources = [self.candidates(f, first) if standard else None for f in filters]
            if any(s is None for s in sources):
                records = (r for r in self._from(first) if combine(matches(r, f) for f in filters))
            else:
                merged = _unique(heapq.merge(*(s for s in sources if s is not None)))
                records = (r for r in map(self._get, merged) if combine(matches(r, f) for f in filters))
        if max_count:
            records = itertools.islice(records, max_count)
        return list(records)

    def _compact(self) -> None:
        """Drop index entries of overwritten records."""
        oldest = self.oldest_id
        self._index_entries = _compact(self._by_user, oldest) + _compact(self._by_code, oldest)


K = TypeVar("K")


def _compact(index: dict[K, list[int]], oldest: int) -> int:
    """Cut IDs below `oldest` from every list; returns the entries left."""
    left = 0
    for key in list(index):
        ids = index[key]
        cut = bisect.bisect_left(ids, oldest)
        if cut == len(ids):
            del index[key]
        else:
            if cut:
                index[key] = ids = ids[cut:]
            left += len(ids)
    return left


def _unique(ids: Iterator[int]) -> Iterator[int]:
    """Drop repeats from a sorted stream (one record may match several filters)."""
    last = 0
    for i in ids:
        if i != last:
            yield i
            last = i
