"""Plausible calls of gsdk.finger (see biohil.apisurvey)."""

from __future__ import annotations

import struct
import threading
from typing import Any

import grpc
from google.protobuf.message import Message

from biohil.apisurvey import Call, Invoke
from biohil.gsdk import finger_pb2
from biohil.simcontrol import control_pb2

TEMPLATE_BYTES = 384  # a Suprema-format template (contract 5.6)
PERSON_WAIT_MS = 10_000  # how long the person waits for the scan to start


def presented(invoke: Invoke, device_id: int, kind: Any, token: bytes = b"") -> bytes:
    """The person presents a finger or face (`token`: that one again; else a new one) to a Scan
    waiting on the terminal; its token, or b"" if no scan took it."""
    credential = control_pb2.Credential(token=token) if token else control_pb2.Credential(unknown=True)
    request = control_pb2.ActRequest(
        deviceID=device_id, input=kind, credential=credential, awaitScanMs=PERSON_WAIT_MS
    )
    try:
        reply: Any = invoke("Control.Act", request)
    except grpc.RpcError:
        return b""
    return bytes(reply.token)


def scanned(
    invoke: Invoke, device_id: int, method: str, request: Message, kind: Any, token: bytes = b""
) -> tuple[Any, bytes]:
    """A Scan the person answers: its answer (None if the terminal refused it, e.g. it has no such
    reader) and the token of what was presented."""
    tokens: list[bytes] = []
    person = threading.Thread(
        target=lambda: tokens.append(presented(invoke, device_id, kind, token)), daemon=True
    )
    person.start()
    try:
        answer: Any = invoke(method, request)
    except grpc.RpcError:
        answer = None
    finally:
        person.join(timeout=PERSON_WAIT_MS / 1000 + 5)
    return answer, tokens[0] if tokens else b""


def _scan_request(device_id: int) -> finger_pb2.ScanRequest:
    return finger_pb2.ScanRequest(deviceID=device_id, qualityThreshold=50)


def _finger_scanned(invoke: Invoke, device_id: int) -> finger_pb2.GetImageRequest:
    """A finger is scanned first, so the terminal has an image to give."""
    scanned(invoke, device_id, "Finger.Scan", _scan_request(device_id), control_pb2.FINGER)
    return finger_pb2.GetImageRequest(deviceID=device_id)


def _bmp_problem(answer: Any, invoke: Invoke, device_id: int) -> str:
    image = answer.BMPImage
    if len(image) < 54 or image[:2] != b"BM":
        return f"BMPImage ({len(image)} bytes) is no BMP file"
    size, _, _, offset = struct.unpack("<IHHI", image[2:14])
    width, height, _, bits = struct.unpack("<iiHH", image[18:30])
    if size != len(image) or not offset < size or width <= 0 or height == 0 or bits not in (1, 4, 8, 24, 32):
        return f"BMPImage's headers do not hold: size {size} of {len(image)}, {width} x {height}, {bits} bits"
    return ""


def _two_scans_of_one_finger(invoke: Invoke, device_id: int) -> finger_pb2.VerifyRequest:
    first, token = scanned(invoke, device_id, "Finger.Scan", _scan_request(device_id), control_pb2.FINGER)
    second = (
        scanned(invoke, device_id, "Finger.Scan", _scan_request(device_id), control_pb2.FINGER, token)[0]
        if token
        else None
    )
    templates = [s.templateData for s in (first, second) if s is not None]
    return finger_pb2.VerifyRequest(deviceID=device_id, fingerData=finger_pb2.FingerData(templates=templates))


def _config(invoke: Invoke, device_id: int) -> finger_pb2.FingerConfig:
    answer: Any = invoke("Finger.GetConfig", finger_pb2.GetConfigRequest(deviceID=device_id))
    config: finger_pb2.FingerConfig = answer.config
    return config


def _changed(invoke: Invoke, device_id: int, timeout: int) -> finger_pb2.FingerConfig:
    """The terminal's config with a scan timeout and security level of the survey's."""
    config = _config(invoke, device_id)
    config.scanTimeout = timeout
    config.securityLevel = finger_pb2.MORE_SECURE
    return config


def _reads_back(timeout: int) -> Any:
    def check(answer: Message, invoke: Invoke, device_id: int) -> str:
        got = _config(invoke, device_id)
        if got.scanTimeout != timeout or got.securityLevel != finger_pb2.MORE_SECURE:
            return f"GetConfig reads back scanTimeout {got.scanTimeout}, securityLevel {got.securityLevel}"
        return ""

    return check


def _scan_problem(answer: Any, invoke: Invoke, device_id: int) -> str:
    if len(answer.templateData) != TEMPLATE_BYTES or not 0 < answer.qualityScore <= 100:
        return f"a {len(answer.templateData)}-byte template of quality {answer.qualityScore}"
    return ""


def _config_problem(answer: Any, invoke: Invoke, device_id: int) -> str:
    low, high = finger_pb2.MIN_SCAN_TIMEOUT, finger_pb2.MAX_SCAN_TIMEOUT
    if not low <= answer.config.scanTimeout <= high:
        return f"scanTimeout {answer.config.scanTimeout} is outside {low}..{high}"
    return ""


CALLS: dict[str, Call] = {
    "Finger.Scan": Call(
        request=lambda invoke, d: _scan_request(d),
        check=_scan_problem,
        person=lambda invoke, d: presented(invoke, d, control_pb2.FINGER),
    ),
    "Finger.GetImage": Call(request=_finger_scanned, check=_bmp_problem),
    "Finger.Verify": Call(request=_two_scans_of_one_finger),
    "Finger.GetConfig": Call(
        request=lambda invoke, d: finger_pb2.GetConfigRequest(deviceID=d), check=_config_problem
    ),
    "Finger.SetConfig": Call(
        request=lambda invoke, d: finger_pb2.SetConfigRequest(deviceID=d, config=_changed(invoke, d, 15)),
        check=_reads_back(15),
    ),
    "Finger.SetConfigMulti": Call(
        request=lambda invoke, d: finger_pb2.SetConfigMultiRequest(
            deviceIDs=[d], config=_changed(invoke, d, 12)
        ),
        check=_reads_back(12),
    ),
}
