"""What one scenario did with the FindFace API, and how it is undone: the devices it logged in
(each with its own uuid), every token the server handed it (even from a login a correct server
refuses), the blocklist records it made, and the last answer. Everything is found by what the
scenario created (its uuids, its record IDs), never by position in a list, so other clients of the
same account and other runs at the same time are never touched.

The undo tries every record and every token, each retried on transient failures (no connection,
502/503/504) within one budget of CLEANUP_BUDGET seconds for the whole cleanup, and names on which
server what it could not end is left (FindFaceUndoError: infrastructure)."""

from __future__ import annotations

import datetime as dt
import itertools
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial

from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    retry_if_result,
    stop_after_delay,
    wait_fixed,
)

from biohil.common.secret import Secret
from biohil.findface.accounts import API, Account
from biohil.findface.client import FindFaceClient, FindFaceError, FindFaceUnavailable, Reply, basic
from biohil.findface.target import EXPIRY_TAG, ROLE_TAGS, FindFaceTarget, roles_of
from biohil.verdict import Cause, Unexpected

RUN = secrets.token_hex(4)  # this process's part of every device uuid
_numbers = itertools.count(1)
BLOCK_MINUTES = 10  # a block the run could not remove (a crash) lapses by itself
CLEANUP_BUDGET = 10.0  # seconds the retries of one scenario's cleanup may take in all
TRANSIENT = frozenset({502, 503, 504})  # answers of a proxy or a server starting: asked again


def new_uuid() -> str:
    return f"biohil-{RUN}-{next(_numbers)}-{secrets.token_hex(4)}"


class FindFaceUndoError(FindFaceError):
    """Something the scenario created on the server could not be removed: what is left, where."""

    cause = Cause.INFRASTRUCTURE

    def __init__(self, server: str, left: list[str]) -> None:
        self.server, self.left = server, list(left)
        super().__init__(
            f"the FindFace cleanup left {len(left)} thing{'s' if len(left) != 1 else ''} on {server}: "
            + "; ".join(left)
        )


class UndeclaredNeed(Exception):
    """A step uses what its scenario's tags do not declare (a role account, a token expiry), so
    applicability could not be decided before the first login: the suite's own mistake."""


@dataclass
class Device:
    name: str
    account: Account
    uuid: str
    token: Secret | None = field(default=None, repr=False)  # the last token its logins got
    expiry: dt.datetime | None = None  # the last login's token_expiration_datetime

    def __repr__(self) -> str:
        return f"Device({self.name}, {self.account.username}, {self.uuid}{', token' if self.token else ''})"


@dataclass
class Held:
    """A token the server handed the scenario: logged out at the end, whatever happened."""

    device: Device
    token: Secret = field(repr=False)
    inactive: bool  # a face_and_password face token the password has not completed yet

    def __repr__(self) -> str:
        return f"Held({self.device.name}{', inactive' if self.inactive else ''})"

    def describe(self) -> str:
        d = self.device
        step = "the face step of " if self.inactive else ""
        return f"{step}a session of {d.account.username} on device {d.uuid} (the {d.name} device)"


@dataclass(frozen=True)
class BlockRecord:
    record_id: int | str
    by: Device  # the administrator's device that made it
    uuid: str  # the device it blocks
    until: dt.datetime

    def describe(self) -> str:
        return (
            f"blocklist record {self.record_id} blocking device {self.uuid} "
            f"(it lapses by itself at {self.until.isoformat(timespec='seconds')})"
        )


class ApiSession:
    def __init__(self, target: FindFaceTarget, tags: Iterable[str] = ()) -> None:
        self.target = target
        self.client: FindFaceClient = target.client
        self.tags = set(tags)  # the scenario's: what it declared it needs (target.admit checked it)
        self.devices: dict[str, Device] = {}
        self.held: list[Held] = []
        self.blocks: list[BlockRecord] = []
        self.reply: Reply | None = None
        self.pages: list[list[dict[str, object]]] = []  # the last session list read, page by page
        self.session_id: str | None = None  # the session the scenario looked up last
        self.looked_up: Device | None = None  # whose session that was
        self.renewed_from: dt.datetime | None = None  # the expiry before a renewal

    def __repr__(self) -> str:
        return f"ApiSession({list(self.devices)}, {len(self.blocks)} blocks, last {self.reply!r})"

    def account(self, role: str) -> Account:
        """The account of a role; any but the API user's must be declared by the scenario's tag,
        so that a scenario without it is found not applicable before anyone logs in."""
        if role != API and role not in roles_of(self.tags):
            tag = next(t for t, r in ROLE_TAGS.items() if r == role)
            raise UndeclaredNeed(f"the scenario logs in as the {role} account without the tag @{tag}")
        return self.target.account(role)

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
        correct server would not give, is the device's and is logged out at the end. A role
        account's login answer must show the role (RoleError naming the account otherwise)."""
        account = device.account
        reply = self.client.login(basic(account.username, account.password), uuid, video_auth_token)
        self._took(device, reply, inactive=False, completes=video_auth_token)
        if reply.status == 200 and reply.token is not None and account.role != API:
            self.target.check_role(account, reply.body.get("user"))
        return reply

    def log_in_refused(self, name: str, account: Account, authorization: Secret | None) -> Reply:
        """A login a correct server refuses (a wrong password, no credentials) from a new device:
        a token it hands out all the same is logged out at the end."""
        device = self.add_device(name, account)
        reply = self.client.login(authorization, device.uuid)
        self._took(device, reply, inactive=False)
        return reply

    def log_in_by_face(self, name: str, account: Account, video: bytes, inactive: bool) -> Reply:
        device = self.add_device(name, account)
        reply = self.client.video_auth(video, device.uuid)
        self._took(device, reply, inactive)
        return reply

    def _took(self, device: Device, reply: Reply, inactive: bool, completes: Secret | None = None) -> None:
        """Keeps the answer, and any token in it to log out at the end. A login that carried a
        face token and succeeded has completed it: that token is no longer inactive."""
        self.reply = reply
        if completes is not None and reply.status == 200:
            for held in self.held:
                if held.token == completes:
                    held.inactive = False
        if reply.token is None:
            return
        known = next((h for h in self.held if h.token == reply.token), None)
        if known is None:
            self.held.append(Held(device, reply.token, inactive))
        else:
            known.inactive = inactive
        device.token, device.expiry = reply.token, reply.expiry

    def let_expire(self, name: str) -> None:
        """Until the device's token has expired (the scenario must declare @token_expiry)."""
        if EXPIRY_TAG not in self.tags:
            raise UndeclaredNeed(f"the scenario waits for a token to expire without the tag @{EXPIRY_TAG}")
        device = self.device(name)
        if device.expiry is None:  # token_expiration_datetime is a required field of the answer
            raise Unexpected(f"the {name} device's login gave no expiry date")
        self.target.let_expire(self.token(name), device.expiry)

    def block(self, by: str, uuid: str) -> Reply:
        until = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=BLOCK_MINUTES)
        reply = self.client.block_device(
            self.token(by), uuid, "biohil acceptance test: blocks its own device", until
        )
        self.reply = reply
        if reply.status == 201 and "id" in reply.body:
            self.blocks.append(BlockRecord(reply.body["id"], self.device(by), uuid, until))
        return reply

    def after_block(self, name: str) -> Reply | None:
        """The device's token asked about (GET /users/me/) until it is refused, for as long as a
        block may take to log it out on this server (target.logout_wait); the last answer."""
        token = self.token(name)
        asking = Retrying(
            retry=retry_if_result(lambda r: r.status == 200),
            stop=stop_after_delay(self.target.logout_wait),
            wait=wait_fixed(0.5),
            retry_error_callback=lambda state: state.outcome.result() if state.outcome else None,
        )
        reply: Reply | None = asking(lambda: self.client.me(token))
        return reply

    def own_sessions(self, by: str, *names: str, limit: int | None = None) -> list[list[dict[str, object]]]:
        """The pages of the session list, as `by` sees it, filtered to these devices' uuids."""
        params: dict[str, str | int | list[str]] = {"uuid_in": [self.device(n).uuid for n in names]}
        if limit is not None:
            params["limit"] = limit
        return self.client.session_pages(self.token(by), params)

    # -- the undo ------------------------------------------------------------------------------

    def cleanup(self, budget: float = CLEANUP_BUDGET) -> None:
        """Removes the blocks, then logs out every token the scenario received (a face token the
        password never completed is completed first: an inactive token cannot log out). Each is
        tried, each retried on transient failures while the budget lasts; FindFaceUndoError lists
        what is left."""
        deadline = time.monotonic() + budget
        left: list[str] = []
        with self.client.within(deadline):
            for record in self.blocks:
                left += self._unblock(record, deadline)
            for held in list(self.held):  # the unblocking may have added an administrator's login
                left += self._end(held, deadline)
        if left:
            raise FindFaceUndoError(self.client.base_url, left)

    def _ask(self, deadline: float, call: Callable[[], Reply]) -> Reply:
        """One request of the undo, asked again after a transient failure until the deadline
        (tried once at least); its last answer, or its last error."""

        def pause(state: RetryCallState) -> float:
            backoff = 0.2 * 2.0 ** (state.attempt_number - 1)
            return max(0.0, min(backoff, 2.0, deadline - time.monotonic()))

        def last(state: RetryCallState) -> Reply:
            assert state.outcome is not None
            answer: Reply = state.outcome.result()  # raises the last error, if it was one
            return answer

        retrying = Retrying(
            retry=retry_if_exception_type(FindFaceUnavailable)
            | retry_if_result(lambda r: r.status in TRANSIENT),
            stop=lambda state: time.monotonic() >= deadline,
            wait=pause,
            retry_error_callback=last,
        )
        return retrying(call)

    def _end(self, held: Held, deadline: float) -> list[str]:
        account, uuid = held.device.account, held.device.uuid
        tokens = [held.token]
        try:
            if held.inactive:
                authorization = basic(account.username, account.password)
                done = self._ask(deadline, partial(self.client.login, authorization, uuid, held.token))
                if done.token is None:
                    return [f"{held.describe()}: completing it to log it out was answered {done}"]
                if done.token != held.token:
                    tokens.insert(0, done.token)
        except FindFaceError as e:
            return [f"{held.describe()}: completing it to log it out failed: {e}"]
        left = []
        for token in tokens:
            try:
                reply = self._ask(deadline, partial(self.client.logout, token))
            except FindFaceError as e:
                left.append(f"{held.describe()}: its logout failed: {e}")
                continue
            if reply.status not in (204, 401):  # 401: the scenario (or a retry) already ended it
                left.append(f"{held.describe()}: its logout was answered {reply}")
        return left

    def _unblock(self, record: BlockRecord, deadline: float) -> list[str]:
        """Deletes the record with the administrator's token; if that session has ended (the
        scenario may have closed it), with a fresh login, logged out with the others."""
        by, record_id = record.by, record.record_id
        try:
            reply = (
                self._ask(deadline, partial(self.client.unblock_device, by.token, record_id))
                if by.token
                else None
            )
            if reply is None or reply.status == 401:
                fresh = self.add_device(f"{by.name} (cleanup)", by.account)
                authorization = basic(by.account.username, by.account.password)
                login = self._ask(deadline, partial(self.client.login, authorization, fresh.uuid))
                self._took(fresh, login, inactive=False)
                if fresh.token is None:
                    return [
                        f"{record.describe()}: the administrator's login to remove it was answered {login}"
                    ]
                reply = self._ask(deadline, partial(self.client.unblock_device, fresh.token, record_id))
        except FindFaceError as e:
            return [f"{record.describe()}: {e}"]
        if reply.status not in (204, 404):  # 404: already gone
            return [f"{record.describe()}: removing it was answered {reply}"]
        return []
