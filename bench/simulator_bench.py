"""Benchmark of the simulated gateway. Prints, from one run:

- Enroll of N users into one terminal in batches of 1,000: users per second
- GetLogWithFilter by user ID returning 1,000 events from a log of 1,000,000: median latency
- realtime latency from a control-API action to the event at a subscriber: p50 and p99
- sustained events per second delivered to one subscriber
- peak memory of the simulator process holding 1,000,000 events
- median latency of a simple unary call on the simulator / on a bare grpcio echo server

The simulator and the echo server each run in their own process, both over TLS with the same
certificate; this process is the client. Run: .venv/bin/python bench/simulator_bench.py
"""

from __future__ import annotations

import argparse
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


def bench_throughput(channel: grpc.Channel, events: int, runs: int) -> tuple[float, int]:
    """Events per second at one subscriber while the terminal logs `events` as fast as it can.

    The subscriber only counts (timestamps at the first and last event), so the figure is the
    delivery rate of the simulator, not the speed of a client's processing. Median of `runs`.
    """
    event_pb2_grpc.EventStub(channel).EnableMonitoring(
        event_pb2.EnableMonitoringRequest(deviceID=F2.device_id)
    )
    ctl = control_pb2_grpc.ControlStub(channel)
    dropped_before = ctl.GetStats(control_pb2.GetStatsRequest()).droppedEvents
    rates = []
    for _ in range(runs):
        stream = event_pb2_grpc.EventStub(channel).SubscribeRealtimeLog(
            event_pb2.SubscribeRealtimeLogRequest(queueSize=1_000_000, deviceIDs=[F2.device_id])
        )
        stream.initial_metadata()  # the subscription is live
        fill = control_pb2.FillLogRequest(deviceID=F2.device_id, count=events)
        filler = threading.Thread(target=lambda: ctl.FillLog(fill, timeout=600))  # noqa: B023
        filler.start()
        received = iter(stream)
        next(received)
        first = time.perf_counter()
        for _ in range(events - 1):
            next(received)
        rates.append((events - 1) / (time.perf_counter() - first))
        filler.join()
        stream.cancel()
    dropped = ctl.GetStats(control_pb2.GetStatsRequest()).droppedEvents - dropped_before
    return statistics.median(rates), dropped


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--stream-events", type=int, default=200_000)
    parser.add_argument("--latency-samples", type=int, default=1_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        certs = Path(tmp)
        sim_cmd = [sys.executable, "-m", "biohil.simulator", "--port", "0", "--cert-dir", str(certs)]
        with process(sim_cmd, "G-SDK gateway simulator listening on") as (sim_proc, line):
            address = line.split()[5]
            channel = open_channel(address, certs / "ca.crt")
            connect_all(channel)
            mem = bench_memory_and_filter(channel, sim_proc.pid, args.events, 31)
            enroll_rate = bench_enroll(channel, args.users, 1_000)
            p50, p99 = bench_realtime_latency(channel, args.latency_samples)
            rate, dropped = bench_throughput(channel, args.stream_events, 3)
            with process([sys.executable, str(HERE / "echo_server.py"), str(certs)], "port") as (_, port):
                echo = open_channel(f"127.0.0.1:{port.split()[1]}", certs / "ca.crt")
                sim_us, echo_us = bench_unary_ratio(channel, echo, 500, 5)
                echo.close()
            channel.close()

    print(f"enroll {args.users:,} users in batches of 1,000: {enroll_rate:,.0f} users/s")
    print(
        f"GetLogWithFilter by user ID, {mem['filter_returned']:,.0f} of {args.events:,} events: "
        f"median {mem['filter_median_ms']:.1f} ms (target <= 50 ms)"
    )
    print(
        f"realtime latency, control action to subscriber: p50 {p50:.2f} ms, p99 {p99:.2f} ms "
        "(target p99 <= 10 ms)"
    )
    print(
        f"events delivered to one subscriber: median {rate:,.0f} events/s over 3 runs of "
        f"{args.stream_events:,} ({dropped} dropped) (target >= 10,000/s)"
    )
    print(
        f"simulator memory holding {args.events:,} events: peak {mem['peak_mb']:.0f} MB "
        f"(RSS {mem['rss_before_mb']:.0f} MB before the log was filled, {mem['rss_held_mb']:.0f} MB after) "
        "(target <= 500 MB)"
    )
    print(
        f"unary call median: simulator GetDeviceList {sim_us:.0f} us, bare echo {echo_us:.0f} us, "
        f"ratio {sim_us / echo_us:.2f} (target <= 1.5)"
    )


if __name__ == "__main__":
    main()
