"""A simulated FindFace Multi server: the REST API authentication, over a real HTTP(S) server.

Serves GET /config.json, POST /auth/login/, /auth/logout/, /auth/video-auth/,
/auth/video-auth-renew/, GET /users/me/, GET /sessions/ (the documented filters, cursor
pagination), GET and DELETE /sessions/{id}/, and the device blocklist
(/device-blacklist-records/), with error bodies {traceback, code, desc, param} and the
documented session permissions (administrator: every session; all_own_sessions: all of the
user's own; anyone else: the current one). What the research notes mark as inferred is an
option of `Options`, listed in its docstring.

The "face" in an uploaded video is chosen by the test: a video whose bytes are
`face_video(username)` shows that user's face; any other video shows nobody known.

The authentication type is fixed when the server starts (a real server is configured in its
files); `State.expire_now` and `State.audit` are for the suite's own tests and fixtures.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import datetime as dt
import json
import os
import re
import secrets
import signal
import ssl
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import parse_qs, urlencode

from biohil.findface.authtypes import AUTH_TYPES, DEFAULT_SESSION_LENGTH, check

MAX_JSON_BYTES = 1 << 20
MAX_VIDEO_BYTES = 64 << 20
FACE_PREFIX = b"biohil-simulated-face:"
TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"
DEFAULT_PAGE = 20
MAX_PAGE = 1000


def face_video(username: str) -> bytes:
    """A 'video' that shows this user's face to the simulator."""
    return FACE_PREFIX + username.encode()


@dataclass(frozen=True)
class Options:
    """Behaviour the sources leave open, one switch each (defaults: the most plausible reading).

    check_credentials_first: like Django REST framework, a login with bad credentials AND a bad
        uuid gets 401 before the 400 (the third-party mock answers 400 first).
    password_login_in_face_mode: "refuse" a password login when AUTH_TYPE is face, or "allow" it.
    token_length: tokens are opaque strings of [a-z0-9] (knox's default length 64).
    www_authenticate: send DRF's WWW-Authenticate header on 401 answers.
    drop_paths: a fault for the suite's own tests: requests to these paths are read and the
        connection is closed without an answer.
    """

    check_credentials_first: bool = True
    password_login_in_face_mode: str = "refuse"
    token_length: int = 64
    www_authenticate: bool = True
    drop_paths: frozenset[str] = frozenset()


@dataclass
class User:
    id: int
    name: str
    password: str = field(repr=False)
    real_name: str
    is_admin: bool = False
    all_own_sessions: bool = False  # may see and close every session opened under this name

    def payload(self, created: str) -> dict[str, Any]:
        """The `User` object of the API."""
        own = ["ffsecurity.view_all_own_sessions", "ffsecurity.delete_all_own_sessions"]
        return {
            "id": self.id,
            "active": True,
            "created_date": created,
            "groups": [1 if self.is_admin else 3],
            "modified_date": created,
            "permissions": own if self.all_own_sessions or self.is_admin else [],
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
            "last_ping_date": _iso(self.last_ping),
            "user__username": self.user.name,
            "created_date": _iso(self.created),
            "user_id": self.user.id,
        }


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class ApiError(Exception):
    def __init__(self, status: int, code: str, desc: str, param: str | None = None) -> None:
        super().__init__(desc)
        self.status, self.code, self.desc, self.param = status, code, desc, param

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {"traceback": "", "code": self.code, "desc": self.desc}
        if self.param is not None:
            out["param"] = self.param
        return out


def _unauthorized(desc: str) -> ApiError:
    return ApiError(401, "UNAUTHORIZED", desc)


def _bad_param(param: str, desc: str) -> ApiError:
    return ApiError(400, "BAD_PARAM", desc, param)


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
            "expire_date": _iso(self.expire_date) if self.expire_date is not None else None,
            "created_date": _iso(self.created),
        }

    def in_force(self, now: dt.datetime) -> bool:
        return self.expire_date is None or now < self.expire_date


@dataclass(frozen=True)
class Audited:
    """Who ended which session: the device uuid of the session acting and of the one ended."""

    action: str  # logout, delete_session, block_device
    actor_uuid: str
    target_uuid: str


class State:
    """Users, sessions, tokens and blocks; every method is one locked step."""

    def __init__(self, auth_type: str, users: list[User], session_length: int, options: Options) -> None:
        self.auth_type = check(auth_type)
        self.users = {u.name: u for u in users}
        self.session_length = session_length
        self.options = options
        self.sessions: dict[str, Session] = {}
        self.by_token: dict[str, Session] = {}
        self.blocks: dict[int, Block] = {}
        self.created = _iso(_now())
        self.lock = threading.Lock()
        self.ended_tokens: list[str] = []
        self.audit: list[Audited] = []

    def issued_tokens(self) -> list[str]:
        """Every token issued so far (for tests that check no secret leaked)."""
        with self.lock:
            return [s.token for s in self.sessions.values()] + self.ended_tokens

    def expire_now(self, token: str) -> None:
        """Lets this one token's expiry date pass (the suite's fixture; a real server waits)."""
        with self.lock:
            session = self.by_token.get(token)
            if session is not None:
                session.expires = _now() - dt.timedelta(seconds=1)

    def new_session(self, user: User, body: dict[str, Any], ip: str, active: bool) -> Session:
        now = _now()
        if any(b.uuid == body["uuid"] and b.in_force(now) for b in self.blocks.values()):
            raise _unauthorized("This device is blocked.")  # inferred: the answer is undocumented
        token = "".join(secrets.choice(TOKEN_CHARS) for _ in range(self.options.token_length))
        session = Session(
            id=secrets.token_hex(16),
            token=token,
            user=user,
            uuid=body["uuid"],
            mobile=bool(body.get("mobile", False)),
            device_info=body.get("device_info", {}),
            ip=ip,
            created=now,
            expires=now + dt.timedelta(seconds=self.session_length),
            active=active,
            last_ping=now,
        )
        self.sessions[session.id] = session
        self.by_token[token] = session
        return session

    def end(self, session: Session, action: str | None = None, actor: Session | None = None) -> None:
        self.sessions.pop(session.id, None)
        if self.by_token.pop(session.token, None) is not None:
            self.ended_tokens.append(session.token)
        if action is not None:
            self.audit.append(Audited(action, actor.uuid if actor else session.uuid, session.uuid))

    def session_of(self, token: str, active_only: bool = True) -> Session:
        session = self.by_token.get(token)
        if session is None or (active_only and not session.active):
            raise _unauthorized("Invalid token.")
        if session.expires <= _now():
            self.end(session)
            raise _unauthorized("Invalid token.")
        session.last_ping = _now()
        return session

    def may_see(self, me: Session, other: Session) -> bool:
        """The documented rule: an administrator every session, a user with all_own_sessions all
        of their own, anyone else only the current one."""
        user = me.user
        return user.is_admin or other is me or (user.all_own_sessions and other.user is user)

    def listed(self, me: Session) -> list[Session]:
        shown = self.auth_type == "face_and_password"  # inactive sessions show only in that type
        return [x for x in self.sessions.values() if self.may_see(me, x) and (x.active or shown)]


def login_result(session: Session, state: State) -> dict[str, Any]:
    return {
        "token": session.token,
        "user": session.user.payload(state.created),
        "token_expiration_datetime": _iso(session.expires),
    }


class Handler(BaseHTTPRequestHandler):
    server_version = "FindFaceSimulator/1"
    protocol_version = "HTTP/1.1"
    state: State  # set on the subclass made per server
    raw_body = b""
    query: dict[str, list[str]] = {}  # noqa: RUF012  (set per request)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the request line is not needed, and headers (credentials) are never logged."""

    # -- plumbing ----------------------------------------------------------------------------

    def _send(self, status: int, body: Any = None, headers: dict[str, str] | None = None) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _fail(self, error: ApiError, challenge: str | None = None) -> None:
        headers = {}
        if error.status == 401 and challenge and self.state.options.www_authenticate:
            headers["WWW-Authenticate"] = challenge
        self._send(error.status, error.body(), headers)

    def _read_body(self, limit: int) -> bytes:
        """The whole request body, read before any check so the connection stays in step."""
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            self.close_connection = True
            raise ApiError(400, "BAD_PARAM", "Content-Length is not a number.") from None
        if length > limit:
            self.close_connection = True  # the rest of the body is not read
            raise ApiError(413, "REQUEST_TOO_LARGE", f"The request body is larger than {limit} bytes.")
        return self.rfile.read(length) if length > 0 else b""

    def _json(self) -> dict[str, Any]:
        content_type = self.headers.get_content_type()
        raw = self.raw_body
        if content_type != "application/json":
            raise ApiError(
                415, "UNSUPPORTED_MEDIA_TYPE", f'Unsupported media type "{content_type}" in request.'
            )
        try:
            data = json.loads(raw or b"null")
        except (ValueError, UnicodeDecodeError) as e:
            raise ApiError(400, "BAD_PARAM", f"JSON parse error - {e}") from None
        if not isinstance(data, dict):
            raise ApiError(400, "BAD_PARAM", "Invalid data. Expected a dictionary.")
        return data

    def _token(self) -> str:
        header = self.headers.get("Authorization")
        if not header:
            raise _unauthorized("Authentication credentials were not provided.")
        parts = header.split()
        if not parts or parts[0] != "Token":  # the documented form only: "Token <token>"
            raise _unauthorized("Authentication credentials were not provided.")
        if len(parts) == 1:
            raise _unauthorized("Invalid token header. No credentials provided.")
        if len(parts) > 2:
            raise _unauthorized("Invalid token header. Token string should not contain spaces.")
        return parts[1]

    def _basic(self) -> User:
        header = self.headers.get("Authorization")
        parts = (header or "").split()
        if not parts or parts[0].lower() != "basic":
            raise _unauthorized("Authentication credentials were not provided.")
        if len(parts) != 2:
            raise _unauthorized("Invalid basic header. No credentials provided.")
        try:
            name, _, password = base64.b64decode(parts[1], validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            raise _unauthorized("Invalid basic header. Credentials not correctly base64 encoded.") from None
        user = self.state.users.get(name)
        if user is None or not secrets.compare_digest(user.password.encode(), password.encode()):
            raise _unauthorized("Invalid username/password.")
        return user

    def _route(self, method: str) -> None:
        path, _, query = self.path.partition("?")
        self.query = parse_qs(query, keep_blank_values=True)
        challenge = 'Basic realm="api"' if path == "/auth/login/" else "Token"
        try:
            self.raw_body = self._read_body(MAX_VIDEO_BYTES if path in VIDEO_PATHS else MAX_JSON_BYTES)
            if path in self.state.options.drop_paths:
                self.close_connection = True  # the fault: no answer at all
                return
            for (verb, pattern), action in ROUTES.items():
                match = re.fullmatch(pattern, path)
                if match and verb == method:
                    getattr(self, action)(*match.groups())
                    return
            allowed = [v for (v, p) in ROUTES if re.fullmatch(p, path)]
            if allowed:
                error = ApiError(405, "METHOD_NOT_ALLOWED", f'Method "{method}" not allowed.')
                self._send(405, error.body(), {"Allow": ", ".join(allowed)})
            else:
                self._send(404, ApiError(404, "NOT_FOUND", "Not found.").body())
        except ApiError as e:
            self._fail(e, challenge)

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def do_PATCH(self) -> None:
        self._route("PATCH")

    def do_DELETE(self) -> None:
        self._route("DELETE")

    # -- endpoints ---------------------------------------------------------------------------

    def config_json(self) -> None:
        s = self.state
        auth = {
            "AUTH_TYPE": s.auth_type,
            "MAXIMUM_SESSION_LENGTH": s.session_length,
            "FACE_AUTH_CONFIDENCE": 0.74,
            "NEED_SESSION_RENEW": False,
            "RENEW_SESSION_INTERVAL": 0,
            "MAXIMUM_RENEW_ATTEMPTS": 2,
        }
        self._send(200, {"auth": auth})

    def login(self) -> None:
        s = self.state
        if s.options.check_credentials_first:
            user = self._basic()
            body = self._json()
        else:
            body = self._json()
            _check_uuid(body)
            user = self._basic()
        _check_uuid(body)
        if "mobile" in body and not isinstance(body["mobile"], bool):
            raise _bad_param("mobile", "Must be a valid boolean.")
        video_token = body.get("video_auth_token")
        if video_token is not None and (not isinstance(video_token, str) or not video_token):
            raise _bad_param("video_auth_token", "This field may not be blank.")
        with s.lock:
            if s.auth_type == "face" and s.options.password_login_in_face_mode == "refuse":
                raise _unauthorized("Password authentication is disabled.")
            if s.auth_type == "face_and_password":
                if video_token is None:
                    raise _bad_param("video_auth_token", "This field is required.")
                session = s.by_token.get(video_token)
                if session is None or session.active or session.user is not user:
                    raise _unauthorized("Invalid video_auth_token.")
                if any(b.uuid == session.uuid and b.in_force(_now()) for b in s.blocks.values()):
                    raise _unauthorized("This device is blocked.")
                session.active = True  # inferred: the face step's session becomes the login
                result = login_result(session, s)
            else:
                result = login_result(s.new_session(user, body, self.client_address[0], active=True), s)
        self._send(200, result)

    def _video(self) -> tuple[dict[str, Any], bytes]:
        fields = _multipart(self.headers.get("Content-Type", ""), self.raw_body)
        video = fields.get("video")
        if not isinstance(video, bytes) or not video:
            raise _bad_param("video", "No file was submitted.")
        return fields, video

    def video_auth(self) -> None:
        s = self.state
        fields, video = self._video()
        _check_uuid(fields)
        with s.lock:
            if s.auth_type == "password":
                raise _unauthorized("Face authentication is disabled.")
            name = video[len(FACE_PREFIX) :].decode(errors="replace") if video.startswith(FACE_PREFIX) else ""
            user = s.users.get(name)
            if user is None:
                raise _unauthorized("No known face was found in the video.")
            active = s.auth_type != "face_and_password"  # step 1 of 2: inactive until the password
            session = s.new_session(user, fields, self.client_address[0], active=active)
            result = login_result(session, s)
        self._send(200, result)

    def video_auth_renew(self) -> None:
        token = self._token()
        s = self.state
        video = self._video()[1]
        with s.lock:
            me = s.session_of(token)
            if s.auth_type not in ("face", "face_or_password"):  # documented for these two only
                raise _unauthorized("Session renewal by face is disabled.")
            if video != face_video(me.user.name):
                raise _unauthorized("The face in the video is not the session's user.")
            me.expires = _now() + dt.timedelta(seconds=s.session_length)
            result = {"token_expiration_datetime": _iso(me.expires), "user": me.user.payload(s.created)}
        self._send(200, result)

    def logout(self) -> None:
        token = self._token()
        with self.state.lock:
            me = self.state.session_of(token)
            self.state.end(me, "logout", me)
        self._send(204)

    def me(self) -> None:
        token = self._token()
        with self.state.lock:
            user = self.state.session_of(token).user
        self._send(200, user.payload(self.state.created))

    def sessions(self) -> None:
        token = self._token()
        s = self.state
        with s.lock:
            visible = [x.payload() for x in s.listed(s.session_of(token))]
        chosen = [x for x in visible if _matches(x, self.query)]
        self._send(200, self._page(chosen, SESSION_ORDERINGS, "created"))

    def _visible_session(self, session_id: str) -> tuple[Session, Session]:
        s = self.state
        me = s.session_of(self._token())
        target = s.sessions.get(session_id)
        if target is None:
            raise ApiError(404, "NOT_FOUND", "No AuthSession matches the given query.")
        if not s.may_see(me, target):
            raise ApiError(403, "PERMISSION_DENIED", "Permission denied")
        return me, target

    def get_session(self, session_id: str) -> None:
        with self.state.lock:
            payload = self._visible_session(session_id)[1].payload()
        self._send(200, payload)

    def delete_session(self, session_id: str) -> None:
        with self.state.lock:
            me, target = self._visible_session(session_id)
            self.state.end(target, "delete_session", me)
        self._send(204)

    def _admin(self) -> Session:
        me = self.state.session_of(self._token())
        if not me.user.is_admin:
            raise ApiError(403, "PERMISSION_DENIED", "Permission denied")
        return me

    def blocks(self) -> None:
        with self.state.lock:
            self._admin()
            records = [b.payload() for b in self.state.blocks.values()]
        self._send(
            200,
            self._page(
                [r for r in records if _matches(r, self.query)], {"created": "created_date"}, "created"
            ),
        )

    def block_device(self) -> None:
        body = self._json()
        uuid, reason, expire = body.get("uuid"), body.get("reason"), body.get("expire_date")
        if not isinstance(uuid, str) or not 0 < len(uuid) <= 256:
            raise _bad_param(
                "uuid", "This field is required." if uuid is None else "Not a valid device uuid."
            )
        if not isinstance(reason, str) or not 0 < len(reason) <= 512:
            raise _bad_param("reason", "This field is required.")
        try:
            expire_date = dt.datetime.fromisoformat(expire.replace("Z", "+00:00")) if expire else None
        except (AttributeError, ValueError):
            raise _bad_param("expire_date", "Datetime has wrong format.") from None
        s = self.state
        with s.lock:
            me = self._admin()
            block = Block(max(s.blocks, default=0) + 1, uuid, reason, expire_date, _now())
            s.blocks[block.id] = block
            for session in [x for x in s.sessions.values() if x.uuid == uuid]:
                s.end(session, "block_device", me)  # "blocking a device logs the user out"
            payload = block.payload()
        self._send(201, payload)

    def _block(self, record_id: str) -> Block:
        self._admin()
        block = self.state.blocks.get(int(record_id))
        if block is None:
            raise ApiError(404, "NOT_FOUND", "No DeviceBlacklistRecord matches the given query.")
        return block

    def get_block(self, record_id: str) -> None:
        with self.state.lock:
            payload = self._block(record_id).payload()
        self._send(200, payload)

    def unblock_device(self, record_id: str) -> None:
        with self.state.lock:
            self.state.blocks.pop(self._block(record_id).id)
        self._send(204)

    def _page(self, items: list[dict[str, Any]], orderings: dict[str, str], default: str) -> dict[str, Any]:
        """One page of a cursor-paginated list: `limit`, `ordering` (a field, "-" for descending),
        `page` (the cursor of next_page: the sort key of the last item given, so sessions that
        come or go between pages never shift the rest)."""
        ordering = self.query.get("ordering", [default])[0]
        field_name = orderings.get(ordering.lstrip("-"))
        if field_name is None:
            raise _bad_param(
                "ordering", f"Select a valid choice. {ordering} is not one of the available choices."
            )
        descending = ordering.startswith("-")
        try:
            limit = int(self.query.get("limit", [str(DEFAULT_PAGE)])[0])
        except ValueError:
            raise _bad_param("limit", "A valid integer is required.") from None
        if not 0 < limit <= MAX_PAGE:
            raise _bad_param("limit", f"Ensure this value is between 1 and {MAX_PAGE}.")

        def key(item: dict[str, Any]) -> list[str]:
            return [str(item.get(field_name)), str(item["id"])]

        items = sorted(items, key=key, reverse=descending)
        cursor = self.query.get("page", [""])[0]
        if cursor:
            try:
                after = json.loads(base64.urlsafe_b64decode(cursor.encode()))
            except (binascii.Error, ValueError):
                raise _bad_param("page", "Invalid cursor.") from None
            items = [x for x in items if (key(x) < after if descending else key(x) > after)]
        page, rest = items[:limit], items[limit:]
        following = None
        if rest:
            cursor = base64.urlsafe_b64encode(json.dumps(key(page[-1])).encode()).decode()
            query = {k: v for k, v in self.query.items() if k != "page"} | {"page": [cursor]}
            host = self.headers.get("Host", "localhost")
            scheme = "https" if isinstance(self.connection, ssl.SSLSocket) else "http"
            following = f"{scheme}://{host}{self.path.partition('?')[0]}?{urlencode(query, doseq=True)}"
        return {"next_page": following, "prev_page": None, "results": page}


SESSION_ORDERINGS = {
    "created": "created_date",
    "last_ping_date": "last_ping_date",
    "mobile": "mobile",
    "status": "status",
    "user__username": "user__username",
}
# query parameter -> field of the listed object (a parameter may be repeated: any value matches)
LIST_FILTERS = {
    "uuid_in": "uuid",
    "id_in": "id",
    "user_name_in": "user__username",
    "user_id_in": "user_id",
    "ip_in": "ip",
    "status": "status",
}
BOOL_FILTERS = {"active": "active", "mobile": "mobile"}


def _matches(item: dict[str, Any], query: dict[str, list[str]]) -> bool:
    for param, field_name in LIST_FILTERS.items():
        wanted = _values(query.get(param, []))
        if wanted and field_name in item and str(item[field_name]) not in wanted:
            return False
    for param, field_name in BOOL_FILTERS.items():
        if param in query and field_name in item and str(item[field_name]).lower() != query[param][0].lower():
            return False
    return True


def _values(given: Iterable[str]) -> set[str]:
    """Repeated parameters, and comma lists (django-filter's form of an `_in` filter)."""
    return {v for value in given for v in value.split(",") if v}


def _check_uuid(body: dict[str, Any]) -> None:
    """The DRF validation of `uuid`: required, a string, 1..256 characters."""
    if "uuid" not in body:
        raise _bad_param("uuid", "This field is required.")
    value = body["uuid"]
    if not isinstance(value, str):
        raise _bad_param("uuid", "Not a valid string.")
    if not value:
        raise _bad_param("uuid", "This field may not be blank.")
    if len(value) > 256:
        raise _bad_param("uuid", "Ensure this field has no more than 256 characters.")


def _multipart(content_type: str, body: bytes) -> dict[str, Any]:
    """Fields of a multipart/form-data body: files as bytes, other fields as str."""
    if not content_type.lower().startswith("multipart/form-data"):
        raise ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "The request must be multipart/form-data.")
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
    )
    if not message.is_multipart():
        raise ApiError(400, "BAD_PARAM", "Multipart form parse error.")
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        fields[name] = data if part.get_filename() else data.decode(errors="replace")
    if "mobile" in fields:
        fields["mobile"] = fields["mobile"].lower() == "true"
    return fields


# (method, path pattern) -> the Handler method that answers (looked up per request)
ROUTES: dict[tuple[str, str], str] = {
    ("GET", r"/config\.json"): "config_json",
    ("POST", r"/auth/login/"): "login",
    ("POST", r"/auth/video-auth/"): "video_auth",
    ("POST", r"/auth/video-auth-renew/"): "video_auth_renew",
    ("POST", r"/auth/logout/"): "logout",
    ("GET", r"/users/me/"): "me",
    ("GET", r"/sessions/"): "sessions",
    ("GET", r"/sessions/([A-Za-z0-9]+)/"): "get_session",
    ("DELETE", r"/sessions/([A-Za-z0-9]+)/"): "delete_session",
    ("GET", r"/device-blacklist-records/"): "blocks",
    ("POST", r"/device-blacklist-records/"): "block_device",
    ("GET", r"/device-blacklist-records/([0-9]+)/"): "get_block",
    ("DELETE", r"/device-blacklist-records/([0-9]+)/"): "unblock_device",
}
VIDEO_PATHS = frozenset({"/auth/video-auth/", "/auth/video-auth-renew/"})


class FindFaceSimulator:
    """The server, in a thread of this process. Use as a context manager."""

    def __init__(
        self,
        users: list[User],
        auth_type: str = "password",
        session_length: int = DEFAULT_SESSION_LENGTH,
        options: Options | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        tls_dir: Path | None = None,
    ) -> None:
        self.state = State(auth_type, users, session_length, options or Options())
        handler = type("BoundHandler", (Handler,), {"state": self.state})
        self._server = ThreadingHTTPServer((host, port), handler)
        self._server.daemon_threads = True
        self.scheme = "http"
        self.ca_file: Path | None = None
        if tls_dir is not None:
            from biohil.common import tls

            creds = tls.ensure(tls_dir)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(tls_dir / tls.SERVER_CERT, tls_dir / tls.SERVER_KEY)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
            self.scheme, self.ca_file = "https", creds.ca_file
        self._thread = threading.Thread(target=self._server.serve_forever, name="findface-sim", daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{self.scheme}://{host!s}:{port}"

    def __repr__(self) -> str:
        return f"FindFaceSimulator({self.base_url})"

    def start(self) -> FindFaceSimulator:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FindFaceSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="biohil-ffsim", description="Simulated FindFace Multi API authentication"
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="TCP port, 0 = any free port (default)")
    parser.add_argument("--auth-type", choices=AUTH_TYPES, default="password")
    parser.add_argument("--user", default="admin", help="the API user's name (default admin)")
    parser.add_argument(
        "--password-env",
        default="BIOHIL_FINDFACE_PASSWORD",
        help="environment variable holding the API user's password (never on the command line)",
    )
    parser.add_argument("--session-length", type=int, default=DEFAULT_SESSION_LENGTH, help="seconds")
    parser.add_argument(
        "--https", metavar="CERT_DIR", type=Path, help="serve HTTPS with certificates from/into CERT_DIR"
    )
    args = parser.parse_args(argv)
    password = os.environ.get(args.password_env)
    if not password:
        parser.error(f"set the API user's password in ${args.password_env}")
    sim = FindFaceSimulator(
        [User(1, args.user, password, "API user", is_admin=True)],
        args.auth_type,
        args.session_length,
        host=args.host,
        port=args.port,
        tls_dir=args.https,
    ).start()
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    print(
        f"FindFace simulator on {sim.base_url} ({args.auth_type} authentication), user {args.user}",
        flush=True,
    )
    if sim.ca_file:
        print(f"CA certificate: {sim.ca_file}", flush=True)
    stop.wait()
    sim.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
