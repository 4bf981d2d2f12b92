"""Checks a terminal applies to what the gateway sends it, before anything is stored.

Each check raises SimError(INVALID_ARGUMENT, ...) naming the field and the allowed values.
Readings of undocumented behaviour are marked "Inferred" and listed in src/biohil/simulator/README.md.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from biohil.authmodes import CLASSIC_MODES, EXTENDED_MODES, inputs_lacking, mode_name
from biohil.contract import ALWAYS_SCHEDULE as ALWAYS_SCHEDULE  # also read as validation.ALWAYS_SCHEDULE
from biohil.contract import MAX_OPERATORS
from biohil.credentials import own_mode_fields
from biohil.gsdk import auth_pb2, card_pb2, face_pb2, finger_pb2, tna_pb2, user_pb2
from biohil.simulator.errors import invalid

if TYPE_CHECKING:  # models reads its rules from firmware, which reads these checks' constants
    from biohil.simulator.models import DeviceModel

MAX_USER_ID = 0xFFFFFFFF
MAX_USER_ID_DIGITS = len(str(MAX_USER_ID))  # checked before int(): Python refuses 4,300+ digits
MAX_NAME_CHARS = 48
PIN_HASH_BYTES = 32  # UserInfo.PIN is the 32-byte hash GetPINHash returns, never the digits
MAX_PIN_DIGITS = 16
MAX_PHOTO_BYTES = 16 * 1024
MAX_ACCESS_GROUPS = user_pb2.MAX_ACCESS_GROUPS
MAX_JOB_CODES = user_pb2.MAX_JOB_CODES
MAX_JOB_LABEL_CHARS = user_pb2.MAX_JOB_LABEL_LENGTH
USER_FLAGS = user_pb2.USER_FLAG_ALL  # UserHdr.userFlag: bits of the UserFlag enum only
FINGER_FLAGS = finger_pb2.BS2_FINGER_FLAG_DURESS
FACE_FLAGS = face_pb2.BS2_FACE_FLAG_WARPED | face_pb2.BS2_FACE_FLAG_TEMPLATE_ONLY | face_pb2.BS2_FACE_FLAG_EX
MAX_IR_FACE_TEMPLATES = 30  # an infrared terminal's FaceData (contract 5.6)
MAX_VISUAL_FACE_TEMPLATES = 10  # a visual one's, and as many irTemplates
MAX_FACE_IMAGE_BYTES = 64 * 1024
MAX_SHOWN_CHARS = 40  # of a client's string quoted back in a message
MAX_USER_ID_BYTES = 32  # what a person can type as an ID (UserHdr.ID is at most 32 bytes)
MAX_ADDRESS_CHARS = 253  # ConnectInfo.IPAddr: an IP address or a DNS name
MAX_EVENT_CODE, MAX_SUB_CODE = 0xFFFF, 0xFF  # a terminal's event codes are 16 bits, sub-codes 8
MAX_METHOD_CHARS = 200  # control API: a gateway method's path
MAX_FAULT_MESSAGE_CHARS = 500  # control API: an injected fault's status message
FINGER_TEMPLATES_PER_FINGER = 2
MAX_FINGER_TEMPLATE_BYTES = card_pb2.DEFAULT_TEMPLATE_SIZE
MAX_FACE_TEMPLATE_BYTES = card_pb2.FACE_TEMPLATE_SIZE
MAX_CARD_BYTES = 32
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
# The same fields as the credential vocabulary names them (one list of names, checked here).
assert set(CLASSIC_USER_FIELDS) == set(own_mode_fields(False).values())
assert set(EXTENDED_USER_FIELDS) == set(own_mode_fields(True).values())


def shown(raw: str, limit: int = MAX_SHOWN_CHARS) -> str:
    """A client's string as a message quotes it: cut to `limit` characters, anything that is
    not printable escaped, so a message never carries a control character or a megabyte."""
    out = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in raw[:limit])
    return out if len(raw) <= limit else f"{out}... ({len(raw):,} characters)"


def _unfit_char(c: str) -> bool:
    """C0 and C1 controls and DEL (Cc), lone surrogates, line/paragraph separators, noncharacters."""
    code = ord(c)
    return (
        unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp")
        or 0xFDD0 <= code <= 0xFDEF
        or code & 0xFFFE == 0xFFFE
    )


def text(raw: str, field: str, max_chars: int) -> str:
    """Inferred: a string a terminal stores or shows (a name, a label) is printable text of at
    most `max_chars` characters: no control character, no invalid code point."""
    if len(raw) > max_chars:
        raise invalid(f"{field} has {len(raw):,} characters, at most {max_chars}")
    bad = next((i for i, c in enumerate(raw) if _unfit_char(c)), None)
    if bad is not None:
        raise invalid(
            f'{field} "{shown(raw)}" holds U+{ord(raw[bad]):04X} at position {bad}; '
            "use printable characters (no control characters)"
        )
    return raw


def user_id(raw: str, field: str = "user ID") -> str:
    """Inferred: with alphanumeric IDs off (the default), an ID is a canonical decimal 1..2^32-1.

    The length is checked before int(): Python refuses to convert 4,300 digits or more.
    """
    if not raw:
        raise invalid(f"{field} is empty; use a decimal number such as 900001")
    if (
        len(raw) > MAX_USER_ID_DIGITS
        or not raw.isascii()
        or not raw.isdigit()
        or raw.startswith("0")
        or int(raw) > MAX_USER_ID
    ):
        what = "" if field.endswith("user ID") else " (a user ID)"
        raise invalid(
            f'{field} "{shown(raw)}"{what} is not valid; use a decimal number from 1 to {MAX_USER_ID} '
            "without leading zeros"
        )
    return raw


def typed_user_id(raw: str, field: str) -> str:
    """What a person types as a user ID: 1 to 32 digits. Whether such a user exists (or an ID
    with leading zeros can) is the terminal's to find out, as at a real keypad."""
    if not (0 < len(raw) <= MAX_USER_ID_BYTES and raw.isascii() and raw.isdigit()):
        raise invalid(f'{field} "{shown(raw)}" is not 1 to {MAX_USER_ID_BYTES} digits (0-9)')
    return raw


def event_code(code: int, sub_code: int, what: str) -> None:
    """Inferred: an event code fits the terminal's 16 bits, a sub-code 8 bits."""
    if not 0 <= code <= MAX_EVENT_CODE:
        raise invalid(f"{what}: eventCode {code} is out of range; use 0x0001..0x{MAX_EVENT_CODE:04X}")
    if not 0 <= sub_code <= MAX_SUB_CODE:
        raise invalid(f"{what}: subCode {sub_code} is out of range; use 0..{MAX_SUB_CODE}")


def pin(raw: str) -> str:
    """Inferred: a PIN is 4 to 16 digits (a keypad has digits only; a PIN is 16 bytes at most)."""
    if not (4 <= len(raw) <= MAX_PIN_DIGITS and raw.isascii() and raw.isdigit()):
        raise invalid(f"PIN must be 4 to {MAX_PIN_DIGITS} digits")
    return raw


def user_ids(raw: list[str], what: str, field: str = "userIDs[{i}]") -> list[str]:
    """A list of user IDs naming each user once; `field` names an entry ({i} is its index)."""
    if not raw:
        raise invalid(f"{what}: {field.split('[', 1)[0]} is empty; name at least one user")
    ids = [user_id(u, f"{what}: {field.format(i=i)}") for i, u in enumerate(raw)]
    if len(set(ids)) != len(ids):
        raise invalid(f"{what}: {field.split('[', 1)[0]} lists the same user more than once")
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
        if value in allowed and value not in model.supported_modes:
            raise invalid(f"user setting: {field}={value} ({mode_name(value)}) {_lacks(value, model)}")
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


def access_groups(ids: list[int], field: str) -> None:
    """Inferred: at most 16 (contract 5.10), each from 1 and listed once. The terminal holds no
    access group definitions (a door controller's, not simulated), so any such ID is taken."""
    if len(ids) > MAX_ACCESS_GROUPS:
        raise invalid(f"{field} has {len(ids):,} IDs, at most {MAX_ACCESS_GROUPS}")
    if 0 in ids:
        raise invalid(f"{field}[{ids.index(0)}] is 0, which names no access group; use 1 or above")
    if len(set(ids)) != len(ids):
        repeated = next(g for g in ids if ids.count(g) > 1)
        raise invalid(f"{field} lists access group {repeated} more than once")


def job_codes(jobs: list[tna_pb2.JobCode], field: str) -> None:
    """Inferred: at most 16 (contract 5.10), each code from 1 and listed once, a printable label
    of at most 48 characters."""
    if len(jobs) > MAX_JOB_CODES:
        raise invalid(f"{field} has {len(jobs):,} job codes, at most {MAX_JOB_CODES}")
    codes = [job.code for job in jobs]
    for j, job in enumerate(jobs):
        if job.code == 0:
            raise invalid(f"{field}[{j}].code is 0, which is no job code; use 1 or above")
        text(job.label, f"{field}[{j}].label", MAX_JOB_LABEL_CHARS)
    if len(set(codes)) != len(codes):
        repeated = next(c for c in codes if codes.count(c) > 1)
        raise invalid(f"{field} lists job code {repeated} more than once")


def user_info(user: user_pb2.UserInfo, model: DeviceModel, field: str = "user") -> None:
    """Reject a UserInfo the terminal could not store, naming the offending part (`field` names
    the UserInfo in its request, e.g. "Enroll: users[2]")."""
    uid = user_id(user.hdr.ID, f"{field}.hdr.ID")
    if user.hdr.userFlag & ~USER_FLAGS:
        raise invalid(
            f"user {uid}: hdr.userFlag 0x{user.hdr.userFlag:X} has bits outside UserFlag (0x{USER_FLAGS:X})"
        )
    text(user.name, f"user {uid}: name", MAX_NAME_CHARS)
    if user.PIN and len(user.PIN) != PIN_HASH_BYTES:
        raise invalid(
            f"user {uid}: PIN has {len(user.PIN)} bytes; send the {PIN_HASH_BYTES}-byte hash "
            "GetPINHash returns (or no PIN)"
        )
    if len(user.photo) > MAX_PHOTO_BYTES:
        raise invalid(f"user {uid}: photo has {len(user.photo):,} bytes, at most {MAX_PHOTO_BYTES:,}")
    if user.accessGroupIDs:  # most users have none: no list is built for them
        access_groups(list(user.accessGroupIDs), f"{field}.accessGroupIDs")
    if user.jobCodes:
        job_codes(list(user.jobCodes), f"{field}.jobCodes")
    cards(uid, list(user.cards), model)
    fingers(uid, list(user.fingers), model)
    faces(uid, list(user.faces), model)


_FIELD = {"card": "cards", "fingerprint": "fingers", "face": "faces"}  # UserInfo's field of each


def _count(uid: str, what: str, n: int, limit: int, sensor: bool, model: DeviceModel) -> None:
    field = _FIELD.get(what, what)
    if n and not sensor:
        raise invalid(
            f"user {uid}: {field}: {model.name} has no {what} sensor, so it cannot store {what} data"
        )
    if n > limit:
        raise invalid(f"user {uid}: {field}: {n} {what} credentials, {model.name} stores at most {limit}")


def cards(uid: str, items: list[card_pb2.CSNCardData], model: DeviceModel) -> None:
    _count(uid, "card", len(items), model.max_cards_per_user, model.card, model)
    for i, c in enumerate(items):
        if not c.data or len(c.data) > MAX_CARD_BYTES:
            raise invalid(f"user {uid}: card {i} has {len(c.data)} data bytes, expected 1..{MAX_CARD_BYTES}")
        if c.type not in card_pb2.Type.values():
            raise invalid(
                f"user {uid}: card {i} type {c.type} is not a card.Type: {enum_values(card_pb2.Type)}"
            )
        if not 0 <= c.size <= MAX_CARD_BYTES:  # Inferred: 0 (unset) or the data's size, 32 from a scan
            raise invalid(f"user {uid}: card {i} size {c.size} is out of range 0..{MAX_CARD_BYTES}")


def fingers(uid: str, items: list[finger_pb2.FingerData], model: DeviceModel) -> None:
    _count(uid, "fingerprint", len(items), model.max_fingers_per_user, model.fingerprint, model)
    for i, f in enumerate(items):
        if f.flag & ~FINGER_FLAGS:
            raise invalid(f"user {uid}: finger {i} flag {f.flag} is not 0 or 1 (BS2_FINGER_FLAG_DURESS)")
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
        if f.flag & ~FACE_FLAGS:
            raise invalid(
                f"user {uid}: face {i} flag 0x{f.flag:X} has bits outside FaceFlag (WARPED 0x1, "
                "TEMPLATE_ONLY 0x20, EX 0x100)"
            )
        visual = bool(f.flag & face_pb2.BS2_FACE_FLAG_EX)
        if visual != model.extended_auth:
            kind = "visual (BS2_FACE_FLAG_EX)" if visual else "infrared"
            raise invalid(f"user {uid}: face {i} holds {kind} face data, which {model.name} cannot use")
        most, most_ir = (
            (MAX_VISUAL_FACE_TEMPLATES, MAX_VISUAL_FACE_TEMPLATES) if visual else (MAX_IR_FACE_TEMPLATES, 0)
        )
        if len(f.templates) > most or len(f.irTemplates) > most_ir:
            raise invalid(
                f"user {uid}: face {i} has {len(f.templates):,} templates and {len(f.irTemplates):,} "
                f"irTemplates; {'visual' if visual else 'infrared'} face data holds at most {most} "
                f"and {most_ir}"
            )
        if any(not t or len(t) > MAX_FACE_TEMPLATE_BYTES for t in (*f.templates, *f.irTemplates)):
            raise invalid(f"user {uid}: face {i} has a template outside 1..{MAX_FACE_TEMPLATE_BYTES} bytes")
        for name, image in (("imageData", f.imageData), ("irImageData", f.irImageData)):
            if len(image) > MAX_FACE_IMAGE_BYTES:
                raise invalid(
                    f"user {uid}: face {i} {name} has {len(image):,} bytes, at most {MAX_FACE_IMAGE_BYTES:,}"
                )


def auth_config(config: auth_pb2.AuthConfig, model: DeviceModel, check_timeouts: bool = True) -> None:
    """Reject an AuthConfig the terminal would not accept (modes of the other family, bad timeouts)."""
    entries = [(e.mode, e.scheduleID) for e in config.authSchedules]
    if len(set(entries)) != len(entries):
        # Inferred: an exact repeat is a client's mistake (open question 9 is about other modes).
        raise invalid("auth config: authSchedules lists the same mode and schedule more than once")
    for field, value, enum in (
        ("globalAPBFailAction", config.globalAPBFailAction, auth_pb2.GlobalAPBFailActionType),
        ("faceDetectionLevel", config.faceDetectionLevel, auth_pb2.FaceDetectionLevel),
    ):
        if value not in enum.values():
            raise invalid(f"auth config: {field} {value} is not one of {enum_values(enum)}")
    for entry in config.authSchedules:
        if entry.mode not in model.supported_modes:
            raise invalid(
                f"auth config: mode {entry.mode} ({mode_name(entry.mode)}) {_lacks(entry.mode, model)}"
            )
        if entry.scheduleID != ALWAYS_SCHEDULE:
            raise invalid(
                f"auth config: schedule {entry.scheduleID} for {mode_name(entry.mode)} does not exist "
                f"on the terminal; use {ALWAYS_SCHEDULE} (Always)"
            )
    if check_timeouts:  # reading auth_config_timeouts
        _in_range("matchTimeout", config.matchTimeout, auth_pb2.MIN_MATCH_TIMEOUT, auth_pb2.MAX_MATCH_TIMEOUT)
        _in_range("authTimeout", config.authTimeout, auth_pb2.MIN_AUTH_TIMEOUT, auth_pb2.MAX_AUTH_TIMEOUT)
    if len(config.operators) > MAX_OPERATORS:
        raise invalid(f"auth config: {len(config.operators)} operators, at most {MAX_OPERATORS}")
    for i, op in enumerate(config.operators):
        user_id(op.userID, f"auth config: operators[{i}].userID")
        if op.level not in auth_pb2.OperatorLevel.values():
            raise invalid(
                f"auth config: operators[{i}].level {op.level} is not one of "
                f"{enum_values(auth_pb2.OperatorLevel)}"
            )


def enum_values(enum: Any) -> str:
    """An enum's values for a message: 'A (0), B (1), C (2)', or only the numbers of a long one."""
    items = list(enum.items())
    if len(items) > 4:
        return ", ".join(str(number) for _, number in items)
    return ", ".join(f"{name} ({number})" for name, number in items)


def _lacks(mode: int, model: DeviceModel) -> str:
    """Why the model does not take a mode: the other family, or an input it does not have."""
    family = EXTENDED_MODES if model.extended_auth else CLASSIC_MODES
    lacking = inputs_lacking(mode, model.inputs) if mode in family else []
    if lacking:
        return f"needs a {' and a '.join(lacking)}, which {model.name} does not have"
    kind = "extended AUTH_EXT_MODE_*" if model.extended_auth else "classic AUTH_MODE_*"
    return f"is not accepted by {model.name}, which uses the {kind} modes"


def _in_range(field: str, value: int, low: int, high: int) -> None:
    """Inferred: the terminal refuses timeouts outside the auth.Enum MIN/MAX values (0 included)."""
    if not low <= value <= high:
        raise invalid(f"auth config: {field}={value} s is out of range; use {low}..{high} s")
