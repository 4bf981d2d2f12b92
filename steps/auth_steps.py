"""Steps about authentication: the terminal's modes, a person presenting credentials, and what
the terminal logs about it."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from biohil import authmodes
from biohil.client.testusers import set_own_mode
from biohil.eventcodes import GRANT_BY, REFUSED_UNREGISTERED, code_for
from biohil.scenario.gsdk import Alternatives, enroll
from biohil.scenario.scene import Scene


@given("a test user holding every credential the terminal reads")
def user_with_every_credential(scene: Scene) -> None:
    """Enrolled with the test credentials (the scene takes the log mark before making the user, so
    the scenario's log reads start before the user exists)."""
    credentials = scene.test_credentials
    user = scene.new_user("Test Holder")
    enroll(scene.device, credentials.held_by(user.info()))


@given(parsers.parse('the terminal allows only "{mode}"'))
def allow_only(scene: Scene, mode: str) -> None:
    scene.auth.apply([authmodes.from_qa_name(mode, scene.extended)], private=False)


@given(parsers.parse("the terminal authenticates by {word} alone"))
def authenticate_by(scene: Scene, word: str) -> None:
    scene.auth.apply([authmodes.single_factor(word, scene.extended)], private=False)


@given(parsers.parse('the terminal allows "{mode}" and authentication by {word} alone'))
def allow_both(scene: Scene, mode: str, word: str) -> None:
    modes = [authmodes.from_qa_name(mode, scene.extended), authmodes.single_factor(word, scene.extended)]
    scene.auth.apply(modes, private=False)


@given(parsers.parse("the terminal's auth timeout is {seconds:d} seconds"))
def auth_timeout_is(scene: Scene, seconds: int) -> None:
    scene.auth.set_timeout(seconds)


@given(parsers.parse("private authentication is {state}"))
def private_auth(scene: Scene, state: str) -> None:
    scene.auth.set_private({"on": True, "off": False}[state])


@given(parsers.parse('the test user\'s own mode for a {first} is "{value}"'))
def own_mode(scene: Scene, first: str, value: str) -> None:
    field, mode = authmodes.own_mode(first, value, scene.extended)
    set_own_mode(scene.device, scene.test_user.user_id, field, mode, scene.terminal.name)


@when(parsers.re(r"the test user presents (?P<sequence>.+?)(?P<partly> and nothing more)?$"))
def present(scene: Scene, sequence: str, partly: str | None) -> None:
    """ "and nothing more": only the first factors of a mode, the terminal is to give up waiting."""
    scene.present(sequence, complete=not partly)


@when("the auth timeout passes")
def auth_timeout_passes(scene: Scene) -> None:
    scene.operator.let_time_pass(scene.auth.timeout() + 1)


@then(
    parsers.re(
        r'the terminal logs "(?P<event>[^"]+)" with sub-code (?P<sub>\S+) for (?P<who>the test user|nobody)'
        r'(?:, where (?P<reading>\w+)=(?P<value>\w+) would log "(?P<other>[^"]+)" with sub-code (?P<other_sub>\S+))?$'
    )
)
def logs_outcome(
    scene: Scene,
    event: str,
    sub: str,
    who: str,
    reading: str | None,
    value: str | None,
    other: str | None,
    other_sub: str | None,
) -> None:
    """The outcome the readings in effect predict; ", where NAME=VALUE would log ...": what the
    scenario rests on where the documentation is silent, and what that other reading predicts."""
    user_id = {"the test user": scene.test_user.user_id, "nobody": ""}[who]
    instead: Alternatives = {}
    if reading and value and other and other_sub:
        instead = {(reading, value): (code_for(other), int(other_sub, 0))}
    scene.expect_outcome(code_for(event), int(sub, 0), user_id, alternatives=instead)


@then(parsers.parse("the terminal grants access to the test user by {kind}"))
def granted_by(scene: Scene, kind: str) -> None:
    scene.expect_outcome(*GRANT_BY[kind], scene.test_user.user_id)


@then(parsers.parse("the terminal refuses the {kind} as unregistered"))
def refused_as_unregistered(scene: Scene, kind: str) -> None:
    scene.expect_outcome(*REFUSED_UNREGISTERED[kind], "")
