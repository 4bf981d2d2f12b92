"""A write-ahead journal per terminal: what this run is about to change, on disk before it is sent.

One JSON object per line, appended and fsynced before the write goes out, so that whatever
kills the run (SIGKILL, a crash, a power cut) the next run knows what to undo. The journal is
also the write guard: a user may be created only inside the test ID range, and changed or
deleted only if this run created it; DeleteAll is never sent. A clean end removes the file.

Records (`kind`):
  begin          who ran, the terminal, its test user range, whether the gateway had it connected,
                 whether its monitoring was on (as the lab file declares it)
  device         the device ID the terminal answered with
  snapshot       the auth config before the first change, and the users found in the test range
                 (for a person undoing by hand; the suite never touches them)
  create         users an Enroll may create (written first); not_created when it surely did not
  deleted        users of this run that are gone again
  auth           the auth config is about to be replaced; auth_restored once it is put back
  monitoring     monitoring switched away from how it was found (written first) or back (after)
  connect        the gateway is about to connect / disconnect the terminal
  disconnect
  check          a quarantined terminal is examined again (the journal can be written)
"""

from __future__ import annotations

import base64
import datetime as dt
import errno
import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from biohil.client.changes import Changes
from biohil.client.errors import (
    DeviceNotConnected,
    GatewayUnavailable,
    GsdkError,
    NotCreatedByRun,
    OutsideTestRange,
    Timeout,
    WriteRefused,
)
from biohil.client.testusers import IdRange
from biohil.gsdk import auth_pb2
from biohil.verdict import Cause


class JournalError(Exception):
    """The journal file cannot be read or written (the bench PC's disk or folder); the message
    names the file."""

    cause: ClassVar[Cause] = Cause.INFRASTRUCTURE


@dataclass
class State:
    """What the records say, replayed in order."""

    run: dict[str, Any] = field(default_factory=dict)  # user, host, pid, since, run
    terminal: dict[str, Any] = field(default_factory=dict)  # name, ip, port
    id_range: IdRange | None = None  # the test user range of that run
    connected_before: bool = False
    device_id: int | None = None
    auth_before: auth_pb2.AuthConfig | None = None
    created: set[str] = field(default_factory=set)  # may exist on the terminal because of this run
    auth_changed: bool = False  # replaced and not yet put back
    auth_touched: bool = False  # replaced at some point of the run
    monitoring_before: bool = False  # as found (declared: G-SDK cannot read it)
    monitoring: bool | None = None  # as this run last set it (None: never touched)
    connected: bool = False  # as far as this run's own records go
    connection_touched: bool = False

    @property
    def monitoring_changed(self) -> bool:
        """Monitoring is not as it was found, as far as this run's records go."""
        return self.monitoring is not None and self.monitoring != self.monitoring_before

    def apply(self, record: dict[str, Any]) -> None:
        kind = record["kind"]
        if kind == "begin":
            self.run, self.terminal = record["run"], record["terminal"]
            self.id_range = IdRange(*record["range"])
            self.connected_before = self.connected = bool(record["connected_before"])
            self.monitoring_before = bool(record.get("monitoring_before", False))
        elif kind == "device":
            self.device_id = int(record["device_id"])
        elif kind == "snapshot":
            self.auth_before = auth_pb2.AuthConfig.FromString(base64.b64decode(record["auth_config"]))
        elif kind == "create":
            self.created.update(record["users"])
        elif kind in ("not_created", "deleted"):
            self.created.difference_update(record["users"])
        elif kind == "auth":
            self.auth_changed = self.auth_touched = True
        elif kind == "auth_restored":
            self.auth_changed = False
        elif kind == "monitoring":
            self.monitoring = bool(record["on"])
        elif kind in ("connect", "disconnect"):
            self.connected, self.connection_touched = kind == "connect", True
        elif kind == "check":
            pass  # changes nothing: it shows the journal could be written
        else:
            raise ValueError(f"unknown record kind {kind!r}")


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def read(path: Path) -> State:
    """Replay a journal. A last line cut short (the run died while writing it) is ignored: its
    change was never sent, because a record is on disk before its change goes out."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise JournalError(f"{path}: cannot be read ({e.strerror})") from None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    elif lines:
        lines.pop()  # no newline: a torn write
    state = State()
    for n, line in enumerate(lines, 1):
        try:
            state.apply(json.loads(line))
        except (ValueError, KeyError, TypeError) as e:
            raise JournalError(f"{path}: line {n} is not a journal record ({e})") from None
    if not state.run:
        raise JournalError(f"{path}: has no begin record")
    return state


class Journal(Changes):
    """The journal of one terminal for one run, and the write guard that goes with it."""

    def __init__(self, path: Path, state: State) -> None:
        self.path = path
        self.state = state

    def __repr__(self) -> str:
        return f"Journal({self.path.name})"

    @classmethod
    def begin(
        cls,
        path: Path,
        run: dict[str, Any],
        terminal: dict[str, Any],
        connected_before: bool,
        id_range: IdRange,
        monitoring_before: bool = False,
    ) -> Journal:
        if path.exists():
            raise JournalError(f"{path}: a journal is already there; it must be undone first")
        path.parent.mkdir(parents=True, exist_ok=True)
        journal = cls(path, State())
        journal.record(
            "begin",
            run=run,
            terminal=terminal,
            connected_before=connected_before,
            range=[id_range.first, id_range.last],
            monitoring_before=monitoring_before,
        )
        _sync_dir(path.parent)  # the new file's name survives a power cut too
        return journal

    @classmethod
    def resume(cls, path: Path) -> Journal:
        """A journal an earlier run left, to be undone by this one (within that run's range)."""
        return cls(path, read(path))

    @property
    def id_range(self) -> IdRange:
        assert self.state.id_range is not None, "a journal starts with its begin record"
        return self.state.id_range

    def record(self, kind: str, **data: Any) -> None:
        record = {"kind": kind, "at": _now(), **data}
        line = json.dumps(record, separators=(",", ":")) + "\n"
        encoded = line.encode()
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                size = os.fstat(fd).st_size
                written = os.write(fd, encoded)
                if written != len(encoded):  # a disk that took part of it: no torn record is left
                    os.ftruncate(fd, size)
                    raise OSError(errno.ENOSPC, f"the disk took {written} of {len(encoded)} bytes")
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as e:
            raise JournalError(f"{self.path}: cannot be written ({e.strerror})") from None
        self.state.apply(record)

    def _after_undo(self, kind: str, **data: Any) -> None:
        """A record that an undo has happened: best effort. If the journal cannot take it (a full
        disk), the undo still stands and the record is kept in memory only; the file then claims
        more than is left, which the next run's undo (it reads before it writes) finds done."""
        try:
            self.record(kind, **data)
        except JournalError:
            self.state.apply({"kind": kind, "at": _now(), **data})

    def snapshot(self, auth_config: auth_pb2.AuthConfig, range_users: Sequence[str]) -> None:
        encoded = base64.b64encode(auth_config.SerializeToString()).decode()
        self.record("snapshot", auth_config=encoded, range_users=sorted(range_users))

    def remove(self) -> None:
        """The clean end: nothing is left to undo."""
        self.path.unlink(missing_ok=True)
        _sync_dir(self.path.parent)

    # -- the write guard (biohil.client.changes) ---------------------------------------------

    def _check_range(self, what: str, user_ids: Sequence[str]) -> None:
        outside = [u for u in user_ids if u not in self.id_range]
        if outside:
            raise OutsideTestRange(
                what,
                None,
                f"user {outside[0]!r} is outside the test user range {self.id_range}; "
                "the suite writes only test users",
            )

    def owns(self, user_id: str) -> bool:
        return user_id in self.state.created

    @property
    def monitoring_found(self) -> bool:
        return self.state.monitoring_before

    def adopt(self, user_id: str) -> None:
        """A test-range user this run takes over (a dead run's expired lease): from now on it is
        this run's, to change and to delete."""
        self._check_range("adopt", [user_id])
        self.record("create", users=[user_id])

    @contextmanager
    def users(self, what: str, user_ids: Sequence[str], create: bool) -> Iterator[None]:
        self._check_range(what, user_ids)
        new = [u for u in user_ids if not self.owns(u)]
        if new and not create:
            raise NotCreatedByRun(
                what,
                None,
                f"user {new[0]} was not created by this run; the suite changes only users it created",
            )
        if not new:
            yield
            return
        self.record("create", users=new)
        try:
            yield
        except GsdkError as e:
            if not isinstance(e, GatewayUnavailable | Timeout | DeviceNotConnected):  # answered: not stored
                self.record("not_created", users=new)
            raise

    @contextmanager
    def deleting(self, what: str, user_ids: Sequence[str]) -> Iterator[None]:
        with self.users(what, user_ids, create=False):
            yield
        self._after_undo("deleted", users=list(user_ids))

    def delete_all(self) -> None:
        raise WriteRefused(
            "User.DeleteAll",
            None,
            "DeleteAll would delete real users; it is never sent to a terminal under test",
        )

    @contextmanager
    def auth_config(self, restoring: bool) -> Iterator[None]:
        if not restoring and not self.state.auth_changed:
            self.record("auth")
        yield
        if restoring and self.state.auth_changed:
            self._after_undo("auth_restored")

    @contextmanager
    def monitoring(self, on: bool) -> Iterator[None]:
        state = self.state
        now = state.monitoring if state.monitoring is not None else state.monitoring_before
        if on == now:
            yield
        elif on != state.monitoring_before:  # away from how it was found: recorded first
            self.record("monitoring", on=on)
            yield
        else:  # back as it was found
            yield
            self._after_undo("monitoring", on=on)

    @contextmanager
    def connection(self, connect: bool) -> Iterator[None]:
        if connect == self.state.connected:
            yield
        elif connect == self.state.connected_before:  # putting back: nothing new to undo later
            yield
            self._after_undo("connect" if connect else "disconnect")
        elif self.state.connection_touched:
            # Any undo of this journal already puts the connection back as it was before the
            # run: a full disk must not stop the connection an undo itself needs.
            self._after_undo("connect" if connect else "disconnect")
            yield
        else:
            self.record("connect" if connect else "disconnect")
            yield


def _sync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
