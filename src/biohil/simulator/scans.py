"""The Scans waiting on a terminal for a person's input (Card.Scan, Finger.Scan, Face.Scan), one
per kind of credential, with their timeouts, cancels and the shutdown that releases them.

A part of one terminal (device.SimDevice): it runs under the terminal's lock, and the terminal's
act hands a person's input to the waiting Scan of its kind (take).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import grpc

from biohil.credentials import Input
from biohil.simulator.clock import Clock, Timer
from biohil.simulator.errors import SimError, precondition


@dataclass
class Capture:
    """A Scan waiting for the person; completed by an action, a timeout or a cancel."""

    input: Input
    token: bytes = b""
    quality: int = 0
    error: SimError | None = None
    done: threading.Event = field(default_factory=threading.Event)
    timer: Timer | None = None


class Scans:
    def __init__(self, label: str, sensors: frozenset[Input], lock: threading.RLock, clock: Clock) -> None:
        self.label = label
        self.sensors = sensors  # what the terminal's readers take
        self._lock = lock
        self._clock = clock
        self._waiting: dict[Input, Capture] = {}
        self._started = threading.Condition(lock)

    @property
    def waiting(self) -> int:
        with self._lock:
            return len(self._waiting)

    def begin(self, sensor: Input, timeout: float, what: str) -> Capture:
        """A Scan starts waiting for the person; it ends with DEADLINE_EXCEEDED after `timeout`."""
        if sensor not in self.sensors:
            raise precondition(f"{what}: {self.label} has no {sensor.value} reader")
        with self._lock:
            if sensor in self._waiting:
                raise SimError(
                    grpc.StatusCode.ABORTED, f"{what}: another scan is already waiting on {self.label}"
                )
            capture = Capture(sensor)
            self._waiting[sensor] = capture
            self._started.notify_all()
            message = (
                f"{what}: no {sensor.value} was presented on {self.label} within {timeout:g} s (scan timeout)"
            )
            capture.timer = self._clock.call_later(
                timeout, lambda: self._abort(capture, SimError(grpc.StatusCode.DEADLINE_EXCEEDED, message))
            )
        return capture

    def take(self, sensor: Input, token: bytes, quality: int) -> bool:
        """A person's input completes the waiting Scan of its kind, if one waits (the caller holds
        the terminal's lock)."""
        capture = self._waiting.pop(sensor, None)
        if capture is None:
            return False
        capture.token, capture.quality = token, quality
        _finish(capture)
        return True

    def wait_for(self, sensor: Input, seconds: float, abandoned: threading.Event | None = None) -> None:
        """Return once a Scan of this kind waits on the terminal; FAILED_PRECONDITION after `seconds`,
        CANCELLED once `abandoned` is set (the client gave up: a later scan is not for it)."""
        gone = abandoned or threading.Event()
        with self._lock:
            if not self._started.wait_for(lambda: sensor in self._waiting or gone.is_set(), seconds):
                raise precondition(f"no {sensor.value} scan was waiting on {self.label} within {seconds:g} s")
            if gone.is_set():
                raise SimError(grpc.StatusCode.CANCELLED, f"the {sensor.value} was taken back before a scan")

    def abandon(self, waiting: threading.Event) -> None:
        """A client waiting in wait_for has gone away."""
        with self._lock:
            waiting.set()
            self._started.notify_all()

    def cancel(self, capture: Capture) -> None:
        self._abort(capture, SimError(grpc.StatusCode.CANCELLED, "the scan was cancelled"))

    def abort_all(self, reason: str = "the simulator is shutting down") -> None:
        """The simulator stops, or the terminal restarts: every waiting Scan fails UNAVAILABLE."""
        for capture in list(self._waiting.values()):
            self._abort(capture, SimError(grpc.StatusCode.UNAVAILABLE, reason))

    def _abort(self, capture: Capture, error: SimError) -> None:
        with self._lock:
            if self._waiting.get(capture.input) is capture:
                del self._waiting[capture.input]
                capture.error = error
                _finish(capture)


def _finish(capture: Capture) -> None:
    if capture.timer is not None:
        capture.timer.cancel()
    capture.done.set()
