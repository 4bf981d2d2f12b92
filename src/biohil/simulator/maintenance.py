"""What a terminal's maintenance calls (gsdk.device: Lock, Reboot, the resets, UpgradeFirmware, the
PIN hash key) check; the state they change is the terminal's (device.SimDevice), and the device
codes they log are eventcodes.Code's (contract 4.1, read from the codes' names).

- Firmware images: the simulator's own convention (there are no real images to simulate): the
  first line `BIOHIL-FIRMWARE <device type> <version>\\n` (the device.Type name, as
  `BIOSTATION_2`, and dotted numbers), then anything. `firmware_image` refuses anything else
  (INVALID_ARGUMENT naming firmwareData); `check_fits` refuses an image of another device type
  (FAILED_PRECONDITION), as UpgradeFirmwareMulti's note says its terminals must be of one type.
- The PIN hash key: 32 bytes (inferred: the size of the PIN hash it keys); its checksum (reading
  hash_key_checksum); the PIN hash under a key of the terminal's own, HMAC-SHA-256 of the digits
  (the form of reading pin_hash=keyed, which uses the default key).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from biohil.contract import MAX_MESSAGE_BYTES
from biohil.gsdk import device_pb2
from biohil.simulator import firmware, validation
from biohil.simulator.errors import invalid, precondition
from biohil.simulator.models import DeviceModel

# -- firmware images --------------------------------------------------------------------------

FIRMWARE_MAGIC = "BIOHIL-FIRMWARE"
# The header line: the device type's name and a version of 2 to 4 dotted numbers.
_HEADER = re.compile(rb"BIOHIL-FIRMWARE ([A-Z][A-Z0-9_]{0,39}) (\d{1,5}(?:\.\d{1,5}){1,3})\n")
MAX_HEADER_BYTES = 128  # a longer first line is no header
# The gateway takes messages up to this size, so an image must be smaller (contract 5.1); the
# simulator keeps only the header's version, never the image.
MAX_FIRMWARE_BYTES = MAX_MESSAGE_BYTES


@dataclass(frozen=True)
class FirmwareImage:
    device_type: int  # device.Type
    version: str


def firmware_header(device_type: int, version: str) -> bytes:
    """The first line of a simulated firmware image for a device type."""
    return f"{FIRMWARE_MAGIC} {device_pb2.Type.Name(device_type)} {version}\n".encode()


def firmware_image(data: bytes, what: str) -> FirmwareImage:
    """The image's device type and version; INVALID_ARGUMENT naming firmwareData if it is none."""
    if not data:
        raise invalid(f"{what}: firmwareData is empty; send a firmware image")
    if len(data) > MAX_FIRMWARE_BYTES:
        raise invalid(f"{what}: firmwareData has {len(data):,} bytes, at most {MAX_FIRMWARE_BYTES:,}")
    head = data[:MAX_HEADER_BYTES]
    found = _HEADER.match(head)
    if found is None:
        first = head.split(b"\n", 1)[0].decode("latin-1")
        raise invalid(
            f"{what}: firmwareData is no firmware image of a simulated terminal: its first line must "
            f"be '{FIRMWARE_MAGIC} <device type> <version>' (as '{FIRMWARE_MAGIC} BIOSTATION_2 "
            f"1.12.0'), not '{validation.shown(first)}'"
        )
    type_name, version = found.group(1).decode(), found.group(2).decode()
    try:
        device_type = device_pb2.Type.Value(type_name)
    except ValueError:
        raise invalid(
            f"{what}: firmwareData is for device type {type_name}, which gsdk.device.Type does not have"
        ) from None
    return FirmwareImage(device_type, version)


def check_fits(image: FirmwareImage, model: DeviceModel, label: str, what: str) -> None:
    """FAILED_PRECONDITION unless the image is for the terminal's device type."""
    if image.device_type != model.device_type:
        theirs = device_pb2.Type.Name(image.device_type)
        ours = device_pb2.Type.Name(model.device_type)
        raise precondition(f"{what}: firmwareData is firmware for {theirs}, not for {label} ({ours})")


# -- the PIN hash key -------------------------------------------------------------------------

HASH_KEY_BYTES = 32
DEFAULT_HASH_KEY = firmware.HASH_KEY  # made up, as the one reading pin_hash=keyed hashes under


def requested_key(set_default: bool, key: bytes, what: str) -> bytes:
    """The key SetHashKey asks for: the default one (setDefault) or exactly 32 bytes."""
    if set_default:
        if key:
            raise invalid(f"{what}: hashKey is given with setDefault; send one or the other")
        return DEFAULT_HASH_KEY
    if len(key) != HASH_KEY_BYTES:
        raise invalid(
            f"{what}: hashKey has {len(key)} bytes; a hash key has {HASH_KEY_BYTES} "
            "(or set setDefault for the default key)"
        )
    return key


def checksum(key: bytes, method: str) -> int:
    """GetHashKey's checksum of a key by reading hash_key_checksum's value."""
    return zlib.crc32(key) if method == "crc32" else sum(key) & 0xFFFFFFFF


def _keyed(key: bytes, pin: str) -> bytes:
    return hmac.new(key, pin.encode(), hashlib.sha256).digest()


def pin_hash_under(key: bytes) -> Callable[[str], bytes]:
    """The PIN hash of a terminal holding a key of its own: HMAC-SHA-256 of the digits under it."""
    return functools.partial(_keyed, key)
