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
# A holder's record is empty for a moment while it is written or cleared: not a reason to give up.
UNKNOWN_GRACE = 2.0


def holder(run: str = "") -> dict[str, object]:
    """Who this process is, as lock files and journals name it; `run` is shared by the worker
    processes of one run."""
    return {
        "host": socket.gethostname(),
        "user": getpass.getuser(),
        "pid": os.getpid(),
        "since": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "run": run,
    }


def describe_holder(h: object) -> str:
    try:
        assert isinstance(h, dict)
        return f"{h['user']}@{h['host']}, process {h['pid']}, since {h['since']}"
    except (AssertionError, KeyError, TypeError):
        return "an unknown holder"


def _read_holder(path: Path) -> dict[str, object]:
    try:
        h = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return h if isinstance(h, dict) else {}


class DeviceLock:
    def __init__(self, directory: Path, key: str, label: str) -> None:
        self.path = directory / f"terminal-{key}.lock"
        self.label = label
        self._fd: int | None = None

    def __repr__(self) -> str:
        return f"DeviceLock({self.label})"

    def acquire(self, wait: float, say: Callable[[str], None], run: str = "") -> str | None:
        """Take the lock, waiting up to `wait` seconds; None on success, else who holds it.

        A holder of the same run (another worker process) is waited for without limit: it lets go
        when its part of the run ends, and the run needs the terminal.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        announced = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                held_by = _read_holder(self.path)
                ours = bool(run) and held_by.get("run") == run
                if not announced:
                    whom = "another worker of this run uses it" if ours else "another run holds it"
                    say(f"waiting for {self.label}: {whom} ({describe_holder(held_by)})")
                    announced = True
                if not ours and time.monotonic() >= deadline + (0.0 if held_by else UNKNOWN_GRACE):
                    os.close(fd)
                    return describe_holder(held_by)
                threading.Event().wait(POLL)  # poll the lock until the deadline
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder(run)).encode(), 0)
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
