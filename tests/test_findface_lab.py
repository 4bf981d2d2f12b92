"""The @findface scenarios run as a lab runs them, against servers started outside the suite:
an independently written stub that gives only the documented answers, one simulated server
shared by eight runs at once and another client of the same account, and a server that drops
connections under `--showlocals --full-trace`, with no secret left anywhere. Then the stub
misbehaving one way at a time (logouts answered 500, a wrong password taken), a lab's accounts
given the wrong roles or not given at all: each non-pass with its cause, nothing left behind."""

from __future__ import annotations

import concurrent.futures
import json
import re
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from biohil.common.secret import Secret
from biohil.findface import accounts
from biohil.findface.client import FindFaceClient, basic
from biohil.findface.simulator import FindFaceSimulator, Options, face_video
from tests.findface_lab import ROLES, LabAccounts, findface_line, results, run_findface, write_config
from tests.findface_stub import Faults, StubServer, StubUser
from tests.reporting import build_report

STRICT = "checks what real servers answer beyond FindFace's documentation"
RUNS = 8
SESSION = 8  # seconds: the stub's MAXIMUM_SESSION_LENGTH
NO_WAIT = ("-m", "findface and not token_expiry")  # every scenario but the one waiting for an expiry
pytestmark = pytest.mark.long  # each test is one or more whole FindFace runs


def _skip_reasons(results: Path) -> list[str]:
    docs = [json.loads(p.read_text()) for p in results.glob("*-result.json")]
    return [d["statusDetails"]["message"].removeprefix("Skipped: ") for d in docs if d["status"] == "skipped"]


@pytest.mark.parametrize("auth_type", ["face_or_password", "face_and_password"])
def test_every_documented_scenario_passes_against_an_independent_stub(tmp_path: Path, auth_type: str) -> None:
    """The stub answers only what FindFace documents. Its sessions are short, so that the suite
    waits for a token's expiry as in a lab (about 9 s here); every other scenario takes a fraction
    of a session."""
    acc = LabAccounts.make()
    users = [
        StubUser(name, acc.passwords[role], b"stub face of " + name.encode(), admin, own)
        for role, (name, admin, own) in ROLES.items()
    ]
    video = tmp_path / "face.mp4"
    video.write_bytes(b"stub face of " + ROLES["api"][0].encode())
    with StubServer(auth_type, users, session_length=SESSION) as url:
        config = write_config(tmp_path / "lab.toml", url, video, extra="clock_skew = 1\n")
        run = run_findface(config, acc.environment(), tmp_path / "results", "-q")
    assert run.returncode == 0, run.stdout[-4000:]
    line = findface_line(run.stdout)
    assert re.fullmatch(r"\d+ passed, \d+ not applicable", line), line
    reasons = _skip_reasons(tmp_path / "results")
    strict = [r for r in reasons if r.startswith(STRICT)]
    other_type = [r for r in reasons if r.startswith(f"the FindFace server uses {auth_type} authentication")]
    assert strict and len(strict) + len(other_type) == len(reasons), reasons  # nothing else is skipped


def test_eight_runs_and_another_client_of_the_same_account_touch_only_their_own_sessions(
    tmp_path: Path,
) -> None:
    acc = LabAccounts.make()
    video = tmp_path / "face.mp4"
    video.write_bytes(face_video(ROLES["api"][0]))
    stop, problems, rounds = threading.Event(), [], [0]
    with FindFaceSimulator(acc.sim_users(), "face_or_password", tls_dir=tmp_path / "tls") as sim:
        assert sim.ca_file is not None
        api_user = basic(ROLES["api"][0], Secret(acc.passwords["api"]))
        other = FindFaceClient(sim.base_url, sim.ca_file)
        kept = other.login(api_user, "second-client-kept").token
        assert kept is not None

        def second_client() -> None:  # the same account, logging in and out all the time
            while not stop.is_set():
                rounds[0] += 1
                token = other.login(api_user, f"second-client-{rounds[0]}").token
                if token is None or other.me(token).status != 200 or other.logout(token).status != 204:
                    problems.append(f"round {rounds[0]}: the second client's own session misbehaved")
                if other.me(kept).status != 200:
                    problems.append(f"round {rounds[0]}: the second client's kept session was ended")

        config = write_config(tmp_path / "lab.toml", sim.base_url, video, sim.ca_file)
        client_thread = threading.Thread(target=second_client)
        client_thread.start()
        try:
            with concurrent.futures.ThreadPoolExecutor(RUNS) as pool:
                runs = list(
                    pool.map(
                        lambda i: run_findface(config, acc.environment(), tmp_path / f"results-{i}", "-q"),
                        range(RUNS),
                    )
                )
        finally:
            stop.set()
            client_thread.join()
        still = other.me(kept).status
        audit = list(sim.state.audit)
        left = [x.uuid for x in sim.state.sessions.values() if x.uuid.startswith("biohil-")]
        blocks = dict(sim.state.blocks)
        other.close()
    for run in runs:
        assert run.returncode == 0, run.stdout[-4000:]
    lines = {findface_line(run.stdout) for run in runs}
    assert len(lines) == 1 and "failed" not in next(iter(lines)), lines
    assert rounds[0] >= 10 and not problems, (rounds[0], problems[:5])
    assert still == 200
    assert not left and not blocks, (left[:5], blocks)  # the runs left no session and no block behind

    def owner(uuid: str) -> str:  # the run a uuid belongs to (biohil-<run>-...), or the other client
        return uuid.split("-")[1] if uuid.startswith("biohil-") else "second client"

    assert len({owner(a.actor_uuid) for a in audit}) == RUNS + 1  # every run ended sessions
    crossed = [a for a in audit if owner(a.actor_uuid) != owner(a.target_uuid)]
    assert not crossed, crossed[:5]


def test_no_secret_leaks_into_output_results_or_report_even_with_showlocals_on_a_dropped_connection(
    tmp_path: Path,
) -> None:
    """Two lab runs: a passing one, and one whose server drops every GET /users/me/ (a transport
    failure mid-scenario) under -vv --showlocals --full-trace. The passwords, their Basic values
    and every token issued are found nowhere: not in the output, the Allure results or the report."""
    acc = LabAccounts.make()
    video = tmp_path / "face.mp4"
    video.write_bytes(face_video(ROLES["api"][0]))
    outputs, tokens = [], []
    for name, options, args in (
        ("passing", Options(), ["-vv"]),
        ("dropping", Options(drop_paths=frozenset({"/users/me/"})), ["-vv", "--showlocals", "--full-trace"]),
    ):
        with FindFaceSimulator(
            acc.sim_users(), "face_or_password", options=options, tls_dir=tmp_path / name
        ) as sim:
            config = write_config(tmp_path / f"{name}.toml", sim.base_url, video, sim.ca_file)
            results = tmp_path / "reports" / name / "allure-results"
            run = run_findface(config, acc.environment(), results, *args)
            tokens += sim.state.issued_tokens()
            left = [x.uuid for x in sim.state.sessions.values()]  # nothing left behind
            assert not left and not sim.state.blocks, (name, left[:5], sim.state.blocks)
        outputs.append(run.stdout + run.stderr)
        build_report(results, results.parent / "allure-report", results.parent / "history.jsonl")
        if name == "passing":
            assert run.returncode == 0, run.stdout[-4000:]
            assert "failed" not in findface_line(run.stdout)
        else:
            assert run.returncode == 1, run.stdout[-4000:]
            assert "FindFaceUnavailable" in run.stdout and "RemoteProtocolError" in run.stdout
            assert "failed: infrastructure" in findface_line(run.stdout)
            assert re.search(r"^(api|session|reply|account|token) *= ", run.stdout, re.M)  # locals were shown
    assert len(tokens) >= 20, f"only {len(tokens)} tokens were issued"
    exchanges = [p.read_text() for p in (tmp_path / "reports").rglob("*-attachment.txt")]
    assert any("POST /auth/login/\nAuthorization: Basic ***" in text for text in exchanges)
    hidden = acc.secrets() + tokens
    files = [p for p in (tmp_path / "reports").rglob("*") if p.is_file()]
    assert len(files) > 50 and any(p.name == "index.html" for p in files)
    for path in files:
        text = path.read_text(errors="replace")
        assert not [s for s in hidden if s in text], f"{path.relative_to(tmp_path)} holds a secret"
    for output in outputs:
        assert not [s for s in hidden if s in output], "the run's output holds a secret"


def _stub_run(
    tmp_path: Path,
    faults: Faults,
    args: tuple[str, ...],
    accounts_given: Callable[[LabAccounts], dict[str, str]] = LabAccounts.environment,
) -> tuple[subprocess.CompletedProcess[str], StubServer, str]:
    """A lab run against the stub with this fault (face_or_password, 180-day sessions), with the
    environment `accounts_given` makes of the lab's accounts; the run, the stub, and its URL."""
    acc = LabAccounts.make()
    video = tmp_path / "face.mp4"
    video.write_bytes(b"stub face of " + ROLES["api"][0].encode())
    server = StubServer("face_or_password", acc.stub_users(), faults=faults)
    with server as url:
        config = write_config(tmp_path / "lab.toml", url, video)
        run = run_findface(config, accounts_given(acc), tmp_path / "results", "-q", *args)
    return run, server, url


def test_a_server_answering_500_to_logouts_fails_the_scenarios_as_infrastructure_naming_what_is_left(
    tmp_path: Path,
) -> None:
    run, server, url = _stub_run(tmp_path, Faults(logout_status="500 Internal Server Error"), NO_WAIT)
    left = {s.uuid for s in server.stub.sessions.values()}
    assert run.returncode == 1, run.stdout[-4000:]
    line = findface_line(run.stdout)
    counts = re.fullmatch(
        r"(\d+) passed, 1 failed: product, (\d+) failed: infrastructure, \d+ not applicable", line
    )
    assert counts, line
    done = results(tmp_path / "results")
    # the one scenario that checks logout itself: the server broke its documented 204
    assert [r["name"] for r in done if r["cause"] == "product"] == ["Logging out ends that token only"]
    undone = [r["message"] for r in done if "FindFaceUndoError: the FindFace cleanup left" in r["message"]]
    assert len(undone) == int(counts[2]) >= 8, done  # every other scenario that logged in
    assert all(f" on {url}: a session of qa-lab" in m and "answered Reply(500)" in m for m in undone)
    named = set(re.findall(r"on device (biohil-[\w-]+?) \(the ", " ".join(undone)))
    assert named < left and len(left - named) == 2  # the rest: the logout scenario's two devices


def test_a_server_taking_a_wrong_password_fails_that_scenario_as_product_and_its_token_is_logged_out(
    tmp_path: Path,
) -> None:
    run, server, _ = _stub_run(tmp_path, Faults(accept_wrong_password=True), NO_WAIT)
    assert run.returncode == 1, run.stdout[-4000:]
    assert re.fullmatch(r"\d+ passed, 1 failed: product, \d+ not applicable", findface_line(run.stdout))
    done = results(tmp_path / "results")
    failed = [r["name"] for r in done if r["status"] not in ("passed", "skipped")]
    assert failed == ["A login without valid credentials is refused: a wrong password"], failed
    assert len(server.stub.issued) >= 20 and not server.stub.sessions  # the wrong login's token too


def _swapped(acc: LabAccounts) -> dict[str, str]:
    """The administrator's and the current-session user's accounts given the other's role."""
    env = acc.environment()
    admin, current = accounts.variables(accounts.ADMIN), accounts.variables(accounts.CURRENT_SESSION)
    for mine, theirs in ((admin, current), (current, admin)):
        env[mine[0]], env[mine[1]] = acc.environment()[theirs[0]], acc.environment()[theirs[1]]
    return env


def test_role_accounts_of_the_wrong_role_fail_their_scenarios_as_infrastructure_naming_the_account(
    tmp_path: Path,
) -> None:
    """The first login of each swapped account shows it; a later scenario using the same account
    fails before logging in; nothing passes and nothing is a product failure."""
    selection = "findface and (admin_account or current_session_account)"
    run, server, _ = _stub_run(tmp_path, Faults(), ("-m", selection), _swapped)
    assert run.returncode == 1, run.stdout[-4000:]
    assert findface_line(run.stdout) == "3 failed: infrastructure"
    messages = [r["message"] for r in results(tmp_path / "results")]
    admin = (
        "the FindFace account 'qa-lab-current' ($BIOHIL_FINDFACE_ADMIN_USER) must be an administrator, but"
    )
    current = (
        "the FindFace account 'qa-lab-admin' ($BIOHIL_FINDFACE_CURRENT_SESSION_USER) must be a user "
        "without all_own_sessions, not an administrator, but its login answer's user.permissions holds"
    )
    assert len(messages) == 3, messages
    assert sum(admin in m for m in messages) == 2 and sum(current in m for m in messages) == 1, messages
    assert len(server.stub.issued) == 3 and not server.stub.sessions  # the API user's and one each


def _api_user_only(acc: LabAccounts) -> dict[str, str]:
    env = acc.environment()
    for role in ROLES:
        if role != accounts.API:
            for var in accounts.variables(role):
                del env[var]
    return env


def test_scenarios_whose_accounts_or_short_sessions_the_lab_lacks_are_not_applicable_before_any_login(
    tmp_path: Path,
) -> None:
    selection = (
        "findface and (admin_account or all_own_sessions_account or current_session_account or token_expiry)"
    )
    run, server, _ = _stub_run(tmp_path, Faults(), ("-m", selection), _api_user_only)
    assert findface_line(run.stdout) == "6 not applicable", run.stdout[-4000:]
    reasons = sorted(set(_skip_reasons(tmp_path / "results")))
    needs = [
        accounts.needs(role) for role in (accounts.ADMIN, accounts.ALL_OWN_SESSIONS, accounts.CURRENT_SESSION)
    ]
    expiry = (
        "the server's tokens live 15552000 s; checking expiry needs a server with "
        "MAXIMUM_SESSION_LENGTH of at most 115 s"
    )
    assert reasons == sorted([*needs, expiry])
    assert server.stub.issued == []  # not one login
