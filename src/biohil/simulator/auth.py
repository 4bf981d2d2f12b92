"""The authentication engine of one terminal: which modes apply, which factor comes next, what
is logged (contract 4.3 and 5.4).

A mode is a sequence of steps, each a set of accepted factors, read from its name:
AUTH_EXT_MODE_CARD_FACE_OR_PIN is (card), (face or PIN). The first factor starts a session:
card or typed ID = 1:1 verify of that user, finger or face = 1:N identify. Each further factor
must be accepted by the next step of a still-possible mode and must match the user; the first
mode completed grants. The whole sequence must finish within AuthConfig.authTimeout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from biohil import eventcodes
from biohil.authmodes import mode_name
from biohil.credentials import BY_INPUT, KINDS, Input, own_mode_fields
from biohil.eventcodes import Code
from biohil.gsdk import auth_pb2, user_pb2
from biohil.simulator.clock import Clock, Timer
from biohil.simulator.validation import ALWAYS_SCHEDULE, NOT_SET, PROHIBITED

Factor = Input  # what a sensor or the keypad takes: the credential vocabulary's inputs
F = Factor
Steps = tuple[frozenset[Factor], ...]

_TOKEN_FACTORS = {
    **{k.mode_token: {k.input} for k in KINDS},
    "PIN": {F.PIN},
    "ID": {F.USER_ID},
    "BIOMETRIC": {F.FINGER, F.FACE},  # classic modes: whichever biometric the terminal has
}


def _factor(word: str) -> Factor:
    """A credential word of the contract's tables: a typed user ID is "ID" there."""
    return F.USER_ID if word == "ID" else F(word)


def _verifies(factor: Factor) -> bool:
    """Presented first, it names its user (1:1 verify): a card or a typed ID, not a biometric."""
    return factor is F.USER_ID or (factor in BY_INPUT and not BY_INPUT[factor].identifies)


# The contract's sub-code tables (biohil.eventcodes), keyed here by Factor.
VERIFY_SUB = {tuple(map(_factor, words)): sub for words, sub in eventcodes.VERIFY_SUB.items()}
IDENTIFY_SUB = {tuple(map(_factor, words)): sub for words, sub in eventcodes.IDENTIFY_SUB.items()}
CREDENTIAL_SUB = {_factor(word): sub for word, sub in eventcodes.CREDENTIAL_SUB.items()}
INVALID_AUTH_MODE, AUTH_TIMEOUT = eventcodes.AuthFailed.INVALID_AUTH_MODE, eventcodes.AuthFailed.TIMEOUT
ACCESS_EXPIRED = eventcodes.AccessDenied.EXPIRED

# UserSetting field holding a user's own mode for the factor that starts the attempt.
_OWN_MODE_FIELD = {extended: own_mode_fields(extended) for extended in (False, True)}


def steps(mode: int, sensors: frozenset[Factor]) -> Steps:
    """A mode's steps, keeping only factors the terminal can read."""
    name = mode_name(mode).removeprefix("AUTH_EXT_MODE_").removeprefix("AUTH_MODE_")
    groups: list[set[Factor]] = []
    joined = False
    for token in name.split("_"):
        if token == "ONLY":
            continue
        if token == "OR":
            joined = True
            continue
        accepted = _TOKEN_FACTORS[token] & sensors
        if joined:
            groups[-1] |= accepted
        else:
            groups.append(set(accepted))
        joined = False
    return tuple(frozenset(g) for g in groups)


@dataclass(frozen=True)
class Outcome:
    code: int
    sub_code: int = 0
    user_id: str = ""
    card_data: bytes = b""


class Directory(Protocol):
    """What the engine asks the terminal's user store."""

    def user(self, user_id: str) -> user_pb2.UserInfo | None: ...
    def card_owner(self, card: bytes) -> str | None: ...
    def finger_owner(self, identity: bytes) -> tuple[str, bool] | None: ...
    def face_owner(self, identity: bytes) -> str | None: ...
    def finger_of(self, user_id: str, identity: bytes) -> bool | None: ...
    def face_of(self, user_id: str, identity: bytes) -> bool: ...
    def pin_of(self, user_id: str, pin_hash: bytes) -> bool: ...


@dataclass
class _Session:
    user_id: str
    verify: bool  # 1:1 (card / ID first) rather than 1:N identify
    used: list[Factor]
    candidates: list[Steps]
    card_data: bytes = b""
    duress: bool = False
    timer: Timer | None = field(default=None, repr=False)


class Engine:
    """Not thread-safe on its own: the terminal calls it under its lock (timeouts included)."""

    def __init__(
        self,
        sensors: frozenset[Factor],
        extended: bool,
        directory: Directory,
        config: Callable[[], auth_pb2.AuthConfig],
        clock: Clock,
        emit: Callable[[Outcome], None],
        locked: Callable[[Callable[[], None]], None],
    ) -> None:
        self.sensors = sensors  # what the terminal reads: its sensors, and PIN and ID with a keypad
        self.extended = extended
        self.directory = directory
        self.config = config
        self.clock = clock
        self.emit = emit
        self._locked = locked  # runs a timer callback under the terminal's lock
        self._session: _Session | None = None

    @property
    def waiting_for_next_factor(self) -> bool:
        return self._session is not None

    def present(self, factor: Factor, token: bytes) -> Outcome | None:
        """One input; returns the logged outcome, or None while waiting for the next factor."""
        if self._session is not None:
            return self._continue(self._session, factor, token)
        return self._start(factor, token)

    # -- first factor ----------------------------------------------------------------------

    def _start(self, factor: Factor, token: bytes) -> Outcome | None:
        card = token if factor is F.CARD else b""
        owner = self._owner(factor, token)
        if owner is None:
            if factor is F.PIN:  # a PIN alone names nobody
                return self._log(Outcome(Code.AUTH_FAILED, INVALID_AUTH_MODE))
            code = Code.VERIFY_FAIL if _verifies(factor) else Code.IDENTIFY_FAIL
            return self._log(Outcome(code, CREDENTIAL_SUB[factor], card_data=card))
        user_id, finger_duress = owner
        candidates = [s for s in self._modes(user_id, factor) if s and factor in s[0]]
        if not candidates:
            return self._log(Outcome(Code.AUTH_FAILED, INVALID_AUTH_MODE, user_id, card))
        session = _Session(user_id, _verifies(factor), [factor], candidates, card, finger_duress)
        return self._advance(session)

    def _owner(self, factor: Factor, token: bytes) -> tuple[str, bool] | None:
        d = self.directory
        held_in = BY_INPUT[factor].user_field if factor in BY_INPUT else None  # by where it is kept
        if held_in == "fingers":
            return d.finger_owner(token)
        if held_in == "cards":
            owner = d.card_owner(token)
        elif held_in == "faces":
            owner = d.face_owner(token)
        elif factor is F.USER_ID:
            owner = token.decode() if d.user(token.decode()) is not None else None
        else:
            owner = None
        return (owner, False) if owner is not None else None

    def _modes(self, user_id: str, factor: Factor) -> list[Steps]:
        """The modes that apply to this user when this factor comes first."""
        config = self.config()
        if config.usePrivateAuth:
            user = self.directory.user(user_id)
            field_name = _OWN_MODE_FIELD[self.extended][factor]
            own = getattr(user.setting, field_name) if user is not None else NOT_SET
            if own == PROHIBITED:
                return []
            if own != NOT_SET:
                return [steps(own, self.sensors)]
        return [steps(s.mode, self.sensors) for s in config.authSchedules if s.scheduleID == ALWAYS_SCHEDULE]

    # -- further factors -------------------------------------------------------------------

    def _continue(self, session: _Session, factor: Factor, token: bytes) -> Outcome | None:
        step = len(session.used)
        candidates = [s for s in session.candidates if len(s) > step and factor in s[step]]
        if not candidates:
            return self._end(Outcome(Code.AUTH_FAILED, INVALID_AUTH_MODE, session.user_id, session.card_data))
        matched = self._matches(session.user_id, factor, token)
        if matched is None:
            code = Code.VERIFY_FAIL if session.verify else Code.IDENTIFY_FAIL
            return self._end(Outcome(code, CREDENTIAL_SUB[factor], session.user_id, session.card_data))
        session.used.append(factor)
        session.candidates = candidates
        session.duress = session.duress or matched
        return self._advance(session)

    def _matches(self, user_id: str, factor: Factor, token: bytes) -> bool | None:
        """None if the factor is not the user's; else whether it was a duress finger."""
        d = self.directory
        held_in = BY_INPUT[factor].user_field if factor in BY_INPUT else None
        if held_in == "cards":
            return False if d.card_owner(token) == user_id else None
        if held_in == "fingers":
            return d.finger_of(user_id, token)
        if held_in == "faces":
            return False if d.face_of(user_id, token) else None
        if factor is F.PIN:
            return False if d.pin_of(user_id, token) else None
        return False if token.decode() == user_id else None

    def _advance(self, session: _Session) -> Outcome | None:
        if any(len(s) == len(session.used) for s in session.candidates):
            return self._end(self._granted(session))
        if self._session is None:
            self._session = session
            timeout = self.config().authTimeout
            session.timer = self.clock.call_later(
                timeout, lambda: self._locked(lambda: self._expire(session))
            )
        return None

    def _granted(self, s: _Session) -> Outcome:
        used = tuple(s.used)
        sub = VERIFY_SUB[used] if s.verify else IDENTIFY_SUB[used]
        user = self.directory.user(s.user_id)
        now = self.clock.timestamp()
        if user is not None and (
            (user.setting.startTime and now < user.setting.startTime)
            or (user.setting.endTime and now > user.setting.endTime)
        ):
            return Outcome(Code.ACCESS_DENIED, ACCESS_EXPIRED, s.user_id, s.card_data)
        if s.duress:
            code = Code.VERIFY_DURESS if s.verify else Code.IDENTIFY_DURESS
        else:
            code = Code.VERIFY_SUCCESS if s.verify else Code.IDENTIFY_SUCCESS
        return Outcome(code, sub, s.user_id, s.card_data)

    def _end(self, outcome: Outcome) -> Outcome:
        if self._session is not None and self._session.timer is not None:
            self._session.timer.cancel()
        self._session = None
        return self._log(outcome)

    def _expire(self, session: _Session) -> None:
        if self._session is session:
            self._end(Outcome(Code.AUTH_FAILED, AUTH_TIMEOUT, session.user_id, session.card_data))

    def _log(self, outcome: Outcome) -> Outcome:
        self.emit(outcome)
        return outcome

    def reset(self) -> None:
        """Drop a half-done attempt (the auth config changed)."""
        if self._session is not None and self._session.timer is not None:
            self._session.timer.cancel()
        self._session = None
