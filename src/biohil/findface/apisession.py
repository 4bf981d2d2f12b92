"""What one scenario did with the FindFace API, and how it is undone: the devices it logged in
(each with its own uuid), the blocklist records it made, and the last answer. Everything is
found by what the scenario created (its uuids, its record IDs), never by position in a list, so
other clients of the same account and other runs at the same time are never touched."""

from __future__ import annotations

import datetime as dt
import itertools
import secrets
from dataclasses import dataclass, field

from biohil.common.secret import Secret
from biohil.findface.accounts import Account
from biohil.findface.client import FindFaceClient, FindFaceError, Reply, basic
from biohil.findface.target import FindFaceTarget
from biohil.verdict import Cause

RUN = secrets.token_hex(4)  # this process's part of every device uuid
_numbers = itertools.count(1)
BLOCK_MINUTES = 10  # a block the run could not remove (a crash) lapses by itself


def new_uuid() -> str:
    return f"biohil-{RUN}-{next(_numbers)}-{secrets.token_hex(4)}"


class FindFaceUndoError(FindFaceError):
    """Something the scenario created on the server could not be removed."""

    cause = Cause.INFRASTRUCTURE


@dataclass
class Device:
    name: str
    account: Account
    uuid: str
    token: Secret | None = field(default=None, repr=False)
    inactive: bool = False  # a face_and_password face token the password has not completed yet
    expiry: dt.datetime | None = None  # the last login's token_expiration_datetime

    def __repr__(self) -> str:
        return f"Device({self.name}, {self.account.username}, {self.uuid}{', token' if self.token else ''})"


@dataclass(frozen=True)
class BlockRecord:
    record_id: int | str
    by: Device  # the administrator's device that made it


class ApiSession:
    def __init__(self, target: FindFaceTarget) -> None:
        self.target = target
        self.client: FindFaceClient = target.client
        self.devices: dict[str, Device] = {}
        self.blocks: list[BlockRecord] = []
        self.reply: Reply | None = None
        self.pages: list[list[dict[str, object]]] = []  # the last session list read, page by page
        self.session_id: str | None = None  # the session the scenario looked up last
        self.looked_up: Device | None = None  # whose session that was
        self.renewed_from: dt.datetime | None = None  # the expiry before a renewal

    def __repr__(self) -> str:
        return f"ApiSession({list(self.devices)}, {len(self.blocks)} blocks, last {self.reply!r})"

    def device(self, name: str) -> Device:
        assert name in self.devices, f"the scenario has no device called {name!r}"
        return self.devices[name]

    def token(self, name: str) -> Secret:
        token = self.device(name).token
        assert token is not None, f"the {name} device holds no token: its login was answered {self.reply}"
        return token

    def add_device(self, name: str, account: Account) -> Device:
        device = Device(name, account, new_uuid())
        self.devices[name] = device
        return device

    def log_in(self, name: str, account: Account, video_auth_token: Secret | None = None) -> Reply:
        """A password login (with the face token in face_and_password) from a device."""
        device = self.devices.get(name) or self.add_device(name, account)
        return self.log_in_as(device, device.uuid, video_auth_token)

    def log_in_as(self, device: Device, uuid: str | None, video_auth_token: Secret | None = None) -> Reply:
        """A password login that sends this uuid (None: none at all); a token it gets, even one a
        correct server would not give, is the device's and is logged out at the end."""
        account = device.account
        reply = self.client.login(basic(account.username, account.password), uuid, video_auth_token)
        self._took(device, reply, inactive=False)
        return reply

    def log_in_by_face(self, name: str, account: Account, video: bytes, inactive: bool) -> Reply:
        device = self.add_device(name, account)
        reply = self.client.video_auth(video, device.uuid)
        self._took(device, reply, inactive)
        return reply

    def _took(self, device: Device, reply: Reply, inactive: bool) -> None:
        self.reply = reply
        if reply.token is not None:
            device.token, device.inactive = reply.token, inactive
            device.expiry = reply.expiry

    def block(self, by: str, uuid: str) -> Reply:
        until = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=BLOCK_MINUTES)
        reply = self.client.block_device(
            self.token(by), uuid, "biohil acceptance test: blocks its own device", until
        )
        self.reply = reply
        if reply.status == 201 and "id" in reply.body:
            self.blocks.append(BlockRecord(reply.body["id"], self.device(by)))
        return reply

    def own_sessions(self, by: str, *names: str, limit: int | None = None) -> list[list[dict[str, object]]]:
        """The pages of the session list, as `by` sees it, filtered to these devices' uuids."""
        params: dict[str, str | int | list[str]] = {"uuid_in": [self.device(n).uuid for n in names]}
        if limit is not None:
            params["limit"] = limit
        return self.client.session_pages(self.token(by), params)

    def cleanup(self) -> None:
        """Removes the blocks, then ends every session the scenario opened (a face token the
        password never completed is completed first: an inactive token cannot log out)."""
        problems: list[str] = []
        for record in self.blocks:
            problems += self._unblock(record)
        for device in self.devices.values():
            if device.token is None:
                continue
            token = device.token
            if device.inactive:
                account = device.account
                done = self.client.login(basic(account.username, account.password), device.uuid, token)
                if done.token is None:
                    problems.append(f"the {device.name} device's face session could not be completed: {done}")
                    continue
                token = done.token
            reply = self.client.logout(token)
            if reply.status not in (204, 401):  # 401: the scenario already ended it
                problems.append(f"the {device.name} device's logout was answered {reply}")
        if problems:
            raise FindFaceUndoError("; ".join(problems))

    def _unblock(self, record: BlockRecord) -> list[str]:
        """Deletes the record with the administrator's token; if that session has ended (the
        scenario may have closed it), with a fresh login that is logged out again."""
        reply = self.client.unblock_device(record.by.token, record.record_id) if record.by.token else None
        if reply is None or reply.status == 401:
            account = record.by.account
            fresh = self.client.login(basic(account.username, account.password), new_uuid()).token
            if fresh is None:
                return [f"blocklist record {record.record_id} could not be removed: no administrator login"]
            reply = self.client.unblock_device(fresh, record.record_id)
            self.client.logout(fresh)
        if reply.status not in (204, 404):  # 404: already gone
            return [f"removing blocklist record {record.record_id} was answered {reply}"]
        return []
