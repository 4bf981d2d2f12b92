"""biohil-simctl as a person at the simulator uses it: from any folder, with the simulator's CA
found as the README says, and every prompt of a lab run played by naming the credential (its
label, "nobody has", digits, the cable), never by pasting a token."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from biohil.simctl import CA_ENV, LABELS_FILE, Refused, find_ca, run
from biohil.simulator.cli import default_cert_dir
from tests.labrun import F2, PROMPT, Lab, closing_lines, not_clean, spawn
from tests.person import Prompt, parse

ROOT = Path(__file__).resolve().parents[1]


def _simctl_elsewhere(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """biohil-simctl run from `cwd`, with no BIOHIL_SIM_CA: only its defaults to go by."""
    env = {k: v for k, v in os.environ.items() if k != CA_ENV}
    return subprocess.run(
        [sys.executable, "-m", "biohil.simctl", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_simctl_finds_the_simulators_default_ca_from_any_working_folder(tmp_path: Path) -> None:
    started, elsewhere = tmp_path / "sim", tmp_path / "elsewhere"
    started.mkdir()
    elsewhere.mkdir()
    # a simulator started without --cert-dir, from one folder (as make sim does, from the checkout)
    sim = subprocess.Popen(
        [sys.executable, "-m", "biohil.simulator", "--port", "0"],
        cwd=started,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert sim.stdout is not None
        banner = "".join(sim.stdout.readline() for _ in range(2))
        address = re.search(r"listening on (\S+) \(TLS\)", banner)
        assert address, banner
        assert f"CA certificate: {default_cert_dir() / 'ca.crt'}" in banner  # absolute, not ./sim-certs
        assert default_cert_dir().is_absolute() and not (started / "sim-certs").exists()
        # simctl from another folder, told only the address, finds the same CA
        listed = _simctl_elsewhere(elsewhere, "--gateway", address.group(1), "terminals")
        assert listed.returncode == 0, listed.stderr
        assert str(F2.device_id) in listed.stdout
    finally:
        sim.terminate()
        sim.wait(timeout=10)


def test_without_a_ca_simctl_says_where_it_looked_and_how_to_point_at_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere" / "ca.crt"
    messages = []
    for given, environ, default in (
        (missing, {}, None),  # --ca
        (None, {CA_ENV: str(missing)}, None),  # BIOHIL_SIM_CA
        (None, {}, missing),  # the simulator's default cert folder
    ):
        with pytest.raises(Refused) as refused:
            find_ca(given, environ, default)
        messages.append(str(refused.value))
    for message, why in zip(
        messages,
        ("given with --ca", f"from {CA_ENV}", f"default cert folder; {CA_ENV} is not set"),
        strict=True,
    ):
        assert f"no CA file of the simulator at {missing} (" in message and why in message
        assert "--ca FILE" in message and f"{CA_ENV}=FILE" in message and "biohil-sim" in message
        assert "copy" not in message and "gateway's cert" not in message
    # a relative path is taken from the working folder and named in full
    assert find_ca(Path(os.path.relpath(_ca(tmp_path), Path.cwd())), {}) == _ca(tmp_path)
    # the command line: one line on stderr, exit 2
    assert run(["--ca", str(missing), "stats"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0] == f"biohil-simctl: {messages[0]}"


def _ca(folder: Path) -> Path:
    ca = folder / "certs" / "ca.crt"
    ca.parent.mkdir(exist_ok=True)
    ca.touch()
    return ca


# ---- a lab run played by hand with simctl -------------------------------------------------------

VERB = r"(?:present|place|show)"
LABELLED = re.compile(VERB + r' the (?P<kind>card|fingerprint|face) "(?P<label>[^"]+)"(?: of user \d+)?$')
NOBODY = re.compile(VERB + r" an? (?P<kind>card|fingerprint|face) nobody has enrolled$")
TYPED = re.compile(r"^type the (?P<what>PIN|user ID) (?P<digits>\d+)$")
# On the F2: the test card, finger and face captured and presented for several users (one of them
# deleted), the spare card, the duress finger, another user's face, a card nobody has, a typed
# user ID and PIN, and the network cable.
PLAYED = (
    "FaceStationF2 and (duress or unregistered_card_carries or deleted_users_card"
    " or card_and_face-face-the_card_then_another_users_face or network_link_drops"
    " or ID_and_PIN-the_user_ID_then_the_PIN-granted"
    " or extended_mode_mode_credentials_is_result and card_only-an_unregistered_card)"
)


def commands_for(prompt: Prompt) -> list[list[str]]:
    """The simctl commands a person types for one prompt, read from its words alone."""
    device = str(prompt.device_id)
    if prompt.actions[0] in ("unplug", "plug"):
        return [["link", device, "down" if prompt.actions[0] == "unplug" else "up"]]
    scan = ["--scan"] if prompt.for_scan else []
    commands = []
    for action in prompt.actions:
        action = re.sub(r", to capture it for enrolment.*$", "", action)
        labelled, nobody, typed = LABELLED.match(action), NOBODY.match(action), TYPED.match(action)
        if labelled is not None:
            commands.append([labelled["kind"], device, "--label", labelled["label"], *scan])
        elif nobody is not None:
            commands.append([nobody["kind"], device, "--unknown", *scan])
        elif typed is not None:
            commands.append(["pin" if typed["what"] == "PIN" else "id", device, typed["digits"]])
        else:
            raise AssertionError(f"simctl has no command for {action!r} in: {prompt.task}")
    return commands


@pytest.mark.long
def test_every_prompt_of_a_lab_run_is_played_with_simctl_by_label_never_a_token(
    lab: Lab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(CA_ENV, str(lab.ca))  # as the person exports it once, in another shell
    monkeypatch.chdir(tmp_path)
    (lab.ca.parent / LABELS_FILE).unlink(missing_ok=True)
    child = spawn(lab, lab.config(), tmp_path, "-k", PLAYED)
    seen, prompts, typed = [], [], []
    try:
        while child.expect([PROMPT, pexpect.EOF], timeout=300) == 0:
            seen.append(child.before + child.after)
            prompts.append(parse(child.after))
            for argv in commands_for(prompts[-1]):
                typed.append(argv)
                assert run(["--gateway", lab.address, *argv], out=lambda line: None) == 0, (
                    prompts[-1].task,
                    argv,
                    capsys.readouterr().err,
                )
        seen.append(child.before)
    finally:
        child.close(force=True)
    out = "".join(seen)
    closing = closing_lines(out)
    assert closing[0] == "FaceStationF2: 7 passed" and not not_clean(closing), closing
    # no token, no hex, no user ID for a presented credential: labels, "nobody has", digits, the cable
    flat = [arg for argv in typed for arg in argv]
    assert "--token" not in flat and "--user" not in flat, typed
    assert not [arg for arg in flat if re.fullmatch(r"[0-9a-f]{16,}", arg)], typed
    labels = {(argv[0], argv[3], "--scan" in argv) for argv in typed if "--label" in argv}
    captured = {("card", "test card"), ("fingerprint", "test finger"), ("face", "test face")}
    captured |= {("card", "spare card"), ("fingerprint", "duress finger"), ("face", "other face")}
    assert {(kind, label) for kind, label, scan in labels if scan} == captured, labels
    presented = captured - {("fingerprint", "test finger"), ("face", "test face")}  # then used
    assert {(kind, label) for kind, label, scan in labels if not scan} >= presented, labels
    assert {argv[0] for argv in typed} >= {"card", "fingerprint", "face", "pin", "id", "link"}, typed
    assert any("--unknown" in argv for argv in typed), typed
    # the one test card, captured once, presented in scenario after scenario (a deleted user's too)
    assert [argv for argv in typed if argv[:4:3] == ["card", "test card"] and "--scan" not in argv][1:], typed
    kept = run(["labels"], out=lambda line: None)
    assert kept == 0 and (lab.ca.parent / LABELS_FILE).is_file()
