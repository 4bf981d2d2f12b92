"""A scenario's share of a terminal's log, read once at its end, as a table QA can read.

Each terminal keeps a cursor: the first record after the previous scenario's share. The first
scenario on a terminal finds the log's end once (newest_event_id); every other scenario costs
one GetLog from its cursor, read before the terminal is disconnected.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from biohil.client import Device, GsdkError
from biohil.eventcodes import describe, explain, is_auth_outcome
from biohil.gsdk import event_pb2

COLUMNS = ("ID", "time (UTC)", "event", "sub-code", "meaning", "user", "device")


@dataclass
class LogShare:
    """One terminal's records from the scenario's first event to its last."""

    terminal: str  # 'FaceStation F2 541530001'
    start_id: int
    events: list[event_pb2.EventLog] = field(default_factory=list)
    error: str = ""  # why the log could not be read

    def table(self) -> str:
        """CSV, one row per record (the report shows it as a table)."""
        if self.error:
            return table(self.events, f"the log from #{self.start_id} could not be read: {self.error}")
        return table(self.events, "" if self.events else f"no record from #{self.start_id} on")


def table(events: list[event_pb2.EventLog], note: str = "") -> str:
    """Events as CSV, one row each, and a closing note if any (for the log and for a stream)."""
    out = io.StringIO()
    rows = csv.writer(out, lineterminator="\n")
    rows.writerow(COLUMNS)
    rows.writerows(row(event) for event in events)
    if note:
        rows.writerow(["", "", note])
    return out.getvalue()


def row(event: event_pb2.EventLog) -> list[str]:
    when = dt.datetime.fromtimestamp(event.timestamp, dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    meaning = (
        explain(event.eventCode, event.subCode, event.userID) if is_auth_outcome(event.eventCode) else ""
    )
    return [
        str(event.ID),
        when,
        describe(event.eventCode),  # 'VERIFY_SUCCESS (0x1000)', 'UNKNOWN (0x7F00)'
        f"0x{event.subCode:02X}",
        meaning,
        event.userID,
        str(event.deviceID),
    ]


class LogCursors:
    """Where each terminal's next scenario share starts (one process, one scenario at a time)."""

    def __init__(self) -> None:
        self._next: dict[int, int] = {}  # device ID -> first record of the next share

    def __repr__(self) -> str:
        return f"LogCursors({len(self._next)} terminals)"

    def begin(self, device: Device) -> None:
        """Before the scenario's first change on the terminal: find the log's end, once."""
        if device.id not in self._next:
            with contextlib.suppress(GsdkError):  # read() says so at the end
                self._next[device.id] = device.newest_event_id() + 1

    def read(self, device: Device, terminal: str) -> LogShare:
        start = self._next.get(device.id)
        if start is None:
            return LogShare(terminal, 0, error="the log's end could not be found when the scenario began")
        share = LogShare(terminal, start)
        try:
            share.events = device.events(start)
        except GsdkError as e:  # e.g. a scenario that left the terminal disconnected
            share.error = f"{e} (the cursor stays: these records come with the next scenario's share)"
            return share
        if share.events:
            self._next[device.id] = share.events[-1].ID + 1
        return share
