"""A lease recorded on the terminal itself, so that a run on another PC (another lock folder) does
not drive a terminal this run holds.

The lease is a user with the last ID of the terminal's test range: its name says who holds the
terminal, its end time until when. A run takes it with an Enroll that refuses an existing user
(the terminal decides who was first), renews it between scenarios, and deletes it at the end (it
is in the journal like any user the run creates, so the recovery of a dead run deletes it too). A
lease past its end time, or of a process of this PC that is gone, is a dead run's: it is taken
over.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import socket
from dataclasses import dataclass

from biohil.client import AlreadyExists, Device, NotFound
from biohil.client.testusers import IdRange
from biohil.gsdk import user_pb2
from biohil.lab.journal import Journal

PREFIX = "biohil lease "
MAX_NAME = 48  # characters of a user name (the contract's UserInfo.name)
TTL = dt.timedelta(minutes=30)  # longer than any one scenario: it is renewed between scenarios
RENEW_AFTER = dt.timedelta(minutes=5)


class LeaseHeld(Exception):
    """Another run, maybe on another PC, holds the terminal."""


@dataclass(frozen=True)
class Lease:
    holder: str
    until: dt.datetime


def lease_id(id_range: IdRange) -> str:
    return str(id_range.last)


def holder() -> str:
    return f"{getpass.getuser()}@{socket.gethostname()} pid {os.getpid()}"


def read(device: Device, id_range: IdRange) -> Lease | None:
    try:
        [user] = device.users(lease_id(id_range))
    except NotFound:
        return None
    until = dt.datetime.fromtimestamp(user.setting.endTime, dt.UTC)
    return Lease(user.name.removeprefix(PREFIX), until)


def _info(id_range: IdRange, now: dt.datetime) -> user_pb2.UserInfo:
    return user_pb2.UserInfo(
        hdr=user_pb2.UserHdr(ID=lease_id(id_range)),
        name=(PREFIX + holder())[:MAX_NAME],
        setting=user_pb2.UserSetting(startTime=int(now.timestamp()), endTime=int((now + TTL).timestamp())),
    )


def _dead_here(lease: Lease) -> bool:
    """The lease of a process of this PC that is gone (killed, its terminal closed)."""
    user_host, _, pid = lease.holder.partition(" pid ")
    if user_host.partition("@")[2] != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # another user's process, alive
        return False
    return False


def check(device: Device, id_range: IdRange) -> Lease | None:
    """The lease there is, if it is a dead run's (it may be taken over); LeaseHeld naming the
    holder if another run's is live."""
    current = read(device, id_range)
    if current is not None and current.until > dt.datetime.now(dt.UTC) and not _dead_here(current):
        raise LeaseHeld(
            f"another run holds this terminal (its lease on the terminal: {current.holder}, until "
            f"{current.until.astimezone().isoformat(timespec='seconds')}; renewed while that run lasts)"
        )
    return current


def take(device: Device, journal: Journal, id_range: IdRange) -> dt.datetime:
    """Take the terminal's lease (LeaseHeld naming the holder if a live one is another run's);
    returns when it was taken."""
    now = dt.datetime.now(dt.UTC)
    current = check(device, id_range)
    info = _info(id_range, now)
    if current is not None:  # a dead run's, on another PC: expired, so this run takes it over
        journal.adopt(info.hdr.ID)
        device.enroll([info], overwrite=True)
        return now
    try:
        device.enroll([info])
    except AlreadyExists:  # another run took it a moment ago
        return take(device, journal, id_range)
    return now


def renew(device: Device, id_range: IdRange, taken: dt.datetime) -> dt.datetime:
    """Extend the lease if it is getting old; returns when it was last written."""
    now = dt.datetime.now(dt.UTC)
    if now - taken < RENEW_AFTER:
        return taken
    device.enroll([_info(id_range, now)], overwrite=True)
    return now
