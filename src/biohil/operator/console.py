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
import dataclasses
import os
import re
import select
import termios
import textwrap
import threading
import time
import tty as ttymode
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

from biohil.common.locks import PromptLock
from biohil.credentials import Input
from biohil.operator.base import (
    Action,
    Attempt,
    LinkChange,
    Operator,
    OperatorFailed,
    OperatorMissed,
    OperatorSkipped,
    OperatorTimeout,
    Outcomes,
    Pace,
    Report,
    Reported,
)
from biohil.verdict import NotApplicable

TICK = 0.1  # how often the countdown and the terminal's report are checked
REACTION = 3.0  # seconds a person may take to react to what the screen says (the design's bound)
ACT = 1.0  # seconds a person takes to present a credential once they have reacted
LATE = REACTION + ACT  # after a prompt closes, an action of it may still reach the terminal this long
QUESTION = 10.0  # seconds the person has to answer whether a refused credential was the one asked
WIDTH = 100  # columns a prompt's line takes at most
# A Then step that expects the terminal to refuse: a refused credential is then no reason to ask.
REFUSAL_EXPECTED = re.compile(r"refuses|failure|denied")
ANSWERS = "Enter = done, s = skip this scenario, f: REASON = fail it"
BACKSPACE = ("\x7f", "\x08")


@dataclass(frozen=True)
class Context:
    """Where the run is, for the prompt's first lines."""

    scenario: str  # the scenario's name, with its Examples row
    expected: str = ""  # what its next Then step says
    terminal: str = ""  # the scenario's terminal, as the run names it
    left: int = 0  # scenarios on that terminal that need a person and have not run, this one too


class Unattended(Operator):
    """Nobody at the bench (CI, no terminal, or --operator none): never blocks; a scenario that
    needs a person does not apply to this run, and no scan is started for it."""

    def __init__(self, reason: str) -> None:
        self.unattended = reason  # "needs a person at the bench; this run is unattended (CI is set)"

    def __repr__(self) -> str:
        return "Unattended()"

    def attempt(self, attempt: Attempt, outcomes: Outcomes) -> int:
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


def _wrap(text: str, indent: str = "    ") -> str:
    """One line of the prompt, at most WIDTH columns: longer text goes on under itself."""
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "   ") + "\n"


def person_cue(pace: Pace, within: float) -> float:
    """When a person is cued for a factor due halfway or just before the auth timeout, counted from
    the prompt. The terminal logs nothing for a first factor (one log entry per attempt), so
    the first factor's moment cannot be seen: the cue is placed so that for any reaction up to
    REACTION s, to the prompt and to the cue alike, the factor still lands after the first and
    before the auth timeout. A factor due just after it is cued on the terminal's own report
    that it gave up (its clock), not from here."""
    if pace is Pace.JUST_AFTER:
        return within + LATE  # only if the terminal has not given up by then (see attempt())
    cue = within / 2 if pace is Pace.HALFWAY else within - REACTION - 0.5
    if cue - REACTION <= 0 or cue + REACTION >= within:
        raise NotApplicable(
            f"a person cannot time a factor {pace.value} of {within:g} s: reactions of up to "
            f"{REACTION:g} s need an auth timeout of at least {2 * REACTION + 1:g} s"
        )
    return cue


def _steps(attempt: Attempt) -> list[str]:
    """The attempt's lines: how the sequence is timed, then one action per line."""
    lines = []
    if attempt.paced:
        lines.append("in this order; a step marked NOW waits for the countdown below:")
    elif len(attempt.actions) > 1:
        lines.append(f"in this order, all within {attempt.within:g} s:")
    for n, action in enumerate(attempt.actions, 1):
        when = ""
        if action.pace is Pace.JUST_AFTER:
            when = "at NOW, once the terminal has given up: "
        elif action.pace is not None:
            when = f"at NOW ({action.pace.value}): "
        lines.append(f"{n}. {when}{action.what()}")
    if not attempt.complete and attempt.after_give_up is None:
        lines.append(f"and nothing more: the terminal should give up after {attempt.within:g} s")
    return lines


def _cue(cues: list[tuple[float, Action]], elapsed: float) -> str:
    """The next paced factor, on the countdown line: 'in 3 s: the fingerprint', then 'NOW: the
    fingerprint' for as long as a person may take to react."""
    for due, action in cues:
        if elapsed < due and action.pace is Pace.JUST_AFTER:
            return ""  # cued by the terminal giving up, not by the clock
        if elapsed < due:
            return f" · in {due - elapsed:.0f} s: {action.input.value}"
        if elapsed < due + REACTION:
            return f" · NOW: {action.input.value}"
    return ""


def _remaining(attempt: Attempt, reported: Reported | None) -> tuple[Action, ...]:
    """The actions of a try the person may still be making once its prompt has closed: all of
    them without the terminal's outcome, none once it authenticated the user, those after the
    credential it refused when its log names it, else those after the first."""
    if reported is None:
        return attempt.actions
    if reported.took_every_factor:
        return ()
    kinds = [a.input for a in attempt.actions]
    if reported.refused in kinds:
        return attempt.actions[len(kinds) - kinds[::-1].index(reported.refused) :]
    return attempt.actions[1:]


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
        self._late_until: dict[int, float] = {}  # device ID -> until when a late scan may come
        self._briefed: set[int] = set()
        self._prompted: dict[str, list[str]] = {}  # terminal -> scenarios that prompted, in order

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
            text = "".join(_wrap(f"- {line}") for line in lines)
            self._say(f"\n>>> {self._where(device_id)}: before its first prompt, have at hand:\n{text}")

    def attempt(self, attempt: Attempt, outcomes: Outcomes) -> int:
        task = attempt.describe(self._where(attempt.device_id))
        after_give_up = attempt.after_give_up
        # A factor due just after the auth timeout is cued by the terminal giving up; should it
        # not give up in time (the person began at once), NOW all the same: what the terminal then
        # does with the factor is its outcome.
        cues = [(person_cue(a.pace, attempt.within), a) for a in attempt.actions if a.pace]
        problem, reported = "", None
        for tries in (1, 2):
            lines = _steps(attempt)
            if tries == 2:
                lines.insert(0, f"again ({problem}):")
            ended: Exception | None = None
            with self._lock.held():
                self._settle(attempt.device_id)
                began = outcomes.begin()  # from now on, what the terminal does is this prompt's
                try:
                    reported = self._prompt(
                        attempt.device_id,
                        task,
                        lines,
                        outcomes.report,
                        wait_after_done=attempt.within + LATE,
                        cues=cues,
                        after_give_up=(after_give_up, outcomes, attempt.within) if after_give_up else None,
                    )
                except (OperatorTimeout, OperatorSkipped, OperatorFailed) as e:
                    ended, reported = e, None
                gave_up = reported is not None and reported.too_slow
                # The factor due after a give-up was waited for in the prompt; else some actions
                # may still come.
                remaining = () if after_give_up and gave_up else _remaining(attempt, reported)
                if remaining:
                    where = self._where(attempt.device_id)
                    self._say(f"    present nothing more; {where} may still take a late action\n")
            self._tail(
                outcomes,
                remaining,
                attempt.within,
                "the terminal gave up" if gave_up else "the prompt closed",
            )
            if ended is not None:
                raise ended
            with self._lock.held():
                problem = self._person_problem(attempt, reported, outcomes)
            if not problem:
                return began
            outcomes.note(f"try {tries}: {problem}")
        if reported is not None and reported.too_slow:
            raise OperatorMissed(
                f"the person did not complete the sequence within the terminal's "
                f"{attempt.within:g} s, twice: {task}"
            )
        raise OperatorFailed(f"the person did not do what was asked, twice ({problem}): {task}")

    def _person_problem(self, attempt: Attempt, reported: Reported | None, outcomes: Outcomes) -> str:
        """What the person must do differently, by the evidence of the terminal's outcome ('' if
        the outcome stands, whatever it is)."""
        if reported is None:
            return ""
        where = self._where(attempt.device_id)  # other prompts may have come since this one closed
        if reported.not_asked:
            self._say(_wrap(f"{where}: not what was asked: {reported.not_asked}"))
            return reported.not_asked
        if reported.too_slow and attempt.complete:
            self._say(_wrap(f"{where}: the whole sequence must be done within {attempt.within:g} s"))
            return f"the whole sequence must be done within {attempt.within:g} s"
        if reported.question and not REFUSAL_EXPECTED.search(self._context().expected):
            answer = self._question(f"{where}: {reported.question}")
            if answer == "n":
                return f"the person said no to: {reported.question}"
            said = {"y": "the person said yes", "": "the person gave no answer"}[answer]
            outcomes.note(f"{said} to: {reported.question} (the terminal's refusal stands)")
        return ""

    def capture(self, action: Action, report: Report) -> None:
        with self._lock.held():
            self._settle(action.device_id)
            task = action.describe(self._where(action.device_id))
            lines = [f"1. {action.what()}, to capture it for enrolment"]
            if action.scan:
                lines[0] += f" (scan {action.scan[0]} of {action.scan[1]})"
            try:
                self._prompt(action.device_id, task, lines, report, wait_after_done=0.0)
            except (OperatorTimeout, OperatorSkipped, OperatorFailed):
                self._late_until[action.device_id] = time.monotonic() + LATE
                raise

    def change_link(self, change: LinkChange, report: Report) -> None:
        """Asked like a capture: the gateway's report closes the prompt; Enter says it is done
        (the step after checks the gateway within the time it needs to notice)."""
        with self._lock.held():
            task = change.describe(self._where(change.device_id))
            lines = [f"1. {change.describe('it')}"]
            self._prompt(change.device_id, task, lines, report, wait_after_done=0.0, done_closes=True)

    def let_time_pass(self, seconds: float) -> None:
        """A real terminal's clock runs by itself: the prompt has waited for its report."""

    # -- the prompt ---------------------------------------------------------------------------

    def _settle(self, device_id: int) -> None:
        """After a capture prompt that closed without the scan, the person may still present the
        credential: wait that out, so that it never counts for this prompt."""
        left = self._late_until.pop(device_id, 0.0) - time.monotonic()
        if left > 0:
            self._say(
                f"\n    waiting {left:.0f} s: {self._where(device_id)} may still take the last action\n"
            )
            threading.Event().wait(left)

    def _tail(self, outcomes: Outcomes, remaining: tuple[Action, ...], within: float, since: str) -> None:
        """Until the terminal can no longer take this prompt's actions: an action of it may still
        come up to LATE s after the prompt closed (and after each late one), and one that starts
        an attempt of its own (a card, a user ID) ends by the terminal's auth timeout. Only this
        terminal waits: the prompt lock is free, so another terminal's prompt may be shown. What
        comes is shown and set aside: it never counts for another attempt."""
        if not remaining:
            return
        starts = any(a.input in (Input.CARD, Input.USER_ID) for a in remaining)
        began = time.monotonic()
        deadline = began + LATE + (within if starts else 0.0)
        while (left := deadline - time.monotonic()) > 0:
            late = outcomes.late(min(TICK, left))
            if late is None:
                continue
            after = time.monotonic() - began
            text = f"late, {after:.1f} s after {since}: the terminal logged {late.words} (not counted)"
            outcomes.note(text)
            with self._lock.held():
                self._say(_wrap(f"{self._where(remaining[0].device_id)}: {text}"))
            deadline = time.monotonic() + LATE  # more of it may follow

    def _question(self, question: str) -> str:
        """'y', 'n', or '' when nobody answered within QUESTION s."""
        typed = ""
        with self._keys() as keys:  # keys typed before the question are dropped
            self._say(_wrap(f"{question} y/n"))
            deadline = time.monotonic() + QUESTION
            drawn = ""
            while (left := deadline - time.monotonic()) > 0:
                if f"{left:3.0f} s to answer > {typed}" != drawn:  # redrawn when it changes
                    drawn = f"{left:3.0f} s to answer > {typed}"
                    self._say(f"\r\x1b[K  {drawn}")
                for key in keys(min(TICK, left)):
                    if key in ("\r", "\n"):
                        answer, typed = typed.strip().lower()[:1], ""
                        if answer in ("y", "n"):
                            self._say("\n")
                            return answer
                    elif key in BACKSPACE:
                        typed = typed[:-1]
                    elif key.isprintable():
                        typed += key
        self._say("\r\x1b[K    no answer\n")
        return ""

    def _header(self, device_id: int) -> str:
        """'>>> <terminal> · scenario 3 of 40 for a person here', the scenario, what it expects."""
        now = self._context()
        done = self._prompted.setdefault(now.terminal, [])
        if now.scenario and now.scenario not in done:
            done.append(now.scenario)
        text = f"\n>>> {self._where(device_id)}"
        if now.scenario:
            text += f" · scenario {len(done)} of {len(done) + now.left} for a person here"
        text = _wrap(text.removeprefix("\n"), indent="").rstrip("\n")
        text = "\n" + text + "\n"
        if now.scenario:
            text += _wrap(now.scenario)
        if now.expected:
            text += _wrap(f"expected: {now.expected}")
        return text

    def _prompt(
        self,
        device_id: int,
        task: str,
        lines: list[str],
        report: Report,
        wait_after_done: float,
        cues: list[tuple[float, Action]] | None = None,
        after_give_up: tuple[Action, Outcomes, float] | None = None,
        done_closes: bool = False,
    ) -> Reported | None:
        """Ask, count down, read the answer key by key; returns the terminal's final report, or
        None if the person said done and the terminal reported nothing."""
        body = "".join(_wrap(line) for line in lines)
        self._say(f"{self._header(device_id)}{body}    {ANSWERS}\n")
        return self._ask(task, report, wait_after_done, cues or [], after_give_up, done_closes)

    def _ask(
        self,
        task: str,
        report: Report,
        wait_after_done: float,
        cues: list[tuple[float, Action]],
        after_give_up: tuple[Action, Outcomes, float] | None,
        done_closes: bool,
    ) -> Reported | None:
        started = time.monotonic()
        deadline = started + self.timeout
        typed, waiting, drawn = "", False, ""
        with self._keys() as keys:
            while True:
                reported = report(0)
                if reported is not None:
                    self._say(f"\r\x1b[K    {reported.words}\n")
                    drawn = ""
                    if reported.too_slow and after_give_up is not None:
                        self._after_give_up(*after_give_up)
                        return reported
                    if after_give_up is not None and reported.took_every_factor:
                        action, _, within = after_give_up
                        if time.monotonic() - started < within + LATE:  # it could not have given up yet
                            early = f"the {action.input.value} came before the terminal gave up: wait for NOW"
                            return dataclasses.replace(reported, not_asked=early)
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
                if f"{status} > {typed}" != drawn:  # redrawn when it changes, not every tick
                    drawn = f"{status} > {typed}"
                    self._say(f"\r\x1b[K  {drawn}")
                for key in keys(min(TICK, left)):
                    if key in ("\r", "\n"):
                        self._say("\n")
                        answer, typed, drawn = typed.strip(), "", ""
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

    def _after_give_up(self, action: Action, outcomes: Outcomes, within: float) -> None:
        """The terminal gave up, as the attempt meant it to: now the factor due just after it.
        The cue is the terminal's own report; what the terminal makes of the factor is set
        aside (the attempt's outcome was the give-up), and the prompt closes once it came or
        a person could no longer be bringing it."""
        cued = time.monotonic()
        deadline = cued + LATE + (within if action.input in (Input.CARD, Input.USER_ID) else 0.0)
        drawn = ""
        while (left := deadline - time.monotonic()) > 0:
            if f"NOW: {action.input.value} · {left:.0f} s" != drawn:  # redrawn when it changes
                drawn = f"NOW: {action.input.value} · {left:.0f} s"
                self._say(f"\r\x1b[K  {drawn}")
            late = outcomes.late(min(TICK, left))
            if late is not None:
                after = time.monotonic() - cued
                self._say("\r\x1b[K" + _wrap(f"then, {after:.1f} s later: {late.words} (not counted)"))
                return
        self._say(f"\r\x1b[K    the terminal took no {action.input.value}\n")

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
