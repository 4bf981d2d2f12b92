"""Terminal models the simulator can stand up: what they are, report and accept.

Everything a model advertises (factory info, CapabilityInfo, DeviceCapability, the auth modes it
accepts) is derived here from a few facts per model and from what the simulator serves, so the
views never disagree and a client that checks a flag before using a feature finds it served.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Iterable
from dataclasses import dataclass, replace

from biohil import gsdk
from biohil.authmodes import CLASSIC_MODES, EXTENDED_MODES, capability_flag, inputs_lacking
from biohil.client.identity import Profile
from biohil.contract import DEVICE_PORT, MAX_CARDS_PER_USER, MAX_FINGERS_PER_USER, MAX_OPERATORS
from biohil.credentials import KINDS
from biohil.gsdk import auth_pb2, device_pb2, face_pb2, finger_pb2
from biohil.simulator import firmware
from biohil.simulator.firmware import Firmware

# Made up, in the form of firmware versions (a client may parse them): the real ones are the
# device's own and undocumented.
SIMULATED_KERNEL = "4.9.0"
SIMULATED_BSCORE = "1.0.0"
SIMULATED_BOARD = "1.0.0"
# Made up: how many events a face terminal keeps with a picture (maxImageLogs); a real model's
# figure is its own. Kept small: GetImageLog of all of them is one message of ~3 MB.
MAX_IMAGE_LOGS = 5_000


def _declared_methods() -> frozenset[str]:
    """Every gateway method the project's G-SDK protos declare, as "gsdk.user.User.Enroll"."""
    found: set[str] = set()
    for module in pkgutil.iter_modules(gsdk.__path__):
        if module.name.endswith("_pb2"):
            proto = importlib.import_module(f"{gsdk.__name__}.{module.name}")
            for service in proto.DESCRIPTOR.services_by_name.values():
                found.update(f"{service.full_name}.{method.name}" for method in service.methods)
    return frozenset(found)


# The simulator serves every method its protos declare and no other (services.SERVICERS; the
# protos hold only what it serves): a call of any other answers UNIMPLEMENTED.
SERVED_METHODS = _declared_methods()

# The capability flags and counts of features a client reaches through gateway calls, with those
# calls (contract section 2; G-SDK's names for the ones outside this project's protos). A model
# advertises one only when the simulator serves every call of it: serving them turns it on.
# Sensors, keypad and screen are model facts (DeviceModel); every other flag and count stays
# false / 0, nothing simulated has it (a tamper switch, I/O ports, relays, RS-485, Wi-Fi, VoIP,
# cards other than the CSN cards of EM and MIFARE readers, ...).
_USER_DATA = ("gsdk.user.User.Enroll", "gsdk.user.User.Get")
_IMAGE_LOG = (
    "gsdk.event.Event.GetImageLog",
    "gsdk.event.Event.GetImageFilter",
    "gsdk.event.Event.SetImageFilter",
)
_CARD = "gsdk.card.Card."
_BLACKLIST = tuple(
    _CARD + m
    for m in (
        "GetBlacklist",
        "AddBlacklist",
        "AddBlacklistMulti",
        "DeleteBlacklist",
        "DeleteBlacklistMulti",
        "DeleteAllBlacklist",
        "DeleteAllBlacklistMulti",
    )
)
SERVED_BY: dict[str, tuple[str, ...]] = {
    "userNameSupported": _USER_DATA,
    "maxUserNames": _USER_DATA,
    "userPhotoSupported": _USER_DATA,  # and a screen to show it on
    "maxOperators": ("gsdk.auth.Auth.GetConfig", "gsdk.auth.Auth.SetConfig"),  # AuthConfig.operators
    "imageLogSupported": _IMAGE_LOG,  # and a camera to take them
    "cameraSupported": _IMAGE_LOG,  # its pictures reach a client as image logs
    "TNASupported": ("gsdk.tna.TNA.GetConfig", "gsdk.tna.TNA.SetConfig", "gsdk.tna.TNA.GetTNALog"),
    "jobCodeSupported": ("gsdk.user.User.GetJobCode", "gsdk.user.User.SetJobCode"),
    "updateUserSupported": ("gsdk.user.User.Update",),
    # Turned on in SystemConfig.useAlphanumericID; until then a user ID is a number.
    "alphanumericIDSupported": ("gsdk.system.System.GetConfig", "gsdk.system.System.SetConfig"),
    "wiegandSupported": ("gsdk.wiegand.Wiegand.GetConfig", "gsdk.wiegand.Wiegand.SetConfig"),
    "triggerActionSupported": ("gsdk.action.TriggerAction.GetConfig", "gsdk.action.TriggerAction.SetConfig"),
    "DSTSupported": ("gsdk.time.Time.GetDSTConfig", "gsdk.time.Time.SetDSTConfig"),
    "DNSSupported": ("gsdk.network.Network.GetIPConfig", "gsdk.network.Network.SetIPConfig"),
    "maxBlacklists": _BLACKLIST,
    "card1xSupported": tuple(_CARD + m for m in ("Get1XConfig", "Set1XConfig", "Set1XConfigMulti")),
    "QRSupported": tuple(
        _CARD + m for m in ("WriteQRCode", "GetQRConfig", "SetQRConfig", "SetQRConfigMulti")
    ),
    "customSmartCardSupported": tuple(
        _CARD + m for m in ("GetCustomConfig", "SetCustomConfig", "SetCustomConfigMulti")
    ),
}


# The calls a terminal serves only when its model has a feature: method -> the capability flag
# (a CapabilityInfo or DeviceCapability field) that tells a client the feature is there, or
# several, "!flag" one that must be false. On a terminal that fails one, such a call answers
# services.common.require's refusal naming it.
NEEDS: dict[str, str | tuple[str, ...]] = {
    # A camera's pictures of the events an image filter names (G-SDK Event API: "check
    # CapabilityInfo.imageLogSupported").
    "Event.GetImageLog": "imageLogSupported",
    "Event.GetImageFilter": "imageLogSupported",
    "Event.SetImageFilter": "imageLogSupported",
    "Event.SetImageFilterMulti": "imageLogSupported",
    # The T&A service (G-SDK T&A API: "TNASupported should be true if a device supports
    # TNAConfig"); its job code log needs the job codes (both are DeviceModel.tna's).
    "TNA.GetConfig": "TNASupported",
    "TNA.SetConfig": "TNASupported",
    "TNA.SetConfigMulti": "TNASupported",
    "TNA.GetTNALog": "TNASupported",
    "TNA.GetJobCodeLog": "jobCodeSupported",
    # Capturing a credential needs its sensor (the terminal's own: CapabilityInfo, since V1.2).
    **dict.fromkeys(("Card.Scan", "Card.Write", "Card.Erase"), "cardSupported"),
    **dict.fromkeys(("Finger.Scan", "Finger.Verify"), "fingerSupported"),
    "Face.Scan": "faceSupported",
    **dict.fromkeys(("Card.GetConfig", "Card.SetConfig", "Card.SetConfigMulti"), "cardSupported"),
    **dict.fromkeys((m.removeprefix("gsdk.card.") for m in _BLACKLIST), "maxBlacklists"),
    **dict.fromkeys(("Card.Get1XConfig", "Card.Set1XConfig", "Card.Set1XConfigMulti"), "card1xSupported"),
    **dict.fromkeys(("Card.GetQRConfig", "Card.SetQRConfig", "Card.SetQRConfigMulti"), "QRSupported"),
    **dict.fromkeys(
        ("Card.GetCustomConfig", "Card.SetCustomConfig", "Card.SetCustomConfigMulti"),
        "customSmartCardSupported",
    ),
    # Facility codes are the DI-24 door interface's (BioStar 2 SDK 2.9.9): no simulated model has
    # them, so facilityCodeSupported stays false and these calls are refused naming it.
    **dict.fromkeys(
        ("Card.GetFacilityCodeConfig", "Card.SetFacilityCodeConfig", "Card.SetFacilityCodeConfigMulti"),
        "facilityCodeSupported",
    ),
    # gsdk.user: a user's job codes are T&A's (DeviceModel.tna); Update is the partial update.
    "User.GetJobCode": "jobCodeSupported",
    "User.SetJobCode": "jobCodeSupported",
    "User.SetJobCodeMulti": "jobCodeSupported",
    "User.Update": "updateUserSupported",
    "User.UpdateMulti": "updateUserSupported",
    # The terminal's fingerprint sensor: its settings and the image of its last scan.
    "Finger.GetImage": "fingerSupported",
    "Finger.GetConfig": "fingerSupported",
    "Finger.SetConfig": "fingerSupported",
    "Finger.SetConfigMulti": "fingerSupported",
    # The terminal's face camera: its settings.
    "Face.GetConfig": "faceSupported",
    "Face.SetConfig": "faceSupported",
    "Face.SetConfigMulti": "faceSupported",
    # Templates and normalized images from face images: visual-face terminals only (Face API).
    "Face.Extract": "faceExSupported",
    "Face.Normalize": "faceExSupported",
    # Face authentication groups: no capability flag of their own; the Face API says infrared
    # face terminals have them and visual-face ones (faceExSupported) do not.
    **dict.fromkeys(
        (
            *("Face.GetAuthGroup", "Face.AddAuthGroup", "Face.AddAuthGroupMulti", "Face.DeleteAuthGroup"),
            *("Face.DeleteAuthGroupMulti", "Face.DeleteAllAuthGroup", "Face.DeleteAllAuthGroupMulti"),
        ),
        ("faceSupported", "!faceExSupported"),
    ),
}

# Features no simulated model has, with why: their calls are refused on every terminal.
ABSENT: dict[str, str] = {
    "facilityCodeSupported": "facility codes are the DI-24 door interface's; no simulated model is one",
}


def needs(method: str) -> tuple[str, ...]:
    """The conditions of NEEDS[method] ("flag" true, "!flag" false); none for most methods."""
    found = NEEDS.get(method, ())
    return (found,) if isinstance(found, str) else found


def lacking(model: DeviceModel, method: str) -> str:
    """Why `model` cannot serve `method`, as "<flag> is false" (or "... is true"); "" if it can."""
    for condition in needs(method):
        flag = condition.removeprefix("!")
        if model.has(flag) == condition.startswith("!"):
            return f"{flag} is {'true' if condition.startswith('!') else 'false'}"
    return ""


def serves(field: str) -> bool:
    """Whether the simulator serves every call of the feature a SERVED_BY field advertises."""
    return SERVED_METHODS.issuperset(SERVED_BY[field])


@dataclass(frozen=True)
class DeviceModel:
    name: str
    device_type: int
    card: bool
    fingerprint: bool
    face: bool
    keypad: bool  # PIN and typed user ID
    extended_auth: bool  # F2-class: AUTH_EXT_MODE_* instead of the classic modes; visual face
    firmware: str
    max_users: int
    max_event_logs: int
    max_cards_per_user: int = MAX_CARDS_PER_USER
    max_fingers_per_user: int = MAX_FINGERS_PER_USER
    max_faces_per_user: int = 0
    default_match_timeout: int = auth_pb2.DEFAULT_MATCH_TIMEOUT
    default_auth_timeout: int = auth_pb2.DEFAULT_AUTH_TIMEOUT
    # How long a Scan waits for the person (seconds). Inferred for cards: the gateway's 20-s
    # input command timeout. Fingers and faces: the factory values of FingerConfig.scanTimeout
    # and of the model's face family's FaceConfig.enrollTimeout, which set the wait afterwards.
    card_scan_timeout: float = 20.0
    finger_scan_timeout: float = finger_pb2.DEFAULT_SCAN_TIMEOUT
    face_scan_timeout: float = face_pb2.DEFAULT_ENROLL_TIMEOUT
    display: bool = True  # a screen (user photos); the BioEntry readers have none
    tna: bool = False  # T&A keys and job codes (BioStation 2, FaceStation F2)
    # Card features beyond reading CSN cards (the card service): reading BioStar 1 cards
    # (card1xSupported), QR codes through the camera (QRSupported), custom smart card layouts
    # (customSmartCardSupported), and how many cards its blacklist holds (maxBlacklists; made up:
    # the documentation gives no figure).
    card1x: bool = False
    qr: bool = False
    custom_smart_card: bool = False
    max_blacklists: int = 1000
    max_image_logs: int = 0  # events kept with a camera's picture (maxImageLogs); a face camera's

    @property
    def rules(self) -> Firmware:
        """What its firmware does where the contract is a table or leaves a choice: every simulated
        model follows firmware.STANDARD (the module: `self.firmware` is the version), read when a
        terminal starts."""
        return firmware.STANDARD

    @property
    def sensors(self) -> frozenset[str]:
        """Credential inputs, in the words of biohil.client.capabilities."""
        return frozenset(k.word for k in KINDS if getattr(self, k.word))  # a field per kind

    @property
    def inputs(self) -> frozenset[str]:
        """The sensors and the keypad, in the words of biohil.authmodes.INPUT_NOUNS."""
        return self.sensors | ({"keypad"} if self.keypad else set())

    @property
    def visual_face(self) -> bool:
        """A visual (RGB + IR, BS2_FACE_FLAG_EX) face camera rather than a classic IR one."""
        return self.face and self.extended_auth

    @property
    def supported_modes(self) -> frozenset[int]:
        """The modes of the model's family whose every credential it reads (authmodes.inputs_lacking)."""
        family = EXTENDED_MODES if self.extended_auth else CLASSIC_MODES
        return frozenset(m for m in family if not inputs_lacking(m, self.inputs))

    @property
    def default_modes(self) -> tuple[int, ...]:
        """Modes enabled (schedule 'Always') on a factory-fresh terminal of this model."""
        modes: tuple[int, ...]
        if self.extended_auth:
            modes = (
                auth_pb2.AUTH_EXT_MODE_CARD_ONLY,
                auth_pb2.AUTH_EXT_MODE_FACE_ONLY,
                auth_pb2.AUTH_EXT_MODE_FINGERPRINT_ONLY,
            )
        else:
            modes = (auth_pb2.AUTH_MODE_CARD_ONLY, auth_pb2.AUTH_MODE_BIOMETRIC_ONLY)
        return tuple(m for m in modes if m in self.supported_modes)

    def profile(self, marked: bool = False) -> Profile:
        """What a terminal of this model is, as the suite checks what it says it is (`marked`:
        reading version_strings=marked)."""
        per_user = (
            ("card", self.max_cards_per_user),
            ("fingerprint", self.max_fingers_per_user),
            ("face", self.max_faces_per_user),
        )
        return Profile(
            device_type=self.device_type,
            firmware=self.firmware_version(marked),
            keypad=self.keypad,
            extended_auth=self.extended_auth,
            modes=self.supported_modes,
            max_users=self.max_users,
            max_event_logs=self.max_event_logs,
            per_user=tuple((word, n) for word, n in per_user if word in self.sensors),
        )

    def firmware_version(self, marked: bool = False) -> str:
        """`marked`: reading version_strings=marked."""
        return f"{self.firmware} (simulated)" if marked else self.firmware

    def factory_info(self, device_id: int, marked: bool = False) -> device_pb2.FactoryInfo:
        """`marked`: reading version_strings=marked, the versions say they are simulated."""
        mac = ":".join(f"{b:02X}" for b in (0x00, 0x17, 0xFC, *device_id.to_bytes(4, "big")[1:]))
        return device_pb2.FactoryInfo(
            MACAddr=mac,
            modelName=self.name,
            firmwareVersion=self.firmware_version(marked),
            kernelVersion="simulated" if marked else SIMULATED_KERNEL,
            BSCoreVersion="simulated" if marked else SIMULATED_BSCORE,
            boardVersion="simulated" if marked else SIMULATED_BOARD,
        )

    def has(self, flag: str) -> bool:
        """Whether this model reports a capability flag true (or a count above 0)."""
        return _reported(self, flag)

    def capability_info(self) -> device_pb2.CapabilityInfo:
        return device_pb2.CapabilityInfo(
            type=self.device_type,  # type: ignore[arg-type]
            maxNumOfUser=self.max_users,
            PINSupported=self.keypad,
            cardSupported=self.card,
            fingerSupported=self.fingerprint,
            faceSupported=self.face,
            userNameSupported=serves("userNameSupported"),
            userPhotoSupported=self.display and serves("userPhotoSupported"),
            alphanumericIDSupported=serves("alphanumericIDSupported"),
            imageLogSupported=self.max_image_logs > 0 and serves("imageLogSupported"),
            TNASupported=self.tna and serves("TNASupported"),
            jobCodeSupported=self.tna and serves("jobCodeSupported"),
            wiegandSupported=serves("wiegandSupported"),
            triggerActionSupported=serves("triggerActionSupported"),
            DSTSupported=serves("DSTSupported"),
            DNSSupported=serves("DNSSupported"),
            card1xSupported=self.card and self.card1x and serves("card1xSupported"),
            QRSupported=self.qr and serves("QRSupported"),
        )

    def capability(self) -> device_pb2.DeviceCapability:
        cap = device_pb2.DeviceCapability(
            maxUsers=self.max_users,
            maxEventLogs=self.max_event_logs,
            maxCards=self.max_users if self.card else 0,
            maxFingerprints=self.max_users if self.fingerprint else 0,
            maxFaces=self.max_users if self.face else 0,
            maxUserNames=self.max_users if serves("maxUserNames") else 0,
            maxCardsPerUser=self.max_cards_per_user if self.card else 0,
            maxFingerprintsPerUser=self.max_fingers_per_user if self.fingerprint else 0,
            maxFacesPerUser=self.max_faces_per_user if self.face else 0,
            maxOperators=MAX_OPERATORS if serves("maxOperators") else 0,
            maxUserJobs=self.max_users if self.tna and serves("jobCodeSupported") else 0,
            maxImageLogs=self.max_image_logs if serves("imageLogSupported") else 0,
            cameraSupported=self.face and serves("cameraSupported"),
            displaySupported=self.display,
            faceExSupported=self.visual_face,
            EMCardSupported=self.card,
            MifareFelicaCardSupported=self.card,
            extendedAuthSupported=self.extended_auth,
            cardInputSupported=self.card,
            fingerprintInputSupported=self.fingerprint,
            faceInputSupported=self.face,
            idInputSupported=self.keypad,
            PINInputSupported=self.keypad,
            updateUserSupported=serves("updateUserSupported"),
            maxBlacklists=self.max_blacklists if self.card and serves("maxBlacklists") else 0,
            customSmartCardSupported=self.card
            and self.custom_smart_card
            and serves("customSmartCardSupported"),
        )
        for mode in self.supported_modes:
            setattr(cap, capability_flag(mode), True)
        return cap


@functools.cache
def _reported(model: DeviceModel, flag: str) -> bool:
    for message in (model.capability_info(), model.capability()):
        if flag in message.DESCRIPTOR.fields_by_name:
            return bool(getattr(message, flag))
    raise KeyError(f"{flag} is a field of neither CapabilityInfo nor DeviceCapability")


BIOSTATION_2 = DeviceModel(
    name="BioStation 2",
    device_type=device_pb2.BIOSTATION_2,
    card=True,
    fingerprint=True,
    face=False,
    keypad=True,
    extended_auth=False,
    firmware="1.11.0",
    max_users=500_000,
    max_event_logs=1_000_000,
    tna=True,
    card1x=True,  # a BioStar 2 terminal of the MIFARE era that reads BioStar 1 cards
)

# The fingerprint variant of the FaceStation F2 (type FACESTATION_F2_FP): card, finger and face.
FACESTATION_F2 = DeviceModel(
    name="FaceStation F2",
    device_type=device_pb2.FACESTATION_F2_FP,
    card=True,
    fingerprint=True,
    face=True,
    keypad=True,
    extended_auth=True,
    firmware="2.2.0",
    max_users=100_000,
    max_event_logs=1_000_000,
    max_faces_per_user=5,
    default_auth_timeout=auth_pb2.DEFAULT_AUTH_TIMEOUT_FOR_FACE,
    face_scan_timeout=face_pb2.DEFAULT_ENROLL_TIMEOUT_EX,
    tna=True,
    qr=True,  # its visual camera reads QR codes
    custom_smart_card=True,  # a V1.8-era terminal: custom smart card layouts
    max_image_logs=MAX_IMAGE_LOGS,
)

# A classic fingerprint reader without keypad or screen: card and fingerprint, so only the
# classic modes without PIN or typed ID (biometric only, card only, card + biometric).
BIOENTRY_W2 = DeviceModel(
    name="BioEntry W2",
    device_type=device_pb2.BIOENTRY_W2,
    card=True,
    fingerprint=True,
    face=False,
    keypad=False,
    extended_auth=False,
    firmware="1.9.0",
    max_users=500_000,
    max_event_logs=1_000_000,
    display=False,
    card1x=True,  # a MIFARE reader of the BioStar 1 / BioEntry era
)

# A classic-family face terminal: an infrared face camera (FaceData flag NONE, templates and an
# image), card and keypad, no fingerprint sensor; classic BIOMETRIC means the face.
FACESTATION_2 = DeviceModel(
    name="FaceStation 2",
    device_type=device_pb2.FACESTATION_2,
    card=True,
    fingerprint=False,
    face=True,
    keypad=True,
    extended_auth=False,
    firmware="1.6.0",
    max_users=30_000,
    max_event_logs=1_000_000,
    max_faces_per_user=5,
    default_auth_timeout=auth_pb2.DEFAULT_AUTH_TIMEOUT_FOR_FACE,
    max_image_logs=MAX_IMAGE_LOGS,
)

# The FaceStation F2 without fingerprint sensor (type FACESTATION_F2): visual face, card and
# keypad; the extended modes that name no fingerprint.
FACESTATION_F2_NO_FP = replace(
    FACESTATION_F2,
    name="FaceStation F2 (no fingerprint)",
    device_type=device_pb2.FACESTATION_F2,
    fingerprint=False,
)


@dataclass(frozen=True)
class DeviceSpec:
    """One simulated terminal: a model at an address with a device ID (its serial number)."""

    model: DeviceModel
    device_id: int
    ip: str
    port: int = DEVICE_PORT
    name: str = ""  # how people and reports call it; empty: the model's name

    def __post_init__(self) -> None:
        if not self.name:
            object.__setattr__(self, "name", self.model.name)  # frozen: the one way to default it


# The models a fleet cycles through, each with the device ID (serial number) of its first
# terminal; the first two are the default pair. Inferred: the serial bases are made up, one
# block per model, far enough apart that no fleet reuses an ID.
FLEET_MODELS: tuple[tuple[DeviceModel, int], ...] = (
    (BIOSTATION_2, 546830001),
    (FACESTATION_F2, 541530001),
    (BIOENTRY_W2, 544130001),
    (FACESTATION_2, 547530001),
    (FACESTATION_F2_NO_FP, 541540001),
)
MODELS = {m.name: m for m, _ in FLEET_MODELS}
MAX_TERMINALS = 64


def fleet(n: int) -> tuple[DeviceSpec, ...]:
    """n terminals cycling through the models; device IDs count up per model, IPs 127.0.10.1, .2, ...

    Loopback addresses: nothing is ever sent to them, they only identify the terminals in Connect.
    The first of each model is named after it, the next ones "<model> #2", "<model> #3", ...
    """
    if not 1 <= n <= MAX_TERMINALS:
        raise ValueError(f"a simulator has 1..{MAX_TERMINALS} terminals, not {n}")
    specs = []
    for i in range(n):
        model, first_id = FLEET_MODELS[i % len(FLEET_MODELS)]
        nth = i // len(FLEET_MODELS)  # how many of this model come before
        name = f"{model.name} #{nth + 1}" if nth else model.name
        specs.append(DeviceSpec(model, device_id=first_id + nth, ip=f"127.0.10.{i + 1}", name=name))
    return tuple(specs)


def terminal_table(specs: Iterable[DeviceSpec]) -> list[str]:
    """One line per terminal: device ID, name, model, ip:port, in columns with two spaces at least
    between name and model (biohil-sim's banner, biohil-simctl terminals)."""
    specs = list(specs)
    name_width = max([18, *(len(s.name) for s in specs)]) + 1
    model_width = max([16, *(len(s.model.name) for s in specs)])
    return [
        f"{s.device_id:<10}  {s.name:<{name_width}} {s.model.name:<{model_width}} {s.ip}:{s.port}"
        for s in specs
    ]


# BioStation 2 546830001 at 127.0.10.1, FaceStation F2 541530001 at 127.0.10.2.
DEFAULT_DEVICES: tuple[DeviceSpec, ...] = fleet(2)
