"""Lab mode, end to end: the suite runs with --target lab against a simulator in its own process,
configured as a lab; a scripted person answers the prompts through a pseudo-terminal (pexpect)
and acts with biohil-simctl, as a person would at the bench (the Lab helpers: conftest.py)."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from biohil.client import Gateway
from biohil.gsdk import user_pb2
from tests.labrun import (
    BS2,
    CAPTURED_CARD,
    CONNECTION,
    F2,
    PROMPT,
    ROOT,
    Lab,
    closing_lines,
    lab_args,
    not_clean,
    run_suite,
    run_without_tty,
    spawn,
)
from tests.person import parse

# -- the prompt flow ---------------------------------------------------------------------------


def test_prompts_complete_by_themselves_when_the_terminal_reports_the_action(
    lab: Lab, tmp_path: Path
) -> None:
    before = lab.state()
    child = spawn(lab, lab.config(), tmp_path, "-k", CAPTURED_CARD)
    child.expect(PROMPT)
    assert f">>> {F2.model.name} {F2.device_id} ({F2.ip}) · scenario 1 of 1 for a person here" in child.after
    assert parse(child.after).actions == ['present the card "test card", to capture it for enrolment']
    child.expect(r"\d+ s left")  # the countdown
    token = re.search(r"token (\w+)", lab.simctl("card", str(F2.device_id), "--unknown", "--scan"))
    assert token
    child.expect("the terminal captured the card")  # no key pressed
    child.expect(PROMPT)
    prompt = parse(child.after)
    assert prompt.device_id == F2.device_id and not prompt.for_scan, child.after
    assert re.fullmatch(r'present the card "test card" of user 9\d{5}', prompt.actions[0]), child.after
    lab.simctl("card", str(F2.device_id), "--token", token.group(1))
    child.expect(r"granted to user 9\d{5} by card \(VERIFY_SUCCESS 0x1000/0x06\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "1 scenario results: 1 passed" in child.before
    assert lab.state() == before


@pytest.mark.parametrize(
    ("answer", "outcome", "words"),
    [
        ("s", "1 skipped: operator", "the operator skipped it: present the card"),
        ("f: the reader is broken", "1 failed: operator", "the operator failed it (the reader is broken)"),
    ],
    ids=["skip", "fail"],
)
def test_the_person_answers_skip_or_fail(
    lab: Lab, tmp_path: Path, answer: str, outcome: str, words: str
) -> None:
    before = lab.state()
    child = spawn(lab, lab.config(), tmp_path, "-k", CAPTURED_CARD, "-rsf")
    child.expect(PROMPT)
    child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    text = child.before
    assert f"1 scenario results: {outcome}" in text
    assert words in text
    assert lab.state() == before  # a skipped or failed scenario leaves nothing behind either


def test_the_person_answers_done(lab: Lab, tmp_path: Path) -> None:
    child = spawn(lab, lab.config(), tmp_path, "-k", CAPTURED_CARD)
    child.expect(PROMPT)
    child.expect(r"\d+ s left")
    child.sendline("")  # done, though nothing was presented yet: the scan goes on waiting
    child.expect("the terminal has captured nothing yet")
    lab.simctl("card", str(F2.device_id), "--unknown", "--scan")
    child.expect(PROMPT)  # the capture came: the next prompt
    child.sendline("wat")
    child.expect("is not an answer")
    child.sendline("s")
    child.expect(pexpect.EOF)
    child.close()
    assert "1 scenario results: 1 skipped: operator" in child.before


def test_nobody_answering_is_an_operator_timeout_not_a_product_failure(lab: Lab, tmp_path: Path) -> None:
    child = spawn(lab, lab.config(timeout=2), tmp_path, "-k", CAPTURED_CARD)
    child.expect("no answer: operator timeout")
    child.expect(pexpect.EOF)
    child.close()
    assert "1 scenario results: 1 failed: operator" in child.before
    assert "OperatorTimeout: operator timeout: nobody did this within 2 s" in child.before
    assert child.exitstatus == 1


def test_without_a_terminal_nothing_blocks_and_person_scenarios_do_not_apply(
    lab: Lab, tmp_path: Path
) -> None:
    run = run_without_tty(lab.config(), tmp_path, "-k", f"{CONNECTION} or captured", "-rs")
    assert run.returncode == 0, run.stdout[-3000:]
    assert (
        "needs a person at the bench, and this run is unattended (standard input or output is not a terminal)"
        in run.stdout
    )
    assert re.search(r"FaceStationF2: 2 passed, [1-9]\d* not applicable", run.stdout), run.stdout[-2000:]


@pytest.mark.long
def test_an_unattended_whole_lab_run_is_green_and_changes_nothing(lab: Lab, tmp_path: Path) -> None:
    """CI=true against a lab: every person scenario is not applicable (the link drop included: no
    cable is asked back that nobody pulled), no error, no quarantine, exit 0."""
    before = lab.state()
    env = {**os.environ, "CI": "true"}
    run = run_suite(lab_args(lab.config(), tmp_path), timeout=600, env=env)
    out = run.stdout
    assert run.returncode == 0, out[-4000:]
    assert not not_clean(closing_lines(out)), closing_lines(out)
    assert "QUARANTINED" not in out and "plug" not in out.lower(), out[-4000:]
    assert re.search(r"\d+ scenario results: \d+ passed, \d+ not applicable$", out, re.M), out[-2000:]
    assert lab.state() == before
    # what a person reads last is the verdict: pytest's last line, then the closing lines and the
    # terminals' monitoring put back as found, nothing else; the skips counted by reason
    lines = [line for line in out.splitlines() if line.strip()]
    closing = closing_lines(out)
    # (a lab file without a [findface] table has no FindFace scenarios: they are deselected)
    assert re.fullmatch(r"\d+ passed, \d+ skipped, \d+ deselected in [\d.]+s", lines[-len(closing) - 4]), (
        lines[-12:]
    )
    assert not any(line.startswith("FindFace") for line in closing), closing
    assert lines[-len(closing) - 2 : -2] == closing, lines[-12:]
    assert all(" monitoring left off, as found (devices[" in line for line in lines[-2:]), lines[-12:]
    assert "SKIPPED" not in out
    unattended = r"^not applicable: needs a person at the bench, and this run is unattended \(CI is set\) — (\d+) scenarios$"
    counted = re.search(unattended, out, re.M)
    assert counted and int(counted.group(1)) >= 100, out[-3000:]


@pytest.mark.parametrize(
    ("env", "option", "why"),
    [({"CI": "true"}, (), "CI is set"), ({}, ("--operator", "none"), "--operator none")],
    ids=["CI=true", "--operator none"],
)
def test_an_unattended_run_in_a_terminal_shows_no_prompt_and_leaves_no_scan(
    lab: Lab, tmp_path: Path, env: dict[str, str], option: tuple[str, ...], why: str
) -> None:
    before = lab.state()
    child = spawn(lab, lab.config(), tmp_path, "-k", f"{CONNECTION} or captured", "-rs", *option, **env)
    child.expect(pexpect.EOF, timeout=120)
    child.close()
    assert not PROMPT.search(child.before) and "Enter = done" not in child.before, child.before[-3000:]
    assert f"this run is unattended ({why})" in child.before, child.before[-3000:]
    assert re.search(r"FaceStationF2: 2 passed, [1-9]\d* not applicable", child.before), child.before[-2000:]
    assert child.exitstatus == 0
    lab.no_scan_waiting(within=0)  # at once: none was ever started
    assert lab.state() == before


# -- configuration and preflight ---------------------------------------------------------------


def test_a_configuration_mistake_stops_the_run_in_one_line(lab: Lab, tmp_path: Path) -> None:
    bad = lab.config(extra="colour = 'red'")
    run = run_without_tty(bad, tmp_path)
    assert run.returncode == pytest.ExitCode.USAGE_ERROR
    assert run.stderr.strip().splitlines() == [
        f"ERROR: {bad}: devices[1].colour is not a known key; the keys of [devices[1]] are "
        "ip, port, use_ssl, model, device_id, name, test_users, monitoring"
    ]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (("port = ", "port = 1 #"), "is not reachable"),
        (("ca_file = ", 'ca_file = "other/ca.crt" #'), "TLS handshake failed"),
    ],
    ids=["wrong port", "wrong CA"],
)
def test_an_unusable_gateway_is_named_before_any_scenario(
    lab: Lab, tmp_path: Path, change: tuple[str, str], words: str
) -> None:
    from biohil.common import tls

    tls.ensure(lab.dir / "other")
    config = lab.config("gw.toml")
    config.write_text(config.read_text().replace(*change, 1))
    run = run_without_tty(config, tmp_path)
    assert run.returncode == pytest.ExitCode.USAGE_ERROR, run.stdout[-2000:]
    [line] = run.stderr.strip().splitlines()  # once, in one line
    assert line.startswith("ERROR: lab preflight: gateway ") and words in line, run.stderr


def test_a_terminal_failing_preflight_is_skipped_and_listed(lab: Lab, tmp_path: Path) -> None:
    config = lab.config("wrong.toml")
    config.write_text(config.read_text().replace(f'model = "{BS2.model.name}"', 'model = "BioStation 3"'))
    run = run_without_tty(config, tmp_path, "-k", CONNECTION)
    assert run.returncode == 1, run.stdout[-2000:]  # a terminal selected but not tested: not green
    reason = f"preflight: {BS2.ip}:{BS2.port} is a {BS2.model.name}, the configuration expects a BioStation 3"
    assert f"NOT TESTED BioStation 3: {reason}" in run.stdout
    assert "BioStation3: 2 skipped: infrastructure" in run.stdout
    assert "FaceStationF2: 2 passed" in run.stdout


# -- leaving no trace --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["SIGINT", "SIGTERM", "SIGHUP"]
)
def test_an_interrupted_run_leaves_the_terminal_as_it_was(
    lab: Lab, tmp_path: Path, sig: signal.Signals
) -> None:
    before = lab.state()
    child = spawn(lab, lab.config(), tmp_path, "-k", CAPTURED_CARD)
    child.expect(PROMPT)  # a test user is enrolled and the auth config changed by now
    during = lab.state()
    assert during[F2.device_id] != before[F2.device_id]
    os.kill(child.pid, sig)
    child.expect(pexpect.EOF, timeout=60)
    child.close()
    assert lab.state() == before, child.before[-2000:]


def test_two_runs_never_drive_the_same_terminal(lab: Lab, tmp_path: Path) -> None:
    first = spawn(lab, lab.config(), tmp_path / "a", "-k", CAPTURED_CARD)
    first.logfile_read = io.StringIO()  # its output, for the message if the second run does not wait
    first.expect(PROMPT)  # holds both terminals' locks while a person is asked
    second = subprocess.Popen(
        [sys.executable, *lab_args(lab.config("second.toml"), tmp_path / "b", "-k", CONNECTION)],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        assert second.stdout is not None
        said = []
        for line in second.stdout:  # the second run says why it waits, before it goes on
            said.append(line)
            if "waiting for" in line:
                break
        locks = {p.name: p.read_text() for p in (lab.dir / "locks").glob("*.lock")}
        assert re.search(
            rf"waiting for {F2.model.name}: another run holds it \(.+, process {first.pid}, since ", said[-1]
        ), (
            f"{''.join(said)}\nfirst run: {first.logfile_read.getvalue()} alive={first.isalive()}\nlocks: {locks}"
        )
        first.sendline("s")  # the first run ends and lets go
        first.expect(pexpect.EOF)
        out, _ = second.communicate(timeout=120)
        assert second.returncode == 0, out[-2000:]
        assert "FaceStationF2: 2 passed" in out
    finally:
        if second.poll() is None:
            second.kill()
            second.wait()
        first.close(force=True)


def test_what_someone_else_changes_during_the_run_is_left_alone_and_reported(
    lab: Lab, tmp_path: Path
) -> None:
    before = lab.state()
    child = spawn(lab, lab.config(), tmp_path, "-k", CAPTURED_CARD)
    child.expect(PROMPT)
    gw = Gateway.open(lab.address, lab.ca)
    try:
        intruder = gw.connect(F2.ip, F2.port)  # another client adds users, one in the test range
        intruder.enroll([user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=uid)) for uid in ("4242", "900777")])
        token = re.search(r"token (\w+)", lab.simctl("card", str(F2.device_id), "--unknown", "--scan"))
        assert token
        child.expect(PROMPT)
        lab.simctl("card", str(F2.device_id), "--token", token.group(1))
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0, child.before[-2000:]
        assert f"{F2.model.name}: changed by someone else during the run (left alone)" in child.before
        assert "users added: 4242, 900777" in child.before
        assert "WAS NOT LEFT AS FOUND" not in child.before
        again = gw.connect(F2.ip, F2.port)  # the run disconnected it: it was not connected before
        assert {h.ID for h in again.user_headers()} == {"4242", "900777"}  # untouched
    finally:
        gw.connect(F2.ip, F2.port).delete_users("4242", "900777")
        gw.disconnect(F2.device_id)
        gw.close()
    assert lab.state() == before


def test_a_run_on_another_bench_pc_names_the_holder_and_does_not_touch_the_terminal(
    lab: Lab, tmp_path: Path
) -> None:
    """Another lock folder (another PC): the lock files cannot tell, the lease on the terminal can."""
    first = spawn(lab, lab.config(), tmp_path / "a", "-k", CAPTURED_CARD)
    first.expect(PROMPT)  # holds the F2, with its lease on it, while a person is asked
    gw = Gateway.open(lab.address, lab.ca)
    try:
        f2 = gw.connect(F2.ip, F2.port)
        held, newest = lab.state()[F2.device_id], f2.newest_event_id()
        other_pc = lab.config("other-pc.toml")
        other_pc.write_text(other_pc.read_text().replace(str(lab.locks), str(tmp_path / "other-pc-locks")))
        second = run_without_tty(other_pc, tmp_path / "b", "-k", CONNECTION)
        assert second.returncode == 1, second.stdout[-3000:]
        assert re.search(
            rf"NOT TESTED {F2.name}: another run holds this terminal \(its lease on the terminal: "
            rf"\S+@\S+ pid {first.pid}, until \S+; renewed while that run lasts\)",
            second.stdout,
        ), second.stdout[-3000:]
        assert "BioStation2: 1 passed" in second.stdout  # the terminal nobody holds is tested
        assert lab.state()[F2.device_id] == held and f2.newest_event_id() == newest  # not one write
    finally:
        first.sendline("s")
        first.expect(pexpect.EOF)
        first.close()
        gw.close()


def test_a_scan_the_terminal_gives_up_on_is_started_again_while_the_person_has_time(
    lab: Lab, tmp_path: Path
) -> None:
    before = lab.state()
    child = spawn(lab, lab.config(timeout=60), tmp_path, "-k", CAPTURED_CARD)
    child.expect(PROMPT)
    lab.simctl("advance", "21")  # the terminal's 20 s card scan timeout passes, the person's 60 s do not
    child.expect("the terminal stopped waiting for the card; it scans again")
    lab.simctl("card", str(F2.device_id), "--unknown", "--scan")
    child.expect("the terminal captured the card")
    child.expect(PROMPT)
    child.sendline("s")
    child.expect(pexpect.EOF)
    child.close()
    assert "1 scenario results: 1 skipped: operator" in child.before
    assert lab.state() == before


LINK_DROP = "network_link_drops and FaceStationF2"


def test_a_link_drop_is_asked_of_the_person_and_closes_when_the_gateway_reports_it(
    lab: Lab, tmp_path: Path
) -> None:
    """The person unplugs the cable when asked (here: biohil-simctl link down): the prompt closes
    by itself once the gateway lists the terminal as disconnected; plugging it back in is asked
    next and Enter confirms it; the scenario passes and the terminal is left as found."""
    before = lab.state()
    child = spawn(lab, lab.config(), tmp_path, "-k", LINK_DROP)
    child.expect(PROMPT)
    assert f">>> {F2.model.name} {F2.device_id} ({F2.ip})" in child.after
    assert parse(child.after).actions == ["unplug"], child.after
    child.expect(r"\d+ s left")
    lab.simctl("link", str(F2.device_id), "down")
    child.expect("the gateway lists it as DISCONNECTED")  # no key pressed
    child.expect(PROMPT)
    assert parse(child.after).actions == ["plug"] and parse(child.after).device_id == F2.device_id
    lab.simctl("link", str(F2.device_id), "up")
    child.expect(r"\d+ s left")
    child.sendline("")  # the gateway does not reconnect a terminal by itself: the person says done
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "1 scenario results: 1 passed" in child.before
    assert lab.state() == before


def test_a_link_left_cut_by_a_failed_scenario_is_put_back(lab: Lab, tmp_path: Path) -> None:
    """The person fails the scenario at the unplug prompt after pulling the cable: the suite asks
    for it to be plugged back in before it goes on, and the terminal ends connected as found."""
    before = lab.state()
    child = spawn(lab, lab.config(), tmp_path, "-k", LINK_DROP)
    child.expect(PROMPT)
    lab.simctl("link", str(F2.device_id), "down")
    child.expect("the gateway lists it as DISCONNECTED")
    child.expect(PROMPT)  # plug back in: the scenario's own step
    child.sendline("f: the cable broke")
    child.expect(PROMPT)  # the teardown asks again: the link is still cut
    assert parse(child.after).actions == ["plug"], child.after
    lab.simctl("link", str(F2.device_id), "up")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert "1 failed: operator" in child.before, child.before[-2000:]
    assert lab.state() == before
