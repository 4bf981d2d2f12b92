"""Steps about the event log (filters, time ranges, paging) and the realtime stream."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pytest_bdd import given, parsers, then, when

from biohil.client import Device
from biohil.client.authconfig import AuthConfigGuard
from biohil.client.expect import check_streamed, ids, pages_of, same_events
from biohil.client.testusers import TestUser, TestUsers
from biohil.client.watch import Events, EventWatcher, Monitoring, Streams, render
from biohil.eventcodes import GRANT_BY, REFUSED_UNREGISTERED, code_for, describe
from biohil.lab.terminal import Terminal as Target
from biohil.operator import Input, Operator
from biohil.operator.attempt import authenticate
from biohil.operator.capture import TerminalIO
from biohil.operator.phrases import TEST_CARD, Holder
from biohil.scenario import Event, StartedAt, TestCredentials, enroll, expect_outcome, filtered, give, matches

STREAM_WAIT = 10.0
OTHER_TIMEOUT = 5.0  # one credential on the other terminal: its auth timeout does not matter


# -- a log with history ------------------------------------------------------------------------


@given("the terminal's log already holds events of other users", target_fixture="scenario_start")
def other_users_events(
    device: Device,
    watcher: EventWatcher,
    operator: Operator,
    terminal_io: TerminalIO,
    auth_guard: AuthConfigGuard,
    test_users: TestUsers,
    test_credentials: TestCredentials,
    log_mark: int,
) -> int:
    """Other test users are enrolled, one of them shows the test card, and all are deleted: the
    log then holds their enrol, verify and delete events among the scenario's own."""
    card = test_credentials.of("card")
    assert card is not None, "these scenarios need a terminal with a card reader"
    others = [test_users.new(f"Other user {n}") for n in range(1, 4)]
    for info in (give(others[0].info(), "card", card), *(o.info() for o in others[1:])):
        enroll(device, info)
    shown = [terminal_io.action(Input.CARD, TEST_CARD)]
    mark = authenticate(operator, watcher, device, shown, auth_guard.timeout())
    expect_outcome(watcher, mark, auth_guard.auth_timeout, *GRANT_BY["card"], others[0].user_id)
    device.delete_users(*(o.user_id for o in others))
    return log_mark


@given("the test user has presented the card twice and an unregistered card once")
def presented_three_times(
    watcher: EventWatcher,
    operator: Operator,
    terminal_io: TerminalIO,
    holder: Holder,
    auth_guard: AuthConfigGuard,
) -> None:
    for sequence, (code, sub), user in (
        ("the card", GRANT_BY["card"], holder.user_id),
        ("the card", GRANT_BY["card"], holder.user_id),
        ("an unregistered card", REFUSED_UNREGISTERED["card"], ""),
    ):
        actions = holder.actions(terminal_io, sequence)
        mark = authenticate(operator, watcher, terminal_io.device, actions, auth_guard.timeout())
        expect_outcome(watcher, mark, auth_guard.auth_timeout, code, sub, user)


# -- filters -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeRange:
    start: int
    end: int
    result: Events


class Pages(list[Events]):
    def __init__(self, pages: Iterable[Events], size: int) -> None:
        super().__init__(pages)
        self.size = size  # the maxNumOfLog each page was asked with

    def __repr__(self) -> str:
        return f"{len(self)} pages of up to {self.size}, {sum(len(p) for p in self)} events"


@when("the log is filtered by the test user's ID from the scenario's start", target_fixture="result")
def filter_by_user(device: Device, scenario_start: int, test_user: TestUser) -> Events:
    return filtered(device, scenario_start, user_id=test_user.user_id)


@then("the result is exactly the test user's events the scenario caused, in order")
def exactly_users_events(result: Events, watcher: EventWatcher, test_user: TestUser) -> None:
    caused = [e for e in watcher.since(0) if e.userID == test_user.user_id]
    enough = len(caused) >= 3
    assert enough, f"the scenario should have caused the enrolment and 2 verifications: {render(caused)}"
    same_events(result, caused, f"filter by user {test_user.user_id}")


@when(
    parsers.parse('the log is filtered by the event "{event}" from the scenario\'s start'),
    target_fixture="result",
)
def filter_by_code(device: Device, scenario_start: int, event: str) -> Events:
    return filtered(device, scenario_start, code=code_for(event))


@then(parsers.parse('the result is exactly the scenario\'s "{event}" events, in order'))
def exactly_code_events(result: Events, watcher: EventWatcher, event: str) -> None:
    code = code_for(event)
    caused = [e for e in watcher.since(0) if e.eventCode == code]
    users = {e.userID for e in caused}
    assert len(users) >= 2, f"other users' {describe(code)} events should be among them: {render(caused)}"
    same_events(result, caused, f"filter by {describe(code)}")


@when(
    parsers.parse(
        "the log is filtered by the test user's ID and the event \"{event}\" from the scenario's start"
    ),
    target_fixture="result",
)
def filter_by_both(device: Device, scenario_start: int, test_user: TestUser, event: str) -> Events:
    return filtered(device, scenario_start, user_id=test_user.user_id, code=code_for(event))


@then(parsers.parse('the result is the test user\'s {count:d} "{event}" events, in order'))
def users_code_events(
    result: Events, watcher: EventWatcher, test_user: TestUser, count: int, event: str
) -> None:
    code = code_for(event)
    caused = [e for e in watcher.since(0) if (e.userID, e.eventCode) == (test_user.user_id, code)]
    assert len(caused) == count, f"the scenario caused {render(caused)}"
    same_events(result, caused, f"filter by user {test_user.user_id} and {describe(code)}")


@when("the log is filtered by the time range of the scenario's events", target_fixture="time_range")
def filter_by_time(device: Device, scenario_start: int, watcher: EventWatcher) -> tuple[int, int, Events]:
    caused = watcher.since(0)
    start, end = min(e.timestamp for e in caused), max(e.timestamp for e in caused)
    return start, end, filtered(device, scenario_start, start_time=start, end_time=end)


@then("the result is exactly the log's events in that time range, in order")
def exactly_time_range(device: Device, scenario_start: int, time_range: tuple[int, int, Events]) -> None:
    start, end, result = time_range
    expected = [e for e in device.events(scenario_start) if start <= e.timestamp <= end]
    same_events(result, expected, f"filter by time {start}..{end}")


@then("the result holds every event the scenario caused")
def holds_every_caused(time_range: tuple[int, int, Events], watcher: EventWatcher) -> None:
    missing = set(ids(watcher.since(0))) - set(ids(time_range[2]))
    assert not missing, (
        f"events {sorted(missing)} that the terminal reported live are missing from the result"
    )


@when(
    parsers.re(r"the log is read from the scenario's start in pages of (?P<size>\d+) events?"),
    target_fixture="pages",
    converters={"size": int},
)
def read_pages(device: Device, scenario_start: int, size: int) -> Pages:
    return Pages((Events(page) for page in device.pages(scenario_start, size)), size)


@then("the pages together are exactly the log read in one go, in order, with no gaps or repeats")
def pages_complete(pages: Pages, device: Device, scenario_start: int, watcher: EventWatcher) -> None:
    pages_of(pages, pages.size)
    joined = [e for page in pages for e in page]
    whole = device.events(scenario_start)
    same_events(joined, whole, "paged read")
    joined_ids = ids(joined)
    first = joined_ids[0]
    assert joined_ids == list(range(first, first + len(joined_ids))), f"IDs are not contiguous: {joined_ids}"
    assert set(ids(watcher.since(0))) <= set(joined_ids), (
        "an event the terminal reported live is missing from the pages"
    )


# -- realtime ----------------------------------------------------------------------------------


@given("monitoring of the terminal is enabled")
@when("monitoring of the terminal is enabled")
def monitoring_on(monitoring: Monitoring) -> None:
    monitoring.enable()


@when("monitoring of the terminal is disabled")
def monitoring_off(monitoring: Monitoring) -> None:
    monitoring.disable()


@given("a stream of the terminal's events", target_fixture="stream")
def stream_of_terminal(device: Device, terminal: Target, streams: Streams) -> EventWatcher:
    return streams.open(device, f"a stream of {terminal.name} {device.id}")


@given(parsers.parse('a stream of the terminal\'s "{event}" events'), target_fixture="stream")
def stream_of_code(device: Device, terminal: Target, streams: Streams, event: str) -> EventWatcher:
    code = code_for(event)
    return streams.open(device, f"a stream of {terminal.name} {device.id} for {describe(code)}", [code])


@given("another terminal is connected and monitored")
def other_connected(other_terminal: TerminalIO) -> None:
    assert other_terminal.device.id, f"Connect answered device ID 0 for {other_terminal.name}"


@given("a stream of the other terminal's events", target_fixture="stream")
def stream_of_other(other_terminal: TerminalIO, streams: Streams) -> EventWatcher:
    label = f"a stream of {other_terminal.name} {other_terminal.device.id}"
    return streams.open(other_terminal.device, label)


@when("something happens on the other terminal")
def happens_on_other(
    operator: Operator, other_terminal: TerminalIO, holder: Holder, stream: EventWatcher
) -> None:
    actions = holder.actions(other_terminal, "an unregistered card")
    authenticate(operator, stream, other_terminal.device, actions, OTHER_TIMEOUT)


DELIVERS = 'the stream delivers "{event}" with sub-code {sub} for the test user from the terminal within {seconds:d} '


@then(parsers.parse(DELIVERS + "second"))
@then(parsers.parse(DELIVERS + "seconds"))
def stream_delivers(
    stream: EventWatcher,
    attempt: int,
    device: Device,
    test_user: TestUser,
    event: str,
    sub: str,
    seconds: int,
) -> None:
    code, sub_code = code_for(event), int(sub, 0)
    what = f"{describe(code, sub_code)} for user {test_user.user_id}"
    delivered = stream.wait_for(matches(device.id, code, sub_code, test_user.user_id), 0, seconds, what)
    check_streamed(stream, delivered, f"{what} on {stream.label}")


@then(parsers.parse('the first event on the stream is "{event}" with sub-code {sub} for {who}'))
def first_on_stream(stream: EventWatcher, test_user: TestUser, event: str, sub: str, who: str) -> None:
    user = {"the test user": test_user.user_id, "nobody": ""}[who]
    first = stream.wait_for(lambda e: True, 0, STREAM_WAIT, "an event")
    want = (code_for(event), int(sub, 0), user)
    got = (first.eventCode, first.subCode, first.userID)
    assert got == want, (
        f"{stream.label} first delivered {render([first])}; expected {describe(want[0], want[1])}"
    )
    check_streamed(stream, first, f"the first event on {stream.label}")


@then("the first event on the stream comes from the other terminal")
def first_from_other(stream: EventWatcher, other_terminal: TerminalIO) -> None:
    first = stream.wait_for(lambda e: True, 0, STREAM_WAIT, "an event")
    assert first.deviceID == other_terminal.device.id, (
        f"{stream.label} first delivered an event of device {first.deviceID}: {render([first])}"
    )
    check_streamed(stream, first, f"the first event on {stream.label}")


@then(parsers.parse('the terminal\'s log holds the "{event}" of the test user that the stream left out'))
def log_holds_left_out(
    device: Device, stream: EventWatcher, attempt: int, log_mark: int, test_user: TestUser, event: str
) -> None:
    code = code_for(event)
    logged = filtered(device, log_mark, user_id=test_user.user_id, code=code)
    assert logged, f"the terminal logged no {describe(code)} for user {test_user.user_id}"
    streamed = set(ids(stream.since(0)))
    assert not streamed & set(ids(logged)), f"the stream delivered {render(logged)} while monitoring was off"


@then(
    parsers.parse('the terminal logs "{event}" with sub-code {sub} for nobody, with the spare card\'s data')
)
def logs_with_card_data(
    watcher: EventWatcher, attempt: int, auth_guard: AuthConfigGuard, spare_card: bytes, event: str, sub: str
) -> None:
    expect_outcome(watcher, attempt, auth_guard.auth_timeout, code_for(event), int(sub, 0), "", spare_card)


def _users_first(watcher: EventWatcher, test_user: TestUser, event: str) -> Event:
    code = code_for(event)
    found = [e for e in watcher.since(0) if (e.userID, e.eventCode) == (test_user.user_id, code)]
    assert found, (
        f"the scenario caused no {describe(code)} for user {test_user.user_id}: {render(watcher.since(0))}"
    )
    return found[0]


@when(
    parsers.parse(
        "the log is filtered by the test user's ID from the ID of the test user's first \"{event}\""
    ),
    target_fixture="started",
)
def filter_from_event(device: Device, watcher: EventWatcher, test_user: TestUser, event: str) -> StartedAt:
    first = _users_first(watcher, test_user, event)
    return StartedAt(first, filtered(device, first.ID, user_id=test_user.user_id))


@when(
    parsers.parse('the log is read from the ID of the test user\'s first "{event}"'), target_fixture="started"
)
def read_from_event(device: Device, watcher: EventWatcher, test_user: TestUser, event: str) -> StartedAt:
    first = _users_first(watcher, test_user, event)
    return StartedAt(first, Events(device.events(first.ID)))


@then("the result begins with that event")
def begins_with(started: StartedAt, device: Device) -> None:
    got = started.result[0].ID if started.result else None
    assert got == started.event.ID, (
        f"a read from #{started.event.ID} returned {render(started.result[:3])}...: the query skipped "
        f"{render([started.event])}, which the terminal's log holds and streamed"
    )
