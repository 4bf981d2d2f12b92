"""The terminals a run holds: taken one by one when the first scenario needs them, given back at
the end. The same on both targets (a lab, or the simulator).

Holding a terminal: its lock (one run per terminal), the undo of a journal an interrupted run
left, a journal of its own, preflight (connect, identity), and the snapshot of what it looks like
before the first change. A terminal that cannot be held is NOT TESTED, with the reason: for good
when the reason is a fact (another run holds it, it is another terminal, users of the range are
someone else's), until a later scenario tries again when it is a fault (gateway, link, bench PC).
A terminal whose cleanup failed after a scenario is quarantined, and examined again before each
later scenario: reconnected, its journal undone, its state compared with the journal's "before";
re-admitted when healthy. Every undo retries transient errors within one budget
(biohil.client.cleanup.budget). At the end every journal is undone and the terminal compared with
its snapshot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from biohil.client import Device, Gateway, GsdkError, cleanup
from biohil.client.refclock import ClockOffset, measure_offset
from biohil.lab import lease, preflight, snapshot
from biohil.lab.journal import Journal, JournalError
from biohil.lab.locks import DeviceLock, describe_holder
from biohil.lab.terminal import Terminal
from biohil.lab.undo import undo
from biohil.verdict import Cause, InfrastructureSkip, cause_of

MOST_LISTED = 10  # user IDs named in one message
LONG_AGO = dt.datetime.min.replace(tzinfo=dt.UTC)  # a lease "taken" then is written again at once


class TerminalNotTested(InfrastructureSkip):
    """The terminal could not be held (lock, recovery, preflight) or was quarantined."""


class _Refused(Exception):
    """Why a terminal cannot be held: becomes its NOT TESTED reason. `final`: a fact that no later
    try changes (another run holds it, another terminal answers); else a fault, tried again."""

    def __init__(self, reason: str, final: bool = True) -> None:
        super().__init__(reason)
        self.final = final


def _monitoring_left(terminal: Terminal, on: bool) -> str:
    how = terminal.monitoring_known
    if terminal.monitoring and not on:
        how = f"not connected to the gateway before the run, so nobody's was on, whatever {how} says"
    return f"monitoring left {'on' if on else 'off'}, as found ({how})"


NOT_MEASURED = "not measured (the lease's enrolment logged no record)"


def _clock() -> str:
    return dt.datetime.now().astimezone().strftime("%H:%M:%S")


@dataclass
class Held:
    terminal: Terminal
    device: Device
    journal: Journal
    before: snapshot.DeviceState
    lock: DeviceLock
    leased: dt.datetime  # when its lease on the terminal was last written
    offset: ClockOffset | None  # its clock against the bench PC's UTC (None: not measured)
    quarantined: str | None = None  # why it is out of the run, while it is
    since: str = ""  # from when


@dataclass
class BenchReport:
    """What the run did with its terminals, by terminal name. Plain data: xdist workers send it to
    the controller, which merges them."""

    tested: list[str] = field(default_factory=list)
    not_tested: dict[str, str] = field(default_factory=dict)
    recovered: dict[str, list[str]] = field(default_factory=dict)  # the recovery block
    quarantined: dict[str, str] = field(default_factory=dict)  # out of the run at its end
    outages: dict[str, list[str]] = field(default_factory=dict)  # "from 01:02:03 to 01:02:09: why"
    monitoring: dict[str, str] = field(default_factory=dict)  # how it was left, and how that was known
    healthy: list[str] = field(default_factory=list)  # merged: terminals a worker ended with in the run
    left: dict[str, list[str]] = field(default_factory=dict)  # the run's own changes not undone
    foreign: dict[str, list[str]] = field(default_factory=dict)  # others' changes, left alone

    def merge(self, other: dict[str, Any]) -> None:
        """Another worker's report (xdist). A terminal one worker ends with in the run is not
        quarantined at the end, whatever another worker's part of the run saw."""
        self.tested.extend(n for n in other["tested"] if n not in self.tested)
        for name in ("not_tested", "recovered", "quarantined", "monitoring", "left", "foreign"):
            getattr(self, name).update(other[name])
        for name, outages in other["outages"].items():
            self.outages.setdefault(name, []).extend(outages)
        self.healthy.extend(n for n in other["tested"] if n not in other["quarantined"])
        for name in self.healthy:
            self.quarantined.pop(name, None)

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
            lines += [f"  {self.monitoring[name]}"] if name in self.monitoring else []
            lines += [f"  not undone: {line}" for line in left or []]
            lines += [
                f"  changed by someone else during the run (left alone): {line}" for line in foreign or []
            ]
            lines += [f"  out of the run {outage}" for outage in self.outages.get(name, [])]
        lines += [f"{name}: NOT TESTED: {why}" for name, why in self.not_tested.items()]
        for name in (n for n in self.outages if n not in self.tested):  # a preflight fault to the end
            lines.append(f"{name}: NOT TESTED")
            lines += [f"  out of the run {outage}" for outage in self.outages[name]]
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
        self._pending: dict[str, tuple[str, str, Terminal]] = {}  # not taken after a fault: why, since

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
        self._gateway_up(name)
        held = self._held.get(name)
        if held is None:
            held = self._take(terminal)
        if held.quarantined is not None:
            self._examine(held)
        try:
            held.leased = lease.renew(held.device, terminal.id_range, held.leased)
        except GsdkError as e:  # the lease lasts a while yet: the next scenario tries again
            self.say(f"{name}: could not renew its lease on the terminal ({e})")
        return held

    def _gateway_up(self, name: str) -> None:
        """A gateway away for a moment (a restart) is waited for, within the retry budget, before
        a scenario starts, rather than failing the scenarios that start while it is away."""
        try:
            with cleanup.budget():
                cleanup.cleanup_retry(self.gateway.device_list)()
        except GsdkError as e:
            raise TerminalNotTested(f"{name}: the gateway cannot be reached: {e}") from None

    def _take(self, terminal: Terminal) -> Held:
        name = terminal.name
        lock = DeviceLock(self.lock_dir, terminal.key, name)
        holder = lock.acquire(self.lock_wait, self.say, str(self.run["run"]))
        try:
            if holder is not None:
                raise _Refused(f"another run holds this terminal ({holder})")
            self._recover(terminal)
            held = self._preflight(terminal, lock)
        except Exception as e:  # whatever it is, the lock goes back
            lock.release()
            if isinstance(e, _Refused):
                return self._refused(terminal, e)
            cause = cause_of(e)
            if cause is Cause.INFRASTRUCTURE:  # a fault: a later scenario tries again
                return self._refused(terminal, _Refused(f"preflight: {e}", final=False))
            # The terminal refused a valid request (product) or the suite failed (suite): the
            # scenario that met it fails with that cause, once; the terminal is out for the rest.
            self.report.not_tested[name] = f"preflight: {e} ({cause})"
            self.say(f"NOT TESTED {name}: preflight: {e} ({cause})")
            raise
        self._held[name] = held
        if name not in self.report.tested:
            self.report.tested.append(name)
        if name in self._pending:
            why, since, _ = self._pending.pop(name)
            self._back(name, why, since)
        return held

    def _refused(self, terminal: Terminal, refused: _Refused) -> Held:
        """Not tested: for good, or (a fault) as a quarantined terminal that a later scenario
        tries to take again."""
        name = terminal.name
        if refused.final:
            self.report.not_tested[name] = str(refused)
            self.say(f"NOT TESTED {name}: {refused}")
            raise TerminalNotTested(f"{name}: {refused}") from None
        if name not in self._pending:  # said once; each scenario's skip gives the reason
            self.say(f"QUARANTINED {name}: {refused}")
        since = self._pending[name][1] if name in self._pending else _clock()
        self._pending[name] = (str(refused), since, terminal)
        self.report.quarantined[name] = str(refused)
        raise TerminalNotTested(f"{name}: {refused}") from None

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
            fault = isinstance(e, GsdkError) and e.cause is Cause.INFRASTRUCTURE  # tried again later
            raise _Refused(
                f"the changes of an interrupted run ({describe_holder(state.run)}) could not be undone: {e}; "
                f"its journal is kept at {path}",
                final=not fault,
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
                self.journal_path(terminal),
                self.run,
                described,
                listed,
                terminal.id_range,
                terminal.monitoring and listed,  # monitoring lives on a connection: none, none on
            )
        except JournalError as e:
            raise _Refused(str(e), final=False) from None
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
            # The lease's enrolment is a record written at a known bench time: the terminal's clock.
            leased, offset = measure_offset(
                device, own_lease, lambda: lease.take(device, journal, terminal.id_range)
            )
            info = device.info()
        except Exception as e:  # whatever it is, preflight's own changes are given back
            if left := self._give_back(terminal, journal):
                self.say(
                    f"{terminal.name}: could not undo the preflight ({'; '.join(left)}); the next run will"
                )
            if isinstance(e, _Refused | lease.LeaseHeld):
                raise _Refused(str(e)) from None
            if isinstance(e, preflight.PreflightError):
                raise _Refused(f"preflight: {e}") from None
            raise
        self.say(
            f"{terminal.name} ({terminal.ip}:{terminal.port}): preflight OK: {info.modelName} {device.id}, "
            f"firmware {info.firmwareVersion}, clock {offset.describe() if offset else NOT_MEASURED}"
        )
        return Held(terminal, device, journal, before, lock, leased, offset)

    def _give_back_pending(self, terminal: Terminal) -> None:
        """A terminal a preflight fault kept out to the end: what that preflight changed and could
        not give back (its journal is still there) is undone now, or reported not left as found."""
        path = self.journal_path(terminal)
        if not path.exists():
            return
        try:
            journal = Journal.resume(path)
        except JournalError as e:
            left = [f"could not be put back: {e}"]
        else:
            self.gateway.hold(terminal.ip, terminal.port, journal)
            with cleanup.budget(fresh=True):
                left = self._give_back(terminal, journal)
        if left:
            self.report.left[terminal.name] = [
                *left,
                f"its journal is kept at {path}: the next run undoes it",
            ]

    def _give_back(self, terminal: Terminal, journal: Journal) -> list[str]:
        """Undo what preflight changed (the connection, the lease) on a terminal that will not be
        tested; returns what is left (nothing: the journal is removed)."""
        try:
            left = undo(self.gateway, terminal, journal).left
        except (GsdkError, JournalError) as e:
            left = [f"could not be put back: {e}"]
        finally:
            self.gateway.let_go(terminal.ip, terminal.port)
        if not left:
            journal.remove()
        return left

    # -- during the run ------------------------------------------------------------------------

    def quarantine(self, name: str, reason: str) -> None:
        """The terminal could not be put back after a scenario: out of the run until a later
        scenario finds it healthy again (_examine)."""
        held = self._held.get(name)
        if held is not None and held.quarantined is None:
            held.quarantined, held.since = reason, _clock()
            self.report.quarantined[name] = reason
            self.say(f"QUARANTINED {name}: {reason}")

    def _examine(self, held: Held) -> None:
        """A quarantined terminal, before a later scenario: its journal writable, what the run
        changed undone (reconnected if the gateway lost it) and its state as the journal's
        "before", then preflight and the lease again. Re-admitted if all holds, else
        TerminalNotTested saying why it is still out."""
        terminal = held.terminal
        own_lease = lease.lease_id(terminal.id_range)
        try:
            # As long as the longest record the run writes: a disk with less room is still full.
            held.journal.record("check", room="." * 512)
            undone = undo(self.gateway, terminal, held.journal, held.before, keep={own_lease})
            if undone.left:
                raise _Refused("; ".join(undone.left))
            with cleanup.budget():
                device = preflight.check_device(self.gateway, terminal)
                held.leased = lease.renew(device, terminal.id_range, LONG_AGO)  # kept, written again
        except Exception as e:
            known = isinstance(e, _Refused | lease.LeaseHeld | preflight.PreflightError)
            if not known and cause_of(e) is Cause.SUITE:
                raise
            still = f"out since {held.since}; checked again at {_clock()}: {e}"
            raise TerminalNotTested(f"{terminal.name}: {held.quarantined} ({still})") from None
        held.device = device
        self._back(terminal.name, held.quarantined or "", held.since)
        held.quarantined = None

    def _back(self, name: str, why: str, since: str) -> None:
        self.report.quarantined.pop(name, None)
        self.report.outages.setdefault(name, []).append(f"from {since} to {_clock()}: {why}")
        self.say(f"{name}: back in the run (out from {since}: {why})")

    def offset(self, device_id: int) -> ClockOffset | None:
        """The clock offset measured at the preflight of the held terminal with that device ID."""
        return next((h.offset for h in self._held.values() if h.device.id == device_id), None)

    def where(self, device_id: int) -> str:
        """How a person knows a held terminal: "F2 at the door 541530001 (192.168.0.110)"."""
        for held in self._held.values():
            if held.device.id == device_id:
                return f"{held.terminal.name} {device_id} ({held.terminal.ip})"
        return f"device {device_id}"

    # -- the end -------------------------------------------------------------------------------

    def release(self) -> None:
        """Undo every journal, compare each terminal with its snapshot, let go of the locks."""
        end = f"to the end of the run at {_clock()}"
        for name, (why, since, terminal) in self._pending.items():
            self.report.outages.setdefault(name, []).append(f"from {since} {end}: {why}")
            self._give_back_pending(terminal)
        for name, held in self._held.items():
            if held.quarantined is not None:
                outage = f"from {held.since} {end}: {held.quarantined}"
                self.report.outages.setdefault(name, []).append(outage)
            terminal, path = held.terminal, held.journal.path
            try:
                with cleanup.budget(fresh=True):  # not what is left of the last teardown's
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
                self.report.monitoring[name] = _monitoring_left(
                    terminal, held.journal.state.monitoring_before
                )
        self._held.clear()
