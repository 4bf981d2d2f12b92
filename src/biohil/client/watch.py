"""Watching one terminal's realtime events, and waiting for an expected one with a deadline."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from biohil.client.errors import GsdkError
from biohil.client.gateway import Device, Gateway, Stream
from biohil.client.refclock import ReferenceClock, Window
from biohil.eventcodes import describe
from biohil.gsdk import event_pb2
from biohil.verdict import Unexpected

Match = Callable[[event_pb2.EventLog], bool]
NEWEST = 16  # records of the log a failed wait quotes when the stream delivered nothing at all


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
    `patience`: the longest any wait lasts, whatever the caller asks (the simulator's events come
    at once or not at all). `log`: the watched terminal, whose log a failed wait quotes next to
    what the stream delivered, and whose copy of a record is compared with the stream's. `clock`:
    the reference its records' timestamps are checked against (None: not checked).
    """

    def __init__(
        self,
        gateway: Gateway,
        device_ids: Iterable[int],
        label: str,
        event_codes: Iterable[int] = (),
        queue_size: int = 256,
        patience: float | None = None,
        log: Device | None = None,
        clock: ReferenceClock | None = None,
    ) -> None:
        self.label = label  # what it watches, for messages: "FaceStation F2 541530001"
        self.device_ids = list(device_ids)
        self.patience = patience
        self._device = log
        self._clock = clock
        self._marked: dict[int, float] = {}  # mark -> the reference time when it was first taken
        if clock is not None:  # mark 0: before the subscription, so before any record it delivers
            self._marked[0] = clock.now()
        self._events: list[event_pb2.EventLog] = []
        self._aside: dict[tuple[int, int], str] = {}  # (device, record ID) -> why it counts for none
        self.notes: list[str] = []  # facts about the person's part, for failure messages
        self._cond = threading.Condition()
        self._error: GsdkError | None = None
        self._stream: Stream[event_pb2.EventLog] = gateway.realtime_events(
            self.device_ids, event_codes, queue_size=queue_size
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

    def set_aside(self, event: event_pb2.EventLog, why: str) -> None:
        """The event counts for no attempt from now on (a person's action that came late); the
        failure messages still quote it, with why."""
        with self._cond:
            self._aside[(event.deviceID, event.ID)] = why

    def _counted(self, events: list[event_pb2.EventLog]) -> list[event_pb2.EventLog]:
        return [e for e in events if (e.deviceID, e.ID) not in self._aside]

    def mark(self) -> int:
        """A position: events after it are the ones caused from now on (and the reference time,
        read first, is a time before any of them was written)."""
        now = self._clock.now() if self._clock is not None else None
        with self._cond:
            mark = len(self._events)
            if now is not None:
                self._marked.setdefault(mark, now)
            return mark

    def window(self, mark: int) -> Window | None:
        """When the records after `mark` were written, by the reference clock (None: no clock)."""
        start = self._marked.get(mark)
        if self._clock is None or start is None:
            return None
        return Window(start, self._clock.now(), self._clock.slack, self._clock.describe())

    def newest_before(self, mark: int) -> int:
        """The ID of the last record streamed before `mark` (0: none): a later record's ID is above."""
        with self._cond:
            return self._events[mark - 1].ID if mark else 0

    def everything(self) -> list[event_pb2.EventLog]:
        """Every event delivered, set aside or not."""
        with self._cond:
            return list(self._events)

    def since(self, mark: int) -> list[event_pb2.EventLog]:
        """The events after `mark` that count (none set aside)."""
        with self._cond:
            return self._counted(self._events[mark:])

    def bounded(self, timeout: float) -> float:
        """A wait of `timeout` seconds, cut to the watcher's patience."""
        return timeout if self.patience is None else min(timeout, self.patience)

    def logged_since(self, mark: int) -> list[event_pb2.EventLog]:
        """What the terminal's log holds from `mark` on: from the record after the last one streamed
        before it, else from the first one streamed after it; with nothing streamed at all, the
        log's newest records. (No log read is spent while all goes well.)"""
        if self._device is None:
            return []
        with self._cond:
            before, after = self._events[:mark], self._events[mark:]
        if before:
            start = before[-1].ID + 1
        elif after:
            start = after[0].ID
        else:
            start = max(1, self._device.newest_event_id() - NEWEST + 1)
        return self._device.events(start)

    def explain(self, mark: int, match: Match, expected: str) -> str:
        """What the stream delivered and what the log holds, for a wait that did not find `expected`:
        so that "the log has it, the stream did not" reads differently from "nobody logged it"."""
        streamed = self.since(mark)
        text = f"the stream delivered: {render(streamed)}"
        with self._cond:
            aside = [e for e in self._events[mark:] if (e.deviceID, e.ID) in self._aside]
        if aside:
            text += f"; set aside as the person's late actions: {render(aside)}"
        if self.notes:
            text += f"; at the bench: {'; '.join(self.notes)}"
        if self._device is None:
            return text
        try:
            logged = self.logged_since(mark)
        except GsdkError as e:
            return f"{text}; the terminal's log could not be read: {e}"
        text += f"; the terminal's log holds: {render(logged)}"
        found = [e for e in logged if match(e)]
        if found:
            text += f" — the log has {expected} (#{found[0].ID}), the stream did not deliver it"
        return text

    def wait_for(
        self, match: Match, mark: int, timeout: float, expected: str, conclusive: Match | None = None
    ) -> event_pb2.EventLog:
        """The first event after `mark` that matches, or Unexpected saying what came instead.

        A `conclusive` event that does not match ends the wait at once: for an attempt that logs one
        outcome, a different outcome means the expected one will not come.
        """

        def settled() -> bool:
            return self._error is not None or any(
                match(e) or (conclusive is not None and conclusive(e))
                for e in self._counted(self._events[mark:])
            )

        timeout = self.bounded(timeout)
        with self._cond:
            self._cond.wait_for(settled, timeout)
            event = next((e for e in self._counted(self._events[mark:]) if match(e)), None)
            if event is not None:
                return event
            if self._error is not None:
                raise self._error
            waited = "" if settled() else f" within {timeout:g} s"
        raise Unexpected(
            f"expected {expected} on {self.label}{waited}; {self.explain(mark, match, expected)}"
        )

    @property
    def reads_log(self) -> bool:
        """Whether the watched terminal's log is read too (its copies compared with the stream's)."""
        return self._device is not None

    def logged_once(self, mark: int, match: Match, expected: str) -> event_pb2.EventLog | None:
        """The terminal's log holds exactly one matching record after `mark` (one attempt, one
        outcome), or Unexpected quoting them; returns the log's copy (None: no log to read)."""
        logged = self.logged_since(mark) if self._device is not None else self.since(mark)
        found = [e for e in self._counted(logged) if match(e)]
        if len(found) > 1:
            raise Unexpected(
                f"expected {expected} once on {self.label}; the terminal logged it {len(found)} times: "
                f"{render(found)}"
            )
        return found[0] if found and self._device is not None else None

    def first(self, mark: int, timeout: float, match: Match) -> event_pb2.EventLog | None:
        """The first matching event after `mark`, waiting up to `timeout` (None if none came)."""

        def found() -> event_pb2.EventLog | None:
            return next((e for e in self._counted(self._events[mark:]) if match(e)), None)

        with self._cond:
            self._cond.wait_for(lambda: found() is not None or self._error is not None, self.bounded(timeout))
            return found()

    def close(self) -> None:
        self._stream.cancel()
        self._reader.join(timeout=5)


class Streams:
    """The realtime subscriptions of one scenario, each on one terminal, all closed at its end."""

    def __init__(
        self,
        gateway: Gateway,
        patience: float | None,
        clock_of: Callable[[Device], ReferenceClock | None] = lambda device: None,
    ) -> None:
        self._gateway = gateway
        self._patience = patience
        self._clock_of = clock_of  # each terminal's reference clock
        self._open: list[EventWatcher] = []

    def __repr__(self) -> str:
        return f"Streams({len(self._open)} open)"

    @property
    def opened(self) -> bool:
        return bool(self._open)

    def open(self, device: Device, label: str, event_codes: Iterable[int] = ()) -> EventWatcher:
        stream = EventWatcher(
            self._gateway,
            [device.id],
            label,
            event_codes,
            patience=self._patience,
            log=device,
            clock=self._clock_of(device),
        )
        self._open.append(stream)
        return stream

    def delivered(self) -> list[tuple[str, list[event_pb2.EventLog]]]:
        """What each stream delivered, by its label: for the report of a failure."""
        return [(stream.label, stream.everything()) for stream in self._open]

    def close(self) -> None:
        for stream in self._open:
            stream.close()
