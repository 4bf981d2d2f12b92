"""Checks a terminal applies to what the gateway sends it, before anything is stored.

Each check raises SimError(INVALID_ARGUMENT, ...) naming the field and the allowed values.
Readings of undocumented behaviour are marked "Inferred" and listed in src/biohil/simulator/README.md.
"""

from __future__ import annotations

from biohil.authmodes import mode_name
from biohil.gsdk import auth_pb2, card_pb2, face_pb2, finger_pb2, user_pb2
from biohil.simulator.errors import invalid
from biohil.simulator.models import DeviceModel

MAX_USER_ID = 0xFFFFFFFF
MAX_NAME_CHARS = 48
MAX_PIN_BYTES = 32  # the stored PIN is a 32-byte hash
FINGER_TEMPLATES_PER_FINGER = 2
MAX_FINGER_TEMPLATE_BYTES = card_pb2.DEFAULT_TEMPLATE_SIZE
MAX_FACE_TEMPLATE_BYTES = card_pb2.FACE_TEMPLATE_SIZE
MAX_CARD_BYTES = 32
MAX_OPERATORS = 10
ALWAYS_SCHEDULE = 1  # schedule ID 1 is the predefined "Always"; 0 is not a schedule
NOT_SET, PROHIBITED = auth_pb2.AUTH_MODE_NONE, auth_pb2.AUTH_MODE_PROHIBITED

# UserSetting field -> the modes that field may hold (contract 3.1).
CLASSIC_USER_FIELDS = {
    "biometricAuthMode": range(0, 2),
    "cardAuthMode": range(2, 7),
    "IDAuthMode": range(7, 11),
}
EXTENDED_USER_FIELDS = {
    "faceAuthExtMode": range(11, 16),
    "fingerAuthExtMode": range(16, 21),
    "cardAuthExtMode": range(21, 36),
    "IDAuthExtMode": range(36, 50),
}


def user_id(raw: str) -> str:
    """Inferred: with alphanumeric IDs off (the default), an ID is a canonical decimal 1..2^32-1."""
    if not raw:
        raise invalid("user ID is empty; use a decimal number such as 900001")
    if not raw.isascii() or not raw.isdigit() or raw.startswith("0") or int(raw) > MAX_USER_ID:
        raise invalid(
            f'user ID "{raw[:40]}" is not valid; use a decimal number from 1 to {MAX_USER_ID} '
            "without leading zeros"
        )
    return raw


def pin(raw: str) -> str:
    """Inferred: a PIN is 4 to 16 digits (a keypad has digits only; a PIN is 16 bytes at most)."""
    if not (raw.isascii() and raw.isdigit() and 4 <= len(raw) <= 16):
        raise invalid("PIN must be 4 to 16 digits")
    return raw


def user_ids(raw: list[str], what: str) -> list[str]:
    if not raw:
        raise invalid(f"{what}: userIDs is empty; name at least one user")
    ids = [user_id(u) for u in raw]
    if len(set(ids)) != len(ids):
        raise invalid(f"{what}: userIDs lists the same user more than once")
    return ids


def user_setting(setting: user_pb2.UserSetting, present: bool, model: DeviceModel) -> user_pb2.UserSetting:
    """Normalise a user's auth modes for storage.

    Inferred: an absent setting means "device defaults" (every mode 0xFF, as users created at a
    terminal come back). A present field of the terminal's family holds a mode of that field, 0xFE
    (prohibited) or 0xFF (use the device config); 0 in a field whose family has no mode 0 is the
    proto default and also means 0xFF. The other family's fields must be 0 or 0xFF.
    """
    if setting.startTime and setting.endTime and setting.startTime > setting.endTime:
        raise invalid(f"user setting: startTime {setting.startTime} is after endTime {setting.endTime}")
    if setting.securityLevel not in user_pb2.SecurityLevel.values():
        raise invalid(f"user setting: securityLevel {setting.securityLevel} is not 0..5")
    out = user_pb2.UserSetting()
    out.CopyFrom(setting)
    own, other = (
        (EXTENDED_USER_FIELDS, CLASSIC_USER_FIELDS)
        if model.extended_auth
        else (CLASSIC_USER_FIELDS, EXTENDED_USER_FIELDS)
    )
    for field, allowed in own.items():
        value = getattr(setting, field) if present else NOT_SET
        if value == 0 and 0 not in allowed:
            value = NOT_SET
        if value not in allowed and value not in (NOT_SET, PROHIBITED):
            raise invalid(
                f"user setting: {field}={value} ({mode_name(value)}) is not allowed; use one of "
                f"{allowed.start}..{allowed.stop - 1}, 254 (prohibited) or 255 (device modes)"
            )
        setattr(out, field, value)
    family = "extended (F2-class)" if not model.extended_auth else "classic"
    for field in other:
        value = getattr(setting, field)
        if value not in (0, NOT_SET):
            raise invalid(
                f"user setting: {field}={value} is a {family} mode, which {model.name} does not use; "
                f"set the {'extended' if model.extended_auth else 'classic'} fields instead"
            )
        setattr(out, field, NOT_SET)
    return out


def user_info(user: user_pb2.UserInfo, model: DeviceModel) -> None:
    """Reject a UserInfo the terminal could not store, naming the offending part."""
    uid = user_id(user.hdr.ID)
    if len(user.name) > MAX_NAME_CHARS:
        raise invalid(f"user {uid}: name has {len(user.name)} characters, at most {MAX_NAME_CHARS}")
    if len(user.PIN) > MAX_PIN_BYTES:
        raise invalid(f"user {uid}: PIN has {len(user.PIN)} bytes, at most {MAX_PIN_BYTES} (a hash)")
    cards(uid, list(user.cards), model)
    fingers(uid, list(user.fingers), model)
    faces(uid, list(user.faces), model)


def _count(uid: str, what: str, n: int, limit: int, sensor: bool, model: DeviceModel) -> None:
    if n and not sensor:
        raise invalid(f"user {uid}: {model.name} has no {what} sensor, so it cannot store {what} data")
    if n > limit:
        raise invalid(f"user {uid}: {n} {what} credentials, {model.name} stores at most {limit}")


def cards(uid: str, items: list[card_pb2.CSNCardData], model: DeviceModel) -> None:
    _count(uid, "card", len(items), model.max_cards_per_user, model.card, model)
    for i, c in enumerate(items):
        if not c.data or len(c.data) > MAX_CARD_BYTES:
            raise invalid(f"user {uid}: card {i} has {len(c.data)} data bytes, expected 1..{MAX_CARD_BYTES}")


def fingers(uid: str, items: list[finger_pb2.FingerData], model: DeviceModel) -> None:
    _count(uid, "fingerprint", len(items), model.max_fingers_per_user, model.fingerprint, model)
    for i, f in enumerate(items):
        if len(f.templates) != FINGER_TEMPLATES_PER_FINGER:
            raise invalid(
                f"user {uid}: finger {i} has {len(f.templates)} templates; a finger needs exactly "
                f"{FINGER_TEMPLATES_PER_FINGER} scans of the same finger"
            )
        for t in f.templates:
            if not t or len(t) > MAX_FINGER_TEMPLATE_BYTES:
                raise invalid(
                    f"user {uid}: finger {i} has a {len(t)}-byte template, "
                    f"expected 1..{MAX_FINGER_TEMPLATE_BYTES}"
                )


def faces(uid: str, items: list[face_pb2.FaceData], model: DeviceModel) -> None:
    _count(uid, "face", len(items), model.max_faces_per_user, model.face, model)
    for i, f in enumerate(items):
        if not f.templates:
            raise invalid(f"user {uid}: face {i} has no templates")
        visual = bool(f.flag & face_pb2.BS2_FACE_FLAG_EX)
        if visual != model.extended_auth:
            kind = "visual (BS2_FACE_FLAG_EX)" if visual else "infrared"
            raise invalid(f"user {uid}: face {i} holds {kind} face data, which {model.name} cannot use")
        if any(not t or len(t) > MAX_FACE_TEMPLATE_BYTES for t in (*f.templates, *f.irTemplates)):
            raise invalid(f"user {uid}: face {i} has a template outside 1..{MAX_FACE_TEMPLATE_BYTES} bytes")


def auth_config(config: auth_pb2.AuthConfig, model: DeviceModel) -> None:
    """Reject an AuthConfig the terminal would not accept (modes of the other family, bad timeouts)."""
    for entry in config.authSchedules:
        if entry.mode not in model.supported_modes:
            family = "extended AUTH_EXT_MODE_*" if model.extended_auth else "classic AUTH_MODE_*"
            raise invalid(
                f"auth config: mode {entry.mode} ({mode_name(entry.mode)}) is not accepted by "
                f"{model.name}, which uses the {family} modes"
            )
        if entry.scheduleID != ALWAYS_SCHEDULE:
            raise invalid(
                f"auth config: schedule {entry.scheduleID} for {mode_name(entry.mode)} does not exist "
                f"on the terminal; use {ALWAYS_SCHEDULE} (Always)"
            )
    _in_range("matchTimeout", config.matchTimeout, auth_pb2.MIN_MATCH_TIMEOUT, auth_pb2.MAX_MATCH_TIMEOUT)
    _in_range("authTimeout", config.authTimeout, auth_pb2.MIN_AUTH_TIMEOUT, auth_pb2.MAX_AUTH_TIMEOUT)
    if len(config.operators) > MAX_OPERATORS:
        raise invalid(f"auth config: {len(config.operators)} operators, at most {MAX_OPERATORS}")


def _in_range(field: str, value: int, low: int, high: int) -> None:
    """Inferred: the terminal refuses timeouts outside the auth.Enum MIN/MAX values (0 included)."""
    if not low <= value <= high:
        raise invalid(f"auth config: {field}={value} s is out of range; use {low}..{high} s")
