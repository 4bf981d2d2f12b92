"""What the G-SDK steps call beyond the client: the test user's credentials by kind, the outcome
of an attempt, filtered log reads, users with settings. Steps only translate Gherkin into these
calls; the decisions and the protobuf types stay here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from biohil.client import Device, Gateway, cleanup
from biohil.client.expect import check_record, no_log_copy
from biohil.client.readback import expect_user, stored_user
from biohil.client.testusers import DAY, TestUser, terminal_time
from biohil.client.watch import Events, EventWatcher
from biohil.credentials import BY_WORD, kind
from biohil.eventcodes import describe, is_auth_outcome
from biohil.gsdk import event_pb2, finger_pb2, user_pb2
from biohil.lab.bench import NOT_MEASURED, Bench, Held
from biohil.lab.terminal import Terminal
from biohil.readings import Readings
from biohil.report.eventlog import LogCursors, LogShare
from biohil.report.terminals import Terminals
from biohil.scenario.readings import Expectations

Event = event_pb2.EventLog
TEST_PIN = "2580"
OUTCOME_WAIT = 10.0  # seconds an outcome may take beyond the auth timeout


# -- credentials -------------------------------------------------------------------------------


@dataclass
class TestCredentials:
    """What the terminal captured once from the test user's physical credentials, by kind (a kind
    the terminal cannot read is missing)."""

    __test__ = False

    by_kind: dict[str, Any]
    pin_hash: bytes

    def __repr__(self) -> str:  # no template bytes in the report
        return f"TestCredentials({', '.join(self.by_kind)}, PIN)"

    def of(self, word: str) -> Any:
        """The captured card, fingerprint or face (None if the terminal has no reader for it)."""
        return self.by_kind.get(kind(word).word)

    def held_by(self, info: user_pb2.UserInfo) -> user_pb2.UserInfo:
        """`info` holding the test PIN and every captured credential."""
        info.PIN = self.pin_hash
        for word, data in self.by_kind.items():
            getattr(info, BY_WORD[word].user_field).append(data)
        return info


class Captured(dict[str, Any]):
    """Credential data captured in this scenario, by kind (the repr leaves the data out)."""

    def __repr__(self) -> str:
        return f"Captured({', '.join(self) or 'nothing'})"


_SETTERS: dict[str, tuple[str, Callable[[Device, str, list[Any]], None]]] = {
    "cards": ("User.SetCard", Device.set_cards),
    "fingers": ("User.SetFinger", Device.set_fingers),
    "faces": ("User.SetFace", Device.set_faces),
}  # by UserInfo field (biohil.credentials.Kind.user_field)


def set_credentials(device: Device, word: str, user_id: str, items: list[Any]) -> Sent:
    """The user's credentials of one kind replaced by `items` (none: removed), then the user read
    back whole: every item of that kind as sent, everything else as before the write."""
    field = kind(word).user_field
    method, setter = _SETTERS[field]
    expected = stored_user(device, user_id, "the scenario's earlier writes")
    setter(device, user_id, items)
    expected.ClearField(field)
    getattr(expected, field).extend(items)
    expect_user(device, expected, method)
    return Sent(expected)


def give(info: user_pb2.UserInfo, word: str, data: Any) -> user_pb2.UserInfo:
    """`info` with one more credential of a kind."""
    getattr(info, kind(word).user_field).append(data)
    return info


def as_duress(finger: finger_pb2.FingerData) -> finger_pb2.FingerData:
    """The finger enrolled as the duress one: presenting it grants and raises a duress event."""
    finger.flag |= finger_pb2.BS2_FINGER_FLAG_DURESS
    return finger


# -- users -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    """A user as a step wrote it (its repr names only the user: no PIN hash in reports)."""

    info: user_pb2.UserInfo

    def __repr__(self) -> str:
        return f"Sent(user {self.info.hdr.ID})"

    def expect_stored(self, device: Device) -> None:
        """The terminal still returns the user whole as written (Unexpected naming each field)."""
        expect_user(device, self.info, "the scenario's writes")


def enroll(device: Device, info: user_pb2.UserInfo, overwrite: bool = False) -> Sent:
    """The user enrolled, then read back whole."""
    device.enroll([info], overwrite=overwrite)
    expect_user(device, info, "User.Enroll" + (" with overwrite" if overwrite else ""))
    return Sent(info)


def enroll_with_settings(device: Device, user: TestUser, pin: str, level: str, days: int) -> Sent:
    """The user enrolled with a PIN, a security level ("low", "high"...), valid from now to `days`
    ahead (by the terminal's clock)."""
    info = user.info()
    info.PIN = device.pin_hash(pin)
    info.setting.securityLevel = user_pb2.SecurityLevel.Value(f"SECURITY_LEVEL_{level.upper()}")  # type: ignore[assignment]
    now = terminal_time(device)
    info.setting.startTime, info.setting.endTime = now, now + days * DAY
    return enroll(device, info)


TWO_WAYS = ("enrolled with the user", "assigned to the user")


def with_two(device: Device, user: TestUser, word: str, both: list[Any], how: str) -> Sent:
    """The user holding two credentials of a kind: enrolled with them (User.Enroll), or enrolled
    without and then given them (User.SetCard / SetFinger / SetFace); each write read back whole."""
    if how not in TWO_WAYS:
        raise ValueError(f'"{how}": say one of {", ".join(TWO_WAYS)}')
    if how == TWO_WAYS[0]:
        info = user.info()
        getattr(info, kind(word).user_field).extend(both)
        return enroll(device, info)
    enroll(device, user.info())
    return set_credentials(device, word, user.user_id, both)


# -- outcomes and log reads --------------------------------------------------------------------


Outcome = tuple[int, int, str]  # event code, sub-code, user ID
Alternatives = Mapping[tuple[str, str], tuple[int, int]]  # (reading, value) -> (code, sub-code) instead


def outcome_of(e: Event) -> Outcome:
    return e.eventCode, e.subCode, e.userID


@dataclass(frozen=True)
class ExpectedOutcome:
    """What an attempt logs by the readings it rests on: its sub-code by auth_sub_codes, its code
    and sub-code by the readings named in `alternatives` (biohil.scenario.readings)."""

    outcome: Outcome  # by the default readings
    expectations: Expectations
    alternatives: Alternatives = field(default_factory=dict)

    @property
    def readings(self) -> tuple[str, ...]:
        return ("auth_sub_codes", *sorted({name for name, _ in self.alternatives}))

    def predict(self, values: Readings) -> Outcome:
        code, sub, user_id = self.outcome
        for (name, value), instead in self.alternatives.items():
            if values[name] == value:
                code, sub = instead
        return code, (sub if values["auth_sub_codes"] == "by_factors" else 0), user_id

    @cached_property
    def _predicted(self) -> frozenset[Outcome]:
        return frozenset(self.expectations.predictions(self.readings, self.predict))

    def possible(self, e: Event) -> bool:
        """Whether the event is what some value of the readings predicts (asked of every event a
        wait sees: the predictions are made once)."""
        return outcome_of(e) in self._predicted

    def check(self, e: Event, where: str) -> None:
        """The event is what the readings in effect predict (else Unconfirmed or Unexpected)."""
        self.expectations.check(self.readings, self.predict, outcome_of(e), where, show_outcome)

    def __str__(self) -> str:
        return show_outcome(self.predict(self.expectations.values))


def show_outcome(outcome: Outcome) -> str:
    code, sub, user_id = outcome
    return f"{describe(code, sub)} for {f'user {user_id}' if user_id else 'no user'}"


def expect_outcome(
    watcher: EventWatcher,
    presented_at: int,
    auth_timeout: float,
    want: ExpectedOutcome,
    card_data: bytes | None = None,
) -> Event:
    """The outcome of the attempt presented at the watcher's mark `presented_at`, as streamed:
    logged exactly once, its log copy equal to the streamed one, from the watched terminal, with
    an ID above the records before the attempt, a timestamp from the attempt's time by the
    reference clock, and (given `card_data`) the card's data. Its code and sub-code are those the
    readings in effect predict; another reading's are told apart (ExpectedOutcome.check)."""
    what = str(want)
    event = watcher.wait_for(
        want.possible,
        presented_at,
        auth_timeout + OUTCOME_WAIT,
        what,
        conclusive=lambda e: is_auth_outcome(e.eventCode),
    )
    want.check(event, f"the attempt on {watcher.label}")
    if want.expectations["auth_sub_codes"] == "by_factors":

        def same(e: Event) -> bool:
            return outcome_of(e) == outcome_of(event)
    else:  # without sub-codes two attempts' outcomes may look alike: the log's copy has its ID

        def same(e: Event) -> bool:
            return e.ID == event.ID and outcome_of(e) == outcome_of(event)

    logged = watcher.logged_once(presented_at, same, what)
    if logged is None and watcher.reads_log:
        raise no_log_copy(watcher, event, presented_at)
    [device_id] = watcher.device_ids
    check_record(
        event,
        f"{what} on {watcher.label}",
        device_id=device_id,
        window=watcher.window(presented_at),
        after_id=watcher.newest_before(presented_at),
        logged=logged,
        card_data=card_data,
    )
    return event


def filtered(
    device: Device,
    start: int,
    *,
    user_id: str | None = None,
    code: int | None = None,
    start_time: int | None = None,
    end_time: int | None = None,
) -> Events:
    """The log from `start` through one GetLogWithFilter filter of the fields given."""
    fields = {"userID": user_id, "eventCode": code, "startTime": start_time, "endTime": end_time}
    given = {name: value for name, value in fields.items() if value is not None}
    return Events(device.events(start, 0, [event_pb2.EventFilter(**given)]))  # type: ignore[arg-type]


@dataclass(frozen=True)
class StartedAt:
    """A read that started at the ID of a known event, and what it returned."""

    event: Event
    result: Events

    def __repr__(self) -> str:
        return f"StartedAt(#{self.event.ID}, {self.result!r})"


# -- the terminals a scenario connects -----------------------------------------------------------


class Connections:
    """Connects terminals for a scenario (each held by the run first); at teardown each is put back
    in the gateway's device list as it was found: disconnected if this scenario connected it,
    reconnected if a scenario step disconnected a terminal that was connected before. Before that,
    each terminal's share of the log is read for the report (`shares`)."""

    def __init__(self, gateway: Gateway, bench: Bench, facts: Terminals, cursors: LogCursors) -> None:
        self.gateway = gateway
        self.bench = bench
        self.facts = facts
        self.cursors = cursors
        self.opened: dict[str, tuple[Terminal, bool]] = {}  # name -> (terminal, listed before)
        self.used: list[Terminal] = []  # every terminal the scenario connected, kept after close()
        self.devices: dict[str, Device] = {}
        self.shares: list[LogShare] = []
        self.held: dict[str, Held] = {}  # name -> the run's hold, taken once per scenario

    def __repr__(self) -> str:
        return f"Connections({sorted(self.opened)})"

    def hold(self, terminal: Terminal) -> Held:
        """The terminal, held by the run (TerminalNotTested if it cannot be): asked of the bench
        once per scenario, however often the scenario connects it."""
        if terminal.name not in self.held:
            self.held[terminal.name] = self.bench.hold(terminal)
        return self.held[terminal.name]

    def connect(self, terminal: Terminal) -> Device:
        """The terminal, held by the run (TerminalNotTested if it cannot be) and connected."""
        held = self.hold(terminal)
        if terminal.name not in self.opened:
            listed = bool(self.gateway.listed_at(terminal.ip, terminal.port))
            self.opened[terminal.name] = (terminal, listed)
            self.used.append(terminal)
        device = self.gateway.connect(terminal.ip, terminal.port, terminal.use_ssl)
        if terminal.name not in self.devices:
            self.devices[terminal.name] = device
            clock = held.offset.describe() if held.offset else NOT_MEASURED
            self.facts.note(terminal.name, f"{terminal.ip}:{terminal.port}", terminal.model, device, clock)
            self.cursors.begin(device)
        return device

    def close(self) -> None:
        for name, device in self.devices.items():
            self.shares.append(self.cursors.read(device, self.facts.facts[name].label))
        self.devices.clear()
        for terminal, listed in self.opened.values():
            cleanup.connection(self.gateway, terminal.ip, terminal.port, terminal.use_ssl, listed)
        self.opened.clear()
