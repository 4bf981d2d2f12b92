"""A gateway restart mid-run (control API RestartGateway, biohil-simctl restart-gateway): the
gateway goes away, every call and open stream fails with UNAVAILABLE, and it comes back having
forgotten its connections, while the terminals keep their state."""

from __future__ import annotations

import math
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from tenacity import retry, stop_after_delay, wait_fixed

from biohil.gsdk import auth_pb2, card_pb2, connect_pb2, device_pb2, event_pb2, user_pb2
from biohil.simcontrol import control_pb2
from biohil.simctl import run
from biohil.simulator import Simulator
from biohil.simulator.models import DEFAULT_DEVICES
from tests.labrun import start_lab

BS2, F2 = DEFAULT_DEVICES
USER = "900201"
Stubs = dict[str, Any]


@pytest.fixture
def own(tmp_path: Path, stubs_for: Callable[[grpc.Channel], Stubs]) -> Iterator[tuple[Simulator, Stubs]]:
    """A simulator of this test's own (the session's one is not restarted under other tests)."""
    with Simulator(tmp_path / "certs") as sim:
        creds = grpc.ssl_channel_credentials(root_certificates=sim.ca_file.read_bytes())
        with grpc.secure_channel(sim.address, creds) as channel:
            yield sim, stubs_for(channel)


def _code(call: Any, *args: Any, **kwargs: Any) -> tuple[grpc.StatusCode, str] | None:
    """The call's status code and message if it fails, None if it answers."""
    try:
        call(*args, **kwargs)
    except grpc.RpcError as e:
        err: Any = e
        return err.code(), err.details()
    return None


@retry(stop=stop_after_delay(5), wait=wait_fixed(0.02), reraise=True)
def _gone(s: Stubs) -> None:
    """The gateway has gone away: a gateway call and a control call both fail UNAVAILABLE."""
    for call, request in (
        (s["connect"].GetDeviceList, connect_pb2.GetDeviceListRequest()),
        (s["control"].GetStats, control_pb2.GetStatsRequest()),
    ):
        failed = _code(call, request, timeout=2)
        assert failed is not None and failed[0] == grpc.StatusCode.UNAVAILABLE, failed


@retry(stop=stop_after_delay(20), wait=wait_fixed(0.05), reraise=True)
def _back(s: Stubs) -> list[Any]:
    """The connected devices, once the gateway serves again."""
    return list(s["connect"].GetDeviceList(connect_pb2.GetDeviceListRequest(), timeout=2).deviceInfos)


def _connect(s: Stubs, spec: Any) -> None:
    info = connect_pb2.ConnectInfo(IPAddr=spec.ip, port=spec.port)
    s["connect"].Connect(connect_pb2.ConnectRequest(connectInfo=info), timeout=5)


def _ended_unavailable(stream: Any) -> None:
    with pytest.raises(grpc.RpcError) as info:
        for _ in stream:
            pass
    err: Any = info.value
    assert err.code() == grpc.StatusCode.UNAVAILABLE, err


def _state(s: Stubs, device: int) -> tuple[list[str], auth_pb2.AuthConfig, list[Any]]:
    users = s["user"].GetList(user_pb2.GetListRequest(deviceID=device), timeout=5).hdrs
    config = s["auth"].GetConfig(auth_pb2.GetConfigRequest(deviceID=device), timeout=5).config
    logged = s["event"].GetLog(event_pb2.GetLogRequest(deviceID=device), timeout=5).events
    return [u.ID for u in users], config, list(logged)


def _card(s: Stubs, device: int) -> Any:
    """A new card, captured by a Card.Scan."""
    scan = s["card"].Scan.future(card_pb2.ScanRequest(deviceID=device), timeout=10)
    person = control_pb2.ActRequest(
        deviceID=device, input=control_pb2.CARD, credential={"unknown": True}, awaitScanMs=5000
    )
    s["control"].Act(person, timeout=10)
    return scan.result().cardData.CSNCardData


def _present(s: Stubs, device: int) -> Any:
    """USER presents their card; the event the terminal logged."""
    person = control_pb2.ActRequest(deviceID=device, input=control_pb2.CARD, credential={"enrolledFor": USER})
    (event,) = s["control"].Act(person, timeout=10).events
    assert (event.eventCode, event.userID) == (0x1000, USER)
    return event


def test_a_restarted_gateway_forgets_its_connections_and_the_terminals_keep_their_state(
    own: tuple[Simulator, Stubs],
) -> None:
    _, s = own
    device = BS2.device_id
    for spec in (BS2, F2):
        _connect(s, spec)
    user = user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), cards=[_card(s, device)])
    s["user"].Enroll(user_pb2.EnrollRequest(deviceID=device, users=[user]), timeout=5)
    config = auth_pb2.AuthConfig(
        authSchedules=[auth_pb2.AuthSchedule(mode=auth_pb2.AUTH_MODE_CARD_ONLY, scheduleID=1)],
        matchTimeout=7,
        authTimeout=15,
    )
    s["auth"].SetConfig(auth_pb2.SetConfigRequest(deviceID=device, config=config), timeout=5)
    s["event"].EnableMonitoring(event_pb2.EnableMonitoringRequest(deviceID=device), timeout=5)
    before = _state(s, device)
    realtime = s["event"].SubscribeRealtimeLog(event_pb2.SubscribeRealtimeLogRequest(queueSize=16))
    status = s["connect"].SubscribeStatus(connect_pb2.SubscribeStatusRequest(queueSize=16))
    realtime.initial_metadata()
    status.initial_metadata()
    scan = s["card"].Scan.future(card_pb2.ScanRequest(deviceID=F2.device_id), timeout=30)
    await_scan = control_pb2.AwaitScanRequest(deviceID=F2.device_id, input=control_pb2.CARD, timeoutMs=5000)
    s["control"].AwaitScan(await_scan, timeout=10)

    s["control"].RestartGateway(control_pb2.RestartGatewayRequest(downSeconds=2), timeout=5)
    _ended_unavailable(realtime)
    _ended_unavailable(status)
    assert scan.exception(timeout=10).code() == grpc.StatusCode.UNAVAILABLE
    _gone(s)

    assert _back(s) == []
    failed = _code(s["device"].GetInfo, device_pb2.GetInfoRequest(deviceID=device), timeout=5)
    assert failed is not None and failed[0] == grpc.StatusCode.NOT_FOUND, failed
    assert f"device {device} is not connected to the gateway" in failed[1]
    stats = s["control"].GetStats(control_pb2.GetStatsRequest(), timeout=5)
    assert (stats.gatewayRestarts, stats.eventSubscribers, stats.statusSubscribers, stats.waitingScans) == (
        1,
        0,
        0,
        0,
    )

    _connect(s, BS2)
    users, kept_config, logged = _state(s, device)
    assert (users, kept_config) == (before[0], config)
    assert logged[: len(before[2])] == before[2]
    assert [e.eventCode for e in logged[len(before[2]) :]] == [0x3C00, 0x3B00]  # went away, came back
    # Monitoring went with the connection: nothing streams until a client enables it again.
    stream = s["event"].SubscribeRealtimeLog(
        event_pb2.SubscribeRealtimeLogRequest(queueSize=16, deviceIDs=[device], eventCodes=[0x1000])
    )
    stream.initial_metadata()
    try:
        _present(s, device)
        s["event"].EnableMonitoring(event_pb2.EnableMonitoringRequest(deviceID=device), timeout=5)
        streamed = _present(s, device)
        assert next(stream).ID == streamed.ID  # the first, unmonitored one never streamed
    finally:
        stream.cancel()


def test_a_bad_down_time_is_refused_and_the_gateway_stays(stubs: Stubs) -> None:
    for down in (0.0, -1.0, 60.5, math.nan, math.inf):
        request = control_pb2.RestartGatewayRequest(downSeconds=down)
        failed = _code(stubs["control"].RestartGateway, request, timeout=5)
        assert failed is not None, down
        assert failed[0] == grpc.StatusCode.INVALID_ARGUMENT and "downSeconds" in failed[1], failed
    stats = stubs["control"].GetStats(control_pb2.GetStatsRequest(), timeout=5)
    assert stats.gatewayRestarts == 0


def test_simctl_restarts_a_standalone_gateway_which_comes_back_on_its_port(
    tmp_path: Path, stubs_for: Callable[[grpc.Channel], Stubs], capsys: pytest.CaptureFixture[str]
) -> None:
    proc, lab = start_lab(tmp_path)
    try:
        where = ["--gateway", lab.address, "--ca", str(lab.ca)]
        said: list[str] = []
        assert run([*where, "connect", F2.ip], out=said.append) == 0
        assert run([*where, "restart-gateway", "--down", "0"]) == 1
        assert "INVALID_ARGUMENT: RestartGateway: downSeconds is missing" in capsys.readouterr().err
        assert run([*where, "restart-gateway", "--down", "1.5"], out=said.append) == 0
        assert said[-1] == (
            "the gateway restarts: away for 1.5 s, then no terminal is connected until a client calls Connect"
        )
        creds = grpc.ssl_channel_credentials(root_certificates=lab.ca.read_bytes())
        with grpc.secure_channel(lab.address, creds) as channel:
            s = stubs_for(channel)
            _gone(s)
            assert _back(s) == []
        assert run([*where, "connect", F2.ip], out=said.append) == 0  # same port, same certificate
        assert said[-1] == f"connected device {F2.device_id}"
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_a_simulator_stopped_while_its_gateway_is_away_stops_at_once(own: tuple[Simulator, Stubs]) -> None:
    sim, s = own
    port = sim.port
    s["control"].RestartGateway(control_pb2.RestartGatewayRequest(downSeconds=60), timeout=5)
    _gone(s)
    started = time.monotonic()
    sim.stop()
    assert time.monotonic() - started < 5
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), timeout=2):
        pass  # it never came back
