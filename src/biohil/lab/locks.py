"""Terminal locks: one per terminal, so two runs never drive the same terminal. The lock file
carries its holder's record, for the message of a run that waits or gives up. (The prompt lock,
which the operator shares, is in biohil.common.locks.)"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path

from filelock import Timeout, UnixFileLock

from biohil.common.locks import file_lock

POLL = 0.5  # seconds between tries while another run holds a terminal
# A holder's record is empty for a moment while it is written or cleared: not a reason to give up.
UNKNOWN_GRACE = 2.0
# Another worker of this run gives a terminal back when its share of the run ends: waited for
# longer than another run, yet not for ever (a worker that hangs must not hang the run).
SAME_RUN_WAIT = 4 * 3600.0


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
        self._lock: UnixFileLock | None = None
        self._fd = -1  # the held lock's descriptor (filelock's, lent while it is held)

    def __repr__(self) -> str:
        return f"DeviceLock({self.label})"

    def acquire(self, wait: float, say: Callable[[str], None], run: str = "") -> str | None:
        """Take the lock, waiting up to `wait` seconds; None on success, else who holds it.

        A holder of the same run (another worker process) is waited for up to SAME_RUN_WAIT: it
        lets go when its part of the run ends, and the run needs the terminal. (A run's own
        process never waits on itself: biohil.lab.bench gives a lock back on any error.)
        """

        def write_holder(fd: int) -> None:  # the record waiters read to name the holder
            self._fd = fd
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(holder(run)).encode(), 0)

        lock = file_lock(self.path, on_acquired=write_holder, thread_local=False)
        start = time.monotonic()
        announced = False
        while True:
            try:
                # One try at a time, not filelock's own wait: whether and how long to wait depends
                # on who holds the lock, read between tries.
                lock.acquire(blocking=False)
                break
            except Timeout:
                held_by = _read_holder(self.path)
                ours = bool(run) and held_by.get("run") == run
                if not announced:
                    whom = "another worker of this run uses it" if ours else "another run holds it"
                    say(f"waiting for {self.label}: {whom} ({describe_holder(held_by)})")
                    announced = True
                limit = SAME_RUN_WAIT if ours else wait + (0.0 if held_by else UNKNOWN_GRACE)
                if time.monotonic() - start >= limit:
                    return describe_holder(held_by)
                threading.Event().wait(POLL)  # poll the lock until the deadline
        self._lock = lock
        return None

    def release(self) -> None:
        if self._lock is not None:
            os.ftruncate(self._fd, 0)  # still held: nobody reads the record of a holder that has gone
            self._lock.release()
            self._lock, self._fd = None, -1
