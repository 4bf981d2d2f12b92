"""Steps about authentication: the terminal's modes, a person presenting credentials, and what
the terminal logs about it."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from biohil import authmodes
from biohil.client import Device
from biohil.client.authconfig import AuthConfigGuard
from biohil.client.testusers import TestUser, TestUsers, set_own_mode
from biohil.client.watch import EventWatcher, Monitoring
from biohil.eventcodes import GRANT_BY, REFUSED_UNREGISTERED, code_for
from biohil.operator import Operator
from biohil.operator.attempt import authenticate
from biohil.operator.capture import TerminalIO
from biohil.operator.phrases import Holder
from biohil.scenario import TestCredentials, enroll, expect_outcome


@given("a test user holding every credential the terminal reads", target_fixture="test_user")
def user_with_every_credential(
    device: Device, test_users: TestUsers, test_credentials: TestCredentials, log_mark: int
) -> TestUser:
    """Enrolled with the test credentials; the log mark is taken first, so the scenario's log
    reads start before the user exists."""
    user = test_users.new("Test Holder")
    enroll(device, test_credentials.held_by(user.info()))
    return user


@given(parsers.parse('the terminal allows only "{mode}"'))
def allow_only(auth_guard: AuthConfigGuard, extended: bool, mode: str) -> None:
    auth_guard.apply([authmodes.from_qa_name(mode, extended)], private=False)


@given(parsers.parse("the terminal authenticates by {word} alone"))
def authenticate_by(auth_guard: AuthConfigGuard, extended: bool, word: str) -> None:
    auth_guard.apply([authmodes.single_factor(word, extended)], private=False)


@given(parsers.parse('the terminal allows "{mode}" and authentication by {word} alone'))
def allow_both(auth_guard: AuthConfigGuard, extended: bool, mode: str, word: str) -> None:
    modes = [authmodes.from_qa_name(mode, extended), authmodes.single_factor(word, extended)]
    auth_guard.apply(modes, private=False)


@given(parsers.parse("the terminal's auth timeout is {seconds:d} seconds"))
def auth_timeout_is(auth_guard: AuthConfigGuard, seconds: int) -> None:
    auth_guard.set_timeout(seconds)


@given(parsers.parse("private authentication is {state}"))
def private_auth(auth_guard: AuthConfigGuard, state: str) -> None:
    auth_guard.set_private({"on": True, "off": False}[state])


@given(parsers.parse('the test user\'s own mode for a {first} is "{value}"'))
def own_mode(terminal_io: TerminalIO, test_user: TestUser, extended: bool, first: str, value: str) -> None:
    field, mode = authmodes.own_mode(first, value, extended)
    set_own_mode(terminal_io.device, test_user.user_id, field, mode, terminal_io.name)


@when(
    parsers.re(r"the test user presents (?P<sequence>.+?)(?P<partly> and nothing more)?$"),
    target_fixture="attempt",
)
def present(
    watcher: EventWatcher,
    monitoring: Monitoring,
    operator: Operator,
    terminal_io: TerminalIO,
    holder: Holder,
    auth_guard: AuthConfigGuard,
    sequence: str,
    partly: str | None,
) -> int:
    """Returns the watcher's mark: the attempt's events come after it. "and nothing more": only
    the first factors of a mode, the terminal is to give up waiting for the next. With monitoring
    off the outcome does not stream: the person's prompt then reads it from the log."""
    actions, within = holder.actions(terminal_io, sequence), auth_guard.timeout()
    device = terminal_io.device
    return authenticate(operator, watcher, device, actions, within, not partly, streamed=monitoring.on)


@when("the auth timeout passes")
def auth_timeout_passes(operator: Operator, auth_guard: AuthConfigGuard) -> None:
    operator.let_time_pass(auth_guard.auth_timeout + 1)


@then(parsers.parse('the terminal logs "{event}" with sub-code {sub} for {who}'))
def logs_outcome(
    watcher: EventWatcher,
    attempt: int,
    auth_guard: AuthConfigGuard,
    test_user: TestUser,
    event: str,
    sub: str,
    who: str,
) -> None:
    user_id = {"the test user": test_user.user_id, "nobody": ""}[who]
    expect_outcome(watcher, attempt, auth_guard.auth_timeout, code_for(event), int(sub, 0), user_id)


@then(parsers.parse("the terminal grants access to the test user by {kind}"))
def granted_by(
    watcher: EventWatcher, attempt: int, auth_guard: AuthConfigGuard, test_user: TestUser, kind: str
) -> None:
    code, sub = GRANT_BY[kind]
    expect_outcome(watcher, attempt, auth_guard.auth_timeout, code, sub, test_user.user_id)


@then(parsers.parse("the terminal refuses the {kind} as unregistered"))
def refused_as_unregistered(
    watcher: EventWatcher, attempt: int, auth_guard: AuthConfigGuard, kind: str
) -> None:
    code, sub = REFUSED_UNREGISTERED[kind]
    expect_outcome(watcher, attempt, auth_guard.auth_timeout, code, sub, "")
