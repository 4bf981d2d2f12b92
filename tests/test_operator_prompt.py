"""The person operator's prompt, driven through a pseudo-terminal pair."""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

from biohil.lab.locks import PromptLock
from biohil.operator import Action, Input, OperatorFailed, OperatorSkipped, OperatorTimeout
from biohil.operator.console import PersonOperator

Pty = tuple[int, tuple[IO[str], IO[str]]]
ACTION = Action(541530001, "FaceStation F2", Input.CARD, "test card", user_id="900001")


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
    return PersonOperator(tty, timeout, PromptLock(tmp_path), lambda i: f"FaceStation F2 {i} (127.0.10.2)")


def _screen(person: int) -> str:
    return os.read(person, 4096).decode()


def test_the_prompt_names_device_action_credential_and_completes_on_the_report(
    pty: Pty, tmp_path: Path
) -> None:
    person, tty = pty
    reported = threading.Event()
    worker = threading.Thread(target=lambda: _operator(tty, tmp_path).perform(ACTION, done=reported.wait))
    worker.start()
    screen = ""
    while "s left" not in screen:
        screen += _screen(person)
    assert 'present the card "test card" of user 900001 on FaceStation F2 541530001 (127.0.10.2)' in screen
    lock = open(tmp_path / "operator-prompt.lock")  # noqa: SIM115
    with pytest.raises(BlockingIOError):  # another process could not prompt now
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    reported.set()
    worker.join(10)
    assert not worker.is_alive()
    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released after the prompt
    lock.close()


@pytest.mark.parametrize(
    ("answer", "outcome"),
    [("\n", None), ("s\n", OperatorSkipped), ("f no power\n", OperatorFailed)],
    ids=["done", "skip", "fail"],
)
def test_the_persons_answers(
    pty: Pty, tmp_path: Path, answer: str, outcome: type[BaseException] | None
) -> None:
    person, tty = pty
    errors: list[BaseException] = []

    def run() -> None:
        try:
            _operator(tty, tmp_path).perform(ACTION)
        except BaseException as e:
            errors.append(e)

    worker = threading.Thread(target=run)
    worker.start()
    screen = ""
    while "s left" not in screen:
        screen += _screen(person)
    os.write(person, answer.encode())
    worker.join(10)
    assert not worker.is_alive()
    if outcome is None:
        assert errors == []
    else:
        assert len(errors) == 1 and isinstance(errors[0], outcome)
        if answer.startswith("f"):
            assert "the operator failed it (no power)" in str(errors[0])


def test_nobody_answers(pty: Pty, tmp_path: Path) -> None:
    _, tty = pty
    with pytest.raises(OperatorTimeout, match=r"nobody did this within 0\.3 s: present the card"):
        _operator(tty, tmp_path, timeout=0.3).perform(ACTION)
