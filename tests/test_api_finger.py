"""gsdk.finger.Finger served in full: the terminal's FingerConfig (documented defaults, read back,
and acting on Scan), the image of the last scan, SetConfigMulti's per-terminal errors, the
terminals without a fingerprint sensor, and what a terminal refuses, over the public gRPC API."""

from __future__ import annotations

import contextlib
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.rpc import status_pb2

from biohil import apisurvey
from biohil.gsdk import connect_pb2, err_pb2, finger_pb2, user_pb2
from biohil.simcontrol import control_pb2
from biohil.simulator import Simulator
from biohil.simulator.models import fleet
from tests.conftest import raw_stubs

BS2, F2, W2, FS2, F2_NO_FP = fleet(5)
USER = "900601"
Stubs = dict[str, Any]

DEFAULTS = finger_pb2.FingerConfig(  # the Fingerprint API's defaults; advancedEnrollment: reading
    securityLevel=finger_pb2.SECURE,
    fastMode=finger_pb2.AUTOMATIC,
    sensitivity=finger_pb2.HIGHEST_SENSITIVE,
    sensorMode=finger_pb2.ALWAYS_ON,
    templateFormat=finger_pb2.TEMPLATE_FORMAT_SUPREMA,
    scanTimeout=10,
    advancedEnrollment=True,
    LFDLevel=finger_pb2.NOT_USED,
)


def _error(call: Any, request: Any) -> tuple[grpc.StatusCode, str]:
    with pytest.raises(grpc.RpcError) as info:
        call(request, timeout=10)
    err: Any = info.value
    return err.code(), err.details()


def _config(s: Stubs, device: int) -> finger_pb2.FingerConfig:
    config: finger_pb2.FingerConfig = (
        s["finger"].GetConfig(finger_pb2.GetConfigRequest(deviceID=device), timeout=10).config
    )
    return config


def _set(s: Stubs, device: int, **fields: Any) -> finger_pb2.FingerConfig:
    """The terminal's config with these fields changed, stored."""
    config = _config(s, device)
    for name, value in fields.items():
        setattr(config, name, value)
    s["finger"].SetConfig(finger_pb2.SetConfigRequest(deviceID=device, config=config), timeout=10)
    return config


@contextlib.contextmanager
def _config_kept(s: Stubs, *devices: int) -> Iterator[None]:
    """The terminals' configs as they were, afterwards (the module's simulator is shared)."""
    saved = {d: _config(s, d) for d in devices}
    try:
        yield
    finally:
        for d, config in saved.items():
            s["finger"].SetConfig(finger_pb2.SetConfigRequest(deviceID=d, config=config), timeout=10)


def _person(
    s: Stubs, device: int, token: bytes = b"", quality: int = 0, wait_ms: int = 5000
) -> control_pb2.ActResponse:
    credential = control_pb2.Credential(token=token) if token else control_pb2.Credential(unknown=True)
    act = control_pb2.ActRequest(
        deviceID=device, input=control_pb2.FINGER, credential=credential, quality=quality, awaitScanMs=wait_ms
    )
    reply: control_pb2.ActResponse = s["control"].Act(act, timeout=10)
    return reply


def _scan(s: Stubs, device: int, token: bytes = b"", quality: int = 0, **request: Any) -> tuple[Any, bytes]:
    """Finger.Scan with a person placing a finger (a new one, or `token`'s): the pending call, the token."""
    fields = {"qualityThreshold": 50, **request}
    pending = s["finger"].Scan.future(finger_pb2.ScanRequest(deviceID=device, **fields), timeout=10)
    return pending, bytes(_person(s, device, token, quality).token)


def _device_errors(err: Any) -> list[err_pb2.ErrorResponse]:
    """The per-terminal errors of a failed Multi call: the one MultiErrorResponse detail of the
    google.rpc.Status in its grpc-status-details-bin trailer (contract 5.9)."""
    status = status_pb2.Status.FromString(dict(err.trailing_metadata())["grpc-status-details-bin"])
    assert len(status.details) == 1
    errors = err_pb2.MultiErrorResponse()
    assert status.details[0].Unpack(errors)
    return list(errors.deviceErrors)


@contextlib.contextmanager
def _connected(tmp_path: Path, *specs: Any) -> Iterator[Stubs]:
    """Stubs to a simulator of the test's own, these terminals connected (default: BS2)."""
    chosen = specs or (BS2,)
    with Simulator(tmp_path, devices=fleet(5)) as sim:
        creds = grpc.ssl_channel_credentials(root_certificates=sim.ca_file.read_bytes())
        with grpc.secure_channel(sim.address, creds) as channel:
            s = raw_stubs(channel)
            for spec in chosen:
                info = connect_pb2.ConnectInfo(IPAddr=spec.ip, port=spec.port)
                s["connect"].Connect(connect_pb2.ConnectRequest(connectInfo=info), timeout=10)
            s["sim"] = sim
            yield s


# -- the config ----------------------------------------------------------------------------


@pytest.mark.parametrize("spec", [BS2, F2, W2], ids=lambda s: s.model.name.replace(" ", ""))
def test_finger_config_has_the_documented_defaults_and_reads_back_what_is_set(five: Stubs, spec: Any) -> None:
    d = spec.device_id
    assert _config(five, d) == DEFAULTS
    with _config_kept(five, d):
        changed = finger_pb2.FingerConfig(
            securityLevel=finger_pb2.MOST_SECURE,
            fastMode=finger_pb2.FASTER,
            sensitivity=finger_pb2.LEVEL3_SENSITIVE,
            sensorMode=finger_pb2.ACTIVATED_BY_PROXIMITY,
            scanTimeout=20,
            showImage=True,
            LFDLevel=finger_pb2.MORE_STRICT,
            checkDuplicate=True,
        )
        five["finger"].SetConfig(finger_pb2.SetConfigRequest(deviceID=d, config=changed), timeout=10)
        assert _config(five, d) == changed  # the whole config replaced, advancedEnrollment off too
    assert _config(five, d) == DEFAULTS


def test_scan_timeout_bounds_the_wait_of_a_finger_scan(five: Stubs) -> None:
    d = W2.device_id
    with _config_kept(five, d):
        _set(five, d, scanTimeout=3)
        pending = five["finger"].Scan.future(finger_pb2.ScanRequest(deviceID=d), timeout=10)
        wait = control_pb2.AwaitScanRequest(deviceID=d, input=control_pb2.FINGER, timeoutMs=5000)
        five["control"].AwaitScan(wait, timeout=10)
        five["control"].AdvanceClock(control_pb2.AdvanceClockRequest(milliseconds=2900), timeout=10)
        assert five["control"].GetStats(control_pb2.GetStatsRequest(), timeout=10).waitingScans == 1
        five["control"].AdvanceClock(control_pb2.AdvanceClockRequest(milliseconds=100), timeout=10)
        with pytest.raises(grpc.RpcError) as info:
            pending.result()
        err: Any = info.value
        assert err.code() == grpc.StatusCode.DEADLINE_EXCEEDED and "within 3 s" in err.details()


def test_advanced_enrollment_is_the_switch_for_a_finger_below_the_threshold(five: Stubs) -> None:
    d = BS2.device_id
    with _config_kept(five, d):
        pending, _ = _scan(five, d, quality=30, qualityThreshold=60)
        with pytest.raises(grpc.RpcError) as info:
            pending.result()
        err: Any = info.value
        assert err.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert (
            "quality 30 is below the threshold 60" in err.details() and "advancedEnrollment" in err.details()
        )
        _set(five, d, advancedEnrollment=False)
        pending, _ = _scan(five, d, quality=30, qualityThreshold=60)
        answer = pending.result()
        assert answer.qualityScore == 30 and len(answer.templateData) == 384


def test_template_format_is_the_scans_and_does_not_change_under_enrolled_fingers(tmp_path: Path) -> None:
    with _connected(tmp_path) as s:
        d = BS2.device_id
        _set(s, d, templateFormat=finger_pb2.TEMPLATE_FORMAT_ISO)
        code, details = _error(
            s["finger"].Scan,
            finger_pb2.ScanRequest(deviceID=d, templateFormat=finger_pb2.TEMPLATE_FORMAT_SUPREMA),
        )
        assert (
            code == grpc.StatusCode.FAILED_PRECONDITION and "stores TEMPLATE_FORMAT_ISO templates" in details
        )
        first, token = _scan(s, d, templateFormat=finger_pb2.TEMPLATE_FORMAT_ISO)
        second, _ = _scan(s, d, token, templateFormat=finger_pb2.TEMPLATE_FORMAT_ISO)
        templates = [first.result().templateData, second.result().templateData]
        assert all(t[:4] == b"SIMO" and len(t) == 384 for t in templates)  # the ISO format's
        finger = finger_pb2.FingerData(templates=templates)
        s["finger"].Verify(finger_pb2.VerifyRequest(deviceID=d, fingerData=finger), timeout=10)
        user = user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), fingers=[finger])
        s["user"].Enroll(user_pb2.EnrollRequest(deviceID=d, users=[user]), timeout=10)
        suprema = _config(s, d)
        suprema.templateFormat = finger_pb2.TEMPLATE_FORMAT_SUPREMA
        request = finger_pb2.SetConfigRequest(deviceID=d, config=suprema)
        code, details = _error(s["finger"].SetConfig, request)
        assert code == grpc.StatusCode.FAILED_PRECONDITION
        assert "config.templateFormat TEMPLATE_FORMAT_SUPREMA" in details and f"user {USER}" in details
        assert _config(s, d).templateFormat == finger_pb2.TEMPLATE_FORMAT_ISO  # unchanged
        s["user"].Delete(user_pb2.DeleteRequest(deviceID=d, userIDs=[USER]), timeout=10)
        s["finger"].SetConfig(request, timeout=10)
        assert _config(s, d).templateFormat == finger_pb2.TEMPLATE_FORMAT_SUPREMA


def test_check_duplicate_refuses_to_scan_a_finger_a_user_has(five: Stubs) -> None:
    d = W2.device_id
    with _config_kept(five, d):
        first, token = _scan(five, d)
        second, _ = _scan(five, d, token)
        finger = finger_pb2.FingerData(templates=[first.result().templateData, second.result().templateData])
        user = user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), fingers=[finger])
        five["user"].Enroll(user_pb2.EnrollRequest(deviceID=d, users=[user], overwrite=True), timeout=10)
        try:
            again, _ = _scan(five, d, token)
            assert again.result().templateData  # checkDuplicate off (the default): scanned
            _set(five, d, checkDuplicate=True)
            again, _ = _scan(five, d, token)
            with pytest.raises(grpc.RpcError) as info:
                again.result()
            err: Any = info.value
            assert (
                err.code() == grpc.StatusCode.ALREADY_EXISTS and f"enrolled for user {USER}" in err.details()
            )
            other, _ = _scan(five, d)
            assert other.result().templateData  # a finger nobody has
        finally:
            five["user"].Delete(user_pb2.DeleteRequest(deviceID=d, userIDs=[USER]), timeout=10)


def test_set_config_multi_changes_each_terminal_and_names_the_one_that_refuses(five: Stubs) -> None:
    with _config_kept(five, BS2.device_id, W2.device_id):
        config = _config(five, BS2.device_id)
        config.scanTimeout = 7
        request = finger_pb2.SetConfigMultiRequest(
            deviceIDs=[BS2.device_id, FS2.device_id, W2.device_id], config=config
        )
        with pytest.raises(grpc.RpcError) as info:
            five["finger"].SetConfigMulti(request, timeout=10)
        err: Any = info.value
        assert err.code() == grpc.StatusCode.UNIMPLEMENTED  # the failing terminal's (reading multi_status)
        errors = _device_errors(err)
        assert [(e.deviceID, e.code) for e in errors] == [
            (FS2.device_id, grpc.StatusCode.UNIMPLEMENTED.value[0])
        ]
        assert "fingerSupported is false" in errors[0].msg
        assert _config(five, BS2.device_id).scanTimeout == _config(five, W2.device_id).scanTimeout == 7
        request.deviceIDs[:] = [BS2.device_id, W2.device_id]
        request.config.scanTimeout = 9
        five["finger"].SetConfigMulti(request, timeout=10)  # all of them: OK, no details
        assert _config(five, BS2.device_id).scanTimeout == _config(five, W2.device_id).scanTimeout == 9


@pytest.mark.parametrize("spec", [FS2, F2_NO_FP], ids=lambda s: s.model.name.replace(" ", ""))
def test_a_terminal_without_fingerprint_sensor_refuses_the_finger_settings_naming_the_flag(
    five: Stubs, spec: Any
) -> None:
    d = spec.device_id
    for method, request in (
        ("GetImage", finger_pb2.GetImageRequest(deviceID=d)),
        ("GetConfig", finger_pb2.GetConfigRequest(deviceID=d)),
        ("SetConfig", finger_pb2.SetConfigRequest(deviceID=d, config=DEFAULTS)),
    ):
        code, details = _error(getattr(five["finger"], method), request)
        assert code == grpc.StatusCode.UNIMPLEMENTED and details.endswith("(fingerSupported is false)"), (
            method
        )
    with pytest.raises(grpc.RpcError) as info:
        five["finger"].SetConfigMulti(finger_pb2.SetConfigMultiRequest(deviceIDs=[d], config=DEFAULTS))
    assert "(fingerSupported is false)" in _device_errors(info.value)[0].msg


BAD_CONFIGS = [
    ("scanTimeout", 0, "config.scanTimeout 0 s is out of range 1..20 s"),
    ("scanTimeout", 21, "config.scanTimeout 21 s is out of range 1..20 s"),
    ("securityLevel", 3, "config.securityLevel 3 is not one of SECURE (0)"),
    ("fastMode", 9, "config.fastMode 9 is not one of"),
    ("sensitivity", 8, "config.sensitivity 8 is not one of"),
    ("sensorMode", 2, "config.sensorMode 2 is not one of"),
    ("templateFormat", 3, "config.templateFormat 3 is not one of"),
    ("LFDLevel", 4, "config.LFDLevel 4 is not one of"),
]


@pytest.mark.parametrize(
    ("field", "value", "words"), BAD_CONFIGS, ids=[f"{f}={v}" for f, v, _ in BAD_CONFIGS]
)
def test_a_bad_finger_config_is_refused_naming_the_field_and_nothing_changes(
    five: Stubs, field: str, value: int, words: str
) -> None:
    d = BS2.device_id
    config = _config(five, d)
    setattr(config, field, value)
    code, details = _error(five["finger"].SetConfig, finger_pb2.SetConfigRequest(deviceID=d, config=config))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and f"Finger.SetConfig: {words}" in details
    multi = finger_pb2.SetConfigMultiRequest(deviceIDs=[d, W2.device_id], config=config)
    code, details = _error(five["finger"].SetConfigMulti, multi)
    assert code == grpc.StatusCode.INVALID_ARGUMENT and f"Finger.SetConfigMulti: {words}" in details
    assert _config(five, d) == _config(five, W2.device_id) == DEFAULTS


def test_a_bad_scan_request_is_refused_naming_the_field(five: Stubs) -> None:
    d = BS2.device_id
    code, details = _error(five["finger"].Scan, finger_pb2.ScanRequest(deviceID=d, qualityThreshold=101))
    assert (
        code == grpc.StatusCode.INVALID_ARGUMENT and "qualityThreshold 101 is out of range 0..100" in details
    )
    undefined = finger_pb2.ScanRequest(deviceID=d)
    undefined.templateFormat = 7  # type: ignore[assignment]  # a number the enum does not define
    code, details = _error(five["finger"].Scan, undefined)
    assert code == grpc.StatusCode.INVALID_ARGUMENT and "templateFormat 7 is not one of" in details


# -- the image of the last scan ----------------------------------------------------------------


def _bmp(image: bytes) -> tuple[int, int, int, bytes]:
    """Width, height, bits per pixel and pixels of a BMP, its headers checked."""
    assert image[:2] == b"BM"
    size, _, _, offset = struct.unpack("<IHHI", image[2:14])
    header, width, height, planes, bits = struct.unpack("<IiiHH", image[14:30])
    assert (size, header, planes) == (len(image), 40, 1)
    row = (width * bits + 31) // 32 * 4
    assert len(image) - offset == row * abs(height)
    return width, height, bits, image[offset:]


def test_get_image_is_a_bmp_of_the_last_scanned_finger(tmp_path: Path) -> None:
    with _connected(tmp_path) as s:
        d = BS2.device_id
        code, details = _error(s["finger"].GetImage, finger_pb2.GetImageRequest(deviceID=d))
        assert code == grpc.StatusCode.FAILED_PRECONDITION and "no finger has been scanned" in details
        pending, token = _scan(s, d)
        pending.result()
        image = s["finger"].GetImage(finger_pb2.GetImageRequest(deviceID=d), timeout=10).BMPImage
        width, height, bits, pixels = _bmp(image)
        assert (width, height, bits) == (64, 80, 8) and len(image) < 8 * 1024
        assert len(set(pixels)) > 20  # ridges, not a blank
        again, _ = _scan(s, d, token)
        again.result()
        assert s["finger"].GetImage(finger_pb2.GetImageRequest(deviceID=d), timeout=10).BMPImage == image
        other, _ = _scan(s, d)
        other.result()
        assert s["finger"].GetImage(finger_pb2.GetImageRequest(deviceID=d), timeout=10).BMPImage != image


# -- reset and the survey ------------------------------------------------------------------------


def test_the_finger_settings_are_a_config_part_that_resets_to_the_factorys(tmp_path: Path) -> None:
    with _connected(tmp_path) as s:
        d = BS2.device_id
        _set(s, d, scanTimeout=4, advancedEnrollment=False, fastMode=finger_pb2.FASTEST)
        device = s["sim"].gateway.devices[d]
        assert device.finger_settings in device.config_parts
        for part in device.config_parts:
            part.reset()
        assert _config(s, d) == DEFAULTS


def test_the_survey_finds_the_finger_calls_plausible_or_unsupported_by_flag(tmp_path: Path) -> None:
    specs = fleet(5)
    with _connected(tmp_path, *specs) as s:
        creds = grpc.ssl_channel_credentials(root_certificates=s["sim"].ca_file.read_bytes())
        with grpc.secure_channel(s["sim"].address, creds) as channel:
            invoke = apisurvey.invoker(channel)
            only = [n for n in apisurvey.calls() if n.startswith("Finger.")]
            assert len(only) == len(finger_pb2.DESCRIPTOR.services_by_name["Finger"].methods)
            for spec in specs:
                d = spec.device_id
                found = apisurvey.survey(invoke, d, apisurvey.reported(invoke, d), only=only)
                verdicts = {o.method: o.verdict for o in found.outcomes}
                if spec.model.fingerprint:
                    assert set(verdicts.values()) == {"plausible"}, (spec.model.name, found.outcomes)
                else:  # every finger call needs the sensor
                    assert set(verdicts.values()) == {"unsupported"}, found.outcomes
