"""gsdk.card.Card over the public API: the configurations are kept per terminal and read back,
Multi calls report each terminal, a model without a feature refuses it naming the flag, bad input
is INVALID_ARGUMENT naming the field, a blacklisted card is refused at the terminal, and smart
cards hold what Write put on them until Erase."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import grpc
import pytest
from grpc_status import rpc_status

from biohil.gsdk import auth_pb2, card_pb2, connect_pb2, err_pb2, user_pb2
from biohil.simcontrol import control_pb2
from biohil.simulator import Simulator, models
from biohil.simulator.models import DeviceSpec, fleet
from tests.conftest import raw_stubs

BS2, F2, W2, FS2, F2_NO_FP = fleet(5)  # five_sim's terminals, one of each model
SPECS = {spec.device_id: spec for spec in (BS2, F2, W2, FS2, F2_NO_FP)}
USER = "900501"
INVALID = grpc.StatusCode.INVALID_ARGUMENT
Stubs = dict[str, Any]


def _error(call: Callable[..., Any], request: Any) -> Any:
    """The error of a call that must fail."""
    with pytest.raises(grpc.RpcError) as info:
        call(request, timeout=10)
    return info.value


def _person(s: Stubs, device: int, **credential: Any) -> control_pb2.ActResponse:
    """A person presents a card at the terminal (to the auth engine)."""
    request = control_pb2.ActRequest(deviceID=device, input=control_pb2.CARD, credential=credential)
    reply: control_pb2.ActResponse = s["control"].Act(request, timeout=10)
    return reply


def _with_card(s: Stubs, call: Any, request: Any, device: int, token: bytes = b"") -> tuple[Any, bytes]:
    """A call that waits for a card (Scan, Write, Erase), and a person presenting one: a given
    card (`token`) or a new one. The call's answer and the card."""
    pending = call.future(request, timeout=10)
    credential = {"token": token} if token else {"unknown": True}
    act = control_pb2.ActRequest(
        deviceID=device, input=control_pb2.CARD, credential=credential, awaitScanMs=5000
    )
    reply = s["control"].Act(act, timeout=10)
    assert reply.captured
    return pending.result(), bytes(reply.token)


def _scan(s: Stubs, device: int, token: bytes) -> card_pb2.CardData:
    answer, _ = _with_card(s, s["card"].Scan, card_pb2.ScanRequest(deviceID=device), device, token)
    data: card_pb2.CardData = answer.cardData
    return data


def _smart_card(card_id: bytes, issue_count: int = 1, templates: int = 2) -> card_pb2.SmartCardData:
    return card_pb2.SmartCardData(
        header=card_pb2.SmartCardHeader(
            type=card_pb2.CARD_TYPE_SECURE,
            numOfTemplate=templates,
            templateSize=card_pb2.DEFAULT_TEMPLATE_SIZE,
            issueCount=issue_count,
            duressMask=0b1,
        ),
        cardID=card_id,
        credential=card_pb2.SmartCardCredential(templates=[bytes([i + 1]) * 300 for i in range(templates)]),
    )


def _write(s: Stubs, device: int, data: card_pb2.SmartCardData, token: bytes = b"") -> bytes:
    """Write data on a card (a new one unless given); the card."""
    request = card_pb2.WriteRequest(deviceID=device, smartCardData=data)
    _, card = _with_card(s, s["card"].Write, request, device, token)
    return card


def _erase(s: Stubs, device: int, token: bytes) -> None:
    _with_card(s, s["card"].Erase, card_pb2.EraseRequest(deviceID=device), device, token)


def _card_only(s: Stubs, device: int) -> None:
    modes = {False: auth_pb2.AUTH_MODE_CARD_ONLY, True: auth_pb2.AUTH_EXT_MODE_CARD_ONLY}
    config = auth_pb2.AuthConfig(
        authSchedules=[auth_pb2.AuthSchedule(mode=modes[SPECS[device].model.extended_auth], scheduleID=1)],
        matchTimeout=5,
        authTimeout=10,
    )
    s["auth"].SetConfig(auth_pb2.SetConfigRequest(deviceID=device, config=config), timeout=10)


def _enroll_card(s: Stubs, device: int, user: str, token: bytes) -> None:
    card = card_pb2.CSNCardData(type=card_pb2.CARD_TYPE_CSN, size=32, data=token)
    info = user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=user), cards=[card])
    s["user"].Enroll(user_pb2.EnrollRequest(deviceID=device, users=[info], overwrite=True), timeout=10)


def _events(reply: control_pb2.ActResponse) -> list[tuple[int, int, str]]:
    return [(e.eventCode, e.subCode, e.userID) for e in reply.events]


def _blacklist(s: Stubs, device: int) -> list[tuple[bytes, int]]:
    listed = s["card"].GetBlacklist(card_pb2.GetBlacklistRequest(deviceID=device), timeout=10).blacklist
    return [(bytes(i.cardID), i.issueCount) for i in listed]


def _multi_errors(err: Any) -> list[err_pb2.ErrorResponse]:
    """The per-terminal errors of a failed Multi call: the grpc-status-details-bin trailer holds a
    google.rpc.Status with exactly one detail, a gsdk.err.MultiErrorResponse."""
    status = rpc_status.from_call(err)
    assert status is not None, "no grpc-status-details-bin trailer"
    assert len(status.details) == 1 and status.details[0].Is(err_pb2.MultiErrorResponse.DESCRIPTOR)
    errors = err_pb2.MultiErrorResponse()
    status.details[0].Unpack(errors)
    return list(errors.deviceErrors)


# -- the configurations -----------------------------------------------------------------------------


def _configs(s: Stubs, device: int) -> dict[str, Any]:
    """Every card configuration the terminal's model has, by its Get method."""
    got = {}
    for get in ("GetConfig", "Get1XConfig", "GetQRConfig", "GetCustomConfig"):
        if not models.lacking(SPECS[device].model, f"Card.{get}"):
            request = getattr(card_pb2, f"{get}Request")(deviceID=device)
            got[get] = getattr(s["card"], get)(request, timeout=10).config
    return got


def test_a_fresh_terminal_has_the_documented_card_config_defaults(tmp_path: Path) -> None:
    with Simulator(tmp_path, devices=fleet(2)) as sim:
        creds = grpc.ssl_channel_credentials(root_certificates=sim.ca_file.read_bytes())
        with grpc.secure_channel(sim.address, creds) as channel:
            s = raw_stubs(channel)
            for spec in (BS2, F2):
                info = connect_pb2.ConnectInfo(IPAddr=spec.ip, port=spec.port)
                s["connect"].Connect(connect_pb2.ConnectRequest(connectInfo=info), timeout=10)
            bs2, f2 = _configs(s, BS2.device_id), _configs(s, F2.device_id)
    assert set(bs2) == {"GetConfig", "Get1XConfig"} and set(f2) == {
        "GetConfig",
        "GetQRConfig",
        "GetCustomConfig",
    }
    factory = card_pb2.CardConfig(
        mifareConfig=card_pb2.MifareConfig(primaryKey=b"\xff" * 6)
    )  # documented key
    assert bs2["GetConfig"] == f2["GetConfig"] == factory  # MSB, binary data: the zero values
    assert bs2["Get1XConfig"] == card_pb2.Card1XConfig(disabled=True)
    assert f2["GetQRConfig"] == card_pb2.QRConfig(useQRCode=False, scanTimeout=4)
    assert f2["GetCustomConfig"] == card_pb2.CustomConfig()


CHANGED: dict[str, Any] = {
    "GetConfig": card_pb2.CardConfig(
        byteOrder=card_pb2.LSB,
        dataType=card_pb2.DATA_BCD,
        useSecondaryKey=True,
        mifareConfig=card_pb2.MifareConfig(
            primaryKey=b"\x01" * 16, secondaryKey=b"\x02" * 16, startBlockIndex=4
        ),
        iClassConfig=card_pb2.IClassConfig(primaryKey=b"\x03" * 8, startBlockIndex=13),
        DESFireConfig=card_pb2.DESFireConfig(
            primaryKey=b"\x04" * 16, appID=b"\x00\x00\x01", fileID=2, encryptionType=card_pb2.ENC_AES
        ),
        SEOSConfig=card_pb2.SEOSConfig(OIDADF=b"\x05" * 13, OIDDataObjectID=[1, 2], sizeDataObject=[8, 16]),
        formatID=7,
        smartCardByteOrder=card_pb2.LSB,
        mifareEncryption=card_pb2.MIFARE_ENCRYPTION_AES128,
    ),
    "Get1XConfig": card_pb2.Card1XConfig(
        useCSNOnly=True,
        primaryKey=b"\x06" * 6,
        CISIndex=1,
        numOfTemplate=2,
        templateSize=384,
        templateStartBlocks=[8, 20],
    ),
    "GetQRConfig": card_pb2.QRConfig(useQRCode=True, scanTimeout=10, treatAsCSN=True),
    "GetCustomConfig": card_pb2.CustomConfig(
        dataType=card_pb2.DATA_ASCII,
        mifare=card_pb2.CustomMifareCard(primaryKey=b"\x07" * 6, startBlockIndex=4, dataSize=16, skipBytes=2),
        desfire=card_pb2.CustomDESFireCard(
            appID=b"\x01\x02\x03",
            operationMode=card_pb2.OPERATION_APPLEVELKEY,
            desfireAppKey=card_pb2.DESFireAppLevelKey(appMasterKey=b"\x08" * 16, fileReadKeyNumber=1),
        ),
        formatID=3,
    ),
}
SETTERS = {
    "GetConfig": "SetConfig",
    "Get1XConfig": "Set1XConfig",
    "GetQRConfig": "SetQRConfig",
    "GetCustomConfig": "SetCustomConfig",
}


@pytest.mark.parametrize("spec", [BS2, F2], ids=["BioStation2", "FaceStationF2"])
def test_each_card_config_set_is_read_back_whole_and_stays_the_terminals_own(
    five: Stubs, spec: DeviceSpec
) -> None:
    d = spec.device_id
    before, others = _configs(five, d), {o: _configs(five, o) for o in SPECS if o != d}
    try:
        for get in before:
            setter = SETTERS[get]
            getattr(five["card"], setter)(
                getattr(card_pb2, f"{setter}Request")(deviceID=d, config=CHANGED[get]), timeout=10
            )
        assert _configs(five, d) == {get: CHANGED[get] for get in before}
        assert {o: _configs(five, o) for o in others} == others  # no other terminal changed
    finally:
        for get, config in before.items():
            setter = SETTERS[get]
            getattr(five["card"], setter)(
                getattr(card_pb2, f"{setter}Request")(deviceID=d, config=config), timeout=10
            )


def test_a_multi_call_changes_each_terminal_that_can_and_names_the_one_that_cannot(five: Stubs) -> None:
    """SetQRConfigMulti on the F2 (a QR reader) and the BioStation 2 (none): the F2 changes, and
    the failure names the BioStation 2 in a MultiErrorResponse; a bad config fails the whole call."""
    f2, bs2 = F2.device_id, BS2.device_id

    def get(d: int) -> card_pb2.QRConfig:
        config: card_pb2.QRConfig = (
            five["card"].GetQRConfig(card_pb2.GetQRConfigRequest(deviceID=d), timeout=10).config
        )
        return config

    before = get(f2)
    try:
        request = card_pb2.SetQRConfigMultiRequest(deviceIDs=[f2, bs2], config=CHANGED["GetQRConfig"])
        err = _error(five["card"].SetQRConfigMulti, request)
        assert err.code() == grpc.StatusCode.UNIMPLEMENTED  # the first failing terminal's (multi_status)
        (failed,) = _multi_errors(err)
        assert failed.deviceID == bs2 and failed.code == grpc.StatusCode.UNIMPLEMENTED.value[0]
        assert "QRSupported is false" in failed.msg, failed.msg
        assert get(f2) == CHANGED["GetQRConfig"]

        bad = card_pb2.QRConfig(useQRCode=True, scanTimeout=30)
        err = _error(
            five["card"].SetQRConfigMulti, card_pb2.SetQRConfigMultiRequest(deviceIDs=[f2], config=bad)
        )
        assert (
            err.code() == INVALID
            and "Card.SetQRConfigMulti: config.scanTimeout is 30 s; use 4..10 s" in err.details()
        )
        assert get(f2) == CHANGED["GetQRConfig"]  # unchanged

        both = card_pb2.SetQRConfigMultiRequest(deviceIDs=[f2, F2_NO_FP.device_id], config=before)
        five["card"].SetQRConfigMulti(both, timeout=10)  # every terminal can: OK, nothing in the details
        assert get(f2) == get(F2_NO_FP.device_id) == before
    finally:
        five["card"].SetQRConfig(card_pb2.SetQRConfigRequest(deviceID=f2, config=before), timeout=10)


def test_a_blacklist_multi_call_reports_a_terminal_not_connected_and_lists_on_the_others(five: Stubs) -> None:
    card = card_pb2.BlacklistItem(cardID=b"\x12\x34\x56\x78", issueCount=0)
    ids = [BS2.device_id, 123456789, W2.device_id]
    try:
        err = _error(
            five["card"].AddBlacklistMulti, card_pb2.AddBlacklistMultiRequest(deviceIDs=ids, cardInfos=[card])
        )
        assert err.code() == grpc.StatusCode.NOT_FOUND
        (failed,) = _multi_errors(err)
        assert (failed.deviceID, failed.code) == (123456789, grpc.StatusCode.NOT_FOUND.value[0])
        listed = (b"\0" * 28 + b"\x12\x34\x56\x78", 0)  # the card ID as its 32-byte block
        assert _blacklist(five, BS2.device_id) == _blacklist(five, W2.device_id) == [listed]
        assert _blacklist(five, F2.device_id) == []
    finally:
        clear = card_pb2.DeleteAllBlacklistMultiRequest(deviceIDs=[BS2.device_id, W2.device_id])
        five["card"].DeleteAllBlacklistMulti(clear, timeout=10)
    assert _blacklist(five, BS2.device_id) == _blacklist(five, W2.device_id) == []


# What each model lacks of the card service: its calls are refused naming the flag.
FEATURE_CALLS = {
    "card1xSupported": ("Get1XConfig", "Set1XConfig"),
    "QRSupported": ("GetQRConfig", "SetQRConfig"),
    "customSmartCardSupported": ("GetCustomConfig", "SetCustomConfig"),
    "facilityCodeSupported": ("GetFacilityCodeConfig", "SetFacilityCodeConfig"),
}


@pytest.mark.parametrize("spec", [BS2, F2, W2, FS2, F2_NO_FP], ids=lambda s: s.model.name.replace(" ", ""))
def test_a_model_without_a_card_feature_refuses_its_calls_naming_the_flag(
    five: Stubs, spec: DeviceSpec
) -> None:
    lacking = [flag for flag in FEATURE_CALLS if not spec.model.has(flag)]
    assert "facilityCodeSupported" in lacking  # the DI-24 door interface's, no simulated model's
    for flag in lacking:
        for method in FEATURE_CALLS[flag]:
            err = _error(
                getattr(five["card"], method), getattr(card_pb2, f"{method}Request")(deviceID=spec.device_id)
            )
            assert err.code() == grpc.StatusCode.UNIMPLEMENTED, (method, err.details())
            assert (
                err.details()
                == f"Card.{method}: {spec.model.name} {spec.device_id} does not support it ({flag} is false)"
            )
    assert {f for f in FEATURE_CALLS if f not in lacking} == {
        BS2: {"card1xSupported"},
        W2: {"card1xSupported"},
        F2: {"QRSupported", "customSmartCardSupported"},
        F2_NO_FP: {"QRSupported", "customSmartCardSupported"},
        FS2: set(),
    }[spec]


BAD: list[tuple[str, str, Any, str]] = [
    # (id, method, request for terminal d, the message's words)
    (
        "mifare_key_too_long",
        "SetConfig",
        lambda d: card_pb2.SetConfigRequest(
            deviceID=d,
            config=card_pb2.CardConfig(
                mifareConfig=card_pb2.MifareConfig(primaryKey=bytes(20)),
                mifareEncryption=card_pb2.MIFARE_ENCRYPTION_AES128,
            ),
        ),
        "Card.SetConfig: config.mifareConfig.primaryKey is 20 bytes, at most 16",
    ),
    (
        "crypto1_key_of_aes_size",
        "SetConfig",
        lambda d: card_pb2.SetConfigRequest(
            deviceID=d, config=card_pb2.CardConfig(mifareConfig=card_pb2.MifareConfig(secondaryKey=bytes(16)))
        ),
        "config.mifareConfig.secondaryKey is 16 bytes, at most 6 with mifareEncryption "
        "MIFARE_ENCRYPTION_CRYPTO1",
    ),
    (
        "undefined_byte_order",
        "SetConfig",
        lambda d: card_pb2.SetConfigRequest(deviceID=d, config=card_pb2.CardConfig(byteOrder=7)),  # type: ignore[arg-type]
        "Card.SetConfig: config.byteOrder 7 is not one of MSB (0), LSB (1)",
    ),
    (
        "desfire_app_id",
        "SetConfig",
        lambda d: card_pb2.SetConfigRequest(
            deviceID=d, config=card_pb2.CardConfig(DESFireConfig=card_pb2.DESFireConfig(appID=b"1234"))
        ),
        "config.DESFireConfig.appID is 4 bytes, at most 3",
    ),
    (
        "seos_sizes_missing",
        "SetConfig",
        lambda d: card_pb2.SetConfigRequest(
            deviceID=d, config=card_pb2.CardConfig(SEOSConfig=card_pb2.SEOSConfig(OIDDataObjectID=[1]))
        ),
        "config.SEOSConfig.sizeDataObject has 0 sizes for 1 OIDDataObjectID",
    ),
    (
        "negative_block",
        "SetConfig",
        lambda d: card_pb2.SetConfigRequest(
            deviceID=d, config=card_pb2.CardConfig(iClassConfig=card_pb2.IClassConfig(startBlockIndex=-1))
        ),
        "config.iClassConfig.startBlockIndex is -1; a card's blocks are 0..255",
    ),
    (
        "1x_templates",
        "Set1XConfig",
        lambda d: card_pb2.Set1XConfigRequest(deviceID=d, config=card_pb2.Card1XConfig(numOfTemplate=5)),
        "Card.Set1XConfig: config.numOfTemplate is 5, at most 4",
    ),
    (
        "qr_timeout_zero",
        "SetQRConfig",
        lambda d: card_pb2.SetQRConfigRequest(deviceID=d, config=card_pb2.QRConfig(useQRCode=True)),
        "Card.SetQRConfig: config.scanTimeout is 0 s; use 4..10 s",
    ),
    (
        "custom_data_size",
        "SetCustomConfig",
        lambda d: card_pb2.SetCustomConfigRequest(
            deviceID=d, config=card_pb2.CustomConfig(desfire=card_pb2.CustomDESFireCard(dataSize=33))
        ),
        "Card.SetCustomConfig: config.desfire.dataSize is 33, at most 32",
    ),
    (
        "blacklist_empty",
        "AddBlacklist",
        lambda d: card_pb2.AddBlacklistRequest(deviceID=d),
        "Card.AddBlacklist: cardInfos is empty",
    ),
    (
        "blacklist_card_id_too_long",
        "DeleteBlacklist",
        lambda d: card_pb2.DeleteBlacklistRequest(
            deviceID=d, cardInfos=[card_pb2.BlacklistItem(cardID=bytes(33))]
        ),
        "Card.DeleteBlacklist: cardInfos[0].cardID is 33 bytes; use 1..32",
    ),
    (
        "blacklist_same_card_twice",
        "AddBlacklist",
        lambda d: card_pb2.AddBlacklistRequest(
            deviceID=d,
            cardInfos=[card_pb2.BlacklistItem(cardID=b"\x01"), card_pb2.BlacklistItem(cardID=b"\x00\x01")],
        ),
        "Card.AddBlacklist: cardInfos[1] names the same card as cardInfos[0]",
    ),
    (
        "qr_text_too_long",
        "WriteQRCode",
        lambda d: card_pb2.WriteQRCodeRequest(QRText="x" * 33),
        "Card.WriteQRCode: QRText has 33 characters; use 1..32",
    ),
    (
        "qr_text_not_ascii",
        "WriteQRCode",
        lambda d: card_pb2.WriteQRCodeRequest(QRText="caf\u00e9"),
        "Card.WriteQRCode: QRText holds U+00E9 at position 3",
    ),
]


@pytest.mark.parametrize(("method", "request_for", "words"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_card_input_is_invalid_argument_naming_the_field_and_changes_nothing(
    five: Stubs, method: str, request_for: Callable[[int], Any], words: str
) -> None:
    d = F2.device_id if "QR" in method or "Custom" in method else BS2.device_id
    before = _configs(five, d), _blacklist(five, d)
    err = _error(getattr(five["card"], method), request_for(d))
    assert err.code() == INVALID and words in err.details(), err.details()
    assert (_configs(five, d), _blacklist(five, d)) == before


# -- the blacklist at the door ------------------------------------------------------------------------


@pytest.mark.parametrize("spec", [BS2, F2], ids=["BioStation2", "FaceStationF2"])
def test_a_blacklisted_card_is_denied_at_the_terminal_until_it_is_taken_off(
    five: Stubs, spec: DeviceSpec
) -> None:
    """The planted-bug check: the same card before, on and after the blacklist, read from what
    the terminal logs."""
    d = spec.device_id
    _card_only(five, d)
    token = bytes(_person(five, d, unknown=True).token)
    _enroll_card(five, d, USER, token)
    item = card_pb2.BlacklistItem(cardID=token)  # the 32-byte block a Scan gives
    try:
        assert _events(_person(five, d, token=token)) == [(0x1000, 0x06, USER)]
        five["card"].AddBlacklist(card_pb2.AddBlacklistRequest(deviceID=d, cardInfos=[item]), timeout=10)
        denied = _person(five, d, token=token)
        assert _events(denied) == [(0x1900, 0x04, USER)]  # ACCESS_DENIED, ON_BLACKLIST
        assert denied.events[0].cardData == token
        assert _events(_person(five, d, token=token[-7:].rjust(32, b"\0"))) == [(0x1900, 0x04, USER)]
        five["card"].DeleteBlacklist(
            card_pb2.DeleteBlacklistRequest(deviceID=d, cardInfos=[item]), timeout=10
        )
        assert _events(_person(five, d, token=token)) == [(0x1000, 0x06, USER)]
        stranger = bytes(_person(five, d, unknown=True).token)
        five["card"].AddBlacklist(card_pb2.AddBlacklistRequest(deviceID=d, cardInfos=[item]), timeout=10)
        five["card"].DeleteAllBlacklist(card_pb2.DeleteAllBlacklistRequest(deviceID=d), timeout=10)
        assert _events(_person(five, d, token=token)) == [(0x1000, 0x06, USER)]
        assert _events(_person(five, d, token=stranger)) == [(0x1100, 0x02, "")]  # unknown, not listed
    finally:
        five["card"].DeleteAllBlacklist(card_pb2.DeleteAllBlacklistRequest(deviceID=d), timeout=10)
        five["user"].Delete(user_pb2.DeleteRequest(deviceID=d, userIDs=[USER]), timeout=10)


def test_a_written_smart_card_is_listed_by_card_id_and_issue_count(five: Stubs) -> None:
    """A lost smart card (issue 1) is blacklisted; the same card ID issued again (issue 2) opens."""
    d = BS2.device_id
    _card_only(five, d)
    card_id = b"SC-0001".rjust(24, b"\0")
    token = _write(five, d, _smart_card(card_id, issue_count=1))
    _enroll_card(five, d, USER, token)
    lost = card_pb2.BlacklistItem(cardID=card_id, issueCount=1)
    try:
        five["card"].AddBlacklist(card_pb2.AddBlacklistRequest(deviceID=d, cardInfos=[lost]), timeout=10)
        assert _events(_person(five, d, token=token)) == [(0x1900, 0x04, USER)]
        _erase(five, d, token)
        assert _events(_person(five, d, token=token)) == [(0x1000, 0x06, USER)]  # blank: its CSN only
        _write(five, d, _smart_card(card_id, issue_count=2), token)
        assert _events(_person(five, d, token=token)) == [(0x1000, 0x06, USER)]  # issued again
    finally:
        five["card"].DeleteAllBlacklist(card_pb2.DeleteAllBlacklistRequest(deviceID=d), timeout=10)
        five["user"].Delete(user_pb2.DeleteRequest(deviceID=d, userIDs=[USER]), timeout=10)


# -- smart cards and QR codes ----------------------------------------------------------------------------


def test_write_puts_data_on_the_card_scan_reads_it_anywhere_and_erase_wipes_it(five: Stubs) -> None:
    data = _smart_card(b"\x42" * 24, issue_count=3)
    token = _write(five, BS2.device_id, data)
    for device in (BS2.device_id, F2.device_id):  # the contents go with the card
        read = _scan(five, device, token)
        assert read.type == card_pb2.CARD_TYPE_SECURE and read.smartCardData.cardID == data.cardID
        header = read.smartCardData.header
        assert header.headerCRC and header.cardCRC  # Write computes them
        header.headerCRC = header.cardCRC = 0
        assert read.smartCardData == data
    err = _error_with_card(five, card_pb2.WriteRequest(deviceID=BS2.device_id, smartCardData=data), token)
    assert err.code() == grpc.StatusCode.FAILED_PRECONDITION and "Erase it first" in err.details()
    _erase(five, F2.device_id, token)
    blank = _scan(five, BS2.device_id, token)
    assert (blank.type, blank.CSNCardData.data) == (card_pb2.CARD_TYPE_CSN, token)
    _erase(five, BS2.device_id, token)  # a blank card erases too
    _write(five, BS2.device_id, data, token)  # and takes data again once erased
    _erase(five, BS2.device_id, token)


def _error_with_card(s: Stubs, request: card_pb2.WriteRequest, token: bytes) -> Any:
    """A Write that fails once the card is presented."""
    pending = s["card"].Write.future(request, timeout=10)
    act = control_pb2.ActRequest(
        deviceID=request.deviceID, input=control_pb2.CARD, credential={"token": token}, awaitScanMs=5000
    )
    assert s["control"].Act(act, timeout=10).captured
    with pytest.raises(grpc.RpcError) as info:
        pending.result()
    return info.value


SMART_BAD: list[tuple[str, Callable[[card_pb2.SmartCardData], None], str]] = [
    (
        "csn_type",
        lambda c: setattr(c.header, "type", card_pb2.CARD_TYPE_CSN),
        "smartCardData.header.type 1 is not",
    ),
    (
        "five_templates",
        lambda c: c.header.__setattr__("numOfTemplate", 5),
        "smartCardData.header.numOfTemplate is 5; a card holds at most 4",
    ),
    (
        "count_mismatch",
        lambda c: c.credential.templates.append(b"\x09" * 10),
        "numOfTemplate is 2, but smartCardData.credential.templates holds 3",
    ),
    (
        "template_too_big",
        lambda c: c.header.__setattr__("templateSize", 200),
        "smartCardData.credential.templates[0] is 300 bytes; header.templateSize says 1..200",
    ),
    (
        "three_faces",
        lambda c: c.header.__setattr__("numOfFaceTemplate", 3),
        "smartCardData.header.numOfFaceTemplate is 3; a card holds at most 2",
    ),
    (
        "secure_card_id",
        lambda c: setattr(c, "cardID", bytes(25)),
        "smartCardData.cardID is 25 bytes; a CARD_TYPE_SECURE card's ID is 1..24",
    ),
    (
        "duress_beyond",
        lambda c: c.header.__setattr__("duressMask", 0b100),
        "smartCardData.header.duressMask 0x4 marks a template",
    ),
    (
        "pin_digits",
        lambda c: c.credential.__setattr__("PIN", b"1234"),
        "smartCardData.credential.PIN is 4 bytes",
    ),
]


@pytest.mark.parametrize(("spoil", "words"), [b[1:] for b in SMART_BAD], ids=[b[0] for b in SMART_BAD])
def test_write_refuses_bad_smart_card_data_naming_the_field_before_asking_for_a_card(
    five: Stubs, spoil: Callable[[card_pb2.SmartCardData], None], words: str
) -> None:
    data = _smart_card(b"\x01" * 8)
    spoil(data)
    err = _error(five["card"].Write, card_pb2.WriteRequest(deviceID=FS2.device_id, smartCardData=data))
    assert err.code() == INVALID and err.details().startswith("Card.Write: ") and words in err.details(), (
        err.details()
    )
    stats = five["control"].GetStats(control_pb2.GetStatsRequest(), timeout=10)
    assert stats.waitingScans == 0  # refused before any card was asked for


def test_write_qr_code_gives_the_32_byte_qr_card_data_a_user_enrolls_with(five: Stubs) -> None:
    data = five["card"].WriteQRCode(card_pb2.WriteQRCodeRequest(QRText="biohil-4711"), timeout=10).cardData
    assert (data.type, data.size, data.data) == (card_pb2.CARD_TYPE_QR, 32, b"biohil-4711".ljust(32, b"\0"))
    info = user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), cards=[data])
    d = F2.device_id
    five["user"].Enroll(user_pb2.EnrollRequest(deviceID=d, users=[info], overwrite=True), timeout=10)
    try:
        held = five["user"].Get(user_pb2.GetRequest(deviceID=d, userIDs=[USER]), timeout=10).users[0]
        assert list(held.cards) == [data]
    finally:
        five["user"].Delete(user_pb2.DeleteRequest(deviceID=d, userIDs=[USER]), timeout=10)


def test_concurrent_scans_of_one_terminal_keep_one_card_reader(five: Stubs) -> None:
    """A Write waiting for a card holds the card reader: a Scan meanwhile is ABORTED, the Write
    then takes the card presented."""
    d = W2.device_id
    pending = five["card"].Write.future(
        card_pb2.WriteRequest(deviceID=d, smartCardData=_smart_card(b"\x05" * 4)), timeout=10
    )
    five["control"].AwaitScan(
        control_pb2.AwaitScanRequest(deviceID=d, input=control_pb2.CARD, timeoutMs=5000), timeout=10
    )
    err = _error(five["card"].Scan, card_pb2.ScanRequest(deviceID=d))
    assert err.code() == grpc.StatusCode.ABORTED
    act = control_pb2.ActRequest(
        deviceID=d, input=control_pb2.CARD, credential={"unknown": True}, awaitScanMs=5000
    )
    token = five["control"].Act(act, timeout=10).token
    pending.result()
    assert _scan(five, d, token).smartCardData.cardID == b"\x05" * 4
