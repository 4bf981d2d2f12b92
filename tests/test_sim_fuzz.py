"""Hostile input: generated requests on every RPC the simulator serves answer a clean status.

A bounded run of the fuzz harness (tests/simfuzz.py) against an in-process simulator with four
terminals, two of them never connected: a dozen generated requests per method (hypothesis,
derandomized: the same requests every run, nothing written to a hypothesis database) and a few
raw byte strings that are no request at all. A problem fails with the smallest request hypothesis
finds for it. bench/sim_fuzz.py runs the same harness for 10,000 requests and more.
"""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest

from biohil.gsdk import (
    auth_pb2,
    card_pb2,
    connect_pb2,
    device_pb2,
    event_pb2,
    face_pb2,
    finger_pb2,
    tna_pb2,
    user_pb2,
)
from biohil.simcontrol import control_pb2
from biohil.simulator import Simulator
from biohil.simulator.models import fleet
from tests import simfuzz

REQUESTS_PER_METHOD = 12
GARBAGE_PER_METHOD = 6
AFTERWARDS_PER_METHOD = 3
MODULES = (
    connect_pb2,
    device_pb2,
    auth_pb2,
    user_pb2,
    card_pb2,
    finger_pb2,
    face_pb2,
    event_pb2,
    tna_pb2,
    control_pb2,
)
# Every method of the generated modules: each is fuzzed, and the server must serve each.
PATHS = [
    f"/{service.full_name}/{method.name}"
    for module in MODULES
    for service in module.DESCRIPTOR.services_by_name.values()
    for method in service.methods
]


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[simfuzz.Harness]:
    with (
        Simulator(tmp_path_factory.mktemp("fuzz-certs"), devices=fleet(4)) as sim,
        simfuzz.open_channel(sim.address, sim.ca_file) as channel,
    ):
        yield simfuzz.Harness.open(channel)


@pytest.fixture(scope="module")
def requests(harness: simfuzz.Harness) -> simfuzz.Requests:
    return harness.requests()


def test_the_server_serves_every_method_the_fuzz_covers(harness: simfuzz.Harness) -> None:
    served = {m.path for m in harness.methods}
    assert served == set(PATHS), "reflection and the generated modules disagree"
    assert len(harness.fleet) == 4


@pytest.mark.parametrize("path", PATHS, ids=[p[1:] for p in PATHS])
def test_generated_requests_get_a_clean_status(
    harness: simfuzz.Harness, requests: simfuzz.Requests, path: str
) -> None:
    simfuzz.run_requests(harness, requests, harness.method(path), REQUESTS_PER_METHOD, raise_on_problem=True)
    assert harness.healthy() is None


@pytest.mark.parametrize("path", PATHS, ids=[p[1:] for p in PATHS])
def test_bytes_that_are_no_request_get_a_clean_status(harness: simfuzz.Harness, path: str) -> None:
    simfuzz.run_garbage(harness, harness.method(path), GARBAGE_PER_METHOD, raise_on_problem=True)
    assert harness.healthy() is None


def test_a_request_that_does_not_parse_names_its_type(harness: simfuzz.Harness) -> None:
    """Bad UTF-8 in a string field (a user ID) never reaches the handler."""
    enroll = harness.method("/gsdk.user.User/Enroll")
    info = b"\x0a\x03\x0a\x01\xff"  # UserInfo{hdr{ID: b"\xff"}}
    outcome = harness.garbage(enroll, b"\x12" + bytes([len(info)]) + info)
    assert outcome.code is grpc.StatusCode.INVALID_ARGUMENT, outcome
    assert "gsdk.user.EnrollRequest" in outcome.details


@pytest.mark.parametrize("path", ["/gsdk.user.User/NoSuchMethod", "/gsdk.nope.Nope/Get", "/"])
def test_an_unknown_method_is_unimplemented(harness: simfuzz.Harness, path: str) -> None:
    with pytest.raises(grpc.RpcError) as info:
        harness.channel.unary_unary(path)(b"", timeout=simfuzz.TIMEOUT)
    assert info.value.code() is grpc.StatusCode.UNIMPLEMENTED


def test_afterwards_the_server_answers_and_nothing_is_left_open(
    harness: simfuzz.Harness, requests: simfuzz.Requests
) -> None:
    """A round of its own over every method (problems are the tests above's to report), so that
    this holds whichever of them ran before it, in this process or another."""
    calls = harness.calls
    for path in PATHS:
        simfuzz.run_requests(harness, requests, harness.method(path), AFTERWARDS_PER_METHOD)
        simfuzz.run_garbage(harness, harness.method(path), AFTERWARDS_PER_METHOD)
    assert harness.calls - calls >= len(PATHS) * AFTERWARDS_PER_METHOD, harness.report()
    harness.reset()
    assert harness.healthy() is None
    assert harness.leftovers() is None
