"""The HTTP request handler: routing, body and credential parsing, the endpoints, the list
filters and cursor pagination. Module-level helpers stay here, where the handler looks them up
(bench/mutants.py plants bugs in them)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
import secrets
import ssl
from collections.abc import Iterable
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlencode

from biohil.findface.simulator.errors import ApiError, _bad_param, _unauthorized
from biohil.findface.simulator.records import FACE_PREFIX, Block, Session, User, _iso, _now, face_video
from biohil.findface.simulator.sessions import State, login_result

MAX_JSON_BYTES = 1 << 20
MAX_VIDEO_BYTES = 64 << 20
DEFAULT_PAGE = 20
MAX_PAGE = 1000


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
            if path in self.state.options.drop_paths and self.state.drops_one():
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
