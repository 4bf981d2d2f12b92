"""The simulator's server streams under load: open streams hold no thread, a limit refuses the
next one at once, every subscription is released however its client leaves, and a slow
subscriber's queue is bounded (count and bytes), drops its oldest events and says how many."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from tenacity import retry, retry_if_exception_type, stop_after_delay, wait_fixed

from biohil.gsdk import card_pb2, connect_pb2, event_pb2
from biohil.simcontrol import control_pb2
from biohil.simulator import Simulator
from biohil.simulator.models import DEFAULT_DEVICES
from biohil.simulator.services import DROPPED_TRAILER
from biohil.simulator.streams import Hub, cost
from tests.conftest import raw_stubs

BS2, F2 = DEFAULT_DEVICES
OLD_WORKERS = 64  # the thread pool that every open stream used to hold one thread of


def _channel(sim: Simulator) -> grpc.Channel:
    creds = grpc.ssl_channel_credentials(root_certificates=sim.ca_file.read_bytes())
    return grpc.secure_channel(sim.address, creds)


@pytest.fixture
def own_sim(tmp_path: Path) -> Iterator[Simulator]:
    with Simulator(tmp_path / "certs", max_streams=8) as s:
        yield s


def _subscribe(stubs: dict[str, Any], queue_size: int = 16, device: int = BS2.device_id) -> Any:
    request = event_pb2.SubscribeRealtimeLogRequest(queueSize=queue_size, deviceIDs=[device])
    return stubs["event"].SubscribeRealtimeLog(request)


def _subscribers(stubs: dict[str, Any]) -> int:
    stats = stubs["control"].GetStats(control_pb2.GetStatsRequest(), timeout=10)
    return int(stats.eventSubscribers + stats.statusSubscribers)


@retry(retry=retry_if_exception_type(AssertionError), stop=stop_after_delay(10), wait=wait_fixed(0.05))
def _until_subscribers(stubs: dict[str, Any], expected: int) -> None:
    assert _subscribers(stubs) == expected


def test_many_open_streams_never_hold_up_a_unary_call(sim: Simulator) -> None:
    with _channel(sim) as channel:
        stubs = raw_stubs(channel)
        base = _subscribers(stubs)
        streams = [_subscribe(stubs) for _ in range(3 * OLD_WORKERS)]
        streams += [stubs["connect"].SubscribeStatus(connect_pb2.SubscribeStatusRequest(queueSize=4))]
        try:
            for s in streams:
                s.initial_metadata()  # each one is open on the server
            assert _subscribers(stubs) == base + len(streams)
            # With a thread per stream this call would wait for one to end (it waited out 75 s).
            stubs["connect"].GetDeviceList(connect_pb2.GetDeviceListRequest(), timeout=10)
        finally:
            for s in streams:
                s.cancel()
        _until_subscribers(stubs, base)


def test_a_stream_beyond_the_limit_is_refused_at_once_with_the_limit(own_sim: Simulator) -> None:
    with _channel(own_sim) as channel:
        stubs = raw_stubs(channel)
        open_ = [_subscribe(stubs) for _ in range(own_sim.gateway.max_streams)]
        for s in open_:
            s.initial_metadata()
        with pytest.raises(grpc.RpcError) as refused:
            request = connect_pb2.SubscribeStatusRequest(queueSize=4)
            next(stubs["connect"].SubscribeStatus(request, timeout=10))
        assert refused.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        assert "8 streams are open, the simulator's limit" in refused.value.details()
        open_.pop().cancel()
        _until_subscribers(stubs, own_sim.gateway.max_streams - 1)
        again = _subscribe(stubs)
        again.initial_metadata()  # room again
        for s in [*open_, again]:
            s.cancel()


def test_every_subscription_is_released_however_its_client_leaves(tmp_path: Path) -> None:
    rng = random.Random(14)
    with Simulator(tmp_path / "certs") as sim, _channel(sim) as control_channel:
        control = raw_stubs(control_channel)
        control["connect"].Connect(
            connect_pb2.ConnectRequest(connectInfo=connect_pb2.ConnectInfo(IPAddr=BS2.ip, port=BS2.port))
        )
        control["event"].EnableMonitoring(event_pb2.EnableMonitoringRequest(deviceID=BS2.device_id))
        for round_ in range(5):
            channel = _channel(sim)
            stubs = raw_stubs(channel)
            streams = [_subscribe(stubs, queue_size=4) for _ in range(100)]
            for i, s in enumerate(streams):
                how = rng.randrange(3)
                if how == 0:
                    s.cancel()  # at once: maybe before its headers went out
                elif how == 1:
                    s.initial_metadata()
                    s.cancel()
                elif i % 2:
                    s.initial_metadata()
                # the rest stay open until the whole connection goes
            control["control"].FillLog(control_pb2.FillLogRequest(deviceID=BS2.device_id, count=50))
            if round_ % 2:
                channel.close()
            else:
                for s in streams:
                    s.cancel()
                channel.close()
            _until_subscribers(control, 0)
        assert sim.gateway.events.count == 0


def test_a_subscriber_that_never_reads_is_told_how_many_events_it_lost(tmp_path: Path) -> None:
    sim = Simulator(tmp_path / "certs").start()
    try:
        channel = _channel(sim)
        stubs = raw_stubs(channel)
        stubs["connect"].Connect(
            connect_pb2.ConnectRequest(connectInfo=connect_pb2.ConnectInfo(IPAddr=F2.ip, port=F2.port))
        )
        stubs["event"].EnableMonitoring(event_pb2.EnableMonitoringRequest(deviceID=F2.device_id))
        stream = _subscribe(stubs, queue_size=10, device=F2.device_id)
        stream.initial_metadata()
        filled = stubs["control"].FillLog(control_pb2.FillLogRequest(deviceID=F2.device_id, count=20_000))
        published = filled.lastID - filled.firstID + 1
    finally:
        sim.stop()  # the server ends the stream: its trailers carry the count
    received = [e.ID for e in stream]
    dropped = int(dict(stream.trailing_metadata())[DROPPED_TRAILER])
    channel.close()
    assert dropped > 0, "the subscriber never read, yet nothing was dropped"
    assert len(received) + dropped == published, (len(received), dropped, published)
    assert received == sorted(received)  # which ones go: test_event_log (the oldest)


def test_a_scan_whose_client_left_during_a_delay_never_begins(own_sim: Simulator) -> None:
    """The client gives up while its Scan is still delayed: the scan must not begin after that and
    hold the terminal for its whole timeout (nobody would ever present a card to it)."""
    with _channel(own_sim) as channel:
        stubs = raw_stubs(channel)
        stubs["connect"].Connect(
            connect_pb2.ConnectRequest(connectInfo=connect_pb2.ConnectInfo(IPAddr=F2.ip, port=F2.port))
        )
        stubs["control"].SetLatency(control_pb2.SetLatencyRequest(method="Card/Scan", milliseconds=300))
        with pytest.raises(grpc.RpcError) as gone:
            stubs["card"].Scan(card_pb2.ScanRequest(deviceID=F2.device_id), timeout=0.05)
        assert gone.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        stubs["control"].ClearFaults(control_pb2.ClearFaultsRequest())
        # Wait, well past the delay, for a scan to begin on the F2: none may.
        watch = control_pb2.AwaitScanRequest(deviceID=F2.device_id, input=control_pb2.CARD, timeoutMs=2_000)
        with pytest.raises(grpc.RpcError) as none:
            stubs["control"].AwaitScan(watch, timeout=10)
        assert none.value.code() == grpc.StatusCode.FAILED_PRECONDITION, none.value.details()


class _Raw:
    def __init__(self, payload: bytes) -> None:
        self.payload = payload

    def SerializeToString(self) -> bytes:
        return self.payload


def test_queues_are_bounded_in_bytes_by_one_shared_budget() -> None:
    item = b"x" * 100
    each = cost(item)
    assert each >= len(item) + 8
    hub: Hub[_Raw] = Hub(budget=40 * each)
    first = hub.subscribe(1_000_000)
    assert first.max_bytes == 40 * each
    second = hub.subscribe(1_000_000)
    assert first.max_bytes == second.max_bytes == 20 * each  # the budget is shared
    for _ in range(100):
        hub.publish(_Raw(item))
    assert first.queued == second.queued == 20
    assert hub.dropped == 2 * 80
    hub.unsubscribe(second)
    assert first.max_bytes == 40 * each
    assert hub.dropped == 160 + 20  # a closed queue's drops still count, and what it still held
    for _ in range(20):
        hub.publish(_Raw(item))
    assert first.queued == 40
    third = hub.subscribe(1_000_000)
    assert first.queued == 20, "a smaller share trims a queue at once"
    assert hub.dropped == 180 + 20  # the trim's
    hub.publish(_Raw(item))  # the first is full at its share: its oldest goes
    hub.close_all()
    assert third.queued == first.queued == 0
    assert hub.dropped == 200 + 1 + 20 + 1, "close_all counts what the queues still held"
