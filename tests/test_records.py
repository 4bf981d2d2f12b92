"""One event record, field by field: the reference clock's window, the clock offset measured from a
record, and the failure messages of check_record and same_events."""

from __future__ import annotations

import hashlib
import time
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biohil.client.expect import check_record, same_events
from biohil.client.refclock import BenchClock, Window, measure_offset, when
from biohil.gsdk import event_pb2
from biohil.verdict import Unexpected

CARD = bytes(25) + b"\x04\xa2\x19\x7c\x33\x51\x80"
NOW = 1_796_416_267


def _record(**fields: Any) -> event_pb2.EventLog:
    base: dict[str, Any] = dict(
        ID=12, timestamp=NOW, deviceID=541530001, userID="900001", eventCode=0x1000, subCode=0x06
    )
    return event_pb2.EventLog(**(base | fields))


def test_a_window_holds_whole_seconds_from_start_to_end_give_or_take_its_slack() -> None:
    exact = Window(NOW, NOW + 2, 0.0, "the simulator's clock")
    assert [exact.holds(t) for t in (NOW - 1, NOW, NOW + 2, NOW + 3)] == [False, True, True, False]
    lab = Window(NOW + 0.7, NOW + 1.2, 0.5, "the bench PC's UTC")
    assert lab.holds(NOW) and lab.holds(NOW + 1) and not lab.holds(NOW + 2)
    assert exact.describe() == (
        f"between 2026-12-04 20:31:07 UTC ({NOW}) and 2026-12-04 20:31:09 UTC ({NOW + 2}) "
        "by the simulator's clock"
    )
    assert when(NOW) == f"2026-12-04 20:31:07 UTC ({NOW})"


class _Terminal:
    """A terminal whose clock runs `offset` seconds from the bench PC's, logging each write."""

    def __init__(self, offset: float) -> None:
        self.offset = offset
        self.log: list[event_pb2.EventLog] = [_record(ID=1, userID="other")]

    def newest_event_id(self) -> int:
        return self.log[-1].ID

    def events(self, start: int) -> list[event_pb2.EventLog]:
        return [e for e in self.log if start <= e.ID]

    def enroll(self, user_id: str) -> str:
        self.log.append(
            _record(ID=len(self.log) + 1, userID=user_id, timestamp=int(time.time() + self.offset))
        )
        return "taken"


@given(st.floats(min_value=-86_400, max_value=86_400, allow_nan=False))
def test_the_offset_measured_from_a_write_holds_the_terminals_true_offset(offset: float) -> None:
    terminal = _Terminal(offset)
    answer, measured = measure_offset(terminal, "lease", lambda: terminal.enroll("lease"))  # type: ignore[arg-type]
    assert answer == "taken" and measured is not None
    assert abs(measured.seconds - offset) <= measured.within <= 0.6  # whole seconds, a quick write
    clock = BenchClock(measured)
    assert abs(clock.now() - (time.time() + offset)) <= measured.within + 0.1
    assert "from the bench PC's UTC" in measured.describe() and "at preflight" in clock.describe()


def test_no_record_of_the_write_leaves_the_offset_unmeasured() -> None:
    terminal = _Terminal(0.0)
    answer, measured = measure_offset(terminal, "lease", lambda: "nothing logged")  # type: ignore[arg-type]
    assert (answer, measured) == ("nothing logged", None)


def test_a_record_failing_several_fields_names_each_with_what_was_expected() -> None:
    streamed = _record(ID=12, deviceID=546830001, timestamp=NOW - 3600, cardData=b"")
    logged = _record(ID=12, deviceID=546830001, timestamp=NOW - 3600, cardData=CARD)
    window = Window(NOW, NOW + 1, 0.0, "the simulator's clock")
    with pytest.raises(Unexpected) as failed:
        check_record(
            streamed,
            "VERIFY_SUCCESS for user 900001 on FaceStation F2",
            device_id=541530001,
            window=window,
            after_id=12,
            logged=logged,
            card_data=CARD,
        )
    message = str(failed.value)
    digest = hashlib.sha256(CARD).hexdigest()[:8]
    assert message.startswith(
        "VERIFY_SUCCESS for user 900001 on FaceStation F2, record #12 of device 541530001: "
    )
    assert "deviceID is 546830001, expected 541530001" in message
    assert "ID is 12, expected above #12" in message
    assert f"timestamp is 2026-12-04 19:31:07 UTC ({NOW - 3600}), expected between" in message
    assert f"cardData is 0 bytes, expected the card's 32 bytes sha256:{digest}" in message
    assert f"the log's copy differs (stream / log): cardData 0 bytes / 32 bytes sha256:{digest}" in message
    assert "\\x" not in message and "\n" not in message  # no raw bytes, no protobuf dump


def test_a_record_as_expected_passes_and_copies_compare_every_field() -> None:
    event = _record(cardData=CARD)
    check_record(
        event, "x", device_id=541530001, window=Window(NOW, NOW, 0.0, "c"), after_id=11, logged=event
    )
    check_record(event, "x", device_id=541530001, window=None, logged=_record(cardData=CARD))
    with pytest.raises(Unexpected, match=r"record #12 of device 541530001: .*changedOnDevice False / True$"):
        check_record(
            event, "x", device_id=541530001, window=None, logged=_record(cardData=CARD, changedOnDevice=True)
        )
    with pytest.raises(Unexpected, match=r"\(stream / log\): inputInfo\.port 0 / 3$"):
        check_record(
            event, "x", device_id=541530001, window=None, logged=_record(cardData=CARD, inputInfo={"port": 3})
        )


def test_a_read_with_the_same_ids_but_other_fields_names_the_records_and_fields() -> None:
    reported = [_record(ID=5), _record(ID=6, subCode=0x07)]
    returned = [_record(ID=5), _record(ID=6, subCode=0x00)]
    with pytest.raises(Unexpected) as failed:
        same_events(returned, reported, "filter by user 900001")
    assert str(failed.value) == (
        "filter by user 900001: the terminal returned records #6 with other fields than the terminal "
        "reported for them (returned / reported): #6: subCode 0 / 7"
    )
    same_events(reported, [_record(ID=5), _record(ID=6, subCode=0x07)], "same")
