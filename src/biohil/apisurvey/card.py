"""Plausible calls of gsdk.card (see biohil.apisurvey).

A card config is changed in one field and read back; a blacklist call is checked against
GetBlacklist; Write, Erase and Scan have a person present a card, and what was written is
read back by a Scan of that same card.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from google.protobuf.message import Message

from biohil.apisurvey import Call, Invoke
from biohil.gsdk import card_pb2
from biohil.simcontrol import control_pb2

LISTED = card_pb2.BlacklistItem(cardID=b"\x5a\x17\x00\x01", issueCount=0)
LISTED_BLOCK = LISTED.cardID.rjust(32, b"\0")  # how GetBlacklist gives it back
QR_TEXT = "biohil-survey"
SMART_CARD = card_pb2.SmartCardData(
    header=card_pb2.SmartCardHeader(
        type=card_pb2.CARD_TYPE_SECURE,
        numOfTemplate=1,
        templateSize=card_pb2.DEFAULT_TEMPLATE_SIZE,
        issueCount=1,
    ),
    cardID=b"SURVEY-0001".rjust(24, b"\0"),
    credential=card_pb2.SmartCardCredential(templates=[b"\x11" * card_pb2.DEFAULT_TEMPLATE_SIZE]),
)

# The card a person presented last on each terminal (to read it back, or erase it).
_cards: dict[int, bytes] = {}


def _present(invoke: Invoke, device_id: int, card: bytes = b"") -> bytes:
    """A person presents a card (this one, or a new one) to the call waiting for it."""
    credential = control_pb2.Credential(token=card) if card else control_pb2.Credential(unknown=True)
    request = control_pb2.ActRequest(
        deviceID=device_id, input=control_pb2.CARD, credential=credential, awaitScanMs=20_000
    )
    reply: Any = invoke("Control.Act", request)
    _cards[device_id] = bytes(reply.token)
    return _cards[device_id]


def _with_card(invoke: Invoke, method: str, request: Message, device_id: int, card: bytes = b"") -> Message:
    """Call a method that waits for a card while a person presents one."""
    person = threading.Thread(target=_present, args=(invoke, device_id, card), daemon=True)
    person.start()
    try:
        return invoke(method, request)
    finally:
        person.join(timeout=30)


def _scanned(invoke: Invoke, device_id: int) -> card_pb2.CardData:
    """What a Scan reads of the card presented last."""
    answer: Any = _with_card(
        invoke, "Card.Scan", card_pb2.ScanRequest(deviceID=device_id), device_id, _cards[device_id]
    )
    data: card_pb2.CardData = answer.cardData
    return data


# -- reading and writing cards --------------------------------------------------------------------


def _scan_check(answer: Any, invoke: Invoke, d: int) -> str:
    data = answer.cardData
    if data.type != card_pb2.CARD_TYPE_CSN or len(data.CSNCardData.data) != 32:
        size = len(data.CSNCardData.data)
        return f"a new card reads as type {data.type} with {size} bytes, not a 32-byte CSN card"
    return ""


def _erase_request(invoke: Invoke, d: int) -> Message:
    """First a card with data on it (Write), which the person then presents to Erase."""
    _with_card(invoke, "Card.Write", card_pb2.WriteRequest(deviceID=d, smartCardData=SMART_CARD), d)
    return card_pb2.EraseRequest(deviceID=d)


def _erase_check(answer: Any, invoke: Invoke, d: int) -> str:
    data = _scanned(invoke, d)
    return "" if data.type == card_pb2.CARD_TYPE_CSN else f"the erased card still reads as type {data.type}"


def _write_check(answer: Any, invoke: Invoke, d: int) -> str:
    data = _scanned(invoke, d)
    if data.type != card_pb2.CARD_TYPE_SECURE or data.smartCardData.cardID != SMART_CARD.cardID:
        return f"the written card reads as type {data.type}, card ID {data.smartCardData.cardID!r}"
    return ""


# -- configurations: one field changed, read back -------------------------------------------------------


def _config_calls(get: str, one: str, several: str, change: Callable[[Any], None]) -> dict[str, Call]:
    """Get, Set and SetMulti of one configuration: Set changes a field of what Get gave, and Get
    must then read back what was set."""
    wanted: dict[int, Any] = {}  # per terminal: the config the last Set sent

    def read(invoke: Invoke, d: int) -> Any:
        answer: Any = invoke(f"Card.{get}", getattr(card_pb2, f"{get}Request")(deviceID=d))
        return answer.config

    def got_config(answer: Any, invoke: Invoke, d: int) -> str:
        return "" if answer.HasField("config") else f"{get} gives no config"

    def set_request(method: str, target: Callable[[int], dict[str, Any]]) -> Callable[[Invoke, int], Message]:
        def request(invoke: Invoke, d: int) -> Message:
            wanted[d] = read(invoke, d)
            change(wanted[d])
            built: Message = getattr(card_pb2, f"{method}Request")(config=wanted[d], **target(d))
            return built

        return request

    def read_back(answer: Message, invoke: Invoke, d: int) -> str:
        got = read(invoke, d)
        return "" if got == wanted[d] else f"{get} reads back {got}, not what was set"

    return {
        f"Card.{get}": Call(lambda invoke, d: getattr(card_pb2, f"{get}Request")(deviceID=d), got_config),
        f"Card.{one}": Call(set_request(one, lambda d: {"deviceID": d}), read_back),
        f"Card.{several}": Call(set_request(several, lambda d: {"deviceIDs": [d]}), read_back),
    }


def _flip_byte_order(config: Any) -> None:
    config.byteOrder = card_pb2.LSB if config.byteOrder == card_pb2.MSB else card_pb2.MSB


def _next_format(config: Any) -> None:
    config.formatID += 1


def _toggle_csn_only(config: Any) -> None:
    config.useCSNOnly = not config.useCSNOnly


def _next_timeout(config: Any) -> None:
    config.scanTimeout = 4 + (config.scanTimeout - 3) % 7  # 4..10 s, the documented range


def _one_facility_code(config: Any) -> None:
    del config.facilityCodes[:]
    config.facilityCodes.add(code=b"\x00\x01")


# -- the blacklist --------------------------------------------------------------------------------------


def _listed(invoke: Invoke, d: int) -> list[tuple[bytes, int]]:
    answer: Any = invoke("Card.GetBlacklist", card_pb2.GetBlacklistRequest(deviceID=d))
    return [(bytes(i.cardID), i.issueCount) for i in answer.blacklist]


def _is_listed(want: bool) -> Callable[[Message, Invoke, int], str]:
    def check(answer: Message, invoke: Invoke, d: int) -> str:
        listed = (LISTED_BLOCK, LISTED.issueCount) in _listed(invoke, d)
        return "" if listed == want else f"GetBlacklist {'lacks' if want else 'still lists'} the card"

    return check


def _after_adding(request: Callable[[int], Message]) -> Callable[[Invoke, int], Message]:
    """The card goes on the blacklist first, then the request (a delete) is made."""

    def build(invoke: Invoke, d: int) -> Message:
        invoke("Card.AddBlacklist", card_pb2.AddBlacklistRequest(deviceID=d, cardInfos=[LISTED]))
        return request(d)

    return build


def _empty(answer: Message, invoke: Invoke, d: int) -> str:
    return "" if not _listed(invoke, d) else "GetBlacklist still lists cards"


def _blacklist_answer(answer: Any, invoke: Invoke, d: int) -> str:
    return "" if all(len(i.cardID) == 32 for i in answer.blacklist) else "a card ID is not a 32-byte block"


def _qr_check(answer: Any, invoke: Invoke, d: int) -> str:
    data = answer.cardData
    if (data.type, data.size, len(data.data)) != (
        card_pb2.CARD_TYPE_QR,
        32,
        32,
    ) or QR_TEXT.encode() not in data.data:
        return f"the QR code's card data is type {data.type}, size {data.size}, {data.data!r}"
    return ""


CALLS: dict[str, Call] = {
    # A new card, presented by _present (apisurvey.card_presented sends no credential: refused).
    "Card.Scan": Call(lambda invoke, d: card_pb2.ScanRequest(deviceID=d), _scan_check, _present),
    "Card.Erase": Call(_erase_request, _erase_check, lambda invoke, d: _present(invoke, d, _cards[d])),
    "Card.Write": Call(
        lambda invoke, d: card_pb2.WriteRequest(deviceID=d, smartCardData=SMART_CARD), _write_check, _present
    ),
    **_config_calls("GetConfig", "SetConfig", "SetConfigMulti", _flip_byte_order),
    "Card.GetBlacklist": Call(lambda invoke, d: card_pb2.GetBlacklistRequest(deviceID=d), _blacklist_answer),
    "Card.AddBlacklist": Call(
        lambda invoke, d: card_pb2.AddBlacklistRequest(deviceID=d, cardInfos=[LISTED]), _is_listed(True)
    ),
    "Card.AddBlacklistMulti": Call(
        lambda invoke, d: card_pb2.AddBlacklistMultiRequest(deviceIDs=[d], cardInfos=[LISTED]),
        _is_listed(True),
    ),
    "Card.DeleteBlacklist": Call(
        _after_adding(lambda d: card_pb2.DeleteBlacklistRequest(deviceID=d, cardInfos=[LISTED])),
        _is_listed(False),
    ),
    "Card.DeleteBlacklistMulti": Call(
        _after_adding(lambda d: card_pb2.DeleteBlacklistMultiRequest(deviceIDs=[d], cardInfos=[LISTED])),
        _is_listed(False),
    ),
    "Card.DeleteAllBlacklist": Call(
        _after_adding(lambda d: card_pb2.DeleteAllBlacklistRequest(deviceID=d)), _empty
    ),
    "Card.DeleteAllBlacklistMulti": Call(
        _after_adding(lambda d: card_pb2.DeleteAllBlacklistMultiRequest(deviceIDs=[d])), _empty
    ),
    **_config_calls("Get1XConfig", "Set1XConfig", "Set1XConfigMulti", _toggle_csn_only),
    "Card.WriteQRCode": Call(lambda invoke, d: card_pb2.WriteQRCodeRequest(QRText=QR_TEXT), _qr_check),
    **_config_calls("GetQRConfig", "SetQRConfig", "SetQRConfigMulti", _next_timeout),
    **_config_calls("GetCustomConfig", "SetCustomConfig", "SetCustomConfigMulti", _next_format),
    **_config_calls(
        "GetFacilityCodeConfig", "SetFacilityCodeConfig", "SetFacilityCodeConfigMulti", _one_facility_code
    ),
}
