"""One G-SDK scenario as it plays on one terminal: the `Scene` a step is given.

The scene holds everything a scenario uses on its terminal — the connection, the test users and
credentials, monitoring and the event watcher, the auth config, the network link, another
terminal — each made when a step first asks for it, and each undone at `close()` in the reverse
order, pass or fail (one failing undo does not stop the others). What the whole run shares (the
gateway, the bench's hold on its terminals, who acts at the bench, the credentials captured so
far) is the `Rig`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from biohil.client import Device, Gateway, capabilities, cleanup
from biohil.client.authconfig import AuthConfigGuard
from biohil.client.refclock import ReferenceClock
from biohil.client.testusers import TestUser, TestUsers
from biohil.client.watch import EventWatcher, Monitoring, Streams
from biohil.credentials import KINDS, kind
from biohil.lab.bench import Bench
from biohil.lab.terminal import Terminal
from biohil.operator import Operator
from biohil.operator.authentication import authenticate
from biohil.operator.base import Action, TerminalIO
from biohil.operator.capture import capture
from biohil.operator.link import NetworkLink
from biohil.operator.phrases import SECOND, TEST_CARD, Holder, checklist
from biohil.readings import DEFAULT
from biohil.report.records import Records
from biohil.scenario.gsdk import (
    TEST_PIN,
    Alternatives,
    Captured,
    Connections,
    Event,
    ExpectedOutcome,
    TestCredentials,
    expect_outcome,
)
from biohil.scenario.readings import Expectations
from biohil.verdict import NotApplicable

ClockOf = Callable[[Device], ReferenceClock | None]
OTHER_TIMEOUT = 5.0  # seconds: one credential on the other terminal, its auth timeout does not matter


@dataclass
class Rig:
    """What the whole run shares: the gateway, the bench's hold on its terminals, who acts at the
    bench, each terminal's reference clock, how long an event may take (None in the lab: every
    wait keeps the real terminal's own deadline), and each terminal's credentials once captured."""

    gateway: Gateway
    bench: Bench
    operator: Operator
    records: Records  # for the report: each terminal's facts and share of the log
    clock_of: ClockOf
    patience: float | None
    terminals: list[Terminal]  # every terminal of the target this run owns
    expectations: Expectations = field(default_factory=lambda: Expectations(DEFAULT, strict=True))
    captures: dict[tuple[int, str], Any] = field(default_factory=dict, repr=False)
    left_to_others: int = 0  # the target's terminals that other shards own (--terminals)

    def captured_once(self, io: TerminalIO, word: str, label: str, key: str) -> Any:
        """The credential the person presents as `label`, captured on the first scenario that
        needs it and reused after (kept by terminal and `key`): a person presents each once per run."""
        at = (io.device.id, key)
        if at not in self.captures:
            self.captures[at] = capture(io, self.operator, word, label)
        return self.captures[at]


class Scene:
    """One G-SDK scenario on `terminal`: its parts are made on first use and undone by close()."""

    def __init__(self, rig: Rig, terminal: Terminal) -> None:
        self.rig, self.terminal = rig, terminal
        self._undo = contextlib.ExitStack()
        self.connections = Connections(rig.gateway, rig.bench, rig.records.terminals, rig.records.cursors)
        # Held first: a terminal this run may not test skips the scenario before anything is made.
        self.connections.hold(terminal)
        self._undo.callback(self.connections.close)
        self._device: Device | None = None
        self.streams = Streams(rig.gateway, rig.patience, rig.clock_of)  # opened on first use
        self.captured = Captured()  # credential data this scenario captured, by kind
        self._user: TestUser | None = None  # the test user, once a Given step made one
        self._second_user: TestUser | None = None
        self.other_user_id = ""  # another test user, holding the OTHER credentials
        self.stream: EventWatcher | None = None  # a stream a step opened, besides the watcher
        self.presented_at = 0  # the watcher's mark after which the last attempt's outcome counts

    def __repr__(self) -> str:
        return f"Scene({self.terminal.name})"

    def close(self) -> None:
        """Everything the scenario made, undone in reverse order (each undo runs, pass or fail)."""
        self._undo.close()

    @property
    def gateway(self) -> Gateway:
        return self.rig.gateway

    @property
    def operator(self) -> Operator:
        return self.rig.operator

    # -- the terminal ------------------------------------------------------------------------

    @property
    def device(self) -> Device:
        """The terminal, connected through the gateway on first use (held by the run first)."""
        return self._device or self.connect()

    def connect(self) -> Device:
        """The gateway's Connect to the terminal's address (again, if it was connected)."""
        self._device = self.connections.connect(self.terminal)
        return self._device

    @property
    def io(self) -> TerminalIO:
        """The connected terminal as the person at the bench knows it."""
        return TerminalIO(self.device, self.terminal.name)

    @cached_property
    def extended(self) -> bool:
        """Whether the terminal uses the extended (F2-class) auth modes."""
        return bool(self.device.capability().extendedAuthSupported)

    @cached_property
    def auth(self) -> AuthConfigGuard:
        """The terminal's auth config, changed by the scenario and put back at its end."""
        guard = AuthConfigGuard(self.device, self.terminal.name)
        self._undo.callback(guard.restore)
        return guard

    @cached_property
    def network_link(self) -> NetworkLink:
        """The terminal's link, for a scenario that cuts it: put back at its end if still cut, and
        the terminal connected again."""
        link = NetworkLink(self.operator, self.gateway, self.io)

        def put_back() -> None:
            if link.down:
                link.change(up=True)
                self.connect()

        self._undo.callback(put_back)
        return link

    @cached_property
    def other(self) -> TerminalIO:
        """A second terminal of the target, connected and monitored for the scenario."""
        others = [t for t in self.rig.terminals if t != self.terminal]
        if not others and self.rig.left_to_others:
            raise NotApplicable(
                "needs a second terminal this run owns, and it owns only this one (--terminals leaves "
                f"{self.rig.left_to_others} more of the target to other shards)"
            )
        if not others:
            raise NotApplicable("needs a second terminal in the target, and there is only one")
        device = self.connections.connect(others[0])
        device.enable_monitoring()
        self._undo.callback(cleanup.monitoring_as_found, device, device.changes.monitoring_found)
        return TerminalIO(device, others[0].name)

    # -- events --------------------------------------------------------------------------------

    def _open(self, device: Device, label: str, codes: Iterable[int] = ()) -> EventWatcher:
        """A realtime subscription; all are cancelled at the scenario's end (what they delivered
        goes into the report of a failure), before the undos of what was made before the first."""
        if not self.streams.opened:
            self._undo.callback(self.streams.close)
        return self.streams.open(device, label, codes)

    def open_stream(self, on: TerminalIO, label: str, codes: Iterable[int] = ()) -> EventWatcher:
        """A stream of `on`'s events (of `codes` only, if given), kept as the scene's `stream`."""
        self.stream = self._open(on.device, label, codes)
        return self.stream

    @property
    def opened_stream(self) -> EventWatcher:
        if self.stream is None:
            raise ValueError("no stream yet: a Given step must open one first")
        return self.stream

    @cached_property
    def monitoring(self) -> Monitoring:
        """Monitoring on for the scenario, then as it was found (the lab file says how)."""
        device = self.device
        monitored = Monitoring(device)
        monitored.enable()
        self._undo.callback(cleanup.monitoring_as_found, device, device.changes.monitoring_found)
        return monitored

    @cached_property
    def watcher(self) -> EventWatcher:
        """The terminal's realtime events from now on: what the scenario caused, as reported live."""
        device = self.monitoring.device
        return self._open(device, f"{self.terminal.name} {device.id}")

    @cached_property
    def log_mark(self) -> int:
        """The first event ID this scenario can have caused (taken on first use: only scenarios
        that read the log pay, and a step that makes the test user takes it first)."""
        return self.device.newest_event_id() + 1

    # -- users and credentials -------------------------------------------------------------------

    @cached_property
    def users(self) -> TestUsers:
        """The test users the scenario creates, in the terminal's test ID range; deleted at its end."""
        made = TestUsers(self.device, self.terminal.id_range)
        self._undo.callback(made.cleanup)
        return made

    @property
    def test_user(self) -> TestUser:
        if self._user is None:
            raise ValueError("no test user yet: a Given step must make one first")
        return self._user

    @property
    def second_user(self) -> TestUser:
        if self._second_user is None:
            raise ValueError("no second test user yet: a Given step must make one first")
        return self._second_user

    def new_second_user(self, name: str) -> TestUser:
        self._second_user = self.users.new(name)
        return self._second_user

    def new_user(self, name: str) -> TestUser:
        """The scenario's test user (the log mark is taken first, so the scenario's log reads
        start before the user exists)."""
        _ = self.log_mark
        self._user = self.users.new(name)
        return self._user

    @cached_property
    def test_credentials(self) -> TestCredentials:
        """The test credentials, captured on the first scenario that needs them and reused after,
        so a person presents each only once per run."""
        has = capabilities.sensors(self.device.capability())
        self.operator.brief(self.device.id, checklist(has, TEST_PIN))
        io = self.io
        held = {
            k.word: self.rig.captured_once(io, k.word, k.test_label, k.word) for k in KINDS if k.word in has
        }
        return TestCredentials(held, self.device.pin_hash(TEST_PIN))

    def second_credential(self, word: str) -> Any:
        """The test user's second credential of a kind (the spare card, the other finger, the
        other face), captured once per run as the test credentials are."""
        w = kind(word).word
        return self.rig.captured_once(self.io, w, SECOND[w], f"second {w}")

    @cached_property
    def _unused_id(self) -> str:
        return self.users.unused_id()

    @property
    def holder(self) -> Holder:
        """The test user as a person at the terminal (a Given step may add another user's credentials)."""
        device_id = self.device.id

        def card_of(label: str) -> bytes:  # the card this scenario captured, else the run's test card
            card = self.captured.get("card") or self.rig.captures.get((device_id, "card"))
            return bytes(card.data) if label == TEST_CARD and card is not None else b""

        return Holder(self.test_user.user_id, TEST_PIN, self._unused_id, self.other_user_id, card_of)

    # -- attempts --------------------------------------------------------------------------------

    def present(self, sequence: str, complete: bool = True) -> int:
        """The test user presents `sequence` ("the card, then the face") on the terminal; returns,
        and keeps as `presented_at`, the watcher's mark after which its outcome counts. `complete`
        False: only the first factors of a mode, the terminal is to give up waiting for the next."""
        return self.present_actions(self.holder.actions(self.io, sequence), complete)

    def present_actions(self, actions: Iterable[Action], complete: bool = True) -> int:
        """`present`, of actions made already. With monitoring off the outcome does not stream:
        the person's prompt then reads it from the log."""
        watcher, timeout, streamed = self.watcher, self.auth.timeout(), self.monitoring.on
        self.presented_at = authenticate(
            self.operator, watcher, self.device, actions, timeout, complete, streamed
        )
        return self.presented_at

    def present_on_other(self, sequence: str) -> None:
        """The test user presents `sequence` on the other terminal, seen by the scene's stream."""
        other = self.other
        actions = self.holder.actions(other, sequence)
        authenticate(self.operator, self.opened_stream, other.device, actions, OTHER_TIMEOUT)

    @property
    def expectations(self) -> Expectations:
        """What the suite expects where the documentation is silent (biohil.scenario.readings)."""
        return self.rig.expectations

    def expected(
        self, code: int, sub: int, user_id: str, alternatives: Alternatives | None = None
    ) -> ExpectedOutcome:
        """An attempt's outcome as the readings in effect predict it; `alternatives`: the (code,
        sub-code) another value of a reading would give instead."""
        return ExpectedOutcome((code, sub, user_id), self.expectations, alternatives or {})

    def expect_outcome(
        self,
        code: int,
        sub: int,
        user_id: str,
        card_data: bytes | None = None,
        alternatives: Alternatives | None = None,
    ) -> Event:
        """The last attempt's outcome, as streamed and logged (biohil.scenario.gsdk.expect_outcome)."""
        want = self.expected(code, sub, user_id, alternatives)
        return expect_outcome(self.watcher, self.presented_at, self.auth.timeout(), want, card_data)
