"""A lab run recorded (--record) and replayed against the simulator (make conformance), end to
end: the lab is a simulator in its own process that reads one question otherwise than the
default (`own_mode=added`), with a scripted person at the bench; the replay must name exactly
that reading, and match once the simulator is given it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from biohil.client import Gateway
from biohil.simcontrol import control_pb2, control_pb2_grpc
from tests.labrun import BS2, ROOT, plain, start_lab
from tests.person import run_lab

SCENARIOS = "steps/test_scenarios.py::"
OWN_MODE = (
    SCENARIOS + "test_a_users_own_mode_stricter_than_the_terminals_is_enforced_not_added_to_it[BioStation2]"
)
CARD_ONLY = "BioStation2-card_only-the_card-granted-verify_success-0x06-the_test_user"
PLAIN = f"{SCENARIOS}test_classic_mode_mode_credentials_is_result[{CARD_ONLY}]"
BEFORE = 300  # records the lab terminal's log holds before the run; the simulated one's holds none
pytestmark = pytest.mark.long  # a lab run at a person's pace


def conformance(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "biohil.recording", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_lab_run_replayed_names_exactly_the_reading_its_terminal_has(tmp_path: Path) -> None:
    proc, lab = start_lab(tmp_path, "--reading", "own_mode=added")
    recording = tmp_path / "recording"
    try:
        gateway = Gateway.open(lab.address, lab.ca)
        try:
            control = control_pb2_grpc.ControlStub(gateway.channel)
            control.FillLog(control_pb2.FillLogRequest(deviceID=BS2.device_id, count=BEFORE), timeout=30)
            out, _, _ = run_lab(lab, gateway, tmp_path, f"--record={recording}", OWN_MODE, PLAIN, react=0.2)
        finally:
            gateway.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert "2 scenario results" in plain(out), plain(out)[-3000:]

    [manifest] = [json.loads(p.read_text()) for p in recording.glob("manifest-*.json")]
    assert manifest["target"] == "lab" and manifest["readings"] == {}, manifest
    [terminal] = manifest["terminals"]
    assert (terminal["device_id"], terminal["model"], terminal["device_type"]) == (
        BS2.device_id,
        "BioStation 2",
        "BIOSTATION_2",
    ), terminal
    assert terminal["firmware"] and terminal["address"] == f"{BS2.ip}:{BS2.port}", terminal
    text = "".join(p.read_text() for p in recording.rglob("*.json*"))
    assert str(lab.ca) not in text and str(tmp_path / "lab.toml") not in text  # no lab file, no CA

    # The readings tried two at once (processes of their own), as on a long recording.
    found = conformance(
        str(recording), "--jobs", "2", "--write-readings", str(tmp_path / "lab-readings.toml")
    )
    print(found.stdout)
    assert found.returncode == 1, found.stdout + found.stderr
    match = re.search(r"^readings that would make it match: (.*)$", found.stdout, re.M)
    assert match and match.group(1) == "own_mode=added (fixes 1 of 1 differing transcripts)", found.stdout
    assert re.findall(r"^  --reading .*$", found.stdout, re.M) == ["  --reading own_mode=added"], found.stdout
    differing = re.search(r"^(\d+) differences in 1 of \d+ transcripts$", found.stdout, re.M)
    assert differing, found.stdout
    assert re.search(r"^  BioStation2/.*own-mode-stricter.*: \d+ differences$", found.stdout, re.M), (
        found.stdout
    )

    for given in (["--reading", "own_mode=added"], ["--readings-file", str(tmp_path / "lab-readings.toml")]):
        again = conformance(str(recording), *given)
        print(again.stdout)
        assert again.returncode == 0, again.stdout + again.stderr
        assert re.search(r"^0 differences in 0 of \d+ transcripts$", again.stdout, re.M), again.stdout
        assert "with own_mode=added in" in again.stdout, again.stdout
