"""A minimal FindFace Multi stub written apart from biohil's simulator, on another stack (wsgiref),
that answers only what the documentation promises: the status codes its OpenAPI file declares and
the documented fields, nothing more. Errors carry no JSON `code` or `param` (401s are plain text,
a refused uuid is a bare 400), a session one may not see is a 404, session IDs hold hyphens,
tokens are 40 hex characters, and `next_page` carries an offset. The suite's documented scenarios
must pass against it unchanged.

`Faults` makes it a server that misbehaves in one way (a logout answered 500, a wrong password
taken), for the tests of how the suite classes and cleans up after that."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import email.parser
import email.policy
import json
import secrets
import threading
import uuid as uuidlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qs, urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

Start = Callable[[str, list[tuple[str, str]]], Any]


@dataclass
class StubUser:
    name: str
    password: str = field(repr=False)
    face: bytes = field(repr=False)  # the bytes of a "video" that shows this user
    admin: bool = False
    all_own: bool = False


@dataclass
class StubSession:
    id: str
    token: str = field(repr=False)
    user: StubUser
    uuid: str
    expires: dt.datetime
    active: bool
    created: dt.datetime


@dataclass(frozen=True)
class Faults:
    logout_status: str | None = None  # logouts are answered this, and end nothing
    accept_wrong_password: bool = False  # a known user with any password is logged in


class Refused(Exception):
    def __init__(self, status: str, body: bytes = b"", json_body: Any = None) -> None:
        self.status, self.body, self.json_body = status, body, json_body


UNAUTHORIZED = Refused("401 Unauthorized", b"Unauthorized")
BAD_REQUEST = Refused("400 Bad Request", json_body={})


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


class Stub:
    def __init__(
        self, auth_type: str, users: Iterable[StubUser], session_length: int, faults: Faults = Faults()
    ) -> None:
        self.auth_type, self.session_length, self.faults = auth_type, session_length, faults
        self.users = {u.name: u for u in users}
        self.sessions: dict[str, StubSession] = {}
        self.blocks: dict[int, dict[str, Any]] = {}
        self.lock = threading.Lock()
        self.issued: list[str] = []

    # -- helpers ---------------------------------------------------------------------------

    def _user_doc(self, user: StubUser) -> dict[str, Any]:
        own = ["ffsecurity.view_all_own_sessions", "ffsecurity.delete_all_own_sessions"]
        admin = [
            f"ffsecurity.{verb}_{model}"
            for model in ("ffsecauthsession", "deviceblacklistrecord")
            for verb in ("view", "add", "change", "delete")
        ]
        permissions = admin + own if user.admin else own if user.all_own else []
        return {
            "id": list(self.users).index(user.name) + 1,
            "name": user.name,
            "active": True,
            "permissions": permissions,
        }

    def _session_doc(self, s: StubSession) -> dict[str, Any]:
        return {
            "id": s.id,
            "status": "online",
            "active": s.active,
            "uuid": s.uuid,
            "mobile": False,
            "device_info": {},
            "ip": "127.0.0.1",
            "last_ping_date": _stamp(s.created),
            "user__username": s.user.name,
            "created_date": _stamp(s.created),
            "user_id": 1,
        }

    def _open(self, user: StubUser, uuid: Any, active: bool) -> StubSession:
        if not isinstance(uuid, str) or not 1 <= len(uuid) <= 256:
            raise BAD_REQUEST
        now = dt.datetime.now(dt.UTC)
        session = StubSession(
            str(uuidlib.uuid4()),
            secrets.token_hex(20),
            user,
            uuid,
            now + dt.timedelta(seconds=self.session_length),
            active,
            now,
        )
        self.sessions[session.id] = session
        self.issued.append(session.token)
        return session

    def _result(self, s: StubSession) -> dict[str, Any]:
        return {
            "token": s.token,
            "user": self._user_doc(s.user),
            "token_expiration_datetime": _stamp(s.expires),
        }

    def _caller(self, environ: dict[str, Any]) -> StubSession:
        scheme, _, token = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
        session = next((s for s in self.sessions.values() if scheme == "Token" and s.token == token), None)
        if session is None or not session.active or session.expires <= dt.datetime.now(dt.UTC):
            raise UNAUTHORIZED
        return session

    def _basic(self, environ: dict[str, Any]) -> StubUser:
        scheme, _, value = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
        try:
            name, _, password = base64.b64decode(value, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            raise UNAUTHORIZED from None
        user = self.users.get(name)
        if scheme != "Basic" or user is None:
            raise UNAUTHORIZED
        if user.password != password and not self.faults.accept_wrong_password:
            raise UNAUTHORIZED
        return user

    def _sees(self, me: StubSession, other: StubSession) -> bool:
        return me.user.admin or other is me or (me.user.all_own and other.user is me.user)

    # -- the documented endpoints ----------------------------------------------------------

    def config(self, environ: dict[str, Any]) -> tuple[str, Any]:
        return "200 OK", {
            "auth": {"AUTH_TYPE": self.auth_type, "MAXIMUM_SESSION_LENGTH": self.session_length}
        }

    def login(self, environ: dict[str, Any]) -> tuple[str, Any]:
        user = self._basic(environ)
        body = _json(environ)
        if self.auth_type == "face":
            raise UNAUTHORIZED
        if self.auth_type == "face_and_password":
            face = next((s for s in self.sessions.values() if s.token == body.get("video_auth_token")), None)
            if face is None or face.active or face.user is not user:
                raise UNAUTHORIZED
            face.active = True
            return "200 OK", self._result(face)
        return "200 OK", self._result(self._open(user, body.get("uuid"), True))

    def video_auth(self, environ: dict[str, Any]) -> tuple[str, Any]:
        fields = _form(environ)
        user = next((u for u in self.users.values() if u.face == fields.get("video")), None)
        if self.auth_type == "password" or user is None:
            raise UNAUTHORIZED
        uuid = fields.get("uuid")
        session = self._open(
            user, uuid.decode() if isinstance(uuid, bytes) else uuid, self.auth_type != "face_and_password"
        )
        return "200 OK", self._result(session)

    def renew(self, environ: dict[str, Any]) -> tuple[str, Any]:
        me = self._caller(environ)
        if _form(environ).get("video") != me.user.face:
            raise UNAUTHORIZED
        me.expires = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=self.session_length)
        return "200 OK", {"token_expiration_datetime": _stamp(me.expires), "user": self._user_doc(me.user)}

    def logout(self, environ: dict[str, Any]) -> tuple[str, Any]:
        me = self._caller(environ)
        if self.faults.logout_status is not None:
            raise Refused(self.faults.logout_status, json_body={})
        del self.sessions[me.id]
        return "204 No Content", None

    def me(self, environ: dict[str, Any]) -> tuple[str, Any]:
        return "200 OK", self._user_doc(self._caller(environ).user)

    def list_sessions(self, environ: dict[str, Any]) -> tuple[str, Any]:
        me = self._caller(environ)
        query = parse_qs(environ.get("QUERY_STRING", ""))
        wanted = set(query.get("uuid_in", []))
        rows = sorted(
            (s for s in self.sessions.values() if self._sees(me, s) and (not wanted or s.uuid in wanted)),
            key=lambda s: (s.created, s.id),
        )
        offset, limit = int(query.get("page", ["0"])[0]), int(query.get("limit", ["10"])[0])
        page = rows[offset : offset + limit]
        following = None
        if offset + limit < len(rows):
            rest = {k: v for k, v in query.items() if k != "page"} | {"page": [str(offset + limit)]}
            following = f"http://{environ['HTTP_HOST']}/sessions/?{urlencode(rest, doseq=True)}"
        return "200 OK", {
            "next_page": following,
            "prev_page": None,
            "results": [self._session_doc(s) for s in page],
        }

    def one_session(self, environ: dict[str, Any], session_id: str) -> tuple[str, Any]:
        me = self._caller(environ)
        target = self.sessions.get(session_id)
        if target is None or not self._sees(me, target):
            raise Refused("404 Not Found", json_body={})
        if environ["REQUEST_METHOD"] == "DELETE":
            del self.sessions[session_id]
            return "204 No Content", None
        return "200 OK", self._session_doc(target)

    def block(self, environ: dict[str, Any]) -> tuple[str, Any]:
        me = self._caller(environ)
        if not me.user.admin:
            raise Refused("403 Forbidden", json_body={})
        body = _json(environ)
        if not body.get("uuid") or not body.get("reason"):
            raise BAD_REQUEST
        record = {
            "id": len(self.blocks) + 1,
            "uuid": body["uuid"],
            "reason": body["reason"],
            "expire_date": body.get("expire_date"),
            "created_date": _stamp(dt.datetime.now(dt.UTC)),
        }
        self.blocks[record["id"]] = record
        for s in [s for s in self.sessions.values() if s.uuid == body["uuid"]]:
            del self.sessions[s.id]
        return "201 Created", record

    def unblock(self, environ: dict[str, Any], record_id: str) -> tuple[str, Any]:
        if not self._caller(environ).user.admin:
            raise Refused("403 Forbidden", json_body={})
        if self.blocks.pop(int(record_id), None) is None:
            raise Refused("404 Not Found", json_body={})
        return "204 No Content", None

    # -- WSGI ------------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start: Start) -> list[bytes]:
        method, path = environ["REQUEST_METHOD"], environ["PATH_INFO"]
        parts = path.strip("/").split("/")
        routes: dict[tuple[str, str], Callable[[], tuple[str, Any]]] = {
            ("GET", "/config.json"): lambda: self.config(environ),
            ("POST", "/auth/login/"): lambda: self.login(environ),
            ("POST", "/auth/video-auth/"): lambda: self.video_auth(environ),
            ("POST", "/auth/video-auth-renew/"): lambda: self.renew(environ),
            ("POST", "/auth/logout/"): lambda: self.logout(environ),
            ("GET", "/users/me/"): lambda: self.me(environ),
            ("GET", "/sessions/"): lambda: self.list_sessions(environ),
            ("POST", "/device-blacklist-records/"): lambda: self.block(environ),
        }
        try:
            with self.lock:
                if (method, path) in routes:
                    status, body = routes[method, path]()
                elif len(parts) == 2 and parts[0] == "sessions" and method in ("GET", "DELETE"):
                    status, body = self.one_session(environ, parts[1])
                elif len(parts) == 2 and parts[0] == "device-blacklist-records" and method == "DELETE":
                    status, body = self.unblock(environ, parts[1])
                else:
                    raise Refused("404 Not Found", json_body={})
        except Refused as e:
            status, body = e.status, e.json_body
            if e.json_body is None:
                start(status, [("Content-Type", "text/plain")])
                return [e.body]
        if body is None:
            start(status, [])
            return []
        start(status, [("Content-Type", "application/json")])
        return [json.dumps(body).encode()]


def _json(environ: dict[str, Any]) -> dict[str, Any]:
    raw = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    try:
        body = json.loads(raw or b"{}")
    except ValueError:
        raise BAD_REQUEST from None
    if not isinstance(body, dict):
        raise BAD_REQUEST
    return body


def _form(environ: dict[str, Any]) -> dict[str, bytes]:
    raw = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    head = f"Content-Type: {environ.get('CONTENT_TYPE', '')}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + raw)
    if not message.is_multipart():
        raise BAD_REQUEST
    fields: dict[str, bytes] = {}
    for part in message.iter_parts():
        payload = part.get_payload(decode=True)
        fields[str(part.get_param("name", header="content-disposition"))] = (
            payload if isinstance(payload, bytes) else b""
        )
    return fields


class _Threading(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class StubServer:
    """The stub on a free loopback port, in a thread: `with StubServer(...) as url:`."""

    def __init__(
        self,
        auth_type: str,
        users: Iterable[StubUser],
        session_length: int = 15_552_000,
        faults: Faults = Faults(),
    ) -> None:
        self.stub = Stub(auth_type, users, session_length, faults)
        self._server = make_server("127.0.0.1", 0, self.stub, server_class=_Threading, handler_class=_Quiet)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self._thread.start()
        return f"http://127.0.0.1:{self._server.server_port}"

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
