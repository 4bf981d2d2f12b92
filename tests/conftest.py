"""A simulator per test session, and a client channel built from the generated modules."""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest

from biohil.client import Gateway
from biohil.simulator import Simulator
from biohil.simulator.models import DEFAULT_DEVICES, DeviceSpec


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
