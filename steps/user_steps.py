"""Steps about enrolling users and their credentials, reading them back and deleting them."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from biohil.client.expect import user_events_in_order
from biohil.client.readback import Change, expect_listed, expect_named, expect_no_user, refusable
from biohil.client.testusers import set_validity, update_user
from biohil.credentials import kind as _kind
from biohil.eventcodes import code_for
from biohil.operator.capture import capture, capture_card, capture_finger
from biohil.operator.phrases import DURESS_FINGER, OTHER, SPARE_CARD
from biohil.scenario.gsdk import (
    Sent,
    as_duress,
    enroll,
    enroll_with_settings,
    give,
    set_credentials,
    with_two,
)
from biohil.scenario.scene import Scene


@given(parsers.parse('a new test user named "{name}"'))
def new_test_user(scene: Scene, name: str) -> None:
    scene.new_user(name)


@given(parsers.parse('the test user "{name}" is enrolled on the terminal'))
def enrolled_test_user(scene: Scene, name: str) -> None:
    enroll(scene.device, scene.new_user(name).info())


@given(parsers.parse('a second test user "{name}" is enrolled on the terminal'))
def second_test_user(scene: Scene, name: str) -> None:
    enroll(scene.device, scene.new_second_user(name).info())


@when("the test user is enrolled on the terminal")
def enroll_test_user(scene: Scene) -> None:
    enroll(scene.device, scene.test_user.info())


@when(
    parsers.parse(
        'the test user is enrolled with PIN "{pin}", security level "{level}", valid from now to {days:d} days ahead'
    ),
    target_fixture="sent",
)
def enrolled_with_settings(scene: Scene, pin: str, level: str, days: int) -> Sent:
    return enroll_with_settings(scene.device, scene.test_user, pin, level, days)


@then(parsers.parse("the terminal returns the test user {whole}"))
def returns_whole(scene: Scene, sent: Sent, whole: str) -> None:
    """'with those settings', 'whole, with both cards': every field as written."""
    sent.expect_stored(scene.device)


@when(parsers.parse('the same user ID is enrolled as "{name}" {how}'), target_fixture="attempted")
def enroll_again(scene: Scene, name: str, how: str) -> Change:
    overwrite = {"with overwrite": True, "without overwrite": False}[how]
    device, user = scene.device, scene.test_user
    return refusable(device, "enrollment", user.user_id, lambda: enroll(device, user.info(name), overwrite))


@then(
    parsers.re(
        r"the (?P<change>\w+) is (?P<outcome>accepted|refused)"
        r"(?:, where (?P<reading>\w+)=(?P<value>\w+) would (?P<other>accept|refuse) it)?$"
    )
)
def change_outcome(
    scene: Scene, attempted: Change, change: str, outcome: str, reading: str | None, value: str, other: str
) -> None:
    """ ", where NAME=VALUE would ...": the outcome rests on that reading (biohil.scenario.readings)."""
    if reading is None:
        attempted.expect(outcome)
        return
    instead = {"accept": "accepted", "refuse": "refused"}[other]
    scene.expectations.check(
        (reading,),
        lambda values: instead if values[reading] == value else outcome,
        "refused" if attempted.error else "accepted",
        attempted.where,
    )


@given(parsers.parse("a {kind} is captured on the terminal and assigned to the test user"))
@when(parsers.parse("a {kind} is captured on the terminal and assigned to the test user"))
def capture_and_assign(scene: Scene, kind: str) -> None:
    scene.captured[kind] = data = capture(scene.io, scene.operator, kind, _kind(kind).test_label)
    set_credentials(scene.device, kind, scene.test_user.user_id, [data])


@given(parsers.parse("the test {kind} is assigned to the test user"))
def assign_test_credential(scene: Scene, kind: str) -> None:
    """The credential captured once for the run, where capturing is not what the scenario proves."""
    scene.captured[kind] = data = scene.test_credentials.of(kind)
    set_credentials(scene.device, kind, scene.test_user.user_id, [data])


@when("the same card is assigned to the second test user", target_fixture="attempted")
def same_card_to_second(scene: Scene) -> Change:
    device, card, uid = scene.device, scene.captured["card"], scene.second_user.user_id
    return refusable(device, "assignment", uid, lambda: set_credentials(device, "card", uid, [card]))


@given(parsers.parse("the terminal has captured a second {kind} for the test user"))
def capture_second(scene: Scene, kind: str) -> None:
    """The spare card, the other finger or the other face: captured once per run."""
    scene.captured[f"second {kind}"] = scene.second_credential(kind)


@when(parsers.parse("the test user's two {kind}s are {how}"), target_fixture="sent")
def two_credentials(scene: Scene, kind: str, how: str) -> Sent:
    both = [scene.test_credentials.of(kind), scene.captured[f"second {kind}"]]
    return with_two(scene.device, scene.test_user, kind, both, how)


@when(parsers.parse("the test user's {kind}s are removed"))
def remove_credentials(scene: Scene, kind: str) -> None:
    set_credentials(scene.device, kind, scene.test_user.user_id, [])


@then(parsers.parse('the terminal has the test user named "{name}"'))
def has_user_named(scene: Scene, name: str) -> None:
    expect_named(scene.device, scene.test_user.user_id, name)


@then("the terminal's user list includes the test user")
def user_listed(scene: Scene) -> None:
    expect_listed(scene.device, scene.test_user.user_id)


@when("the test user is deleted from the terminal")
def delete_test_user(scene: Scene) -> None:
    scene.device.delete_users(scene.test_user.user_id)


@then("the terminal no longer knows the test user")
def user_gone(scene: Scene) -> None:
    expect_no_user(scene.device, scene.test_user.user_id, "User.Delete")


@then(parsers.parse('the terminal\'s log shows "{first}" then "{second}" for the test user'))
def log_shows(scene: Scene, first: str, second: str) -> None:
    codes: list[int] = [code_for(first), code_for(second)]
    user_events_in_order(scene.device, scene.log_mark, scene.test_user.user_id, codes)


@given("the test user has no PIN")
def without_pin(scene: Scene) -> None:
    update_user(scene.device, scene.test_user.user_id, lambda user: user.ClearField("PIN"))


@when(parsers.parse("the test user's validity {period}"))
def validity(scene: Scene, period: str) -> None:
    set_validity(scene.device, scene.test_user.user_id, period)


@given(parsers.parse("another test user holding another {kind}"))
def another_user(scene: Scene, kind: str) -> None:
    """A second user with a credential of its own (another finger, another person's face), which
    the test user's phrases call "another user's <kind>"."""
    other = scene.users.new("Other Holder")
    data = capture(scene.io, scene.operator, kind, OTHER[kind][1])
    enroll(scene.device, give(other.info(), kind, data))
    scene.other_user_id = other.user_id


@given("a duress fingerprint of the test user is enrolled")
def duress_finger(scene: Scene) -> None:
    """Another finger of the test user, enrolled with the duress flag next to the test finger."""
    duress = as_duress(capture_finger(scene.io, scene.operator, DURESS_FINGER))
    fingers = [f for f in (scene.test_credentials.of("fingerprint"), duress) if f is not None]
    set_credentials(scene.device, "fingerprint", scene.test_user.user_id, fingers)


@given("the terminal has read the spare card", target_fixture="spare_card")
def read_spare_card(scene: Scene) -> bytes:
    """A card nobody has enrolled, scanned once: what the terminal reads from it."""
    return bytes(capture_card(scene.io, scene.operator, SPARE_CARD).data)
