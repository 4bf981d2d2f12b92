"""File locks the lab and the operator share: the kernel's flock, through filelock."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from filelock import UnixFileLock


def file_lock(
    path: Path,
    *,
    on_acquired: Callable[[int], None] | None = None,
    is_singleton: bool = False,
    thread_local: bool = True,
) -> UnixFileLock:
    """An exclusive flock on `path`. The kernel lets go of it when its process ends, however it
    ends (SIGKILL, a power cut), so a dead holder never blocks the next run. Never a soft lock
    (filelock's fallback where flock is missing): its marker file would outlive a killed holder.
    The file stays in place: it may carry the holder's record, and waiters must share its inode."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return UnixFileLock(
        os.fspath(path),
        fallback_to_soft=False,
        preserve_lock_file=True,
        on_acquired=on_acquired,
        is_singleton=is_singleton,
        thread_local=thread_local,
    )


# A prompt holds the console for one action at a time (each with the operator's timeout); a wait
# longer than this means a holder that hangs, and ends as filelock's Timeout (infrastructure).
PROMPT_WAIT = 3600.0


class PromptLock:
    """Serialises prompts within a process (threads) and across processes (a file lock)."""

    def __init__(self, directory: Path, wait: float = PROMPT_WAIT) -> None:
        self.path = directory / "operator-prompt.lock"
        self.wait = wait

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        # One lock object per file in this process (operators of several scenarios share it, and
        # filelock refuses two objects waiting on one path); each thread holds it through its own
        # descriptor, so threads wait for each other as processes do. The prompt being shown has
        # its own timeout; this deadline only stops a hung holder from hanging the run.
        with file_lock(self.path, is_singleton=True).acquire(timeout=self.wait):
            yield
