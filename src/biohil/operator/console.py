"""The operator for the lab: a person at the bench, prompted on the terminal pytest runs in.

The prompt is written to and read from /dev/tty with their own handles, so it works while
pytest captures output (and inside xdist workers). One prompt per attempt: it names the
scenario, the terminal, the credentials in order and the time the terminal allows for them, and
what the scenario expects; it closes by itself on the terminal's report and says in words what
the terminal did. The person can answer: Enter = done, `s` or `skip` = skip the scenario,
`f: REASON` or `fail REASON` = fail it. The input line is the prompt's own (keys are read one by
one), so the countdown never overwrites what the person types. A prompt nobody answers ends as
an operator timeout, an attempt too slow twice as an operator outcome: never a product failure.
"""

from __future__ import annotations

import contextlib
import os
import select
import termios
import threading
import time
import tty as ttymode
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

from biohil.common.locks import PromptLock
from biohil.operator.base import (
    Action,
    Attempt,
    LinkChange,
    Operator,
    OperatorFailed,
    OperatorMissed,
    OperatorSkipped,
    OperatorTimeout,
    Report,
    Reported,
)
from biohil.verdict import NotApplicable

TICK = 0.25  # how often the countdown and the terminal's report are checked
REACTION = 2.0  # seconds a person may take to react: a late action can still come this long after
ANSWERS = "Enter = done, s = skip this scenario, f: REASON = fail it"
BACKSPACE = ("\x7f", "\x08")


@dataclass(frozen=True)
class Context:
    """Where the run is, for the prompt's first line."""

    scenario: str  # the scenario's name, with its Examples row
    expected: str = ""  # what its next Then step says
    scenarios_left: int = 0  # scenarios of the run still to come after this one


class Unattended(Operator):
    """Nobody at the bench (CI, no terminal, or --operator none): never blocks; a scenario that
    needs a person does not apply to this run, and no scan is started for it."""

    def __init__(self, reason: str) -> None:
        self.unattended = reason  # "needs a person at the bench; this run is unattended (CI is set)"

    def __repr__(self) -> str:
        return "Unattended()"

    def attempt(self, attempt: Attempt, begin: Callable[[], None], report: Report) -> None:
        raise NotApplicable(self.unattended)

    def capture(self, action: Action, report: Report) -> None:
        raise NotApplicable(self.unattended)

    def change_link(self, change: LinkChange, report: Report) -> None:
        raise NotApplicable(self.unattended)

    def let_time_pass(self, seconds: float) -> None:
        """Nothing to do: time passes by itself."""


def open_tty() -> tuple[IO[str], IO[str]] | None:
    """Separate read and write handles on the controlling terminal, or None without one."""
    try:
        reader = open("/dev/tty", encoding="utf-8")  # noqa: SIM115  (kept for the session)
    except OSError:
        return None
    try:
        writer = open("/dev/tty", "w", encoding="utf-8")  # noqa: SIM115
    except OSError:
        reader.close()
        return None
    return reader, writer


def _cue(cues: list[tuple[float, str]], elapsed: float) -> str:
    """The next paced factor on the countdown line: 'in 3 s: place ...', then 'NOW: place ...'
    for two seconds."""
    for due, what in cues:
        if elapsed < due:
            return f", in {due - elapsed:.0f} s: {what}"
        if elapsed < due + REACTION:
            return f", NOW: {what}"
    return ""


class PersonOperator(Operator):
    def __init__(
        self,
        tty: tuple[IO[str], IO[str]],
        timeout: float,
        prompt_lock: PromptLock,
        where: Callable[[int], str],
        context: Callable[[], Context] = lambda: Context(""),
    ) -> None:
        self._in, self._out = tty
        self.timeout = timeout
        self._lock = prompt_lock
        self._where = where  # device ID -> "FaceStation F2 541530001 (192.168.0.110)"
        self._context = context
        self._late_until: dict[int, float] = {}  # device ID -> until when a late action may come
        self._briefed: set[int] = set()
        self._prompts = 0
        self._scenarios: set[str] = set()

    def __repr__(self) -> str:
        return f"PersonOperator(timeout {self.timeout:g} s)"

    def _say(self, text: str) -> None:
        self._out.write(text)
        self._out.flush()

    # -- what the suite asks ------------------------------------------------------------------

    def brief(self, device_id: int, lines: list[str]) -> None:
        if device_id in self._briefed:
            return
        self._briefed.add(device_id)
        with self._lock.held():
            text = "".join(f"    - {line}\n" for line in lines)
            self._say(f"\n>>> Before the first prompt on {self._where(device_id)}, have at hand:\n{text}")

    def attempt(self, attempt: Attempt, begin: Callable[[], None], report: Report) -> None:
        task = attempt.describe(self._where(attempt.device_id), REACTION)
        # Paced factors are cued on the countdown line: the person reacts to the cue about as fast
        # as to the prompt itself, so the time between the first factor and the cued one holds.
        cues = [
            (a.pace.seconds(attempt.within, REACTION), a.what())
            for a in attempt.actions
            if a.pace is not None
        ]
        late = attempt.within + REACTION  # an attempt begun late ends by the terminal's timeout
        with self._lock.held():
            for tries in (1, 2):
                self._settle(attempt.device_id)
                again = "again, a bit faster: " if tries == 2 else ""
                begin()  # from now on, what the terminal does is this prompt's
                reported = self._prompt(
                    attempt.device_id, again + task, report, late, waits_when_done=True, cues=cues
                )
                cut_short = attempt.complete and len(attempt.actions) > 1
                if reported is not None and cut_short and not reported.took_every_factor:
                    # Refused before the end, perhaps: the rest may still come, a reaction time
                    # apart, and would start an attempt of its own that times out in turn.
                    self._late_until[attempt.device_id] = time.monotonic() + late + REACTION
                if reported is None or not (reported.too_slow and attempt.complete):
                    return
                self._say(f"    the whole sequence must be done within {attempt.within:g} s\n")
                self._late_until[attempt.device_id] = time.monotonic() + REACTION  # the rest may still come
            raise OperatorMissed(
                f"the person did not complete the sequence within the terminal's {attempt.within:g} s, "
                f"twice: {task}"
            )

    def capture(self, action: Action, report: Report) -> None:
        with self._lock.held():
            self._settle(action.device_id)
            task = action.describe(self._where(action.device_id))
            self._prompt(action.device_id, task, report, REACTION, waits_when_done=False)

    def change_link(self, change: LinkChange, report: Report) -> None:
        """Asked like a capture: the gateway's report closes the prompt; Enter says it is done
        (the step after checks the gateway within the time it needs to notice)."""
        with self._lock.held():
            task = change.describe(self._where(change.device_id))
            self._prompt(change.device_id, task, report, 0.0, waits_when_done=False, done_closes=True)

    def let_time_pass(self, seconds: float) -> None:
        """A real terminal's clock runs by itself: the prompt has waited for its report."""

    # -- the prompt ---------------------------------------------------------------------------

    def _settle(self, device_id: int) -> None:
        """After a prompt that closed without the terminal's report, a late action of it can still
        come: wait that out, so that it never counts for this prompt."""
        left = self._late_until.pop(device_id, 0.0) - time.monotonic()
        if left > 0:
            where = self._where(device_id)
            self._say(f"\n    waiting {left:.0f} s: {where} may still take the last prompt's action\n")
            threading.Event().wait(left)

    def _header(self) -> str:
        now = self._context()
        self._prompts += 1
        self._scenarios.add(now.scenario)
        per_scenario = self._prompts / len(self._scenarios)
        about = self._prompts + round(now.scenarios_left * per_scenario)
        line = f"\n>>> prompt {self._prompts} of about {max(about, self._prompts)}"
        line += f': "{now.scenario}"\n' if now.scenario else "\n"
        if now.expected:
            line += f"    expected: {now.expected}\n"
        return line

    def _prompt(
        self,
        device_id: int,
        task: str,
        report: Report,
        late: float,
        waits_when_done: bool,
        cues: list[tuple[float, str]] | None = None,
        done_closes: bool = False,
    ) -> Reported | None:
        """Ask, count down, read the answer key by key; returns the terminal's final report, or
        None if the person said done and the terminal reported nothing. A prompt that ends without
        the terminal's report leaves `late` seconds in which a late action may still come."""
        self._say(f"{self._header()}>>> OPERATOR: {task}\n    {ANSWERS}\n")
        try:
            reported = self._ask(task, report, late if waits_when_done else 0.0, cues or [], done_closes)
        except (OperatorTimeout, OperatorSkipped, OperatorFailed):
            self._late_until[device_id] = time.monotonic() + late
            raise
        if reported is None:
            self._late_until[device_id] = time.monotonic() + late
        return reported

    def _ask(
        self,
        task: str,
        report: Report,
        wait_after_done: float,
        cues: list[tuple[float, str]],
        done_closes: bool = False,
    ) -> Reported | None:
        started = time.monotonic()
        deadline = started + self.timeout
        typed, waiting = "", False
        with self._keys() as keys:
            while True:
                reported = report(0)
                if reported is not None:
                    self._say(f"\r\x1b[K    {reported.words}\n")
                    if reported.final:
                        return reported
                left = deadline - time.monotonic()
                if left <= 0 and waiting:
                    self._say("\r\x1b[K    the terminal reported nothing\n")
                    return None
                if left <= 0:
                    self._say("\r\x1b[K    no answer: operator timeout\n")
                    raise OperatorTimeout(
                        f"operator timeout: nobody did this within {self.timeout:g} s: {task}"
                    )
                status = "waiting for the terminal" if waiting else f"{left:3.0f} s left"
                status += _cue(cues, time.monotonic() - started)
                self._say(f"\r\x1b[K    {status} > {typed}")
                for key in keys(min(TICK, left)):
                    if key in ("\r", "\n"):
                        self._say("\n")
                        answer, typed = typed.strip(), ""
                        if not self._answered(answer, task) or waiting:
                            continue
                        if done_closes:
                            return None
                        if wait_after_done <= 0:  # a capture: only the end of the scan closes it
                            self._say("    the terminal has captured nothing yet\n")
                        else:
                            waiting, deadline = True, time.monotonic() + wait_after_done
                    elif key in BACKSPACE:
                        typed = typed[:-1]
                    elif key.isprintable():
                        typed += key

    def _answered(self, line: str, task: str) -> bool:
        """True for done; skip and fail end the scenario; anything else asks again."""
        if line in ("", "d", "done"):
            return True
        if line in ("s", "skip"):
            raise OperatorSkipped(f"the operator skipped it: {task}")
        for prefix in ("f:", "fail "):
            if line.startswith(prefix) or line == prefix.strip(" :"):
                reason = line.removeprefix(prefix).strip() or "no reason given"
                raise OperatorFailed(f"the operator failed it ({reason}): {task}")
        self._say(f"    '{line}' is not an answer: {ANSWERS}\n")
        return False

    @contextlib.contextmanager
    def _keys(self) -> Iterator[Callable[[float], str]]:
        """Keys one by one, not echoed by the terminal (the prompt draws them itself); typeahead
        from before the prompt is dropped."""
        fd = self._in.fileno()
        saved = None
        with contextlib.suppress(OSError, termios.error):
            termios.tcflush(fd, termios.TCIFLUSH)
            saved = termios.tcgetattr(fd)
            ttymode.setcbreak(fd)

        def keys(timeout: float) -> str:
            ready, _, _ = select.select([fd], [], [], timeout)
            return os.read(fd, 256).decode(errors="replace") if ready else ""

        try:
            yield keys
        finally:
            if saved is not None:
                with contextlib.suppress(OSError, termios.error):
                    termios.tcsetattr(fd, termios.TCSADRAIN, saved)
