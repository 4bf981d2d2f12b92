"""A small typed facade over the G-SDK stubs: what the steps and fixtures call.

Every call has a deadline. Reads are retried on UNAVAILABLE (tenacity), and so are Connect and
EnableMonitoring, which do nothing more when run twice; other writes are not, since a write that
reached the terminal before the connection dropped must not run twice (the undo operations in
biohil.client.cleanup are idempotent and retried). Every write is announced to the
terminal's `Changes` first (biohil.client.changes): on a gateway opened with held_only, a
terminal without one refuses every write.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import grpc
from tenacity import (
    retry,
    retry_if_exception_type,
    retry_if_result,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential,
    wait_fixed,
)

from biohil.client.changes import Changes, NotHeld
from biohil.client.channel import open_channel
from biohil.client.errors import DeviceNotConnected, GatewayUnavailable, GsdkError, NotFound, from_rpc_error
from biohil.gsdk import (
    auth_pb2,
    auth_pb2_grpc,
    card_pb2,
    card_pb2_grpc,
    connect_pb2,
    connect_pb2_grpc,
    device_pb2,
    device_pb2_grpc,
    event_pb2,
    event_pb2_grpc,
    face_pb2,
    face_pb2_grpc,
    finger_pb2,
    finger_pb2_grpc,
    user_pb2,
    user_pb2_grpc,
)
from biohil.verdict import Cause

T = TypeVar("T")
DEFAULT_DEADLINE = 10.0  # the gateway's own command timeout
LONG_DEADLINE = 20.0  # user data and logs (the gateway's long_cmd timeout)
MAX_EVENT_ID = 0xFFFFFFFF
# A scan waits for a person: the gateway bounds it (20 s for cards and fingers, 60 s for faces).
SCAN_DEADLINE = 70.0

# Reads, and the writes that are the same however often they run (Connect, EnableMonitoring).
_read_retry = retry(
    retry=retry_if_exception_type(GatewayUnavailable),
    stop=stop_after_attempt(3),
    wait=wait_exponential(multiplier=0.2, max=1.0),
    reraise=True,
)


def _call(method: str, fn: Callable[..., Any], request: object, deadline: float = DEFAULT_DEADLINE) -> Any:
    """One unary call with a deadline; a failure becomes the GsdkError subclass for its status."""
    try:
        return fn(request, timeout=deadline)
    except grpc.RpcError as e:
        raise from_rpc_error(method, e) from None


CONNECTED_STATES = frozenset({"TCP_CONNECTED", "TLS_CONNECTED"})


@dataclass(frozen=True)
class DeviceEntry:
    device_id: int
    ip: str
    port: int
    status: str
    type_name: str

    @property
    def connected(self) -> bool:
        return self.status in CONNECTED_STATES


class Gateway:
    """A G-SDK device gateway reached over TLS.

    held_only: writes go only to terminals held with hold() (the suite's gateway); otherwise a
    terminal without a holder takes every write (tools, tests).
    """

    def __init__(self, channel: grpc.Channel, address: str, held_only: bool = False) -> None:
        self.address = address
        self._channel = channel
        self._held_only = held_only
        self._held: dict[tuple[str, int], Changes] = {}  # terminal address -> its holder
        self._addresses: dict[int, tuple[str, int]] = {}  # device ID -> address, learned at Connect
        self._ssl: dict[int, bool] = {}  # device ID -> useSSL of its last Connect
        self.connect_stub = connect_pb2_grpc.ConnectStub(channel)
        self.device_stub = device_pb2_grpc.DeviceStub(channel)
        self.auth_stub = auth_pb2_grpc.AuthStub(channel)
        self.user_stub = user_pb2_grpc.UserStub(channel)
        self.event_stub = event_pb2_grpc.EventStub(channel)
        self.card_stub = card_pb2_grpc.CardStub(channel)
        self.finger_stub = finger_pb2_grpc.FingerStub(channel)
        self.face_stub = face_pb2_grpc.FaceStub(channel)

    @classmethod
    def open(
        cls,
        address: str,
        ca_file: Path,
        ready_timeout: float = 5.0,
        held_only: bool = False,
        interceptors: Sequence[grpc.UnaryUnaryClientInterceptor | grpc.UnaryStreamClientInterceptor] = (),
    ) -> Gateway:
        """interceptors: see every call (the report records them)."""
        channel = open_channel(address, ca_file, ready_timeout)
        return cls(
            grpc.intercept_channel(channel, *interceptors) if interceptors else channel, address, held_only
        )

    # -- who may write to which terminal -------------------------------------------------------

    def hold(self, ip: str, port: int, changes: Changes) -> None:
        """Writes to the terminal at ip:port go through `changes` from now on."""
        self._held[(ip, port)] = changes

    def let_go(self, ip: str, port: int) -> None:
        self._held.pop((ip, port), None)

    def changes_at(self, ip: str, port: int) -> Changes:
        changes = self._held.get((ip, port))
        if changes is not None:
            return changes
        return NotHeld(f"the terminal at {ip}:{port}") if self._held_only else _FREE

    def changes_of(self, device_id: int) -> Changes:
        address = self._addresses.get(device_id)
        if address is not None and address in self._held:
            return self._held[address]
        return NotHeld(f"device {device_id}") if self._held_only else _FREE

    def __repr__(self) -> str:
        return f"Gateway({self.address})"

    @property
    def channel(self) -> grpc.Channel:
        """The TLS channel, for stubs beyond this facade (e.g. the simulator's control API)."""
        return self._channel

    def close(self) -> None:
        self._channel.close()

    @_read_retry
    def connect(self, ip: str, port: int, use_ssl: bool = False) -> Device:
        request = connect_pb2.ConnectRequest(
            connectInfo=connect_pb2.ConnectInfo(IPAddr=ip, port=port, useSSL=use_ssl)
        )
        with self.changes_at(ip, port).connection(True):
            reply = _call("Connect.Connect", self.connect_stub.Connect, request, LONG_DEADLINE)
        self._addresses[reply.deviceID] = (ip, port)
        self._ssl[reply.deviceID] = use_ssl
        return Device(self, reply.deviceID)

    def connected_here(self, device_id: int) -> bool:
        """Whether this client has connected the device (or seen it listed) before."""
        return device_id in self._addresses

    def reconnect(self, device_id: int) -> Device:
        """Connect again a terminal the gateway lost (a gateway restart), at the address it was
        connected at; DeviceNotConnected if this client never connected it."""
        address = self._addresses.get(device_id)
        if address is None:
            raise DeviceNotConnected("Connect.Connect", None, f"device {device_id} was never connected here")
        return self.connect(*address, use_ssl=self._ssl.get(device_id, False))

    def disconnect(self, *device_ids: int) -> None:
        request = connect_pb2.DisconnectRequest(deviceIDs=device_ids)
        with ExitStack() as announced:
            for device_id in device_ids:
                announced.enter_context(self.changes_of(device_id).connection(False))
            _call("Connect.Disconnect", self.connect_stub.Disconnect, request)

    @_read_retry
    def device_list(self) -> list[DeviceEntry]:
        reply = _call(
            "Connect.GetDeviceList",
            self.connect_stub.GetDeviceList,
            connect_pb2.GetDeviceListRequest(),
        )
        self._addresses.update({d.deviceID: (d.IPAddr, d.port) for d in reply.deviceInfos})
        return [
            DeviceEntry(
                device_id=d.deviceID,
                ip=d.IPAddr,
                port=d.port,
                status=connect_pb2.Status.Name(d.status),
                type_name=device_pb2.Type.Name(d.type),
            )
            for d in reply.deviceInfos
        ]

    def listed_at(self, ip: str, port: int) -> list[DeviceEntry]:
        """The device list's entries for the terminal at ip:port (empty: not connected)."""
        return [d for d in self.device_list() if (d.ip, d.port) == (ip, port)]

    def listed(self, device_id: int) -> DeviceEntry | None:
        """The device list's entry for a device, or None if the gateway does not manage it."""
        return next((d for d in self.device_list() if d.device_id == device_id), None)

    def await_listed(
        self, device_id: int, connected: bool, timeout: float, or_gone: bool = False
    ) -> DeviceEntry | None:
        """The device's entry once the gateway lists it as connected (or not; `or_gone`: or no
        longer lists it), looked up every 0.2 s for up to `timeout` s; the last entry seen if it
        never is (None: not listed at all)."""

        @retry(
            stop=stop_after_delay(timeout),
            wait=wait_fixed(0.2),
            retry=retry_if_result(
                lambda e: (e is None and not or_gone) or (e is not None and e.connected != connected)
            ),
            retry_error_callback=lambda state: state.outcome.result() if state.outcome else None,
        )
        def look() -> DeviceEntry | None:
            return self.listed(device_id)

        return look()

    def device(self, device_id: int) -> Device:
        """A handle on a device the gateway already manages (no call is made)."""
        return Device(self, device_id)

    def realtime_events(
        self, device_ids: Iterable[int] = (), event_codes: Iterable[int] = (), queue_size: int = 16
    ) -> Stream[event_pb2.EventLog]:
        """SubscribeRealtimeLog: events of the monitored devices, narrowed by device and code."""
        request = event_pb2.SubscribeRealtimeLogRequest(
            queueSize=queue_size, deviceIDs=list(device_ids), eventCodes=list(event_codes)
        )
        return Stream("Event.SubscribeRealtimeLog", self.event_stub.SubscribeRealtimeLog(request))


_FREE = Changes()  # a terminal nobody holds, on a gateway that does not ask for holders


class Pending(Generic[T]):
    """A call in flight (a scan waiting for a person): wait on it, then take its result."""

    def __init__(self, method: str, future: Any) -> None:
        self.method = method
        self._future = future
        self._done = threading.Event()
        future.add_done_callback(lambda _: self._done.set())

    def __repr__(self) -> str:
        return f"Pending({self.method})"

    def wait(self, timeout: float) -> bool:
        """True once the call has finished (either way)."""
        return self._done.wait(timeout)

    def result(self) -> T:
        try:
            return self._future.result()  # type: ignore[no-any-return]
        except grpc.RpcError as e:
            raise from_rpc_error(self.method, e) from None

    def cancel(self) -> None:
        self._future.cancel()


class Stream(Generic[T]):
    """A server stream: iterate it; cancel() ends the iteration quietly (from any thread)."""

    def __init__(self, method: str, call: Any) -> None:
        self.method = method
        self._call = call

    def __repr__(self) -> str:
        return f"Stream({self.method})"

    def wait_subscribed(self, timeout: float = 5.0) -> None:
        """Block until the gateway has the subscription, so nothing published later is missed.

        The call's initial metadata arrives once the server has set the stream up.
        """
        done = threading.Event()

        def wait() -> None:
            self._call.initial_metadata()
            done.set()

        threading.Thread(target=wait, daemon=True).start()
        if not done.wait(timeout):
            raise GatewayUnavailable(self.method, None, f"no answer to the subscription within {timeout:g} s")

    def __iter__(self) -> Iterator[T]:
        try:
            yield from self._call
        except grpc.RpcError as e:
            if e.code() != grpc.StatusCode.CANCELLED:
                raise from_rpc_error(self.method, e) from None

    def cancel(self) -> None:
        self._call.cancel()


class Device:
    """One terminal behind the gateway, addressed by its device ID.

    Every write is announced to the terminal's Changes (the gateway keeps them): on a terminal
    under test, the journal checks it and records how to undo it before it is sent. The check
    sits here, under every step and fixture, whichever handle is used.
    """

    def __init__(self, gateway: Gateway, device_id: int) -> None:
        self.gateway = gateway
        self.id = device_id

    def __repr__(self) -> str:
        return f"Device({self.id})"

    def _call(
        self, method: str, fn: Callable[..., Any], request: object, deadline: float = DEFAULT_DEADLINE
    ) -> Any:
        """One call on this terminal. A refusal the contract does not explain is the terminal's,
        unless the gateway no longer lists at all a terminal this client had connected: then it
        is the connection's."""
        try:
            return _call(method, fn, request, deadline)
        except GsdkError as e:
            if (
                e.cause is not Cause.PRODUCT
                or not self.gateway.connected_here(self.id)
                or not self._forgotten()
            ):
                raise
            raise DeviceNotConnected(
                e.method, e.code, f"{e.detail} (the gateway no longer lists device {self.id} as connected)"
            ) from None

    def _forgotten(self) -> bool:
        """The gateway no longer lists the terminal at all (a gateway restart). Listed but
        disconnected is no such evidence: a terminal that dropped off on a valid request (a
        reboot) may be the firmware's fault."""
        try:
            return self.gateway.listed(self.id) is None
        except GsdkError:
            return False  # the gateway cannot say: its own error stands

    @property
    def changes(self) -> Changes:
        return self.gateway.changes_of(self.id)

    def owns(self, user_id: str) -> bool:
        """Whether the suite's run created this user (and so may change or delete it)."""
        return self.changes.owns(user_id)

    # -- identity --------------------------------------------------------------------------

    @_read_retry
    def info(self) -> device_pb2.FactoryInfo:
        req = device_pb2.GetInfoRequest(deviceID=self.id)
        reply: device_pb2.GetInfoResponse = self._call(
            "Device.GetInfo", self.gateway.device_stub.GetInfo, req
        )
        return reply.info

    @_read_retry
    def capability_info(self) -> device_pb2.CapabilityInfo:
        req = device_pb2.GetCapabilityInfoRequest(deviceID=self.id)
        stub = self.gateway.device_stub.GetCapabilityInfo
        reply: device_pb2.GetCapabilityInfoResponse = self._call("Device.GetCapabilityInfo", stub, req)
        return reply.capInfo

    @_read_retry
    def capability(self) -> device_pb2.DeviceCapability:
        req = device_pb2.GetCapabilityRequest(deviceID=self.id)
        stub = self.gateway.device_stub.GetCapability
        reply: device_pb2.GetCapabilityResponse = self._call("Device.GetCapability", stub, req)
        return reply.deviceCapability

    # -- auth config -----------------------------------------------------------------------

    @_read_retry
    def auth_config(self) -> auth_pb2.AuthConfig:
        req = auth_pb2.GetConfigRequest(deviceID=self.id)
        reply: auth_pb2.GetConfigResponse = self._call(
            "Auth.GetConfig", self.gateway.auth_stub.GetConfig, req
        )
        return reply.config

    def set_auth_config(self, config: auth_pb2.AuthConfig) -> None:
        with self.changes.auth_config(restoring=False):
            self._send_auth_config(config)

    def restore_auth_config(self, config: auth_pb2.AuthConfig) -> bool:
        """Put back a config read earlier: always written (a read that shows no change does not
        prove the terminal holds it; writing it again is harmless, so safe to repeat); returns
        whether a read before the write showed it differed."""
        with self.changes.auth_config(restoring=True):
            differed = self.auth_config() != config
            self._send_auth_config(config)
            return differed

    def _send_auth_config(self, config: auth_pb2.AuthConfig) -> None:
        req = auth_pb2.SetConfigRequest(deviceID=self.id, config=config)
        self._call("Auth.SetConfig", self.gateway.auth_stub.SetConfig, req)

    # -- users -----------------------------------------------------------------------------

    def enroll(self, users: Iterable[user_pb2.UserInfo], overwrite: bool = False) -> None:
        users = list(users)
        req = user_pb2.EnrollRequest(deviceID=self.id, users=users, overwrite=overwrite)
        with self.changes.users("User.Enroll", [u.hdr.ID for u in users], create=not overwrite):
            self._call("User.Enroll", self.gateway.user_stub.Enroll, req, LONG_DEADLINE)

    @_read_retry
    def users(self, *user_ids: str) -> list[user_pb2.UserInfo]:
        """The users, or NotFound naming one the terminal does not have. Whether it refuses the
        whole Get or leaves that one out is the reading mixed_user_ids: either means the same."""
        req = user_pb2.GetRequest(deviceID=self.id, userIDs=user_ids)
        found = list(self._call("User.Get", self.gateway.user_stub.Get, req, LONG_DEADLINE).users)
        missing = sorted(set(user_ids) - {u.hdr.ID for u in found})
        if missing:
            raise NotFound("User.Get", grpc.StatusCode.NOT_FOUND, f"no user {missing[0]} in the answer")
        return found

    @_read_retry
    def user_headers(self) -> list[user_pb2.UserHdr]:
        req = user_pb2.GetListRequest(deviceID=self.id)
        return list(self._call("User.GetList", self.gateway.user_stub.GetList, req, LONG_DEADLINE).hdrs)

    def delete_users(self, *user_ids: str) -> None:
        req = user_pb2.DeleteRequest(deviceID=self.id, userIDs=user_ids)
        with self.changes.deleting("User.Delete", user_ids):
            self._call("User.Delete", self.gateway.user_stub.Delete, req, LONG_DEADLINE)

    def delete_all_users(self) -> None:
        self.changes.delete_all()
        req = user_pb2.DeleteAllRequest(deviceID=self.id)
        self._call("User.DeleteAll", self.gateway.user_stub.DeleteAll, req, LONG_DEADLINE)

    def set_cards(self, user_id: str, cards: Iterable[card_pb2.CSNCardData]) -> None:
        req = user_pb2.SetCardRequest(
            deviceID=self.id, userCards=[user_pb2.UserCard(userID=user_id, cards=list(cards))]
        )
        with self.changes.users("User.SetCard", [user_id], create=False):
            self._call("User.SetCard", self.gateway.user_stub.SetCard, req, LONG_DEADLINE)

    def set_fingers(self, user_id: str, fingers: Iterable[finger_pb2.FingerData]) -> None:
        req = user_pb2.SetFingerRequest(
            deviceID=self.id,
            userFingers=[user_pb2.UserFinger(userID=user_id, fingers=list(fingers))],
        )
        with self.changes.users("User.SetFinger", [user_id], create=False):
            self._call("User.SetFinger", self.gateway.user_stub.SetFinger, req, LONG_DEADLINE)

    def set_faces(self, user_id: str, faces: Iterable[face_pb2.FaceData]) -> None:
        req = user_pb2.SetFaceRequest(
            deviceID=self.id, userFaces=[user_pb2.UserFace(userID=user_id, faces=list(faces))]
        )
        with self.changes.users("User.SetFace", [user_id], create=False):
            self._call("User.SetFace", self.gateway.user_stub.SetFace, req, LONG_DEADLINE)

    # -- events ----------------------------------------------------------------------------

    @_read_retry
    def events(
        self, start_id: int = 0, max_count: int = 0, filters: Iterable[event_pb2.EventFilter] = ()
    ) -> list[event_pb2.EventLog]:
        """GetLog, or GetLogWithFilter when filters are given (start_id inclusive, 0 = all)."""
        filters = list(filters)
        if filters:
            req = event_pb2.GetLogWithFilterRequest(
                deviceID=self.id, startEventID=start_id, maxNumOfLog=max_count, filters=filters
            )
            stub = self.gateway.event_stub.GetLogWithFilter
            return list(self._call("Event.GetLogWithFilter", stub, req, LONG_DEADLINE).events)
        plain = event_pb2.GetLogRequest(deviceID=self.id, startEventID=start_id, maxNumOfLog=max_count)
        return list(self._call("Event.GetLog", self.gateway.event_stub.GetLog, plain, LONG_DEADLINE).events)

    def pages(self, start_id: int, size: int) -> Iterator[list[event_pb2.EventLog]]:
        """The log from start_id in pages of `size`, as a sync client reads it: each page starts
        after the last ID of the one before; a short page is the last."""
        while True:
            page = self.events(start_id, size)
            if page:
                yield page
            if len(page) < size:
                return
            start_id = page[-1].ID + 1

    def newest_event_id(self) -> int:
        """ID of the newest log record (0 for an empty log), found with ~32 one-record reads.

        There is no RPC for it and reading a log of millions of records is slow, so this searches
        for the highest start ID that still returns a record (startEventID is inclusive).
        """
        if not self.events(0, 1):
            return 0
        low, high = 1, 2  # invariant: a record at/after low, none at/after high
        while high <= MAX_EVENT_ID and self.events(high, 1):
            low, high = high, high * 2
        high = min(high, MAX_EVENT_ID + 1)
        while low + 1 < high:
            mid = (low + high) // 2
            if self.events(mid, 1):
                low = mid
            else:
                high = mid
        return low

    # -- capture (the terminal waits for a person) -----------------------------------------------

    def scan_card(self) -> Pending[card_pb2.ScanResponse]:
        req = card_pb2.ScanRequest(deviceID=self.id)
        return Pending("Card.Scan", self.gateway.card_stub.Scan.future(req, timeout=SCAN_DEADLINE))

    def scan_finger(self, quality_threshold: int = 50) -> Pending[finger_pb2.ScanResponse]:
        req = finger_pb2.ScanRequest(deviceID=self.id, qualityThreshold=quality_threshold)
        return Pending("Finger.Scan", self.gateway.finger_stub.Scan.future(req, timeout=SCAN_DEADLINE))

    def scan_face(self) -> Pending[face_pb2.ScanResponse]:
        req = face_pb2.ScanRequest(
            deviceID=self.id, enrollThreshold=face_pb2.BS2_FACE_ENROLL_THRESHOLD_DEFAULT
        )
        return Pending("Face.Scan", self.gateway.face_stub.Scan.future(req, timeout=SCAN_DEADLINE))

    @_read_retry
    def pin_hash(self, pin: str) -> bytes:
        reply: user_pb2.GetPINHashResponse = self._call(
            "User.GetPINHash", self.gateway.user_stub.GetPINHash, user_pb2.GetPINHashRequest(PIN=pin)
        )
        return reply.hashVal

    @_read_retry
    def enable_monitoring(self) -> None:
        req = event_pb2.EnableMonitoringRequest(deviceID=self.id)
        with self.changes.monitoring(True):
            self._call("Event.EnableMonitoring", self.gateway.event_stub.EnableMonitoring, req)

    def disable_monitoring(self) -> None:
        req = event_pb2.DisableMonitoringRequest(deviceID=self.id)
        with self.changes.monitoring(False):
            self._call("Event.DisableMonitoring", self.gateway.event_stub.DisableMonitoring, req)
