"""An authentication attempt as the suite makes it: the person (or the script) is asked once for
the whole sequence, and the terminal's outcome on the realtime stream closes the prompt."""

from __future__ import annotations

from collections.abc import Iterable

from biohil.client.gateway import Device
from biohil.client.watch import EventWatcher
from biohil.eventcodes import explain, is_auth_outcome, is_auth_timeout, took_every_factor
from biohil.gsdk import event_pb2
from biohil.operator.base import Action, Attempt, Operator, Pace, Reported
from biohil.verdict import NotApplicable


def authenticate(
    operator: Operator,
    watcher: EventWatcher,
    actions: Iterable[Action],
    within: float,
    complete: bool = True,
    log: Device | None = None,
) -> int:
    """Make one attempt; returns the watcher's mark after which its outcome counts: the moment the
    person was asked (the last time, if the attempt had to be made again). `log`: the terminal,
    when its outcome will not stream (monitoring off) and must be read from its log. A factor
    due just after the auth timeout makes the attempt one the terminal is to give up on."""
    actions = tuple(actions)
    complete = complete and not any(a.pace is Pace.JUST_AFTER for a in actions)
    if operator.unattended:
        raise NotApplicable(operator.unattended)
    marks: list[int] = []
    log_from: list[int] = []

    def begin() -> None:
        marks.append(watcher.mark())
        if log is not None:
            log_from.append(log.newest_event_id() + 1)

    def outcome(timeout: float) -> event_pb2.EventLog | None:
        event = watcher.first(marks[-1], timeout, lambda e: is_auth_outcome(e.eventCode))
        if event is None and log is not None:
            event = next((e for e in log.events(log_from[-1]) if is_auth_outcome(e.eventCode)), None)
        return event

    def report(timeout: float) -> Reported | None:
        event = outcome(timeout)
        if event is None:
            return None
        return Reported(
            explain(event.eventCode, event.subCode, event.userID),
            too_slow=is_auth_timeout(event.eventCode, event.subCode),
            took_every_factor=took_every_factor(event.eventCode),
        )

    operator.attempt(Attempt(actions, within, complete), begin, report)
    return marks[-1]
