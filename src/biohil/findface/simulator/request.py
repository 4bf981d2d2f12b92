"""One request as an endpoint sees it, and the reply it gives. What the client sent is read here:
the JSON or multipart/form-data body, the token or the basic credentials. Endpoints raise
ApiError for an error answer; the handler sends it."""

from __future__ import annotations

import base64
import binascii
import io
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

import multipart

from biohil.findface.simulator.errors import ApiError, unauthorized
from biohil.findface.simulator.records import User
from biohil.findface.simulator.sessions import State


@dataclass(frozen=True)
class Reply:
    """An answer: its status, its JSON body (None: no body) and headers beyond the usual."""

    status: int
    body: Any = None
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Request:
    state: State
    path: str  # without the query
    query: dict[str, list[str]]
    headers: Message
    body: bytes
    client_ip: str
    origin: str  # scheme://host, as the client addressed the server

    def json(self) -> dict[str, Any]:
        content_type = self.headers.get_content_type()
        if content_type != "application/json":
            raise ApiError(
                415, "UNSUPPORTED_MEDIA_TYPE", f'Unsupported media type "{content_type}" in request.'
            )
        try:
            data = json.loads(self.body or b"null")
        except (ValueError, UnicodeDecodeError) as e:
            raise ApiError(400, "BAD_PARAM", f"JSON parse error - {e}") from None
        if not isinstance(data, dict):
            raise ApiError(400, "BAD_PARAM", "Invalid data. Expected a dictionary.")
        return data

    def form(self) -> dict[str, Any]:
        """The fields of a multipart/form-data body: files as bytes, other fields as str."""
        kind, options = multipart.parse_options_header(self.headers.get("Content-Type", ""))
        if kind != "multipart/form-data":
            raise ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "The request must be multipart/form-data.")
        size = len(self.body)  # the body is in memory already: its parts stay there too
        parser = multipart.MultipartParser(
            io.BytesIO(self.body), options.get("boundary", ""), size, spool_limit=size, memory_limit=size
        )
        try:
            parts = parser.parts()
        except multipart.MultipartError:
            parts = []
        if not parts:  # a form has one part at least (RFC 2046)
            raise ApiError(400, "BAD_PARAM", "Multipart form parse error.")
        fields: dict[str, Any] = {
            p.name: p.raw if p.filename else p.raw.decode(errors="replace") for p in parts if p.name
        }
        if "mobile" in fields:
            fields["mobile"] = fields["mobile"].lower() == "true"
        return fields

    def token(self) -> str:
        """The token of the documented header, "Authorization: Token <token>"."""
        header = self.headers.get("Authorization")
        if not header:
            raise unauthorized("Authentication credentials were not provided.")
        parts = header.split()
        if not parts or parts[0] != "Token":  # the documented form only
            raise unauthorized("Authentication credentials were not provided.")
        if len(parts) == 1:
            raise unauthorized("Invalid token header. No credentials provided.")
        if len(parts) > 2:
            raise unauthorized("Invalid token header. Token string should not contain spaces.")
        return parts[1]

    def basic_user(self) -> User:
        """The user whose name and password the basic Authorization header gives."""
        parts = (self.headers.get("Authorization") or "").split()
        if not parts or parts[0].lower() != "basic":
            raise unauthorized("Authentication credentials were not provided.")
        if len(parts) != 2:
            raise unauthorized("Invalid basic header. No credentials provided.")
        try:
            name, _, password = base64.b64decode(parts[1], validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            raise unauthorized("Invalid basic header. Credentials not correctly base64 encoded.") from None
        user = self.state.users.get(name)
        if user is None or not secrets.compare_digest(user.password.encode(), password.encode()):
            raise unauthorized("Invalid username/password.")
        return user
