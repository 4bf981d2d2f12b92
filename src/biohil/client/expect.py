"""Expectations on a terminal's event log, failing with what was expected and what was logged."""

from __future__ import annotations

from biohil.client.gateway import Device
from biohil.client.watch import render
from biohil.eventcodes import describe
from biohil.gsdk import event_pb2


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
            raise AssertionError(
                f"expected {wanted} for user {user_id} on device {device.id} since event {since_id}; "
                f"the terminal logged for that user: {render(logged)}"
            )
        found.append(match)
    return found
