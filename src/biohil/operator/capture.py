"""Enrolment captures: the terminal scans while the operator presents the credential.

A scan the terminal gives up on (its own scan timeout) while the person still has time is started
again, so the person has the operator's whole timeout; every way a scan ends is told to them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from biohil.client.errors import GsdkError, Timeout
from biohil.client.gateway import SCAN_DEADLINE, Pending
from biohil.credentials import Input, kind
from biohil.gsdk import card_pb2, face_pb2, finger_pb2
from biohil.operator.base import Operator, Reported, TerminalIO
from biohil.verdict import NotApplicable

T = TypeVar("T")
FINGER_QUALITY_THRESHOLD = 50  # the official example's threshold
FINGER_SCANS = 2  # two scans of the same finger make one enrolled finger


class _Scanning(Generic[T]):
    """A scan waiting for the person; report() is the operator's view of how it ends."""

    def __init__(self, start: Callable[[], Pending[T]], what: str) -> None:
        self._start, self.what = start, what
        self._pending, self._since = start(), time.monotonic()
        self.result: T | None = None
        self.error: GsdkError | None = None

    def report(self, timeout: float) -> Reported | None:
        if self.result is not None or self.error is not None:
            return Reported(self._ended())
        if not self._pending.wait(timeout):
            return None
        try:
            self.result = self._pending.result()
        except Timeout as e:
            if time.monotonic() - self._since < SCAN_DEADLINE - 1:  # the terminal gave up, not us
                self._pending, self._since = self._start(), time.monotonic()
                return Reported(
                    f"the terminal stopped waiting for the {self.what}; it scans again", final=False
                )
            self.error = e
        except GsdkError as e:
            self.error = e
        return Reported(self._ended())

    def _ended(self) -> str:
        if self.error is not None:
            return f"the scan failed: {self.error}"
        return f"the terminal captured the {self.what}"

    def finish(self) -> T:
        """The scan's result once the operator is done, or its own error."""
        while self.result is None and self.error is None:
            self.report(SCAN_DEADLINE)
        if self.error is not None:
            raise self.error
        assert self.result is not None
        return self.result

    def cancel(self) -> None:
        self._pending.cancel()


def _scan(
    terminal: TerminalIO,
    start: Callable[[], Pending[T]],
    operator: Operator,
    input: Input,
    label: str | None,
    scan: tuple[int, int] | None = None,
) -> T:
    """The scan's result. A scan that fails (the gateway refused it, the link dropped) ends the
    operator's action at once, and its own error is the one raised. A terminal without that
    sensor makes the scenario not applicable, before anything is asked of anyone."""
    terminal.require([input])
    if operator.unattended:
        raise NotApplicable(operator.unattended)  # and no scan is left waiting on the terminal
    scanning = _Scanning(start, input.value)
    try:
        operator.capture(terminal.action(input, label, for_scan=True, scan=scan), scanning.report)
    except BaseException:
        if scanning.error is not None:
            raise scanning.error from None  # the scan's own failure is the cause, not the action's
        scanning.cancel()  # nobody will present anything: stop the terminal waiting
        raise
    return scanning.finish()


def capture_card(terminal: TerminalIO, operator: Operator, label: str | None) -> card_pb2.CSNCardData:
    reply = _scan(terminal, terminal.device.scan_card, operator, Input.CARD, label)
    return reply.cardData.CSNCardData


def capture_finger(terminal: TerminalIO, operator: Operator, label: str | None) -> finger_pb2.FingerData:
    """Two scans of the same finger make one enrolled finger."""
    templates = [
        _scan(
            terminal,
            lambda: terminal.device.scan_finger(FINGER_QUALITY_THRESHOLD),
            operator,
            Input.FINGER,
            label,
            (n, FINGER_SCANS),
        ).templateData
        for n in range(1, FINGER_SCANS + 1)
    ]
    return finger_pb2.FingerData(templates=templates)


def capture_face(terminal: TerminalIO, operator: Operator, label: str | None) -> face_pb2.FaceData:
    return _scan(terminal, terminal.device.scan_face, operator, Input.FACE, label).faceData


# How each kind is captured on a terminal (biohil.credentials names the kinds).
CAPTURES: dict[Input, Callable[[TerminalIO, Operator, str | None], Any]] = {
    Input.CARD: capture_card,
    Input.FINGER: capture_finger,
    Input.FACE: capture_face,
}


def capture(terminal: TerminalIO, operator: Operator, word: str, label: str | None) -> Any:
    """A credential of the kind QA calls `word`, scanned while the operator presents `label`."""
    return CAPTURES[kind(word).input](terminal, operator, label)
