"""One simulated terminal, made of parts that share its lock:

- `roster` (roster.Roster): its users and their credentials, and the lookups of the engine;
- `scans` (scans.Scans): the Scans waiting for a person's input;
- `event_log` (eventlog.EventLog): the records it keeps, which `log` writes and streams;
- `engine` (auth.Engine): authentication by the auth config it holds;
- `config_parts` (Resettable): its configurations, which ResetConfig and FactoryReset put back to
  their factory defaults (the auth config first; each config of a service appends its own).
- `finger_settings`, `face_settings`, `face_groups` (biometrics): its FingerConfig and last finger
  scan, its FaceConfig, its face authentication groups.
- `card_settings` (cards.CardSettings): its card configurations, and `blacklist` (cards.Blacklist);
- `image_filters`, `image_log` (imagelog): which events get a picture, and those kept;
- `tna` (tna.TimeAttendance): its T&A config and the key and job code an authentication carries.

The written contents of smart cards are the gateway's (`smart_cards`, cards.SmartCards: a card's
contents go with the card); the terminal reads them to name a card on its blacklist.

The terminal owns the lock (one per terminal: every part, call and timer runs under it), the
clock, the firmware rules its parts consult (`rules`, firmware.Firmware, its model's), the
monitoring flag and network link that decide whether a record streams, and a person's input
(`act`), which goes to a waiting Scan or else to the engine. Its lifecycle (gsdk.device: Lock,
the resets, UpgradeFirmware, the PIN hash key; a restart is the gateway's `restarted`) is state
here too: whether it is locked, its firmware version, its hash key. ClearDB and FactoryReset give
it a new roster and FactoryReset a new event log: a part reaches them through the terminal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol

from biohil.credentials import BY_WORD, Input
from biohil.eventcodes import Code
from biohil.gsdk import auth_pb2, device_pb2, event_pb2
from biohil.readings import DEFAULT, Readings
from biohil.simulator import cards, credentials, firmware, maintenance, models, validation
from biohil.simulator.auth import Engine, Outcome
from biohil.simulator.biometrics import AuthGroups, FaceSettings, FingerSettings
from biohil.simulator.clock import Clock
from biohil.simulator.errors import SimError, invalid, precondition
from biohil.simulator.eventlog import EventLog, Record, check_filters
from biohil.simulator.imagelog import ImageFilters, ImageLog
from biohil.simulator.maintenance import FirmwareImage
from biohil.simulator.models import BIOSTATION_2, DeviceSpec
from biohil.simulator.roster import Roster
from biohil.simulator.scans import Scans
from biohil.simulator.tna import AUTH_OUTCOMES, GRANTS, TimeAttendance, check_key

EventSink = Callable[[event_pb2.EventLog], None]
NO_CHOICE = (0, 0)  # no T&A key, no job code
KEYPAD = frozenset((Input.PIN, Input.USER_ID))  # what a keypad takes


class Resettable(Protocol):
    """A configuration of a terminal that ResetConfig and FactoryReset put back to its factory
    default (SimDevice.config_parts); called under the terminal's lock."""

    def reset(self) -> None: ...


@dataclass(frozen=True)
class ResetBy:
    """A Resettable that runs a function."""

    action: Callable[[], None]

    def reset(self) -> None:
        self.action()


def check_auth_config_model_free(config: auth_pb2.AuthConfig, readings: Readings, what: str) -> None:
    """What of an AuthConfig no terminal's model decides (enums, timeouts by reading
    auth_config_timeouts, operators), checked once for a Multi call. The authSchedules are left
    to each terminal (set_auth_config): which modes it takes is its model's, so this check strips
    them and the model it is given is consulted for nothing."""
    shared = auth_pb2.AuthConfig()
    shared.CopyFrom(config)
    shared.ClearField("authSchedules")
    try:
        validation.auth_config(shared, BIOSTATION_2, readings["auth_config_timeouts"] == "refused")
    except SimError as e:
        raise invalid(f"{what}: {e.message}") from None


class SimDevice:
    def __init__(
        self,
        spec: DeviceSpec,
        clock: Clock,
        on_event: EventSink,
        readings: Readings = DEFAULT,
        smart_cards: cards.SmartCards | None = None,
    ) -> None:
        self.spec = spec
        self.model = spec.model
        self.device_id = spec.device_id
        self.readings = readings
        self.rules = firmware.with_readings(self.model.rules, readings)
        self._factory_rules = self.rules  # with the default PIN hash key
        self.clock = clock
        self.on_event = on_event  # the gateway's realtime fan-out
        self.monitoring = False
        self.online = True  # the network link to the gateway
        self._lock = threading.RLock()
        self.locked = False  # Device.Lock: no authentication until Unlock or a factory reset
        self.firmware_version = self.model.firmware  # the model's is the factory's; UpgradeFirmware's
        self.hash_key = maintenance.DEFAULT_HASH_KEY  # the PIN hash key (SetHashKey)
        self.event_log = self._new_event_log()
        self.roster = self._new_roster()
        self.card_settings = cards.CardSettings(self._lock)
        self.blacklist = cards.Blacklist(
            self.model.max_blacklists, self._lock, self.label, readings["blacklist_redundant"] == "refused"
        )
        self.smart_cards = smart_cards if smart_cards is not None else cards.SmartCards()
        sensors = frozenset(BY_WORD[word].input for word in self.model.sensors)
        self.scans = Scans(self.label, sensors, self._lock, clock)
        self._auth = self._factory_auth()
        self.engine = Engine(
            self.rules,
            sensors | (KEYPAD if self.model.keypad else frozenset()),
            self.model.extended_auth,
            self.roster,
            lambda: self._auth,
            clock,
            self._log_outcome,
            self._run_locked,
            self._blacklisted,
        )
        self.config_parts: list[Resettable] = [ResetBy(self._reset_auth_config)]
        roster = lambda: self.roster  # noqa: E731 - ClearDB and FactoryReset replace it
        self.finger_settings = FingerSettings(
            self.model, self.label, self._lock, roster, readings["advanced_enrollment"] == "on"
        )
        self.face_settings = FaceSettings(self.model, self.label, self._lock, roster)
        self.face_groups = AuthGroups(self.model, self.label, self._lock, roster)
        self.config_parts += [self.card_settings, self.finger_settings, self.face_settings]
        self.image_filters = ImageFilters(self._lock)
        self._image_codes = self.image_filters.codes  # the same set: one lookup per record written
        self.image_log = ImageLog(
            self.model.max_image_logs, self.device_id, self.model.visual_face, self._lock
        )
        carriers = AUTH_OUTCOMES if readings["tna_key_events"] == "every_auth" else GRANTS
        self.tna = TimeAttendance(
            self._lock,
            self.label,
            self.device_id,
            carriers,
            lambda: self.event_log,
            lambda uid: self.roster.user(uid),
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

    def _new_event_log(self) -> EventLog:
        return EventLog(self.model.max_event_logs, self.rules.filter_matches, self.rules.combine_filters)

    def _new_roster(self) -> Roster:
        return Roster(self.model, self.label, self._lock, self.rules, self._write)

    def _blacklisted(self, card: bytes) -> bool:
        """Whether a card presented is on the blacklist (the engine asks, under the lock)."""
        if not self.blacklist:  # the usual case: nothing listed, nothing to look up
            return False
        card_id, issue_count = self.smart_cards.identity(card)
        return self.blacklist.bars(card_id, issue_count)

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
            why = models.lacking(self.model, "TNA.GetConfig")  # the T&A keys' flag, as the TNA calls'
            if why:
                raise precondition(
                    f"Act: tnaKey or jobCode chosen on {self.label}, which does not support it ({why})"
                )
        with self._lock:
            if await_scan > 0:
                self.scans.wait_for(presented, await_scan, abandoned)
            if self.scans.take(presented, token, quality):
                return True, []
            if self.locked:
                return False, self._refused_while_locked(presented, token)
            self.tna.check_choice(tna_key)
            before = self.event_log.newest_id
            self._choice = (tna_key, job_code)
            try:
                self.engine.present(presented, token)
            finally:
                self._choice = NO_CHOICE
            return False, self.event_log.read(before + 1, 0)

    def _refused_while_locked(self, presented: Input, token: bytes) -> list[Record]:
        """Reading locked_input: what a locked terminal logs of a person's input (the caller holds
        the lock); a Scan still takes its input: the gateway asked for it."""
        if self.readings["locked_input"] == "ignored":
            return []
        card = token if presented is Input.CARD else b""
        return [self.log(Code.AUTH_FAILED, 0, card_data=card)]

    # -- auth config -----------------------------------------------------------------------

    def _factory_auth(self) -> auth_pb2.AuthConfig:
        """The model's factory auth config: its default modes on schedule 1, its timeouts."""
        return auth_pb2.AuthConfig(
            authSchedules=[
                auth_pb2.AuthSchedule(mode=m, scheduleID=validation.ALWAYS_SCHEDULE)  # type: ignore[arg-type]
                for m in self.model.default_modes
            ],
            matchTimeout=self.model.default_match_timeout,
            authTimeout=self.model.default_auth_timeout,
        )

    def _reset_auth_config(self) -> None:
        with self._lock:
            self._auth = self._factory_auth()
            self.engine.reset()

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

    # -- lifecycle (gsdk.device) -------------------------------------------------------------

    def factory_info(self, marked: bool = False) -> device_pb2.FactoryInfo:
        """GetInfo's answer: the model's, with the firmware version this terminal runs."""
        return replace(self.model, firmware=self.firmware_version).factory_info(self.device_id, marked)

    def lock(self) -> None:
        """Lock: a half-done attempt ends unlogged, and no input authenticates until unlock;
        0x3700 logged (locking a locked terminal changes and logs nothing)."""
        with self._lock:
            if not self.locked:
                self.locked = True
                self.engine.reset()
                self.log(Code.DEVICE_UI_LOCKED)

    def unlock(self) -> None:
        """Unlock: 0x3800 logged (unlocking an unlocked terminal changes and logs nothing)."""
        with self._lock:
            if self.locked:
                self.locked = False
                self.log(Code.DEVICE_UI_UNLOCKED)

    def clear_db(self) -> None:
        """ClearDB: every user goes (the documentation: 'the user database'), with the blacklist and
        face auth groups; 0x4501 logged. The log and the configurations stay."""
        with self._lock:
            self._clear_users()
            self.log(Code.DEVICE_DATABASE_RESET)

    def _clear_users(self) -> None:
        self.engine.reset()
        self.roster = self._new_roster()
        self.engine.directory = self.roster
        self.face_groups.clear()
        self.blacklist.clear()

    def reset_config(self, with_network: bool, with_db: bool) -> None:
        """ResetConfig: every configuration back to its factory default (config_parts), and with
        withDB the database (reading reset_config_db: the users too, or only access data). Logs
        0x4501 for the database, then 0x4500 (network included) or 0x4503 (network kept); the
        simulated network settings are the terminal's address, which is its factory one."""
        with self._lock:
            if with_db:
                if self.readings["reset_config_db"] == "users":
                    self._clear_users()
                self.log(Code.DEVICE_DATABASE_RESET)
            for part in self.config_parts:
                part.reset()
            self.log(Code.DEVICE_CONFIG_RESET if with_network else Code.DEVICE_CONFIG_RESET_EX)

    def factory_reset(self) -> None:
        """FactoryReset, up to its restart (the gateway's): no user, an empty log (IDs from 1, as
        from the factory), every configuration, the lock and the hash key as from the factory; the
        firmware stays. The new log's first record is 0x4502."""
        with self._lock:
            self._clear_users()
            self.event_log = self._new_event_log()
            self.image_log.clear()
            for part in self.config_parts:
                part.reset()
            self.locked = False
            self._use_hash_key(maintenance.DEFAULT_HASH_KEY)
            self.log(Code.DEVICE_FACTORY_RESET)

    def upgrade_firmware(self, image: FirmwareImage, what: str) -> None:
        """UpgradeFirmware, up to its restart (the gateway's): an image for this device type
        becomes the firmware version GetInfo reports; 0x4300 logged."""
        maintenance.check_fits(image, self.model, self.label, what)
        with self._lock:
            self.firmware_version = image.version
            self.log(Code.DEVICE_FIRMWARE_UPGRADED)

    def shut_down(self) -> None:
        """The terminal goes down to restart: a half-done attempt ends unlogged, and each waiting
        Scan fails UNAVAILABLE (its terminal went away)."""
        with self._lock:
            self.engine.reset()
            self.scans.abort_all(f"{self.label} restarted while the scan waited")

    def started(self) -> None:
        """The terminal is back from a restart: 0x3100 logged. What it stores (users, log,
        configurations, lock, hash key, firmware) it kept."""
        self.log(Code.DEVICE_SYSTEM_STARTED)

    # -- the PIN hash key --------------------------------------------------------------------

    def hash_key_state(self) -> tuple[bool, int]:
        """GetHashKey: whether the key is the default one, and its checksum (reading
        hash_key_checksum)."""
        with self._lock:
            key = self.hash_key
        return key == maintenance.DEFAULT_HASH_KEY, maintenance.checksum(
            key, self.readings["hash_key_checksum"]
        )

    def set_hash_key(self, key: bytes) -> None:
        """SetHashKey. A PIN typed is then hashed under the new key (the default key: by reading
        pin_hash); the users' stored PIN hashes stay as they are, so one made under the old key no
        longer matches until the user is sent a hash under the new one."""
        with self._lock:
            self._use_hash_key(key)

    def _use_hash_key(self, key: bytes) -> None:
        self.hash_key = key
        rules = self._factory_rules
        if key != maintenance.DEFAULT_HASH_KEY:
            rules = replace(rules, pin_hash=maintenance.pin_hash_under(key))
        self.rules = self.roster.rules = self.engine.rules = rules
