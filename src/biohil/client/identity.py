"""What a terminal says about itself (GetInfo's FactoryInfo, GetCapabilityInfo's CapabilityInfo,
GetCapability's DeviceCapability), checked field by field: against what it is known to be (the
lab file's model and device ID; on the simulator, its model in the model table), against the
gateway's view of it, against each other, against what it does, and against the documented limits.

Only fields the contract gives a meaning are checked; each check names its source. The fields it
names without a rule the suite could check are in SILENT and asserted nowhere (but they too must
read the same when asked twice: `drift`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from google.protobuf.message import Message

from biohil.authmodes import CLASSIC_MODES, EXTENDED_MODES, capability_flag, mode_name
from biohil.client import capabilities
from biohil.client.gateway import Device, Gateway
from biohil.contract import MAX_CARDS_PER_USER, MAX_FACES_PER_USER, MAX_FINGERS_PER_USER, MAX_OPERATORS
from biohil.credentials import KINDS
from biohil.gsdk import auth_pb2, device_pb2

SILENT = {
    # "versions" (contract 5.3), with nothing to compare them with (no lab file holds them) and
    # no word on whether one may be empty
    "GetInfo.kernelVersion": "no value is documented or known in advance",
    "GetInfo.BSCoreVersion": "no value is documented or known in advance",
    "GetInfo.boardVersion": "no value is documented or known in advance",
    # the V1.2 note that a ...Supported flag means the terminal's own sensor names card, finger
    # and face only
    "GetCapabilityInfo.PINSupported": "not said to mean a keypad",
    # every other flag and count: listed in the proto without a meaning (cameraSupported,
    # faceExSupported, maxCards, maxUserNames, the card technologies, ...)
}

# Contract 5.10 (documented limits): most credentials of a kind per user, in DeviceCapability.
PER_USER = {"card": "maxCardsPerUser", "fingerprint": "maxFingerprintsPerUser", "face": "maxFacesPerUser"}
PER_USER_LIMIT = {"card": MAX_CARDS_PER_USER, "fingerprint": MAX_FINGERS_PER_USER, "face": MAX_FACES_PER_USER}
assert set(PER_USER) == {k.word for k in KINDS}
# Contract 3.1: the older tutorial tells an F2 (extended modes) by its device type.
EXTENDED_TYPES = frozenset({device_pb2.FACESTATION_F2, device_pb2.FACESTATION_F2_FP})
# Contract 3.1: "Classic AUTH_MODE_ID_* modes need a keypad device".
CLASSIC_ID_MODES = frozenset(m for m in CLASSIC_MODES if mode_name(m).startswith("AUTH_MODE_ID_"))
# The contract says "MAC" and not in which form: six hex octets, with ':', '-' or nothing between.
_MAC = re.compile(r"[0-9A-Fa-f]{2}([:-]?)(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}")


@dataclass(frozen=True)
class Profile:
    """What a terminal is known to be beyond its model name, device ID and sensors: on the
    simulator, its model's entry in the model table (a lab file holds none of it)."""

    device_type: int
    firmware: str
    keypad: bool  # PINs and user IDs can be typed
    extended_auth: bool
    modes: frozenset[int]  # the auth modes it offers
    max_users: int
    max_event_logs: int
    per_user: tuple[tuple[str, int], ...]  # (sensor word, most credentials of it per user)


@dataclass(frozen=True)
class Known:
    """What a terminal is known to be before it is asked, and where that knowledge comes from."""

    model: str | None
    device_id: int | None
    sensors: frozenset[str] | None
    profile: Profile | None
    source: str  # "lab.toml devices[0]", "the simulator's model table"


@dataclass(frozen=True)
class Mismatch:
    field: str  # "GetCapability.maxUsers"
    expected: str  # what it should be, and why
    answered: str  # what the terminal answered

    def __str__(self) -> str:
        return f"{self.field}: expected {self.expected}, the terminal answered {self.answered}"


@dataclass(frozen=True)
class Answers:
    """One round of questions: the three calls, the gateway's device list, the auth config."""

    info: device_pb2.FactoryInfo
    cap_info: device_pb2.CapabilityInfo
    cap: device_pb2.DeviceCapability
    listed_type: str | None  # the device type the gateway lists it with (None: not listed)
    auth: auth_pb2.AuthConfig

    def __repr__(self) -> str:
        return f"Answers({self.info.modelName})"


def ask(gateway: Gateway, device: Device) -> Answers:
    entry = gateway.listed(device.id)
    return Answers(
        device.info(),
        device.capability_info(),
        device.capability(),
        entry.type_name if entry is not None else None,
        device.auth_config(),
    )


def message(terminal: str, device_id: int, found: Iterable[Mismatch]) -> str:
    """One failure message: the terminal, then one line per field."""
    lines = [f"  {m}" for m in found]
    return "\n".join([f"{terminal} (device {device_id}) describes itself wrongly:", *lines])


def _type_name(value: int) -> str:
    try:
        return device_pb2.Type.Name(value)
    except ValueError:
        return str(value)


def device_id(connected: int, known: Known) -> list[Mismatch]:
    """Connect's answer (contract 5.2): the device ID, the serial number on its label."""
    if known.device_id is not None and connected != known.device_id:
        return [Mismatch("Connect.deviceID", f"{known.device_id} ({known.source})", str(connected))]
    return [] if connected else [Mismatch("Connect.deviceID", "the terminal's serial number", "0")]


def factory(info: device_pb2.FactoryInfo, known: Known) -> list[Mismatch]:
    """GetInfo (contract 5.3): the model it is known to be, a firmware version (the one the
    simulator's model table gives) and a MAC address."""
    out = []
    if known.model is not None and info.modelName != known.model:
        out.append(Mismatch("GetInfo.modelName", f"{known.model!r} ({known.source})", repr(info.modelName)))
    elif not info.modelName:
        out.append(Mismatch("GetInfo.modelName", "the terminal's model", "''"))
    profile = known.profile
    if profile is not None and info.firmwareVersion != profile.firmware:
        out.append(
            Mismatch(
                "GetInfo.firmwareVersion",
                f"{profile.firmware!r} ({known.source})",
                repr(info.firmwareVersion),
            )
        )
    elif not info.firmwareVersion:
        out.append(Mismatch("GetInfo.firmwareVersion", "the firmware's version", "''"))
    if not _MAC.fullmatch(info.MACAddr):
        out.append(Mismatch("GetInfo.MACAddr", "a MAC address (six hex octets)", repr(info.MACAddr)))
    return out


def sensors(answers: Answers, known: Known) -> list[Mismatch]:
    """The credential sensors: both capability answers name the same (contract 5.3: since V1.2
    the coarse flags mean the terminal's own sensors) and, where known, those of its model."""
    out = []
    coarse, detailed = capabilities.sensors_from_info(answers.cap_info), capabilities.sensors(answers.cap)
    for kind in KINDS:
        has = kind.word in detailed
        if (kind.word in coarse) != has:
            why = f"(as GetCapability.{kind.input_flag} says)"
            out.append(Mismatch(f"GetCapabilityInfo.{kind.info_flag}", f"{has} {why}", str(not has)))
        elif known.sensors is not None and has != (kind.word in known.sensors):
            why = f"({known.source}: {'a' if not has else 'no'} {kind.sensor})"
            out.append(Mismatch(f"GetCapability.{kind.input_flag}", f"{not has} {why}", str(has)))
    return out


def coarse_and_detailed(answers: Answers) -> list[Mismatch]:
    """GetCapabilityInfo against GetCapability and the gateway's device list: the same user
    capacity (contract 5.10 names both fields as the limit), the device type the gateway lists it
    with (2.1), and an F2's type only with the extended modes (3.1)."""
    info, cap = answers.cap_info, answers.cap
    out = []
    if info.maxNumOfUser != cap.maxUsers:
        why = "(as GetCapability.maxUsers says)"
        out.append(
            Mismatch("GetCapabilityInfo.maxNumOfUser", f"{cap.maxUsers} {why}", str(info.maxNumOfUser))
        )
    if answers.listed_type is not None and _type_name(info.type) != answers.listed_type:
        why = "(as the gateway's device list says)"
        out.append(Mismatch("GetCapabilityInfo.type", f"{answers.listed_type} {why}", _type_name(info.type)))
    if info.type in EXTENDED_TYPES and not cap.extendedAuthSupported:
        why = f"(GetCapabilityInfo.type is {_type_name(info.type)}, an F2: the extended modes)"
        out.append(Mismatch("GetCapability.extendedAuthSupported", f"True {why}", "False"))
    return out


def offered_modes(cap: device_pb2.DeviceCapability) -> frozenset[int]:
    return frozenset(m for m in CLASSIC_MODES | EXTENDED_MODES if capabilities.supports_mode(cap, m))


def modes(answers: Answers) -> list[Mismatch]:
    """The auth modes it offers (the ...Supported flags, contract 3.1): some, all of the family
    extendedAuthSupported names (the families never mix on one terminal), no classic typed-ID
    mode without a keypad, and among them every mode its auth config enables (a config the
    terminal took)."""
    cap = answers.cap
    family, other = (EXTENDED_MODES, "classic") if cap.extendedAuthSupported else (CLASSIC_MODES, "extended")
    said = f"extendedAuthSupported is {cap.extendedAuthSupported}"
    offered = offered_modes(cap)
    out = [
        Mismatch(f"GetCapability.{capability_flag(m)}", f"False ({said}: no {other} mode)", "True")
        for m in sorted(offered - family)
    ]
    if not offered & family:
        out.append(Mismatch("GetCapability's mode flags", f"at least one mode ({said})", "none"))
    if not cap.idInputSupported:
        why = "(idInputSupported is False: a typed-ID mode needs a keypad)"
        out += [
            Mismatch(f"GetCapability.{capability_flag(m)}", f"False {why}", "True")
            for m in sorted(offered & CLASSIC_ID_MODES)
        ]
    for schedule in answers.auth.authSchedules:
        mode = schedule.mode
        if mode in CLASSIC_MODES | EXTENDED_MODES and mode not in offered:
            why = f"({mode_name(mode)} is enabled in the terminal's auth config)"
            out.append(Mismatch(f"GetCapability.{capability_flag(mode)}", f"True {why}", "False"))
    return out


def limits(cap: device_pb2.DeviceCapability) -> list[Mismatch]:
    """Capacities: users and event log records at least one (contract 5.7, 5.10: the limits of
    what a terminal holds; the suite enrolls users and reads their events), credentials per user
    and operators within the documented limits (5.10)."""
    out = [
        Mismatch(f"GetCapability.{name}", "at least 1", str(getattr(cap, name)))
        for name in ("maxUsers", "maxEventLogs")
        if getattr(cap, name) < 1
    ]
    bounds = [*((PER_USER[w], PER_USER_LIMIT[w]) for w in PER_USER), ("maxOperators", MAX_OPERATORS)]
    out += [
        Mismatch(f"GetCapability.{name}", f"at most {limit} (the documented limit)", str(getattr(cap, name)))
        for name, limit in bounds
        if getattr(cap, name) > limit
    ]
    return out


def of_model(answers: Answers, known: Known) -> list[Mismatch]:
    """Against what its model is (on the simulator, the model table; nothing of it is known of a
    lab terminal, whose lab file names only model and device ID)."""
    profile, info, cap = known.profile, answers.cap_info, answers.cap
    if profile is None:
        return []
    why = f"({known.source})"
    pairs: list[tuple[str, object, object]] = [
        ("GetCapabilityInfo.type", _type_name(profile.device_type), _type_name(info.type)),
        ("GetCapability.extendedAuthSupported", profile.extended_auth, cap.extendedAuthSupported),
        ("GetCapability.PINInputSupported", profile.keypad, cap.PINInputSupported),
        ("GetCapability.idInputSupported", profile.keypad, cap.idInputSupported),
        ("GetCapability.maxUsers", profile.max_users, cap.maxUsers),
        ("GetCapability.maxEventLogs", profile.max_event_logs, cap.maxEventLogs),
        *((f"GetCapability.{PER_USER[w]}", n, getattr(cap, PER_USER[w])) for w, n in profile.per_user),
    ]
    out = [Mismatch(field, f"{want} {why}", str(got)) for field, want, got in pairs if want != got]
    offered = offered_modes(cap)
    out += [
        Mismatch(f"GetCapability.{capability_flag(m)}", f"{m in profile.modes} {why}", str(m in offered))
        for m in sorted(offered ^ profile.modes)
    ]
    return out


def drift(first: Answers, second: Answers) -> list[Mismatch]:
    """Every field of the three answers, asked twice: what a terminal is does not change between
    two questions (nothing in between changes it)."""
    out = []
    calls: list[tuple[str, Message, Message]] = [
        ("GetInfo", first.info, second.info),
        ("GetCapabilityInfo", first.cap_info, second.cap_info),
        ("GetCapability", first.cap, second.cap),
    ]
    for call, a, b in calls:
        for field in a.DESCRIPTOR.fields:
            was, now = getattr(a, field.name), getattr(b, field.name)
            if was != now:
                out.append(Mismatch(f"{call}.{field.name}", f"{was!r} (as the first answer said)", repr(now)))
    return out
