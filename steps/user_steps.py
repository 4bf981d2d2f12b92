"""Steps about enrolling users and their credentials, reading them back and deleting them."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from biohil.client import Device, GsdkError, NotFound
from biohil.client.errors import refusal
from biohil.client.expect import user_events_in_order
from biohil.client.testusers import DAY, TestUser, TestUsers, set_validity, terminal_time, update_user
from biohil.eventcodes import code_for
from biohil.gsdk import finger_pb2, user_pb2
from biohil.operator import Operator
from biohil.operator.capture import Terminal, capture_card, capture_face, capture_finger
from biohil.operator.phrases import (
    DURESS_FINGER,
    OTHER,
    SPARE_CARD,
    TEST_CARD,
    TEST_FACE,
    TEST_FINGER,
    Holder,
)
from fixtures.scenario import TestCredentials

# kind -> (capture, label of the physical credential, UserInfo field)
CAPTURES: dict[str, tuple[Any, str, str]] = {
    "card": (capture_card, TEST_CARD, "cards"),
    "fingerprint": (capture_finger, TEST_FINGER, "fingers"),
    "face": (capture_face, TEST_FACE, "faces"),
}


class Captured(dict[str, Any]):
    """Credential data captured in this scenario, by kind (the repr leaves the data out)."""

    def __repr__(self) -> str:
        return f"Captured({', '.join(self) or 'nothing'})"


@pytest.fixture
def captured() -> Captured:
    return Captured()


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


@dataclass(frozen=True)
class Sent:
    """The UserInfo a step enrolled (its repr names only the user: no PIN hash in reports)."""

    info: user_pb2.UserInfo

    def __repr__(self) -> str:
        return f"Sent(user {self.info.hdr.ID})"


@when(
    parsers.parse(
        'the test user is enrolled with PIN "{pin}", security level "{level}" and an end date {days:d} days ahead'
    ),
    target_fixture="sent",
)
def enroll_with_settings(device: Device, test_user: TestUser, pin: str, level: str, days: int) -> Sent:
    info = test_user.info()
    info.PIN = device.pin_hash(pin)
    level_value = user_pb2.SecurityLevel.Value(f"SECURITY_LEVEL_{level.upper()}")
    info.setting.securityLevel = level_value  # type: ignore[assignment]
    info.setting.endTime = terminal_time(device) + days * DAY
    device.enroll([info])
    return Sent(info)


@then("the terminal returns the test user with those settings")
def returns_settings(device: Device, sent: Sent) -> None:
    sent_info = sent.info
    [stored] = device.users(sent_info.hdr.ID)
    got = (stored.name, stored.PIN, stored.setting.securityLevel, stored.setting.endTime)
    want = (sent_info.name, sent_info.PIN, sent_info.setting.securityLevel, sent_info.setting.endTime)
    assert got == want, f"the terminal returned (name, PIN hash, security level, end) {got}, sent {want}"


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
    terminal_io: Terminal, operator: Operator, test_user: TestUser, captured: Captured, kind: str
) -> None:
    capture, label, field = CAPTURES[kind]
    captured[kind] = data = capture(terminal_io, operator, label)
    _set_credentials(terminal_io.device, field, test_user.user_id, [data])


@given(parsers.parse("the test {kind} is assigned to the test user"))
def assign_test_credential(
    device: Device, test_user: TestUser, test_credentials: TestCredentials, captured: Captured, kind: str
) -> None:
    """The credential captured once for the run, where capturing is not what the scenario proves."""
    captured[kind] = data = test_credentials.of(kind)
    _set_credentials(device, CAPTURES[kind][2], test_user.user_id, [data])


def _set_credentials(device: Device, field: str, user_id: str, items: list[Any]) -> None:
    setters: dict[str, Callable[[str, list[Any]], None]] = {
        "cards": device.set_cards,
        "fingers": device.set_fingers,
        "faces": device.set_faces,
    }
    setter = setters[field]
    setter(user_id, items)


@when("the same card is assigned to the second test user", target_fixture="change_error")
def same_card_to_second(device: Device, second_user: TestUser, captured: Captured) -> GsdkError | None:
    return refusal(lambda: device.set_cards(second_user.user_id, [captured["card"]]))


@when(parsers.parse("the test user's {kind}s are removed"))
def remove_credentials(device: Device, test_user: TestUser, kind: str) -> None:
    _set_credentials(device, CAPTURES[kind][2], test_user.user_id, [])


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
    terminal_io: Terminal, operator: Operator, test_users: TestUsers, holder: Holder, kind: str
) -> Holder:
    """A second user with a credential of its own (another finger, another person's face), which
    the test user's phrases call "another user's <kind>"."""
    capture, _, field = CAPTURES[kind]
    other = test_users.new("Other Holder")
    info = other.info()
    getattr(info, field).append(capture(terminal_io, operator, OTHER[kind][1]))
    terminal_io.device.enroll([info])
    return dataclasses.replace(holder, other_id=other.user_id)


@given("a duress fingerprint of the test user is enrolled")
def duress_finger(
    terminal_io: Terminal, operator: Operator, test_user: TestUser, test_credentials: TestCredentials
) -> None:
    """Another finger of the test user, enrolled with the duress flag next to the test finger."""
    duress = capture_finger(terminal_io, operator, DURESS_FINGER)
    duress.flag |= finger_pb2.BS2_FINGER_FLAG_DURESS
    fingers = [f for f in (test_credentials.finger, duress) if f is not None]
    terminal_io.device.set_fingers(test_user.user_id, fingers)


@given("the terminal has read the spare card", target_fixture="spare_card")
def read_spare_card(terminal_io: Terminal, operator: Operator) -> bytes:
    """A card nobody has enrolled, scanned once: what the terminal reads from it."""
    return bytes(capture_card(terminal_io, operator, SPARE_CARD).data)
