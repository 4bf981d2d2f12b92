"""File locks: one per terminal (two runs never drive the same terminal) and one for prompts
(a person never sees two prompts at once, even from parallel workers)."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import getpass
import json
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

POLL = 0.5  # seconds between tries while another run holds a terminal


def _holder() -> str:
    return json.dumps(
        {
            "host": socket.gethostname(),
            "user": getpass.getuser(),
            "pid": os.getpid(),
            "since": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        }
    )


def describe_holder(text: str) -> str:
    try:
        h = json.loads(text)
        return f"{h['user']}@{h['host']}, process {h['pid']}, since {h['since']}"
    except (ValueError, KeyError, TypeError):
        return "an unknown holder"


class DeviceLock:
    def __init__(self, directory: Path, key: str, label: str) -> None:
        self.path = directory / f"terminal-{key}.lock"
        self.label = label
        self._fd: int | None = None

    def __repr__(self) -> str:
        return f"DeviceLock({self.label})"

    def acquire(self, wait: float, say: Callable[[str], None]) -> str | None:
        """Take the lock, waiting up to `wait` seconds; None on success, else who holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        announced = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = describe_holder(self.path.read_text())
                if not announced:
                    say(f"waiting for {self.label}: another run holds it ({holder})")
                    announced = True
                if time.monotonic() >= deadline:
                    os.close(fd)
                    return holder
                threading.Event().wait(POLL)  # poll the lock until the deadline
        os.ftruncate(fd, 0)
        os.pwrite(fd, _holder().encode(), 0)
        self._fd = fd
        return None

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


class PromptLock:
    """Serialises prompts within a process (threads) and across processes (a file lock)."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / "operator-prompt.lock"
        self._thread_lock = threading.Lock()

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._thread_lock, open(self.path, "a") as f:
            fcntl.flock(f, fcntl.LOCK_EX)  # waits while another process prompts
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)
