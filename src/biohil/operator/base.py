"""The operator interface: one physical action on one terminal.

Physical credentials are named by labels ("test card", "Ada's finger") so that a person in the
lab can be told which card to take, and a script can keep using the same simulated card. A
label of None is a credential nobody has, new each time.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from biohil.client import capabilities
from biohil.client.gateway import Device
from biohil.credentials import Input
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


class OperatorMissed(Verdict):
    """The person's sequence did not fit the terminal's auth timeout, twice: too slow, not the
    product's fault."""

    cause = Cause.OPERATOR


class Pace(Enum):
    """When a factor comes, counted from the first factor of the attempt against the terminal's
    auth timeout. How close "just" is depends on who acts: a script is exact, a person is not."""

    HALFWAY = "halfway through the auth timeout"
    JUST_BEFORE = "just before the auth timeout"
    JUST_AFTER = "just after the auth timeout"

    def seconds(self, within: float, margin: float) -> float:
        """Seconds after the first factor, for an auth timeout of `within` and a precision of `margin`."""
        if self is Pace.HALFWAY:
            return within / 2
        return within - margin if self is Pace.JUST_BEFORE else within + margin


@dataclass(frozen=True)
class Action:
    device_id: int
    device_name: str  # model, for people: "FaceStation F2"
    input: Input
    credential: str | None = None  # a physical credential's label, or the digits to type
    for_scan: bool = False  # the terminal is capturing it for enrolment
    user_id: str = ""  # whose credential it is, when it is a user's
    scan: tuple[int, int] | None = None  # (n, of): the n-th of several scans of one credential
    pace: Pace | None = None  # in an attempt: when it comes, if not at once after the one before
    card_data: bytes = field(default=b"", repr=False)  # what the terminal reads off this card, if known

    def what(self) -> str:
        """'present the card "test card" of user 900001', 'type the PIN 2580'."""
        if self.input.typed:
            return f"type the {self.input.value} {self.credential}"
        if self.credential:
            what = f'the {self.input.value} "{self.credential}"'
        else:
            what = f"a {self.input.value} nobody has enrolled"
        if self.user_id:
            what += f" of user {self.user_id}"
        return f"{self.input.verb} {what}"

    def paced(self) -> str:
        """what(), with when it is due: 'place the ... (just before the auth timeout)'."""
        return self.what() if self.pace is None else f"{self.what()} ({self.pace.value})"

    def describe(self, where: str) -> str:
        """What a person must do: 'present the card "test card" of user 900001 on <where>'."""
        purpose = " to capture it for enrolment" if self.for_scan else ""
        nth = f" (scan {self.scan[0]} of {self.scan[1]})" if self.scan else ""
        return f"{self.what()} on {where}{purpose}{nth}"

    def __str__(self) -> str:
        return self.describe(f"{self.device_name} {self.device_id}")


@dataclass
class TerminalIO:
    """A connected terminal as the bench sees it: the device and the name a person knows it by (the
    lab file's entry for it is biohil.lab.terminal.Terminal)."""

    device: Device
    name: str  # model, e.g. "FaceStation F2"

    def __repr__(self) -> str:
        return f"TerminalIO({self.name} {self.device.id})"

    def action(
        self,
        input: Input,
        credential: str | None,
        for_scan: bool = False,
        user_id: str = "",
        scan: tuple[int, int] | None = None,
    ) -> Action:
        return Action(self.device.id, self.name, input, credential, for_scan, user_id, scan)

    def require(self, inputs: Iterable[Input]) -> None:
        """NotApplicable, naming what is missing ("has no keypad"), unless the terminal takes
        every one of these inputs."""
        needs = {i.needs for i in inputs}
        capabilities.require(self.device.capability(), f"{self.name} {self.device.id}", needs=needs)


@dataclass(frozen=True)
class Attempt:
    """One authentication attempt: the credentials in order, which must all come within the
    terminal's auth timeout. `complete` False: the sequence stops short on purpose, and the
    terminal is expected to give up waiting for the next factor."""

    actions: tuple[Action, ...]
    within: float  # seconds: the terminal's auth timeout
    complete: bool = True

    @property
    def device_id(self) -> int:
        return self.actions[0].device_id

    @property
    def paced(self) -> bool:
        return any(a.pace is not None for a in self.actions)

    @property
    def after_give_up(self) -> Action | None:
        """The factor due just after the auth timeout, if any: the terminal is meant to give up
        before it comes."""
        return next((a for a in self.actions if a.pace is Pace.JUST_AFTER), None)

    def describe(self, where: str) -> str:
        """'present the card "test card" of user 900001, then within 5 s show the face "test face"
        on <where>' (for messages); paced factors say when they are due."""
        first, *rest = (a.paced() for a in self.actions)
        text = first
        if rest:
            text += ", then " if self.paced else f", then within {self.within:g} s "
            text += ", then ".join(rest)
        text += f" on {where}"
        if not self.complete:
            text += f", and nothing more: the terminal should give up waiting after {self.within:g} s"
        return text


@dataclass(frozen=True)
class LinkChange:
    """A terminal's network cable unplugged (up False) or plugged back in."""

    device_id: int
    device_name: str
    up: bool

    def describe(self, where: str) -> str:
        if self.up:
            return (
                f"plug the network cable of {where} back in (the prompt closes once the gateway has it again)"
            )
        return (
            f"unplug the network cable of {where} (the prompt closes once the gateway reports it "
            "disconnected; keep it unplugged until you are asked to plug it back in)"
        )


@dataclass(frozen=True)
class Reported:
    """What the terminal did, in words for the person. `final` False: something happened but the
    terminal still waits (a scan it started again); `too_slow`: the attempt timed out while the
    person was still presenting; `took_every_factor`: it authenticated the user (a refusal may
    come while the person still presents the rest)."""

    words: str
    final: bool = True
    too_slow: bool = False
    took_every_factor: bool = False  # an attempt the terminal authenticated: nothing more is coming
    refused: Input | None = None  # the credential the terminal refused, when its log says which
    not_asked: str = ""  # evidence that the terminal took another credential than the one asked
    question: str = ""  # the event cannot tell whose credential it was: ask the person this (y/n)


# Waits up to the given seconds for the terminal's report (None: nothing yet).
Report = Callable[[float], Reported | None]


class Outcomes(Protocol):
    """What the terminal does about an attempt, as the operator sees it."""

    def begin(self) -> int:
        """From now on, what the terminal does is this try's (called when the person is asked);
        returns where the try begins (the event watcher's mark)."""

    def report(self, timeout: float) -> Reported | None:
        """The try's outcome, waiting up to `timeout` seconds (None: nothing yet)."""

    def late(self, timeout: float) -> Reported | None:
        """The next outcome after the last one reported, waiting up to `timeout` seconds: an action
        that came after the terminal had ended the try. It is set aside, never counted for an
        attempt."""

    def note(self, text: str) -> None:
        """A fact about the person's part, for the scenario's failure message and report."""


class Operator(ABC):
    unattended = ""  # why nobody is at the bench, if so: scenarios that need a person do not apply

    @abstractmethod
    def attempt(self, attempt: Attempt, outcomes: Outcomes) -> int:
        """Have the person (or the script) make the attempt; returns where the try that counts
        began, as `outcomes.begin()` gave it. begin() is called at the moment the person is asked,
        so that only what the terminal does from then on counts; a person's prompt closes by
        itself on the terminal's report."""

    @abstractmethod
    def capture(self, action: Action, report: Report) -> None:
        """Have the credential presented to a scan waiting on the terminal; returns once the
        terminal reported the end of the scan (report gives it)."""

    @abstractmethod
    def change_link(self, change: LinkChange, report: Report) -> None:
        """Have the terminal's network link cut or put back; returns once the gateway reported it
        (report gives it), or the person said it is done."""

    @abstractmethod
    def let_time_pass(self, seconds: float) -> None:
        """Let the terminal's clock run on (a script moves a simulated clock; a person waits)."""

    def brief(self, device_id: int, lines: list[str]) -> None:  # noqa: B027  (a script needs nothing)
        """What the person needs at hand for a terminal, told once before its first prompt."""
