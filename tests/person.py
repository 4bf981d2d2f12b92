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
from tests.labrun import Lab, spawn

PROMPT = re.compile(r">>> OPERATOR: ([^\r\n]*)\r?\n")
WHERE = re.compile(r" on .*? (?P<device>\d{6,10}) \([\d.]+\)")
OWN = re.compile(r'(?:present|place|show) the (?P<kind>card|fingerprint|face) "(?P<label>[^"]+)"')
UNKNOWN = re.compile(r"(?:present|place|show) an? (?P<kind>card|fingerprint|face) nobody has enrolled")
TYPED = re.compile(r"type the (?P<kind>PIN|user ID) (?P<digits>\d*)")
PACED = re.compile(r" (?P<seconds>[\d.]+) s after the first \(")
REPORTED = re.compile(r"\x1b\[K    [^\r\n]*\r?\n")  # the prompt's closing line (the countdown has none)
LINK = re.compile(r"(?P<verb>unplug|plug) the network cable of .*? (?P<device>\d{6,10}) \(")
INPUTS = {
    "card": control_pb2.CARD,
    "fingerprint": control_pb2.FINGER,
    "face": control_pb2.FACE,
    "PIN": control_pb2.PIN,
    "user ID": control_pb2.USER_ID,
}


@dataclass(frozen=True)
class Prompt:
    task: str  # the whole instruction
    device_id: int
    actions: list[str]  # each credential, in order
    for_scan: bool


def parse(task: str) -> Prompt:
    link = LINK.match(task)
    if link is not None:
        return Prompt(task, int(link.group("device")), [link.group("verb")], False)
    where = WHERE.search(task)
    assert where, f"no terminal in the prompt: {task}"
    what = task[: where.start()].removeprefix("again, a bit faster: ")
    actions = re.split(r", then within [\d.]+ s |, then ", what)
    return Prompt(task, int(where.group("device")), actions, "to capture it for enrolment" in task)


@dataclass
class Person:
    """`react`: seconds from a prompt to each action. `pace(prompt, n)` may say otherwise for the
    n-th action of a prompt (a late factor); `late_after_skip(prompt)`: answer s, then act anyway
    a moment later, after the prompt has closed."""

    child: pexpect.spawn
    gateway: Gateway
    react: float
    pace: Callable[[Prompt, int], float | None] | None = None
    late_after_skip: Callable[[Prompt], bool] | None = None
    prompts: list[str] = field(default_factory=list)
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
            prompt = parse(self.child.match.group(1))
            self.prompts.append(prompt.task)
            if self.late_after_skip is not None and self.late_after_skip(prompt):
                self.child.sendline("s")  # the person skips, and presents it a moment later anyway
                self._wait(1.0)
                self._act(prompt, 0)
                continue
            first = 0.0
            for n in range(len(prompt.actions)):
                delay = self.pace(prompt, n) if self.pace is not None else None
                cued = PACED.search(prompt.actions[n])
                if cued is not None:  # the prompt cues it this long after the first factor
                    delay = max(0.0, first + float(cued.group("seconds")) - time.monotonic())
                    if self._closes_within(delay):
                        break  # the terminal reported before the cue: a person does not act then
                    delay = 0.0
                self._wait(self.react if delay is None else delay)
                if n == 0:
                    first = time.monotonic()
                self._act(prompt, n)

    def _closes_within(self, seconds: float) -> bool:
        """Whether the prompt shows the terminal's report within `seconds` (what it printed is kept)."""
        if self.child.expect([REPORTED, pexpect.TIMEOUT], timeout=seconds) != 0:
            return False  # what it read stays in pexpect's buffer for the next expect
        self._seen.append(self.child.before + self.child.after)
        return True

    @staticmethod
    def _wait(seconds: float) -> None:
        threading.Event().wait(seconds)  # a person's reaction time

    def _act(self, prompt: Prompt, n: int) -> None:
        action = prompt.actions[n]
        if action in ("unplug", "plug"):  # the cable: the gateway's device list closes the prompt
            link = control_pb2.SetLinkRequest(deviceID=prompt.device_id, up=action == "plug")
            self._control.SetLink(link, timeout=10)
            return
        request = control_pb2.ActRequest(deviceID=prompt.device_id)
        typed, own, unknown = TYPED.search(action), OWN.search(action), UNKNOWN.search(action)
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
        reply = self._control.Act(request, timeout=30)
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
