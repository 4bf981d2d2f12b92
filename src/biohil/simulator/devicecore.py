"""What every concern of a simulated terminal shares: its identity, lock and clock, and the event
log it writes (with the monitoring flag and network link that decide whether a record streams).
The other parts (roster, scans, device) build on this base."""

from __future__ import annotations

import threading
from collections.abc import Callable

from biohil.gsdk import event_pb2
from biohil.simulator.auth import Outcome
from biohil.simulator.clock import Clock
from biohil.simulator.errors import invalid
from biohil.simulator.eventlog import EventLog, Record, check_filters
from biohil.simulator.models import DeviceSpec

EventSink = Callable[[event_pb2.EventLog], None]


class DeviceCore:
    def __init__(self, spec: DeviceSpec, clock: Clock, on_event: EventSink) -> None:
        self.spec = spec
        self.model = spec.model
        self.device_id = spec.device_id
        self._clock = clock
        self._on_event = on_event  # the gateway's realtime fan-out
        self._lock = threading.RLock()
        self._log = EventLog(self.model.max_event_logs)
        self.monitoring = False
        self.online = True  # the network link to the gateway

    @property
    def label(self) -> str:
        return f"{self.model.name} {self.device_id}"

    def _run_locked(self, action: Callable[[], None]) -> None:
        with self._lock:
            action()

    # -- event log -------------------------------------------------------------------------

    def log(self, code: int, sub_code: int = 0, user_id: str = "", card_data: bytes = b"") -> Record:
        with self._lock:
            record = self._log.append(self._clock.timestamp(), code, sub_code, user_id, card_data)
            if self.monitoring and self.online:
                self._on_event(record.to_proto(self.device_id))
            return record

    def _log_outcome(self, o: Outcome) -> None:
        self.log(o.code, o.sub_code, o.user_id, o.card_data)

    def fill_log(self, count: int, code: int, sub_code: int, user_ids: list[str]) -> tuple[int, int]:
        """Append synthetic records (background traffic); returns the first and last ID."""
        if not 0 < count <= self.model.max_event_logs:
            raise invalid(f"FillLog: count {count} is out of range; use 1..{self.model.max_event_logs}")
        with self._lock:
            first = self._log.newest_id + 1
            users = user_ids or [""]
            for i in range(count):
                self.log(code, sub_code, users[i % len(users)])
            return first, self._log.newest_id

    def read_log(
        self, start_id: int, max_count: int, filters: list[event_pb2.EventFilter] | None = None
    ) -> list[event_pb2.EventLog]:
        checked = check_filters(filters) if filters is not None else None
        with self._lock:
            records = self._log.read(start_id, max_count, checked)
        return [r.to_proto(self.device_id) for r in records]

    def set_monitoring(self, enabled: bool) -> None:
        with self._lock:
            self.monitoring = enabled

    def set_online(self, up: bool) -> bool:
        """Change the link; returns whether it changed."""
        with self._lock:
            if self.online == up:
                return False
            self.online = up
            return True
