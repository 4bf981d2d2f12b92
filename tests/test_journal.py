"""The write-ahead journal and write guard of a terminal under test, its undo, and how a run holds
a terminal (recovery of an interrupted run, refusals, quarantine), against a real simulator."""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import json
import os
import re
import socket
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest

from biohil import authmodes
from biohil.client import AlreadyExists, Gateway, GsdkError, OutsideTestRange, WriteRefused
from biohil.client.authconfig import AuthConfigGuard
from biohil.client.errors import NotCreatedByRun
from biohil.client.testusers import IdRange
from biohil.gsdk import user_pb2
from biohil.lab import lease, snapshot
from biohil.lab.bench import Bench, TerminalNotTested
from biohil.lab.journal import Journal, JournalError, read
from biohil.lab.locks import DeviceLock, holder
from biohil.lab.terminal import Terminal
from biohil.lab.undo import undo
from biohil.simulator import Simulator
from biohil.simulator.models import DEFAULT_DEVICES
from biohil.verdict import Cause, cause_of

BS2, F2 = DEFAULT_DEVICES
RANGE = IdRange(900001, 900999)
F2_TERMINAL = Terminal(F2.name, F2.ip, F2.port, F2.model.name, F2.device_id, id_range=RANGE)


@dataclass
class Sim:
    sim: Simulator
    suite: Gateway  # as the suite opens it: writes only to held terminals
    other: Gateway  # another client of the same gateway, holding nothing

    def state(self) -> dict[str, object]:
        """Everything the suite may change on the F2, field by field (read without changing it)."""
        listed = sorted(d.device_id for d in self.other.device_list())
        device = self.other.connect(F2.ip, F2.port)
        ids = sorted(h.ID for h in device.user_headers())
        users = [u.SerializeToString() for u in device.users(*ids)] if ids else []
        auth = device.auth_config()
        if device.id not in listed:
            self.other.disconnect(device.id)
        return {"auth": auth, "users": users, "listed": listed}


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[Sim]:
    with Simulator(tmp_path / "certs") as s:
        suite = Gateway.open(s.address, s.ca_file, held_only=True)
        other = Gateway.open(s.address, s.ca_file)
        try:
            yield Sim(s, suite, other)
        finally:
            suite.close()
            other.close()


def _journal(path: Path, connected_before: bool = False) -> Journal:
    terminal = {"name": F2.name, "ip": F2.ip, "port": F2.port}
    return Journal.begin(path, holder("run-1"), terminal, connected_before, RANGE)


def _user(user_id: str, name: str = "") -> user_pb2.UserInfo:
    return user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=user_id), name=name)


# -- the write guard -----------------------------------------------------------------------------


def test_a_held_terminal_takes_only_writes_to_users_the_run_created(sim: Sim, tmp_path: Path) -> None:
    journal = _journal(tmp_path / "j")
    sim.suite.hold(F2.ip, F2.port, journal)
    device = sim.suite.connect(F2.ip, F2.port)
    for bad in ("12", "0900001", "\uff19\uff10\uff10\uff10\uff10\uff11", "90000\u00b2", "9000010"):
        with pytest.raises(OutsideTestRange, match=r"is outside the test user range 900001\.\.900999"):
            device.enroll([_user(bad)])
    with pytest.raises(WriteRefused, match="never sent to a terminal under test"):
        device.delete_all_users()

    device.enroll([_user("900001")])  # created by this run: it may change and delete it
    assert device.owns("900001")
    device.enroll([_user("900001", "renamed")], overwrite=True)
    device.set_cards("900001", [])

    sim.other.connect(F2.ip, F2.port).enroll([_user("900002", "someone else's")])
    writes: list[Callable[[], None]] = [
        lambda: device.delete_users("900002"),
        lambda: device.enroll([_user("900002")], overwrite=True),
        lambda: device.set_cards("900002", []),
    ]
    for write in writes:
        with pytest.raises(NotCreatedByRun, match="user 900002 was not created by this run"):
            write()
    with pytest.raises(AlreadyExists):  # the terminal refused it: nothing of this run's was stored
        device.enroll([_user("900002")])
    assert not device.owns("900002")
    assert sim.suite.device(F2.device_id).owns("900001")  # any handle on the terminal is guarded

    device.delete_users("900001")
    assert not device.owns("900001")
    kinds = [json.loads(line)["kind"] for line in journal.path.read_text().splitlines()]
    assert kinds == ["begin", "connect", "create", "create", "not_created", "deleted"]


def test_a_terminal_the_run_does_not_hold_takes_no_write(sim: Sim, tmp_path: Path) -> None:
    sim.suite.hold(F2.ip, F2.port, _journal(tmp_path / "j"))
    sim.suite.connect(F2.ip, F2.port)
    with pytest.raises(WriteRefused, match=r"the terminal at 127\.0\.10\.1:51211 is not held"):
        sim.suite.connect(BS2.ip, BS2.port)
    bs2 = sim.other.connect(BS2.ip, BS2.port)  # connected by someone else
    writes: list[Callable[[], None]] = [
        lambda: sim.suite.device(bs2.id).enroll([_user("900001")]),
        lambda: sim.suite.device(bs2.id).enable_monitoring(),
        lambda: sim.suite.disconnect(bs2.id),
    ]
    for write in writes:
        with pytest.raises(WriteRefused, match=f"device {bs2.id} is not held by this run"):
            write()
    assert WriteRefused.cause is Cause.INFRASTRUCTURE


# -- the journal on disk -----------------------------------------------------------------------------


def test_a_torn_last_record_is_ignored_and_a_damaged_one_is_named(tmp_path: Path) -> None:
    journal = _journal(tmp_path / "j")
    journal.record("create", users=["900001"])
    with journal.path.open("a") as f:
        f.write('{"kind":"create","users":["9000')  # the power went while this was written
    assert read(journal.path).created == {"900001"}
    journal.path.write_text(journal.path.read_text().replace('"create"', '"crate"', 1) + "\n")
    with pytest.raises(JournalError, match=r"/j: line 2 is not a journal record"):
        read(journal.path)


# -- undo ----------------------------------------------------------------------------------------


def test_undo_puts_back_exactly_what_the_run_changed(sim: Sim, tmp_path: Path) -> None:
    before = sim.state()
    journal = _journal(tmp_path / "j")
    sim.suite.hold(F2.ip, F2.port, journal)
    device = sim.suite.connect(F2.ip, F2.port)
    journal.snapshot(device.auth_config(), [])
    full = snapshot.take(device)
    device.enroll([_user("900001"), _user("900002")])
    AuthConfigGuard(device).apply([authmodes.from_qa_name("card only", True)], private=True)
    device.enable_monitoring()
    sim.other.connect(F2.ip, F2.port).enroll([_user("900777", "enrolled by another client")])

    undone = undo(sim.suite, F2_TERMINAL, journal, full)

    assert undone.done == [
        "auth config put back",
        "deleted users 900001, 900002 (created by that run)",
        "monitoring off again",
        "disconnected from the gateway",
    ]
    assert undone.left == []
    assert undone.foreign == ["users added: 900777"]
    other = sim.other.connect(F2.ip, F2.port)
    assert [h.ID for h in other.user_headers()] == ["900777"]  # never touched
    other.delete_users("900777")
    sim.other.disconnect(other.id)
    assert sim.state() == before
    left = read(journal.path)
    assert (left.created, left.auth_changed, left.monitoring, left.connected) == (
        set(),
        False,
        False,
        False,
    )


# -- holding a terminal: recovery, refusals, quarantine ---------------------------------------------


def _bench(sim: Sim, lock_dir: Path, said: list[str], run: str = "run-2") -> Bench:
    return Bench(sim.suite, lock_dir, 0, holder(run), said.append)


def test_the_next_run_undoes_an_interrupted_run_before_its_snapshot(sim: Sim, tmp_path: Path) -> None:
    before = sim.state()
    dead = _bench(sim, tmp_path, [], run="run-1")
    held = dead.hold(F2_TERMINAL)
    held.device.enroll([_user("900001")])
    AuthConfigGuard(held.device).apply([authmodes.from_qa_name("face only", True)], private=False)
    held.device.enable_monitoring()
    held.lock.release()  # the run dies here: its lock goes with its process, its journal stays
    sim.suite.let_go(F2.ip, F2.port)
    os.utime(dead.journal_path(F2_TERMINAL), (1_700_000_000, 1_700_000_000))  # its last record

    said: list[str] = []
    bench = _bench(sim, tmp_path, said)
    again = bench.hold(F2_TERMINAL)

    block = bench.report.recovered[F2.name]
    assert block[0].startswith(
        f"{F2.name} ({F2.ip}:{F2.port}): a run that did not end cleanly left its journal"
    )
    last = dt.datetime.fromtimestamp(1_700_000_000).astimezone().isoformat(timespec="seconds")
    assert "process" in block[1] and block[1].endswith(f", last record {last}")  # not the undo's
    assert block[2] == (
        "  undone: auth config put back; deleted users 900001, 900999 (created by that run); "
        "monitoring off again; disconnected from the gateway"
    )
    assert block[3] == '  the terminal matches the journal\'s "before": yes'
    assert said[: len(block)] == block
    assert again.before.auth_config == before["auth"]  # the snapshot is of the terminal as it was
    assert not again.before.user_ids
    bench.release()
    assert sim.state() == before
    assert not bench.journal_path(F2_TERMINAL).exists()
    assert not bench.report.failed


def test_a_terminal_refusing_a_valid_preflight_call_fails_once_as_product(sim: Sim, tmp_path: Path) -> None:
    """GetInfo answered INTERNAL (no status the contract allows for it): the scenario that meets
    it fails with that error, a product failure, once; the terminal is then not tested, its lock
    given back and nothing left on it."""
    before = sim.state()
    bench = _bench(sim, tmp_path, [])
    sim.sim.faults.inject("Device/GetInfo", count=1, code=grpc.StatusCode.INTERNAL.value[0], message="")
    with pytest.raises(GsdkError, match=r"Device\.GetInfo failed: INTERNAL") as info:
        bench.hold(F2_TERMINAL)
    assert cause_of(info.value) is Cause.PRODUCT
    with pytest.raises(TerminalNotTested, match=r"preflight: Device\.GetInfo failed: INTERNAL.*\(product\)"):
        bench.hold(F2_TERMINAL)
    other = DeviceLock(tmp_path, F2_TERMINAL.key, "another run")
    assert other.acquire(0, print, run="someone else") is None  # the lock was given back
    other.release()
    bench.release()
    assert sim.state() == before


def test_the_end_of_run_restore_rides_out_a_gateway_restart(sim: Sim, tmp_path: Path) -> None:
    """The gateway restarts (away 2 s, then it has forgotten the terminal) as the run ends: the
    restore retries within its budget, connects the terminal again and puts it back, instead of
    reporting it not left as found at once."""
    before = sim.state()
    bench = _bench(sim, tmp_path, [])
    bench.hold(F2_TERMINAL).device.enroll([_user("900001")])
    sim.sim.restart_gateway(2.0)
    bench.release()
    assert not bench.report.left, bench.report.left
    assert sim.state() == before


def test_monitoring_declared_on_is_left_on_and_said_so(sim: Sim, tmp_path: Path) -> None:
    """G-SDK cannot read monitoring: a terminal whose lab file declares it on is put back on,
    after a scenario turned it off, and the run says how it knew."""
    sim.other.connect(F2.ip, F2.port).enable_monitoring()  # someone's application watches it live
    f2 = sim.sim.gateway.devices[F2.device_id]
    declared = dataclasses.replace(F2_TERMINAL, monitoring=True, monitoring_known="devices[0].monitoring")
    bench = _bench(sim, tmp_path, [])
    held = bench.hold(declared)
    held.device.disable_monitoring()  # a scenario about monitoring off
    assert not f2.monitoring
    bench.release()
    assert f2.monitoring
    assert bench.report.monitoring[F2.name] == "monitoring left on, as found (devices[0].monitoring)"
    assert f"{F2.name}: left as found\n  monitoring left on" in bench.report.as_found()


def test_a_journal_that_cannot_be_read_leaves_the_terminal_not_tested(sim: Sim, tmp_path: Path) -> None:
    bench = _bench(sim, tmp_path, [])
    bench.journal_path(F2_TERMINAL).write_text("not a journal\n")
    with pytest.raises(TerminalNotTested, match="an interrupted run's journal cannot be read"):
        bench.hold(F2_TERMINAL)
    with pytest.raises(TerminalNotTested):  # and it stays so for the rest of the run
        bench.hold(F2_TERMINAL)
    assert bench.report.failed and sim.state()["listed"] == []


def test_users_in_the_range_that_the_suite_did_not_create_are_refused_or_shared(
    sim: Sim, tmp_path: Path
) -> None:
    sim.other.connect(F2.ip, F2.port).enroll([_user("900500"), _user("900501")])
    before = sim.state()
    bench = _bench(sim, tmp_path, [])
    with pytest.raises(TerminalNotTested, match=r"users 900500, 900501 in its test user range"):
        bench.hold(F2_TERMINAL)
    assert "test_users.shared = true" in bench.report.not_tested[F2.name]
    assert sim.state() == before  # preflight's connection is given back

    shared = Bench(sim.suite, tmp_path / "b", 0, holder("run-3"), print)
    held = shared.hold(Terminal(F2.name, F2.ip, F2.port, id_range=RANGE, shared_range=True))
    with pytest.raises(NotCreatedByRun):
        held.device.delete_users("900500")
    shared.release()
    assert sim.state() == before and not shared.report.failed


def test_a_terminal_another_run_holds_is_not_tested_naming_the_holder(sim: Sim, tmp_path: Path) -> None:
    other_run = DeviceLock(tmp_path, F2_TERMINAL.key, F2.name)
    assert other_run.acquire(0, print, run="someone else") is None
    try:
        bench = _bench(sim, tmp_path, [])
        with pytest.raises(
            TerminalNotTested, match=r"another run holds this terminal \(.+, process \d+, since "
        ):
            bench.hold(F2_TERMINAL)
    finally:
        other_run.release()


def test_a_quarantined_terminal_stays_out_while_unhealthy_and_is_readmitted_when_healthy(
    sim: Sim, tmp_path: Path
) -> None:
    before = sim.state()
    said: list[str] = []
    bench = _bench(sim, tmp_path, said)
    held = bench.hold(F2_TERMINAL)
    held.device.enroll([_user("900001")])  # a scenario's user whose cleanup failed
    bench.quarantine(F2.name, 'terminal not restored after "X": User.Delete failed: UNAVAILABLE')
    sim.sim.gateway.set_link(F2.device_id, False)
    with pytest.raises(TerminalNotTested, match=r'terminal not restored after "X".*checked again at') as info:
        bench.hold(F2_TERMINAL)  # examined again: its link is still down
    assert info.value.cause is Cause.INFRASTRUCTURE and info.value.skips
    assert F2.name in bench.report.quarantined

    sim.sim.gateway.set_link(F2.device_id, True)
    again = bench.hold(F2_TERMINAL)  # examined again: healthy, the scenario's user undone
    assert again is held and held.quarantined is None
    assert "900001" not in {h.ID for h in sim.other.connect(F2.ip, F2.port).user_headers()}
    assert F2.name not in bench.report.quarantined
    [outage] = bench.report.outages[F2.name]
    assert re.fullmatch(r'from \d\d:\d\d:\d\d to \d\d:\d\d:\d\d: terminal not restored after "X".*', outage)
    assert any(line.startswith(f"{F2.name}: back in the run (out from ") for line in said)
    bench.release()
    assert sim.state() == before and not bench.report.failed


def test_a_preflight_that_fails_releases_the_lock_and_is_tried_again(sim: Sim, tmp_path: Path) -> None:
    """A GetInfo fault in preflight: the lock is given back at once (the run never waits on its
    own lock), the terminal is out of the run, and the next scenario takes it."""
    before = sim.state()
    bench = _bench(sim, tmp_path, [])
    sim.sim.faults.inject("Device/GetInfo", count=3, code=grpc.StatusCode.UNAVAILABLE.value[0], message="")
    with pytest.raises(TerminalNotTested, match=r"preflight: Device\.GetInfo failed: UNAVAILABLE") as info:
        bench.hold(F2_TERMINAL)
    assert info.value.cause is Cause.INFRASTRUCTURE
    assert sim.state() == before  # preflight's changes given back
    other = DeviceLock(tmp_path, F2_TERMINAL.key, "another run")
    assert other.acquire(0, print, run="someone else") is None  # the lock was released
    other.release()
    held = bench.hold(F2_TERMINAL)  # the fault is gone: taken now
    assert held.quarantined is None and F2.name not in bench.report.quarantined
    assert len(bench.report.outages[F2.name]) == 1
    bench.release()
    assert sim.state() == before and not bench.report.failed


# -- the lease on the terminal: one run per terminal across PCs ----------------------------------


def _lease_user(until: int, holder: str = "qa@bench-pc-2 pid 77") -> user_pb2.UserInfo:
    return user_pb2.UserInfo(
        hdr=user_pb2.UserHdr(ID="900999"),
        name=f"{lease.PREFIX}{holder}",
        setting=user_pb2.UserSetting(startTime=1, endTime=until),
    )


def test_a_terminal_leased_by_a_run_on_another_pc_is_not_tested_nor_touched(sim: Sim, tmp_path: Path) -> None:
    future = int((dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10)).timestamp())
    f2 = sim.other.connect(F2.ip, F2.port)
    f2.enroll([_lease_user(future)])
    before, newest = sim.state(), f2.newest_event_id()
    bench = _bench(sim, tmp_path, [])  # its own lock folder: the lock files cannot tell
    with pytest.raises(TerminalNotTested, match=r"its lease on the terminal: qa@bench-pc-2 pid 77, until "):
        bench.hold(F2_TERMINAL)
    assert sim.state() == before and f2.newest_event_id() == newest  # not one write


def test_an_expired_lease_is_a_dead_runs_and_is_taken_over(sim: Sim, tmp_path: Path) -> None:
    f2 = sim.other.connect(F2.ip, F2.port)
    f2.enroll([_lease_user(1_000)])  # ended long ago
    bench = _bench(sim, tmp_path, [])
    held = bench.hold(F2_TERMINAL)
    [user] = held.device.users("900999")
    assert user.name.startswith(lease.PREFIX) and user.setting.endTime > dt.datetime.now(dt.UTC).timestamp()
    bench.release()
    assert "900999" not in {h.ID for h in sim.other.connect(F2.ip, F2.port).user_headers()}
    assert not bench.report.foreign and not bench.report.failed


def test_the_lease_of_a_process_of_this_pc_that_is_gone_is_taken_over(sim: Sim, tmp_path: Path) -> None:
    """Its terminal closed or its process killed, and its lock folder gone: no 30 minutes' wait."""
    future = int((dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10)).timestamp())
    dead_here = f"{getpass.getuser()}@{socket.gethostname()} pid {gone_pid()}"
    sim.other.connect(F2.ip, F2.port).enroll([_lease_user(future, dead_here)])
    bench = _bench(sim, tmp_path, [])
    bench.hold(F2_TERMINAL)
    bench.release()
    assert not bench.report.failed


def gone_pid() -> int:
    """The process ID of a process that has ended."""
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid
