"""gsdk.device.Device's lifecycle calls keep state, over the public gRPC API: a lock stops
authentication until Unlock, a reboot drops the connection and keeps the data, ClearDB,
ResetConfig and FactoryReset clear what they say, a firmware image of the terminal's type is its
new version, and the PIN hash key decides which PIN hashes match. Each test runs on a simulator of
its own (they reboot and wipe terminals)."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from grpc_status import rpc_status

from biohil.gsdk import auth_pb2, card_pb2, connect_pb2, device_pb2, err_pb2, event_pb2, user_pb2
from biohil.readings import Readings
from biohil.simcontrol import control_pb2
from biohil.simulator import Simulator
from biohil.simulator.device import ResetBy
from biohil.simulator.models import DEFAULT_DEVICES, DeviceSpec
from tests.conftest import raw_stubs

BS2, F2 = DEFAULT_DEVICES
B, F = BS2.device_id, F2.device_id
USER, OTHER = "900501", "900502"
CARD = card_pb2.CSNCardData(
    type=card_pb2.CARD_TYPE_CSN, size=32, data=bytes(25) + b"\x05\x01\x02\x03\x04\x05\x06"
)
DEFAULT_KEY = bytes([0x5A] * 32)  # the simulator's made-up default hash key
Stubs = dict[str, Any]


@pytest.fixture(scope="module")
def cert_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("device-certs")


@contextlib.contextmanager
def _simulator(cert_dir: Path, readings: Readings | None = None) -> Iterator[tuple[Simulator, Stubs]]:
    with Simulator(cert_dir, readings=readings or Readings()) as sim:
        creds = grpc.ssl_channel_credentials(root_certificates=sim.ca_file.read_bytes())
        with grpc.secure_channel(sim.address, creds) as channel:
            yield sim, raw_stubs(channel)


@pytest.fixture
def own(cert_dir: Path) -> Iterator[tuple[Simulator, Stubs]]:
    """A simulator of the test's own, its BioStation 2 connected (the F2 is not)."""
    with _simulator(cert_dir) as (sim, s):
        _connect(s, BS2)
        yield sim, s


@pytest.fixture
def s(own: tuple[Simulator, Stubs]) -> Stubs:
    return own[1]


def _connect(s: Stubs, spec: DeviceSpec) -> None:
    info = connect_pb2.ConnectInfo(IPAddr=spec.ip, port=spec.port)
    s["connect"].Connect(connect_pb2.ConnectRequest(connectInfo=info), timeout=10)


def _error(call: Callable[..., Any], request: Any) -> tuple[grpc.StatusCode, str]:
    with pytest.raises(grpc.RpcError) as info:
        call(request, timeout=10)
    err: Any = info.value
    return err.code(), err.details()


def _multi_failure(call: Callable[..., Any], request: Any) -> tuple[grpc.StatusCode, list[tuple[int, int]]]:
    """A Multi call that fails: its status code, and (deviceID, code) of each terminal in the one
    gsdk.err.MultiErrorResponse detail of its grpc-status-details-bin trailer."""
    with pytest.raises(grpc.RpcError) as info:
        call(request, timeout=10)
    status = rpc_status.from_call(info.value)
    assert status is not None and len(status.details) == 1
    errors = err_pb2.MultiErrorResponse()
    assert status.details[0].Unpack(errors)
    err: Any = info.value
    return err.code(), [(e.deviceID, e.code) for e in errors.deviceErrors]


def _enroll(s: Stubs, device: int, *users: user_pb2.UserInfo) -> None:
    s["user"].Enroll(user_pb2.EnrollRequest(deviceID=device, users=users, overwrite=True), timeout=10)


def _users(s: Stubs, device: int) -> list[str]:
    return [h.ID for h in s["user"].GetList(user_pb2.GetListRequest(deviceID=device), timeout=10).hdrs]


def _log(s: Stubs, device: int, start: int = 0) -> list[event_pb2.EventLog]:
    request = event_pb2.GetLogRequest(deviceID=device, startEventID=start)
    return list(s["event"].GetLog(request, timeout=10).events)


def _codes(s: Stubs, device: int, start: int = 0) -> list[int]:
    return [e.eventCode for e in _log(s, device, start)]


def _next_id(s: Stubs, device: int) -> int:
    logged = _log(s, device)
    return logged[-1].ID + 1 if logged else 1


def _card(s: Stubs, device: int, **credential: Any) -> list[tuple[int, int]]:
    """A person presents a card (by default the user's); what it logged at once."""
    request = control_pb2.ActRequest(
        deviceID=device, input=control_pb2.CARD, credential=credential or {"enrolledFor": USER}
    )
    return [(e.eventCode, e.subCode) for e in s["control"].Act(request, timeout=10).events]


def _pin(s: Stubs, device: int, digits: str) -> list[tuple[int, int]]:
    request = control_pb2.ActRequest(deviceID=device, input=control_pb2.PIN, digits=digits)
    return [(e.eventCode, e.subCode) for e in s["control"].Act(request, timeout=10).events]


def _config(s: Stubs, device: int) -> auth_pb2.AuthConfig:
    config: auth_pb2.AuthConfig = s["auth"].GetConfig(auth_pb2.GetConfigRequest(deviceID=device)).config
    return config


def _set_config(s: Stubs, device: int, mode: int, auth_timeout: int = 10) -> None:
    config = auth_pb2.AuthConfig(
        authSchedules=[auth_pb2.AuthSchedule(mode=mode, scheduleID=1)],  # type: ignore[arg-type]
        matchTimeout=5,
        authTimeout=auth_timeout,
    )
    s["auth"].SetConfig(auth_pb2.SetConfigRequest(deviceID=device, config=config), timeout=10)


def _listed(s: Stubs) -> dict[int, int]:
    infos = s["connect"].GetDeviceList(connect_pb2.GetDeviceListRequest(), timeout=10).deviceInfos
    return {i.deviceID: i.status for i in infos}


def _version(s: Stubs, device: int) -> str:
    return str(
        s["device"].GetInfo(device_pb2.GetInfoRequest(deviceID=device), timeout=10).info.firmwareVersion
    )


def _image(device_type: int, version: str, body: bytes = b"\x7fELF and the rest") -> bytes:
    return f"BIOHIL-FIRMWARE {device_pb2.Type.Name(device_type)} {version}\n".encode() + body


def _hash_key(s: Stubs, device: int) -> tuple[bool, int]:
    answer = s["device"].GetHashKey(device_pb2.GetHashKeyRequest(deviceID=device), timeout=10)
    return answer.isDefault, answer.checksum


# -- Lock / Unlock -------------------------------------------------------------------------------


def test_a_locked_terminal_takes_no_input_but_answers_gateway_calls_until_unlocked(s: Stubs) -> None:
    _enroll(s, B, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), cards=[CARD]))
    start = _next_id(s, B)
    s["device"].Lock(device_pb2.LockRequest(deviceID=B), timeout=10)
    s["device"].Lock(device_pb2.LockRequest(deviceID=B), timeout=10)  # already locked: nothing more
    assert _card(s, B) == [] and _card(s, B, unknown=True) == [] and _pin(s, B, "1234") == []
    assert _users(s, B) == [USER]  # gateway calls are answered
    scan = s["card"].Scan.future(card_pb2.ScanRequest(deviceID=B), timeout=10)
    person = control_pb2.ActRequest(deviceID=B, input=control_pb2.CARD, awaitScanMs=5000)
    person.credential.unknown = True
    assert s["control"].Act(person, timeout=10).captured  # a scan the gateway asked for still takes it
    assert scan.result().cardData.CSNCardData.data
    s["device"].Unlock(device_pb2.UnlockRequest(deviceID=B), timeout=10)
    assert _card(s, B) == [(0x1000, 0x06)]
    assert _codes(s, B, start) == [0x3700, 0x3800, 0x1000]


def test_a_lock_lasts_over_a_reboot_and_ends_with_a_factory_reset(s: Stubs) -> None:
    _enroll(s, B, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), cards=[CARD]))
    s["device"].Lock(device_pb2.LockRequest(deviceID=B), timeout=10)
    s["device"].Reboot(device_pb2.RebootRequest(deviceID=B), timeout=10)
    _connect(s, BS2)
    assert _card(s, B) == []
    s["device"].FactoryReset(device_pb2.FactoryResetRequest(deviceID=B), timeout=10)
    _connect(s, BS2)
    assert _card(s, B, unknown=True) == [(0x1100, 0x02)]  # unlocked (and the user is gone)


def test_lock_multi_locks_each_terminal_and_names_the_one_that_failed(s: Stubs) -> None:
    """The F2 is not connected: it fails NOT_FOUND; the BioStation 2 is locked all the same."""
    _enroll(s, B, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), cards=[CARD]))
    lock = device_pb2.LockMultiRequest(deviceIDs=[F, B])
    code, failed = _multi_failure(s["device"].LockMulti, lock)
    assert (code, failed) == (grpc.StatusCode.NOT_FOUND, [(F, grpc.StatusCode.NOT_FOUND.value[0])])
    assert _card(s, B) == []
    _connect(s, F2)
    s["device"].LockMulti(device_pb2.LockMultiRequest(deviceIDs=[B, F]), timeout=10)
    s["device"].UnlockMulti(device_pb2.UnlockMultiRequest(deviceIDs=[B, F]), timeout=10)
    assert _card(s, B) == [(0x1000, 0x06)]
    assert [c for c in _codes(s, F) if c in (0x3700, 0x3800)] == [0x3700, 0x3800]


# -- Reboot --------------------------------------------------------------------------------------


def test_a_reboot_drops_the_connection_ends_scans_and_attempts_and_keeps_the_data(s: Stubs) -> None:
    pin_hash = s["user"].GetPINHash(user_pb2.GetPINHashRequest(PIN="4711"), timeout=10).hashVal
    _enroll(s, B, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), cards=[CARD], PIN=pin_hash))
    _set_config(s, B, auth_pb2.AUTH_MODE_CARD_PIN)
    config = _config(s, B)
    s["event"].EnableMonitoring(event_pb2.EnableMonitoringRequest(deviceID=B), timeout=10)
    status = s["connect"].SubscribeStatus(connect_pb2.SubscribeStatusRequest(queueSize=16), timeout=20)
    realtime = s["event"].SubscribeRealtimeLog(
        event_pb2.SubscribeRealtimeLogRequest(queueSize=16, deviceIDs=[B], eventCodes=[0x1000, 0x1800]),
        timeout=20,
    )
    status.initial_metadata()
    realtime.initial_metadata()
    try:
        assert _card(s, B) == []  # waits for the PIN
        scan = s["card"].Scan.future(card_pb2.ScanRequest(deviceID=B), timeout=10)
        s["control"].AwaitScan(
            control_pb2.AwaitScanRequest(deviceID=B, input=control_pb2.CARD, timeoutMs=5000), timeout=10
        )
        start = _next_id(s, B)
        s["device"].Reboot(device_pb2.RebootRequest(deviceID=B), timeout=10)
        with pytest.raises(grpc.RpcError) as ended:
            scan.result()
        err: Any = ended.value
        assert err.code() is grpc.StatusCode.UNAVAILABLE and "restarted" in err.details()
        dropped = next(status)
        assert (dropped.deviceID, dropped.status) == (B, connect_pb2.DISCONNECTED)
        assert _listed(s) == {}  # reading reboot_reconnect=disconnected
        assert (
            _error(s["device"].GetInfo, device_pb2.GetInfoRequest(deviceID=B))[0] is grpc.StatusCode.NOT_FOUND
        )
        _connect(s, BS2)
        assert next(status).status == connect_pb2.TCP_CONNECTED
        assert _users(s, B) == [USER] and _config(s, B) == config
        s["control"].AdvanceClock(control_pb2.AdvanceClockRequest(milliseconds=20_000), timeout=10)
        assert _codes(s, B, start) == [0x3C00, 0x3100, 0x3B00]  # the half-done attempt never timed out
        assert _card(s, B) == [] and _pin(s, B, "4711") == [(0x1000, 0x07)]  # not streamed: monitoring off
        s["event"].EnableMonitoring(event_pb2.EnableMonitoringRequest(deviceID=B), timeout=10)
        assert _card(s, B) == []
        granted = (
            s["control"]
            .Act(control_pb2.ActRequest(deviceID=B, input=control_pb2.PIN, digits="4711"), timeout=10)
            .events
        )
        assert next(realtime).ID == granted[0].ID
    finally:
        status.cancel()
        realtime.cancel()


def test_reboot_multi_restarts_each_terminal_and_names_the_one_that_failed(s: Stubs) -> None:
    code, failed = _multi_failure(s["device"].RebootMulti, device_pb2.RebootMultiRequest(deviceIDs=[B, F]))
    assert (code, failed) == (grpc.StatusCode.NOT_FOUND, [(F, grpc.StatusCode.NOT_FOUND.value[0])])
    assert _listed(s) == {}
    _connect(s, BS2)
    assert _codes(s, B)[-3:] == [0x3C00, 0x3100, 0x3B00]


# -- ClearDB, ResetConfig, FactoryReset ------------------------------------------------------------


def test_clear_db_deletes_every_user_and_keeps_the_log_and_the_config(s: Stubs) -> None:
    _enroll(s, B, *(user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=u)) for u in (USER, OTHER)))
    _set_config(s, B, auth_pb2.AUTH_MODE_CARD_PIN)
    config, before = _config(s, B), _log(s, B)
    s["device"].ClearDB(device_pb2.ClearDBRequest(deviceID=B), timeout=10)
    assert _users(s, B) == [] and _config(s, B) == config
    assert _log(s, B) == [*before, _log(s, B)[-1]] and _log(s, B)[-1].eventCode == 0x4501
    _enroll(s, B, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), cards=[CARD]))
    code, failed = _multi_failure(s["device"].ClearDBMulti, device_pb2.ClearDBMultiRequest(deviceIDs=[F, B]))
    assert (code, [d for d, _ in failed]) == (grpc.StatusCode.NOT_FOUND, [F])
    assert _users(s, B) == []
    _set_config(s, B, auth_pb2.AUTH_MODE_CARD_ONLY)
    assert _card(s, B, token=CARD.data) == [(0x1100, 0x02)]  # the card's user is gone


def test_reset_config_puts_every_config_back_and_the_database_only_with_with_db(
    own: tuple[Simulator, Stubs],
) -> None:
    sim, s = own
    factory = _config(s, B)
    resets: list[int] = []
    sim.gateway.devices[B].config_parts.append(ResetBy(lambda: resets.append(B)))  # another service's
    _enroll(s, B, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER)))
    _set_config(s, B, auth_pb2.AUTH_MODE_CARD_PIN, auth_timeout=20)
    start = _next_id(s, B)
    s["device"].ResetConfig(device_pb2.ResetConfigRequest(deviceID=B), timeout=10)
    assert (_config(s, B), _users(s, B), resets) == (factory, [USER], [B])
    _set_config(s, B, auth_pb2.AUTH_MODE_CARD_PIN)
    s["device"].ResetConfig(
        device_pb2.ResetConfigRequest(deviceID=B, withNetwork=True, withDB=True), timeout=10
    )
    assert (_config(s, B), _users(s, B), resets) == (factory, [], [B, B])
    assert _codes(s, B, start) == [0x4503, 0x4501, 0x4500]
    _set_config(s, B, auth_pb2.AUTH_MODE_CARD_PIN)
    request = device_pb2.ResetConfigMultiRequest(deviceIDs=[B, F], withDB=True)
    code, failed = _multi_failure(s["device"].ResetConfigMulti, request)
    assert (code, [d for d, _ in failed]) == (grpc.StatusCode.NOT_FOUND, [F])
    assert _config(s, B) == factory


def test_a_factory_reset_wipes_users_log_configs_lock_and_key_keeps_the_firmware_and_restarts(
    own: tuple[Simulator, Stubs],
) -> None:
    sim, s = own
    factory = _config(s, B)
    resets: list[int] = []
    sim.gateway.devices[B].config_parts.append(ResetBy(lambda: resets.append(B)))
    _enroll(s, B, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), cards=[CARD]))
    _set_config(s, B, auth_pb2.AUTH_MODE_CARD_PIN)
    s["device"].SetHashKey(device_pb2.SetHashKeyRequest(deviceID=B, hashKey=bytes(range(32))), timeout=10)
    s["device"].UpgradeFirmware(
        device_pb2.UpgradeFirmwareRequest(deviceID=B, firmwareData=_image(BS2.model.device_type, "1.12.0"))
    )
    _connect(s, BS2)
    s["device"].Lock(device_pb2.LockRequest(deviceID=B), timeout=10)
    s["device"].FactoryReset(device_pb2.FactoryResetRequest(deviceID=B), timeout=10)
    assert _listed(s) == {}  # restarted
    _connect(s, BS2)
    assert [(e.ID, e.eventCode) for e in _log(s, B)] == [(1, 0x4502), (2, 0x3C00), (3, 0x3100), (4, 0x3B00)]
    assert (_users(s, B), _config(s, B), resets) == ([], factory, [B])
    assert _hash_key(s, B) == (True, zlib.crc32(DEFAULT_KEY))
    assert _version(s, B) == "1.12.0"
    assert _card(s, B, unknown=True) == [(0x1100, 0x02)]  # unlocked
    _enroll(s, B, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER)))
    request = device_pb2.FactoryResetMultiRequest(deviceIDs=[B, F])
    code, failed = _multi_failure(s["device"].FactoryResetMulti, request)
    assert (code, [d for d, _ in failed]) == (grpc.StatusCode.NOT_FOUND, [F])
    _connect(s, BS2)
    assert _users(s, B) == [] and _codes(s, B)[0] == 0x4502


# -- UpgradeFirmware ---------------------------------------------------------------------------------


def test_a_firmware_image_of_the_terminals_type_becomes_its_version_and_restarts_it(s: Stubs) -> None:
    start = _next_id(s, B)
    image = _image(BS2.model.device_type, "1.12.3", bytes(range(256)) * 1000)
    s["device"].UpgradeFirmware(device_pb2.UpgradeFirmwareRequest(deviceID=B, firmwareData=image), timeout=10)
    assert _listed(s) == {}
    _connect(s, BS2)
    assert _version(s, B) == "1.12.3"
    assert _codes(s, B, start) == [0x4300, 0x3C00, 0x3100, 0x3B00]


BAD_IMAGES = [
    ("empty", b"", "firmwareData is empty"),
    ("no_header", b"\x7fELF\x02\x01\x01", "firmwareData is no firmware image"),
    ("no_newline", b"BIOHIL-FIRMWARE BIOSTATION_2 1.12.0", "firmwareData is no firmware image"),
    ("no_version", b"BIOHIL-FIRMWARE BIOSTATION_2\n", "firmwareData is no firmware image"),
    ("one_number", b"BIOHIL-FIRMWARE BIOSTATION_2 1\n", "firmwareData is no firmware image"),
    ("control_char", b"BIOHIL-FIRMWARE BIO\x1bSTATION 1.0\n", "firmwareData is no firmware image"),
    ("unknown_type", b"BIOHIL-FIRMWARE BIOSTATION_9 1.0.0\n", "device type BIOSTATION_9"),
]


@pytest.mark.parametrize(("data", "words"), [b[1:] for b in BAD_IMAGES], ids=[b[0] for b in BAD_IMAGES])
def test_bytes_that_are_no_firmware_image_are_refused_naming_firmware_data(
    s: Stubs, data: bytes, words: str
) -> None:
    request = device_pb2.UpgradeFirmwareRequest(deviceID=B, firmwareData=data)
    code, details = _error(s["device"].UpgradeFirmware, request)
    assert code is grpc.StatusCode.INVALID_ARGUMENT and words in details, details
    assert "\x1b" not in details and "Device.UpgradeFirmware" in details
    assert _version(s, B) == BS2.model.firmware and _listed(s) == {B: connect_pb2.TCP_CONNECTED}


def test_upgrade_firmware_multi_upgrades_the_terminals_of_the_images_type_and_names_the_others(
    s: Stubs,
) -> None:
    _connect(s, F2)
    request = device_pb2.UpgradeFirmwareMultiRequest(
        deviceIDs=[F, B], firmwareData=_image(BS2.model.device_type, "1.13.0")
    )
    code, failed = _multi_failure(s["device"].UpgradeFirmwareMulti, request)
    assert (code, failed) == (
        grpc.StatusCode.FAILED_PRECONDITION,
        [(F, grpc.StatusCode.FAILED_PRECONDITION.value[0])],
    )
    assert _version(s, F) == F2.model.firmware  # still connected: not restarted
    _connect(s, BS2)
    assert _version(s, B) == "1.13.0"
    code, details = _error(
        s["device"].UpgradeFirmware,
        device_pb2.UpgradeFirmwareRequest(
            deviceID=F, firmwareData=_image(device_pb2.FACESTATION_F2, "2.3.0")
        ),
    )
    assert code is grpc.StatusCode.FAILED_PRECONDITION
    assert "firmware for FACESTATION_F2, not for FaceStation F2" in details and "FACESTATION_F2_FP" in details


# -- the PIN hash key ------------------------------------------------------------------------------


def test_the_hash_key_decides_which_pin_hashes_match_and_set_default_restores_it(s: Stubs) -> None:
    key = bytes(range(100, 132))
    sha = s["user"].GetPINHash(user_pb2.GetPINHashRequest(PIN="4711"), timeout=10).hashVal
    keyed = hmac.new(key, b"4711", hashlib.sha256).digest()
    _enroll(s, B, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), cards=[CARD], PIN=sha))
    _set_config(s, B, auth_pb2.AUTH_MODE_CARD_PIN)
    assert _hash_key(s, B) == (True, zlib.crc32(DEFAULT_KEY))

    def typed() -> list[tuple[int, int]]:
        assert _card(s, B) == []
        return _pin(s, B, "4711")

    s["device"].SetHashKey(device_pb2.SetHashKeyRequest(deviceID=B, hashKey=key), timeout=10)
    assert _hash_key(s, B) == (False, zlib.crc32(key))
    assert typed() == [(0x1100, 0x03)]  # the stored hash was made under the default key
    _enroll(s, B, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), cards=[CARD], PIN=keyed))
    assert typed() == [(0x1000, 0x07)]
    s["device"].Reboot(device_pb2.RebootRequest(deviceID=B), timeout=10)
    _connect(s, BS2)
    assert _hash_key(s, B) == (False, zlib.crc32(key)) and typed() == [(0x1000, 0x07)]
    s["device"].SetHashKey(device_pb2.SetHashKeyRequest(deviceID=B, setDefault=True), timeout=10)
    assert _hash_key(s, B) == (True, zlib.crc32(DEFAULT_KEY))
    assert typed() == [(0x1100, 0x03)]
    _enroll(s, B, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), cards=[CARD], PIN=sha))
    assert typed() == [(0x1000, 0x07)]


BAD_KEYS = [
    ("short", device_pb2.SetHashKeyRequest(deviceID=B, hashKey=bytes(31)), "hashKey has 31 bytes"),
    ("long", device_pb2.SetHashKeyRequest(deviceID=B, hashKey=bytes(33)), "hashKey has 33 bytes"),
    ("none", device_pb2.SetHashKeyRequest(deviceID=B), "hashKey has 0 bytes"),
    (
        "both",
        device_pb2.SetHashKeyRequest(deviceID=B, setDefault=True, hashKey=bytes(32)),
        "hashKey is given with setDefault",
    ),
    ("no_device", device_pb2.SetHashKeyRequest(hashKey=bytes(32)), "deviceID is missing"),
]


@pytest.mark.parametrize(("request_", "words"), [b[1:] for b in BAD_KEYS], ids=[b[0] for b in BAD_KEYS])
def test_a_bad_hash_key_request_is_refused_naming_the_field(
    s: Stubs, request_: device_pb2.SetHashKeyRequest, words: str
) -> None:
    code, details = _error(s["device"].SetHashKey, request_)
    assert code is grpc.StatusCode.INVALID_ARGUMENT and words in details, details
    assert _hash_key(s, B)[0]


MULTI = [
    ("LockMulti", device_pb2.LockMultiRequest),
    ("UnlockMulti", device_pb2.UnlockMultiRequest),
    ("RebootMulti", device_pb2.RebootMultiRequest),
    ("FactoryResetMulti", device_pb2.FactoryResetMultiRequest),
    ("ClearDBMulti", device_pb2.ClearDBMultiRequest),
    ("ResetConfigMulti", device_pb2.ResetConfigMultiRequest),
    ("UpgradeFirmwareMulti", device_pb2.UpgradeFirmwareMultiRequest),
]


@pytest.mark.parametrize(("method", "message"), MULTI, ids=[m[0] for m in MULTI])
def test_a_multi_call_naming_no_terminal_or_one_twice_is_refused_and_changes_nothing(
    s: Stubs, method: str, message: Any
) -> None:
    _enroll(s, B, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER)))
    before = _log(s, B)
    extra = {"firmwareData": _image(BS2.model.device_type, "9.0.0")} if "Firmware" in method else {}
    for ids, words in (
        ([], "deviceIDs is empty"),
        ([B, B], f"deviceIDs names terminal {B} more than once"),
        ([B, *range(1, 1001)], "deviceIDs has 1,001 entries, at most 1,000"),
    ):
        code, details = _error(getattr(s["device"], method), message(deviceIDs=ids, **extra))
        assert code is grpc.StatusCode.INVALID_ARGUMENT and words in details, details
    assert _log(s, B) == before and _users(s, B) == [USER] and _listed(s) == {B: connect_pb2.TCP_CONNECTED}
