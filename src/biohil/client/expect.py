"""Expectations on a terminal's event log, failing (Unexpected: product) with what was expected
and what was logged."""

from __future__ import annotations

from collections.abc import Sequence

from biohil.client.gateway import Device
from biohil.client.watch import render
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
    return found


def ids(events: Sequence[event_pb2.EventLog]) -> list[int]:
    """The events' IDs, in order."""
    return [e.ID for e in events]


def same_events(result: list[event_pb2.EventLog], expected: list[event_pb2.EventLog], what: str) -> None:
    """The query returned exactly the expected events (what the terminal streamed, or its whole
    log), in order; else which ones it left out, which it should not have returned, or the order."""
    if ids(result) == ids(expected):
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
