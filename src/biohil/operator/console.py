"""The operator for the lab: a person at the bench, prompted on the terminal pytest runs in.

The prompt is written to and read from /dev/tty with their own handles, so it works while
pytest captures output (and inside xdist workers). It names the terminal, the action and the
credential, counts down, and completes by itself as soon as the terminal reports the action; the
person can also answer: Enter = done, s = skip the scenario, f REASON = fail it. A prompt
nobody answers ends as an operator timeout, not as a product failure.
"""

from __future__ import annotations

import contextlib
import select
import termios
import time
from collections.abc import Callable
from typing import IO

from biohil.lab.locks import PromptLock
from biohil.operator.base import Action, Done, Operator, OperatorFailed, OperatorSkipped, OperatorTimeout

TICK = 0.25  # how often the countdown and the terminal's report are checked
NEEDS_OPERATOR = "needs an operator: no terminal to prompt on (CI or no TTY)"


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


class PersonOperator(Operator):
    def __init__(
        self,
        tty: tuple[IO[str], IO[str]],
        timeout: float,
        prompt_lock: PromptLock,
        where: Callable[[int], str],
    ) -> None:
        self._in, self._out = tty
        self.timeout = timeout
        self._lock = prompt_lock
        self._where = where  # device ID -> "FaceStation F2 541530001 (192.168.0.110)"

    def __repr__(self) -> str:
        return f"PersonOperator(timeout {self.timeout:g} s)"

    def _say(self, text: str) -> None:
        self._out.write(text)
        self._out.flush()

    def perform(self, action: Action, done: Done | None = None) -> None:
        task = action.describe(self._where(action.device_id))
        with self._lock.held():
            self._forget_typeahead()
            self._say(
                f"\n>>> OPERATOR: {task}\n    Enter = done, s = skip this scenario, f REASON = fail it\n"
            )
            deadline = time.monotonic() + self.timeout
            shown = -1
            while True:
                if done is not None and done(0):
                    self._say("\n    the terminal reported it\n")
                    return
                left = deadline - time.monotonic()
                if left <= 0:
                    self._say("\n    no answer: operator timeout\n")
                    raise OperatorTimeout(
                        f"operator timeout: nobody did this within {self.timeout:g} s: {task}"
                    )
                if int(left) != shown:
                    shown = int(left)
                    self._say(f"\r    {shown:3d} s left > ")
                ready, _, _ = select.select([self._in], [], [], min(TICK, left))
                if ready and self._answered(self._in.readline().strip(), task):
                    return

    def _forget_typeahead(self) -> None:
        """Keys typed before this prompt must not answer it."""
        with contextlib.suppress(OSError, termios.error):
            termios.tcflush(self._in, termios.TCIFLUSH)

    def _answered(self, line: str, task: str) -> bool:
        """True for done; skip and fail end the scenario; anything else asks again."""
        if line in ("", "d", "done"):
            return True
        if line in ("s", "skip"):
            raise OperatorSkipped(f"the operator skipped it: {task}")
        if line.startswith("f"):
            reason = line[1:].strip() or "no reason given"
            raise OperatorFailed(f"the operator failed it ({reason}): {task}")
        self._say(f"    '{line}' is not an answer: Enter, s or f REASON\n")
        return False

    def let_time_pass(self, seconds: float) -> None:
        """A real terminal's clock runs by itself: the following wait for its event covers it."""


class NoOperator(Operator):
    """Lab mode without a terminal to prompt on: never blocks, skips what needs a person."""

    def __repr__(self) -> str:
        return "NoOperator()"

    def perform(self, action: Action, done: Done | None = None) -> None:
        raise OperatorSkipped(NEEDS_OPERATOR)

    def let_time_pass(self, seconds: float) -> None:
        """Nothing to do: time passes by itself."""
