"""The person operator's prompt, driven through a pseudo-terminal pair."""

from __future__ import annotations

import dataclasses
import fcntl
import os
import re
import select
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
    console,
)
from biohil.operator.base import Pace
from biohil.operator.console import Context, PersonOperator
from biohil.verdict import NotApplicable

Pty = tuple[int, tuple[IO[str], IO[str]]]
DEVICE = 541530001
CARD = Action(DEVICE, "FaceStation F2", Input.CARD, "test card", user_id="900001")
FACE = Action(DEVICE, "FaceStation F2", Input.FACE, "test face", user_id="900001")
FINGER = Action(DEVICE, "FaceStation F2", Input.FINGER, "test finger", user_id="900001")
CARD_THEN_FACE = Attempt((CARD, FACE), within=5)
GAVE_UP = Reported("refused: the next factor did not come within the auth timeout", too_slow=True)


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """A person who reacts within 1 s: the prompt's windows shrink with it (same logic)."""
    monkeypatch.setattr(console, "REACTION", 1.0)
    monkeypatch.setattr(console, "LATE", 1.5)
    monkeypatch.setattr(console, "QUESTION", 1.0)


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
    name = 'Extended mode "card + face": the card, then the face is granted'
    context = lambda: Context(name, "granted", "FaceStationF2", 9)  # noqa: E731
    return PersonOperator(
        tty, timeout, PromptLock(tmp_path), lambda i: f"FaceStation F2 {i} (127.0.10.2)", context
    )


class Screen:
    """What the person sees, read as it comes."""

    def __init__(self, fd: int) -> None:
        self.fd, self.text = fd, ""

    def until(self, words: str, timeout: float = 10) -> str:
        deadline = time.monotonic() + timeout
        while words not in re.sub(r"\r\n {7}", " ", self.text):  # a wrapped line back in one
            assert time.monotonic() < deadline, f"never saw {words!r} in:\n{self.text}"
            ready, _, _ = select.select([self.fd], [], [], max(0.0, deadline - time.monotonic()))
            if ready:
                self.text += os.read(self.fd, 4096).decode()
        return self.text


class Terminal:
    """The terminal's reports, set by the test: what the operator polls (Outcomes)."""

    def __init__(self) -> None:
        self.reports: list[Reported] = []
        self.lates: list[Reported] = []
        self.changed = threading.Event()
        self.begun = 0
        self.notes: list[str] = []
        self.returned: list[int] = []  # what the operator's attempt() returned

    def say(self, reported: Reported) -> None:
        self.reports.append(reported)
        self.changed.set()

    def say_late(self, reported: Reported) -> None:
        self.lates.append(reported)
        self.changed.set()

    def begin(self) -> int:
        self.begun += 1
        return self.begun

    def _next(self, queue: list[Reported], timeout: float) -> Reported | None:
        self.changed.wait(timeout)
        if not queue:
            return None
        self.changed.clear()
        return queue.pop(0)

    def report(self, timeout: float) -> Reported | None:
        return self._next(self.reports, timeout)

    def late(self, timeout: float) -> Reported | None:
        return self._next(self.lates, timeout)

    def note(self, text: str) -> None:
        self.notes.append(text)


def _in_thread(run: Callable[[], object]) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def target() -> None:
        try:
            run()
        except BaseException as e:
            errors.append(e)

    worker = threading.Thread(target=target)
    worker.start()
    return worker, errors


def _attempting(
    pty: Pty, tmp_path: Path, attempt: Attempt
) -> tuple[Screen, Terminal, threading.Thread, list[BaseException]]:
    """The attempt prompted in a thread, once its countdown shows: what the person sees, the
    terminal the test plays, the thread and what it raised."""
    person, tty = pty
    terminal = Terminal()
    worker, errors = _in_thread(
        lambda: terminal.returned.append(_operator(tty, tmp_path).attempt(attempt, terminal))
    )
    screen = Screen(person)
    screen.until("s left")
    return screen, terminal, worker, errors


def test_one_prompt_for_the_whole_attempt_closes_on_the_terminals_outcome(pty: Pty, tmp_path: Path) -> None:
    screen, terminal, worker, errors = _attempting(pty, tmp_path, CARD_THEN_FACE)
    text = screen.text
    # the terminal first, with exact progress; then the scenario, what it expects, one action a line
    assert ">>> FaceStation F2 541530001 (127.0.10.2) · scenario 1 of 10 for a person here\r\n" in text
    assert '    Extended mode "card + face": the card, then the face is granted\r\n' in text
    assert "    expected: granted\r\n" in text
    assert "    in this order, all within 5 s:\r\n" in text
    assert '    1. present the card "test card" of user 900001\r\n' in text
    assert '    2. show the face "test face" of user 900001\r\n' in text
    assert all(len(line) <= 100 for line in text.split("\r\n")[:-1])
    assert terminal.begun == 1  # the moment from which the terminal's events count
    lock = open(tmp_path / "operator-prompt.lock")  # noqa: SIM115
    with pytest.raises(BlockingIOError):  # another process could not prompt now
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    terminal.say(
        Reported("granted to user 900001 by card + face (VERIFY_SUCCESS 0x1000/0x0A)", took_every_factor=True)
    )
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
    screen, terminal, worker, errors = _attempting(pty, tmp_path, CARD_THEN_FACE)
    os.write(screen.fd, b"\n")  # done, before the terminal said anything
    screen.until("waiting for the terminal")
    terminal.say(Reported("granted to user 900001 by card + face", took_every_factor=True))
    screen.until("granted to user 900001")
    worker.join(10)
    assert errors == []


def test_a_sequence_too_slow_is_asked_again_then_is_an_operator_outcome(
    pty: Pty, tmp_path: Path, quick: None
) -> None:
    screen, terminal, worker, errors = _attempting(pty, tmp_path, CARD_THEN_FACE)
    terminal.say(GAVE_UP)
    screen.until("again (the whole sequence must be done within 5 s):")
    terminal.say(GAVE_UP)
    worker.join(10)
    assert terminal.begun == 2  # the second prompt counts from when it was shown
    assert len(errors) == 1 and isinstance(errors[0], OperatorMissed)
    assert "within the terminal's 5 s, twice" in str(errors[0])


def test_an_action_after_the_terminal_gave_up_is_shown_late_and_never_counts_for_the_retry(
    pty: Pty, tmp_path: Path, quick: None
) -> None:
    """The face 0.5 s after the terminal gave up: shown, set aside; the retry begins after it."""
    screen, terminal, worker, errors = _attempting(pty, tmp_path, CARD_THEN_FACE)
    terminal.say(GAVE_UP)
    screen.until("present nothing more")
    terminal.say_late(Reported("refused: that credential is not one the terminal's modes accept here"))
    text = screen.until("(not counted)")
    text = re.sub(r"\r\n {7}", " ", text)  # a wrapped line back in one
    assert re.search(r": late, [\d.]+ s after the terminal gave up: the terminal logged refused", text), text
    assert terminal.begun == 1  # not yet asked again: the late face was the last try's
    screen.until("again (the whole sequence must be done within 5 s):")
    terminal.say(Reported("granted to user 900001 by card + face", took_every_factor=True))
    worker.join(10)
    assert errors == [] and terminal.begun == 2
    assert any("after the terminal gave up" in note for note in terminal.notes), terminal.notes


def test_a_factor_due_just_after_the_auth_timeout_is_cued_by_the_terminal_giving_up(
    pty: Pty, tmp_path: Path, quick: None
) -> None:
    person, tty = pty
    terminal = Terminal()
    late_finger = dataclasses.replace(FINGER, pace=Pace.JUST_AFTER)
    paced = Attempt((CARD, late_finger), within=8, complete=False)
    worker, errors = _in_thread(lambda: _operator(tty, tmp_path).attempt(paced, terminal))
    screen = Screen(person)
    text = screen.until("s left")
    assert '2. at NOW, once the terminal has given up: place the fingerprint "test finger"' in text
    assert "NOW" not in text.rsplit("\r\n", 1)[-1]  # nothing cued before the terminal gives up
    terminal.say(GAVE_UP)
    screen.until("NOW: fingerprint")
    terminal.say_late(Reported("refused: not a mode here"))
    screen.until(" s later: refused: not a mode here (not counted)")
    worker.join(10)
    assert errors == [] and terminal.begun == 1


def test_a_factor_due_after_a_give_up_that_never_comes_is_cued_all_the_same_and_the_outcome_stands(
    pty: Pty, tmp_path: Path, quick: None
) -> None:
    """A terminal whose auth timeout never fires (a firmware bug): NOW comes once it should have
    given up, and the grant that follows is the terminal's outcome (the Then step judges it)."""
    person, tty = pty
    terminal = Terminal()
    paced = Attempt((CARD, dataclasses.replace(FINGER, pace=Pace.JUST_AFTER)), within=1, complete=False)
    worker, errors = _in_thread(lambda: _operator(tty, tmp_path).attempt(paced, terminal))
    screen = Screen(person)
    screen.until("NOW: fingerprint")
    terminal.say(Reported("granted to user 900001 by card + fingerprint", took_every_factor=True))
    worker.join(10)
    assert errors == [] and terminal.begun == 1 and terminal.notes == []


def test_a_factor_due_after_the_give_up_but_presented_before_it_is_the_persons(
    pty: Pty, tmp_path: Path, quick: None
) -> None:
    paced = Attempt((CARD, dataclasses.replace(FINGER, pace=Pace.JUST_AFTER)), within=8, complete=False)
    screen, terminal, worker, errors = _attempting(pty, tmp_path, paced)
    terminal.say(Reported("granted to user 900001 by card + fingerprint", took_every_factor=True))
    screen.until("again (the fingerprint came before the terminal gave up: wait for NOW):")
    terminal.say(GAVE_UP)
    screen.until("NOW: fingerprint")
    terminal.say_late(Reported("refused: not a mode here"))
    worker.join(10)
    assert errors == [] and terminal.begun == 2


def test_a_credential_other_than_the_one_asked_is_asked_again_then_is_the_persons(
    pty: Pty, tmp_path: Path, quick: None
) -> None:
    card_only = Attempt((CARD,), within=5)
    screen, terminal, worker, errors = _attempting(pty, tmp_path, card_only)
    wrong = (
        'the terminal read a card (32 bytes, 0a0b0c0d…) that user 900001 does not hold: not the "test card"'
    )
    terminal.say(Reported("refused: no user has this card", not_asked=wrong))
    screen.until("not what was asked: the terminal read a card (32 bytes, 0a0b0c0d…)")
    screen.until("again (the terminal read a card")
    terminal.say(Reported("refused: no user has this card", not_asked=wrong))
    worker.join(10)
    assert len(errors) == 1 and isinstance(errors[0], OperatorFailed), errors
    assert "the person did not do what was asked, twice" in str(errors[0])


@pytest.mark.parametrize(("answer", "retried"), [("n\n", True), ("y\n", False), ("", False)])
def test_a_refused_fingerprint_asks_the_person_whether_it_was_the_one_asked(
    pty: Pty, tmp_path: Path, quick: None, answer: str, retried: bool
) -> None:
    finger_only = Attempt((FINGER,), within=5)
    screen, terminal, worker, errors = _attempting(pty, tmp_path, finger_only)
    question = 'was that the fingerprint "test finger" of user 900001?'
    terminal.say(Reported("refused: no user has this fingerprint", question=question))
    screen.until(f"{question} y/n")
    os.write(screen.fd, answer.encode())
    if retried:
        screen.until("again (the person said no to:")
        terminal.say(Reported("granted to user 900001 by fingerprint", took_every_factor=True))
    worker.join(10)
    assert errors == [] and terminal.begun == (2 if retried else 1)
    assert terminal.returned == [terminal.begun]  # where the try that counts began
    if not retried:  # the refusal stands (a product failure if the scenario expected a grant)
        said = "the person said yes" if answer else "the person gave no answer"
        assert f"{said} to: {question} (the terminal's refusal stands)" in terminal.notes


def test_a_factor_a_person_cannot_time_is_not_applicable() -> None:
    with pytest.raises(NotApplicable, match="need an auth timeout of at least 7 s"):
        console.person_cue(Pace.JUST_BEFORE, 5)


def test_nobody_answers(pty: Pty, tmp_path: Path) -> None:
    _, tty = pty
    with pytest.raises(OperatorTimeout, match=r"nobody did this within 0\.3 s: present the card"):
        _operator(tty, tmp_path, timeout=0.3).capture(CARD, Terminal().report)


def test_after_a_capture_prompt_the_terminal_did_not_report_the_next_one_waits_for_a_late_action(
    pty: Pty, tmp_path: Path, quick: None
) -> None:
    person, tty = pty
    operator = _operator(tty, tmp_path, timeout=0.3)
    with pytest.raises(OperatorTimeout):
        operator.capture(CARD, Terminal().report)
    terminal = Terminal()
    terminal.say(Reported("the terminal captured the card"))
    started = time.monotonic()
    operator.capture(CARD, terminal.report)
    assert time.monotonic() - started >= 1.0  # the late window (a person's reaction and action)
    assert "may still take the last action" in Screen(person).until("captured the card")


def test_a_paced_factor_is_cued_on_the_countdown_line(pty: Pty, tmp_path: Path, quick: None) -> None:
    """'just before the auth timeout' for a person: cued from the prompt, counted down on its own
    line and then shown as NOW, so that any reaction up to the bound lands inside the timeout."""
    paced = Attempt((CARD, dataclasses.replace(FACE, pace=Pace.JUST_BEFORE)), within=4)
    screen, terminal, worker, errors = _attempting(pty, tmp_path, paced)
    text = screen.text
    assert "in this order; a step marked NOW waits for the countdown below:" in text
    assert '2. at NOW (just before the auth timeout): show the face "test face" of user 900001' in text
    screen.until("in 1 s: face")
    screen.until("NOW: face")
    terminal.say(
        Reported("granted to user 900001 by card + face (VERIFY_SUCCESS 0x1000/0x0A)", took_every_factor=True)
    )
    worker.join(10)
    assert not worker.is_alive() and errors == []


def test_after_a_refusal_only_what_comes_after_the_refused_credential_may_still_come() -> None:
    """The prompt waits for late actions only where the person may still be bringing one."""

    def refused(kind: Input) -> Reported:
        return Reported("refused", refused=kind)

    assert console._remaining(CARD_THEN_FACE, refused(Input.FACE)) == ()  # the last one: all taken
    assert console._remaining(CARD_THEN_FACE, refused(Input.CARD)) == (FACE,)
    assert console._remaining(CARD_THEN_FACE, Reported("refused: not a mode here")) == (FACE,)
    assert console._remaining(CARD_THEN_FACE, Reported("granted", took_every_factor=True)) == ()
    assert console._remaining(CARD_THEN_FACE, None) == (CARD, FACE)  # nothing reported: all may come
