"""A recording's files: what a lab run said to its terminals, kept so that a simulator can be
asked the same (biohil.recording.replay).

A recording folder holds

    manifest-<worker>.json                     one per process that recorded (xdist: one per
                                               worker; the replay reads them together)
    <terminal>/<worker>-<nnn>-<scenario>.jsonl  one scenario on one terminal, in the order run
    session/<worker>.jsonl                     the calls outside any scenario (holding the
                                               terminals, their snapshots, the undo at the end)

A transcript is JSON, one object per line. The first line is its header (kind "transcript"), then
one line per entry, written as it happens:

    call      a unary G-SDK call: method, request, status (its name), details, answer (None
              unless OK), sent and ended (Unix seconds), n (its number in the process), and
              during (the operator entry's n) if the operator was acting meanwhile
    stream    a server stream opened: method, request, sent, n
    message   a streamed message as it arrived: stream (the stream's n), at, message
    end       a stream ended: stream, at, status, details
    operator  what the person (or the script) was asked: action (attempt, capture, change_link,
              let_time_pass) and its arguments, sent, ended, error, n
    closed    the transcript's last line: at, outcome (passed, failed, skipped)

Messages are protobuf JSON with the proto's field names, every bytes field replaced by its size
and a short hash, {"bytes": 384, "sha256": "1a2b3c4d5e6f7a8b"}: templates, PIN hashes, card data
and images are told apart, never kept. Typed digits (the suite's own test PIN) are kept.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, cast

from google.protobuf import json_format
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message
from google.protobuf.message_factory import GetMessageClass

from biohil.gsdk import auth_pb2, card_pb2, connect_pb2, device_pb2, event_pb2, face_pb2, finger_pb2, user_pb2
from biohil.report.calls import short_hash

FORMAT = 1
HASH_DIGITS = 16
MANIFEST_GLOB = "manifest-*.json"
SESSION = "session"
# What each kind of entry must hold, and of which type.
KINDS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "call": {"n": int, "method": str, "request": dict, "sent": (int, float), "status": str},
    "stream": {"n": int, "method": str, "request": dict, "sent": (int, float)},
    "message": {"stream": int, "at": (int, float), "message": dict},
    "end": {"stream": int, "at": (int, float)},
    "operator": {"n": int, "action": str, "sent": (int, float)},
    "closed": {"at": (int, float)},
}

Json = dict[str, Any]


class RecordingError(Exception):
    """A recording folder, manifest or transcript that cannot be read: one line naming the file."""


# -- bytes: size and hash only ---------------------------------------------------------------------


def mask(data: bytes) -> Json:
    return {"bytes": len(data), "sha256": short_hash(data, HASH_DIGITS)}


def is_mask(value: object) -> bool:
    return isinstance(value, dict) and set(value) == {"bytes", "sha256"}


def descriptor_of(message: Message | type[Message]) -> Descriptor:
    """A message type's descriptor (the upb runtime's is one, whatever the stubs say)."""
    return cast(Descriptor, message.DESCRIPTOR)


def to_json(message: Message, seen: dict[str, bytes] | None = None) -> Json:
    """The message as protobuf JSON with its field names, every bytes field masked; `seen`
    collects the bytes by their hash (the replay sends them again where the recording did)."""
    data = json_format.MessageToDict(message, preserving_proto_field_name=True)
    _walk_bytes(data, descriptor_of(message), lambda text: _masked(text, seen))
    return data


def _masked(text: Any, seen: dict[str, bytes] | None) -> Json:
    raw = base64.b64decode(text)
    masked = mask(raw)
    if seen is not None:
        seen[masked["sha256"]] = raw
    return masked


def from_json(data: Json, cls: type[Message], bytes_for: Callable[[Json], bytes]) -> Message:
    """The message a recorded JSON object describes, each masked bytes field given by
    `bytes_for(mask)`."""
    copy = json.loads(json.dumps(data))
    _walk_bytes(copy, descriptor_of(cls), lambda masked: base64.b64encode(bytes_for(masked)).decode("ascii"))
    return json_format.ParseDict(copy, cls())


def _walk_bytes(data: Json, descriptor: Descriptor, replace: Callable[[Any], Any]) -> None:
    """Every bytes field of the JSON object replaced by `replace(value)`, at any depth (the G-SDK
    protos have no map fields)."""
    for fd in descriptor.fields:
        if fd.name not in data:
            continue
        value = data[fd.name]
        if fd.type == FieldDescriptor.TYPE_BYTES:
            data[fd.name] = [replace(v) for v in value] if isinstance(value, list) else replace(value)
        elif fd.type == FieldDescriptor.TYPE_MESSAGE and fd.message_type is not None:
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    _walk_bytes(item, fd.message_type, replace)


@dataclass(frozen=True)
class Method:
    name: str  # "User.Enroll"
    path: str  # "/gsdk.user.User/Enroll"
    request: type[Message]
    answer: type[Message]
    streams: bool


@cache
def methods() -> dict[str, Method]:
    """Every G-SDK method by the name a transcript gives it, from the services' descriptors."""
    found = {}
    for module in (auth_pb2, card_pb2, connect_pb2, device_pb2, event_pb2, face_pb2, finger_pb2, user_pb2):
        for service in module.DESCRIPTOR.services_by_name.values():
            for m in service.methods:
                name = f"{service.name}.{m.name}"
                found[name] = Method(
                    name,
                    f"/{service.full_name}/{m.name}",
                    GetMessageClass(m.input_type),
                    GetMessageClass(m.output_type),
                    m.server_streaming,
                )
    return found


# -- transcripts ---------------------------------------------------------------------------------


class TranscriptWriter:
    """A transcript file, written line by line as entries come (from any thread), so that a run
    cut short leaves what it did; created with its header on the first entry."""

    def __init__(self, path: Path, header: Json) -> None:
        self.path = path
        self._header = {"kind": "transcript", "format": FORMAT, **header}
        self._lock = threading.Lock()
        self._started = False
        self.entries = 0

    def __repr__(self) -> str:
        return f"TranscriptWriter({self.path.name}, {self.entries} entries)"

    def write(self, entry: Json) -> None:
        line = json.dumps(entry, separators=(",", ":"), ensure_ascii=False)
        with self._lock:
            if not self._started:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.path.write_text(json.dumps(self._header, ensure_ascii=False) + "\n", encoding="utf-8")
                self._started = True
            with self.path.open("a", encoding="utf-8") as out:
                out.write(line + "\n")
            self.entries += 1

    @property
    def written(self) -> bool:
        return self._started


@dataclass
class Transcript:
    """A transcript as read: its header and entries in the order written."""

    path: Path
    header: Json
    entries: list[Json]

    @property
    def name(self) -> str:
        return str(self.header.get("scenario") or self.path.stem)

    @property
    def worker(self) -> str:
        return str(self.header.get("worker", ""))

    @property
    def outcome(self) -> str:
        closed = next((e for e in reversed(self.entries) if e["kind"] == "closed"), None)
        return str(closed.get("outcome", "")) if closed else "not closed (the run was cut short)"


def read_transcript(path: Path) -> Transcript:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise RecordingError(f"cannot read the transcript {path}: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise RecordingError(f"the transcript {path} is not UTF-8 text") from None
    objects = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise RecordingError(f"{path}:{number}: not a JSON object ({e.msg})") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("kind"), str):
            raise RecordingError(f"{path}:{number}: not a transcript entry (no kind)")
        objects.append(obj)
    if not objects or objects[0]["kind"] != "transcript":
        raise RecordingError(f"{path}: not a transcript (its first line is no transcript header)")
    header, entries = objects[0], objects[1:]
    if header.get("format") != FORMAT:
        raise RecordingError(f"{path}: transcript format {header.get('format')!r}, this suite reads {FORMAT}")
    for number, entry in enumerate(entries, 2):
        fields = KINDS.get(entry["kind"])
        if fields is None:
            raise RecordingError(f"{path}:{number}: the unknown kind {entry['kind']!r}")
        for name, kind in fields.items():
            if not isinstance(entry.get(name), kind):
                raise RecordingError(f"{path}:{number}: a {entry['kind']} entry without a valid {name}")
    return Transcript(path, header, entries)


# -- the manifest ---------------------------------------------------------------------------------


def suite_version() -> str:
    try:
        return metadata.version("biohil")
    except metadata.PackageNotFoundError:
        return "unknown"


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass
class RecordedTerminal:
    """A terminal as the recording saw it: the lab's name for it, where it was connected, and
    what it said it is (GetInfo, the device list)."""

    name: str
    folder: str  # where its transcripts are
    address: str = ""  # ip:port it was connected at
    device_id: int = 0
    model: str = ""
    device_type: str = ""  # the device list's Type name: BIOSTATION_2, FACESTATION_F2_FP, ...
    firmware: str = ""
    test_ids: tuple[int, int] | None = None  # the user IDs the suite may write on it

    def as_json(self) -> Json:
        data: Json = {k: v for k, v in self.__dict__.items() if k != "test_ids"}
        data["test_ids"] = list(self.test_ids) if self.test_ids else None
        return data

    @classmethod
    def from_json(cls, data: Json) -> RecordedTerminal:
        ids = data.get("test_ids")
        return cls(
            name=str(data["name"]),
            folder=str(data.get("folder", "")),
            address=str(data.get("address", "")),
            device_id=int(data.get("device_id") or 0),
            model=str(data.get("model", "")),
            device_type=str(data.get("device_type", "")),
            firmware=str(data.get("firmware", "")),
            test_ids=(int(ids[0]), int(ids[1])) if ids else None,
        )

    def merged(self, other: RecordedTerminal) -> RecordedTerminal:
        """What two workers saw of one terminal, each field from whichever knew it."""
        mine, theirs = self.as_json(), other.as_json()
        return RecordedTerminal.from_json({k: mine[k] or theirs[k] for k in mine})


@dataclass
class Manifest:
    """What one process recorded: which suite, when, on which target with which readings, on
    which terminals, and its transcripts (paths relative to the folder), in the order run."""

    worker: str
    suite: str
    started: str
    target: str
    readings: dict[str, str]
    # "shared": one gateway for every process (a lab, a simulator started on its own); "own":
    # this process had a simulator of its own (the suite's default target, one per xdist worker).
    gateway: str = "shared"
    terminals: list[RecordedTerminal] = field(default_factory=list)
    transcripts: list[str] = field(default_factory=list)

    def as_json(self) -> Json:
        return {
            "format": FORMAT,
            "worker": self.worker,
            "suite": self.suite,
            "started": self.started,
            "target": self.target,
            "readings": self.readings,
            "gateway": self.gateway,
            "terminals": [t.as_json() for t in self.terminals],
            "transcripts": self.transcripts,
        }

    def write(self, folder: Path) -> Path:
        path = folder / f"manifest-{self.worker}.json"
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.as_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return path

    @classmethod
    def read(cls, path: Path) -> Manifest:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as e:
            raise RecordingError(f"cannot read the manifest {path}: {e.strerror or e}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise RecordingError(f"the manifest {path} is not JSON: {e}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            found = data.get("format") if isinstance(data, dict) else None
            raise RecordingError(f"the manifest {path} has format {found!r}, this suite reads {FORMAT}")
        try:
            return cls(
                worker=str(data["worker"]),
                suite=str(data["suite"]),
                started=str(data["started"]),
                target=str(data["target"]),
                readings={str(k): str(v) for k, v in dict(data.get("readings") or {}).items()},
                gateway=str(data.get("gateway", "shared")),
                terminals=[RecordedTerminal.from_json(t) for t in data.get("terminals", [])],
                transcripts=[str(t) for t in data.get("transcripts", [])],
            )
        except (KeyError, TypeError, ValueError, IndexError) as e:
            raise RecordingError(f"the manifest {path} lacks or garbles {e}") from None


@dataclass
class Recording:
    """A recording folder: its manifests read together and its transcripts."""

    folder: Path
    manifests: list[Manifest]
    transcripts: list[Transcript]

    @property
    def terminals(self) -> list[RecordedTerminal]:
        merged: dict[str, RecordedTerminal] = {}
        for manifest in self.manifests:
            for t in manifest.terminals:
                merged[t.name] = merged[t.name].merged(t) if t.name in merged else t
        return list(merged.values())

    @property
    def readings(self) -> dict[str, str]:
        return dict(self.manifests[0].readings) if self.manifests else {}

    def describe(self) -> str:
        first = self.manifests[0]
        workers = len(self.manifests)
        return (
            f"{self.folder}: suite {first.suite}, {first.target}, started {first.started}, "
            f"{len(self.transcripts)} transcripts" + (f" from {workers} workers" if workers > 1 else "")
        )

    def gateways(self) -> list[list[Transcript]]:
        """The transcripts by the gateway they were said to: all together, except those of a
        process that had a simulator of its own."""
        own = {m.worker for m in self.manifests if m.gateway == "own"}
        groups = [[t for t in self.transcripts if t.worker not in own]]
        groups += [[t for t in self.transcripts if t.worker == w] for w in sorted(own)]
        return [g for g in groups if g]

    def of_terminal(self, terminal: RecordedTerminal) -> list[Transcript]:
        return [t for t in self.transcripts if t.header.get("terminal") == terminal.name]


def check_new(folder: Path) -> None:
    """A folder a run may record into: none yet, or one without another run's recording (whose
    manifests the replay would read together with this run's)."""
    if folder.exists() and not folder.is_dir():
        raise RecordingError(f"--record {folder} is a file; give a folder for the recording")
    if folder.is_dir() and any(folder.glob(MANIFEST_GLOB)):
        raise RecordingError(
            f"--record {folder} already holds a recording ({MANIFEST_GLOB}); give a new folder, "
            "or move that recording away"
        )


def load(folder: Path) -> Recording:
    """The recording in `folder`; RecordingError (one line) if it is missing or not one."""
    if not folder.exists():
        raise RecordingError(f"{folder} does not exist; give the folder a run wrote with --record")
    if not folder.is_dir():
        raise RecordingError(f"{folder} is not a folder; give the folder a run wrote with --record")
    paths = sorted(folder.glob(MANIFEST_GLOB))
    if not paths:
        raise RecordingError(
            f"{folder} holds no {MANIFEST_GLOB}: not a recording (a run with --record={folder} writes one)"
        )
    manifests = [Manifest.read(p) for p in paths]
    transcripts = []
    for manifest in manifests:
        for relative in manifest.transcripts:
            path = folder / relative
            if not path.is_file():
                raise RecordingError(f"{path}, listed in manifest-{manifest.worker}.json, is missing")
            transcripts.append(read_transcript(path))
    return Recording(folder, manifests, transcripts)
