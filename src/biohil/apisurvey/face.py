"""Plausible calls of gsdk.face (see biohil.apisurvey)."""

from __future__ import annotations

from typing import Any

from google.protobuf.message import Message

from biohil.apisurvey import Call, Invoke
from biohil.apisurvey.finger import presented, scanned
from biohil.gsdk import auth_pb2, face_pb2, user_pb2
from biohil.simcontrol import control_pb2

TEMPLATE_BYTES = 552  # a face template (card.Enum FACE_TEMPLATE_SIZE)
IDENTIFY_SUCCESS = 0x1300
SURVEY_USER = "900771"  # enrolled with an extracted template, then deleted
GROUP = face_pb2.AuthGroup(ID=7, name="Survey group")

# What a request saw, for its check (device ID -> the face token a scan took).
_faces: dict[int, bytes] = {}


def _scanned_image(invoke: Invoke, device_id: int) -> bytes:
    """The image of a face scanned on the terminal (b"" if it has no face camera)."""
    request = face_pb2.ScanRequest(deviceID=device_id)
    answer, token = scanned(invoke, device_id, "Face.Scan", request, control_pb2.FACE)
    _faces[device_id] = token
    return bytes(answer.faceData.imageData) if answer is not None else b""


def _scan_problem(answer: Any, invoke: Invoke, device_id: int) -> str:
    face = answer.faceData
    if not face.templates or not face.imageData or any(len(t) != TEMPLATE_BYTES for t in face.templates):
        return f"FaceData holds {len(face.templates)} templates and a {len(face.imageData)}-byte image"
    return ""


def _recognised(answer: Any, invoke: Invoke, device_id: int) -> str:
    """A user enrolled with the extracted template is identified by the face it came from."""
    template = answer.templateData
    if len(template) != TEMPLATE_BYTES:
        return f"a {len(template)}-byte template"
    face = face_pb2.FaceData(
        flag=face_pb2.BS2_FACE_FLAG_EX | face_pb2.BS2_FACE_FLAG_TEMPLATE_ONLY, templates=[template]
    )
    user = user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=SURVEY_USER), faces=[face])
    invoke("User.Enroll", user_pb2.EnrollRequest(deviceID=device_id, users=[user], overwrite=True))
    saved: Any = invoke("Auth.GetConfig", auth_pb2.GetConfigRequest(deviceID=device_id))
    face_only = auth_pb2.AuthConfig()
    face_only.CopyFrom(saved.config)
    if all(s.mode != auth_pb2.AUTH_EXT_MODE_FACE_ONLY for s in face_only.authSchedules):
        face_only.authSchedules.add(mode=auth_pb2.AUTH_EXT_MODE_FACE_ONLY, scheduleID=1)
    invoke("Auth.SetConfig", auth_pb2.SetConfigRequest(deviceID=device_id, config=face_only))
    try:
        act = control_pb2.ActRequest(
            deviceID=device_id,
            input=control_pb2.FACE,
            credential=control_pb2.Credential(token=_faces.get(device_id, b"")),
        )
        reply: Any = invoke("Control.Act", act)
    finally:
        invoke("Auth.SetConfig", auth_pb2.SetConfigRequest(deviceID=device_id, config=saved.config))
        invoke("User.Delete", user_pb2.DeleteRequest(deviceID=device_id, userIDs=[SURVEY_USER]))
    if not any(e.eventCode == IDENTIFY_SUCCESS and e.userID == SURVEY_USER for e in reply.events):
        codes = ", ".join(f"0x{e.eventCode:04X}" for e in reply.events)
        return f"the face its template came from is not identified as the user enrolled with it ({codes})"
    return ""


def _normalized_problem(answer: Any, invoke: Invoke, device_id: int) -> str:
    warped = answer.wrappedImageData
    if warped[:2] != b"\xff\xd8":
        return f"wrappedImageData ({len(warped)} bytes) is no JPEG"
    again: Any = invoke(
        "Face.Extract", face_pb2.ExtractRequest(deviceID=device_id, imageData=warped, isWarped=True)
    )
    return "" if len(again.templateData) == TEMPLATE_BYTES else "Extract takes no template from it"


def _config(invoke: Invoke, device_id: int) -> face_pb2.FaceConfig:
    answer: Any = invoke("Face.GetConfig", face_pb2.GetConfigRequest(deviceID=device_id))
    config: face_pb2.FaceConfig = answer.config
    return config


def _changed(invoke: Invoke, device_id: int, light: int) -> face_pb2.FaceConfig:
    config = _config(invoke, device_id)
    config.lightCondition = light  # type: ignore[assignment]
    config.securityLevel = face_pb2.BS2_FACE_SECURITY_SECURE
    return config


def _reads_back(light: int) -> Any:
    def check(answer: Message, invoke: Invoke, device_id: int) -> str:
        got = _config(invoke, device_id)
        if got.lightCondition != light or got.securityLevel != face_pb2.BS2_FACE_SECURITY_SECURE:
            return (
                f"GetConfig reads back lightCondition {got.lightCondition}, securityLevel {got.securityLevel}"
            )
        return ""

    return check


def _config_problem(answer: Any, invoke: Invoke, device_id: int) -> str:
    timeout = answer.config.enrollTimeout
    if not face_pb2.MIN_ENROLL_TIMEOUT_EX <= timeout <= face_pb2.MAX_ENROLL_TIMEOUT:
        return f"enrollTimeout {timeout} is outside either face family's range"
    return ""


def _groups(invoke: Invoke, device_id: int) -> dict[int, str]:
    answer: Any = invoke("Face.GetAuthGroup", face_pb2.GetAuthGroupRequest(deviceID=device_id))
    return {g.ID: g.name for g in answer.authGroups}


def _with_group(invoke: Invoke, device_id: int) -> None:
    invoke("Face.AddAuthGroup", face_pb2.AddAuthGroupRequest(deviceID=device_id, authGroups=[GROUP]))


def _group_listed(answer: Message, invoke: Invoke, device_id: int) -> str:
    groups = _groups(invoke, device_id)
    return "" if groups.get(GROUP.ID) == GROUP.name else f"GetAuthGroup lists {groups}"


def _listed_by_get(answer: Any, invoke: Invoke, device_id: int) -> str:
    groups = {g.ID: g.name for g in answer.authGroups}
    return "" if groups.get(GROUP.ID) == GROUP.name else f"the group added first is not listed: {groups}"


def _group_gone(answer: Message, invoke: Invoke, device_id: int) -> str:
    groups = _groups(invoke, device_id)
    return "" if GROUP.ID not in groups else f"GetAuthGroup still lists {groups}"


def _none_left(answer: Message, invoke: Invoke, device_id: int) -> str:
    groups = _groups(invoke, device_id)
    return "" if not groups else f"GetAuthGroup still lists {groups}"


def _added_then(request: Any) -> Any:
    """A request that acts on GROUP, added first."""

    def build(invoke: Invoke, device_id: int) -> Message:
        _with_group(invoke, device_id)
        return request(device_id)  # type: ignore[no-any-return]

    return build


CALLS: dict[str, Call] = {
    "Face.Scan": Call(
        request=lambda invoke, d: face_pb2.ScanRequest(deviceID=d),
        check=_scan_problem,
        person=lambda invoke, d: presented(invoke, d, control_pb2.FACE),
    ),
    "Face.Extract": Call(
        request=lambda invoke, d: face_pb2.ExtractRequest(deviceID=d, imageData=_scanned_image(invoke, d)),
        check=_recognised,
    ),
    "Face.Normalize": Call(
        request=lambda invoke, d: face_pb2.NormalizeRequest(
            deviceID=d, unwrappedImageData=_scanned_image(invoke, d)
        ),
        check=_normalized_problem,
    ),
    "Face.GetConfig": Call(
        request=lambda invoke, d: face_pb2.GetConfigRequest(deviceID=d), check=_config_problem
    ),
    "Face.SetConfig": Call(
        request=lambda invoke, d: face_pb2.SetConfigRequest(
            deviceID=d, config=_changed(invoke, d, face_pb2.BS2_FACE_LIGHT_CONDITION_OUTDOOR)
        ),
        check=_reads_back(face_pb2.BS2_FACE_LIGHT_CONDITION_OUTDOOR),
    ),
    "Face.SetConfigMulti": Call(
        request=lambda invoke, d: face_pb2.SetConfigMultiRequest(
            deviceIDs=[d], config=_changed(invoke, d, face_pb2.BS2_FACE_LIGHT_CONDITION_AUTO)
        ),
        check=_reads_back(face_pb2.BS2_FACE_LIGHT_CONDITION_AUTO),
    ),
    "Face.GetAuthGroup": Call(
        request=_added_then(lambda d: face_pb2.GetAuthGroupRequest(deviceID=d)), check=_listed_by_get
    ),
    "Face.AddAuthGroup": Call(
        request=lambda invoke, d: face_pb2.AddAuthGroupRequest(deviceID=d, authGroups=[GROUP]),
        check=_group_listed,
    ),
    "Face.AddAuthGroupMulti": Call(
        request=lambda invoke, d: face_pb2.AddAuthGroupMultiRequest(deviceIDs=[d], authGroups=[GROUP]),
        check=_group_listed,
    ),
    "Face.DeleteAuthGroup": Call(
        request=_added_then(lambda d: face_pb2.DeleteAuthGroupRequest(deviceID=d, groupIDs=[GROUP.ID])),
        check=_group_gone,
    ),
    "Face.DeleteAuthGroupMulti": Call(
        request=_added_then(
            lambda d: face_pb2.DeleteAuthGroupMultiRequest(deviceIDs=[d], groupIDs=[GROUP.ID])
        ),
        check=_group_gone,
    ),
    "Face.DeleteAllAuthGroup": Call(
        request=_added_then(lambda d: face_pb2.DeleteAllAuthGroupRequest(deviceID=d)), check=_none_left
    ),
    "Face.DeleteAllAuthGroupMulti": Call(
        request=_added_then(lambda d: face_pb2.DeleteAllAuthGroupMultiRequest(deviceIDs=[d])),
        check=_none_left,
    ),
}
