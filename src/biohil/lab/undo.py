"""Undoing what a journal says is left on a terminal, then checking the terminal against the
journal's "before". The same code ends a run cleanly and finishes the undo of a run that died.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from biohil.client import cleanup, readback
from biohil.client.gateway import Device, Gateway
from biohil.lab import snapshot
from biohil.lab.journal import Journal, JournalError
from biohil.lab.terminal import Terminal


@dataclass
class Undone:
    done: list[str] = field(default_factory=list)  # what had to be undone, in words
    left: list[str] = field(default_factory=list)  # what still differs from the journal's before
    foreign: list[str] = field(default_factory=list)  # what someone else changed (left alone)


def undo(
    gateway: Gateway,
    terminal: Terminal,
    journal: Journal,
    before: snapshot.DeviceState | None = None,
    keep: frozenset[str] | set[str] = frozenset(),
) -> Undone:
    """Put back what the journal's run changed; `before`, the run's full snapshot, also finds
    what others changed. Raises GsdkError if the terminal cannot be reached (after retrying within
    one budget), and JournalError if it answers as another device than the journal's. `keep`:
    users of the run that stay (a quarantined terminal's own lease, while the run goes on)."""
    out = Undone()
    with cleanup.budget():  # every step reads first: the whole undo is run again after a fault
        cleanup.cleanup_retry(_undo)(gateway, terminal, journal, before, out, frozenset(keep))
    return out


def _undo(
    gateway: Gateway,
    terminal: Terminal,
    journal: Journal,
    before: snapshot.DeviceState | None,
    out: Undone,
    keep: frozenset[str],
) -> None:
    state = journal.state
    created = state.created - keep
    out.left.clear()
    if state.created or state.auth_touched or state.monitoring_changed or before is not None:
        device = _device(gateway, terminal, journal)
        put_back = state.auth_touched and state.auth_before is not None
        if put_back and cleanup.put_auth_config(device, state.auth_before):
            out.done.append("auth config put back")  # kept across tries: each is said once
        if created and (deleted := cleanup.remove_users(device, created)):
            out.done.append(f"deleted users {', '.join(deleted)} (created by that run)")
        if state.monitoring_changed:
            cleanup.monitoring_as_found(device, state.monitoring_before)
            out.done.append(f"monitoring {'on' if state.monitoring_before else 'off'} again")
        elif before is not None and state.monitoring_before:  # a gateway restart ends it unrecorded
            cleanup.monitoring_as_found(device, True)
        now = snapshot.take(device)
        out.left = _still_changed(now, journal, keep)
        if before is not None:
            out.foreign = snapshot.foreign(before, now, state.created, state.auth_touched)
    if state.connection_touched:
        wanted = state.connected_before
        if cleanup.connection(gateway, terminal.ip, terminal.port, terminal.use_ssl, wanted):
            out.done.append("connected to the gateway again" if wanted else "disconnected from the gateway")
        listed = bool(gateway.listed_at(terminal.ip, terminal.port))
        if listed != wanted:
            out.left.append("connected to the gateway" if listed else "not connected to the gateway")


def _device(gateway: Gateway, terminal: Terminal, journal: Journal) -> Device:
    """The terminal, connected (through the journal, so a connection made here is undone too)."""
    listed = gateway.listed_at(terminal.ip, terminal.port)
    device = gateway.device(listed[0].device_id) if listed else _connect(gateway, terminal)
    expected = journal.state.device_id
    if expected is not None and device.id != expected:
        raise JournalError(
            f"{journal.path}: is for device {expected}, but {terminal.ip}:{terminal.port} answers as "
            f"device {device.id}; if the terminal was replaced, undo the old one by hand and remove the file"
        )
    return device


@cleanup.cleanup_retry
def _connect(gateway: Gateway, terminal: Terminal) -> Device:
    return gateway.connect(terminal.ip, terminal.port, terminal.use_ssl)


def _still_changed(now: snapshot.DeviceState, journal: Journal, keep: frozenset[str]) -> list[str]:
    state, out = journal.state, []
    if still := sorted((state.created - keep) & now.user_ids):
        out.append(f"users {', '.join(still)} created by the run are still there")
    # Read back after the journal's copy was written, whole, as a scenario's restore reads it
    # (that one raises; an undo notes it and goes on with its other steps).
    before = state.auth_before if state.auth_touched else None
    if before is not None and (found := readback.auth_config_differences(before, now.auth_config)):
        out.append(
            f"the auth config was written back from the journal, but device {state.device_id} "
            f"answers otherwise: {'; '.join(map(str, found))}"
        )
    return out
