"""Which credential sensors a terminal has, read from its DeviceCapability."""

from __future__ import annotations

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


def missing(cap: device_pb2.DeviceCapability, needs: set[str]) -> list[str]:
    """The needed sensors the terminal lacks; unknown words raise ValueError naming the known ones."""
    unknown = needs - SENSOR_FLAGS.keys()
    if unknown:
        raise ValueError(f"unknown capability {sorted(unknown)}; known: {sorted(SENSOR_FLAGS)}")
    return sorted(needs - sensors(cap))


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
