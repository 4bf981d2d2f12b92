"""Which credential sensors a terminal has, read from its DeviceCapability, and what it lacks
for a scenario: a sensor, a keypad, a mode or the mode family."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from biohil.authmodes import (
    CLASSIC_MODES,
    EXTENDED_MODES,
    INPUT_NOUNS,
    capability_flag,
    inputs_lacking,
    qa_name,
)
from biohil.credentials import KINDS
from biohil.gsdk import device_pb2
from biohil.verdict import NotApplicable

# Capability words used in feature tags (@needs_<word>) -> DeviceCapability flag.
SENSOR_FLAGS = {k.word: k.input_flag for k in KINDS}


def sensors(cap: device_pb2.DeviceCapability) -> frozenset[str]:
    return frozenset(word for word, flag in SENSOR_FLAGS.items() if getattr(cap, flag))


def inputs(cap: device_pb2.DeviceCapability) -> frozenset[str]:
    """The sensors and, when PINs and user IDs can be typed, the keypad (authmodes.INPUT_NOUNS)."""
    keypad = cap.PINInputSupported and cap.idInputSupported
    return sensors(cap) | ({"keypad"} if keypad else frozenset())


# What a scenario can need (@needs_<word>) beyond sensors -> (test, what a lacking terminal is).
_FAMILIES: dict[str, tuple[Callable[[device_pb2.DeviceCapability], bool], str]] = {
    "extended_auth": (
        lambda c: c.extendedAuthSupported,
        "uses the classic auth modes, not the extended ones",
    ),
    "classic_auth": (
        lambda c: not c.extendedAuthSupported,
        "uses the extended auth modes, not the classic ones",
    ),
}
_INPUT_WORDS = frozenset(INPUT_NOUNS)  # card, fingerprint, face, keypad


def missing(cap: device_pb2.DeviceCapability, needs: set[str]) -> list[str]:
    """What the terminal lacks of `needs`, as reasons ("has no face camera", "has no keypad");
    unknown words raise ValueError naming the known ones."""
    unknown = needs - _INPUT_WORDS - _FAMILIES.keys()
    if unknown:
        raise ValueError(
            f"unknown capability {sorted(unknown)}; known: {sorted([*_INPUT_WORDS, *_FAMILIES])}"
        )
    have = inputs(cap)
    lacking = [f"has no {INPUT_NOUNS[n]}" for n in sorted(needs & _INPUT_WORDS) if n not in have]
    families = [_FAMILIES[n] for n in sorted(needs & _FAMILIES.keys())]
    return lacking + [reason for applies, reason in families if not applies(cap)]


def mode_missing(cap: device_pb2.DeviceCapability, mode: int) -> list[str]:
    """Why the terminal does not offer a mode, as reasons: the other mode family, the inputs the
    mode names that the terminal lacks ("has no keypad"), or, with all of them there, that its
    capability flag is off. Empty when it offers the mode."""
    if supports_mode(cap, mode):
        return []
    extended = mode in EXTENDED_MODES
    if extended != cap.extendedAuthSupported:
        return [_FAMILIES["extended_auth" if extended else "classic_auth"][1]]
    lacking = inputs_lacking(mode, inputs(cap))
    if lacking:
        return [f"has no {noun}" for noun in lacking]
    return [f'does not offer "{qa_name(mode)}" ({capability_flag(mode)} is false)']


def require(
    cap: device_pb2.DeviceCapability, who: str, modes: Iterable[int] = (), needs: Iterable[str] = ()
) -> None:
    """NotApplicable, naming the terminal (`who`) and what it lacks, unless it offers every one
    of `modes` (AuthMode numbers; 0xFF and 0xFE, a user's "device modes" and "not allowed", need
    nothing) and has every input of `needs` (card, fingerprint, face, keypad)."""
    reasons = missing(cap, set(needs))
    for mode in modes:
        if mode in CLASSIC_MODES | EXTENDED_MODES:
            reasons += [r for r in mode_missing(cap, mode) if r not in reasons]
    if reasons:
        raise NotApplicable(f"{who} {' and '.join(reasons)}")


def supports_mode(cap: device_pb2.DeviceCapability, mode: int) -> bool:
    return bool(getattr(cap, capability_flag(mode)))


def sensors_from_info(info: device_pb2.CapabilityInfo) -> frozenset[str]:
    """The same sensors as reported by the coarser GetCapabilityInfo."""
    return frozenset(k.word for k in KINDS if getattr(info, k.info_flag))
