"""Expectations on a terminal's event log, failing (Unexpected: product) with what was expected
and what was logged."""

from __future__ import annotations

from collections.abc import Sequence

from biohil.client import readback
from biohil.client.gateway import Device
from biohil.client.readback import shown
from biohil.client.refclock import Window, when
from biohil.client.watch import EventWatcher, render
from biohil.eventcodes import describe
from biohil.gsdk import event_pb2
from biohil.verdict import Unexpected


def user_events_in_order(
    device: Device, since_id: int, user_id: str, codes: list[int]
) -> list[event_pb2.EventLog]:
    """The user's events logged since `since_id` contain `codes` in this order (others may sit between)."""
    logged = device.events(since_id, 0, [event_pb2.EventFilter(userID=user_id)])
    remaining = iter(logged)
    found = []
    for code in codes:
        match = next((e for e in remaining if e.eventCode == code), None)
        if match is None:
            wanted = " then ".join(describe(c) for c in codes)
            text = (
                f"expected {wanted} for user {user_id} on device {device.id} since event {since_id}; "
                f"the log filtered by that user returned: {render(logged)}"
            )
            # Whether the terminal did not log it, or the filtered query left it out.
            whole = [e for e in device.events(since_id) if e.userID == user_id and e.eventCode == code]
            if whole:
                text += f"; the whole log holds {render(whole)}: the filtered query left it out"
            raise Unexpected(text)
        found.append(match)
    # Contract 4.3: a user changed through the gateway is logged with changedOnDevice false.
    on_device = [e for e in found if e.changedOnDevice]
    if on_device:
        raise Unexpected(
            f"user {user_id} was changed through the gateway, but device {device.id} logged "
            f"{render(on_device)} with changedOnDevice true (documented: false, true only for changes "
            "made at the terminal)"
        )
    return found


def ids(events: Sequence[event_pb2.EventLog]) -> list[int]:
    """The events' IDs, in order."""
    return [e.ID for e in events]


def same_events(result: list[event_pb2.EventLog], expected: list[event_pb2.EventLog], what: str) -> None:
    """The query returned exactly the expected events (what the terminal streamed, or its whole
    log), in order and field by field; else which ones it left out, which it should not have
    returned, the order, or the fields of a record that differ."""
    if ids(result) == ids(expected):
        changed = [(e, d) for e, x in zip(result, expected, strict=True) if (d := differences(e, x))]
        if changed:
            raise Unexpected(
                f"{what}: the terminal returned records #{', #'.join(str(e.ID) for e, _ in changed)} "
                "with other fields than the terminal reported for them (returned / reported): "
                + " | ".join(f"#{e.ID}: {'; '.join(d)}" for e, d in changed)
            )
        return
    returned, wanted = set(ids(result)), set(ids(expected))
    missing = [e for e in expected if e.ID not in returned]
    extra = [e for e in result if e.ID not in wanted]
    text = f"{what}: the terminal returned {render(result)}; expected {render(expected)}"
    if missing:
        text += f"; the query left out {render(missing)}"
    if extra:
        text += f"; it returned events that do not match: {render(extra)}"
    if not missing and not extra:
        text += "; the same events, in another order"
    raise Unexpected(text)


def pages_of(pages: Sequence[Sequence[event_pb2.EventLog]], size: int) -> None:
    """Every page but the last holds exactly `size` records (maxNumOfLog), the last at most that."""
    sizes = [len(page) for page in pages]
    full = all(n == size for n in sizes[:-1]) and all(n <= size for n in sizes[-1:])
    if not full:
        raise Unexpected(
            f"asked for pages of {size} events (maxNumOfLog), the terminal returned pages of {sizes}"
        )


# -- one record, field by field ----------------------------------------------------------------


def differences(first: event_pb2.EventLog, second: event_pb2.EventLog) -> list[str]:
    """Every field (nested ones by path) in which two copies of a record differ: 'userID '7' / '8''."""
    return [f"{d.path} {d.expected} / {d.answered}" for d in readback.differences(first, second)]


def check_record(
    event: event_pb2.EventLog,
    what: str,
    *,
    device_id: int,
    window: Window | None,
    after_id: int = 0,
    logged: event_pb2.EventLog | None = None,
    card_data: bytes | None = None,
) -> None:
    """The fields of one record the scenario caused, beyond its code, sub-code and user: the
    terminal it happened on, an ID above the records before it (5.7: IDs only grow), a timestamp
    from when it happened, the card's data where the contract says it is carried (4.3), and the
    log's copy equal to the stream's."""
    problems = []
    if event.deviceID != device_id:
        problems.append(f"deviceID is {event.deviceID}, expected {device_id}, the terminal it happened on")
    if after_id >= event.ID:
        problems.append(f"ID is {event.ID}, expected above #{after_id}, the record before it")
    if window is not None and not window.holds(event.timestamp):
        problems.append(f"timestamp is {when(event.timestamp)}, expected {window.describe()}")
    if card_data is not None and event.cardData != card_data:
        problems.append(f"cardData is {shown(event.cardData)}, expected the card's {shown(card_data)}")
    if logged is not None:
        problems += [f"the log's copy differs (stream / log): {d}" for d in differences(event, logged)]
    if problems:
        raise Unexpected(f"{what}, record #{event.ID} of device {device_id}: {'; '.join(problems)}")


def check_streamed(stream: EventWatcher, event: event_pb2.EventLog, what: str) -> None:
    """A record a stream delivered, checked as check_record: from the stream's terminal, written
    after the stream opened, and the terminal's log holding the same copy."""
    logged = None
    if stream.reads_log:
        logged = next((e for e in stream.logged_since(0) if e.ID == event.ID), None)
        if logged is None:
            raise no_log_copy(stream, event, 0)
    [device_id] = stream.device_ids
    check_record(event, what, device_id=device_id, window=stream.window(0), logged=logged)


def no_log_copy(stream: EventWatcher, event: event_pb2.EventLog, mark: int) -> Unexpected:
    """The failure of a record streamed but not in the terminal's log, quoting what the log holds."""
    return Unexpected(
        f"{stream.label} streamed {render([event])}, and its log holds no copy of it: "
        f"{render(stream.logged_since(mark))}"
    )
