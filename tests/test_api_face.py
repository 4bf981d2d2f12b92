"""gsdk.face.Face served in full: the terminal's FaceConfig (the defaults of its face family, read
back, acting on Scan), templates and normalized images from the simulator's face images, the face
authentication groups of an infrared terminal, the Multi calls' per-terminal errors, the
terminals that lack a feature, and what a terminal refuses, over the public gRPC API."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.rpc import status_pb2

from biohil import apisurvey
from biohil.gsdk import connect_pb2, err_pb2, face_pb2, user_pb2
from biohil.simcontrol import control_pb2
from biohil.simulator import Simulator
from biohil.simulator.models import fleet
from tests.conftest import raw_stubs

BS2, F2, W2, FS2, F2_NO_FP = fleet(5)
USER = "900701"
IDENTIFY_SUCCESS = 0x1300
Stubs = dict[str, Any]


def _defaults(visual: bool) -> face_pb2.FaceConfig:
    """The Face API's defaults: the visual family's enroll timeout, LFD level and detection
    settings, or the infrared family's."""
    config = face_pb2.FaceConfig(
        securityLevel=face_pb2.BS2_FACE_SECURITY_NORMAL,
        lightCondition=face_pb2.BS2_FACE_LIGHT_CONDITION_INDOOR,
        enrollThreshold=face_pb2.BS2_FACE_ENROLL_THRESHOLD_4,
        detectSensitivity=face_pb2.BS2_FACE_DETECT_SENSITIVITY_MIDDLE,
        enrollTimeout=20 if visual else 60,
        LFDLevel=face_pb2.BS2_FACE_LFD_LEVEL_LOW if visual else face_pb2.BS2_FACE_LFD_LEVEL_OFF,
        previewOption=face_pb2.BS2_FACE_PREVIEW_HALF,
        operationMode=face_pb2.BS2_FACE_OPERATION_MODE_FUSION,
    )
    if visual:
        config.maxRotation, config.detectDistanceMin, config.detectDistanceMax = 15, 30, 100
    return config


def _error(call: Any, request: Any) -> tuple[grpc.StatusCode, str]:
    with pytest.raises(grpc.RpcError) as info:
        call(request, timeout=10)
    err: Any = info.value
    return err.code(), err.details()


def _multi_error(call: Any, request: Any) -> tuple[grpc.StatusCode, list[err_pb2.ErrorResponse]]:
    """The status of a Multi call that failed, and its per-terminal errors: the one
    MultiErrorResponse detail of the google.rpc.Status in its trailer (contract 5.9)."""
    with pytest.raises(grpc.RpcError) as info:
        call(request, timeout=10)
    err: Any = info.value
    status = status_pb2.Status.FromString(dict(err.trailing_metadata())["grpc-status-details-bin"])
    assert len(status.details) == 1
    errors = err_pb2.MultiErrorResponse()
    assert status.details[0].Unpack(errors)
    return err.code(), list(errors.deviceErrors)


def _config(s: Stubs, device: int) -> face_pb2.FaceConfig:
    config: face_pb2.FaceConfig = (
        s["face"].GetConfig(face_pb2.GetConfigRequest(deviceID=device), timeout=10).config
    )
    return config


def _set(s: Stubs, device: int, **fields: Any) -> face_pb2.FaceConfig:
    config = _config(s, device)
    for name, value in fields.items():
        setattr(config, name, value)
    s["face"].SetConfig(face_pb2.SetConfigRequest(deviceID=device, config=config), timeout=10)
    return config


@contextlib.contextmanager
def _config_kept(s: Stubs, *devices: int) -> Iterator[None]:
    """The terminals' configs as they were, afterwards (the module's simulator is shared)."""
    saved = {d: _config(s, d) for d in devices}
    try:
        yield
    finally:
        for d, config in saved.items():
            s["face"].SetConfig(face_pb2.SetConfigRequest(deviceID=d, config=config), timeout=10)


def _scan(s: Stubs, device: int, token: bytes = b"") -> tuple[Any, bytes]:
    """Face.Scan with a person showing a face (a new one, or `token`'s): the pending call, the token."""
    pending = s["face"].Scan.future(face_pb2.ScanRequest(deviceID=device), timeout=10)
    credential = control_pb2.Credential(token=token) if token else control_pb2.Credential(unknown=True)
    act = control_pb2.ActRequest(
        deviceID=device, input=control_pb2.FACE, credential=credential, awaitScanMs=5000
    )
    return pending, bytes(s["control"].Act(act, timeout=10).token)


def _scanned(s: Stubs, device: int) -> tuple[face_pb2.FaceData, bytes]:
    pending, token = _scan(s, device)
    return pending.result().faceData, token


def _groups(s: Stubs, device: int) -> dict[int, str]:
    answer = s["face"].GetAuthGroup(face_pb2.GetAuthGroupRequest(deviceID=device), timeout=10)
    return {g.ID: g.name for g in answer.authGroups}


def _add(s: Stubs, device: int, *groups: tuple[int, str]) -> None:
    request = face_pb2.AddAuthGroupRequest(
        deviceID=device, authGroups=[face_pb2.AuthGroup(ID=i, name=n) for i, n in groups]
    )
    s["face"].AddAuthGroup(request, timeout=10)


@contextlib.contextmanager
def _connected(tmp_path: Path) -> Iterator[Stubs]:
    """Stubs to a simulator of the test's own, its five terminals connected."""
    with Simulator(tmp_path, devices=fleet(5)) as sim:
        creds = grpc.ssl_channel_credentials(root_certificates=sim.ca_file.read_bytes())
        with grpc.secure_channel(sim.address, creds) as channel:
            s = raw_stubs(channel)
            for spec in fleet(5):
                info = connect_pb2.ConnectInfo(IPAddr=spec.ip, port=spec.port)
                s["connect"].Connect(connect_pb2.ConnectRequest(connectInfo=info), timeout=10)
            s["sim"] = sim
            yield s


# -- the config ----------------------------------------------------------------------------


@pytest.mark.parametrize("spec", [F2, FS2, F2_NO_FP], ids=lambda s: s.model.name.replace(" ", ""))
def test_face_config_has_its_familys_defaults_and_reads_back_what_is_set(five: Stubs, spec: Any) -> None:
    d, visual = spec.device_id, spec.model.extended_auth
    assert _config(five, d) == _defaults(visual)
    with _config_kept(five, d):
        changed = _defaults(visual)
        changed.securityLevel = face_pb2.BS2_FACE_SECURITY_MORE_SECURE
        changed.lightCondition = face_pb2.BS2_FACE_LIGHT_CONDITION_DARK
        changed.enrollThreshold = face_pb2.BS2_FACE_ENROLL_THRESHOLD_9
        changed.enrollTimeout = 10 if visual else 30
        changed.quickEnrollment = changed.checkDuplicate = changed.wideSearch = True
        changed.previewOption = face_pb2.BS2_FACE_PREVIEW_FULL
        changed.unableToSaveImageOfVisualFace = True
        if visual:
            changed.maxRotation, changed.detectDistanceMin, changed.detectDistanceMax = 30, 50, 255
        five["face"].SetConfig(face_pb2.SetConfigRequest(deviceID=d, config=changed), timeout=10)
        assert _config(five, d) == changed
    assert _config(five, d) == _defaults(visual)


def test_enroll_timeout_bounds_the_wait_of_a_face_scan(five: Stubs) -> None:
    d = FS2.device_id
    with _config_kept(five, d):
        _set(five, d, enrollTimeout=30)
        pending = five["face"].Scan.future(face_pb2.ScanRequest(deviceID=d), timeout=10)
        wait = control_pb2.AwaitScanRequest(deviceID=d, input=control_pb2.FACE, timeoutMs=5000)
        five["control"].AwaitScan(wait, timeout=10)
        five["control"].AdvanceClock(control_pb2.AdvanceClockRequest(milliseconds=29_900), timeout=10)
        assert five["control"].GetStats(control_pb2.GetStatsRequest(), timeout=10).waitingScans == 1
        five["control"].AdvanceClock(control_pb2.AdvanceClockRequest(milliseconds=100), timeout=10)
        with pytest.raises(grpc.RpcError) as info:
            pending.result()
        err: Any = info.value
        assert err.code() == grpc.StatusCode.DEADLINE_EXCEEDED and "within 30 s" in err.details()


def test_set_config_multi_stores_where_the_family_takes_it_and_names_the_terminal_that_refuses(
    five: Stubs,
) -> None:
    with _config_kept(five, F2.device_id, F2_NO_FP.device_id):
        config = _defaults(visual=True)
        config.enrollTimeout = 15  # the visual family's range; the infrared one's is 30..60
        request = face_pb2.SetConfigMultiRequest(
            deviceIDs=[F2.device_id, FS2.device_id, F2_NO_FP.device_id], config=config
        )
        code, errors = _multi_error(five["face"].SetConfigMulti, request)
        assert code == grpc.StatusCode.INVALID_ARGUMENT  # the failing terminal's (reading multi_status)
        assert [(e.deviceID, e.code) for e in errors] == [(FS2.device_id, code.value[0])]
        assert "config.enrollTimeout 15 s is out of range 30..60 s" in errors[0].msg
        assert (
            _config(five, F2.device_id).enrollTimeout == _config(five, F2_NO_FP.device_id).enrollTimeout == 15
        )
        assert _config(five, FS2.device_id) == _defaults(visual=False)
        request.deviceIDs[:] = [F2.device_id, F2_NO_FP.device_id]
        request.config.enrollTimeout = 12
        five["face"].SetConfigMulti(request, timeout=10)  # all of them: OK, no details
        assert _config(five, F2.device_id).enrollTimeout == 12


BAD_CONFIGS = [
    ("securityLevel", 3, "config.securityLevel 3 is not one of"),
    ("lightCondition", 4, "config.lightCondition 4 is not one of"),
    ("enrollThreshold", 10, "config.enrollThreshold 10 is not one of"),
    ("detectSensitivity", 4, "config.detectSensitivity 4 is not one of"),
    ("LFDLevel", 4, "config.LFDLevel 4 is not one of"),
    ("previewOption", 3, "config.previewOption 3 is not one of"),
    ("operationMode", 3, "config.operationMode 3 is not one of"),
]


@pytest.mark.parametrize(
    ("field", "value", "words"), BAD_CONFIGS, ids=[f"{f}={v}" for f, v, _ in BAD_CONFIGS]
)
def test_an_undefined_enum_in_a_face_config_is_refused_for_every_terminal_naming_the_field(
    five: Stubs, field: str, value: int, words: str
) -> None:
    config = _defaults(visual=True)
    setattr(config, field, value)
    request = face_pb2.SetConfigRequest(deviceID=F2.device_id, config=config)
    code, details = _error(five["face"].SetConfig, request)
    assert code == grpc.StatusCode.INVALID_ARGUMENT and f"Face.SetConfig: {words}" in details
    multi = face_pb2.SetConfigMultiRequest(deviceIDs=[F2.device_id, FS2.device_id], config=config)
    code, details = _error(five["face"].SetConfigMulti, multi)  # the whole call, no details
    assert code == grpc.StatusCode.INVALID_ARGUMENT and f"Face.SetConfigMulti: {words}" in details
    assert _config(five, F2.device_id) == _defaults(visual=True)


VISUAL_RANGES = [
    ("enrollTimeout", 21, "config.enrollTimeout 21 s is out of range 10..20 s"),
    ("enrollTimeout", 0, "config.enrollTimeout 0 s is out of range 10..20 s"),
    ("maxRotation", 31, "config.maxRotation 31 degrees is out of range 0..30 degrees"),
    ("detectDistanceMin", 20, "config.detectDistanceMin 20 cm is out of range 30..100 cm"),
    ("detectDistanceMin", 35, "config.detectDistanceMin 35 cm is not a multiple of 10 cm"),
    ("detectDistanceMax", 256, "config.detectDistanceMax 256 cm is out of range 40..255 cm"),
    ("detectDistanceMax", 30, "config.detectDistanceMax 30 cm is out of range 40..255 cm"),
    ("detectDistanceMin", 100, "config.detectDistanceMin 100 cm is beyond detectDistanceMax 90 cm"),
]


@pytest.mark.parametrize(
    ("field", "value", "words"), VISUAL_RANGES, ids=[f"{f}={v}" for f, v, _ in VISUAL_RANGES]
)
def test_a_visual_terminal_refuses_a_value_out_of_its_range_naming_the_field(
    five: Stubs, field: str, value: int, words: str
) -> None:
    config = _defaults(visual=True)
    config.detectDistanceMax = 90
    setattr(config, field, value)
    code, details = _error(
        five["face"].SetConfig, face_pb2.SetConfigRequest(deviceID=F2.device_id, config=config)
    )
    assert code == grpc.StatusCode.INVALID_ARGUMENT and f"Face.SetConfig: {words}" in details
    assert _config(five, F2.device_id) == _defaults(visual=True)


def test_an_infrared_terminal_keeps_the_visual_only_fields_as_given(five: Stubs) -> None:
    d = FS2.device_id
    with _config_kept(five, d):
        _set(five, d, maxRotation=77, detectDistanceMin=3)  # not used by an infrared camera
        assert (_config(five, d).maxRotation, _config(five, d).detectDistanceMin) == (77, 3)
        code, details = _error(
            five["face"].SetConfig, face_pb2.SetConfigRequest(deviceID=d, config=_defaults(visual=True))
        )
        assert (
            code == grpc.StatusCode.INVALID_ARGUMENT
            and "enrollTimeout 20 s is out of range 30..60 s" in details
        )


def test_check_duplicate_refuses_to_scan_a_face_a_user_has(five: Stubs) -> None:
    d = FS2.device_id
    face, token = _scanned(five, d)
    user = user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), faces=[face])
    five["user"].Enroll(user_pb2.EnrollRequest(deviceID=d, users=[user], overwrite=True), timeout=10)
    try:
        with _config_kept(five, d):
            again, _ = _scan(five, d, token)
            assert again.result().faceData.templates  # checkDuplicate off (the default): scanned
            _set(five, d, checkDuplicate=True)
            again, _ = _scan(five, d, token)
            with pytest.raises(grpc.RpcError) as info:
                again.result()
            err: Any = info.value
            assert (
                err.code() == grpc.StatusCode.ALREADY_EXISTS and f"enrolled for user {USER}" in err.details()
            )
            assert _scanned(five, d)[0].templates  # a face nobody has
    finally:
        five["user"].Delete(user_pb2.DeleteRequest(deviceID=d, userIDs=[USER]), timeout=10)


# -- templates and normalized images from face images --------------------------------------------


def _extract(s: Stubs, device: int, image: bytes, warped: bool) -> bytes:
    request = face_pb2.ExtractRequest(deviceID=device, imageData=image, isWarped=warped)
    template: bytes = s["face"].Extract(request, timeout=10).templateData
    return template


def _identified(s: Stubs, device: int, template: bytes, token: bytes) -> bool:
    """Enrolled with only this template, a user is identified by the face of `token`."""
    face = face_pb2.FaceData(
        flag=face_pb2.BS2_FACE_FLAG_EX | face_pb2.BS2_FACE_FLAG_TEMPLATE_ONLY, templates=[template]
    )
    user = user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), faces=[face])
    s["user"].Enroll(user_pb2.EnrollRequest(deviceID=device, users=[user], overwrite=True), timeout=10)
    try:
        act = control_pb2.ActRequest(
            deviceID=device, input=control_pb2.FACE, credential=control_pb2.Credential(token=token)
        )
        events = s["control"].Act(act, timeout=10).events
        return any(e.eventCode == IDENTIFY_SUCCESS and e.userID == USER for e in events)
    finally:
        s["user"].Delete(user_pb2.DeleteRequest(deviceID=device, userIDs=[USER]), timeout=10)


@pytest.mark.parametrize("spec", [F2, F2_NO_FP], ids=lambda s: s.model.name.replace(" ", ""))
def test_extract_gives_the_template_of_the_face_an_image_shows_so_its_user_is_identified(
    five: Stubs, spec: Any
) -> None:
    d = spec.device_id
    face, token = _scanned(five, d)
    template = _extract(five, d, face.imageData, warped=False)
    assert len(template) == 552 and _identified(five, d, template, token)
    stranger, _ = _scanned(five, d)
    assert not _identified(five, d, _extract(five, d, stranger.imageData, warped=False), token)


def test_normalize_gives_the_same_face_warped_which_extract_takes_as_warped(five: Stubs) -> None:
    d = F2.device_id
    face, token = _scanned(five, d)
    warped = (
        five["face"]
        .Normalize(face_pb2.NormalizeRequest(deviceID=d, unwrappedImageData=face.imageData), timeout=10)
        .wrappedImageData
    )
    assert warped[:2] == b"\xff\xd8" and warped != face.imageData and len(warped) < 2048
    assert _identified(five, d, _extract(five, d, warped, warped=True), token)
    code, details = _error(five["face"].Extract, face_pb2.ExtractRequest(deviceID=d, imageData=warped))
    assert (
        code == grpc.StatusCode.INVALID_ARGUMENT
        and "isWarped is false, but imageData is a normalized" in details
    )
    request = face_pb2.ExtractRequest(deviceID=d, imageData=face.imageData, isWarped=True)
    code, details = _error(five["face"].Extract, request)
    assert (
        code == grpc.StatusCode.INVALID_ARGUMENT
        and "isWarped is true, but imageData is an unnormalized" in details
    )
    code, details = _error(
        five["face"].Normalize, face_pb2.NormalizeRequest(deviceID=d, unwrappedImageData=warped)
    )
    assert (
        code == grpc.StatusCode.INVALID_ARGUMENT and "unwrappedImageData is already a normalized" in details
    )


def test_a_visual_terminal_refuses_infrared_images_and_bytes_that_are_no_face_image_naming_the_field(
    five: Stubs,
) -> None:
    d = F2.device_id
    visual, _ = _scanned(five, d)
    infrared, _ = _scanned(five, FS2.device_id)
    changed = visual.imageData[:-3] + bytes([visual.imageData[-3] ^ 1]) + visual.imageData[-2:]
    for image, words in (
        (visual.irImageData, "imageData is an infrared face image"),
        (infrared.imageData, "imageData is an infrared face image"),
        (b"", "imageData is empty"),
        (b"\xff\xd8\xff\xd9", "imageData (4 bytes) is not a face image"),
        (changed, f"imageData ({len(changed)} bytes) is not a face image"),
        (bytes(64 * 1024 + 1), "imageData has 65,537 bytes, at most 65,536"),
    ):
        code, details = _error(five["face"].Extract, face_pb2.ExtractRequest(deviceID=d, imageData=image))
        assert code == grpc.StatusCode.INVALID_ARGUMENT and f"Face.Extract: {words}" in details
    code, details = _error(
        five["face"].Normalize, face_pb2.NormalizeRequest(deviceID=d, unwrappedImageData=infrared.imageData)
    )
    assert (
        code == grpc.StatusCode.INVALID_ARGUMENT and "unwrappedImageData is an infrared face image" in details
    )


@pytest.mark.parametrize("spec", [FS2, BS2], ids=lambda s: s.model.name.replace(" ", ""))
def test_extract_and_normalize_need_a_visual_face_terminal_naming_the_flag(five: Stubs, spec: Any) -> None:
    d = spec.device_id
    for call, request in (
        (five["face"].Extract, face_pb2.ExtractRequest(deviceID=d, imageData=b"\xff\xd8")),
        (five["face"].Normalize, face_pb2.NormalizeRequest(deviceID=d, unwrappedImageData=b"\xff\xd8")),
    ):
        code, details = _error(call, request)
        assert code == grpc.StatusCode.UNIMPLEMENTED and details.endswith("(faceExSupported is false)")


# -- auth groups ---------------------------------------------------------------------------------


def test_auth_groups_are_added_listed_renamed_and_deleted(tmp_path: Path) -> None:
    with _connected(tmp_path) as s:
        d = FS2.device_id
        assert _groups(s, d) == {}
        _add(s, d, (3, "Lobby"), (1, "Staff"))
        assert _groups(s, d) == {1: "Staff", 3: "Lobby"}
        listed = s["face"].GetAuthGroup(face_pb2.GetAuthGroupRequest(deviceID=d), timeout=10).authGroups
        assert [g.ID for g in listed] == [1, 3]  # by ID
        _add(s, d, (3, "Front desk"))  # a group the terminal has: renamed
        assert _groups(s, d) == {1: "Staff", 3: "Front desk"}
        code, details = _error(
            s["face"].DeleteAuthGroup, face_pb2.DeleteAuthGroupRequest(deviceID=d, groupIDs=[1, 9])
        )
        assert code == grpc.StatusCode.NOT_FOUND and "has no auth group 9" in details
        assert _groups(s, d) == {1: "Staff", 3: "Front desk"}  # all or none
        s["face"].DeleteAuthGroup(face_pb2.DeleteAuthGroupRequest(deviceID=d, groupIDs=[1]), timeout=10)
        assert _groups(s, d) == {3: "Front desk"}
        _add(s, d, *((i, f"Group {i}") for i in range(10, 19)))
        code, details = _error(
            s["face"].AddAuthGroup,
            face_pb2.AddAuthGroupRequest(deviceID=d, authGroups=[face_pb2.AuthGroup(ID=99, name="One more")]),
        )
        assert code == grpc.StatusCode.RESOURCE_EXHAUSTED and "at most 10 auth groups" in details
        s["face"].DeleteAllAuthGroup(face_pb2.DeleteAllAuthGroupRequest(deviceID=d), timeout=10)
        assert _groups(s, d) == {}


def test_a_group_a_user_is_in_is_not_deleted(tmp_path: Path) -> None:
    with _connected(tmp_path) as s:
        d = FS2.device_id
        _add(s, d, (4, "Night shift"), (5, "Day shift"))
        user = user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER, authGroupID=4))
        s["user"].Enroll(user_pb2.EnrollRequest(deviceID=d, users=[user]), timeout=10)
        for call, request in (
            (s["face"].DeleteAuthGroup, face_pb2.DeleteAuthGroupRequest(deviceID=d, groupIDs=[5, 4])),
            (s["face"].DeleteAllAuthGroup, face_pb2.DeleteAllAuthGroupRequest(deviceID=d)),
        ):
            code, details = _error(call, request)
            assert code == grpc.StatusCode.FAILED_PRECONDITION
            assert f"auth group 4 is the authGroupID of user {USER}" in details
        assert _groups(s, d) == {4: "Night shift", 5: "Day shift"}
        s["user"].Delete(user_pb2.DeleteRequest(deviceID=d, userIDs=[USER]), timeout=10)
        s["face"].DeleteAuthGroup(face_pb2.DeleteAuthGroupRequest(deviceID=d, groupIDs=[4]), timeout=10)
        assert _groups(s, d) == {5: "Day shift"}


def test_the_group_multi_calls_change_each_terminal_and_name_the_one_that_refuses(tmp_path: Path) -> None:
    with _connected(tmp_path) as s:
        ids = [FS2.device_id, F2.device_id]  # the visual F2 has no auth groups
        groups = [face_pb2.AuthGroup(ID=6, name="Visitors"), face_pb2.AuthGroup(ID=7, name="Guards")]
        for call, request, after in (
            (
                s["face"].AddAuthGroupMulti,
                face_pb2.AddAuthGroupMultiRequest(deviceIDs=ids, authGroups=groups),
                {6: "Visitors", 7: "Guards"},
            ),
            (
                s["face"].DeleteAuthGroupMulti,
                face_pb2.DeleteAuthGroupMultiRequest(deviceIDs=ids, groupIDs=[6]),
                {7: "Guards"},
            ),
            (s["face"].DeleteAllAuthGroupMulti, face_pb2.DeleteAllAuthGroupMultiRequest(deviceIDs=ids), {}),
        ):
            code, errors = _multi_error(call, request)
            assert code == grpc.StatusCode.UNIMPLEMENTED  # the failing terminal's (reading multi_status)
            assert [e.deviceID for e in errors] == [F2.device_id] and "faceExSupported is true" in errors[
                0
            ].msg
            assert _groups(s, FS2.device_id) == after
        s["face"].AddAuthGroupMulti(
            face_pb2.AddAuthGroupMultiRequest(deviceIDs=[FS2.device_id], authGroups=groups), timeout=10
        )
        assert _groups(s, FS2.device_id) == {6: "Visitors", 7: "Guards"}


def test_auth_groups_need_an_infrared_face_terminal_naming_the_flag(five: Stubs) -> None:
    for spec, ending in ((BS2, "(faceSupported is false)"), (F2, "faceExSupported is true)")):
        code, details = _error(
            five["face"].GetAuthGroup, face_pb2.GetAuthGroupRequest(deviceID=spec.device_id)
        )
        assert code == grpc.StatusCode.UNIMPLEMENTED and details.endswith(ending), details


BAD_GROUPS: list[tuple[str, list[face_pb2.AuthGroup], str]] = [
    ("none", [], "authGroups is empty"),
    ("ID 0", [face_pb2.AuthGroup(ID=0, name="x")], "authGroups[0].ID is 0, which means no group"),
    (
        "twice",
        [face_pb2.AuthGroup(ID=2), face_pb2.AuthGroup(ID=2)],
        "authGroups[1].ID 2 is in the request more than once",
    ),
    (
        "long name",
        [face_pb2.AuthGroup(ID=2, name="n" * 49)],
        "authGroups[0].name has 49 characters, at most 48",
    ),
    ("control", [face_pb2.AuthGroup(ID=2, name="a\x1bb")], "authGroups[0].name"),
    ("too many", [face_pb2.AuthGroup(ID=i) for i in range(1, 12)], "authGroups has 11 groups"),
]


@pytest.mark.parametrize(("case", "groups", "words"), BAD_GROUPS, ids=[c for c, _, _ in BAD_GROUPS])
def test_bad_auth_groups_are_refused_naming_the_field(
    five: Stubs, case: str, groups: list[face_pb2.AuthGroup], words: str
) -> None:
    d = FS2.device_id
    code, details = _error(
        five["face"].AddAuthGroup, face_pb2.AddAuthGroupRequest(deviceID=d, authGroups=groups)
    )
    assert code == grpc.StatusCode.INVALID_ARGUMENT and f"Face.AddAuthGroup: {words}" in details
    multi = face_pb2.AddAuthGroupMultiRequest(deviceIDs=[d, F2.device_id], authGroups=groups)
    code, details = _error(five["face"].AddAuthGroupMulti, multi)  # the whole call, no details
    assert code == grpc.StatusCode.INVALID_ARGUMENT and f"Face.AddAuthGroupMulti: {words}" in details
    assert _groups(five, d) == {}


def test_bad_group_ids_are_refused_naming_the_field(five: Stubs) -> None:
    d = FS2.device_id
    for ids, words in (
        ([], "groupIDs is empty"),
        ([0], "groupIDs[0] is 0"),
        ([3, 3], "names group 3 more than once"),
    ):
        code, details = _error(
            five["face"].DeleteAuthGroup, face_pb2.DeleteAuthGroupRequest(deviceID=d, groupIDs=ids)
        )
        assert code == grpc.StatusCode.INVALID_ARGUMENT and words in details


# -- reset and the survey ------------------------------------------------------------------------


def test_the_face_settings_are_a_config_part_that_resets_to_the_factorys(tmp_path: Path) -> None:
    with _connected(tmp_path) as s:
        d = FS2.device_id
        _set(s, d, enrollTimeout=45, checkDuplicate=True)
        _add(s, d, (2, "Kept"))
        device = s["sim"].gateway.devices[d]
        assert device.face_settings in device.config_parts
        for part in device.config_parts:
            part.reset()
        assert _config(s, d) == _defaults(visual=False)
        assert _groups(s, d) == {2: "Kept"}  # data, not configuration


def test_the_survey_finds_each_face_call_plausible_where_the_model_has_the_feature(tmp_path: Path) -> None:
    with _connected(tmp_path) as s:
        creds = grpc.ssl_channel_credentials(root_certificates=s["sim"].ca_file.read_bytes())
        with grpc.secure_channel(s["sim"].address, creds) as channel:
            invoke = apisurvey.invoker(channel)
            only = [n for n in apisurvey.calls() if n.startswith("Face.")]
            assert len(only) == len(face_pb2.DESCRIPTOR.services_by_name["Face"].methods)
            groups = {n for n in only if "AuthGroup" in n}
            pictures = {"Face.Extract", "Face.Normalize"}
            for spec in fleet(5):
                d = spec.device_id
                found = apisurvey.survey(invoke, d, apisurvey.reported(invoke, d), only=only)
                plausible = {o.method for o in found.outcomes if o.verdict == "plausible"}
                if not spec.model.face:
                    assert plausible == set(), found.outcomes
                elif spec.model.extended_auth:  # visual: no auth groups
                    assert plausible == set(only) - groups, found.outcomes
                else:  # infrared: no templates from pictures
                    assert plausible == set(only) - pictures, found.outcomes
