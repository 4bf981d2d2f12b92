"""A small FindFace Multi API client (httpx) for the authentication scenarios.

Passwords and tokens travel as `Secret`s: they go on the wire and nowhere else. A reply's repr
and its `body` never hold a token; the token a login returns is a Secret of its own.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json as jsonlib
import ssl
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import httpx

from biohil.common.secret import Secret
from biohil.findface.exchanges import Exchange, Exchanges, body_text, masked, scheme_only
from biohil.verdict import Cause, Unexpected

TIMEOUT = 10.0
SHORTEST_TIMEOUT = 1.0  # a request made within a deadline (cleanup) still gets this long


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
    def expiry(self) -> dt.datetime | None:
        """token_expiration_datetime (None: missing, not ISO 8601 or without a time zone)."""
        value = self.body.get("token_expiration_datetime")
        try:
            moment = (
                dt.datetime.fromisoformat(value.replace("Z", "+00:00")) if isinstance(value, str) else None
            )
        except ValueError:
            return None
        return moment if moment is not None and moment.tzinfo is not None else None


class FindFaceError(Exception):
    """A FindFace exchange that went wrong; never carries a secret. Of this class itself: a
    request the client could not even send (the suite's own)."""


class FindFaceUnavailable(FindFaceError):
    """The server could not be reached (network, TLS, timeout): infrastructure, not the product."""

    cause = Cause.INFRASTRUCTURE


class FindFaceUnexpected(FindFaceError, Unexpected):
    """The server answered a documented request in a form FindFace does not document (no JSON
    object, a session list that is no list or never ends): the product."""


def basic(username: str, password: Secret) -> Secret:
    return Secret("Basic " + base64.b64encode(f"{username}:{password.reveal()}".encode()).decode())


def token_header(token: Secret) -> Secret:
    return Secret("Token " + token.reveal())


def _reveal(value: object) -> str:
    if isinstance(value, Secret):
        return value.reveal()
    raise TypeError(f"{type(value).__name__} is not JSON")


def _sealed(body: Any) -> Any:
    """The answer with its token wrapped at once, before it is ever a local of its own."""
    if isinstance(body, dict) and isinstance(body.get("token"), str):
        body["token"] = Secret(body["token"])
    return body


class _Authorization(httpx.Auth):
    """Puts the Authorization value into the request's headers (whose repr httpx masks) at the
    last moment, so the value is never a plain local or attribute a traceback can print."""

    def __init__(self, value: Secret) -> None:
        self._value = value

    def __repr__(self) -> str:
        return "_Authorization(***)"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._value.reveal()
        yield request


Params = dict[str, str | int | list[str]]
MAX_PAGES = 1000  # a server whose next_page never ends is a server fault, not a long list


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
        self._deadline: float | None = None  # time.monotonic() by which requests give up (within())

    def __repr__(self) -> str:
        return f"FindFaceClient({self.base_url})"

    def close(self) -> None:
        self._http.close()

    @contextlib.contextmanager
    def within(self, deadline: float) -> Iterator[None]:
        """Requests made meanwhile wait for an answer no later than this time.monotonic() deadline
        (yet at least SHORTEST_TIMEOUT each, so that every request is really tried)."""
        self._deadline = deadline
        try:
            yield
        finally:
            self._deadline = None

    def _timeout(self) -> float:
        if self._deadline is None:
            return TIMEOUT
        return min(TIMEOUT, max(SHORTEST_TIMEOUT, self._deadline - time.monotonic()))

    def request(
        self,
        method: str,
        path: str,
        authorization: Secret | None = None,
        json: Any = None,
        files: dict[str, Any] | None = None,
        data: dict[str, str] | None = None,
        params: Params | None = None,
    ) -> Reply:
        started, clock = time.time(), time.monotonic()
        # only the scheme word leaves the Secret: the value itself is never a local here
        scheme = scheme_only(authorization.reveal().partition(" ")[0] if authorization is not None else None)
        sent = body_text(json, data, files)
        shown = path + (f"?{httpx.QueryParams(params)}" if params else "")

        def keep(status: int | None, response: str) -> None:
            took = time.monotonic() - clock
            self.exchanges.add(Exchange(started, method, shown, scheme, sent, status, response, took))

        auth = _Authorization(authorization) if authorization is not None else None
        try:
            response = self._http.request(
                method,
                path,
                auth=auth,
                # a Secret in the body (video_auth_token) is revealed only into the bytes sent
                content=jsonlib.dumps(json, default=_reveal).encode() if json is not None else None,
                headers={"Content-Type": "application/json"} if json is not None else None,
                files=files,
                data=data,
                params=params,
                timeout=self._timeout(),
            )
        except httpx.HTTPError as e:
            keep(None, type(e).__name__)
            raise FindFaceUnavailable(f"{method} {self.base_url}{shown}: {type(e).__name__}: {e}") from None
        except (UnicodeError, ValueError, TypeError) as e:  # a header or body httpx cannot encode
            keep(None, type(e).__name__)
            raise FindFaceError(f"{method} {shown} could not be sent: {type(e).__name__}") from None
        if not response.content:
            keep(response.status_code, "")
            return Reply(response.status_code, {})
        try:
            body = _sealed(response.json())
        except ValueError:
            keep(response.status_code, f"{len(response.content)} bytes, not JSON")
            if response.is_error:  # FindFace documents no error body ("unspecified"): the status says it
                return Reply(response.status_code, {})
            raise FindFaceUnexpected(
                f"{method} {path} answered {response.status_code} without JSON"
            ) from None
        keep(response.status_code, jsonlib.dumps(masked(body), ensure_ascii=False, default=str))
        if not isinstance(body, dict):
            raise FindFaceUnexpected(
                f"{method} {path} answered {response.status_code} with a JSON {type(body).__name__}"
            )
        token = body.pop("token", None)
        return Reply(response.status_code, body, token if isinstance(token, Secret) else None)

    # -- the API -------------------------------------------------------------------------------

    def config(self) -> Reply:
        return self.request("GET", "/config.json")

    def login(
        self,
        authorization: Secret | None,
        uuid: str | None,
        video_auth_token: Secret | None = None,
    ) -> Reply:
        body: dict[str, Any] = {"mobile": False, "device_info": {"client": "biohil"}}
        if uuid is not None:
            body["uuid"] = uuid
        if video_auth_token is not None:
            body["video_auth_token"] = video_auth_token  # revealed only on the wire
        return self.request("POST", "/auth/login/", authorization, json=body)

    def video_auth(self, video: bytes, uuid: str) -> Reply:
        return self.request(
            "POST",
            "/auth/video-auth/",
            files={"video": ("face.mp4", video, "video/mp4")},
            data={"uuid": uuid},
        )

    def renew(self, token: Secret, video: bytes) -> Reply:
        """Extends the session by showing the face again; the answer holds no new token."""
        return self.request(
            "POST",
            "/auth/video-auth-renew/",
            token_header(token),
            files={"video": ("face.mp4", video, "video/mp4")},
        )

    def me(self, token: Secret | None) -> Reply:
        return self.request("GET", "/users/me/", token_header(token) if token is not None else None)

    def logout(self, token: Secret | None) -> Reply:
        return self.request("POST", "/auth/logout/", token_header(token) if token is not None else None)

    def sessions(self, token: Secret, params: Params | None = None) -> Reply:
        """One page of the session list."""
        return self.request("GET", "/sessions/", token_header(token), params=params)

    def session_pages(self, token: Secret, params: Params) -> list[list[dict[str, Any]]]:
        """Every page of the sessions the filters select, following next_page to the end."""
        pages: list[list[dict[str, Any]]] = []
        seen: set[str] = set()
        query: Params = dict(params)
        for _ in range(MAX_PAGES):
            reply = self.sessions(token, query)
            if reply.status != 200 or not isinstance(reply.body.get("results"), list):
                raise FindFaceUnexpected(f"GET /sessions/ answered {reply} while reading the list")
            pages.append(reply.body["results"])
            following = reply.body.get("next_page")
            if not following:
                return pages
            # next_page is a URL (the server may name itself differently behind a proxy): keep
            # its query, ask the same path of the configured server.
            next_query = urlsplit(str(following)).query
            if next_query in seen:
                raise FindFaceUnexpected("GET /sessions/ gave the same next_page twice")
            seen.add(next_query)
            pairs = parse_qs(next_query, keep_blank_values=True).items()
            query = {k: v if len(v) > 1 else v[0] for k, v in pairs}
        raise FindFaceUnexpected(f"GET /sessions/ gave more than {MAX_PAGES} pages")

    def session(self, token: Secret, session_id: str) -> Reply:
        return self.request("GET", f"/sessions/{quote(session_id, safe='')}/", token_header(token))

    def delete_session(self, token: Secret, session_id: str) -> Reply:
        return self.request("DELETE", f"/sessions/{quote(session_id, safe='')}/", token_header(token))

    def block_device(self, token: Secret, uuid: str, reason: str, expire_date: dt.datetime) -> Reply:
        body = {"uuid": uuid, "reason": reason, "expire_date": expire_date.isoformat()}
        return self.request("POST", "/device-blacklist-records/", token_header(token), json=body)

    def unblock_device(self, token: Secret, record_id: int | str) -> Reply:
        return self.request("DELETE", f"/device-blacklist-records/{record_id}/", token_header(token))
