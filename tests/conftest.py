"""A simulator per test session, a client channel built from the generated modules, and a
simulator in its own process configured as a lab (the suite runs against it as QA would).

The tests run in parallel (pytest.ini: -n auto, two workers per core): each worker has its own
session simulator and its own module fixtures; a suite run that several tests read is made once
(tests/sharedrun.py); the tests marked long start first."""

from __future__ import annotations

import os

# These tests fork (pexpect, subprocess) while their own gRPC channels are busy: gRPC's fork
# handlers then restart its poller in the child, whose fds pexpect has closed, and the child can
# crash with "epoll_wait error: Bad file descriptor" before it runs anything. Read at import.
os.environ.setdefault("GRPC_ENABLE_FORK_SUPPORT", "false")

from collections.abc import Callable, Iterator
from typing import Any

import grpc
import pytest

from biohil.client import Gateway
from biohil.gsdk import (
    auth_pb2_grpc,
    card_pb2_grpc,
    connect_pb2,
    connect_pb2_grpc,
    device_pb2_grpc,
    event_pb2_grpc,
    face_pb2_grpc,
    finger_pb2_grpc,
    user_pb2_grpc,
)
from biohil.simcontrol import control_pb2_grpc
from biohil.simulator import Simulator
from biohil.simulator.models import DEFAULT_DEVICES, DeviceSpec, fleet
from tests.labrun import Lab, start_lab


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """-n auto: two workers per core. Most of these tests wait on real time (a person's pace, a
    terminal's timeouts, a suite run in another process), during which a worker leaves its core
    idle; a third and fourth worker on two cores took the run from 273 s to 166 s."""
    return 2 * len(os.sched_getaffinity(0))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long tests first (a stable sort: the rest keep their order), so that no worker is
    still in one when the others have run out of work."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


@pytest.fixture(scope="session")
def sim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Simulator]:
    with Simulator(tmp_path_factory.mktemp("certs")) as s:
        yield s


@pytest.fixture(scope="session")
def channel(sim: Simulator) -> Iterator[grpc.Channel]:
    creds = grpc.ssl_channel_credentials(root_certificates=sim.ca_file.read_bytes())
    with grpc.secure_channel(sim.address, creds) as ch:
        yield ch


@pytest.fixture(scope="session")
def gateway(sim: Simulator) -> Iterator[Gateway]:
    gw = Gateway.open(sim.address, sim.ca_file)
    yield gw
    gw.close()


@pytest.fixture(params=DEFAULT_DEVICES, ids=lambda s: s.model.name.replace(" ", ""))
def spec(request: pytest.FixtureRequest) -> DeviceSpec:
    return request.param  # type: ignore[no-any-return]


def raw_stubs(channel: grpc.Channel) -> dict[str, Any]:
    """Stubs straight from the generated modules, as any G-SDK client would build them."""
    return {
        "connect": connect_pb2_grpc.ConnectStub(channel),
        "device": device_pb2_grpc.DeviceStub(channel),
        "auth": auth_pb2_grpc.AuthStub(channel),
        "user": user_pb2_grpc.UserStub(channel),
        "event": event_pb2_grpc.EventStub(channel),
        "card": card_pb2_grpc.CardStub(channel),
        "finger": finger_pb2_grpc.FingerStub(channel),
        "face": face_pb2_grpc.FaceStub(channel),
        "control": control_pb2_grpc.ControlStub(channel),
    }


@pytest.fixture(scope="session")
def stubs_for() -> Callable[[grpc.Channel], dict[str, Any]]:
    return raw_stubs


@pytest.fixture(scope="session")
def stubs(channel: grpc.Channel) -> dict[str, Any]:
    return raw_stubs(channel)


@pytest.fixture(scope="module")
def five_sim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Simulator]:
    """A simulator with one terminal of each model (models.fleet(5))."""
    with Simulator(tmp_path_factory.mktemp("five"), devices=fleet(5)) as s:
        yield s


@pytest.fixture(scope="module")
def five_channel(five_sim: Simulator) -> Iterator[grpc.Channel]:
    """A channel to five_sim with its five terminals connected."""
    creds = grpc.ssl_channel_credentials(root_certificates=five_sim.ca_file.read_bytes())
    with grpc.secure_channel(five_sim.address, creds) as ch:
        connect = connect_pb2_grpc.ConnectStub(ch)
        for spec in fleet(5):
            info = connect_pb2.ConnectInfo(IPAddr=spec.ip, port=spec.port)
            connect.Connect(connect_pb2.ConnectRequest(connectInfo=info), timeout=5)
        yield ch


@pytest.fixture(scope="module")
def five(five_channel: grpc.Channel) -> dict[str, Any]:
    """Raw stubs to the five terminals of five_sim, all connected."""
    return raw_stubs(five_channel)


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """A simulator in its own process, as the README's "Try it on the simulator"."""
    proc, started = start_lab(tmp_path_factory.mktemp("lab"))
    try:
        yield started
    finally:
        proc.terminate()
        proc.wait(timeout=10)
