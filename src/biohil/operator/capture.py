"""Enrolment captures: the terminal scans while the operator presents the credential."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from biohil.client.gateway import Device, Pending
from biohil.gsdk import card_pb2, face_pb2, finger_pb2
from biohil.operator.base import Action, Input, Operator

T = TypeVar("T")
FINGER_QUALITY_THRESHOLD = 50  # the official example's threshold


@dataclass
class Terminal:
    """The device and the name a person knows it by."""

    device: Device
    name: str  # model, e.g. "FaceStation F2"

    def __repr__(self) -> str:
        return f"Terminal({self.name} {self.device.id})"

    def action(
        self, input: Input, credential: str | None, for_scan: bool = False, user_id: str = ""
    ) -> Action:
        return Action(self.device.id, self.name, input, credential, for_scan, user_id)


def _scan(terminal: Terminal, scan: Pending[T], operator: Operator, input: Input, label: str | None) -> T:
    """The scan's result. A scan that fails (the gateway refused it, the link dropped) ends the
    operator's action at once, and its own error is the one raised."""
    try:
        operator.perform(terminal.action(input, label, for_scan=True), done=scan.wait)
    except BaseException:
        if scan.wait(0):
            scan.result()  # the scan's own failure is the cause, not the action's
        scan.cancel()  # nobody will present anything: stop the terminal waiting
        raise
    return scan.result()


def capture_card(terminal: Terminal, operator: Operator, label: str | None) -> card_pb2.CSNCardData:
    reply = _scan(terminal, terminal.device.scan_card(), operator, Input.CARD, label)
    return reply.cardData.CSNCardData


def capture_finger(terminal: Terminal, operator: Operator, label: str | None) -> finger_pb2.FingerData:
    """Two scans of the same finger make one enrolled finger."""
    templates = [
        _scan(
            terminal, terminal.device.scan_finger(FINGER_QUALITY_THRESHOLD), operator, Input.FINGER, label
        ).templateData
        for _ in range(2)
    ]
    return finger_pb2.FingerData(templates=templates)


def capture_face(terminal: Terminal, operator: Operator, label: str | None) -> face_pb2.FaceData:
    return _scan(terminal, terminal.device.scan_face(), operator, Input.FACE, label).faceData
