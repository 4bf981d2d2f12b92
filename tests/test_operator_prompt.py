"""The person operator's prompt, driven through a pseudo-terminal pair."""

from __future__ import annotations

import dataclasses
import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pytest

from biohil.common.locks import PromptLock
from biohil.operator import (
    Action,
    Attempt,
    Input,
    OperatorFailed,
    OperatorMissed,
    OperatorSkipped,
    OperatorTimeout,
    Reported,
)
from biohil.operator.base import Pace
from biohil.operator.console import Context, PersonOperator

Pty = tuple[int, tuple[IO[str], IO[str]]]
DEVICE = 541530001
CARD = Action(DEVICE, "FaceStation F2", Input.CARD, "test card", user_id="900001")
FACE = Action(DEVICE, "FaceStation F2", Input.FACE, "test face", user_id="900001")
CARD_THEN_FACE = Attempt((CARD, FACE), within=5)


@pytest.fixture
def pty() -> Iterator[Pty]:
    """(the person's side, the operator's tty handles)."""
    person, terminal = os.openpty()
    reader = open(terminal, encoding="utf-8", closefd=False)  # noqa: SIM115
    writer = open(terminal, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    yield person, (reader, writer)
    reader.close()
    writer.close()
    os.close(person)
    os.close(terminal)


def _operator(tty: tuple[IO[str], IO[str]], tmp_path: Path, timeout: float = 30) -> PersonOperator:
    context = lambda: Context('Extended mode "card + face": the card, then the face is granted', "granted", 9)  # noqa: E731
    return PersonOperator(
        tty, timeout, PromptLock(tmp_path), lambda i: f"FaceStation F2 {i} (127.0.10.2)", context
    )


class Screen:
    """What the person sees, read as it comes."""

    def __init__(self, fd: int) -> None:
        self.fd, self.text = fd, ""

    def until(self, words: str, timeout: float = 10) -> str:
        deadline = time.monotonic() + timeout
        while words not in self.text:
            assert time.monotonic() < deadline, f"never saw {words!r} in:\n{self.text}"
            self.text += os.read(self.fd, 4096).decode()
        return self.text


class Terminal:
    """The terminal's reports, set by the test: report() is what the operator polls."""

    def __init__(self) -> None:
        self.reports: list[Reported] = []
        self.changed = threading.Event()

    def say(self, reported: Reported) -> None:
        self.reports.append(reported)
        self.changed.set()

    def report(self, timeout: float) -> Reported | None:
        self.changed.wait(timeout)
        if not self.reports:
            return None
        self.changed.clear()
        return self.reports.pop(0)


def _in_thread(run: Callable[[], None]) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def target() -> None:
        try:
            run()
        except BaseException as e:
            errors.append(e)

    worker = threading.Thread(target=target)
    worker.start()
    return worker, errors


def test_one_prompt_for_the_whole_attempt_closes_on_the_terminals_outcome(pty: Pty, tmp_path: Path) -> None:
    person, tty = pty
    terminal, begun = Terminal(), []
    worker, errors = _in_thread(
        lambda: _operator(tty, tmp_path).attempt(CARD_THEN_FACE, lambda: begun.append(1), terminal.report)
    )
    screen = Screen(person)
    text = screen.until("s left")
    assert 'prompt 1 of about 10: "Extended mode "card + face": the card, then the face is granted"' in text
    assert "expected: granted" in text
    assert (
        'present the card "test card" of user 900001, then within 5 s show the face "test face" of user 900001 '
        "on FaceStation F2 541530001 (127.0.10.2)"
    ) in text
    assert begun == [1]  # the moment from which the terminal's events count
    lock = open(tmp_path / "operator-prompt.lock")  # noqa: SIM115
    with pytest.raises(BlockingIOError):  # another process could not prompt now
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    terminal.say(Reported("granted to user 900001 by card + face (VERIFY_SUCCESS 0x1000/0x0A)"))
    screen.until("granted to user 900001 by card + face")
    worker.join(10)
    assert not worker.is_alive() and errors == []
    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released after the prompt
    lock.close()


@pytest.mark.parametrize(
    ("answer", "outcome", "words"),
    [
        ("s\n", OperatorSkipped, "the operator skipped it"),
        ("skip\n", OperatorSkipped, "the operator skipped it"),
        ("f: no power\n", OperatorFailed, "the operator failed it (no power)"),
        ("fail the reader is dark\n", OperatorFailed, "the operator failed it (the reader is dark)"),
    ],
    ids=["s", "skip", "f:", "fail"],
)
def test_the_persons_answers(
    pty: Pty, tmp_path: Path, answer: str, outcome: type[BaseException], words: str
) -> None:
    person, tty = pty
    worker, errors = _in_thread(lambda: _operator(tty, tmp_path).capture(CARD, Terminal().report))
    Screen(person).until("s left")
    os.write(person, answer.encode())
    worker.join(10)
    assert not worker.is_alive()
    assert len(errors) == 1 and isinstance(errors[0], outcome) and words in str(errors[0])


def test_an_answer_is_never_taken_from_what_it_starts_with(pty: Pty, tmp_path: Path) -> None:
    """ "fine, presented it" is not "f" + a reason: it is asked again; typed keys stay on screen."""
    person, tty = pty
    terminal = Terminal()
    worker, errors = _in_thread(lambda: _operator(tty, tmp_path).capture(CARD, terminal.report))
    screen = Screen(person)
    screen.until("s left")
    for key in "fine, presented it":
        os.write(person, key.encode())
    screen.until("> fine, presented it")  # the countdown redraws the line with what was typed
    os.write(person, b"\n")
    screen.until("'fine, presented it' is not an answer")
    terminal.say(Reported("the terminal captured the card"))
    worker.join(10)
    assert errors == []


def test_done_waits_for_the_terminal_and_a_late_action_counts_for_this_prompt(
    pty: Pty, tmp_path: Path
) -> None:
    person, tty = pty
    terminal = Terminal()
    worker, errors = _in_thread(
        lambda: _operator(tty, tmp_path).attempt(CARD_THEN_FACE, lambda: None, terminal.report)
    )
    screen = Screen(person)
    screen.until("s left")
    os.write(person, b"\n")  # done, before the terminal said anything
    screen.until("waiting for the terminal")
    terminal.say(Reported("granted to user 900001 by card + face"))
    screen.until("granted to user 900001")
    worker.join(10)
    assert errors == []


def test_a_sequence_too_slow_is_asked_again_then_is_an_operator_outcome(pty: Pty, tmp_path: Path) -> None:
    person, tty = pty
    terminal, begun = Terminal(), []
    worker, errors = _in_thread(
        lambda: _operator(tty, tmp_path).attempt(CARD_THEN_FACE, lambda: begun.append(1), terminal.report)
    )
    screen = Screen(person)
    screen.until("s left")
    terminal.say(Reported("refused: the next factor did not come within the auth timeout", too_slow=True))
    screen.until("again, a bit faster: present the card")
    assert "the whole sequence must be done within 5 s" in screen.text
    terminal.say(Reported("refused: the next factor did not come within the auth timeout", too_slow=True))
    worker.join(10)
    assert begun == [1, 1]  # the second prompt counts from when it was shown
    assert len(errors) == 1 and isinstance(errors[0], OperatorMissed)
    assert "within the terminal's 5 s, twice" in str(errors[0])


def test_nobody_answers(pty: Pty, tmp_path: Path) -> None:
    _, tty = pty
    with pytest.raises(OperatorTimeout, match=r"nobody did this within 0\.3 s: present the card"):
        _operator(tty, tmp_path, timeout=0.3).capture(CARD, Terminal().report)


def test_after_a_prompt_the_terminal_did_not_report_the_next_one_waits_for_a_late_action(
    pty: Pty, tmp_path: Path
) -> None:
    person, tty = pty
    operator = _operator(tty, tmp_path, timeout=0.3)
    with pytest.raises(OperatorTimeout):
        operator.capture(CARD, Terminal().report)
    terminal = Terminal()
    terminal.say(Reported("the terminal captured the card"))
    started = time.monotonic()
    operator.capture(CARD, terminal.report)
    assert time.monotonic() - started >= 1.5  # the late window (about a person's reaction time)
    assert "may still take the last prompt's action" in Screen(person).until("captured the card")


def test_a_paced_factor_is_cued_on_the_countdown_line(pty: Pty, tmp_path: Path) -> None:
    """'just before the auth timeout' for a person: due 2 s (the reaction time) before it, counted
    down on the line and then shown as NOW, so the gap between the two factors holds."""
    person, tty = pty
    terminal = Terminal()
    paced = Attempt((CARD, dataclasses.replace(FACE, pace=Pace.JUST_BEFORE)), within=4)
    worker, errors = _in_thread(
        lambda: _operator(tty, tmp_path).attempt(paced, lambda: None, terminal.report)
    )
    screen = Screen(person)
    text = screen.until("s left")
    assert (
        'present the card "test card" of user 900001, then show the face "test face" of user 900001 '
        "2 s after the first (just before the auth timeout) on FaceStation F2"
    ) in text
    screen.until('in 1 s: show the face "test face"')
    screen.until('NOW: show the face "test face"')
    terminal.say(Reported("granted to user 900001 by card + face (VERIFY_SUCCESS 0x1000/0x0A)"))
    worker.join(10)
    assert not worker.is_alive() and errors == []
