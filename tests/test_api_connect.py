"""gsdk.connect served in full, with state: asynchronous connections that come back by themselves,
device-to-server terminals let in by the accept filter or kept pending, SSL switched on and off (and
the root CA deleted), the broadcast search, DisconnectAll, slave devices; the Multi calls report
per terminal. Each test has a simulator of its own (connections are the gateway's whole state)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from grpc_status import rpc_status
from tenacity import retry, retry_if_exception_type, stop_after_delay, wait_fixed

from biohil.gsdk import connect_pb2, device_pb2, err_pb2, event_pb2
from biohil.simcontrol import control_pb2
from biohil.simulator import Simulator
from biohil.simulator.connections import RECONNECT_INTERVAL
from biohil.simulator.models import DEFAULT_DEVICES, DeviceSpec
from tests.conftest import raw_stubs

BS2, F2 = DEFAULT_DEVICES
Stubs = dict[str, Any]
TCP, TLS, GONE = connect_pb2.TCP_CONNECTED, connect_pb2.TLS_CONNECTED, connect_pb2.DISCONNECTED
S2D, D2S = connect_pb2.SERVER_TO_DEVICE, connect_pb2.DEVICE_TO_SERVER


@pytest.fixture(scope="module")
def cert_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("connect-certs")


@pytest.fixture
def sim(cert_dir: Path) -> Iterator[Simulator]:
    with Simulator(cert_dir) as s:
        yield s


@pytest.fixture
def s(sim: Simulator) -> Iterator[Stubs]:
    creds = grpc.ssl_channel_credentials(root_certificates=sim.ca_file.read_bytes())
    with grpc.secure_channel(sim.address, creds) as channel:
        yield raw_stubs(channel)


# -- a client's moves --------------------------------------------------------------------------


def _connect(s: Stubs, spec: DeviceSpec, use_ssl: bool = False) -> int:
    info = connect_pb2.ConnectInfo(IPAddr=spec.ip, port=spec.port, useSSL=use_ssl)
    return int(s["connect"].Connect(connect_pb2.ConnectRequest(connectInfo=info), timeout=10).deviceID)


def _error(call: Any, request: Any) -> tuple[grpc.StatusCode, str]:
    with pytest.raises(grpc.RpcError) as info:
        call(request, timeout=10)
    err: Any = info.value
    return err.code(), err.details()


def _listed(s: Stubs) -> dict[int, tuple[int, int, bool, bool]]:
    """GetDeviceList as device ID -> (status, connectionMode, autoReconnect, useSSL)."""
    infos = s["connect"].GetDeviceList(connect_pb2.GetDeviceListRequest(), timeout=10).deviceInfos
    return {i.deviceID: (i.status, i.connectionMode, i.autoReconnect, i.useSSL) for i in infos}


def _pending(s: Stubs) -> dict[int, connect_pb2.PendingDeviceInfo]:
    infos = s["connect"].GetPendingList(connect_pb2.GetPendingListRequest(), timeout=10).deviceInfos
    return {i.deviceID: i for i in infos}


def _link(s: Stubs, spec: DeviceSpec, up: bool) -> None:
    s["control"].SetLink(control_pb2.SetLinkRequest(deviceID=spec.device_id, up=up), timeout=10)


def _advance(s: Stubs, seconds: float) -> int:
    request = control_pb2.AdvanceClockRequest(milliseconds=int(seconds * 1000))
    return int(s["control"].AdvanceClock(request, timeout=10).timestamp)


def _now(s: Stubs) -> int:
    return _advance(s, 0)


def _connection_records(s: Stubs, device_id: int) -> list[int]:
    """The connection records (0x3B00 opened, 0x3C00 closed) a connected terminal logged."""
    events = s["event"].GetLog(event_pb2.GetLogRequest(deviceID=device_id), timeout=10).events
    return [e.eventCode for e in events if e.eventCode in (0x3B00, 0x3C00)]


@contextlib.contextmanager
def _statuses(s: Stubs) -> Iterator[Any]:
    """A SubscribeStatus stream whose subscription exists once this yields."""
    stream = s["connect"].SubscribeStatus(connect_pb2.SubscribeStatusRequest(queueSize=64), timeout=20)
    stream.initial_metadata()
    try:
        yield stream
    finally:
        stream.cancel()


def _next(stream: Any, n: int) -> list[tuple[int, int]]:
    return [(c.deviceID, c.status) for c in (next(stream) for _ in range(n))]


# -- asynchronous connections --------------------------------------------------------------------


def test_an_async_connection_comes_back_by_itself_until_it_is_deleted(s: Stubs) -> None:
    """AddAsyncConnection on a terminal whose link is down: listed DISCONNECTED with
    autoReconnect, connected when the link comes back and again RECONNECT_INTERVAL after a
    Disconnect, never again once deleted; every change on SubscribeStatus."""
    bs2, f2 = BS2.device_id, F2.device_id
    _connect(s, F2)
    _link(s, BS2, up=False)
    with _statuses(s) as stream:
        info = connect_pb2.AsyncConnectInfo(deviceID=bs2, IPAddr=BS2.ip, port=BS2.port)
        s["connect"].AddAsyncConnection(
            connect_pb2.AddAsyncConnectionRequest(connectInfos=[info]), timeout=10
        )
        assert _listed(s) == {bs2: (GONE, S2D, True, False), f2: (TCP, S2D, False, False)}
        code, message = _error(s["device"].GetInfo, device_pb2.GetInfoRequest(deviceID=bs2))
        assert code is grpc.StatusCode.UNAVAILABLE and "asynchronous connection" in message, message
        _link(s, BS2, up=True)
        assert _next(stream, 1) == [(bs2, TCP)]
        s["device"].GetInfo(device_pb2.GetInfoRequest(deviceID=bs2), timeout=10)
        s["connect"].Disconnect(connect_pb2.DisconnectRequest(deviceIDs=[bs2]), timeout=10)
        assert _next(stream, 1) == [(bs2, GONE)]
        assert _listed(s)[bs2] == (GONE, S2D, True, False)  # still the gateway's to reconnect
        _advance(s, RECONNECT_INTERVAL)
        assert _next(stream, 1) == [(bs2, TCP)]
        assert _listed(s)[bs2] == (TCP, S2D, True, False)
        delete = connect_pb2.DeleteAsyncConnectionRequest(deviceIDs=[bs2])
        s["connect"].DeleteAsyncConnection(delete, timeout=10)
        assert _next(stream, 1) == [(bs2, GONE)]
        assert bs2 not in _listed(s)
        _advance(s, 2 * RECONNECT_INTERVAL)
        assert bs2 not in _listed(s)
        code, message = _error(s["connect"].DeleteAsyncConnection, delete)
        assert code is grpc.StatusCode.NOT_FOUND and str(bs2) in message, message
    _connect(s, BS2)
    assert _connection_records(s, bs2) == [0x3B00, 0x3C00, 0x3B00, 0x3C00, 0x3B00]


def test_a_connect_ed_terminal_added_asynchronously_keeps_its_connection_unless_ssl_differs(
    s: Stubs,
) -> None:
    bs2 = _connect(s, BS2)
    with _statuses(s) as stream:
        add = connect_pb2.AddAsyncConnectionRequest(
            connectInfos=[connect_pb2.AsyncConnectInfo(deviceID=bs2, IPAddr=BS2.ip, port=BS2.port)]
        )
        s["connect"].AddAsyncConnection(add, timeout=10)
        assert _listed(s) == {bs2: (TCP, S2D, True, False)}  # the same connection, now the gateway's
        add.connectInfos[0].useSSL = True  # a terminal without SSL: no TLS handshake
        s["connect"].AddAsyncConnection(add, timeout=10)
        assert _next(stream, 2) == [(bs2, GONE), (bs2, connect_pb2.TLS_CANNOT_CONNECT)]
        assert _listed(s) == {bs2: (connect_pb2.TLS_CANNOT_CONNECT, S2D, True, True)}
        code, message = _error(s["connect"].Connect, _connect_request(BS2))
        assert code is grpc.StatusCode.FAILED_PRECONDITION and "DeleteAsyncConnection" in message, message


def _connect_request(spec: DeviceSpec, use_ssl: bool = False) -> connect_pb2.ConnectRequest:
    return connect_pb2.ConnectRequest(
        connectInfo=connect_pb2.ConnectInfo(IPAddr=spec.ip, port=spec.port, useSSL=use_ssl)
    )


# -- device to server ------------------------------------------------------------------------------


def test_a_device_to_server_terminal_waits_pending_until_the_accept_filter_lets_it_in(s: Stubs) -> None:
    bs2 = _connect(s, BS2)
    mode = connect_pb2.SetConnectionModeRequest(deviceID=bs2, connectionMode=D2S)
    s["connect"].SetConnectionMode(mode, timeout=10)
    assert _listed(s) == {}  # it closed its connection and dialed the gateway: nothing lets it in
    first = _pending(s)[bs2]
    assert (first.type, first.IPAddr, first.lastTry) == (BS2.model.device_type, BS2.ip, _now(s))
    later = _advance(s, RECONNECT_INTERVAL)
    assert _pending(s)[bs2].lastTry == later  # it dials again and again
    code, message = _error(s["device"].GetInfo, device_pb2.GetInfoRequest(deviceID=bs2))
    assert code is grpc.StatusCode.NOT_FOUND and "pending list" in message, message
    code, message = _error(s["connect"].Connect, _connect_request(BS2))
    assert code is grpc.StatusCode.FAILED_PRECONDITION and "DEVICE_TO_SERVER" in message, message

    allow = connect_pb2.AcceptFilter(deviceIDs=[bs2])
    s["connect"].SetAcceptFilter(connect_pb2.SetAcceptFilterRequest(filter=allow), timeout=10)
    assert s["connect"].GetAcceptFilter(connect_pb2.GetAcceptFilterRequest(), timeout=10).filter == allow
    assert _listed(s) == {bs2: (TCP, D2S, False, False)}
    assert _pending(s) == {}
    s["device"].GetInfo(device_pb2.GetInfoRequest(deviceID=bs2), timeout=10)

    s["connect"].Disconnect(connect_pb2.DisconnectRequest(deviceIDs=[bs2]), timeout=10)
    assert _listed(s) == {}
    _advance(s, RECONNECT_INTERVAL)  # the terminal dials again, and the filter still lets it in
    assert _listed(s) == {bs2: (TCP, D2S, False, False)}

    mode.connectionMode = S2D
    s["connect"].SetConnectionMode(mode, timeout=10)
    assert _listed(s) == {}  # it waits for the gateway to connect it
    _advance(s, RECONNECT_INTERVAL)
    assert _listed(s) == {}
    assert _connect(s, BS2) == bs2


def test_allow_all_lets_a_pending_terminal_in_and_a_restart_forgets_the_gateways_records(
    s: Stubs,
) -> None:
    bs2, f2 = _connect(s, BS2), _connect(s, F2)
    s["connect"].SetConnectionMode(connect_pb2.SetConnectionModeRequest(deviceID=bs2, connectionMode=D2S))
    info = connect_pb2.AsyncConnectInfo(deviceID=f2, IPAddr=F2.ip, port=F2.port)
    s["connect"].AddAsyncConnection(connect_pb2.AddAsyncConnectionRequest(connectInfos=[info]), timeout=10)
    assert list(_pending(s)) == [bs2]
    everyone = connect_pb2.SetAcceptFilterRequest(filter=connect_pb2.AcceptFilter(allowAll=True))
    s["connect"].SetAcceptFilter(everyone, timeout=10)
    assert _listed(s) == {bs2: (TCP, D2S, False, False), f2: (TCP, S2D, True, False)}

    s["control"].RestartGateway(control_pb2.RestartGatewayRequest(downSeconds=0.1), timeout=10)
    _restarted(s)
    assert _listed(s) == {}  # no database: connections, registrations, the filter are gone
    assert (
        s["connect"].GetAcceptFilter(connect_pb2.GetAcceptFilterRequest()).filter
        == connect_pb2.AcceptFilter()
    )
    _advance(s, RECONNECT_INTERVAL)  # the device-to-server terminal (its own mode) dials again
    assert list(_pending(s)) == [bs2]
    search = s["connect"].SearchDevice(connect_pb2.SearchDeviceRequest(timeout=1000), timeout=10)
    assert {i.deviceID: i.connectionMode for i in search.deviceInfos} == {bs2: D2S, f2: S2D}


@retry(
    retry=retry_if_exception_type((AssertionError, grpc.RpcError)),
    stop=stop_after_delay(20),
    wait=wait_fixed(0.05),
    reraise=True,
)
def _restarted(s: Stubs) -> None:
    assert s["control"].GetStats(control_pb2.GetStatsRequest(), timeout=2).gatewayRestarts == 1


# -- SSL -------------------------------------------------------------------------------------------


def test_ssl_is_used_only_after_enable_ssl_and_not_after_its_root_ca_is_deleted(s: Stubs) -> None:
    """Under the default reading ssl_switch=closed: switching SSL closes the connection."""
    code, message = _error(s["connect"].Connect, _connect_request(BS2, use_ssl=True))
    assert code is grpc.StatusCode.FAILED_PRECONDITION and "EnableSSL" in message, message
    bs2 = _connect(s, BS2)
    with _statuses(s) as stream:
        s["connect"].EnableSSL(connect_pb2.EnableSSLRequest(deviceID=bs2), timeout=10)
        assert _next(stream, 1) == [(bs2, GONE)]
        assert _listed(s) == {}
        code, message = _error(s["connect"].Connect, _connect_request(BS2))
        assert code is grpc.StatusCode.FAILED_PRECONDITION and "useSSL=true" in message, message
        assert _connect(s, BS2, use_ssl=True) == bs2
        assert _next(stream, 1) == [(bs2, TLS)]
        assert _listed(s) == {bs2: (TLS, S2D, False, True)}
        s["connect"].EnableSSL(connect_pb2.EnableSSLRequest(deviceID=bs2), timeout=10)  # already on
        assert _listed(s) == {bs2: (TLS, S2D, False, True)}
        found = s["connect"].SearchDevice(connect_pb2.SearchDeviceRequest(), timeout=10).deviceInfos
        assert {i.deviceID: i.useSSL for i in found} == {bs2: True, F2.device_id: False}

        s["device"].DeleteRootCA(device_pb2.DeleteRootCARequest(deviceID=bs2), timeout=10)
        assert _next(stream, 1) == [(bs2, GONE)]
        code, message = _error(s["connect"].Connect, _connect_request(BS2, use_ssl=True))
        assert code is grpc.StatusCode.FAILED_PRECONDITION and "SSL is not enabled" in message, message
        assert _connect(s, BS2) == bs2
        code, message = _error(s["device"].DeleteRootCA, device_pb2.DeleteRootCARequest(deviceID=bs2))
        assert code is grpc.StatusCode.NOT_FOUND and "no root CA" in message, message
        s["connect"].DisableSSL(connect_pb2.DisableSSLRequest(deviceID=bs2), timeout=10)  # already off
        assert _listed(s) == {bs2: (TCP, S2D, False, False)}
        assert _next(stream, 1) == [(bs2, TCP)]


def test_an_async_connection_is_not_allowed_once_its_terminal_takes_tls_only(s: Stubs) -> None:
    bs2 = BS2.device_id
    info = connect_pb2.AsyncConnectInfo(deviceID=bs2, IPAddr=BS2.ip, port=BS2.port)
    s["connect"].AddAsyncConnection(connect_pb2.AddAsyncConnectionRequest(connectInfos=[info]), timeout=10)
    s["connect"].EnableSSL(connect_pb2.EnableSSLRequest(deviceID=bs2), timeout=10)
    assert _listed(s) == {bs2: (connect_pb2.TCP_NOT_ALLOWED, S2D, True, False)}
    info.useSSL = True  # AddAsyncConnection with the new useSSL, as the documentation says
    s["connect"].AddAsyncConnection(connect_pb2.AddAsyncConnectionRequest(connectInfos=[info]), timeout=10)
    assert _listed(s) == {bs2: (TLS, S2D, True, True)}


def test_a_multi_call_failing_on_one_terminal_reports_it_in_the_status_details_and_changes_the_other(
    s: Stubs,
) -> None:
    bs2 = _connect(s, BS2)  # the F2 is not connected
    request = connect_pb2.EnableSSLMultiRequest(deviceIDs=[bs2, F2.device_id])
    with pytest.raises(grpc.RpcError) as info:
        s["connect"].EnableSSLMulti(request, timeout=10)
    err: Any = info.value
    assert err.code() is grpc.StatusCode.NOT_FOUND  # reading multi_status=first_device
    status = rpc_status.from_call(err)
    assert status is not None and len(status.details) == 1
    errors = err_pb2.MultiErrorResponse()
    assert status.details[0].Unpack(errors)
    assert [(e.deviceID, e.code) for e in errors.deviceErrors] == [
        (F2.device_id, grpc.StatusCode.NOT_FOUND.value[0])
    ]
    assert str(F2.device_id) in errors.deviceErrors[0].msg
    assert _connect(s, BS2, use_ssl=True) == bs2  # its SSL is on
    f2 = _connect(s, F2)
    both = [bs2, f2]
    s["connect"].DisableSSLMulti(connect_pb2.DisableSSLMultiRequest(deviceIDs=[bs2]), timeout=10)
    assert _connect(s, BS2) == bs2  # its SSL is off again
    mode = connect_pb2.SetConnectionModeMultiRequest(deviceIDs=both, connectionMode=D2S)
    allow = connect_pb2.SetAcceptFilterRequest(filter=connect_pb2.AcceptFilter(deviceIDs=both))
    s["connect"].SetAcceptFilter(allow, timeout=10)
    s["connect"].SetConnectionModeMulti(mode, timeout=10)
    assert _listed(s) == {bs2: (TCP, D2S, False, False), f2: (TCP, D2S, False, False)}


# -- search, DisconnectAll, slaves -----------------------------------------------------------------


def test_search_finds_every_terminal_whose_link_is_up_connected_or_not(s: Stubs) -> None:
    bs2 = _connect(s, BS2)
    _link(s, F2, up=False)
    found = s["connect"].SearchDevice(connect_pb2.SearchDeviceRequest(timeout=3000), timeout=10).deviceInfos
    assert [(i.deviceID, i.type, i.IPAddr, i.port, i.connectionMode, i.useSSL) for i in found] == [
        (bs2, BS2.model.device_type, BS2.ip, BS2.port, S2D, False)
    ]
    _link(s, F2, up=True)
    s["connect"].SetConnectionMode(connect_pb2.SetConnectionModeRequest(deviceID=bs2, connectionMode=D2S))
    found = s["connect"].SearchDevice(connect_pb2.SearchDeviceRequest(), timeout=10).deviceInfos
    assert [(i.deviceID, i.connectionMode, bool(i.serverAddr)) for i in found] == [
        (bs2, D2S, True),
        (F2.device_id, S2D, False),
    ]


def test_disconnect_all_closes_every_connection_on_the_status_stream(s: Stubs) -> None:
    bs2, f2 = _connect(s, BS2), _connect(s, F2)
    with _statuses(s) as stream:
        s["connect"].DisconnectAll(connect_pb2.DisconnectAllRequest(), timeout=10)
        assert sorted(_next(stream, 2)) == sorted([(bs2, GONE), (f2, GONE)])
        assert _listed(s) == {}


def test_slave_devices_are_listed_per_connected_terminal_and_none_can_be_set(s: Stubs) -> None:
    bs2 = _connect(s, BS2)
    get = connect_pb2.GetSlaveDeviceRequest()
    listed = s["connect"].GetSlaveDevice(get, timeout=10).slaveDeviceInfos
    assert list(listed) == [connect_pb2.SlaveDeviceInfo(deviceID=bs2)]
    none = connect_pb2.SetSlaveDeviceRequest(slaveDeviceInfos=[connect_pb2.SlaveDeviceInfo(deviceID=bs2)])
    s["connect"].SetSlaveDevice(none, timeout=10)
    assert list(s["connect"].GetSlaveDevice(get, timeout=10).slaveDeviceInfos) == list(listed)
    for field, bus in (
        ("rs485SlaveDeviceIDs", "maxRS485Channels 0"),
        ("wiegandSlaveDeviceIDs", "wiegandSupported false"),
    ):
        slave = connect_pb2.SlaveDeviceInfo(deviceID=bs2, **{field: [940000001]})
        code, message = _error(
            s["connect"].SetSlaveDevice, connect_pb2.SetSlaveDeviceRequest(slaveDeviceInfos=[slave])
        )
        assert code is grpc.StatusCode.NOT_FOUND, message
        assert f"slaveDeviceInfos[0].{field}[0]" in message and "940000001" in message and bus in message


# -- bad input ---------------------------------------------------------------------------------------

BAD = [
    (
        "AddAsyncConnection",
        connect_pb2.AddAsyncConnectionRequest(
            connectInfos=[connect_pb2.AsyncConnectInfo(deviceID=123, IPAddr=BS2.ip, port=BS2.port)]
        ),
        "connectInfos[0].deviceID",
    ),
    (
        "AddAsyncConnection",
        connect_pb2.AddAsyncConnectionRequest(
            connectInfos=[connect_pb2.AsyncConnectInfo(deviceID=BS2.device_id, IPAddr=BS2.ip, port=70000)]
        ),
        "connectInfos[0].port",
    ),
    ("AddAsyncConnection", connect_pb2.AddAsyncConnectionRequest(), "connectInfos is empty"),
    ("DeleteAsyncConnection", connect_pb2.DeleteAsyncConnectionRequest(deviceIDs=[1, 1]), "deviceIDs"),
    (
        "SetAcceptFilter",
        connect_pb2.SetAcceptFilterRequest(filter=connect_pb2.AcceptFilter(deviceIDs=[BS2.device_id, 0])),
        "filter.deviceIDs[1]",
    ),
    (
        "SetAcceptFilter",
        connect_pb2.SetAcceptFilterRequest(filter=connect_pb2.AcceptFilter(IPAddrs=["a\x00b"])),
        "filter.IPAddrs[0]",
    ),
    ("SearchDevice", connect_pb2.SearchDeviceRequest(timeout=60_001), "timeout 60001 ms"),
    (
        "SetConnectionMode",
        connect_pb2.SetConnectionModeRequest(deviceID=BS2.device_id, connectionMode=7),  # type: ignore[arg-type]
        "connectionMode 7",
    ),
    (
        "SetConnectionModeMulti",
        connect_pb2.SetConnectionModeMultiRequest(deviceIDs=[BS2.device_id], connectionMode=-1),  # type: ignore[arg-type]
        "connectionMode -1",
    ),
    ("EnableSSLMulti", connect_pb2.EnableSSLMultiRequest(), "deviceIDs is empty"),
    (
        "SetSlaveDevice",
        connect_pb2.SetSlaveDeviceRequest(
            slaveDeviceInfos=[connect_pb2.SlaveDeviceInfo(deviceID=BS2.device_id, rs485SlaveDeviceIDs=[0])]
        ),
        "slaveDeviceInfos[0].rs485SlaveDeviceIDs[0]",
    ),
]


@pytest.mark.parametrize(("method", "request_", "field"), BAD, ids=[f"{b[0]}-{b[2]}" for b in BAD])
def test_bad_input_is_invalid_argument_naming_the_method_and_field(
    s: Stubs, method: str, request_: Any, field: str
) -> None:
    _connect(s, BS2)
    code, message = _error(getattr(s["connect"], method), request_)
    assert code is grpc.StatusCode.INVALID_ARGUMENT, message
    assert message.startswith(f"{method}: ") and field in message, message
    assert _listed(s) == {BS2.device_id: (TCP, S2D, False, False)}  # nothing changed
