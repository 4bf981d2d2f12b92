"""Cards beyond their capture (the gsdk.card service's state and rules).

- `CardSettings`: a terminal's card configurations (card, BioStar 1 cards, QR, custom smart
  cards, facility codes), factory-fresh until set; one of the terminal's `config_parts`.
- `Blacklist`: the cards a terminal refuses whoever holds them (its auth engine asks `bars`).
- `SmartCards`: what is written on the smart cards people carry. A card's contents are physical:
  they go wherever the card goes, so the gateway's world keeps them, by card (its CSN block,
  the token the control API presents), not a terminal.
- The checks of what a client sends (`check_*`), each raising INVALID_ARGUMENT naming the method
  and the field, and `qr_card_data`, what a QR code reads as.

The terminal's parts run under its lock; SmartCards has a lock of its own, taken last.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from google.protobuf.message import Message

from biohil.gsdk import card_pb2
from biohil.simulator import credentials
from biohil.simulator.errors import already_exists, exhausted, invalid, not_found, precondition
from biohil.simulator.validation import MAX_ACCESS_GROUPS, PIN_HASH_BYTES, enum_values

# Documented sizes (card.proto's Enum; the G-SDK Card API page for the others).
CRYPTO1_KEY_BYTES = card_pb2.MAX_MIFARE_KEY_SIZE_CRYPTO1  # 6, a MIFARE Classic key
AES128_KEY_BYTES = card_pb2.MAX_MIFARE_KEY_SIZE_AES128  # 16, a MIFARE Plus AES key
ICLASS_KEY_BYTES = 8
DESFIRE_KEY_BYTES = 16
DESFIRE_APP_ID_BYTES = 3
SEOS_ADF_BYTES = 13
SEOS_KEY_BYTES = 16
MAX_SEOS_DATA_OBJECTS = 8
CARD_ID_BYTES = 32  # BlacklistItem.cardID; an access-on-card card's ID
SECURE_CARD_ID_BYTES = 24  # a secure credential card's ID
MAX_FINGER_TEMPLATES = card_pb2.MAX_TEMPLATES  # 4 on a card
MAX_FACE_TEMPLATES = 2  # on a card (the Card API page)
MAX_QR_CHARS = 32
QR_CHARS = range(32, 127)  # printable ASCII, as the SDK's examples ask for
QR_SCAN_TIMEOUT = range(4, 11)  # seconds; 4 by default (the Card API page)
FACILITY_CODE_BYTES = card_pb2.FACILITY_CODE_SIZE
MAX_FACILITY_CODES = card_pb2.MAX_FACILITY_CODE
# Inferred (the simulator's conventions): one-byte fields of the cards and readers.
MAX_BLOCK_INDEX = 255  # a MIFARE or iClass card's blocks
MAX_BYTE = 0xFF  # a file ID, a CIS index, skipBytes
MAX_CARD_DATA_BYTES = credentials.CARD_BYTES  # a custom card's dataSize: the 32-byte card data
MAX_DESFIRE_KEY_NUMBER = 13  # a DESFire application holds keys 0..13

DEFAULT_MIFARE_KEY = b"\xff" * CRYPTO1_KEY_BYTES  # documented default of MifareConfig.primaryKey
SECURE_TYPES = (card_pb2.CARD_TYPE_SECURE, card_pb2.CARD_TYPE_ACCESS)

Config = TypeVar("Config", bound=Message)


def _factory_card_config() -> card_pb2.CardConfig:
    """The documented defaults: MSB, binary data, MIFARE key 0xFFFFFFFFFFFF; the rest zero."""
    return card_pb2.CardConfig(
        byteOrder=card_pb2.MSB,
        dataType=card_pb2.DATA_BINARY,
        mifareConfig=card_pb2.MifareConfig(primaryKey=DEFAULT_MIFARE_KEY),
        smartCardByteOrder=card_pb2.MSB,
    )


# Each configuration's factory state. Inferred where the documentation gives none: BioStar 1
# cards are not read until configured; QR codes are off, with the documented 4-s scan timeout.
FACTORY: dict[type[Message], Callable[[], Message]] = {
    card_pb2.CardConfig: _factory_card_config,
    card_pb2.Card1XConfig: lambda: card_pb2.Card1XConfig(disabled=True),
    card_pb2.QRConfig: lambda: card_pb2.QRConfig(useQRCode=False, scanTimeout=QR_SCAN_TIMEOUT.start),
    card_pb2.CustomConfig: card_pb2.CustomConfig,
    card_pb2.FacilityCodeConfig: card_pb2.FacilityCodeConfig,
}


class CardSettings:
    """A terminal's card configurations, one of each kind; `reset` puts back the factory's."""

    def __init__(self, lock: threading.RLock) -> None:
        self._lock = lock
        self._configs: dict[type[Message], Message] = {}
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self._configs = {kind: make() for kind, make in FACTORY.items()}

    def get(self, kind: type[Config]) -> Config:
        with self._lock:
            out = kind()
            out.CopyFrom(self._configs[kind])  # type: ignore[arg-type]  # stored by its own type
            return out

    def set(self, config: Message) -> None:
        """Store a checked configuration whole (there is no field mask)."""
        stored = type(config)()
        stored.CopyFrom(config)
        with self._lock:
            self._configs[type(config)] = stored


# -- the blacklist ---------------------------------------------------------------------------

BlacklistKey = tuple[bytes, int]  # the card ID right-aligned in 32 bytes, the issue count


def card_id_block(card_id: bytes) -> bytes:
    """A card ID as the 32-byte block it is compared in: right-aligned, zero-padded (as
    CSNCardData.data)."""
    return card_id.rjust(CARD_ID_BYTES, b"\0")


def blacklist_keys(items: Sequence[card_pb2.BlacklistItem], what: str) -> list[BlacklistKey]:
    """The cards of a request's cardInfos, each named once, with 1 to 32 bytes of card ID."""
    if not items:
        raise invalid(f"{what}: cardInfos is empty; name at least one card")
    keys: dict[BlacklistKey, int] = {}
    for i, item in enumerate(items):
        if not 0 < len(item.cardID) <= CARD_ID_BYTES:
            raise invalid(
                f"{what}: cardInfos[{i}].cardID is {len(item.cardID)} bytes; use 1..{CARD_ID_BYTES}"
            )
        key = (card_id_block(item.cardID), item.issueCount)
        if key in keys:
            raise invalid(f"{what}: cardInfos[{i}] names the same card as cardInfos[{keys[key]}]")
        keys[key] = i
    return list(keys)


class Blacklist:
    """The cards a terminal refuses (at most `capacity`), in the order they were added. A smart
    card is listed by its card ID and issue count (a card issued again gets in); for a CSN card
    the issue count means nothing (the Card API page: "valid only for smartcards")."""

    def __init__(self, capacity: int, lock: threading.RLock, label: str, refuse_redundant: bool) -> None:
        self.capacity = capacity
        self._lock = lock
        self._label = label
        self._refuse_redundant = refuse_redundant  # reading blacklist_redundant=refused
        self._items: dict[BlacklistKey, None] = {}  # ordered
        self._issues: dict[bytes, set[int]] = {}  # card ID -> its listed issue counts

    def __len__(self) -> int:
        return len(self._items)

    def listed(self) -> list[card_pb2.BlacklistItem]:
        with self._lock:
            return [card_pb2.BlacklistItem(cardID=c, issueCount=n) for c, n in self._items]

    def add(self, keys: list[BlacklistKey], what: str) -> None:
        with self._lock:
            present = [i for i, key in enumerate(keys) if key in self._items]
            if present and self._refuse_redundant:
                raise already_exists(
                    f"{what}: cardInfos[{present[0]}] is already on the blacklist of {self._label}"
                )
            new = [key for key in keys if key not in self._items]
            if len(self._items) + len(new) > self.capacity:
                raise exhausted(
                    f"{what}: the blacklist of {self._label} holds {len(self._items)} cards, at most "
                    f"{self.capacity} (maxBlacklists); {len(new)} more do not fit"
                )
            for card_id, issue_count in new:
                self._items[card_id, issue_count] = None
                self._issues.setdefault(card_id, set()).add(issue_count)

    def delete(self, keys: list[BlacklistKey], what: str) -> None:
        with self._lock:
            absent = [i for i, key in enumerate(keys) if key not in self._items]
            if absent and self._refuse_redundant:
                raise not_found(f"{what}: cardInfos[{absent[0]}] is not on the blacklist of {self._label}")
            for key in keys:
                if key not in self._items:
                    continue
                del self._items[key]
                card_id, issue_count = key
                issues = self._issues[card_id]
                issues.discard(issue_count)
                if not issues:
                    del self._issues[card_id]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._issues.clear()

    def bars(self, card_id: bytes, issue_count: int | None) -> bool:
        """Whether a card is listed: a smart card by its ID and issue count, a CSN card
        (issue_count None) by its ID whatever the count. The caller holds the terminal's lock."""
        issues = self._issues.get(card_id)
        return issues is not None and (issue_count is None or issue_count in issues)


# -- smart cards -------------------------------------------------------------------------------


class SmartCards:
    """What is written on each card people carry, by card (its CSN block)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._written: dict[bytes, card_pb2.SmartCardData] = {}

    def card_data(self, card: bytes) -> card_pb2.CardData:
        """What a Scan reads: a written card's SmartCardData (of its header's type), else the CSN block."""
        with self._lock:
            data = self._written.get(card)
            if data is None:
                return credentials.card_data(card)
            return card_pb2.CardData(type=data.header.type, smartCardData=data)

    def write(self, card: bytes, data: card_pb2.SmartCardData, what: str, label: str) -> None:
        """Write checked data on a blank card, with its CRCs (the documentation: Write computes them)."""
        with self._lock:
            if card in self._written:
                raise precondition(
                    f"{what}: the card presented on {label} already holds data; Erase it first "
                    "(the documentation: a card must be erased before it is written again)"
                )
            self._written[card] = _with_crcs(data)

    def erase(self, card: bytes) -> None:
        """Wipe a card: it reads as a CSN card again (erasing a blank card changes nothing)."""
        with self._lock:
            self._written.pop(card, None)

    def identity(self, card: bytes) -> tuple[bytes, int | None]:
        """How a blacklist names the card: a written card's card ID and issue count, else its CSN
        block with no issue count."""
        with self._lock:
            data = self._written.get(card)
        if data is None:
            return card_id_block(card), None
        return card_id_block(data.cardID), data.header.issueCount


def _with_crcs(data: card_pb2.SmartCardData) -> card_pb2.SmartCardData:
    """Inferred (the algorithm is undocumented): cardCRC is the CRC-32 of the card's data (card
    ID, credential, access-on-card data) and headerCRC that of the header holding it."""
    out = card_pb2.SmartCardData()
    out.CopyFrom(data)
    body = card_pb2.SmartCardData(
        cardID=data.cardID, credential=data.credential, accessOnData=data.accessOnData
    )
    out.header.headerCRC = 0
    out.header.cardCRC = zlib.crc32(body.SerializeToString(deterministic=True))
    out.header.headerCRC = zlib.crc32(out.header.SerializeToString(deterministic=True))
    return out


def check_smart_card(data: card_pb2.SmartCardData, what: str) -> None:
    """What Write refuses: a type other than secure or access-on-card, a card ID of the wrong
    size, more templates than a card holds, a header whose counts or sizes do not fit the
    templates, a PIN that is not the 32-byte hash."""
    field = "smartCardData"
    header = data.header
    if header.type not in SECURE_TYPES:
        raise invalid(
            f"{what}: {field}.header.type {header.type} is not CARD_TYPE_SECURE (2) or CARD_TYPE_ACCESS (3)"
        )
    most = SECURE_CARD_ID_BYTES if header.type == card_pb2.CARD_TYPE_SECURE else CARD_ID_BYTES
    if not 0 < len(data.cardID) <= most:
        kind = card_pb2.Type.Name(header.type)
        raise invalid(f"{what}: {field}.cardID is {len(data.cardID)} bytes; a {kind} card's ID is 1..{most}")
    templates = list(data.credential.templates)
    counted = header.WhichOneof("templateCount")
    count = getattr(header, counted) if counted else 0
    face = counted == "numOfFaceTemplate"
    limit = MAX_FACE_TEMPLATES if face else MAX_FINGER_TEMPLATES
    name = f"{field}.header.{counted or 'numOfTemplate'}"
    if count > limit:
        raise invalid(f"{what}: {name} is {count}; a card holds at most {limit}")
    if count != len(templates):
        raise invalid(f"{what}: {name} is {count}, but {field}.credential.templates holds {len(templates)}")
    size_limit = card_pb2.FACE_TEMPLATE_SIZE if face else card_pb2.DEFAULT_TEMPLATE_SIZE
    if header.templateSize > size_limit or (templates and not header.templateSize):
        raise invalid(f"{what}: {field}.header.templateSize is {header.templateSize}; use 1..{size_limit}")
    for i, template in enumerate(templates):
        if not 0 < len(template) <= header.templateSize:
            raise invalid(
                f"{what}: {field}.credential.templates[{i}] is {len(template)} bytes; "
                f"header.templateSize says 1..{header.templateSize}"
            )
    if header.duressMask >> count:
        raise invalid(
            f"{what}: {field}.header.duressMask 0x{header.duressMask:X} marks a template "
            "the card does not hold"
        )
    pin = data.credential.PIN
    if pin and len(pin) != PIN_HASH_BYTES:
        raise invalid(
            f"{what}: {field}.credential.PIN is {len(pin)} bytes; send the {PIN_HASH_BYTES}-byte hash "
            "GetPINHash returns (or no PIN)"
        )
    access = data.accessOnData
    if len(access.accessGroupIDs) > MAX_ACCESS_GROUPS:
        raise invalid(
            f"{what}: {field}.accessOnData.accessGroupIDs has {len(access.accessGroupIDs):,}, "
            f"at most {MAX_ACCESS_GROUPS}"
        )
    if access.startTime and access.endTime and access.startTime > access.endTime:
        raise invalid(
            f"{what}: {field}.accessOnData.startTime {access.startTime} is after endTime {access.endTime}"
        )


# -- QR codes ------------------------------------------------------------------------------------


def qr_card_data(text: str, layout: str, what: str) -> card_pb2.CSNCardData:
    """The card data a QR code of `text` reads as (up to 32 printable ASCII characters): type QR,
    32 bytes, the text's codes placed as reading qr_card_data says (`left_aligned`: first,
    `right_aligned`: last), zero bytes around them."""
    if not 0 < len(text) <= MAX_QR_CHARS:
        raise invalid(f"{what}: QRText has {len(text):,} characters; use 1..{MAX_QR_CHARS}")
    bad = next((i for i, c in enumerate(text) if ord(c) not in QR_CHARS), None)
    if bad is not None:
        raise invalid(
            f"{what}: QRText holds U+{ord(text[bad]):04X} at position {bad}; use printable ASCII "
            f"({QR_CHARS.start}..{QR_CHARS.stop - 1})"
        )
    codes = text.encode("ascii")
    block = (
        codes.ljust(MAX_CARD_DATA_BYTES, b"\0")
        if layout == "left_aligned"
        else codes.rjust(MAX_CARD_DATA_BYTES, b"\0")
    )
    return card_pb2.CSNCardData(type=card_pb2.CARD_TYPE_QR, size=MAX_CARD_DATA_BYTES, data=block)


# -- the configurations' checks --------------------------------------------------------------------


def _enum(value: int, enum: Any, field: str, what: str) -> None:
    if value not in enum.values():
        raise invalid(f"{what}: {field} {value} is not one of {enum_values(enum)}")


def _bytes(raw: bytes, field: str, most: int, what: str, why: str = "") -> None:
    if len(raw) > most:
        raise invalid(f"{what}: {field} is {len(raw)} bytes, at most {most}{why}")


def _at_most(value: int, most: int, field: str, what: str) -> None:
    if value > most:
        raise invalid(f"{what}: {field} is {value}, at most {most}")


def _block(value: int, field: str, what: str) -> None:
    if not 0 <= value <= MAX_BLOCK_INDEX:
        raise invalid(f"{what}: {field} is {value}; a card's blocks are 0..{MAX_BLOCK_INDEX}")


def _mifare_keys(keys: Iterable[tuple[str, bytes]], encryption: int, what: str) -> None:
    """MIFARE keys fit the encryption mifareEncryption chooses (Crypto1: 6 bytes, AES128: 16)."""
    aes = encryption == card_pb2.MIFARE_ENCRYPTION_AES128
    most = AES128_KEY_BYTES if aes else CRYPTO1_KEY_BYTES
    why = f" with mifareEncryption {card_pb2.MIFARE_ENCRYPTION.Name(encryption)}"
    for field, key in keys:
        _bytes(key, field, most, what, why)


def _desfire(config: Any, field: str, what: str) -> None:
    """The parts CardConfig.DESFireConfig and CustomConfig.desfire share."""
    for name in ("primaryKey", "secondaryKey"):
        _bytes(getattr(config, name), f"{field}.{name}", DESFIRE_KEY_BYTES, what)
    _bytes(config.appID, f"{field}.appID", DESFIRE_APP_ID_BYTES, what)
    _at_most(config.fileID, MAX_BYTE, f"{field}.fileID", what)
    _enum(config.encryptionType, card_pb2.DESFireEncryptionType, f"{field}.encryptionType", what)
    _enum(config.operationMode, card_pb2.DESFireOperationMode, f"{field}.operationMode", what)


def check_card_config(config: card_pb2.CardConfig, what: str) -> None:
    _enum(config.byteOrder, card_pb2.CardByteOrder, "config.byteOrder", what)
    _enum(config.smartCardByteOrder, card_pb2.CardByteOrder, "config.smartCardByteOrder", what)
    _enum(config.dataType, card_pb2.CardDataType, "config.dataType", what)
    _enum(config.mifareEncryption, card_pb2.MIFARE_ENCRYPTION, "config.mifareEncryption", what)
    mifare = config.mifareConfig
    _mifare_keys(
        (
            ("config.mifareConfig.primaryKey", mifare.primaryKey),
            ("config.mifareConfig.secondaryKey", mifare.secondaryKey),
        ),
        config.mifareEncryption,
        what,
    )
    _block(mifare.startBlockIndex, "config.mifareConfig.startBlockIndex", what)
    iclass = config.iClassConfig
    _bytes(iclass.primaryKey, "config.iClassConfig.primaryKey", ICLASS_KEY_BYTES, what)
    _bytes(iclass.secondaryKey, "config.iClassConfig.secondaryKey", ICLASS_KEY_BYTES, what)
    _block(iclass.startBlockIndex, "config.iClassConfig.startBlockIndex", what)
    _desfire(config.DESFireConfig, "config.DESFireConfig", what)
    seos = config.SEOSConfig
    _bytes(seos.OIDADF, "config.SEOSConfig.OIDADF", SEOS_ADF_BYTES, what)
    _bytes(seos.primaryKeyAuth, "config.SEOSConfig.primaryKeyAuth", SEOS_KEY_BYTES, what)
    _bytes(seos.secondaryKeyAuth, "config.SEOSConfig.secondaryKeyAuth", SEOS_KEY_BYTES, what)
    objects, sizes = len(seos.OIDDataObjectID), len(seos.sizeDataObject)
    _at_most(objects, MAX_SEOS_DATA_OBJECTS, "config.SEOSConfig.OIDDataObjectID's count", what)
    if sizes != objects:
        raise invalid(
            f"{what}: config.SEOSConfig.sizeDataObject has {sizes} sizes for {objects} OIDDataObjectID; "
            "give one size per data object"
        )


def check_1x_config(config: card_pb2.Card1XConfig, what: str) -> None:
    """BioStar 1 cards are MIFARE Classic cards: Crypto1 keys, at most 4 templates."""
    _bytes(config.primaryKey, "config.primaryKey", CRYPTO1_KEY_BYTES, what)
    _bytes(config.secondaryKey, "config.secondaryKey", CRYPTO1_KEY_BYTES, what)
    _at_most(config.CISIndex, MAX_BYTE, "config.CISIndex", what)
    _at_most(config.numOfTemplate, MAX_FINGER_TEMPLATES, "config.numOfTemplate", what)
    _at_most(config.templateSize, card_pb2.DEFAULT_TEMPLATE_SIZE, "config.templateSize", what)
    _at_most(len(config.templateStartBlocks), MAX_FINGER_TEMPLATES, "config.templateStartBlocks' count", what)
    for i, block in enumerate(config.templateStartBlocks):
        _block(block, f"config.templateStartBlocks[{i}]", what)


def check_qr_config(config: card_pb2.QRConfig, what: str) -> None:
    if config.scanTimeout not in QR_SCAN_TIMEOUT:
        raise invalid(
            f"{what}: config.scanTimeout is {config.scanTimeout} s; use "
            f"{QR_SCAN_TIMEOUT.start}..{QR_SCAN_TIMEOUT.stop - 1} s"
        )


def check_custom_config(config: card_pb2.CustomConfig, what: str) -> None:
    _enum(config.dataType, card_pb2.CardDataType, "config.dataType", what)
    _enum(config.smartCardByteOrder, card_pb2.CardByteOrder, "config.smartCardByteOrder", what)
    _enum(config.mifareEncryption, card_pb2.MIFARE_ENCRYPTION, "config.mifareEncryption", what)
    mifare = config.mifare
    _mifare_keys(
        (
            ("config.mifare.primaryKey", mifare.primaryKey),
            ("config.mifare.secondaryKey", mifare.secondaryKey),
        ),
        config.mifareEncryption,
        what,
    )
    _block(mifare.startBlockIndex, "config.mifare.startBlockIndex", what)
    desfire = config.desfire
    _desfire(desfire, "config.desfire", what)
    for field, part in (("config.mifare", mifare), ("config.desfire", desfire)):
        _at_most(part.dataSize, MAX_CARD_DATA_BYTES, f"{field}.dataSize", what)
        _at_most(part.skipBytes, MAX_BYTE, f"{field}.skipBytes", what)
    keys = desfire.desfireAppKey
    for name in ("appMasterKey", "fileReadKey", "fileWriteKey"):
        _bytes(getattr(keys, name), f"config.desfire.desfireAppKey.{name}", DESFIRE_KEY_BYTES, what)
    for name in ("fileReadKeyNumber", "fileWriteKeyNumber"):
        _at_most(getattr(keys, name), MAX_DESFIRE_KEY_NUMBER, f"config.desfire.desfireAppKey.{name}", what)


def check_facility_config(config: card_pb2.FacilityCodeConfig, what: str) -> None:
    _at_most(len(config.facilityCodes), MAX_FACILITY_CODES, "config.facilityCodes' count", what)
    for i, facility in enumerate(config.facilityCodes):
        if not 0 < len(facility.code) <= FACILITY_CODE_BYTES:
            raise invalid(
                f"{what}: config.facilityCodes[{i}].code is {len(facility.code)} bytes; "
                f"use 1..{FACILITY_CODE_BYTES}"
            )


# What SetConfig of each kind checks.
CHECKS: dict[type[Message], Callable[[Any, str], None]] = {
    card_pb2.CardConfig: check_card_config,
    card_pb2.Card1XConfig: check_1x_config,
    card_pb2.QRConfig: check_qr_config,
    card_pb2.CustomConfig: check_custom_config,
    card_pb2.FacilityCodeConfig: check_facility_config,
}
