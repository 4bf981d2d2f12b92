"""Readings of undocumented behaviour (biohil.readings) are named switches: for every value of
every reading, a simulator started with it answers a G-SDK client (stubs built from the generated
modules, the control API playing the person and the clock) as the value's text says. Then what
chooses them: `biohil-sim --reading / --readings-file / --readings` and readings files; and the
simulator README's table, which is the registry's."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import re
import subprocess
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from grpc_status import rpc_status
from tenacity import retry, retry_if_exception_type, stop_after_delay, wait_fixed

from biohil import readings
from biohil.gsdk import (
    auth_pb2,
    card_pb2,
    connect_pb2,
    device_pb2,
    err_pb2,
    event_pb2,
    face_pb2,
    finger_pb2,
    tna_pb2,
    tna_pb2_grpc,
    user_pb2,
)
from biohil.readings import READINGS, ReadingError, Readings
from biohil.simcontrol import control_pb2
from biohil.simulator import Simulator, cli
from biohil.simulator.models import DEFAULT_DEVICES, DeviceSpec
from tests.conftest import raw_stubs

BS2, F2 = DEFAULT_DEVICES
ROOT = Path(__file__).resolve().parents[1]
SIM_README = ROOT / "src" / "biohil" / "simulator" / "README.md"
USER, OTHER, NOBODY = "900301", "900302", "900399"
PIN = "4711"
AUTH_TIMEOUT = 10  # seconds, the auth configs of these tests
Stubs = dict[str, Any]
Check = Callable[[Simulator, Stubs], None]


# -- a client's moves --------------------------------------------------------------------------


def _channel(sim: Simulator, options: list[tuple[str, Any]] | None = None) -> grpc.Channel:
    creds = grpc.ssl_channel_credentials(root_certificates=sim.ca_file.read_bytes())
    return grpc.secure_channel(sim.address, creds, options=options)


def _error(call: Any, request: Any) -> tuple[str, str]:
    """The status name and message of a call that must fail."""
    with pytest.raises(grpc.RpcError) as info:
        call(request, timeout=10)
    err: Any = info.value
    return err.code().name, err.details()


def _connect(s: Stubs, spec: DeviceSpec = BS2) -> int:
    info = connect_pb2.ConnectInfo(IPAddr=spec.ip, port=spec.port)
    return int(s["connect"].Connect(connect_pb2.ConnectRequest(connectInfo=info), timeout=10).deviceID)


def _person(s: Stubs, device: int, kind: Any, digits: str = "", **credential: Any) -> list[tuple[int, int]]:
    """A person presents a credential (or types digits); the (code, sub-code) of what it logged."""
    request = control_pb2.ActRequest(deviceID=device, input=kind, digits=digits)
    if credential:
        request.credential.CopyFrom(control_pb2.Credential(**credential))
    return [(e.eventCode, e.subCode) for e in s["control"].Act(request, timeout=10).events]


def _for_scan(s: Stubs, device: int, kind: Any, **credential: Any) -> bytes:
    """A person presents a credential to the Scan that waits for it; its token."""
    request = control_pb2.ActRequest(
        deviceID=device, input=kind, credential=control_pb2.Credential(**credential), awaitScanMs=5000
    )
    reply = s["control"].Act(request, timeout=10)
    assert reply.captured
    return bytes(reply.token)


def _card(s: Stubs, device: int) -> card_pb2.CSNCardData:
    scan = s["card"].Scan.future(card_pb2.ScanRequest(deviceID=device), timeout=10)
    _for_scan(s, device, control_pb2.CARD, unknown=True)
    card: card_pb2.CSNCardData = scan.result().cardData.CSNCardData
    return card


def _finger(s: Stubs, device: int) -> finger_pb2.FingerData:
    """One new finger, scanned twice (the two templates of an enrolment)."""
    templates, token = [], None
    for _ in range(2):
        scan = s["finger"].Scan.future(
            finger_pb2.ScanRequest(deviceID=device, qualityThreshold=50), timeout=10
        )
        token = _for_scan(s, device, control_pb2.FINGER, **({"token": token} if token else {"unknown": True}))
        templates.append(scan.result().templateData)
    return finger_pb2.FingerData(templates=templates)


def _face(s: Stubs, device: int) -> face_pb2.FaceData:
    scan = s["face"].Scan.future(face_pb2.ScanRequest(deviceID=device), timeout=10)
    _for_scan(s, device, control_pb2.FACE, unknown=True)
    face: face_pb2.FaceData = scan.result().faceData
    return face


def _enroll(s: Stubs, device: int, *users: user_pb2.UserInfo, overwrite: bool = False) -> None:
    s["user"].Enroll(user_pb2.EnrollRequest(deviceID=device, users=users, overwrite=overwrite), timeout=10)


def _configure(s: Stubs, device: int, *modes: int, private: bool = False, **timeouts: int) -> None:
    config = auth_pb2.AuthConfig(
        authSchedules=[auth_pb2.AuthSchedule(mode=m, scheduleID=1) for m in modes],  # type: ignore[arg-type]
        usePrivateAuth=private,
        matchTimeout=timeouts.get("matchTimeout", 5),
        authTimeout=timeouts.get("authTimeout", AUTH_TIMEOUT),
    )
    s["auth"].SetConfig(auth_pb2.SetConfigRequest(deviceID=device, config=config), timeout=10)


def _pin_hash(s: Stubs, pin: str = PIN) -> bytes:
    return bytes(s["user"].GetPINHash(user_pb2.GetPINHashRequest(PIN=pin), timeout=10).hashVal)


def _log(s: Stubs, device: int, start: int = 0) -> list[event_pb2.EventLog]:
    return list(
        s["event"].GetLog(event_pb2.GetLogRequest(deviceID=device, startEventID=start), timeout=10).events
    )


def _next_id(s: Stubs, device: int) -> int:
    """The ID the terminal's next record will have."""
    logged = _log(s, device)
    return logged[-1].ID + 1 if logged else 1


def _codes(events: list[event_pb2.EventLog]) -> list[tuple[int, int]]:
    return [(e.eventCode, e.subCode) for e in events]


def _advance(s: Stubs, seconds: float) -> None:
    s["control"].AdvanceClock(control_pb2.AdvanceClockRequest(milliseconds=int(seconds * 1000)), timeout=10)


def _users(s: Stubs, device: int) -> list[str]:
    return [h.ID for h in s["user"].GetList(user_pb2.GetListRequest(deviceID=device), timeout=10).hdrs]


# -- one check per value of each reading ---------------------------------------------------------


def _auth_sub_codes(granted: int, unknown_card: int, pin_first: int) -> Check:
    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        _enroll(s, d, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), cards=[_card(s, d)]))
        _configure(s, d, auth_pb2.AUTH_MODE_CARD_ONLY)
        assert _person(s, d, control_pb2.CARD, enrolledFor=USER) == [(0x1000, granted)]
        assert _person(s, d, control_pb2.CARD, unknown=True) == [(0x1100, unknown_card)]
        assert _person(s, d, control_pb2.PIN, digits=PIN) == [(0x1800, pin_first)]

    return check


def _own_mode(added: bool) -> Check:
    """The device allows card only; the user's own card mode is card + PIN."""

    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        user = user_pb2.UserInfo(
            hdr=user_pb2.UserHdr(ID=USER),
            cards=[_card(s, d)],
            PIN=_pin_hash(s),
            setting=user_pb2.UserSetting(cardAuthMode=auth_pb2.AUTH_MODE_CARD_PIN),
        )
        _enroll(s, d, user)
        _configure(s, d, auth_pb2.AUTH_MODE_CARD_ONLY, private=True)
        card = _person(s, d, control_pb2.CARD, enrolledFor=USER)
        if added:  # the device's card only lets the user in: either mode does
            assert card == [(0x1000, 0x06)]
        else:  # only the user's own card + PIN applies: the card waits for the PIN
            assert card == []
            assert _person(s, d, control_pb2.PIN, digits=PIN) == [(0x1000, 0x07)]

    return check


def _auth_timeout(per_step: bool) -> Check:
    """Card + finger + PIN: each next factor comes 0.6 of the auth timeout after the one before."""

    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        user = user_pb2.UserInfo(
            hdr=user_pb2.UserHdr(ID=USER), cards=[_card(s, d)], fingers=[_finger(s, d)], PIN=_pin_hash(s)
        )
        _enroll(s, d, user)
        _configure(s, d, auth_pb2.AUTH_MODE_CARD_BIOMETRIC_PIN)
        start = _next_id(s, d)
        assert _person(s, d, control_pb2.CARD, enrolledFor=USER) == []
        _advance(s, 0.6 * AUTH_TIMEOUT)
        assert _person(s, d, control_pb2.FINGER, enrolledFor=USER) == []
        _advance(s, 0.6 * AUTH_TIMEOUT)  # 1.2 timeouts after the card, 0.6 after the finger
        pin = _person(s, d, control_pb2.PIN, digits=PIN)
        logged = _codes(_log(s, d, start))
        if per_step:  # the finger started the wait again: the PIN completes the attempt
            assert (pin, logged) == ([(0x1000, 0x09)], [(0x1000, 0x09)])
        else:  # the attempt timed out; the PIN alone then starts one no mode takes
            assert (pin, logged) == ([(0x1800, 0x01)], [(0x1800, 0x03), (0x1800, 0x01)])

    return check


def _filter_combination(all_of_them: bool) -> Check:
    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        fill = s["control"].FillLog
        first = fill(
            control_pb2.FillLogRequest(deviceID=d, count=2, eventCode=0x1000, userIDs=[USER, OTHER])
        ).firstID
        fill(control_pb2.FillLogRequest(deviceID=d, count=1, eventCode=0x1100, userIDs=[USER]))
        fill(control_pb2.FillLogRequest(deviceID=d, count=1, eventCode=0x1300, userIDs=[OTHER]))
        filters = [event_pb2.EventFilter(userID=USER), event_pb2.EventFilter(eventCode=0x1000)]
        request = event_pb2.GetLogWithFilterRequest(deviceID=d, startEventID=first, filters=filters)
        got = [(e.userID, e.eventCode) for e in s["event"].GetLogWithFilter(request, timeout=10).events]
        if all_of_them:
            assert got == [(USER, 0x1000)]
        else:
            assert got == [(USER, 0x1000), (OTHER, 0x1000), (USER, 0x1100)]

    return check


def _user_change_sub(sub: int) -> Check:
    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        start = _next_id(s, d)
        _enroll(s, d, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER)))
        _enroll(s, d, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), name="again"), overwrite=True)
        s["user"].Delete(user_pb2.DeleteRequest(deviceID=d, userIDs=[USER]), timeout=10)
        _enroll(s, d, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=OTHER)))
        s["user"].DeleteAll(user_pb2.DeleteAllRequest(deviceID=d), timeout=10)
        codes = [0x2000, 0x2200, 0x2400, 0x2000, 0x2600]
        assert _codes(_log(s, d, start)) == [(code, sub) for code in codes]

    return check


def _overwrite_event(code: int) -> Check:
    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        start = _next_id(s, d)
        _enroll(s, d, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER)))
        _enroll(s, d, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), name="again"), overwrite=True)
        _enroll(s, d, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=OTHER)), overwrite=True)  # a new one
        logged = [(e.eventCode, e.userID) for e in _log(s, d, start)]
        assert logged == [(0x2000, USER), (code, USER), (0x2000, OTHER)]

    return check


def _credential_set_event(logged: bool) -> Check:
    """SetCard, SetFinger and SetFace on the FaceStation F2 (it reads all three)."""

    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s, F2)
        _enroll(s, d, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER)))
        card, finger, face = _card(s, d), _finger(s, d), _face(s, d)
        start = _next_id(s, d)
        user = s["user"]
        user.SetCard(
            user_pb2.SetCardRequest(deviceID=d, userCards=[user_pb2.UserCard(userID=USER, cards=[card])])
        )
        user.SetFinger(
            user_pb2.SetFingerRequest(
                deviceID=d, userFingers=[user_pb2.UserFinger(userID=USER, fingers=[finger])]
            )
        )
        user.SetFace(
            user_pb2.SetFaceRequest(deviceID=d, userFaces=[user_pb2.UserFace(userID=USER, faces=[face])])
        )
        (held,) = user.Get(user_pb2.GetRequest(deviceID=d, userIDs=[USER]), timeout=10).users
        assert (len(held.cards), len(held.fingers), len(held.faces)) == (1, 1, 1)  # the calls were made
        got = [(e.eventCode, e.subCode, e.userID) for e in _log(s, d, start)]
        assert got == ([(0x2200, 0x01, USER)] * 3 if logged else [])

    return check


def _mixed_user_ids(fail_whole: bool) -> Check:
    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        _enroll(s, d, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER)))
        get = user_pb2.GetRequest(deviceID=d, userIDs=[USER, NOBODY])
        delete = user_pb2.DeleteRequest(deviceID=d, userIDs=[NOBODY, USER])
        if fail_whole:
            code, message = _error(s["user"].Get, get)
            assert code == "NOT_FOUND" and NOBODY in message, message
            code, message = _error(s["user"].Delete, delete)
            assert code == "NOT_FOUND" and NOBODY in message, message
            assert _users(s, d) == [USER]  # nothing deleted
        else:
            assert [u.hdr.ID for u in s["user"].Get(get, timeout=10).users] == [USER]
            s["user"].Delete(delete, timeout=10)
            assert _users(s, d) == []

    return check


def _card_of_another_user(refused: bool) -> Check:
    """A card another user holds, assigned by SetCard: refused (and logged as a duplicate) or
    shared; either way the card presented opens for its first holder."""

    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        card = _card(s, d)
        _enroll(s, d, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), cards=[card]))
        _enroll(s, d, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=OTHER)))
        start = _next_id(s, d)
        assign = user_pb2.SetCardRequest(
            deviceID=d, userCards=[user_pb2.UserCard(userID=OTHER, cards=[card])]
        )
        if refused:
            code, message = _error(s["user"].SetCard, assign)
            assert code == "ALREADY_EXISTS" and USER in message, message
            assert [e.eventCode for e in _log(s, d, start)] == [0x2800]
        else:
            s["user"].SetCard(assign, timeout=10)
            held = s["user"].Get(user_pb2.GetRequest(deviceID=d, userIDs=[OTHER]), timeout=10).users[0]
            assert list(held.cards) == [card]
        _configure(s, d, auth_pb2.AUTH_MODE_CARD_ONLY)
        request = control_pb2.ActRequest(deviceID=d, input=control_pb2.CARD)
        request.credential.enrolledFor = USER
        [granted] = s["control"].Act(request, timeout=10).events
        assert (granted.eventCode, granted.userID) == (0x1000, USER)

    return check


def _connect_events(logged: bool) -> Check:
    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s, F2)  # the log is read over the other terminal's connection too
        start = _next_id(s, d)
        _connect(s, BS2)
        s["connect"].Disconnect(connect_pb2.DisconnectRequest(deviceIDs=[BS2.device_id]), timeout=10)
        _connect(s, BS2)
        codes = [e.eventCode for e in _log(s, BS2.device_id)]
        assert codes == ([0x3B00, 0x3C00, 0x3B00] if logged else []), codes
        assert _log(s, d, start) == []  # F2's own log is untouched

    return check


def _advanced_enrollment(on: bool) -> Check:
    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        config = s["finger"].GetConfig(finger_pb2.GetConfigRequest(deviceID=d), timeout=10).config
        assert config.advancedEnrollment is on  # the factory's value, which Scan follows
        scan = s["finger"].Scan.future(finger_pb2.ScanRequest(deviceID=d, qualityThreshold=60), timeout=10)
        request = control_pb2.ActRequest(deviceID=d, input=control_pb2.FINGER, quality=30, awaitScanMs=5000)
        request.credential.unknown = True
        s["control"].Act(request, timeout=10)
        if on:
            with pytest.raises(grpc.RpcError) as info:
                scan.result()
            err: Any = info.value
            assert (
                err.code() is grpc.StatusCode.FAILED_PRECONDITION and "below the threshold" in err.details()
            )
        else:
            answered = scan.result()
            assert answered.qualityScore == 30 and answered.templateData

    return check


def _pin_hash_check(expected: Callable[[str], bytes]) -> Check:
    """GetPINHash's hash, then the PIN end to end: enrolled as that hash, typed, granted."""

    def check(sim: Simulator, s: Stubs) -> None:
        hashed = _pin_hash(s)
        assert hashed == expected(PIN)
        d = _connect(s)
        _enroll(s, d, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), cards=[_card(s, d)], PIN=hashed))
        _configure(s, d, auth_pb2.AUTH_MODE_CARD_PIN)
        assert _person(s, d, control_pb2.CARD, enrolledFor=USER) == []
        assert _person(s, d, control_pb2.PIN, digits=PIN) == [(0x1000, 0x07)]
        assert _person(s, d, control_pb2.CARD, enrolledFor=USER) == []
        assert _person(s, d, control_pb2.PIN, digits="4712") == [(0x1100, 0x03)]  # a wrong PIN

    return check


def _sha256(pin: str) -> bytes:
    return hashlib.sha256(pin.encode()).digest()


def _keyed(pin: str) -> bytes:
    return hmac.new(bytes([0x5A] * 32), pin.encode(), hashlib.sha256).digest()


def _finger_verify_unreadable(code: str, words: str) -> Check:
    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        readable = _finger(s, d).templates[0]
        garbage = bytes(range(256)) + bytes(128)  # 384 bytes that are no template
        for pair in ([garbage, garbage], [readable, garbage], [garbage, readable]):
            data = finger_pb2.FingerData(templates=pair)
            got, message = _error(s["finger"].Verify, finger_pb2.VerifyRequest(deviceID=d, fingerData=data))
            assert got == code and words in message, message
        same = finger_pb2.FingerData(templates=[readable, readable])
        s["finger"].Verify(finger_pb2.VerifyRequest(deviceID=d, fingerData=same), timeout=10)

    return check


def _connect_port_zero(refused: bool) -> Check:
    def check(sim: Simulator, s: Stubs) -> None:
        request = connect_pb2.ConnectRequest(connectInfo=connect_pb2.ConnectInfo(IPAddr=BS2.ip, port=0))
        if refused:
            code, message = _error(s["connect"].Connect, request)
            assert code == "INVALID_ARGUMENT" and "port 0" in message, message
            assert list(s["connect"].GetDeviceList(connect_pb2.GetDeviceListRequest()).deviceInfos) == []
        else:
            assert s["connect"].Connect(request, timeout=10).deviceID == BS2.device_id
            (listed,) = s["connect"].GetDeviceList(connect_pb2.GetDeviceListRequest()).deviceInfos
            assert (listed.deviceID, listed.port) == (BS2.device_id, 51211)

    return check


def _version_strings(marked: bool) -> Check:
    def check(sim: Simulator, s: Stubs) -> None:
        for spec in (BS2, F2):
            d = _connect(s, spec)
            info = s["device"].GetInfo(device_pb2.GetInfoRequest(deviceID=d), timeout=10).info
            others = (info.kernelVersion, info.BSCoreVersion, info.boardVersion)
            if marked:
                assert info.firmwareVersion == f"{spec.model.firmware} (simulated)"
                assert others == ("simulated",) * 3
            else:
                assert info.firmwareVersion == spec.model.firmware
                for version in (info.firmwareVersion, *others):
                    assert re.fullmatch(r"\d+(\.\d+)+", version), version

    return check


@retry(
    retry=retry_if_exception_type((AssertionError, grpc.RpcError)),
    stop=stop_after_delay(20),
    wait=wait_fixed(0.05),
    reraise=True,
)
def _restarted(s: Stubs, restarts: int) -> None:
    """The gateway is back from its restart number `restarts`."""
    stats = s["control"].GetStats(control_pb2.GetStatsRequest(), timeout=2)
    assert stats.gatewayRestarts == restarts


def _monitoring_after_restart(kept: bool) -> Check:
    """Monitoring on, the gateway restarts (twice: the terminal is not connected in between), the
    client connects again; a card, EnableMonitoring, a card: which of the two streams first."""

    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        _enroll(s, d, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), cards=[_card(s, d)]))
        _configure(s, d, auth_pb2.AUTH_MODE_CARD_ONLY)
        s["event"].EnableMonitoring(event_pb2.EnableMonitoringRequest(deviceID=d), timeout=10)
        for n in (1, 2):
            s["control"].RestartGateway(control_pb2.RestartGatewayRequest(downSeconds=0.1), timeout=10)
            _restarted(s, n)
            assert list(s["connect"].GetDeviceList(connect_pb2.GetDeviceListRequest()).deviceInfos) == []
        _connect(s)
        request = event_pb2.SubscribeRealtimeLogRequest(queueSize=16, deviceIDs=[d], eventCodes=[0x1000])
        stream = s["event"].SubscribeRealtimeLog(request, timeout=20)
        stream.initial_metadata()
        try:
            act = control_pb2.ActRequest(deviceID=d, input=control_pb2.CARD, credential={"enrolledFor": USER})
            (first,) = s["control"].Act(act, timeout=10).events
            s["event"].EnableMonitoring(event_pb2.EnableMonitoringRequest(deviceID=d), timeout=10)
            (second,) = s["control"].Act(act, timeout=10).events
            streamed = next(stream)
            assert (first.ID if kept else second.ID) == streamed.ID
        finally:
            stream.cancel()

    return check


def _link_down_listing(listed: bool) -> Check:
    def check(sim: Simulator, s: Stubs) -> None:
        for spec in (BS2, F2):
            _connect(s, spec)

        def listing() -> dict[int, int]:
            infos = s["connect"].GetDeviceList(connect_pb2.GetDeviceListRequest(), timeout=10).deviceInfos
            return {i.deviceID: i.status for i in infos}

        up, down = connect_pb2.TCP_CONNECTED, connect_pb2.DISCONNECTED
        s["control"].SetLink(control_pb2.SetLinkRequest(deviceID=BS2.device_id, up=False), timeout=10)
        assert listing() == ({BS2.device_id: down, F2.device_id: up} if listed else {F2.device_id: up})
        s["control"].SetLink(control_pb2.SetLinkRequest(deviceID=BS2.device_id, up=True), timeout=10)
        assert listing() == {BS2.device_id: up, F2.device_id: up}

    return check


def _auth_config_timeouts(refused: bool) -> Check:
    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        for field, timeouts in (("matchTimeout", (0, 30)), ("authTimeout", (5, 0))):
            match, auth = timeouts
            if refused:
                with pytest.raises(grpc.RpcError) as info:
                    _configure(s, d, auth_pb2.AUTH_MODE_CARD_ONLY, matchTimeout=match, authTimeout=auth)
                err: Any = info.value
                assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and field in err.details(), (
                    err.details()
                )
                assert re.search(r"\d+\.\.\d+", err.details()), err.details()  # its range
            else:
                _configure(s, d, auth_pb2.AUTH_MODE_CARD_ONLY, matchTimeout=match, authTimeout=auth)
                config = s["auth"].GetConfig(auth_pb2.GetConfigRequest(deviceID=d), timeout=10).config
                assert (config.matchTimeout, config.authTimeout) == timeouts

    return check


# A client whose flow-control window is small and stays small (no BDP probing): a subscriber that
# does not read stops the gateway's writes after a few dozen events, and its queue stays full.
NOT_READING = [("grpc.http2.bdp_probe", 0), ("grpc.http2.lookahead_bytes", 1024)]
QUEUE = 4
PROBE = 64


@retry(retry=retry_if_exception_type(AssertionError), stop=stop_after_delay(10), wait=wait_fixed(0))
def _stalled(s: Stubs, device: int, published: list[int]) -> None:
    """Publish until a whole probe is dropped: the stream no longer takes anything from its queue."""
    before = s["control"].GetStats(control_pb2.GetStatsRequest(), timeout=10).droppedEvents
    s["control"].FillLog(control_pb2.FillLogRequest(deviceID=device, count=PROBE), timeout=10)
    published.append(PROBE)
    assert s["control"].GetStats(control_pb2.GetStatsRequest(), timeout=10).droppedEvents - before == PROBE


def _slow_subscriber(oldest: bool) -> Check:
    """A subscriber stops reading; once its queue is full, 8 marked events come. It then reads
    every event it gets (those published less those dropped): the queue's last ones."""

    def check(sim: Simulator, _: Stubs) -> None:
        with _channel(sim, NOT_READING) as channel:
            s = raw_stubs(channel)
            d = _connect(s)
            s["event"].EnableMonitoring(event_pb2.EnableMonitoringRequest(deviceID=d), timeout=10)
            request = event_pb2.SubscribeRealtimeLogRequest(queueSize=QUEUE, deviceIDs=[d])
            stream = s["event"].SubscribeRealtimeLog(request, timeout=30)
            stream.initial_metadata()
            try:
                published = [2000]
                s["control"].FillLog(control_pb2.FillLogRequest(deviceID=d, count=published[0]), timeout=10)
                _stalled(s, d, published)
                fill = control_pb2.FillLogRequest(deviceID=d, count=8, eventCode=0x1300)
                marked = s["control"].FillLog(fill, timeout=10)
                dropped = s["control"].GetStats(control_pb2.GetStatsRequest(), timeout=10).droppedEvents
                delivered = sum(published) + 8 - dropped
                received = [next(stream) for _ in range(delivered)]
            finally:
                stream.cancel()
        got = [e.ID for e in received if e.eventCode == 0x1300]
        assert got == (list(range(marked.lastID - QUEUE + 1, marked.lastID + 1)) if oldest else [])

    return check


# -- gsdk.device's checks ----------------------------------------------------------------------


def _locked_input(logged: bool) -> Check:
    """A locked terminal: a card nobody has, and typed digits."""

    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        start = _next_id(s, d)
        s["device"].Lock(device_pb2.LockRequest(deviceID=d), timeout=10)
        refused = [(0x1800, 0)] if logged else []
        assert _person(s, d, control_pb2.CARD, unknown=True) == refused
        assert _person(s, d, control_pb2.PIN, digits=PIN) == refused
        assert _codes(_log(s, d, start)) == [(0x3700, 0), *refused, *refused]

    return check


def _clear_log_ids(restart: bool) -> Check:
    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        last = s["control"].FillLog(control_pb2.FillLogRequest(deviceID=d, count=3), timeout=10).lastID
        s["event"].ClearLog(event_pb2.ClearLogRequest(deviceID=d), timeout=10)
        assert [(e.ID, e.eventCode) for e in _log(s, d)] == [(1 if restart else last + 1, 0x4200)]

    return check


def _reboot_reconnect(reconnected: bool) -> Check:
    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        status = s["connect"].SubscribeStatus(connect_pb2.SubscribeStatusRequest(queueSize=8), timeout=20)
        status.initial_metadata()
        try:
            s["device"].Reboot(device_pb2.RebootRequest(deviceID=d), timeout=10)
            assert next(status).status == connect_pb2.DISCONNECTED
            listed = s["connect"].GetDeviceList(connect_pb2.GetDeviceListRequest(), timeout=10).deviceInfos
            info = device_pb2.GetInfoRequest(deviceID=d)
            if reconnected:
                assert [(i.deviceID, i.status) for i in listed] == [(d, connect_pb2.TCP_CONNECTED)]
                assert next(status).status == connect_pb2.TCP_CONNECTED  # listed: it came before
                assert s["device"].GetInfo(info, timeout=10).info.modelName == BS2.model.name
            else:
                assert list(listed) == []
                assert _error(s["device"].GetInfo, info)[0] == "NOT_FOUND"
        finally:
            status.cancel()

    return check


def _tna_key_events(every_auth: bool) -> Check:
    """FIXED KEY_2 on the BioStation 2: a stranger's card (0x1100) carries the key or not."""

    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        with _channel(sim) as channel:
            config = tna_pb2.TNAConfig(mode=tna_pb2.FIXED, key=tna_pb2.KEY_2)
            tna = tna_pb2_grpc.TNAStub(channel)
            tna.SetConfig(tna_pb2.SetConfigRequest(deviceID=d, config=config), timeout=10)
            act = control_pb2.ActRequest(
                deviceID=d, input=control_pb2.CARD, credential=control_pb2.Credential(unknown=True)
            )
            [failed] = s["control"].Act(act, timeout=10).events
            logged = tna.GetTNALog(tna_pb2.GetTNALogRequest(deviceID=d, startEventID=failed.ID), timeout=10)
        carried = tna_pb2.KEY_2 if every_auth else 0
        assert (failed.eventCode, failed.TNAKey) == (0x1100, carried)
        assert [(e.ID, e.TNAKey) for e in logged.TNAEvents] == ([(failed.ID, carried)] if every_auth else [])

    return check


# -- gsdk.card --


def _blacklist_redundant(refused: bool) -> Check:
    """A card put on the blacklist twice, then taken off twice: the second call of each is
    refused naming the card, or changes nothing; either way the card is listed once, then not."""

    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        items = [card_pb2.BlacklistItem(cardID=b"\x0a\x0b\x0c")]
        add = card_pb2.AddBlacklistRequest(deviceID=d, cardInfos=items)
        delete = card_pb2.DeleteBlacklistRequest(deviceID=d, cardInfos=items)

        def listed() -> int:
            return len(s["card"].GetBlacklist(card_pb2.GetBlacklistRequest(deviceID=d), timeout=10).blacklist)

        for call, request, code, count in (
            ("AddBlacklist", add, "ALREADY_EXISTS", 1),
            ("DeleteBlacklist", delete, "NOT_FOUND", 0),
        ):
            getattr(s["card"], call)(request, timeout=10)
            if refused:
                got, message = _error(getattr(s["card"], call), request)
                assert got == code and "cardInfos[0]" in message, message
            else:
                getattr(s["card"], call)(request, timeout=10)
            assert listed() == count

    return check


def _listed(s: Stubs) -> dict[int, connect_pb2.DeviceInfo]:
    infos = s["connect"].GetDeviceList(connect_pb2.GetDeviceListRequest(), timeout=10).deviceInfos
    return {i.deviceID: i for i in infos}


def _ssl_switch(renewed: bool) -> Check:
    """EnableSSL on a Connect-ed terminal: its connection is renewed over TLS, or closed until a
    Connect with useSSL true; DisableSSL the same way back."""

    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        for on, enable in ((True, s["connect"].EnableSSL), (False, s["connect"].DisableSSL)):
            request = connect_pb2.EnableSSLRequest if on else connect_pb2.DisableSSLRequest
            enable(request(deviceID=d), timeout=10)
            status = connect_pb2.TLS_CONNECTED if on else connect_pb2.TCP_CONNECTED
            if renewed:
                listed = _listed(s).get(d)
                assert listed is not None and (listed.status, listed.useSSL) == (status, on), listed
                s["device"].GetInfo(device_pb2.GetInfoRequest(deviceID=d), timeout=10)  # still connected
            else:
                assert d not in _listed(s)
                code, message = _error(s["device"].GetInfo, device_pb2.GetInfoRequest(deviceID=d))
                assert code == "NOT_FOUND", message
                info = connect_pb2.ConnectInfo(IPAddr=BS2.ip, port=BS2.port, useSSL=on)
                s["connect"].Connect(connect_pb2.ConnectRequest(connectInfo=info), timeout=10)
                assert _listed(s)[d].status == status

    return check


def _reset_config_db(users_deleted: bool) -> Check:
    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        _enroll(s, d, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER)))
        start = _next_id(s, d)
        s["device"].ResetConfig(device_pb2.ResetConfigRequest(deviceID=d, withDB=True), timeout=10)
        assert _users(s, d) == ([] if users_deleted else [USER])
        assert _codes(_log(s, d, start)) == [(0x4501, 0), (0x4503, 0)]

    return check


def _hash_key_checksum(checksum: Callable[[bytes], int]) -> Check:
    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        key = bytes(range(7, 39))
        got = s["device"].GetHashKey(device_pb2.GetHashKeyRequest(deviceID=d), timeout=10)
        assert (got.isDefault, got.checksum) == (True, checksum(bytes([0x5A] * 32)))
        s["device"].SetHashKey(device_pb2.SetHashKeyRequest(deviceID=d, hashKey=key), timeout=10)
        got = s["device"].GetHashKey(device_pb2.GetHashKeyRequest(deviceID=d), timeout=10)
        assert (got.isDefault, got.checksum) == (False, checksum(key))

    return check


def _accept_filter_addresses(refused: bool) -> Check:
    """A filter naming addresses (of the BioStation 2's subnet) and the F2's ID: refused, or
    stored as given while only the ID lets a device-to-server terminal in."""

    def check(sim: Simulator, s: Stubs) -> None:
        for spec in (BS2, F2):
            _connect(s, spec)
        to_server = connect_pb2.SetConnectionModeMultiRequest(
            deviceIDs=[BS2.device_id, F2.device_id], connectionMode=connect_pb2.DEVICE_TO_SERVER
        )
        s["connect"].SetConnectionModeMulti(to_server, timeout=10)
        wanted = connect_pb2.AcceptFilter(
            deviceIDs=[F2.device_id], IPAddrs=[BS2.ip], subnetMasks=["255.255.255.255"]
        )
        request = connect_pb2.SetAcceptFilterRequest(filter=wanted)
        stored = s["connect"].GetAcceptFilter(connect_pb2.GetAcceptFilterRequest(), timeout=10).filter
        if refused:
            code, message = _error(s["connect"].SetAcceptFilter, request)
            assert code == "INVALID_ARGUMENT" and "filter.IPAddrs" in message, message
            after = s["connect"].GetAcceptFilter(connect_pb2.GetAcceptFilterRequest(), timeout=10).filter
            assert after == stored  # left as it was
            assert _listed(s) == {}
        else:
            s["connect"].SetAcceptFilter(request, timeout=10)
            after = s["connect"].GetAcceptFilter(connect_pb2.GetAcceptFilterRequest(), timeout=10).filter
            assert after == wanted
            assert list(_listed(s)) == [F2.device_id]  # the address lets nobody in
        pending = s["connect"].GetPendingList(connect_pb2.GetPendingListRequest(), timeout=10).deviceInfos
        expected = [BS2.device_id] if not refused else [BS2.device_id, F2.device_id]
        assert sorted(p.deviceID for p in pending) == sorted(expected)

    return check


# -- gsdk.user --


def _update_unknown_user(enrolled: bool) -> Check:
    """User.Update naming a user the terminal does not hold (next to one it holds)."""

    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        _enroll(s, d, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=OTHER)))
        start = _next_id(s, d)
        users = [
            user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=OTHER), name="known"),
            user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), name="new"),
        ]
        update = user_pb2.UpdateRequest(deviceID=d, users=users)
        if enrolled:
            s["user"].Update(update, timeout=10)
            got = s["user"].Get(user_pb2.GetRequest(deviceID=d, userIDs=[OTHER, USER]), timeout=10).users
            assert [(u.hdr.ID, u.name) for u in got] == [(OTHER, "known"), (USER, "new")]
            assert [(e.eventCode, e.userID) for e in _log(s, d, start)] == [(0x2200, OTHER), (0x2000, USER)]
        else:
            code, message = _error(s["user"].Update, update)
            assert code == "NOT_FOUND" and USER in message, message
            assert _users(s, d) == [OTHER] and _log(s, d, start) == []  # nothing stored or logged

    return check


# -- the API's own readings ---------------------------------------------------------------------


def _multi_status(first_device: bool) -> Check:
    """LockMulti on a connected terminal and one that is not: the call fails, its status details
    name the second (NOT_FOUND), the first is locked all the same."""

    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        start = _next_id(s, d)
        with pytest.raises(grpc.RpcError) as info:
            s["device"].LockMulti(device_pb2.LockMultiRequest(deviceIDs=[d, F2.device_id]), timeout=10)
        status = rpc_status.from_call(info.value)
        expected = grpc.StatusCode.NOT_FOUND if first_device else grpc.StatusCode.FAILED_PRECONDITION
        assert status is not None and status.code == expected.value[0], status
        multi = err_pb2.MultiErrorResponse()
        assert len(status.details) == 1 and status.details[0].Unpack(multi)
        assert [(e.deviceID, e.code) for e in multi.deviceErrors] == [
            (F2.device_id, grpc.StatusCode.NOT_FOUND.value[0])
        ]
        assert _codes(_log(s, d, start)) == [(0x3700, 0)]  # locked

    return check


def _unsupported_feature(code: str) -> Check:
    """A call of a feature the BioStation 2 lacks (image logs: no camera) is refused naming the flag."""

    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        flags = s["device"].GetCapabilityInfo(device_pb2.GetCapabilityInfoRequest(deviceID=d), timeout=10)
        assert not flags.capInfo.imageLogSupported
        got, message = _error(s["event"].GetImageLog, event_pb2.GetImageLogRequest(deviceID=d))
        assert (got, message.endswith("(imageLogSupported is false)")) == (code, True), message

    return check


def _qr_card_data(left: bool) -> Check:
    def check(sim: Simulator, s: Stubs) -> None:
        text = b"QR-4711"
        got = s["card"].WriteQRCode(card_pb2.WriteQRCodeRequest(QRText=text.decode()), timeout=10).cardData
        block = text.ljust(32, b"\0") if left else text.rjust(32, b"\0")
        assert (got.type, got.size, got.data) == (card_pb2.CARD_TYPE_QR, 32, block)

    return check


def _tna_log_filter(refused: bool) -> Check:
    """GetTNALog with a filter of a user who has no T&A event: refused, or the range unfiltered."""

    def check(sim: Simulator, s: Stubs) -> None:
        d = _connect(s)
        card = control_pb2.Credential(token=b"tna-filter")
        user = user_pb2.UserInfo(
            hdr=user_pb2.UserHdr(ID=USER),
            cards=[
                card_pb2.CSNCardData(type=card_pb2.CARD_TYPE_CSN, size=32, data=card.token.rjust(32, b"\0"))
            ],
        )
        _enroll(s, d, user)
        with _channel(sim) as channel:
            tna = tna_pb2_grpc.TNAStub(channel)
            config = tna_pb2.TNAConfig(mode=tna_pb2.FIXED, key=tna_pb2.KEY_1)
            tna.SetConfig(tna_pb2.SetConfigRequest(deviceID=d, config=config), timeout=10)
            act = control_pb2.ActRequest(deviceID=d, input=control_pb2.CARD, credential=card)
            [granted] = s["control"].Act(act, timeout=10).events
            request = tna_pb2.GetTNALogRequest(
                deviceID=d, startEventID=granted.ID, filter=tna_pb2.TNAEventFilter(userIDs=[NOBODY])
            )
            if refused:
                assert _error(tna.GetTNALog, request) == (
                    "UNIMPLEMENTED",
                    "TNA.GetTNALog: filter is not supported (the G-SDK's 'not yet supported'); "
                    "filter the answer yourself",
                )
            else:
                got = tna.GetTNALog(request, timeout=10).TNAEvents
                assert [(e.ID, e.userID) for e in got] == [(granted.ID, USER)]

    return check


CHECKS: dict[tuple[str, str], Check] = {
    ("auth_sub_codes", "by_factors"): _auth_sub_codes(granted=0x06, unknown_card=0x02, pin_first=0x01),
    ("auth_sub_codes", "none"): _auth_sub_codes(granted=0, unknown_card=0, pin_first=0),
    ("own_mode", "replaces"): _own_mode(added=False),
    ("own_mode", "added"): _own_mode(added=True),
    ("auth_timeout", "whole_sequence"): _auth_timeout(per_step=False),
    ("auth_timeout", "per_step"): _auth_timeout(per_step=True),
    ("filter_combination", "any"): _filter_combination(all_of_them=False),
    ("filter_combination", "all"): _filter_combination(all_of_them=True),
    ("user_change_sub", "by_server"): _user_change_sub(0x01),
    ("user_change_sub", "none"): _user_change_sub(0),
    ("overwrite_event", "update"): _overwrite_event(0x2200),
    ("overwrite_event", "enroll"): _overwrite_event(0x2000),
    ("credential_set_event", "update"): _credential_set_event(logged=True),
    ("credential_set_event", "none"): _credential_set_event(logged=False),
    ("mixed_user_ids", "fail_whole"): _mixed_user_ids(fail_whole=True),
    ("mixed_user_ids", "known_only"): _mixed_user_ids(fail_whole=False),
    ("card_of_another_user", "refused"): _card_of_another_user(refused=True),
    ("card_of_another_user", "shared"): _card_of_another_user(refused=False),
    ("connect_events", "logged"): _connect_events(logged=True),
    ("connect_events", "none"): _connect_events(logged=False),
    ("advanced_enrollment", "on"): _advanced_enrollment(on=True),
    ("advanced_enrollment", "off"): _advanced_enrollment(on=False),
    ("pin_hash", "sha256"): _pin_hash_check(_sha256),
    ("pin_hash", "keyed"): _pin_hash_check(_keyed),
    ("finger_verify_unreadable", "not_same_finger"): _finger_verify_unreadable(
        "INVALID_ARGUMENT", "not of the same finger"
    ),
    ("finger_verify_unreadable", "unreadable"): _finger_verify_unreadable(
        "FAILED_PRECONDITION", "not one the terminal reads"
    ),
    ("connect_port_zero", "refused"): _connect_port_zero(refused=True),
    ("connect_port_zero", "default_port"): _connect_port_zero(refused=False),
    ("version_strings", "plain"): _version_strings(marked=False),
    ("version_strings", "marked"): _version_strings(marked=True),
    ("monitoring_after_restart", "off"): _monitoring_after_restart(kept=False),
    ("monitoring_after_restart", "kept"): _monitoring_after_restart(kept=True),
    ("link_down_listing", "disconnected"): _link_down_listing(listed=True),
    ("link_down_listing", "removed"): _link_down_listing(listed=False),
    ("auth_config_timeouts", "refused"): _auth_config_timeouts(refused=True),
    ("auth_config_timeouts", "unchecked"): _auth_config_timeouts(refused=False),
    ("slow_subscriber", "oldest"): _slow_subscriber(oldest=True),
    ("slow_subscriber", "newest"): _slow_subscriber(oldest=False),
    ("multi_status", "first_device"): _multi_status(first_device=True),
    ("multi_status", "failed_precondition"): _multi_status(first_device=False),
    ("unsupported_feature", "unimplemented"): _unsupported_feature("UNIMPLEMENTED"),
    ("unsupported_feature", "failed_precondition"): _unsupported_feature("FAILED_PRECONDITION"),
    # -- gsdk.connect --
    ("ssl_switch", "closed"): _ssl_switch(renewed=False),
    ("ssl_switch", "renewed"): _ssl_switch(renewed=True),
    ("accept_filter_addresses", "ignored"): _accept_filter_addresses(refused=False),
    ("accept_filter_addresses", "refused"): _accept_filter_addresses(refused=True),
    # -- gsdk.device --
    ("locked_input", "ignored"): _locked_input(logged=False),
    ("locked_input", "auth_failed"): _locked_input(logged=True),
    ("reboot_reconnect", "disconnected"): _reboot_reconnect(reconnected=False),
    ("reboot_reconnect", "reconnected"): _reboot_reconnect(reconnected=True),
    ("reset_config_db", "users"): _reset_config_db(users_deleted=True),
    ("reset_config_db", "access_data"): _reset_config_db(users_deleted=False),
    ("hash_key_checksum", "crc32"): _hash_key_checksum(zlib.crc32),
    ("hash_key_checksum", "sum"): _hash_key_checksum(sum),
    # -- gsdk.user --
    ("update_unknown_user", "enrolled"): _update_unknown_user(enrolled=True),
    ("update_unknown_user", "not_found"): _update_unknown_user(enrolled=False),
    # -- gsdk.card --
    ("blacklist_redundant", "ignored"): _blacklist_redundant(refused=False),
    ("blacklist_redundant", "refused"): _blacklist_redundant(refused=True),
    ("qr_card_data", "left_aligned"): _qr_card_data(left=True),
    ("qr_card_data", "right_aligned"): _qr_card_data(left=False),
    # -- gsdk.event --
    ("clear_log_ids", "continue"): _clear_log_ids(restart=False),
    ("clear_log_ids", "restart"): _clear_log_ids(restart=True),
    # -- gsdk.tna --
    ("tna_key_events", "granted"): _tna_key_events(every_auth=False),
    ("tna_key_events", "every_auth"): _tna_key_events(every_auth=True),
    ("tna_log_filter", "ignored"): _tna_log_filter(refused=False),
    ("tna_log_filter", "refused"): _tna_log_filter(refused=True),
    # -- gsdk.finger --
    # -- gsdk.face --
}
PAIRS = [(r.name, value) for r in READINGS for value in r.values]


@pytest.fixture(scope="module")
def cert_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("certs")  # made by the first simulator, reused by the others


# A client that tries again soon after its gateway went away (the default waits a second or more).
QUICK_RECONNECT = [
    ("grpc.initial_reconnect_backoff_ms", 50),
    ("grpc.min_reconnect_backoff_ms", 50),
    ("grpc.max_reconnect_backoff_ms", 200),
]


@contextlib.contextmanager
def _running(cert_dir: Path, chosen: Readings) -> Iterator[tuple[Simulator, Stubs]]:
    with Simulator(cert_dir, readings=chosen) as sim, _channel(sim, QUICK_RECONNECT) as channel:
        yield sim, raw_stubs(channel)


@pytest.mark.parametrize(("name", "value"), PAIRS, ids=[f"{n}-{v}" for n, v in PAIRS])
def test_each_value_of_each_reading_changes_what_the_simulator_answers(
    cert_dir: Path, name: str, value: str
) -> None:
    check = CHECKS.get((name, value))
    assert check is not None, f"reading {name}={value} has no check: add one to CHECKS"
    with _running(cert_dir, Readings({name: value})) as (sim, s):
        assert sim.gateway.readings[name] == value
        check(sim, s)


OTHERS = [(r.name, v, other) for r in READINGS for v in r.values for other in r.values if other != v]


@pytest.mark.parametrize(("name", "value", "other"), OTHERS, ids=[f"{n}-{v}-on-{o}" for n, v, o in OTHERS])
def test_each_check_fails_on_a_simulator_with_another_value_of_its_reading(
    cert_dir: Path, name: str, value: str, other: str
) -> None:
    """So a check tells the values apart: the switch, not the check, makes the difference."""
    check = CHECKS[(name, value)]
    failed = (AssertionError, pytest.fail.Exception, grpc.RpcError)
    with _running(cert_dir, Readings({name: other})) as (sim, s), pytest.raises(failed):
        check(sim, s)


def test_every_value_of_every_reading_has_a_check() -> None:
    missing = [f"{n}={v}" for n, v in PAIRS if (n, v) not in CHECKS]
    unknown = [f"{n}={v}" for n, v in CHECKS if (n, v) not in PAIRS]
    assert (missing, unknown) == ([], []), f"no check: {missing}; a check of no reading: {unknown}"


# -- choosing them ------------------------------------------------------------------------------


def test_biohil_sim_readings_prints_every_reading_its_values_and_source(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["--readings"]) == 0
    out = capsys.readouterr().out
    assert out == readings.text_table() + "\n"
    for r in READINGS:
        assert f"{r.name}: {r.question}\n" in out
        assert f"  default {r.default}: {r.values[r.default]}\n" in out
        for value in r.alternatives:
            assert f"  {' ' * 7} {value}: {r.values[value]}\n" in out
        assert f"  source: {r.source}\n  where: {r.where}\n" in out
    assert readings.main([]) == 0 and capsys.readouterr().out == out  # python -m biohil.readings


BAD_ARGUMENTS = [
    ("unknown_name", ["--reading", "own_mod=added"], "no reading named 'own_mod'; did you mean own_mode?"),
    (
        "unknown_value",
        ["--reading", "own_mode=both"],
        "own_mode has no value 'both'; its values are replaces",
    ),
    (
        "no_equals_sign",
        ["--reading", "own_mode"],
        "--reading 'own_mode' is not NAME=VALUE (e.g. own_mode=added)",
    ),
    ("no_value", ["--reading", "own_mode="], "--reading 'own_mode=' is not NAME=VALUE"),
    ("missing_file", ["--readings-file", "/nonexistent/readings.toml"], "/nonexistent/readings.toml"),
]


@pytest.mark.parametrize(("args", "words"), [b[1:] for b in BAD_ARGUMENTS], ids=[b[0] for b in BAD_ARGUMENTS])
def test_a_bad_reading_argument_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    assert cli.main(["--cert-dir", str(tmp_path), "--port", "0", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("biohil-sim: "), captured.err
    assert words in captured.err, captured.err


def test_a_readings_file_gives_the_simulator_its_values_and_reading_overrides_it(tmp_path: Path) -> None:
    lab = tmp_path / "lab-readings.toml"
    lab.write_text(
        Readings({"version_strings": "marked", "connect_port_zero": "default_port"}).to_toml("a lab")
    )
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "biohil.simulator", "--port", "0", "--cert-dir", str(tmp_path / "certs")),
            *("--readings-file", str(lab), "--reading", "connect_port_zero=refused"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert proc.stdout is not None
        banner = []
        for line in proc.stdout:
            banner.append(line)
            if line.startswith("Press Ctrl-C"):
                break
        text = "".join(banner)
        assert "Readings: version_strings=marked\n" in text, text
        address = re.search(r"listening on (\S+) \(TLS\)", text)
        assert address, text
        creds = grpc.ssl_channel_credentials(root_certificates=(tmp_path / "certs" / "ca.crt").read_bytes())
        with grpc.secure_channel(address.group(1), creds) as channel:
            s = raw_stubs(channel)
            zero = connect_pb2.ConnectRequest(connectInfo=connect_pb2.ConnectInfo(IPAddr=BS2.ip, port=0))
            assert _error(s["connect"].Connect, zero)[0] == "INVALID_ARGUMENT"  # --reading's value
            d = _connect(s)
            info = s["device"].GetInfo(device_pb2.GetInfoRequest(deviceID=d), timeout=10).info
            assert info.firmwareVersion.endswith(" (simulated)")  # the file's value
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_a_readings_file_holds_the_changed_values_and_reads_back(tmp_path: Path) -> None:
    chosen = Readings({"own_mode": "added", "pin_hash": "keyed"})
    path = tmp_path / "readings.toml"
    path.write_text(chosen.to_toml("observed on the lab's BioStation 2\non 2026-12-01"))
    assert path.read_text() == (
        "# observed on the lab's BioStation 2\n# on 2026-12-01\n"
        '[readings]\nown_mode = "added"\npin_hash = "keyed"\n'
    )
    assert readings.load(path) == chosen
    assert chosen.arguments() == ["--reading=own_mode=added", "--reading=pin_hash=keyed"]
    assert readings.parse(["own_mode=replaces"], chosen) == Readings({"pin_hash": "keyed"})


BAD_FILES = [
    ("missing", None, "cannot read the readings file"),
    ("not_TOML", "own_mode = added\n", "is not TOML"),
    ("not_UTF8", b"\xff\xfe[readings]\n", "is not TOML"),
    ("unknown_table", '[reading]\nown_mode = "added"\n', "has reading; only a [readings] table"),
    ("unknown_name", '[readings]\nown_mod = "added"\n', "no reading named 'own_mod'"),
    ("unknown_value", '[readings]\nown_mode = "both"\n', "own_mode has no value 'both'"),
    ("not_a_string", "[readings]\nown_mode = 1\n", 'holds NAME = "VALUE" lines'),
]


@pytest.mark.parametrize(("content", "words"), [b[1:] for b in BAD_FILES], ids=[b[0] for b in BAD_FILES])
def test_a_bad_readings_file_is_one_line_naming_the_file(
    tmp_path: Path, content: str | bytes | None, words: str
) -> None:
    path = tmp_path / "readings.toml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    with pytest.raises(ReadingError) as info:
        readings.load(path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message and words in message, message


# -- the README ---------------------------------------------------------------------------------


def test_the_simulator_readme_holds_the_generated_table_of_readings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = SIM_README.read_text(encoding="utf-8")
    assert readings.with_table(text) == text, (
        f"{SIM_README.relative_to(ROOT)}'s table of readings is not biohil.readings.READINGS': "
        "run `make readings-table` (python -m biohil.readings --readme src/biohil/simulator/README.md)"
    )
    assert readings.main(["--markdown"]) == 0
    table = capsys.readouterr().out
    assert f"{readings.TABLE_BEGIN}\n{table}{readings.TABLE_END}" in text
    for r in READINGS:
        assert f"| `{r.name}` |" in table
