"""The G-SDK calls a scenario made, recorded on the client's channel, for the report of a failure.

Each call is kept as a one-line summary of its request and answer, never the messages
themselves: bytes (templates, PIN hashes, images) show as their size and a short hash, so the
report says which template was sent without holding it.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import grpc
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from biohil.common.recent import Recent

KEPT = 2000  # calls kept: a scenario makes tens; the oldest go first
SHOWN_ITEMS = 3  # items of a repeated field shown in a summary
SUMMARY_CHARS = 240


def short_hash(value: bytes, digits: int = 8) -> str:
    """The first hex digits of the bytes' SHA-256: tells two templates apart without holding them."""
    return hashlib.sha256(value).hexdigest()[:digits]


def masked_bytes(value: bytes) -> str:
    """How bytes appear in the report: '<512 bytes #1a2b3c4d>' (the hash tells two apart)."""
    return f"<{len(value)} bytes #{short_hash(value)}>"


def summarize(message: Message | None, limit: int = SUMMARY_CHARS) -> str:
    """A message on one line, 'deviceID: 541530001 users: [{hdr: {ID: "900001" ...}}]', cut at
    `limit` characters."""
    if message is None:
        return ""
    text = _fields(message)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fields(message: Message) -> str:
    return " ".join(f"{fd.name}: {_value(fd, value)}" for fd, value in message.ListFields())


def _value(fd: FieldDescriptor, value: Any) -> str:
    if fd.is_repeated:  # (the G-SDK protos have no map fields)
        items = [_one(fd, v) for v in list(value)[:SHOWN_ITEMS]]
        more = f" …{len(value) - SHOWN_ITEMS} more" if len(value) > SHOWN_ITEMS else ""
        return f"[{', '.join(items)}{more}]"
    return _one(fd, value)


def _one(fd: FieldDescriptor, value: Any) -> str:
    if fd.type == FieldDescriptor.TYPE_MESSAGE:
        return "{" + _fields(value) + "}"
    if fd.type == FieldDescriptor.TYPE_BYTES:
        return masked_bytes(value)
    if fd.type == FieldDescriptor.TYPE_ENUM:
        named = fd.enum_type.values_by_number.get(value) if fd.enum_type is not None else None
        return named.name if named is not None else str(value)
    if fd.type == FieldDescriptor.TYPE_STRING:
        return f'"{value}"'
    return str(value)


@dataclass(frozen=True)
class Call:
    method: str  # "User.Enroll"
    request: str
    answer: str  # the reply's summary, or the error's details
    status: str  # "OK", "UNAVAILABLE", ..., or "stream" for a subscription
    seconds: float
    started: float  # time.time() when it was sent


def method_name(full: str) -> str:
    """'/gsdk.user.User/Enroll' -> 'User.Enroll'."""
    service, _, name = full.lstrip("/").partition("/")
    return f"{service.rpartition('.')[2]}.{name}"


class CallRecorder(
    Recent[Call],
    grpc.UnaryUnaryClientInterceptor,  # type: ignore[misc]
    grpc.UnaryStreamClientInterceptor,  # type: ignore[misc]
):
    """A client interceptor that keeps the latest calls."""

    def __init__(self, kept: int = KEPT) -> None:
        super().__init__(kept)

    def __repr__(self) -> str:
        return f"CallRecorder({len(self)} calls)"

    def intercept_unary_unary(
        self, continuation: Callable[..., Any], details: grpc.ClientCallDetails, request: Message
    ) -> Any:
        started, clock = time.time(), time.monotonic()
        outcome = continuation(details, request)
        method = method_name(details.method)

        def done(future: Any) -> None:
            if future.cancelled():  # cancelled by this client (a scan nobody will answer)
                self.add(Call(method, summarize(request), "", "CANCELLED", time.monotonic() - clock, started))
                return
            error = future.exception()
            if error is None:
                status, answer = "OK", summarize(future.result())
            elif isinstance(error, grpc.RpcError) and isinstance(error, grpc.Call):
                status, answer = error.code().name, str(error.details() or "")
            else:
                status, answer = "ERROR", f"{type(error).__name__}: {error}"
            self.add(Call(method, summarize(request), answer, status, time.monotonic() - clock, started))

        outcome.add_done_callback(done)
        return outcome

    def intercept_unary_stream(
        self, continuation: Callable[..., Any], details: grpc.ClientCallDetails, request: Message
    ) -> Any:
        self.add(Call(method_name(details.method), summarize(request), "", "stream", 0.0, time.time()))
        return continuation(details, request)


def table(calls: list[Call]) -> str:
    """CSV, one row per call: time, method, status, milliseconds, request and answer summaries."""
    out = io.StringIO()
    rows = csv.writer(out, lineterminator="\n")
    rows.writerow(("time (UTC)", "method", "status", "ms", "request", "answer"))
    for c in calls:
        when = dt.datetime.fromtimestamp(c.started, dt.UTC).strftime("%H:%M:%S.%f")[:-3]
        ms = "" if c.status == "stream" else f"{c.seconds * 1000:.1f}"
        rows.writerow((when, c.method, c.status, ms, c.request, c.answer))
    return out.getvalue()
