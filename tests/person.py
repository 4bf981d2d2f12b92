"""A scripted person at the bench: reads the suite's prompts on its pseudo-terminal, waits as a
person would, and presents cards, fingers and faces through the simulator's control API.

It keeps each labelled credential it presented ("test card" on a terminal) to present it again,
and never answers a prompt: every prompt must close by itself on the terminal's report.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pexpect

from biohil.client import Gateway
from biohil.simcontrol import control_pb2, control_pb2_grpc
from tests.labrun import PROMPT, Lab, spawn

ACTION = re.compile(
    r"^    (?P<n>\d+)\. (?:(?P<now>at NOW)(?P<after>, once the terminal has given up)?[^:]*: )?(?P<what>.*)$"
)
OWN = re.compile(r'(?:present|place|show) the (?P<kind>card|fingerprint|face) "(?P<label>[^"]+)"')
UNKNOWN = re.compile(r"(?:present|place|show) an? (?P<kind>card|fingerprint|face) nobody has enrolled")
TYPED = re.compile(r"type the (?P<kind>PIN|user ID) (?P<digits>\d*)")
REPORTED = re.compile(r"\x1b\[K    [^\r\n]*\r?\n")  # the prompt's closing line (the countdown has none)
LINK = re.compile(r"(?P<verb>unplug|plug) the network cable")
INPUTS = {
    "card": control_pb2.CARD,
    "fingerprint": control_pb2.FINGER,
    "face": control_pb2.FACE,
    "PIN": control_pb2.PIN,
    "user ID": control_pb2.USER_ID,
}


@dataclass(frozen=True)
class Step:
    what: str  # 'present the card "test card" of user 900001'
    cue: str  # "": at once; "now": at NOW on the countdown; "after": at NOW once the terminal gave up
    kind: str  # what the countdown names: card, fingerprint, face, PIN, user ID


@dataclass(frozen=True)
class Prompt:
    task: str  # the whole prompt, as shown
    device_id: int
    actions: list[str]  # each credential, in order
    for_scan: bool
    steps: tuple[Step, ...] = ()
    again: bool = False  # a try asked again


def _kind(what: str) -> str:
    for pattern in (OWN, UNKNOWN, TYPED):
        found = pattern.search(what)
        if found is not None:
            return found.group("kind")
    return ""


def parse(text: str) -> Prompt:
    """A prompt's text (PROMPT's match) as what the person reads off it."""
    found = PROMPT.search(text)
    assert found, f"not a prompt: {text}"
    body = re.sub(r"\r?\n       ", " ", found.group("body"))  # wrapped lines back in one
    steps = []
    for line in body.splitlines():
        action = ACTION.match(line.rstrip("\r"))
        if action is not None:
            what = action.group("what")
            cue = "after" if action.group("after") else "now" if action.group("now") else ""
            steps.append(Step(what, cue, _kind(what)))
    actions = [s.what for s in steps]
    link = LINK.search(actions[0]) if actions else None
    if link is not None:
        actions = [link.group("verb")]
    scan = "to capture it for enrolment" in body
    return Prompt(text, int(found.group("device")), actions, scan, tuple(steps), "    again (" in body)


@dataclass
class Person:
    """Reads each prompt off the screen, reacts in `react` seconds and takes `act` seconds to
    present a credential; stops when the prompt closes before it is done, as a person would.
    `pace(prompt, n)` may say otherwise for the n-th action of a prompt (a late factor);
    `late_after_skip(prompt)`: answer s, then act anyway a moment later; `after_give_up(prompt)`:
    present the first factor, wait for the terminal to give up, then present the rest anyway;
    `wrong(prompt)`: present a card nobody has instead of the one asked."""

    child: pexpect.spawn
    gateway: Gateway
    react: float
    act: float = 0.0
    pace: Callable[[Prompt, int], float | None] | None = None
    late_after_skip: Callable[[Prompt], bool] | None = None
    after_give_up: Callable[[Prompt], bool] | None = None
    wrong: Callable[[Prompt], bool] | None = None
    prompts: list[str] = field(default_factory=list)
    timeline: list[tuple[float, str]] = field(default_factory=list)  # (monotonic, what happened)
    _seen: list[str] = field(default_factory=list)
    _tokens: dict[tuple[int, str, str], bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._control: Any = control_pb2_grpc.ControlStub(self.gateway.channel)

    def run(self, timeout: float = 1800) -> str:
        """Answer prompts until the run ends; returns everything it printed."""
        seen = self._seen
        while True:
            found = self.child.expect([PROMPT, pexpect.EOF], timeout=timeout)
            seen.append(self.child.before + (self.child.after if found == 0 else ""))
            if found == 1:
                return "".join(seen)
            prompt = parse(self.child.after)
            self.prompts.append(prompt.task)
            self.timeline.append((time.monotonic(), "prompt"))
            if self.late_after_skip is not None and self.late_after_skip(prompt):
                self.child.sendline("s")  # the person skips, and presents it a moment later anyway
                self._wait(1.0)
                self._act(prompt, 0)
                continue
            if self.after_give_up is not None and len(prompt.actions) > 1 and self.after_give_up(prompt):
                self._wait(self.react)
                self._act(prompt, 0)
                self._closes_within(60)  # the terminal gives up on the rest
                self._wait(self.react)
                for n in range(1, len(prompt.actions)):
                    self._act(prompt, n)
                continue
            self._follow(prompt)

    def _follow(self, prompt: Prompt) -> None:
        """Each action as the screen says: the first a reaction after the prompt, a cued one a
        reaction after its NOW, the others right after the one before (the person knows the
        sequence), unless the prompt has closed by then."""
        for n, step in enumerate(prompt.steps):
            delay = self.pace(prompt, n) if self.pace is not None else None
            if delay is not None:  # the mistake asked for: this long, whatever the screen says
                self._wait(delay)
            elif step.cue:
                if not self._sees(f"NOW: {step.kind}", closes=step.cue == "now"):
                    return
                self._wait(self.react)
            elif n == 0:
                self._wait(self.react)
            elif self._closes_within(0.05):
                return  # the terminal has ended the prompt: a person does not go on
            self._act(prompt, n)

    def _sees(self, cue: str, closes: bool, seconds: float = 120) -> bool:
        """Whether the screen shows `cue` (True) before the prompt closes, if `closes` (what it
        printed is kept)."""
        patterns: list[Any] = [re.escape(cue), pexpect.TIMEOUT]
        if closes:
            patterns.insert(1, REPORTED)
        found: int = self.child.expect(patterns, timeout=seconds)
        if patterns[found] is pexpect.TIMEOUT:
            return False
        self._seen.append(self.child.before + self.child.after)
        return found == 0

    def _closes_within(self, seconds: float) -> bool:
        """Whether the prompt shows the terminal's report within `seconds` (what it printed is kept)."""
        if self.child.expect([REPORTED, pexpect.TIMEOUT], timeout=seconds) != 0:
            return False  # what it read stays in pexpect's buffer for the next expect
        self._seen.append(self.child.before + self.child.after)
        return True

    def _wait(self, seconds: float) -> None:
        threading.Event().wait(seconds)  # a person's reaction time

    def _act(self, prompt: Prompt, n: int) -> None:
        action = prompt.actions[n]
        if action in ("unplug", "plug"):  # the cable: the gateway's device list closes the prompt
            link = control_pb2.SetLinkRequest(deviceID=prompt.device_id, up=action == "plug")
            self._control.SetLink(link, timeout=10)
            return
        request = control_pb2.ActRequest(deviceID=prompt.device_id)
        typed, own, unknown = TYPED.search(action), OWN.search(action), UNKNOWN.search(action)
        if self.wrong is not None and own is not None and own.group("kind") == "card" and self.wrong(prompt):
            own, unknown = None, UNKNOWN.search("present a card nobody has enrolled")
        if typed is not None:
            request.input, request.digits = INPUTS[typed.group("kind")], typed.group("digits")
        elif own is not None:
            request.input = INPUTS[own.group("kind")]
            key = (prompt.device_id, own.group("kind"), own.group("label"))
            if key in self._tokens:
                request.credential.token = self._tokens[key]
            else:
                request.credential.unknown = True
        elif unknown is not None:
            request.input, request.credential.unknown = INPUTS[unknown.group("kind")], True
        else:
            raise AssertionError(f"the person does not understand {action!r} in: {prompt.task}")
        if prompt.for_scan:
            request.awaitScanMs = 10_000
        self._wait(self.act)  # the hand moves
        reply = self._control.Act(request, timeout=30)
        self.timeline.append((time.monotonic(), "acted"))
        if own is not None:
            self._tokens.setdefault((prompt.device_id, own.group("kind"), own.group("label")), reply.token)


def run_lab(lab: Lab, gateway: Gateway, tmp: Path, *select: str, **person: Any) -> tuple[str, Person, float]:
    """A lab run of the scenarios `select` picks, with a scripted person (Person's fields in
    `person`); returns what it printed, the person, and its wall time in seconds."""
    child = spawn(lab, lab.config(), tmp, *select)
    started = time.monotonic()
    someone = Person(child, gateway, **person)
    try:
        out = someone.run()
    finally:  # a run cut short must not hold the terminals for the next one
        child.close(force=True)
    return out, someone, time.monotonic() - started
