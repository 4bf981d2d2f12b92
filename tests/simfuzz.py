"""Property-based fuzzing of the simulated gateway over gRPC: every RPC it serves, with generated
requests, and raw bytes that are not a request at all.

The methods come from the server itself (reflection lists every service the simulator registers:
the gsdk.* services and its control API), and so do the message types: a strategy is built from
each request's descriptor, field by field. Values mix what reaches deep into a handler (the
simulator's terminals, IDs of a small pool of users, real scan templates, valid modes) with
boundary and hostile ones: 0, maxima and one past them, 5,000-digit IDs, control characters,
oversized strings, bytes and lists, enum numbers nobody defined, unknown and unconnected terminals.

What must hold for every call (`Harness.problems`):

- the status is never UNKNOWN or INTERNAL (an unhandled exception, a server bug), except that an
  injected fault (control API InjectFault) may carry any code: the harness clears every fault
  and latency right after one is set, so no other call ever sees one; likewise, after a
  RestartGateway it accepted, the harness waits for the gateway to come back and reconnects;
- a message never holds a traceback or a control character and stays short;
- only a call that waits for a person (Card/Finger/Face.Scan, Card.Write and Erase, AwaitScan,
  Act with awaitScanMs) may run into the client's deadline;
- the server answers a well-formed call (Connect.GetDeviceList) afterwards, no stream or scan
  is left open once its client has gone (GetStats).

Used by tests/test_sim_fuzz.py (a bounded run in `make test`) and bench/sim_fuzz.py (10,000
requests or more against a simulator in its own process).
"""

from __future__ import annotations

import functools
import os
import re
import tempfile
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import grpc
from google.protobuf import descriptor_pool, message_factory
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import (
    ProtoReflectionDescriptorDatabase,
)
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

from biohil.contract import MAX_MESSAGE_BYTES
from biohil.simulator import credentials, firmware
from biohil.simulator.connections import DEVICE_TO_SERVER, RECONNECT_INTERVAL, SERVER_TO_DEVICE

# Hypothesis keeps caches (and, unless told otherwise, a database) in .hypothesis/ of the
# current folder: keep them out of the repository. Every run here passes database=None.
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY", os.path.join(tempfile.gettempdir(), "biohil-hypothesis")
)

REFLECTION = "grpc.reflection."
HEALTH_CALL = "/gsdk.connect.Connect/GetDeviceList"
CONTROL = "/biohil.simcontrol.Control/"
TIMEOUT = 10.0  # a call that is not waiting for a person answers well within this (noisy CI)
PERSON_TIMEOUT = 0.1  # calls that wait for a person: the client gives up after this
STREAM_SETTLE = 0.05  # after a stream's headers: time for an error status that follows them
MAX_DETAILS = 600  # characters of a status message
TRACEBACK_MARKERS = ("Traceback", 'File "', "Exception calling application", "Exception iterating")
U32, I32 = 2**32 - 1, 2**31 - 1
USER_POOL = range(900_000, 900_040)  # valid IDs that collide across calls (enrol, then get/delete)
SCANS = ("Card/Scan", "Card/Write", "Card/Erase", "Finger/Scan", "Face/Scan")  # each waits for a person
SCAN_TIMEOUT_MS = 61_000  # past every terminal's scan timeout
FAULT_METHODS = ("/biohil.simcontrol.Control/InjectFault", "/biohil.simcontrol.Control/SetLatency")
RESTART = "/biohil.simcontrol.Control/RestartGateway"
# A restart keeps the gateway away up to 60 s; the generated ones are short (Requests._scalar),
# and one from raw bytes is waited for: the client's reconnect backoff comes on top.
RESTART_WAIT = 90.0


# -- what the server serves ------------------------------------------------------------------


@dataclass(frozen=True)
class Method:
    path: str  # /gsdk.user.User/Enroll
    request: type[Message]
    response: type[Message]
    streaming: bool

    @property
    def short(self) -> str:
        """User.Enroll, Control.Act."""
        service, name = self.path[1:].split("/")
        return f"{service.rsplit('.', 1)[-1]}.{name}"

    @property
    def waits_for_person(self) -> bool:
        return self.path.endswith((*SCANS, "Control/AwaitScan"))


def served_methods(channel: grpc.Channel) -> list[Method]:
    """Every method of every service the server lists by reflection (reflection itself aside),
    with message classes built from the server's own descriptors."""
    database = ProtoReflectionDescriptorDatabase(channel)
    pool = descriptor_pool.DescriptorPool(database)
    methods = []
    for name in sorted(database.get_services()):
        if name.startswith(REFLECTION):
            continue
        service = pool.FindServiceByName(name)
        for m in service.methods:
            if m.client_streaming:
                raise AssertionError(f"{m.full_name}: client streams are not fuzzed yet")
            methods.append(
                Method(
                    f"/{name}/{m.name}",
                    message_factory.GetMessageClass(m.input_type),
                    message_factory.GetMessageClass(m.output_type),
                    m.server_streaming,
                )
            )
    return methods


@dataclass(frozen=True)
class Terminal:
    device_id: int
    ip: str
    port: int


def terminals(channel: grpc.Channel, methods: list[Method]) -> list[Terminal]:
    """The simulator's terminals, from its control API (ListTerminals)."""
    listing = next(m for m in methods if m.path == CONTROL + "ListTerminals")
    reply: Any = _unary(channel, listing)(listing.request(), timeout=TIMEOUT)
    return [Terminal(t.deviceID, t.IPAddr, t.port) for t in reply.terminals]


def open_channel(address: str, ca_file: str | os.PathLike[str]) -> grpc.Channel:
    """A TLS channel that sends and takes messages as large as the gateway's (72 MiB)."""
    with open(ca_file, "rb") as f:
        creds = grpc.ssl_channel_credentials(root_certificates=f.read())
    options = [
        ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
        ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
    ]
    return grpc.secure_channel(address, creds, options=options)


def _unary(channel: grpc.Channel, m: Method) -> grpc.UnaryUnaryMultiCallable:
    return channel.unary_unary(
        m.path, request_serializer=m.request.SerializeToString, response_deserializer=m.response.FromString
    )


# -- generated requests ------------------------------------------------------------------------

HOSTILE_TEXT = [
    "",
    " ",
    "0",
    "\x00",
    "a\x00b",
    "\x1b[31mred\x1b[0m",
    "\x07bell",
    "tab\there",
    "line\nbreak",
    "\x7f",
    "\x85next line",
    "\x9bcsi",
    "\u2028",
    "\ufeffbom",
    "\ufffe",
    "\U0010ffff",
    "\u202eevil",
    "é" * 48,
    "é" * 49,
    "😀" * 48,
    "x" * 32,
    "x" * 33,
    "x" * 48,
    "x" * 49,
    "%s%n{0}",
    "../../etc/passwd",
]
HOSTILE_IDS = [
    "",
    "0",
    "00",
    "007",
    "1",
    "4294967295",
    "4294967296",
    "99999999999",
    "9" * 32,
    "9" * 33,
    "-1",
    "+1",
    "1e3",
    "12 34",
    " 123",
    "\u0661\u0662\u0663",  # Arabic-Indic digits: str.isdigit() says yes
    "\u0661",
    "12\x0034",
    "900001\x1b",
    "abc",
    "ab c",
]
LONG_DIGITS = [4_300, 4_301, 5_000, 100_000]  # int() refuses more than 4,300 digits (Python 3.11)
SIZES = [0, 1, 4, 15, 16, 17, 31, 32, 33, 383, 384, 385, 551, 552, 553, 16_384, 16_385, 65_536, 65_537]
BIG_SIZES = [1_000, 10_000, 100_000, 1_000_000]
BIG_LISTS = [17, 33, 101, 1_000]


def _tagged(name: str) -> Callable[[Any], tuple[str, Any]]:
    return lambda value: (name, value)


def _ints(low: int, high: int, *likely: int) -> st.SearchStrategy[int]:
    edges = sorted({v for v in (low, high, low + 1, high - 1, 0, 1, -1, *likely) if low <= v <= high})
    return st.one_of(st.sampled_from(edges), st.integers(low, high))


def _text(big: bool) -> st.SearchStrategy[str]:
    parts = [st.text(max_size=8), st.sampled_from(HOSTILE_TEXT)]
    if big:
        parts.append(
            st.tuples(st.sampled_from(BIG_SIZES), st.sampled_from("x9é\x00")).map(lambda t: t[1] * t[0])
        )
    return st.one_of(*parts)


def _bytes(big: bool) -> st.SearchStrategy[bytes]:
    parts = [st.binary(max_size=40)]
    if big:
        parts.append(st.sampled_from(SIZES).map(lambda n: b"\xa5" * n))
        parts.append(st.sampled_from(BIG_SIZES).map(lambda n: b"\x5a" * n))
    return st.one_of(*parts)


_RANGES = {
    FieldDescriptor.TYPE_INT32: (-(2**31), I32),
    FieldDescriptor.TYPE_SINT32: (-(2**31), I32),
    FieldDescriptor.TYPE_SFIXED32: (-(2**31), I32),
    FieldDescriptor.TYPE_UINT32: (0, U32),
    FieldDescriptor.TYPE_FIXED32: (0, U32),
    FieldDescriptor.TYPE_INT64: (-(2**63), 2**63 - 1),
    FieldDescriptor.TYPE_SINT64: (-(2**63), 2**63 - 1),
    FieldDescriptor.TYPE_SFIXED64: (-(2**63), 2**63 - 1),
    FieldDescriptor.TYPE_UINT64: (0, 2**64 - 1),
    FieldDescriptor.TYPE_FIXED64: (0, 2**64 - 1),
}


class Requests:
    """Hypothesis strategies for the requests of the served methods, built from descriptors.

    Field names pick values that get past the first checks (a connected terminal, a pooled user
    ID, a real template) about as often as generic, boundary and hostile ones.
    """

    def __init__(self, fleet: list[Terminal], methods: list[Method], connected: list[Terminal]) -> None:
        self.fleet = fleet
        ids = [t.device_id for t in fleet]
        self.device_ids = _ints(0, U32, *ids, 12345, 546830000, 541530099)
        self.known_ids = st.sampled_from(ids)
        self.connected_ids = st.sampled_from([t.device_id for t in connected])
        pool = self.pool = st.sampled_from([str(u) for u in USER_POOL])
        self.user_ids = st.one_of(
            pool, pool, st.sampled_from(HOSTILE_IDS), st.sampled_from(LONG_DIGITS).map(lambda n: "9" * n)
        )
        paths = [m.path for m in methods]
        self.method_names = st.one_of(
            st.sampled_from(["*", "User/Enroll", "Connect/GetDeviceList", "gsdk.event.Event/GetLog"]),
            st.sampled_from(paths),
            _text(big=True),
        )
        self._cache: dict[tuple[str, bool, int], st.SearchStrategy[Message]] = {}

    def for_method(self, m: Method) -> st.SearchStrategy[Message]:
        return self.message(m.request.DESCRIPTOR, m.request, small=False, depth=0)  # type: ignore[arg-type]

    def message(
        self, d: Descriptor, cls: type[Message] | None = None, *, small: bool, depth: int
    ) -> st.SearchStrategy[Message]:
        key = (d.full_name, small, depth)
        if key not in self._cache:
            self._cache[key] = st.deferred(lambda: self._build(d, cls, small, depth))
        return self._cache[key]

    def _build(
        self, d: Descriptor, cls: type[Message] | None, small: bool, depth: int
    ) -> st.SearchStrategy[Message]:
        klass = cls or message_factory.GetMessageClass(d)
        plain = {f.name: self._field(d, f, small, depth) for f in d.fields if f.containing_oneof is None}
        oneofs = {
            o.name: st.one_of(
                st.none(),
                *(self._field(d, f, small, depth).map(_tagged(f.name)) for f in o.fields),
            )
            for o in d.oneofs
        }

        def make(values: dict[str, Any], chosen: dict[str, tuple[str, Any] | None]) -> Message:
            kwargs = {k: v for k, v in values.items() if v is not None}
            kwargs.update(dict(c for c in chosen.values() if c is not None))
            return klass(**kwargs)

        return st.builds(make, st.fixed_dictionaries(plain), st.fixed_dictionaries(oneofs))

    def _field(self, d: Descriptor, f: FieldDescriptor, small: bool, depth: int) -> st.SearchStrategy[Any]:
        if f.message_type is not None:
            if depth >= 4:
                return st.none() if not f.is_repeated else st.just([])
            element = self.message(f.message_type, small=small, depth=depth + 1)
            if not f.is_repeated:
                return st.one_of(st.none(), element)
            return self._lists(
                element, self.message(f.message_type, small=True, depth=depth + 1), small, d, f
            )
        scalar = self._scalar(d, f, small)
        if not f.is_repeated:
            return scalar
        return self._lists(scalar, self._scalar(d, f, small=True), small, d, f)

    def _lists(
        self,
        element: st.SearchStrategy[Any],
        small_element: st.SearchStrategy[Any],
        small: bool,
        d: Descriptor,
        f: FieldDescriptor,
    ) -> st.SearchStrategy[list[Any]]:
        hinted = self._hinted_list(d, f)
        lists = [st.lists(element, max_size=3), st.lists(element, max_size=3)]
        if hinted is not None:
            lists += [hinted, hinted]
        if not small:  # oversized: one small element many times (duplicates are a case of their own)
            lists.append(st.tuples(small_element, st.sampled_from(BIG_LISTS)).map(lambda t: [t[0]] * t[1]))
        return st.one_of(*lists)

    def _hinted_list(self, d: Descriptor, f: FieldDescriptor) -> st.SearchStrategy[list[Any]] | None:
        if f.name == "templates" and d.name == "FingerData":
            return st.binary(min_size=16, max_size=16).map(
                lambda i: [credentials.finger_template(i, 80), credentials.finger_template(i, 70)]
            )
        if f.name in ("deviceIDs",):
            return st.lists(self.known_ids, min_size=1, max_size=2)
        if (d.name, f.name) in (("EnrollRequest", "users"), ("SetCardRequest", "userCards")):
            return st.lists(self._valid(f), min_size=1, max_size=2)
        return None

    def _valid(self, f: FieldDescriptor) -> st.SearchStrategy[Message]:
        """A user (or a user's cards) a terminal stores: enrolments that succeed, so that the
        calls after them find users."""
        klass: Any = message_factory.GetMessageClass(f.message_type)  # type: ignore[arg-type]
        cards: st.SearchStrategy[list[dict[str, Any]]] = st.one_of(
            st.just([]),
            st.binary(min_size=32, max_size=32).map(lambda b: [{"type": 1, "size": 32, "data": b}]),
        )
        if f.name == "userCards":
            return st.builds(lambda uid, c: klass(userID=uid, cards=c), self.pool, cards)
        names = st.text(st.characters(categories=["L", "N", "Zs"]), max_size=48)
        pins = st.sampled_from([b"", firmware.pin_sha256("1234")])
        return st.builds(
            lambda uid, name, pin, c: klass(hdr={"ID": uid}, name=name, PIN=pin, cards=c),
            self.pool,
            names,
            pins,
            cards,
        )

    def _scalar(self, d: Descriptor, f: FieldDescriptor, small: bool) -> st.SearchStrategy[Any]:
        if f.name == "downSeconds":  # an accepted one restarts the gateway: keep the outages short
            return st.sampled_from(
                [0.0, -0.0, 1e-300, 0.05, 60.0000001, 61.0, -1.0, float("nan"), float("inf")]
            )
        hint = self._hint(d, f)
        generic: st.SearchStrategy[Any]
        if f.type == FieldDescriptor.TYPE_STRING:
            generic = _text(big=not small)
        elif f.type == FieldDescriptor.TYPE_BYTES:
            generic = _bytes(big=not small)
        elif f.type == FieldDescriptor.TYPE_BOOL:
            generic = st.booleans()
        elif f.type in (FieldDescriptor.TYPE_DOUBLE, FieldDescriptor.TYPE_FLOAT):
            edges = [0.0, -0.0, 0.5, 1.0, 1.0000001, -1.0, float("nan"), float("inf"), float("-inf"), 1e-300]
            generic = st.one_of(st.sampled_from(edges), st.floats(width=64 if f.type == 1 else 32))
        elif f.type == FieldDescriptor.TYPE_ENUM:
            assert f.enum_type is not None
            known = [v.number for v in f.enum_type.values]
            generic = st.one_of(
                st.sampled_from(known), st.sampled_from(known), _ints(-(2**31), I32, 99, 255, 256)
            )
        else:
            low, high = _RANGES[f.type]
            generic = _ints(low, high)
        if hint is None:
            return generic
        if f.type == FieldDescriptor.TYPE_ENUM or f.type in _RANGES:
            low, high = _RANGES.get(f.type, (-(2**31), I32))  # an enum is an int32 on the wire
            hint = hint.map(lambda v: min(max(v, low), high))
        return st.one_of(hint, hint, generic)

    def _hint(self, d: Descriptor, f: FieldDescriptor) -> st.SearchStrategy[Any] | None:
        """Values that get a request past the first checks, by field name."""
        name, owner = f.name, d.name
        if name in ("deviceID", "deviceIDs"):
            connected = self.connected_ids
            return st.one_of(connected, connected, connected, self.known_ids, self.device_ids)
        if name in ("ID", "userID", "userIDs", "enrolledFor") and f.type == FieldDescriptor.TYPE_STRING:
            return self.user_ids  # a user's (face.AuthGroup.ID is a number)
        if name == "IPAddr":
            return st.sampled_from([t.ip for t in self.fleet] + ["127.0.99.9", "localhost", "::1"])
        if name == "port":
            return st.sampled_from([*sorted({t.port for t in self.fleet}), 0, 65535, 65536, -1])
        if name == "method":
            return self.method_names
        if name == "PIN" and f.type == FieldDescriptor.TYPE_STRING:
            return st.sampled_from(
                ["1234", "0000", "123", "1" * 16, "1" * 17, "12a4", "\u0661\u0662\u0663\u0664", " 1234"]
            )
        if name == "PIN":
            return st.sampled_from([b"", firmware.pin_sha256("1234"), b"1234", b"\x00" * 31, b"\x00" * 33])
        if name == "digits":
            return st.sampled_from(
                ["1234", "900001", "900002", "12", "1" * 16, "1" * 17, "9" * 5000, "\u0663\u0664\u0665\u0666"]
            )
        if name == "queueSize":
            return _ints(-(2**31), I32, 16, 1_000_000, 1_000_001)
        if name == "count" and owner == "FillLogRequest":
            # FillLog appends real records: keep the accepted ones small (the log holds them all
            # run long); the refused ones are the point.
            return st.one_of(st.integers(0, 50), st.sampled_from([1_000_001, 10_000_000, U32]))
        if name == "milliseconds" and owner == "AdvanceClockRequest":
            return st.sampled_from([0, 1, 1_000, 20_000, 86_400_000, 86_400_001, U32])
        if name in ("timeoutMs", "awaitScanMs"):
            return st.sampled_from([0, 1, 100, 120_000, 120_001, U32])
        if name in ("matchTimeout", "authTimeout"):
            return _ints(0, U32, 3, 5, 10, 20, 21)
        if name in ("mode",) or name.endswith(("AuthMode", "AuthExtMode")):
            return _ints(0, U32, *range(50), 254, 255)
        if name == "scheduleID":
            return st.sampled_from([0, 1, 2, U32])
        if name == "flag" and owner == "FaceData":
            return st.sampled_from([0, 1, 0x20, 0x100, 0x101, 0x120, 0x2, 0xFFFF])
        if name == "flag":
            return st.sampled_from([0, 1, 2, U32])
        if name in ("quality", "qualityThreshold"):
            return _ints(0, U32, 50, 80, 100, 101)
        if name == "code" and owner == "InjectFaultRequest":
            return _ints(-(2**31), I32, *range(18))
        if name == "probability":
            return st.sampled_from([0.0, 0.5, 1.0, 1.5, -0.1, float("nan"), float("inf")])
        if name == "name":
            return st.one_of(st.text(max_size=48), st.sampled_from(HOSTILE_TEXT))
        return None


# -- calling -----------------------------------------------------------------------------------


@dataclass
class Outcome:
    method: str
    code: grpc.StatusCode
    details: str
    seconds: float
    request: Message | bytes | None = None  # described only when something is wrong with it


def _status(e: grpc.RpcError) -> tuple[grpc.StatusCode, str]:
    call: Any = e
    return call.code(), call.details() or ""


def _brief(request: Message | bytes | None) -> str:
    text = repr(request[:400]) if isinstance(request, bytes) else str(request).replace("\n", " ")
    return text if len(text) <= 300 else f"{text[:300]}... ({len(text)} chars)"


@dataclass
class Harness:
    channel: grpc.Channel
    methods: list[Method]
    fleet: list[Terminal]
    codes: Counter[str] = field(default_factory=Counter)
    by_method: Counter[tuple[str, str]] = field(default_factory=Counter)
    violations: list[str] = field(default_factory=list)
    calls: int = 0

    @classmethod
    def open(cls, channel: grpc.Channel) -> Harness:
        methods = served_methods(channel)
        return cls(channel, methods, terminals(channel, methods))

    def requests(self) -> Requests:
        return Requests(self.fleet, self.methods, self.managed())

    def report(self) -> str:
        """The status counts, overall and per method."""
        lines = [f"{self.calls:,} calls: " + ", ".join(f"{c} {n:,}" for c, n in self.codes.most_common())]
        for m in self.methods:
            counts = sorted(((n, c) for (p, c), n in self.by_method.items() if p == m.path), reverse=True)
            lines.append(f"  {m.short:<28} " + ", ".join(f"{c} {n:,}" for n, c in counts))
        return "\n".join(lines)

    def method(self, path: str) -> Method:
        return next(m for m in self.methods if m.path == path)

    def managed(self) -> list[Terminal]:
        """The terminals kept connected between resets; the others stay unconnected."""
        return self.fleet[: max(1, len(self.fleet) // 2)]

    # one call ----------------------------------------------------------------------------------

    def call(self, m: Method, request: Message) -> Outcome:
        waits = m.waits_for_person or (
            m.path.endswith("Control/Act") and bool(getattr(request, "awaitScanMs", 0))
        )
        timeout = PERSON_TIMEOUT if waits else TIMEOUT
        restarts = self.restarts() if m.path == RESTART else 0
        start = time.perf_counter()
        if m.streaming:
            code, details = self._stream(m, request, timeout)
        else:
            try:
                _unary(self.channel, m)(request, timeout=timeout)
                code, details = grpc.StatusCode.OK, ""
            except grpc.RpcError as e:
                code, details = _status(e)
        outcome = Outcome(m.path, code, details, time.perf_counter() - start, request)
        self._record(outcome, bool(waits))
        if code is grpc.StatusCode.OK and m.path in FAULT_METHODS:
            self.clear_faults()  # an injected fault or delay is meant to fail calls: not these
        if code is grpc.StatusCode.OK and m.path == RESTART:
            self.restarted(restarts)
        if m.path.endswith(SCANS):
            self._scan_released(outcome)
        return outcome

    def _scan_released(self, o: Outcome) -> None:
        """Calls come one at a time: once a scan's client has gone, no scan may still wait."""
        problem = None
        if o.code is grpc.StatusCode.ABORTED:
            problem = f"ABORTED ({o.details[:120]!r}): an earlier scan whose client left still waits"
        else:
            problem = self.leftovers(wait=2.0, streams=False)
        if problem is not None:
            self.violations.append(f"{o.method}: {problem}; request {_brief(o.request)}")
            self.release_scans()

    def release_scans(self) -> None:
        """End every waiting scan (its timeout passes), so one leak is reported once."""
        self._control("AdvanceClock", milliseconds=SCAN_TIMEOUT_MS)

    def _stream(self, m: Method, request: Message, timeout: float) -> tuple[grpc.StatusCode, str]:
        """Open the stream, wait for its headers or its error, cancel it."""
        stream: Any = self.channel.unary_stream(
            m.path,
            request_serializer=m.request.SerializeToString,
            response_deserializer=m.response.FromString,
        )(request, timeout=timeout)
        ended = threading.Event()
        stream.add_done_callback(lambda _: ended.set())
        try:
            stream.initial_metadata()
            if not ended.wait(STREAM_SETTLE):
                stream.cancel()
                return grpc.StatusCode.OK, ""
            code = stream.code()
            return (code, stream.details() or "") if code is not None else (grpc.StatusCode.OK, "")
        except grpc.RpcError as e:
            return _status(e)

    def garbage(self, m: Method, payload: bytes) -> Outcome:
        """Bytes that may not even be a request, on a raw channel (no serializers)."""
        restarts = self.restarts() if m.path == RESTART else 0
        start = time.perf_counter()
        try:
            if m.streaming:
                stream: Any = self.channel.unary_stream(m.path)(payload, timeout=TIMEOUT)
                stream.initial_metadata()
                stream.cancel()
                code, details = grpc.StatusCode.OK, ""
            else:
                self.channel.unary_unary(m.path)(
                    payload, timeout=PERSON_TIMEOUT if m.waits_for_person else TIMEOUT
                )
                code, details = grpc.StatusCode.OK, ""
        except grpc.RpcError as e:
            code, details = _status(e)
        if code is grpc.StatusCode.CANCELLED and m.streaming:
            code = grpc.StatusCode.OK  # our own cancel
        outcome = Outcome(m.path, code, details, time.perf_counter() - start, payload)
        self._record(outcome, m.waits_for_person or m.path.endswith("Control/Act"))
        if code is grpc.StatusCode.OK and m.path in FAULT_METHODS:
            self.clear_faults()
        if code is grpc.StatusCode.OK and m.path == RESTART:
            self.restarted(restarts)
        return outcome

    def _record(self, o: Outcome, may_time_out: bool) -> None:
        self.calls += 1
        self.codes[o.code.name] += 1
        self.by_method[(o.method, o.code.name)] += 1
        for problem in problems(o, may_time_out):
            raw = "raw bytes " if isinstance(o.request, bytes) else ""
            self.violations.append(f"{o.method}: {problem}; {raw}request {_brief(o.request)}")

    # the world around the calls -------------------------------------------------------------

    def _control(self, name: str, **fields: Any) -> Any:
        m = self.method(CONTROL + name)
        return _unary(self.channel, m)(m.request(**fields), timeout=TIMEOUT)

    def clear_faults(self) -> None:
        self._control("ClearFaults")

    def reset(self) -> None:
        """No faults, every link up, the managed terminals connected and the others not."""
        self.clear_faults()
        for t in self.fleet:
            self._control("SetLink", deviceID=t.device_id, up=True)
        self._plain_server_to_device()
        for t in self.managed():
            self._connect(t)
        listed: Any = _unary(self.channel, self.method(HEALTH_CALL))(
            self.method(HEALTH_CALL).request(), timeout=TIMEOUT
        )
        others = {d.deviceID for d in listed.deviceInfos} - {t.device_id for t in self.managed()}
        if others:
            disconnect = self.method("/gsdk.connect.Connect/Disconnect")
            _unary(self.channel, disconnect)(disconnect.request(deviceIDs=sorted(others)), timeout=TIMEOUT)

    def _connect_call(self, name: str, **fields: Any) -> Any:
        m = self.method(f"/gsdk.connect.Connect/{name}")
        return _unary(self.channel, m)(m.request(**fields), timeout=TIMEOUT)

    def _plain_server_to_device(self) -> None:
        """Every terminal as Connect finds it (the connect calls change that): no asynchronous
        registration, SERVER_TO_DEVICE mode, SSL off, an empty accept filter; through the public
        API, the terminals' state as SearchDevice tells it."""
        listed = self._connect_call("GetDeviceList").deviceInfos
        registered = [d.deviceID for d in listed if d.autoReconnect]
        if registered:
            self._connect_call("DeleteAsyncConnection", deviceIDs=registered)
        found = self._connect_call("SearchDevice").deviceInfos
        to_server = [d.deviceID for d in found if d.connectionMode == DEVICE_TO_SERVER]
        if to_server:  # let them in (each dials within a reconnect interval), then set them back
            self._connect_call("SetAcceptFilter", filter={"allowAll": True})
            self._control("AdvanceClock", milliseconds=int(RECONNECT_INTERVAL * 1000))
            for device_id in to_server:
                self._connect_call("SetConnectionMode", deviceID=device_id, connectionMode=SERVER_TO_DEVICE)
        by_id = {t.device_id: t for t in self.fleet}
        for device_id in [d.deviceID for d in found if d.useSSL]:
            self._connect(by_id[device_id], use_ssl=True)
            self._connect_call("DisableSSL", deviceID=device_id)
        self._connect_call("SetAcceptFilter")

    def restarts(self) -> int:
        return int(self._control("GetStats").gatewayRestarts)

    def restarted(self, before: int) -> None:
        """The gateway restarts (it may still answer for a moment, then refuses): wait until it
        serves again having restarted once more than `before`, then reset."""
        m = self.method(CONTROL + "GetStats")
        deadline = time.monotonic() + RESTART_WAIT
        while True:
            try:
                stats: Any = _unary(self.channel, m)(m.request(), timeout=1.0, wait_for_ready=True)
                if stats.gatewayRestarts > before:
                    break
            except grpc.RpcError:
                if time.monotonic() > deadline:
                    raise
                continue  # away, or not yet back within the call's deadline
            if time.monotonic() > deadline:
                raise AssertionError(f"the gateway did not restart within {RESTART_WAIT:g} s")
            time.sleep(0.01)
        self.reset()

    def healthy(self) -> str | None:
        """None if the server answers a well-formed call; else what went wrong."""
        m = self.method(HEALTH_CALL)
        try:
            _unary(self.channel, m)(m.request(), timeout=TIMEOUT)
        except grpc.RpcError as e:
            code, details = _status(e)
            return f"{HEALTH_CALL} failed afterwards: {code.name} {details[:200]}"
        return None

    def leftovers(self, wait: float = 5.0, streams: bool = True) -> str | None:
        """None once no stream (unless streams is False) and no scan is left open: their clients
        have all gone."""
        deadline = time.monotonic() + wait
        while True:
            stats = self._control("GetStats")
            open_ = (stats.eventSubscribers * streams, stats.statusSubscribers * streams, stats.waitingScans)
            if open_ == (0, 0, 0):
                return None
            if time.monotonic() > deadline:
                return (
                    f"still open {wait:g} s after their clients left: {open_[0]} event streams, "
                    f"{open_[1]} status streams, {open_[2]} scans"
                )
            time.sleep(0.05)

    def delete_all_users(self) -> None:
        """Every terminal connected and its users deleted; then reset()."""
        self.reset()
        delete_all = self.method("/gsdk.user.User/DeleteAll")
        for t in self.fleet:
            self._connect(t)
            _unary(self.channel, delete_all)(delete_all.request(deviceID=t.device_id), timeout=TIMEOUT)
        self.reset()

    def _connect(self, t: Terminal, use_ssl: bool = False) -> None:
        connect = self.method("/gsdk.connect.Connect/Connect")
        info: Any = message_factory.GetMessageClass(
            connect.request.DESCRIPTOR.fields_by_name["connectInfo"].message_type  # type: ignore[arg-type]
        )
        _unary(self.channel, connect)(
            connect.request(connectInfo=info(IPAddr=t.ip, port=t.port, useSSL=use_ssl)), timeout=TIMEOUT
        )


def problems(o: Outcome, may_time_out: bool) -> Iterator[str]:
    """What is wrong with one call's outcome (nothing, for a sound server)."""
    if o.code in (grpc.StatusCode.UNKNOWN, grpc.StatusCode.INTERNAL):
        yield f"answered {o.code.name}: {o.details[:300]!r}"
    if o.code is grpc.StatusCode.DEADLINE_EXCEEDED and not may_time_out:
        yield f"no answer within {TIMEOUT:g} s"
    marker = next((t for t in TRACEBACK_MARKERS if t in o.details), None)
    if marker is not None:
        yield f"a traceback in the message ({marker!r}): {o.details[:300]!r}"
    bad = next((c for c in o.details if _control_char(c)), None)
    if bad is not None:
        yield f"control character {bad!r} in the message {o.details[:200]!r}"
    if len(o.details) > MAX_DETAILS:
        yield f"a {len(o.details)}-character message: {o.details[:200]!r}..."
    if o.code is grpc.StatusCode.INVALID_ARGUMENT and isinstance(o.request, Message):
        names = field_names(o.request.DESCRIPTOR)
        if not any(re.search(rf"\b{re.escape(name)}\b", o.details) for name in names):
            yield f"INVALID_ARGUMENT naming no field of {o.request.DESCRIPTOR.name}: {o.details[:200]!r}"


@functools.cache
def field_names(descriptor: Descriptor) -> frozenset[str]:
    """Every field name of a message and of the messages inside it: what a refusal of a bad
    request names (a request that is no message at all names its type instead); a list's element
    by its singular too ("deviceID 0" of deviceIDs)."""
    names: set[str] = set()
    todo, seen = [descriptor], set()
    while todo:
        d = todo.pop()
        if d.full_name in seen:
            continue
        seen.add(d.full_name)
        for f in d.fields:
            names.add(f.name)
            if f.is_repeated and f.name.endswith("s"):
                names.add(f.name[:-1])
            if f.message_type is not None:
                todo.append(f.message_type)
    return frozenset(names)


def _control_char(c: str) -> bool:
    return unicodedata.category(c) == "Cc"


# -- raw bytes ---------------------------------------------------------------------------------


def garbage_payloads(m: Method) -> st.SearchStrategy[bytes]:
    """Random bytes, a valid request with bytes changed, cut or appended, bad UTF-8 in a string
    field, a length that runs past the end."""
    valid = m.request().SerializeToString()
    strings = [f.number for f in m.request.DESCRIPTOR.fields if f.type == FieldDescriptor.TYPE_STRING]
    bad_utf8 = [b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf"]

    def string_field(number: int, value: bytes) -> bytes:
        return _varint(number << 3 | 2) + _varint(len(value)) + value

    parts: list[st.SearchStrategy[bytes]] = [
        st.binary(max_size=64),
        st.binary(min_size=1, max_size=4096),
        st.sampled_from([b"\x0a\xff\xff\xff\xff\x0f", b"\x08", b"\x80" * 11, b"\x0f", b"\x00", b"\xff" * 16]),
        st.tuples(st.binary(max_size=32), st.binary(max_size=8)).map(lambda t: valid + t[0] + t[1]),
    ]
    if strings:
        parts.append(
            st.tuples(st.sampled_from(strings), st.sampled_from(bad_utf8)).map(lambda t: string_field(*t))
        )
    return st.one_of(*parts)


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


# -- running -----------------------------------------------------------------------------------


def run_requests(
    harness: Harness,
    requests: Requests,
    m: Method,
    examples: int,
    *,
    seed: int | None = None,
    raise_on_problem: bool = False,
    reset_every: int = 10,
) -> None:
    """`examples` generated requests for one method (hypothesis drives the generation).

    With raise_on_problem, the first problem fails the hypothesis test, which shrinks it to a
    small request and prints it; otherwise problems are collected in harness.violations.
    """
    counter = {"n": 0}

    def one(request: Message) -> None:
        if counter["n"] % reset_every == 0:
            harness.reset()
        counter["n"] += 1
        before = len(harness.violations)
        harness.call(m, request)
        if raise_on_problem:
            _raise_new(harness, before)

    _drive(one, requests.for_method(m), examples, seed)


def _raise_new(harness: Harness, before: int) -> None:
    """The violations found since `before`, as one AssertionError (hypothesis shrinks on it)."""
    if len(harness.violations) > before:
        found = harness.violations[before:]
        del harness.violations[before:]
        raise AssertionError("\n".join(found))


def run_garbage(
    harness: Harness, m: Method, examples: int, *, seed: int | None = None, raise_on_problem: bool = False
) -> None:
    def one(payload: bytes) -> None:
        before = len(harness.violations)
        harness.garbage(m, payload)
        if raise_on_problem:
            _raise_new(harness, before)

    _drive(one, garbage_payloads(m), examples, seed)


def _drive(
    body: Callable[[Any], None], strategy: st.SearchStrategy[Any], examples: int, seed: int | None
) -> None:
    """Run body over `examples` generated values: reproducible (a fixed seed, or derandomized),
    nothing written to a hypothesis database."""
    configured = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=seed is None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        print_blob=False,
    )
    test = configured(given(strategy)(body))
    if seed is not None:
        test = hypothesis_seed(seed)(test)
    test()
