"""Steps about enrolling users and their credentials, reading them back and deleting them."""

from __future__ import annotations

import dataclasses

import pytest
from pytest_bdd import given, parsers, then, when

from biohil.client import Device, GsdkError, NotFound
from biohil.client.errors import refusal
from biohil.client.expect import user_events_in_order
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
    enroll_with_settings,
    give,
    set_credentials,
)


@given(parsers.parse('a new test user named "{name}"'), target_fixture="test_user")
def new_test_user(test_users: TestUsers, log_mark: int, name: str) -> TestUser:
    return test_users.new(name)


@given(parsers.parse('the test user "{name}" is enrolled on the terminal'), target_fixture="test_user")
def enrolled_test_user(test_users: TestUsers, device: Device, name: str) -> TestUser:
    user = test_users.new(name)
    device.enroll([user.info()])
    return user


@given(parsers.parse('a second test user "{name}" is enrolled on the terminal'), target_fixture="second_user")
def second_test_user(test_users: TestUsers, device: Device, name: str) -> TestUser:
    return enrolled_test_user(test_users, device, name)


@when("the test user is enrolled on the terminal")
def enroll_test_user(device: Device, test_user: TestUser) -> None:
    device.enroll([test_user.info()])


@when(
    parsers.parse(
        'the test user is enrolled with PIN "{pin}", security level "{level}" and an end date {days:d} days ahead'
    ),
    target_fixture="sent",
)
def enrolled_with_settings(device: Device, test_user: TestUser, pin: str, level: str, days: int) -> Sent:
    return enroll_with_settings(device, test_user, pin, level, days)


@then("the terminal returns the test user with those settings")
def returns_settings(device: Device, sent: Sent) -> None:
    difference = sent.stored_differently(device)
    assert not difference, difference


@when(
    parsers.parse('the same user ID is enrolled as "{name}" {how}'),
    target_fixture="change_error",
)
def enroll_again(device: Device, test_user: TestUser, name: str, how: str) -> GsdkError | None:
    overwrite = {"with overwrite": True, "without overwrite": False}[how]
    return refusal(lambda: device.enroll([test_user.info(name)], overwrite=overwrite))


@then(parsers.parse("the {change} is {outcome}"))
def change_outcome(change_error: GsdkError | None, change: str, outcome: str) -> None:
    if outcome == "accepted":
        assert change_error is None, f"the terminal refused the {change}: {change_error}"
    else:
        assert change_error is not None, f"the terminal accepted the {change}; it should have refused it"


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


@when("the same card is assigned to the second test user", target_fixture="change_error")
def same_card_to_second(device: Device, second_user: TestUser, captured: Captured) -> GsdkError | None:
    return refusal(lambda: device.set_cards(second_user.user_id, [captured["card"]]))


@when(parsers.parse("the test user's {kind}s are removed"))
def remove_credentials(device: Device, test_user: TestUser, kind: str) -> None:
    set_credentials(device, kind, test_user.user_id, [])


@then(parsers.parse('the terminal has the test user named "{name}"'))
def has_user_named(device: Device, test_user: TestUser, name: str) -> None:
    [stored] = device.users(test_user.user_id)
    assert stored.name == name, f"user {test_user.user_id} is named {stored.name!r}, expected {name!r}"


@then("the terminal's user list includes the test user")
def user_listed(device: Device, test_user: TestUser) -> None:
    listed = {h.ID for h in device.user_headers()}
    assert test_user.user_id in listed, f"user {test_user.user_id} is missing from the user list"


@when("the test user is deleted from the terminal")
def delete_test_user(device: Device, test_user: TestUser) -> None:
    device.delete_users(test_user.user_id)


@then("the terminal no longer knows the test user")
def user_gone(device: Device, test_user: TestUser) -> None:
    with pytest.raises(NotFound):
        device.users(test_user.user_id)
    assert test_user.user_id not in {h.ID for h in device.user_headers()}


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
    terminal_io.device.enroll([give(other.info(), kind, data)])
    return dataclasses.replace(holder, other_id=other.user_id)


@given("a duress fingerprint of the test user is enrolled")
def duress_finger(
    terminal_io: TerminalIO, operator: Operator, test_user: TestUser, test_credentials: TestCredentials
) -> None:
    """Another finger of the test user, enrolled with the duress flag next to the test finger."""
    duress = as_duress(capture_finger(terminal_io, operator, DURESS_FINGER))
    fingers = [f for f in (test_credentials.of("fingerprint"), duress) if f is not None]
    terminal_io.device.set_fingers(test_user.user_id, fingers)


@given("the terminal has read the spare card", target_fixture="spare_card")
def read_spare_card(terminal_io: TerminalIO, operator: Operator) -> bytes:
    """A card nobody has enrolled, scanned once: what the terminal reads from it."""
    return bytes(capture_card(terminal_io, operator, SPARE_CARD).data)
