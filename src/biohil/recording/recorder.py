"""Recording a run (`pytest --record=DIR`): every G-SDK call, streamed message and action asked
of the operator, written to the transcript of the scenario running on its terminal, or to the
process's session transcript outside any scenario (biohil.recording.transcript says the format).

The `Recorder` is a client interceptor on the suite's gateway channel (unary calls and server
streams) and wraps the run's operator (`RecordedOperator`). Only G-SDK methods are recorded: the
simulator's control calls are how the script acts, not what a terminal said.
"""

from __future__ import annotations

import itertools
import re
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import grpc
from google.protobuf.message import Message

from biohil.credentials import Input
from biohil.lab.terminal import Terminal
from biohil.operator.base import Action, Attempt, LinkChange, Operator, Outcomes, Pace, Report
from biohil.readings import DEFAULT, Readings
from biohil.recording.transcript import (
    SESSION,
    Json,
    Manifest,
    RecordedTerminal,
    TranscriptWriter,
    mask,
    suite_version,
    to_json,
    utc_now,
)
from biohil.report.calls import method_name

T = TypeVar("T")
GSDK_PREFIX = "/gsdk."  # '/gsdk.user.User/Enroll': the G-SDK's services, not the simulator's control
SLUG_CHARS = 60


def slug(text: str) -> str:
    """A scenario's name as part of a file name: 'a-user-s-own-mode-stricter-than...'."""
    return re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")[:SLUG_CHARS].rstrip("-") or "scenario"


class Recorder(
    grpc.UnaryUnaryClientInterceptor,  # type: ignore[misc]
    grpc.UnaryStreamClientInterceptor,  # type: ignore[misc]
):
    """One process's recording (an xdist worker's, or the run's): its transcripts in
    `folder`, its manifest written by finish()."""

    def __init__(
        self,
        folder: Path,
        worker: str,
        target: str,
        terminals: Iterable[Terminal],
        readings: Readings = DEFAULT,
        own_gateway: bool = False,
    ) -> None:
        self.folder = folder
        self.worker = worker
        self.terminals = list(terminals)  # the target's, as configured: the manifest names those connected
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)
        self._session = TranscriptWriter(
            folder / SESSION / f"{worker}.jsonl", {"scenario": "", "terminal": "", "worker": worker}
        )
        self._current = self._session
        self._scenario: TranscriptWriter | None = None  # the scenario running, if any
        self._scenarios = 0
        self._acting: int | None = None  # the operator entry in progress
        self._written: list[TranscriptWriter] = []
        self._addresses: dict[str, int] = {}  # 'ip:port' -> the device ID Connect answered
        self._said: dict[int, dict[str, str]] = {}  # device ID -> model, firmware, type as answered
        gateway = "own" if own_gateway else "shared"
        self.manifest = Manifest(worker, suite_version(), utc_now(), target, readings.changed(), gateway)

    def __repr__(self) -> str:
        return f"Recorder({self.folder}, {self.worker})"

    # -- which transcript ----------------------------------------------------------------------

    def begin_scenario(self, scenario: str, nodeid: str, terminal: Terminal | None) -> None:
        """From now on, what is said belongs to this scenario on its terminal."""
        with self._lock:
            self._scenarios += 1
            where = terminal.test_id if terminal is not None else "other"
            name = f"{self.worker}-{self._scenarios:03d}-{slug(scenario)}.jsonl"
            header = {
                "scenario": scenario,
                "nodeid": nodeid,
                "terminal": terminal.name if terminal is not None else "",
                "worker": self.worker,
                "index": self._scenarios,
                "started": time.time(),
            }
            self._current = self._scenario = TranscriptWriter(self.folder / where / name, header)

    def end_scenario(self, outcome: str) -> None:
        """The scenario is over (its teardown too): its transcript's last line, if it has any."""
        with self._lock:
            ended, self._scenario, self._current = self._scenario, None, self._session
        if ended is not None:
            self._close(ended, outcome)
            self._write_manifest()  # after each scenario: a run killed on the way leaves a usable folder

    def session_part(self) -> None:
        """What follows is the session's (the undo at the end of the run), whatever scenario is
        still open."""
        with self._lock:
            self._current = self._session

    def _close(self, writer: TranscriptWriter, outcome: str) -> None:
        if writer.written:
            writer.write({"kind": "closed", "at": time.time(), "outcome": outcome})
            with self._lock:
                self._written.append(writer)

    def _next(self) -> tuple[int, TranscriptWriter, int | None]:
        with self._lock:
            return next(self._numbers), self._current, self._acting

    # -- the calls -----------------------------------------------------------------------------

    def intercept_unary_unary(
        self, continuation: Callable[..., Any], details: grpc.ClientCallDetails, request: Message
    ) -> Any:
        if not str(details.method).startswith(GSDK_PREFIX):
            return continuation(details, request)
        n, writer, during = self._next()
        entry: Json = {
            "kind": "call",
            "n": n,
            "method": method_name(details.method),
            "request": to_json(request),
            "sent": time.time(),
        }
        if during is not None:
            entry["during"] = during
        outcome = continuation(details, request)

        def done(future: Any) -> None:
            entry["ended"] = time.time()
            entry.update(_ending(future))
            if entry["status"] == "OK":
                entry["answer"] = to_json(future.result())
                self._learn(entry)
            writer.write(entry)

        outcome.add_done_callback(done)
        return outcome

    def intercept_unary_stream(
        self, continuation: Callable[..., Any], details: grpc.ClientCallDetails, request: Message
    ) -> Any:
        if not str(details.method).startswith(GSDK_PREFIX):
            return continuation(details, request)
        n, writer, _ = self._next()
        method = method_name(details.method)
        writer.write(
            {"kind": "stream", "n": n, "method": method, "request": to_json(request), "sent": time.time()}
        )
        call = continuation(details, request)

        def arrived(message: Message) -> None:
            writer.write({"kind": "message", "stream": n, "at": time.time(), "message": to_json(message)})

        streamed = _Streamed(call, arrived)

        def ended(finished: Any) -> None:
            # A stream the client cancels ends when it asks (its next call may come before
            # gRPC tells the stream it is over).
            at = streamed.cancelled_at or time.time()
            writer.write({"kind": "end", "stream": n, "at": at, **_ending(finished)})

        call.add_done_callback(ended)
        return streamed

    def _learn(self, entry: Json) -> None:
        """What the answers say of each terminal, for the manifest: where it was connected, its
        model and firmware (GetInfo), its type (the device list)."""
        method, request, answer = entry["method"], entry["request"], entry.get("answer") or {}
        with self._lock:
            if method == "Connect.Connect":
                info = request.get("connectInfo", {})
                self._addresses[f"{info.get('IPAddr', '')}:{info.get('port', 0)}"] = answer.get("deviceID", 0)
            elif method == "Connect.GetDeviceList":
                for d in answer.get("deviceInfos", []):
                    self._said.setdefault(d.get("deviceID", 0), {})["device_type"] = d.get("type", "")
            elif method == "Device.GetInfo":
                info = answer.get("info", {})
                said = self._said.setdefault(request.get("deviceID", 0), {})
                said["model"], said["firmware"] = info.get("modelName", ""), info.get("firmwareVersion", "")
            elif method == "Device.GetCapabilityInfo":
                kind = answer.get("capInfo", {}).get("type")
                if kind:
                    self._said.setdefault(request.get("deviceID", 0), {})["device_type"] = kind

    # -- the operator --------------------------------------------------------------------------

    def operator(self, inner: Operator) -> Operator:
        return RecordedOperator(inner, self)

    def acting(self, action: str, arguments: Json, perform: Callable[[], T]) -> T:
        """The operator asked to act, recorded in order with the calls: the calls made until it
        is done (the person's prompt looking for the outcome) are marked as made during it."""
        with self._lock:
            n, writer, outer = next(self._numbers), self._current, self._acting
            self._acting = n
        entry: Json = {"kind": "operator", "n": n, "action": action, **arguments, "sent": time.time()}
        try:
            return perform()
        except BaseException as e:
            entry["error"] = f"{type(e).__name__}: {e}"
            raise
        finally:
            with self._lock:
                self._acting = outer
            entry["ended"] = time.time()
            writer.write(entry)

    # -- the end -------------------------------------------------------------------------------

    def finish(self) -> Path:
        """The session transcript closed and the manifest written."""
        self._close(self._session, "")
        return self._write_manifest()

    def _write_manifest(self) -> Path:
        """The manifest as of now: the terminals this process connected, and its transcripts in
        the order run."""
        with self._lock:
            self.manifest.terminals = [t for t in map(self._recorded, self.terminals) if t.device_id]
            self.manifest.transcripts = [
                w.path.relative_to(self.folder).as_posix() for w in self._written if w is not self._session
            ]
            if self._session.written:
                self.manifest.transcripts.append(self._session.path.relative_to(self.folder).as_posix())
        return self.manifest.write(self.folder)

    def _recorded(self, terminal: Terminal) -> RecordedTerminal:
        address = f"{terminal.ip}:{terminal.port}"
        device_id = self._addresses.get(address, 0)
        said = self._said.get(device_id, {})
        return RecordedTerminal(
            name=terminal.name,
            folder=terminal.test_id,
            address=address,
            device_id=device_id,
            model=said.get("model", terminal.model or ""),
            device_type=said.get("device_type", ""),
            firmware=said.get("firmware", ""),
            test_ids=(terminal.id_range.first, terminal.id_range.last),
        )


def _ending(finished: Any) -> Json:
    """A finished call's status name and details."""
    if finished.cancelled():
        return {"status": "CANCELLED", "details": ""}
    if isinstance(finished, grpc.Call) and finished.code() is not None:
        code = finished.code()
        if code != grpc.StatusCode.OK:
            return {"status": code.name, "details": str(finished.details() or "")}
        return {"status": "OK", "details": ""}
    error = finished.exception()
    if error is None:
        return {"status": "OK", "details": ""}
    if isinstance(error, grpc.Call):
        return {"status": error.code().name, "details": str(error.details() or "")}
    return {"status": "ERROR", "details": f"{type(error).__name__}: {error}"}


class _Streamed:
    """A server stream as the client sees it, each message recorded as it is read."""

    def __init__(self, call: Any, arrived: Callable[[Message], None]) -> None:
        self._call = call
        self._arrived = arrived
        self.cancelled_at = 0.0  # when the client cancelled it, if it did

    def cancel(self) -> bool:
        self.cancelled_at = self.cancelled_at or time.time()
        return bool(self._call.cancel())

    def __iter__(self) -> _Streamed:
        return self

    def __next__(self) -> Any:
        message = next(self._call)
        self._arrived(message)
        return message

    def __getattr__(self, name: str) -> Any:  # initial_metadata(), code(), add_done_callback(), ...
        return getattr(self._call, name)


# -- the operator's requests as JSON -------------------------------------------------------------


def action_json(action: Action) -> Json:
    return {
        "device_id": action.device_id,
        "device_name": action.device_name,
        "input": action.input.name,
        "credential": action.credential,
        "for_scan": action.for_scan,
        "user_id": action.user_id,
        "scan": list(action.scan) if action.scan else None,
        "pace": action.pace.name if action.pace else None,
        "card_data": mask(action.card_data) if action.card_data else None,
    }


def action_from_json(data: Json) -> Action:
    """The action as recorded (a card's data is not kept: the script does not need it)."""
    scan = data.get("scan")
    pace = data.get("pace")
    return Action(
        device_id=int(data["device_id"]),
        device_name=str(data.get("device_name", "")),
        input=Input[data["input"]],
        credential=data.get("credential"),
        for_scan=bool(data.get("for_scan")),
        user_id=str(data.get("user_id", "")),
        scan=(int(scan[0]), int(scan[1])) if scan else None,
        pace=Pace[pace] if pace else None,
    )


def attempt_json(attempt: Attempt) -> Json:
    return {
        "actions": [action_json(a) for a in attempt.actions],
        "within": attempt.within,
        "complete": attempt.complete,
    }


def attempt_from_json(data: Json) -> Attempt:
    return Attempt(
        tuple(action_from_json(a) for a in data["actions"]), float(data["within"]), data["complete"]
    )


class RecordedOperator(Operator):
    """The run's operator, each request recorded (with its outcome) in order with the calls."""

    def __init__(self, inner: Operator, recorder: Recorder) -> None:
        self._inner = inner
        self._recorder = recorder
        self.unattended = inner.unattended

    def __repr__(self) -> str:
        return repr(self._inner)

    def attempt(self, attempt: Attempt, outcomes: Outcomes) -> int:
        return self._recorder.acting(
            "attempt", {"attempt": attempt_json(attempt)}, lambda: self._inner.attempt(attempt, outcomes)
        )

    def capture(self, action: Action, report: Report) -> None:
        self._recorder.acting(
            "capture", {"capture": action_json(action)}, lambda: self._inner.capture(action, report)
        )

    def change_link(self, change: LinkChange, report: Report) -> None:
        link = {"device_id": change.device_id, "device_name": change.device_name, "up": change.up}
        self._recorder.acting("change_link", {"link": link}, lambda: self._inner.change_link(change, report))

    def let_time_pass(self, seconds: float) -> None:
        self._recorder.acting(
            "let_time_pass", {"seconds": seconds}, lambda: self._inner.let_time_pass(seconds)
        )

    def brief(self, device_id: int, lines: list[str]) -> None:
        self._inner.brief(device_id, lines)  # words for the person, nothing the terminal sees
