"""Recording a run (--record): the transcript's format, and bytes kept only as size and hash
(biohil.recording)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from google.protobuf.descriptor import Descriptor, FieldDescriptor

from biohil.client import Gateway
from biohil.client.watch import EventWatcher
from biohil.credentials import Input
from biohil.gsdk import card_pb2, event_pb2, face_pb2, finger_pb2, user_pb2
from biohil.lab.terminal import Terminal
from biohil.operator.base import Attempt, TerminalIO
from biohil.operator.capture import capture
from biohil.operator.scripted import ScriptedOperator
from biohil.recording.recorder import Recorder
from biohil.recording.transcript import (
    HASH_DIGITS,
    TranscriptWriter,
    descriptor_of,
    from_json,
    is_mask,
    load,
    methods,
    read_transcript,
    to_json,
)
from biohil.report.calls import short_hash
from biohil.simulator import Simulator
from biohil.simulator.models import DEFAULT_DEVICES

BS2, F2 = DEFAULT_DEVICES
TEMPLATE, OTHER_TEMPLATE, PIN_HASH, IMAGE = (
    b"\x01" * 384,
    b"\x02" * 384,
    b"\x03" * 32,
    b"\xff\xd8" + b"\x04" * 900,
)


def _user() -> user_pb2.UserInfo:
    return user_pb2.UserInfo(
        hdr=user_pb2.UserHdr(ID="900001"),
        setting=user_pb2.UserSetting(startTime=1_700_000_000, endTime=1_800_000_000),
        PIN=PIN_HASH,
        cards=[card_pb2.CSNCardData(data=b"\x00" * 28 + b"\x12\x34\x56\x78")],
        fingers=[finger_pb2.FingerData(templates=[TEMPLATE, OTHER_TEMPLATE])],
        faces=[face_pb2.FaceData(templates=[TEMPLATE], imageData=IMAGE, irImageData=IMAGE[::-1])],
    )


def test_a_transcript_round_trips(tmp_path: Path) -> None:
    request = user_pb2.EnrollRequest(deviceID=BS2.device_id, users=[_user()], overwrite=True)
    seen: dict[str, bytes] = {}
    entry = {
        "kind": "call",
        "n": 1,
        "method": "User.Enroll",
        "request": to_json(request, seen),
        "sent": 1.5,
        "ended": 1.6,
        "status": "OK",
        "details": "",
        "answer": {},
    }
    path = tmp_path / "BioStation2" / "main-001-enroll.jsonl"
    writer = TranscriptWriter(path, {"scenario": "Enroll", "terminal": BS2.name, "worker": "main"})
    assert not path.exists()  # nothing written until there is something to write
    writer.write(entry)
    writer.write({"kind": "closed", "at": 2.0, "outcome": "passed"})
    read = read_transcript(path)
    assert read.header["scenario"] == "Enroll" and read.header["format"] == 1
    assert read.entries[0] == entry and read.outcome == "passed"
    again = from_json(read.entries[0]["request"], user_pb2.EnrollRequest, lambda m: seen[m["sha256"]])
    assert again == request
    assert len(seen) == 6  # PIN hash, card, two templates (one shared with the face), two images


def _bytes_fields(data: Any, descriptor: Descriptor) -> list[Any]:
    """Every value of a bytes field in a message's JSON, at any depth."""
    out: list[Any] = []
    for fd in descriptor.fields:
        if fd.name not in data:
            continue
        values = data[fd.name] if isinstance(data[fd.name], list) else [data[fd.name]]
        if fd.type == FieldDescriptor.TYPE_BYTES:
            out += values
        elif fd.type == FieldDescriptor.TYPE_MESSAGE and fd.message_type is not None:
            for v in values:
                out += _bytes_fields(v, fd.message_type)
    return out


def test_no_raw_bytes_survive_a_recorded_session(tmp_path: Path) -> None:
    """A PIN hash, card, fingerprint templates, a face's templates and images, scanned, enrolled,
    read back and streamed: each kept as its size and hash, none as its bytes."""
    recording = tmp_path / "recording"
    terminal = Terminal(F2.name, F2.ip, F2.port)
    recorder = Recorder(recording, "main", "simulator", [terminal], own_gateway=True)
    with Simulator(tmp_path / "certs") as sim:
        gateway = Gateway.open(sim.address, sim.ca_file, interceptors=[recorder])
        try:
            recorder.begin_scenario("Enrol every credential", "test", terminal)
            operator = recorder.operator(ScriptedOperator(gateway.channel))
            device = gateway.connect(F2.ip, F2.port)
            device.info(), gateway.device_list()  # what the manifest says of the terminal
            io = TerminalIO(device, F2.name)
            card, finger, face = (
                capture(io, operator, word, f"test {word}") for word in ("card", "fingerprint", "face")
            )
            info = user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID="900001"), PIN=device.pin_hash("2580"))
            info.cards.append(card)
            info.fingers.append(finger)
            info.faces.append(face)
            device.enroll([info])
            [stored] = device.users("900001")
            device.enable_monitoring()
            watcher = EventWatcher(gateway, [device.id], "F2", patience=2.0)
            operator.attempt(Attempt((io.action(Input.CARD, "test card", user_id="900001"),), 5.0), _Begin())
            assert watcher.wait_for(lambda e: e.cardData == card.data, 0, 2.0, "the card granted")
            watcher.close()
            device.disable_monitoring()
            device.delete_users("900001")
            recorder.end_scenario("passed")
        finally:
            gateway.close()
        recorder.finish()
    secrets = [
        card.data,
        *finger.templates,
        *face.templates,
        face.imageData,
        info.PIN,
        stored.faces[0].imageData,
    ]
    recorded = load(recording)
    text = "".join(p.read_text() for p in recording.rglob("*.json*"))
    for raw in secrets:
        assert raw and base64.b64encode(raw).decode() not in text and raw.hex() not in text
    [transcript] = [t for t in recorded.transcripts if t.header["scenario"]]
    masks = []
    for entry in transcript.entries:
        if entry["kind"] == "call":
            method = methods()[entry["method"]]
            masks += _bytes_fields(entry["request"], descriptor_of(method.request))
            masks += _bytes_fields(entry.get("answer") or {}, descriptor_of(method.answer))
        elif entry["kind"] == "message":
            masks += _bytes_fields(entry["message"], descriptor_of(event_pb2.EventLog))
    flat = [m for m in masks if not isinstance(m, list)]
    assert flat and all(is_mask(m) for m in flat), [m for m in flat if not is_mask(m)]
    hashed = {(m["bytes"], m["sha256"]) for m in flat}
    for raw in secrets:
        assert (len(raw), short_hash(raw, HASH_DIGITS)) in hashed
    kinds = [e["kind"] for e in transcript.entries]
    assert {"call", "stream", "message", "end", "operator", "closed"} <= set(kinds), kinds
    [named] = recorded.terminals
    assert (named.device_id, named.device_type, named.model) == (
        F2.device_id,
        "FACESTATION_F2_FP",
        F2.model.name,
    )


class _Begin:
    def begin(self) -> int:
        return 0

    def report(self, timeout: float) -> None:
        return None

    def late(self, timeout: float) -> None:
        return None

    def note(self, text: str) -> None:
        pass
