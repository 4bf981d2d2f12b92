"""The generated modules are current, and the wire facts that differ between G-SDK versions hold."""

from __future__ import annotations

import pytest
from google.protobuf.descriptor import FieldDescriptor

from biohil import protogen
from biohil.gsdk import auth_pb2, connect_pb2, device_pb2, event_pb2, face_pb2, user_pb2


def test_generated_modules_match_the_protos() -> None:
    assert protogen.differences() == [], "run: python -m biohil.protogen"


@pytest.mark.parametrize(
    ("message", "field", "number"),
    [
        # V1.8 renumbering (contract 1.3): a V1.6 client would misread these.
        (user_pb2.UserHdr, "userFlag", 2),
        (user_pb2.UserHdr, "numOfCard", 3),
        (user_pb2.UserHdr, "updateMask", 7),
        (face_pb2.FaceData, "imageData", 4),
        (face_pb2.FaceData, "irTemplates", 5),
        (face_pb2.FaceData, "irImageData", 6),
        (device_pb2.CapabilityInfo, "userNameSupported", 9),
        (device_pb2.CapabilityInfo, "dynamicSlaveDeviceSupported", 26),
        (device_pb2.DeviceCapability, "voipExSupported", 27),
        (device_pb2.DeviceCapability, "extendedAuthSupported", 44),
        (device_pb2.DeviceCapability, "faceInputSupported", 47),
        (device_pb2.DeviceCapability, "facilityCodeSupported", 136),
        # Oddities to copy exactly.
        (face_pb2.ScanResponse, "faceData", 2),
        (device_pb2.FactoryInfo, "MACAddr", 2),
        (connect_pb2.DeviceInfo, "type", 8),
        (event_pb2.EventFilter, "licenseType", 9),
    ],
)
def test_field_numbers(message: type, field: str, number: int) -> None:
    assert message.DESCRIPTOR.fields_by_name[field].number == number  # type: ignore[attr-defined]


def test_whole_messages_and_types() -> None:
    assert len(device_pb2.DeviceCapability.DESCRIPTOR.fields) == 136
    assert len(device_pb2.CapabilityInfo.DESCRIPTOR.fields) == 26
    assert len(event_pb2.EventLog.DESCRIPTOR.fields) == 15
    uid = user_pb2.UserHdr.DESCRIPTOR.fields_by_name["ID"]
    assert uid.type == FieldDescriptor.TYPE_STRING
    mode = auth_pb2.AuthSchedule.DESCRIPTOR.fields_by_name["mode"].enum_type
    assert mode is not None and mode.full_name == "gsdk.auth.AuthMode"
    oneof = event_pb2.EventFilter.DESCRIPTOR.oneofs_by_name["param"]
    assert [f.name for f in oneof.fields] == ["TNAKey", "onDevice", "floorIndex", "alarmFlag", "licenseType"]


def test_packages_and_method_paths() -> None:
    service = user_pb2.DESCRIPTOR.services_by_name["User"]
    assert service.full_name == "gsdk.user.User"
    assert {m.name for m in service.methods} >= {"Enroll", "SetFace"}
    stream = event_pb2.DESCRIPTOR.services_by_name["Event"].methods_by_name["SubscribeRealtimeLog"]
    assert stream.output_type.full_name == "gsdk.event.EventLog"
    assert auth_pb2.AUTH_EXT_MODE_ID_FINGERPRINT_FACE_OR_PIN == 49
    assert auth_pb2.AUTH_MODE_PROHIBITED == 254
