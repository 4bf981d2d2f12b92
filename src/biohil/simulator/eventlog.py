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

from biohil.gsdk import event_pb2, tna_pb2
from biohil.simulator import validation
from biohil.simulator.errors import SimError, invalid


@dataclass(frozen=True, slots=True)
class Record:
    """One log entry, kept compact; turned into an EventLog only when read.

    Most records carry no T&A key, job code or image: these are class attributes here, fields of
    a MarkedRecord only, so a million plain records cost no memory for them."""

    id: int
    timestamp: int
    event_code: int
    sub_code: int = 0
    user_id: str = ""
    card_data: bytes = b""
    tna_key = 0  # the T&A key (tna.Key) an authentication event carries
    job_code = 0  # the job code (of UserInfo.jobCodes) the person chose
    has_image = False  # an image log (imagelog.ImageLog) holds its picture

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


@dataclass(frozen=True, slots=True)
class MarkedRecord(Record):
    """A record with a T&A key, a job code or an image."""

    tna_key: int = 0
    job_code: int = 0
    has_image: bool = False

    def to_proto(self, device_id: int) -> event_pb2.EventLog:
        return event_pb2.EventLog(
            ID=self.id,
            timestamp=self.timestamp,
            deviceID=device_id,
            userID=self.user_id,
            eventCode=self.event_code,
            subCode=self.sub_code,
            cardData=self.card_data,
            TNAKey=self.tna_key,  # type: ignore[arg-type]
            hasImage=self.has_image,
        )


Marks = tuple[int, int, bool]  # a MarkedRecord's T&A key, job code and whether it has an image


def record_matches(record: Record, f: event_pb2.EventFilter) -> bool:
    """One filter: every non-zero field must match (inferred: zero/empty fields are wildcards).
    The standard rule (firmware.Firmware.filter_matches)."""
    return (
        (not f.userID or record.user_id == f.userID)
        and (not f.eventCode or record.event_code == f.eventCode)
        and (not f.startTime or record.timestamp >= f.startTime)
        and (not f.endTime or record.timestamp <= f.endTime)
    )


def key_matches(record: Record, f: event_pb2.EventFilter) -> bool:
    """A filter's T&A key (its oneof `param` TNAKey; 0 = any) and the record's. EventLog.read
    checks it after the firmware's rule, only when a filter names a key."""
    return not f.TNAKey or record.tna_key == f.TNAKey


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
        if not 0 <= f.TNAKey <= tna_pb2.KEY_16:
            raise invalid(f"event filter {i}: TNAKey {f.TNAKey} is not a T&A key; use 1..16 (KEY_1..KEY_16)")
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
        self._first_id = 1  # the first ID since the log was last cleared
        self._by_user: dict[str, list[int]] = {}
        self._by_code: dict[int, list[int]] = {}
        self._marked: list[int] = []  # IDs of the records with a T&A key or job code, in order
        self._index_entries = 0

    @property
    def oldest_id(self) -> int:
        return max(self._first_id, self.newest_id - self.capacity + 1)

    def __len__(self) -> int:
        return max(0, self.newest_id - self.oldest_id + 1)

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

    def append_marked(
        self, timestamp: int, event_code: int, sub_code: int, user_id: str, card_data: bytes, marks: Marks
    ) -> Record:
        """Append a record with a T&A key, job code or image: `append`'s, put in its slot as a
        MarkedRecord (so `append`, which nearly every record takes, has no check for marks)."""
        plain = self.append(timestamp, event_code, sub_code, user_id, card_data)
        record = MarkedRecord(plain.id, timestamp, event_code, sub_code, user_id, card_data, *marks)
        self._slots[(record.id - 1) % self.capacity] = record
        if marks[0] or marks[1]:
            self._marked.append(record.id)
            self._index_entries += 1
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
            if any(f.TNAKey for f in filters):  # only then is a record's key compared
                rule = matches
                matches = lambda r, f: rule(r, f) and key_matches(r, f)  # noqa: E731
            sources = [self.candidates(f, first) if standard else None for f in filters]
            if any(s is None for s in sources):
                records = (r for r in self._from(first) if combine(matches(r, f) for f in filters))
            else:
                merged = _unique(heapq.merge(*(s for s in sources if s is not None)))
                records = (r for r in map(self._get, merged) if combine(matches(r, f) for f in filters))
        if max_count:
            records = itertools.islice(records, max_count)
        return list(records)

    def marked(self, start_id: int) -> Iterator[Record]:
        """The records with a T&A key or a job code, ID >= start_id (0 = from the oldest), in ID
        order (TNA.GetTNALog, GetJobCodeLog)."""
        first = max(start_id, self.oldest_id)
        ids = self._marked
        return (self._get(i) for i in itertools.islice(ids, bisect.bisect_left(ids, first), None))

    def clear(self, restart_ids: bool) -> None:
        """Event.ClearLog: every record goes. The next ID is 1 again (restart_ids) or the one after
        the newest cleared (reading clear_log_ids)."""
        if restart_ids:
            self.newest_id = 0
            self._slots = []
        else:  # the ring keeps its geometry (record N in slot (N - 1) % capacity), emptied
            self._slots = [None] * len(self._slots)
        self._first_id = self.newest_id + 1
        self._by_user, self._by_code, self._marked = {}, {}, []
        self._index_entries = 0

    def _compact(self) -> None:
        """Drop index entries of overwritten records."""
        oldest = self.oldest_id
        cut = bisect.bisect_left(self._marked, oldest)
        if cut:
            del self._marked[:cut]
        self._index_entries = (
            _compact(self._by_user, oldest) + _compact(self._by_code, oldest) + len(self._marked)
        )


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
