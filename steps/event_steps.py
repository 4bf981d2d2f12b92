"""Steps about the event log (filters, time ranges, paging) and the realtime stream."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pytest_bdd import given, parsers, then, when

from biohil.client.expect import check_streamed, ids, pages_of, same_events
from biohil.client.watch import Events, render
from biohil.credentials import Input
from biohil.eventcodes import GRANT_BY, REFUSED_UNREGISTERED, code_for, describe
from biohil.operator.phrases import TEST_CARD
from biohil.scenario.gsdk import Event, StartedAt, enroll, filtered, give
from biohil.scenario.scene import Scene

STREAM_WAIT = 10.0


# -- a log with history ------------------------------------------------------------------------


@given("the terminal's log already holds events of other users")
def other_users_events(scene: Scene) -> None:
    """Other test users are enrolled, one of them shows the test card, and all are deleted: the
    log then holds their enrol, verify and delete events among the scenario's own (which start at
    the scene's log mark)."""
    _ = scene.watcher, scene.log_mark  # watching, and the scenario's start marked, before anything
    card = scene.test_credentials.of("card")
    others = [scene.users.new(f"Other user {n}") for n in range(1, 4)]
    for info in (give(others[0].info(), "card", card), *(o.info() for o in others[1:])):
        enroll(scene.device, info)
    scene.present_actions([scene.io.action(Input.CARD, TEST_CARD)])  # the first one's card
    scene.expect_outcome(*GRANT_BY["card"], others[0].user_id)
    scene.device.delete_users(*(o.user_id for o in others))


@given("the test user has presented the card twice and an unregistered card once")
def presented_three_times(scene: Scene) -> None:
    user_id = scene.test_user.user_id
    for sequence, (code, sub), user in (
        ("the card", GRANT_BY["card"], user_id),
        ("the card", GRANT_BY["card"], user_id),
        ("an unregistered card", REFUSED_UNREGISTERED["card"], ""),
    ):
        scene.present(sequence)
        scene.expect_outcome(code, sub, user)


# -- filters -----------------------------------------------------------------------------------


@when("the log is filtered by the test user's ID from the scenario's start", target_fixture="result")
def filter_by_user(scene: Scene) -> Events:
    return filtered(scene.device, scene.log_mark, user_id=scene.test_user.user_id)


@then("the result is exactly the test user's events the scenario caused, in order")
def exactly_users_events(scene: Scene, result: Events) -> None:
    user_id = scene.test_user.user_id
    caused = [e for e in scene.watcher.since(0) if e.userID == user_id]
    enough = len(caused) >= 3
    assert enough, f"the scenario should have caused the enrolment and 2 verifications: {render(caused)}"
    same_events(result, caused, f"filter by user {user_id}")


@when(
    parsers.parse('the log is filtered by the event "{event}" from the scenario\'s start'),
    target_fixture="result",
)
def filter_by_code(scene: Scene, event: str) -> Events:
    return filtered(scene.device, scene.log_mark, code=code_for(event))


@then(parsers.parse('the result is exactly the scenario\'s "{event}" events, in order'))
def exactly_code_events(scene: Scene, result: Events, event: str) -> None:
    code = code_for(event)
    caused = [e for e in scene.watcher.since(0) if e.eventCode == code]
    users = {e.userID for e in caused}
    assert len(users) >= 2, f"other users' {describe(code)} events should be among them: {render(caused)}"
    same_events(result, caused, f"filter by {describe(code)}")


@when(
    parsers.parse(
        "the log is filtered by the test user's ID and the event \"{event}\" from the scenario's start"
    ),
    target_fixture="result",
)
def filter_by_both(scene: Scene, event: str) -> Events:
    return filtered(scene.device, scene.log_mark, user_id=scene.test_user.user_id, code=code_for(event))


@then(parsers.parse('the result is the test user\'s {count:d} "{event}" events, in order'))
def users_code_events(scene: Scene, result: Events, count: int, event: str) -> None:
    code, user_id = code_for(event), scene.test_user.user_id
    caused = [e for e in scene.watcher.since(0) if (e.userID, e.eventCode) == (user_id, code)]
    assert len(caused) == count, f"the scenario caused {render(caused)}"
    same_events(result, caused, f"filter by user {user_id} and {describe(code)}")


@dataclass(frozen=True)
class TimeRange:
    """A time-range read: the range asked for and what the terminal returned."""

    start: int
    end: int
    result: Events


@when("the log is filtered by the time range of the scenario's events", target_fixture="time_range")
def filter_by_time(scene: Scene) -> TimeRange:
    caused = scene.watcher.since(0)
    start, end = min(e.timestamp for e in caused), max(e.timestamp for e in caused)
    return TimeRange(start, end, filtered(scene.device, scene.log_mark, start_time=start, end_time=end))


@then("the result is exactly the log's events in that time range, in order")
def exactly_time_range(scene: Scene, time_range: TimeRange) -> None:
    start, end = time_range.start, time_range.end
    expected = [e for e in scene.device.events(scene.log_mark) if start <= e.timestamp <= end]
    same_events(time_range.result, expected, f"filter by time {start}..{end}")


@then("the result holds every event the scenario caused")
def holds_every_caused(scene: Scene, time_range: TimeRange) -> None:
    missing = set(ids(scene.watcher.since(0))) - set(ids(time_range.result))
    assert not missing, (
        f"events {sorted(missing)} that the terminal reported live are missing from the result"
    )


class Pages(list[Events]):
    def __init__(self, pages: Iterable[Events], size: int) -> None:
        super().__init__(pages)
        self.size = size  # the maxNumOfLog each page was asked with

    def __repr__(self) -> str:
        return f"{len(self)} pages of up to {self.size}, {sum(len(p) for p in self)} events"


@when(
    parsers.re(r"the log is read from the scenario's start in pages of (?P<size>\d+) events?"),
    target_fixture="pages",
    converters={"size": int},
)
def read_pages(scene: Scene, size: int) -> Pages:
    return Pages((Events(page) for page in scene.device.pages(scene.log_mark, size)), size)


@then("the pages together are exactly the log read in one go, in order, with no gaps or repeats")
def pages_complete(scene: Scene, pages: Pages) -> None:
    pages_of(pages, pages.size)
    joined = [e for page in pages for e in page]
    whole = scene.device.events(scene.log_mark)
    same_events(joined, whole, "paged read")
    joined_ids = ids(joined)
    first = joined_ids[0]
    assert joined_ids == list(range(first, first + len(joined_ids))), f"IDs are not contiguous: {joined_ids}"
    assert set(ids(scene.watcher.since(0))) <= set(joined_ids), (
        "an event the terminal reported live is missing from the pages"
    )


# -- realtime ----------------------------------------------------------------------------------


@given("monitoring of the terminal is enabled")
@when("monitoring of the terminal is enabled")
def monitoring_on(scene: Scene) -> None:
    scene.monitoring.enable()


@when("monitoring of the terminal is disabled")
def monitoring_off(scene: Scene) -> None:
    scene.monitoring.disable()


@given("a stream of the terminal's events")
def stream_of_terminal(scene: Scene) -> None:
    scene.open_stream(scene.io, f"a stream of {scene.terminal.name} {scene.device.id}")


@given(parsers.parse('a stream of the terminal\'s "{event}" events'))
def stream_of_code(scene: Scene, event: str) -> None:
    code = code_for(event)
    label = f"a stream of {scene.terminal.name} {scene.device.id} for {describe(code)}"
    scene.open_stream(scene.io, label, [code])


@given("another terminal is connected and monitored")
def other_connected(scene: Scene) -> None:
    other = scene.other
    assert other.device.id, f"Connect answered device ID 0 for {other.name}"


@given("a stream of the other terminal's events")
def stream_of_other(scene: Scene) -> None:
    other = scene.other
    scene.open_stream(other, f"a stream of {other.name} {other.device.id}")


@when("something happens on the other terminal")
def happens_on_other(scene: Scene) -> None:
    scene.present_on_other("an unregistered card")


DELIVERS = 'the stream delivers "{event}" with sub-code {sub} for the test user from the terminal within {seconds:d} '


@then(parsers.parse(DELIVERS + "second"))
@then(parsers.parse(DELIVERS + "seconds"))
def stream_delivers(scene: Scene, event: str, sub: str, seconds: int) -> None:
    stream, device_id = scene.opened_stream, scene.device.id
    want = scene.expected(code_for(event), int(sub, 0), scene.test_user.user_id)
    delivered = stream.wait_for(lambda e: e.deviceID == device_id and want.possible(e), 0, seconds, str(want))
    want.check(delivered, f"the stream from {scene.terminal.name}")
    check_streamed(stream, delivered, f"{want} on {stream.label}")


@then(parsers.parse('the first event on the stream is "{event}" with sub-code {sub} for {who}'))
def first_on_stream(scene: Scene, event: str, sub: str, who: str) -> None:
    stream = scene.opened_stream
    user = {"the test user": scene.test_user.user_id, "nobody": ""}[who]
    first = stream.wait_for(lambda e: True, 0, STREAM_WAIT, "an event")
    scene.expected(code_for(event), int(sub, 0), user).check(first, f"{stream.label}'s first event")
    check_streamed(stream, first, f"the first event on {stream.label}")


@then("the first event on the stream comes from the other terminal")
def first_from_other(scene: Scene) -> None:
    stream = scene.opened_stream
    first = stream.wait_for(lambda e: True, 0, STREAM_WAIT, "an event")
    assert first.deviceID == scene.other.device.id, (
        f"{stream.label} first delivered an event of device {first.deviceID}: {render([first])}"
    )
    check_streamed(stream, first, f"the first event on {stream.label}")


@then(parsers.parse('the terminal\'s log holds the "{event}" of the test user that the stream left out'))
def log_holds_left_out(scene: Scene, event: str) -> None:
    code, user_id = code_for(event), scene.test_user.user_id
    logged = filtered(scene.device, scene.log_mark, user_id=user_id, code=code)
    assert logged, f"the terminal logged no {describe(code)} for user {user_id}"
    streamed = set(ids(scene.opened_stream.since(0)))
    assert not streamed & set(ids(logged)), f"the stream delivered {render(logged)} while monitoring was off"


@then(
    parsers.parse('the terminal logs "{event}" with sub-code {sub} for nobody, with the spare card\'s data')
)
def logs_with_card_data(scene: Scene, spare_card: bytes, event: str, sub: str) -> None:
    scene.expect_outcome(code_for(event), int(sub, 0), "", spare_card)


def _users_first(scene: Scene, event: str) -> Event:
    code, user_id, caused = code_for(event), scene.test_user.user_id, scene.watcher.since(0)
    found = [e for e in caused if (e.userID, e.eventCode) == (user_id, code)]
    assert found, f"the scenario caused no {describe(code)} for user {user_id}: {render(caused)}"
    return found[0]


@when(
    parsers.parse(
        "the log is filtered by the test user's ID from the ID of the test user's first \"{event}\""
    ),
    target_fixture="started",
)
def filter_from_event(scene: Scene, event: str) -> StartedAt:
    first = _users_first(scene, event)
    return StartedAt(first, filtered(scene.device, first.ID, user_id=scene.test_user.user_id))


@when(
    parsers.parse('the log is read from the ID of the test user\'s first "{event}"'), target_fixture="started"
)
def read_from_event(scene: Scene, event: str) -> StartedAt:
    first = _users_first(scene, event)
    return StartedAt(first, Events(scene.device.events(first.ID)))


@then("the result begins with that event")
def begins_with(started: StartedAt) -> None:
    got = started.result[0].ID if started.result else None
    assert got == started.event.ID, (
        f"a read from #{started.event.ID} returned {render(started.result[:3])}...: the query skipped "
        f"{render([started.event])}, which the terminal's log holds and streamed"
    )
