"""A terminal's time and attendance (gsdk.tna): its T&A config (TNA.SetConfig), the T&A key and
job code an authentication event carries, and the T&A and job code logs read from its event log.

A part of one terminal (device.SimDevice): it runs under the terminal's lock. The terminal asks
`marks` for the key and job code of each event whose code is in `carriers` (reading
tna_key_events) and writes them on the record; GetTNALog and GetJobCodeLog read those records
back through the event log's index of marked records.

How an event gets its key, by TNAConfig.mode (G-SDK T&A API): UNUSED none; BY_USER the key the
person pressed with the input (Control.Act tnaKey); LAST_CHOICE that, or else the key the last
person chose; FIXED the config's key on every one; BY_SCHEDULE the first key whose schedule
applies now (schedule 1, Always: the only schedule a simulated terminal has), else the pressed
one. With isRequired,
an authentication input that would leave the event without a key is refused (the person must
press one: the terminal asks for it).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable

import grpc

from biohil.contract import ALWAYS_SCHEDULE
from biohil.eventcodes import Code
from biohil.gsdk import tna_pb2, user_pb2
from biohil.simulator import validation
from biohil.simulator.errors import SimError, invalid, precondition
from biohil.simulator.eventlog import EventLog, Record

MAX_KEYS = tna_pb2.MAX_TNA_KEYS  # 16: KEY_1..KEY_16, and as many schedules and labels
MAX_LABEL_CHARS = tna_pb2.MAX_TNA_LABEL_LENGTH  # 48
NO_SCHEDULE = 0  # TNAConfig.schedules: no schedule applies to that key
MODES = ", ".join(f"{name} ({number})" for name, number in tna_pb2.Mode.items())
# Which events carry the key and job code (reading tna_key_events): the grants, or every outcome
# of an authentication the engine logs.
GRANTS = frozenset({Code.VERIFY_SUCCESS, Code.VERIFY_DURESS, Code.IDENTIFY_SUCCESS, Code.IDENTIFY_DURESS})
AUTH_OUTCOMES = GRANTS | {Code.VERIFY_FAIL, Code.IDENTIFY_FAIL, Code.AUTH_FAILED, Code.ACCESS_DENIED}


def check_key(key: int, field: str, none: bool = True) -> int:
    """A T&A key: KEY_1..KEY_16, or 0 (none) where `none` allows it."""
    if not (0 if none else 1) <= key <= MAX_KEYS:
        allowed = "0 (none) or 1..16" if none else "1..16"
        raise invalid(f"{field} {key} is not a T&A key; use {allowed} (KEY_1..KEY_16)")
    return key


def check_config(config: tna_pb2.TNAConfig, what: str) -> tna_pb2.TNAConfig:
    """A TNAConfig the terminal takes (refused naming the field otherwise)."""
    if config.mode not in tna_pb2.Mode.values():
        raise invalid(f"{what}: config.mode {config.mode} is not one of {MODES}")
    check_key(config.key, f"{what}: config.key")
    if config.mode == tna_pb2.FIXED and not config.key:
        raise invalid(f"{what}: config.key is UNSPECIFIED; mode FIXED gives every authentication this key")
    if len(config.schedules) > MAX_KEYS:
        raise invalid(f"{what}: config.schedules has {len(config.schedules):,} schedules, at most {MAX_KEYS}")
    for i, schedule in enumerate(config.schedules):
        if schedule not in (NO_SCHEDULE, ALWAYS_SCHEDULE):
            raise invalid(
                f"{what}: config.schedules[{i}] {schedule} does not exist on the terminal; "
                f"use {NO_SCHEDULE} (none) or {ALWAYS_SCHEDULE} (Always)"
            )
    if len(config.labels) > MAX_KEYS:
        raise invalid(f"{what}: config.labels has {len(config.labels):,} labels, at most {MAX_KEYS}")
    for i, label in enumerate(config.labels):
        validation.text(label, f"{what}: config.labels[{i}]", MAX_LABEL_CHARS)
    return config


def check_log_filter(log_filter: tna_pb2.TNAEventFilter, refused: bool, what: str) -> None:
    """GetTNALog's filter, "not yet supported" (G-SDK T&A API): ignored, or refused naming it
    (reading tna_log_filter). An empty filter is no filter."""
    if refused and log_filter.ByteSize():
        raise SimError(
            grpc.StatusCode.UNIMPLEMENTED,
            f"{what}: filter is not supported (the G-SDK's 'not yet supported'); filter the answer yourself",
        )


class TimeAttendance:
    """The terminal's T&A config, a part of its configuration (reset: UNUSED, no keys)."""

    def __init__(
        self,
        lock: threading.RLock,
        label: str,
        device_id: int,
        carriers: frozenset[int],
        event_log: Callable[[], EventLog],
        user: Callable[[str], user_pb2.UserInfo | None],
    ) -> None:
        self._lock = lock
        self.label = label
        self.device_id = device_id
        self.carriers = carriers  # event codes whose records carry a key and job code
        self._event_log = event_log  # the terminal's current log (FactoryReset replaces it)
        self._user = user  # the roster's lookup: a user's job codes
        self._config = tna_pb2.TNAConfig()
        self._last_key = 0  # LAST_CHOICE: the key the last person chose

    def config(self) -> tna_pb2.TNAConfig:
        with self._lock:
            out = tna_pb2.TNAConfig()
            out.CopyFrom(self._config)
            return out

    def set_config(self, config: tna_pb2.TNAConfig) -> None:
        """Replace the whole config (checked by check_config); the last choice stays."""
        with self._lock:
            self._config.CopyFrom(config)

    def reset(self) -> None:
        with self._lock:
            self._config = tna_pb2.TNAConfig()
            self._last_key = 0

    # -- what an authentication event carries (the caller holds the lock) ---------------------

    def key_for(self, pressed: int) -> int:
        """The key an event carries when the person pressed `pressed` (0: none) with its input."""
        c = self._config
        if c.mode == tna_pb2.BY_USER:
            return pressed
        if c.mode == tna_pb2.LAST_CHOICE:
            return pressed or self._last_key
        if c.mode == tna_pb2.FIXED:
            return c.key
        if c.mode == tna_pb2.BY_SCHEDULE:  # no key scheduled now: the person's, as BY_USER
            return next((i + 1 for i, s in enumerate(c.schedules) if s == ALWAYS_SCHEDULE), pressed)
        return 0

    def check_choice(self, pressed: int) -> None:
        """With isRequired, an authentication input whose event would carry no key is refused:
        the terminal waits for a key the person has not pressed."""
        if self._config.isRequired and self._config.mode != tna_pb2.UNUSED and not self.key_for(pressed):
            mode = tna_pb2.Mode.Name(self._config.mode)
            raise precondition(
                f"Act: {self.label} asks for a T&A key (TNAConfig.isRequired, mode {mode}); "
                "press one with tnaKey"
            )

    def marks(self, user_id: str, pressed: int, job_code: int) -> tuple[int, int]:
        """The key and job code of an event whose code is in `carriers`: the job code only if it
        is one of the user's (the terminal offers no other)."""
        key = self.key_for(pressed)
        if pressed and self._config.mode == tna_pb2.LAST_CHOICE:
            self._last_key = pressed  # the next person's key unless they press another
        if job_code:
            user = self._user(user_id) if user_id else None
            if user is None or all(j.code != job_code for j in user.jobCodes):
                job_code = 0
        return key, job_code

    # -- the logs ------------------------------------------------------------------------

    def _read(self, start_id: int, max_count: int, keep: Callable[[Record], object]) -> list[Record]:
        with self._lock:
            chosen = (r for r in self._event_log().marked(start_id) if keep(r))
            return list(itertools.islice(chosen, max_count or None))

    def tna_log(self, start_id: int, max_count: int) -> list[tna_pb2.TNALog]:
        """GetTNALog: the events carrying a T&A key, ID >= start_id (0: the oldest), at most
        max_count (0: all)."""
        return [
            tna_pb2.TNALog(
                ID=r.id,
                timestamp=r.timestamp,
                deviceID=self.device_id,
                userID=r.user_id,
                eventCode=r.event_code,
                subCode=r.sub_code,
                TNAKey=r.tna_key,  # type: ignore[arg-type]
            )
            for r in self._read(start_id, max_count, lambda r: r.tna_key)
        ]

    def job_code_log(self, start_id: int, max_count: int) -> list[tna_pb2.JobCodeLog]:
        """GetJobCodeLog: the events carrying a job code, paged as tna_log."""
        return [
            tna_pb2.JobCodeLog(
                ID=r.id,
                timestamp=r.timestamp,
                deviceID=self.device_id,
                userID=r.user_id,
                eventCode=r.event_code,
                subCode=r.sub_code,
                jobCode=r.job_code,
            )
            for r in self._read(start_id, max_count, lambda r: r.job_code)
        ]
