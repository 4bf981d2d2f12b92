"""Planted firmware bugs: a catalogue of realistic mistakes a terminal's firmware could make, each
a small named change to the simulated terminal, and a pytest plugin that plants one of them.

The acceptance suite earns its keep by failing on each of them (bench/mutation.py runs it once
per bug); the FindFace server's bugs are planted in its simulator the same way. Nothing here is
part of the product: the plugin patches the in-process simulators' classes for one run only.

    BIOHIL_MUTANT=auth.any_order .venv/bin/pytest -p mutants   (bench/ on PYTHONPATH)
"""

from __future__ import annotations

import dataclasses
import itertools
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pytest

from biohil.eventcodes import AccessDenied, AuthFailed, Code
from biohil.gsdk import connect_pb2
from biohil.simulator import auth, eventlog, models
from biohil.simulator import gateway as sim_gateway
from biohil.simulator.auth import CREDENTIAL_SUB, Engine, F, Outcome
from biohil.simulator.device import SimDevice
from biohil.simulator.eventlog import EventLog
from biohil.simulator.validation import NOT_SET, PROHIBITED

ENV = "BIOHIL_MUTANT"
Plant = Callable[[pytest.MonkeyPatch], None]


@dataclass(frozen=True)
class Mutant:
    name: str  # area.what, e.g. "timeout.late"
    bug: str  # what the firmware gets wrong, as a QA report would say it
    plant: Plant

    @property
    def area(self) -> str:
        return self.name.split(".")[0]


CATALOGUE: dict[str, Mutant] = {}


def bug(name: str, what: str) -> Callable[[Plant], Plant]:
    def register(plant: Plant) -> Plant:
        assert name not in CATALOGUE, f"two bugs named {name}"
        CATALOGUE[name] = Mutant(name, what, plant)
        return plant

    return register


def pytest_configure(config: pytest.Config) -> None:
    name = os.environ.get(ENV, "")
    if not name:
        return
    if name not in CATALOGUE:
        raise pytest.UsageError(f"{ENV}={name} is not a planted bug; the catalogue: {', '.join(CATALOGUE)}")
    patch = pytest.MonkeyPatch()
    CATALOGUE[name].plant(patch)
    config.add_cleanup(patch.undo)


def pytest_report_header(config: pytest.Config) -> str | None:
    name = os.environ.get(ENV, "")
    return f"planted firmware bug: {name}: {CATALOGUE[name].bug}" if name in CATALOGUE else None


# -- helpers -----------------------------------------------------------------------------------

_ORDER = [F.CARD, F.USER_ID, F.FINGER, F.FACE, F.PIN]


def _steps_changed(mp: pytest.MonkeyPatch, change: Callable[[auth.Steps], auth.Steps]) -> None:
    """Every mode's steps, changed: the engine reads modes through auth.steps."""
    original = auth.steps
    mp.setattr(auth, "steps", lambda mode, sensors: change(original(mode, sensors)))


def _granted_anyhow(mp: pytest.MonkeyPatch) -> None:
    """A grant whose factors have no sub-code of their own is logged with the nearest one."""
    original = Engine._granted

    def granted(self: Engine, s: Any) -> Outcome:
        try:
            return original(self, s)
        except KeyError:
            s.used = sorted(s.used, key=_ORDER.index)
            s.verify = s.used[0] in (F.CARD, F.USER_ID)
            try:
                return original(self, s)
            except KeyError:
                return Outcome(Code.VERIFY_SUCCESS if s.verify else Code.IDENTIFY_SUCCESS, 0, s.user_id)

    mp.setattr(Engine, "_granted", granted)


def _outcomes_changed(mp: pytest.MonkeyPatch, change: Callable[[Outcome], Iterable[Outcome]]) -> None:
    """What the engine logs for an attempt, changed (possibly into several records, or none)."""

    def log(self: Engine, outcome: Outcome) -> Outcome:
        for logged in change(outcome):
            self.emit(logged)
        return outcome

    mp.setattr(Engine, "_log", log)


def _own_modes(
    mp: pytest.MonkeyPatch, choose: Callable[[int, list[auth.Steps], Engine], list[auth.Steps]]
) -> None:
    """Private auth decided differently: choose(own mode, device modes, engine) -> modes."""

    def modes(self: Engine, user_id: str, factor: F) -> list[auth.Steps]:
        config = self.config()
        device = [auth.steps(s.mode, self.sensors) for s in config.authSchedules if s.scheduleID == 1]
        if not config.usePrivateAuth:
            return device
        user = self.directory.user(user_id)
        field = auth._OWN_MODE_FIELD[self.extended][factor]
        own = getattr(user.setting, field) if user is not None else NOT_SET
        return choose(own, device, self)

    mp.setattr(Engine, "_modes", modes)


def _timer_after(mp: pytest.MonkeyPatch, seconds: Callable[[Any], float]) -> None:
    """The auth timeout of a started attempt runs for seconds(auth config) instead."""

    def advance(self: Engine, session: Any) -> Outcome | None:
        if any(len(s) == len(session.used) for s in session.candidates):
            return self._end(self._granted(session))
        if self._session is None:
            self._session = session
            session.timer = self.clock.call_later(
                seconds(self.config()), lambda: self._locked(lambda: self._expire(session))
            )
        return None

    mp.setattr(Engine, "_advance", advance)


def _wrap(mp: pytest.MonkeyPatch, owner: Any, name: str, wrapper: Callable[..., Any]) -> None:
    """owner.name replaced by wrapper(original, *args)."""
    original = getattr(owner, name)
    mp.setattr(owner, name, lambda *args, **kwargs: wrapper(original, *args, **kwargs))


def _read_changed(mp: pytest.MonkeyPatch, change: Callable[..., list[eventlog.Record]]) -> None:
    """GetLog / GetLogWithFilter answers, changed: change(original read, log, start, max, filters)."""
    _wrap(
        mp,
        EventLog,
        "read",
        lambda original, log, start, max_count, filters=None: change(
            original, log, start, max_count, filters
        ),
    )


# -- auth modes --------------------------------------------------------------------------------


@bug("auth.any_order", "a multi-factor mode takes its factors in any order")
def _any_order(mp: pytest.MonkeyPatch) -> None:
    _steps_changed(mp, lambda s: s if len(s) < 2 else tuple(frozenset().union(*s) for _ in s))
    _granted_anyhow(mp)


@bug("auth.pin_step_skipped", "card + PIN opens on the card alone for a user who has no PIN")
def _pin_step_skipped(mp: pytest.MonkeyPatch) -> None:
    original = Engine._advance

    def advance(self: Engine, session: Any) -> Outcome | None:
        user = self.directory.user(session.user_id)
        if user is not None and not user.PIN:
            done = len(session.used)
            for mode in session.candidates:
                if len(mode) > done and all(step == {F.PIN} for step in mode[done:]):
                    session.candidates = [mode[:done]]
                    break
        return original(self, session)

    mp.setattr(Engine, "_advance", advance)


@bug("auth.or_pin_dropped", 'the "or PIN" alternative of the extended modes is not offered')
def _or_pin_dropped(mp: pytest.MonkeyPatch) -> None:
    _steps_changed(mp, lambda s: tuple(g - {F.PIN} if len(g) > 1 else g for g in s))


@bug("auth.or_pin_required", '"X or PIN" asks for X and then the PIN as well')
def _or_pin_required(mp: pytest.MonkeyPatch) -> None:
    def both(s: auth.Steps) -> auth.Steps:
        out: list[frozenset[F]] = []
        for g in s:
            out += [g - {F.PIN}, frozenset({F.PIN})] if len(g) > 1 and F.PIN in g else [g]
        return tuple(out)

    _steps_changed(mp, both)


@bug("auth.biometric_pair_subcodes", "fingerprint + face and face + fingerprint log each other's sub-code")
def _biometric_pair_subcodes(mp: pytest.MonkeyPatch) -> None:
    swapped = auth.IDENTIFY_SUB[(F.FACE, F.FINGER)], auth.IDENTIFY_SUB[(F.FINGER, F.FACE)]
    mp.setitem(auth.IDENTIFY_SUB, (F.FINGER, F.FACE), swapped[0])
    mp.setitem(auth.IDENTIFY_SUB, (F.FACE, F.FINGER), swapped[1])


@bug("auth.second_biometric_unchecked", "after a face, any enrolled fingerprint completes the identify")
def _second_biometric_unchecked(mp: pytest.MonkeyPatch) -> None:
    original = Engine._matches

    def matches(self: Engine, user_id: str, factor: F, token: bytes) -> bool | None:
        if factor is F.FINGER and self._session is not None and not self._session.verify:
            return False if self.directory.finger_owner(token) is not None else None
        return original(self, user_id, factor, token)

    mp.setattr(Engine, "_matches", matches)


@bug("auth.verify_any_face", "in a 1:1 verify after a card, any enrolled face is accepted")
def _verify_any_face(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(SimDevice, "face_of", lambda self, user_id, identity: bool(self._faces.get(identity)))


@bug("auth.verify_any_finger", "in a 1:1 verify after a card, any enrolled fingerprint is accepted")
def _verify_any_finger(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(
        SimDevice,
        "finger_of",
        lambda self, user_id, identity: next((d for _, d in self._fingers.get(identity, ())), None),
    )


@bug("auth.any_pin", "any PIN is accepted for a user who has one")
def _any_pin(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(SimDevice, "pin_of", lambda self, user_id, pin: bool(self._users[user_id].PIN))


@bug("auth.unknown_card_subcode", "an unregistered card is logged as an unknown user ID (sub-code 0x01)")
def _unknown_card_subcode(mp: pytest.MonkeyPatch) -> None:
    mp.setitem(CREDENTIAL_SUB, F.CARD, CREDENTIAL_SUB[F.USER_ID])


@bug("auth.identify_as_verify", "a 1:N fingerprint or face match is logged as a 1:1 verify success")
def _identify_as_verify(mp: pytest.MonkeyPatch) -> None:
    _outcomes_changed(
        mp,
        lambda o: [
            dataclasses.replace(o, code=Code.VERIFY_SUCCESS) if o.code == Code.IDENTIFY_SUCCESS else o
        ],
    )


@bug("auth.three_factor_subcode", "card + fingerprint + face is logged as card + face + fingerprint")
def _three_factor_subcode(mp: pytest.MonkeyPatch) -> None:
    mp.setitem(auth.VERIFY_SUB, (F.CARD, F.FINGER, F.FACE), auth.VERIFY_SUB[(F.CARD, F.FACE, F.FINGER)])


@bug("auth.only_first_mode", "of several modes the terminal allows, only the first one works")
def _only_first_mode(mp: pytest.MonkeyPatch) -> None:
    _wrap(mp, Engine, "_modes", lambda original, self, user_id, factor: original(self, user_id, factor)[:1])


@bug("auth.refusal_without_user", "a credential the mode does not allow is logged without the user")
def _refusal_without_user(mp: pytest.MonkeyPatch) -> None:
    _outcomes_changed(
        mp,
        lambda o: [
            dataclasses.replace(o, user_id="") if o.code == Code.AUTH_FAILED and o.sub_code == 1 else o
        ],
    )


@bug("auth.wrong_factor_ignored", "a factor the mode does not expect next is ignored instead of refused")
def _wrong_factor_ignored(mp: pytest.MonkeyPatch) -> None:
    original = Engine._continue

    def continue_(self: Engine, session: Any, factor: F, token: bytes) -> Outcome | None:
        step = len(session.used)
        if not any(len(s) > step and factor in s[step] for s in session.candidates):
            return None
        return original(self, session, factor, token)

    mp.setattr(Engine, "_continue", continue_)


# -- private auth ------------------------------------------------------------------------------


@bug("private.own_mode_merged", "a user's own mode is merged into the device modes instead of replacing them")
def _own_mode_merged(mp: pytest.MonkeyPatch) -> None:
    def choose(own: int, device: list[auth.Steps], engine: Engine) -> list[auth.Steps]:
        if own == PROHIBITED:
            return []
        if own == NOT_SET:
            return device
        return [auth.steps(own, engine.sensors), *device]

    _own_modes(mp, choose)


@bug("private.id_reads_card_field", "the own mode for a typed user ID is read from the card's field")
def _id_reads_card_field(mp: pytest.MonkeyPatch) -> None:
    mp.setitem(auth._OWN_MODE_FIELD[True], F.USER_ID, auth._OWN_MODE_FIELD[True][F.CARD])
    mp.setitem(auth._OWN_MODE_FIELD[False], F.USER_ID, auth._OWN_MODE_FIELD[False][F.CARD])


@bug("private.not_allowed_ignored", '"not allowed" (0xFE) falls back to the device modes')
def _not_allowed_ignored(mp: pytest.MonkeyPatch) -> None:
    _own_modes(
        mp,
        lambda own, device, e: device if own in (PROHIBITED, NOT_SET) else [auth.steps(own, e.sensors)],
    )


@bug("private.device_modes_refused", '"the device modes" (0xFF) refuses instead of falling back')
def _device_modes_refused(mp: pytest.MonkeyPatch) -> None:
    _own_modes(
        mp,
        lambda own, device, e: [] if own in (PROHIBITED, NOT_SET) else [auth.steps(own, e.sensors)],
    )


@bug("private.always_on", "users' own modes apply even with private authentication off")
def _always_on(mp: pytest.MonkeyPatch) -> None:
    original = Engine._modes

    def modes(self: Engine, user_id: str, factor: F) -> list[auth.Steps]:
        config = self.config
        self.config = lambda: _with_private(config())
        try:
            return original(self, user_id, factor)
        finally:
            self.config = config

    mp.setattr(Engine, "_modes", modes)


def _with_private(config: Any) -> Any:
    out = type(config)()
    out.CopyFrom(config)
    out.usePrivateAuth = True
    return out


@bug("private.face_reads_finger_field", "the own mode for a face is read from the fingerprint's field")
def _face_reads_finger_field(mp: pytest.MonkeyPatch) -> None:
    mp.setitem(auth._OWN_MODE_FIELD[True], F.FACE, auth._OWN_MODE_FIELD[True][F.FINGER])


# -- the auth timeout --------------------------------------------------------------------------


@bug("timeout.restarts_each_factor", "the auth timeout starts again with every factor")
def _restarts_each_factor(mp: pytest.MonkeyPatch) -> None:
    original = Engine._continue

    def continue_(self: Engine, session: Any, factor: F, token: bytes) -> Outcome | None:
        out = original(self, session, factor, token)
        waiting: Any = self._session
        if out is None and waiting is session and waiting.timer is not None:
            waiting.timer.cancel()
            waiting.timer = self.clock.call_later(
                self.config().authTimeout, lambda: self._locked(lambda: self._expire(waiting))
            )
        return out

    mp.setattr(Engine, "_continue", continue_)


@bug("timeout.one_second_early", "the auth timeout fires one second early")
def _one_second_early(mp: pytest.MonkeyPatch) -> None:
    _timer_after(mp, lambda config: config.authTimeout - 1)


@bug("timeout.one_second_late", "the auth timeout fires one second late")
def _one_second_late(mp: pytest.MonkeyPatch) -> None:
    _timer_after(mp, lambda config: config.authTimeout + 1)


@bug("timeout.uses_match_timeout", "the whole sequence is timed with matchTimeout instead of authTimeout")
def _uses_match_timeout(mp: pytest.MonkeyPatch) -> None:
    _timer_after(mp, lambda config: config.matchTimeout)


@bug("timeout.never", "a half-done attempt never times out")
def _never(mp: pytest.MonkeyPatch) -> None:
    _timer_after(mp, lambda config: 10**9)


@bug("timeout.wrong_subcode", "a timed-out attempt is logged as an invalid credential (0x02)")
def _timeout_subcode(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(auth, "AUTH_TIMEOUT", AuthFailed.INVALID_CREDENTIAL)


# -- enrollment and the credential lifecycle ---------------------------------------------------


@bug("enroll.overwrite_ignored", "Enroll without overwrite silently replaces an existing user")
def _overwrite_ignored(mp: pytest.MonkeyPatch) -> None:
    _wrap(mp, SimDevice, "enroll", lambda original, self, users, overwrite: original(self, users, True))


@bug("enroll.duplicate_card", "a card already assigned to one user can be assigned to another")
def _duplicate_card(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(SimDevice, "_check_cards_free", lambda self, items: None)


def _keeps_index(mp: pytest.MonkeyPatch, index: str, on: str) -> None:
    """SimDevice.<on> forgets to drop the user's entries from one credential index."""

    def keep(original: Callable[..., Any], self: SimDevice, *args: Any) -> Any:
        kept = {k: list(v) for k, v in getattr(self, index).items()}
        result = original(self, *args)
        for key, owners in kept.items():
            current = getattr(self, index).setdefault(key, [])
            current.extend(o for o in owners if o not in current)
        return result

    _wrap(mp, SimDevice, on, keep)


@bug("enroll.removed_face_matches", "a face removed from a user still matches")
def _removed_face_matches(mp: pytest.MonkeyPatch) -> None:
    _keeps_index(mp, "_faces", "set_faces")


@bug("enroll.removed_finger_matches", "a fingerprint removed from a user still matches")
def _removed_finger_matches(mp: pytest.MonkeyPatch) -> None:
    _keeps_index(mp, "_fingers", "set_fingers")


@bug("enroll.removed_card_opens", "a card removed from a user still opens the door")
def _removed_card_opens(mp: pytest.MonkeyPatch) -> None:
    def keep(original: Callable[..., Any], self: SimDevice, items: Any) -> None:
        cards = dict(self._cards)
        original(self, items)
        for key, uid in cards.items():
            self._cards.setdefault(key, uid)

    _wrap(mp, SimDevice, "set_cards", keep)


@bug("enroll.deleted_user_card_opens", "a deleted user's card still opens the door")
def _deleted_user_card_opens(mp: pytest.MonkeyPatch) -> None:
    def keep(original: Callable[..., Any], self: SimDevice, user_ids: list[str]) -> None:
        cards = dict(self._cards)
        original(self, user_ids)
        self._cards.update(cards)

    _wrap(mp, SimDevice, "delete_users", keep)


@bug("enroll.end_date_dropped", "Enroll drops the user's end date")
def _end_date_dropped(mp: pytest.MonkeyPatch) -> None:
    def drop(original: Callable[..., Any], self: SimDevice, user: Any, field: str) -> Any:
        out = original(self, user, field)
        out.setting.endTime = 0
        return out

    _wrap(mp, SimDevice, "_normalised", drop)


@bug("enroll.name_cut", "user names are cut to 16 characters")
def _name_cut(mp: pytest.MonkeyPatch) -> None:
    def cut(original: Callable[..., Any], self: SimDevice, user: Any, field: str) -> Any:
        out = original(self, user, field)
        out.name = out.name[:16]
        return out

    _wrap(mp, SimDevice, "_normalised", cut)


@bug("enroll.list_misses_newest", "the user list leaves out the user enrolled last")
def _list_misses_newest(mp: pytest.MonkeyPatch) -> None:
    _wrap(mp, SimDevice, "user_headers", lambda original, self: original(self)[:-1])


def _validity_ignored(mp: pytest.MonkeyPatch, which: str) -> None:
    """The user's start or end of validity is not enforced."""
    original = Engine._granted

    def granted(self: Engine, s: Any) -> Outcome:
        out = original(self, s)
        user = self.directory.user(s.user_id)
        now = self.clock.timestamp()
        skipped = (
            user is not None
            and out.code == Code.ACCESS_DENIED
            and (
                (which == "end" and user.setting.endTime and now > user.setting.endTime)
                or (which == "start" and user.setting.startTime and now < user.setting.startTime)
            )
        )
        if not skipped:
            return out
        used = tuple(s.used)
        if s.verify:
            return Outcome(Code.VERIFY_SUCCESS, auth.VERIFY_SUB[used], s.user_id, s.card_data)
        return Outcome(Code.IDENTIFY_SUCCESS, auth.IDENTIFY_SUB[used], s.user_id)

    mp.setattr(Engine, "_granted", granted)


@bug("enroll.expiry_ignored", "a user past its end date is let in")
def _expiry_ignored(mp: pytest.MonkeyPatch) -> None:
    _validity_ignored(mp, "end")


@bug("enroll.start_ignored", "a user whose validity has not started yet is let in")
def _start_ignored(mp: pytest.MonkeyPatch) -> None:
    _validity_ignored(mp, "start")


@bug("enroll.expiry_subcode", "an expired user is logged as not in an access group (0x01)")
def _expiry_subcode(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(auth, "ACCESS_EXPIRED", AccessDenied.ACCESS_GROUP)


# -- event content -----------------------------------------------------------------------------


@bug("event.duress_as_success", "a duress fingerprint is logged as an ordinary success")
def _duress_as_success(mp: pytest.MonkeyPatch) -> None:
    _wrap(
        mp, SimDevice, "finger_owner", lambda original, self, identity: _not_duress(original(self, identity))
    )
    _wrap(
        mp,
        SimDevice,
        "finger_of",
        lambda original, self, user_id, identity: (
            None if original(self, user_id, identity) is None else False
        ),
    )


def _not_duress(owner: tuple[str, bool] | None) -> tuple[str, bool] | None:
    return None if owner is None else (owner[0], False)


def _unknown_card(o: Outcome) -> bool:
    return o.code == Code.VERIFY_FAIL and o.sub_code == CREDENTIAL_SUB[F.CARD]


@bug("event.unknown_card_without_data", "the event of an unregistered card carries no card data")
def _unknown_card_without_data(mp: pytest.MonkeyPatch) -> None:
    _outcomes_changed(mp, lambda o: [dataclasses.replace(o, card_data=b"") if _unknown_card(o) else o])


@bug("event.unknown_card_data_unpadded", "the card data of an unregistered card loses its zero padding")
def _unknown_card_data_unpadded(mp: pytest.MonkeyPatch) -> None:
    _outcomes_changed(
        mp, lambda o: [dataclasses.replace(o, card_data=o.card_data.lstrip(b"\0")) if _unknown_card(o) else o]
    )


@bug("event.outcome_twice", "every authentication outcome is logged twice")
def _outcome_twice(mp: pytest.MonkeyPatch) -> None:
    _outcomes_changed(mp, lambda o: [o, o])


@bug("event.enroll_logged_as_update", "enrolling a new user is logged as a user update")
def _enroll_logged_as_update(mp: pytest.MonkeyPatch) -> None:
    def log(original: Callable[..., Any], self: SimDevice, code: int, *args: Any) -> Any:
        return original(self, Code.USER_UPDATE_SUCCESS if code == Code.USER_ENROLL_SUCCESS else code, *args)

    _wrap(mp, SimDevice, "log", log)


# -- reading the log ---------------------------------------------------------------------------


@bug("log.filter_start_exclusive", "GetLogWithFilter starts after startEventID instead of at it")
def _filter_start_exclusive(mp: pytest.MonkeyPatch) -> None:
    _read_changed(
        mp,
        lambda read, log, start, n, filters: read(log, start + 1 if filters and start else start, n, filters),
    )


@bug("log.start_exclusive", "GetLog starts after startEventID instead of at it")
def _start_exclusive(mp: pytest.MonkeyPatch) -> None:
    _read_changed(
        mp,
        lambda read, log, start, n, filters: read(
            log, start + 1 if not filters and start else start, n, filters
        ),
    )


@bug("log.one_too_many", "GetLog returns one record more than maxNumOfLog")
def _one_too_many(mp: pytest.MonkeyPatch) -> None:
    _read_changed(mp, lambda read, log, start, n, filters: read(log, start, n + 1 if n else 0, filters))


@bug("log.filter_fields_or", "the fields of one filter are OR-ed instead of AND-ed")
def _filter_fields_or(mp: pytest.MonkeyPatch) -> None:
    def matches(record: eventlog.Record, f: Any) -> bool:
        tests = [
            f.userID and record.user_id == f.userID,
            f.eventCode and record.event_code == f.eventCode,
            (f.startTime or f.endTime)
            and (not f.startTime or record.timestamp >= f.startTime)
            and (not f.endTime or record.timestamp <= f.endTime),
        ]
        return any(tests)

    mp.setattr(eventlog, "_matches", matches)
    mp.setattr(EventLog, "_candidates", lambda self, f, first: None)


@bug("log.end_time_exclusive", "a time filter leaves out the records of its last second")
def _end_time_exclusive(mp: pytest.MonkeyPatch) -> None:
    original = eventlog._matches
    mp.setattr(
        eventlog, "_matches", lambda r, f: original(r, f) and not (f.endTime and r.timestamp == f.endTime)
    )


@bug("log.filter_skips_first", "a filtered read leaves out its first matching record")
def _filter_skips_first(mp: pytest.MonkeyPatch) -> None:
    _read_changed(
        mp, lambda read, log, start, n, filters: read(log, start, n, filters)[1 if filters else 0 :]
    )


@bug("log.newest_first", "GetLog returns the records newest first")
def _newest_first(mp: pytest.MonkeyPatch) -> None:
    _read_changed(mp, lambda read, log, start, n, filters: read(log, start, n, filters)[::-1])


# -- realtime ----------------------------------------------------------------------------------


def _subscribe_changed(mp: pytest.MonkeyPatch, ids: bool, codes: bool) -> None:
    _wrap(
        mp,
        sim_gateway.Gateway,
        "subscribe_events",
        lambda original, self, size, device_ids, event_codes: original(
            self, size, device_ids if ids else [], event_codes if codes else []
        ),
    )


@bug("realtime.code_filter_ignored", "a stream narrowed to event codes gets every event")
def _code_filter_ignored(mp: pytest.MonkeyPatch) -> None:
    _subscribe_changed(mp, ids=True, codes=False)


@bug("realtime.device_filter_ignored", "a stream narrowed to one terminal gets every terminal's events")
def _device_filter_ignored(mp: pytest.MonkeyPatch) -> None:
    _subscribe_changed(mp, ids=False, codes=True)


@bug("realtime.streams_unmonitored", "a terminal keeps streaming after monitoring is disabled")
def _streams_unmonitored(mp: pytest.MonkeyPatch) -> None:
    _wrap(
        mp,
        SimDevice,
        "set_monitoring",
        lambda original, self, enabled: original(self, enabled or self.monitoring),
    )


@bug("realtime.drops_verify_success", "verify successes are logged but not streamed")
def _drops_verify_success(mp: pytest.MonkeyPatch) -> None:
    def init(original: Callable[..., Any], self: SimDevice, spec: Any, clock: Any, on_event: Any) -> None:
        original(self, spec, clock, lambda e: None if e.eventCode == Code.VERIFY_SUCCESS else on_event(e))

    _wrap(mp, SimDevice, "__init__", init)


@bug("realtime.ids_differ", "streamed events carry an ID one above the log's")
def _ids_differ(mp: pytest.MonkeyPatch) -> None:
    def init(original: Callable[..., Any], self: SimDevice, spec: Any, clock: Any, on_event: Any) -> None:
        def shifted(e: Any) -> None:
            e.ID += 1
            on_event(e)

        original(self, spec, clock, shifted)

    _wrap(mp, SimDevice, "__init__", init)


@bug("realtime.first_after_enable_lost", "the first event after monitoring is enabled is not streamed")
def _first_after_enable_lost(mp: pytest.MonkeyPatch) -> None:
    fresh: set[int] = set()

    def set_monitoring(original: Callable[..., Any], self: SimDevice, enabled: bool) -> None:
        if enabled and not self.monitoring:
            fresh.add(id(self))
        original(self, enabled)

    def log(original: Callable[..., Any], self: SimDevice, *args: Any) -> Any:
        if id(self) in fresh and self.monitoring:
            fresh.discard(id(self))
            self.monitoring = False
            try:
                return original(self, *args)
            finally:
                self.monitoring = True
        return original(self, *args)

    _wrap(mp, SimDevice, "set_monitoring", set_monitoring)
    _wrap(mp, SimDevice, "log", log)


# -- connection --------------------------------------------------------------------------------


def _listed_status(mp: pytest.MonkeyPatch, status: Callable[[sim_gateway.Gateway, Any], int]) -> None:
    def device_list(original: Callable[..., Any], self: sim_gateway.Gateway) -> list[Any]:
        out: list[Any] = original(self)
        for entry in out:
            entry.status = status(self, entry)
        return out

    _wrap(mp, sim_gateway.Gateway, "device_list", device_list)


@bug(
    "connection.link_loss_unnoticed", "the device list still shows a terminal whose link dropped as connected"
)
def _link_loss_unnoticed(mp: pytest.MonkeyPatch) -> None:
    _listed_status(mp, lambda gw, entry: connect_pb2.TCP_CONNECTED)


@bug("connection.stays_disconnected", "a terminal whose link came back stays disconnected in the device list")
def _stays_disconnected(mp: pytest.MonkeyPatch) -> None:
    dropped: set[int] = set()

    def set_link(original: Callable[..., Any], self: sim_gateway.Gateway, device_id: int, up: bool) -> None:
        if not up:
            dropped.add(device_id)
        original(self, device_id, up)

    _wrap(mp, sim_gateway.Gateway, "set_link", set_link)
    _listed_status(
        mp, lambda gw, entry: connect_pb2.DISCONNECTED if entry.deviceID in dropped else entry.status
    )


@bug("connection.disconnect_keeps_listed", "a disconnected terminal stays in the device list")
def _disconnect_keeps_listed(mp: pytest.MonkeyPatch) -> None:
    def disconnect(original: Callable[..., Any], self: sim_gateway.Gateway, device_ids: list[int]) -> None:
        before = set(self._connected)
        original(self, device_ids)
        self._connected |= before

    _wrap(mp, sim_gateway.Gateway, "disconnect", disconnect)


@bug("connection.wrong_model_name", "GetInfo names another model")
def _wrong_model_name(mp: pytest.MonkeyPatch) -> None:
    names = itertools.cycle(["BioStation 2", "FaceStation F2"])

    def info(original: Callable[..., Any], self: models.DeviceModel, device_id: int) -> Any:
        out = original(self, device_id)
        out.modelName = next(n for n in names if n != self.name)
        return out

    _wrap(mp, models.DeviceModel, "factory_info", info)


@bug("connection.face_not_advertised", "a terminal with a face camera does not report faceSupported")
def _face_not_advertised(mp: pytest.MonkeyPatch) -> None:
    def info(original: Callable[..., Any], self: models.DeviceModel) -> Any:
        out = original(self)
        out.faceSupported = False
        return out

    _wrap(mp, models.DeviceModel, "capability_info", info)


# -- the field-by-field checks (issue 24): one module per kind of check, registering here ---------

import mutants_device  # noqa: E402,F401  GetInfo, capabilities, preflight
import mutants_findface  # noqa: E402,F401  the FindFace Multi server
import mutants_records  # noqa: E402,F401  event records: every field, log against stream, times
import mutants_writes  # noqa: E402,F401  users, credentials and settings read back whole
