"""One simulated terminal, made of parts that share its lock:

- `roster` (roster.Roster): its users and their credentials, and the lookups of the engine;
- `scans` (scans.Scans): the Scans waiting for a person's input;
- `event_log` (eventlog.EventLog): the records it keeps, which `log` writes and streams;
- `engine` (auth.Engine): authentication by the auth config it holds;
- `image_filters`, `image_log` (imagelog): which events get a picture, and those kept;
- `tna` (tna.TimeAttendance): its T&A config and the key and job code an authentication carries.

`config_parts` are the parts holding configuration: Device.ResetConfig resets each (`reset()`).

The terminal owns the lock (one per terminal: every part, call and timer runs under it), the
clock, the firmware rules its parts consult (`rules`, firmware.Firmware, its model's), the
monitoring flag and network link that decide whether a record streams, and a person's input
(`act`), which goes to a waiting Scan or else to the engine.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from biohil.credentials import BY_WORD, Input
from biohil.eventcodes import Code
from biohil.gsdk import auth_pb2, event_pb2
from biohil.readings import DEFAULT, Readings
from biohil.simulator import credentials, firmware, validation
from biohil.simulator.auth import Engine, Outcome
from biohil.simulator.clock import Clock
from biohil.simulator.errors import invalid, precondition
from biohil.simulator.eventlog import EventLog, Record, check_filters
from biohil.simulator.imagelog import ImageFilters, ImageLog
from biohil.simulator.models import DeviceSpec
from biohil.simulator.roster import Roster
from biohil.simulator.scans import Scans
from biohil.simulator.tna import AUTH_OUTCOMES, GRANTS, TimeAttendance, check_key

EventSink = Callable[[event_pb2.EventLog], None]
NO_CHOICE = (0, 0)  # no T&A key, no job code
KEYPAD = frozenset((Input.PIN, Input.USER_ID))  # what a keypad takes


class SimDevice:
    def __init__(
        self, spec: DeviceSpec, clock: Clock, on_event: EventSink, readings: Readings = DEFAULT
    ) -> None:
        self.spec = spec
        self.model = spec.model
        self.device_id = spec.device_id
        self.readings = readings
        self.rules = firmware.with_readings(self.model.rules, readings)
        self.clock = clock
        self.on_event = on_event  # the gateway's realtime fan-out
        self.monitoring = False
        self.online = True  # the network link to the gateway
        self._lock = threading.RLock()
        self.event_log = EventLog(
            self.model.max_event_logs, self.rules.filter_matches, self.rules.combine_filters
        )
        self.roster = Roster(self.model, self.label, self._lock, self.rules, self._write)
        sensors = frozenset(BY_WORD[word].input for word in self.model.sensors)
        self.scans = Scans(self.label, sensors, self._lock, clock)
        self._auth = auth_pb2.AuthConfig(
            authSchedules=[
                auth_pb2.AuthSchedule(mode=m, scheduleID=validation.ALWAYS_SCHEDULE)  # type: ignore[arg-type]
                for m in self.model.default_modes
            ],
            matchTimeout=self.model.default_match_timeout,
            authTimeout=self.model.default_auth_timeout,
        )
        self.engine = Engine(
            self.rules,
            sensors | (KEYPAD if self.model.keypad else frozenset()),
            self.model.extended_auth,
            self.roster,
            lambda: self._auth,
            clock,
            self._log_outcome,
            self._run_locked,
        )
        if not hasattr(self, "config_parts"):
            self.config_parts: list = []  # type: ignore[type-arg]
        self.image_filters = ImageFilters(self._lock)
        self._image_codes = self.image_filters.codes  # the same set: one lookup per record written
        self.image_log = ImageLog(
            self.model.max_image_logs, self.device_id, self.model.visual_face, self._lock
        )
        carriers = AUTH_OUTCOMES if readings["tna_key_events"] == "every_auth" else GRANTS
        self.tna = TimeAttendance(
            self._lock, self.label, self.device_id, carriers, self.event_log, self.roster.user
        )
        self.config_parts += [self.image_filters, self.tna]
        self._choice = NO_CHOICE  # the T&A key and job code of the person's input being handled

    def __repr__(self) -> str:
        return f"SimDevice({self.model.name} {self.device_id})"

    @property
    def label(self) -> str:
        return f"{self.model.name} {self.device_id}"

    def _run_locked(self, action: Callable[[], None]) -> None:
        with self._lock:
            action()

    # -- the physical world ------------------------------------------------------------------

    def act(
        self,
        presented: Input,
        token: bytes,
        quality: int = credentials.GOOD_QUALITY,
        await_scan: float = 0.0,
        abandoned: threading.Event | None = None,
        tna_key: int = 0,
        job_code: int = 0,
    ) -> tuple[bool, list[Record]]:
        """A person's input. A waiting Scan of that kind takes it; otherwise the engine does.

        With await_scan > 0 the input is only for a Scan: wait that long (real seconds) for one.
        A T&A key or job code the person chooses with it goes onto the events it causes (tna).
        Returns whether a Scan captured it, and the records it caused at once.
        """
        if presented.typed:
            if not self.model.keypad:
                raise precondition(f"{self.label} has no keypad to type a {presented.value} on")
        elif presented not in self.scans.sensors:
            raise precondition(f"{self.label} has no {presented.value} reader")
        if tna_key or job_code:
            check_key(tna_key, "Act: tnaKey")
            if not self.model.has("TNASupported"):
                raise precondition(
                    f"Act: tnaKey or jobCode chosen on {self.label}, which does not support it "
                    "(TNASupported is false)"
                )
        with self._lock:
            if await_scan > 0:
                self.scans.wait_for(presented, await_scan, abandoned)
            if self.scans.take(presented, token, quality):
                return True, []
            self.tna.check_choice(tna_key)
            before = self.event_log.newest_id
            self._choice = (tna_key, job_code)
            try:
                self.engine.present(presented, token)
            finally:
                self._choice = NO_CHOICE
            return False, self.event_log.read(before + 1, 0)

    # -- auth config -----------------------------------------------------------------------

    def auth_config(self) -> auth_pb2.AuthConfig:
        with self._lock:
            out = auth_pb2.AuthConfig()
            out.CopyFrom(self._auth)
            return out

    def set_auth_config(self, config: auth_pb2.AuthConfig) -> None:
        """Inferred: SetConfig replaces the whole config (there is no field mask)."""
        validation.auth_config(config, self.model, self.readings["auth_config_timeouts"] == "refused")
        with self._lock:
            self._auth.CopyFrom(config)
            self.engine.reset()

    # -- event log -------------------------------------------------------------------------

    def log(self, code: int, sub_code: int = 0, user_id: str = "", card_data: bytes = b"") -> Record:
        """Write a record, stamped with the terminal's clock, with a picture if an image filter
        names its code; stream it if monitored and linked."""
        with self._lock:
            if code in self._image_codes:  # the one check every record pays for image logs
                record = self._append_marked(code, sub_code, user_id, card_data)
            else:
                record = self.event_log.append(self.clock.timestamp(), code, sub_code, user_id, card_data)
            if self.monitoring and self.online:
                self.stream(record)
            return record

    def _log_marked(
        self, code: int, sub_code: int, user_id: str, card_data: bytes, tna_key: int, job_code: int
    ) -> Record:
        """`log`, for a record that carries a T&A key or a job code."""
        with self._lock:
            record = self._append_marked(code, sub_code, user_id, card_data, tna_key, job_code)
            if self.monitoring and self.online:
                self.stream(record)
            return record

    def _append_marked(
        self, code: int, sub_code: int, user_id: str, card_data: bytes, tna_key: int = 0, job_code: int = 0
    ) -> Record:
        image = code in self._image_codes
        marks = (tna_key, job_code, image)
        record = self.event_log.append_marked(
            self.clock.timestamp(), code, sub_code, user_id, card_data, marks
        )
        if image:
            self.image_log.keep(record)
        return record

    def stream(self, record: Record) -> None:
        """Send a record to the gateway as a realtime event."""
        self.on_event(record.to_proto(self.device_id))

    def _log_outcome(self, o: Outcome) -> None:
        if o.code in self.tna.carriers:  # it carries the T&A key and job code of the person's input
            key, job = self.tna.marks(o.user_id, *self._choice)
            if key or job:
                self._log_marked(o.code, o.sub_code, o.user_id, o.card_data, key, job)
                return
        self.log(o.code, o.sub_code, o.user_id, o.card_data)

    def _write(self, code: int, sub_code: int = 0, user_id: str = "", card_data: bytes = b"") -> Record:
        """The roster's records: through `log` as it is when called (a patch of it reaches them)."""
        return self.log(code, sub_code, user_id, card_data)

    def fill_log(self, count: int, code: int, sub_code: int, user_ids: list[str]) -> tuple[int, int]:
        """Append synthetic records (background traffic); returns the first and last ID."""
        if not 0 < count <= self.model.max_event_logs:
            raise invalid(f"FillLog: count {count} is out of range; use 1..{self.model.max_event_logs}")
        with self._lock:
            first = self.event_log.newest_id + 1
            users = user_ids or [""]
            for i in range(count):
                self.log(code, sub_code, users[i % len(users)])
            return first, self.event_log.newest_id

    def read_log(
        self, start_id: int, max_count: int, filters: list[event_pb2.EventFilter] | None = None
    ) -> list[event_pb2.EventLog]:
        checked = check_filters(filters) if filters is not None else None
        with self._lock:
            records = self.event_log.read(start_id, max_count, checked)
        return [r.to_proto(self.device_id) for r in records]

    def clear_log(self) -> None:
        """Event.ClearLog: every record and picture goes, then the terminal logs 0x4200. Whether
        IDs count on or start at 1 again: reading clear_log_ids."""
        with self._lock:
            self.event_log.clear(restart_ids=self.readings["clear_log_ids"] == "restart")
            self.image_log.clear()
            self.log(Code.DEVICE_EVENT_LOG_CLEARED)

    def set_monitoring(self, enabled: bool) -> None:
        with self._lock:
            self.monitoring = enabled

    def set_online(self, up: bool) -> bool:
        """Change the link; returns whether it changed."""
        with self._lock:
            if self.online == up:
                return False
            self.online = up
            return True
