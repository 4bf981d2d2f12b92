"""Replaying a recording against a simulator: the same requests, in the same order, to simulated
terminals of the same models (with the same device IDs and addresses), and each answer compared
with the lab's (biohil.recording.compare says what is put aside).

The transcripts of all processes are played as one timeline, in the order things began: a call
is sent when the lab sent it and waited for when the lab had its answer (a scan waits while the
person presents); the operator's requests are made by the simulator's script (ScriptedOperator:
it keeps each credential label's token), and the time a person let pass becomes AdvanceClock, so
a replay takes no real time; a stream is opened when the lab opened it, and when the lab closed
it, what it delivered by then is compared (waiting, up to STREAM_PATIENCE, for as many messages
as the lab's delivered; more at its end are no difference: the lab's may have closed just
before they came).

Requests are rebuilt from their JSON through the method's request type. Bytes the lab sent that
an earlier answer gave (a template scanned, a PIN hash) are sent as the simulator gave them; a
log read from an event ID starts as far from the simulated log's end as the lab's read started
from its log's end (the lab's end as its answers show it); times move as the nearest paired
record's did. Calls the person's prompt made while the operator acted (looking for the outcome)
are not replayed, nor a scan the lab terminal gave up on before the person presented.
"""

from __future__ import annotations

import copy
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
from google.protobuf import json_format
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message

from biohil.client.channel import open_channel
from biohil.gsdk import device_pb2
from biohil.operator.base import LinkChange, Reported
from biohil.operator.scripted import ScriptedOperator
from biohil.readings import Readings
from biohil.recording.compare import (
    LAB,
    SIM,
    TIME_FIELDS,
    Correspondence,
    Scope,
    differ,
    differ_lists,
    events_of,
    normal,
    pair_bytes,
)
from biohil.recording.recorder import action_from_json, attempt_from_json
from biohil.recording.transcript import (
    Json,
    Method,
    RecordedTerminal,
    Recording,
    Transcript,
    descriptor_of,
    from_json,
    methods,
    to_json,
)
from biohil.simulator import Simulator
from biohil.simulator.models import MODELS, DeviceModel, DeviceSpec

CALL_DEADLINE = 30.0  # seconds a replayed call may take (a scan waits for the script's action)
SUBSCRIBED = 5.0  # for a replayed stream to be set up
STREAM_PATIENCE = 2.0  # for a replayed stream to deliver as many messages as the lab's did
OPERATOR_DEADLINE = 60.0
READS = frozenset({"Event.GetLog", "Event.GetLogWithFilter"})
STREAM = " (stream)"


@dataclass(frozen=True)
class Difference:
    """Where the simulator answered otherwise than the lab's terminal."""

    transcript: str  # its path in the recording folder
    method: str  # "Event.GetLog", "Event.SubscribeRealtimeLog (stream)", "operator: capture"
    where: str  # "status", "events", "info.firmwareVersion"
    lab: str
    sim: str

    def describe(self) -> str:
        return f"{self.method} {self.where}: lab {self.lab}; simulator {self.sim}"


@dataclass
class Replayed:
    """A replay's outcome: what was compared, and where the simulator differs."""

    readings: Readings
    differences: list[Difference] = field(default_factory=list)
    compared: Counter[str] = field(default_factory=Counter)  # calls, streams, actions by method
    transcripts: list[str] = field(default_factory=list)  # replayed, in the order begun
    notes: list[str] = field(default_factory=list)  # what was not replayed, and why
    prompts_reads: int = 0  # calls the person's prompt made while the operator acted: not replayed
    seconds: float = 0.0

    @property
    def differing(self) -> dict[str, list[Difference]]:
        out: dict[str, list[Difference]] = {}
        for d in self.differences:
            out.setdefault(d.transcript, []).append(d)
        return out


def model_of(terminal: RecordedTerminal) -> DeviceModel | None:
    """The simulated model of a recorded terminal: by its device type, then by its model name."""
    typed = [m for m in MODELS.values() if device_pb2.Type.Name(m.device_type) == terminal.device_type]
    if len(typed) == 1:
        return typed[0]
    named = [m for m in (typed or MODELS.values()) if m.name == terminal.model]
    return named[0] if named else (typed[0] if typed else None)


def specs(terminals: Iterable[RecordedTerminal]) -> tuple[tuple[DeviceSpec, ...], list[str]]:
    """The simulated terminals standing in for the recorded ones (same ID and address), and why
    any cannot."""
    made, notes = [], []
    for t in terminals:
        model = model_of(t)
        ip, _, port = t.address.rpartition(":")
        if model is None:
            notes.append(
                f"{t.name} ({t.model or 'model unknown'}, {t.device_type or 'type unknown'}) is not "
                f"simulated: the simulator has no such model ({', '.join(MODELS)}); "
                "its calls were not replayed"
            )
        elif not t.device_id or not ip or not port.isdigit():
            notes.append(f"{t.name} was never connected in the recording; nothing of it to replay")
        else:
            made.append(DeviceSpec(model, t.device_id, ip, int(port), t.name))
    return tuple(made), notes


def replay(
    recording: Recording,
    readings: Readings,
    cert_dir: Path,
    until: float | None = None,
    only: Iterable[str] | None = None,
) -> Replayed:
    """The recording replayed against a fresh simulator with these readings (up to `until`, the
    lab's time, if given); one simulator per gateway the recording spoke to (`only`: those that
    heard any of these transcripts)."""
    result = Replayed(readings)
    wanted = None if only is None else set(only)
    for transcripts in recording.gateways():
        names = {t.path.relative_to(recording.folder).as_posix() for t in transcripts}
        if wanted is not None and not names & wanted:
            continue
        part = _Replay(recording, transcripts, readings, cert_dir, until).run()
        result.differences += part.differences
        result.compared.update(part.compared)
        result.transcripts += part.transcripts
        result.notes += [n for n in part.notes if n not in result.notes]
        result.prompts_reads += part.prompts_reads
        result.seconds += part.seconds
    return result


def devices_named(transcript: Transcript) -> frozenset[int]:
    """The terminals a transcript's requests name (and those its Connects reached)."""
    found: set[int] = set()
    for e in transcript.entries:
        if e["kind"] in ("call", "stream"):
            found.update(_devices(e["request"]))
            if e.get("method") == "Connect.Connect":
                found.add(int((e.get("answer") or {}).get("deviceID", 0)))
    found.discard(0)
    return frozenset(found)


# -- the timeline ------------------------------------------------------------------------------------


@dataclass
class _Item:
    at: float
    order: int
    kind: str  # call, open, close, operator
    transcript: Transcript
    entry: Json

    @property
    def key(self) -> tuple[str, int]:
        number = self.entry["n"] if "n" in self.entry else self.entry["stream"]
        return (self.transcript.worker, int(number))


def timeline(transcripts: Iterable[Transcript]) -> tuple[list[_Item], dict[tuple[str, int], list[Json]]]:
    """Every call, stream opening and closing, and operator request, in the order they began;
    and each stream's messages (by worker and stream number)."""
    items, messages = [], defaultdict(list)
    for t in transcripts:
        for e in t.entries:
            kind = e["kind"]
            if kind in ("call", "operator"):
                items.append(_Item(float(e["sent"]), int(e["n"]), kind, t, e))
            elif kind == "stream":
                items.append(_Item(float(e["sent"]), int(e["n"]), "open", t, e))
            elif kind == "end":
                items.append(_Item(float(e["at"]), int(e["stream"]), "close", t, e))
            elif kind == "message":
                messages[(t.worker, int(e["stream"]))].append(e)
    items.sort(key=lambda i: (i.at, i.transcript.worker, i.order))
    return items, dict(messages)


def _devices(request: Json) -> list[int]:
    if "deviceID" in request:
        return [int(request["deviceID"])]
    return [int(d) for d in request.get("deviceIDs", [])]


def lab_log_ends(items: list[_Item], messages: dict[tuple[str, int], list[Json]]) -> dict[int, int]:
    """For each recorded log read (by id() of its entry): the newest event ID the lab's terminal
    had then, as the answers show it. A run of reads of one terminal with nothing else done to it
    between (a search for the log's end) shares the newest ID any of its answers shows."""
    seen: list[tuple[float, int, Json]] = [
        (i.at, 0, i.entry) for i in items if i.kind in ("call", "operator")
    ]
    seen += [(float(m["at"]), 1, m) for ms in messages.values() for m in ms]
    seen.sort(key=lambda s: (s[0], s[1]))
    known: dict[int, int] = defaultdict(int)
    runs: dict[int, list[Json]] = {}
    ends: dict[int, int] = {}

    def flush(device: int) -> None:
        run = runs.pop(device, [])
        top = max(
            [
                known[device],
                *(int(e.get("ID", 0)) for c in run for e in (c.get("answer") or {}).get("events", [])),
            ]
        )
        for call in run:
            ends[id(call)] = top
        known[device] = top

    for _, is_message, entry in seen:
        if is_message:
            message = entry["message"]
            device = int(message.get("deviceID", 0))
            known[device] = max(known[device], int(message.get("ID", 0)))
            continue
        if entry["kind"] == "operator":
            acted = (
                entry.get("attempt", {}).get("actions", [{}])[0]
                if "attempt" in entry
                else entry.get("capture") or entry.get("link") or {}
            )
            if "device_id" in acted:
                flush(int(acted["device_id"]))
            continue
        devices = _devices(entry["request"])
        if entry["method"] in READS and len(devices) == 1:
            runs.setdefault(devices[0], []).append(entry)
            continue
        for device in devices:
            flush(device)
    for device in list(runs):
        flush(device)
    return ends


# -- in flight -----------------------------------------------------------------------------------------


@dataclass
class _Flight:
    """Something replayed that the lab had finished by `ends` (its time): waited for then."""

    ends: float
    finish: Callable[[], None]
    done: threading.Event = field(default_factory=threading.Event)


class _Stream:
    """A replayed stream, reading its messages as they come."""

    def __init__(self, call: Any, expected: int) -> None:
        self._call = call
        self.expected = expected
        self.received: list[Message] = []
        self._cond = threading.Condition()
        self._ended = False
        self._live = threading.Event()
        threading.Thread(target=self._read, name="replayed stream", daemon=True).start()
        self._live.wait(SUBSCRIBED)

    def _read(self) -> None:
        try:
            self._call.initial_metadata()
            self._live.set()
            for message in self._call:
                with self._cond:
                    self.received.append(message)
                    self._cond.notify_all()
        except grpc.RpcError:
            pass
        finally:
            self._live.set()
            with self._cond:
                self._ended = True
                self._cond.notify_all()

    def close(self) -> list[Message]:
        """What it delivered, once it has as many messages as the lab's did (or STREAM_PATIENCE
        has passed, or it ended)."""
        with self._cond:
            self._cond.wait_for(lambda: self._ended or len(self.received) >= self.expected, STREAM_PATIENCE)
            got = list(self.received)
        self._call.cancel()
        return got


class _Quiet:
    """An attempt's outcomes as the script needs them: it only marks where the try begins."""

    def begin(self) -> int:
        return 0

    def report(self, timeout: float) -> Reported | None:
        return None

    def late(self, timeout: float) -> Reported | None:
        return None

    def note(self, text: str) -> None:
        pass


class _Replay:
    def __init__(
        self,
        recording: Recording,
        transcripts: list[Transcript],
        readings: Readings,
        cert_dir: Path,
        until: float | None,
    ) -> None:
        self.recording = recording
        self.readings = readings
        self.cert_dir = cert_dir
        self.until = until
        terminals = recording.terminals
        self.specs, notes = specs(terminals)
        self.simulated = {s.device_id for s in self.specs}
        ids = tuple(t.test_ids for t in terminals if t.test_ids)
        everyone = frozenset(t.device_id for t in terminals if t.device_id)
        # Each transcript is compared on the terminals it used: what another process did to
        # other terminals meanwhile (a device list, a stream of every terminal) is not its own.
        self.scopes = {id(t): Scope(devices_named(t) or everyone, ids) for t in transcripts}
        self.corr = Correspondence()
        self.result = Replayed(readings, notes=notes)
        self.flights: list[_Flight] = []
        self.streams: dict[tuple[str, int], tuple[_Item, _Stream]] = {}
        self.scans: dict[int, _Flight] = {}  # device -> its scan in flight
        self.operators: dict[str, ScriptedOperator] = {}
        self.items, self.messages = timeline(transcripts)
        self.lab_ends = lab_log_ends(self.items, self.messages)
        self.sim: Simulator | None = None
        self.channel: grpc.Channel | None = None
        self._callables: dict[str, Any] = {}

    def run(self) -> Replayed:
        started = time.monotonic()
        with Simulator(self.cert_dir, devices=self.specs, readings=self.readings) as sim:
            self.sim = sim
            self.channel = open_channel(sim.address, sim.ca_file)
            try:
                self._play()
            finally:
                for item, stream in list(self.streams.values()):
                    self._close(item, stream)
                self.channel.close()
        self.result.seconds = time.monotonic() - started
        return self.result

    def _play(self) -> None:
        replayed: dict[str, None] = {}
        for item in self.items:
            if self.until is not None and item.at > self.until:
                break
            self._settle(item.at)
            replayed.setdefault(self._name(item.transcript))
            if item.kind == "call":
                self._call(item)
            elif item.kind == "open":
                self._open(item)
            elif item.kind == "close":
                opened = self.streams.pop(item.key, None)
                if opened is not None:
                    self._close(opened[0], opened[1])
            else:
                self._act(item)
        self._settle(float("inf"))
        self.result.transcripts = list(replayed)

    def _name(self, transcript: Transcript) -> str:
        return transcript.path.relative_to(self.recording.folder).as_posix()

    def _settle(self, until: float) -> None:
        """Wait for what the lab had finished by `until`, in the order it finished."""
        while True:
            due = [f for f in self.flights if f.ends <= until]
            if not due:
                return
            flight = min(due, key=lambda f: f.ends)
            self.flights.remove(flight)
            flight.finish()

    def _differs(self, item: _Item, method: str, where: str, lab: str, sim: str) -> None:
        self.result.differences.append(Difference(self._name(item.transcript), method, where, lab, sim))

    def _note(self, item: _Item, text: str) -> None:
        self.result.notes.append(f"{self._name(item.transcript)}: {text}")

    # -- calls -----------------------------------------------------------------------------------

    def _callable(self, method: Method) -> Any:
        assert self.channel is not None
        if method.path not in self._callables:
            make = self.channel.unary_stream if method.streams else self.channel.unary_unary
            self._callables[method.path] = make(
                method.path,
                request_serializer=method.request.SerializeToString,
                response_deserializer=method.answer.FromString,
            )
        return self._callables[method.path]

    def _request(self, item: _Item, method: Method) -> Message | None:
        """The recorded request as the simulator must get it; None if it names a terminal that
        is not simulated."""
        assert self.sim is not None
        data = copy.deepcopy(item.entry["request"])
        missing = [d for d in _devices(data) if d not in self.simulated]
        if missing:
            self._note(item, f"{item.entry['method']} on device {missing[0]}, not simulated: not replayed")
            return None
        offset = self.sim.gateway.clock.now() - float(item.entry["sent"])
        _move_times(data, descriptor_of(method.request), lambda t, end: self.corr.time(t, offset, end))
        if item.entry["method"] in READS:
            self._start_from(item, data)
        unresolved: list[Json] = []

        def bytes_for(masked: Json) -> bytes:
            found = self.corr.bytes_for(masked)
            if found is None:
                unresolved.append(masked)
                return bytes(int(masked["bytes"]))
            return found

        try:
            request = from_json(data, method.request, bytes_for)
        except json_format.ParseError as e:
            self._note(
                item, f"{item.entry['method']}: its recorded request cannot be read ({e}): not replayed"
            )
            return None
        if unresolved:
            self._note(
                item,
                f"{item.entry['method']} sent {len(unresolved)} byte string(s) no earlier answer gave "
                "(as zeros)",
            )
        return request

    def _start_from(self, item: _Item, data: Json) -> None:
        """A log read from an event ID starts as far from the simulated log's end as the lab's
        started from its own; the first read of a terminal marks its log as the run found it."""
        assert self.sim is not None
        device = int(data.get("deviceID", 0))
        log = self.sim.gateway.devices[device].event_log
        lab_end = self.lab_ends.get(id(item.entry), 0)
        if (LAB, device) not in self.corr.baseline:
            self.corr.baseline[(LAB, device)] = lab_end
            self.corr.baseline[(SIM, device)] = log.newest_id
        start = int(data.get("startEventID", 0))
        if start:
            data["startEventID"] = max(1, log.newest_id - (lab_end - start))

    def _call(self, item: _Item) -> None:
        entry = item.entry
        method = methods().get(entry["method"])
        if method is None:
            self._note(item, f"{entry['method']} is no G-SDK method this suite knows: not replayed")
            return
        if "during" in entry and not method.name.endswith(".Scan"):
            self.result.prompts_reads += 1  # the person's prompt looking for the outcome
            return
        if method.name.endswith(".Scan") and entry.get("status") == "DEADLINE_EXCEEDED":
            self._note(
                item, f"{method.name}: the lab terminal gave up before the person presented: not replayed"
            )
            return
        request = self._request(item, method)
        if request is None:
            return
        future = self._callable(method).future(request, timeout=CALL_DEADLINE)
        flight = _Flight(_ended(entry), lambda: self._answered(item, method, future))
        future.add_done_callback(lambda _: flight.done.set())
        self.flights.append(flight)
        if method.name.endswith(".Scan"):
            self.scans[int(request.deviceID)] = flight  # type: ignore[attr-defined]

    def _answered(self, item: _Item, method: Method, future: Any) -> None:
        entry = item.entry
        if entry.get("status") == "CANCELLED":
            future.cancel()  # the suite gave up on it (a scan nobody was going to answer)
            return
        try:
            answer, status, details = future.result(), "OK", ""
        except grpc.FutureCancelledError:
            answer, status, details = None, "CANCELLED", ""
        except grpc.RpcError as e:
            answer, status, details = None, e.code().name, str(e.details() or "")
        self.result.compared[method.name] += 1
        if status != entry.get("status"):
            lab = f"{entry.get('status')} {_said(entry.get('details', ''))}".strip()
            self._differs(item, method.name, "status", lab, f"{status} {_said(details)}".strip())
            return
        if answer is None:
            return
        self._compare(
            item,
            method.name,
            descriptor_of(method.answer),
            entry.get("answer") or {},
            to_json(answer, self.corr.raw),
        )

    def _compare(self, item: _Item, method: str, descriptor: Descriptor, lab: Json, sim: Json) -> None:
        scope = self.scopes[id(item.transcript)]
        self._pair(lab, sim, descriptor, scope)
        ours = normal(lab, descriptor, LAB, self.corr, scope)
        theirs = normal(sim, descriptor, SIM, self.corr, scope)
        pair_bytes(ours, theirs, descriptor, self.corr, method)
        found = differ(ours, theirs, descriptor, self.corr, method)
        if found is not None:
            self._differs(item, method, found.where, found.lab, found.sim)

    def _pair(self, lab: Json, sim: Json, descriptor: Descriptor, scope: Scope) -> None:
        """The times of records both sides logged since the run began, paired in order."""
        fresh = [
            [e for e in events_of(data, descriptor) if self._fresh(e, side, scope)]
            for data, side in ((lab, LAB), (sim, SIM))
        ]
        for ours, theirs in zip(fresh[0], fresh[1], strict=False):
            self.corr.pair_times(int(ours.get("timestamp", 0)), int(theirs.get("timestamp", 0)))

    def _fresh(self, event: Json, side: str, scope: Scope) -> bool:
        device = int(event.get("deviceID", 0))
        return scope.device(device) and int(event.get("ID", 0)) > self.corr.baseline.get((side, device), 0)

    # -- streams -----------------------------------------------------------------------------------

    def _open(self, item: _Item) -> None:
        method = methods().get(item.entry["method"])
        if method is None or not method.streams:
            self._note(item, f"{item.entry['method']} is no G-SDK stream this suite knows: not replayed")
            return
        request = self._request(item, method)
        if request is None:
            return
        recorded = self.messages.get(item.key, [])
        scope = self.scopes[id(item.transcript)]
        expected = len([m for m in recorded if scope.device(int(m["message"].get("deviceID", 0)))])
        call = self._callable(method)(request)
        self.streams[item.key] = (item, _Stream(call, expected))

    def _close(self, item: _Item, stream: _Stream) -> None:
        method = methods()[item.entry["method"]]
        got = [to_json(m, self.corr.raw) for m in stream.close()]
        recorded = [m["message"] for m in self.messages.get(item.key, [])]
        descriptor = descriptor_of(method.answer)
        name = method.name + STREAM
        self.result.compared[name] += 1
        scope = self.scopes[id(item.transcript)]
        ours = [m for m in recorded if scope.device(int(m.get("deviceID", 0)))]
        theirs = [m for m in got if scope.device(int(m.get("deviceID", 0)))]
        for a, b in zip(ours, theirs, strict=False):
            self._pair(a, b, descriptor, scope)
        # The lab's stream may have been closed just before more came: the simulator's is
        # compared on as many messages as the lab's delivered (fewer, or others, differ).
        theirs = theirs[: len(ours)]
        ours = [normal(m, descriptor, LAB, self.corr, scope) for m in ours]
        theirs = [normal(m, descriptor, SIM, self.corr, scope) for m in theirs]
        for a, b in zip(ours, theirs, strict=False):
            pair_bytes(a, b, descriptor, self.corr, name)
        found = differ_lists(ours, theirs, descriptor, self.corr, name, "messages")
        if found is not None:
            self._differs(item, name, found.where, found.lab, found.sim)

    # -- the operator --------------------------------------------------------------------------------

    def _act(self, item: _Item) -> None:
        entry = item.entry
        action = str(entry["action"])
        if "error" in entry:
            self._note(item, f"operator {action} ended in the lab with {_said(entry['error'])}: not replayed")
            return
        assert self.channel is not None
        script = self.operators.setdefault(item.transcript.worker, ScriptedOperator(self.channel))
        try:
            perform = self._performer(script, entry)
        except (KeyError, ValueError, TypeError, IndexError) as e:
            self._note(item, f"operator {action}: its recorded request cannot be read ({e!r}): not replayed")
            return
        if perform is None:
            self._note(item, f"operator {action} is not an action this suite knows: not replayed")
            return
        errors: list[BaseException] = []
        thread = threading.Thread(target=_catching(perform, errors), name=f"replayed {action}", daemon=True)

        def finish() -> None:
            thread.join(OPERATOR_DEADLINE)
            self.result.compared[f"operator: {action}"] += 1
            if thread.is_alive():
                self._differs(
                    item, f"operator: {action}", "", "done", f"not done within {OPERATOR_DEADLINE:g} s"
                )
            elif errors:
                self._differs(item, f"operator: {action}", "", "done", f"refused: {_said(str(errors[0]))}")

        thread.start()
        self.flights.append(_Flight(_ended(entry), finish))

    def _performer(self, script: ScriptedOperator, entry: Json) -> Callable[[], object] | None:
        """What the script does for a recorded request of the operator."""
        action = entry["action"]
        if action == "attempt":
            attempt = attempt_from_json(entry["attempt"])
            return lambda: script.attempt(attempt, _Quiet())
        if action == "capture":
            presented = action_from_json(entry["capture"])
            return lambda: script.capture(presented, self._scanned(presented.device_id))
        if action == "change_link":
            link = entry["link"]
            change = LinkChange(int(link["device_id"]), str(link.get("device_name", "")), bool(link["up"]))
            return lambda: script.change_link(change, lambda timeout: None)
        if action == "let_time_pass":
            seconds = float(entry["seconds"])
            return lambda: script.let_time_pass(seconds)
        return None

    def _scanned(self, device: int) -> Callable[[float], Reported | None]:
        """How the script learns that the scan it presents to has ended."""

        def report(timeout: float) -> Reported | None:
            scan = self.scans.get(device)
            if scan is not None and scan.done.wait(timeout):
                return Reported("the scan ended")
            if scan is None:
                threading.Event().wait(timeout)
            return None

        return report


def _ended(entry: Json) -> float:
    """When the lab had it done (a call whose answer never came: when it was sent)."""
    return float(entry["ended"] if "ended" in entry else entry["sent"])


def _catching(perform: Callable[[], object], errors: list[BaseException]) -> Callable[[], None]:
    def run() -> None:
        try:
            perform()
        except Exception as e:
            errors.append(e)

    return run


def _said(text: str, chars: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= chars else text[: chars - 1] + "…"


def _move_times(data: Json, descriptor: Descriptor, move: Callable[[int, bool], int]) -> None:
    """Every time field of a request moved to the simulator's clock (`endTime` as a range's end)."""
    for fd in descriptor.fields:
        if fd.name not in data:
            continue
        value = data[fd.name]
        if fd.name in TIME_FIELDS and fd.type == FieldDescriptor.TYPE_UINT32 and not fd.is_repeated:
            data[fd.name] = move(int(value), fd.name == "endTime")
        elif fd.type == FieldDescriptor.TYPE_MESSAGE and fd.message_type is not None:
            for sub in value if isinstance(value, list) else [value]:
                _move_times(sub, fd.message_type, move)
