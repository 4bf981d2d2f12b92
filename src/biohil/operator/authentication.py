"""An authentication attempt as the suite makes it: the person (or the script) is asked once for
the whole sequence, and the terminal's outcome on the realtime stream closes the prompt.

What the terminal did is also read for evidence about the person: an outcome that shows a
credential other than the one asked for (a card the asked user does not hold, another user) is
the person's mistake, not the terminal's; an unknown fingerprint or face cannot tell, so the
person is asked."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable

from biohil.client.errors import GsdkError
from biohil.client.gateway import Device
from biohil.client.watch import EventWatcher
from biohil.credentials import Input
from biohil.eventcodes import (
    CREDENTIAL_SUB,
    Code,
    explain,
    is_auth_outcome,
    is_auth_timeout,
    took_every_factor,
)
from biohil.gsdk import event_pb2
from biohil.operator.base import Action, Attempt, Operator, Reported
from biohil.verdict import NotApplicable

# A verify or identify failure's sub-code names the credential refused (contract §4.3).
_REFUSED = {sub: Input.USER_ID if word == "ID" else Input(word) for word, sub in CREDENTIAL_SUB.items()}
_BIOMETRIC = (Input.FINGER, Input.FACE)
LOG_READS = 0.5  # seconds between reads of the log for an outcome that does not stream


def _card(data: bytes) -> bytes:
    """Card data as compared: a terminal pads a card's number with zero bytes in front."""
    return data.lstrip(b"\0")


def _short(data: bytes) -> str:
    """A card's data for a message: its size and its first bytes, never the whole of it."""
    shown = _card(data)
    return f"{len(data)} bytes, {shown[:4].hex()}{'…' if len(shown) > 4 else ''}"


def evidence(event: event_pb2.EventLog, actions: Iterable[Action], device: Device) -> tuple[str, str]:
    """(not_asked, question) for an attempt's outcome: what shows that the terminal took another
    credential than the one asked for, and what to ask the person when the event cannot tell.
    Reads a user's cards from the terminal only when a card outcome must be checked."""
    actions = tuple(actions)
    cards = [a for a in actions if a.input is Input.CARD]
    if event.cardData and cards:  # the card the terminal read is in the event: it tells
        asked, presented = cards[0], _card(event.cardData)
        if asked.card_data and presented != _card(asked.card_data):
            return (
                f"the terminal read a card ({_short(event.cardData)}) that is not the "
                f'"{asked.credential}" ({_short(asked.card_data)})',
                "",
            )
        if asked.credential is None:  # a card nobody has: granted to its owner, it was theirs
            if event.userID and presented in _cards_of(device, event.userID):
                return f"the terminal read user {event.userID}'s card, not a card nobody has", ""
            return "", ""
    wanted = {a.user_id for a in actions if a.user_id}
    wanted |= {a.credential or "" for a in actions if a.input is Input.USER_ID}
    owner_unsaid = any(a.credential and not a.user_id and not a.input.typed for a in actions)
    if event.userID and not owner_unsaid and event.userID not in wanted:
        whose = f"user {', '.join(sorted(wanted))}'s" if wanted else "credentials nobody has"
        return f"the terminal took a credential of user {event.userID}; the prompt asked for {whose}", ""
    refused = _refused(event)
    if refused in _BIOMETRIC:
        # Only a credential meant to match: another user's finger after the test user's card is
        # meant to be refused.
        own = next(
            (
                a
                for a in actions
                if a.input is refused and a.credential and a.user_id and event.userID in ("", a.user_id)
            ),
            None,
        )
        if own is not None:
            return "", f'was that the {refused.value} "{own.credential}" of user {own.user_id}?'
    return "", ""


def _refused(event: event_pb2.EventLog) -> Input | None:
    """The credential a verify or identify failure names (None for any other outcome)."""
    if event.eventCode in (Code.VERIFY_FAIL, Code.IDENTIFY_FAIL):
        return _REFUSED.get(event.subCode)
    return None


def _cards_of(device: Device, user_id: str) -> set[bytes]:
    try:
        return {_card(c.data) for user in device.users(user_id) for c in user.cards}
    except GsdkError:  # no such user, or not readable now: no evidence either way
        return set()


class _Tries:
    """The terminal's outcomes of one attempt (Outcomes): from the stream, or from the log when
    its outcome will not stream (monitoring off)."""

    def __init__(
        self, watcher: EventWatcher, device: Device, actions: tuple[Action, ...], from_log: bool
    ) -> None:
        self._watcher, self._device, self._actions, self._from_log = watcher, device, actions, from_log
        self.mark = 0  # where the current try began, on the watcher
        self._log_from = 0  # where the last try began, in the log
        self._seen: set[int] = set()  # record IDs of the outcomes already reported
        self._reported = False  # the try's outcome was reported: anything after it is late
        self._next_log_read = 0.0

    def begin(self) -> int:
        self._reported = False
        self.mark = self._watcher.mark()
        if self._from_log:
            self._log_from = self._device.newest_event_id() + 1
        return self.mark

    def _next(self, timeout: float) -> event_pb2.EventLog | None:
        def fresh(e: event_pb2.EventLog) -> bool:
            return is_auth_outcome(e.eventCode) and e.ID not in self._seen

        event = self._watcher.first(self.mark, timeout, fresh)
        if event is None and self._from_log and time.monotonic() >= self._next_log_read:
            self._next_log_read = time.monotonic() + LOG_READS  # a prompt asks every 0.1 s
            event = next((e for e in self._device.events(self._log_from) if fresh(e)), None)
        if event is not None:
            self._seen.add(event.ID)
        return event

    def report(self, timeout: float) -> Reported | None:
        if self._reported:
            return None
        event = self._next(timeout)
        if event is None:
            return None
        self._reported = True
        not_asked, question = evidence(event, self._actions, self._device)
        return Reported(
            explain(event.eventCode, event.subCode, event.userID),
            too_slow=is_auth_timeout(event.eventCode, event.subCode),
            took_every_factor=took_every_factor(event.eventCode),
            refused=_refused(event),
            not_asked=not_asked,
            question=question,
        )

    def late(self, timeout: float) -> Reported | None:
        event = self._next(timeout)
        if event is None:
            return None
        self._watcher.set_aside(event, "the person's late action")
        return Reported(explain(event.eventCode, event.subCode, event.userID))

    def note(self, text: str) -> None:
        self._watcher.notes.append(text)


def authenticate(
    operator: Operator,
    watcher: EventWatcher,
    device: Device,
    actions: Iterable[Action],
    within: float,
    complete: bool = True,
    streamed: bool = True,
) -> int:
    """Make one attempt on `device`; returns the watcher's mark after which its outcome counts: the
    moment the person was asked (the last time, if the attempt had to be made again).
    `streamed` False: the outcome will not stream (monitoring off) and is read from the log. A
    factor due just after the auth timeout makes the attempt one the terminal is to give up on."""
    attempt = Attempt(tuple(actions), within, complete)
    if attempt.after_give_up is not None:
        attempt = dataclasses.replace(attempt, complete=False)
    if operator.unattended:
        raise NotApplicable(operator.unattended)
    return operator.attempt(attempt, _Tries(watcher, device, attempt.actions, from_log=not streamed))
