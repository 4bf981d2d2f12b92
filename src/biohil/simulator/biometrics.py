"""A terminal's fingerprint and face settings (FingerConfig, FaceConfig), the image of its last
finger scan, and its face authentication groups (contract 2.6, 2.7, 5.6).

Parts of one terminal (device.SimDevice): they run under its lock and read its roster. The two
configs are among its `config_parts` (Device.ResetConfig puts them back to the factory's); the
auth groups are data, as its users are, and a reset of the configs keeps them.

What the configs do: `scanTimeout` bounds Finger.Scan's wait and `enrollTimeout` Face.Scan's;
`advancedEnrollment` makes Finger.Scan refuse a finger below its quality threshold (its factory
value: reading advanced_enrollment); `templateFormat` is the format Finger.Scan gives, and cannot
change while fingerprints are enrolled (the documentation: a terminal cannot mix formats);
`checkDuplicate` makes a Scan refuse a finger or face an enrolled user has. The other fields
(security levels, sensitivity, light, preview, ...) tune a real sensor's matching: the
simulator's matching is exact, so they are stored and read back only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from biohil.credentials import BY_INPUT, Input
from biohil.gsdk import face_pb2, finger_pb2
from biohil.simulator import credentials, faceimage, fingerimage, validation
from biohil.simulator.errors import SimError, already_exists, exhausted, invalid, not_found, precondition
from biohil.simulator.models import DeviceModel
from biohil.simulator.roster import Roster

# Face authentication groups a terminal keeps. Inferred: the documentation gives no number; the
# BioStar 2 device SDK's auth group list holds 10 items.
MAX_AUTH_GROUPS = 10
MAX_AUTH_GROUP_NAME_CHARS = validation.MAX_NAME_CHARS  # as a user's name: 48 characters
# A visual terminal's detection distance (cm): in steps of 10 (the documentation), the maximum
# 255 meaning no limit.
DISTANCE_STEP, NO_DISTANCE_LIMIT = 10, 255


def _enum(value: int, enum: Any, field: str) -> None:
    if value not in enum.values():
        raise invalid(f"{field} {value} is not one of {validation.enum_values(enum)}")


def _in_range(value: int, low: int, high: int, field: str, unit: str = "") -> None:
    if not low <= value <= high:
        raise invalid(f"{field} {value}{unit} is out of range {low}..{high}{unit}")


def _copy(config: Any) -> Any:
    out = type(config)()
    out.CopyFrom(config)
    return out


def _holder(roster: Roster, presented: Input, token: bytes) -> str | None:
    """The enrolled user a scanned finger or face belongs to, if any."""
    held = roster.owner(BY_INPUT[presented], token)
    return held[0] if held else None


# -- fingerprint ---------------------------------------------------------------------------


def check_finger_config(config: finger_pb2.FingerConfig, method: str) -> None:
    """What any terminal refuses of a FingerConfig: enum numbers nobody defined, a scan timeout
    outside finger.Enum's MIN..MAX (contract 3.6)."""
    for field, enum in (
        ("securityLevel", finger_pb2.SecurityLevel),
        ("fastMode", finger_pb2.FastMode),
        ("sensitivity", finger_pb2.Sensitivity),
        ("sensorMode", finger_pb2.SensorMode),
        ("templateFormat", finger_pb2.TemplateFormat),
        ("LFDLevel", finger_pb2.LFDLevel),
    ):
        _enum(getattr(config, field), enum, f"{method}: config.{field}")
    _in_range(
        config.scanTimeout,
        finger_pb2.MIN_SCAN_TIMEOUT,
        finger_pb2.MAX_SCAN_TIMEOUT,
        f"{method}: config.scanTimeout",
        " s",
    )


def _format_name(template_format: int) -> str:
    return finger_pb2.TemplateFormat.Name(template_format)


class FingerSettings:
    """The terminal's FingerConfig and the finger its last Scan captured."""

    def __init__(
        self,
        model: DeviceModel,
        label: str,
        lock: threading.RLock,
        roster: Callable[[], Roster],
        advanced_by_default: bool,
    ) -> None:
        self.model = model
        self.label = label
        self._lock = lock
        self._roster = roster
        self._advanced_by_default = advanced_by_default  # reading advanced_enrollment
        self._config = finger_pb2.FingerConfig()
        self._last_scan: tuple[bytes, int] | None = None  # the finger's identity, the quality
        self.reset()

    def factory(self) -> finger_pb2.FingerConfig:
        """The documented defaults (Fingerprint API, Config), advancedEnrollment by reading."""
        return finger_pb2.FingerConfig(
            securityLevel=finger_pb2.SECURE,
            fastMode=finger_pb2.AUTOMATIC,
            sensitivity=finger_pb2.HIGHEST_SENSITIVE,
            sensorMode=finger_pb2.ALWAYS_ON,
            templateFormat=finger_pb2.TEMPLATE_FORMAT_SUPREMA,
            scanTimeout=int(self.model.finger_scan_timeout),
            advancedEnrollment=self._advanced_by_default,
            LFDLevel=finger_pb2.NOT_USED,
        )

    def reset(self) -> None:
        """Back to the factory's config (Device.ResetConfig); the last scan's image stays."""
        with self._lock:
            self._config = self.factory()

    def config(self) -> finger_pb2.FingerConfig:
        with self._lock:
            out: finger_pb2.FingerConfig = _copy(self._config)
            return out

    def set_config(self, config: finger_pb2.FingerConfig, method: str) -> None:
        """Replace the whole config (checked by check_finger_config first). The template format
        changes only while no fingerprint is enrolled: a terminal cannot mix formats."""
        with self._lock:
            current = self._config.templateFormat
            if config.templateFormat != current:
                holders = [h.ID for h in self._roster().user_headers() if h.numOfFinger]
                if holders:
                    raise precondition(
                        f"{method}: config.templateFormat {_format_name(config.templateFormat)} differs "
                        f"from the {_format_name(current)} fingerprints of {len(holders)} user(s) on "
                        f"{self.label} (user {holders[0]}, ...); a terminal cannot mix template formats: "
                        "delete their fingerprints first"
                    )
            self._config = _copy(config)

    @property
    def scan_timeout(self) -> int:
        return self._config.scanTimeout

    def check_scan(self, template_format: int, quality_threshold: int, method: str) -> None:
        """A Scan's request, before it waits for the finger."""
        _enum(template_format, finger_pb2.TemplateFormat, f"{method}: templateFormat")
        stored = self._config.templateFormat
        if template_format != stored:
            raise precondition(
                f"{method}: {self.label} stores {_format_name(stored)} templates "
                f"(FingerConfig.templateFormat), not {_format_name(template_format)}; a terminal "
                "cannot mix template formats"
            )
        _in_range(quality_threshold, 0, 100, f"{method}: qualityThreshold")

    def scanned(self, identity: bytes, quality: int, threshold: int, method: str) -> None:
        """A Scan captured a finger (GetImage shows it from now on): refused below the threshold
        with advancedEnrollment on, or if an enrolled user has it with checkDuplicate on."""
        with self._lock:
            self._last_scan = (identity, quality)
            config = self._config
            if quality < threshold and config.advancedEnrollment:
                raise precondition(
                    f"{method}: the fingerprint's quality {quality} is below the threshold {threshold} "
                    "(FingerConfig.advancedEnrollment is on); scan the finger again"
                )
            holder = _holder(self._roster(), Input.FINGER, identity) if config.checkDuplicate else None
        if holder is not None:
            raise already_exists(
                f"{method}: this finger is already enrolled for user {holder} on {self.label} "
                "(FingerConfig.checkDuplicate is on)"
            )

    def image(self, method: str) -> bytes:
        """The BMP of the finger the last Scan captured."""
        with self._lock:
            last = self._last_scan
        if last is None:
            raise precondition(
                f"{method}: no finger has been scanned on {self.label} since it started; "
                "call Finger.Scan first"
            )
        return fingerimage.finger_bmp(*last)


# -- face ----------------------------------------------------------------------------------


def check_face_config(config: face_pb2.FaceConfig, method: str) -> None:
    """What any terminal refuses of a FaceConfig: enum numbers nobody defined (the ranges that
    depend on the face family are the terminal's, FaceSettings.set_config)."""
    for field, enum in (
        ("securityLevel", face_pb2.FaceSecurityLevel),
        ("lightCondition", face_pb2.FaceLightCondition),
        ("enrollThreshold", face_pb2.FaceEnrollThreshold),
        ("detectSensitivity", face_pb2.FaceDetectSensitivity),
        ("LFDLevel", face_pb2.FaceLFDLevel),
        ("previewOption", face_pb2.FacePreviewOption),
        ("operationMode", face_pb2.FaceOperationMode),
    ):
        _enum(getattr(config, field), enum, f"{method}: config.{field}")


class FaceSettings:
    """The terminal's FaceConfig."""

    def __init__(
        self, model: DeviceModel, label: str, lock: threading.RLock, roster: Callable[[], Roster]
    ) -> None:
        self.model = model
        self.label = label
        self._lock = lock
        self._roster = roster
        self._config = face_pb2.FaceConfig()
        self.reset()

    @property
    def enroll_timeouts(self) -> tuple[int, int]:
        """FaceConfig.enrollTimeout's range for the model's face family (contract 5.6)."""
        if self.model.visual_face:
            return face_pb2.MIN_ENROLL_TIMEOUT_EX, face_pb2.MAX_ENROLL_TIMEOUT_EX
        return face_pb2.MIN_ENROLL_TIMEOUT, face_pb2.MAX_ENROLL_TIMEOUT

    def factory(self) -> face_pb2.FaceConfig:
        """The documented defaults (Face API, Config; face.Enum): the detection settings only on
        a visual terminal, whose LFD level is 1, an infrared one's 0."""
        config = face_pb2.FaceConfig(
            securityLevel=face_pb2.BS2_FACE_SECURITY_DEFAULT,
            lightCondition=face_pb2.BS2_FACE_LIGHT_CONDITION_DEFAULT,
            enrollThreshold=face_pb2.BS2_FACE_ENROLL_THRESHOLD_DEFAULT,
            detectSensitivity=face_pb2.BS2_FACE_DETECT_SENSITIVITY_DEFAULT,
            enrollTimeout=int(self.model.face_scan_timeout),
            LFDLevel=face_pb2.BS2_FACE_LFD_LEVEL_DEFAULT,
            previewOption=face_pb2.BS2_FACE_PREVIEW_DEFAULT,
            operationMode=face_pb2.BS2_FACE_OPERATION_MODE_DEFAULT,
        )
        if self.model.visual_face:
            config.LFDLevel = face_pb2.BS2_FACE_LFD_LEVEL_LOW
            config.maxRotation = face_pb2.DEFAULT_MAX_ROTATION
            config.detectDistanceMin = face_pb2.DEFAULT_MIN_DETECTION_DISTANCE
            config.detectDistanceMax = face_pb2.DEFAULT_MAX_DETECTION_DISTANCE
        return config

    def reset(self) -> None:
        """Back to the factory's config (Device.ResetConfig)."""
        with self._lock:
            self._config = self.factory()

    def config(self) -> face_pb2.FaceConfig:
        with self._lock:
            out: face_pb2.FaceConfig = _copy(self._config)
            return out

    def set_config(self, config: face_pb2.FaceConfig, method: str) -> None:
        """Replace the whole config (checked by check_face_config first), once the ranges of the
        terminal's face family hold: the enroll timeout, and on a visual terminal its rotation
        and detection distances (an infrared terminal does not use them: kept as given)."""
        low, high = self.enroll_timeouts
        family = "a visual-face" if self.model.visual_face else "an infrared-face"
        try:
            _in_range(config.enrollTimeout, low, high, f"{method}: config.enrollTimeout", " s")
        except SimError as e:
            raise invalid(f"{e.message} on {self.label}, {family} terminal") from None
        if self.model.visual_face:
            _in_range(
                config.maxRotation,
                face_pb2.MIN_MAX_ROTATION,
                face_pb2.MAX_MAX_ROTATION,
                f"{method}: config.maxRotation",
                " degrees",
            )
            _distance(config.detectDistanceMin, method, "detectDistanceMin")
            _distance(config.detectDistanceMax, method, "detectDistanceMax")
            if config.detectDistanceMin > config.detectDistanceMax:
                raise invalid(
                    f"{method}: config.detectDistanceMin {config.detectDistanceMin} cm is beyond "
                    f"detectDistanceMax {config.detectDistanceMax} cm"
                )
        with self._lock:
            self._config = _copy(config)

    @property
    def enroll_timeout(self) -> int:
        return self._config.enrollTimeout

    def extract(self, image: bytes, is_warped: bool, method: str) -> bytes:
        """Face.Extract: the visual face template of the face a visual image shows, so a user
        enrolled with it (BS2_FACE_FLAG_EX | TEMPLATE_ONLY) is recognised by that face.
        `is_warped` must say whether the image is normalized (Face.Normalize's) or not."""
        face = self._visual_image(image, method, "imageData")
        if is_warped != face.warped:
            state = "a normalized (warped)" if face.warped else "an unnormalized"
            raise invalid(
                f"{method}: isWarped is {str(is_warped).lower()}, but imageData is {state} face image; "
                f"set isWarped {str(face.warped).lower()}"
            )
        return credentials.face_template(face.identity)

    def normalize(self, image: bytes, method: str) -> bytes:
        """Face.Normalize: the normalized (warped) image of a visual face image, the same face
        drawn filling the frame (faceimage)."""
        face = self._visual_image(image, method, "unwrappedImageData")
        if face.warped:
            raise invalid(f"{method}: unwrappedImageData is already a normalized (warped) face image")
        return faceimage.face_jpeg(face.identity, colour=True, warped=True)

    def _visual_image(self, image: bytes, method: str, field: str) -> faceimage.FaceImage:
        """The face a visual face image of the simulator's kind shows; an infrared one (of the
        other face family) or any other bytes are refused, naming the field."""
        if not image:
            raise invalid(f"{method}: {field} is empty; send a face image")
        if len(image) > validation.MAX_FACE_IMAGE_BYTES:
            raise invalid(
                f"{method}: {field} has {len(image):,} bytes, at most {validation.MAX_FACE_IMAGE_BYTES:,}"
            )
        face = faceimage.read(image)
        if face is None or len(face.identity) != credentials.IDENTITY_BYTES:
            raise invalid(
                f"{method}: {field} ({len(image):,} bytes) is not a face image {self.label} can read "
                "(the simulator's: a face scan's imageData, or Face.Normalize's)"
            )
        if not face.colour:
            raise invalid(
                f"{method}: {field} is an infrared face image (the FaceStation 2 family's, or a visual "
                f"scan's irImageData); {self.label} takes visual face images"
            )
        return face

    def scanned(self, identity: bytes, method: str) -> None:
        """A Scan captured a face: refused if an enrolled user has it with checkDuplicate on."""
        with self._lock:
            holder = _holder(self._roster(), Input.FACE, identity) if self._config.checkDuplicate else None
        if holder is not None:
            raise already_exists(
                f"{method}: this face is already enrolled for user {holder} on {self.label} "
                "(FaceConfig.checkDuplicate is on)"
            )


def _distance(value: int, method: str, field: str) -> None:
    low, high = (
        (face_pb2.MIN_MIN_DETECTION_DISTANCE, face_pb2.MAX_MIN_DETECTION_DISTANCE)
        if field == "detectDistanceMin"
        else (face_pb2.MIN_MAX_DETECTION_DISTANCE, face_pb2.MAX_MAX_DETECTION_DISTANCE)
    )
    _in_range(value, low, high, f"{method}: config.{field}", " cm")
    if value % DISTANCE_STEP and value != NO_DISTANCE_LIMIT:
        raise invalid(
            f"{method}: config.{field} {value} cm is not a multiple of {DISTANCE_STEP} cm"
            + (f" (or {NO_DISTANCE_LIMIT}: no limit)" if field == "detectDistanceMax" else "")
        )


# -- face authentication groups --------------------------------------------------------------


def check_auth_groups(groups: Iterable[face_pb2.AuthGroup], method: str) -> list[face_pb2.AuthGroup]:
    """Groups to add: at least one, each ID once and not 0 (UserHdr.authGroupID 0 is no group),
    a name of printable text."""
    items = list(groups)
    if not items:
        raise invalid(f"{method}: authGroups is empty; send at least one AuthGroup")
    if len(items) > MAX_AUTH_GROUPS:
        raise invalid(
            f"{method}: authGroups has {len(items):,} groups; a terminal keeps at most {MAX_AUTH_GROUPS}"
        )
    seen: set[int] = set()
    for i, group in enumerate(items):
        if group.ID == 0:
            raise invalid(f"{method}: authGroups[{i}].ID is 0, which means no group; use 1..4294967295")
        if group.ID in seen:
            raise invalid(f"{method}: authGroups[{i}].ID {group.ID} is in the request more than once")
        seen.add(group.ID)
        validation.text(group.name, f"{method}: authGroups[{i}].name", MAX_AUTH_GROUP_NAME_CHARS)
    return items


def check_group_ids(ids: Iterable[int], method: str) -> list[int]:
    items = list(ids)
    if not items:
        raise invalid(f"{method}: groupIDs is empty; name at least one group")
    for i, group_id in enumerate(items):
        if group_id == 0:
            raise invalid(f"{method}: groupIDs[{i}] is 0, which is no group")
        if items.index(group_id) != i:
            raise invalid(f"{method}: groupIDs names group {group_id} more than once")
    return items


class AuthGroups:
    """The terminal's face authentication groups (ID -> name). Only an infrared face terminal
    has them (models.NEEDS: infrared face terminals)."""

    def __init__(
        self,
        model: DeviceModel,
        label: str,
        lock: threading.RLock,
        roster: Callable[[], Roster],
    ) -> None:
        self.model = model
        self.label = label
        self._lock = lock
        self._roster = roster
        self._groups: dict[int, str] = {}

    def listed(self) -> list[face_pb2.AuthGroup]:
        with self._lock:
            return [face_pb2.AuthGroup(ID=i, name=n) for i, n in sorted(self._groups.items())]

    def add(self, groups: list[face_pb2.AuthGroup], method: str) -> None:
        """Add groups (checked by check_auth_groups first); an ID the terminal has already gets
        the new name (inferred: Add writes the groups, as the device SDK's set does)."""
        with self._lock:
            new = {g.ID for g in groups} - self._groups.keys()
            if len(self._groups) + len(new) > MAX_AUTH_GROUPS:
                raise exhausted(
                    f"{method}: {self.label} keeps at most {MAX_AUTH_GROUPS} auth groups; it has "
                    f"{len(self._groups)} and {len(new)} would be new"
                )
            for group in groups:
                self._groups[group.ID] = group.name

    def delete(self, group_ids: list[int], method: str) -> None:
        """Delete these groups (checked by check_group_ids first): all or none."""
        with self._lock:
            for group_id in group_ids:
                if group_id not in self._groups:
                    raise not_found(f"{method}: {self.label} has no auth group {group_id}")
            self._check_unused(set(group_ids), method)
            for group_id in group_ids:
                del self._groups[group_id]

    def clear(self) -> None:
        """The database is cleared (ClearDB, FactoryReset): the groups go with the users."""
        with self._lock:
            self._groups.clear()

    def delete_all(self, method: str) -> None:
        with self._lock:
            self._check_unused(set(self._groups), method)
            self._groups.clear()

    def _check_unused(self, group_ids: set[int], method: str) -> None:
        """Inferred: a group a user is in (UserHdr.authGroupID) is not deleted from under them."""
        users = [(h.ID, h.authGroupID) for h in self._roster().user_headers() if h.authGroupID in group_ids]
        if users:
            uid, group_id = users[0]
            more = f" and {len(users) - 1} more user(s)" if len(users) > 1 else ""
            raise precondition(
                f"{method}: auth group {group_id} is the authGroupID of user {uid}{more} on "
                f"{self.label}; move them to another group (or none) first"
            )
