"""What a FindFace scenario leaves on the server, and how it is classed: every token the suite
received is logged out (even one a wrong password got), a cleanup the server fails names what is
left as infrastructure, transient network failures are retried within one budget, every device is
tried, applicability is decided before any login, and role accounts are checked by the permissions
their login answers list. In-process, against the independent stub and the simulator; the same
cases as whole lab runs: tests/test_findface_lab.py."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from biohil.common.secret import Secret
from biohil.findface import accounts
from biohil.findface.accounts import Account, RoleError, role_problem
from biohil.findface.apisession import CLEANUP_BUDGET, ApiSession, FindFaceUndoError, UndeclaredNeed
from biohil.findface.client import FindFaceClient, basic
from biohil.findface.simulator import FindFaceSimulator, Options, User
from biohil.findface.target import FindFaceTarget, read_facts
from biohil.verdict import Cause, NotApplicable, cause_of
from tests.findface_stub import Faults, StubServer, StubUser

ROLES = {  # role -> (name, admin, all_own)
    accounts.API: ("qa-api", False, False),
    accounts.ADMIN: ("qa-admin", True, False),
    accounts.ALL_OWN_SESSIONS: ("qa-own", False, True),
    accounts.CURRENT_SESSION: ("qa-current", False, False),
}
PASSWORD = "pw-undo-test"


def _accounts(**given: str) -> dict[str, Account]:
    """Every role's account; a role given a name here gets that (another role's) account."""
    names = {role: given.get(role, name) for role, (name, _, _) in ROLES.items()}
    return {role: Account(role, name, Secret(PASSWORD)) for role, name in names.items()}


@contextmanager
def _stub(faults: Faults | None = None) -> Iterator[tuple[str, StubServer]]:
    users = [StubUser(name, PASSWORD, b"face of " + name.encode(), a, o) for name, a, o in ROLES.values()]
    server = StubServer("face_or_password", users, faults=faults or Faults())
    with server as url:
        yield url, server


def _target(client: FindFaceClient, sim: FindFaceSimulator | None = None, **given: str) -> FindFaceTarget:
    return FindFaceTarget(client, read_facts(client), _accounts(**given), None, False, 1.0, sim)


def _sim(tmp_path: Path, options: Options | None = None) -> FindFaceSimulator:
    users = [User(i, n, PASSWORD, n, a, o) for i, (n, a, o) in enumerate(ROLES.values(), start=1)]
    return FindFaceSimulator(
        users, "face_or_password", options=options or Options(), tls_dir=tmp_path / "tls"
    )


def _asked(client: FindFaceClient, path: str) -> list[int | None]:
    """The statuses of the requests to this path, in order (None: no answer)."""
    return [e.status for e in client.exchanges.since(0) if e.path.startswith(path)]


def test_a_logout_answered_500_is_infrastructure_naming_every_session_left() -> None:
    with _stub(Faults(logout_status="500 Internal Server Error")) as (url, server):
        client = FindFaceClient(url)
        api = ApiSession(_target(client))
        for name in ("first", "second"):
            assert api.log_in(name, api.account(accounts.API)).status == 200
        started = time.monotonic()
        with pytest.raises(FindFaceUndoError) as caught:
            api.cleanup()
        took = time.monotonic() - started
        left = len(server.stub.sessions)
    error = caught.value
    assert cause_of(error) is Cause.INFRASTRUCTURE
    assert _asked(client, "/auth/logout/") == [500, 500]  # each device tried once: a 500 is no blip
    assert took < CLEANUP_BUDGET / 2
    assert left == 2
    message = str(error)
    assert message.startswith(f"the FindFace cleanup left 2 things on {url}: ")
    for name in ("first", "second"):
        device = api.device(name)
        assert (
            f"a session of qa-api on device {device.uuid} (the {name} device): its logout was answered "
            "Reply(500)" in message
        )
    assert "Token" not in message and PASSWORD not in message


def test_a_logout_dropped_twice_is_retried_and_ends_the_session(tmp_path: Path) -> None:
    options = Options(drop_paths=frozenset({"/auth/logout/"}), drop_count=2)
    with _sim(tmp_path, options) as sim:
        client = FindFaceClient(sim.base_url, sim.ca_file or True)
        api = ApiSession(_target(client, sim))
        api.log_in("new", api.account(accounts.API))
        api.cleanup()
        left = [s.uuid for s in sim.state.sessions.values()]
    assert _asked(client, "/auth/logout/") == [None, None, 204]
    assert left == []


def test_a_cleanup_the_network_fails_tries_every_device_within_its_budget_and_lists_what_is_left(
    tmp_path: Path,
) -> None:
    budget = 1.5
    options = Options(drop_paths=frozenset({"/auth/logout/"}))  # every logout dropped, for ever
    with _sim(tmp_path, options) as sim:
        client = FindFaceClient(sim.base_url, sim.ca_file or True)
        api = ApiSession(_target(client, sim), {"admin_account"})
        names = ("first", "second", "third")
        for name in names:
            api.log_in(name, api.account(accounts.API))
        api.log_in("administrator", api.account(accounts.ADMIN))
        assert api.block("administrator", api.device("first").uuid).status == 201
        started = time.monotonic()
        with pytest.raises(FindFaceUndoError) as caught:
            api.cleanup(budget=budget)
        took = time.monotonic() - started
        blocks = dict(sim.state.blocks)
    error = caught.value
    assert cause_of(error) is Cause.INFRASTRUCTURE
    assert took < budget + 4 * 1.0  # the budget, then one more try of each device
    assert blocks == {}  # the block was removed: the cleanup went on past it
    logouts = _asked(client, "/auth/logout/")
    assert len(logouts) > 4 and set(logouts) == {None}  # retried, then every device tried
    assert len(error.left) == 4  # the first device's too: the block ended it, but no logout says so
    for name in (*names, "administrator"):
        assert f"on device {api.device(name).uuid} (the {name} device): its logout failed" in str(error)
    assert "FindFaceUnavailable" not in str(error) and "RemoteProtocolError" in str(error)


def test_every_token_received_is_logged_out_even_one_a_wrong_password_got() -> None:
    with _stub(Faults(accept_wrong_password=True)) as (url, server):
        client = FindFaceClient(url)
        api = ApiSession(_target(client))
        account = api.account(accounts.API)
        wrong = api.log_in_refused("new", account, basic(account.username, Secret("not the password")))
        assert wrong.status == 200 and wrong.token is not None  # the fault: a token all the same
        api.log_in_refused("no header", account, None)  # refused: nothing to log out
        api.cleanup()
        left = len(server.stub.sessions)
    assert left == 0
    assert _asked(client, "/auth/logout/") == [204]


def test_role_accounts_are_checked_against_the_permissions_of_their_login_answer() -> None:
    own = list(accounts.ALL_OWN)
    admin = [*accounts.SEE_ALL_SESSIONS, *accounts.BLOCK_DEVICES, *own]
    right = {
        accounts.API: [],
        accounts.ADMIN: admin,
        accounts.ALL_OWN_SESSIONS: own,
        accounts.CURRENT_SESSION: [],
    }
    for role, permissions in right.items():
        assert role_problem(role, {"permissions": permissions}) is None, role
    assert role_problem(accounts.CURRENT_SESSION, {"permissions": admin}) == (
        "its login answer's user.permissions holds ffsecurity.view_all_own_sessions, "
        "ffsecurity.delete_all_own_sessions, ffsecurity.view_ffsecauthsession, "
        "ffsecurity.delete_ffsecauthsession"
    )
    assert role_problem(accounts.ADMIN, {"permissions": own}) == (
        "its login answer's user.permissions lacks ffsecurity.view_ffsecauthsession, "
        "ffsecurity.delete_ffsecauthsession, ffsecurity.add_deviceblacklistrecord, "
        "ffsecurity.delete_deviceblacklistrecord"
    )
    assert role_problem(accounts.ALL_OWN_SESSIONS, {"permissions": own, "has_admin_permissions": True}) == (
        "its login answer says has_admin_permissions: true"
    )
    assert role_problem(accounts.ADMIN, {"name": "x"}) == (
        "its login answer has no user.permissions list to check that by"
    )
    assert role_problem(accounts.API, None) is None  # the API user may be of any role


def test_a_wrong_role_account_is_an_infrastructure_error_naming_it_and_fails_later_scenarios_before_login(
    tmp_path: Path,
) -> None:
    with _sim(tmp_path) as sim:
        client = FindFaceClient(sim.base_url, sim.ca_file or True)
        target = _target(client, sim, current_session="qa-admin")  # an administrator, misconfigured
        tags = {"current_session_account"}
        target.admit(tags)  # not known yet: the scenario runs
        api = ApiSession(target, tags)
        with pytest.raises(RoleError) as caught:
            api.log_in("first", api.account(accounts.CURRENT_SESSION))
        api.cleanup()  # the token of the login that showed it is logged out
        assert not sim.state.sessions
        logins = len(_asked(client, "/auth/login/"))
        with pytest.raises(RoleError) as later:
            target.admit(tags)  # the next scenario using that account: before any login
        target.admit({"admin_account"})  # other roles are not held against it
        assert len(_asked(client, "/auth/login/")) == logins
    assert cause_of(caught.value) is Cause.INFRASTRUCTURE and not caught.value.skips
    assert (
        str(caught.value)
        == str(later.value)
        == (
            "the FindFace account 'qa-admin' ($BIOHIL_FINDFACE_CURRENT_SESSION_USER) must be a user without "
            "all_own_sessions, not an administrator, but its login answer's user.permissions holds "
            "ffsecurity.view_all_own_sessions, ffsecurity.delete_all_own_sessions, "
            "ffsecurity.view_ffsecauthsession, ffsecurity.delete_ffsecauthsession: give "
            "$BIOHIL_FINDFACE_CURRENT_SESSION_USER an account of that role, or give the account that role on "
            "the server"
        )
    )


def test_not_applicable_is_decided_from_the_tags_before_any_login() -> None:
    with _stub() as (url, server):
        client = FindFaceClient(url)
        target = _target(client)
        target.accounts = {accounts.API: target.accounts[accounts.API]}  # only the API user is set
        for tag, reason in (
            ("admin_account", accounts.needs(accounts.ADMIN)),
            ("all_own_sessions_account", accounts.needs(accounts.ALL_OWN_SESSIONS)),
            ("current_session_account", accounts.needs(accounts.CURRENT_SESSION)),
            (
                "token_expiry",
                "the server's tokens live 15552000 s; checking expiry needs a server with "
                "MAXIMUM_SESSION_LENGTH of at most 119 s",
            ),
        ):
            with pytest.raises(NotApplicable) as caught:
                target.admit({"findface", "password_login", tag})
            assert str(caught.value) == reason
        undeclared = ApiSession(target, {"findface"})
        with pytest.raises(UndeclaredNeed, match="without the tag @admin_account"):
            undeclared.account(accounts.ADMIN)
        with pytest.raises(UndeclaredNeed, match="without the tag @token_expiry"):
            undeclared.let_expire("new")
        issued = list(server.stub.issued)
    assert issued == [] and _asked(client, "/auth/login/") == []
