"""The bench PC itself, checked before the first scenario: a folder it cannot write, or a disk too
full for the journals, is named once as a usage error (with the fix), instead of failing every
scenario of the run one by one."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from biohil.client.errors import ConfigError

JOURNAL_ROOM = 16 * 1024 * 1024  # bytes the lock folder keeps free: a night's journals, many times over


class BenchPCError(ConfigError):
    """A folder of the bench PC the run needs cannot be used; str() is the one line to show."""


def writable_folder(path: Path, what: str, fix: str) -> None:
    """The folder exists (made if it can be), takes a file, and has room for the journals."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BenchPCError(f"{what} {path} cannot be created ({e.strerror}); {fix}") from None
    try:
        with tempfile.NamedTemporaryFile(dir=path, prefix=".biohil-probe-") as probe:
            probe.write(b"probe\n")
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as e:
        raise BenchPCError(f"{what} {path} cannot be written ({e.strerror}); {fix}") from None
    free = shutil.disk_usage(path).free
    if free < JOURNAL_ROOM:
        raise BenchPCError(
            f"{what} {path} has {free // 1024} KiB free, the journals need {JOURNAL_ROOM // 2**20} MiB; "
            f"free some space, or {fix}"
        )


def parent_folder(path: Path, what: str) -> None:
    """A folder the run creates (pytest's --basetemp): its parent must be there and writable."""
    parent = path.resolve().parent
    if not parent.is_dir():
        raise BenchPCError(f"{what} {path}: the folder {parent} does not exist; create it or give another")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise BenchPCError(f"{what} {path}: the folder {parent} cannot be written; give another")
