"""A run killed with SIGKILL at any point leaves a journal; the next run undoes it before anything
else, says so, passes, and the terminal ends exactly as it was before the first run.

The killed run is the lab scenario "A captured card lets the user in" on the FaceStation F2,
with a person (this test) answering its prompts through biohil-simctl. Each kill point is a
record of the terminal's journal: the run is killed as soon as that record is on disk, while the
gateway holds the call that follows it (a latency injected on that method), so the call may or
may not reach the terminal — the undo must be right either way.
"""

from __future__ import annotations

import json
import os
import re
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pexpect
import pytest

from tests.labrun import CAPTURED_CARD, CONNECTION, F2, PROMPT, Lab, run_without_tty, spawn

DEADLINE = 60.0  # seconds a killed run may take to reach its kill point


@dataclass(frozen=True)
class Point:
    name: str
    delayed: str  # the gateway method held while the run is killed ("" = none)
    kill_after: Callable[[list[dict[str, object]], int], bool]  # (journal records, prompts seen)


def _kinds(records: list[dict[str, object]]) -> list[object]:
    return [r["kind"] for r in records]


def _has(kind: str, **fields: object) -> Callable[[list[dict[str, object]], int], bool]:
    return lambda records, _: any(
        r["kind"] == kind and all(r.get(k) == v for k, v in fields.items()) for r in records
    )


def _prompt(n: int) -> Callable[[list[dict[str, object]], int], bool]:
    return lambda _, prompts: prompts >= n


POINTS = [
    Point("while connecting", "Connect/Connect", _has("connect")),
    Point("after the snapshot", "Device/GetCapability", _has("snapshot")),
    Point("during enrollment", "User/Enroll", _has("create")),
    Point("during the auth-config change", "Auth/SetConfig", _has("auth")),
    Point("at the capture prompt", "", _prompt(1)),
    Point("while monitoring is switched on", "Event/EnableMonitoring", _has("monitoring", on=True)),
    Point("at the authentication prompt", "", _prompt(2)),
    Point("during the scenario's cleanup", "User/Delete", _has("monitoring", on=False)),
    Point("at the end of the scenario's cleanup", "Connect/GetDeviceList", _has("auth_restored")),
    # The lease user is deleted by the end-of-run restore, just before its (delayed) Disconnect.
    Point("during the end-of-run restore", "Connect/Disconnect", _has("deleted", users=["900999"])),
]


def _records(journal: Path) -> list[dict[str, object]]:
    if not journal.exists():
        return []
    return [json.loads(line) for line in journal.read_text().splitlines() if line.endswith("}")]


def _kill_at(lab: Lab, tmp: Path, point: Point) -> str:
    """Run the scenario, act as the person, SIGKILL it at the point; returns its output."""
    if point.delayed:
        lab.simctl("latency", point.delayed, "1500")
    child = spawn(lab, lab.config(), tmp, "-k", CAPTURED_CARD)
    prompts, token = 0, ""
    try:
        waited = 0.0
        while not point.kill_after(_records(lab.journal()), prompts):
            assert waited < DEADLINE and child.isalive(), f"never reached {point.name}: {child.before}"
            if child.expect([PROMPT, pexpect.TIMEOUT], timeout=0.05) == 0:
                prompts += 1
                if point.kill_after(_records(lab.journal()), prompts):
                    break
                if prompts == 1:  # the capture: a new card, kept to present it again
                    found = re.search(
                        r"token (\w+)", lab.simctl("card", str(F2.device_id), "--unknown", "--scan")
                    )
                    assert found
                    token = found.group(1)
                else:
                    lab.simctl("card", str(F2.device_id), "--token", token)
            waited += 0.05
        os.kill(child.pid, signal.SIGKILL)
        child.expect(pexpect.EOF)
        return str(child.before)
    finally:
        child.close(force=True)
        lab.simctl("clear")


@pytest.mark.parametrize("point", POINTS, ids=[p.name for p in POINTS])
def test_a_run_killed_at_any_point_is_undone_by_the_next(lab: Lab, tmp_path: Path, point: Point) -> None:
    before = lab.state()
    killed = _kill_at(lab, tmp_path / "killed", point)
    left = _kinds(_records(lab.journal()))
    assert left and left[0] == "begin", f"the killed run left no journal: {killed[-2000:]}"

    run = run_without_tty(lab.config(), tmp_path / "next", "-k", CONNECTION)

    assert run.returncode == 0, run.stdout[-3000:]
    assert f"{F2.name}: an interrupted run was undone" in run.stdout
    assert f"{F2.name} ({F2.ip}:{F2.port}): a run that did not end cleanly left its journal" in run.stdout
    assert re.search(r"that run: \S+@\S+, process \d+, since \S+, last record \S+", run.stdout)
    assert 'the terminal matches the journal\'s "before": yes' in run.stdout
    assert not lab.journal().exists()
    assert lab.state() == before, f"journal of the killed run: {left}\n{run.stdout[-3000:]}"


def test_a_killed_recovery_is_finished_by_the_run_after(lab: Lab, tmp_path: Path) -> None:
    """The undo of an interrupted run is itself interrupted: the next run finishes it."""
    before = lab.state()
    _kill_at(lab, tmp_path / "first", POINTS[6])  # at the authentication prompt
    recovery = Point("while undoing", "User/Delete", _has("auth_restored"))
    lab.simctl("latency", recovery.delayed, "1500")
    try:
        child = spawn(lab, lab.config(), tmp_path / "second", "-k", CONNECTION)
        waited = 0.0
        while not recovery.kill_after(_records(lab.journal()), 0):
            assert waited < DEADLINE and child.isalive(), child.before
            child.expect([pexpect.TIMEOUT, pexpect.EOF], timeout=0.05)
            waited += 0.05
        os.kill(child.pid, signal.SIGKILL)
        child.close(force=True)
    finally:
        lab.simctl("clear")
    assert "auth_restored" in _kinds(_records(lab.journal()))

    run = run_without_tty(lab.config(), tmp_path / "third", "-k", CONNECTION)

    assert run.returncode == 0, run.stdout[-3000:]
    assert 'the terminal matches the journal\'s "before": yes' in run.stdout
    assert lab.state() == before
