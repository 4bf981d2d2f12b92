"""The operator interface: one physical action on one terminal.

Physical credentials are named by labels ("test card", "Ada's finger") so that a person in the
lab can be told which card to take, and a script can keep using the same simulated card. A
label of None is a credential nobody has, new each time.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from biohil.verdict import Cause, Verdict


class OperatorTimeout(Verdict):
    """Nobody performed the action in time: an operator outcome, not a product failure."""

    cause = Cause.OPERATOR


class OperatorFailed(Verdict):
    """The person failed the step, with a reason (the reader is broken, ...)."""

    cause = Cause.OPERATOR


class OperatorSkipped(Verdict):
    """The person skipped the scenario, or there is nobody to ask."""

    cause = Cause.OPERATOR
    skips = True


class Input(Enum):
    CARD = "card"
    FINGER = "fingerprint"
    FACE = "face"
    PIN = "PIN"
    USER_ID = "user ID"

    @property
    def typed(self) -> bool:
        """Entered on the keypad (digits) rather than presented."""
        return self in (Input.PIN, Input.USER_ID)


@dataclass(frozen=True)
class Action:
    device_id: int
    device_name: str  # model, for people: "FaceStation F2"
    input: Input
    credential: str | None = None  # a physical credential's label, or the digits to type
    for_scan: bool = False  # the terminal is capturing it for enrolment
    user_id: str = ""  # whose credential it is, when it is a user's

    def describe(self, where: str) -> str:
        """What a person must do: 'present the card "test card" of user 900001 on <where>'."""
        if self.input.typed:
            return f"type the {self.input.value} {self.credential} on {where}"
        if self.credential:
            what = f'the {self.input.value} "{self.credential}"'
        else:
            what = f"a {self.input.value} nobody has enrolled"
        if self.user_id:
            what += f" of user {self.user_id}"
        purpose = " to capture it for enrolment" if self.for_scan else ""
        return f"present {what} on {where}{purpose}"

    def __str__(self) -> str:
        return self.describe(f"{self.device_name} {self.device_id}")


# Lets the operator know the terminal has taken the action (e.g. a scan returned, an event came).
Done = Callable[[float], bool]


class Operator(ABC):
    @abstractmethod
    def perform(self, action: Action, done: Done | None = None) -> None:
        """Have the action done on the terminal; returns once it is done.

        `done(timeout)` returns True once the terminal has reacted; a person's prompt completes by
        itself when it does.
        """

    @abstractmethod
    def let_time_pass(self, seconds: float) -> None:
        """Let the terminal's clock run on (a script moves a simulated clock; a person waits)."""
