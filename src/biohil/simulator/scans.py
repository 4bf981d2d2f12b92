"""A terminal's physical side: a person's input (act) and the Scans that wait for one, with their
timeouts, cancels and the shutdown that releases them."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import grpc

from biohil.credentials import KINDS
from biohil.simulator import credentials
from biohil.simulator.auth import Engine, Factor
from biohil.simulator.clock import Clock, Timer
from biohil.simulator.devicecore import DeviceCore, EventSink
from biohil.simulator.errors import SimError, precondition
from biohil.simulator.eventlog import Record
from biohil.simulator.models import DeviceSpec

_SENSOR_FACTORS = {k.word: k.input for k in KINDS}


@dataclass
class Capture:
    """A Scan waiting for the person; completed by an action, a timeout or a cancel."""

    factor: Factor
    token: bytes = b""
    quality: int = 0
    error: SimError | None = None
    done: threading.Event = field(default_factory=threading.Event)
    timer: Timer | None = None


class Scanner(DeviceCore):
    engine: Engine  # made by SimDevice, which also holds the auth config it reads

    def __init__(self, spec: DeviceSpec, clock: Clock, on_event: EventSink) -> None:
        super().__init__(spec, clock, on_event)
        self._captures: dict[Factor, Capture] = {}
        self._scan_started = threading.Condition(self._lock)
        self.sensors = frozenset(_SENSOR_FACTORS[s] for s in self.model.sensors)

    # -- the physical world ------------------------------------------------------------------

    def act(
        self,
        factor: Factor,
        token: bytes,
        quality: int = credentials.GOOD_QUALITY,
        await_scan: float = 0.0,
        abandoned: threading.Event | None = None,
    ) -> tuple[bool, list[Record]]:
        """A person's input. A waiting Scan of that kind takes it; otherwise the engine does.

        With await_scan > 0 the input is only for a Scan: wait that long (real seconds) for one.
        Returns whether a Scan captured it, and the records it caused at once.
        """
        if factor in _SENSOR_FACTORS.values() and factor not in self.sensors:
            raise precondition(f"{self.label} has no {factor.value} reader")
        if factor in (Factor.PIN, Factor.USER_ID) and not self.model.keypad:
            raise precondition(f"{self.label} has no keypad to type a {factor.value} on")
        with self._lock:
            if await_scan > 0:
                self.await_capture(factor, await_scan, abandoned)
            capture = self._captures.pop(factor, None)
            if capture is not None:
                capture.token, capture.quality = token, quality
                self._finish(capture)
                return True, []
            before = self._log.newest_id
            self.engine.present(factor, token)
            return False, self._log.read(before + 1, 0)

    def await_capture(self, factor: Factor, seconds: float, abandoned: threading.Event | None = None) -> None:
        """Return once a Scan of this kind waits on the terminal; FAILED_PRECONDITION after `seconds`,
        CANCELLED once `abandoned` is set (the client gave up: a later scan is not for it)."""
        gone = abandoned or threading.Event()
        with self._lock:
            if not self._scan_started.wait_for(lambda: factor in self._captures or gone.is_set(), seconds):
                raise precondition(f"no {factor.value} scan was waiting on {self.label} within {seconds:g} s")
            if gone.is_set():
                raise SimError(grpc.StatusCode.CANCELLED, f"the {factor.value} was taken back before a scan")

    def abandon(self, waiting: threading.Event) -> None:
        """A client waiting in await_capture has gone away."""
        with self._lock:
            waiting.set()
            self._scan_started.notify_all()

    def begin_capture(self, factor: Factor, timeout: float, what: str) -> Capture:
        if factor not in self.sensors:
            raise precondition(f"{what}: {self.label} has no {factor.value} reader")
        with self._lock:
            if factor in self._captures:
                raise SimError(
                    grpc.StatusCode.ABORTED, f"{what}: another scan is already waiting on {self.label}"
                )
            capture = Capture(factor)
            self._captures[factor] = capture
            self._scan_started.notify_all()
            message = (
                f"{what}: no {factor.value} was presented on {self.label} within {timeout:g} s (scan timeout)"
            )
            capture.timer = self._clock.call_later(
                timeout, lambda: self._abort(capture, SimError(grpc.StatusCode.DEADLINE_EXCEEDED, message))
            )
        return capture

    @property
    def waiting_scans(self) -> int:
        with self._lock:
            return len(self._captures)

    def abort_captures(self) -> None:
        """The simulator stops: release every waiting Scan."""
        for capture in list(self._captures.values()):
            self._abort(capture, SimError(grpc.StatusCode.UNAVAILABLE, "the simulator is shutting down"))

    def cancel_capture(self, capture: Capture) -> None:
        self._abort(capture, SimError(grpc.StatusCode.CANCELLED, "the scan was cancelled"))

    def _abort(self, capture: Capture, error: SimError) -> None:
        with self._lock:
            if self._captures.get(capture.factor) is capture:
                del self._captures[capture.factor]
                capture.error = error
                self._finish(capture)

    @staticmethod
    def _finish(capture: Capture) -> None:
        if capture.timer is not None:
            capture.timer.cancel()
        capture.done.set()
