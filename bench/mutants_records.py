"""Planted firmware bugs in the fields of event records: what the log keeps and the stream carries
beyond an event's code, sub-code and user (device ID, timestamp, card data, the copy of a record
each read returns). Caught by biohil.client.expect.check_record / same_copies / same_events."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from mutants import _read_changed, _streamed_changed, _wrap, bug

from biohil.eventcodes import Code
from biohil.gsdk import event_pb2
from biohil.simulator import eventlog
from biohil.simulator.eventlog import EventLog

HOUR = 3600
USER_CODES = {Code.USER_ENROLL_SUCCESS, Code.USER_UPDATE_SUCCESS, Code.USER_DELETE_SUCCESS}


def _stamped(mp: pytest.MonkeyPatch, stamp: Callable[[int, int], int]) -> None:
    """Records are written with stamp(the terminal's time, event code) as their timestamp."""

    def append(original: Callable[..., Any], self: EventLog, timestamp: int, code: int, *args: Any) -> Any:
        return original(self, stamp(timestamp, code), code, *args)

    _wrap(mp, EventLog, "append", append)


def _copies_changed(mp: pytest.MonkeyPatch, filtered: bool, change: Callable[[Any], Any]) -> None:
    """The records a read returns (filtered reads, or plain GetLog with maxNumOfLog), changed."""

    def read(original: Callable[..., Any], log: EventLog, start: int, n: int, filters: Any) -> Any:
        records = original(log, start, n, filters)
        if bool(filters) != filtered or (not filtered and not n):
            return records
        return [change(r) for r in records]

    _read_changed(mp, read)


# -- the stream's copy against the log's -------------------------------------------------------


@bug("realtime.stream_timestamp_late", "streamed records carry a timestamp one second after the log's")
def _stream_timestamp_late(mp: pytest.MonkeyPatch) -> None:
    def later(e: event_pb2.EventLog) -> None:
        e.timestamp += 1

    _streamed_changed(mp, later)


@bug("realtime.stream_card_data_dropped", "streamed records leave out the card data the log keeps")
def _stream_card_data_dropped(mp: pytest.MonkeyPatch) -> None:
    _streamed_changed(mp, lambda e: e.ClearField("cardData"))


@bug("realtime.stream_marks_changed_on_device", "streamed records say changedOnDevice, the log's do not")
def _stream_marks_changed_on_device(mp: pytest.MonkeyPatch) -> None:
    def marked(e: event_pb2.EventLog) -> None:
        e.changedOnDevice = True

    _streamed_changed(mp, marked)


@bug("realtime.stream_entity_set", "streamed records carry a door ID in entityID, the log's copies none")
def _stream_entity_set(mp: pytest.MonkeyPatch) -> None:
    def door(e: event_pb2.EventLog) -> None:
        e.entityID = 1

    _streamed_changed(mp, door)


@bug("event.success_kept_without_user", "the log keeps a success without its user; the stream has it")
def _success_kept_without_user(mp: pytest.MonkeyPatch) -> None:
    def append(
        original: Callable[..., Any],
        self: EventLog,
        timestamp: int,
        code: int,
        sub_code: int = 0,
        user_id: str = "",
        card_data: bytes = b"",
    ) -> eventlog.Record:
        if code in (Code.VERIFY_SUCCESS, Code.IDENTIFY_SUCCESS):
            kept: eventlog.Record = original(self, timestamp, code, sub_code, "", card_data)
            return dataclasses.replace(kept, user_id=user_id)  # the record the terminal streams
        record: eventlog.Record = original(self, timestamp, code, sub_code, user_id, card_data)
        return record

    _wrap(mp, EventLog, "append", append)


# -- timestamps against the terminal's clock ---------------------------------------------------


@bug("event.timestamp_hour_behind", "records are stamped an hour behind the terminal's clock")
def _timestamp_hour_behind(mp: pytest.MonkeyPatch) -> None:
    _stamped(mp, lambda now, code: now - HOUR)


@bug("event.outcome_second_early", "authentication outcomes are stamped one second early")
def _outcome_second_early(mp: pytest.MonkeyPatch) -> None:
    outcomes = {Code.VERIFY_SUCCESS, Code.VERIFY_FAIL, Code.IDENTIFY_SUCCESS, Code.IDENTIFY_FAIL}
    _stamped(mp, lambda now, code: now - 1 if code in outcomes else now)


@bug("event.clock_frozen", "the log's clock stops at the first record: every record carries its time")
def _clock_frozen(mp: pytest.MonkeyPatch) -> None:
    first: dict[int, int] = {}

    def append(original: Callable[..., Any], self: EventLog, timestamp: int, *args: Any) -> Any:
        return original(self, first.setdefault(id(self), timestamp), *args)

    _wrap(mp, EventLog, "append", append)


# -- the copies a read returns -------------------------------------------------------------------


@bug("log.filtered_sub_code_zero", "GetLogWithFilter returns its records with sub-code 0")
def _filtered_sub_code_zero(mp: pytest.MonkeyPatch) -> None:
    _copies_changed(mp, True, lambda r: dataclasses.replace(r, sub_code=0))


@bug("log.filtered_user_blank", "GetLogWithFilter returns records without their user ID")
def _filtered_user_blank(mp: pytest.MonkeyPatch) -> None:
    _copies_changed(mp, True, lambda r: dataclasses.replace(r, user_id=""))


@bug("log.filtered_time_shifted", "GetLogWithFilter returns records a second later than they happened")
def _filtered_time_shifted(mp: pytest.MonkeyPatch) -> None:
    _copies_changed(mp, True, lambda r: dataclasses.replace(r, timestamp=r.timestamp + 1))


@bug("log.paged_card_data_dropped", "GetLog with maxNumOfLog returns records without their card data")
def _paged_card_data_dropped(mp: pytest.MonkeyPatch) -> None:
    _copies_changed(mp, False, lambda r: dataclasses.replace(r, card_data=b""))


@bug("event.enroll_marked_on_device", "an enrolment through the gateway is logged as changed on the device")
def _enroll_marked_on_device(mp: pytest.MonkeyPatch) -> None:
    def to_proto(original: Callable[..., Any], self: eventlog.Record, device_id: int) -> Any:
        out = original(self, device_id)
        out.changedOnDevice = self.event_code in USER_CODES
        return out

    _wrap(mp, eventlog.Record, "to_proto", to_proto)
