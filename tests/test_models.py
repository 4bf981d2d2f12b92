"""The simulated terminal models: their capabilities, the modes they take, the fleet layout, and
the face images their scans return."""

from __future__ import annotations

import struct
from typing import Any

import grpc
import pytest

from biohil import authmodes
from biohil.client import Gateway, capabilities
from biohil.client.authconfig import AuthConfigGuard
from biohil.client.testusers import set_own_mode
from biohil.gsdk import auth_pb2, device_pb2, face_pb2, user_pb2
from biohil.operator.base import TerminalIO
from biohil.operator.capture import capture_finger
from biohil.operator.phrases import TEST_FINGER, Holder
from biohil.operator.scripted import ScriptedOperator
from biohil.simcontrol import control_pb2
from biohil.simulator import Simulator, credentials
from biohil.simulator.faceimage import SIDE, face_jpeg
from biohil.simulator.models import (
    BIOENTRY_W2,
    BIOSTATION_2,
    DEFAULT_DEVICES,
    FACESTATION_2,
    FACESTATION_F2,
    FACESTATION_F2_NO_FP,
    FLEET_MODELS,
    MODELS,
    DeviceModel,
    fleet,
)
from biohil.verdict import NotApplicable

A = auth_pb2
ALL_MODELS = [m for m, _ in FLEET_MODELS]


def _offered(cap: device_pb2.DeviceCapability) -> set[int]:
    return {
        m for m in authmodes.CLASSIC_MODES | authmodes.EXTENDED_MODES if capabilities.supports_mode(cap, m)
    }


def test_the_default_pair_is_unchanged_and_a_fleet_of_8_mixes_the_models() -> None:
    assert [(d.model, d.device_id, d.ip, d.name) for d in DEFAULT_DEVICES] == [
        (BIOSTATION_2, 546830001, "127.0.10.1", "BioStation 2"),
        (FACESTATION_F2, 541530001, "127.0.10.2", "FaceStation F2"),
    ]
    eight = fleet(8)
    assert len({d.model for d in eight}) >= 4
    assert (
        len({d.device_id for d in eight}) == len({d.ip for d in eight}) == len({d.name for d in eight}) == 8
    )
    biggest = fleet(64)
    assert len({d.device_id for d in biggest}) == len({d.ip for d in biggest}) == 64
    macs = {d.model.factory_info(d.device_id).MACAddr for d in biggest}
    assert len(macs) == 64
    assert set(MODELS) == {m.name for m in ALL_MODELS} and len(MODELS) == len(ALL_MODELS)
    assert len({m.device_type for m in ALL_MODELS}) == len(ALL_MODELS)


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.name)
def test_every_view_of_a_model_agrees(model: DeviceModel) -> None:
    """DeviceCapability, CapabilityInfo and the accepted modes are one set of facts."""
    cap, info = model.capability(), model.capability_info()
    assert capabilities.sensors(cap) == capabilities.sensors_from_info(info) == model.sensors
    assert capabilities.inputs(cap) == model.inputs
    assert info.PINSupported == cap.PINInputSupported == cap.idInputSupported == model.keypad
    assert cap.extendedAuthSupported == model.extended_auth
    assert _offered(cap) == set(model.supported_modes)
    assert set(model.default_modes) <= model.supported_modes and model.default_modes
    for mode in model.supported_modes:
        assert not authmodes.inputs_lacking(mode, model.inputs)


def test_the_bioentry_w2_has_no_keypad_so_no_pin_or_id_modes() -> None:
    cap = BIOENTRY_W2.capability()
    assert BIOENTRY_W2.capability_info().type == device_pb2.BIOENTRY_W2
    assert capabilities.sensors(cap) == {"card", "fingerprint"}
    assert not (cap.PINInputSupported or cap.idInputSupported or cap.displaySupported or cap.cameraSupported)
    assert _offered(cap) == {A.AUTH_MODE_BIOMETRIC_ONLY, A.AUTH_MODE_CARD_ONLY, A.AUTH_MODE_CARD_BIOMETRIC}
    assert capabilities.mode_missing(cap, A.AUTH_MODE_CARD_PIN) == ["has no keypad"]
    assert capabilities.mode_missing(cap, A.AUTH_MODE_CARD_BIOMETRIC_OR_PIN) == ["has no keypad"]
    assert capabilities.missing(cap, {"keypad", "face"}) == ["has no face camera", "has no keypad"]


def test_the_facestation_2_is_a_classic_ir_face_terminal_without_fingerprint() -> None:
    cap = FACESTATION_2.capability()
    assert FACESTATION_2.capability_info().type == device_pb2.FACESTATION_2
    assert capabilities.sensors(cap) == {"card", "face"} and cap.PINInputSupported
    assert not cap.faceExSupported and not cap.extendedAuthSupported
    assert not FACESTATION_2.visual_face
    assert _offered(cap) == set(authmodes.CLASSIC_MODES)  # BIOMETRIC is the face
    assert FACESTATION_2.default_auth_timeout == auth_pb2.DEFAULT_AUTH_TIMEOUT_FOR_FACE
    assert authmodes.terminal_mode("face only", extended=False) == A.AUTH_MODE_BIOMETRIC_ONLY


def test_the_facestation_f2_without_fingerprint_offers_no_fingerprint_mode() -> None:
    cap = FACESTATION_F2_NO_FP.capability()
    assert FACESTATION_F2_NO_FP.capability_info().type == device_pb2.FACESTATION_F2
    assert FACESTATION_F2.capability_info().type == device_pb2.FACESTATION_F2_FP
    assert capabilities.sensors(cap) == {"card", "face"} and cap.faceExSupported and cap.extendedAuthSupported
    offered = _offered(cap)
    assert A.AUTH_EXT_MODE_CARD_FACE in offered and A.AUTH_EXT_MODE_ID_FACE_OR_PIN in offered
    assert not {m for m in offered if "FINGERPRINT" in authmodes.mode_name(m)}
    assert len(offered) == 11
    assert capabilities.mode_missing(cap, A.AUTH_EXT_MODE_CARD_FACE_OR_FINGERPRINT) == [
        "has no fingerprint sensor"
    ]
    assert FACESTATION_F2_NO_FP.default_modes == (A.AUTH_EXT_MODE_CARD_ONLY, A.AUTH_EXT_MODE_FACE_ONLY)


def test_what_a_terminal_lacks_for_a_mode_is_said_and_makes_a_scenario_not_applicable() -> None:
    bs2, w2 = BIOSTATION_2.capability(), BIOENTRY_W2.capability()
    assert capabilities.mode_missing(bs2, A.AUTH_MODE_CARD_PIN) == []
    assert capabilities.mode_missing(bs2, A.AUTH_EXT_MODE_CARD_FACE) == [
        "uses the classic auth modes, not the extended ones"
    ]
    no_bio = device_pb2.DeviceCapability(
        cardInputSupported=True, PINInputSupported=True, idInputSupported=True
    )
    assert capabilities.mode_missing(no_bio, A.AUTH_MODE_BIOMETRIC_ONLY) == [
        "has no fingerprint sensor or face camera"
    ]
    everything = FACESTATION_F2.capability()
    everything.extendedCardFaceSupported = False
    assert capabilities.mode_missing(everything, A.AUTH_EXT_MODE_CARD_FACE) == [
        'does not offer "card + face" (extendedCardFaceSupported is false)'
    ]
    with pytest.raises(NotApplicable, match=r"^BioEntry W2 544130001 has no keypad$"):
        capabilities.require(w2, "BioEntry W2 544130001", [A.AUTH_MODE_CARD_PIN, A.AUTH_MODE_ID_PIN])
    with pytest.raises(NotApplicable, match="has no face camera and has no keypad"):
        capabilities.require(w2, "W2", needs=["face", "keypad", "card"])
    capabilities.require(w2, "W2", [authmodes.NOT_SET, authmodes.PROHIBITED, A.AUTH_MODE_CARD_ONLY], ["card"])


# -- face images --------------------------------------------------------------------------------


def _segments(jpeg: bytes) -> dict[int, list[bytes]]:
    """The marker segments of a JPEG up to its scan, and the entropy-coded data (key 0)."""
    assert jpeg[:2] == b"\xff\xd8" and jpeg[-2:] == b"\xff\xd9"
    found: dict[int, list[bytes]] = {}
    pos = 2
    while True:
        assert jpeg[pos] == 0xFF
        marker, length = jpeg[pos + 1], struct.unpack(">H", jpeg[pos + 2 : pos + 4])[0]
        found.setdefault(marker, []).append(jpeg[pos + 4 : pos + 2 + length])
        pos += 2 + length
        if marker == 0xDA:
            found[0] = [jpeg[pos:-2]]
            return found


def _decode_dc(jpeg: bytes) -> list[list[list[int]]]:
    """Decode a baseline JPEG whose blocks carry a DC coefficient only: each component's 8 x 8
    block values (0..255). Reads the file's own Huffman and quantization tables."""
    seg = _segments(jpeg)
    precision, height, width, n = struct.unpack(">BHHB", seg[0xC0][0][:6])
    assert (precision, height, width) == (8, SIDE, SIDE)
    quant = seg[0xDB][0][1]
    tables: dict[int, dict[tuple[int, int], int]] = {}
    body = seg[0xC4][0]
    while body:
        kind, bits = body[0], body[1:17]
        values, body = body[17 : 17 + sum(bits)], body[17 + sum(bits) :]
        codes, code, k = {}, 0, 0
        for length, count in enumerate(bits, start=1):
            for _ in range(count):
                codes[(length, code)] = values[k]
                code, k = code + 1, k + 1
            code <<= 1
        tables[kind] = codes
    data = seg[0][0].replace(b"\xff\x00", b"\xff")
    stream = "".join(f"{b:08b}" for b in data)
    pos = 0

    def symbol(table: dict[tuple[int, int], int]) -> int:
        nonlocal pos
        for length in range(1, 17):
            key = (length, int(stream[pos : pos + length], 2))
            if key in table:
                pos += length
                return table[key]
        raise AssertionError(f"no Huffman code at bit {pos}")

    blocks = SIDE // 8
    planes = [[[0] * blocks for _ in range(blocks)] for _ in range(n)]
    previous = [0] * n
    for by in range(blocks):
        for bx in range(blocks):
            for c in range(n):
                size = symbol(tables[0x00])
                diff = int(stream[pos : pos + size], 2) if size else 0
                if size and stream[pos] == "0":
                    diff -= (1 << size) - 1
                pos += size
                previous[c] += diff
                planes[c][by][bx] = previous[c] * quant // 8 + 128
                assert symbol(tables[0x10]) == 0x00, "an AC coefficient where only the DC was coded"
    assert set(stream[pos:]) <= {"1"} and len(stream) - pos < 8, "data after the last block"
    return planes


def test_a_face_image_is_a_small_valid_jpeg_of_its_kind() -> None:
    ada, bob = b"A" * 16, b"B" * 16
    ir, visual = face_jpeg(ada, colour=False), face_jpeg(ada, colour=True)
    assert len(ir) < 1000 and len(visual) < 2000
    assert _segments(ir)[0xE0][0].startswith(b"JFIF\0")
    grey, (luma, _, cr) = _decode_dc(ir), _decode_dc(visual)
    assert len(grey) == 1
    head, corner = grey[0][8][8], grey[0][0][0]  # the middle of the face is skin, lighter than the background
    assert head > corner + 60
    assert len({v for row in grey[0] for v in row}) >= 5  # background, hair, skin, eyes, mouth
    assert cr[8][8] > 128  # skin is reddish
    assert len({v for row in luma for v in row}) >= 4
    assert face_jpeg(ada, colour=False) == ir  # one person's image is always the same
    assert face_jpeg(bob, colour=False) != ir and face_jpeg(bob, colour=True) != visual


def test_face_data_has_the_documented_shape_of_each_family() -> None:
    identity = credentials.new_identity()
    ir = credentials.face_data(identity, visual=False)
    assert ir.flag == face_pb2.BS2_FACE_FLAG_NONE and ir.templates and not ir.irTemplates
    assert ir.imageData[:2] == b"\xff\xd8" and not ir.irImageData
    assert len(_decode_dc(ir.imageData)) == 1  # an infrared camera's image is grey
    visual = credentials.face_data(identity, visual=True)
    assert visual.flag & face_pb2.BS2_FACE_FLAG_EX and visual.templates and visual.irTemplates
    assert len(_decode_dc(visual.imageData)) == 3 and len(_decode_dc(visual.irImageData)) == 1
    assert visual.irImageData == ir.imageData
    assert credentials.face_identity(visual) == credentials.face_identity(ir) == identity


# -- the new models on the wire ---------------------------------------------------------------

W2, FS2, F2_NO_FP = fleet(5)[2:]


def _error(call: Any, request: Any) -> tuple[grpc.StatusCode, str]:
    with pytest.raises(grpc.RpcError) as info:
        call(request, timeout=10)
    err: Any = info.value
    return err.code(), err.details()


def _scan_face(s: dict[str, Any], device_id: int) -> face_pb2.FaceData:
    pending = s["face"].Scan.future(face_pb2.ScanRequest(deviceID=device_id), timeout=10)
    act = control_pb2.ActRequest(
        deviceID=device_id,
        input=control_pb2.FACE,
        credential=control_pb2.Credential(unknown=True),
        awaitScanMs=5000,
    )
    s["control"].Act(act, timeout=10)
    return pending.result().faceData  # type: ignore[no-any-return]


def test_the_terminals_report_their_models_capabilities(five: dict[str, Any]) -> None:
    for spec in fleet(5):
        reply = five["device"].GetCapability(device_pb2.GetCapabilityRequest(deviceID=spec.device_id))
        assert reply.deviceCapability == spec.model.capability()


def test_a_scanned_face_with_its_images_enrolls_on_its_own_family_only(five: dict[str, Any]) -> None:
    ir = _scan_face(five, FS2.device_id)
    assert ir.flag == face_pb2.BS2_FACE_FLAG_NONE and ir.imageData and not ir.irImageData
    visual = _scan_face(five, F2_NO_FP.device_id)
    assert visual.flag & face_pb2.BS2_FACE_FLAG_EX and visual.imageData and visual.irImageData
    for spec, face in ((FS2, ir), (F2_NO_FP, visual)):
        user = user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID="900101"), faces=[face])
        five["user"].Enroll(user_pb2.EnrollRequest(deviceID=spec.device_id, users=[user], overwrite=True))
        got = five["user"].Get(user_pb2.GetRequest(deviceID=spec.device_id, userIDs=["900101"])).users[0]
        assert got.faces[0].imageData == face.imageData and got.faces[0].irImageData == face.irImageData
        five["user"].Delete(user_pb2.DeleteRequest(deviceID=spec.device_id, userIDs=["900101"]))
    wrong = user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID="900102"), faces=[ir])
    code, details = _error(
        five["user"].Enroll, user_pb2.EnrollRequest(deviceID=F2_NO_FP.device_id, users=[wrong])
    )
    assert code == grpc.StatusCode.INVALID_ARGUMENT and "infrared face data" in details


def test_a_terminal_without_keypad_takes_no_pin_and_no_pin_mode(five: dict[str, Any]) -> None:
    act = control_pb2.ActRequest(deviceID=W2.device_id, input=control_pb2.PIN, digits="2580")
    code, details = _error(five["control"].Act, act)
    assert code == grpc.StatusCode.FAILED_PRECONDITION and "has no keypad" in details
    schedule = auth_pb2.AuthSchedule(mode=auth_pb2.AUTH_MODE_CARD_PIN, scheduleID=1)
    config = auth_pb2.AuthConfig(authSchedules=[schedule], matchTimeout=5, authTimeout=10)
    code, details = _error(
        five["auth"].SetConfig, auth_pb2.SetConfigRequest(deviceID=W2.device_id, config=config)
    )
    assert (
        code == grpc.StatusCode.INVALID_ARGUMENT
        and "needs a keypad, which BioEntry W2 does not have" in details
    )
    setting = user_pb2.UserSetting(cardAuthMode=auth_pb2.AUTH_MODE_CARD_PIN)
    user = user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID="900103"), setting=setting)
    code, details = _error(five["user"].Enroll, user_pb2.EnrollRequest(deviceID=W2.device_id, users=[user]))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and "cardAuthMode=4" in details and "keypad" in details
    schedule = auth_pb2.AuthSchedule(mode=auth_pb2.AUTH_EXT_MODE_CARD_FINGERPRINT, scheduleID=1)
    config = auth_pb2.AuthConfig(authSchedules=[schedule], matchTimeout=5, authTimeout=10)
    request = auth_pb2.SetConfigRequest(deviceID=F2_NO_FP.device_id, config=config)
    code, details = _error(five["auth"].SetConfig, request)
    assert code == grpc.StatusCode.INVALID_ARGUMENT and "needs a fingerprint sensor" in details


def test_the_library_finds_a_scenario_not_applicable_before_it_changes_anything(five_sim: Simulator) -> None:
    """A mode, an own mode, a typed input or a capture the terminal cannot take: not applicable,
    naming the terminal and what it lacks, and the terminal is left as it was."""
    gw = Gateway.open(five_sim.address, five_sim.ca_file)
    try:
        w2 = gw.connect(W2.ip, W2.port)
        before = w2.auth_config()
        guard = AuthConfigGuard(w2, W2.name)
        with pytest.raises(NotApplicable, match=r"^BioEntry W2 544130001 has no keypad$"):
            guard.apply([A.AUTH_MODE_CARD_ONLY, A.AUTH_MODE_CARD_PIN], private=False)
        assert guard.original is None and w2.auth_config() == before
        with pytest.raises(NotApplicable, match="BioEntry W2 544130001 has no keypad"):
            set_own_mode(w2, "900104", "IDAuthMode", A.AUTH_MODE_ID_PIN, W2.name)
        at_w2 = TerminalIO(w2, W2.name)
        with pytest.raises(NotApplicable, match="has no keypad"):
            Holder("900001", "2580").actions(at_w2, "the card, then the PIN")
        assert len(Holder("900001", "2580").actions(at_w2, "the card, then the fingerprint")) == 2
        f2 = gw.connect(F2_NO_FP.ip, F2_NO_FP.port)
        with pytest.raises(
            NotApplicable, match=r"FaceStation F2 \(no fingerprint\) 541540001 has no fingerprint"
        ):
            capture_finger(TerminalIO(f2, F2_NO_FP.name), ScriptedOperator(gw.channel), TEST_FINGER)
        assert w2.capability().cardInputSupported  # nothing is left waiting: the gateway answers
    finally:
        gw.close()
