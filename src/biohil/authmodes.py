"""Authentication modes: their families, their QA names, and the capability flag of each.

Classic modes (0..10) are for classic terminals; the extended AUTH_EXT_MODE_* modes (11..49)
for F2-class terminals. The two families never mix on one terminal.
"""

from __future__ import annotations

import itertools

from biohil.credentials import KINDS, own_mode_fields
from biohil.gsdk import auth_pb2

CLASSIC_MODES = frozenset(range(auth_pb2.AUTH_MODE_BIOMETRIC_ONLY, auth_pb2.AUTH_MODE_ID_BIOMETRIC_PIN + 1))
EXTENDED_MODES = frozenset(
    range(auth_pb2.AUTH_EXT_MODE_FACE_ONLY, auth_pb2.AUTH_EXT_MODE_ID_FINGERPRINT_FACE_OR_PIN + 1)
)
_PREFIXES = ("AUTH_EXT_MODE_", "AUTH_MODE_")


def mode_name(mode: int) -> str:
    """AuthMode enum name for a number, or the number itself when it has none."""
    try:
        return auth_pb2.AuthMode.Name(mode)
    except ValueError:
        return str(mode)


def _tokens(mode: int) -> list[str]:
    name = mode_name(mode)
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name.removeprefix(prefix).split("_")
    raise ValueError(f"{name} is not an authentication mode")


def capability_flag(mode: int) -> str:
    """DeviceCapability flag advertising a mode: AUTH_EXT_MODE_CARD_FACE -> extendedCardFaceSupported."""
    words = ["PIN" if t == "PIN" else t.capitalize() for t in _tokens(mode)]
    if mode in EXTENDED_MODES:
        return "extended" + "".join(words) + "Supported"
    return words[0].lower() + "".join(words[1:]) + "Supported"


# What a terminal reads credentials with, and what people call it.
INPUT_NOUNS = {**{k.word: k.sensor for k in KINDS}, "keypad": "keypad"}

# What each credential word of a mode name needs of a terminal: any one of these inputs (the
# words of INPUT_NOUNS). A keypad types both PINs and user IDs; classic BIOMETRIC is whichever
# biometric the terminal has.
_TOKEN_INPUTS = {
    **{k.mode_token: (k.word,) for k in KINDS},
    "BIOMETRIC": ("fingerprint", "face"),
    "PIN": ("keypad",),
    "ID": ("keypad",),
}


def inputs_needed(mode: int) -> list[tuple[str, ...]]:
    """The inputs a mode names, one entry per credential word in order (alternatives included):
    AUTH_MODE_CARD_BIOMETRIC_OR_PIN -> [("card",), ("fingerprint", "face"), ("keypad",)]."""
    return [_TOKEN_INPUTS[t] for t in _tokens(mode) if t in _TOKEN_INPUTS]


def inputs_lacking(mode: int, inputs: frozenset[str]) -> list[str]:
    """What a terminal with these inputs lacks for a mode, each once: "keypad", "fingerprint
    sensor", "fingerprint sensor or face camera" (INPUT_NOUNS). Inferred: a terminal offers a mode
    only if it reads every credential the mode names, alternatives after "or" included."""
    lacking: list[str] = []
    for options in inputs_needed(mode):
        if not set(options) & inputs:
            noun = " or ".join(INPUT_NOUNS[o] for o in options)
            if noun not in lacking:
                lacking.append(noun)
    return lacking


def qa_name(mode: int) -> str:
    """How QA writes a mode: AUTH_EXT_MODE_CARD_FACE_OR_PIN -> 'card + face or PIN'."""
    words = [t if t in ("PIN", "ID") else t.lower() for t in _tokens(mode)]
    out = words[0]
    for prev, word in itertools.pairwise(words):
        if word in ("only", "or") or prev == "or":
            out += " " + word
        else:
            out += " + " + word
    return out


def from_qa_name(name: str, extended: bool) -> int:
    """The mode of the terminal's family that QA calls `name`, or ValueError listing the choices."""
    family = EXTENDED_MODES if extended else CLASSIC_MODES
    by_name = {qa_name(m): m for m in family}
    try:
        return by_name[name]
    except KeyError:
        choices = ", ".join(f'"{n}"' for n in sorted(by_name))
        kind = "extended" if extended else "classic"
        raise ValueError(f'"{name}" is not a {kind} authentication mode; use one of {choices}') from None


def single_factor(word: str, extended: bool) -> int:
    """The one-factor mode for a credential in the terminal's family: 'fingerprint' is
    AUTH_MODE_BIOMETRIC_ONLY on a classic terminal and AUTH_EXT_MODE_FINGERPRINT_ONLY on an F2."""
    if not extended and word in ("fingerprint", "face"):
        word = "biometric"
    return from_qa_name(f"{word} only", extended)


def terminal_mode(name: str, extended: bool) -> int:
    """The mode QA calls `name` as the terminal's family has it: on a classic terminal a
    fingerprint or a face stands for its biometric ("face only" is "biometric only")."""
    if not extended:
        name = " ".join("biometric" if w in ("fingerprint", "face") else w for w in name.split(" "))
    return from_qa_name(name, extended)


NOT_SET, PROHIBITED = auth_pb2.AUTH_MODE_NONE, auth_pb2.AUTH_MODE_PROHIBITED
# The UserSetting field holding a user's own mode for what they present first.
_OWN_MODE_FIELDS = {
    extended: {first.value: field for first, field in own_mode_fields(extended).items()}
    for extended in (False, True)
}


def own_mode(first: str, value: str, extended: bool) -> tuple[str, int]:
    """(UserSetting field, value) for "the user's own mode for <first> is <value>", where value is
    a QA mode name, "the device modes" (0xFF) or "not allowed" (0xFE)."""
    fields = _OWN_MODE_FIELDS[extended]
    if first not in fields:
        raise ValueError(f'"{first}" does not start an authentication; use one of {sorted(fields)}')
    special = {"the device modes": NOT_SET, "not allowed": PROHIBITED}
    return fields[first], special[value] if value in special else from_qa_name(value, extended)
