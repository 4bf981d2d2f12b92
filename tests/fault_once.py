"""A pytest plugin that makes one gateway call fail through the simulator's fault control API
as a chosen scenario starts, loaded into the suite with -p fault_once (tests/ on PYTHONPATH) by
the report's tests: the infrastructure failure the report must show in its own group.

BIOHIL_TEST_FAULT: "PART=METHOD": the first scenario whose test ID holds PART gets its next
METHOD call (e.g. User/Enroll) answered UNAVAILABLE.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from biohil.client import Gateway
from biohil.simcontrol import control_pb2, control_pb2_grpc

_done: list[str] = []


@pytest.hookimpl(trylast=True)  # after the result is opened and the terminal connected
def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    part, _, method = os.environ.get("BIOHIL_TEST_FAULT", "").partition("=")
    if not part or _done or part not in request.node.nodeid:
        return
    gateway: Gateway = request.getfixturevalue("rig").gateway
    control: Any = control_pb2_grpc.ControlStub(gateway.channel)
    control.InjectFault(control_pb2.InjectFaultRequest(method=method, count=1, code=14), timeout=10)
    _done.append(request.node.nodeid)
