"""The generated modules are current, and the wire facts that differ between G-SDK versions hold."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

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


CONTRACT = Path(__file__).resolve().parents[2] / "shared" / "reference" / "gsdk-contract.md"
SCALARS = {
    FieldDescriptor.TYPE_BOOL: "bool",
    FieldDescriptor.TYPE_BYTES: "bytes",
    FieldDescriptor.TYPE_INT32: "int32",
    FieldDescriptor.TYPE_STRING: "string",
    FieldDescriptor.TYPE_UINT32: "uint32",
}
# The contract's shorthand for messages of one shape (section 2, "Trivially-shaped messages").
SHAPES = {
    "`deviceID` = 1 (uint32) only": [("deviceID", 1, False, "uint32")],
    "empty message (no fields)": [],
    "`deviceIDs` = 1 (repeated uint32) only": [("deviceIDs", 1, True, "uint32")],
    "`deviceErrors` = 1 (repeated err.ErrorResponse) only": [("deviceErrors", 1, True, "err.ErrorResponse")],
}


# A message's table: its name on a line of its own, then | field | type | #v1.6 | #v1.8 | note |.
TABLE = r"\n`(\w+)`[^\n]*\n\n\| field \| type \| #v1\.6 \| #v1\.8 \| note \|\n\|[-| ]+\|\n((?:\|[^\n]*\|\n)+)"


def _type(f: FieldDescriptor) -> str:
    named = f.message_type or f.enum_type
    return named.full_name.removeprefix("gsdk.") if named is not None else SCALARS.get(f.type, str(f.type))


def _contract_sections() -> list[tuple[str, str]]:
    """(service name, its section of contract 2) for each service the project has protos of."""
    if not CONTRACT.exists():
        pytest.skip(f"the G-SDK contract is not beside the project ({CONTRACT})")
    text = CONTRACT.read_text(encoding="utf-8")
    services = text[text.index("## 2. Per-service reference") : text.index("## 3. Enums")]
    return [(block.split()[0], block) for block in re.split(r"\n### 2\.\d+ ", services)[1:]]


def test_every_message_and_rpc_of_the_contract_is_in_the_protos_as_written() -> None:
    """Contract section 2, table by table: each message's V1.8 field names, numbers, types and
    repetition, the messages of one shape, and each RPC's path, request, response and streaming."""
    wrong: list[str] = []
    fields = rpcs = 0
    for name, section in _contract_sections():
        module = importlib.import_module(f"biohil.gsdk.{name}_pb2")
        messages = module.DESCRIPTOR.message_types_by_name
        expected: dict[str, list[tuple[str, int, bool, str]]] = {}
        for table in re.finditer(TABLE, section):
            rows = [[c.strip() for c in r.strip("|").split("|")] for r in table.group(2).strip().splitlines()]
            expected[table.group(1)] = [
                (c[0], int(c[3]), c[1].startswith("repeated "), c[1].removeprefix("repeated "))
                for c in rows
                if c[3] != "—"
            ]
        for shape, names in re.findall(r"\n\| (.+?) \| (`\w+`(?:, `\w+`)*) \|", section):
            if shape in SHAPES:
                expected.update({m.strip("` "): SHAPES[shape] for m in names.split(",")})
        for message, want in expected.items():
            descriptor = messages.get(message)
            if descriptor is None:
                wrong.append(f"{name}: no message {message}")
                continue
            got = {(f.name, f.number, f.is_repeated, _type(f)) for f in descriptor.fields}
            fields += len(want)
            wrong += [
                f"{name}.{message}: {w} is {sorted(g for g in got if g[0] == w[0])}"
                for w in want
                if w not in got
            ]
        for service, method, request, stream, response in re.findall(
            r"\n\| \w+ \| `/gsdk\.\w+\.(\w+)/(\w+)` \| (\w+) \| (stream )?(\w+) \|", section
        ):
            rpcs += 1
            served = module.DESCRIPTOR.services_by_name.get(service)
            found = served.methods_by_name.get(method) if served is not None else None
            if found is None:
                wrong.append(f"no RPC /gsdk.{name}.{service}/{method}")
            elif (found.input_type.name, found.output_type.name, found.server_streaming) != (
                request,
                response,
                bool(stream),
            ):
                wrong.append(f"{service}.{method}: {found.input_type.name} -> {found.output_type.name}")
    assert wrong == []
    assert (fields, rpcs) > (600, 120), "the contract's tables were not read"
