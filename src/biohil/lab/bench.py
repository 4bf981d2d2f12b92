"""The terminals a run holds: taken one by one when the first scenario needs them, given back at
the end. The same on both targets (a lab, or the simulator).

Holding a terminal: its lock (one run per terminal), the undo of a journal an interrupted run
left, a journal of its own, preflight (connect, identity), and the snapshot of what it looks like
before the first change. A terminal that cannot be held is NOT TESTED, with the reason; one whose
cleanup failed after a scenario is quarantined: its remaining scenarios are skipped. At the end
every journal is undone and the terminal compared with its snapshot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from biohil.client import Device, Gateway, GsdkError
from biohil.lab import lease, preflight, snapshot
from biohil.lab.journal import Journal, JournalError
from biohil.lab.locks import DeviceLock, describe_holder
from biohil.lab.terminal import Terminal
from biohil.lab.undo import undo
from biohil.verdict import InfrastructureSkip

MOST_LISTED = 10  # user IDs named in one message


class TerminalNotTested(InfrastructureSkip):
    """The terminal could not be held (lock, recovery, preflight) or was quarantined."""


class _Refused(Exception):
    """Why a terminal cannot be held: becomes its NOT TESTED reason."""


@dataclass
class Held:
    terminal: Terminal
    device: Device
    journal: Journal
    before: snapshot.DeviceState
    lock: DeviceLock
    leased: dt.datetime  # when its lease on the terminal was last written
    quarantined: str | None = None


@dataclass
class BenchReport:
    """What the run did with its terminals, by terminal name. Plain data: xdist workers send it to
    the controller, which merges them."""

    tested: list[str] = field(default_factory=list)
    not_tested: dict[str, str] = field(default_factory=dict)
    recovered: dict[str, list[str]] = field(default_factory=dict)  # the recovery block
    quarantined: dict[str, str] = field(default_factory=dict)
    left: dict[str, list[str]] = field(default_factory=dict)  # the run's own changes not undone
    foreign: dict[str, list[str]] = field(default_factory=dict)  # others' changes, left alone

    def merge(self, other: dict[str, Any]) -> None:
        self.tested.extend(other["tested"])
        for name in ("not_tested", "recovered", "quarantined", "left", "foreign"):
            getattr(self, name).update(other[name])

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def failed(self) -> bool:
        """The run cannot be green: a terminal untested, quarantined or not put back."""
        return bool(self.not_tested or self.quarantined or self.left)

    def as_found(self) -> str:
        """Each terminal as the end-of-run comparison with its snapshot found it."""
        lines = []
        for name in self.tested:
            left, foreign = self.left.get(name), self.foreign.get(name)
            lines.append(f"{name}: {'NOT LEFT AS FOUND' if left else 'left as found'}")
            lines += [f"  not undone: {line}" for line in left or []]
            lines += [
                f"  changed by someone else during the run (left alone): {line}" for line in foreign or []
            ]
            if name in self.quarantined:
                lines.append(f"  quarantined: {self.quarantined[name]}")
        lines += [f"{name}: NOT TESTED: {why}" for name, why in self.not_tested.items()]
        return "\n".join(lines)


class Bench:
    def __init__(
        self,
        gateway: Gateway,
        lock_dir: Path,
        lock_wait: float,
        run: dict[str, Any],
        say: Callable[[str], None],
    ) -> None:
        self.gateway = gateway
        self.lock_dir = lock_dir
        self.lock_wait = lock_wait
        self.run = run  # holder(): who runs, shared by the workers of one run
        self.say = say
        self.report = BenchReport()
        self._held: dict[str, Held] = {}

    def __repr__(self) -> str:
        return f"Bench({sorted(self._held)})"

    def journal_path(self, terminal: Terminal) -> Path:
        return self.lock_dir / f"terminal-{terminal.key}.journal"

    # -- holding -------------------------------------------------------------------------------

    def hold(self, terminal: Terminal) -> Held:
        """The terminal, held by this run; TerminalNotTested with the reason if it cannot be."""
        name = terminal.name
        if name in self.report.not_tested:
            raise TerminalNotTested(f"{name}: {self.report.not_tested[name]}")
        held = self._held.get(name)
        if held is None:
            held = self._take(terminal)
        if held.quarantined is not None:
            raise TerminalNotTested(f"{name}: {held.quarantined}")
        try:
            held.leased = lease.renew(held.device, terminal.id_range, held.leased)
        except GsdkError as e:  # the lease lasts a while yet: the next scenario tries again
            self.say(f"{name}: could not renew its lease on the terminal ({e})")
        return held

    def _take(self, terminal: Terminal) -> Held:
        lock = DeviceLock(self.lock_dir, terminal.key, terminal.name)
        holder = lock.acquire(self.lock_wait, self.say, str(self.run["run"]))
        try:
            if holder is not None:
                raise _Refused(f"another run holds this terminal ({holder})")
            self._recover(terminal)
            held = self._preflight(terminal, lock)
        except _Refused as e:
            lock.release()
            self.report.not_tested[terminal.name] = str(e)
            self.say(f"NOT TESTED {terminal.name}: {e}")
            raise TerminalNotTested(f"{terminal.name}: {e}") from None
        self._held[terminal.name] = held
        self.report.tested.append(terminal.name)
        return held

    def _recover(self, terminal: Terminal) -> None:
        """Finish the undo of a run that did not end cleanly, before anything else is read."""
        path = self.journal_path(terminal)
        if not path.exists():
            return
        try:
            journal = Journal.resume(path)
        except JournalError as e:
            raise _Refused(f"an interrupted run's journal cannot be read: {e}; see the README") from None
        state = journal.state
        last = dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone().isoformat(timespec="seconds")
        self.gateway.hold(terminal.ip, terminal.port, journal)
        try:
            undone = undo(self.gateway, terminal, journal)
        except (GsdkError, JournalError) as e:
            raise _Refused(
                f"the changes of an interrupted run ({describe_holder(state.run)}) could not be undone: {e}; "
                f"its journal is kept at {path}"
            ) from None
        finally:
            self.gateway.let_go(terminal.ip, terminal.port)
        matches = "yes" if not undone.left else "NO: " + "; ".join(undone.left)
        block = [
            f"{terminal.name} ({terminal.ip}:{terminal.port}): a run that did not end cleanly "
            f"left its journal {path}",
            f"  that run: {describe_holder(state.run)}, last record {last}",
            f"  undone: {'; '.join(undone.done) or 'nothing was left to undo'}",
            f'  the terminal matches the journal\'s "before": {matches}',
        ]
        self.report.recovered[terminal.name] = block
        for line in block:
            self.say(line)
        if undone.left:
            raise _Refused(
                f"an interrupted run's changes are still there after its undo; its journal is kept at {path}"
            )
        journal.remove()

    def _preflight(self, terminal: Terminal, lock: DeviceLock) -> Held:
        listed = bool(self.gateway.listed_at(terminal.ip, terminal.port))
        described = {"name": terminal.name, "ip": terminal.ip, "port": terminal.port}
        try:
            journal = Journal.begin(
                self.journal_path(terminal), self.run, described, listed, terminal.id_range
            )
        except JournalError as e:
            raise _Refused(str(e)) from None
        self.gateway.hold(terminal.ip, terminal.port, journal)
        own_lease = lease.lease_id(terminal.id_range)
        try:
            device = preflight.check_device(self.gateway, terminal)
            journal.record("device", device_id=device.id)
            lease.check(device, terminal.id_range)  # before any change: a live lease is another run's
            taken = snapshot.take(device)
            before = snapshot.DeviceState(taken.auth_config, taken.user_ids - {own_lease})
            in_range = {u for u in before.user_ids if u in terminal.id_range}
            journal.snapshot(before.auth_config, sorted(in_range))
            if in_range and not terminal.shared_range:
                raise _Refused(
                    f"users {snapshot.ids(in_range, MOST_LISTED)} in its test user range {terminal.id_range} "
                    "were not created by the suite; give it a range nobody uses, or set "
                    "test_users.shared = true to test around them"
                )
            leased = lease.take(device, journal, terminal.id_range)
        except (GsdkError, preflight.PreflightError, lease.LeaseHeld, _Refused) as e:
            self._give_back(terminal, journal)
            reason = f"preflight: {e}" if isinstance(e, GsdkError | preflight.PreflightError) else e
            raise _Refused(str(reason)) from None
        info = device.info()
        self.say(
            f"{terminal.name} ({terminal.ip}:{terminal.port}): preflight OK: {info.modelName} {device.id}, "
            f"firmware {info.firmwareVersion}"
        )
        return Held(terminal, device, journal, before, lock, leased)

    def _give_back(self, terminal: Terminal, journal: Journal) -> None:
        """Undo what preflight changed (the connection) on a terminal that will not be tested."""
        try:
            if not undo(self.gateway, terminal, journal).left:
                journal.remove()
        except (GsdkError, JournalError) as e:
            self.say(f"{terminal.name}: could not undo the preflight ({e}); the next run will")
        finally:
            self.gateway.let_go(terminal.ip, terminal.port)

    # -- during the run ------------------------------------------------------------------------

    def quarantine(self, name: str, reason: str) -> None:
        """The terminal could not be put back after a scenario: skip the rest of its scenarios."""
        held = self._held.get(name)
        if held is not None and held.quarantined is None:
            held.quarantined = reason
            self.report.quarantined[name] = reason
            self.say(f"QUARANTINED {name}: {reason}")

    def where(self, device_id: int) -> str:
        """How a person knows a held terminal: "F2 at the door 541530001 (192.168.0.110)"."""
        for held in self._held.values():
            if held.device.id == device_id:
                return f"{held.terminal.name} {device_id} ({held.terminal.ip})"
        return f"device {device_id}"

    # -- the end -------------------------------------------------------------------------------

    def release(self) -> None:
        """Undo every journal, compare each terminal with its snapshot, let go of the locks."""
        for name, held in self._held.items():
            terminal, path = held.terminal, held.journal.path
            try:
                undone = undo(self.gateway, terminal, held.journal, held.before)
            except Exception as e:  # whatever it is, the other terminals are still put back
                self.report.left[name] = [f"could not be put back: {e}"]
            else:
                if undone.left:
                    self.report.left[name] = undone.left
                else:
                    held.journal.remove()
                if undone.foreign:
                    self.report.foreign[name] = undone.foreign
            finally:
                self.gateway.let_go(terminal.ip, terminal.port)
                held.lock.release()
            if name in self.report.left:
                self.report.left[name].append(f"its journal is kept at {path}: the next run undoes it")
            else:
                self.say(f"{name}: put back as it was found")
        self._held.clear()
