"""Terminals in parallel (pytest-xdist): each terminal's scenarios in a worker of its own that holds
its lock and journal, the same closing counts as without -n, and a run that could test nothing
is never green."""

from __future__ import annotations

import re
from pathlib import Path

from biohil.lab.locks import DeviceLock
from tests.labrun import BS2, CONNECTION, F2, Lab, closing_lines, lab_args, run_suite, suite_args


def test_two_workers_test_both_terminals_with_the_same_counts(lab: Lab, tmp_path: Path) -> None:
    config = lab.config(timeout=5)
    before = lab.state()
    serial = run_suite(lab_args(config, tmp_path / "serial", "-k", CONNECTION))
    parallel = run_suite(lab_args(config, tmp_path / "parallel", "-k", CONNECTION, "-n", "2"))
    assert serial.returncode == parallel.returncode == 0, parallel.stdout[-3000:]
    assert re.search(r"^FaceStationF2: 2 passed$", parallel.stdout, re.M), parallel.stdout[-2000:]
    assert re.search(r"^BioStation2: 1 passed, 1 not applicable$", parallel.stdout, re.M)
    assert closing_lines(parallel.stdout) == closing_lines(serial.stdout)
    assert lab.state() == before


def test_scenarios_that_use_two_terminals_wait_for_the_other_worker(lab: Lab, tmp_path: Path) -> None:
    """On one gateway shared by the workers (a simulator started on its own, scripted actions): the
    worker with the two-terminal scenarios waits until the other terminal's worker lets go."""
    before = lab.state()
    sim = (f"--sim-gateway={lab.address}", f"--sim-ca={lab.ca}", "-k", "stream or monitoring_is_disabled")
    serial = run_suite(suite_args(*sim, allure=tmp_path / "serial"))
    parallel = run_suite(suite_args(*sim, "-n", "2", allure=tmp_path / "parallel"))
    assert serial.returncode == parallel.returncode == 0, parallel.stdout[-3000:]
    assert closing_lines(parallel.stdout) == closing_lines(serial.stdout)
    assert re.search(r"^FaceStationF2: 4 passed$", parallel.stdout, re.M), parallel.stdout[-2000:]
    assert lab.state() == before


def test_a_run_whose_terminals_are_all_locked_elsewhere_fails_naming_the_holders(
    lab: Lab, tmp_path: Path
) -> None:
    elsewhere = [DeviceLock(lab.locks, f"{t.ip}-{t.port}", t.name) for t in (F2, BS2)]
    for lock in elsewhere:
        assert lock.acquire(0, print, run="another bench PC") is None
    try:
        run = run_suite(lab_args(lab.config(wait=1), tmp_path, "-k", CONNECTION, "-n", "2"))
    finally:
        for lock in elsewhere:
            lock.release()
    assert run.returncode == 1, run.stdout[-3000:]
    for t in (F2, BS2):
        assert re.search(
            rf"^NOT TESTED {t.name}: another run holds this terminal \(\S+@\S+, process \d+, since \S+\)$",
            run.stdout,
            re.M,
        ), run.stdout[-3000:]
    assert "NOTHING WAS TESTED: no scenario passed" in run.stdout
    # the verdict is what the run prints last: after pytest's last line, the closing lines end in
    # NOTHING WAS TESTED and each terminal NOT TESTED
    lines = [line for line in run.stdout.splitlines() if line.strip()]
    closing = closing_lines(run.stdout)
    assert re.fullmatch(r"4 skipped in [\d.]+s", lines[-len(closing) - 5]), lines[-10:]
    assert lines[-len(closing) - 3 :] == [
        *closing,
        "NOTHING WAS TESTED: no scenario passed",
        *(line for line in lines[-2:] if line.startswith("NOT TESTED ")),
    ], lines[-10:]
