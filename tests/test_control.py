"""The control API over gRPC: scans, a person's actions, link loss, faults, the clock, overflow."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import grpc
import pytest
from tenacity import retry, stop_after_delay, wait_fixed

from biohil.gsdk import card_pb2, connect_pb2, device_pb2, event_pb2, face_pb2, finger_pb2, user_pb2
from biohil.simcontrol import control_pb2
from biohil.simulator.faults import Faults
from biohil.simulator.models import DEFAULT_DEVICES

BS2, F2 = DEFAULT_DEVICES


@pytest.fixture
def s(stubs: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Stubs with both terminals connected; faults and links reset afterwards."""
    for spec in (BS2, F2):
        info = connect_pb2.ConnectInfo(IPAddr=spec.ip, port=spec.port)
        stubs["connect"].Connect(connect_pb2.ConnectRequest(connectInfo=info), timeout=5)
    yield stubs
    stubs["control"].ClearFaults(control_pb2.ClearFaultsRequest())
    for spec in (BS2, F2):
        stubs["control"].SetLink(control_pb2.SetLinkRequest(deviceID=spec.device_id, up=True))


def _error(call: Any, *args: Any, **kwargs: Any) -> tuple[grpc.StatusCode, str]:
    with pytest.raises(grpc.RpcError) as info:
        call(*args, **kwargs)
    err: Any = info.value
    return err.code(), err.details()


def _act(s: dict[str, Any], device: int, kind: Any, await_ms: int = 5000, **cred: Any) -> Any:
    request = control_pb2.ActRequest(
        deviceID=device, input=kind, credential=control_pb2.Credential(**cred), awaitScanMs=await_ms
    )
    return s["control"].Act(request, timeout=10)


def _await_scan(s: dict[str, Any], device: int, kind: Any) -> None:
    request = control_pb2.AwaitScanRequest(deviceID=device, input=kind, timeoutMs=5000)
    s["control"].AwaitScan(request, timeout=10)


@retry(stop=stop_after_delay(5), wait=wait_fixed(0.02), reraise=True)
def _no_scan_waiting(s: dict[str, Any]) -> None:
    assert s["control"].GetStats(control_pb2.GetStatsRequest(), timeout=5).waitingScans == 0


def _advance(s: dict[str, Any], seconds: float) -> None:
    s["control"].AdvanceClock(control_pb2.AdvanceClockRequest(milliseconds=int(seconds * 1000)))


def test_card_scan_returns_the_presented_card_right_aligned(s: dict[str, Any]) -> None:
    pending = s["card"].Scan.future(card_pb2.ScanRequest(deviceID=BS2.device_id), timeout=10)
    token = _act(s, BS2.device_id, control_pb2.CARD, unknown=True).token
    csn = pending.result().cardData.CSNCardData
    assert (csn.type, csn.size, len(csn.data)) == (card_pb2.CARD_TYPE_CSN, 32, 32)
    assert csn.data == token and csn.data[:25] == bytes(25)


SCANS = [
    ("card", card_pb2.ScanRequest(deviceID=BS2.device_id), control_pb2.CARD, 20, "no card was presented"),
    ("finger", finger_pb2.ScanRequest(deviceID=F2.device_id), control_pb2.FINGER, 10, "no fingerprint"),
    ("face", face_pb2.ScanRequest(deviceID=F2.device_id), control_pb2.FACE, 20, "no face was presented"),
]


@pytest.mark.parametrize(("stub", "request_", "kind", "seconds", "words"), SCANS, ids=[c[0] for c in SCANS])
def test_scan_times_out_on_the_simulated_clock(
    s: dict[str, Any], stub: str, request_: Any, kind: Any, seconds: int, words: str
) -> None:
    pending = s[stub].Scan.future(request_, timeout=30)
    _await_scan(s, request_.deviceID, kind)
    _advance(s, seconds + 1)
    code, details = _error(pending.result)
    assert code == grpc.StatusCode.DEADLINE_EXCEEDED
    assert words in details and f"within {seconds} s (scan timeout)" in details


def test_finger_below_the_quality_threshold_is_refused(s: dict[str, Any]) -> None:
    scan = finger_pb2.ScanRequest(deviceID=BS2.device_id, qualityThreshold=60)
    pending = s["finger"].Scan.future(scan)
    request = control_pb2.ActRequest(
        deviceID=BS2.device_id,
        input=control_pb2.FINGER,
        credential=control_pb2.Credential(unknown=True),
        quality=35,
        awaitScanMs=5000,
    )
    s["control"].Act(request)
    code, details = _error(pending.result)
    assert code == grpc.StatusCode.FAILED_PRECONDITION and "quality 35 is below the threshold 60" in details
    good = s["finger"].Scan.future(scan)
    request.quality = 90
    s["control"].Act(request)
    reply = good.result()
    assert (reply.qualityScore, len(reply.templateData)) == (90, 384)


def test_face_scan_has_the_visual_family_shape(s: dict[str, Any]) -> None:
    pending = s["face"].Scan.future(face_pb2.ScanRequest(deviceID=F2.device_id))
    _act(s, F2.device_id, control_pb2.FACE, unknown=True)
    face = pending.result().faceData
    assert face.flag & face_pb2.BS2_FACE_FLAG_EX
    assert face.templates and face.irTemplates
    assert all(len(t) == 552 for t in (*face.templates, *face.irTemplates))


def test_scan_problems(s: dict[str, Any]) -> None:
    code, details = _error(s["face"].Scan, face_pb2.ScanRequest(deviceID=BS2.device_id))
    assert code == grpc.StatusCode.UNIMPLEMENTED and "(faceSupported is false)" in details
    pending = s["card"].Scan.future(card_pb2.ScanRequest(deviceID=F2.device_id))
    _await_scan(s, F2.device_id, control_pb2.CARD)
    code, details = _error(s["card"].Scan, card_pb2.ScanRequest(deviceID=F2.device_id))
    assert code == grpc.StatusCode.ABORTED and "already waiting" in details
    pending.cancel()  # the client gives up: the terminal stops waiting, once the server hears of it
    _no_scan_waiting(s)
    second = s["card"].Scan.future(card_pb2.ScanRequest(deviceID=F2.device_id))
    _act(s, F2.device_id, control_pb2.CARD, unknown=True)
    assert second.result().cardData.CSNCardData.size == 32
    late = control_pb2.ActRequest(
        deviceID=F2.device_id,
        input=control_pb2.CARD,
        credential=control_pb2.Credential(unknown=True),
        awaitScanMs=1,
    )
    code, details = _error(s["control"].Act, late)
    assert code == grpc.StatusCode.FAILED_PRECONDITION and "no card scan was waiting" in details


ACT_ERRORS = [
    ("unknown device", dict(deviceID=4242, input=control_pb2.CARD), "NOT_FOUND", "4242"),
    ("no input", dict(deviceID=BS2.device_id), "INVALID_ARGUMENT", "input is missing"),
    (
        "no credential",
        dict(deviceID=BS2.device_id, input=control_pb2.CARD),
        "INVALID_ARGUMENT",
        "credential is missing",
    ),
    (
        "user not enrolled",
        dict(
            deviceID=BS2.device_id,
            input=control_pb2.CARD,
            credential=control_pb2.Credential(enrolledFor="900990"),
        ),
        "NOT_FOUND",
        "900990",
    ),
    (
        "bad PIN",
        dict(deviceID=BS2.device_id, input=control_pb2.PIN, digits="12a"),
        "INVALID_ARGUMENT",
        "PIN must be",
    ),
    (
        "no such reader",
        dict(deviceID=BS2.device_id, input=control_pb2.FACE, credential=control_pb2.Credential(unknown=True)),
        "FAILED_PRECONDITION",
        "no face reader",
    ),
    (
        "short finger token",
        dict(deviceID=BS2.device_id, input=control_pb2.FINGER, credential=control_pb2.Credential(token=b"x")),
        "INVALID_ARGUMENT",
        "16 bytes",
    ),
]


@pytest.mark.parametrize(
    ("fields", "code", "words"), [c[1:] for c in ACT_ERRORS], ids=[c[0] for c in ACT_ERRORS]
)
def test_act_errors_name_the_problem(
    s: dict[str, Any], fields: dict[str, Any], code: str, words: str
) -> None:
    got, details = _error(s["control"].Act, control_pb2.ActRequest(**fields))
    assert (got.name, words in details) == (code, True), details


def test_enrolled_card_is_granted_and_the_event_streams(s: dict[str, Any]) -> None:
    device = F2.device_id
    scan = s["card"].Scan.future(card_pb2.ScanRequest(deviceID=device))
    _act(s, device, control_pb2.CARD, unknown=True)
    card = scan.result().cardData.CSNCardData
    user = user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID="900801"), cards=[card])
    s["user"].Enroll(user_pb2.EnrollRequest(deviceID=device, users=[user], overwrite=True))
    s["event"].EnableMonitoring(event_pb2.EnableMonitoringRequest(deviceID=device))
    stream = s["event"].SubscribeRealtimeLog(
        event_pb2.SubscribeRealtimeLogRequest(queueSize=16, deviceIDs=[device], eventCodes=[0x1000])
    )
    stream.initial_metadata()
    try:
        reply = _act(s, device, control_pb2.CARD, await_ms=0, enrolledFor="900801")
        assert [(e.eventCode, e.subCode, e.userID) for e in reply.events] == [(0x1000, 0x06, "900801")]
        streamed = next(stream)
        assert (streamed.ID, streamed.deviceID, streamed.cardData) == (reply.events[0].ID, device, card.data)
    finally:
        stream.cancel()
        s["event"].DisableMonitoring(event_pb2.DisableMonitoringRequest(deviceID=device))
        s["user"].Delete(user_pb2.DeleteRequest(deviceID=device, userIDs=["900801"]))


def test_link_loss_and_return_are_reported(s: dict[str, Any]) -> None:
    device = BS2.device_id
    status = s["connect"].SubscribeStatus(connect_pb2.SubscribeStatusRequest(queueSize=8))
    status.initial_metadata()
    try:
        s["control"].SetLink(control_pb2.SetLinkRequest(deviceID=device, up=False))
        lost = next(status)
        assert (lost.deviceID, lost.status) == (device, connect_pb2.DISCONNECTED)
        listed = s["connect"].GetDeviceList(connect_pb2.GetDeviceListRequest()).deviceInfos
        assert {d.deviceID: d.status for d in listed}[device] == connect_pb2.DISCONNECTED
        code, details = _error(s["device"].GetInfo, device_pb2.GetInfoRequest(deviceID=device))
        assert code == grpc.StatusCode.UNAVAILABLE and "lost its network link" in details
        s["control"].SetLink(control_pb2.SetLinkRequest(deviceID=device, up=True))
        back = next(status)
        assert (back.deviceID, back.status) == (device, connect_pb2.TCP_CONNECTED)
        assert (
            s["device"].GetInfo(device_pb2.GetInfoRequest(deviceID=device)).info.modelName == BS2.model.name
        )
    finally:
        status.cancel()


def test_injected_faults_fail_the_next_calls_then_stop(s: dict[str, Any]) -> None:
    fault = control_pb2.InjectFaultRequest(
        method="User/GetList", count=2, code=14, message="switch rebooting"
    )
    s["control"].InjectFault(fault)
    request = user_pb2.GetListRequest(deviceID=BS2.device_id)
    for _ in range(2):
        assert _error(s["user"].GetList, request) == (grpc.StatusCode.UNAVAILABLE, "switch rebooting")
    s["user"].GetList(request)  # the third call goes through
    bad = control_pb2.InjectFaultRequest(method="User/Nope", count=1, code=14)
    code, details = _error(s["control"].InjectFault, bad)
    assert code == grpc.StatusCode.INVALID_ARGUMENT and "User/Nope" in details
    code, details = _error(
        s["control"].InjectFault, control_pb2.InjectFaultRequest(method="User/Get", count=1)
    )
    assert code == grpc.StatusCode.INVALID_ARGUMENT and "non-OK" in details


def test_injected_latency_delays_a_method(s: dict[str, Any]) -> None:
    slow = control_pb2.SetLatencyRequest(method="/gsdk.device.Device/GetInfo", milliseconds=2000)
    s["control"].SetLatency(slow)
    request = device_pb2.GetInfoRequest(deviceID=F2.device_id)
    assert _error(s["device"].GetInfo, request, timeout=0.2)[0] == grpc.StatusCode.DEADLINE_EXCEEDED
    s["control"].ClearFaults(control_pb2.ClearFaultsRequest())
    assert s["device"].GetInfo(request, timeout=10).info.modelName == F2.model.name


def _outcomes(s: dict[str, Any], calls: int) -> list[bool]:
    """Whether each of `calls` GetDeviceList calls went through; a failure must be the injected one."""
    passed = []
    for _ in range(calls):
        try:
            s["connect"].GetDeviceList(connect_pb2.GetDeviceListRequest(), timeout=5)
            passed.append(True)
        except grpc.RpcError as e:
            assert (e.code(), e.details()) == (grpc.StatusCode.UNAVAILABLE, "coin says no")
            passed.append(False)
    return passed


def test_a_seeded_fault_on_every_method_fails_about_half_the_same_way_each_time(s: dict[str, Any]) -> None:
    fault = control_pb2.InjectFaultRequest(
        method="*", code=14, message="coin says no", probability=0.5, seed=42
    )
    runs = []
    for _ in range(2):
        s["control"].InjectFault(fault)  # a fresh fault: its generator starts again from the seed
        runs.append(_outcomes(s, 200))
        s["control"].ClearFaults(control_pb2.ClearFaultsRequest())
    first, second = runs
    assert 60 <= first.count(False) <= 140, first.count(False)
    assert first == second
    assert all(_outcomes(s, 20))  # cleared: nothing fails


def test_a_count_limits_a_random_fault(s: dict[str, Any]) -> None:
    fault = control_pb2.InjectFaultRequest(
        method="*", count=3, code=14, message="coin says no", probability=0.5, seed=1
    )
    s["control"].InjectFault(fault)
    assert _outcomes(s, 100).count(False) == 3


def test_every_method_never_includes_the_control_api(s: dict[str, Any]) -> None:
    s["control"].InjectFault(control_pb2.InjectFaultRequest(method="*", code=14, probability=1.0))
    request = device_pb2.GetInfoRequest(deviceID=BS2.device_id)
    assert _error(s["device"].GetInfo, request)[0] == grpc.StatusCode.UNAVAILABLE
    s["control"].GetStats(control_pb2.GetStatsRequest(), timeout=5)
    s["control"].ListTerminals(control_pb2.ListTerminalsRequest(), timeout=5)
    s["control"].AdvanceClock(control_pb2.AdvanceClockRequest(milliseconds=1), timeout=5)
    s["control"].ClearFaults(control_pb2.ClearFaultsRequest(), timeout=5)
    assert s["device"].GetInfo(request, timeout=5).info.modelName == BS2.model.name


def test_a_methods_own_fault_wins_over_every_method(s: dict[str, Any]) -> None:
    s["control"].InjectFault(
        control_pb2.InjectFaultRequest(method="*", code=14, message="everything", probability=1.0)
    )
    s["control"].InjectFault(
        control_pb2.InjectFaultRequest(method="Connect/GetDeviceList", count=1, code=8, message="just this")
    )
    s["control"].InjectFault(
        control_pb2.InjectFaultRequest(method="Device/GetCapabilityInfo", code=8, probability=1e-12)
    )
    listing = connect_pb2.GetDeviceListRequest()
    assert _error(s["connect"].GetDeviceList, listing) == (grpc.StatusCode.RESOURCE_EXHAUSTED, "just this")
    # Its own fault ran out: "*" applies again.
    assert _error(s["connect"].GetDeviceList, listing) == (grpc.StatusCode.UNAVAILABLE, "everything")
    info = device_pb2.GetInfoRequest(deviceID=BS2.device_id)
    assert _error(s["device"].GetInfo, info) == (grpc.StatusCode.UNAVAILABLE, "everything")
    # A method whose own fault (almost) never fires is not failed by "*" instead.
    capability = device_pb2.GetCapabilityInfoRequest(deviceID=BS2.device_id)
    assert s["device"].GetCapabilityInfo(capability, timeout=5).capInfo.cardSupported


BAD_FAULTS = [
    ("probability above 1", dict(method="*", code=14, probability=1.5), "probability 1.5 is out of range"),
    ("negative probability", dict(method="*", code=14, probability=-0.1), "probability -0.1 is out of range"),
    (
        "NaN probability",
        dict(method="*", code=14, probability=float("nan")),
        "probability nan is out of range",
    ),
    ("no count, no probability", dict(method="User/GetList", code=14), "count must be at least 1"),
    ("unknown method", dict(method="Nope/*", code=14, probability=0.5), '"*" for every one'),
]


@pytest.mark.parametrize(("fields", "words"), [c[1:] for c in BAD_FAULTS], ids=[c[0] for c in BAD_FAULTS])
def test_bad_faults_are_refused(s: dict[str, Any], fields: dict[str, Any], words: str) -> None:
    code, details = _error(s["control"].InjectFault, control_pb2.InjectFaultRequest(**fields))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and words in details, details
    assert s["connect"].GetDeviceList(connect_pb2.GetDeviceListRequest(), timeout=5)  # nothing injected


def test_latency_on_every_method_delays_a_call(s: dict[str, Any]) -> None:
    s["control"].SetLatency(control_pb2.SetLatencyRequest(method="*", milliseconds=300))
    start = time.monotonic()
    s["connect"].GetDeviceList(connect_pb2.GetDeviceListRequest(), timeout=10)
    assert time.monotonic() - start >= 0.3


def test_precedence_and_the_fast_path() -> None:
    faults = Faults(["/gsdk.a.A/X", "/gsdk.a.A/Y"])
    assert faults.take("/gsdk.a.A/X") == (0.0, None)
    faults.set_latency("*", 2.0)
    faults.set_latency("A/X", 0.5)
    assert (faults.take("/gsdk.a.A/X")[0], faults.take("/gsdk.a.A/Y")[0]) == (0.5, 2.0)
    faults.set_latency("*", 0)  # removes only the latency of "*"
    assert (faults.take("/gsdk.a.A/X")[0], faults.take("/gsdk.a.A/Y")[0]) == (0.5, 0.0)
    faults.clear()
    assert faults.take("/gsdk.a.A/X") == (0.0, None)


def test_list_terminals_names_every_simulated_terminal(s: dict[str, Any]) -> None:
    reply = s["control"].ListTerminals(control_pb2.ListTerminalsRequest(), timeout=5)
    listed = [(t.deviceID, t.name, t.model, t.IPAddr, t.port) for t in reply.terminals]
    assert listed == [
        (546830001, "BioStation 2", "BioStation 2", "127.0.10.1", 51211),
        (541530001, "FaceStation F2", "FaceStation F2", "127.0.10.2", 51211),
    ]
    assert [d.name for d in DEFAULT_DEVICES] == ["BioStation 2", "FaceStation F2"]


def test_full_subscriber_queue_drops_and_counts(s: dict[str, Any]) -> None:
    device = BS2.device_id
    before = s["control"].GetStats(control_pb2.GetStatsRequest()).droppedEvents
    s["event"].EnableMonitoring(event_pb2.EnableMonitoringRequest(deviceID=device))
    subscribe = event_pb2.SubscribeRealtimeLogRequest(queueSize=1, deviceIDs=[device])
    stream = s["event"].SubscribeRealtimeLog(subscribe)
    stream.initial_metadata()
    try:
        s["control"].FillLog(control_pb2.FillLogRequest(deviceID=device, count=20_000))
        stats = s["control"].GetStats(control_pb2.GetStatsRequest())
        assert stats.droppedEvents > before
        assert stats.eventSubscribers >= 1
    finally:
        stream.cancel()
        s["event"].DisableMonitoring(event_pb2.DisableMonitoringRequest(deviceID=device))


def test_a_waiting_scan_does_not_block_other_calls(s: dict[str, Any]) -> None:
    pending = s["card"].Scan.future(card_pb2.ScanRequest(deviceID=BS2.device_id), timeout=30)
    _await_scan(s, BS2.device_id, control_pb2.CARD)
    reply = s["device"].GetInfo(device_pb2.GetInfoRequest(deviceID=BS2.device_id), timeout=5)
    assert reply.info.modelName == BS2.model.name
    _act(s, BS2.device_id, control_pb2.CARD, unknown=True)
    assert pending.result().cardData.CSNCardData.size == 32
