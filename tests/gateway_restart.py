"""A pytest plugin that restarts the simulated gateway (control API RestartGateway) as a chosen
scenario starts, loaded into the suite with -p gateway_restart (tests/ on PYTHONPATH): the
gateway is away for a few seconds and comes back having forgotten every connection.

BIOHIL_TEST_RESTART: "PART=SECONDS": the first scenario whose test ID holds PART; the gateway is
away for SECONDS.
BIOHIL_TEST_RESTART_LOG: a file where the plugin notes the scenario it restarted the gateway in.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from biohil.client import Gateway
from biohil.simcontrol import control_pb2, control_pb2_grpc

_done: list[str] = []


@pytest.hookimpl(trylast=True)  # after the scenario's terminal is connected and monitored
def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    part, _, seconds = os.environ.get("BIOHIL_TEST_RESTART", "").partition("=")
    if not part or _done or part not in request.node.nodeid:
        return
    gateway: Gateway = request.getfixturevalue("rig").gateway
    control: Any = control_pb2_grpc.ControlStub(gateway.channel)
    control.RestartGateway(control_pb2.RestartGatewayRequest(downSeconds=float(seconds)), timeout=10)
    _done.append(request.node.nodeid)
    with open(os.environ["BIOHIL_TEST_RESTART_LOG"], "a") as log:
        log.write(f"{request.node.nodeid}\n")
