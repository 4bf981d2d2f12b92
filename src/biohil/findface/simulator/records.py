"""The API's objects as the simulator keeps them (users, sessions, blocklist records, the audit
trail) and the face a test shows it; each renders its own JSON payload."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

FACE_PREFIX = b"biohil-simulated-face:"


def face_video(username: str) -> bytes:
    """A 'video' that shows this user's face to the simulator."""
    return FACE_PREFIX + username.encode()


@dataclass
class User:
    id: int
    name: str
    password: str = field(repr=False)
    real_name: str
    is_admin: bool = False
    all_own_sessions: bool = False  # may see and close every session opened under this name

    def permissions(self) -> list[str]:
        """What the user may do with sessions and the blocklist, as FindFace lists it (Django's
        app.codename): an administrator everything, all_own_sessions its two, anyone else none."""
        own = ["ffsecurity.view_all_own_sessions", "ffsecurity.delete_all_own_sessions"]
        if not self.is_admin:
            return own if self.all_own_sessions else []
        return [
            "ffsecurity.add_deviceblacklistrecord",
            "ffsecurity.change_deviceblacklistrecord",
            "ffsecurity.delete_deviceblacklistrecord",
            "ffsecurity.view_deviceblacklistrecord",
            "ffsecurity.add_ffsecauthsession",
            "ffsecurity.change_ffsecauthsession",
            "ffsecurity.delete_ffsecauthsession",
            "ffsecurity.view_ffsecauthsession",
            *own,
        ]

    def payload(self, created: str) -> dict[str, Any]:
        """The `User` object of the API."""
        return {
            "id": self.id,
            "active": True,
            "created_date": created,
            "groups": [1 if self.is_admin else 3],
            "modified_date": created,
            "permissions": self.permissions(),
            "real_name": self.real_name,
            "name": self.name,
            "comment": "",
            "camera_group_permissions": {},
            "watch_list_permissions": {},
            "group_permissions": {},
            "primary_group": 1 if self.is_admin else 3,
            "language": "en-us",
            "has_face": True,
            "face_cover": None,
            "ad_user": False,
        }


@dataclass
class Session:
    id: str
    token: str = field(repr=False)
    user: User
    uuid: str
    mobile: bool
    device_info: Any
    ip: str
    created: dt.datetime
    expires: dt.datetime
    active: bool
    last_ping: dt.datetime

    def payload(self) -> dict[str, Any]:
        """The `AuthSession` object of the API."""
        return {
            "id": self.id,
            "status": "online",
            "active": self.active,
            "uuid": self.uuid,
            "mobile": self.mobile,
            "device_info": self.device_info,
            "ip": self.ip,
            "last_ping_date": iso_time(self.last_ping),
            "user__username": self.user.name,
            "created_date": iso_time(self.created),
            "user_id": self.user.id,
        }


def iso_time(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Block:
    """A device blocklist record."""

    id: int
    uuid: str
    reason: str
    expire_date: dt.datetime | None
    created: dt.datetime

    def payload(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "reason": self.reason,
            "expire_date": iso_time(self.expire_date) if self.expire_date is not None else None,
            "created_date": iso_time(self.created),
        }

    def in_force(self, now: dt.datetime) -> bool:
        return self.expire_date is None or now < self.expire_date


@dataclass(frozen=True)
class Audited:
    """Who ended which session: the device uuid of the session acting and of the one ended."""

    action: str  # logout, delete_session, block_device
    actor_uuid: str
    target_uuid: str
