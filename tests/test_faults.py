"""A flaky gateway is an infrastructure fault, never a product failure, and never a terminal left
changed: the suite runs on the simulator target (scripted actions) against a simulator started
on its own, whose control API makes gateway calls fail; the test compares the terminals before
and after, field by field."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from tenacity import retry, retry_if_exception_type, stop_after_delay, wait_fixed

from biohil.client import Gateway, GatewayUnavailable
from biohil.gsdk import user_pb2
from tests.labrun import F2, ROOT, Lab, closing_lines, run_suite, suite_args

NOT_A_PASS = re.compile(r"(\d+) (failed|skipped): (\w[\w ]*?)(?=,|$)", re.MULTILINE)


def _sim_args(lab: Lab, tmp: Path, *more: str) -> list[str]:
    return suite_args(f"--sim-gateway={lab.address}", f"--sim-ca={lab.ca}", *more, allure=tmp / "allure")


def _classes(output: str) -> set[str]:
    """The cause classes of the non-passes in the closing lines."""
    return {m.group(3) for line in closing_lines(output) for m in NOT_A_PASS.finditer(line)}


def _locks_of(lab: Lab) -> Path:
    import tempfile

    return Path(tempfile.gettempdir()) / "biohil-locks" / f"sim-{lab.address.replace(':', '_')}"


@retry(retry=retry_if_exception_type(GatewayUnavailable), stop=stop_after_delay(30), wait=wait_fixed(0.1))
def _enroll_as_another_client(lab: Lab, user_id: str) -> None:
    gw = Gateway.open(lab.address, lab.ca)
    try:
        gw.connect(F2.ip, F2.port).enroll([user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=user_id))])
    finally:
        gw.close()


@pytest.mark.long
def test_random_gateway_faults_are_infrastructure_and_leave_the_terminals_as_found(
    lab: Lab, tmp_path: Path
) -> None:
    before = lab.state()
    journal = _locks_of(lab) / f"terminal-{F2.ip}-{F2.port}.journal"
    lab.simctl("fault", "*", "--probability", "0.05", "--seed", "1", "--code", "UNAVAILABLE")
    try:
        run = subprocess.Popen(
            [sys.executable, *_sim_args(lab, tmp_path)],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        # Another client enrolls a user in the test range while the run holds the F2.
        watcher = threading.Thread(target=_intrude_once_held, args=(lab, journal, run))
        watcher.start()
        output, _ = run.communicate(timeout=600)
        watcher.join()
    finally:
        lab.simctl("clear")
    closing = "\n".join(closing_lines(output))
    assert "failed: product" not in closing, output[-6000:]
    assert _classes(output) <= {"infrastructure"}, closing
    assert "failed: infrastructure" in closing, closing  # 5% of the calls did fail
    assert "WAS NOT LEFT AS FOUND" not in output
    assert "users added: 900777" in output  # reported, and left alone
    after = lab.state()
    gw = Gateway.open(lab.address, lab.ca)
    try:
        f2 = gw.connect(F2.ip, F2.port)
        assert [h.ID for h in f2.user_headers()] == ["900777"]
        f2.delete_users("900777")
        gw.disconnect(f2.id)
    finally:
        gw.close()
    assert {**after, F2.device_id: lab.state()[F2.device_id]} == before


def _intrude_once_held(lab: Lab, journal: Path, run: subprocess.Popen[str]) -> None:
    @retry(stop=stop_after_delay(120), wait=wait_fixed(0.05), reraise=True)
    def held() -> None:  # the run has taken its snapshot of the F2
        assert run.poll() is not None or (journal.exists() and '"snapshot"' in journal.read_text())

    held()
    if run.poll() is None:
        _enroll_as_another_client(lab, "900777")


CAPTURED_CARD_ON_F2 = "test_a_captured_credential_lets_the_user_in[FaceStationF2-card]"


def _with_link_drop(lab: Lab, tmp: Path, back: float, *select: str) -> subprocess.CompletedProcess[str]:
    """The suite with the F2's link cut across the teardown of its captured-card scenario, back
    `back` seconds after the teardown starts (the plugin tests/link_drop.py)."""
    links = tmp / "links"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "tests"),
        "BIOHIL_TEST_LINK_DROP": CAPTURED_CARD_ON_F2,
        "BIOHIL_TEST_LINK_BACK": str(back),
        "BIOHIL_TEST_LINK_LOG": str(links),
    }
    run = run_suite(_sim_args(lab, tmp, "-p", "link_drop", *select), env=env)
    assert links.read_text().split() == [f"steps/test_scenarios.py::{CAPTURED_CARD_ON_F2}"], run.stdout
    return run


def test_a_short_link_drop_across_a_teardown_is_ridden_out(lab: Lab, tmp_path: Path) -> None:
    before = lab.state()
    run = _with_link_drop(lab, tmp_path, 1, "-k", "captured")
    assert run.returncode == 0, run.stdout[-4000:]  # the cleanup's retries got through
    assert "QUARANTINED" not in run.stdout
    assert lab.state() == before


def test_a_link_drop_held_across_a_teardown_quarantines_the_terminal_until_it_is_back(
    lab: Lab, tmp_path: Path
) -> None:
    before = lab.state()
    # Real time: the teardown's cleanups retry within one budget on the wall clock (about 10 s);
    # the link comes back after they gave up, while the next scenario examines the terminal.
    run = _with_link_drop(lab, tmp_path, 12, "-k", "FaceStationF2")
    out = run.stdout
    assert run.returncode == 1, out[-4000:]  # one scenario's cleanup failed: not green
    assert re.search(
        r'QUARANTINED FaceStation F2: terminal not restored after "A captured card lets the user in": '
        r"\S+ failed: UNAVAILABLE",
        out,
    ), out[-4000:]
    assert "Retrying" in out  # each retry of the cleanup is logged
    assert _classes(out) == {"infrastructure"}, out[-3000:]
    # Re-admitted: the outage cost the one scenario whose teardown it hit, nothing after it.
    assert re.search(
        r"out of the run, re-admitted: FaceStation F2 from \S+ to \S+: terminal not restored", out
    )
    assert re.search(
        r"^FaceStationF2: \d+ passed, 1 failed: infrastructure, \d+ not applicable$", out, re.M
    ), out[-3000:]
    assert "WAS NOT LEFT AS FOUND" not in out
    assert lab.state() == before


def test_a_run_on_a_flaky_gateway_with_no_fault_is_green(lab: Lab, tmp_path: Path) -> None:
    """The control: the same selection with no fault passes (the checks above are about faults)."""
    run = run_suite(_sim_args(lab, tmp_path, "-k", "FaceStationF2"))
    assert run.returncode == 0, run.stdout[-3000:]
    assert _classes(run.stdout) == set()
