"""Event log semantics on a simulated terminal: IDs, paging, filters, ring capacity, realtime."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from biohil.client import Device, Gateway, NotFound
from biohil.eventcodes import Code
from biohil.gsdk import event_pb2, user_pb2
from biohil.simulator.eventlog import EventLog
from biohil.simulator.models import DEFAULT_DEVICES, DeviceSpec

BS2, F2 = DEFAULT_DEVICES


@pytest.fixture
def device(gateway: Gateway, spec: DeviceSpec) -> Iterator[Device]:
    dev = gateway.connect(spec.ip, spec.port)
    yield dev
    present = {h.ID for h in dev.user_headers()}
    leftovers = [u for u in ("900501", "900502", "900503") if u in present]
    if leftovers:
        dev.delete_users(*leftovers)


def _enroll(device: Device, *ids: str) -> None:
    device.enroll([user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=i)) for i in ids], overwrite=True)


def test_ids_increase_and_paging_is_inclusive(device: Device) -> None:
    start = device.newest_event_id() + 1
    _enroll(device, "900501", "900502", "900503")
    device.delete_users("900501", "900502", "900503")
    events = device.events(start)
    assert [e.ID for e in events] == list(range(start, start + 6))
    assert [e.eventCode for e in events] == [Code.USER_ENROLL_SUCCESS] * 3 + [Code.USER_DELETE_SUCCESS] * 3
    assert all(e.deviceID == device.id and e.subCode == 1 and not e.changedOnDevice for e in events)
    page = device.events(start + 2, 3)
    assert [e.ID for e in page] == [start + 2, start + 3, start + 4]
    assert device.events(start + 100) == []
    assert device.newest_event_id() == start + 5


def test_filters_are_and_within_or_across(device: Device) -> None:
    start = device.newest_event_id() + 1
    _enroll(device, "900501", "900502")
    device.delete_users("900501")
    by_user = device.events(start, 0, [event_pb2.EventFilter(userID="900501")])
    assert [e.eventCode for e in by_user] == [Code.USER_ENROLL_SUCCESS, Code.USER_DELETE_SUCCESS]
    both = device.events(
        start, 0, [event_pb2.EventFilter(userID="900501", eventCode=Code.USER_DELETE_SUCCESS)]
    )
    assert len(both) == 1
    either = device.events(
        start,
        0,
        [event_pb2.EventFilter(userID="900502"), event_pb2.EventFilter(eventCode=Code.USER_DELETE_SUCCESS)],
    )
    assert [(e.userID, e.eventCode) for e in either] == [
        ("900502", Code.USER_ENROLL_SUCCESS),
        ("900501", Code.USER_DELETE_SUCCESS),
    ]
    limited = device.events(start, 1, [event_pb2.EventFilter(userID="900501")])
    assert len(limited) == 1
    ts = by_user[0].timestamp
    in_time = device.events(start, 0, [event_pb2.EventFilter(startTime=ts, endTime=ts + 3600)])
    assert len(in_time) == 3


def test_ring_overwrites_the_oldest() -> None:
    log = EventLog(capacity=3)
    for code in range(5):
        log.append(timestamp=0, event_code=code)
    assert [r.id for r in log.read(0, 0)] == [3, 4, 5]
    assert [r.id for r in log.read(1, 0)] == [3, 4, 5]  # start before the oldest: from the oldest
    assert log.newest_id == 5


def test_realtime_only_for_monitored_devices_and_filters(gateway: Gateway) -> None:
    bs2 = gateway.connect(BS2.ip, BS2.port)
    f2 = gateway.connect(F2.ip, F2.port)
    stream = gateway.realtime_events(device_ids=[f2.id], event_codes=[Code.USER_ENROLL_SUCCESS], queue_size=8)
    stream.wait_subscribed()
    received: list[event_pb2.EventLog] = []
    done = threading.Event()

    def read() -> None:
        for e in stream:
            received.append(e)
            done.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        f2.enable_monitoring()
        bs2.enable_monitoring()
        _enroll(bs2, "900501")  # other device: filtered out
        _enroll(f2, "900502")
        assert done.wait(5), "no realtime event arrived"
        assert [(e.deviceID, e.userID, e.eventCode) for e in received] == [
            (f2.id, "900502", Code.USER_ENROLL_SUCCESS)
        ]
        f2.disable_monitoring()
        _enroll(f2, "900503")
        f2.delete_users("900502", "900503")
        bs2.delete_users("900501")
    finally:
        bs2.disable_monitoring()
        stream.cancel()
        reader.join(5)
    assert not reader.is_alive(), "the stream did not end on cancel"
    assert len(received) == 1, "events arrived after DisableMonitoring"


def test_a_full_realtime_queue_drops_its_oldest_events(sim: object, gateway: Gateway) -> None:
    from biohil.simulator import Simulator

    assert isinstance(sim, Simulator)
    sub = sim.gateway.subscribe_events(2, [], [])
    try:
        for i in range(5):
            sim.gateway.events.publish(event_pb2.EventLog(ID=i + 1))
        assert sub.dropped == 3
        assert [event_pb2.EventLog.FromString(e).ID for e in sub.take()] == [4, 5]
    finally:
        sim.gateway.events.unsubscribe(sub)


def test_unknown_device_in_realtime_filter(gateway: Gateway) -> None:
    stream = gateway.realtime_events(device_ids=[4242])
    with pytest.raises(NotFound, match="4242"):
        next(iter(stream))
    with pytest.raises(NotFound):
        gateway.device(4242).events()


def test_indexed_queries_skip_overwritten_records_and_compact() -> None:
    log = EventLog(capacity=10)
    for i in range(1, 101):
        log.append(timestamp=i, event_code=0x1000 if i % 2 else 0x1300, user_id=f"90000{i % 3}")
    held = list(range(91, 101))
    by_user = [r.id for r in log.read(0, 0, [event_pb2.EventFilter(userID="900001")])]
    assert by_user == [i for i in held if i % 3 == 1]
    by_code = [r.id for r in log.read(95, 0, [event_pb2.EventFilter(eventCode=0x1300)])]
    assert by_code == [96, 98, 100]
    either = [
        r.id
        for r in log.read(
            0, 3, [event_pb2.EventFilter(userID="900002"), event_pb2.EventFilter(eventCode=0x1000)]
        )
    ]
    assert either == [91, 92, 93]  # OR of two indexed filters, in ID order, no repeats, max 3
    in_time = [r.id for r in log.read(0, 0, [event_pb2.EventFilter(startTime=99)])]
    assert in_time == [99, 100]  # no index narrows a time filter: scanned
    assert log._index_entries <= 4 * log.capacity  # compaction keeps the indexes bounded
