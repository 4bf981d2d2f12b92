"""Bad requests get a non-OK status naming the problem, and the server keeps serving."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc
import pytest

from biohil.gsdk import (
    auth_pb2,
    connect_pb2,
    device_pb2,
    event_pb2,
    face_pb2,
    finger_pb2,
    user_pb2,
)
from biohil.simulator.models import DEFAULT_DEVICES

BS2, F2 = DEFAULT_DEVICES

NOT_FOUND, INVALID = grpc.StatusCode.NOT_FOUND, grpc.StatusCode.INVALID_ARGUMENT


@pytest.fixture(scope="module")
def stubs(stubs: dict[str, Any]) -> dict[str, Any]:
    """The session's stubs, with both terminals connected."""
    s = stubs
    for spec in (BS2, F2):
        info = connect_pb2.ConnectInfo(IPAddr=spec.ip, port=spec.port)
        s["connect"].Connect(connect_pb2.ConnectRequest(connectInfo=info), timeout=5)
    return s


def _user(uid: str, **fields: Any) -> user_pb2.UserInfo:
    return user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=uid), **fields)


CASES: list[tuple[str, str, str, Callable[[], Any], grpc.StatusCode, str]] = [
    # (name, stub, method, request factory, expected code, word the message must contain)
    (
        "unknown device",
        "device",
        "GetInfo",
        lambda: device_pb2.GetInfoRequest(deviceID=12345),
        NOT_FOUND,
        "12345",
    ),
    (
        "device ID missing",
        "device",
        "GetCapability",
        lambda: device_pb2.GetCapabilityRequest(),
        INVALID,
        "deviceID",
    ),
    (
        "unknown device on user call",
        "user",
        "GetList",
        lambda: user_pb2.GetListRequest(deviceID=7),
        NOT_FOUND,
        "7",
    ),
    (
        "missing user",
        "user",
        "Get",
        lambda: user_pb2.GetRequest(deviceID=BS2.device_id, userIDs=["900777"]),
        NOT_FOUND,
        "900777",
    ),
    (
        "delete missing user",
        "user",
        "Delete",
        lambda: user_pb2.DeleteRequest(deviceID=BS2.device_id, userIDs=["900778"]),
        NOT_FOUND,
        "900778",
    ),
    ("no user IDs", "user", "Get", lambda: user_pb2.GetRequest(deviceID=BS2.device_id), INVALID, "userIDs"),
    (
        "non-numeric user ID",
        "user",
        "Enroll",
        lambda: user_pb2.EnrollRequest(deviceID=BS2.device_id, users=[_user("ab c")]),
        INVALID,
        "ab c",
    ),
    (
        "user ID 0",
        "user",
        "Enroll",
        lambda: user_pb2.EnrollRequest(deviceID=BS2.device_id, users=[_user("0")]),
        INVALID,
        "user ID",
    ),
    (
        "name too long",
        "user",
        "Enroll",
        lambda: user_pb2.EnrollRequest(deviceID=BS2.device_id, users=[_user("900201", name="x" * 49)]),
        INVALID,
        "name",
    ),
    (
        "face on a terminal without camera",
        "user",
        "Enroll",
        lambda: user_pb2.EnrollRequest(
            deviceID=BS2.device_id, users=[_user("900202", faces=[face_pb2.FaceData(templates=[b"x"])])]
        ),
        INVALID,
        "no face sensor",
    ),
    (
        "finger with one template",
        "user",
        "Enroll",
        lambda: user_pb2.EnrollRequest(
            deviceID=F2.device_id, users=[_user("900203", fingers=[finger_pb2.FingerData(templates=[b"x"])])]
        ),
        INVALID,
        "exactly 2",
    ),
    (
        "extended mode on a classic terminal",
        "user",
        "Enroll",
        lambda: user_pb2.EnrollRequest(
            deviceID=BS2.device_id, users=[_user("900204", setting=user_pb2.UserSetting(cardAuthExtMode=21))]
        ),
        INVALID,
        "cardAuthExtMode",
    ),
    (
        "classic mode in auth config of an F2",
        "auth",
        "SetConfig",
        lambda: auth_pb2.SetConfigRequest(
            deviceID=F2.device_id,
            config=auth_pb2.AuthConfig(
                authSchedules=[auth_pb2.AuthSchedule(mode=auth_pb2.AUTH_MODE_CARD_ONLY, scheduleID=1)],
                matchTimeout=5,
                authTimeout=10,
            ),
        ),
        INVALID,
        "AUTH_MODE_CARD_ONLY",
    ),
    (
        "auth timeout out of range",
        "auth",
        "SetConfig",
        lambda: auth_pb2.SetConfigRequest(
            deviceID=BS2.device_id, config=auth_pb2.AuthConfig(matchTimeout=5, authTimeout=99)
        ),
        INVALID,
        "authTimeout",
    ),
    (
        "connect to an address with no terminal",
        "connect",
        "Connect",
        lambda: connect_pb2.ConnectRequest(
            connectInfo=connect_pb2.ConnectInfo(IPAddr="127.0.99.9", port=51211)
        ),
        NOT_FOUND,
        "127.0.99.9",
    ),
    (
        "connect with a bad port",
        "connect",
        "Connect",
        lambda: connect_pb2.ConnectRequest(connectInfo=connect_pb2.ConnectInfo(IPAddr=BS2.ip, port=0)),
        INVALID,
        "port",
    ),
    (
        "too many event filters",
        "event",
        "GetLogWithFilter",
        lambda: event_pb2.GetLogWithFilterRequest(
            deviceID=BS2.device_id, filters=[event_pb2.EventFilter(eventCode=0x1000)] * 33
        ),
        INVALID,
        "33",
    ),
    (
        "disconnect nothing",
        "connect",
        "Disconnect",
        lambda: connect_pb2.DisconnectRequest(),
        INVALID,
        "deviceIDs",
    ),
]


@pytest.mark.parametrize(
    ("stub", "method", "request_of", "code", "word"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_request_is_refused_and_the_next_one_served(
    stubs: dict[str, Any],
    stub: str,
    method: str,
    request_of: Callable[[], Any],
    code: grpc.StatusCode,
    word: str,
) -> None:
    with pytest.raises(grpc.RpcError) as info:
        getattr(stubs[stub], method)(request_of(), timeout=5)
    err: Any = info.value
    assert err.code() == code, err.details()
    assert word in err.details(), err.details()
    # The server is still there and answers a good request.
    listed = stubs["connect"].GetDeviceList(connect_pb2.GetDeviceListRequest(), timeout=5)
    assert {d.deviceID for d in listed.deviceInfos} >= {BS2.device_id, F2.device_id}


def test_enroll_without_overwrite_refuses_an_existing_user(stubs: dict[str, Any]) -> None:
    user = stubs["user"]
    user.Enroll(user_pb2.EnrollRequest(deviceID=BS2.device_id, users=[_user("900301", name="A")]), timeout=5)
    with pytest.raises(grpc.RpcError) as info:
        user.Enroll(
            user_pb2.EnrollRequest(deviceID=BS2.device_id, users=[_user("900301", name="B")]), timeout=5
        )
    assert info.value.code() == grpc.StatusCode.ALREADY_EXISTS
    user.Enroll(
        user_pb2.EnrollRequest(deviceID=BS2.device_id, users=[_user("900301", name="C")], overwrite=True),
        timeout=5,
    )
    [stored] = user.Get(user_pb2.GetRequest(deviceID=BS2.device_id, userIDs=["900301"]), timeout=5).users
    assert stored.name == "C"
    user.Delete(user_pb2.DeleteRequest(deviceID=BS2.device_id, userIDs=["900301"]), timeout=5)


def test_a_failed_enroll_stores_nobody(stubs: dict[str, Any]) -> None:
    user = stubs["user"]
    good, bad = _user("900401"), _user("900402", name="x" * 60)
    with pytest.raises(grpc.RpcError):
        user.Enroll(user_pb2.EnrollRequest(deviceID=F2.device_id, users=[good, bad]), timeout=5)
    headers = user.GetList(user_pb2.GetListRequest(deviceID=F2.device_id), timeout=5).hdrs
    assert "900401" not in {h.ID for h in headers}
