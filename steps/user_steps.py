"""Steps about enrolling, reading and deleting users, and the log entries that records."""

from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, then, when

from biohil.client import Device, GsdkError, NotFound
from biohil.client.expect import user_events_in_order
from biohil.client.testusers import TestUser, TestUsers
from biohil.eventcodes import code_for


@pytest.fixture
def log_mark(device: Device) -> int:
    """The first event ID this scenario can have caused (lazy: only scenarios that read the log pay)."""
    return device.newest_event_id() + 1


@given(parsers.parse('a new test user named "{name}"'), target_fixture="test_user")
def new_test_user(test_users: TestUsers, log_mark: int, name: str) -> TestUser:
    return test_users.new(name)


@given(parsers.parse('the test user "{name}" is enrolled on the terminal'), target_fixture="test_user")
def enrolled_test_user(test_users: TestUsers, device: Device, name: str) -> TestUser:
    user = test_users.new(name)
    device.enroll([user.info()])
    return user


@when("the test user is enrolled on the terminal")
def enroll_test_user(device: Device, test_user: TestUser) -> None:
    device.enroll([test_user.info()])


@when(
    parsers.parse('the same user ID is enrolled as "{name}" {how}'),
    target_fixture="enroll_error",
)
def enroll_again(device: Device, test_user: TestUser, name: str, how: str) -> GsdkError | None:
    overwrite = {"with overwrite": True, "without overwrite": False}[how]
    try:
        device.enroll([test_user.info(name)], overwrite=overwrite)
    except GsdkError as e:
        return e
    return None


@then(parsers.parse("the enrollment is {outcome}"))
def enrollment_outcome(enroll_error: GsdkError | None, outcome: str) -> None:
    if outcome == "accepted":
        assert enroll_error is None, f"the terminal refused the enrollment: {enroll_error}"
    else:
        assert enroll_error is not None, "the terminal accepted an enrollment it should have refused"


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
