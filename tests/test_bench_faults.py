"""Faults that are not the terminal's: the bench PC's folders, a journal that cannot be written,
a gateway restarted mid-run. Each is named as infrastructure (or stops the run before its first
scenario, in one line), never a product failure, and the terminals end as found. The suite runs
in its own process against a simulator started on its own, configured as a lab."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.labrun import ROOT, Lab, closing_lines, lab_args, run_suite, suite_args

NOT_A_PASS = re.compile(r"(\d+) (failed|skipped): (\w[\w ]*?)(?=,|$)")
F2_SCENARIOS = "FaceStationF2"
CAPTURED_CARD_ON_F2 = "test_a_captured_credential_lets_the_user_in[FaceStationF2-card]"


def _classes(output: str) -> dict[str, int]:
    """The non-passes of the closing lines' total, by class ("failed: infrastructure": 1)."""
    total = closing_lines(output)[-1]
    return {f"{m.group(2)}: {m.group(3)}": int(m.group(1)) for m in NOT_A_PASS.finditer(total)}


def _with_plugin(plugin: str, **env: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "tests"), **env, "PYTEST_ADDOPTS": f"-p {plugin}"}


def test_a_lock_folder_that_cannot_be_made_stops_the_run_before_any_scenario(
    lab: Lab, tmp_path: Path
) -> None:
    before = lab.state()
    (tmp_path / "a-file").write_text("not a folder\n")
    config = lab.config()
    config.write_text(config.read_text().replace(f'"{lab.locks}"', f'"{tmp_path / "a-file" / "locks"}"'))
    run = run_suite(lab_args(config, tmp_path))
    assert run.returncode == 4, run.stdout[-2000:] + run.stderr[-2000:]
    [line] = [line for line in run.stderr.splitlines() if "bench PC" in line]
    assert re.fullmatch(
        r"ERROR: bench PC: the lock folder \S+/a-file/locks cannot be created \(Not a directory\); "
        r"give \[locks\] directory in \S+ a folder this user can write",
        line,
    ), line
    assert "Traceback" not in run.stdout + run.stderr and "passed" not in run.stdout
    assert lab.state() == before


def test_a_missing_basetemp_parent_stops_the_run_before_any_scenario(tmp_path: Path) -> None:
    missing = tmp_path / "gone" / "basetemp"
    run = run_suite(suite_args(f"--basetemp={missing}", allure=tmp_path / "allure"))
    assert run.returncode == 4, run.stdout[-2000:] + run.stderr[-2000:]
    assert f"ERROR: bench PC: --basetemp {missing}: the folder {missing.parent} does not exist" in run.stderr
    assert "passed" not in run.stdout and "failed" not in run.stdout


@pytest.mark.long
def test_a_journal_that_cannot_be_written_mid_run_is_infrastructure_and_one_fault(
    lab: Lab, tmp_path: Path
) -> None:
    """The disk fills under the journal during one scenario: that scenario fails as
    infrastructure, the terminal is kept out (it cannot be written to safely), no product
    failure, and what the run changed is still undone."""
    before = lab.state()
    env = _with_plugin(
        "journal_full", BIOHIL_TEST_JOURNAL_FULL=CAPTURED_CARD_ON_F2, BIOHIL_TEST_JOURNAL_DIR=str(lab.locks)
    )
    # No Allure results: the full disk would refuse them too.
    args = lab_args(
        lab.config(), tmp_path, "-k", F2_SCENARIOS, "-p", "no:allure_pytest_bdd", "-o", "addopts="
    )
    run = run_suite([a for a in args if not a.startswith("--alluredir")], env=env)
    out = run.stdout
    assert run.returncode == 1, out[-4000:]
    classes = _classes(out)
    assert set(classes) <= {"failed: infrastructure", "skipped: infrastructure"}, closing_lines(out)
    assert classes.get("failed: infrastructure", 0) <= 2, closing_lines(out)  # the scenario, its cleanup
    assert re.search(r"cannot be written \(File too large\)", out), out[-4000:]
    assert lab.state() == before


@pytest.mark.long
def test_a_gateway_restart_mid_run_is_no_product_failure_and_the_terminal_stays_in_the_run(
    lab: Lab, tmp_path: Path
) -> None:
    """The gateway goes away for 3 s as a scenario starts and comes back having forgotten the
    terminal: the scenario that meets it waits for it (or fails as infrastructure), the terminal
    is connected again, every later scenario runs."""
    before = lab.state()
    log = tmp_path / "restarts"
    env = _with_plugin(
        "gateway_restart", BIOHIL_TEST_RESTART=f"{CAPTURED_CARD_ON_F2}=3", BIOHIL_TEST_RESTART_LOG=str(log)
    )
    args = suite_args(
        f"--sim-gateway={lab.address}", f"--sim-ca={lab.ca}", "-k", F2_SCENARIOS, allure=tmp_path
    )
    run = run_suite(args, env=env)
    out = run.stdout
    assert log.read_text().split() == [f"steps/test_scenarios.py::{CAPTURED_CARD_ON_F2}"], out[-3000:]
    classes = _classes(out)
    assert set(classes) <= {"failed: infrastructure"} and classes.get("failed: infrastructure", 0) <= 1, (
        closing_lines(out)
    )
    assert re.search(r"^FaceStationF2: (7[7-9]|8\d) passed", out, re.M), closing_lines(out)
    assert "QUARANTINED" not in out and "WAS NOT LEFT AS FOUND" not in out, out[-3000:]
    assert lab.state() == before
