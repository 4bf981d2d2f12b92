"""The rules a simulated terminal's firmware follows, as one value: `Firmware`.

Where the contract gives a table (the sub-codes of 4.3, the UserSetting field of a user's own
mode) or leaves a choice (how a mode's name reads as steps, how a user's own mode combines with
the device's modes, how long an attempt may take, when a user may enter, how a log filter
matches), the table or the choice is a field here. A terminal takes its model's rules when it
starts (`DeviceModel.rules`, `SimDevice.rules`); its auth engine, roster and event log consult
them and hold no rule of their own.

STANDARD is the contract as this simulator reads it by default, the same for every simulated
model. Other rules are STANDARD with fields replaced (`dataclasses.replace`): a planted firmware
bug is one (bench/mutants.py); a reading's other value (biohil.readings) is another
(`with_readings`: the fields each reading decides are in READ_BY).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from biohil import eventcodes
from biohil.authmodes import mode_name
from biohil.contract import ALWAYS_SCHEDULE
from biohil.credentials import KINDS, Input, own_mode_fields
from biohil.eventcodes import AccessDenied, AuthFailed, Code, UserChangeOrigin
from biohil.gsdk import auth_pb2, event_pb2, user_pb2
from biohil.readings import Readings
from biohil.simulator.eventlog import Record, record_matches
from biohil.simulator.validation import NOT_SET, PROHIBITED

Steps = tuple[frozenset[Input], ...]  # a mode: for each step, the inputs it accepts

# A mode name's words (AUTH_EXT_MODE_CARD_FACE_OR_PIN) and the inputs each stands for.
MODE_WORDS: Mapping[str, frozenset[Input]] = MappingProxyType(
    {
        **{k.mode_token: frozenset({k.input}) for k in KINDS},
        "PIN": frozenset({Input.PIN}),
        "ID": frozenset({Input.USER_ID}),
        "BIOMETRIC": frozenset({Input.FINGER, Input.FACE}),  # classic: whichever biometric it has
    }
)


def mode_steps(mode: int, inputs: frozenset[Input]) -> Steps:
    """A mode's steps read from its name, keeping only the inputs the terminal takes:
    AUTH_EXT_MODE_CARD_FACE_OR_PIN is (card), (face or PIN)."""
    name = mode_name(mode).removeprefix("AUTH_EXT_MODE_").removeprefix("AUTH_MODE_")
    groups: list[set[Input]] = []
    joined = False
    for word in name.split("_"):
        if word == "ONLY":
            continue
        if word == "OR":
            joined = True
            continue
        accepted = MODE_WORDS[word] & inputs
        if joined:
            groups[-1] |= accepted
        else:
            groups.append(set(accepted))
        joined = False
    return tuple(frozenset(g) for g in groups)


def scheduled_modes(config: auth_pb2.AuthConfig) -> list[int]:
    """The device modes that apply: those enabled with schedule 1 (Always), the only one simulated."""
    return [s.mode for s in config.authSchedules if s.scheduleID == ALWAYS_SCHEDULE]


def private_auth(config: auth_pb2.AuthConfig) -> bool:
    """Whether users' own modes apply."""
    return config.usePrivateAuth


def own_mode_replaces(own: int, device_modes: list[Steps], steps: Callable[[int], Steps]) -> list[Steps]:
    """Inferred: a user's own mode replaces the device modes for the input it is kept for (it is
    not added to them); 0xFF means the device modes, 0xFE that the input may not start an attempt."""
    if own == PROHIBITED:
        return []
    if own == NOT_SET:
        return device_modes
    return [steps(own)]


def own_mode_added(own: int, device_modes: list[Steps], steps: Callable[[int], Steps]) -> list[Steps]:
    """Reading own_mode=added: a user's own mode is one more mode besides the device modes."""
    if own == PROHIBITED:
        return []
    if own == NOT_SET:
        return device_modes
    return [*device_modes, steps(own)]


def auth_timeout(config: auth_pb2.AuthConfig) -> float:
    """Inferred: authTimeout covers the whole sequence, from the first factor."""
    return config.authTimeout


def valid_at(setting: user_pb2.UserSetting, now: int) -> bool:
    """Whether a user may enter at `now` (Unix seconds): inside its start and end time (0: open)."""
    started = not setting.startTime or now >= setting.startTime
    ended = bool(setting.endTime) and now > setting.endTime
    return started and not ended


def pin_sha256(pin: str) -> bytes:
    """Reading pin_hash=sha256: the 32-byte PIN hash is SHA-256 of the digits."""
    return hashlib.sha256(pin.encode()).digest()


HASH_KEY = bytes([0x5A] * 32)  # made up: a gateway's hash key is undocumented


def pin_keyed(pin: str) -> bytes:
    """Reading pin_hash=keyed: HMAC-SHA-256 of the digits under the gateway's hash key."""
    return hmac.new(HASH_KEY, pin.encode(), hashlib.sha256).digest()


def _by_input(words: str) -> Input:
    """A credential word of the contract's tables (biohil.eventcodes): a typed user ID is "ID" there."""
    return Input.USER_ID if words == "ID" else Input(words)


@dataclass(frozen=True)
class Firmware:
    """What a terminal's firmware does where the contract is a table or leaves a choice."""

    # -- which modes apply to an attempt, and its steps
    mode_steps: Callable[[int, frozenset[Input]], Steps]  # a mode's steps on a terminal taking these inputs
    device_modes: Callable[[auth_pb2.AuthConfig], list[int]]  # the modes the auth config enables
    private_auth: Callable[[auth_pb2.AuthConfig], bool]  # whether users' own modes apply
    own_mode_fields: Mapping[bool, Mapping[Input, str]]  # extended? -> first input -> UserSetting field
    own_mode: Callable[[int, list[Steps], Callable[[int], Steps]], list[Steps]]  # own, device modes -> modes
    # -- time
    auth_timeout: Callable[[auth_pb2.AuthConfig], float]  # seconds an attempt may take
    auth_timeout_restarts: bool  # each factor starts the auth timeout again (else: the whole sequence)
    valid_at: Callable[[user_pb2.UserSetting, int], bool]  # whether the user may enter at this time
    # -- what an attempt logs (contract 4.3)
    verify_sub: Mapping[tuple[Input, ...], int]  # a 1:1 grant, by the inputs used
    identify_sub: Mapping[tuple[Input, ...], int]  # a 1:N grant, by the inputs used
    credential_sub: Mapping[Input, int]  # the credential that failed, or was a duplicate
    timeout_sub: int  # 0x1800 AUTH_FAILED: the next factor never came
    expired_sub: int  # 0x1900 ACCESS_DENIED: outside the user's start and end time
    invalid_mode_sub: int  # 0x1800 AUTH_FAILED: no applicable mode takes the credential
    blacklisted_sub: int  # 0x1900 ACCESS_DENIED: the card presented is on the blacklist
    # -- what a user change logs
    user_change_sub: int  # the sub-code of a change the gateway made
    overwrite_code: int  # Enroll replacing an existing user
    logs_credential_set: bool  # SetCard / SetFinger / SetFace log an update
    mixed_ids_fail_whole: bool  # Get / Delete naming an unknown user fails whole (else: it is left out)
    cards_exclusive: bool  # a card of another user is refused (else: both hold it)
    pin_hash: Callable[[str], bytes]  # the PIN hash the terminal compares a typed PIN by
    # -- the event log
    filter_matches: Callable[[Record, event_pb2.EventFilter], bool]  # one filter of GetLogWithFilter
    combine_filters: Callable[[Iterable[bool]], bool]  # several filters: any (OR) or all (AND)


STANDARD = Firmware(
    mode_steps=mode_steps,
    device_modes=scheduled_modes,
    private_auth=private_auth,
    own_mode_fields=MappingProxyType(
        {extended: MappingProxyType(own_mode_fields(extended)) for extended in (False, True)}
    ),
    own_mode=own_mode_replaces,
    auth_timeout=auth_timeout,
    auth_timeout_restarts=False,
    valid_at=valid_at,
    verify_sub=MappingProxyType(
        {tuple(map(_by_input, words)): sub for words, sub in eventcodes.VERIFY_SUB.items()}
    ),
    identify_sub=MappingProxyType(
        {tuple(map(_by_input, words)): sub for words, sub in eventcodes.IDENTIFY_SUB.items()}
    ),
    credential_sub=MappingProxyType({_by_input(w): sub for w, sub in eventcodes.CREDENTIAL_SUB.items()}),
    timeout_sub=AuthFailed.TIMEOUT,
    expired_sub=AccessDenied.EXPIRED,
    invalid_mode_sub=AuthFailed.INVALID_AUTH_MODE,
    blacklisted_sub=AccessDenied.ON_BLACKLIST,
    user_change_sub=UserChangeOrigin.BY_SERVER,
    overwrite_code=Code.USER_UPDATE_SUCCESS,
    logs_credential_set=True,
    mixed_ids_fail_whole=True,
    cards_exclusive=True,
    pin_hash=pin_sha256,
    filter_matches=record_matches,
    combine_filters=any,
)


def _no_sub_codes(rules: Firmware) -> dict[str, object]:
    def zeros(table: Mapping) -> Mapping:  # type: ignore[type-arg]
        return MappingProxyType(dict.fromkeys(table, 0))

    return {
        "verify_sub": zeros(rules.verify_sub),
        "identify_sub": zeros(rules.identify_sub),
        "credential_sub": zeros(rules.credential_sub),
        "timeout_sub": 0,
        "expired_sub": 0,
        "invalid_mode_sub": 0,
        "blacklisted_sub": 0,
    }


# Each firmware reading's values other than the default: the fields they replace.
READ_BY: Mapping[tuple[str, str], Callable[[Firmware], Mapping[str, object]]] = MappingProxyType(
    {
        ("auth_sub_codes", "none"): _no_sub_codes,
        ("own_mode", "added"): lambda _: {"own_mode": own_mode_added},
        ("auth_timeout", "per_step"): lambda _: {"auth_timeout_restarts": True},
        ("filter_combination", "all"): lambda _: {"combine_filters": all},
        ("user_change_sub", "none"): lambda _: {"user_change_sub": 0},
        ("overwrite_event", "enroll"): lambda _: {"overwrite_code": Code.USER_ENROLL_SUCCESS},
        ("credential_set_event", "none"): lambda _: {"logs_credential_set": False},
        ("mixed_user_ids", "known_only"): lambda _: {"mixed_ids_fail_whole": False},
        ("pin_hash", "keyed"): lambda _: {"pin_hash": pin_keyed},
        ("card_of_another_user", "shared"): lambda _: {"cards_exclusive": False},
    }
)


def with_readings(rules: Firmware, readings: Readings) -> Firmware:
    """The rules with every firmware reading's chosen value (the defaults are the rules as given,
    so a planted bug in STANDARD stays planted)."""
    for name, value in readings.changed().items():
        fields = READ_BY.get((name, value))
        if fields is not None:
            rules = replace(rules, **fields(rules))  # type: ignore[arg-type]
    return rules
