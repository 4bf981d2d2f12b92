"""Watching one terminal's realtime events, and waiting for an expected one with a deadline."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from biohil.client.errors import GsdkError
from biohil.client.gateway import Device, Gateway, Stream
from biohil.eventcodes import describe
from biohil.gsdk import event_pb2

Match = Callable[[event_pb2.EventLog], bool]


class Events(list[event_pb2.EventLog]):
    """A list of events whose repr is a one-line summary (reports record step arguments' reprs)."""

    def __repr__(self) -> str:
        if not self:
            return "no events"
        return f"{len(self)} events #{self[0].ID}..#{self[-1].ID}"


def render(events: list[event_pb2.EventLog]) -> str:
    """Events as a QA engineer reads them: '#12 VERIFY_SUCCESS (0x1000/0x06) user 900001'."""
    if not events:
        return "nothing"
    return "; ".join(
        f"#{e.ID} {describe(e.eventCode, e.subCode)}" + (f" user {e.userID}" if e.userID else "")
        for e in events
    )


class Monitoring:
    """A terminal's monitoring, switched on for a scenario: only then do its events stream."""

    def __init__(self, device: Device) -> None:
        self.device = device
        self.on = False

    def __repr__(self) -> str:
        return f"Monitoring({self.device.id}, {'on' if self.on else 'off'})"

    def enable(self) -> None:
        self.device.enable_monitoring()
        self.on = True

    def disable(self) -> None:
        self.device.disable_monitoring()
        self.on = False


class EventWatcher:
    """A realtime subscription whose events are collected from the moment it is live.

    Only monitored terminals stream events: enable monitoring on them (Device.enable_monitoring).
    """

    def __init__(
        self,
        gateway: Gateway,
        device_ids: Iterable[int],
        label: str,
        event_codes: Iterable[int] = (),
        queue_size: int = 256,
    ) -> None:
        self.label = label  # what it watches, for messages: "FaceStation F2 541530001"
        self._events: list[event_pb2.EventLog] = []
        self._cond = threading.Condition()
        self._error: GsdkError | None = None
        self._stream: Stream[event_pb2.EventLog] = gateway.realtime_events(
            device_ids, event_codes, queue_size=queue_size
        )
        self._stream.wait_subscribed()
        self._reader = threading.Thread(target=self._read, name=f"events {label}", daemon=True)
        self._reader.start()

    def __repr__(self) -> str:
        return f"EventWatcher({self.label})"

    def _read(self) -> None:
        try:
            for event in self._stream:
                with self._cond:
                    self._events.append(event)
                    self._cond.notify_all()
        except GsdkError as e:
            with self._cond:
                self._error = e
                self._cond.notify_all()

    def mark(self) -> int:
        """A position: events after it are the ones caused from now on."""
        with self._cond:
            return len(self._events)

    def since(self, mark: int) -> list[event_pb2.EventLog]:
        with self._cond:
            return list(self._events[mark:])

    def wait_for(
        self, match: Match, mark: int, timeout: float, expected: str, conclusive: Match | None = None
    ) -> event_pb2.EventLog:
        """The first event after `mark` that matches, or AssertionError saying what came instead.

        A `conclusive` event that does not match ends the wait at once: for an attempt that logs one
        outcome, a different outcome means the expected one will not come.
        """

        def settled() -> bool:
            return self._error is not None or any(
                match(e) or (conclusive is not None and conclusive(e)) for e in self._events[mark:]
            )

        with self._cond:
            self._cond.wait_for(settled, timeout)
            event = next((e for e in self._events[mark:] if match(e)), None)
            if event is not None:
                return event
            if self._error is not None:
                raise self._error
            waited = "" if settled() else f" within {timeout:g} s"
            logged = render(self._events[mark:])
            raise AssertionError(
                f"expected {expected} on {self.label}{waited}; the terminal logged: {logged}"
            )

    def first(self, mark: int, timeout: float, match: Match) -> event_pb2.EventLog | None:
        """The first matching event after `mark`, waiting up to `timeout` (None if none came)."""

        def found() -> event_pb2.EventLog | None:
            return next((e for e in self._events[mark:] if match(e)), None)

        with self._cond:
            self._cond.wait_for(lambda: found() is not None or self._error is not None, timeout)
            return found()

    def close(self) -> None:
        self._stream.cancel()
        self._reader.join(timeout=5)
