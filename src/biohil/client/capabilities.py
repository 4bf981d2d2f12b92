"""Which credential sensors a terminal has, read from its DeviceCapability."""

from __future__ import annotations

from collections.abc import Callable

from biohil.authmodes import capability_flag
from biohil.gsdk import device_pb2

# Capability words used in feature tags (@needs_<word>) -> DeviceCapability flag.
SENSOR_FLAGS = {
    "card": "cardInputSupported",
    "fingerprint": "fingerprintInputSupported",
    "face": "faceInputSupported",
}


def sensors(cap: device_pb2.DeviceCapability) -> frozenset[str]:
    return frozenset(word for word, flag in SENSOR_FLAGS.items() if getattr(cap, flag))


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
_SENSOR_LACK = {
    "card": "has no card reader",
    "fingerprint": "has no fingerprint sensor",
    "face": "has no face camera",
}


def missing(cap: device_pb2.DeviceCapability, needs: set[str]) -> list[str]:
    """What the terminal lacks of `needs`, as reasons ("has no face camera"); unknown words raise
    ValueError naming the known ones."""
    unknown = needs - SENSOR_FLAGS.keys() - _FAMILIES.keys()
    if unknown:
        raise ValueError(
            f"unknown capability {sorted(unknown)}; known: {sorted([*SENSOR_FLAGS, *_FAMILIES])}"
        )
    have = sensors(cap)
    lacking = [_SENSOR_LACK[n] for n in sorted(needs & SENSOR_FLAGS.keys()) if n not in have]
    families = [_FAMILIES[n] for n in sorted(needs & _FAMILIES.keys())]
    return lacking + [reason for applies, reason in families if not applies(cap)]


def supports_mode(cap: device_pb2.DeviceCapability, mode: int) -> bool:
    return bool(getattr(cap, capability_flag(mode)))


def sensors_from_info(info: device_pb2.CapabilityInfo) -> frozenset[str]:
    """The same sensors as reported by the coarser GetCapabilityInfo."""
    have = {
        "card": info.cardSupported,
        "fingerprint": info.fingerSupported,
        "face": info.faceSupported,
    }
    return frozenset(word for word, present in have.items() if present)
