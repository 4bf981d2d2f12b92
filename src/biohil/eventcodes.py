"""Event codes a terminal writes to its log (G-SDK event_code.json, V1.8), and the QA names for them.

`EventLog.eventCode` carries the main code and `EventLog.subCode` the 8-bit detail; they are
separate fields on the wire. Only the codes the suite and the simulator use are listed.
"""

from __future__ import annotations

from enum import IntEnum

from biohil.credentials import KINDS, TYPED_FAIL_SUB, Input


class Code(IntEnum):
    VERIFY_SUCCESS = 0x1000
    VERIFY_FAIL = 0x1100
    VERIFY_DURESS = 0x1200
    IDENTIFY_SUCCESS = 0x1300
    IDENTIFY_FAIL = 0x1400
    IDENTIFY_DURESS = 0x1500
    AUTH_FAILED = 0x1800
    ACCESS_DENIED = 0x1900
    USER_ENROLL_SUCCESS = 0x2000
    USER_ENROLL_FAIL = 0x2100
    USER_UPDATE_SUCCESS = 0x2200
    USER_UPDATE_FAIL = 0x2300
    USER_DELETE_SUCCESS = 0x2400
    USER_DELETE_FAIL = 0x2500
    USER_DELETE_ALL_SUCCESS = 0x2600
    USER_DUPLICATE_CREDENTIAL = 0x2800
    DEVICE_SYSTEM_STARTED = 0x3100  # back from a restart
    DEVICE_UI_LOCKED = 0x3700
    DEVICE_UI_UNLOCKED = 0x3800
    DEVICE_TCP_CONNECTED = 0x3B00
    DEVICE_TCP_DISCONNECTED = 0x3C00
    DEVICE_EVENT_LOG_CLEARED = 0x4200
    DEVICE_FIRMWARE_UPGRADED = 0x4300
    DEVICE_CONFIG_RESET = 0x4500  # the network configuration included
    DEVICE_DATABASE_RESET = 0x4501
    DEVICE_FACTORY_RESET = 0x4502
    DEVICE_CONFIG_RESET_EX = 0x4503  # the network configuration kept


class AuthFailed(IntEnum):
    """Sub-codes of 0x1800 AUTH_FAILED (V1.8 table)."""

    INVALID_AUTH_MODE = 0x01
    INVALID_CREDENTIAL = 0x02
    TIMEOUT = 0x03
    MATCHING_REFUSAL = 0x04


class AccessDenied(IntEnum):
    """Sub-codes of 0x1900 ACCESS_DENIED (V1.8 table; those a terminal logs for the suite)."""

    ACCESS_GROUP = 0x01
    DISABLED = 0x02
    EXPIRED = 0x03
    ON_BLACKLIST = 0x04


class UserChangeOrigin(IntEnum):
    """Sub-codes of the user enroll/update/delete events (V1.8 table)."""

    BY_SERVER = 0x01
    BY_DEVICE = 0x02


# The words QA uses in Gherkin for an event, mapped to its main code.
QA_NAMES: dict[str, Code] = {
    "user enrolled": Code.USER_ENROLL_SUCCESS,
    "user updated": Code.USER_UPDATE_SUCCESS,
    "user deleted": Code.USER_DELETE_SUCCESS,
    "all users deleted": Code.USER_DELETE_ALL_SUCCESS,
    "verify success": Code.VERIFY_SUCCESS,
    "verify failure": Code.VERIFY_FAIL,
    "identify success": Code.IDENTIFY_SUCCESS,
    "identify failure": Code.IDENTIFY_FAIL,
    "verify duress": Code.VERIFY_DURESS,
    "identify duress": Code.IDENTIFY_DURESS,
    "authentication failure": Code.AUTH_FAILED,
    "access denied": Code.ACCESS_DENIED,
    "duplicate credential": Code.USER_DUPLICATE_CREDENTIAL,
    "gateway connected": Code.DEVICE_TCP_CONNECTED,
    "gateway disconnected": Code.DEVICE_TCP_DISCONNECTED,
}


# Sub-codes (contract 4.2), keyed by the credentials used, in order, in QA's words.
# A granted 1:1 verify (card or typed ID first):
VERIFY_SUB: dict[tuple[str, ...], int] = {
    ("ID", "PIN"): 0x01,
    ("ID", "fingerprint"): 0x02,
    ("ID", "fingerprint", "PIN"): 0x03,
    ("ID", "face"): 0x04,
    ("ID", "face", "PIN"): 0x05,
    ("card", "PIN"): 0x07,
    ("card", "fingerprint"): 0x08,
    ("card", "fingerprint", "PIN"): 0x09,
    ("card", "face"): 0x0A,
    ("card", "face", "PIN"): 0x0B,
    ("card", "face", "fingerprint"): 0x10,
    ("card", "fingerprint", "face"): 0x11,
    ("ID", "face", "fingerprint"): 0x12,
    ("ID", "fingerprint", "face"): 0x13,
}
# A granted 1:N identify (fingerprint or face first):
IDENTIFY_SUB: dict[tuple[str, ...], int] = {
    ("fingerprint", "PIN"): 0x02,
    ("face", "PIN"): 0x04,
    ("face", "fingerprint"): 0x05,
    ("face", "fingerprint", "PIN"): 0x06,
    ("fingerprint", "face"): 0x07,
    ("fingerprint", "face", "PIN"): 0x08,
}
# A grant by one credential alone, and the credential that failed (verify / identify failure,
# duplicate credential): the kinds' own sub-codes (biohil.credentials).
VERIFY_SUB |= {(k.word,): k.grant_sub for k in KINDS if not k.identifies}
IDENTIFY_SUB |= {(k.word,): k.grant_sub for k in KINDS if k.identifies}
CREDENTIAL_SUB: dict[str, int] = {
    "ID": TYPED_FAIL_SUB[Input.USER_ID],
    "PIN": TYPED_FAIL_SUB[Input.PIN],
    **{k.word: k.fail_sub for k in KINDS},
}

# How a terminal logs a grant by one credential alone: card = 1:1 verify, biometrics = 1:N identify.
GRANT_BY: dict[str, tuple[Code, int]] = {
    k.word: (Code.IDENTIFY_SUCCESS if k.identifies else Code.VERIFY_SUCCESS, k.grant_sub) for k in KINDS
}

# How a terminal logs a credential nobody has, presented first.
REFUSED_UNREGISTERED: dict[str, tuple[Code, int]] = {
    k.word: (Code.IDENTIFY_FAIL if k.identifies else Code.VERIFY_FAIL, k.fail_sub) for k in KINDS
}


def is_auth_outcome(code: int) -> bool:
    """The end of an authentication attempt (verify, identify, dual auth, auth failed, access denied)."""
    return 0x1000 <= code <= 0x19FF


def code_for(qa_name: str) -> Code:
    """The main code for a QA event name, or a ValueError that lists the known names."""
    try:
        return QA_NAMES[qa_name]
    except KeyError:
        known = ", ".join(f'"{n}"' for n in QA_NAMES)
        raise ValueError(f'unknown event name "{qa_name}"; known names: {known}') from None


def describe(code: int, sub_code: int | None = None) -> str:
    """Readable form for messages: 'USER_ENROLL_SUCCESS (0x2000)' or '... (0x2000/0x01)'."""
    try:
        name = Code(code).name
    except ValueError:
        name = "UNKNOWN"
    sub = "" if sub_code is None else f"/0x{sub_code:02X}"
    return f"{name} (0x{code:04X}{sub})"


_GRANTED = (Code.VERIFY_SUCCESS, Code.IDENTIFY_SUCCESS, Code.VERIFY_DURESS, Code.IDENTIFY_DURESS)
_FACTORS = {
    Code.VERIFY_SUCCESS: {sub: words for words, sub in VERIFY_SUB.items()},
    Code.VERIFY_DURESS: {sub: words for words, sub in VERIFY_SUB.items()},
    Code.IDENTIFY_SUCCESS: {sub: words for words, sub in IDENTIFY_SUB.items()},
    Code.IDENTIFY_DURESS: {sub: words for words, sub in IDENTIFY_SUB.items()},
}
_CREDENTIAL = {sub: word for word, sub in CREDENTIAL_SUB.items()}
_REFUSED: dict[tuple[int, int], str] = {
    (
        Code.AUTH_FAILED,
        AuthFailed.INVALID_AUTH_MODE,
    ): "that credential is not one the terminal's modes accept here",
    (Code.AUTH_FAILED, AuthFailed.TIMEOUT): "the next factor did not come within the auth timeout",
    (Code.AUTH_FAILED, AuthFailed.MATCHING_REFUSAL): "the terminal refused to match",
    (Code.ACCESS_DENIED, AccessDenied.ACCESS_GROUP): "the user's access groups do not allow it",
    (Code.ACCESS_DENIED, AccessDenied.DISABLED): "the user is disabled",
    (Code.ACCESS_DENIED, AccessDenied.EXPIRED): "the user's validity has expired",
}


def explain(code: int, sub_code: int, user_id: str) -> str:
    """An attempt's outcome in QA words, with the raw codes: 'granted to user 900001 by card +
    face (VERIFY_SUCCESS 0x1000/0x0A)', 'refused: no user has this card (...)'."""
    raw = "(" + describe(code, sub_code).replace(" (", " ").rstrip(")") + ")"  # (NAME 0x1000/0x06)
    if code in _GRANTED:
        by = " + ".join(_FACTORS[Code(code)].get(sub_code, ("an unknown combination",)))
        duress = " under duress" if code in (Code.VERIFY_DURESS, Code.IDENTIFY_DURESS) else ""
        return f"granted to user {user_id}{duress} by {by} {raw}"
    if code in (Code.VERIFY_FAIL, Code.IDENTIFY_FAIL):
        what = _CREDENTIAL.get(sub_code, "credential")
        why = f"the {what} is not user {user_id}'s" if user_id else f"no user has this {what}"
        return f"refused: {why} {raw}"
    reason = _REFUSED.get((code, sub_code))
    if reason is not None:
        return f"refused: {reason} {raw}"
    return f"the terminal logged {raw}"


def took_every_factor(code: int) -> bool:
    """The terminal authenticated the user (granted, under duress or not, or denied access after
    it): it had every factor of the sequence. A refusal may come before the last one."""
    return code in (
        Code.VERIFY_SUCCESS,
        Code.IDENTIFY_SUCCESS,
        Code.VERIFY_DURESS,
        Code.IDENTIFY_DURESS,
        Code.ACCESS_DENIED,
    )


def is_auth_timeout(code: int, sub_code: int) -> bool:
    """The attempt ended because its next factor did not come in time."""
    return (code, sub_code) == (Code.AUTH_FAILED, AuthFailed.TIMEOUT)
