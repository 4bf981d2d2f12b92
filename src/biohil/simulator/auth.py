"""The authentication engine of one terminal: which modes apply, which factor comes next, what
is logged (contract 4.3 and 5.4), by the rules of the terminal's firmware (firmware.Firmware).

A mode is a sequence of steps, each a set of accepted inputs, read from its name
(Firmware.mode_steps): AUTH_EXT_MODE_CARD_FACE_OR_PIN is (card), (face or PIN). The first factor
starts a session: card or typed ID = 1:1 verify of that user, finger or face = 1:N identify.
Each further factor must be accepted by the next step of a still-possible mode and must match the
user; the first mode completed grants. The whole sequence must finish within the auth timeout.
A card on the terminal's blacklist is denied as it is presented (0x1900 ACCESS_DENIED, ON_BLACKLIST).

The engine's steps are public methods (present, modes, next_factor, matches, advance,
start_timer, granted, log), so a planted firmware bug (bench/mutants.py) can replace one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from biohil.credentials import BY_INPUT, Input, Kind
from biohil.eventcodes import Code
from biohil.gsdk import auth_pb2, user_pb2
from biohil.simulator.clock import Clock, Timer
from biohil.simulator.firmware import Firmware, Steps
from biohil.simulator.validation import NOT_SET


def verifies(factor: Input) -> bool:
    """Presented first, it names its user (1:1 verify): a card or a typed ID, not a biometric."""
    kind = BY_INPUT.get(factor)
    return factor is Input.USER_ID or (kind is not None and not kind.identifies)


@dataclass(frozen=True)
class Outcome:
    code: int
    sub_code: int = 0
    user_id: str = ""
    card_data: bytes = b""


class Directory(Protocol):
    """What the engine asks the terminal's user store (roster.Roster)."""

    def user(self, user_id: str) -> user_pb2.UserInfo | None: ...
    def owner(self, kind: Kind, token: bytes) -> tuple[str, bool] | None: ...
    def belongs(self, kind: Kind, token: bytes, user_id: str) -> bool | None: ...
    def pin_of(self, user_id: str, pin: bytes) -> bool: ...


@dataclass
class Session:
    """An attempt waiting for its next factor."""

    user_id: str
    verify: bool  # 1:1 (card / ID first) rather than 1:N identify
    used: list[Input]
    candidates: list[Steps]  # the modes that still fit
    card_data: bytes = b""
    duress: bool = False
    timer: Timer | None = field(default=None, repr=False)


class Engine:
    """Not thread-safe on its own: the terminal calls it under its lock (timeouts included)."""

    def __init__(
        self,
        rules: Firmware,
        inputs: frozenset[Input],
        extended: bool,
        directory: Directory,
        config: Callable[[], auth_pb2.AuthConfig],
        clock: Clock,
        emit: Callable[[Outcome], None],
        locked: Callable[[Callable[[], None]], None],
        blacklisted: Callable[[bytes], bool] = lambda card: False,
    ) -> None:
        self.rules = rules
        self.inputs = inputs  # what the terminal reads: its sensors, and PIN and ID with a keypad
        self.extended = extended
        self.directory = directory
        self.config = config
        self.clock = clock
        self.emit = emit
        self.locked = locked  # runs a timer callback under the terminal's lock
        self.blacklisted = blacklisted  # whether a card is on the terminal's blacklist
        self.session: Session | None = None  # the attempt waiting for its next factor

    @property
    def waiting_for_next_factor(self) -> bool:
        return self.session is not None

    def present(self, factor: Input, token: bytes) -> Outcome | None:
        """One input; returns the logged outcome, or None while waiting for the next factor."""
        if self.session is not None:
            return self.next_factor(self.session, factor, token)
        return self._start(factor, token)

    def steps(self, mode: int) -> Steps:
        return self.rules.mode_steps(mode, self.inputs)

    # -- first factor ----------------------------------------------------------------------

    def _start(self, factor: Input, token: bytes) -> Outcome | None:
        card = token if factor is Input.CARD else b""
        owner = self._owner(factor, token)
        if card and self.blacklisted(card):  # a lost or stolen card opens nothing, whoever holds it
            holder = owner[0] if owner is not None else ""
            return self.log(Outcome(Code.ACCESS_DENIED, self.rules.blacklisted_sub, holder, card))
        if owner is None:
            if factor is Input.PIN:  # a PIN alone names nobody
                return self.log(Outcome(Code.AUTH_FAILED, self.rules.invalid_mode_sub))
            code = Code.VERIFY_FAIL if verifies(factor) else Code.IDENTIFY_FAIL
            return self.log(Outcome(code, self.rules.credential_sub[factor], card_data=card))
        user_id, finger_duress = owner
        candidates = [s for s in self.modes(user_id, factor) if s and factor in s[0]]
        if not candidates:
            return self.log(Outcome(Code.AUTH_FAILED, self.rules.invalid_mode_sub, user_id, card))
        session = Session(user_id, verifies(factor), [factor], candidates, card, finger_duress)
        return self.advance(session)

    def _owner(self, factor: Input, token: bytes) -> tuple[str, bool] | None:
        """Whose credential it is, and whether it is their duress finger; None: nobody's."""
        kind = BY_INPUT.get(factor)
        if kind is not None:
            return self.directory.owner(kind, token)
        if factor is Input.USER_ID and self.directory.user(token.decode()) is not None:
            return token.decode(), False
        return None

    def modes(self, user_id: str, first: Input) -> list[Steps]:
        """The modes that apply to this user when this input comes first."""
        config = self.config()
        device = [self.steps(mode) for mode in self.rules.device_modes(config)]
        if not self.rules.private_auth(config):
            return device
        user = self.directory.user(user_id)
        field_name = self.rules.own_mode_fields[self.extended][first]
        own = getattr(user.setting, field_name) if user is not None else NOT_SET
        return self.rules.own_mode(own, device, self.steps)

    # -- further factors -------------------------------------------------------------------

    def next_factor(self, session: Session, factor: Input, token: bytes) -> Outcome | None:
        step = len(session.used)
        candidates = [s for s in session.candidates if len(s) > step and factor in s[step]]
        if not candidates:
            return self._end(
                Outcome(Code.AUTH_FAILED, self.rules.invalid_mode_sub, session.user_id, session.card_data)
            )
        matched = self.matches(session.user_id, factor, token)
        if matched is None:
            code = Code.VERIFY_FAIL if session.verify else Code.IDENTIFY_FAIL
            sub = self.rules.credential_sub[factor]
            return self._end(Outcome(code, sub, session.user_id, session.card_data))
        session.used.append(factor)
        session.candidates = candidates
        session.duress = session.duress or matched
        return self.advance(session)

    def matches(self, user_id: str, factor: Input, token: bytes) -> bool | None:
        """None if the factor is not the user's; else whether it was a duress finger."""
        kind = BY_INPUT.get(factor)
        if kind is not None:
            return self.directory.belongs(kind, token, user_id)
        if factor is Input.PIN:
            return False if self.directory.pin_of(user_id, token) else None
        return False if token.decode() == user_id else None

    def advance(self, session: Session) -> Outcome | None:
        """Grant if a mode is complete; otherwise wait for the next factor (the first wait starts
        the auth timeout)."""
        if any(len(s) == len(session.used) for s in session.candidates):
            return self._end(self.granted(session))
        if self.session is None:
            self.session = session
            self.start_timer(session)
        elif self.rules.auth_timeout_restarts and session.timer is not None:  # each factor restarts it
            session.timer.cancel()
            self.start_timer(session)
        return None

    def start_timer(self, session: Session) -> None:
        """The waiting attempt ends with a timeout after the auth timeout (from now)."""
        session.timer = self.clock.call_later(
            self.rules.auth_timeout(self.config()), lambda: self.locked(lambda: self._expire(session))
        )

    def granted(self, s: Session) -> Outcome:
        """What a completed mode logs: a grant by the inputs used, or a denial outside the user's
        start and end time."""
        used = tuple(s.used)
        sub = self.rules.verify_sub[used] if s.verify else self.rules.identify_sub[used]
        user = self.directory.user(s.user_id)
        if user is not None and not self.rules.valid_at(user.setting, self.clock.timestamp()):
            return Outcome(Code.ACCESS_DENIED, self.rules.expired_sub, s.user_id, s.card_data)
        if s.duress:
            code = Code.VERIFY_DURESS if s.verify else Code.IDENTIFY_DURESS
        else:
            code = Code.VERIFY_SUCCESS if s.verify else Code.IDENTIFY_SUCCESS
        return Outcome(code, sub, s.user_id, s.card_data)

    def _end(self, outcome: Outcome) -> Outcome:
        self.reset()
        return self.log(outcome)

    def _expire(self, session: Session) -> None:
        if self.session is session:
            outcome = Outcome(Code.AUTH_FAILED, self.rules.timeout_sub, session.user_id, session.card_data)
            self._end(outcome)

    def log(self, outcome: Outcome) -> Outcome:
        """The attempt's outcome goes to the terminal's log."""
        self.emit(outcome)
        return outcome

    def reset(self) -> None:
        """Drop a half-done attempt (it ended, or the auth config changed)."""
        if self.session is not None and self.session.timer is not None:
            self.session.timer.cancel()
        self.session = None
