"""What a terminal is told to change, announced before it is sent.

Every write of the facade (users, auth config, monitoring, the gateway connection) runs inside
one of these context managers. The base class allows everything and records nothing: a plain
G-SDK client (tests, tools). The suite holds each terminal under test with a journal
(biohil.lab.journal) that checks the write, records how to undo it on disk first, and notes
the outcome; a gateway opened by the suite refuses writes to any terminal it does not hold.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from biohil.client.errors import WriteRefused


class Changes:
    """Writes to one terminal. Each context manager is entered before the call is sent and left
    when it has answered (the exception, if any, passes through)."""

    @contextmanager
    def users(self, what: str, user_ids: Sequence[str], create: bool) -> Iterator[None]:
        """Writing these users; `create`: an Enroll without overwrite, which may create them."""
        yield

    @contextmanager
    def deleting(self, what: str, user_ids: Sequence[str]) -> Iterator[None]:
        yield

    def delete_all(self) -> None:
        """DeleteAll is about to be sent."""

    @contextmanager
    def auth_config(self, restoring: bool) -> Iterator[None]:
        """Replacing the auth config; `restoring`: putting back what was there before."""
        yield

    @contextmanager
    def monitoring(self, on: bool) -> Iterator[None]:
        yield

    @contextmanager
    def connection(self, connect: bool) -> Iterator[None]:
        yield

    @property
    def monitoring_found(self) -> bool:
        """Whether the terminal's monitoring was on before the run (G-SDK cannot read it: a
        holder knows it, e.g. from the lab file); off when nobody holds the terminal."""
        return False

    def owns(self, user_id: str) -> bool:
        """Whether this run created the user (and so may change or delete it)."""
        return True


class NotHeld(Changes):
    """A terminal the run does not hold: every write is refused before it is sent."""

    def __init__(self, where: str) -> None:
        self.where = where

    def _refuse(self, what: str) -> WriteRefused:
        return WriteRefused(
            what, None, f"{self.where} is not held by this run; the suite writes only to terminals it holds"
        )

    @contextmanager
    def users(self, what: str, user_ids: Sequence[str], create: bool) -> Iterator[None]:
        raise self._refuse(what)
        yield  # pragma: no cover

    @contextmanager
    def deleting(self, what: str, user_ids: Sequence[str]) -> Iterator[None]:
        raise self._refuse(what)
        yield  # pragma: no cover

    def delete_all(self) -> None:
        raise self._refuse("User.DeleteAll")

    @contextmanager
    def auth_config(self, restoring: bool) -> Iterator[None]:
        raise self._refuse("Auth.SetConfig")
        yield  # pragma: no cover

    @contextmanager
    def monitoring(self, on: bool) -> Iterator[None]:
        raise self._refuse("Event.EnableMonitoring" if on else "Event.DisableMonitoring")
        yield  # pragma: no cover

    @contextmanager
    def connection(self, connect: bool) -> Iterator[None]:
        raise self._refuse("Connect.Connect" if connect else "Connect.Disconnect")
        yield  # pragma: no cover

    def owns(self, user_id: str) -> bool:
        return False
