"""Steps about enrolling users and their credentials, reading them back and deleting them."""

from __future__ import annotations

import dataclasses
from typing import Any

from pytest_bdd import given, parsers, then, when

from biohil.client import Device
from biohil.client.expect import user_events_in_order
from biohil.client.readback import Change, attempt, expect_listed, expect_named, expect_no_user
from biohil.client.testusers import TestUser, TestUsers, set_validity, update_user
from biohil.credentials import kind as _kind
from biohil.eventcodes import code_for
from biohil.operator import Operator
from biohil.operator.capture import TerminalIO, capture, capture_card, capture_finger
from biohil.operator.phrases import DURESS_FINGER, OTHER, SPARE_CARD, Holder
from biohil.scenario import (
    Captured,
    Sent,
    TestCredentials,
    as_duress,
    enroll,
    enroll_with_settings,
    give,
    second_credential,
    set_credentials,
    with_two,
)


@given(parsers.parse('a new test user named "{name}"'), target_fixture="test_user")
def new_test_user(test_users: TestUsers, log_mark: int, name: str) -> TestUser:
    return test_users.new(name)


@given(parsers.parse('the test user "{name}" is enrolled on the terminal'), target_fixture="test_user")
def enrolled_test_user(test_users: TestUsers, device: Device, name: str) -> TestUser:
    user = test_users.new(name)
    enroll(device, user.info())
    return user


@given(parsers.parse('a second test user "{name}" is enrolled on the terminal'), target_fixture="second_user")
def second_test_user(test_users: TestUsers, device: Device, name: str) -> TestUser:
    return enrolled_test_user(test_users, device, name)


@when("the test user is enrolled on the terminal")
def enroll_test_user(device: Device, test_user: TestUser) -> None:
    enroll(device, test_user.info())


@when(
    parsers.parse(
        'the test user is enrolled with PIN "{pin}", security level "{level}", valid from now to {days:d} days ahead'
    ),
    target_fixture="sent",
)
def enrolled_with_settings(device: Device, test_user: TestUser, pin: str, level: str, days: int) -> Sent:
    return enroll_with_settings(device, test_user, pin, level, days)


@then(parsers.parse("the terminal returns the test user {whole}"))
def returns_whole(device: Device, sent: Sent, whole: str) -> None:
    """'with those settings', 'whole, with both cards': every field as written."""
    sent.expect_stored(device)


@when(
    parsers.parse('the same user ID is enrolled as "{name}" {how}'),
    target_fixture="attempted",
)
def enroll_again(device: Device, test_user: TestUser, name: str, how: str) -> Change:
    overwrite = {"with overwrite": True, "without overwrite": False}[how]
    uid = test_user.user_id
    return attempt(device, "enrollment", uid, lambda: enroll(device, test_user.info(name), overwrite))


@then(parsers.parse("the {change} is {outcome}"))
def change_outcome(attempted: Change, change: str, outcome: str) -> None:
    attempted.expect(outcome)


@given(parsers.parse("a {kind} is captured on the terminal and assigned to the test user"))
@when(parsers.parse("a {kind} is captured on the terminal and assigned to the test user"))
def capture_and_assign(
    terminal_io: TerminalIO, operator: Operator, test_user: TestUser, captured: Captured, kind: str
) -> None:
    captured[kind] = data = capture(terminal_io, operator, kind, _kind(kind).test_label)
    set_credentials(terminal_io.device, kind, test_user.user_id, [data])


@given(parsers.parse("the test {kind} is assigned to the test user"))
def assign_test_credential(
    device: Device, test_user: TestUser, test_credentials: TestCredentials, captured: Captured, kind: str
) -> None:
    """The credential captured once for the run, where capturing is not what the scenario proves."""
    captured[kind] = data = test_credentials.of(kind)
    set_credentials(device, kind, test_user.user_id, [data])


@when("the same card is assigned to the second test user", target_fixture="attempted")
def same_card_to_second(device: Device, second_user: TestUser, captured: Captured) -> Change:
    uid = second_user.user_id
    return attempt(
        device, "assignment", uid, lambda: set_credentials(device, "card", uid, [captured["card"]])
    )


@given(parsers.parse("the terminal has captured a second {kind} for the test user"))
def capture_second(
    terminal_io: TerminalIO,
    operator: Operator,
    credential_cache: dict[tuple[int, str], Any],
    captured: Captured,
    kind: str,
) -> None:
    """The spare card, the other finger or the other face: captured once per run."""
    captured[f"second {kind}"] = second_credential(terminal_io, operator, credential_cache, kind)


@when(parsers.parse("the test user's two {kind}s are {how}"), target_fixture="sent")
def two_credentials(
    device: Device,
    test_user: TestUser,
    test_credentials: TestCredentials,
    captured: Captured,
    kind: str,
    how: str,
) -> Sent:
    both = [test_credentials.of(kind), captured[f"second {kind}"]]
    return with_two(device, test_user, kind, both, how)


@when(parsers.parse("the test user's {kind}s are removed"))
def remove_credentials(device: Device, test_user: TestUser, kind: str) -> None:
    set_credentials(device, kind, test_user.user_id, [])


@then(parsers.parse('the terminal has the test user named "{name}"'))
def has_user_named(device: Device, test_user: TestUser, name: str) -> None:
    expect_named(device, test_user.user_id, name)


@then("the terminal's user list includes the test user")
def user_listed(device: Device, test_user: TestUser) -> None:
    expect_listed(device, test_user.user_id)


@when("the test user is deleted from the terminal")
def delete_test_user(device: Device, test_user: TestUser) -> None:
    device.delete_users(test_user.user_id)


@then("the terminal no longer knows the test user")
def user_gone(device: Device, test_user: TestUser) -> None:
    expect_no_user(device, test_user.user_id, "User.Delete")


@then(parsers.parse('the terminal\'s log shows "{first}" then "{second}" for the test user'))
def log_shows(device: Device, test_user: TestUser, log_mark: int, first: str, second: str) -> None:
    user_events_in_order(device, log_mark, test_user.user_id, [code_for(first), code_for(second)])


@given("the test user has no PIN")
def without_pin(device: Device, test_user: TestUser) -> None:
    update_user(device, test_user.user_id, lambda user: user.ClearField("PIN"))


@when(parsers.parse("the test user's validity {period}"))
def validity(device: Device, test_user: TestUser, period: str) -> None:
    set_validity(device, test_user.user_id, period)


@given(parsers.parse("another test user holding another {kind}"), target_fixture="holder")
def another_user(
    terminal_io: TerminalIO, operator: Operator, test_users: TestUsers, holder: Holder, kind: str
) -> Holder:
    """A second user with a credential of its own (another finger, another person's face), which
    the test user's phrases call "another user's <kind>"."""
    other = test_users.new("Other Holder")
    data = capture(terminal_io, operator, kind, OTHER[kind][1])
    enroll(terminal_io.device, give(other.info(), kind, data))
    return dataclasses.replace(holder, other_id=other.user_id)


@given("a duress fingerprint of the test user is enrolled")
def duress_finger(
    terminal_io: TerminalIO, operator: Operator, test_user: TestUser, test_credentials: TestCredentials
) -> None:
    """Another finger of the test user, enrolled with the duress flag next to the test finger."""
    duress = as_duress(capture_finger(terminal_io, operator, DURESS_FINGER))
    fingers = [f for f in (test_credentials.of("fingerprint"), duress) if f is not None]
    set_credentials(terminal_io.device, "fingerprint", test_user.user_id, fingers)


@given("the terminal has read the spare card", target_fixture="spare_card")
def read_spare_card(terminal_io: TerminalIO, operator: Operator) -> bytes:
    """A card nobody has enrolled, scanned once: what the terminal reads from it."""
    return bytes(capture_card(terminal_io, operator, SPARE_CARD).data)
