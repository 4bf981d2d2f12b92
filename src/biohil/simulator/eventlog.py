"""A terminal's event log: a bounded ring of records with increasing IDs, and the filters on it."""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import grpc

from biohil.gsdk import event_pb2
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
    changed_on_device: bool = False

    def to_proto(self, device_id: int) -> event_pb2.EventLog:
        return event_pb2.EventLog(
            ID=self.id,
            timestamp=self.timestamp,
            deviceID=device_id,
            userID=self.user_id,
            eventCode=self.event_code,
            subCode=self.sub_code,
            cardData=self.card_data,
            changedOnDevice=self.changed_on_device,
        )


def _matches(record: Record, f: event_pb2.EventFilter) -> bool:
    """One filter: every non-zero field must match (inferred: zero/empty fields are wildcards)."""
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
        if f.startTime and f.endTime and f.startTime > f.endTime:
            raise invalid(f"event filter {i}: startTime {f.startTime} is after endTime {f.endTime}")
        param = f.WhichOneof("param")
        if param == "TNAKey" and f.TNAKey:
            raise SimError(
                grpc.StatusCode.UNIMPLEMENTED, f"event filter {i}: the simulator keeps no T&A keys"
            )
        if param not in (None, "TNAKey"):
            raise SimError(
                grpc.StatusCode.UNIMPLEMENTED,
                f"event filter {i}: filtering by {param} is not simulated",
            )
    return out


class EventLog:
    """Not thread-safe on its own: the owning device serialises access."""

    def __init__(self, capacity: int) -> None:
        self._records: deque[Record] = deque(maxlen=capacity)
        self._next_id = 1

    def append(self, **fields: object) -> Record:
        record = Record(id=self._next_id, **fields)  # type: ignore[arg-type]
        self._next_id += 1
        self._records.append(record)  # a full ring drops its oldest record
        return record

    @property
    def newest_id(self) -> int:
        return self._next_id - 1

    def _from(self, start_id: int) -> Iterator[Record]:
        """Records with ID >= start_id (0 = from the oldest), in ID order. IDs are contiguous."""
        if not self._records:
            return iter(())
        skip = max(0, start_id - self._records[0].id)
        return itertools.islice(self._records, skip, None)

    def read(
        self, start_id: int, max_count: int, filters: list[event_pb2.EventFilter] | None = None
    ) -> list[Record]:
        """GetLog / GetLogWithFilter: start_id inclusive, max_count 0 = all, several filters OR-ed."""
        records: Iterable[Record] = self._from(start_id)
        if filters:
            records = (r for r in records if any(_matches(r, f) for f in filters))
        if max_count:
            records = itertools.islice(records, max_count)
        return list(records)
