"""Every capability flag and count a simulated terminal advertises is true of what the simulator
serves. A flag that is on (a count above 0) must be backed by calls that answer, and answer
plausibly; one that is off is allowed, except that an auth mode whose flag is off must also be
refused. The fields come from the message descriptors, so a new proto field has no entry in the
table below and fails the entries test, naming it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf import descriptor_pool, message_factory
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import (
    ProtoReflectionDescriptorDatabase,
)

from biohil.authmodes import CLASSIC_MODES, EXTENDED_MODES, capability_flag, mode_name
from biohil.gsdk import auth_pb2, card_pb2, connect_pb2, device_pb2, event_pb2, face_pb2, finger_pb2, user_pb2
from biohil.simcontrol import control_pb2
from biohil.simulator import Simulator, credentials, faceimage, models
from biohil.simulator.models import FLEET_MODELS, DeviceSpec, fleet
from tests.conftest import raw_stubs

SPECS = fleet(len(FLEET_MODELS))  # one terminal of each model
USER = "900201"  # the user a check enrolls (and deletes again)
NOT_SERVED = (grpc.StatusCode.UNIMPLEMENTED, grpc.StatusCode.UNKNOWN, grpc.StatusCode.INTERNAL)
INVALID = grpc.StatusCode.INVALID_ARGUMENT


@dataclass
class Terminal:
    """A connected simulated terminal and what it advertises (which a test may change)."""

    spec: DeviceSpec
    channel: grpc.Channel
    cap_info: device_pb2.CapabilityInfo
    cap: device_pb2.DeviceCapability
    stubs: dict[str, Any] = field(init=False)

    def __post_init__(self) -> None:
        self.stubs = raw_stubs(self.channel)

    @property
    def id(self) -> int:
        return self.spec.device_id


def _terminal(channel: grpc.Channel, spec: DeviceSpec) -> Terminal:
    device = raw_stubs(channel)["device"]
    info = device.GetCapabilityInfo(device_pb2.GetCapabilityInfoRequest(deviceID=spec.device_id), timeout=10)
    cap = device.GetCapability(device_pb2.GetCapabilityRequest(deviceID=spec.device_id), timeout=10)
    return Terminal(spec, channel, info.capInfo, cap.deviceCapability)


def _refusal(call: Callable[..., Any], request: Message, taken: str) -> tuple[grpc.StatusCode, str]:
    """The status of a call that must fail; if it does not, an AssertionError saying what was
    `taken` (the audit reports it)."""
    try:
        call(request, timeout=10)
    except grpc.RpcError as e:
        err: Any = e
        return err.code(), err.details()
    raise AssertionError(f"{taken} is taken")


# -- the checks: each gets the terminal and the advertised value (1 for a flag) ------------------

Check = Callable[[Terminal, int], None]


def _answer(t: Terminal, method: str) -> grpc.StatusCode:
    """What a call of a gateway method ("gsdk.user.User.Update") with only the terminal's device
    ID answers, built from the server's own descriptors (reflection) as any client could; a method
    the server does not list is UNIMPLEMENTED, as its call would be."""
    service_name, _, name = method.rpartition(".")
    pool = descriptor_pool.DescriptorPool(ProtoReflectionDescriptorDatabase(t.channel))
    try:
        described = pool.FindServiceByName(service_name).methods_by_name[name]
    except KeyError:
        return grpc.StatusCode.UNIMPLEMENTED
    request = message_factory.GetMessageClass(described.input_type)()
    if "deviceID" in described.input_type.fields_by_name:
        request.deviceID = t.id  # type: ignore[attr-defined]
    reply = message_factory.GetMessageClass(described.output_type)
    call = t.channel.unary_unary(
        f"/{service_name}/{name}",
        request_serializer=lambda m: m.SerializeToString(),
        response_deserializer=reply.FromString,
    )
    try:
        call(request, timeout=10)
    except grpc.RpcError as e:
        err: Any = e
        return err.code()
    return grpc.StatusCode.OK


def _calls_of(feature: str) -> Check:
    """The calls models.SERVED_BY names for a feature answer on the terminal, OK or refusing the
    bare request; issue 27, serving them, replaces this with what each answers."""

    def check(t: Terminal, value: int) -> None:
        for method in models.SERVED_BY[feature]:
            code = _answer(t, method)
            assert code not in NOT_SERVED, f"{method} answers {code.name}"

    return check


def _enroll(t: Terminal, **fields: Any) -> user_pb2.UserInfo:
    """Enroll USER with these UserInfo fields; returns the user as the terminal reads it back."""
    user = user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), **fields)
    t.stubs["user"].Enroll(user_pb2.EnrollRequest(deviceID=t.id, users=[user], overwrite=True), timeout=10)
    return _read(t)


def _read(t: Terminal) -> user_pb2.UserInfo:
    got = t.stubs["user"].Get(user_pb2.GetRequest(deviceID=t.id, userIDs=[USER]), timeout=10)
    return got.users[0]  # type: ignore[no-any-return]


def _delete(t: Terminal) -> None:
    t.stubs["user"].Delete(user_pb2.DeleteRequest(deviceID=t.id, userIDs=[USER]), timeout=10)


def _users(t: Terminal, n: int) -> None:
    assert t.cap.maxUsers == t.cap_info.maxNumOfUser == n, "the two user capacities differ"
    _enroll(t)
    listed = t.stubs["user"].GetList(user_pb2.GetListRequest(deviceID=t.id), timeout=10).hdrs
    _delete(t)
    assert USER in {h.ID for h in listed}


def _event_log(t: Terminal, n: int) -> None:
    """The log answers, and the simulator's own control API keeps that many records at most
    (test_a_terminals_event_log_keeps_as_many_records_as_it_advertises watches them go)."""
    t.stubs["event"].GetLog(event_pb2.GetLogRequest(deviceID=t.id, maxNumOfLog=1), timeout=10)
    fill = control_pb2.FillLogRequest(deviceID=t.id, count=n + 1)
    code, details = _refusal(t.stubs["control"].FillLog, fill, f"Control.FillLog of {n + 1} records")
    assert code == INVALID and f"1..{n}" in details, details


def _config(modes: list[int], operators: int = 0) -> auth_pb2.AuthConfig:
    return auth_pb2.AuthConfig(
        authSchedules=[auth_pb2.AuthSchedule(mode=m, scheduleID=1) for m in modes],  # type: ignore[arg-type]
        operators=[
            auth_pb2.Operator(userID=str(900300 + i), level=auth_pb2.OPERATOR_LEVEL_ADMIN)
            for i in range(operators)
        ],
        matchTimeout=5,
        authTimeout=10,
    )


def _set_config(t: Terminal, config: auth_pb2.AuthConfig) -> None:
    t.stubs["auth"].SetConfig(auth_pb2.SetConfigRequest(deviceID=t.id, config=config), timeout=10)


def _operators(t: Terminal, n: int) -> None:
    _set_config(t, _config([], operators=n))  # no mode: whichever family the terminal has
    got = t.stubs["auth"].GetConfig(auth_pb2.GetConfigRequest(deviceID=t.id), timeout=10).config
    assert len(got.operators) == n, f"GetConfig gives {len(got.operators)} operators"
    request = auth_pb2.SetConfigRequest(deviceID=t.id, config=_config([], operators=n + 1))
    code, details = _refusal(t.stubs["auth"].SetConfig, request, f"an AuthConfig of {n + 1} operators")
    assert code == INVALID and f"at most {n}" in details, details


def _blacklist(t: Terminal, n: int) -> None:
    """The blacklist takes that many cards and refuses one more naming the limit (then it is emptied)."""
    cards = [card_pb2.BlacklistItem(cardID=i.to_bytes(4, "big")) for i in range(1, n + 2)]
    stub = t.stubs["card"]
    try:
        stub.AddBlacklist(card_pb2.AddBlacklistRequest(deviceID=t.id, cardInfos=cards[:n]), timeout=10)
        listed = stub.GetBlacklist(card_pb2.GetBlacklistRequest(deviceID=t.id), timeout=10).blacklist
        assert len(listed) == n, f"GetBlacklist lists {len(listed)} of {n} cards"
        request = card_pb2.AddBlacklistRequest(deviceID=t.id, cardInfos=cards[n:])
        code, details = _refusal(stub.AddBlacklist, request, f"card {n + 1} on the blacklist")
        assert code == grpc.StatusCode.RESOURCE_EXHAUSTED and f"at most {n}" in details, details
    finally:
        stub.DeleteAllBlacklist(card_pb2.DeleteAllBlacklistRequest(deviceID=t.id), timeout=10)


def _name(t: Terminal, n: int) -> None:
    got = _enroll(t, name="Ada Lovelace")
    _delete(t)
    assert got.name == "Ada Lovelace", f"the name reads back as {got.name!r}"


def _photo(t: Terminal, n: int) -> None:
    photo = faceimage.face_jpeg(credentials.new_identity(), colour=True)
    got = _enroll(t, photo=photo)
    _delete(t)
    assert got.photo == photo, "the photo does not read back"


def _person(t: Terminal, kind: control_pb2.Input) -> control_pb2.ActRequest:
    unknown = control_pb2.Credential(unknown=True)
    return control_pb2.ActRequest(deviceID=t.id, input=kind, credential=unknown, awaitScanMs=5000)


def _scan(t: Terminal, stub: str, request: Message, kind: control_pb2.Input) -> Any:
    """A Scan with a person presenting a new credential once it waits; the Scan's reply."""
    pending = t.stubs[stub].Scan.future(request, timeout=10)
    assert t.stubs["control"].Act(_person(t, kind), timeout=10).captured
    return pending.result()


def _card_scan(t: Terminal, n: int) -> None:
    """A card reader of CSN cards (EM and MIFARE alike): Card.Scan gives the 32-byte block."""
    reply = _scan(t, "card", card_pb2.ScanRequest(deviceID=t.id), control_pb2.CARD)
    assert len(reply.cardData.CSNCardData.data) == credentials.CARD_BYTES


def _finger_scan(t: Terminal, n: int) -> None:
    request = finger_pb2.ScanRequest(deviceID=t.id, qualityThreshold=50)
    reply = _scan(t, "finger", request, control_pb2.FINGER)
    assert reply.templateData and reply.qualityScore >= 50


def _face_scan(t: Terminal, n: int) -> None:
    reply = _scan(t, "face", face_pb2.ScanRequest(deviceID=t.id), control_pb2.FACE)
    assert reply.faceData.templates and reply.faceData.imageData


def _visual_face_scan(t: Terminal, n: int) -> None:
    face = _scan(t, "face", face_pb2.ScanRequest(deviceID=t.id), control_pb2.FACE).faceData
    assert face.flag & face_pb2.BS2_FACE_FLAG_EX and face.irTemplates, "the face data is not visual"


def _typed(input: control_pb2.Input, digits: str) -> Check:
    """The terminal's keypad takes typed digits (its auth engine answers, however it decides)."""

    def check(t: Terminal, n: int) -> None:
        t.stubs["control"].Act(control_pb2.ActRequest(deviceID=t.id, input=input, digits=digits), timeout=10)

    return check


def _extended(t: Terminal, n: int) -> None:
    _set_config(t, _config([auth_pb2.AUTH_EXT_MODE_CARD_ONLY]))
    request = auth_pb2.SetConfigRequest(deviceID=t.id, config=_config([auth_pb2.AUTH_MODE_CARD_ONLY]))
    code, details = _refusal(t.stubs["auth"].SetConfig, request, "AUTH_MODE_CARD_ONLY as well")
    assert code == INVALID, f"AUTH_MODE_CARD_ONLY is refused with {code.name}: {details}"


def _new(kind: str, t: Terminal) -> Any:
    """A credential of a kind as a client enrolls it (cards, fingers, faces of its family)."""
    if kind == "card":
        return card_pb2.CSNCardData(
            type=card_pb2.CARD_TYPE_CSN, size=credentials.CARD_BYTES, data=credentials.new_card()
        )
    identity = credentials.new_identity()
    if kind == "fingerprint":
        quality = credentials.GOOD_QUALITY
        return finger_pb2.FingerData(templates=[credentials.finger_template(identity, quality)] * 2)
    return credentials.face_data(identity, visual=t.cap.faceExSupported)


# The User call that sets a kind's credentials: method, request, its list, the entry type, its field.
_SETTERS: dict[str, tuple[str, type[Message], str, type[Message], str]] = {
    "card": ("SetCard", user_pb2.SetCardRequest, "userCards", user_pb2.UserCard, "cards"),
    "fingerprint": ("SetFinger", user_pb2.SetFingerRequest, "userFingers", user_pb2.UserFinger, "fingers"),
    "face": ("SetFace", user_pb2.SetFaceRequest, "userFaces", user_pb2.UserFace, "faces"),
}


def _setter(t: Terminal, kind: str, items: list[Any]) -> tuple[Callable[..., Any], Message]:
    """The call that gives USER these credentials of the kind, and its request."""
    method, request, listed, entry, name = _SETTERS[kind]
    user = entry(userID=USER, **{name: items})
    return getattr(t.stubs["user"], method), request(deviceID=t.id, **{listed: [user]})


def _set(t: Terminal, kind: str, items: list[Any]) -> None:
    call, request = _setter(t, kind, items)
    call(request, timeout=10)


def _stored(kind: str) -> Check:
    """A user's credential of the kind is stored and read back (the terminal's total capacity
    of them is more than a test can fill)."""

    def check(t: Terminal, n: int) -> None:
        _enroll(t)
        _set(t, kind, [_new(kind, t)])
        got = _read(t)
        _delete(t)
        assert len(getattr(got, _SETTERS[kind][4])) == 1, f"the {kind} does not read back"

    return check


def _per_user(kind: str) -> Check:
    """A user takes that many credentials of the kind, and one more is refused naming the limit."""

    def check(t: Terminal, n: int) -> None:
        _enroll(t)
        try:
            _set(t, kind, [_new(kind, t) for _ in range(n)])
            stored = len(getattr(_read(t), _SETTERS[kind][4]))
            assert stored == n, f"{stored} of {n} {kind} credentials read back"
            code, details = _refusal(
                *_setter(t, kind, [_new(kind, t) for _ in range(n + 1)]), f"{n + 1} {kind} credentials"
            )
            assert code == INVALID and f"at most {n}" in details, details
        finally:
            _delete(t)

    return check


def _mode_taken(mode: int) -> Check:
    def check(t: Terminal, n: int) -> None:
        _set_config(t, _config([mode]))

    return check


def _mode_refused(mode: int) -> Check:
    def check(t: Terminal, n: int) -> None:
        request = auth_pb2.SetConfigRequest(deviceID=t.id, config=_config([mode]))
        code, details = _refusal(t.stubs["auth"].SetConfig, request, mode_name(mode))
        assert code == INVALID, f"{mode_name(mode)} is refused with {code.name}: {details}"

    return check


# -- the table: every flag and count of CapabilityInfo and DeviceCapability -----------------------


@dataclass(frozen=True)
class Entry:
    what: str  # what backs the field, in words
    on: Check | None = None  # run when the flag is on / the count above 0; None: it must be off
    off: Check | None = None  # run when it is off (an auth mode: it is refused)


def _served(feature: str, what: str) -> Entry:
    calls = ", ".join(m.removeprefix("gsdk.") for m in models.SERVED_BY[feature])
    return Entry(f"the {what} calls answer ({calls})", _calls_of(feature))


def _absent(why: str, *fields: str) -> dict[str, Entry]:
    return {f: Entry(why) for f in fields}


_CARD_SCAN = Entry("Card.Scan gives a CSN card's data", _card_scan)
_PHOTO = Entry("a user's photo is stored and read back (User.Enroll, User.Get)", _photo)
_NAME = Entry("a user's name is stored and read back (User.Enroll, User.Get)", _name)
_USERS = Entry(
    "GetCapability.maxUsers and GetCapabilityInfo.maxNumOfUser agree; a user enrolls and is listed", _users
)
_PIN = Entry("the keypad takes a PIN (Control.Act)", _typed(control_pb2.PIN, "2580"))
_IMAGE_LOGS = _served("imageLogSupported", "image log")
_JOB_CODES = _served("jobCodeSupported", "job code")

ENTRIES: dict[str, Entry] = {
    # CapabilityInfo
    "maxNumOfUser": _USERS,
    "PINSupported": _PIN,
    "cardSupported": _CARD_SCAN,
    "fingerSupported": Entry("Finger.Scan gives a template above the quality threshold", _finger_scan),
    "faceSupported": Entry("Face.Scan gives face templates and an image", _face_scan),
    "userNameSupported": _NAME,
    "userPhotoSupported": _PHOTO,
    "alphanumericIDSupported": _served("alphanumericIDSupported", "system config (useAlphanumericID)"),
    "imageLogSupported": _IMAGE_LOGS,
    "TNASupported": _served("TNASupported", "T&A"),
    "jobCodeSupported": _JOB_CODES,
    "wiegandSupported": _served("wiegandSupported", "Wiegand config"),
    "triggerActionSupported": _served("triggerActionSupported", "trigger action config"),
    "DSTSupported": _served("DSTSupported", "daylight saving time config"),
    "DNSSupported": _served("DNSSupported", "IP config (DNS)"),
    # DeviceCapability
    "maxUsers": _USERS,
    "maxEventLogs": Entry("GetLog answers, and Control.FillLog refuses more records than that", _event_log),
    "maxImageLogs": _IMAGE_LOGS,
    "maxOperators": Entry(
        "AuthConfig takes that many operators (Auth.SetConfig, GetConfig) and refuses one more", _operators
    ),
    "maxCards": Entry("a user's card is stored (User.SetCard, Get)", _stored("card")),
    "maxFingerprints": Entry("a user's finger is stored (User.SetFinger, Get)", _stored("fingerprint")),
    "maxFaces": Entry("a user's face is stored (User.SetFace, Get)", _stored("face")),
    "maxUserNames": _NAME,
    "maxUserImages": _PHOTO,
    "maxUserJobs": _JOB_CODES,
    "maxCardsPerUser": Entry("User.SetCard takes that many and refuses one more", _per_user("card")),
    "maxFingerprintsPerUser": Entry(
        "User.SetFinger takes that many and refuses one more", _per_user("fingerprint")
    ),
    "maxFacesPerUser": Entry("User.SetFace takes that many and refuses one more", _per_user("face")),
    "cameraSupported": _served("cameraSupported", "image log"),
    "displaySupported": _PHOTO,  # what a screen shows of a user
    "faceExSupported": Entry(
        "Face.Scan gives visual face data (BS2_FACE_FLAG_EX, IR templates)", _visual_face_scan
    ),
    "EMCardSupported": _CARD_SCAN,
    "MifareFelicaCardSupported": _CARD_SCAN,
    "extendedAuthSupported": Entry(
        "Auth.SetConfig takes an extended mode and refuses a classic one", _extended
    ),
    "cardInputSupported": _CARD_SCAN,
    "fingerprintInputSupported": Entry("Finger.Scan gives a template", _finger_scan),
    "faceInputSupported": Entry("Face.Scan gives face templates and an image", _face_scan),
    "idInputSupported": Entry(
        "the keypad takes a user ID (Control.Act)", _typed(control_pb2.USER_ID, "900299")
    ),
    "PINInputSupported": _PIN,
    "updateUserSupported": _served("updateUserSupported", "partial user update"),
    "maxBlacklists": Entry("Card.AddBlacklist takes that many cards and refuses one more", _blacklist),
    "card1xSupported": _served("card1xSupported", "BioStar 1 card config"),
    "QRSupported": _served("QRSupported", "QR code"),
    "customSmartCardSupported": _served("customSmartCardSupported", "custom smart card config"),
    **{
        capability_flag(m): Entry(
            f"Auth.SetConfig takes {mode_name(m)} when on and refuses it with INVALID_ARGUMENT when off",
            _mode_taken(m),
            _mode_refused(m),
        )
        for m in CLASSIC_MODES | EXTENDED_MODES
    },
    **_absent(
        "the simulated readers read the CSN cards of EM and MIFARE only",
        "SEOSSupported",
        "HIDProxCardSupported",
        "iClassCardSupported",
        "ClassicPlusCardSupported",
        "DesFireEV1CardSupported",
        "SRSECardSupported",
        "SEOSCardSupported",
        "NFCSupported",
        "BLESupported",
        "CustomClassicPlusSupported",
        "CustomDesFireEV1Supported",
        "TOM_NFCSupported",
        "TOM_BLESupported",
        "CustomFelicaSupported",
        "useCardOperation",
        "customSmartCardFelicaSupported",
        "customSmartcardSlaveSupported",
        "smartCardByteOrderSupported",
        "mifareExSupported",
        "facilityCodeSupported",
        "tomSupported",
        "tomEnrollSupported",
        "qrAsCSNSupported",
        "visualQRSupported",
    ),
    **_absent(
        "no door, relay, I/O port, RS-485, OSDP or Wiegand wiring is simulated",
        "maxInputPorts",
        "maxOutputPorts",
        "maxRelays",
        "maxRS485Channels",
        "wiegandMultiSupported",
        "RS485ExtSupported",
        "OSDPKeySupported",
        "osdpStandardCentralSupported",
        "showOsdpResultbyLED",
        "ignoreInputAfterWiegandOut",
        "setSlaveBaudrateSupported",
        "dynamicSlaveDeviceSupported",
        "intelligentPDSupported",
        "simulatedUnlockSupported",
        "uzWirelessLockDoorSupported",
        "lockOverrideSupported",
        "doorModeOverrideSupported",
        "alternateAccessTimerSupported",
        "realtimeIOStatusReportSupported",
    ),
    **_absent(
        "no tamper switch is simulated (nothing can open a terminal's case)",
        "tamperSupported",
        "secureTamperSupported",
    ),
    **_absent("no Wi-Fi is simulated", "WLANSupported", "wlanSupported"),
    **_absent(
        "no intercom or video stream is simulated",
        "VOIPSupported",
        "voipExSupported",
        "maxVoipExtensionNumbers",
        "rtspSupported",
        "changeRtspResolutionSupported",
        "changeVoipResolutionSupported",
        "changeVoipTransportSupported",
    ),
    **_absent(
        "the simulated face cameras detect no temperature, mask or fake face and name no template version",
        "thermalSupported",
        "maskSupported",
        "authOnlyUnMaskSupported",
        "lfdSupported",
        "visualFaceTemplateVersion",
    ),
    **_absent("a user has no phrase in this project's protos", "userPhraseSupported", "maxUserPhrases"),
    **_absent(
        "no screen, keypad, licence or server message settings are simulated",
        "keypadBacklightSupported",
        "changeScrambleKeypadSupported",
        "showOptionUserInfoSupported",
        "enableLicenseFuncSupported",
        "serverPrivateMsgSupported",
    ),
}
CALLS = {"GetCapabilityInfo": device_pb2.CapabilityInfo, "GetCapability": device_pb2.DeviceCapability}


def _audited(message: type[Message]) -> list[Any]:
    """Every field's descriptor but the device type's (tests/test_identity.py checks it)."""
    return [f for f in message.DESCRIPTOR.fields if f.name != "type"]


def audit(t: Terminal) -> list[str]:
    """What the terminal advertises that the simulator does not back, one line per field. Each
    check runs once per value it vouches for; the terminal's auth config is put back after each."""
    original = t.stubs["auth"].GetConfig(auth_pb2.GetConfigRequest(deviceID=t.id), timeout=10).config
    done: dict[tuple[Check, int], str | None] = {}
    problems = []
    for call, message in (("GetCapabilityInfo", t.cap_info), ("GetCapability", t.cap)):
        for f in _audited(type(message)):
            entry, value = ENTRIES[f.name], int(getattr(message, f.name))
            said = f"{call}.{f.name} is {getattr(message, f.name)}"
            check = entry.on if value else entry.off
            if value and check is None:
                problems.append(f"{said}, but nothing the simulator serves backs it: {entry.what}")
                continue
            if check is None:
                continue
            if (check, value) not in done:
                try:
                    check(t, value)
                    done[check, value] = None
                except (AssertionError, grpc.RpcError) as e:
                    done[check, value] = _said(e)
                finally:
                    _set_config(t, original)
            if done[check, value] is not None:
                problems.append(f"{said}; checked: {entry.what}; failed: {done[check, value]}")
    return problems


def _said(e: Exception) -> str:
    if isinstance(e, grpc.RpcError):
        err: Any = e
        return f"{err.code().name}: {err.details()}"
    return str(e).splitlines()[0] if str(e) else type(e).__name__


# -- the tests --------------------------------------------------------------------------------


def test_every_flag_and_count_has_an_entry_saying_what_backs_it() -> None:
    """A field the table does not name (a new proto field) fails, named; so does an entry for a
    field that is gone, and a SERVED_BY key of the models that is no capability field."""
    fields = {f.name: f for message in CALLS.values() for f in _audited(message)}
    missing = [f"{c}.{f.name}" for c, m in CALLS.items() for f in _audited(m) if f.name not in ENTRIES]
    assert missing == [], f"no entry says what backs {', '.join(missing)}"
    assert sorted(set(ENTRIES) - set(fields)) == [], "entries for fields that do not exist"
    assert sorted(set(models.SERVED_BY) - set(fields)) == [], "models.SERVED_BY names no such field"
    kinds = {FieldDescriptor.TYPE_BOOL, FieldDescriptor.TYPE_UINT32}
    assert [n for n, f in fields.items() if f.type not in kinds] == [], "neither a flag nor a count"


def test_the_models_count_as_served_exactly_what_the_simulator_answers(five_channel: grpc.Channel) -> None:
    """models.SERVED_METHODS (what a flag's calls are checked against) is what reflection lists
    of the gateway's services: the flags follow what the server serves."""
    db = ProtoReflectionDescriptorDatabase(five_channel)
    pool = descriptor_pool.DescriptorPool(db)
    listed = {
        f"{name}.{m.name}"
        for name in db.get_services()
        if name.startswith("gsdk.")
        for m in pool.FindServiceByName(name).methods
    }
    assert listed == models.SERVED_METHODS


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.model.name.replace(" ", ""))
def test_every_flag_and_count_a_terminal_advertises_is_served(
    five_channel: grpc.Channel, spec: DeviceSpec
) -> None:
    problems = audit(_terminal(five_channel, spec))
    assert problems == [], f"{spec.name} advertises what the simulator does not serve:\n" + "\n".join(
        problems
    )


def test_a_flag_or_count_nothing_backs_is_named_with_what_fails(five_channel: grpc.Channel) -> None:
    """The audit catches a lie: a feature whose calls are not served, a count of hardware nobody
    simulates, a mode the terminal refuses; and a feature whose calls are served passes."""
    w2 = _terminal(five_channel, SPECS[2])
    w2.cap_info.imageLogSupported = True
    w2.cap.maxRelays = 1
    w2.cap.cardPINSupported = True  # no keypad
    found = audit(w2)
    assert found == [
        "GetCapabilityInfo.imageLogSupported is True; checked: the image log calls answer "
        "(event.Event.GetImageLog, event.Event.GetImageFilter, event.Event.SetImageFilter); "
        "failed: gsdk.event.Event.GetImageLog answers UNIMPLEMENTED",
        "GetCapability.maxRelays is 1, but nothing the simulator serves backs it: no door, relay, "
        "I/O port, RS-485, OSDP or Wiegand wiring is simulated",
        "GetCapability.cardPINSupported is True; checked: Auth.SetConfig takes AUTH_MODE_CARD_PIN "
        "when on and refuses it with INVALID_ARGUMENT when off; failed: INVALID_ARGUMENT: auth "
        "config: mode 4 (AUTH_MODE_CARD_PIN) needs a keypad, which BioEntry W2 does not have",
    ]
    served = _calls_of("userNameSupported")  # Enroll and Get, which the simulator serves
    served(w2, 1)


@pytest.mark.long
@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.model.name.replace(" ", ""))
def test_a_terminals_event_log_keeps_as_many_records_as_it_advertises(
    tmp_path: Path, spec: DeviceSpec
) -> None:
    """Filled to maxEventLogs and one more, the log has dropped exactly its oldest record. A
    simulator of its own: a million records is about 160 MB held until it stops."""
    with Simulator(tmp_path, devices=(spec,)) as sim:
        creds = grpc.ssl_channel_credentials(root_certificates=sim.ca_file.read_bytes())
        with grpc.secure_channel(sim.address, creds) as channel:
            stubs = raw_stubs(channel)
            info = connect_pb2.ConnectInfo(IPAddr=spec.ip, port=spec.port)
            stubs["connect"].Connect(connect_pb2.ConnectRequest(connectInfo=info), timeout=5)
            n = _terminal(channel, spec).cap.maxEventLogs
            fill = control_pb2.FillLogRequest(deviceID=spec.device_id, count=n)
            stubs["control"].FillLog(fill, timeout=60)
            fill.count = 1
            newest = stubs["control"].FillLog(fill, timeout=10).lastID
            oldest = stubs["event"].GetLog(
                event_pb2.GetLogRequest(deviceID=spec.device_id, maxNumOfLog=1), timeout=10
            )
            assert [e.ID for e in oldest.events] == [newest - n + 1]
