"""HTTP for the endpoints: the route table, the body read within its limit, the error answers
(the 401 challenge, 404, 405) and the drop fault. Endpoints live by resource in auth_api,
sessions_api and blocklist_api; bench/mutants_findface.py plants bugs through public seams only:
this route table's entries, the endpoint modules' and `listing`'s module-level names, and the
public methods of State and Request."""

from __future__ import annotations

import json
import re
import ssl
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs

from biohil.findface.simulator import auth_api, blocklist_api, sessions_api
from biohil.findface.simulator.errors import ApiError
from biohil.findface.simulator.request import Reply, Request
from biohil.findface.simulator.sessions import State

MAX_JSON_BYTES = 1 << 20
MAX_VIDEO_BYTES = 64 << 20
VIDEO_PATHS = frozenset({"/auth/video-auth/", "/auth/video-auth-renew/"})

Endpoint = Callable[..., Reply]  # (request, *the path pattern's groups) -> the reply
# (method, path pattern) -> the endpoint that answers
ROUTES: dict[tuple[str, str], Endpoint] = {
    ("GET", r"/config\.json"): auth_api.config_json,
    ("POST", r"/auth/login/"): auth_api.login,
    ("POST", r"/auth/video-auth/"): auth_api.video_auth,
    ("POST", r"/auth/video-auth-renew/"): auth_api.video_auth_renew,
    ("POST", r"/auth/logout/"): auth_api.logout,
    ("GET", r"/users/me/"): auth_api.me,
    ("GET", r"/sessions/"): sessions_api.sessions,
    ("GET", r"/sessions/([A-Za-z0-9]+)/"): sessions_api.get_session,
    ("DELETE", r"/sessions/([A-Za-z0-9]+)/"): sessions_api.delete_session,
    ("GET", r"/device-blacklist-records/"): blocklist_api.blocks,
    ("POST", r"/device-blacklist-records/"): blocklist_api.block_device,
    ("GET", r"/device-blacklist-records/([0-9]+)/"): blocklist_api.get_block,
    ("DELETE", r"/device-blacklist-records/([0-9]+)/"): blocklist_api.unblock_device,
}


def answer(method: str, request: Request) -> Reply:
    """The reply of the endpoint the route table gives for the method and path; 405 (naming the
    methods the path takes) or 404 where there is none."""
    allowed = []
    for (verb, pattern), endpoint in ROUTES.items():
        match = re.fullmatch(pattern, request.path)
        if match and verb == method:
            return endpoint(request, *match.groups())
        if match:
            allowed.append(verb)
    if allowed:
        error = ApiError(405, "METHOD_NOT_ALLOWED", f'Method "{method}" not allowed.')
        return Reply(405, error.body(), {"Allow": ", ".join(allowed)})
    return Reply(404, ApiError(404, "NOT_FOUND", "Not found.").body())


class Handler(BaseHTTPRequestHandler):
    server_version = "FindFaceSimulator/1"
    protocol_version = "HTTP/1.1"  # keep-alive: every answer gives its Content-Length
    state: State  # set on the subclass made per server

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the request line is not needed, and headers (credentials) are never logged."""

    def _answer(self) -> None:
        path, _, query = self.path.partition("?")
        try:
            body = self._read_body(MAX_VIDEO_BYTES if path in VIDEO_PATHS else MAX_JSON_BYTES)
            if path in self.state.options.drop_paths and self.state.drops_one():
                self.close_connection = True  # the fault: no answer at all
                return
            scheme = "https" if isinstance(self.connection, ssl.SSLSocket) else "http"
            request = Request(
                self.state,
                path,
                parse_qs(query, keep_blank_values=True),
                self.headers,
                body,
                self.client_address[0],
                f"{scheme}://{self.headers.get('Host', 'localhost')}",
            )
            reply = answer(self.command, request)
        except ApiError as e:
            challenge = 'Basic realm="api"' if path == "/auth/login/" else "Token"
            www_authenticate = e.status == 401 and self.state.options.www_authenticate
            reply = Reply(e.status, e.body(), {"WWW-Authenticate": challenge} if www_authenticate else {})
        self._send(reply)

    do_GET = do_POST = do_PATCH = do_DELETE = _answer

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

    def _send(self, reply: Reply) -> None:
        data = b"" if reply.body is None else json.dumps(reply.body).encode()
        self.send_response(reply.status)
        if reply.body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
