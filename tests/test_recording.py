"""Recording a run (--record) and what the replay compares: the transcript's format, bytes kept
only as size and hash, the normalizer, and a bad recording folder (biohil.recording)."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from google.protobuf.descriptor import Descriptor, FieldDescriptor

from biohil.client import Gateway
from biohil.client.watch import EventWatcher
from biohil.credentials import Input
from biohil.gsdk import card_pb2, device_pb2, event_pb2, face_pb2, finger_pb2, user_pb2
from biohil.lab.terminal import Terminal
from biohil.operator.base import Attempt, TerminalIO
from biohil.operator.capture import capture
from biohil.operator.scripted import ScriptedOperator
from biohil.recording.compare import LAB, SIM, Correspondence, Scope, differ, normal, pair_bytes
from biohil.recording.conformance import main
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
from tests.labrun import ROOT, closing_lines

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


def _log(*events: tuple[int, int, int, str]) -> dict[str, Any]:
    """A GetLog answer of (ID, timestamp, eventCode, userID) records on the BioStation 2."""
    reply = event_pb2.GetLogResponse(
        events=[
            event_pb2.EventLog(ID=i, timestamp=t, deviceID=BS2.device_id, eventCode=c, userID=u)
            for i, t, c, u in events
        ]
    )
    return to_json(reply)


def _compare(
    lab: dict[str, Any], sim: dict[str, Any], corr: Correspondence, descriptor: Descriptor, method: str = ""
) -> Any:
    scope = Scope(frozenset({BS2.device_id}), ((900001, 900999),))
    ours, theirs = normal(lab, descriptor, LAB, corr, scope), normal(sim, descriptor, SIM, corr, scope)
    pair_bytes(ours, theirs, descriptor, corr, method)
    return differ(ours, theirs, descriptor, corr, method)


def test_the_normalizer_puts_ids_times_and_foreign_records_aside_but_not_codes() -> None:
    log = descriptor_of(event_pb2.GetLogResponse)
    corr = Correspondence()
    corr.baseline.update({(LAB, BS2.device_id): 5000, (SIM, BS2.device_id): 3})
    lab = _log((4999, 1_000, 0x7F00, ""), (5001, 1_700_000_100, 0x1000, "900001"))
    sim = _log((2, 2_000_000_000, 0x3C00, ""), (4, 2_000_000_007, 0x1000, "900001"))
    assert _compare(lab, sim, corr, log) is None  # IDs, times and the log before the run differ
    other = _log((2, 2_000_000_000, 0x3C00, ""), (4, 2_000_000_007, 0x1800, "900001"))
    found = _compare(lab, other, corr, log)
    assert found is not None and found.where == "events", found
    assert (
        "VERIFY_SUCCESS (0x1000/0x00) user 900001" in found.lab and "AUTH_FAILED (0x1800/0x00)" in found.sim
    )
    shorter = _log((2, 2_000_000_000, 0x3C00, ""))
    assert _compare(lab, shorter, corr, log) is not None  # a record missing is a difference

    users = descriptor_of(user_pb2.GetListResponse)
    theirs = to_json(
        user_pb2.GetListResponse(hdrs=[user_pb2.UserHdr(ID="17"), user_pb2.UserHdr(ID="900001")])
    )
    ours = to_json(user_pb2.GetListResponse(hdrs=[user_pb2.UserHdr(ID="900001")]))
    assert _compare(theirs, ours, corr, users) is None  # a lab's own users are not the run's

    info = descriptor_of(device_pb2.GetInfoResponse)

    def version(text: str) -> dict[str, Any]:
        return to_json(
            device_pb2.GetInfoResponse(
                info=device_pb2.FactoryInfo(modelName="BioStation 2", firmwareVersion=text)
            )
        )

    assert _compare(version("1.11.2"), version("1.11.0"), corr, info) is None
    marked = _compare(version("1.11.2"), version("1.11.0 (simulated)"), corr, info)
    assert marked is not None and marked.where == "info.firmwareVersion", marked


def test_bytes_seen_first_are_paired_and_a_pin_hash_must_be_equal() -> None:
    scan = descriptor_of(finger_pb2.ScanResponse)
    corr = Correspondence()
    lab_template, sim_template = (
        to_json(finger_pb2.ScanResponse(templateData=t)) for t in (TEMPLATE, OTHER_TEMPLATE)
    )
    assert _compare(lab_template, sim_template, corr, scan) is None  # first seen: the same finger from now on
    user = descriptor_of(user_pb2.GetResponse)
    read_back = {"users": [{"fingers": [{"templates": [lab_template["templateData"]]}]}]}
    assert (
        _compare(
            read_back, {"users": [{"fingers": [{"templates": [sim_template["templateData"]]}]}]}, corr, user
        )
        is None
    )
    wrong = to_json(finger_pb2.ScanResponse(templateData=b"\x09" * 384))["templateData"]
    found = _compare(read_back, {"users": [{"fingers": [{"templates": [wrong]}]}]}, corr, user)
    assert found is not None and found.where == "users", found  # not the template the lab read back

    pin = descriptor_of(user_pb2.GetPINHashResponse)
    lab_pin, sim_pin = (to_json(user_pb2.GetPINHashResponse(hashVal=h)) for h in (PIN_HASH, b"\x05" * 32))
    found = _compare(lab_pin, sim_pin, Correspondence(), pin, "User.GetPINHash")
    assert found is not None and found.where == "hashVal", found  # computed from the digits: no pairing
    assert _compare(lab_pin, lab_pin, Correspondence(), pin, "User.GetPINHash") is None


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda d: d / "missing", "does not exist"),
        (lambda d: _file(d / "a-file"), "is not a folder"),
        (lambda d: d, "holds no manifest-*.json"),
        (lambda d: _file(d / "manifest-main.json", "{not json").parent, "is not JSON"),
        (lambda d: _file(d / "manifest-main.json", json.dumps({"format": 9})).parent, "has format 9"),
        (lambda d: _manifest(d, "BioStation2/main-001-x.jsonl"), "is missing"),
        (
            lambda d: _manifest(
                d, _file(d / "t.jsonl", '{"kind": "transcript", "format": 1}\nnot json\n').name
            ),
            "t.jsonl:2",
        ),
        (
            lambda d: _manifest(
                d,
                _file(d / "t.jsonl", '{"kind": "transcript", "format": 1}\n{"kind": "call", "n": 1}\n').name,
            ),
            "t.jsonl:2: a call entry without a valid method",
        ),
    ],
    ids=[
        "missing",
        "a file",
        "empty",
        "bad manifest",
        "other format",
        "transcript missing",
        "bad line",
        "no request",
    ],
)
def test_a_bad_recording_gives_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: Any, words: str
) -> None:
    folder = make(tmp_path)
    assert main([str(folder)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("conformance: ") and words in err, err


def _file(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def _manifest(folder: Path, transcript: str) -> Path:
    data = {
        "format": 1,
        "worker": "main",
        "suite": "0.1.0",
        "started": "now",
        "target": "lab",
        "readings": {},
    }
    _file(folder / "manifest-main.json", json.dumps({**data, "transcripts": [transcript]}))
    return folder


def test_the_command_refuses_a_bad_reading_and_make_asks_for_the_folder(tmp_path: Path) -> None:
    _manifest(tmp_path, _file(tmp_path / "t.jsonl", '{"kind": "transcript", "format": 1}\n').name)
    run = subprocess.run(
        [sys.executable, "-m", "biohil.recording", str(tmp_path), "--reading", "own_mode=sometimes"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert run.returncode == 2 and run.stdout == "", run
    assert (
        run.stderr.strip()
        == "conformance: own_mode has no value 'sometimes'; its values are replaces, added (default replaces)"
    )
    made = subprocess.run(["make", "-s", "conformance"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert made.returncode == 2, made
    assert "make conformance RECORDING=DIR" in made.stderr, made.stderr


@pytest.mark.long
def test_the_whole_suite_recorded_replays_with_no_difference(tmp_path: Path) -> None:
    recording = tmp_path / "recording"
    run = subprocess.run(
        [
            *(sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-n", "2"),
            *(f"--alluredir={tmp_path / 'allure'}", f"--record={recording}"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    closing = closing_lines(run.stdout)
    assert re.fullmatch(r"\d+ scenario results: \d+ passed, \d+ not applicable", closing[-1]), closing
    assert sorted(p.name for p in recording.glob("manifest-*.json")) == [
        "manifest-gw0.json",
        "manifest-gw1.json",
    ]
    made = load(recording)
    assert {p.parent.name for p in recording.rglob("*.jsonl")} == {"BioStation2", "FaceStationF2", "session"}
    assert len([t for t in made.transcripts if t.header["scenario"]]) >= 200
    replayed = subprocess.run(
        [sys.executable, "-m", "biohil.recording", str(recording)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(replayed.stdout)
    assert replayed.returncode == 0, replayed.stdout[-3000:] + replayed.stderr
    assert re.search(r"^0 differences in 0 of \d+ transcripts$", replayed.stdout, re.M), replayed.stdout


def test_record_refuses_a_folder_holding_another_recording(tmp_path: Path) -> None:
    """The replay reads every manifest of a folder together: a second run must not mix in."""
    _manifest(tmp_path, "BioStation2/main-001-x.jsonl")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", f"--record={tmp_path}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == pytest.ExitCode.USAGE_ERROR, run.stdout + run.stderr
    assert f"--record {tmp_path} already holds a recording (manifest-*.json)" in run.stderr, run.stderr
