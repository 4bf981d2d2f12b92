"""Benchmark of the simulated gateway. Prints, from one run:

- Enroll of N users into one terminal in batches of 1,000: users per second
- GetLogWithFilter by user ID returning 1,000 events from a log of 1,000,000: median latency
- realtime latency from a control-API action to the event at a subscriber: p50 and p99, with no
  other stream open and with 1,000 more open (each on another terminal's events, as monitoring
  clients of other terminals would be)
- unary latency (GetDeviceList) p50 and p99, with no stream open and with 1,000 open
- events per second delivered to one subscriber, and in total to 10 subscribers sharing the same
  events (each subscriber its own process, so the figure is the simulator's, not one client's)
- peak memory of the simulator holding 1,000,000 events, and with a subscriber that never reads
  while 1,000,000 more are published (its queue's byte bound keeps it flat)
- median latency of a simple unary call on the simulator / on bare grpcio echo servers, and the
  rate a bare grpcio server stream reaches on this machine (the ceiling of any Python one)

The simulator and the echo server each run in their own process, both over TLS with the same
certificate. Run: .venv/bin/python bench/simulator_bench.py
"""

from __future__ import annotations

import argparse
import multiprocessing
import queue
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import grpc

from biohil.client.channel import open_channel
from biohil.gsdk import connect_pb2, connect_pb2_grpc, event_pb2, event_pb2_grpc, user_pb2, user_pb2_grpc
from biohil.simcontrol import control_pb2, control_pb2_grpc
from biohil.simulator.models import DEFAULT_DEVICES
from biohil.simulator.streams import MAX_QUEUE_BYTES

BS2, F2 = DEFAULT_DEVICES
HERE = Path(__file__).resolve().parent
TARGET_USER = "900001"


@contextmanager
def process(args: list[str], ready: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """Start a server process; yield it and the first output line starting with `ready`."""
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(ready):
                yield proc, line
                break
        else:
            raise RuntimeError(f"{args[1]} ended before it was ready")
    finally:
        if proc.stdin:
            proc.stdin.close()
        proc.terminate()
        proc.wait(timeout=10)


def peak_rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process, in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    now = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
    peak = int(re.search(r"VmHWM:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
    return now / 1024, peak / 1024


def median_call_seconds(call: Callable[[], object], n: int) -> float:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def connect_all(channel: grpc.Channel) -> None:
    stub = connect_pb2_grpc.ConnectStub(channel)
    for spec in DEFAULT_DEVICES:
        info = connect_pb2.ConnectInfo(IPAddr=spec.ip, port=spec.port)
        stub.Connect(connect_pb2.ConnectRequest(connectInfo=info), timeout=10)


def bench_memory_and_filter(channel: grpc.Channel, pid: int, events: int, queries: int) -> dict[str, float]:
    ctl = control_pb2_grpc.ControlStub(channel)
    base_now, _ = peak_rss_mb(pid)
    # One record in 1,000 is the target user's: a by-user query over the full log returns 1,000.
    others = [str(910_000 + i) for i in range(999)]
    ctl.FillLog(
        control_pb2.FillLogRequest(deviceID=F2.device_id, count=events, userIDs=[TARGET_USER, *others]),
        timeout=600,
    )
    held_now, peak = peak_rss_mb(pid)
    stub = event_pb2_grpc.EventStub(channel)
    request = event_pb2.GetLogWithFilterRequest(
        deviceID=F2.device_id, filters=[event_pb2.EventFilter(userID=TARGET_USER)]
    )
    returned = len(stub.GetLogWithFilter(request, timeout=60).events)
    median = median_call_seconds(lambda: stub.GetLogWithFilter(request, timeout=60), queries)
    return {
        "rss_before_mb": base_now,
        "rss_held_mb": held_now,
        "peak_mb": peak,
        "filter_returned": returned,
        "filter_median_ms": median * 1000,
    }


def bench_enroll(channel: grpc.Channel, users: int, batch: int) -> float:
    stub = user_pb2_grpc.UserStub(channel)
    start = time.perf_counter()
    for first in range(0, users, batch):
        infos = [
            user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=str(1_000_000 + i)), name=f"bench {i}")
            for i in range(first, min(first + batch, users))
        ]
        stub.Enroll(user_pb2.EnrollRequest(deviceID=BS2.device_id, users=infos), timeout=120)
    return users / (time.perf_counter() - start)


def _subscribe(
    channel: grpc.Channel, device: int, queue_size: int
) -> tuple[object, queue.SimpleQueue[float]]:
    """A realtime stream whose events are timestamped on arrival by a reader thread."""
    stream = event_pb2_grpc.EventStub(channel).SubscribeRealtimeLog(
        event_pb2.SubscribeRealtimeLogRequest(queueSize=queue_size, deviceIDs=[device])
    )
    stream.initial_metadata()  # the subscription is live
    arrivals: queue.SimpleQueue[float] = queue.SimpleQueue()

    def read() -> None:
        try:
            for _ in stream:
                arrivals.put(time.perf_counter())
        except grpc.RpcError:
            pass  # cancelled

    threading.Thread(target=read, daemon=True).start()
    return stream, arrivals


def open_idle_streams(
    channel_for: Callable[[], grpc.Channel], n: int
) -> tuple[list[object], list[grpc.Channel]]:
    """n open realtime streams on the F2's events, over 10 channels, each live on the server."""
    channels = [channel_for() for _ in range(10)]
    streams = []
    for i in range(n):
        stub = event_pb2_grpc.EventStub(channels[i % len(channels)])
        streams.append(
            stub.SubscribeRealtimeLog(
                event_pb2.SubscribeRealtimeLogRequest(queueSize=16, deviceIDs=[F2.device_id])
            )
        )
    for s in streams:
        s.initial_metadata()
    return streams, channels


def close_streams(streams: list[object], channels: list[grpc.Channel]) -> None:
    for s in streams:
        s.cancel()  # type: ignore[attr-defined]
    for c in channels:
        c.close()


def bench_realtime_latency(channel: grpc.Channel, samples: int) -> tuple[float, float]:
    event_pb2_grpc.EventStub(channel).EnableMonitoring(
        event_pb2.EnableMonitoringRequest(deviceID=BS2.device_id)
    )
    stream, arrivals = _subscribe(channel, BS2.device_id, 16)
    ctl = control_pb2_grpc.ControlStub(channel)
    act = control_pb2.ActRequest(
        deviceID=BS2.device_id, input=control_pb2.CARD, credential=control_pb2.Credential(unknown=True)
    )
    latencies = []
    for _ in range(samples):
        start = time.perf_counter()
        ctl.Act(act, timeout=10)
        latencies.append(arrivals.get(timeout=10) - start)
    stream.cancel()  # type: ignore[attr-defined]
    return percentile(latencies, 50) * 1000, percentile(latencies, 99) * 1000


def bench_unary_latency(channel: grpc.Channel, calls: int) -> tuple[float, float]:
    device_list = connect_pb2_grpc.ConnectStub(channel).GetDeviceList
    empty = connect_pb2.GetDeviceListRequest()
    samples = []
    for _ in range(calls):
        start = time.perf_counter()
        device_list(empty, timeout=10)
        samples.append(time.perf_counter() - start)
    return percentile(samples, 50) * 1000, percentile(samples, 99) * 1000


def _count_events(address: str, ca: str, events: int, live: object, results: object) -> None:
    """A subscriber process: count `events` on the F2's stream; put (first, last) arrival times."""
    channel = open_channel(address, Path(ca))
    stream = event_pb2_grpc.EventStub(channel).SubscribeRealtimeLog(
        event_pb2.SubscribeRealtimeLogRequest(queueSize=1_000_000, deviceIDs=[F2.device_id])
    )
    stream.initial_metadata()
    live.release()  # type: ignore[attr-defined]
    results.put(_span(stream, events))  # type: ignore[attr-defined]
    stream.cancel()
    channel.close()


def _span(stream: Iterator[object], count: int) -> tuple[float, float]:
    """Wall-clock times of the first and the last of `count` messages."""
    received = iter(stream)
    next(received)
    first = time.time()
    for _ in range(count - 1):
        next(received)
    return first, time.time()


def bench_bare_stream(echo: grpc.Channel, messages: int, size: int, runs: int) -> float:
    """Messages per second a bare grpcio server stream delivers to one reader, median of runs."""
    call = echo.unary_stream("/bench.Echo/Stream")
    request = messages.to_bytes(4, "big") + size.to_bytes(4, "big")
    rates = []
    for _ in range(runs):
        first, last = _span(call(request, timeout=600), messages)
        rates.append((messages - 1) / (last - first))
    return statistics.median(rates)


def bench_fan_out(
    channel: grpc.Channel, address: str, ca: Path, subscribers: int, events: int, runs: int
) -> tuple[float, int]:
    """Events per second delivered in total to `subscribers` processes while the terminal logs
    `events` as fast as it can: (subscribers x events) / (last arrival - first arrival).

    Each subscriber only counts, so the figure is the simulator's delivery rate, not a client's
    processing speed. Median of `runs`; also the events the queues dropped (0 expected).
    """
    event_pb2_grpc.EventStub(channel).EnableMonitoring(
        event_pb2.EnableMonitoringRequest(deviceID=F2.device_id)
    )
    ctl = control_pb2_grpc.ControlStub(channel)
    dropped_before = ctl.GetStats(control_pb2.GetStatsRequest()).droppedEvents
    spawn = multiprocessing.get_context("spawn")
    rates = []
    for _ in range(runs):
        live, results = spawn.Semaphore(0), spawn.Queue()
        procs = [
            spawn.Process(target=_count_events, args=(address, str(ca), events, live, results))
            for _ in range(subscribers)
        ]
        for p in procs:
            p.start()
        for _ in procs:
            live.acquire(timeout=60)
        ctl.FillLog(control_pb2.FillLogRequest(deviceID=F2.device_id, count=events), timeout=600)
        spans = [results.get(timeout=600) for _ in procs]
        for p in procs:
            p.join(60)
        first, last = min(s[0] for s in spans), max(s[1] for s in spans)
        rates.append(subscribers * (events - 1) / (last - first))
    dropped = ctl.GetStats(control_pb2.GetStatsRequest()).droppedEvents - dropped_before
    return statistics.median(rates), dropped


def _fill_watching_rss(ctl: object, pid: int, events: int) -> tuple[float, float]:
    """(RSS before, highest RSS sampled) while the F2 logs `events`, in ten steps."""
    before, _ = peak_rss_mb(pid)
    peak = before
    for _ in range(10):
        request = control_pb2.FillLogRequest(deviceID=F2.device_id, count=events // 10)
        ctl.FillLog(request, timeout=600)  # type: ignore[attr-defined]
        peak = max(peak, peak_rss_mb(pid)[0])
    return before, peak


def bench_never_reading(channel: grpc.Channel, pid: int, events: int) -> dict[str, float]:
    """Memory while the F2 logs `events` (its log full already, so only its churn costs), first
    with no subscriber, then again with a subscriber that never reads: the difference is what that
    subscriber costs, bounded by one queue's byte bound."""
    ctl = control_pb2_grpc.ControlStub(channel)
    _, alone = _fill_watching_rss(ctl, pid, events)
    stream = event_pb2_grpc.EventStub(channel).SubscribeRealtimeLog(
        event_pb2.SubscribeRealtimeLogRequest(queueSize=1_000_000, deviceIDs=[F2.device_id])
    )
    stream.initial_metadata()
    dropped_before = ctl.GetStats(control_pb2.GetStatsRequest()).droppedEvents
    _, with_subscriber = _fill_watching_rss(ctl, pid, events)
    dropped = ctl.GetStats(control_pb2.GetStatsRequest()).droppedEvents - dropped_before
    stream.cancel()
    return {"alone_mb": alone, "peak_mb": with_subscriber, "dropped": dropped}


def bench_unary_ratio(sim: grpc.Channel, echo: grpc.Channel, calls: int, rounds: int) -> tuple[float, float]:
    """Median unary latency: simulator GetDeviceList vs bare echo, interleaved rounds."""
    device_list = connect_pb2_grpc.ConnectStub(sim).GetDeviceList
    empty = connect_pb2.GetDeviceListRequest()
    echo_call = echo.unary_unary("/bench.Echo/Echo")
    sim_medians, echo_medians = [], []
    for _ in range(rounds):
        sim_medians.append(median_call_seconds(lambda: device_list(empty, timeout=10), calls))
        echo_medians.append(median_call_seconds(lambda: echo_call(b"x" * 8, timeout=10), calls))
    return statistics.median(sim_medians) * 1e6, statistics.median(echo_medians) * 1e6


def event_size() -> int:
    """Bytes of a realtime event as FillLog makes them (the bare stream sends this many)."""
    return event_pb2.EventLog(
        ID=1_000_000, deviceID=F2.device_id, timestamp=int(time.time()), eventCode=0x1000
    ).ByteSize()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--stream-events", type=int, default=100_000)
    parser.add_argument("--latency-samples", type=int, default=1_000)
    parser.add_argument("--open-streams", type=int, default=1_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        certs = Path(tmp)
        sim_cmd = [sys.executable, "-m", "biohil.simulator", "--port", "0", "--cert-dir", str(certs)]
        with process(sim_cmd, "G-SDK gateway simulator listening on") as (sim_proc, line):
            address = line.split()[5]
            ca = certs / "ca.crt"
            channel = open_channel(address, ca)
            connect_all(channel)
            mem = bench_memory_and_filter(channel, sim_proc.pid, args.events, 31)
            enroll_rate = bench_enroll(channel, args.users, 1_000)
            rt0 = bench_realtime_latency(channel, args.latency_samples)
            unary0 = bench_unary_latency(channel, args.latency_samples)
            streams, channels = open_idle_streams(lambda: open_channel(address, ca), args.open_streams)
            rt_open = bench_realtime_latency(channel, args.latency_samples)
            unary_open = bench_unary_latency(channel, args.latency_samples)
            close_streams(streams, channels)
            one, dropped_one = bench_fan_out(channel, address, ca, 1, args.stream_events, 3)
            ten, dropped_ten = bench_fan_out(channel, address, ca, 10, args.stream_events // 10, 3)
            # Twice the log: more than the transport's buffers and the queue's byte bound hold.
            never = bench_never_reading(channel, sim_proc.pid, 2 * args.events)
            sim_us, echo_us, bare_rate = {}, {}, 0.0
            for kind in ("aio", "sync"):
                echo_cmd = [sys.executable, str(HERE / "echo_server.py"), str(certs), kind]
                with process(echo_cmd, "port") as (_, port):
                    echo = open_channel(f"127.0.0.1:{port.split()[1]}", ca)
                    sim_us[kind], echo_us[kind] = bench_unary_ratio(channel, echo, 500, 5)
                    if kind == "aio":
                        bare_rate = bench_bare_stream(echo, args.stream_events, event_size(), 3)
                    echo.close()
            channel.close()

    n = args.open_streams
    print(f"enroll {args.users:,} users in batches of 1,000: {enroll_rate:,.0f} users/s")
    print(
        f"GetLogWithFilter by user ID, {mem['filter_returned']:,.0f} of {args.events:,} events: "
        f"median {mem['filter_median_ms']:.1f} ms (target <= 50 ms)"
    )
    print(
        f"realtime latency, control action to subscriber: p50 {rt0[0]:.2f} ms, p99 {rt0[1]:.2f} ms; "
        f"with {n:,} more streams open: p50 {rt_open[0]:.2f} ms, p99 {rt_open[1]:.2f} ms "
        "(target p99 <= 10 ms)"
    )
    print(
        f"unary GetDeviceList: p50 {unary0[0]:.2f} ms, p99 {unary0[1]:.2f} ms; with {n:,} streams open: "
        f"p50 {unary_open[0]:.2f} ms, p99 {unary_open[1]:.2f} ms, p99 ratio {unary_open[1] / unary0[1]:.2f} "
        "(target <= 2)"
    )
    print(
        f"events delivered to 1 subscriber: median {one:,.0f} events/s over 3 runs of "
        f"{args.stream_events:,} ({dropped_one} dropped) (target >= 20,000/s); a bare grpcio asyncio "
        f"server streaming {event_size()}-byte messages to one reader: {bare_rate:,.0f}/s, "
        f"ratio {one / bare_rate:.2f}"
    )
    print(
        f"events delivered to 10 subscribers of the same events: median {ten:,.0f} events/s in total "
        f"over 3 runs of {args.stream_events // 10:,} each ({dropped_ten} dropped), "
        f"{ten / one:.2f} x the rate to one (target >= 20,000/s)"
    )
    print(
        f"simulator memory holding {args.events:,} events: peak {mem['peak_mb']:.0f} MB "
        f"(RSS {mem['rss_before_mb']:.0f} MB before the log was filled, {mem['rss_held_mb']:.0f} MB after) "
        "(target <= 500 MB)"
    )
    queue_mb = MAX_QUEUE_BYTES / 2**20
    extra = never["peak_mb"] - never["alone_mb"]
    print(
        f"a subscriber that never reads, sent {2 * args.events:,} events: "
        f"RSS at most {never['peak_mb']:.0f} MB, "
        f"against {never['alone_mb']:.0f} MB for the same events with no subscriber: +{extra:.0f} MB "
        f"(bound: one queue's {queue_mb:.0f} MiB); {never['dropped']:,.0f} oldest events dropped and counted"
    )
    aio, pool = sim_us["aio"] / echo_us["aio"], sim_us["sync"] / echo_us["sync"]
    print(
        f"unary call median: simulator GetDeviceList {sim_us['aio']:.0f} us, bare grpcio echo "
        f"{echo_us['aio']:.0f} us (an asyncio server, as the simulator's), ratio {aio:.2f} (target <= 1.5); "
        f"against a thread-pool echo server ({echo_us['sync']:.0f} us) {pool:.2f}"
    )


if __name__ == "__main__":
    main()
