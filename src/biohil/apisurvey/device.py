"""Plausible calls of gsdk.device (see biohil.apisurvey).

The lifecycle calls restart or wipe the terminal: each check reads back what the call did, and
connects the terminal again where it restarted (a terminal connected by Connect may stay
disconnected after a restart), so the survey goes on with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from google.protobuf.message import Message

from biohil.apisurvey import Call, Invoke
from biohil.gsdk import auth_pb2, connect_pb2, device_pb2, event_pb2, user_pb2
from biohil.simcontrol import control_pb2

USER = "900601"  # enrolled so that a reset or a cleared database has a user to delete
FIRMWARE_MAGIC = "BIOHIL-FIRMWARE"  # the simulator's firmware images (its README's conventions)

# Device event codes (contract 4.1) the lifecycle calls log.
LOCKED, UNLOCKED, STARTED = 0x3700, 0x3800, 0x3100
DATABASE_RESET, FACTORY_RESET, CONFIG_RESET_EX = 0x4501, 0x4502, 0x4503
FIRMWARE_UPGRADED = 0x4300
VERIFY_FAIL = 0x1100


def _log(invoke: Invoke, d: int, start: int = 0) -> list[event_pb2.EventLog]:
    answer: Any = invoke("Event.GetLog", event_pb2.GetLogRequest(deviceID=d, startEventID=start))
    return list(answer.events)


def _next_id(invoke: Invoke, d: int) -> int:
    logged = _log(invoke, d)
    return logged[-1].ID + 1 if logged else 1


def _codes_since(invoke: Invoke, d: int, start: int) -> list[int]:
    return [e.eventCode for e in _log(invoke, d, start)]


def _reconnect(invoke: Invoke, d: int) -> None:
    """Connect the terminal again (harmless if it is connected), at the address the simulator
    lists for it."""
    terminals: Any = invoke("Control.ListTerminals", control_pb2.ListTerminalsRequest())
    t = next(t for t in terminals.terminals if t.deviceID == d)
    info = connect_pb2.ConnectInfo(IPAddr=t.IPAddr, port=t.port)
    invoke("Connect.Connect", connect_pb2.ConnectRequest(connectInfo=info))


def _users(invoke: Invoke, d: int) -> list[str]:
    answer: Any = invoke("User.GetList", user_pb2.GetListRequest(deviceID=d))
    return [h.ID for h in answer.hdrs]


def _enroll(invoke: Invoke, d: int) -> None:
    user = user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER))
    invoke("User.Enroll", user_pb2.EnrollRequest(deviceID=d, users=[user], overwrite=True))


def _unknown_card(invoke: Invoke, d: int) -> list[int]:
    """A person presents a card nobody has: the codes it logged at once."""
    request = control_pb2.ActRequest(deviceID=d, input=control_pb2.CARD)
    request.credential.unknown = True
    answer: Any = invoke("Control.Act", request)
    return [e.eventCode for e in answer.events]


def _config(invoke: Invoke, d: int) -> auth_pb2.AuthConfig:
    answer: Any = invoke("Auth.GetConfig", auth_pb2.GetConfigRequest(deviceID=d))
    config: auth_pb2.AuthConfig = answer.config
    return config


# -- information ----------------------------------------------------------------------------------


def _info(answer: Message, invoke: Invoke, d: int) -> str:
    info: Any = answer
    if not (info.info.modelName and info.info.firmwareVersion):
        return f"FactoryInfo lacks its model name or firmware version: {info.info}"
    return ""


def _cap_info(answer: Message, invoke: Invoke, d: int) -> str:
    cap: Any = answer
    if not cap.capInfo.type or not cap.capInfo.maxNumOfUser:
        return "CapabilityInfo names no device type or no user capacity"
    return ""


def _capability(answer: Message, invoke: Invoke, d: int) -> str:
    cap: Any = answer
    info: Any = invoke("Device.GetCapabilityInfo", device_pb2.GetCapabilityInfoRequest(deviceID=d))
    if cap.deviceCapability.maxUsers != info.capInfo.maxNumOfUser:
        return (
            f"maxUsers {cap.deviceCapability.maxUsers}, but CapabilityInfo says {info.capInfo.maxNumOfUser}"
        )
    return ""


# -- lock ------------------------------------------------------------------------------------------


def _lock_call(make: Callable[[int], Message], locked: bool, logged: int) -> Call:
    """Lock or Unlock (Multi too) of a terminal in the other state: a card nobody has is
    authenticated (and refused, VERIFY_FAIL) only when unlocked, and the change is logged."""
    memo: dict[str, int] = {}

    def request(invoke: Invoke, d: int) -> Message:
        if locked:
            invoke("Device.Unlock", device_pb2.UnlockRequest(deviceID=d))
        else:
            invoke("Device.Lock", device_pb2.LockRequest(deviceID=d))
        memo["start"] = _next_id(invoke, d)
        return make(d)

    def check(answer: Message, invoke: Invoke, d: int) -> str:
        authenticated = VERIFY_FAIL in _unknown_card(invoke, d)
        if locked and authenticated:
            return "a locked terminal authenticated a card (VERIFY_FAIL for a card nobody has)"
        if not locked and not authenticated:
            return "an unlocked terminal did not authenticate a card (no VERIFY_FAIL for a card nobody has)"
        if logged not in _codes_since(invoke, d, memo["start"]):
            return f"no {logged:#06x} logged"
        return ""

    return Call(request=request, check=check)


# -- restarts and resets -----------------------------------------------------------------------------


def _restart_call(make: Callable[[int], Message]) -> Call:
    """Reboot: the terminal is back (connected again) and logged 0x3100 on its start."""
    memo: dict[str, int] = {}

    def request(invoke: Invoke, d: int) -> Message:
        memo["start"] = _next_id(invoke, d)
        return make(d)

    def check(answer: Message, invoke: Invoke, d: int) -> str:
        _reconnect(invoke, d)
        if STARTED not in _codes_since(invoke, d, memo["start"]):
            return "no 0x3100 (system started) after the reboot"
        return ""

    return Call(request=request, check=check)


def _factory_reset_call(make: Callable[[int], Message]) -> Call:
    """FactoryReset: no user left, and the log starts afresh with 0x4502."""

    def request(invoke: Invoke, d: int) -> Message:
        _enroll(invoke, d)
        return make(d)

    def check(answer: Message, invoke: Invoke, d: int) -> str:
        _reconnect(invoke, d)
        if _users(invoke, d):
            return f"users left after a factory reset: {_users(invoke, d)}"
        codes = [e.eventCode for e in _log(invoke, d)]
        if not codes or codes[0] != FACTORY_RESET:
            return f"the log after a factory reset starts with {codes[:1]}, not 0x4502"
        return ""

    return Call(request=request, check=check)


def _clear_db_call(make: Callable[[int], Message]) -> Call:
    """ClearDB: no user left, the log kept, 0x4501 logged."""
    memo: dict[str, int] = {}

    def request(invoke: Invoke, d: int) -> Message:
        _enroll(invoke, d)
        memo["start"] = _next_id(invoke, d)
        return make(d)

    def check(answer: Message, invoke: Invoke, d: int) -> str:
        if _users(invoke, d):
            return f"users left after ClearDB: {_users(invoke, d)}"
        if _codes_since(invoke, d, memo["start"]) != [DATABASE_RESET]:
            return "ClearDB did not log 0x4501 (database reset) alone"
        return ""

    return Call(request=request, check=check)


def _reset_config_call(make: Callable[[int], Message], with_db: bool) -> Call:
    """ResetConfig: an auth config set before is gone; the user stays unless withDB."""
    memo: dict[str, auth_pb2.AuthConfig] = {}

    def request(invoke: Invoke, d: int) -> Message:
        changed = _config(invoke, d)
        changed.authTimeout = (
            auth_pb2.MAX_AUTH_TIMEOUT if changed.authTimeout != auth_pb2.MAX_AUTH_TIMEOUT else 3
        )
        invoke("Auth.SetConfig", auth_pb2.SetConfigRequest(deviceID=d, config=changed))
        memo["changed"] = changed
        _enroll(invoke, d)
        return make(d)

    def check(answer: Message, invoke: Invoke, d: int) -> str:
        if _config(invoke, d) == memo["changed"]:
            return "the auth config set before ResetConfig is still there"
        if (_users(invoke, d) == []) != with_db:
            return f"withDB {with_db}, and the users are {_users(invoke, d)}"
        return ""

    return Call(request=request, check=check)


# -- firmware ----------------------------------------------------------------------------------------


def _upgrade_call(make: Callable[[int, bytes], Message], version: str) -> Call:
    """UpgradeFirmware with an image of the terminal's type: GetInfo then reports its version."""

    def request(invoke: Invoke, d: int) -> Message:
        info: Any = invoke("Device.GetCapabilityInfo", device_pb2.GetCapabilityInfoRequest(deviceID=d))
        name = device_pb2.Type.Name(info.capInfo.type)
        return make(d, f"{FIRMWARE_MAGIC} {name} {version}\n".encode() + bytes(range(256)))

    def check(answer: Message, invoke: Invoke, d: int) -> str:
        _reconnect(invoke, d)
        info: Any = invoke("Device.GetInfo", device_pb2.GetInfoRequest(deviceID=d))
        if not info.info.firmwareVersion.startswith(version):
            return f"GetInfo says firmware {info.info.firmwareVersion!r} after an upgrade to {version}"
        return ""

    return Call(request=request, check=check)


# -- the PIN hash key --------------------------------------------------------------------------------


def _get_hash_key(answer: Message, invoke: Invoke, d: int) -> str:
    key: Any = answer
    return "" if key.isDefault else "a terminal whose hash key was never set says it is not the default"


def _set_hash_key_call() -> Call:
    """A key of 32 bytes: GetHashKey says it is not the default and its checksum changed; then
    setDefault puts the default back."""
    memo: dict[str, int] = {}

    def request(invoke: Invoke, d: int) -> Message:
        before: Any = invoke("Device.GetHashKey", device_pb2.GetHashKeyRequest(deviceID=d))
        memo["checksum"] = before.checksum
        return device_pb2.SetHashKeyRequest(deviceID=d, hashKey=bytes(range(1, 33)))

    def check(answer: Message, invoke: Invoke, d: int) -> str:
        after: Any = invoke("Device.GetHashKey", device_pb2.GetHashKeyRequest(deviceID=d))
        if after.isDefault or after.checksum == memo["checksum"]:
            return "GetHashKey after SetHashKey still gives the default key's answer"
        invoke("Device.SetHashKey", device_pb2.SetHashKeyRequest(deviceID=d, setDefault=True))
        back: Any = invoke("Device.GetHashKey", device_pb2.GetHashKeyRequest(deviceID=d))
        if not back.isDefault or back.checksum != memo["checksum"]:
            return "SetHashKey with setDefault did not put the default key back"
        return ""

    return Call(request=request, check=check)


CALLS: dict[str, Call] = {
    "Device.GetInfo": Call(request=lambda invoke, d: device_pb2.GetInfoRequest(deviceID=d), check=_info),
    "Device.GetCapabilityInfo": Call(
        request=lambda invoke, d: device_pb2.GetCapabilityInfoRequest(deviceID=d), check=_cap_info
    ),
    "Device.GetCapability": Call(
        request=lambda invoke, d: device_pb2.GetCapabilityRequest(deviceID=d), check=_capability
    ),
    "Device.Lock": _lock_call(lambda d: device_pb2.LockRequest(deviceID=d), True, LOCKED),
    "Device.LockMulti": _lock_call(lambda d: device_pb2.LockMultiRequest(deviceIDs=[d]), True, LOCKED),
    "Device.Unlock": _lock_call(lambda d: device_pb2.UnlockRequest(deviceID=d), False, UNLOCKED),
    "Device.UnlockMulti": _lock_call(lambda d: device_pb2.UnlockMultiRequest(deviceIDs=[d]), False, UNLOCKED),
    "Device.Reboot": _restart_call(lambda d: device_pb2.RebootRequest(deviceID=d)),
    "Device.RebootMulti": _restart_call(lambda d: device_pb2.RebootMultiRequest(deviceIDs=[d])),
    "Device.FactoryReset": _factory_reset_call(lambda d: device_pb2.FactoryResetRequest(deviceID=d)),
    "Device.FactoryResetMulti": _factory_reset_call(
        lambda d: device_pb2.FactoryResetMultiRequest(deviceIDs=[d])
    ),
    "Device.ClearDB": _clear_db_call(lambda d: device_pb2.ClearDBRequest(deviceID=d)),
    "Device.ClearDBMulti": _clear_db_call(lambda d: device_pb2.ClearDBMultiRequest(deviceIDs=[d])),
    "Device.ResetConfig": _reset_config_call(
        lambda d: device_pb2.ResetConfigRequest(deviceID=d), with_db=False
    ),
    "Device.ResetConfigMulti": _reset_config_call(
        lambda d: device_pb2.ResetConfigMultiRequest(deviceIDs=[d], withDB=True), with_db=True
    ),
    "Device.UpgradeFirmware": _upgrade_call(
        lambda d, image: device_pb2.UpgradeFirmwareRequest(deviceID=d, firmwareData=image), "9.8.7"
    ),
    "Device.UpgradeFirmwareMulti": _upgrade_call(
        lambda d, image: device_pb2.UpgradeFirmwareMultiRequest(deviceIDs=[d], firmwareData=image), "9.8.8"
    ),
    "Device.GetHashKey": Call(
        request=lambda invoke, d: device_pb2.GetHashKeyRequest(deviceID=d), check=_get_hash_key
    ),
    "Device.SetHashKey": _set_hash_key_call(),
}
