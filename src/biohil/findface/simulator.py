"""A simulated FindFace Multi server: the REST API authentication, over a real HTTP(S) server.

Serves GET /config.json, POST /auth/login/, /auth/logout/, /auth/video-auth/, GET /users/me/,
GET /sessions/, DELETE /sessions/{id}/, with error bodies {traceback, code, desc, param}. What
the research notes mark as inferred is an option of `Options`, listed in its docstring.

The "face" in an uploaded video is chosen by the test: a video whose bytes are
`face_video(username)` shows that user's face; any other video shows nobody known.

Simulator only: PUT /_simulator/auth-type {"auth_type": ...} switches the authentication type
(a real server is configured in its config files).
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
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import Any

AUTH_TYPES = ("password", "face", "face_or_password", "face_and_password")
DEFAULT_SESSION_LENGTH = 15_552_000  # MAXIMUM_SESSION_LENGTH default: 180 days
MAX_JSON_BYTES = 1 << 20
MAX_VIDEO_BYTES = 64 << 20
FACE_PREFIX = b"biohil-simulated-face:"
TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"


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
    """

    check_credentials_first: bool = True
    password_login_in_face_mode: str = "refuse"
    token_length: int = 64
    www_authenticate: bool = True


@dataclass
class User:
    id: int
    name: str
    password: str = field(repr=False)
    real_name: str
    is_admin: bool = False

    def payload(self, created: str) -> dict[str, Any]:
        """The `User` object of the API."""
        return {
            "id": self.id,
            "active": True,
            "created_date": created,
            "groups": [1 if self.is_admin else 3],
            "modified_date": created,
            "permissions": ["ffsecurity.view_all_own_sessions", "ffsecurity.delete_all_own_sessions"],
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


class State:
    """Users, sessions and tokens; every method is one locked step."""

    def __init__(self, auth_type: str, users: list[User], session_length: int, options: Options) -> None:
        self.auth_type = check_auth_type(auth_type)
        self.users = {u.name: u for u in users}
        self.session_length = session_length
        self.options = options
        self.sessions: dict[str, Session] = {}
        self.by_token: dict[str, Session] = {}
        self.created = _iso(_now())
        self.lock = threading.Lock()
        self.ended_tokens: list[str] = []

    def issued_tokens(self) -> list[str]:
        """Every token issued so far (for tests that check no secret leaked)."""
        with self.lock:
            return [s.token for s in self.sessions.values()] + self.ended_tokens

    def new_session(self, user: User, body: dict[str, Any], ip: str, active: bool) -> Session:
        now = _now()
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

    def end(self, session: Session) -> None:
        self.sessions.pop(session.id, None)
        if self.by_token.pop(session.token, None) is not None:
            self.ended_tokens.append(session.token)

    def session_of(self, token: str, active_only: bool = True) -> Session:
        session = self.by_token.get(token)
        if session is None or (active_only and not session.active):
            raise _unauthorized("Invalid token.")
        if session.expires <= _now():
            self.end(session)
            raise _unauthorized("Invalid token.")
        session.last_ping = _now()
        return session


def check_auth_type(value: str) -> str:
    if value not in AUTH_TYPES:
        raise ValueError(f"auth type {value!r} is not one of {', '.join(AUTH_TYPES)}")
    return value


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
        if not parts or parts[0].lower() != "token":
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
        path = self.path.split("?", 1)[0]
        challenge = 'Basic realm="api"' if path == "/auth/login/" else "Token"
        try:
            self.raw_body = self._read_body(
                MAX_VIDEO_BYTES if path == "/auth/video-auth/" else MAX_JSON_BYTES
            )
            for (verb, pattern), action in ROUTES.items():
                match = re.fullmatch(pattern, path)
                if match and verb == method:
                    action(self, *match.groups())
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

    def do_PUT(self) -> None:
        self._route("PUT")

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
                session.active = True  # inferred: the face step's session becomes the login
                result = login_result(session, s)
            else:
                result = login_result(s.new_session(user, body, self.client_address[0], active=True), s)
        self._send(200, result)

    def video_auth(self) -> None:
        s = self.state
        fields = _multipart(self.headers.get("Content-Type", ""), self.raw_body)
        _check_uuid(fields)
        video = fields.get("video")
        if not isinstance(video, bytes) or not video:
            raise _bad_param("video", "No file was submitted.")
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

    def logout(self) -> None:
        token = self._token()
        with self.state.lock:
            self.state.end(self.state.session_of(token))
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
            me = s.session_of(token)
            visible = [
                x.payload()
                for x in s.sessions.values()
                if (me.user.is_admin or x.user is me.user)
                and (x.active or s.auth_type == "face_and_password")
            ]
        self._send(200, {"next_page": None, "prev_page": None, "results": visible})

    def delete_session(self, session_id: str) -> None:
        token = self._token()
        s = self.state
        with s.lock:
            me = s.session_of(token)
            target = s.sessions.get(session_id)
            if target is None:
                raise ApiError(404, "NOT_FOUND", "No AuthSession matches the given query.")
            if target.user is not me.user and not me.user.is_admin:
                raise ApiError(403, "PERMISSION_DENIED", "Permission denied")
            s.end(target)
        self._send(204)

    def set_auth_type(self) -> None:
        body = self._json()
        try:
            value = check_auth_type(str(body.get("auth_type")))
        except ValueError as e:
            raise _bad_param("auth_type", str(e)) from None
        with self.state.lock:
            self.state.auth_type = value
        self._send(200, {"auth_type": value})


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


ROUTES: dict[tuple[str, str], Callable[..., None]] = {
    ("GET", r"/config\.json"): Handler.config_json,
    ("POST", r"/auth/login/"): Handler.login,
    ("POST", r"/auth/video-auth/"): Handler.video_auth,
    ("POST", r"/auth/logout/"): Handler.logout,
    ("GET", r"/users/me/"): Handler.me,
    ("GET", r"/sessions/"): Handler.sessions,
    ("DELETE", r"/sessions/([A-Za-z0-9]+)/"): Handler.delete_session,
    ("PUT", r"/_simulator/auth-type"): Handler.set_auth_type,
}


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
            from biohil.simulator import tls

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
