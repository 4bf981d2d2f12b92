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

from biohil.credentials import BY_INPUT, Input, Kind
from biohil.eventcodes import AccessDenied, AuthFailed, Code
from biohil.gsdk import connect_pb2
from biohil.simulator import eventlog, firmware, models
from biohil.simulator import gateway as sim_gateway
from biohil.simulator.auth import Engine, Outcome, Session
from biohil.simulator.device import SimDevice
from biohil.simulator.eventlog import EventLog, Record
from biohil.simulator.firmware import Steps
from biohil.simulator.roster import CARD, FACE, FINGER, Holder, Roster
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

_ORDER = [Input.CARD, Input.USER_ID, Input.FINGER, Input.FACE, Input.PIN]
UNKNOWN_CARD_SUB = BY_INPUT[Input.CARD].fail_sub


def _rules_replaced(mp: pytest.MonkeyPatch, **fields: Any) -> None:
    """Every simulated model's firmware rules with these fields replaced: a terminal takes its
    model's rules (firmware.STANDARD) when it starts, after the bug is planted."""
    mp.setattr(firmware, "STANDARD", dataclasses.replace(firmware.STANDARD, **fields))


def _steps_changed(mp: pytest.MonkeyPatch, change: Callable[[Steps], Steps]) -> None:
    """Every mode's steps, changed: the firmware's mode parser."""
    parse = firmware.STANDARD.mode_steps
    _rules_replaced(mp, mode_steps=lambda mode, inputs: change(parse(mode, inputs)))


def _granted_anyhow(mp: pytest.MonkeyPatch) -> None:
    """A grant whose factors have no sub-code of their own is logged with the nearest one."""
    original = Engine.granted

    def granted(self: Engine, s: Session) -> Outcome:
        try:
            return original(self, s)
        except KeyError:
            s.used = sorted(s.used, key=_ORDER.index)
            s.verify = s.used[0] in (Input.CARD, Input.USER_ID)
            try:
                return original(self, s)
            except KeyError:
                return Outcome(Code.VERIFY_SUCCESS if s.verify else Code.IDENTIFY_SUCCESS, 0, s.user_id)

    mp.setattr(Engine, "granted", granted)


def _outcomes_changed(mp: pytest.MonkeyPatch, change: Callable[[Outcome], Iterable[Outcome]]) -> None:
    """What the engine logs for an attempt, changed (possibly into several records, or none)."""

    def log(self: Engine, outcome: Outcome) -> Outcome:
        for logged in change(outcome):
            self.emit(logged)
        return outcome

    mp.setattr(Engine, "log", log)


def _own_mode(
    mp: pytest.MonkeyPatch, choose: Callable[[int, list[Steps], Callable[[int], Steps]], list[Steps]]
) -> None:
    """Private auth decided differently: choose(own mode, device modes, the mode parser) -> modes."""
    _rules_replaced(mp, own_mode=choose)


def _timer_after(mp: pytest.MonkeyPatch, seconds: Callable[[Any], float]) -> None:
    """The auth timeout of a started attempt runs for seconds(auth config) instead."""
    _rules_replaced(mp, auth_timeout=seconds)


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


def _streamed_changed(mp: pytest.MonkeyPatch, change: Callable[[Any], None]) -> None:
    """The copy of each record the terminal streams (an event_pb2.EventLog), changed; the log
    keeps its own."""

    def stream(self: SimDevice, record: Record) -> None:
        event = record.to_proto(self.device_id)
        change(event)
        self.on_event(event)

    mp.setattr(SimDevice, "stream", stream)


# -- auth modes --------------------------------------------------------------------------------


@bug("auth.any_order", "a multi-factor mode takes its factors in any order")
def _any_order(mp: pytest.MonkeyPatch) -> None:
    _steps_changed(mp, lambda s: s if len(s) < 2 else tuple(frozenset().union(*s) for _ in s))
    _granted_anyhow(mp)


@bug("auth.pin_step_skipped", "card + PIN opens on the card alone for a user who has no PIN")
def _pin_step_skipped(mp: pytest.MonkeyPatch) -> None:
    original = Engine.advance

    def advance(self: Engine, session: Session) -> Outcome | None:
        user = self.directory.user(session.user_id)
        if user is not None and not user.PIN:
            done = len(session.used)
            for mode in session.candidates:
                if len(mode) > done and all(step == {Input.PIN} for step in mode[done:]):
                    session.candidates = [mode[:done]]
                    break
        return original(self, session)

    mp.setattr(Engine, "advance", advance)


@bug("auth.or_pin_dropped", 'the "or PIN" alternative of the extended modes is not offered')
def _or_pin_dropped(mp: pytest.MonkeyPatch) -> None:
    _steps_changed(mp, lambda s: tuple(g - {Input.PIN} if len(g) > 1 else g for g in s))


@bug("auth.or_pin_required", '"X or PIN" asks for X and then the PIN as well')
def _or_pin_required(mp: pytest.MonkeyPatch) -> None:
    def both(s: Steps) -> Steps:
        out: list[frozenset[Input]] = []
        for g in s:
            out += [g - {Input.PIN}, frozenset({Input.PIN})] if len(g) > 1 and Input.PIN in g else [g]
        return tuple(out)

    _steps_changed(mp, both)


@bug("auth.biometric_pair_subcodes", "fingerprint + face and face + fingerprint log each other's sub-code")
def _biometric_pair_subcodes(mp: pytest.MonkeyPatch) -> None:
    sub = firmware.STANDARD.identify_sub
    finger_face, face_finger = (Input.FINGER, Input.FACE), (Input.FACE, Input.FINGER)
    _rules_replaced(mp, identify_sub={**sub, finger_face: sub[face_finger], face_finger: sub[finger_face]})


@bug("auth.second_biometric_unchecked", "after a face, any enrolled fingerprint completes the identify")
def _second_biometric_unchecked(mp: pytest.MonkeyPatch) -> None:
    original = Engine.matches

    def matches(self: Engine, user_id: str, factor: Input, token: bytes) -> bool | None:
        if factor is Input.FINGER and self.session is not None and not self.session.verify:
            return False if self.directory.owner(FINGER, token) is not None else None
        return original(self, user_id, factor, token)

    mp.setattr(Engine, "matches", matches)


def _any_holder(mp: pytest.MonkeyPatch, kind: Kind) -> None:
    """A credential of this kind belongs to whoever presents it, if anyone holds it."""
    original = Roster.belongs

    def belongs(self: Roster, presented: Kind, token: bytes, user_id: str) -> bool | None:
        if presented is not kind:
            return original(self, presented, token, user_id)
        owner = self.owner(presented, token)
        return None if owner is None else owner[1]

    mp.setattr(Roster, "belongs", belongs)


@bug("auth.verify_any_face", "in a 1:1 verify after a card, any enrolled face is accepted")
def _verify_any_face(mp: pytest.MonkeyPatch) -> None:
    _any_holder(mp, FACE)


@bug("auth.verify_any_finger", "in a 1:1 verify after a card, any enrolled fingerprint is accepted")
def _verify_any_finger(mp: pytest.MonkeyPatch) -> None:
    _any_holder(mp, FINGER)


@bug("auth.any_pin", "any PIN is accepted for a user who has one")
def _any_pin(mp: pytest.MonkeyPatch) -> None:
    def pin_of(self: Roster, user_id: str, pin: bytes) -> bool:
        user = self.user(user_id)
        return bool(user is not None and user.PIN)

    mp.setattr(Roster, "pin_of", pin_of)


@bug("auth.unknown_card_subcode", "an unregistered card is logged as an unknown user ID (sub-code 0x01)")
def _unknown_card_subcode(mp: pytest.MonkeyPatch) -> None:
    sub = firmware.STANDARD.credential_sub
    _rules_replaced(mp, credential_sub={**sub, Input.CARD: sub[Input.USER_ID]})


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
    sub = firmware.STANDARD.verify_sub
    wrong = sub[(Input.CARD, Input.FACE, Input.FINGER)]
    _rules_replaced(mp, verify_sub={**sub, (Input.CARD, Input.FINGER, Input.FACE): wrong})


@bug("auth.only_first_mode", "of several modes the terminal allows, only the first one works")
def _only_first_mode(mp: pytest.MonkeyPatch) -> None:
    enabled = firmware.STANDARD.device_modes
    _rules_replaced(mp, device_modes=lambda config: enabled(config)[:1])


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
    original = Engine.next_factor

    def next_factor(self: Engine, session: Session, factor: Input, token: bytes) -> Outcome | None:
        step = len(session.used)
        if not any(len(s) > step and factor in s[step] for s in session.candidates):
            return None
        return original(self, session, factor, token)

    mp.setattr(Engine, "next_factor", next_factor)


# -- private auth ------------------------------------------------------------------------------


@bug("private.own_mode_merged", "a user's own mode is merged into the device modes instead of replacing them")
def _own_mode_merged(mp: pytest.MonkeyPatch) -> None:
    def choose(own: int, device: list[Steps], steps: Callable[[int], Steps]) -> list[Steps]:
        if own == PROHIBITED:
            return []
        if own == NOT_SET:
            return device
        return [steps(own), *device]

    _own_mode(mp, choose)


def _own_mode_field_of(mp: pytest.MonkeyPatch, first: Input, read: Input, extended_only: bool) -> None:
    """The own mode for `first` is read from the UserSetting field of `read`."""
    fields = firmware.STANDARD.own_mode_fields
    _rules_replaced(
        mp,
        own_mode_fields={
            extended: {**table, first: table[read]} if extended or not extended_only else table
            for extended, table in fields.items()
        },
    )


@bug("private.id_reads_card_field", "the own mode for a typed user ID is read from the card's field")
def _id_reads_card_field(mp: pytest.MonkeyPatch) -> None:
    _own_mode_field_of(mp, Input.USER_ID, Input.CARD, extended_only=False)


@bug("private.not_allowed_ignored", '"not allowed" (0xFE) falls back to the device modes')
def _not_allowed_ignored(mp: pytest.MonkeyPatch) -> None:
    _own_mode(mp, lambda own, device, steps: device if own in (PROHIBITED, NOT_SET) else [steps(own)])


@bug("private.device_modes_refused", '"the device modes" (0xFF) refuses instead of falling back')
def _device_modes_refused(mp: pytest.MonkeyPatch) -> None:
    _own_mode(mp, lambda own, device, steps: [] if own in (PROHIBITED, NOT_SET) else [steps(own)])


@bug("private.always_on", "users' own modes apply even with private authentication off")
def _always_on(mp: pytest.MonkeyPatch) -> None:
    _rules_replaced(mp, private_auth=lambda config: True)


@bug("private.face_reads_finger_field", "the own mode for a face is read from the fingerprint's field")
def _face_reads_finger_field(mp: pytest.MonkeyPatch) -> None:
    _own_mode_field_of(mp, Input.FACE, Input.FINGER, extended_only=True)


# -- the auth timeout --------------------------------------------------------------------------


@bug("timeout.restarts_each_factor", "the auth timeout starts again with every factor")
def _restarts_each_factor(mp: pytest.MonkeyPatch) -> None:
    original = Engine.next_factor

    def next_factor(self: Engine, session: Session, factor: Input, token: bytes) -> Outcome | None:
        out = original(self, session, factor, token)
        if out is None and self.session is session and session.timer is not None:
            session.timer.cancel()
            self.start_timer(session)
        return out

    mp.setattr(Engine, "next_factor", next_factor)


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
    _rules_replaced(mp, timeout_sub=AuthFailed.INVALID_CREDENTIAL)


# -- enrollment and the credential lifecycle ---------------------------------------------------


@bug("enroll.overwrite_ignored", "Enroll without overwrite silently replaces an existing user")
def _overwrite_ignored(mp: pytest.MonkeyPatch) -> None:
    _wrap(mp, Roster, "enroll", lambda original, self, users, overwrite: original(self, users, True))


@bug("enroll.duplicate_card", "a card already assigned to one user can be assigned to another")
def _duplicate_card(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(Roster, "check_cards_free", lambda self, items: None)


def _index_kept(
    mp: pytest.MonkeyPatch,
    kind: Kind,
    on: str,
    keep: Callable[[dict[bytes, list[Holder]], dict[bytes, list[Holder]]], None],
) -> None:
    """Roster.<on> forgets to drop entries from the index of one kind of credential:
    keep(index before, index after) puts them back."""

    def kept(original: Callable[..., Any], self: Roster, *args: Any) -> Any:
        index = self.index[kind]
        before = {key: list(holders) for key, holders in index.items()}
        result = original(self, *args)
        keep(before, index)
        return result

    _wrap(mp, Roster, on, kept)


def _holders_kept(before: dict[bytes, list[Holder]], index: dict[bytes, list[Holder]]) -> None:
    for key, holders in before.items():
        current = index.setdefault(key, [])
        current.extend(h for h in holders if h not in current)


@bug("enroll.removed_face_matches", "a face removed from a user still matches")
def _removed_face_matches(mp: pytest.MonkeyPatch) -> None:
    _index_kept(mp, FACE, "set_faces", _holders_kept)


@bug("enroll.removed_finger_matches", "a fingerprint removed from a user still matches")
def _removed_finger_matches(mp: pytest.MonkeyPatch) -> None:
    _index_kept(mp, FINGER, "set_fingers", _holders_kept)


@bug("enroll.removed_card_opens", "a card removed from a user still opens the door")
def _removed_card_opens(mp: pytest.MonkeyPatch) -> None:
    def keep(before: dict[bytes, list[Holder]], index: dict[bytes, list[Holder]]) -> None:
        for key, holders in before.items():
            index.setdefault(key, holders)

    _index_kept(mp, CARD, "set_cards", keep)


@bug("enroll.deleted_user_card_opens", "a deleted user's card still opens the door")
def _deleted_user_card_opens(mp: pytest.MonkeyPatch) -> None:
    _index_kept(mp, CARD, "delete_users", lambda before, index: index.update(before))


@bug("enroll.end_date_dropped", "Enroll drops the user's end date")
def _end_date_dropped(mp: pytest.MonkeyPatch) -> None:
    def drop(original: Callable[..., Any], self: Roster, user: Any, field: str) -> Any:
        out = original(self, user, field)
        out.setting.endTime = 0
        return out

    _wrap(mp, Roster, "normalised", drop)


@bug("enroll.name_cut", "user names are cut to 16 characters")
def _name_cut(mp: pytest.MonkeyPatch) -> None:
    def cut(original: Callable[..., Any], self: Roster, user: Any, field: str) -> Any:
        out = original(self, user, field)
        out.name = out.name[:16]
        return out

    _wrap(mp, Roster, "normalised", cut)


@bug("enroll.list_misses_newest", "the user list leaves out the user enrolled last")
def _list_misses_newest(mp: pytest.MonkeyPatch) -> None:
    _wrap(mp, Roster, "user_headers", lambda original, self: original(self)[:-1])


def _validity_ignored(mp: pytest.MonkeyPatch, which: str) -> None:
    """The firmware's validity check leaves out the user's start or end of validity."""

    def valid_at(setting: Any, now: int) -> bool:
        started = which == "start" or not setting.startTime or now >= setting.startTime
        ended = which != "end" and bool(setting.endTime) and now > setting.endTime
        return started and not ended

    _rules_replaced(mp, valid_at=valid_at)


@bug("enroll.expiry_ignored", "a user past its end date is let in")
def _expiry_ignored(mp: pytest.MonkeyPatch) -> None:
    _validity_ignored(mp, "end")


@bug("enroll.start_ignored", "a user whose validity has not started yet is let in")
def _start_ignored(mp: pytest.MonkeyPatch) -> None:
    _validity_ignored(mp, "start")


@bug("enroll.expiry_subcode", "an expired user is logged as not in an access group (0x01)")
def _expiry_subcode(mp: pytest.MonkeyPatch) -> None:
    _rules_replaced(mp, expired_sub=AccessDenied.ACCESS_GROUP)


# -- event content -----------------------------------------------------------------------------


@bug("event.duress_as_success", "a duress fingerprint is logged as an ordinary success")
def _duress_as_success(mp: pytest.MonkeyPatch) -> None:
    _wrap(mp, Roster, "owner", lambda original, self, kind, token: _not_duress(original(self, kind, token)))
    _wrap(
        mp,
        Roster,
        "belongs",
        lambda original, self, kind, token, user_id: (
            None if original(self, kind, token, user_id) is None else False
        ),
    )


def _not_duress(owner: Holder | None) -> Holder | None:
    return None if owner is None else (owner[0], False)


def _unknown_card(o: Outcome) -> bool:
    return o.code == Code.VERIFY_FAIL and o.sub_code == UNKNOWN_CARD_SUB


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

    _rules_replaced(mp, filter_matches=matches)


@bug("log.end_time_exclusive", "a time filter leaves out the records of its last second")
def _end_time_exclusive(mp: pytest.MonkeyPatch) -> None:
    original = firmware.STANDARD.filter_matches
    _rules_replaced(
        mp, filter_matches=lambda r, f: original(r, f) and not (f.endTime and r.timestamp == f.endTime)
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
    _wrap(
        mp,
        SimDevice,
        "stream",
        lambda original, self, record: (
            None if record.event_code == Code.VERIFY_SUCCESS else original(self, record)
        ),
    )


@bug("realtime.ids_differ", "streamed events carry an ID one above the log's")
def _ids_differ(mp: pytest.MonkeyPatch) -> None:
    def shifted(e: Any) -> None:
        e.ID += 1

    _streamed_changed(mp, shifted)


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
        before = set(self.connected_ids)
        original(self, device_ids)
        self.connected_ids |= before

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
