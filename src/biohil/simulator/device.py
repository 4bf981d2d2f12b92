"""One simulated terminal: its users, auth config, event log and monitoring flag."""

from __future__ import annotations

import threading
from collections.abc import Callable

from biohil.eventcodes import Code, UserChangeOrigin
from biohil.gsdk import auth_pb2, card_pb2, event_pb2, face_pb2, finger_pb2, user_pb2
from biohil.simulator import validation
from biohil.simulator.clock import Clock
from biohil.simulator.errors import already_exists, invalid, not_found
from biohil.simulator.eventlog import EventLog, Record, check_filters
from biohil.simulator.models import DeviceSpec

EventSink = Callable[[event_pb2.EventLog], None]


class SimDevice:
    def __init__(self, spec: DeviceSpec, clock: Clock, on_event: EventSink) -> None:
        self.spec = spec
        self.model = spec.model
        self.device_id = spec.device_id
        self._clock = clock
        self._on_event = on_event  # the gateway's realtime fan-out
        self._lock = threading.RLock()
        self._users: dict[str, user_pb2.UserInfo] = {}
        self._log = EventLog(self.model.max_event_logs)
        self._monitoring = False
        self._auth = auth_pb2.AuthConfig(
            authSchedules=[
                auth_pb2.AuthSchedule(mode=m, scheduleID=validation.ALWAYS_SCHEDULE)  # type: ignore[arg-type]
                for m in self.model.default_modes
            ],
            matchTimeout=self.model.default_match_timeout,
            authTimeout=self.model.default_auth_timeout,
        )

    def __repr__(self) -> str:
        return f"SimDevice({self.model.name} {self.device_id})"

    @property
    def label(self) -> str:
        return f"{self.model.name} {self.device_id}"

    # -- event log -------------------------------------------------------------------------

    def log(self, code: int, sub_code: int = 0, user_id: str = "", card_data: bytes = b"") -> Record:
        with self._lock:
            record = self._log.append(
                timestamp=self._clock.timestamp(),
                event_code=code,
                sub_code=sub_code,
                user_id=user_id,
                card_data=card_data,
            )
            if self._monitoring:
                self._on_event(record.to_proto(self.device_id))
            return record

    def read_log(
        self, start_id: int, max_count: int, filters: list[event_pb2.EventFilter] | None = None
    ) -> list[event_pb2.EventLog]:
        checked = check_filters(filters) if filters is not None else None
        with self._lock:
            records = self._log.read(start_id, max_count, checked)
        return [r.to_proto(self.device_id) for r in records]

    def set_monitoring(self, enabled: bool) -> None:
        with self._lock:
            self._monitoring = enabled

    @property
    def monitoring(self) -> bool:
        return self._monitoring

    # -- auth config -----------------------------------------------------------------------

    def auth_config(self) -> auth_pb2.AuthConfig:
        with self._lock:
            out = auth_pb2.AuthConfig()
            out.CopyFrom(self._auth)
            return out

    def set_auth_config(self, config: auth_pb2.AuthConfig) -> None:
        """Inferred: SetConfig replaces the whole config (there is no field mask)."""
        validation.auth_config(config, self.model)
        with self._lock:
            self._auth.CopyFrom(config)

    # -- users -----------------------------------------------------------------------------

    def enroll(self, users: list[user_pb2.UserInfo], overwrite: bool) -> None:
        """All or nothing: every user is checked before any is stored."""
        if not users:
            raise invalid("Enroll: users is empty; send at least one UserInfo")
        ids = [u.hdr.ID for u in users]
        if len(set(ids)) != len(ids):
            raise invalid("Enroll: the request holds the same user ID more than once")
        stored = [self._normalised(u) for u in users]
        with self._lock:
            if len(self._users) + sum(u.hdr.ID not in self._users for u in stored) > self.model.max_users:
                raise invalid(f"Enroll: {self.label} is full ({self.model.max_users} users)")
            if not overwrite:
                taken = [u.hdr.ID for u in stored if u.hdr.ID in self._users]
                if taken:
                    raise already_exists(
                        f"Enroll: user {taken[0]} already exists on {self.label}; set overwrite to replace it"
                    )
            for user in stored:
                # Inferred: replacing an existing user logs an update, a new one an enrolment.
                code = Code.USER_UPDATE_SUCCESS if user.hdr.ID in self._users else Code.USER_ENROLL_SUCCESS
                self._users[user.hdr.ID] = user
                self.log(code, UserChangeOrigin.BY_SERVER, user.hdr.ID)

    def _normalised(self, user: user_pb2.UserInfo) -> user_pb2.UserInfo:
        validation.user_info(user, self.model)
        out = user_pb2.UserInfo()
        out.CopyFrom(user)
        out.setting.CopyFrom(validation.user_setting(user.setting, user.HasField("setting"), self.model))
        out.hdr.updateMask = 0
        self._count_credentials(out)
        return out

    @staticmethod
    def _count_credentials(user: user_pb2.UserInfo) -> None:
        user.hdr.numOfCard = len(user.cards)
        user.hdr.numOfFinger = len(user.fingers)
        user.hdr.numOfFace = len(user.faces)

    def _existing(self, uid: str, what: str) -> user_pb2.UserInfo:
        try:
            return self._users[uid]
        except KeyError:
            raise not_found(f"{what}: user {uid} is not enrolled on {self.label}") from None

    def get_users(self, user_ids: list[str]) -> list[user_pb2.UserInfo]:
        ids = validation.user_ids(user_ids, "Get")
        with self._lock:
            found = [self._existing(uid, "Get") for uid in ids]
            return [self._copy(u) for u in found]

    @staticmethod
    def _copy(user: user_pb2.UserInfo) -> user_pb2.UserInfo:
        out = user_pb2.UserInfo()
        out.CopyFrom(user)
        return out

    def user_headers(self) -> list[user_pb2.UserHdr]:
        with self._lock:
            headers = []
            for u in self._users.values():
                hdr = user_pb2.UserHdr()
                hdr.CopyFrom(u.hdr)
                headers.append(hdr)
            return headers

    def delete_users(self, user_ids: list[str]) -> None:
        ids = validation.user_ids(user_ids, "Delete")
        with self._lock:
            for uid in ids:  # check all first: a failed Delete removes nobody
                self._existing(uid, "Delete")
            for uid in ids:
                del self._users[uid]
                self.log(Code.USER_DELETE_SUCCESS, UserChangeOrigin.BY_SERVER, uid)

    def delete_all_users(self) -> None:
        with self._lock:
            self._users.clear()
            self.log(Code.USER_DELETE_ALL_SUCCESS, UserChangeOrigin.BY_SERVER)

    def set_cards(self, items: list[tuple[str, list[card_pb2.CSNCardData]]]) -> None:
        self._set_credentials("SetCard", "cards", items, validation.cards)

    def set_fingers(self, items: list[tuple[str, list[finger_pb2.FingerData]]]) -> None:
        self._set_credentials("SetFinger", "fingers", items, validation.fingers)

    def set_faces(self, items: list[tuple[str, list[face_pb2.FaceData]]]) -> None:
        self._set_credentials("SetFace", "faces", items, validation.faces)

    def _set_credentials(self, what: str, field: str, items: list, check: Callable) -> None:  # type: ignore[type-arg]
        """Inferred: Set{Card,Finger,Face} replace the user's credentials of that kind and log an update."""
        if not items:
            raise invalid(f"{what}: the request names no user")
        ids = validation.user_ids([uid for uid, _ in items], what)
        for uid, creds in items:
            check(uid, creds, self.model)
        with self._lock:
            for uid in ids:
                self._existing(uid, what)
            for uid, creds in items:
                user = self._users[uid]
                user.ClearField(field)
                getattr(user, field).extend(creds)
                self._count_credentials(user)
                self.log(Code.USER_UPDATE_SUCCESS, UserChangeOrigin.BY_SERVER, uid)
