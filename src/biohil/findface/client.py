"""A small FindFace Multi API client (httpx) for the authentication scenarios.

Passwords and tokens travel as `Secret`s: they go on the wire and nowhere else. A reply's repr
and its `body` never hold a token; the token a login returns is a Secret of its own.
"""

from __future__ import annotations

import base64
import datetime as dt
import json as jsonlib
import ssl
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from biohil.findface.secret import Secret
from biohil.report.exchanges import Exchange, Exchanges, body_text, masked, scheme_only
from biohil.verdict import Cause

TIMEOUT = 10.0


@dataclass(frozen=True)
class Reply:
    """An answer of the server; `body` is the JSON object (the token taken out into `token`)."""

    status: int
    body: dict[str, Any] = field(repr=False)
    token: Secret | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        code = self.body.get("code")
        return f"Reply({self.status}{' ' + code if code else ''})"

    @property
    def code(self) -> str | None:
        value = self.body.get("code")
        return value if isinstance(value, str) else None

    @property
    def expiry(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.body["token_expiration_datetime"].replace("Z", "+00:00"))


class FindFaceError(Exception):
    """The server did not answer in JSON; never carries a secret."""


class FindFaceUnavailable(FindFaceError):
    """The server could not be reached (network, TLS, timeout): infrastructure, not the product."""

    cause = Cause.INFRASTRUCTURE


def basic(username: str, password: Secret) -> Secret:
    raw = f"{username}:{password.reveal()}".encode()
    return Secret("Basic " + base64.b64encode(raw).decode())


def token_header(token: Secret) -> Secret:
    return Secret("Token " + token.reveal())


class FindFaceClient:
    def __init__(self, base_url: str, verify: bool | Path = True, exchanges: Exchanges | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx.Client(
            base_url=self.base_url,
            verify=ssl.create_default_context(cafile=str(verify)) if isinstance(verify, Path) else verify,
            timeout=TIMEOUT,
            headers={"Accept": "application/json"},
        )
        self.exchanges = exchanges if exchanges is not None else Exchanges()  # secrets masked: for the report
        self.exchanges.server = self.base_url

    def __repr__(self) -> str:
        return f"FindFaceClient({self.base_url})"

    def close(self) -> None:
        self._http.close()

    def request(
        self,
        method: str,
        path: str,
        authorization: Secret | None = None,
        json: Any = None,
        files: dict[str, Any] | None = None,
        data: dict[str, str] | None = None,
    ) -> Reply:
        started, clock = time.time(), time.monotonic()
        scheme = scheme_only(authorization.reveal() if authorization is not None else None)
        sent = body_text(json, data, files)

        def keep(status: int | None, response: str) -> None:
            took = time.monotonic() - clock
            self.exchanges.add(Exchange(started, method, path, scheme, sent, status, response, took))

        try:
            response = self._send(method, path, authorization, json, files, data)
        except httpx.HTTPError as e:
            keep(None, type(e).__name__)
            raise FindFaceUnavailable(f"{method} {self.base_url}{path}: {type(e).__name__}: {e}") from None
        if not response.content:
            keep(response.status_code, "")
            return Reply(response.status_code, {})
        try:
            body = response.json()
        except ValueError:
            keep(response.status_code, f"{len(response.content)} bytes, not JSON")
            raise FindFaceError(f"{method} {path} answered {response.status_code} without JSON") from None
        keep(response.status_code, jsonlib.dumps(masked(body), ensure_ascii=False))
        if not isinstance(body, dict):
            raise FindFaceError(
                f"{method} {path} answered {response.status_code} with a JSON {type(body).__name__}"
            )
        token = body.pop("token", None)
        return Reply(response.status_code, body, Secret(token) if isinstance(token, str) else None)

    def _send(
        self,
        method: str,
        path: str,
        authorization: Secret | None,
        json: Any,
        files: dict[str, Any] | None,
        data: dict[str, str] | None,
    ) -> httpx.Response:
        """The request on the wire: the only place the Authorization value is revealed."""
        headers = {"Authorization": authorization.reveal()} if authorization is not None else {}
        return self._http.request(method, path, headers=headers, json=json, files=files, data=data)

    # -- the API -------------------------------------------------------------------------------

    def config(self) -> Reply:
        return self.request("GET", "/config.json")

    def login(
        self,
        authorization: Secret | None,
        uuid: str | None,
        video_auth_token: Secret | None = None,
        extra: dict[str, Any] | None = None,
    ) -> Reply:
        body: dict[str, Any] = {"mobile": False, "device_info": {"client": "biohil"}, **(extra or {})}
        if uuid is not None:
            body["uuid"] = uuid
        if video_auth_token is not None:
            body["video_auth_token"] = video_auth_token.reveal()
        return self.request("POST", "/auth/login/", authorization, json=body)

    def video_auth(self, video: bytes, uuid: str) -> Reply:
        return self.request(
            "POST",
            "/auth/video-auth/",
            files={"video": ("face.mp4", video, "video/mp4")},
            data={"uuid": uuid},
        )

    def me(self, token: Secret | None) -> Reply:
        return self.request("GET", "/users/me/", token_header(token) if token is not None else None)

    def logout(self, token: Secret) -> Reply:
        return self.request("POST", "/auth/logout/", token_header(token))

    def sessions(self, token: Secret) -> Reply:
        return self.request("GET", "/sessions/", token_header(token))

    def delete_session(self, token: Secret, session_id: str) -> Reply:
        return self.request("DELETE", f"/sessions/{session_id}/", token_header(token))
